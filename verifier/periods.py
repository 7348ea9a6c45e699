"""Time expressions in a sentence, and the period a figure belongs to.

Periods are strings: `2024`, `2025-06` (a month end, or Jan-to-that-month for a
flow), `2025-Q1`, `2025-H1`, `2021/2025` (a span).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from verifier import lexicon
from verifier.numbers import read_english_words


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    year: int | None = None  # None: to be filled from context
    month: int | None = None
    quarter: int | None = None
    half: int | None = None
    span: tuple[int, int] | None = None
    year_end: bool = False  # "end of 2024", "2024年底"
    relative: int | None = None  # -1 last year, 0 this year
    now: bool = False  # "so far", "目前"
    by: bool = False  # "by 2027", "到2027年"
    plan: bool = False  # a five-year plan's name: often the plan, not the figure's period
    base: bool = False  # a comparison base: "up 5% on 2023", "比上年末", "较2023年底"
    text_relative: bool = False  # "a year earlier", "上年": relative to the text's year, not today

    def label(self) -> str | None:
        if self.span:
            return f"{self.span[0]}/{self.span[1]}"
        if self.year is None:
            return None
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        if self.half:
            return f"{self.year}-H{self.half}"
        if self.year_end:
            return f"{self.year}-12"  # "by the end of 2024" is a month end
        return f"{self.year}"


_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_ZH_MONTH = r"(1[0-2]|[1-9])"


def _build() -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    words = lexicon.period_words()
    months = _longest_first(words["months"]["en"])
    quarters_en = _longest_first(words["quarters"]["en"])
    quarters_zh = "|".join(sorted(words["quarters"]["zh"], key=len, reverse=True))
    rel_en = _longest_first(words["relative_years"]["en"])
    rel_zh = "|".join(sorted(words["relative_years"]["zh"], key=len, reverse=True))
    now_en = "|".join(re.escape(w) for w in sorted(words["now"]["en"], key=len, reverse=True))
    now_zh = "|".join(sorted(words["now"]["zh"], key=len, reverse=True))
    i = re.IGNORECASE

    def starts(*phrases: str) -> str:
        # A lookahead for the first letters of the English patterns (which start with optional
        # words): one test at each position of the sentence rejects most of them, where the
        # regex engine would try each optional word and each alternative in turn. Every match
        # starts with one of these letters; keep them in step with the pattern.
        return "(?=[" + "".join(sorted({re.escape(p[0].lower()) for p in phrases})) + "])"

    # Each pattern with what a sentence must contain for it to match at all: a year (_Y), or
    # one of some lowercase words (a Chinese sentence never needs the English patterns run).
    # Keep the words in step with the pattern: a missing one means a missed match.
    def lower(key: str, lang: str) -> tuple[str, ...]:
        return _fewest(w.lower() for w in words[key][lang])

    pats: list[tuple[str, str, tuple[str, ...]]] = [
        (rf"(?P<n>1[345])th\s+Five-Year\s+Plan(?:\s+\((?:{_YEAR})\s*[-–—]\s*(?:{_YEAR})\))?", "fyp", ("five-year",)),  # noqa: E501
        (r"[“\"]?(?P<zhn>十三|十四|十五)五[”\"]?(?:规划)?(?:期间|时期|末|以来)?", "fyp_zh", ("十三五", "十四五", "十五五")),  # noqa: E501
        (rf"(?P<y1>{_YEAR})\s*(?:[-–—~～至到]|to)\s*(?P<y2>{_YEAR})", "span", _Y),
        (rf"between\s+(?P<y1>{_YEAR})\s+and\s+(?P<y2>{_YEAR})", "span", _Y),
        # "During 2019-23", "2021–25年": the end year in two digits
        (rf"(?P<y1>{_YEAR})\s*[-–—~～]\s*(?P<y2s>\d\d)(?![\d%]|[.,]\d|\s*(?:万|亿|元|个|percent|yuan|dollars))", "span", _Y),  # noqa: E501
        (rf"(?P<y1>{_YEAR})\s*年\s*(?:[-–—~～至到])\s*(?P<y2>{_YEAR})\s*年", "span", _Y),
        (rf"(?=[tf])(?:the\s+)?first\s+(?P<nm>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})\s+months(?:\s+of\s+(?:(?P<y>{_YEAR})|this\s+year|the\s+year))?", "first_months", ("months",)),  # noqa: E501
        (rf"(?=[tf])(?:the\s+)?first\s+three\s+quarters(?:\s+of\s+(?P<y>{_YEAR}))?", "three_quarters", ("quarters",)),  # noqa: E501
        (rf"(?:January|Jan\.?)\s*(?:-|–|—|to|through)\s*(?:February|Feb\.?)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?", "jan_feb", ("jan",)),  # noqa: E501
        (rf"{starts('the', *words['quarters']['en'])}(?:the\s+)?(?P<q>{quarters_en})(?:\s+of\s+(?:the\s+year|this\s+year)|\s+(?:of\s+)?(?P<y>{_YEAR}))?", "quarter", lower("quarters", "en")),  # noqa: E501
        (rf"(?=[tfsh])(?:the\s+)?(?P<h>first\s+half|second\s+half|H1|H2)(?:\s+of\s+(?:the\s+year|this\s+year)|\s+(?:of\s+)?(?P<y>{_YEAR}))?", "half", ("half", "h1", "h2")),  # noqa: E501
        (rf"{starts('by', 'at', 'the', 'end', 'as', *words['months']['en'])}(?P<end>(?:by\s+|at\s+)?(?:the\s+)?end\s+of\s+|end-|as\s+of\s+|by\s+)?(?P<mon>{months})\.?(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?(?![A-Za-z])", "month_en", lower("months", "en")),  # noqa: E501
        (rf"(?=[batey])(?P<end>(?:by\s+|at\s+)?(?:the\s+)?end\s+of\s+|(?:by\s+)?year-end\s+|end-)(?P<y>{_YEAR})", "year_end", _Y),  # noqa: E501
        (rf"(?=[t12])(?:the\s+)?(?P<y>{_YEAR})\s+year-end", "year_end", _Y),
        (rf"(?=[b12])(?P<by>by\s+)?(?P<y>{_YEAR})(?![\d%]|\s*年)", "year", _Y),
        (rf"(?=[bate])(?:by\s+|at\s+)?(?:the\s+)?end\s+of\s+(?P<rel>{rel_en})", "relative_end", lower("relative_years", "en")),  # noqa: E501
        (r"(?=[bate])(?:by\s+|at\s+)?(?:the\s+)?end\s+of\s+the\s+year", "year_end_context", ("year",)),
        (rf"{starts(*words['relative_years']['en'])}(?P<rel>{rel_en})", "relative", lower("relative_years", "en")),  # noqa: E501
        (rf"{starts(*words['now']['en'])}(?P<now>{now_en})", "now", lower("now", "en")),
        (rf"(?P<by>到|至)?(?P<y>{_YEAR})\s*年\s*(?:(?P<zq>{quarters_zh})|(?P<zh>上半年|下半年)|前三季度|(?P<zm>{_ZH_MONTH})\s*月(?:份|底|末)?|(?P<zend>底|末|年底|年末))?", "zh_year", _Y),  # noqa: E501
        (rf"(?P<zr>{rel_zh})(?:(?P<zq>{quarters_zh})|(?P<zh>上半年|下半年)|(?P<zm>{_ZH_MONTH})\s*月(?:份|底|末)?|(?P<zend>底|末|年底|年末))?", "zh_relative", lower("relative_years", "zh")),  # noqa: E501
        (rf"(?:截至|截止)?\s*(?P<zm>{_ZH_MONTH})\s*月(?:底|末|份)", "zh_month", ("月",)),
        (rf"1\s*[-—–~～至到]\s*(?P<zm>{_ZH_MONTH})\s*月", "zh_jan_to", ("月",)),
        (r"前(?P<zn>[一二三四五六七八九十]+|\d{1,2})个月", "zh_first_months", ("个月",)),
        (rf"(?P<zq>{quarters_zh})|前三季度", "zh_quarter", ("季度",)),
        (r"(?P<zh>上半年|下半年)", "zh_half", ("上半年", "下半年")),
        (r"(?:年底|年末)", "zh_year_end", ("年底", "年末")),
        (rf"(?P<now>{now_zh})", "now", lower("now", "zh")),
    ]
    return [(re.compile(p, i), kind, need) for p, kind, need in pats]


def _longest_first(phrases: Iterable[str]) -> str:
    """English phrases as a regex alternation, longest first, shaped as a prefix tree
    (lexicon.prefix_tree: the same matches, each character read once, where the case-blind
    flat alternation had every phrase tried at every position the lookahead let through);
    the flat alternation when the tree would not be exact."""
    unique = sorted(phrases, key=len, reverse=True)
    return lexicon.prefix_tree(unique, space=re.escape(" ")) or "|".join(unique)


def _literal_head(pattern: str) -> str:
    """The letters a pattern's source starts with ("between" of a "between ..." pattern): every match
    starts with them. A letter a quantifier follows is left out."""
    m = re.match(r"[a-z]+", pattern)
    head = m.group(0) if m else ""
    if pattern[len(head):len(head) + 1] in ("?", "*", "{"):
        head = head[:-1]
    return head if head and not _top_level_or(pattern) else ""


def _top_level_or(pattern: str) -> bool:
    """Whether a regex source has a `|` outside every group (then no head is certain)."""
    depth, escaped, in_class = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _word_tests(kind: str, need: tuple[str, ...], head: str = "") -> _Tests:
    """The words of which the sentence must hold one (the pattern's own; None: no test), those
    it must hold all of (_ALSO_NEEDS, and the letters the pattern starts with), and a regex it
    must hold a match of, if any."""
    extra = None
    if kind == "month_en":
        # a month name only counts followed by a non-letter ("dec" in "decline" does not)
        months = lexicon.period_words()["months"]["en"]
        extra = re.compile("(?:" + "|".join(sorted(months, key=len, reverse=True)) + ")(?![a-z])")
    all_of = frozenset((*_ALSO_NEEDS.get(kind, ()), *([head] if head else [])))
    return (None if need is _Y else frozenset(need)), all_of, extra


_Tests = tuple[frozenset[str] | None, frozenset[str], re.Pattern[str] | None]


class _WordFinder:
    """Which of the patterns' words a lowercased sentence holds: each word looked up once per
    sentence, not once per pattern that needs it; an English sentence skips the Chinese words
    and a Chinese one holds few English ones."""

    def __init__(self, words: Iterable[str]) -> None:
        unique = set(words)
        self.ascii = tuple(sorted(w for w in unique if w.isascii()))
        self.other = tuple(sorted(w for w in unique if not w.isascii()))

    def present(self, low: str) -> set[str]:
        found = {w for w in self.ascii if w in low}
        if not low.isascii():
            found.update(w for w in self.other if w in low)
        return found


# Words a kind of pattern needs besides its own (each of them), to skip the pattern on the many
# sentences without: "end of 2024", "year-end", "2024年".
_ALSO_NEEDS: dict[str, tuple[str, ...]] = {
    "year_end": ("end",),
    "relative_end": ("end",),
    "year_end_context": ("end",),
    "zh_year": ("年",),
}


def _fewest(needs: Iterable[str]) -> tuple[str, ...]:
    """Drop the words that contain another ("january" holds "jan"): that one is test enough."""
    unique = set(needs)
    return tuple(sorted(w for w in unique if not any(v != w and v in w for v in unique)))


_Y: tuple[str, ...] = ("<a year>",)  # the pattern needs a year (_YEAR_RE) in the sentence
_YEAR_RE = re.compile(_YEAR)
# each pattern with its kind, whether it needs a year, and the tests on the lowercased sentence
# that must all find something for it to match at all
_PATTERNS: list[tuple[re.Pattern[str], str, bool, _Tests]] = []
_WORDS: list[_WordFinder] = []
# The patterns (by index) that each of their own words calls for, and those a year calls for: a
# sentence runs through the few its words and year call for, in order, not all of them in turn
_BY_WORD: dict[str, list[int]] = {}
_BY_YEAR: list[int] = []


def has_year(sentence: str) -> bool:
    """Whether a sentence holds a year; without one, no time expression has a year set."""
    return _YEAR_RE.search(sentence) is not None


def find_time_expressions(sentence: str) -> list[TimeExpr]:
    if not _PATTERNS:
        _PATTERNS.extend((p, kind, need is _Y, _word_tests(kind, need, _literal_head(p.pattern)))
                         for p, kind, need in _build())
        _WORDS.append(_WordFinder(w for *_, (one_of, all_of, _) in _PATTERNS
                                  for w in (*(one_of or ()), *all_of)))
        for i, (_, _, _, (one_of, _, _)) in enumerate(_PATTERNS):
            if one_of is None:  # a pattern without words of its own needs a year
                _BY_YEAR.append(i)
            for w in one_of or ():
                _BY_WORD.setdefault(w, []).append(i)
    words = lexicon.period_words()
    taken = bytearray(len(sentence) + 1)
    found: list[TimeExpr] = []
    low = sentence.lower()
    # İ, ı and ſ match i and s case-insensitively, but str.lower() keeps them apart: a sentence
    # with one of them runs every pattern
    check_words = not lexicon.odd_case(sentence)
    present = _WORDS[0].present(low) if check_words else set()
    year = has_year(sentence)
    order: Iterable[int] = range(len(_PATTERNS))
    if check_words:
        # every pattern the tests below let through is among these
        chosen = set(_BY_YEAR) if year else set()
        for w in present:
            chosen.update(_BY_WORD.get(w, ()))
        order = sorted(chosen)
    for i in order:
        pattern, kind, needs_year, (one_of, all_of, extra) = _PATTERNS[i]
        if needs_year and not year:
            continue
        if check_words and ((one_of is not None and one_of.isdisjoint(present))
                            or not all_of <= present
                            or (extra is not None and extra.search(low) is None)):
            continue
        for m in pattern.finditer(sentence):
            if any(taken[m.start():m.end()]):
                continue
            expr = _make(kind, m, words)
            if expr is None:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            if expr.span is None and ((_is_comparison_base(sentence, m.start())
                                      and not WHEN_AFTER.match(sentence, m.end()))
                                      or _BASE_OF_MULTIPLE.match(sentence, m.end())):
                expr = replace(expr, base=True)
            found.append(expr)
    found.sort(key=lambda e: e.start)
    return found


_BASE_CACHE: list[re.Pattern[str]] = []


def _is_comparison_base(sentence: str, start: int) -> bool:
    """'up 10.65 percent on 2023', '比上年末净增': what a change is measured from."""
    if not _BASE_CACHE:
        words = lexicon.period_words()["comparison_base"]
        en = "|".join(r"\s+".join(re.escape(w) for w in p.split())
                      for p in sorted(words["en"], key=len, reverse=True))
        zh = lexicon.alternation(words["zh"])
        _BASE_CACHE.append(re.compile(rf"(?:(?<![A-Za-z])(?:{en})\s+(?:in\s+|at\s+)?(?:the\s+)?|(?:{zh})\s*)$",
                                      re.IGNORECASE))
    return bool(_BASE_CACHE[0].search(sentence, max(0, start - 20), start)
                or _DESCRIBED_YEAR.search(sentence, max(0, start - 30), start))


# "是2020年的7倍多": the date a multiple is of
_BASE_OF_MULTIPLE = re.compile(r"(?:水平)?的\s*(?:近|约|超过|超|逾)?[\d.一二两三四五六七八九十]+\s*倍")
# "a slowdown from 2022, when production exceeded 443,000 sets": the year a when-clause is about
# dates its figures, whatever word stands before it (and the sentence looks back to it)
WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)
# "once the pandemic-hit 2020 is taken into account", "the crisis-struck 2009": a year described
# by an adjective is talked about as a whole (often the base of an average), not the figure's date
_DESCRIBED_YEAR = re.compile(r"\bthe\s+[A-Za-z]+-[A-Za-z]+\s+$")


def _make(kind: str, m: re.Match[str], words: dict[str, Any]) -> TimeExpr | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    year = int(g["y"]) if g.get("y") else None
    if kind == "fyp":
        first = words["five_year_plans"][int(g["n"])]
        return TimeExpr(s, e, span=(first, first + 4), plan=True)
    if kind == "fyp_zh":
        first = {"十三": 2016, "十四": 2021, "十五": 2026}[g["zhn"]]
        return TimeExpr(s, e, span=(first, first + 4), plan=True)
    if kind == "span":
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if g.get("y2") else y1 // 100 * 100 + int(g["y2s"])
        return TimeExpr(s, e, span=(y1, y2)) if 0 < y2 - y1 <= 10 else None
    if kind == "first_months":
        n = g["nm"]
        month = int(n) if n.isdigit() else int(read_english_words(n).value)
        return TimeExpr(s, e, year=year, month=month)
    if kind == "three_quarters":
        return TimeExpr(s, e, year=year, month=9)
    if kind == "jan_feb":
        return TimeExpr(s, e, year=year, month=2)
    if kind == "quarter":
        return TimeExpr(s, e, year=year, quarter=words["quarters"]["en"][lexicon.fold(g["q"])])
    if kind == "half":
        h = lexicon.fold(g["h"])
        return TimeExpr(s, e, year=year, half=1 if h in ("first half", "h1") else 2)
    if kind == "month_en":
        mon = lexicon.fold(g["mon"]).rstrip(".")
        if mon == "may" and not g.get("end") and not year and not m.group(0)[0].isupper():
            return None  # the verb "may"
        if mon in ("mar", "may", "jun") and not g.get("end") and not year and m.group(0).islower():
            return None
        return TimeExpr(s, e, year=year, month=words["months"]["en"][mon], year_end=bool(g.get("end")))
    if kind == "year_end":
        return TimeExpr(s, e, year=year, year_end=True)
    if kind == "year":
        return TimeExpr(s, e, year=year, by=bool(g.get("by")))
    if kind == "relative_end":
        return TimeExpr(s, e, relative=words["relative_years"]["en"][lexicon.fold(g["rel"])], year_end=True,
                        text_relative=_text_relative(g["rel"], words))
    if kind == "year_end_context":
        return TimeExpr(s, e, year_end=True)
    if kind == "relative":
        if m.string[e:e + 2] in ("'s", "’s"):
            return None  # "this year's goals" names the goals, not the figure's period
        return TimeExpr(s, e, relative=words["relative_years"]["en"][lexicon.fold(g["rel"])],
                        text_relative=_text_relative(g["rel"], words))
    if kind == "now":
        return TimeExpr(s, e, now=True)
    if kind in ("zh_year", "zh_relative"):
        base = TimeExpr(s, e, year=year, by=bool(g.get("by")))
        if kind == "zh_relative":
            base = replace(base, relative=words["relative_years"]["zh"][g["zr"]],
                           text_relative=_text_relative(g["zr"], words))
        text = m.group(0)
        if g.get("zq"):
            return replace(base, quarter=words["quarters"]["zh"][g["zq"]])
        if g.get("zh"):
            return replace(base, half=1 if g["zh"] == "上半年" else 2)
        if "前三季度" in text:
            return replace(base, month=9)
        if g.get("zm"):
            return replace(base, month=int(g["zm"]), year_end="底" in text or "末" in text)
        if g.get("zend"):
            return replace(base, year_end=True)
        return base
    if kind == "zh_month":
        # "6月底" is a month end; "3月份" is the month's own flow
        return TimeExpr(s, e, month=int(g["zm"]), year_end=m.group(0)[-1] in "底末")
    if kind == "zh_jan_to":
        return TimeExpr(s, e, month=int(g["zm"]))
    if kind == "zh_first_months":
        n = g["zn"]
        month = int(n) if n.isdigit() else int(_zh_small(n))
        return TimeExpr(s, e, month=month)
    if kind == "zh_quarter":
        if g.get("zq"):
            return TimeExpr(s, e, quarter=words["quarters"]["zh"][g["zq"]])
        return TimeExpr(s, e, month=9)
    if kind == "zh_half":
        return TimeExpr(s, e, half=1 if g["zh"] == "上半年" else 2)
    if kind == "zh_year_end":
        return TimeExpr(s, e, year_end=True)
    return None


def _text_relative(phrase: str, words: dict[str, Any]) -> bool:
    table = words["relative_to_text"]
    return phrase.lower() in [w.lower() for w in table["en"] + table["zh"]]


def _zh_small(n: str) -> int:
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if n == "十":
        return 10
    if n.startswith("十"):
        return 10 + digits[n[1]]
    return digits.get(n, 0)


def resolve(expr: TimeExpr, published: date | None, context_year: int | None) -> TimeExpr:
    """Fill in the year of an expression from the publication date or the text around it.

    context_year: the year the text is talking about, for "a year earlier" and "上年"."""
    if expr.text_relative and expr.relative is not None and context_year is not None:
        return replace(expr, year=context_year + expr.relative)
    if expr.span or expr.year is not None:
        if expr.relative is not None and published and expr.year is None:
            return replace(expr, year=published.year + expr.relative)
        return expr
    if expr.now:
        if published is None:
            return expr
        return replace(expr, year=published.year, month=published.month)
    if expr.relative is not None:
        if published is None:
            return expr
        return replace(expr, year=published.year + expr.relative)
    if published is None:
        return replace(expr, year=context_year)
    if expr.year_end and not expr.month and context_year is not None:
        return replace(expr, year=context_year)  # "by the end of the year": the year in question
    # "at the end of June", "一季度" with no year: the latest such period the article can report
    # on; a year named elsewhere in the sentence is too often a comparison base to trust
    year = published.year
    resolved = replace(expr, year=year)
    label = resolved.label()
    if (expr.month and expr.month > published.month) or (label and period_start(label) > published):
        resolved = replace(expr, year=year - 1)
    return resolved


_YYYY = re.compile(r"\d{4}")
_YYYY_Q = re.compile(r"(\d{4})-Q([1-4])")
_YYYY_H = re.compile(r"(\d{4})-H([12])")
_YYYY_MM = re.compile(r"(\d{4})-(\d{2})")
_YYYY_DEC = re.compile(r"\d{4}(?:-12)?")


def as_stock(label: str | None, expr: TimeExpr | None) -> str | None:
    """A stock is measured at a month end: a year means its December."""
    if label is None:
        return None
    if _YYYY.fullmatch(label):
        return f"{label}-12"
    q = _YYYY_Q.fullmatch(label)
    if q:
        return f"{q.group(1)}-{int(q.group(2)) * 3:02d}"
    h = _YYYY_H.fullmatch(label)
    if h:
        return f"{h.group(1)}-{6 if h.group(2) == '1' else 12:02d}"
    return label


def period_start(label: str) -> date:
    """The first day a period covers, to tell the future from the past."""
    if "/" in label:
        return date(int(label[:4]), 1, 1)
    year = int(label[:4])
    if _YYYY_MM.fullmatch(label):
        return date(year, int(label[5:7]), 1)
    if "-Q" in label:
        return date(year, (int(label[-1]) - 1) * 3 + 1, 1)
    if "-H" in label:
        return date(year, 1 if label.endswith("1") else 7, 1)
    return date(year, 1, 1)


def as_flow(label: str | None) -> str | None:
    """A flow up to a month end covers the year so far: 'by the end of 2024' is 2024."""
    if label is None:
        return None
    m = _YYYY_MM.fullmatch(label)
    if not m:
        return label
    month = int(m.group(2))
    return {12: m.group(1), 6: f"{m.group(1)}-H1", 3: f"{m.group(1)}-Q1"}.get(month, label)


def next_year(label: str | None) -> str | None:
    """The year after a comparison base: 'growth of 10.65 percent on 2023' is 2024's growth."""
    if label is None or "/" in label:
        return None
    if _YYYY_DEC.fullmatch(label):
        return str(int(label[:4]) + 1)
    return None


def period_end_year(label: str) -> int:
    return int(label.split("/")[-1][:4])
