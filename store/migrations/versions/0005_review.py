"""review: keyset-pagination indexes on findings, undo links in the audit trail

Revision ID: 0005_review
Revises: 0004_worker
Create Date: 2026-11-22 18:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_review'
down_revision = '0004_worker'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The queue reads findings in (severity, created_at, id) order, newest and worst first,
    # with or without a status filter; these two indexes serve both as keyset ranges.
    op.drop_index('ix_finding_queue', table_name='findings')
    op.create_index('ix_finding_status_rank', 'findings',
                    ['status', 'severity', 'created_at', 'id'], unique=False)
    op.create_index('ix_finding_rank', 'findings', ['severity', 'created_at', 'id'], unique=False)
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('undoes_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_review_events_undoes', 'review_events', ['undoes_id'],
                                    ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_review_events_user', ['user', 'id'], unique=False)
        batch_op.create_index('ix_review_events_undoes_id', ['undoes_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.drop_index('ix_review_events_undoes_id')
        batch_op.drop_index('ix_review_events_user')
        batch_op.drop_constraint('fk_review_events_undoes', type_='foreignkey')
        batch_op.drop_column('undoes_id')
    op.drop_index('ix_finding_rank', table_name='findings')
    op.drop_index('ix_finding_status_rank', table_name='findings')
    op.create_index('ix_finding_queue', 'findings', ['status', 'severity', 'created_at'],
                    unique=False)
