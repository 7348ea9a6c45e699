"""The review web app: `uvicorn review.app:create_app --factory`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from claimwatch.settings import Settings, get_settings
from review import api, exports, failures, metrics, overview, pages
from review.alert_admin import router as alert_admin_router
from review.auth import LoginLimiter
from review.deps import LoginRequired
from review.present import http_url
from review.schemas import Health
from store.db import session_scope
from store.review_queries import ping
from verifier.formatting import describe_period, format_value

HERE = Path(__file__).resolve().parent
SESSION_MAX_AGE = 8 * 3600

# Our pages load nothing from elsewhere and run only our own script file.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def make_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["value"] = _format_value
    env.filters["period"] = describe_period
    env.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else ""
    return Jinja2Templates(env=env)


def _format_value(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return "—"
    return format_value(value, unit or "count")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="claimwatch review", version="0.1.0", docs_url=None, redoc_url=None,
                  description="The review queue's JSON API. Send `Authorization: Bearer <token>`.")
    app.state.settings = settings
    app.state.db_url = settings.db_url
    app.state.limiter = LoginLimiter()
    app.state.templates = make_templates()

    # served over https (CLAIMWATCH_PUBLIC_URL says so): the cookie never goes out in clear
    https = settings.base_url.lower().startswith("https://")
    app.add_middleware(SessionMiddleware, secret_key=settings.session_secret(),
                       session_cookie="claimwatch_session", max_age=SESSION_MAX_AGE,
                       same_site="lax", https_only=https)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if https:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        target = "/login" if exc.next_url == "/" else f"/login?next={quote(exc.next_url)}"
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        accept = request.headers.get("accept", "")
        wants_json = request.url.path.startswith("/api/") or (
            "application/json" in accept and "text/html" not in accept)
        if wants_json:
            return await http_exception_handler(request, exc)
        return pages.render(request, "error.html", {"status": exc.status_code,
                                                    "message": str(exc.detail)},
                            status_code=exc.status_code, headers=exc.headers)

    @app.get("/healthz", response_model=Health, tags=["health"])
    def healthz() -> Response:
        """Ok when the database answers."""
        try:
            with session_scope(settings.db_url) as session:
                ok = ping(session)
        except Exception:
            ok = False
        if ok:
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": "error"}, status_code=503)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(overview.router)
    app.include_router(exports.router)
    app.include_router(api.router)
    app.include_router(exports.api_router)
    app.include_router(metrics.router)
    app.include_router(alert_admin_router)
    app.include_router(failures.router)
    return app
