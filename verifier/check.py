"""The whole verification of one article: claims, verdicts, findings. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from verifier.arithmetic import check_article
from verifier.claims import Claim, Finding
from verifier.extract import Extractor
from verifier.reference import ReferenceData
from verifier.verdicts import apply, verify


@dataclass
class CheckResult:
    claims: list[Claim]
    findings: list[Finding]
    reference_version: str


class Checker:
    def __init__(self, data: ReferenceData) -> None:
        self.data = data
        self.extractor = Extractor(data.catalogue)

    def extract(self, text: str, published: date | None = None) -> list[Claim]:
        return self.extractor.extract(text, published)

    def check(self, text: str, published: date | None = None) -> CheckResult:
        claims = self.extract(text, published)
        for claim in claims:
            apply(claim, verify(claim, self.data, published))
        return CheckResult(claims, check_article(claims, self.data, published), self.data.version)
