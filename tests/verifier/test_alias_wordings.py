"""Wordings of three indicators that name the thing around the figure, not before it
(corpus en-032, en-037, en-039), and look-alikes that must stay unlinked."""

from __future__ import annotations

import pytest

from tests.verifier.conftest import claims
from verifier.extract import Extractor


@pytest.mark.parametrize(("text", "indicator"), [
    ("About 1.1 billion people used 5G mobile phones by the end of July 2025.", "5g_users"),
    ("People used 5G mobile phones for 40 percent of data traffic in 2024.", None),
    ("Chinese factories made 29 percent of the world's manufacturing output in 2023.",
     "manufacturing_share_of_world"),
    ("The plan sets a goal of 10 percent of GDP for core industries by 2025.",
     "digital_economy_core_share_of_gdp"),
    # the industrial internet has core industries too, and their share is not of GDP
    ("The core industries' share of the industrial internet economy reached 36 percent in 2023.",
     None),
])
def test_indicator_named_around_the_figure(extractor: Extractor, text: str,
                                           indicator: str | None) -> None:
    got = claims(extractor, text, "2025-09-01")
    assert len(got) == 1
    assert got[0].indicator == indicator
