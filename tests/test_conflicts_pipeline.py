"""Cross-source conflicts through the pipeline, on SQLite and PostgreSQL: process_article
hands detect_conflicts what verification found (verdict, reference) and each article's date
and story origin, so stored articles give the findings tests/verifier/test_conflicts.py
labels, and no other."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from claimwatch import pipeline
from claimwatch.settings import PROJECT_DIR, Settings
from store import articles
from store.db import session_scope
from store.models import Article, Claim, Finding

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
             published: datetime, language: str = "en") -> int:
    with session_scope(ctx.db) as s:
        article_id = articles.add_entry(
            s, source_id=None, url=f"http://127.0.0.1/{slug}",
            canonical_url=f"http://127.0.0.1/{slug}", guid=None, title=slug,
            published_at=published, publisher=publisher)
    assert article_id is not None
    assert pipeline.store_page(ctx, article_id, slug, text * 3, language, published)
    pipeline.process_article(ctx, article_id)
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
