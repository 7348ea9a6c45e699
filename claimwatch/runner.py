"""`claimwatch run` and `claimwatch demo`: web, worker and beat as child processes,
started together and stopped together on Ctrl-C."""

from __future__ import annotations

import errno
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

import yaml

from claimwatch.settings import Settings
from store import sources
from store.db import session_scope
from store.migrate import upgrade
from store.users import count_users


class StartError(Exception):
    """Something `run`/`demo` needs is not there; said in one line, before any process starts."""


def _port_problem(host: str, port: int, setting: str, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use (set {setting} to another port)"
    # an address this machine does not have is the host's fault; anything else (a port below
    # 1024 without the right) the port's
    hint = ("CLAIMWATCH_WEB_HOST" if exc.errno == errno.EADDRNOTAVAIL and "WEB" in setting
            else setting)
    return f"cannot listen on {host}:{port}: {exc.strerror or exc} (check {hint})"


def check_port_free(host: str, port: int, setting: str) -> None:
    """Bind and let go, as uvicorn will bind (SO_REUSEADDR, so a port left in TIME_WAIT by a
    previous run counts as free), to say why now rather than in a child's traceback."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise StartError(f"cannot listen on {host}:{port}: {exc.strerror} (check "
                         "CLAIMWATCH_WEB_HOST)") from exc
    family, _type, _proto, _name, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise StartError(_port_problem(host, port, setting, exc)) from exc


def _check_entry(path: Path, entry: object) -> None:
    """A typo in sources.yaml is said at start, in one line, rather than as a failing poll."""
    from crawler.listing import SelectorError, validate

    if not isinstance(entry, dict) or not entry.get("url") or not entry.get("name"):
        raise StartError(f"{path.name}: each source needs a name and a url, not {entry!r}")
    kind = entry.get("type", "feed")
    where = f"{path.name}: source {entry['name']!r}"
    if kind not in ("feed", "sitemap", "listing"):
        raise StartError(f"{where}: type {kind!r} is not feed, sitemap or listing")
    if kind == "listing":
        try:
            validate(entry.get("selectors") or {})
        except SelectorError as exc:
            raise StartError(f"{where}: {exc}") from exc


def load_sources_file(settings: Settings, path: Path) -> int:
    """Add the sources of sources.yaml that the database does not have yet."""
    if not path.exists():
        return 0
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("sources", [])
    for e in entries:
        _check_entry(path, e)
    added = 0
    with session_scope(settings.db_url) as s:
        known = {src.url for src in sources.list_sources(s)}
        for e in entries:
            if e["url"] in known:
                continue
            sources.upsert_source(s, name=e["name"], url=e["url"], kind=e.get("type", "feed"),
                                  language=e.get("language", "en"),
                                  publisher=e.get("publisher", e["name"]),
                                  interval_minutes=int(e.get("interval_minutes", 60)),
                                  enabled=bool(e.get("enabled", True)),
                                  selectors=e.get("selectors") or {})
            added += 1
    return added


def ensure_login(settings: Settings, demo: bool) -> str:
    from review.auth import create_user

    if demo:
        create_user(settings.db_url, "demo", "admin", "demo-password")
        return "log in as demo / demo-password"
    with session_scope(settings.db_url) as s:
        has_users = count_users(s) > 0
    if has_users:
        return "log in with your account (`claimwatch users add NAME --role admin` adds one)"
    password = secrets.token_urlsafe(12)
    create_user(settings.db_url, "admin", "admin", password)
    return (f"first start: log in as admin / {password} (shown once; change it with "
            "`claimwatch users add admin --role admin`)")


def register_demo_sources(settings: Settings, base: str) -> None:
    from claimwatch.demo import DEMO_SOURCES

    with session_scope(settings.db_url) as s:
        for name, path, lang in DEMO_SOURCES:
            src = sources.upsert_source(s, name=name, url=f"{base}/{path}", language=lang,
                                        publisher=name, interval_minutes=5)
            src.next_poll_at = None


def _dispatch_now(settings: Settings) -> None:
    """Poll the due sources at once rather than at beat's first tick."""
    from worker.app import create_app

    create_app(settings).send_task("worker.tasks.dispatch_due_sources")


def run_all(settings: Settings, demo: bool) -> int:
    """Raises StartError, before anything has started, when a port it needs is taken."""
    check_port_free(settings.web_host, settings.web_port, "CLAIMWATCH_WEB_PORT")
    if demo and settings.demo_port == settings.web_port:
        raise StartError(f"the demo site and the web app cannot share port {settings.web_port} "
                         "(set CLAIMWATCH_DEMO_PORT or CLAIMWATCH_WEB_PORT)")
    if demo:
        from claimwatch.demo import start_demo_site

        try:
            _server, base = start_demo_site(settings.demo_port)
        except OSError as exc:
            raise StartError(_port_problem("127.0.0.1", settings.demo_port,
                                           "CLAIMWATCH_DEMO_PORT", exc)) from exc
    upgrade(settings.db_url, secret=settings.session_secret())
    env = os.environ.copy()
    if demo:
        hosts = ",".join(filter(None, [settings.allow_private_hosts, "127.0.0.1"]))
        env["CLAIMWATCH_ALLOW_PRIVATE_HOSTS"] = hosts
        register_demo_sources(settings, base)
    else:
        load_sources_file(settings, settings.sources_file)
    login = ensure_login(settings, demo)
    from worker.app import QUEUES, create_app, declare_queues

    declare_queues(create_app(settings))  # before the worker and _dispatch_now both make them
    python = sys.executable
    schedule = str(settings.var_path / "celerybeat-schedule")
    commands = {
        "worker": [python, "-m", "celery", "-A", "worker.app", "worker", "-B", "-s", schedule,
                   "-Q", ",".join(QUEUES), "--concurrency", str(settings.worker_concurrency),
                   "--loglevel", "INFO"],
        "web": [python, "-m", "uvicorn", "review.app:create_app", "--factory",
                "--host", settings.web_host, "--port", str(settings.web_port)],
    }
    children = {name: subprocess.Popen(cmd, env=env) for name, cmd in commands.items()}
    _dispatch_now(settings)
    url = f"http://{settings.web_host}:{settings.web_port}"
    print(f"\nclaimwatch is running: the review queue is at {url} ({login}).")
    if demo:
        print(f"The demo news site is at {base}; flagged claims reach the queue within a minute,")
        print(f"and alerts are written to {settings.alert_log}.")
    print("Ctrl-C stops everything.\n", flush=True)

    stopping = False

    def _stop(_sig: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    code = 0
    while not stopping:
        for name, proc in children.items():
            if proc.poll() is not None:
                print(f"{name} exited with {proc.returncode}; stopping the rest", file=sys.stderr)
                stopping, code = True, proc.returncode or 1
        time.sleep(0.5)
    for proc in children.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in children.values():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
    return code
