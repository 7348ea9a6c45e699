"""sources.yaml, loaded on first start: the project's own file loads; a wrong type or a bad
listing selector stops the start with one line naming the source, and adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.runner import StartError, load_sources_file
from claimwatch.settings import PROJECT_DIR, Settings
from store import sources
from store.db import session_scope


def _settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=sqlite_url)


def test_the_projects_sources_file_loads_once(tmp_path: Path, sqlite_url: str) -> None:
    settings = _settings(tmp_path, sqlite_url)
    added = load_sources_file(settings, PROJECT_DIR / "sources.yaml")
    assert added > 0
    assert load_sources_file(settings, PROJECT_DIR / "sources.yaml") == 0
    with session_scope(sqlite_url) as s:
        listings = [src for src in sources.list_sources(s) if src.kind == "listing"]
    assert listings and all(src.selectors.get("links") for src in listings)


@pytest.mark.parametrize(("entry", "message"), [
    ('{name: Wire, url: "https://a.example/x", type: rss}',
     "sources.yaml: source 'Wire': type 'rss' is not feed, sitemap or listing"),
    ('{name: Wire, url: "https://a.example/x", type: listing}',
     "sources.yaml: source 'Wire': a listing source needs selectors.links"),
    ('{name: Wire, url: "https://a.example/x", type: listing, selectors: {links: "ul..a"}}',
     "sources.yaml: source 'Wire': bad selector 'ul..a'"),
    ('{url: "https://a.example/x"}', "sources.yaml: each source needs a name and a url"),
])
def test_a_bad_entry_stops_the_start_and_adds_nothing(tmp_path: Path, sqlite_url: str,
                                                     entry: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text('sources:\n  - {name: Good, url: "https://good.example/feed"}\n'
                    f"  - {entry}\n", encoding="utf-8")
    with pytest.raises(StartError) as caught:
        load_sources_file(_settings(tmp_path, sqlite_url), path)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    with session_scope(sqlite_url) as s:
        assert sources.list_sources(s) == []
