"""What admins set up for alerts in the web app: channels, rules and silences."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from store import alerts as deliveries
from store.channel_secrets import SecretKeyChanged, open_url, seal_url
from store.clock import as_utc
from store.models import AlertChannelConfig, AlertRule, AlertSilence, Source, utcnow

DIGESTS = ("none", "hourly", "daily")
VERDICT_TYPES = ("inconsistent", "stale", "conflict", "arithmetic")
MAX_SILENCE_HOURS = 24 * 90  # a silence waits out a known problem; what should never alert is a rule


class ConfigError(ValueError):
    """Bad input from an admin: the message says what to change."""


class ChannelKeyError(ValueError):
    """A channel's stored URL does not open under the current secret key."""


def channel_key(channel_id: int) -> str:
    """How deliveries name a channel from the database (never its URL, which holds secrets)."""
    return f"db:{channel_id}"


# --- channels -----------------------------------------------------------------------------------

def add_channel(session: Session, *, name: str, url: str, created_by: str, secret: str,
                health: bool = False) -> AlertChannelConfig:
    """A channel; its URL stored sealed under `secret` (the settings' session_secret())."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError("a channel needs a name of 1 to 100 characters")
    if session.scalar(select(AlertChannelConfig.id).where(AlertChannelConfig.name == name)):
        raise ConfigError(f"there is already a channel called {name!r}")
    row = AlertChannelConfig(name=name, url_encrypted=seal_url(url.strip(), secret),
                             health=health, created_by=created_by, created_at=utcnow())
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # two admins adding the same name at once
        raise ConfigError(f"there is already a channel called {name!r}") from exc
    return row


def channel_url(row: AlertChannelConfig, secret: str) -> str:
    """The channel's URL, credentials and all: for sending, never for showing."""
    try:
        return open_url(row.url_encrypted, secret)
    except SecretKeyChanged as exc:
        raise ChannelKeyError(f"cannot decrypt channel {row.name}: the secret key changed; "
                              f"re-enter its URL") from exc


def set_channel_url(session: Session, channel_id: int, url: str, secret: str) -> bool:
    """Enter a channel's URL again (after the secret key changed, or a token was rotated);
    its rules and waiting deliveries stay."""
    row = session.get(AlertChannelConfig, channel_id)
    if row is None:
        return False
    row.url_encrypted = seal_url(url.strip(), secret)
    return True


def find_channel(session: Session, key: str) -> AlertChannelConfig | None:
    """By id (all digits) or by name."""
    if key.isdigit():
        return session.get(AlertChannelConfig, int(key))
    return session.scalar(select(AlertChannelConfig).where(AlertChannelConfig.name == key))


def list_channels(session: Session) -> list[AlertChannelConfig]:
    return list(session.scalars(select(AlertChannelConfig).order_by(AlertChannelConfig.id)))


def get_channel(session: Session, channel_id: int) -> AlertChannelConfig | None:
    return session.get(AlertChannelConfig, channel_id)


def delete_channel(session: Session, channel_id: int) -> bool:
    row = session.get(AlertChannelConfig, channel_id)
    if row is None:
        return False
    deliveries.drop_unsent(session, channel_key(channel_id))
    session.delete(row)
    return True


# --- rules --------------------------------------------------------------------------------------

def next_digest_at(digest: str, now: datetime, daily_hour: int) -> datetime | None:
    """Hourly digests go at the top of each hour, daily ones at `daily_hour` UTC."""
    if digest == "hourly":
        return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if digest == "daily":
        at = now.replace(hour=daily_hour, minute=0, second=0, microsecond=0)
        return at if at > now else at + timedelta(days=1)
    return None


def add_rule(session: Session, *, name: str, created_by: str, channel_ids: Iterable[int],
             min_severity: float = 0.0, verdicts: Iterable[str] = (),
             indicators: Iterable[str] = (), source_ids: Iterable[int] = (),
             languages: Iterable[str] = (), digest: str = "none", repeat_hours: int = 0,
             now: datetime | None = None, daily_hour: int = 8) -> AlertRule:
    now = now or utcnow()
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError("a rule needs a name of 1 to 100 characters")
    if session.scalar(select(AlertRule.id).where(AlertRule.name == name)):
        raise ConfigError(f"there is already a rule called {name!r}")
    if digest not in DIGESTS:
        raise ConfigError(f"digest must be one of {', '.join(DIGESTS)}, not {digest!r}")
    if not 0.0 <= min_severity <= 1.0:
        raise ConfigError("the minimum severity is a number from 0 to 1")
    if repeat_hours < 0:
        raise ConfigError("repeat every … hours must be 0 (never) or more")
    bad = sorted(set(verdicts) - set(VERDICT_TYPES))
    if bad:
        raise ConfigError(f"unknown verdict type {bad[0]!r}; known: {', '.join(VERDICT_TYPES)}")
    channels = [session.get(AlertChannelConfig, cid) for cid in dict.fromkeys(channel_ids)]
    if any(c is None for c in channels):
        raise ConfigError("a chosen channel does not exist (was it just deleted?)")
    sources = sorted(set(source_ids))
    known = set(session.scalars(select(Source.id).where(Source.id.in_(sources))))
    if set(sources) - known:
        raise ConfigError(f"there is no source {sorted(set(sources) - known)[0]}")
    rule = AlertRule(name=name, enabled=True, min_severity=min_severity,
                     verdicts=sorted(set(verdicts)), indicators=sorted(set(indicators)),
                     source_ids=sources, languages=sorted({x.lower() for x in languages}),
                     digest=digest, repeat_hours=repeat_hours,
                     next_digest_at=next_digest_at(digest, now, daily_hour),
                     created_by=created_by, created_at=now,
                     channels=[c for c in channels if c is not None])
    session.add(rule)
    session.flush()
    return rule


def list_rules(session: Session, enabled_only: bool = False) -> list[AlertRule]:
    stmt = select(AlertRule).options(selectinload(AlertRule.channels)).order_by(AlertRule.id)
    if enabled_only:
        stmt = stmt.where(AlertRule.enabled.is_(True))
    return list(session.scalars(stmt))


def find_rule(session: Session, key: str) -> AlertRule | None:
    """By id (all digits) or by name."""
    if key.isdigit():
        return session.get(AlertRule, int(key))
    return session.scalar(select(AlertRule).where(AlertRule.name == key))


def set_rule_enabled(session: Session, rule_id: int, enabled: bool) -> bool:
    rule = session.get(AlertRule, rule_id)
    if rule is None:
        return False
    rule.enabled = enabled
    return True


def delete_rule(session: Session, rule_id: int) -> bool:
    rule = session.get(AlertRule, rule_id)
    if rule is None:
        return False
    session.delete(rule)
    return True


def claim_due_digests(session: Session, now: datetime, daily_hour: int) -> list[int]:
    """The digest rules whose time has come, each taken by one caller only: the conditional
    UPDATE moves next_digest_at on, so a second beat finds nothing left to send."""
    due = list(session.scalars(select(AlertRule).where(
        AlertRule.enabled.is_(True), AlertRule.digest.in_(("hourly", "daily")),
        or_(AlertRule.next_digest_at.is_(None), AlertRule.next_digest_at <= now))))
    taken = []
    for rule in due:
        result = session.execute(
            update(AlertRule)
            .where(AlertRule.id == rule.id,
                   or_(AlertRule.next_digest_at.is_(None), AlertRule.next_digest_at <= now))
            .values(next_digest_at=next_digest_at(rule.digest, now, daily_hour),
                    last_digest_at=now)
            .returning(AlertRule.id)
            # the rows loaded above are only read for their digest mode
            .execution_options(synchronize_session=False))
        if result.first() is not None:
            taken.append(rule.id)
    return taken


# --- silences -----------------------------------------------------------------------------------

def add_silence(session: Session, *, created_by: str, expires_at: datetime,
                indicator: str | None = None, source_id: int | None = None,
                verdict: str | None = None, fingerprint: str | None = None, comment: str = "",
                now: datetime | None = None) -> AlertSilence:
    now = now or utcnow()
    indicator, verdict, fingerprint = (x.strip() if x and x.strip() else None
                                       for x in (indicator, verdict, fingerprint))
    if not (indicator or source_id or verdict or fingerprint):
        raise ConfigError("a silence needs at least one of indicator, source, verdict type "
                          "or fingerprint")
    if verdict and verdict not in VERDICT_TYPES:
        raise ConfigError(f"unknown verdict type {verdict!r}; known: {', '.join(VERDICT_TYPES)}")
    if expires_at <= now:
        raise ConfigError("a silence must end in the future")
    if expires_at - now > timedelta(hours=MAX_SILENCE_HOURS):
        raise ConfigError(f"a silence lasts at most {MAX_SILENCE_HOURS} hours "
                          f"({MAX_SILENCE_HOURS // 24} days)")
    if source_id is not None and session.get(Source, source_id) is None:
        raise ConfigError(f"there is no source {source_id}")
    row = AlertSilence(indicator=indicator, source_id=source_id, verdict=verdict,
                       fingerprint=fingerprint, expires_at=expires_at, created_by=created_by,
                       comment=comment.strip(), created_at=now)
    session.add(row)
    session.flush()
    return row


def active_silences(session: Session, now: datetime) -> list[AlertSilence]:
    return list(session.scalars(select(AlertSilence).where(AlertSilence.expires_at > now)
                                .order_by(AlertSilence.id)))


def list_silences(session: Session, now: datetime, limit: int = 100) -> list[AlertSilence]:
    """Active ones first, then the most recently ended."""
    rows = list(session.scalars(select(AlertSilence).order_by(AlertSilence.id.desc())
                                .limit(limit)))
    return sorted(rows, key=lambda r: (as_utc(r.expires_at) <= now, -r.id))


def end_silence(session: Session, silence_id: int, now: datetime) -> bool:
    """Ending keeps the row (who silenced what, and why) and lets held alerts go."""
    row = session.get(AlertSilence, silence_id)
    if row is None:
        return False
    if as_utc(row.expires_at) > now:
        row.expires_at = now
    return True
