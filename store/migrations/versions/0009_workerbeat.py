"""workerbeat: a heartbeat row per running worker, so status sees workers on any broker

Revision ID: 0009_workerbeat
Revises: 0008_reviewbatch
Create Date: 2026-11-24 12:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_workerbeat'
down_revision = '0008_reviewbatch'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'worker_heartbeats',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('hostname', sa.String(length=255), nullable=False),
        sa.Column('pid', sa.Integer(), nullable=False),
        sa.Column('queues', sa.String(length=500), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hostname', 'pid', name='uq_worker_heartbeats_host_pid'),
    )
    op.create_index('ix_worker_heartbeats_last_seen', 'worker_heartbeats', ['last_seen'])


def downgrade() -> None:
    op.drop_index('ix_worker_heartbeats_last_seen', table_name='worker_heartbeats')
    op.drop_table('worker_heartbeats')
