"""`claimwatch run` / `claimwatch demo` with a port taken: one line, exit 2, and nothing
started or left behind. Real sockets on loopback, the real command in a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from claimwatch.settings import PROJECT_DIR


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port some other server is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp_path: Path, web_port: int, demo_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    return {**env, "CLAIMWATCH_VAR_DIR": str(tmp_path / "var"),
            "CLAIMWATCH_WEB_PORT": str(web_port), "CLAIMWATCH_DEMO_PORT": str(demo_port),
            "CLAIMWATCH_WORKER_CONCURRENCY": "1"}


def _start(command: str, env: dict[str, str]) -> subprocess.Popen[str]:
    # its own session: whatever it starts can be found afterwards by the session id
    return subprocess.Popen([sys.executable, "-m", "claimwatch.cli", command], env=env,
                            cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _session_members(sid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # the fields after the command name (which may hold spaces) start with state, ppid, pgrp, sid
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _refused(command: str, env: dict[str, str]) -> str:
    proc = _start(command, env)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 2, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert _session_members(proc.pid) == []  # no worker, web or beat left behind
    return err.strip()


@pytest.mark.parametrize("command", ["run", "demo"])
def test_web_port_in_use_is_one_line_and_starts_nothing(command: str, tmp_path: Path,
                                                          taken_port: int) -> None:
    err = _refused(command, _env(tmp_path, taken_port, _free_port()))
    assert err == (f"Error: port {taken_port} on 127.0.0.1 is in use "
                   "(set CLAIMWATCH_WEB_PORT to another port)")
    assert not (tmp_path / "var" / "claimwatch.db").exists()  # not even the database was made


def test_demo_site_port_in_use_names_its_setting(tmp_path: Path, taken_port: int) -> None:
    err = _refused("demo", _env(tmp_path, _free_port(), taken_port))
    assert err == (f"Error: port {taken_port} on 127.0.0.1 is in use "
                   "(set CLAIMWATCH_DEMO_PORT to another port)")
    assert not (tmp_path / "var" / "claimwatch.db").exists()


def test_demo_and_web_on_one_port_is_refused(tmp_path: Path) -> None:
    port = _free_port()
    err = _refused("demo", _env(tmp_path, port, port))
    assert "cannot share port" in err and "CLAIMWATCH_DEMO_PORT" in err


def test_an_unusable_web_host_is_one_line(tmp_path: Path) -> None:
    env = {**_env(tmp_path, _free_port(), _free_port()), "CLAIMWATCH_WEB_HOST": "192.0.2.1"}
    err = _refused("run", env)  # TEST-NET-1: no interface of this machine has it
    assert err.startswith("Error: cannot listen on 192.0.2.1:") and "CLAIMWATCH_WEB_HOST" in err


@pytest.mark.slow
def test_the_demo_starts_and_ctrl_c_leaves_nothing_running(tmp_path: Path) -> None:
    web_port = _free_port()
    proc = _start("demo", _env(tmp_path, web_port, _free_port()))
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, proc.communicate()
            try:
                if httpx.get(f"http://127.0.0.1:{web_port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the web app did not come up"
            time.sleep(0.5)
        assert len(_session_members(proc.pid)) >= 3  # the runner, the web app, the worker
        proc.send_signal(signal.SIGINT)
        out, _err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0
    assert "claimwatch is running" in out
    deadline = time.monotonic() + 20
    while _session_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _session_members(proc.pid) == []



def test_serve_on_a_port_in_use_is_one_line(tmp_path: Path, taken_port: int) -> None:
    env = _env(tmp_path, _free_port(), _free_port())
    proc = subprocess.run([sys.executable, "-m", "claimwatch.cli", "serve", "--port", str(taken_port)],
                          env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.strip() == (f"Error: port {taken_port} on 127.0.0.1 is in use "
                                   "(set --port or CLAIMWATCH_WEB_PORT to another port)")
