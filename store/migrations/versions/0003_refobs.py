"""reviewer observations: publication date and note

Revision ID: 0003_refobs
Revises: 0002
Create Date: 2026-11-23 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_refobs'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reference_observations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('reference_observations', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('published')
