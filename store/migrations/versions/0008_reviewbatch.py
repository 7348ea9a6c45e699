"""reviewbatch: a batch id on review_events, so a bulk decision is undone as one

Revision ID: 0008_reviewbatch
Revises: 0007_conflictmarks
Create Date: 2026-11-24 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_reviewbatch'
down_revision = '0007_conflictmarks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the events one action of one person made together (a bulk decision, the undo of one);
    # null for a decision on a single finding, as every event before this revision was
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch_id', sa.String(length=32), nullable=True))
        batch_op.create_index('ix_review_events_batch_id', ['batch_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.drop_index('ix_review_events_batch_id')
        batch_op.drop_column('batch_id')
