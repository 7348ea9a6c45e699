from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from store.db import engine_for
from store.models import Base

config = context.config
url: str = config.get_main_option("sqlalchemy.url") or ""
assert url, "sqlalchemy.url is not set"


def run_migrations() -> None:
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_for(url) if url.startswith("sqlite") else None
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=url.startswith("sqlite"))
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
