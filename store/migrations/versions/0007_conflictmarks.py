"""conflictmarks: keys whose claims changed since cross-source conflicts were last checked

Revision ID: 0007_conflictmarks
Revises: 0006_alerts
Create Date: 2026-11-23 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_conflictmarks'
down_revision = '0006_alerts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'conflict_marks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indicator', sa.String(length=80), nullable=False),
        sa.Column('geography', sa.String(length=20), nullable=False),
        sa.Column('period', sa.String(length=20), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('conflict_marks')
