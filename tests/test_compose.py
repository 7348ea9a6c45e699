"""docker-compose.yml is for users (no Docker engine runs here): check its shape."""

from __future__ import annotations

import yaml

from claimwatch.settings import PROJECT_DIR


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())


def test_the_services_exist_with_health_checks() -> None:
    services = _compose()["services"]
    for name in ("redis", "postgres", "web", "worker", "beat"):
        assert name in services, name
        assert "healthcheck" in services[name], f"{name} has no health check"
    assert any("volume" in str(v) or ":" in str(v) for v in services["postgres"]["volumes"])


def test_web_worker_and_beat_share_the_same_settings() -> None:
    services = _compose()["services"]
    envs = [services[name]["environment"] for name in ("web", "worker", "beat")]
    assert envs[0] == envs[1] == envs[2]
    assert envs[0]["CLAIMWATCH_BROKER_URL"].startswith("redis://redis:")
    assert envs[0]["CLAIMWATCH_DATABASE_URL"].startswith("postgresql")


def test_every_claimwatch_variable_used_is_a_setting() -> None:
    from claimwatch.settings import Settings

    names = {f"CLAIMWATCH_{k.upper()}" for k in Settings.model_fields}
    env = _compose()["services"]["web"]["environment"]
    assert set(env) <= names


def test_the_worker_scales_with_scale_worker_n() -> None:
    """`docker compose up --scale worker=N` needs a worker without a fixed name or host port."""
    worker = _compose()["services"]["worker"]
    assert "container_name" not in worker and "ports" not in worker
    assert "-E" in worker["command"]  # task events, for the task view


def test_flower_watches_the_same_redis_behind_a_password_on_loopback() -> None:
    services = _compose()["services"]
    flower = services["flower"]
    assert "healthcheck" in flower
    broker = services["worker"]["environment"]["CLAIMWATCH_BROKER_URL"]
    assert f"--broker={broker}" in flower["command"]
    assert flower["environment"]["FLOWER_BASIC_AUTH"].startswith("${FLOWER_BASIC_AUTH:?")
    assert all(str(p).startswith("127.0.0.1:") for p in flower["ports"])
    assert flower["depends_on"]["redis"]["condition"] == "service_healthy"
