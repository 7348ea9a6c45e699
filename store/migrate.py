"""Alembic, driven from code so `claimwatch db upgrade` needs no alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _config(url: str, secret: str | None) -> Config:
    config = alembic_config(url)
    if secret:
        # for 0010_channelurls, which seals the alert channel URLs under it (and refuses a
        # database with channels without it)
        config.attributes["secret"] = secret
    return config


def upgrade(url: str, revision: str = "head", *, secret: str | None = None) -> None:
    command.upgrade(_config(url, secret), revision)


def downgrade(url: str, revision: str, *, secret: str | None = None) -> None:
    command.downgrade(_config(url, secret), revision)
