"""What the demo's planted errors must produce, and nothing else (claimwatch/demo_site/README.md)."""

from __future__ import annotations

from store.models import Finding


def flagged(findings: list[Finding]) -> set[tuple[str, str | None, str | None]]:
    return {(f.type, f.verdict, f.indicator) for f in findings}


PLANTED = {
    ("verdict", "inconsistent", "industrial_value_added"),  # 45.1 trillion yuan for 2024
    ("verdict", "stale", "5g_base_stations"),  # "China has 2.34 million" in August 2025
    ("arithmetic", None, "industrial_internet_core_value_added"),  # 1.53 trillion = 3.81% of GDP
    ("conflict", None, "green_factories"),  # 6,430 vs 5,000 at the end of 2024
}
# The Chinese side of the conflict is also wrong on its own against MIIT's 6,430,
# and the core sector's 3.81% is wrong against the 1.13% it implies.
ALSO_ALLOWED = {
    ("verdict", "inconsistent", "green_factories"),
    ("verdict", "inconsistent", "industrial_internet_core_share_of_gdp"),
    # the wrong 45.1 trillion yuan also disagrees with the Chinese outlet's 40.5万亿元
    ("conflict", None, "industrial_value_added"),
}
