"""alerts: channels and rules set in the web app, silences, reminders, digests, source health

Revision ID: 0006_alerts
Revises: 0005_review
Create Date: 2026-11-22 19:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_alerts'
down_revision = '0005_review'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'alert_channels',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('health', sa.Boolean(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'alert_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('min_severity', sa.Float(), nullable=False),
        sa.Column('verdicts', sa.JSON(), nullable=False),
        sa.Column('indicators', sa.JSON(), nullable=False),
        sa.Column('source_ids', sa.JSON(), nullable=False),
        sa.Column('languages', sa.JSON(), nullable=False),
        sa.Column('digest', sa.String(length=10), nullable=False),
        sa.Column('repeat_hours', sa.Integer(), nullable=False),
        sa.Column('next_digest_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_digest_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'alert_rule_channels',
        sa.Column('rule_id', sa.Integer(), nullable=False),
        sa.Column('channel_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['channel_id'], ['alert_channels.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['rule_id'], ['alert_rules.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('rule_id', 'channel_id'),
    )
    op.create_table(
        'alert_silences',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indicator', sa.String(length=80), nullable=True),
        sa.Column('source_id', sa.Integer(), nullable=True),
        sa.Column('verdict', sa.String(length=20), nullable=True),
        sa.Column('fingerprint', sa.String(length=300), nullable=True),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_alert_silences_expires_at', 'alert_silences', ['expires_at'])
    op.create_table(
        'alert_source_states',
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('episode', sa.Integer(), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('source_id'),
    )
    # existing rows are first announcements of findings, sent at once
    with op.batch_alter_table('alert_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False,
                                      server_default='alert'))
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('mode', sa.String(length=10), nullable=False,
                                      server_default='now'))
        batch_op.add_column(sa.Column('rule_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('payload', sa.JSON(), nullable=True))
        batch_op.create_foreign_key('fk_alert_deliveries_rule', 'alert_rules', ['rule_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.drop_constraint('uq_delivery', type_='unique')
        batch_op.create_unique_constraint('uq_delivery_seq', ['fingerprint', 'channel', 'kind', 'seq'])


def downgrade() -> None:
    op.execute("DELETE FROM alert_deliveries WHERE kind <> 'alert'")
    with op.batch_alter_table('alert_deliveries', schema=None) as batch_op:
        batch_op.drop_constraint('uq_delivery_seq', type_='unique')
        batch_op.create_unique_constraint('uq_delivery', ['fingerprint', 'channel'])
        batch_op.drop_constraint('fk_alert_deliveries_rule', type_='foreignkey')
        batch_op.drop_column('payload')
        batch_op.drop_column('rule_id')
        batch_op.drop_column('mode')
        batch_op.drop_column('seq')
        batch_op.drop_column('kind')
    op.drop_table('alert_source_states')
    op.drop_index('ix_alert_silences_expires_at', table_name='alert_silences')
    op.drop_table('alert_silences')
    op.drop_table('alert_rule_channels')
    op.drop_table('alert_rules')
    op.drop_table('alert_channels')
