"""Errors that front ends turn into a clear message and an exit code, never a traceback.

Every message is capped here, in one place: a value from the input is shown by ``quoted`` (cut
to ``MAX_VALUE`` characters, saying how long it was), a list by ``listed`` (its first items,
saying how many), and a whole message, hint included, holds at most ``MAX_MESSAGE`` characters
(``capped``: a 1 MB field or a header of 50,000 columns never becomes a 1 MB message). What is
cut from a message is kept elsewhere when it matters: a failed ingest's report and quarantine
hold every problem, ``StoreDamaged.problems`` every damage.

Example:
    >>> err = UsageError("unknown group 'aesan'", hint="did you mean 'asean'?")
    >>> str(err)
    "unknown group 'aesan' (did you mean 'asean'?)"
    >>> str(UsageError(f"unknown partner {quoted('X' * 100, limit=3)}"))
    "unknown partner 'XXX…' (100 characters)"
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MAX_MESSAGE = 2_000  # characters of one user-facing message, hint included
MAX_HINT = 500  # characters of a hint
MAX_VALUE = 80  # characters of one value from the input shown in a message
MAX_ITEMS = 10  # items of a list shown in a message


def quoted(value: object, limit: int = MAX_VALUE) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters saying how long it was.

    >>> quoted("USA")
    "'USA'"
    >>> quoted("Q" * 1_000_000, limit=5)
    "'QQQQQ…' (1,000,000 characters)"
    """
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    shown = repr(text[:limit])
    return f"{shown[:-1]}…{shown[-1]} ({len(text):,} characters)"


def listed(items: Iterable[object], limit: int = MAX_ITEMS, quote: bool = True) -> str:
    """The first ``limit`` items, comma-separated (each ``quoted`` unless ``quote`` is false),
    saying how many were left out.

    >>> listed(["a", "b"])
    "'a', 'b'"
    >>> listed(range(1, 50_001), limit=3, quote=False)
    '1, 2, 3, … (49,997 more)'
    """
    values = list(items)
    head = [quoted(v) if quote else _cut(str(v), MAX_VALUE) for v in values[:limit]]
    more = len(values) - len(head)
    return ", ".join(head) + (f", … ({more:,} more)" if more else "")


def _cut(line: str, limit: int) -> str:
    """One line cut to at most ``limit`` characters, its head and tail kept."""
    if len(line) <= limit:
        return line
    marker = f" ... ({len(line):,} characters left out) ... "
    half = max(limit - len(marker), 0) // 2
    left = len(line) - 2 * half
    return f"{line[:half]} ... ({left:,} characters left out) ... {line[len(line) - half :]}"


def capped(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to at most ``limit`` characters, saying how much was left out: a long line
    keeps its head and tail; a message of many lines keeps its first lines and its last (a
    list of problems still shows the first ones and what follows them).

    >>> capped("a" * 30 + "b" * 30, limit=50)
    'aaaaaaaa ... (44 characters left out) ... bbbbbbbb'
    >>> print(capped("\\n".join(f"line {i}" for i in range(1, 101)), limit=60))
    line 1
    line 2
    line 3
      … (96 lines left out)
    line 100
    """
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    if len(lines) == 1:
        return _cut(text, limit)
    lines = [_cut(line, limit // 2) for line in lines]
    if sum(map(len, lines)) + len(lines) - 1 <= limit:
        return "\n".join(lines)
    budget = limit - len(lines[-1]) - 26  # room for the line saying what was left out
    kept: list[str] = []
    for line in lines[:-1]:
        budget -= len(line) + 1
        if budget < 0:
            break
        kept.append(line)
    left = len(lines) - 1 - len(kept)
    return "\n".join([*kept, f"  … ({left:,} lines left out)", lines[-1]])


class TradestatsError(Exception):
    """Base of every error tradestats reports to a user; ``exit_code`` is what the CLI returns."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.hint = capped(hint, MAX_HINT) if hint is not None else None
        room = MAX_MESSAGE - (len(self.hint) + 3 if self.hint else 0)
        self.message = capped(message, room)
        super().__init__(f"{self.message} ({self.hint})" if self.hint else self.message)


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


class InputRefused(ValidationFailed):
    """An input file cannot be read through, so no row of it was judged (a row longer than
    the CSV reader takes at once): the file is refused whole and nothing was committed (exit
    code 2, an input-file error; over HTTP a 422 like every refused ingest)."""

    exit_code = 2
