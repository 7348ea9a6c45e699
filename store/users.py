"""Accounts and API tokens (stored hashed)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import User

ROLES = ("reviewer", "admin")


def add_user(session: Session, name: str, role: str, password_hash: str,
             token_hash: str | None) -> User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        user = User(name=name)
        session.add(user)
    user.role, user.password_hash, user.api_token_hash = role, password_hash, token_hash
    session.flush()
    return user


def by_name(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def by_token_hash(session: Session, token_hash: str) -> User | None:
    return session.scalar(select(User).where(User.api_token_hash == token_hash))


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(User)) or 0)
