"""One settings object: every field documented in the README, secrets never printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.settings import PROJECT_DIR, Settings


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (PROJECT_DIR / "README.md").read_text()
    missing = [f"CLAIMWATCH_{name.upper()}" for name in Settings.model_fields
               if f"`CLAIMWATCH_{name.upper()}`" not in readme]
    assert not missing, f"undocumented settings: {missing}"
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("CLAIMWATCH_ALLOW_PRIVATE_HOSTS", "127.0.0.1, localhost")
    monkeypatch.setenv("CLAIMWATCH_ALERT_URLS", "json://127.0.0.1:9/hook mailto://a:b@example.com")
    settings = Settings()
    assert settings.private_hosts == frozenset({"127.0.0.1", "localhost"})
    assert settings.alert_targets == ["json://127.0.0.1:9/hook", "mailto://a:b@example.com"]
    assert settings.db_url == f"sqlite:///{tmp_path / 'claimwatch.db'}"
    assert settings.celery_broker == f"sqla+sqlite:///{tmp_path / 'broker.db'}"


def test_the_secret_key_is_never_printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMWATCH_SECRET_KEY", "hunter2-very-secret")
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path))
    settings = Settings()
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings)
    assert settings.session_secret() == "hunter2-very-secret"


def test_without_a_key_a_random_one_is_kept_in_var(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLAIMWATCH_SECRET_KEY", raising=False)
    monkeypatch.setenv("CLAIMWATCH_VAR_DIR", str(tmp_path))
    first = Settings().session_secret()
    assert len(first) >= 32 and first == Settings().session_secret()
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
