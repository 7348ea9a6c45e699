"""All configuration, from CLAIMWATCH_* environment variables, in one object.

Every field has a safe default and a description; README's configuration table
is checked against this class by a test.
"""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMWATCH_", extra="ignore")

    var_dir: Path = Field(
        Path("var"), description="Where the embedded database, broker, logs and alerts live.")
    database_url: str = Field("", description="SQLAlchemy URL; default: a SQLite file under var/.")
    broker_url: str = Field("", description="Celery broker; default: the embedded SQLite broker under var/.")
    allow_private_hosts: str = Field(
        "", description="Hosts the SSRF guard lets through, comma-separated (127.0.0.1 for the demo).")
    alert_urls: str = Field(
        "", description="Apprise URLs alerts go to, space-separated; default: var/alerts.log.")
    secret_key: SecretStr = Field(
        SecretStr(""), description="Signs session cookies; default: a random key kept in var/secret_key.")
    public_url: str = Field(
        "", description="Base URL used in alert links; default: http://WEB_HOST:WEB_PORT.")
    web_host: str = Field("127.0.0.1", description="Address the web app listens on.")
    web_port: int = Field(8000, description="Port the web app listens on.")
    reference_dir: Path = Field(PROJECT_DIR / "reference_data", description="The reference dataset.")
    sources_file: Path = Field(PROJECT_DIR / "sources.yaml", description="Sources loaded on first start.")
    user_agent: str = Field("claimwatch/0.1", description="User-Agent product token for fetches.")
    contact_url: str = Field("https://github.com/claimwatch/claimwatch",
                             description="Contact URL sent in the User-Agent.")
    fetch_timeout: float = Field(20.0, description="Seconds before a fetch gives up.")
    max_body_bytes: int = Field(5_000_000, description="Largest page or feed fetched, in bytes.")
    worker_concurrency: int = Field(2, description="Worker processes started by `claimwatch run`.")
    log_format: str = Field("text", description="`text` for people, `json` for log collectors.")
    alert_group_seconds: int = Field(
        20, description="Findings arriving within this many seconds go out as one message.")
    alert_repeat_hours: int = Field(
        0, ge=0, description="Remind the settings' channels of a finding still unreviewed after "
        "this many hours, again and again; 0: never (rules set their own).")
    alert_digest_hour: int = Field(
        8, ge=0, le=23, description="Hour of the day (UTC) daily digests go out.")
    alert_source_grace_minutes: int = Field(
        60, ge=0, description="A source failing or silent this long gets a source-health alert.")
    broker_prefix: str = Field(
        "", description="Prefix for every key claimwatch makes in Redis, to share one Redis.")
    visibility_timeout: int = Field(
        3600, description="Seconds before a task held by a worker that died is delivered again (Redis).")
    demo_port: int = Field(8765, description="Port of the bundled demo news site (`claimwatch demo`).")
    domain_delay: float = Field(
        2.0, ge=0, description="Seconds between two fetches from one host, across all workers.")
    retention_days: int = Field(
        90, ge=1, description="Days before retried failures, sent alerts and irrelevant texts go.")

    @cached_property
    def var_path(self) -> Path:
        path = self.var_dir.resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_path / 'claimwatch.db'}"

    @property
    def celery_broker(self) -> str:
        return self.broker_url or f"sqla+sqlite:///{self.var_path / 'broker.db'}"

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.web_host}:{self.web_port}").rstrip("/")

    @property
    def private_hosts(self) -> frozenset[str]:
        return frozenset(h.strip() for h in self.allow_private_hosts.split(",") if h.strip())

    @property
    def alert_targets(self) -> list[str]:
        return self.alert_urls.split()

    @property
    def alert_log(self) -> Path:
        return self.var_path / "alerts.log"

    @property
    def full_user_agent(self) -> str:
        return f"{self.user_agent} (+{self.contact_url})"

    def session_secret(self) -> str:
        if self.secret_key.get_secret_value():
            return self.secret_key.get_secret_value()
        path = self.var_path / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


def get_settings() -> Settings:
    return Settings()
