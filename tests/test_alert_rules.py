"""Alert routing, silences, reminders, "resolved", digests and source health, on SQLite and
PostgreSQL, with real channels: the alert log file and JSON webhooks on loopback. Time moves
by passing `now`, never by sleeping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from claimwatch import pipeline
from claimwatch.settings import PROJECT_DIR, Settings
from crawler.health import SourceHealth
from store import alert_config
from store import alerts as alert_store
from store.db import session_scope
from store.findings import decide, get_finding
from store.models import AlertDelivery
from tests.alert_receivers import Webhook, add_source, seed_finding


@pytest.fixture
def webhook2() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()

T0 = datetime(2026, 3, 2, 10, 5, tzinfo=UTC)


def _ctx(tmp_path: Path, db_url: str, **extra: Any) -> pipeline.Context:
    return pipeline.Context(Settings(var_dir=tmp_path / "var", database_url=db_url,
                                     reference_dir=PROJECT_DIR / "reference_data", **extra))


def _logged(ctx: pipeline.Context) -> list[dict[str, Any]]:
    path = ctx.settings.alert_log
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def _channel(ctx: pipeline.Context, name: str, url: str, health: bool = False) -> int:
    with session_scope(ctx.db) as s:
        return alert_config.add_channel(s, name=name, url=url, created_by="root", health=health,
                                        secret=ctx.settings.session_secret()).id


def _rule(ctx: pipeline.Context, name: str, channel_ids: list[int], **kw: Any) -> int:
    with session_scope(ctx.db) as s:
        return alert_config.add_rule(s, name=name, created_by="root", channel_ids=channel_ids,
                                     now=kw.pop("now", T0), **kw).id


def _close(ctx: pipeline.Context, finding_id: int, action: str = "confirm") -> None:
    with session_scope(ctx.db) as s:
        finding = get_finding(s, finding_id)
        assert finding is not None
        decide(s, finding, user="ana", action=action,
               reason="not_a_claim" if action == "dismiss" else None)


def _rows(ctx: pipeline.Context) -> list[AlertDelivery]:
    with session_scope(ctx.db) as s:
        return list(s.scalars(select(AlertDelivery).order_by(AlertDelivery.id)))


# --- routing ------------------------------------------------------------------------------------

def test_without_rules_every_finding_goes_to_the_settings_channels(tmp_path: Path,
                                                                   db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url)
    fid = seed_finding(db_url)
    assert pipeline.queue_alerts(ctx, [fid], now=T0) == 1
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=1)) == 1
    [entry] = _logged(ctx)
    assert "4.6 million" in entry["body"] and f"/findings/{fid}" in entry["body"]


def test_rules_route_matching_findings_to_their_channels_and_the_rest_to_settings(
        tmp_path: Path, db_url: str, webhook: Webhook, webhook2: Webhook) -> None:
    ctx = _ctx(tmp_path, db_url)
    xinhua = add_source(db_url, "Xinhua", "zh")
    wire = add_source(db_url, "Wire", "en")
    urgent = _channel(ctx, "urgent", webhook.url)
    chinese = _channel(ctx, "chinese desk", webhook2.url)
    _rule(ctx, "severe", [urgent], min_severity=0.8, verdicts=["inconsistent"])
    _rule(ctx, "zh", [chinese], languages=["zh"], source_ids=[xinhua])
    severe_en = seed_finding(db_url, source_id=wire, severity=0.9)
    severe_zh = seed_finding(db_url, source_id=xinhua, language="zh", severity=0.9)
    stale_zh = seed_finding(db_url, source_id=xinhua, language="zh", verdict="stale")
    mild_en = seed_finding(db_url, source_id=wire, severity=0.3)
    severe_stale = seed_finding(db_url, source_id=wire, severity=0.9, verdict="stale")
    pipeline.queue_alerts(ctx, [severe_en, severe_zh, stale_zh, mild_en, severe_stale], now=T0)
    where: dict[int | None, set[str]] = {}
    for d in _rows(ctx):
        where.setdefault(d.finding_id, set()).add(d.channel)
    log_key = ctx.channels()[0].name
    assert where == {severe_en: {f"db:{urgent}"}, severe_zh: {f"db:{urgent}", f"db:{chinese}"},
                     stale_zh: {f"db:{chinese}"}, mild_en: {log_key}, severe_stale: {log_key}}
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=1)) == 3
    assert len(webhook.received) == len(webhook2.received) == len(_logged(ctx)) == 1
    assert webhook.received[0]["message"].count("/findings/") == 2
    assert f"/findings/{stale_zh}" in webhook2.received[0]["message"]


def test_a_disabled_rule_routes_nothing(tmp_path: Path, db_url: str, webhook: Webhook) -> None:
    ctx = _ctx(tmp_path, db_url)
    rule = _rule(ctx, "all", [_channel(ctx, "hook", webhook.url)])
    with session_scope(db_url) as s:
        assert alert_config.set_rule_enabled(s, rule, False)
    pipeline.queue_alerts(ctx, [seed_finding(db_url)], now=T0)
    assert [d.channel for d in _rows(ctx)] == [ctx.channels()[0].name]


# --- silences -----------------------------------------------------------------------------------

def test_silenced_findings_wait_for_the_silence_to_end_and_go_only_if_still_open(
        tmp_path: Path, db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url)
    held = seed_finding(db_url, indicator="gdp")
    closed_meanwhile = seed_finding(db_url, indicator="gdp")
    other = seed_finding(db_url, indicator="nev_sales")
    with session_scope(db_url) as s:
        alert_config.add_silence(s, created_by="ana", indicator="gdp", comment="revision day",
                                 expires_at=T0 + timedelta(hours=2), now=T0)
    pipeline.queue_alerts(ctx, [held, closed_meanwhile, other], now=T0)
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=1)) == 1
    [first] = _logged(ctx)
    assert f"/findings/{other}" in first["body"] and "/findings/" + str(held) not in first["body"]
    # an hour on: still silenced
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=1)) == 0
    _close(ctx, closed_meanwhile, "dismiss")
    # the silence has ended: what is still open goes out, what was closed never does
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=2, minutes=1)) == 1
    second = _logged(ctx)[1]
    assert f"/findings/{held}" in second["body"]
    assert f"/findings/{closed_meanwhile}" not in second["body"]
    statuses = {d.finding_id: d.status for d in _rows(ctx)}
    assert statuses[closed_meanwhile] == "skipped"
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=3)) == 0


def test_a_silence_ended_early_releases_what_it_held(tmp_path: Path, db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url)
    fid = seed_finding(db_url)
    with session_scope(db_url) as s:
        finding = get_finding(s, fid)
        assert finding is not None
        silence = alert_config.add_silence(s, created_by="ana", fingerprint=finding.fingerprint,
                                           expires_at=T0 + timedelta(days=7), now=T0).id
    pipeline.queue_alerts(ctx, [fid], now=T0)
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=1)) == 0
    with session_scope(db_url) as s:
        assert alert_config.end_silence(s, silence, T0 + timedelta(minutes=2))
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=3)) == 1


# --- reminders and "resolved" -------------------------------------------------------------------

def test_a_rule_reminds_while_unreviewed_then_says_resolved_once(
        tmp_path: Path, db_url: str, webhook: Webhook) -> None:
    ctx = _ctx(tmp_path, db_url)
    _rule(ctx, "remind", [_channel(ctx, "hook", webhook.url)], repeat_hours=6)
    fid = seed_finding(db_url, created_at=T0)
    pipeline.queue_alerts(ctx, [fid], now=T0)
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=1)) == 1
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=5)) == 0
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=6, minutes=1)) == 1
    assert webhook.titles[1].startswith("[claimwatch] still open after 6 h: inconsistent")
    assert "4.6 million" in webhook.received[1]["message"]
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=7)) == 0
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=12, minutes=2)) == 1
    assert webhook.titles[2].startswith("[claimwatch] still open after 12 h")
    _close(ctx, fid, "confirm")
    # closed: no more reminders, one "resolved" instead, once the grouping window has passed
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=19)) == 0
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=19, minutes=1)) == 1
    assert webhook.titles[3].startswith("[claimwatch] resolved, confirmed: inconsistent")
    assert f"/findings/{fid}" in webhook.received[3]["message"]
    for hours in (20, 30, 60):
        assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=hours)) == 0
    assert len(webhook.received) == 4


def test_settings_channels_never_repeat_by_default_and_do_when_configured(
        tmp_path: Path, db_url: str) -> None:
    quiet = _ctx(tmp_path / "a", db_url)
    fid = seed_finding(db_url, created_at=T0)
    pipeline.queue_alerts(quiet, [fid], now=T0)
    pipeline.flush_alerts(quiet, now=T0 + timedelta(minutes=1))
    assert pipeline.flush_alerts(quiet, now=T0 + timedelta(days=30)) == 0
    chatty = _ctx(tmp_path / "b", db_url, alert_repeat_hours=24)
    # the same log file name in another directory is another channel: start it afresh
    pipeline.queue_alerts(chatty, [fid], now=T0)
    pipeline.flush_alerts(chatty, now=T0 + timedelta(minutes=1))
    assert pipeline.flush_alerts(chatty, now=T0 + timedelta(hours=23)) == 0
    assert pipeline.flush_alerts(chatty, now=T0 + timedelta(hours=24, minutes=2)) == 1
    assert _logged(chatty)[-1]["title"].startswith("[claimwatch] still open after 24 h")


def test_a_closed_finding_that_was_never_alerted_gets_no_resolved_message(
        tmp_path: Path, db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url)
    alerted, silent = seed_finding(db_url), seed_finding(db_url)
    pipeline.queue_alerts(ctx, [alerted], now=T0)
    pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=1))
    _close(ctx, alerted, "dismiss")
    _close(ctx, silent, "confirm")
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=2)) == 0
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=3)) == 1
    titles = [e["title"] for e in _logged(ctx)]
    assert len(titles) == 2 and titles[1].startswith("[claimwatch] resolved, dismissed (not_a_claim)")
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=4)) == 0


# --- digests ------------------------------------------------------------------------------------

def test_an_hourly_digest_lists_what_arrived_since_the_last_one_once(
        tmp_path: Path, db_url: str, webhook: Webhook) -> None:
    ctx = _ctx(tmp_path, db_url)
    _rule(ctx, "hourly", [_channel(ctx, "hook", webhook.url)], digest="hourly", now=T0)
    first, second = seed_finding(db_url), seed_finding(db_url)
    pipeline.queue_alerts(ctx, [first, second], now=T0)
    # the regular flush leaves digest items alone; the digest is not due before 11:00
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=5)) == 0
    assert pipeline.send_digests(ctx, now=T0 + timedelta(minutes=30)) == 0
    top = T0.replace(hour=11, minute=0)
    assert pipeline.send_digests(ctx, now=top) == 1
    # a second beat sending the same job at the same moment finds nothing left
    assert pipeline.send_digests(ctx, now=top) == 0
    [digest] = webhook.received
    assert digest["title"] == "[claimwatch] hourly digest (hourly): 2 new"
    assert digest["message"].count("/findings/") == 2
    third = seed_finding(db_url)
    pipeline.queue_alerts(ctx, [third], now=top + timedelta(minutes=10))
    _close(ctx, first)
    assert pipeline.flush_alerts(ctx, now=top + timedelta(minutes=11)) == 0
    assert pipeline.send_digests(ctx, now=top + timedelta(minutes=59)) == 0
    assert pipeline.send_digests(ctx, now=top + timedelta(hours=1)) == 1
    later = webhook.received[1]
    assert later["title"] == "[claimwatch] hourly digest (hourly): 1 new, 1 resolved"
    assert f"/findings/{third}" in later["message"] and f"/findings/{second}" not in later["message"]
    # nothing new: no empty digest
    assert pipeline.send_digests(ctx, now=top + timedelta(hours=2)) == 0
    assert len(webhook.received) == 2


def test_daily_digests_go_at_the_configured_hour() -> None:
    assert alert_config.next_digest_at("daily", T0, 8) == datetime(2026, 3, 3, 8, tzinfo=UTC)
    assert alert_config.next_digest_at("daily", T0, 18) == datetime(2026, 3, 2, 18, tzinfo=UTC)
    assert alert_config.next_digest_at("hourly", T0, 8) == datetime(2026, 3, 2, 11, tzinfo=UTC)
    assert alert_config.next_digest_at("none", T0, 8) is None


# --- sending safely ------------------------------------------------------------------------------

def test_a_row_is_taken_for_sending_by_one_caller_only(tmp_path: Path, db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url)
    pipeline.queue_alerts(ctx, [seed_finding(db_url)], now=T0)
    ids = [d.id for d in _rows(ctx)]
    lease = timedelta(minutes=5)
    with session_scope(db_url) as s:
        assert alert_store.take(s, ids, T0, lease) == ids
    with session_scope(db_url) as s:
        assert alert_store.take(s, ids, T0 + timedelta(minutes=1), lease) == []
    # a sender that died: the row comes back once its lease has run out
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=6)) == 1
    assert [d.status for d in _rows(ctx)] == ["sent"]


# --- source health ------------------------------------------------------------------------------

def test_source_health_is_announced_once_per_episode_with_a_recovery(
        tmp_path: Path, db_url: str, webhook: Webhook) -> None:
    ctx = _ctx(tmp_path, db_url)
    ops = _channel(ctx, "ops", webhook.url, health=True)
    _channel(ctx, "findings only", "json://127.0.0.1:9/never")
    src = add_source(db_url, "Harbour Post")
    failing = SourceHealth("failing", "3 failures in a row: HTTP 503", 4.0)
    silent = SourceHealth("silent", "no article for 5 days", 0.0)
    ok = SourceHealth("ok", "4.0 articles a day", 4.0)
    never = SourceHealth("never", "not polled yet", 0.0)
    other = add_source(db_url, "Eastern Ledger")
    # bad for the grace period (60 minutes by default) before anyone is told
    steps = [(failing, 0), (failing, 2), (failing, 0), (silent, 0), (ok, 2), (ok, 0), (silent, 0),
             (silent, 2)]
    for n, (state, queued) in enumerate(steps):
        now = T0 + timedelta(hours=n)
        assert pipeline.check_source_health(
            ctx, now=now, health=[(src, "Harbour Post", state), (other, "Eastern Ledger", never)]
        ) == queued, n
        pipeline.flush_alerts(ctx, now=now + timedelta(minutes=1))
    assert webhook.titles == ["[claimwatch] source failing: Harbour Post",
                              "[claimwatch] source recovered: Harbour Post",
                              "[claimwatch] source silent: Harbour Post"]
    assert "HTTP 503" in webhook.received[0]["message"]
    assert [e["title"] for e in _logged(ctx)] == webhook.titles
    # the channel that did not ask for health news got none
    assert {d.channel for d in _rows(ctx)} == {f"db:{ops}", ctx.channels()[0].name}


def test_a_blip_shorter_than_the_grace_is_not_news(tmp_path: Path, db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url, alert_source_grace_minutes=30)
    src = add_source(db_url, "Harbour Post")
    failing = [(src, "Harbour Post", SourceHealth("failing", "timeout", 1.0))]
    ok = [(src, "Harbour Post", SourceHealth("ok", "fine", 1.0))]
    assert pipeline.check_source_health(ctx, now=T0, health=failing) == 0
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(minutes=10), health=ok) == 0
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(minutes=20), health=failing) == 0
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(minutes=45), health=failing) == 0
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(minutes=50), health=failing) == 1
    assert _logged(ctx) == []  # queued, sent by the next flush
    pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=51))
    assert [e["title"] for e in _logged(ctx)] == ["[claimwatch] source failing: Harbour Post"]


def test_health_alerts_read_the_sources_real_record(tmp_path: Path, db_url: str) -> None:
    """Through claimwatch.health.source_health: three failed polls make a failing source."""
    from store import sources
    from store.models import Source

    ctx = _ctx(tmp_path, db_url, alert_source_grace_minutes=0)
    src = add_source(db_url, "Harbour Post")
    with session_scope(db_url) as s:
        source = s.get(Source, src)
        assert source is not None
        for _ in range(3):
            sources.record_poll(s, source, now=T0, next_poll_at=T0, error="HTTP 503")
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(minutes=1)) == 1
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(minutes=2)) == 0
    pipeline.flush_alerts(ctx, now=T0 + timedelta(minutes=3))
    [entry] = _logged(ctx)
    assert entry["title"] == "[claimwatch] source failing: Harbour Post"
    assert "HTTP 503" in entry["body"]
    with session_scope(db_url) as s:
        source = s.get(Source, src)
        assert source is not None
        sources.record_poll(s, source, now=T0 + timedelta(hours=1), next_poll_at=T0, error=None)
    assert pipeline.check_source_health(ctx, now=T0 + timedelta(hours=1, minutes=1)) == 1
    pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=1, minutes=2))
    assert _logged(ctx)[-1]["title"] == "[claimwatch] source recovered: Harbour Post"


def test_a_silence_on_a_source_holds_its_health_alerts(tmp_path: Path, db_url: str) -> None:
    ctx = _ctx(tmp_path, db_url, alert_source_grace_minutes=0)
    src = add_source(db_url, "Harbour Post")
    with session_scope(db_url) as s:
        alert_config.add_silence(s, created_by="ana", source_id=src, comment="site migration",
                                 expires_at=T0 + timedelta(days=1), now=T0)
    pipeline.check_source_health(ctx, now=T0, health=[
        (src, "Harbour Post", SourceHealth("failing", "HTTP 500", 1.0))])
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(hours=1)) == 0
    assert pipeline.flush_alerts(ctx, now=T0 + timedelta(days=1, minutes=1)) == 1


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kw", "message"), [
    ({"digest": "weekly"}, "digest must be one of"),
    ({"min_severity": 1.5}, "minimum severity"),
    ({"repeat_hours": -1}, r"0 \(never\) or more"),
    ({"verdicts": ["wrong"]}, "unknown verdict type"),
    ({"channel_ids": [999]}, "does not exist"),
    ({"source_ids": [999]}, "no source 999"),
    ({"name": "  "}, "needs a name"),
])
def test_a_bad_rule_is_refused_with_a_reason(tmp_path: Path, sqlite_url: str,
                                             kw: dict[str, Any], message: str) -> None:
    args: dict[str, Any] = {"name": "r", "created_by": "root", "channel_ids": []}
    with session_scope(sqlite_url) as s, pytest.raises(alert_config.ConfigError, match=message):
        alert_config.add_rule(s, **{**args, **kw})
    with session_scope(sqlite_url) as s:
        assert alert_config.list_rules(s) == []


def test_a_silence_must_say_what_and_end_in_the_future(sqlite_url: str) -> None:
    with session_scope(sqlite_url) as s:
        with pytest.raises(alert_config.ConfigError, match="at least one of"):
            alert_config.add_silence(s, created_by="a", expires_at=T0 + timedelta(hours=1), now=T0)
        with pytest.raises(alert_config.ConfigError, match="in the future"):
            alert_config.add_silence(s, created_by="a", indicator="gdp", expires_at=T0, now=T0)
        with pytest.raises(alert_config.ConfigError, match="unknown verdict"):
            alert_config.add_silence(s, created_by="a", verdict="bogus",
                                     expires_at=T0 + timedelta(hours=1), now=T0)


def test_two_channels_cannot_share_a_name(sqlite_url: str) -> None:
    with session_scope(sqlite_url) as s:
        alert_config.add_channel(s, name="ops", url="json://127.0.0.1:9/a", created_by="root",
                                 secret="k")
        with pytest.raises(alert_config.ConfigError, match="already a channel"):
            alert_config.add_channel(s, name="ops", url="json://127.0.0.1:9/b", created_by="root",
                                     secret="k")


def test_the_alerts_migration_goes_down_and_up_again(db_url: str) -> None:
    from store.migrate import downgrade, upgrade

    with session_scope(db_url) as s:
        alert_store.queue(s, "fp", "file://x", None, now=T0)
        alert_store.queue(s, "fp", "file://x", None, kind="resolved", now=T0)
    downgrade(db_url, "0005_review")
    upgrade(db_url)
    with session_scope(db_url) as s:
        rows = list(s.scalars(select(AlertDelivery)))
        # the first announcement survives as it was; follow-ups did not exist before
        assert [(d.fingerprint, d.kind, d.seq, d.mode) for d in rows] == [
            ("fp", "alert", 0, "now")]
