"""How well claimwatch's number reader does on its peers' public test data.

Usage: .venv/bin/python benchmarks/peer_scores.py [PEER_FOLDER]   (default: ../shared/peer)

Runs `verifier.quantities.find_quantities` on every case of Microsoft Recognizers-Text's
Number, Percent, NumberRange, Currency and Dimension specs (English and Chinese) and on
quantulum3's quantities.json, and scores it the way the peers' README scores the peers.

A case passes when we find exactly the expected results: as many as expected, each with
the same text, value and unit. Rules of the comparison:
- Text is compared ignoring case and full-/half-width forms (Recognizers reports its text
  lowercased and with full-width digits folded).
- Qualifier rule: our span may carry a leading qualifier phrase from claimwatch's own
  table (more than, about, nearly, 超过, 约 ...) or a trailing Chinese one (以上, 左右, 多, 余)
  that the peer leaves out of its text; the rest must equal the peer's text exactly. For the
  Number and NumberRange models, likewise a trailing Chinese measure word (199个).
- Number and NumberRange models ask for bare numbers: the unit is ignored, value and text
  count. Percent compares percent (our `percentage_point` counts when the peer's text says
  百分点 / percentage point, which Recognizers files under Percent). Currency maps Chinese
  yuan / Yuan / CNY -> CNY and United States dollar / USD -> USD; Recognizers' unnamed
  "Dollar" ($, dollars) counts as USD, which is how claimwatch reads it. Dimension maps
  Ton / Metric ton -> tonne, Square meter -> square_metre, Kilowatt -> kw.
- A typed model only reports its own type, so we compare only our quantities of that type
  (currencies for Currency, percentages for Percent, ranges and one-sided bounds for
  NumberRange, our physical units for Dimension); Number and quantulum3 see everything.
- NumberRange: '(20,)' wants a lower bound only (more than 20), '(,700]' an upper bound
  only (up to 700), '[20,30)' a range whose midpoint is 25 (claimwatch keeps a range as its
  midpoint with an interval); open versus closed ends are not compared.

"In scope" is decided per expected result by the rules in OUT_OF_SCOPE (a case is in scope
when all its expected results are; a case expecting nothing is in scope, it tests that we
invent nothing). They describe what claimwatch is for -- numbers in mainland news: integers,
decimals, thousands separators, scale words, Chinese numerals with 万/亿, percentages, CNY and
USD, the units we model -- never which cases we happen to pass.

Reading the output: one row per file -- cases, how many are in scope, passes in scope and
over all cases, passes on exactly the cases Microsoft's Python figure counts (those not
marked NotSupported for python), and Microsoft's own figure from the README. "lenient" is
a second, looser look (spans need only overlap; value and unit must still agree): the gap
between strict and lenient is span-boundary convention, not misreading. Then, per file,
the excluded cases by reason and up to 10 in-scope failures.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier import lexicon
from verifier.quantities import Quantity, find_quantities

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PEER = REPO.parent / "shared" / "peer"
RT = "recognizers-text"
LIMIT = 10  # failures shown per file

# label, path under the peer folder, model kind, language, Microsoft's Python figure (README)
FILES = [
    ("en Number", f"{RT}/Number/English/NumberModel.json", "number", "en", "172/211"),
    ("en Percent", f"{RT}/Number/English/PercentModel.json", "percent", "en", "17/17"),
    ("en NumberRange", f"{RT}/Number/English/NumberRangeModel.json", "range", "en", "n/a"),
    ("en Currency", f"{RT}/NumberWithUnit/English/CurrencyModel.json", "currency", "en", "126/130"),
    ("en Dimension", f"{RT}/NumberWithUnit/English/DimensionModel.json", "dimension", "en", "60/82"),
    ("zh Number", f"{RT}/Number/Chinese/NumberModel.json", "number", "zh", "332/359"),
    ("zh Percent", f"{RT}/Number/Chinese/PercentModel.json", "percent", "zh", "139/152"),
    ("zh NumberRange", f"{RT}/Number/Chinese/NumberRangeModel.json", "range", "zh", "n/a"),
    ("zh Currency", f"{RT}/NumberWithUnit/Chinese/CurrencyModel.json", "currency", "zh", "27/29"),
    ("zh Dimension", f"{RT}/NumberWithUnit/Chinese/DimensionModel.json", "dimension", "zh", "10/29"),
    ("quantulum3", "quantulum3/quantities.json", "quantulum", "en", "101/101 (own)"),
]

UNIT_MAP = {
    "Chinese yuan": "CNY", "Yuan": "CNY", "CNY": "CNY", "United States dollar": "USD", "USD": "USD",
    "Dollar": "USD", "Ton": "tonne", "Metric ton": "tonne", "Square meter": "square_metre",
    "Kilowatt": "kw",
    # quantulum3's names
    "dimensionless": "count", "dollar": "USD", "percentage": "percent", "tonne": "tonne",
    "square metre": "square_metre", "kilowatt hour": "kwh", "gigawatt": "gw",
}
OUR_UNITS = {  # which of our quantities a typed model may be compared with
    "percent": {"percent", "percentage_point"},
    "currency": {"CNY", "USD"},
    "dimension": {"tonne", "kwh", "gw", "kw", "square_metre", "eflops"},
}


@dataclass
class Expected:
    text: str
    value: float | None
    unit: str | None  # our unit name; None = a unit we do not model; "*" = unit ignored
    peer_unit: str = ""
    lo: float | None = None  # NumberRange bounds
    hi: float | None = None


@dataclass
class Case:
    input: str
    expected: list[Expected]
    python_supported: bool  # counted in Microsoft's Python figure


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def num(s: str | None) -> float | None:
    if s in (None, "", "null"):
        return None
    return float(str(s).rstrip("%"))


def load(path: Path, kind: str) -> list[Case]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    if kind == "quantulum":
        return [Case(c["req"], [Expected(r["surface"], float(r["value"]), UNIT_MAP.get(r["unit"]),
                                         r["unit"]) for r in c["res"]], True) for c in raw]
    cases = []
    for c in raw:
        flags = f"{c.get('NotSupported', '')} {c.get('NotSupportedByDesign', '')}".lower()
        found = []
        for r in c.get("Results", []):
            res = r.get("Resolution") or {}
            peer_unit = res.get("unit") or res.get("isoCurrency") or ""
            if kind == "range":
                m = re.match(r"[\[(]([^,]*),([^\])]*)[\])]", res.get("value") or "")
                lo, hi = (num(m.group(1)), num(m.group(2))) if m else (None, None)
                found.append(Expected(r["Text"], None, "*", peer_unit, lo, hi))
                continue
            unit = {"number": "*", "percent": "percent"}.get(kind) or UNIT_MAP.get(
                res.get("isoCurrency") or "", UNIT_MAP.get(peer_unit))
            found.append(Expected(r["Text"], num(res.get("value")), unit, peer_unit))
        cases.append(Case(c["Input"], found, "python" not in flags))
    return cases


# ---- scope ------------------------------------------------------------------------------

_EN_WORD = (r"zero|nought|naught|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
            r"|fifty|sixty|seventy|eighty|ninety|hundred|point")
_EN_SMALL = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
             r"|five|six|seven|eight|nine))?|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
             r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
# the one spelled-out form claimwatch reads: one number word before a scale word
_EN_WORD_SCALE = re.compile(rf"\b(?:{_EN_SMALL})[\s-]+(?:thousand|million|billion|trillion)\b")
_ZH_NUM = "零〇一二两三四五六七八九十百千万亿点个分之成折余多几"
_ZH_TRADITIONAL = set("億萬點個兩負壹贰貳叁參肆伍陆陸柒捌玖拾佰仟倆幾對雙")


def _spelled_out(t: str) -> bool:
    """Number words left over once a '<word> million' (which claimwatch reads) is taken out."""
    return bool(re.search(rf"\b(?:{_EN_WORD})\b", _EN_WORD_SCALE.sub(" ", t, count=1)))


def _negative(e: Expected, t: str) -> bool:
    values = [v for v in (e.value, e.lo, e.hi) if v is not None]
    return any(v < 0 for v in values) or bool(re.search(r"^[-−]|\bminus\b|\bnegative\b|负", t))


OUT_OF_SCOPE = [  # (reason, test(expected, folded text, folded input, kind, lang))
    ("currency or unit we do not model (euro, pound, yen, HK$, feet, kg, bytes, °C ...)",
     lambda e, t, i, k, lang: e.unit is None),
    ("a unit name with no number ('dollar', '人民币')",
     lambda e, t, i, k, lang: k != "range" and e.value is None),
    ("negative numbers (-5, minus, 负): not read as signed by claimwatch",
     lambda e, t, i, k, lang: _negative(e, t)),
    ("traditional-script or 大写 numerals (壹, 萬, 億): sources are mainland simplified-script",
     lambda e, t, i, k, lang: bool(_ZH_TRADITIONAL & set(t))),
    ("non-mainland or archaic scales (兆 = 10^12, 万万 = 亿)",
     lambda e, t, i, k, lang: "兆" in t or "万万" in t),
    ("spaces inside a Chinese number ('一 百 五 十', '1000  万'): not how news is written",
     lambda e, t, i, k, lang: lang == "zh" and bool(re.search(rf"[{_ZH_NUM}]\s+\S|\S\s+[{_ZH_NUM}]", t))),
    ("fractions and ordinals (3/4, two thirds, one over three, a hundredth, tenth, 五分之一, 千分之三, 半)",
     lambda e, t, i, k, lang: bool(re.search(
         r"/|⁄|\bover\b|\bout of\b|\d in |又|半|(?<!^百)分之|½|⅓|¾|⅔|⅙"
         r"|\b\w*(?:ths?|first|firsts|second|thirds?|half|halves|quarters?)\b", t))),
    ("scientific notation and powers (1e10, 2^5, 1.3x10^6)",
     lambda e, t, i, k, lang: bool(re.search(r"\d\s*e[-+]?\d|\^|×10|x10", t))),
    ("dozens and pairs (a dozen, 打, 双)",
     lambda e, t, i, k, lang: bool(re.search(r"dozen|\bdoz|\bdzs?\b|打|双", t))),
    ("scale words outside English/Chinese news (lakh, crore, '322 hundred', MM, mil, G, tln; k in Chinese)",
     lambda e, t, i, k, lang: bool(re.search(r"lakh|crore|\d\s*hundred|\d\s*(?:mm|mil|g|tln)(?![a-z])", t))
     or (lang == "zh" and bool(re.search(r"\d\s*[kmg](?![a-z])", t)))),
    ("digit grouping not used in our news (1 234 567, 12,34,567, decimal comma 1,3)",
     lambda e, t, i, k, lang: bool(re.search(r"\d[ \u202f]\d{3}\b|\d,\d{1,2}(?!\d)|\d,\d{4}|\d\.\d{3},", t))),
    ("spelled-out English numbers other than '<word> million' (claimwatch reads 'two million', "
     "not 'one hundred and six')",
     lambda e, t, i, k, lang: lang == "en" and _spelled_out(t)),
    ("Chinese numerals with no 万/亿 and no unit (spelled out, like English words; news uses digits)",
     lambda e, t, i, k, lang: k in ("number", "range") and lang == "zh"
     and bool(re.search(r"[一二两三四五六七八九十百千零]", t)) and not re.search(r"[万亿]", t)),
    ("years, dates, times, phone numbers, ids (claimwatch masks these: not statistics)",
     lambda e, t, i, k, lang: bool(re.fullmatch(r"(?:19|20)\d\d", t)) or bool(re.search(
         r"\d\s*[/年]\s*\d{1,2}\s*[/月]|\+\d[-\d]|\d+\.\d+\.\d+\.\d+|\b[a-z]+-\d+|nrs?\.|章|\d:\d\d", i))),
    ("durations and ages ('in 3 years', 'for 20 minutes')",
     lambda e, t, i, k, lang: bool(re.search(
         rf"(?<![\d.,]){re.escape(t)}\s*(?:years?|months?|weeks?|days?|hours?|minutes?)\b", i))),
    ("currency sub-units and compound amounts (cents, pence, 毛/角, '3 dollars 50 cents')",
     lambda e, t, i, k, lang: k == "currency"
     and bool(re.search(r"cents?\b|pence|penny|毛|角|美分|又|\d\s*dollars? (?:and )?\d", t))),
    ("retail discounts (九折 = 90% of the price)", lambda e, t, i, k, lang: "折" in t),
    ("percent word before the number ('per cent of 210'): not news style",
     lambda e, t, i, k, lang: bool(re.match(r"per\s*cents? of|percents? of", t))),
    ("comparison/query phrasing (>=, 'less or equal than', 'greater than', 大于, 等于, 比…大)",
     lambda e, t, i, k, lang: k == "range" and bool(re.search(
         r"[<>=≥≤]|equal|larger than|smaller than|bigger than|greater than|higher than|lower than"
         r"|大于|小于|等于|比.{0,8}[大小高低]|之下", t))),
]


def scope_reason(case: Case, kind: str, lang: str) -> str | None:
    i = fold(case.input)
    for e in case.expected:
        t = fold(e.text)
        for reason, test in OUT_OF_SCOPE:
            if test(e, t, i, kind, lang):
                return reason
    return None


# ---- matching ---------------------------------------------------------------------------

def _strip_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    q = lexicon.qualifiers()
    before = sorted([*q.before_en, *q.before_zh], key=len, reverse=True)
    after = sorted(q.after_zh, key=len, reverse=True)
    return (re.compile(r"^(?:" + "|".join(re.escape(p) for p in before) + r")\s*"),
            re.compile(r"\s*(?:" + "|".join(re.escape(p) for p in after) + r")$"))


LEAD, TRAIL = _strip_re()
# a Chinese measure word right after the number (199个, 20~100个): claimwatch keeps it in the
# span (the corpus convention); the Number and NumberRange models report the bare number
MEASURE = re.compile(r"(?:" + "|".join(
    re.escape(w) for w, u in lexicon.units().after.items() if u == "count" and not w.isascii()) + r")$")


def our_texts(q: Quantity, kind: str = "") -> set[str]:
    full = fold(q.text)
    lead = LEAD.sub("", full)
    texts = {full, lead, TRAIL.sub("", full), TRAIL.sub("", lead)}
    if kind in ("number", "range") and q.unit == "count":
        texts |= {MEASURE.sub("", t) for t in texts}
    return texts


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_ok(q: Quantity, e: Expected, kind: str) -> bool:
    if kind == "range":
        lo, hi = e.lo, e.hi
        if lo is not None and hi is not None:
            if close(lo, hi):
                return not q.is_range and q.qualifier == "exact" and close(q.value, lo)
            return q.is_range and close(q.value, (lo + hi) / 2)
        if lo is not None:
            return q.upper is None and close(q.value, lo)
        return q.lower is None and close(q.value, hi)
    if not close(q.value, e.value):
        return False
    if e.unit == "*":
        return True
    if e.unit == "percent" and q.unit == "percentage_point":
        return bool(re.search(r"百分点|percentage point", fold(e.text)))
    return q.unit == e.unit


def text_ok(q: Quantity, e: Expected, lenient: bool, kind: str = "") -> bool:
    if not lenient:
        return fold(e.text) in our_texts(q, kind)
    ours, theirs = fold(q.text), fold(e.text)
    return ours in theirs or theirs in ours


def ours_for(kind: str, found: list[Quantity]) -> list[Quantity]:
    if kind == "range":
        return [q for q in found if q.is_range or q.lower is None or q.upper is None]
    if kind in OUR_UNITS:
        return [q for q in found if q.unit in OUR_UNITS[kind]]
    return found


def passes(case: Case, ours: list[Quantity], kind: str, lenient: bool = False) -> bool:
    if len(ours) != len(case.expected):
        return False
    left = list(ours)
    for e in case.expected:
        hit = next((q for q in left if value_ok(q, e, kind) and text_ok(q, e, lenient, kind)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


# ---- report -----------------------------------------------------------------------------

def pct(n: int, d: int) -> str:
    return f"{n}/{d} {100 * n / d:5.1f}%" if d else f"{n}/0     -"


def show_expected(e: Expected) -> str:
    if e.lo is not None or e.hi is not None:
        return f"{e.text!r} ({'' if e.lo is None else f'{e.lo:g}'}, {'' if e.hi is None else f'{e.hi:g}'})"
    value = "-" if e.value is None else f"{e.value:g}"
    return f"{e.text!r} {value}" + ("" if e.unit == "*" else f" {e.unit or e.peer_unit}")


def show_ours(q: Quantity) -> str:
    bounds = f" ({'' if q.lower is None else f'{q.lower:g}'}, {'' if q.upper is None else f'{q.upper:g}'})"
    return f"{q.text!r} {q.value:g} {q.unit}" + (bounds if q.is_range or q.qualifier != "exact" else "")


def main() -> int:
    peer = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PEER
    if not (peer / RT).is_dir():
        print(f"peer test data not found at {peer} (expected {peer / RT} and {peer / 'quantulum3'}).\n"
              f"usage: .venv/bin/python benchmarks/peer_scores.py [PEER_FOLDER]")
        return 2
    rows: list[tuple[Any, ...]] = []
    details = []
    fair: list[tuple[str, int, int, str]] = []
    totals = [0] * 7
    for label, rel, kind, lang, peer_figure in FILES:
        cases = load(peer / rel, kind)
        n = len(cases)
        in_scope = ok_scope = ok_all = ok_lenient = ok_ms = n_ms = 0
        n_ms_scope = ok_ms_scope = 0
        excluded: Counter[str] = Counter()
        failures = []
        for case in cases:
            ours = ours_for(kind, find_quantities(case.input))
            ok = passes(case, ours, kind)
            ok_all += ok
            n_ms += case.python_supported
            ok_ms += ok and case.python_supported
            reason = scope_reason(case, kind, lang)
            if reason:
                excluded[reason] += 1
                continue
            in_scope += 1
            ok_scope += ok
            n_ms_scope += case.python_supported
            ok_ms_scope += ok and case.python_supported
            ok_lenient += passes(case, ours, kind, lenient=True)
            if not ok:
                failures.append((case, ours))
        counts = (n, in_scope, ok_scope, ok_lenient, ok_all, ok_ms, n_ms)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append((label, *counts, peer_figure))
        details.append((label, excluded, failures, in_scope))
        fair.append((label, n_ms_scope, ok_ms_scope, peer_figure))
    rows.append(("all files", *totals, ""))

    head = ("file", "cases", "scope", "pass in scope", "lenient in scope", "pass, all cases",
            "ours on MS set", "peer (README)")
    widths = [15, 6, 6, 17, 17, 17, 17, 14]
    print("claimwatch find_quantities on the peers' test data (a case passes on exact text + value + unit)\n")
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for label, n, in_scope, ok_scope, ok_lenient, ok_all, ok_ms, n_ms, peer_figure in rows:
        cells = (label, n, in_scope, pct(ok_scope, in_scope), pct(ok_lenient, in_scope), pct(ok_all, n),
                 pct(ok_ms, n_ms), peer_figure)
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
    print("\nscope: cases within claimwatch's scope (see the exclusions below); lenient: spans need only"
          "\noverlap; MS set: the cases Microsoft's Python figure counts (not NotSupported for python);"
          "\npeer (README): recognizers-text 1.0.2a2 (Python) on the same file; quantulum3 on its own tests.")

    # Apples to apples: Microsoft's figure counts its whole file. On the in-scope cases it also
    # counts, it passes at least (those cases - its failures on the whole file) and at most all.
    print("\nsame cases: the in-scope cases Microsoft's Python figure also counts; its pass count there"
          "\nis bounded by its failures on the whole file (per-case results are not published)")
    print(f"  {'file':15}  {'cases':>5}  {'claimwatch':>10}  {'Microsoft (bounds)':>18}")
    for label, k, ours_k, peer_figure in fair:
        m = re.fullmatch(r"(\d+)/(\d+)", peer_figure)
        if not m or not k:
            continue
        fails = int(m.group(2)) - int(m.group(1))
        print(f"  {label:15}  {k:5d}  {ours_k:10d}  {max(0, k - fails):>8d} to {k:<6d}")

    for label, excluded, failures, in_scope in details:
        print(f"\n== {label}: {sum(excluded.values())} cases excluded from scope, "
              f"{len(failures)} of {in_scope} in-scope cases fail")
        for reason, count in excluded.most_common():
            print(f"   excluded {count:4d}  {reason}")
        step = max(1, len(failures) // LIMIT)
        for case, ours in failures[::step][:LIMIT]:
            print(f"   FAIL {case.input[:76]!r}\n"
                  f"        want [{', '.join(show_expected(e) for e in case.expected)}]\n"
                  f"        got  [{', '.join(show_ours(q) for q in ours)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
