"""Cross-source conflicts through the pipeline, on SQLite and PostgreSQL: process_article
marks the keys it wrote claims for, and check_conflicts hands the conflict check what
verification found (verdict, reference) and each article's date and story origin, so stored
articles give the findings tests/verifier/test_conflicts.py labels, and no other. One check
for many articles gives exactly what a check after each article gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from claimwatch import pipeline
from claimwatch.settings import PROJECT_DIR, Settings
from store import articles, conflict_keys
from store.db import session_scope
from store.jobs import job_runs
from store.migrate import upgrade
from store.models import Article, Claim, Finding
from tests.helpers import processed_article

IFR_402 = ("China's manufacturing industry had 402 robots per 10,000 employees in 2022, "
           "according to the International Federation of Robotics, up from 322 a year earlier. "
           "Factories across the country kept installing industrial robots. ")
MIIT_392 = ("2022年，我国制造业机器人密度达到每万名工人392台，工业和信息化部在新闻发布会上介绍。"
            "工业机器人已广泛应用于汽车、电子等行业。")
NBS_58 = ("China's value added of industrial enterprises above designated size grew 5.8 percent "
          "in 2024, the National Bureau of Statistics said. Manufacturing output rose across most "
          "sectors, and equipment makers did better than the rest of industry. ")
WRONG_68 = "2024年，我国规模以上工业增加值同比增长6.8%，工业经济运行总体平稳。制造业生产继续回升。"


def _settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url,
                    reference_dir=PROJECT_DIR / "reference_data")


def _process(ctx: pipeline.Context, slug: str, publisher: str, text: str,
             published: datetime, language: str = "en", check: bool = True) -> int:
    article_id = processed_article(ctx, slug, publisher, text * 3, published, language)
    if check:
        pipeline.check_all_conflicts(ctx)  # as a worker does shortly after
    return article_id


def _conflicts(ctx: pipeline.Context) -> list[tuple[str, set[int]]]:
    with session_scope(ctx.db) as s:
        found = s.scalars(select(Finding).where(Finding.type == "conflict")).all()
        return [(f.fingerprint, {c.article_id for c in f.claims}) for f in found]


def _verdicts(ctx: pipeline.Context, indicator: str) -> set[str | None]:
    with session_scope(ctx.db) as s:
        return set(s.scalars(select(Claim.verdict).where(Claim.indicator == indicator)))


def test_two_outlets_repeating_two_official_figures_make_no_conflict(tmp_path: Path,
                                                                      db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    _process(ctx, "ifr", "Silk Road Tech Daily", IFR_402, datetime(2024, 11, 22, tzinfo=UTC))
    _process(ctx, "miit", "中工信息报", MIIT_392, datetime(2024, 11, 25, tzinfo=UTC), "zh")
    # both figures were checked, each against its own publisher's observation
    assert _verdicts(ctx, "robot_density") == {"consistent"}
    assert _conflicts(ctx) == []


def test_an_outlet_against_another_makes_one_conflict_linking_both(tmp_path: Path,
                                                                   db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    right = _process(ctx, "nbs", "Pacific Ledger", NBS_58, datetime(2025, 1, 18, tzinfo=UTC))
    wrong = _process(ctx, "odd", "东岸科技网", WRONG_68, datetime(2025, 2, 10, tzinfo=UTC), "zh")
    assert _conflicts(ctx) == [("conflict:industrial_value_added_growth:CN:2024",
                                {right, wrong})]
    # processing again opens nothing new
    assert pipeline.process_article(ctx, wrong) == []
    assert pipeline.check_all_conflicts(ctx) == []
    assert len(_conflicts(ctx)) == 1


def test_a_syndicated_copy_with_another_figure_is_no_independent_source(tmp_path: Path,
                                                                        db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    first = _process(ctx, "nbs", "Pacific Ledger", NBS_58, datetime(2025, 1, 18, tzinfo=UTC))
    # the same story re-posted under another name, its figure mistyped on the way
    copy = _process(ctx, "copy", "Harbourline Digest", NBS_58.replace("5.8 percent", "6.8 percent"),
                    datetime(2025, 1, 19, tzinfo=UTC))
    with session_scope(ctx.db) as s:
        article = s.get(Article, copy)
        assert article is not None and article.duplicate_of_id == first
    assert _verdicts(ctx, "industrial_value_added_growth") == {"consistent", "inconsistent"}
    assert _conflicts(ctx) == []


# --- the periodic check: marks, one pass per key, the lease ------------------------------------

ECHO_58 = ("China's industrial value added above designated size grew 5.8 percent in 2024, "
           "official data showed. Output of equipment makers grew faster than the average, and "
           "exporters kept hiring. ")
ZH_73 = ("2024年全国规模以上工业增加值比上年增长7.3%，一家咨询机构在年度报告中写道。"
         "高技术制造业增速快于整体工业。")
STORIES = [("nbs", "Pacific Ledger", NBS_58, datetime(2025, 1, 18, tzinfo=UTC), "en"),
           ("odd", "东岸科技网", WRONG_68, datetime(2025, 2, 10, tzinfo=UTC), "zh"),
           ("echo", "Harbour Post", ECHO_58, datetime(2025, 2, 11, tzinfo=UTC), "en"),
           ("zh73", "北岸咨询", ZH_73, datetime(2025, 2, 12, tzinfo=UTC), "zh"),
           ("ifr", "Silk Road Tech Daily", IFR_402, datetime(2024, 11, 22, tzinfo=UTC), "en"),
           ("miit", "中工信息报", MIIT_392, datetime(2024, 11, 25, tzinfo=UTC), "zh")]


def _findings(db: str) -> list[tuple[Any, ...]]:
    """Every finding as a reviewer sees it, with its claims named by article and text."""
    with session_scope(db) as s:
        return sorted((f.fingerprint, f.type, f.summary, f.severity, f.status, f.detail,
                       sorted((c.article.url, c.text, c.start) for c in f.claims))
                      for f in s.scalars(select(Finding)))


def _waiting(db: str) -> list[tuple[str, str, str]]:
    with session_scope(db) as s:
        return [key for _, key in conflict_keys.waiting(s, 100)]


def test_one_check_after_many_articles_gives_what_a_check_after_each_gives(
        tmp_path: Path, db_url: str) -> None:
    each = pipeline.Context(_settings(tmp_path, db_url))
    other_db = f"sqlite:///{tmp_path / 'batched.db'}"
    upgrade(other_db)
    batched = pipeline.Context(_settings(tmp_path / "b", other_db))
    for slug, publisher, text, published, language in STORIES:
        _process(each, slug, publisher, text, published, language)
        _process(batched, slug, publisher, text, published, language, check=False)
    # nothing compared yet: each key the articles wrote actual claims for waits, once per article
    waiting = _waiting(other_db)
    assert waiting.count(("industrial_value_added_growth", "CN", "2024")) == 4
    assert ("robot_density", "CN", "2022-12") in waiting
    assert [f for f in _findings(other_db) if f[1] == "conflict"] == []
    opened = pipeline.check_all_conflicts(batched)
    assert len(opened) == 1 and _waiting(other_db) == []
    assert _findings(other_db) == _findings(db_url)
    [conflict] = [f for f in _findings(db_url) if f[1] == "conflict"]
    # the summary names every figure in the conflict (each text says it three times), the
    # outlet that agrees with NBS included, oldest first
    figures = [("5.8 percent", "Pacific Ledger"), ("6.8%", "东岸科技网"),
               ("5.8 percent", "Harbour Post"), ("7.3%", "北岸咨询")]
    assert conflict[2] == ("Independent sources disagree on industrial_value_added_growth for CN, "
                           "2024: " + ", ".join(f"{t} ({p})" for t, p in figures for _ in "abc")
                           + ".")
    assert {url.rsplit("/", 1)[1] for url, _, _ in conflict[6]} == {"nbs", "odd", "echo", "zh73"}


def test_checking_again_changes_nothing_and_marks_go_once_read(tmp_path: Path,
                                                                 db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    for slug, publisher, text, published, language in STORIES[:2]:
        _process(ctx, slug, publisher, text, published, language, check=False)
    first = pipeline.check_conflicts(ctx)
    assert (len(first.opened), first.keys, first.busy, first.more) == (1, 1, False, False)
    before = _findings(ctx.db)
    # processed again (a reverification): the keys wait again, and the check writes the same
    for article_id in (1, 2):
        assert pipeline.process_article(ctx, article_id) == []
    assert len(_waiting(ctx.db)) == 2
    again = pipeline.check_conflicts(ctx)
    assert (again.opened, again.keys) == ([], 1)
    assert pipeline.check_conflicts(ctx) == pipeline.ConflictCheck()
    assert _findings(ctx.db) == before


def test_a_check_takes_a_backlog_in_parts(tmp_path: Path, db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    for slug, publisher, text, published, language in STORIES[:4]:
        _process(ctx, slug, publisher, text, published, language, check=False)
    part = pipeline.check_conflicts(ctx, limit=2)
    assert part.more and len(part.opened) == 1 and len(_waiting(ctx.db)) == 2
    rest = pipeline.check_conflicts(ctx, limit=2)
    assert not rest.more and rest.opened == [] and _waiting(ctx.db) == []
    [conflict] = [f for f in _findings(ctx.db) if f[1] == "conflict"]
    assert {url for url, _, _ in conflict[6]} == {f"http://127.0.0.1/{x[0]}" for x in STORIES[:4]}


def test_while_another_check_holds_the_lease_a_check_leaves_the_marks(tmp_path: Path,
                                                                     db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    for slug, publisher, text, published, language in STORIES[:2]:
        _process(ctx, slug, publisher, text, published, language, check=False)
    with session_scope(ctx.db) as s:
        assert conflict_keys.take_lease(s, timedelta(minutes=5))  # a worker's check, running
    assert pipeline.check_conflicts(ctx) == pipeline.ConflictCheck(busy=True)
    assert pipeline.check_all_conflicts(ctx) == []
    assert len(_waiting(ctx.db)) == 2
    with session_scope(ctx.db) as s:
        conflict_keys.release_lease(s, {"keys": 0, "opened": 0})
    assert len(pipeline.check_all_conflicts(ctx)) == 1
    with session_scope(ctx.db) as s:
        [run] = [r for r in job_runs(s) if r.name == conflict_keys.LEASE_NAME]
        assert run.last_result == {"keys": 1, "opened": 1}


def test_the_article_that_marks_first_sends_the_check(tmp_path: Path, db_url: str) -> None:
    ctx = pipeline.Context(_settings(tmp_path, db_url))
    first = _process(ctx, *STORIES[0], check=False)
    second = _process(ctx, *STORIES[1], check=False)
    assert pipeline.conflict_check_due(ctx, first)
    assert not pipeline.conflict_check_due(ctx, second)  # the check sent for first takes it
    pipeline.check_conflicts(ctx)
    third = _process(ctx, *STORIES[2], check=False)
    assert pipeline.conflict_check_due(ctx, third)
    # an article with no figure about a known thing marks nothing and sends nothing
    with session_scope(ctx.db) as s:
        quiet = articles.add_entry(s, source_id=None, url="http://127.0.0.1/quiet",
                                   canonical_url="http://127.0.0.1/quiet", guid=None,
                                   title="quiet", published_at=None, publisher="Quiet Times")
    assert quiet is not None
    pipeline.store_page(ctx, quiet, "quiet", "Factories in the province kept hiring. " * 20,
                        "en", None)
    pipeline.process_article(ctx, quiet)
    assert not pipeline.conflict_check_due(ctx, quiet)
