"""Errors that front ends turn into a clear message and an exit code, never a traceback.

Example:
    >>> err = UsageError("unknown group 'aesan'", hint="did you mean 'asean'?")
    >>> str(err)
    "unknown group 'aesan' (did you mean 'asean'?)"
"""

from __future__ import annotations

from collections.abc import Sequence


class TradestatsError(Exception):
    """Base of every error tradestats reports to a user; ``exit_code`` is what the CLI returns."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} ({hint})" if hint else message)


class UsageError(TradestatsError):
    """The caller asked for something that does not exist or makes no sense (exit code 2)."""


class BadParameter(UsageError):
    """A parameter of a question holds a value the query model does not accept (an unknown
    measure, group or period form); ``param`` names it (``period``, ``partner`` ...).

    >>> BadParameter("colour", "unknown parameter 'colour'").param
    'colour'
    """

    def __init__(self, param: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.param = param


class NoData(UsageError):
    """The question is well formed, but the store holds no data for it (a period, a reporter)."""


class Unsupported(UsageError):
    """The question is well formed, but the data cannot answer it (product detail finer than
    the rows, quantities in different units, enterprises without ids ...)."""


class StoreError(TradestatsError):
    """The store cannot be opened, written or read as asked (exit code 2)."""


class Cancelled(TradestatsError):
    """The work was stopped on request (a server's time limit) before it finished; nothing it
    computed is kept."""


class StoreBusy(StoreError):
    """Another process is writing the store or folder (exit code 2): nothing was done."""


class StoreDamaged(StoreError):
    """The store's manifests or data files are not those committed (exit code 3); reads of
    the damaged part are refused. ``problems`` says each thing wrong (``tradestats verify``).
    """

    exit_code = 3
    problems: Sequence[object] = ()


class InternalError(TradestatsError):
    """Something tradestats did not foresee went wrong (a bug; exit code 4). A writer's
    message says whether its batch was committed."""

    exit_code = 4


class ValidationFailed(TradestatsError):
    """Input rows broke the record rules and nothing was committed (exit code 1).

    ``report`` holds the ingest's reconciliation report when rows were read.
    """

    exit_code = 1
    report: object | None = None
