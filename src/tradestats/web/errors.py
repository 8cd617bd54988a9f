"""One JSON error envelope for every error the HTTP API returns.

Every failure, whatever raised it, leaves the server as::

    {"error": {"status": 422, "code": "invalid_parameter",
               "message": "top: Input should be less than or equal to 1000",
               "hint": null, "details": [...]}}

Status rules: 422 for a parameter that fails its type or bounds (``top=abc``); 400 for a value
the query model does not accept (``invalid_parameter``, naming the parameter: an unknown
parameter, measure, group or period form) and for a question the data cannot answer
(``unsupported``); 404 for an unknown path or resource, or a question the store holds no data
for (``no_data``); 413/414 for oversized requests; 503 when the per-request time limit is
exceeded, or when the store cannot be read (``store_unavailable``) or is damaged
(``store_damaged``: a manifest or a data file is not the one committed; ``tradestats verify``
says which). 500 is reserved for bugs. The engine's typed errors decide the status: no route
re-decides what can be asked. No message holds the store's absolute path: it is written as the
store folder's name.

Example:
    >>> ApiError(404, "not_found", "unknown indicator 'x'").status
    404
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from tradestats.errors import (
    MAX_HINT,
    MAX_MESSAGE,
    BadParameter,
    NoData,
    StoreDamaged,
    StoreError,
    TradestatsError,
    Unsupported,
    capped,
)

log = logging.getLogger("tradestats.web")

HTTP_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    411: "length_required",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    429: "too_many_requests",
    503: "timeout",
}


class ErrorDetail(BaseModel):
    """The body of an error: HTTP status, a stable code, a message for people, a hint."""

    status: int
    code: str
    message: str
    hint: str | None = None
    details: list[dict[str, Any]] | None = None


class ErrorEnvelope(BaseModel):
    """What every error response holds: ``{"error": {...}}``."""

    error: ErrorDetail


MAX_ITEMS_DETAILS = 20  # details of one error response

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": code.replace("_", " ")}
    for status, code in HTTP_CODES.items()
    if status in (400, 404, 422, 503)
}


class ApiError(Exception):
    """An error with its HTTP status; raised by routes, rendered as the envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        hint: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.hint, self.details = hint, details

    @classmethod
    def from_usage(cls, err: TradestatsError, status: int = 400, code: str = "") -> ApiError:
        """Wrap a library error (its message and hint) with an HTTP status."""
        return cls(status, code or HTTP_CODES.get(status, "bad_request"), err.message, err.hint)


def from_library(err: TradestatsError) -> ApiError:
    """The HTTP form of an engine error, by its type (see the status rules above).

    >>> from_library(NoData("no data for 2022")).status
    404
    >>> from_library(BadParameter("flow", "unknown flow 'exp'")).details
    [{'loc': 'flow', 'msg': "unknown flow 'exp'"}]
    """
    if isinstance(err, BadParameter):
        detail = [{"loc": err.param, "msg": err.message}]
        return ApiError(400, "invalid_parameter", err.message, err.hint, details=detail)
    if isinstance(err, NoData):
        return ApiError(404, "no_data", err.message, err.hint)
    if isinstance(err, Unsupported):
        return ApiError(400, "unsupported", err.message, err.hint)
    return ApiError.from_usage(err)


def envelope(err: ApiError) -> JSONResponse:
    """The JSON response of an ApiError; its message, hint and details capped as every
    message is (``errors.capped``): a request holding a 1 MB value gets no 1 MB answer.

    >>> len(envelope(ApiError(400, "bad_request", "x" * 10**6)).body) < 2_100
    True
    """
    details = err.details
    if details is not None:
        more = len(details) - MAX_ITEMS_DETAILS
        details = [
            {k: capped(v, MAX_HINT) if isinstance(v, str) else v for k, v in d.items()}
            for d in details[:MAX_ITEMS_DETAILS]
        ] + ([{"loc": "request", "msg": f"… ({more:,} more)"}] if more > 0 else [])
    body = ErrorEnvelope(
        error=ErrorDetail(
            status=err.status,
            code=err.code,
            message=capped(err.message, MAX_MESSAGE),
            hint=capped(err.hint, MAX_HINT) if err.hint is not None else None,
            details=details,
        )
    )
    return JSONResponse(body.model_dump(), status_code=err.status)


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body") and not isinstance(p, int)]
    return ".".join(parts) or ("body" if "body" in loc else "request")


def _validation(errors: list[Any]) -> ApiError:
    details = [{"loc": _loc(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in errors]
    message = "; ".join(f"{d['loc']}: {d['msg']}" for d in details[:5]) or "invalid request"
    return ApiError(422, "invalid_parameter", message, details=details)


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    root = served_root(request)
    exc.message = hide_paths(exc.message, root) or ""
    exc.hint = hide_paths(exc.hint, root)
    return envelope(exc)


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return envelope(_validation(list(exc.errors())))


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "error")
    message = str(exc.detail) if exc.detail else code.replace("_", " ")
    if exc.status_code in (404, 405):
        message = f"{message.lower()}: {request.method} {request.url.path}"
    response = envelope(ApiError(exc.status_code, code, message))
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


def served_root(request: Request) -> Path | None:
    """The served store's directory (None when the app serves a test fake)."""
    ctx = getattr(request.app.state, "tradestats", None)
    root = getattr(getattr(getattr(ctx, "pool", None), "store", None), "root", None)
    return Path(root) if root is not None else None


def hide_paths(text: str | None, root: Path | None) -> str | None:
    """``text`` with the store's absolute path written as its folder's name: an HTTP client
    learns nothing of the server's file system.

    >>> hide_paths("cannot read /srv/data/store/manifest", Path("/srv/data/store"))
    'cannot read store/manifest'
    """
    if text is None or root is None:
        return text
    forms = {str(root), str(root.absolute())}
    with contextlib.suppress(OSError, RuntimeError):
        forms.add(str(root.resolve()))
    for form in sorted(forms, key=len, reverse=True):
        if form not in ("", ".", "/"):
            text = text.replace(form, root.name or "store")
    return text


async def _on_library(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TradestatsError)
    root = served_root(request)
    message, hint = hide_paths(exc.message, root) or "", hide_paths(exc.hint, root)
    if isinstance(exc, StoreDamaged):
        log.error("store damaged: %s", exc)
        return envelope(ApiError(503, "store_damaged", message, hint))
    if isinstance(exc, StoreError):
        log.error("store error: %s", exc)
        return envelope(ApiError(503, "store_unavailable", message, hint))
    err = from_library(exc)
    err.message, err.hint = message, hint
    return envelope(err)


async def _on_crash(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return envelope(ApiError(500, "internal_error", "internal error; see the server log"))


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception type to the envelope.

    >>> install_error_handlers(FastAPI())
    """
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(TradestatsError, _on_library)
    app.add_exception_handler(Exception, _on_crash)
