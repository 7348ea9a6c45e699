"""Request-scoped helpers: who is asking (session or API token), CSRF, redirects."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import (
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
)
from starlette.datastructures import FormData

from review.auth import token_hash
from store.db import session_scope
from store.users import ROLES, by_name, by_token_hash

SESSION_USER = "user"
SESSION_CSRF = "csrf"


@dataclass(frozen=True)
class CurrentUser:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class LoginRequired(Exception):
    """Raised by page dependencies; answered with a 303 to /login."""

    def __init__(self, next_url: str = "/") -> None:
        super().__init__(next_url)
        self.next_url = next_url


def db_url(request: Request) -> str:
    return str(request.app.state.db_url)


def _lookup(url: str, name: str) -> CurrentUser | None:
    with session_scope(url) as session:
        user = by_name(session, name)
        if user is None or user.role not in ROLES:
            return None
        return CurrentUser(name=user.name, role=user.role)


def current_user(request: Request) -> CurrentUser:
    """The signed-in user, looked up afresh so a removed account or changed role counts now."""
    name = request.session.get(SESSION_USER)
    user = _lookup(db_url(request), name) if isinstance(name, str) else None
    if user is None:
        request.session.pop(SESSION_USER, None)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target if request.method == "GET" else "/")
    return user


def require_admin(user: Annotated[CurrentUser, Depends(current_user)]) -> CurrentUser:
    if not user.is_admin:
        raise HTTPException(status_code=403, detail="This page is for administrators.")
    return user


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


async def _checked(request: Request) -> FormData:
    form = await request.form()
    sent = form.get("csrf")
    expected = request.session.get(SESSION_CSRF)
    if not (isinstance(sent, str) and isinstance(expected, str) and expected
            and secrets.compare_digest(sent.encode(), expected.encode())):
        raise HTTPException(status_code=403, detail="Missing or wrong CSRF token: reload the page "
                            "and try again.")
    return form


async def checked_form(request: Request) -> dict[str, str]:
    """The posted form, once its CSRF field matches the session's token (403 otherwise)."""
    form = await _checked(request)
    return {key: value for key, value in form.items() if isinstance(value, str)}


async def checked_form_lists(request: Request) -> dict[str, list[str]]:
    """Like checked_form, keeping every value of a repeated field (ticked checkboxes)."""
    form = await _checked(request)
    out: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            out.setdefault(key, []).append(value)
    return out


def safe_next(url: str | None, default: str = "/") -> str:
    """Only same-site paths: never an open redirect. Whitespace and control characters are
    refused too: browsers drop a tab or newline from a URL, so "/", a tab, "/evil.example"
    would become "//evil.example" anywhere it is not percent-encoded on the way out."""
    if (not url or not url.startswith("/") or url.startswith("//") or "\\" in url
            or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url)):
        return default
    return url


_bearer = HTTPBearer(auto_error=False, description="An API token from `claimwatch users add`.")


def _token_user(request: Request, token: str) -> CurrentUser | None:
    with session_scope(db_url(request)) as session:
        user = by_token_hash(session, token_hash(token))
        if user is None or user.role not in ROLES:
            return None
        return CurrentUser(name=user.name, role=user.role)


def api_user(request: Request,
             credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
             ) -> CurrentUser:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(status_code=401, detail="An API token is needed: "
                            "Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": 'Bearer realm="claimwatch"'})
    found = _token_user(request, credentials.credentials)
    if found is None:
        raise HTTPException(status_code=401, detail="Unknown API token.",
                            headers={"WWW-Authenticate":
                                     'Bearer realm="claimwatch", error="invalid_token"'})
    return found


ApiUser = Annotated[CurrentUser, Depends(api_user)]


_basic = HTTPBasic(auto_error=False, description="Any user name, an API token as the password "
                   "(for feed readers).")


def feed_user(request: Request,
              bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
              basic: Annotated[HTTPBasicCredentials | None, Depends(_basic)]) -> CurrentUser:
    """For the feed: the signed-in session, a bearer token, or HTTP Basic with the API
    token as the password, which is what feed readers know how to send."""
    name = request.session.get(SESSION_USER)
    if isinstance(name, str):
        found = _lookup(db_url(request), name)
        if found is not None:
            return found
    token = bearer.credentials if bearer is not None else (basic.password if basic else "")
    found = _token_user(request, token) if token else None
    if found is None:
        raise HTTPException(status_code=401, detail="Sign in, or send an API token (Bearer, or "
                            "as the Basic password).",
                            headers={"WWW-Authenticate": 'Basic realm="claimwatch feed"'})
    return found


FeedUser = Annotated[CurrentUser, Depends(feed_user)]
