"""``POST /api/v1/ingest``: upload one file into the served store (absent unless enabled).

The route exists only when the server was started with ``tradestats serve --allow-ingest`` and
a token in ``TRADESTATS_INGEST_TOKEN`` (at least 32 characters). A request carries the token as
``Authorization: Bearer <token>`` (compared in constant time, before the body is read) and the
file as the raw request body (at most ``max_bytes``). The file goes through the normal ingest
(``tradestats.ingest.ingest_files``) as one batch, with the mode (new, append, replace), the
format and ``allow_rejects`` as query parameters; the answer is the reconciliation report.
A file the ingest refuses gives 422 with the ingest's message, and nothing is committed.

Example:
    curl -X POST -H "Authorization: Bearer $TRADESTATS_INGEST_TOKEN" \\
         --data-binary @jan.csv "http://127.0.0.1:8000/api/v1/ingest?filename=jan.csv&mode=append"
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Header, Request
from fastapi import Query as Param
from fastapi.responses import Response

from tradestats.errors import (
    StoreBusy,
    StoreDamaged,
    StoreError,
    TradestatsError,
    UsageError,
    ValidationFailed,
)
from tradestats.web.errors import ApiError, hide_paths

MIN_TOKEN = 32
TOKEN_ENV = "TRADESTATS_INGEST_TOKEN"
SAFE_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$"  # a file name, never a path


@dataclass(frozen=True)
class IngestConfig:
    """Where uploads go, the token that allows them, and the largest upload in bytes.

    >>> IngestConfig(Path("s"), "x" * 40).max_bytes
    67108864
    >>> IngestConfig(Path("s"), "short")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tradestats.errors.UsageError: the ingest token is 5 characters, fewer than 32 (make one ...)
    """

    store: Path
    token: str
    max_bytes: int = 64 * 2**20

    def __post_init__(self) -> None:
        if len(self.token) < MIN_TOKEN:
            raise UsageError(
                f"the ingest token is {len(self.token)} characters, fewer than {MIN_TOKEN}",
                hint='make one with `python -c "import secrets; print(secrets.token_urlsafe(32))"`',
            )


class IngestMode(StrEnum):
    NEW = "new"
    APPEND = "append"
    REPLACE = "replace"


class SourceFormat(StrEnum):
    auto = "auto"
    canonical = "canonical"
    comtrade = "comtrade"
    baci = "baci"
    comext = "comext"
    cn_customs = "cn-customs"


def authorize(header: str | None, token: str) -> None:
    """ApiError 401 unless ``header`` is ``Bearer <token>`` (constant-time comparison)."""
    scheme, _, given = (header or "").partition(" ")
    ok = hmac.compare_digest(given.strip().encode(), token.encode())
    if scheme.lower() != "bearer" or not ok:
        raise ApiError(
            401, "unauthorized", "this endpoint needs the ingest token", "Authorization: Bearer ..."
        )


async def _receive(request: Request, path: Path, most: int) -> int:
    """Write the request body to ``path``; ApiError 413 past ``most`` bytes."""
    size = 0
    with path.open("wb") as fh:
        async for chunk in request.stream():
            size += len(chunk)
            if size > most:
                raise ApiError(413, "payload_too_large", f"upload over {most} bytes")
            fh.write(chunk)
    return size


def _ingest(
    config: IngestConfig,
    path: Path,
    mode: str,
    fmt: str,
    allow_rejects: bool,
    reporter: str | None,
    note: str | None,
) -> str:
    """Run the normal ingest (in a worker thread); the report as JSON (upload paths shown as
    the file's name)."""
    from tradestats.adapters.base import Options
    from tradestats.ingest import ingest_files

    report = ingest_files(
        config.store, [path], mode=mode, allow_rejects=allow_rejects, fmt=fmt,
        options=Options(reporter=reporter), note=note or f"uploaded over HTTP as {path.name}",
    )  # fmt: skip
    return report.dumps().replace(str(path), path.name)


def _refusal(err: TradestatsError, upload: Path, name: str, store: Path) -> ApiError:
    """The ApiError for an ingest that committed nothing; temporary paths become the name, and
    the store's path its folder's name."""
    message = err.message.replace(str(upload), name).replace(str(upload.parent), "upload")
    message = hide_paths(message, store) or ""
    hint = hide_paths(err.hint, store)
    if isinstance(err, ValidationFailed):
        report = getattr(err, "report", None)
        details: list[dict[str, Any]] | None = None
        if report is not None and hasattr(report, "dumps"):
            details = [{"report": json.loads(report.dumps().replace(str(upload), name))}]
        return ApiError(422, "ingest_refused", message, hint, details)
    if isinstance(err, StoreBusy):
        return ApiError(409, "store_busy", message, hint)
    if isinstance(err, StoreDamaged):
        return ApiError(503, "store_damaged", message, hint)
    if isinstance(err, StoreError):
        return ApiError(503, "store_unavailable", message, hint)
    return ApiError(400, "bad_request", message, hint)


def ingest_router(config: IngestConfig) -> APIRouter:
    """The router with ``POST /ingest`` bound to ``config``."""
    router = APIRouter(tags=["ingest"])
    body = {"type": "string", "format": "binary"}
    media = ("text/csv", "application/json", "application/octet-stream")
    extra = {"requestBody": {"required": True, "content": {m: {"schema": body} for m in media}}}

    @router.post(
        "/ingest",
        summary="Ingest one uploaded file into the store (token required)",
        openapi_extra=extra,
        responses={401: {"description": "no or wrong token"}, 413: {"description": "too large"},
                   422: {"description": "the ingest refused the file; nothing committed"}},
    )  # fmt: skip
    async def ingest(
        request: Request,
        authorization: Annotated[str | None, Header()] = None,
        filename: Annotated[str, Param(pattern=SAFE_NAME, description="The file's name.")] = (
            "upload.csv"
        ),
        mode: IngestMode = IngestMode.NEW,
        format: SourceFormat = SourceFormat.auto,
        allow_rejects: bool = False,
        reporter: Annotated[str | None, Param(pattern=r"^[A-Za-z]{3}$")] = None,
        note: Annotated[str | None, Param(max_length=500)] = None,
    ) -> Response:
        """Write the uploaded file to the store as one batch (``tradestats ingest`` semantics:
        mode ``new``, ``append`` or ``replace``); answer its reconciliation report.

        Example: `POST /api/v1/ingest?filename=jan.csv&mode=append` with the file as the body
        and `Authorization: Bearer <token>`.
        """
        authorize(authorization, config.token)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > config.max_bytes:
            raise ApiError(413, "payload_too_large", f"upload over {config.max_bytes} bytes")
        with tempfile.TemporaryDirectory(prefix="ts-upload-") as tmp:
            path = Path(tmp) / filename
            if await _receive(request, path, config.max_bytes) == 0:
                raise ApiError(400, "empty_upload", "the request body (the file) is empty")
            try:
                text = await anyio.to_thread.run_sync(
                    _ingest, config, path, mode.value, format.value, allow_rejects, reporter,
                    note,
                )  # fmt: skip
            except TradestatsError as err:
                raise _refusal(err, path, filename, Path(config.store)) from None
        return Response(text, media_type="application/json")

    return router


def safe_name(name: str) -> bool:
    """True for a plain file name (what ``filename`` accepts).

    >>> safe_name("jan.csv"), safe_name("../etc/passwd"), safe_name(".hidden")
    (True, False, False)
    """
    return re.fullmatch(SAFE_NAME, name) is not None
