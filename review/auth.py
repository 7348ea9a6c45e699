"""Passwords (argon2), API tokens (stored as SHA-256), accounts and the login rate limit."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from store.db import session_scope
from store.users import ROLES, add_user

_hasher = PasswordHasher()
# Verified against when the user name is unknown, so both paths cost the same.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(pw: str) -> str:
    return _hasher.hash(pw)


def verify_password(hash: str, pw: str) -> bool:
    try:
        return _hasher.verify(hash, pw)
    except (VerificationError, InvalidHashError):
        return False


def burn_verify(pw: str) -> None:
    """Spend the time of a real verification (for unknown user names)."""
    verify_password(_DUMMY_HASH, pw)


def new_api_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(db_url: str, name: str, role: str, password: str) -> str:
    """Create or update an account with a fresh API token; returns the token in clear, once."""
    name = name.strip()
    if not name:
        raise ValueError("user name is empty")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not password:
        raise ValueError("password is empty")
    token = new_api_token()
    with session_scope(db_url) as session:
        add_user(session, name, role, hash_password(password), token_hash(token))
    return token


class LoginLimiter:
    """Failed logins in a sliding window, per (client IP, user name) and per client IP.

    In memory, so per web process: enough for the single-process web app; a
    deployment with several web processes multiplies the allowance by their number.
    """

    def __init__(self, max_failures: int = 5, window_seconds: float = 300.0,
                 max_per_ip: int = 20, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.max_per_ip = max_per_ip
        self.window = window_seconds
        self.clock = clock
        self._failures: dict[tuple[str, ...], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, ...]) -> deque[float]:
        now = self.clock()
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and now - times[0] >= self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def blocked(self, ip: str, name: str) -> bool:
        with self._lock:
            return (len(self._recent((ip, name.lower()))) >= self.max_failures
                    or len(self._recent((ip,))) >= self.max_per_ip)

    def fail(self, ip: str, name: str) -> None:
        now = self.clock()
        with self._lock:
            for key in ((ip, name.lower()), (ip,)):
                self._failures.setdefault(key, deque()).append(now)

    def succeed(self, ip: str, name: str) -> None:
        with self._lock:
            self._failures.pop((ip, name.lower()), None)
