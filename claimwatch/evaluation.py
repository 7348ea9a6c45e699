"""`claimwatch eval`: precision, recall and F1 of extraction, field by field, verdict
accuracy on gold claims, and finding precision/recall, on the labelled corpus; and the same
figures, with what the whole check says, on the seed articles beside the project."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from claimwatch.settings import PROJECT_DIR
from verifier.arithmetic import check_article
from verifier.check import Checker
from verifier.claims import Claim
from verifier.conflicts import SourcedClaim, find_conflicts
from verifier.verdicts import verify

FIELDS = ("value", "unit", "qualifier", "indicator", "geography", "period", "kind")


@dataclass
class GoldClaim:
    start: int
    end: int
    fields: dict[str, Any]


@dataclass
class Article:
    id: str
    lang: str
    published: date | None
    publisher: str
    origin: str
    text: str
    claims: list[GoldClaim]
    findings: list[dict[str, Any]]


def _locate(text: str, span: str, occurrence: int) -> int:
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(span, pos + 1)
        if pos < 0:
            raise ValueError(f"span {span!r} not found {occurrence} time(s)")
    return pos


def _gold_claims(text: str, raw_claims: list[dict[str, Any]] | None) -> list[GoldClaim]:
    gold = []
    for c in raw_claims or []:
        span = str(c["text"])
        start = _locate(text, span, int(c.get("occurrence", 1)))
        fields = {k: c.get(k) for k in (*FIELDS, "verdict", "lower", "upper")}
        gold.append(GoldClaim(start, start + len(span), fields))
    return gold


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def load_corpus(folder: Path) -> list[Article]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = raw["text"]
        out.append(Article(
            id=str(raw.get("id", path.stem)), lang=str(raw.get("lang", "en")),
            published=_date(raw.get("published")),
            publisher=str(raw.get("publisher", "")),
            origin=str(raw.get("syndicated_from") or raw.get("id", path.stem)),
            text=text, claims=_gold_claims(text, raw.get("claims")),
            findings=list(raw.get("findings") or []),
        ))
    return out


# The seed articles were written by others and stay outside the project (../shared/seeds/);
# our labels of them hold no sentence of theirs, only spans, fields and the file they label.
SEEDS_DIR = PROJECT_DIR.parent / "shared" / "seeds"
SEEDS_GOLD_DIR = PROJECT_DIR / "tests" / "seeds_gold"


def load_seeds(gold_dir: Path, seeds_dir: Path) -> list[Article]:
    """The seed articles as labelled articles: each gold file's text is the seed file it names.
    A gold file naming a missing seed, or a span its seed lacks, is a ValueError naming both."""
    out = []
    for path in sorted(gold_dir.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        seed = seeds_dir / str(raw.get("seed", ""))
        if not raw.get("seed") or not seed.is_file():
            raise ValueError(f"{path.name}: its seed {raw.get('seed')!r} is not in {seeds_dir}")
        text = seed.read_text(encoding="utf-8")
        try:
            claims = _gold_claims(text, raw.get("claims"))
            published = _date(raw.get("published"))
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from None
        out.append(Article(
            id=f"seeds/{seed.stem}", lang=str(raw.get("lang", "en")), published=published,
            publisher=str(raw.get("publisher", "")), origin=seed.name, text=text,
            claims=claims, findings=list(raw.get("findings") or []),
        ))
    return out


def _same(field: str, gold: Any, got: Any) -> bool:
    if field == "value":
        if gold is None or got is None:
            return gold == got
        return math.isclose(float(gold), float(got), rel_tol=1e-6, abs_tol=1e-9)
    if field == "period":
        return str(gold) == str(got) if gold is not None else got is None
    return gold == got


def _match(gold: list[GoldClaim], predicted: list[Claim]) -> list[tuple[GoldClaim, Claim]]:
    pairs = []
    used: set[int] = set()
    for g in gold:
        best = None
        best_overlap = 0
        for i, p in enumerate(predicted):
            if i in used:
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _gold_as_claim(article: Article, g: GoldClaim) -> Claim:
    f = g.fields
    value = float(f["value"])
    return Claim(
        text=article.text[g.start:g.end], start=g.start, end=g.end, sentence="",
        value=value, lower=f.get("lower"), upper=f.get("upper"), unit=str(f["unit"]),
        qualifier=str(f["qualifier"]), indicator=f.get("indicator"),
        geography=str(f.get("geography") or "CN"),
        period=str(f["period"]) if f.get("period") is not None else None, kind=str(f["kind"]),
    )


def _interval(claim: Claim) -> Claim:
    """Gold claims carry no interval: give them the one the wording implies."""
    from verifier.quantities import find_quantities

    found = find_quantities(claim.text)
    if found and claim.lower is None and claim.upper is None:
        q = found[0]
        scale = claim.value / q.value if q.value else 1.0
        claim.lower = q.lower * scale if q.lower is not None else None
        claim.upper = q.upper * scale if q.upper is not None else None
    elif claim.lower is None and claim.upper is None:
        claim.lower = claim.upper = claim.value
    return claim


@dataclass
class Mismatch:
    """One thing extraction got wrong: a field of a matched claim, a missed or an extra claim."""

    article: str
    span: str
    field: str  # a field name, "missed" (gold claim not found) or "extra" (no gold claim)
    gold: Any
    got: Any
    sentence: str

    def line(self) -> str:
        return (f"{self.article}\t{self.field}\t{self.span!r}\tgold={self.gold!r}\t"
                f"got={self.got!r}\t| {' '.join(self.sentence.split())[:160]}")


def _sentence_at(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), text.rfind("。", 0, start), text.rfind(". ", 0, start))
    right = min((i for i in (text.find("\n", end), text.find("。", end), text.find(". ", end))
                 if i >= 0), default=len(text))
    return text[left + 1:right + 1]


def evaluate(articles: list[Article], checker: Checker,
             errors: list[Mismatch] | None = None) -> dict[str, Any]:
    """Scores by name; `errors`, when given, receives every mismatch (`claimwatch eval --errors`)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    field_right: dict[str, int] = defaultdict(int)
    matched_total = 0
    verdict_right = verdict_total = 0
    finding_tp = finding_pred = finding_gold = 0
    sourced: list[SourcedClaim] = []
    sourced_article: list[str] = []
    for art in articles:
        predicted = checker.extract(art.text, art.published)
        pairs = _match(art.claims, predicted)
        for scope in ("all", art.lang):
            counts[scope]["pred"] += len(predicted)
            counts[scope]["gold"] += len(art.claims)
            counts[scope]["tp"] += len(pairs)
        if errors is not None:
            hit = {id(g) for g, _ in pairs}
            taken = {id(p) for _, p in pairs}
            errors.extend(Mismatch(art.id, art.text[g.start:g.end], "missed", g.fields.get("value"),
                                   None, _sentence_at(art.text, g.start, g.end))
                          for g in art.claims if id(g) not in hit)
            errors.extend(Mismatch(art.id, p.text, "extra", None, p.value, p.sentence)
                          for p in predicted if id(p) not in taken)
        for g, p in pairs:
            matched_total += 1
            all_right = True
            for name in FIELDS:
                ok = _same(name, g.fields.get(name), getattr(p, name))
                field_right[name] += ok
                all_right = all_right and ok
                if not ok and errors is not None:
                    errors.append(Mismatch(art.id, art.text[g.start:g.end], name,
                                           g.fields.get(name), getattr(p, name), p.sentence))
            for scope in ("all", art.lang):
                counts[scope]["tp_all_fields"] += all_right
        # verdicts on the gold claims: the verifier alone
        for g in art.claims:
            if g.fields.get("verdict") is None:
                continue
            claim = _interval(_gold_as_claim(art, g))
            claim.period_explicit = str(g.fields.get("period")) != (
                f"{art.published:%Y-%m}" if art.published else "")
            verdict_total += 1
            verdict_right += verify(claim, checker.data, art.published).verdict == g.fields["verdict"]
        # arithmetic findings on the predicted claims, matched by shared spans
        gold_arith = [f for f in art.findings if f.get("type") == "arithmetic"]
        predicted_findings = check_article(predicted, checker.data, art.published)
        finding_pred += len(predicted_findings)
        finding_gold += len(gold_arith)
        for gf in gold_arith:
            spans = [str(s) for s in gf.get("claims") or []]
            if any(any(predicted[i].text in s or s in predicted[i].text for s in spans)
                   for pf in predicted_findings for i in pf.claim_indexes):
                finding_tp += 1
        for p in predicted:
            if p.indicator and p.period and p.kind == "actual":
                # as the pipeline does: the verdict and its reference go to the conflict check
                v = verify(p, checker.data, art.published)
                ref = v.reference
                sourced.append(SourcedClaim(len(sourced), p.indicator, p.geography, p.period,
                                            p.value, p.lower, p.upper, art.publisher,
                                            hash(art.origin), p.period_explicit, p.unit,
                                            art.published, v.verdict,
                                            ref.publisher if ref else "",
                                            ref.value if ref else None))
                sourced_article.append(art.id)

    conflicts = [{sourced_article[i] for i in c.claim_ids} for c in find_conflicts(sourced)]
    gold_pairs = [{a.id, str(f.get("other_article"))} for a in articles for f in a.findings
                  if f.get("type") == "conflict"]
    right = sum(1 for c in conflicts if any(pair <= c for pair in gold_pairs))
    found = sum(1 for pair in gold_pairs if any(pair <= c for c in conflicts))
    scores: dict[str, Any] = {"articles": len(articles)}
    for scope in ("all", "en", "zh"):
        c = counts[scope]
        if not c:
            continue
        prec, rec, f1 = _prf(c["tp"], c["pred"], c["gold"])
        prefix = "detection" if scope == "all" else f"detection_{scope}"
        scores[f"{prefix}_precision"], scores[f"{prefix}_recall"], scores[f"{prefix}_f1"] = prec, rec, f1
        _, _, f_all = _prf(c["tp_all_fields"], c["pred"], c["gold"])
        scores["all_fields_f1" if scope == "all" else f"all_fields_f1_{scope}"] = f_all
    for name in FIELDS:
        scores[f"field_{name}_accuracy"] = field_right[name] / matched_total if matched_total else 0.0
    scores["verdict_accuracy"] = verdict_right / verdict_total if verdict_total else 0.0
    fp, fr, ff = _prf(finding_tp, finding_pred, finding_gold)
    scores["arithmetic_precision"], scores["arithmetic_recall"], scores["arithmetic_f1"] = fp, fr, ff
    scores["conflict_precision"] = right / len(conflicts) if conflicts else 1.0
    scores["conflict_recall"] = found / len(gold_pairs) if gold_pairs else 1.0
    scores["false_conflicts"] = len(conflicts) - right
    return scores


def evaluate_checked(articles: list[Article], checker: Checker,
                     errors: list[Mismatch] | None = None) -> dict[str, Any]:
    """The figures of evaluate(), and what the whole check (extraction, then verdicts) says of
    the articles, as the pipeline runs it: `check_verdict_accuracy` (a gold claim counts when a
    predicted claim overlaps it with the gold verdict) and `false_inconsistent` (claims called
    inconsistent that are not, extras included), the false alarm a reader sees first."""
    scores = evaluate(articles, checker, errors)
    right = total = false_inconsistent = 0
    for art in articles:
        checked = checker.check(art.text, art.published).claims
        pairs = _match(art.claims, checked)
        verdict_of = {id(p): g.fields.get("verdict") for g, p in pairs}
        total += sum(1 for g in art.claims if g.fields.get("verdict") is not None)
        for g, p in pairs:
            gold = g.fields.get("verdict")
            if gold is None:
                continue
            right += p.verdict == gold
            if p.verdict != gold and errors is not None:
                errors.append(Mismatch(art.id, art.text[g.start:g.end], "verdict", gold,
                                       p.verdict, p.sentence))
        for p in checked:
            gold = verdict_of.get(id(p))
            if p.verdict == "inconsistent" and gold != "inconsistent":
                false_inconsistent += 1
                if errors is not None and id(p) not in verdict_of:
                    errors.append(Mismatch(art.id, p.text, "verdict", None, p.verdict, p.sentence))
    scores["check_verdict_accuracy"] = right / total if total else 1.0
    scores["false_inconsistent"] = false_inconsistent
    return scores


def score_lines(scores: dict[str, Any], prefix: str = "") -> list[str]:
    """`name value` lines for people; a block of scores (the seeds) prints as `seeds.name`."""
    lines = []
    for name, value in scores.items():
        if isinstance(value, dict):
            lines.extend(score_lines(value, f"{prefix}{name}."))
        elif isinstance(value, float):
            lines.append(f"{prefix + name:40} {value:.3f}")
        else:
            lines.append(f"{prefix + name:40} {value}")
    return lines


def check_floors(scores: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """The scores below their floor. `seeds.detection_f1` is a score of the `seeds` block, and
    a floor on a block that was not scored (no seeds beside the project) is passed over; a name
    ending in `_max` pins a ceiling instead (`seeds.false_inconsistent_max: 0`)."""
    failed = []
    for key, pinned in floors.items():
        name, ceiling = (key[:-len("_max")], True) if key.endswith("_max") else (key, False)
        block, _, field = name.rpartition(".")
        where = scores.get(block) if block else scores
        if not isinstance(where, dict):
            continue
        got = float(where.get(field, 0.0))
        if ceiling and got > pinned + 1e-9:
            failed.append(f"{name} {got:.3f} > {pinned:.3f}")
        elif not ceiling and got + 1e-9 < pinned:
            failed.append(f"{name} {got:.3f} < {pinned:.3f}")
    return failed
