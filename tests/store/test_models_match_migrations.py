"""The SQLAlchemy models and the Alembic migrations describe the same schema, on both
databases: a column added to one and not the other fails here, not in production."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from store.db import engine_for
from store.models import Base


def test_models_match_the_migrated_schema(db_url: str) -> None:
    with engine_for(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
