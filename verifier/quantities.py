"""Finding quantities in text: the number, its scale, unit, qualifier and interval.

One pass over the text with a candidate regex, then a look at the few
characters on either side of each candidate. Things that look like numbers
but are not statistics (dates, times, phone numbers, ordinals, "5G", list
numbering, ids) are masked first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from verifier import chinese_numbers, english_numbers, lexicon
from verifier.numbers import (
    ARABIC,
    CHINESE_DIGITS,
    CHINESE_NUMERAL,
    EN_FRACTION_RE,
    EN_FRACTIONS,
    Number,
    arabic_value,
    normalise,
    read_arabic,
)


# a plain dataclass with the frozen one's hash (unsafe_hash): made for every figure read, where a
# frozen dataclass's __init__ sets each of its twelve fields through object.__setattr__; no
# code changes one after it is made (dataclasses.replace makes a new one)
@dataclass(unsafe_hash=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    lower: float | None
    upper: float | None
    unit: str
    qualifier: str
    has_scale: bool = False
    has_unit: bool = False
    pair_role: str | None = None  # "from" / "to" in "from X to Y"
    is_range: bool = False


_EN_SCALES = r"hundred million|thousand|million|billion|trillion|mln|bln|bn|trn|tn|mn"
_EN_SCALE_RE = re.compile(rf"[\s-]*({_EN_SCALES})(?![A-Za-z])", re.IGNORECASE)
# the ASCII characters (and the text's end) a scale word cannot start at, and white space or a
# hyphen, which may stand before one: most numbers are followed by neither, or by one of them and
# then a character of the first kind (two set tests, not the case-blind regex)
_EN_SCALE_START = re.compile("[" + "".join(sorted({w[0] for w in _EN_SCALES.split("|")})) + "]",
                             re.IGNORECASE)
_EN_SCALE_SPACE = frozenset(c for c in map(chr, range(128)) if re.match(r"[\s-]", c))
_EN_SCALE_NOT_FIRST = frozenset(c for c in map(chr, range(128))
                                if c not in _EN_SCALE_SPACE and not _EN_SCALE_START.match(c)) | {""}
_LETTER = re.compile(r"( ?)([A-Za-z])(?![A-Za-z])")
_SIGNS = frozenset("-\u2212")
_SIGN_WORD_ENDS = frozenset(english_numbers.words().negative_ends)  # "minus", "negative"
# after a space, what may start a scale letter or "dozen" ("2.33 k", "1.5 M", "3 dozen")
_SPACED_FIRST = frozenset([*lexicon.scales().letters_spaced, "d", "D"])
_CURRENCIES = ("CNY", "USD")
# the first characters of the Chinese scale words and of the qualifiers after a number: most
# numbers are followed by none, and a set test is cheaper than the call that looks them up
_ZH_SCALE_FIRST = frozenset(k[:1] for k in lexicon.scales().zh)
_AFTER_ZH_FIRST = frozenset(k[:1] for k in lexicon.qualifiers().after_zh)
# A number in words: its first letter, where english_numbers.starts found one; the reader there
# finds where it ends.
_EN_CANDIDATE = r"(?P<en>[A-Za-z\u0130\u0131\u017f\u212a\u00bc-\u00be\u2150-\u215e])"
_CANDIDATE = re.compile(
    rf"(?P<pct>百分之)?(?:(?P<ar>{ARABIC}|\.\d+)|(?P<zh>{CHINESE_NUMERAL})|{_EN_CANDIDATE})",
    re.IGNORECASE,
)
# the same for a text without a number in words
_CANDIDATE_NO_WORDS = re.compile(
    rf"(?P<pct>百分之)?(?:(?P<ar>{ARABIC}|\.\d+)|(?P<zh>{CHINESE_NUMERAL})|(?P<en>(?!)))", re.IGNORECASE)
# Where a candidate can start. The candidate regex starts with an optional group, so the regex
# engine tries it at every character; found apart, each kind is a fast scan:
# - a number: a digit or a Chinese numeral character (百 of 百分之 is one), where the candidate
#   regex always matches;
# - a number in words: english_numbers.starts finds where they start.
_NUMBER_START = re.compile(rf"[\d{CHINESE_DIGITS}]")
_ZH_DIGIT = re.compile("[一二两三四五六七八九]")
_REMAINDER = re.compile(ARABIC + "|" + CHINESE_NUMERAL)
_APPROX_SCALE = re.compile(r"(多|几|余)(万亿|亿|万)")
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Things that are not statistics, found before the candidates and masked. A pattern that starts
# with a plain `\d` (not `\d{4}`, `\d{1,2}`, `\d+`) lets the regex engine jump from digit to digit
# instead of trying a match at every character: `\d\d{3}` is `\d{4}`, `\d\d?` is `\d{1,2}`.
# Each comes with strings one of which the text must contain for it to match (none: no test), or
# a regex for a piece every match holds (a fast scan, where the pattern's own start is slow), to
# skip the pattern on the many texts without.
_CJK = re.compile("[\u4e00-\u9fff]")
_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ADDRESS = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_ADDRESS_NEEDS = ("http", "www.", "@")
# Every mask below (and of _NEAR_MASKS) holds a digit (`\d`, or the digits of "19|20"): a text
# without one (`_DIGIT`, one scan that stops at the first) has no match of any.
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Anchor:
    """The `needs` of a mask whose every match holds a piece found with a plain find (most
    texts hold none or few), and starts a few characters before it: the mask is tried only
    there, where its scan would look at every character of the text. A piece is found in the
    text (`pieces`) or, lowercase ASCII (`folded`), in its lowercased ASCII copy: where a
    case-blind `a`, `m` or `p` matches (no other character folds to one of those)."""
    pieces: tuple[str, ...]
    folded: tuple[str, ...]
    back: tuple[int, int]  # the match starts this many characters (least, most) before ...
    spaced: bool  # ... the white space right before the piece (when True), or the piece


_YMD_DATE = re.compile(r"\d\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")
_LONG_NUMBER = re.compile(r"\d(?<![\d,.]\d)\d{6,}(?![\d,.])(?!\s*(?:万|亿|元|%|个|家|户|辆|台|套|美元|yuan|dollars|percent|units|tonnes))")  # noqa: E501
_PHONE = re.compile(r"(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s-]\d{3,4}[\s-]?\d{4}(?!\d)")
_CODE = re.compile(r"(?<![\w$¥])(?!(?:RMB|CNY|USD|US|HK)\d)[A-Za-z]{1,6}[-_]?\d+(?:[-_]\w+)+")
_CLOCK = re.compile(r"\d(?=\d?[:\s时点ap])(?:\d?:\d{2}(?::\d{2})?|\d?\s*[时点]\s*\d{1,2}\s*分|\d?\s*(?:a\.m\.|p\.m\.|am|pm)(?![A-Za-z]))", re.IGNORECASE)  # noqa: E501
_DATA_SIZE = re.compile(r"\d(?<!\d\d)\d*(?:\.\d+)?\s*(?:亿|万)?\s*(?:GB|MB|KB|Mbps|Gbps|Gbit/s|Mbit/s|GHz|MHz|nm)(?![A-Za-z])")  # noqa: E501
_MASKS: list[tuple[re.Pattern[str], tuple[str, ...] | re.Pattern[str] | _Anchor]] = [
    # a date written month/day/year or day/month/year: "3/14/2023", "14/3/23"
    (re.compile(r"(?<![\d/])\d\d?/\d\d?/(?:19|20)?\d\d(?![\d/])"), ("/",)),
    # "+1-222-2222", "+44-20-7946-0958/0959": a phone number with its country code
    (re.compile(r"\+\d{1,3}-\d{2,4}-\d{3,4}(?:[-/]\d{2,4})*"), ("+",)),
    (_YMD_DATE, ()),
    # Anchored (_Anchor): a match of each of the next four starts with its digits (four, or one or
    # two), then white space (`\s*`, or none) up to the piece; a digit is no white space, so that
    # is all the white space right before the piece
    (re.compile(r"\d\d{3}\s*年(?:\s*\d{1,2}\s*月(?:份|底|末|初|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*[日号])?)?"),
     _Anchor(("年",), (), (4, 4), True)),
    (re.compile(r"\d\d?\s*[-—–~～至到]\s*\d{1,2}\s*月(?:份|底|末)?"), ("月",)),
    (re.compile(r"\d\d?\s*月(?:份|底|末|初|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*[日号])?"),
     _Anchor(("月",), (), (1, 2), True)),
    (re.compile(r"\d\d?\s*[日号](?![元])"), _Anchor(("日", "号"), (), (1, 2), True)),
    # the three kinds of clock time share their first digit; the lookahead for what can follow
    # it (a colon, white space, 时, 点, the a or p of am/pm) rejects most digits in one test;
    # the piece after the white space: ":", 时, 点, or case-blind am, pm, a.m., p.m.
    (_CLOCK, _Anchor((":", "时", "点"), ("am", "pm", "a.m", "p.m"), (1, 2), True)),
    # dates with a month's name: every name of _MONTHS starts with one of _MONTH_STARTS
    (re.compile(rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*\d{{4}})?(?!\d|\.\d|%)"), _MONTH_STARTS),
    (re.compile(rf"\d\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:\s*,?\s*\d{{4}})?"), _MONTH_STARTS),
    (re.compile(rf"{_MONTHS}\s*,?\s+\d{{4}}"), _MONTH_STARTS),
    # list numbering inside a line: "（2）石化", "2.消费品" (two patterns: each starts with a
    # character class, which the regex engine scans for quickly; the two never overlap); and a
    # number of five digits or more in brackets, in the same scan for a bracket (a match of
    # either ends at the bracket that closes it: the scan finds what two would); the first
    # starts at its bracket
    (re.compile(r"[（(](?:\d\d?|\d{5,})[)）]"), _Anchor(("(", "（"), (), (0, 0), False)),
    (re.compile(r"\d\d?[.、](?=[\u4e00-\u9fff])"), _CJK),
    # seven digits or more with no digit, comma or point before: the check on the character
    # before comes after the first digit, so that the pattern starts with one
    (_LONG_NUMBER, ()),
    (re.compile(r"ICP[备证]?\s*\d+号?|\d{6}(?=\s*号)"), ("ICP", "号")),
    # only from the first digit of a run: a match from inside one would also match from its first
    # digit, which comes earlier, and trying every digit of a long run is quadratic
    (_DATA_SIZE, re.compile(r"(?:GB|MB|KB|bps|bit/s|Hz|nm)(?![A-Za-z])")),
]
# Masks found near a piece every match holds, which a fast scan finds (`needs`), and that starts
# at most `reach` characters before the match's piece: the pattern is tried only there, where its
# own scan would try it at every character (it starts with a lookbehind or an optional group).
# a span of years, "2019-2023", "2021-25", "During 2019-23," unless a scale or unit or more
# digits follow: "in 2019 to 30 trillion yuan", "2019 to 30,000" are a year, then a figure
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*(?:[-–—~～至到]|to)\s*(?:19|20)?\d{2}(?![\d%]|[.,]\d|\s*(?:万|亿|元|%|percent|个|yuan|dollars)"  # noqa: E501
                        rf"|[\s-]*(?i:{_EN_SCALES})(?![A-Za-z]))")
_NEAR_MASKS: list[tuple[re.Pattern[str], re.Pattern[str], int]] = [
    (_YEAR_SPAN, re.compile(r"(?:19|20)\d\d\s*(?:[-–—~～至到]|to)"), 0),
    # "+86 (10) 6512-3456", "010-6512 3456": the piece is the area code's last character on
    (_PHONE,
     re.compile(r"[\d)][\s-]\d{3,4}[\s-]?\d{4}(?!\d)"), 10),
    # codes and ids: "YW-20250122-0031", "GXB-2025-0127-014", "SZ20240420-0387"; the piece is
    # the first digit on, after at most six letters and a hyphen
    (_CODE,
     re.compile(r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z][-_]\d))\d*[-_]\w"), 7),
]
# 成 as tenths, unless it starts a word ("成为", "成本", "成功", "成都" ...)
_TENTHS = re.compile(r"\s*成(?![为本功交立果熟长都员品绩效型就分套批片群堆千年份人])")
_ZH_UNIT_NEXT = ("元", "美元", "美圆", "成", "块钱")
_ZH_MEASURE = ("个", "家", "户", "辆", "台", "套", "项", "座", "部", "款", "条", "所", "人", "名", "件")
_ZH_QUALIFIER_BEFORE = re.compile(r"(?:超过|超|逾|近|突破|约|达|过|上|接近|将近|至少|不足|不到)$")
_COMPOUND = re.compile(r"-[A-Za-z]")  # "10-gigabit", "3-year": a number inside an adjective
_ORDINAL = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
_LIST_NUMBER = re.compile(r"[.、)）]\s")
_RANGE_CONNECTOR = re.compile(r"\s*(?:-|–|—|~|～|至|到|to|through|and)\s*$")
_BETWEEN = re.compile(r"(?<![A-Za-z])between\s+$", re.IGNORECASE)
_PAIR_FROM = re.compile(r"(?:\bfrom|从|由)\s*(?:about|around|nearly|over|more than|约|近|超过)?\s*$", re.IGNORECASE)  # noqa: E501
_PAIR_TO = re.compile(
    r"^[^,.;，。；]{0,30}?(?:\bto\b|增长到|增加到|增至|提高到|上升到|扩大到|升至|达到|到|至)\s*"
    r"(?:about|around|nearly|over|more than|约|近|超过)?\s*$",
    re.IGNORECASE,
)


class _Unset:
    """The default of find_quantities' `low`: not given (None is a value of it)."""


_UNSET = _Unset()


def find_quantities(text: str, norm: str | None = None, *, every_number: bool = False,
                    low: bytes | _Unset | None = _UNSET) -> list[Quantity]:
    """norm: normalise(text), when the caller has it already (it is a whole-text pass).

    low: english_numbers.folded_ascii(norm), when the caller has it already (claim extraction
    makes it once for its own whole-text passes): made here otherwise.

    every_number: read every number, also those a claim cannot rest on (a bare decimal, a lone
    "1", a Chinese numeral with no scale or unit, a year outside a date). Claim extraction leaves
    it off; the number reader's own checks (the peers' test data, `claimwatch numbers`) turn it
    on. Masked spans (dates, times, phone numbers, ids, addresses) stay unread either way."""
    if norm is None:
        norm = normalise(text)
    if isinstance(low, _Unset):
        low = english_numbers.folded_ascii(norm)  # made once, for the passes below
    masked = _mask(norm, low)
    words = english_numbers.starts(norm, every_number, low)
    candidate = _CANDIDATE if words else _CANDIDATE_NO_WORDS
    found: list[Quantity] = []
    w = 0
    pos = 0
    while True:
        # candidate.search(norm, pos), from the next place a candidate can start
        s = _NUMBER_START.search(norm, pos)
        at = s.start() if s is not None else len(norm) + 1
        if pos < at < len(norm) and norm[at - 1] == "." and (at < 2 or not norm[at - 2].isdigit()):
            at -= 1  # ".08": a decimal with no zero before its point
        while w < len(words) and words[w] < pos:
            w += 1
        if w < len(words) and words[w] < at:
            at = words[w]
        if at > len(norm):
            break
        m = candidate.match(norm, at)
        if m is None:  # never (see _NUMBER_START): the scan goes on as a search would
            pos = at + 1
            continue
        pos = m.end()
        if masked[m.start()] or (m.group("ar") and masked[m.end() - 1]):
            continue
        q = _read_at(norm, text, m, found[-1].end if found else 0, every_number)
        if q is None:
            continue
        found.append(q)
        pos = max(pos, q.end)
    if not every_number:  # every_number reads fractions in words as numbers, above
        found.extend(share for share in _fractions(norm, text, masked, low)
                     if not any(q.start < share.end and share.start < q.end for q in found))
    else:
        found = _proportions(norm, text, found)
    found.sort(key=lambda q: q.start)
    return _approximate_shares(norm, _join_ranges_and_pairs(norm, text, found))


def _approximate_shares(norm: str, found: list[Quantity]) -> list[Quantity]:
    """'约占全国425.1万个的7.8%': a qualifier of "about" right before a share verb (words/
    measures.yaml qualified_share_verb) makes the share its phrase ends in, the first
    percentage after the verb in its clause, approximate; its span stays the number's own,
    and a figure between (the whole, "425.1万个") keeps its qualifier."""
    verbs, pattern = _share_verb_pattern()
    if not any(v in norm for v in verbs):  # most texts have none: one substring test each
        return found
    out = found
    for i, q in enumerate(found):
        if q.unit != "percent" or q.qualifier != "exact":
            continue
        # a qualified share verb in the figure's clause, 30 characters back at most
        verb = pattern.search(norm, max(0, q.start - 30), q.start)
        if verb is None or any(p.unit == "percent" and verb.end() <= p.start
                               for p in found[:i]):
            continue  # none, or a percentage between: the phrase ended there
        if q.lower is None or q.upper is None:
            continue
        lower, upper = interval(q.value, (q.upper - q.lower) / 2, "about", False)
        if out is found:
            out = list(found)
        out[i] = replace(q, qualifier="about", lower=lower, upper=upper)
    return out


@cache
def _share_verb_pattern() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The share verbs, and a qualifier of "about" right before one, then nothing, or the rest of
    its clause up to a word that ends it right before the share (matched up to the end of the
    text searched: the figure's start)."""
    table = lexicon.load_table("measures")["qualified_share_verb"]
    verbs = tuple(table["verbs"]["zh"])
    about = [p for p, name in lexicon.qualifiers().before_zh.items() if name == "about"]
    return verbs, re.compile(rf"(?:{lexicon.alternation(about)})(?:{lexicon.alternation(list(verbs))})"
                             rf"(?:[^，,；;。\n]*(?:{lexicon.alternation(table['before_share']['zh'])}))?$")


def _ascii_digits(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""The pattern with `\d` as 0-9 (in a character class) or [0-9] (outside one): the same
    matches in a text whose digits are all ASCII (`\d` is any Unicode decimal digit), and a
    range test where `\d` looks up each character's category (the masks' scans go from digit
    to digit: a quarter faster)."""
    out = []
    in_class = False
    i = 0
    source = pattern.pattern
    while i < len(source):
        piece = source[i:i + 2] if source[i] == "\\" else source[i]
        if piece == "\\d":
            piece = "0-9" if in_class else "[0-9]"
        elif piece == "[":
            in_class = True
        elif piece == "]":
            in_class = False
        out.append(piece)
        i += 2 if source[i] == "\\" else 1
    return re.compile("".join(out), pattern.flags)


# the masks for a text whose digits are all ASCII, and the test for a digit of another script
_ASCII_MASKS = [(_ascii_digits(pattern), needs) for pattern, needs in _MASKS]
_ASCII_NEAR_MASKS = [(_ascii_digits(pattern), _ascii_digits(piece), reach)
                     for pattern, piece, reach in _NEAR_MASKS]
_OTHER_DIGIT = re.compile(r"[^\D0-9]")
# The text's shape, for a text whose digits are all ASCII: folded_ascii's bytes (or the same
# without lowering; the one letter word of a gate, "to", is lowercase, as in its mask, and stays
# itself either way) with each digit a "0" and each ASCII white space a " "; every other
# character is itself, and every non-ASCII one a "?" already (so a "?" may be a non-ASCII white
# space, 年, 月 or a dash). A gate is a bytes regex that finds in the shape what the
# shape of every match of its mask holds, with each `\d` a "0", each `\s` one of " ?" and each
# non-ASCII character a "?": where it finds nothing, the mask matches nothing. It starts with a
# "0" (a fast literal scan), where the mask's own scan tests every character for a digit; most
# texts hold no match of most of them.
_SHAPE = bytes.maketrans(
    bytes(c for c in range(128) if chr(c).isdecimal() or chr(c).isspace()),
    bytes(ord("0") if chr(c).isdecimal() else ord(" ") for c in range(128)
          if chr(c).isdecimal() or chr(c).isspace()))


@dataclass(frozen=True)
class _ShapeGate:
    """A gate (`find`), and whether each match of its mask starts where one of the gate's does
    (`at_start`: the gate's shape of the mask's start, and what follows; the gate is tried
    from every place on, so one of its matches starts at each place where it matches): the
    mask is then tried only there, where its own scan tests every digit."""
    find: re.Pattern[bytes]
    at_start: bool = False


_SHAPE_GATES: dict[re.Pattern[str], _ShapeGate] = {
    # its `\d\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d` from its start: the white space and
    # the mark between two runs of digits is a run of " ?/.-" (taken whole, `++`: a digit follows;
    # `[ ?]*[-/.?]` would try every split of a run of Chinese text after a year)
    _YMD_DATE: _ShapeGate(re.compile(rb"0000[ ?/.-]++00?[ ?/.-]++0"), True),
    _LONG_NUMBER: _ShapeGate(re.compile(rb"0000000")),
    _PHONE: _ShapeGate(re.compile(rb"000[ ?-]?0000")),  # its `[\s-]\d{3,4}[\s-]?\d{4}`
    _CODE: _ShapeGate(re.compile(rb"0[-_]")),  # its `\d+(?:[-_]`
    # its `(?:19|20)\d{2}\s*(?:[-–—~～至到]|to)` from its start (the lookbehind takes no
    # character); "to" stays "to" in the shape, lowered or not, and "TO" is "to" in a lowered one
    _YEAR_SPAN: _ShapeGate(re.compile(rb"0000[ ?]*(?:[-~?]|to)")),
    # its last digit, then `\s*(?:亿|万)?\s*` (ASCII white space, or one of " ?" that a "?"
    # ends), then its unit's first letters (of a lowered shape or not)
    _DATA_SIZE: _ShapeGate(re.compile(rb"0[ ?]*+(?i:[gmk]b|[gm]hz|nm)")),
    # a digit, then ":" (`\d?:`), or ASCII white space up to a "?" (non-ASCII white space, 时
    # or 点) or the a or p of a case-blind am, pm, a.m., p.m.
    _CLOCK: _ShapeGate(re.compile(rb"0 *+(?:[:?]|(?i:[ap]\.?m))")),
}
# the gates of _ASCII_MASKS and _ASCII_NEAR_MASKS, in their order (None: no gate)
_ASCII_GATES = [_SHAPE_GATES.get(pattern) for pattern, _ in _MASKS]
_ASCII_NEAR_GATES = [_SHAPE_GATES.get(pattern) for pattern, _, _ in _NEAR_MASKS]
_NO_GATES: list[_ShapeGate | None] = [None] * len(_MASKS)
_NO_NEAR_GATES: list[_ShapeGate | None] = [None] * len(_NEAR_MASKS)


def _mask(norm: str, low: bytes | None) -> bytearray:
    """What the masks mark. low: english_numbers.folded_ascii(norm)."""
    masked = bytearray(len(norm) + 1)
    if any(n in norm for n in _ADDRESS_NEEDS):
        _mark(masked, [m.span() for m in _ADDRESS.finditer(norm)])
    if _DIGIT.search(norm) is None:
        return masked  # every other mask holds a digit
    ascii_text = norm.isascii()  # a flag, not a scan: no Chinese character to look for
    masks, near = _MASKS, _NEAR_MASKS
    gates, near_gates = _NO_GATES, _NO_NEAR_GATES
    shape = b""
    if ascii_text or _OTHER_DIGIT.search(norm) is None:
        masks, near = _ASCII_MASKS, _ASCII_NEAR_MASKS
        gates, near_gates = _ASCII_GATES, _ASCII_NEAR_GATES
        shape = (low if low is not None else norm.encode("ascii", "replace")).translate(_SHAPE)
    months: list[tuple[int, int]] | None = None  # where a month's name can start, for three masks
    for (pattern, needs), gate in zip(masks, gates, strict=True):
        if gate is not None:
            if gate.at_start:
                starts = _gate_starts(gate.find, shape)
                if starts:
                    _mark(masked, [m.span() for m in tried_at(pattern, norm, starts)])
                continue
            if gate.find.search(shape) is None:
                continue
        if isinstance(needs, _Anchor):
            if needs.folded and low is None:
                # folded_ascii's copy for a text with a letter it leaves out (İ, ı, ſ, K), which
                # does not fold to an a, m or p
                low = norm.encode("ascii", "replace").lower()
            places = _anchor_places(norm, needs, low)
            if places:
                _mark(masked, [m.span() for m in tried_at(pattern, norm, places)])
            continue
        if isinstance(needs, re.Pattern):
            if (needs is _CJK and ascii_text) or needs.search(norm) is None:
                continue
        elif needs is _MONTH_STARTS:
            if months is None:
                months = _month_places(norm)
            if not months:
                continue
            # a match starts with a month's name (no IGNORECASE), or with the day before one:
            # tried only there, where the scan would try every capital J, F, M, A, S, O, N and D
            # (or every digit) of the text
            places = months if pattern.pattern.startswith(_MONTHS) else _day_places(norm, months)
            _mark(masked, [m.span() for m in tried_at(pattern, norm, places)])
            continue
        elif needs and not any(n in norm for n in needs):
            continue
        _mark(masked, [m.span() for m in pattern.finditer(norm)])
    for (pattern, piece, reach), gate in zip(near, near_gates, strict=True):
        if gate is None:
            _mark(masked, _near(pattern, piece, reach, norm))
        elif gate.at_start:
            starts = _gate_starts(gate.find, shape)
            if starts:
                _mark(masked, [m.span() for m in tried_at(pattern, norm, starts)])
        elif gate.find.search(shape) is not None:
            _mark(masked, _near(pattern, piece, reach, norm))
    return masked


def _gate_starts(find: re.Pattern[bytes], shape: bytes) -> list[tuple[int, int]]:
    """Where a match of `find` starts in the shape, each place, in order, as ranges for
    tried_at: searched again from the place after each (not after the match's end), so that
    none is missed where two would overlap."""
    starts = []
    found = find.search(shape)
    while found is not None:
        at = found.start()
        starts.append((at, at))
        found = find.search(shape, at + 1)
    return starts


def _anchor_places(norm: str, anchor: _Anchor, low: bytes | None) -> list[tuple[int, int]]:
    r"""Where a match of the anchor's mask can start, as ranges for tried_at: before each of its
    pieces, in order. (In order of their last too: the white space before a piece ends at it,
    and a piece is no white space, so it starts after any piece before.) `\d` is str.isdecimal."""
    at_pieces = []
    for piece in anchor.pieces:
        at = norm.find(piece)
        while at != -1:
            at_pieces.append(at)
            at = norm.find(piece, at + 1)
    if low is not None:
        for piece in anchor.folded:
            key = piece.encode("ascii")
            at = low.find(key)
            while at != -1:
                at_pieces.append(at)
                at = low.find(key, at + 1)
    at_pieces.sort()
    least, most = anchor.back
    places = []
    for at in at_pieces:
        if anchor.spaced:
            at = _space_before(norm, at)
        # where the match starts with digits, the last of them (`\d`, or 0-9) stands right here
        if at >= least and (not least or norm[at - 1].isdecimal()):
            places.append((max(0, at - most), at - least))
    return places


def _month_places(norm: str) -> list[tuple[int, int]]:
    """Where one of _MONTH_STARTS is, in order, as ranges for tried_at: every name of _MONTHS
    starts with one. One scan finds them all: each is a capital and two lowercase letters, so
    no two overlap (the second's capital would be a letter of the first)."""
    return [(m.start(), m.start()) for m in _MONTH_START.finditer(norm)]


_MONTH_START = re.compile("|".join(_MONTH_STARTS))
_DAY_SUFFIXES = frozenset(("st", "nd", "rd", "th"))


def _day_places(norm: str, months: list[tuple[int, int]]) -> list[tuple[int, int]]:
    r"""Where a match of the day-month mask (`\d\d?(?:st|nd|rd|th)?\s+(?:of\s+)?` and a month's
    name) can start, in order, as ranges for tried_at: its month's name starts at one of
    `months`, after white space, which is "of" after white space or the day; the day is one or
    two digits (`\d` is str.isdecimal), with one of the suffixes or none, right before it.
    (A digit, a letter of a suffix or of "of" is no white space: each white space is all there
    is right before what follows it.)"""
    places = []
    for month, _ in months:
        space = _space_before(norm, month)
        if space == month:
            continue
        ends = [space]
        if norm[space - 2:space] == "of" and space >= 2:
            of = _space_before(norm, space - 2)
            if of < space - 2:
                ends.insert(0, of)  # earlier
        for end in ends:
            if end >= 3 and norm[end - 2:end] in _DAY_SUFFIXES and norm[end - 3].isdecimal():
                places.append((max(0, end - 4), end - 3))
            if end >= 1 and norm[end - 1].isdecimal():
                places.append((max(0, end - 2), end - 1))
    return places


def _space_before(norm: str, at: int) -> int:
    r"""Where the white space (`\s`, str.isspace) right before `at` starts (`at` if none)."""
    while at > 0 and norm[at - 1].isspace():
        at -= 1
    return at


def _mark(masked: bytearray, spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        masked[start:end] = b"\x01" * (end - start)


def tried_at(pattern: re.Pattern[str], norm: str, starts: list[tuple[int, int]]) -> list[re.Match[str]]:
    """What pattern.finditer(norm) finds, when every match starts in one of the ranges of
    `starts` (first, last; in order of their last) and none is empty: each position of the
    ranges is tried in turn, and the search goes on after a match, as finditer's does."""
    found = []
    pos = 0  # every position before is tried, or inside a match found
    for first, last in starts:
        at = max(pos, first)
        while at <= last:
            m = pattern.match(norm, at)
            if m is None:
                at += 1
            else:
                found.append(m)
                pos = at = m.end()
        pos = max(pos, last + 1)
    return found


def _near(pattern: re.Pattern[str], needs: re.Pattern[str], reach: int, norm: str) -> list[tuple[int, int]]:
    """pattern.finditer(norm) for a mask of _NEAR_MASKS: the next match starts at most `reach`
    characters before the next piece `needs` finds (its own piece, or one before it)."""
    found = []
    pos = 0
    while (piece := needs.search(norm, pos)) is not None:
        at = piece.start()
        spans = [m.span() for m in tried_at(pattern, norm, [(max(pos, at - reach), at)])]
        found.extend(spans)
        pos = max(at + 1, spans[-1][1]) if spans else at + 1
    return found


def _read_at(norm: str, text: str, m: re.Match[str], floor: int = 0,
             every_number: bool = False) -> Quantity | None:
    """floor: where the previous quantity ended; a unit before this number cannot reach into it
    ("4人民币5美元"). every_number: see find_quantities."""
    start, end = m.start(), m.end()
    ar, zh, en, pct = m.group("ar", "zh", "en", "pct")
    token_end = end  # where the written number ends, before its scale and unit
    digit_fraction = False
    words: english_numbers.WordNumber | None = None
    scales = lexicon.scales()
    if ar:
        token = ar
        if start and _may_glue(norm[start - 1]) and _glued_to_word_before(norm, start) \
                and not _unit_before(norm, start):
            return None  # "COVID-19", but "USD115" is an amount
        if not every_number and norm[start - 1:start] == "/" and norm[start - 2:start - 1].isdigit():
            return None  # the second number of "24/7", "2023/24": no figure of its own
        number = arabic_value(token)
        nxt = norm[end:end + 1]
        if nxt == "/" or nxt in _FRACTION_SYMBOLS or (
                nxt == " " and norm[end + 1:end + 2] in _DIGIT_OR_SPACE):
            fraction = _digit_fraction(norm, start, token, end)  # "3/4", "2 1/4", "2½"
            if fraction is not None:
                number, end = fraction
                token_end = end
                digit_fraction = True
    elif zh:
        if norm[max(0, start - 1):start] in ("第",):
            return None
        read = chinese_numbers.read_prefix(zh) or chinese_numbers.denominator_word(
            norm, m.start("zh"), zh)  # "万分之三"
        if read is None:
            return None
        token = zh[:read[1]]
        end = token_end = m.start("zh") + read[1]  # "一百千瓦": the numeral is 一百
        unit_next = norm.startswith(_ZH_UNIT_NEXT, end)
        # "十多万", "千分之三", "三分之二": a scale or a denominator's 分之 follows
        scale_next = _APPROX_SCALE.match(norm, end) is not None or norm.startswith("分之", end)
        if not _ZH_DIGIT.search(token) and not norm.startswith("分之", end):
            # "超百万个", "突破千亿元", "逾千家", "十美元": 十/百/千 with no digit stand for one of
            # them, but only with a qualifier before or a unit after ("千万不要" is no number)
            if token[0] not in "十百千" or not (
                    unit_next or scale_next or pct or _ZH_QUALIFIER_BEFORE.search(
                        norm, max(0, start - 3), start)
                    or (every_number and chinese_numbers.stands_alone(norm, start, end))):
                return None
        elif token in ("一", "两") and not pct and not unit_next and not scale_next \
                and not every_number and not _physical_unit_qualified(norm, start, end):
            return None
        if every_number and not pct and not scale_next and "万" not in token \
                and "亿" not in token and not chinese_numbers.stands_alone(norm, start, end):
            return None  # "一切", "四川", "九九": a numeral character inside a word
        number = read[0]
    elif en in english_numbers.symbols():  # "½" alone
        symbol = english_numbers.symbols()[en]
        number = symbol, 0.0
    else:
        words = english_numbers.read_phrase(norm, start)
        if words is None:
            return None
        number = words.value, words.step
        end = token_end = words.end

    (value, step), has_scale = number, words is not None and words.has_scale
    # scale words: Chinese directly after, English after a space or hyphen
    # (a Chinese numeral holds its own: 三十万; what follows one is no scale of it, "五十千")
    zh_scale = None if zh or norm[end:end + 1] not in _ZH_SCALE_FIRST \
        else _longest_prefix(norm, end, scales.zh)
    spaced = 0
    if zh_scale is None and ar and norm[end:end + 1] == " ":
        # "营收 1000 万元": the spaces some sites put between digits and Chinese ("pangu")
        spaced = len(norm[end:end + 4]) - len(norm[end:end + 4].lstrip(" "))
        zh_scale = _longest_prefix(norm, end + spaced, scales.zh)
    if zh_scale:
        factor = scales.zh[zh_scale]
        value, step, has_scale = value * factor, step * factor, True
        end += spaced + len(zh_scale)
        # "3万4000", "1亿2000万", "5万4千6百": smaller remainders glued on, each below the last
        while True:
            # "1千零20": a 零 before the remainder marks the places it skips
            zero = 1 if norm.startswith("零", end) else 0
            rest = _REMAINDER.match(norm, end + zero)  # not norm[end:]: a copy of the rest
            if not (rest and rest.group(0) and not rest.group(0).startswith(",")):
                break
            rest_token = rest.group(0)
            rest_num = arabic_value(rest_token) if rest_token[0].isdigit() else (
                chinese_numbers.parse(rest_token) if _ZH_DIGIT.search(rest_token) else None)
            if rest_num is None:
                break
            rest_end = end + zero + len(rest_token)
            small = _longest_prefix(norm, rest_end, scales.zh) or (
                "百" if norm.startswith("百", rest_end) and rest_token[0].isdigit() else None)
            small_factor = scales.zh.get(small, 100.0) if small else 1.0
            if zero and small in ("万", "亿") and small_factor > factor > value / 10 \
                    and rest_num[0] < factor:
                # "2千零30万": the larger scale counts the whole, 2,030 万
                value = (value + rest_num[0]) * small_factor
                step, end = rest_num[1] * small_factor, rest_end + 1
                break
            if not (small_factor < factor and rest_num[0] * small_factor < factor):
                break
            value += rest_num[0] * small_factor
            step = rest_num[1] * small_factor
            end = rest_end + (len(small) if small else 0)
            factor = small_factor
            if small is None:
                break
    elif (en and not has_scale) or ar:
        sm = None if norm[end:end + 1] in _EN_SCALE_NOT_FIRST or (
            norm[end:end + 1] in _EN_SCALE_SPACE and norm[end + 1:end + 2] in _EN_SCALE_NOT_FIRST) \
            else _EN_SCALE_RE.match(norm, end)
        if sm:
            factor = scales.en[" ".join(lexicon.fold(sm.group(1)).split())]
            value, step, has_scale = value * factor, step * factor, True
            end = sm.end()
        elif ar:
            # the letters and words below are each tried only when the next characters can
            # start them: most numbers are followed by a space and a word that starts none
            nxt = norm[end:end + 2]
            # (a letter scale is an ASCII letter, _LETTER's [A-Za-z]: "5个" tries neither)
            if (nxt[:1].isascii() and nxt[:1].isalpha()) or (nxt[:1] == " " and nxt[1:] in _SPACED_FIRST):
                letter = _letter_scale(norm, start, end)  # "10k", "2.33 k", "1.2b", "10M", "$5m"
                if letter is not None:
                    value, step, has_scale = value * letter[0], step * letter[0], True
                    end = letter[1]
                elif nxt in (" d", " D"):
                    dozen = english_numbers.dozen_after(norm, end)  # "3 dozen"
                    if dozen is not None:
                        value, step, end = value * 12, step * 12, dozen
        if has_scale and ar and norm.startswith(" and ", end):
            part = english_numbers.fraction_after(norm, end)  # "3 million and a half"
            if part is not None:
                value, step, end = value + part[0] * step, part[0] * step, part[1]
    if zh and ("万" in token or "亿" in token):
        has_scale = True  # "四百万", "二十万亿": the scale is written inside the numeral
    approx_qualifier: str | None = None
    if zh and not has_scale:
        # "一千多万", "二十几万" (21 to 29 万): 多/几 between a numeral and its scale
        approx = _APPROX_SCALE.match(norm[end:end + 3])
        if approx:
            factor = scales.zh[approx.group(2)]
            value, step, has_scale = value * factor, step * factor, True
            end += approx.end()
            approx_qualifier = "at_least"
    # "负3.9%", "同比-0.3%": sign_before is 0 unless 负 or a minus sign stands right before
    negative = chinese_numbers.sign_before(norm, start, floor) \
        if start and norm[start - 1] in chinese_numbers.SIGN_CHARS else 0
    if not en and not pct and norm.startswith("分之", end) \
            and chinese_numbers.number_at(norm, end + 2) is not None:
        return _zh_fraction(norm, text, m, start, end, value, has_scale, negative, every_number)
    if not en and norm.startswith("又", end):
        mixed = chinese_numbers.fraction_at(norm, end + 1)  # "三百五十又三分之一"
        if mixed is not None:
            value, step, end = value + mixed[0], abs(mixed[0]) or step, mixed[1]
    # a match starts with white space or 成 (most numbers are followed by neither)
    tenths = _TENTHS.match(norm, end) if norm[end:end + 1] == "成" or norm[end:end + 1].isspace() \
        else None
    if tenths and not pct:
        # "三成", "7.2成": tenths, as a percentage ("超七成" is more than 70 percent)
        value, step = value * 10, step * 10
        end = tenths.end()
        if norm.startswith("半", end) and step >= 10:  # "三成半": 35 percent
            value, step, end = value + 5, 5.0, end + 1
        lower, upper = interval(value, step / 2, "exact", False)
        q_start, qualifier, unbounded = start, "exact", False
        before = qualifier_before(norm, q_start)
        if before and before[1] != "exact":
            qualifier = "at_most" if before[1] == "at_most_unbounded" else before[1]
            unbounded = before[1] == "at_most_unbounded"
            q_start -= before[0]
        lower, upper = interval(value, step / 2, qualifier, unbounded)
        return Quantity(start=q_start, end=end, text=text[q_start:end], value=value, lower=lower,
                        upper=upper, unit="percent", qualifier=qualifier, has_unit=True)
    if zh and not has_scale and not pct and not every_number:
        # a Chinese numeral stands only with a scale, 百分之 or a currency/point unit after it,
        # a physical unit ("一百千瓦", "近一吨"), or a measure word after a qualifier ("逾千家")
        after = norm[end:end + 4]
        if not after.startswith(("元", "美元", "美圆", "个百分点", "百分点", "%")) and not (
                after.startswith(_ZH_MEASURE) and _ZH_QUALIFIER_BEFORE.search(norm, max(0, start - 3),
                                                                              start)) \
                and _physical_unit(norm, end) is None and not chinese_numbers.kuai_is_yuan(norm, start, end):
            return None

    qualifier = approx_qualifier or "exact"
    unbounded = False
    unit = "count"
    has_unit = False
    # "-5", "minus five": looked for only after a sign or after a space that ends a word which
    # may be a sign word (most numbers have neither)
    prev = norm[start - 1:start] if start else ""
    signed = prev in _SIGNS or (prev == " " and norm[start - 2:start - 1] in _SIGN_WORD_ENDS)
    sign = negative or (_sign_before(norm, start) if signed and not zh else 0)
    q_start = start - sign
    qualified_after = False

    if pct:
        unit, has_unit = "percent", True
    elif not sign:
        before_unit = _unit_before(norm, start)
        if before_unit and start - before_unit[0] >= floor \
                and not chinese_numbers.numerator_of_fraction(norm, start):
            unit, has_unit = before_unit[1], True
            q_start = start - before_unit[0]

    # Chinese qualifiers between number and unit: 1800余个, 1.7万多个
    after_q = _longest_prefix(norm, end, lexicon.qualifiers().after_zh) \
        if norm[end:end + 1] in _AFTER_ZH_FIRST else None
    if after_q and after_q in ("多", "余", "有余"):
        qualifier = "at_least"
        end += len(after_q)
        late_scale = _longest_prefix(norm, end, scales.zh)
        before_q = end - len(after_q)
        if has_scale and not (late_scale == "亿" and norm[before_q - 1:before_q] == "万"):
            late_scale = None  # "三十万多亿" is 三十多万亿; "3万多元" has its scale
        if late_scale:  # "500余万元": the scale comes after 余
            factor = scales.zh[late_scale]
            value, step, has_scale = value * factor, step * factor, True
            end += len(late_scale)

    unit_after = _unit_after(norm, end)
    if unit_after is None and not has_unit and norm.startswith("块", end) \
            and chinese_numbers.kuai_is_yuan(norm, start, end):  # False unless 块 follows
        unit_after = (2 if norm.startswith("块钱", end) else 1, "CNY", 1.0)  # "三块", "三块钱"
    if unit_after and (not has_unit or unit_after[1] == unit):
        # "人民币 8千元": the same unit on both sides is one quantity
        unit, has_unit = unit_after[1], True
        end += unit_after[0]
        if unit_after[2] != 1.0:  # "387.7GWh": a unit word that is a multiple of its unit
            value, step, has_scale = value * unit_after[2], step * unit_after[2], True
        elif not has_scale and unit in _CURRENCIES and not zh:
            sm = _EN_SCALE_RE.match(norm, end)  # "75 USD million", as tables put it
            if sm:
                factor = scales.en[" ".join(lexicon.fold(sm.group(1)).split())]
                value, step, has_scale, end = value * factor, step * factor, True, sm.end()
        if zh and step == 1 and not has_scale and unit not in _NOT_PHYSICAL \
                and norm.startswith("半", end) and not lexicon.cues().duration_zh.match(norm, end + 1):
            value, step, end = value + 0.5, 0.5, end + 1  # "一吨半", not "一吨半年"
    # "1.53 trillion yuan" style after a currency symbol before: nothing more to read
    after_q2 = _longest_prefix(norm, end, lexicon.qualifiers().after_zh) \
        if norm[end:end + 1] in _AFTER_ZH_FIRST else None
    if after_q2 and after_q2 not in ("多", "余", "有余"):
        name = lexicon.qualifiers().after_zh[after_q2]
        unbounded = name == "at_most_unbounded"  # "1500以下": below, with no floor
        qualifier = "at_most" if unbounded else name
        end += len(after_q2)
    elif norm[end:end + 1].isspace() and norm[end + 1:end + 2] in _QUALIFIER_AFTER_FIRST:
        en_after = _qualifier_after_en()[0].match(norm, end)
        if en_after:
            name = lexicon.qualifiers().after_en[" ".join(en_after.group(1).lower().split())]
            unbounded = name == "at_most_unbounded"  # "500 or less"
            qualifier = "at_most" if unbounded else name
            end = en_after.end()
            qualified_after = True

    glued = norm[token_end:token_end + 1]
    if glued.isascii() and glued.isalpha() and ar \
            and _not_a_number(norm, token_end, has_scale or has_unit):
        return None
    if digit_fraction and not (has_scale or has_unit) and not every_number:
        # "1/3 of the firms" is a share, as "a third of" is; a fraction alone is no claim
        if _OF_AFTER.match(norm, end) is None:
            return None
        value, step, unit, has_unit, qualifier = value * 100, 1.0, "percent", True, "about"
    if words is not None and not (has_scale or has_unit):
        # a number in words with no scale or unit is no claim ("two provinces", "one of the");
        # as a number, "one" may be a pronoun and a fraction word an ordinal ("a third term")
        if not every_number:
            return None
        if words.bare_one and english_numbers.one_is_pronoun(norm, start, token_end):
            return None
        if words.bare_half:
            qualified = qualifier_before(norm, start) is not None
            if not english_numbers.half_is_number(norm, start, token_end, qualified):
                return None
        elif words.ordinal_risk and not english_numbers.follows_as_fraction(norm, token_end):
            return None
    # what rules a number out without its qualifier (a year, furniture) first: the qualifier
    # before is the slowest look, and half the candidates are not claims
    if not every_number and not _is_claim(norm, m, start, token_end, end, has_scale, has_unit, unit,
                                          value):
        return None
    # "about 500 or more": the bound after says more than the word before
    before = None if qualified_after else qualifier_before(norm, q_start)
    if before:
        length, name = before
        # "reached", "达" say nothing about precision: they stay out of the span
        if name != "exact":
            qualifier = "at_most" if name == "at_most_unbounded" else name
            unbounded = unbounded or name == "at_most_unbounded"
            q_start -= length

    if qualifier == "exact" and value < 2 and ar and not (has_scale or has_unit) \
            and not every_number:
        return None  # a bare number under 2 with no qualifier: "1 of 3", "0 comments"

    if sign:
        value = -value
    half = step / 2
    lower, upper = interval(value, half, qualifier, unbounded)
    return Quantity(
        start=q_start, end=end, text=text[q_start:end], value=value, lower=lower, upper=upper,
        unit=unit, qualifier=qualifier, has_scale=has_scale, has_unit=has_unit,
    )


def _zh_fraction(norm: str, text: str, m: re.Match[str], start: int, end: int, denominator: float,
                 has_scale: bool, negative: int, every_number: bool) -> Quantity | None:
    """"千分之三", "三分之二", "１６分之5": a fraction, norm[start:end] its denominator and 分之 at
    `end`. Per mille and smaller (千分之, 万分之, 百万分之: a place word with no digit) is a
    percentage, as 百分之 is. Any other fraction is its value as a number; as a claim, only a
    share with a small denominator counts ("三分之二的企业", like "two thirds of" in English),
    about that percentage: "五百分之2.2" is no share a news text gives."""
    numerator = chinese_numbers.number_at(norm, end + 2)
    if numerator is None or not denominator:
        return None
    value, step, q_end = numerator
    if negative:
        denominator = -denominator
    den_token = norm[m.start():end]
    per_mille = m.group("zh") is not None and chinese_numbers.is_power_of_ten_word(den_token) \
        and abs(denominator) >= 1000
    share = den_token in _SMALL_DENOMINATORS and 0 < value < denominator and step == 1
    qualifier = "exact"
    if per_mille:
        unit, value, half = "percent", 100 * value / denominator, 50 * step / abs(denominator)
    elif share and not every_number:
        unit, value, half, qualifier = "percent", 100 * value / denominator, 0.5, "about"
    elif every_number:
        # 三分之二 is 2/3 exactly; 五分之1.5 is as exact as its numerator's decimals
        unit, value, half = "count", value / denominator, (step / abs(denominator) / 2 if step < 1 else 0.0)
    else:
        return None
    q_start = start - negative
    before = qualifier_before(norm, q_start)
    unbounded = False
    if before and before[1] != "exact":
        qualifier = "at_most" if before[1] == "at_most_unbounded" else before[1]
        unbounded = before[1] == "at_most_unbounded"
        q_start -= before[0]
    lower, upper = interval(value, half, qualifier, unbounded)
    return Quantity(start=q_start, end=q_end, text=text[q_start:q_end], value=value, lower=lower,
                    upper=upper, unit=unit, qualifier=qualifier, has_scale=has_scale,
                    has_unit=unit == "percent")


# the denominators of a share: 二分之一 to 十分之三, in digits or a numeral
_SMALL_DENOMINATORS = frozenset("二三四五六七八九十") | frozenset(str(i) for i in range(2, 11))


def _physical_unit(norm: str, end: int) -> str | None:
    """The unit after a number when it is one of the physical units (吨, 千瓦, 平方米 ...)."""
    unit = _unit_after(norm, end)
    return unit[1] if unit is not None and unit[1] not in _NOT_PHYSICAL else None


_NOT_PHYSICAL = frozenset({"count", "percent", "percentage_point", "CNY", "USD"})


def _physical_unit_qualified(norm: str, start: int, end: int) -> bool:
    """"近一吨", "一吨半": a lone 一/两 with a physical unit is a quantity when a qualifier or a
    half says so (alone, "一吨" is as often "per tonne")."""
    unit = _unit_after(norm, end)
    if unit is None or unit[1] in _NOT_PHYSICAL:
        return False
    return norm.startswith("半", end + unit[0]) or _ZH_QUALIFIER_BEFORE.search(
        norm, max(0, start - 3), start) is not None


def interval(value: float, half: float, qualifier: str, unbounded: bool) -> tuple[float | None, float | None]:
    if qualifier == "about":
        spread = max(half, abs(value) * 0.05)
        return value - spread, value + spread
    if qualifier == "at_least":
        return value, None
    if qualifier == "at_most":
        if unbounded:
            return None, value
        if value < 0:  # "nearly -5": from -5 towards zero
            return value - half, value * 0.9
        return value * 0.9, value + half
    return value - half, value + half


_FRACTION_SYMBOLS = frozenset(english_numbers.symbols())  # "2½"
_DIGIT_OR_SPACE = frozenset("0123456789 ")  # after a space: "2 1/4", "2  1/4"
_OF_AFTER = re.compile(r"\s+of(?![A-Za-z])", re.IGNORECASE)
_SLASH_FRACTION = re.compile(r"/(\d{1,3})(?![\d/.,])")
_MIXED_FRACTION = re.compile(r"[ \t]+(\d{1,2})/(\d{1,3})(?![\d/.,])")


def _digit_fraction(norm: str, start: int, token: str, end: int) -> tuple[tuple[float, float], int] | None:
    """A proper fraction in digits after the digits read: "3/4", a whole and a fraction "2 1/4",
    "2½". Not "5/17/2018" (a date), "24/7" (above one), "1/0"."""
    nxt = norm[end:end + 1]
    if nxt == " " and not norm[end + 1:end + 4].lstrip(" ")[:1].isdigit():
        return None
    if not token.isdigit() or len(token) > 3 or norm[start - 1:start] == "/":
        return None
    if nxt == "/":
        slash = _SLASH_FRACTION.match(norm, end)
        if slash is None:
            return None
        numerator, denominator = int(token), int(slash.group(1))
        return ((numerator / denominator, 0.0), slash.end()) if 0 < numerator < denominator else None
    symbol = english_numbers.symbols().get(nxt)
    if symbol is not None:
        return (int(token) + symbol, 0.0), end + 1
    mixed = _MIXED_FRACTION.match(norm, end)
    if mixed is not None:
        numerator, denominator = int(mixed.group(1)), int(mixed.group(2))
        if 0 < numerator < denominator:
            return (int(token) + numerator / denominator, 0.0), mixed.end()
    return None


def _letter_scale(norm: str, start: int, end: int) -> tuple[float, int] | None:
    """A scale letter after digits (words/scales.yaml en_letters) and where it ends: "10k",
    "2.33 k", "1.2b", "25M", "$5m" (a lone "m" is a metre unless a currency sign stands before;
    "3M" is a name)."""
    m = _LETTER.match(norm, end)
    if m is None:
        return None
    scales = lexicon.scales()
    letter = m.group(2)
    if m.group(1):
        factor = scales.letters_spaced.get(letter)
    elif "." in norm[start:end] and letter in scales.letters_after_decimal:
        factor = scales.letters_after_decimal[letter]
    elif letter in scales.letters_glued and not (letter.isupper() and end - start == 1):
        factor = scales.letters_glued[letter]
    elif letter in scales.letters_glued or letter in scales.letters_after_currency:
        before = _unit_before(norm, start)  # "$3M", "$5m"
        currency = before is not None and before[1] in _CURRENCIES
        factor = (scales.letters_glued.get(letter) or scales.letters_after_currency[letter]) \
            if currency else None
    else:
        factor = None
    return (factor, m.end()) if factor is not None else None


@cache
def _qualifier_after_en() -> tuple[re.Pattern[str], frozenset[str]]:
    """'or more', 'plus', 'or less' after a number (words/qualifiers.yaml), not before another
    number ('0.03 plus 0.08' is a sum); and their first letters, either case."""
    phrases = list(lexicon.qualifiers().after_en)
    pattern = re.compile(r"\s+(" + r"|".join(r"\s+".join(re.escape(w) for w in p.split())
                                             for p in sorted(phrases, key=len, reverse=True))
                         + r")(?![A-Za-z])(?!\s*[\d.]|\s+" + english_numbers.start_regex().pattern
                         + ")", re.IGNORECASE)
    return pattern, frozenset(c for p in phrases for c in (p[0].lower(), p[0].upper()))


_QUALIFIER_AFTER_FIRST = _qualifier_after_en()[1]


def _may_glue(prev: str) -> bool:
    """Whether _glued_to_word_before can be true with this character before the number: an
    ASCII letter or one of the characters it looks at (one test, not its call)."""
    return prev in _GLUE_MARKS or (prev.isascii() and prev.isalpha())


_GLUE_MARKS = frozenset("-_/.#")


def _glued_to_word_before(norm: str, start: int) -> bool:
    if start == 0:
        return False
    prev = norm[start - 1]
    if prev.isascii() and prev.isalpha():
        return True
    # "COVID-19", "v2.0": glued to a word; "20-30%" and "5k-20k" are ranges, not codes
    if prev in "-_/." and start >= 2 and norm[start - 2].isascii() and norm[start - 2].isalpha():
        return not (prev == "-" and norm[start - 3:start - 2].isdigit()
                    and norm[start - 2] in lexicon.scales().letters_glued)
    return prev == "#"


# the first characters of a table's keys, by the table's id (the table is kept in the entry, so
# that id cannot be reused by another): most numbers are followed by none of them
_FIRST_CHARS: dict[int, tuple[Mapping[str, object], frozenset[str]]] = {}


def _longest_prefix(norm: str, at: int, table: Mapping[str, object]) -> str | None:
    entry = _FIRST_CHARS.get(id(table))
    if entry is None or entry[0] is not table:
        entry = (table, frozenset(k[:1] for k in table))
        _FIRST_CHARS[id(table)] = entry
    if norm[at:at + 1] not in entry[1]:
        return None
    for length in (4, 3, 2, 1):
        piece = norm[at:at + length]
        if len(piece) == length and piece in table:
            return piece
    return None


@cache
def _unit_before_last() -> frozenset[str]:
    """The last characters of the unit words before a number."""
    return frozenset(w[-1] for w in lexicon.units().before)


def _unit_before(norm: str, start: int) -> tuple[int, str] | None:
    if not start:
        return None
    prev = norm[start - 1]
    # a unit word before the number ends in the character before it, or in its upper case (the
    # lookups below): most characters before a number are neither, nor a space
    last = _UNIT_BEFORE_LAST
    if prev not in last and prev != " " and prev != "\t" and prev.upper()[-1] not in last:
        return None
    before = _UNITS_BEFORE
    # a unit word glued before the number is the character before it, or ends in the two before
    # it (most numbers have none): two set lookups instead of six slices and dictionary lookups
    ends = _UNIT_BEFORE_ENDS
    if prev in before or prev.upper() in before:
        glued = True
    elif start >= 2:  # two characters before
        prev2 = norm[start - 2:start]
        glued = prev2 in ends or prev2.upper()[-2:] in ends
    else:
        glued = False
    for length in (6, 5, 4, 3, 2, 1) if glued else ():
        piece = norm[max(0, start - length):start]
        if len(piece) == length and (piece in before or piece.upper() in before):
            if piece[0].isascii() and piece[0].isalpha() and start - length > 0 \
                    and norm[start - length - 1].isalpha():
                continue  # "XRMB5": glued to a word
            return length, before.get(piece) or before[piece.upper()]
    # "人民币  50元": a word unit may stand a few spaces away
    if (prev != " " and prev != "\t") or norm.isascii():
        return None  # (str.isascii is a flag: an ASCII text has no unit word that is not ASCII)
    head = norm[max(0, start - 3):start]
    gap = len(head) - len(head.rstrip(" \t"))
    # a word unit there is not ASCII: it ends in the last character of one
    if gap and norm[start - gap - 1:start - gap] in _UNIT_BEFORE_LAST_WIDE:
        for length in (3, 2):
            piece = norm[max(0, start - gap - length):start - gap]
            if len(piece) == length and not piece.isascii() and piece in before:
                return length + gap, before[piece]
    return None


@cache
def _unit_before_last_wide() -> frozenset[str]:
    """The last characters of the unit words before a number that are not ASCII."""
    return frozenset(w[-1] for w in lexicon.units().before if not w.isascii())


@cache
def _unit_before_ends() -> frozenset[str]:
    """The last two characters of the unit words before a number that are longer than one."""
    return frozenset(w[-2:] for w in lexicon.units().before if len(w) >= 2)


# _unit_before's tables, looked up once: it runs for almost every number, most often to find
# nothing, where four cached calls cost as much as its set tests (so do _unit_after's below)
_UNITS_BEFORE = lexicon.units().before
_UNIT_BEFORE_LAST = _unit_before_last()
_UNIT_BEFORE_ENDS = _unit_before_ends()
_UNIT_BEFORE_LAST_WIDE = _unit_before_last_wide()


def _unit_after_parts() -> list[tuple[str, str]]:
    """Each unit word after a number, longest first, with its piece of the case-blind regex."""
    parts = []
    for w in sorted(lexicon.units().after, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(p) for p in w.split())
        parts.append((w, escaped + (r"(?![A-Za-z])" if w[-1].isascii() and w[-1].isalpha() else "")))
    return parts


_UNIT_AFTER_CACHE: dict[str, re.Pattern[str]] = {}


def _unit_after_regex() -> re.Pattern[str]:
    """The plain look: every unit word, after an optional space or hyphen."""
    if "re" not in _UNIT_AFTER_CACHE:
        alternatives = "|".join(piece for _, piece in _unit_after_parts())
        _UNIT_AFTER_CACHE["re"] = re.compile(r"[\s-]?(?:" + alternatives + ")", re.IGNORECASE)
    return _UNIT_AFTER_CACHE["re"]


# The characters _UNIT_WORDS_BY_FIRST holds: ASCII and the CJK ideographs. Any other character
# goes to the regex of every unit word.
_UNIT_TABLE_CHARS = "".join(map(chr, range(128))) + "".join(map(chr, range(0x4E00, 0xA000)))


def _unit_words_by_first() -> dict[str, re.Pattern[str] | None]:
    """For each character of _UNIT_TABLE_CHARS, and for the text's end (""), the case-blind
    regex of the unit words that can start with it (None for none), in _unit_after_regex's order.
    Python's alternation takes the first alternative that matches at a place; one whose first
    character does not match the character there cannot, so leaving it out changes no match.
    Which characters a first character matches is found by the case-blind matching itself (so
    "K" and "ſ" are where the engine puts them), over every character the table holds."""
    parts = _unit_after_parts()
    matching: dict[str, set[str]] = {}
    for first in {w[0] for w, _ in parts}:
        for m in re.finditer(re.escape(first), _UNIT_TABLE_CHARS, re.IGNORECASE):
            matching.setdefault(m.group(0), set()).add(first)
    compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
    table: dict[str, re.Pattern[str] | None] = dict.fromkeys(_UNIT_TABLE_CHARS)
    table[""] = None  # every unit word has a character
    for c, firsts in matching.items():
        pieces = tuple(piece for w, piece in parts if w[0] in firsts)
        if pieces not in compiled:
            compiled[pieces] = re.compile("(?:" + "|".join(pieces) + ")", re.IGNORECASE)
        table[c] = compiled[pieces]
    return table


_UNIT_WORDS_BY_FIRST = _unit_words_by_first()
_UNITS_AFTER = lexicon.units().after
_UNIT_SCALES = lexicon.units().scale
_UNIT_WORDS_ANY = re.compile("(?:" + "|".join(piece for _, piece in _unit_after_parts()) + ")",
                             re.IGNORECASE)


def _unit_after_end(norm: str, end: int) -> int | None:
    """Where the match of _unit_after_regex() at end ends (None for none), by the regex of the
    words that can start with the character there. The regex's optional space or hyphen is
    greedy: a word after one first, then a word at end (its \\s is str.isspace: both are
    Py_UNICODE_ISSPACE). Most numbers are followed by a character, or a space and a character,
    that starts no unit word: one or two dictionary lookups."""
    nxt = norm[end:end + 1]
    if nxt == "-" or nxt.isspace():
        pattern = _UNIT_WORDS_BY_FIRST.get(norm[end + 1:end + 2], _UNIT_WORDS_ANY)
        m = None if pattern is None else pattern.match(norm, end + 1)
        if m is not None:
            return m.end()
    pattern = _UNIT_WORDS_BY_FIRST.get(nxt, _UNIT_WORDS_ANY)
    m = None if pattern is None else pattern.match(norm, end)
    return None if m is None else m.end()


def _unit_after(norm: str, end: int) -> tuple[int, str, float] | None:
    """The unit word right after a number: its length, its unit, and the multiple of the unit
    it stands for (1, or 1e6 for "GWh" of kWh)."""
    m_end = _unit_after_end(norm, end)
    if m_end is None:
        return None
    whole = norm[end:m_end]
    word = whole.lstrip(" -")
    units = _UNITS_AFTER
    unit = units.get(word)
    key = word
    if unit is None:
        folded = " ".join(word.split()).lower()
        key = next((w for w in units if w.lower() == folded), word)
        unit = units.get(key)
    if unit is None:
        return None
    # Chinese measure words and symbols must be glued to the number
    if unit == "count" and whole != word:
        return None
    if word[-1].isascii() and word[-1].isalnum() and norm[m_end:m_end + 1].isdigit():
        return None  # "3 USD50": the code is the next number's; "m212" is no m2

    return m_end - end, unit, _UNIT_SCALES.get(key, 1.0)


def qualifier_before(norm: str, start: int) -> tuple[int, str] | None:
    head = norm[max(0, start - 30):start]
    stripped = head.rstrip()
    final = stripped[-1:]
    if not final:
        return None  # no piece, no word: nothing below can match
    zh_last, en_last = _qualifier_last_chars()
    gap = len(head) - len(stripped)
    # Chinese: the characters just before (each phrase ends in the last one: one set test)
    if final in zh_last:
        before_zh = lexicon.qualifiers().before_zh
        for length in (3, 2, 1):
            piece = stripped[-length:]
            if len(piece) == length and piece in before_zh:
                return gap + length, before_zh[piece]
    # English: the last four, three, two words, then the last one
    # The last word ends in `final` (no bracket or quote: \s is what rstrip strips), and its
    # lower case in final's (str.lower maps one character at a time; only Σ looks at its
    # neighbours, and both its lower cases are no ASCII letter): when that is no last letter
    # of a phrase, no phrase ends in the word
    if final not in _WORD_OPENERS and final.lower()[-1] not in en_last:
        return None
    # The last four words, read backwards by one anchored match (see _LAST_WORDS)
    found = _LAST_WORDS.match(stripped[::-1])
    if found is None:
        return None  # no word at all
    backwards = found.groups()  # the last word first, each read backwards; None past the first
    # every phrase ends in the last word before the number (also when that word ends the
    # text: the words _qualifier_lengths lists are phrases' last words)
    lengths = _qualifier_lengths().get(backwards[0][::-1].lower())
    if lengths is None:
        return None
    before_en = lexicon.qualifiers().before_en
    # only the lengths of the phrases that end in that word, longest first (at most four)
    for n in lengths:
        if backwards[n - 1] is None:
            continue  # fewer than n words
        # the last n words with single spaces, put forwards before lower() (Σ's lower case
        # depends on what stands around it)
        phrase = " ".join(backwards[:n])[::-1].lower()
        if phrase in before_en:
            # the n-th word from the end ends at end(n) in the reversed text, so it starts
            # end(n) characters before the end of `stripped`
            return gap + found.end(n), before_en[phrase]
    return None


_WORD_OPENERS = "(（[“\"'"
_SPLIT = r"[\s(（\[“\"']"  # white space, or a bracket or quote that opens a word
_WORD_RUN = r"[^\s(（\[“\"']+"
_WORD = re.compile(_WORD_RUN)  # a word without the bracket or quote it opens with
# The last four words of a text, matched at the start of that text read backwards: what
# splits words, then up to four words (groups 1 to 4, the last word first) with what splits
# them between. A word is a run of the characters _WORD takes, the same run read either way,
# and each greedy run stops only where a character of the other class stands, so the one match
# there is has each group hold a whole word: _WORD.findall(text)[-n] is group n read
# backwards, and it starts end(n) characters before the end of the text.
_LAST_WORDS = re.compile(f"{_SPLIT}*({_WORD_RUN})(?:{_SPLIT}+({_WORD_RUN})"
                         f"(?:{_SPLIT}+({_WORD_RUN})(?:{_SPLIT}+({_WORD_RUN}))?)?)?")


@cache
def _qualifier_last_chars() -> tuple[frozenset[str], frozenset[str]]:
    """The last characters of the Chinese qualifiers before a number, and of the English ones
    (lower case, ASCII: qualifier_before's test relies on it)."""
    en = frozenset(p[-1] for p in _qualifier_last_words())
    if not all(c.isascii() for c in en):
        raise ValueError("English qualifiers before a number must end in an ASCII character")
    return frozenset(p[-1] for p in lexicon.qualifiers().before_zh), en


@cache
def _qualifier_lengths() -> dict[str, tuple[int, ...]]:
    """The last word of each English qualifier before a number, and the numbers of words of
    the phrases that end in it (at most four, longest first, as qualifier_before tries them:
    its _LAST_WORDS holds four words)."""
    lengths: dict[str, set[int]] = {}
    for phrase in lexicon.qualifiers().before_en:
        n = len(phrase.split(" "))
        if n <= 4:
            lengths.setdefault(phrase.rsplit(" ", 1)[-1], set()).add(n)
    return {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}


@cache
def _qualifier_last_words() -> frozenset[str]:
    return frozenset(p.rsplit(" ", 1)[-1] for p in lexicon.qualifiers().before_en)


def _not_a_number(norm: str, token_end: int, strong: bool) -> bool:
    """Digits that are no number at all, claim or not: a letter glued on that is not a unit or a
    scale ("5G", "3D", "the 180ml bottle"), an ordinal ("14th")."""
    after = norm[token_end:token_end + 3]
    if not strong and after[:1].isascii() and after[:1].isalpha():
        return True
    return _ORDINAL.match(after) is not None


def _sign_before(norm: str, start: int) -> int:
    """The length of a minus sign before a number: "-5", "(-2.3%)", "minus 5", "negative one";
    0 for a hyphen that joins ("COVID-19", "5-6", "20 -30": a range)."""
    words = english_numbers.negative_before(norm, start)
    if words or start == 0 or norm[start - 1] not in "-\u2212":
        return words
    before = norm[max(0, start - 12):start - 1]
    if before and before[-1] not in " \t\n(（[=:：,，;；":
        return 0
    last = before.rstrip()
    if last and (last[-1].isdigit() or last[-1] in "%％-\u2212–—"):
        return 0
    return 1


def _is_claim(norm: str, m: re.Match[str], start: int, token_end: int, end: int, has_scale: bool,
              has_unit: bool, unit: str, value: float) -> bool:
    """Whether the number can be a claim, before its qualifier is read (a bare number under 2
    with no qualifier is ruled out after; what is no number at all, _not_a_number, before)."""
    strong = has_scale or has_unit
    if not strong and m.group("zh"):
        return False  # a Chinese numeral with neither (the last test, first: the others are slower)
    after = norm[token_end:token_end + 30]
    if m.group("ar"):
        token = m.group("ar")
        is_int = "." not in token and "," not in token
        if not strong and is_int and 1900 <= value <= 2100:
            return False  # a year
        if not strong and (lexicon.cues().duration_en.match(after) or _COMPOUND.match(after)):
            return False
        if not strong and "." in token and not _density_follows(norm, end) \
                and not _RANGE_AHEAD.match(norm, end):
            # "6.3-magnitude", "version 2.5": a bare decimal is not a statistic, unless it is a
            # rate per 10,000 ("10.1 5G base stations for every 10,000 people")
            return False
        if _list_numbering(norm, m.start(), after):
            return False
        if not strong and is_int and value < 1000 and _reference_label(norm, start, end):
            return False
    furniture = lexicon.not_claims()
    never_first, never_last, zh_first, zh_last = _furniture_never()
    # a Chinese character (no case) matches only itself: one that starts (ends) no phrase
    # starts (ends) no match either
    if (not strong or unit == "count") and _may_furnish(after[:1], never_first, zh_first) \
            and furniture.after.match(after):
        return False
    if not (has_unit and unit != "count"):
        before = norm[max(0, start - 20):start].rstrip(" \t:：#")
        if _may_furnish(before[-1:], never_last, zh_last) and furniture.before.search(before):
            return False
    return strong or not _may_furnish(norm[end:end + 1], never_first, zh_first) \
        or not furniture.after.match(norm, end)


def _may_furnish(c: str, never: frozenset[str], zh: frozenset[str]) -> bool:
    """Whether a not_claims phrase can start (end) at the character c: not one of the ASCII
    ones `never` holds, nor a CJK ideograph outside `zh` (the first or last characters of the
    Chinese phrases)."""
    return c not in never and (not "\u4e00" <= c <= "\u9fff" or c in zh)


def _ascii_never(chars: set[str]) -> frozenset[str]:
    """The ASCII characters that none of `chars` matches case-blind, as a case-blind regex
    compares them (found by that matching itself), and the empty string."""
    some = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)
    return frozenset(c for c in map(chr, range(128)) if some.match(c) is None) | {""}


@cache
def _furniture_never() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """What lexicon.not_claims() can never match at, as set tests before its regexes:
    - the first character after a number that no `after` phrase starts with (nor white space,
      which its `\\s*` skips), and the text's end: a match starts with a phrase;
    - the last character before a number that no `before` phrase ends in (nor its optional
      point, nor a newline, before which `$` matches too), and an empty text: a match ends
      with a phrase at the end;
    and the first characters of the Chinese `after` phrases, the last ones of the `before`."""
    table = lexicon.load_table("not_claims")
    first = {str(w)[0] for lang in ("en", "zh") for w in table["after"][lang]}
    last = {str(w)[-1] for lang in ("en", "zh") for w in table["before"][lang]} | {"."}
    return (_ascii_never(first) - {c for c in map(chr, range(128)) if c.isspace()},
            _ascii_never(last) - {"\n"}, frozenset(first), frozenset(last))


# what may follow a note's or a table's number: the end of its clause, or Chinese text ("如图2所示";
# a Chinese counted noun comes with a measure word, which makes the number a count)
_LABEL_END = re.compile(r"\s*(?:[.,;:!?)\]）】。，；：、！？]|$)|[\u4e00-\u9fff]")


@cache
def _label_verbs() -> re.Pattern[str]:
    """'Table 3 shows', 'as Figure 2 compares', 'Chart 4 below' (words/not_claims.yaml)."""
    words = lexicon.load_table("not_claims")["references_then"]["en"]
    return re.compile(r"\s+" + lexicon.en_phrase_regex(words).pattern, re.IGNORECASE)


def _reference_label(norm: str, start: int, end: int) -> bool:
    """'the ministry said in its note 2.', '(see table 3)', '附件2', 'Table 3 shows': a small
    number right after a word that refers to a note, a table or a figure, with no counted noun
    after it (the clause ends, Chinese text or a verb follows), labels it."""
    if not (_LABEL_END.match(norm, end) or _label_verbs().match(norm, end)):
        return False
    before = norm[max(0, start - 20):start].rstrip(" \t")
    return lexicon.not_claims().reference.search(before) is not None


def _density_follows(norm: str, end: int) -> bool:
    clause = _CLAUSE_END.split(norm[end:end + 80], maxsplit=1)[0]
    return "10,000" in clause and lexicon.densities()[0].search(clause) is not None


_CLAUSE_END = re.compile(r"[,，;；。.](?!\d)")
# "4.5 to 5 percent": a bare decimal that opens a range takes the unit of its other end
_RANGE_AHEAD = re.compile(r"\s*(?:-|–|—|~|～|至|到|to)\s*\d[\d.,]*\s*(?:%|％|percent|per\s+cent)",
                          re.IGNORECASE)


_LIST_LEAD = " \t-•*（("  # what may stand before a list number on its line


def _list_numbering(norm: str, start: int, after: str) -> bool:
    prev = norm[start - 1:start]
    if prev and prev not in _LIST_LEAD and prev != "\n":
        return False  # the text before on its line ends in something else: no need to find it
    line_start = norm.rfind("\n", 0, start) + 1
    if norm[line_start:start].strip(_LIST_LEAD) != "":
        return False
    return bool(_LIST_NUMBER.match(after)) or after.startswith(("、", ")", "）"))


# the word every fraction ends in ("third", "quarter", "fifth", "half"): a text without one has
# no fraction to read, and a plain substring test is much faster than the case-blind regex
_FRACTION_WORDS = tuple(sorted({re.split(r"[ -]", k)[-1].rstrip("s") for k in EN_FRACTIONS}))


def occurrences(low: bytes | None, words: tuple[str, ...]) -> list[int] | None:
    """Where a case-blind regex of these lowercase ASCII words can match in the text: where its
    folded copy `low` (english_numbers.folded_ascii) holds one of them, in order, each place once.
    None for a text with a letter that case-blind matching folds otherwise (`low` is None): it
    does not tell."""
    if low is None:
        return None
    found = set()
    for word in words:
        key = word.encode("ascii")
        at = low.find(key)
        while at != -1:
            found.add(at)
            at = low.find(key, at + 1)
    return sorted(found)


# the longest fraction phrase: a match of EN_FRACTION_RE holds its fraction word (the phrase's
# last word, which may add an s), and starts at most this many characters before it
_FRACTION_REACH = max(len(k) for k in EN_FRACTIONS)


def _fraction_matches(norm: str, low: bytes | None) -> list[re.Match[str]]:
    """EN_FRACTION_RE.finditer(norm), tried only before the fraction words of the text (low:
    english_numbers.folded_ascii(norm))."""
    words = occurrences(low, _FRACTION_WORDS)
    if words is None:
        return list(EN_FRACTION_RE.finditer(norm))
    return tried_at(EN_FRACTION_RE, norm, [(max(0, at - _FRACTION_REACH), at) for at in words])


def _fractions(norm: str, text: str, masked: bytearray, low: bytes | None) -> list[Quantity]:
    out = []
    for m in _fraction_matches(norm, low):
        if masked[m.start()]:
            continue
        word = lexicon.fold(m.group(1))
        start = m.start()
        qual = qualifier_before(norm, start)
        if qual is None and (m.group("of") is None or word in ("half", "a half", "one half")):
            # "first half", "half of the year", "a quarter earlier": not a share, unless a
            # qualifier says so ("more than half of all users", "up from roughly a quarter")
            continue
        value = EN_FRACTIONS[word]
        qualifier = "about"
        if qual:
            qualifier = "at_most" if qual[1] == "at_most_unbounded" else qual[1]
            start -= qual[0]
        lower, upper = interval(value, 0.5, qualifier, False)
        out.append(Quantity(start=start, end=m.end(), text=text[start:m.end()], value=value,
                            lower=lower, upper=upper, unit="percent", qualifier=qualifier,
                            has_unit=True))
    return out


def _proportions(norm: str, text: str, found: list[Quantity]) -> list[Quantity]:
    """'one in five', '2 out of 500': two whole numbers, the first the smaller, as the fraction
    they make ('12 out of 10' stays two numbers; so does '3 in 10 years', a duration)."""
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and not (q.has_unit or nxt.has_unit or q.is_range or nxt.is_range) \
                and q.qualifier == nxt.qualifier == "exact" and 0 < q.value < nxt.value \
                and q.value == int(q.value) and nxt.value == int(nxt.value) \
                and english_numbers.joins_proportion(norm, q.end, nxt.start) \
                and not lexicon.cues().duration_en.match(norm, nxt.end):
            value = q.value / nxt.value
            out.append(Quantity(start=q.start, end=nxt.end, text=text[q.start:nxt.end], value=value,
                                lower=value, upper=value, unit="count", qualifier="exact"))
            i += 2
            continue
        out.append(q)
        i += 1
    return out


def _join_ranges_and_pairs(norm: str, text: str, found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        # a pair, a pair of bounds and a range all join only numbers of compatible units: the
        # looks below are made for those alone
        if nxt is not None and ((q.unit == nxt.unit) or (not q.has_unit and nxt.has_unit)):
            between = norm[q.end:nxt.start]
            from_before = _PAIR_FROM.search(norm[max(0, q.start - 12):q.start])
            if from_before and _PAIR_TO.match(between):
                first, second = _share_scale(q, nxt)
                out.append(replace(first, pair_role="from"))
                out.append(replace(second, pair_role="to"))
                i += 2
                continue
            bounds = _bound_pair(q, nxt, between)
            if bounds is not None:  # "1000以上，1500以下", "最多100最少20"
                lo, hi = bounds
                out.append(Quantity(
                    start=q.start, end=nxt.end, text=text[q.start:nxt.end], value=(lo + hi) / 2,
                    lower=lo, upper=hi, unit=nxt.unit, qualifier="about", has_scale=nxt.has_scale,
                    has_unit=nxt.has_unit, is_range=True))
                i += 2
                continue
            # "20和30之间", "10000与20000间" (a range's ends stand at most 9 characters apart)
            zh_between = len(between) <= 9 and between.strip() in ("和", "与", "到", "至") \
                and norm.startswith(("之间", "间"), nxt.end)
            # "three-nought-four": words joined by a hyphen are a code or a score, not a range
            spelled = between == "-" and q.text[-1:].isalpha() and nxt.text[:1].isalpha()
            if not spelled and len(between) <= 9 and (_RANGE_CONNECTOR.match(between) or zh_between):
                is_and = between.strip() == "and"
                opener = _BETWEEN.search(norm, max(0, q.start - 12), q.start)
                if not is_and or opener:
                    first, second = _share_scale(q, nxt)
                    if first.value < second.value:
                        merged = _merge_range(text, first, second)
                        if opener:  # "between 20 and 30 percent": the span takes "between"
                            merged = replace(merged, start=opener.start(),
                                             text=text[opener.start():merged.end])
                        if zh_between:  # "位于20和30之间": the span takes 之间 and 位于
                            close = 2 if norm.startswith("之间", merged.end) else 1
                            open_ = 2 if norm[max(0, merged.start - 2):merged.start] in _ZH_BETWEEN else 0
                            merged = replace(merged, start=merged.start - open_,
                                             end=merged.end + close,
                                             text=text[merged.start - open_:merged.end + close])
                        out.append(merged)
                        i += 2
                        continue
        out.append(q)
        i += 1
    return out


_ZH_BETWEEN = ("位于", "介于")  # before "X和Y之间"
# what may stand between a lower and an upper bound that make one range
_BOUND_JOINERS = frozenset({"", ",", "，", "、", ";", "；", "并", "且", "并且", "而", "and"})


def _bound_pair(first: Quantity, second: Quantity, between: str) -> tuple[float, float] | None:
    """'1000以上，1500以下', '最多100最少20': a lower bound and an upper bound side by side,
    the lower below the upper, are one range (its ends)."""
    if between.strip() not in _BOUND_JOINERS or first.is_range or second.is_range:
        return None
    lows = [q.value for q in (first, second) if q.qualifier == "at_least"]
    highs = [q.value for q in (first, second) if q.qualifier == "at_most" and q.lower is None]
    if len(lows) != 1 or len(highs) != 1 or not lows[0] < highs[0]:
        return None
    return lows[0], highs[0]


def _share_scale(first: Quantity, second: Quantity) -> tuple[Quantity, Quantity]:
    """'from 31.3 to 40.5 trillion yuan': the first number takes the second's scale and unit."""
    if first.has_unit or first.has_scale or not (second.has_scale or second.has_unit):
        return first, second
    ratio = _scale_of(second)
    value = first.value * ratio
    lower = first.lower * ratio if first.lower is not None else None
    upper = first.upper * ratio if first.upper is not None else None
    return replace(first, value=value, lower=lower, upper=upper, unit=second.unit,
                   has_unit=second.has_unit, has_scale=second.has_scale), second


def _scale_of(q: Quantity) -> float:
    if not q.has_scale:
        return 1.0
    digits = re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", normalise(q.text))
    if not digits:
        return 1.0
    written = read_arabic(digits[0]).value
    return q.value / written if written else 1.0


def _merge_range(text: str, first: Quantity, second: Quantity) -> Quantity:
    lower = first.lower if first.lower is not None else first.value
    upper = second.upper if second.upper is not None else second.value
    return Quantity(
        start=first.start, end=second.end, text=text[first.start:second.end],
        # a range says "somewhere about here": its middle, qualified, with the ends as bounds
        value=(first.value + second.value) / 2, lower=lower, upper=upper, unit=second.unit,
        qualifier="about", has_scale=second.has_scale, has_unit=second.has_unit, is_range=True,
    )


__all__ = ["Number", "Quantity", "find_quantities"]
