"""How well claimwatch's number reader does on its peers' public test data.

Usage: .venv/bin/python benchmarks/peer_scores.py [PEER_FOLDER] [--microsoft CACHE]
       (defaults: ../shared/peer and var/peer_microsoft.json when it exists)

Microsoft's own per-case results come from a cache written by benchmarks/peer_microsoft.py,
which runs Microsoft's Python package in a side virtualenv (see its docstring):
    /tmp/msvenv/bin/python benchmarks/peer_microsoft.py
With the cache, Microsoft's results are scored by the same comparison as claimwatch's, so
the two are compared on exactly the same cases; without it, Microsoft's pass count on our
in-scope cases can only be bounded from its whole-file figure in the peers' README.

Runs `verifier.quantities.find_quantities` on every case of Microsoft Recognizers-Text's
Number, Percent, NumberRange, Currency and Dimension specs (English and Chinese) and on
quantulum3's quantities.json, and scores it the way the peers' README scores the peers.

A case passes when we find exactly the expected results: as many as expected, each with
the same text, value and unit. Rules of the comparison:
- Text is compared ignoring case, full-/half-width forms and traditional or 大写 numeral
  characters, folded as claimwatch folds them (個 -> 个): Recognizers reports its text
  lowercased and with full-width digits folded.
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

With Microsoft's cache: its whole-file figure as measured here beside the README's (a check
that the comparison is the README's), then per file the in-scope cases, claimwatch's passes
and Microsoft's passes on exactly those cases -- all of them (NotSupported cases are fair
tests) and only those Microsoft's figure counts -- and, per file, up to 10 in-scope cases
Microsoft passes and claimwatch fails. Microsoft's results are scored by the same functions
as ours (its text folded the same way; the qualifier and measure-word leniency applies to
it too; a typed model reports only its own type, so its results are not filtered by unit).
Where claimwatch does not model a unit, Microsoft's unit is compared with the peer's name.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from verifier import lexicon
from verifier.numbers import normalise
from verifier.quantities import Quantity, find_quantities

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PEER = REPO.parent / "shared" / "peer"
RT = "recognizers-text"
LIMIT = 10  # failures shown per file
DEFAULT_MS_CACHE = REPO / "var" / "peer_microsoft.json"
MAKE_CACHE = "/tmp/msvenv/bin/python benchmarks/peer_microsoft.py  (side venv: see its docstring)"

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
    # normalise: traditional and 大写 numeral characters as claimwatch folds them (個 -> 个, 點 -> 点),
    # so that the measure-word and qualifier rules and 百分点 hold in either script
    return " ".join(unicodedata.normalize("NFKC", normalise(s)).casefold().split())


def num(s: str | None) -> float | None:
    if s in (None, "", "null"):
        return None
    return float(str(s).rstrip("%"))


def peer_unit_of(res: dict[str, Any]) -> str:
    return str(res.get("unit") or res.get("isoCurrency") or "")


def unit_of(res: dict[str, Any], kind: str) -> str | None:
    """Our name for a peer resolution's unit: '*' where the model asks for bare numbers, None
    for a unit claimwatch does not model."""
    return {"number": "*", "percent": "percent"}.get(kind) or UNIT_MAP.get(
        res.get("isoCurrency") or "", UNIT_MAP.get(peer_unit_of(res)))


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
            if kind == "range":
                m = re.match(r"[\[(]([^,]*),([^\])]*)[\])]", res.get("value") or "")
                lo, hi = (num(m.group(1)), num(m.group(2))) if m else (None, None)
                found.append(Expected(r["Text"], None, "*", peer_unit_of(res), lo, hi))
                continue
            found.append(Expected(r["Text"], num(res.get("value")), unit_of(res, kind), peer_unit_of(res)))
        cases.append(Case(c["Input"], found, "python" not in flags))
    return cases


# ---- scope ------------------------------------------------------------------------------

# a number word, for the compound amounts below ('thirteen dollars forty five')
_EN_NUM = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
           r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
           r"|eighty|ninety|hundred)")
_ZH_NUM = "零〇一二两三四五六七八九十百千万亿点个分之成折余多几"
# the same, traditional and 大写 (claimwatch folds them to the simplified ones)
_ZH_NUM_OTHER = "億萬點個兩負壹贰貳叁參肆伍陆陸柒捌玖拾佰仟倆幾"



OUT_OF_SCOPE = [  # (reason, test(expected, folded text, folded input, kind, lang))
    ("currency or unit we do not model (euro, pound, yen, HK$, feet, kg, bytes, °C ...)",
     lambda e, t, i, k, lang: e.unit is None),
    ("a unit name with no number ('dollar', '人民币')",
     lambda e, t, i, k, lang: k != "range" and e.value is None),
    ("a minus sign set apart from its number by a space ('- 10 k', '- 1 4/5'): in news a dash or a "
     "list bullet, not a sign",
     lambda e, t, i, k, lang: lang != "zh" and bool(re.match(r"[-−]\s", t))),
    ("兆 as a scale: 10^12 in Taiwan, but 10^6 in mainland units (兆瓦, 兆字节); not read",
     lambda e, t, i, k, lang: "兆" in t),
    ("spaces inside a Chinese number ('一 百 五 十', '百 分 之 2', '7 万5 千4 百'): not how Chinese is "
     "typeset; read across spaces, the numbers of a list would run together (claimwatch reads the "
     "one gap some sites put between digits and the Chinese word after them: '1000 万元', '10 成')",
     lambda e, t, i, k, lang: lang == "zh" and bool(re.search(
         rf"[{_ZH_NUM}{_ZH_NUM_OTHER}]\s+\S|\S\s+[{_ZH_NUM}{_ZH_NUM_OTHER}]",
         re.sub(r"(?<=[\d.])\s+(?=\D)", "", t, count=1)))),
    ("a slash between numbers in Chinese text (3/5, 1 4/3): as often a date or a score as a fraction",
     lambda e, t, i, k, lang: lang == "zh" and bool(re.search(r"\d\s*[/⁄]\s*\d", t))),
    ("半 standing for a number by itself (半百 = 50, 半成 = 5%, 半折): idioms",
     lambda e, t, i, k, lang: lang == "zh" and bool(re.match(r"半", t))),
    ("ordinals (第十, 第3): claimwatch masks them (the 14th Five-Year Plan is no count)",
     lambda e, t, i, k, lang: lang == "zh" and ("第" in t or f"第{t}" in i)),
    ("ordinals ('between the tenth and the fifteenth'): a rank, not a quantity; claimwatch reads none",
     lambda e, t, i, k, lang: lang != "zh" and bool(re.search(
         r"\bthe\s+(?:\w+[\s-])?(?:\w+th|first|second|third)\b", t))),
    ("division written with 'over' ('1 over 3', '2000 over 3'): in news 'over' before a number "
     "means more than",
     lambda e, t, i, k, lang: lang != "zh" and bool(re.search(r"\bover\b", t))),
    ("a fraction in words whose ordinal follows a tens, hundred or thousand word ('thirty fifths', "
     "'one hundred fifth', 'three twenty-firsts'): the words split between numerator and "
     "denominator more than one way (the spec reads 'one hundred thirty fifths' as 100/35 and "
     "'one hundred and thirty fifths' as 130/5); news writes such ratios in digits",
     lambda e, t, i, k, lang: lang != "zh" and bool(re.search(
         r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:\s+and)?"
         r"[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)s?\b", t))),
    ("a run of seven digits or more with no separator and no unit (123456789101231): an id, a "
     "phone or an account number in news; claimwatch masks it",
     lambda e, t, i, k, lang: k in ("number", "range", "quantulum")
     and bool(re.search(r"(?<![\d,.])\d{7,}(?![\d,.])", t))),
    ("scientific notation and powers (1e10, 2^5, 1.3x10^6)",
     lambda e, t, i, k, lang: bool(re.search(r"\d\s*e[-+]?\d|\^|×10|x10", t))),
    ("abbreviated dozens ('3 dzs', 'five dozs') and pairs (打, 双)",
     lambda e, t, i, k, lang: bool(re.search(r"\bdozs?\b|\bdzs?\b|打|双", t))),
    ("scale words outside English/Chinese news (lakh, crore, '322 hundred', MM, mil, G, tln; k in Chinese)",
     lambda e, t, i, k, lang: bool(re.search(r"lakh|crore|\d\s*hundred|\d\s*(?:mm|mil|g|tln)(?![a-z])", t))
     or (lang == "zh" and bool(re.search(r"\d\s*[kmg](?![a-z])", t)))),
    ("digit grouping not used in our news (1 234 567, 12,34,567, decimal comma 1,3)",
     lambda e, t, i, k, lang: bool(re.search(r"\d[ \u202f]\d{3}\b|\d,\d{1,2}(?!\d)|\d,\d{4}|\d\.\d{3},", t))),
    ("years, dates, times, phone numbers, ids (claimwatch masks these: not statistics)",
     lambda e, t, i, k, lang: bool(re.fullmatch(r"(?:19|20)\d\d", t)) or bool(re.search(
         r"\d\s*[/年]\s*\d{1,2}\s*[/月]|\+\d[-\d]|\d+\.\d+\.\d+\.\d+|\b[a-z]+-\d+|nrs?\.|章|\d:\d\d", i))),
    ("durations and ages ('in 3 years', 'for 20 minutes')",
     lambda e, t, i, k, lang: bool(re.search(
         rf"(?<![\d.,]){re.escape(t)}\s*(?:years?|months?|weeks?|days?|hours?|minutes?)\b", i))),
    ("currency sub-units and compound amounts (cents, pence, 毛/角, '3 dollars 50 cents')",
     lambda e, t, i, k, lang: k == "currency"
     and bool(re.search(rf"cents?\b|pence|penny|\bmao\b|毛|角|美分|又"
                        rf"|(?:\d|\b{_EN_NUM})\s*(?:dollars?|usd) (?:and )?(?:\d|{_EN_NUM}\b)", t))),
    ("retail discounts (九折 = pay 90% of the price, 打对折): a shop's offer, not a statistic",
     lambda e, t, i, k, lang: "折" in t),
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


class Found(Protocol):
    """What the comparison reads of a result: claimwatch's Quantity or Microsoft's MsResult."""

    @property
    def text(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def lower(self) -> float | None: ...
    @property
    def upper(self) -> float | None: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def is_range(self) -> bool: ...


@dataclass(frozen=True)
class MsResult:
    """One result of Microsoft's model (from peer_microsoft.py's cache), in our terms."""

    text: str
    value: float | None
    unit: str  # our name where claimwatch models the unit, else the peer's own name
    lower: float | None = None
    upper: float | None = None
    qualifier: str = "exact"
    is_range: bool = False


def our_texts(q: Found, kind: str = "") -> set[str]:
    full = fold(q.text)
    lead = LEAD.sub("", full)
    texts = {full, lead, TRAIL.sub("", full), TRAIL.sub("", lead)}
    if kind in ("number", "range") and q.unit == "count":
        texts |= {MEASURE.sub("", t) for t in texts}
    return texts


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_ok(q: Found, e: Expected, kind: str) -> bool:
    if kind == "range":
        lo, hi = e.lo, e.hi
        if lo is not None and hi is not None:
            if close(lo, hi):
                return not q.is_range and q.qualifier == "exact" and close(q.value, lo)
            return q.is_range and close(q.value, (lo + hi) / 2)
        if lo is not None:
            return q.upper is None and close(q.value, lo)
        return q.lower is None and close(q.value, hi)
    if not (close(q.value, e.value) or (q.value is None and e.value is None)):
        return False
    if e.unit == "*":
        return True
    if e.unit == "percent" and q.unit == "percentage_point":
        return bool(re.search(r"百分点|percentage point", fold(e.text)))
    return q.unit == (e.unit or e.peer_unit)


def text_ok(q: Found, e: Expected, lenient: bool, kind: str = "") -> bool:
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


def passes(case: Case, ours: Sequence[Found], kind: str, lenient: bool = False) -> bool:
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


def load_microsoft(path: Path, peer: Path) -> dict[str, Any]:
    """Microsoft's cached results per file label, leaving out files whose spec changed since."""
    cache = json.loads(path.read_text(encoding="utf-8"))
    files: dict[str, Any] = {}
    for label, entry in cache.get("files", {}).items():
        spec = peer / entry["path"]
        if not spec.is_file() or hashlib.sha256(spec.read_bytes()).hexdigest() != entry["sha256"]:
            print(f"note: {label}: the cached Microsoft results are for another version of {entry['path']};"
                  " ignored (re-run benchmarks/peer_microsoft.py)")
            continue
        files[label] = entry
    return {"package": cache.get("package", "?"), "files": files}


def microsoft_found(raw: Any, kind: str) -> list[MsResult] | None:
    """Microsoft's raw results for one case in our terms; None when its model raised."""
    if not isinstance(raw, list):
        return None
    found = []
    for r in raw:
        try:
            value = num(r["value"])
        except ValueError:
            value = math.nan  # a value we cannot read matches nothing
        # the Number model's results are bare numbers: 'count', so the measure-word rule applies
        unit = "count" if kind == "number" else unit_of(r, kind) or peer_unit_of(r)
        found.append(MsResult(r["text"], value, unit))
    return found


def microsoft_passes(case: Case, raw: Any, kind: str) -> bool:
    found = microsoft_found(raw, kind)
    return found is not None and passes(case, found, kind)


@dataclass
class FileScore:
    label: str
    kind: str
    peer_figure: str
    n: int = 0
    in_scope: int = 0
    ok_scope: int = 0
    ok_lenient: int = 0
    ok_all: int = 0
    n_ms: int = 0  # cases Microsoft's figure counts
    ok_ms: int = 0  # ours on those
    n_ms_scope: int = 0
    ok_ms_scope: int = 0
    # Microsoft's own passes (from the cache); has_ms False when there is none for this file
    has_ms: bool = False
    ms_all: int = 0
    ms_set: int = 0
    ms_scope: int = 0
    ms_ms_scope: int = 0
    ours_only: int = 0  # in scope: we pass, Microsoft fails
    excluded: Counter[str] | None = None
    failures: list[tuple[Case, list[Quantity]]] | None = None
    ms_wins: list[tuple[Case, list[Quantity]]] | None = None  # in scope: Microsoft passes, we fail


def score_file(label: str, cases: list[Case], kind: str, lang: str, peer_figure: str,
               ms_raw: list[Any] | None) -> FileScore:
    f = FileScore(label, kind, peer_figure, n=len(cases), has_ms=ms_raw is not None,
                  excluded=Counter(), failures=[], ms_wins=[])
    assert f.excluded is not None and f.failures is not None and f.ms_wins is not None
    for index, case in enumerate(cases):
        every_number = kind in ("number", "range", "quantulum")
        ours = ours_for(kind, find_quantities(case.input, every_number=every_number))
        ok = passes(case, ours, kind)
        ms_ok = ms_raw is not None and microsoft_passes(case, ms_raw[index], kind)
        f.ok_all += ok
        f.ms_all += ms_ok
        f.n_ms += case.python_supported
        f.ok_ms += ok and case.python_supported
        f.ms_set += ms_ok and case.python_supported
        reason = scope_reason(case, kind, lang)
        if reason:
            f.excluded[reason] += 1
            continue
        f.in_scope += 1
        f.ok_scope += ok
        f.ms_scope += ms_ok
        f.ours_only += ok and not ms_ok
        f.n_ms_scope += case.python_supported
        f.ok_ms_scope += ok and case.python_supported
        f.ms_ms_scope += ms_ok and case.python_supported
        f.ok_lenient += passes(case, ours, kind, lenient=True)
        if not ok:
            f.failures.append((case, ours))
            if ms_ok:
                f.ms_wins.append((case, ours))
    return f


def _table(head: tuple[str, ...], widths: list[int], rows: list[tuple[Any, ...]]) -> None:
    print("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip())
    print("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        print("  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("peer", nargs="?", type=Path, default=DEFAULT_PEER, help="the peers' folder")
    ap.add_argument("--microsoft", type=Path, metavar="CACHE",
                    help=f"Microsoft's results by peer_microsoft.py (default {DEFAULT_MS_CACHE} if there)")
    args = ap.parse_args(argv)
    peer: Path = args.peer
    if not (peer / RT).is_dir():
        print(f"peer test data not found at {peer} (expected {peer / RT} and {peer / 'quantulum3'}).\n"
              f"usage: .venv/bin/python benchmarks/peer_scores.py [PEER_FOLDER] [--microsoft CACHE]")
        return 2
    cache_path = args.microsoft or (DEFAULT_MS_CACHE if DEFAULT_MS_CACHE.is_file() else None)
    if args.microsoft and not args.microsoft.is_file():
        print(f"no Microsoft cache at {args.microsoft}; make it with: {MAKE_CACHE}")
        return 2
    microsoft = load_microsoft(cache_path, peer) if cache_path else None

    scores = []
    for label, rel, kind, lang, peer_figure in FILES:
        entry = microsoft["files"].get(label) if microsoft else None
        ms_raw = entry["results"] if entry else None
        scores.append(score_file(label, load(peer / rel, kind), kind, lang, peer_figure, ms_raw))

    def total(attr: str) -> int:
        return sum(getattr(f, attr) for f in scores)

    print("claimwatch find_quantities on the peers' test data (a case passes on exact text + value + unit)\n")
    rows: list[tuple[Any, ...]] = [
        (f.label, f.n, f.in_scope, pct(f.ok_scope, f.in_scope), pct(f.ok_lenient, f.in_scope),
         pct(f.ok_all, f.n), pct(f.ok_ms, f.n_ms), f.peer_figure) for f in scores]
    rows.append(("all files", total("n"), total("in_scope"), pct(total("ok_scope"), total("in_scope")),
                 pct(total("ok_lenient"), total("in_scope")), pct(total("ok_all"), total("n")),
                 pct(total("ok_ms"), total("n_ms")), ""))
    _table(("file", "cases", "scope", "pass in scope", "lenient in scope", "pass, all cases",
            "ours on MS set", "peer (README)"), [15, 6, 6, 17, 17, 17, 17, 14], rows)
    print("\nscope: cases within claimwatch's scope (see the exclusions below); lenient: spans need only"
          "\noverlap; MS set: the cases Microsoft's Python figure counts (not NotSupported for python);"
          "\npeer (README): recognizers-text 1.0.2a2 (Python) on the same file; quantulum3 on its own tests.")

    if microsoft is None:
        # Without Microsoft's per-case results: on the in-scope cases its figure also counts, it
        # passes at least (those cases - its failures on the whole file) and at most all.
        print("\nsame cases: the in-scope cases Microsoft's Python figure also counts; its pass count there"
              f"\nis bounded by its failures on the whole file. For exact per-case figures: {MAKE_CACHE}")
        print(f"  {'file':15}  {'cases':>5}  {'claimwatch':>10}  {'Microsoft (bounds)':>18}")
        for f in scores:
            m = re.fullmatch(r"(\d+)/(\d+)", f.peer_figure)
            if not m or not f.n_ms_scope:
                continue
            fails = int(m.group(2)) - int(m.group(1))
            print(f"  {f.label:15}  {f.n_ms_scope:5d}  {f.ok_ms_scope:10d}  "
                  f"{max(0, f.n_ms_scope - fails):>8d} to {f.n_ms_scope:<6d}")
    else:
        ms_files = [f for f in scores if f.has_ms]
        print(f"\nMicrosoft ({microsoft['package']}, cached results from {cache_path}) scored by the same"
              "\ncomparison; its whole-file figure on its own set (cases not NotSupported for python) must"
              "\nequal the README's:")
        _table(("file", "measured", "README", "all cases"), [15, 10, 10, 10],
               [(f.label, f"{f.ms_set}/{f.n_ms}", f.peer_figure, f"{f.ms_all}/{f.n}") for f in ms_files])
        mismatched = [f.label for f in ms_files if f"{f.ms_set}/{f.n_ms}" != f.peer_figure]
        print(f"  DIFFERS from the README: {', '.join(mismatched)}" if mismatched
              else "  all equal the README")

        print("\nsame cases, exact: claimwatch's and Microsoft's passes on exactly the in-scope cases -- all"
              "\nof them (NotSupported cases are fair tests), then only those Microsoft's figure counts")
        rows = []
        for f in scores:
            if f.kind == "quantulum":
                continue
            if f.has_ms:
                rows.append((f.label, f.in_scope, f.ok_scope, f.ms_scope, len(f.ms_wins or ()), f.ours_only,
                             f.n_ms_scope, f.ok_ms_scope, f.ms_ms_scope))
            else:
                rows.append((f.label, f.in_scope, f.ok_scope, "no model", "", "", f.n_ms_scope, f.ok_ms_scope,
                             "no model"))
        with_ms = [f for f in scores if f.has_ms]
        rows.append(("all (MS files)", sum(f.in_scope for f in with_ms), sum(f.ok_scope for f in with_ms),
                     sum(f.ms_scope for f in with_ms),
                     sum(len(f.ms_wins or ()) for f in with_ms),
                     sum(f.ours_only for f in with_ms), sum(f.n_ms_scope for f in with_ms),
                     sum(f.ok_ms_scope for f in with_ms), sum(f.ms_ms_scope for f in with_ms)))
        _table(("file", "in scope", "claimwatch", "Microsoft", "MS only", "ours only", "MS set", "claimwatch",
                "Microsoft"), [15, 8, 10, 9, 7, 9, 6, 10, 9], rows)
        print("  MS only / ours only: in-scope cases only Microsoft / only claimwatch passes. MS set: the"
              "\n  in-scope cases Microsoft's figure counts; the last two columns count passes on those.")

    for f in scores:
        assert f.excluded is not None and f.failures is not None and f.ms_wins is not None
        print(f"\n== {f.label}: {sum(f.excluded.values())} cases excluded from scope, "
              f"{len(f.failures)} of {f.in_scope} in-scope cases fail")
        for reason, count in f.excluded.most_common():
            print(f"   excluded {count:4d}  {reason}")
        step = max(1, len(f.failures) // LIMIT)
        for case, ours in f.failures[::step][:LIMIT]:
            print(f"   FAIL {case.input[:76]!r}\n"
                  f"        want [{', '.join(show_expected(e) for e in case.expected)}]\n"
                  f"        got  [{', '.join(show_ours(q) for q in ours)}]")
        if f.ms_wins:
            print(f"   -- {len(f.ms_wins)} in-scope cases Microsoft passes and claimwatch fails"
                  f"{f' (first {LIMIT})' if len(f.ms_wins) > LIMIT else ''}:")
            for case, ours in f.ms_wins[:LIMIT]:
                print(f"   MS-ONLY {case.input[:73]!r}\n"
                      f"        want [{', '.join(show_expected(e) for e in case.expected)}]\n"
                      f"        got  [{', '.join(show_ours(q) for q in ours)}]")
    return 0

if __name__ == "__main__":
    sys.exit(main())
