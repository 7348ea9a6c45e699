"""channelurls: alert channel URLs (Apprise URLs, with tokens and passwords) encrypted at rest

Each row's url is sealed into url_encrypted under the settings' secret key (see
store/channel_secrets.py); the plain column goes. The key comes from store.migrate.upgrade's
`secret`, which `claimwatch db upgrade`, `run` and `crawl` pass from the settings; a database
with channels to seal is refused without it (alembic run by hand cannot know the key).

Revision ID: 0010_channelurls
Revises: 0009_workerbeat
Create Date: 2026-11-26 12:00:00
"""
from alembic import context, op
import sqlalchemy as sa


revision = '0010_channelurls'
down_revision = '0009_workerbeat'
branch_labels = None
depends_on = None

_channels = sa.table('alert_channels', sa.column('id', sa.Integer()), sa.column('name', sa.String()),
                     sa.column('url', sa.Text()), sa.column('url_encrypted', sa.Text()))


def _secret() -> str:
    secret = context.config.attributes.get('secret')
    if not secret:
        raise RuntimeError("0010_channelurls seals the alert channel URLs under the secret key: "
                           "run it with `claimwatch db upgrade`, which knows the key")
    return str(secret)


def upgrade() -> None:
    from store.channel_secrets import seal_url

    bind = op.get_bind()
    rows = bind.execute(sa.select(_channels.c.id, _channels.c.url)).all()
    secret = _secret() if rows else ""
    sealed = {channel_id: seal_url(url, secret) for channel_id, url in rows}
    with op.batch_alter_table('alert_channels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('url_encrypted', sa.Text(), nullable=True))
    for channel_id, value in sealed.items():
        bind.execute(_channels.update().where(_channels.c.id == channel_id)
                     .values(url_encrypted=value))
    with op.batch_alter_table('alert_channels', schema=None) as batch_op:
        batch_op.alter_column('url_encrypted', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('url')


def downgrade() -> None:
    from store.channel_secrets import SecretKeyChanged, open_url

    bind = op.get_bind()
    rows = bind.execute(sa.select(_channels.c.id, _channels.c.name,
                                  _channels.c.url_encrypted)).all()
    secret = _secret() if rows else ""
    plain = {}
    for channel_id, name, value in rows:  # all opened before the schema changes (SQLite's
        try:                               # DDL is not rolled back with a failed migration)
            plain[channel_id] = open_url(value, secret)
        except SecretKeyChanged as exc:
            raise RuntimeError(f"cannot decrypt channel {name}: the secret key changed; "
                               f"delete the channel or downgrade with the key it was "
                               f"stored under") from exc
    with op.batch_alter_table('alert_channels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('url', sa.Text(), nullable=True))
    for channel_id, url in plain.items():
        bind.execute(_channels.update().where(_channels.c.id == channel_id).values(url=url))
    with op.batch_alter_table('alert_channels', schema=None) as batch_op:
        batch_op.alter_column('url', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('url_encrypted')
