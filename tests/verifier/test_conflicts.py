"""Cross-source conflicts (verifier/conflicts.py), rule by rule, on labelled examples taken
from the corpus (tests/corpus/): which claims make one finding, and which make none."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from verifier.conflicts import Conflict, SourcedClaim, find_conflicts, official_body

_next_id = iter(range(1, 10_000))


def claim(value: float, publisher: str, *, lower: float | None = None, upper: float | None = None,
          indicator: str = "nev_sales", geography: str = "CN", period: str = "2023",
          origin: int | None = None, explicit: bool = True, unit: str = "count",
          published: date | None = date(2024, 1, 15), verdict: str | None = None,
          reference: tuple[str, float] | None = None) -> SourcedClaim:
    """An exact figure by default: its interval is the value itself unless given."""
    claim_id = next(_next_id)
    return SourcedClaim(
        claim_id, indicator, geography, period, value,
        value if lower is None and upper is None else lower,
        value if lower is None and upper is None else upper,
        publisher, claim_id if origin is None else origin, explicit, unit, published, verdict,
        reference[0] if reference else "", reference[1] if reference else None)


def one(conflicts: list[Conflict]) -> Conflict:
    assert len(conflicts) == 1, conflicts
    return conflicts[0]


# --- what disagrees -------------------------------------------------------------------------

def test_independent_publishers_whose_figures_cannot_both_hold_conflict_without_a_reference() -> None:
    # zh-010 949.5万辆 and zh-018 994.5万辆 NEV sales for 2023 (a transposed digit)
    a = claim(9_495_000, "新经济日报", lower=9_494_500, upper=9_495_500)
    b = claim(9_945_000, "东方产业观察", lower=9_944_500, upper=9_945_500)
    found = one(find_conflicts([a, b]))
    assert found.claim_ids == tuple(sorted((a.claim_id, b.claim_id)))
    assert found.publishers == ("东方产业观察", "新经济日报")
    assert (found.indicator, found.geography, found.period) == ("nev_sales", "CN", "2023")
    assert found.fingerprint == "conflict:nev_sales:CN:2023"


def test_overlapping_intervals_do_not_conflict() -> None:
    # "超1280万辆" (at least 12.8 million) and "12.866 million": both can be right
    at_least = claim(12_800_000, "数智时代网", lower=12_800_000, upper=None, period="2024")
    exact = claim(12_866_000, "Lantern Industry Review", lower=12_865_500, upper=12_866_500,
                  period="2024")
    assert find_conflicts([at_least, exact]) == []
    # but "more than 3.8 million" cannot be the 3.5 million another outlet gives
    more = claim(3_800_000, "A", lower=3_800_000, upper=None, indicator="5g_base_stations",
                 period="2024-05")
    fewer = claim(3_500_000, "B", indicator="5g_base_stations", period="2024-05")
    assert one(find_conflicts([more, fewer]))


def test_a_gap_within_the_tolerance_is_no_conflict() -> None:
    a = claim(1000.0, "A")
    b = claim(1015.0, "B")  # 1.5 %: 1 % each side
    c = claim(1030.0, "C")
    assert find_conflicts([a, b]) == []
    assert one(find_conflicts([a, c]))
    assert find_conflicts([a, c], tolerance=0.02) == []


def test_different_indicators_places_periods_or_units_are_never_compared() -> None:
    base = claim(100.0, "A")
    for other in (claim(200.0, "B", indicator="nev_production"),
                  claim(200.0, "B", geography="CN-GD"),
                  claim(200.0, "B", period="2022"),
                  claim(200.0, "B", unit="USD")):
        assert find_conflicts([base, other]) == [], other


# --- who is independent -----------------------------------------------------------------------

def test_one_publisher_does_not_conflict_with_itself() -> None:
    a = claim(9_500_000, "Meridian EV Journal")
    b = claim(9_950_000, "  meridian ev  journal ")  # the same outlet, spelled loosely
    assert find_conflicts([a, b]) == []


def test_a_syndicated_copy_is_not_an_independent_source() -> None:
    original = claim(9_495_000, "Yangtze Wire")
    # the copy carries another outlet's name but shares the original's origin
    copy = claim(9_945_000, "Harbourline Digest", origin=original.origin)
    assert find_conflicts([original, copy]) == []
    # a third, independent outlet disagrees with both: one finding links all three
    third = claim(8_000_000, "Northgate Business News")
    found = one(find_conflicts([original, copy, third]))
    assert set(found.claim_ids) == {original.claim_id, copy.claim_id, third.claim_id}


def test_one_finding_links_every_claim_that_takes_part_and_no_other() -> None:
    # industrial value added growth 2024: five outlets say 5.8 %, zh-906 says 6.8 %
    agreeing = [claim(5.8, p, lower=5.75, upper=5.85, unit="percent", period="2024",
                      indicator="industrial_value_added_growth")
                for p in ("Pacific Ledger", "华夏财经网", "北辰财经", "Yangtze Wire")]
    odd = claim(6.8, "东岸科技网", lower=6.75, upper=6.85, unit="percent", period="2024",
                indicator="industrial_value_added_growth")
    bystander = claim(5.0, "Vague Daily", lower=4.5, upper=7.0, unit="percent", period="2024",
                      indicator="industrial_value_added_growth")  # fits both
    found = one(find_conflicts([*agreeing, odd, bystander]))
    assert set(found.claim_ids) == {c.claim_id for c in [*agreeing, odd]}
    assert "Vague Daily" not in found.publishers


# --- how the period was known ---------------------------------------------------------------

def test_a_period_set_by_the_text_before_the_sentence_is_ground_enough() -> None:
    # zh-010 / zh-018: "2023年...全年新能源汽车销量" - the sentence says only 全年, the article
    # named the year earlier; both were published in January 2024
    a = claim(9_495_000, "新经济日报", explicit=False, published=date(2024, 1, 12))
    b = claim(9_945_000, "东方产业观察", explicit=False, published=date(2024, 1, 16))
    assert one(find_conflicts([a, b]))


def test_two_figures_dated_only_by_their_publication_accuse_no_one() -> None:
    # "now runs ..." in two August articles: either may be weeks old
    a = claim(3_380_000, "GridWatch Asia", indicator="5g_base_stations", period="2025-08",
              explicit=False, published=date(2025, 8, 20))
    b = claim(4_600_000, "Silk Road Tech Daily", indicator="5g_base_stations", period="2025-08",
              explicit=False, published=date(2025, 8, 28))
    assert find_conflicts([a, b]) == []


def test_a_figure_dated_by_its_publication_conflicts_with_one_a_text_dates_to_that_month() -> None:
    # en-906 "The country now runs 3.38 million" (20 August 2025) against en-039 "nearly 4.65
    # million by the end of August"
    now = claim(3_380_000, "GridWatch Asia", indicator="5g_base_stations", period="2025-08",
                explicit=False, published=date(2025, 8, 20))
    dated = claim(4_650_000, "Silk Road Tech Daily", lower=4_185_000, upper=4_650_000,
                  indicator="5g_base_stations", period="2025-08", published=date(2025, 9, 25))
    assert set(one(find_conflicts([now, dated])).claim_ids) == {now.claim_id, dated.claim_id}


def test_an_undated_figure_in_an_article_without_a_date_is_dated_by_its_text() -> None:
    a = claim(100.0, "A", explicit=False, published=None)
    b = claim(200.0, "B", explicit=False, published=None)
    assert one(find_conflicts([a, b]))


# --- the official record ----------------------------------------------------------------------


def test_outlets_repeating_two_official_figures_that_differ_do_not_conflict() -> None:
    # en-026 402 (IFR) and zh-016 392台 (MIIT): two methodologies, both in the reference data
    ifr = claim(402, "Silk Road Tech Daily", verdict="consistent",
                reference=("IFR (via Xinhua, People's Daily Online)", 402),
                indicator="robot_density", period="2022-12", unit="per_10k_employees")
    miit = claim(392, "中工信息报", verdict="consistent",
                 reference=("MIIT (via Window-to-China)", 392),
                 indicator="robot_density", period="2022-12", unit="per_10k_employees")
    assert find_conflicts([ifr, miit]) == []
    # without the verdicts (as before verification) the two figures do conflict
    bare = [replace(c, verdict=None, reference_publisher="", reference_value=None)
            for c in (ifr, miit)]
    assert one(find_conflicts(bare))


def test_a_newspaper_figure_is_not_an_official_one() -> None:
    # en-010 718,000 (MIIT) and en-011 771,000, which only Global Times reported: a conflict
    miit = claim(718_000, "Yangtze Wire", indicator="5g_base_stations", period="2020-12",
                 verdict="consistent",
                 reference=("MIIT (via portuguese.siliconerubber-keypads.com)", 718_000))
    gt = claim(771_000, "Northgate Business News", indicator="5g_base_stations",
               period="2020-12", verdict="consistent",
               reference=("Global Times (via RCR Wireless)", 771_000))
    assert one(find_conflicts([miit, gt]))


def test_only_agreement_with_an_official_figure_excuses_a_gap() -> None:
    # zh-906 6.8 % is inconsistent with NBS's 5.8 %: the reference it was compared with is
    # official, but it does not agree with it
    right = claim(5.8, "北辰财经", unit="percent", period="2024",
                  indicator="industrial_value_added_growth", verdict="consistent",
                  reference=("NBS (via gov.cn)", 5.8))
    wrong = claim(6.8, "东岸科技网", unit="percent", period="2024",
                  indicator="industrial_value_added_growth", verdict="inconsistent",
                  reference=("NBS (via gov.cn)", 5.8))
    assert one(find_conflicts([right, wrong]))
    # the same if only one side was checked at all
    unchecked = replace(wrong, verdict=None, reference_publisher="", reference_value=None)
    assert one(find_conflicts([right, unchecked]))


def test_a_figure_and_its_official_revision_are_no_conflict() -> None:
    # one outlet repeats a preliminary growth rate, a later one the revision, both from NBS
    first = claim(4.6, "A", unit="percent", indicator="industrial_value_added_growth",
                  verdict="consistent", reference=("NBS (via Xinhua)", 4.6))
    revised = claim(5.0, "B", unit="percent", indicator="industrial_value_added_growth",
                    verdict="consistent", reference=("NBS (via stats.gov.cn)", 5.0))
    assert find_conflicts([first, revised]) == []
    # the very same official figure cannot excuse two claims that disagree with each other
    same = replace(revised, reference_publisher="NBS (via Xinhua)", reference_value=4.6)
    assert one(find_conflicts([first, same]))


@pytest.mark.parametrize(("publisher", "body"), [
    ("MIIT (via Xinhua/CRNTT)", "miit"),
    ("NBS/MIIT", "nbs"),
    ("MIIT and 18 other departments", "miit"),
    ("IFR (via Xinhua, People's Daily Online)", "ifr"),
    ("International Federation of Robotics", "ifr"),
    ("China Academy of Industrial Internet (via CCTV)", "aii"),
    ("SCIO", "state_council"),
    ("工业和信息化部（新华社）", "miit"),
    ("国家统计局", "nbs"),
    ("Global Times (via RCR Wireless)", None),
    ("People's Daily Online", None),
    ("Daoinsights (non-official)", None),
    ("China Briefing (non-official, via Entrepreneur NG)", None),
    ("unnamed report, CAICT-style (via 365seal.com)", None),
    ("derived by claimwatch: China Academy of Industrial Internet core value added / NBS", None),
    ("NBSC Daily", None),  # a name that only begins like a body's
    ("", None),
])
def test_official_body_reads_the_body_a_reference_publisher_names_first(
        publisher: str, body: str | None) -> None:
    assert official_body(publisher) == body
