"""HTML pages: the explorer, the bulletin and check pages, and the API docs; all offline.

The docs page is FastAPI's Swagger UI pointed at the vendored swagger-ui-dist files (no CDN,
no online validator).

Example:
    GET /          the explorer
    GET /bulletin  the bulletin of a period (when tradestats.bulletin is installed)
    GET /check     paste an article, see its claims checked (when tradestats.checker is)
    GET /docs      interactive API documentation
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tradestats import __version__
from tradestats.web.errors import ApiError

WEB_DIR = Path(__file__).resolve().parents[1]
STATIC_DIR = WEB_DIR / "static"
templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
SWAGGER = "/static/vendor/swagger-ui"
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, page: str, heading: str) -> HTMLResponse:
    features = getattr(request.app.state, "features", {})
    context = {
        "version": __version__,
        "page": page,
        "heading": heading,
        "has_bulletin": features.get("bulletin", False),
        "has_check": features.get("check", False),
    }
    response = templates.TemplateResponse(request, template, context)
    response.headers["Content-Security-Policy"] = CSP  # vega needs eval; nothing leaves 'self'
    return response


def _require(request: Request, feature: str) -> None:
    if not getattr(request.app.state, "features", {}).get(feature, False):
        raise ApiError(404, "not_found", f"the {feature} feature is not installed")


@router.get("/", response_class=HTMLResponse)
async def dashboard(request: Request) -> HTMLResponse:
    """The explorer: filters, linked charts and the table behind them."""
    return _page(request, "dashboard.html", "explorer", "explorer")


@router.get("/bulletin", response_class=HTMLResponse)
async def bulletin_page(request: Request) -> HTMLResponse:
    """Pick a period and a language; the bulletin is shown in a sandboxed frame."""
    _require(request, "bulletin")
    return _page(request, "bulletin.html", "bulletin", "bulletin")


@router.get("/check", response_class=HTMLResponse)
async def check_page(request: Request) -> HTMLResponse:
    """Paste an article; see each numeric claim highlighted by its verdict."""
    _require(request, "check")
    return _page(request, "check.html", "check", "claim check")


@router.get("/docs", response_class=HTMLResponse)
async def docs() -> HTMLResponse:
    """Swagger UI from the vendored files."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="tradestats API",
        swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )
