"""worker: per-host politeness slots and periodic job leases

Revision ID: 0004_worker
Revises: 0003_refobs
Create Date: 2026-11-22 17:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_worker'
down_revision = '0003_refobs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'host_slots',
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('next_allowed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('host'),
    )
    op.create_table(
        'job_runs',
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('next_run_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_result', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('job_runs')
    op.drop_table('host_slots')
