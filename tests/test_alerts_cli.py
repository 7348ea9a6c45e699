"""`claimwatch alerts rules …` and `claimwatch alerts silence …` on a real database (SQLite and
PostgreSQL): list, add and remove through store.alert_config, the same rows the web's
/admin/alerts/ pages show and edit; bad input is a one-line reason and a non-zero exit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from claimwatch.cli import main
from claimwatch.settings import Settings
from review import auth
from review.app import create_app
from store import alert_config
from store.clock import as_utc
from store.db import session_scope
from tests.alert_receivers import add_source
from tests.helpers import app_settings
from tests.review.review_helpers import TestClient, login


@pytest.fixture
def settings(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The CLI's settings (from CLAIMWATCH_* as in production) on each database."""
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", db_url)
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path / "var"))
    return app_settings(tmp_path, db_url)


@pytest.fixture
def admin(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                        parallelism=1))
    auth.create_user(settings.db_url, "root", "admin", "correct horse battery staple")
    with TestClient(create_app(settings), follow_redirects=False) as client:
        assert login(client, "root", "correct horse battery staple").status_code == 303
        yield client


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["alerts", *args])
    return result.exit_code, result.output


def _channel(settings: Settings, name: str) -> int:
    with session_scope(settings.db_url) as s:
        return alert_config.add_channel(s, name=name, url=f"json://127.0.0.1:9/{name}",
                                        created_by="root", secret=settings.session_secret()).id


def _one_line_error(code: int, out: str, reason: str) -> None:
    assert code != 0 and reason in out, out
    assert len(out.strip().splitlines()) == 1, out


def test_rules_added_listed_and_removed_as_on_the_web_page(settings: Settings,
                                                           admin: TestClient) -> None:
    ops, mail = _channel(settings, "ops"), _channel(settings, "mail")
    harbour = add_source(settings.db_url, "Harbour", language="zh")
    assert _cli("rules", "list") == (0, "no rules: every finding goes to the settings' "
                                        "channels\n")

    code, out = _cli("rules", "add", "severe zh", "--channel", "ops", "--channel", str(mail),
                     "--min-severity", "0.7", "--verdict", "inconsistent", "--verdict", "stale",
                     "--indicator", "gdp", "--source", str(harbour), "--language", "zh",
                     "--digest", "daily", "--repeat-hours", "6", "--by", "root")
    assert code == 0, out
    with session_scope(settings.db_url) as s:
        [rule] = alert_config.list_rules(s)
        assert (rule.name, rule.enabled, rule.min_severity, rule.verdicts, rule.indicators,
                rule.source_ids, rule.languages, rule.digest, rule.repeat_hours,
                rule.created_by) == ("severe zh", True, 0.7, ["inconsistent", "stale"], ["gdp"],
                                     [harbour], ["zh"], "daily", 6, "root")
        assert [c.id for c in rule.channels] == [ops, mail]
        assert rule.next_digest_at is not None
        assert as_utc(rule.next_digest_at).hour == settings.alert_digest_hour
        rule_id = rule.id
    line = (f"{rule_id:4} severe zh: severity >= 0.70; verdicts inconsistent, stale; "
            f"indicators gdp; sources Harbour ({harbour}); languages zh -> ops, mail; "
            f"digest daily, next ")
    assert out.startswith("rule added:\n" + line) and out.endswith("; repeat every 6 h while open\n")
    assert _cli("rules", "list")[1].startswith(line)
    assert "severe zh" in admin.get("/admin/alerts/rules").text  # the web page's rule

    # one the web page adds is the CLI's too; a rule with no channel says where its matches go
    with session_scope(settings.db_url) as s:
        alert_config.add_rule(s, name="mute arithmetic", created_by="root", channel_ids=[],
                              verdicts=["arithmetic"])
    listed = _cli("rules", "list")[1].splitlines()
    assert len(listed) == 2 and listed[1].endswith(
        "mute arithmetic: severity >= 0.00; verdicts arithmetic -> no channel (its matches are "
        "kept off the settings' channels); digest none; repeat never")

    assert _cli("rules", "remove", "severe zh") == (0, f"rule {rule_id} (severe zh) removed\n")
    code, out = _cli("rules", "remove", str(rule_id))
    _one_line_error(code, out, f"no rule '{rule_id}'")
    with session_scope(settings.db_url) as s:
        assert [r.name for r in alert_config.list_rules(s)] == ["mute arithmetic"]
    assert "severe zh" not in admin.get("/admin/alerts/rules").text


@pytest.mark.parametrize("args, reason", [
    (["--channel", "pager"], "no channel 'pager'; the channels are: ops"),
    (["--channel", "ops", "--verdict", "wrong"], "unknown verdict type 'wrong'"),
    (["--min-severity", "1.5"], "the minimum severity is a number from 0 to 1"),
    (["--digest", "weekly"], "digest must be one of none, hourly, daily, not 'weekly'"),
    (["--repeat-hours", "-1"], "repeat every … hours must be 0 (never) or more"),
    (["--source", "999"], "no source '999'"),
])
def test_a_bad_rule_is_refused_with_the_web_pages_reason(settings: Settings, args: list[str],
                                                         reason: str) -> None:
    _channel(settings, "ops")
    code, out = _cli("rules", "add", "a rule", *args)
    _one_line_error(code, out, reason)
    with session_scope(settings.db_url) as s:
        assert alert_config.list_rules(s) == []


def test_two_rules_cannot_share_a_name(settings: Settings) -> None:
    assert _cli("rules", "add", "all")[0] == 0
    code, out = _cli("rules", "add", "all")
    _one_line_error(code, out, "there is already a rule called 'all'")


def test_silences_added_listed_and_ended(settings: Settings, admin: TestClient) -> None:
    harbour = add_source(settings.db_url, "Harbour")
    assert _cli("silence", "list") == (0, "no silences\n")
    before = datetime.now(UTC)
    code, out = _cli("silence", "add", "--indicator", "gdp", "--source",
                     "https://harbour.example/feed", "--hours", "12",
                     "--comment", "GDP revision week", "--by", "root")
    assert code == 0, out
    with session_scope(settings.db_url) as s:
        [row] = alert_config.list_silences(s, datetime.now(UTC))
        ends = as_utc(row.expires_at)
        assert (row.indicator, row.source_id, row.verdict, row.fingerprint, row.created_by,
                row.comment) == ("gdp", harbour, None, None, "root", "GDP revision week")
        silence_id = row.id
    assert before + timedelta(hours=12) <= ends <= datetime.now(UTC) + timedelta(hours=12)
    line = (f"{silence_id:4} until {ends:%Y-%m-%d %H:%M} UTC: indicator gdp, source Harbour "
            f"({harbour}); by root: GDP revision week")
    assert out == f"silence added:\n{line}\n"
    assert _cli("silence", "list") == (0, line + "\n")
    assert "GDP revision week" in admin.get("/admin/alerts/silences").text

    # --until: a time, UTC unless it says otherwise
    until = (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)
    code, out = _cli("silence", "add", "--verdict", "arithmetic", "--until",
                     until.strftime("%Y-%m-%dT%H:%M"))
    assert code == 0, out
    with session_scope(settings.db_url) as s:
        second = max(alert_config.list_silences(s, datetime.now(UTC)), key=lambda r: r.id)
        assert as_utc(second.expires_at) == until and second.created_by == "cli"

    assert _cli("silence", "remove", str(silence_id)) == (0, f"silence {silence_id} ended\n")
    with session_scope(settings.db_url) as s:  # kept, for the record; no longer in force
        rows = alert_config.list_silences(s, datetime.now(UTC))
        assert silence_id in {r.id for r in rows}
        assert silence_id not in {r.id for r in alert_config.active_silences(s, datetime.now(UTC))}
    assert f"{silence_id:4} ended " in _cli("silence", "list")[1]
    _one_line_error(*_cli("silence", "remove", "999"), "no silence 999")


@pytest.mark.parametrize("args, reason", [
    (["--indicator", "gdp"], "give when the silence ends: --hours H or --until"),
    (["--indicator", "gdp", "--hours", "1", "--until", "2030-01-01T00:00"],
     "give when the silence ends"),
    (["--hours", "5"], "a silence needs at least one of indicator, source, verdict type or "
                       "fingerprint"),
    (["--indicator", "gdp", "--hours", "0"], "a silence must end in the future"),
    (["--indicator", "gdp", "--hours", "2161"], "a silence lasts at most 2160 hours (90 days)"),
    (["--indicator", "gdp", "--until", "next tuesday"], "--until must be YYYY-MM-DDTHH:MM"),
    (["--indicator", "gdp", "--until", "2020-01-01T00:00"], "a silence must end in the future"),
    (["--verdict", "loud", "--hours", "1"], "unknown verdict type 'loud'"),
    (["--source", "https://nowhere.example/feed", "--hours", "1"],
     "no source 'https://nowhere.example/feed'"),
])
def test_a_bad_silence_is_refused_with_a_reason(settings: Settings, args: list[str],
                                                reason: str) -> None:
    _one_line_error(*_cli("silence", "add", *args), reason)
    with session_scope(settings.db_url) as s:
        assert alert_config.list_silences(s, datetime.now(UTC)) == []


@pytest.mark.parametrize("path", [["rules"], ["rules", "list"], ["rules", "add"],
                                  ["rules", "remove"], ["silence"], ["silence", "list"],
                                  ["silence", "add"], ["silence", "remove"]])
def test_every_alerts_command_has_help(path: list[str]) -> None:
    result = CliRunner().invoke(main, ["alerts", *path, "--help"])
    assert result.exit_code == 0 and "Usage: main alerts " in result.output
