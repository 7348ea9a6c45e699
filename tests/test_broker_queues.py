"""The embedded broker's queues exist before a worker starts (worker.app.declare_queues): a
worker and a sender each making a queue's row on first use at once can both insert it, and
one then fails on the unique name (seen in CI: IntegrityError on kombu_queue.name)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimwatch.settings import Settings
from worker.app import QUEUES, create_app, declare_queues


def test_every_queue_is_made_once_however_often_declared(tmp_path: Path) -> None:
    broker = tmp_path / "broker.db"
    settings = Settings(var_dir=tmp_path / "var", broker_url=f"sqla+sqlite:///{broker}")
    declare_queues(create_app(settings))
    declare_queues(create_app(settings))  # a second start finds them and makes none again
    with sqlite3.connect(broker) as db:
        names = [name for (name,) in db.execute("SELECT name FROM kombu_queue")]
    assert sorted(names) == sorted(QUEUES)
