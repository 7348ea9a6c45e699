"""Log lines carry the ids of the step that wrote them; JSON in production."""

from __future__ import annotations

import json
import logging

import pytest

from claimwatch.logs import ContextFilter, JsonFormatter, TextFormatter, log_context


def _record(message: str) -> logging.LogRecord:
    record = logging.LogRecord("claimwatch.pipeline", logging.INFO, __file__, 1, message, (), None)
    ContextFilter().filter(record)
    return record


def test_json_lines_carry_the_ids_of_the_step() -> None:
    with log_context(source_id=4), log_context(article_id=17):
        line = JsonFormatter().format(_record("fetched"))
    entry = json.loads(line)
    assert entry["message"] == "fetched" and entry["level"] == "info"
    assert entry["source_id"] == 4 and entry["article_id"] == 17


def test_text_lines_are_readable_and_ids_do_not_leak_out_of_the_step() -> None:
    with log_context(article_id=17):
        inside = TextFormatter().format(_record("processed"))
    outside = TextFormatter().format(_record("idle"))
    assert inside.endswith("processed [article=17]")
    assert "article" not in outside


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_configure_logging_installs_one_handler(fmt: str) -> None:
    from claimwatch.logs import configure_logging

    root = logging.getLogger()
    saved = root.handlers[:]
    try:
        configure_logging(fmt)
        assert len(root.handlers) == 1
    finally:
        root.handlers = saved
