"""Time expressions in a sentence, and the period a figure belongs to.

Periods are strings: `2024`, `2025-06` (a month end, or Jan-to-that-month for a
flow), `2025-Q1`, `2025-H1`, `2021/2025` (a span).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from verifier import lexicon
from verifier.numbers import read_english_words


# Not frozen: a frozen dataclass's __init__ sets each of the 15 fields through
# object.__setattr__, and some 1,200 are made a pass over the corpus (1.5% of extraction's
# instructions). Nothing changes one after it is made: a changed copy is dataclasses.replace.
@dataclass(slots=True)
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
    # "a year later", "一年后": so many years on from the date named before it (find_time_expressions
    # dates it from that one; year and relative None: from the date the text is at)
    later: int = 0

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


def _build() -> list[tuple[re.Pattern[str], str, tuple[str, ...], int, _Anchor | _Scouted | _Led | None]]:
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

    # Each pattern with what a sentence must contain for it to match at all: one of some
    # lowercase words (a Chinese sentence never needs the English patterns run; none: no test),
    # and how many years (one, or two for a span of two years; finditer of _YEAR_RE finds as
    # many in any text that holds so many apart). Keep them in step with the pattern: a missing
    # word or a year too many means a missed match.
    def lower(key: str, lang: str) -> tuple[str, ...]:
        return _fewest(w.lower() for w in words[key][lang])

    # Three patterns are words (optional, or needed) then an anchor, a month name or a year, that
    # holds none of the words' letters: found from their anchors (_Anchor), kept in step here.
    month_words = r"(?:by\s+|at\s+)?(?:the\s+)?end\s+of\s+|end-|as\s+of\s+|by\s+"
    month_after = rf"(?P<mon>{months})\.?(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?(?![A-Za-z])"
    month_starts = starts("by", "at", "the", "end", "as", *words["months"]["en"])
    month_en = rf"{month_starts}(?P<end>{month_words})?{month_after}"
    year_end_words = r"(?:by\s+|at\s+)?(?:the\s+)?end\s+of\s+|(?:by\s+)?year-end\s+|end-"
    year_end = rf"(?=[batey])(?P<end>{year_end_words})(?P<y>{_YEAR})"
    # a scale word after it makes a figure of it ("保有量达2041万辆", "2000 million")
    year_after = rf"(?P<y>{_YEAR})(?![\d%]|\s*(?:年|万|亿|千|百|(?:thousand|million|billion|trillion)\b))"
    year = rf"(?=[b12])(?P<by>by\s+)?{year_after}"
    # Two more are "the end of" (by/at/the, then "end of ..." as the anchor, which none of those
    # words holds), and one is the relative years alone (found where their lowercased words are).
    end_of_words = r"(?:by\s+|at\s+)?(?:the\s+)?"
    relative_end_after = rf"end\s+of\s+(?P<rel>{rel_en})"
    relative_end = rf"(?=[bate]){end_of_words}{relative_end_after}"
    year_end_context_after = r"end\s+of\s+the\s+year"
    year_end_context = rf"(?=[bate]){end_of_words}{year_end_context_after}"
    relative = rf"{starts(*words['relative_years']['en'])}(?P<rel>{rel_en})"
    # "a year later", "一年后": the words before that make them something else as lookbehinds
    not_after = words["later_years_not_after"]
    later_en = "".join(rf"(?<!{re.escape(w)}\s)" for w in not_after["en"])
    later_en = rf"(?<![\w-]){later_en}(?P<lat>{_longest_first(words['later_years']['en'])})(?![\w-])"
    later_zh = "".join(f"(?<!{re.escape(w)})" for w in not_after["zh"])
    later_zh = rf"{later_zh}(?P<zlat>{'|'.join(sorted(words['later_years']['zh'], key=len, reverse=True))})"
    # and one is a lead character (到, 至), optional, then a year and 年 (_Led)
    zh_year_leads = "到至"
    zh_year_after = rf"(?P<y>{_YEAR})\s*年"
    zh_year = (rf"(?P<by>{'|'.join(zh_year_leads)})?{zh_year_after}"
               rf"\s*(?:(?P<zq>{quarters_zh})|(?P<zh>上半年|下半年)"
               rf"|前三季度|(?P<zm>{_ZH_MONTH})\s*月(?:份|底|末)?|(?P<zend>底|末|年底|年末))?")

    pats: list[tuple[str, str, tuple[str, ...], int]] = [
        (rf"(?P<n>1[345])th\s+Five-Year\s+Plan(?:\s+\((?:{_YEAR})\s*[-–—]\s*(?:{_YEAR})\))?", "fyp", ("five-year",), 0),  # noqa: E501
        (r"[“\"]?(?P<zhn>十三|十四|十五)五[”\"]?(?:规划)?(?:期间|时期|末|以来)?", "fyp_zh", ("十三五", "十四五", "十五五"), 0),  # noqa: E501
        (rf"(?P<y1>{_YEAR})\s*(?:[-–—~～至到]|to)\s*(?P<y2>{_YEAR})", "span", (), 2),
        (rf"between\s+(?P<y1>{_YEAR})\s+and\s+(?P<y2>{_YEAR})", "span", ("between",), 2),
        # "During 2019-23", "2021–25年": the end year in two digits
        (rf"(?P<y1>{_YEAR})\s*[-–—~～]\s*(?P<y2s>\d\d)(?![\d%]|[.,]\d|\s*(?:万|亿|元|个|percent|yuan|dollars))", "span", _DASHES, 1),  # noqa: E501
        (rf"(?P<y1>{_YEAR})\s*年\s*(?:[-–—~～至到])\s*(?P<y2>{_YEAR})\s*年", "span", ("年",), 2),
        (rf"(?=[tf])(?:the\s+)?first\s+(?P<nm>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})\s+months(?:\s+of\s+(?:(?P<y>{_YEAR})|this\s+year|the\s+year))?", "first_months", ("months",), 0),  # noqa: E501
        (rf"(?=[tf])(?:the\s+)?first\s+three\s+quarters(?:\s+of\s+(?P<y>{_YEAR}))?", "three_quarters", ("quarters",), 0),  # noqa: E501
        (rf"(?:January|Jan\.?)\s*(?:-|–|—|to|through)\s*(?:February|Feb\.?)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?", "jan_feb", ("jan",), 0),  # noqa: E501
        (rf"{starts('the', *words['quarters']['en'])}(?:the\s+)?(?P<q>{quarters_en})(?:\s+of\s+(?:the\s+year|this\s+year)|\s+(?:of\s+)?(?P<y>{_YEAR}))?", "quarter", lower("quarters", "en"), 0),  # noqa: E501
        (rf"(?=[tfsh])(?:the\s+)?(?P<h>first\s+half|second\s+half|H1|H2)(?:\s+of\s+(?:the\s+year|this\s+year)|\s+(?:of\s+)?(?P<y>{_YEAR}))?", "half", ("half", "h1", "h2"), 0),  # noqa: E501
        (month_en, "month_en", lower("months", "en"), 0),
        (year_end, "year_end", (), 1),
        (rf"(?=[t12])(?:the\s+)?(?P<y>{_YEAR})\s+year-end", "year_end", ("year-end",), 1),
        (year, "year", (), 1),
        (relative_end, "relative_end", lower("relative_years", "en"), 0),
        (year_end_context, "year_end_context", ("year",), 0),
        (relative, "relative", lower("relative_years", "en"), 0),
        (later_en, "later", lower("later_years", "en"), 0),
        (rf"{starts(*words['now']['en'])}(?P<now>{now_en})", "now", lower("now", "en"), 0),
        (zh_year, "zh_year", (), 1),
        (rf"(?P<zr>{rel_zh})(?:(?P<zq>{quarters_zh})|(?P<zh>上半年|下半年)|(?P<zm>{_ZH_MONTH})\s*月(?:份|底|末)?|(?P<zend>底|末|年底|年末))?", "zh_relative", lower("relative_years", "zh"), 0),  # noqa: E501
        (later_zh, "later", lower("later_years", "zh"), 0),
        (rf"(?:截至|截止)?\s*(?P<zm>{_ZH_MONTH})\s*月(?:底|末|份)", "zh_month", ("月",), 0),
        (rf"1\s*[-—–~～至到]\s*(?P<zm>{_ZH_MONTH})\s*月", "zh_jan_to", ("月",), 0),
        (r"前(?P<zn>[一二三四五六七八九十]+|\d{1,2})个月", "zh_first_months", ("个月",), 0),
        (rf"(?P<zq>{quarters_zh})|前三季度", "zh_quarter", ("季度",), 0),
        (r"(?P<zh>上半年|下半年)", "zh_half", ("上半年", "下半年"), 0),
        (r"(?:年底|年末)", "zh_year_end", ("年底", "年末"), 0),
        (rf"(?P<now>{now_zh})", "now", lower("now", "zh"), 0),
    ]
    end_of = re.compile(r"end\s+of\s")  # where "end of ..." starts, in the lowercased sentence
    # by pattern: keep the words' non-space characters counted right, and the last characters
    # of their words (lowercase; "-" of "end-") in step
    anchors: dict[str, _Anchor | _Scouted | _Led] = {
        month_en: _Anchor(month_words, 10, "fy-", False, month_after, _month_scout(words["months"]["en"])),
        year_end: _Anchor(year_end_words, 10, "fd-", True, rf"(?P<y>{_YEAR})", None),
        year: _Anchor(r"by\s+", 2, "y", False, year_after, None),
        relative_end: _Anchor(end_of_words, 5, "yte", False, relative_end_after, end_of),
        year_end_context: _Anchor(end_of_words, 5, "yte", False, year_end_context_after, end_of),
        relative: _Scouted(re.compile(_longest_first(w.lower() for w in words["relative_years"]["en"]))),
        zh_year: _Led(zh_year_leads, re.compile(zh_year_after)),
    }
    return [(re.compile(p, i), kind, need, years, anchors.get(p)) for p, kind, need, years in pats]


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
    """The words of which the sentence must hold one (the pattern's own; None: no test), and
    those it must hold all of (_ALSO_NEEDS, and the letters the pattern starts with). (A month
    name only counts followed by a non-letter, "dec" in "decline" does not: month_en's anchor
    finds that with its first search, _month_scout, and then nothing more.)"""
    all_of = frozenset((*_ALSO_NEEDS.get(kind, ()), *([head] if head else [])))
    return (frozenset(need) if need else None), all_of


_Tests = tuple[frozenset[str] | None, frozenset[str]]


def _month_scout(months: Iterable[str]) -> re.Pattern[str]:
    """A month name followed by a non-letter, searched in the lowercased sentence (case-sensitive:
    the engine skips to the names' first letters itself, where a case-blind regex tries each
    place in turn)."""
    return re.compile("(?:" + _longest_first(months) + ")(?![a-z])")


class _Anchor:
    """How to find the matches of a pattern made of some words (optional, or needed: `required`)
    and then an anchor (a month name, a year, "end of ...") from its anchors, not by a scan that
    tries the words at every place of the sentence (most of these patterns' cost). Each of the
    words is by/at/the/end/of/as/year-end, and white space or '-' ends them: they hold no digit and
    no month name (and the words before "end of" are by/at/the, without "end"), so no anchor lies
    inside the words a match starts with, and the leftmost match is made of the leftmost anchor
    and the longest words before it."""

    def __init__(self, words: str, letters: int, ends: str, required: bool, after: str,
                 scout: re.Pattern[str] | None) -> None:
        # what follows the words (searched as it is, or where the scout says)
        self.after = re.compile(after, re.IGNORECASE)
        # the words right before an anchor: searched in a window that ends at it
        self.before = re.compile(rf"(?:{words})\Z", re.IGNORECASE)
        self.letters = letters  # the most characters other than white space the words hold
        # the characters the words' last word ends with, lowercased ("by": y; "end-": -); each of
        # them is ASCII and none is a letter a non-ASCII one matches case-blind (İ ı ſ K)
        self.ends = ends
        self.required = required
        # A case-sensitive regex on the lowercased sentence that matches wherever `after` does
        # (and maybe elsewhere; each place is tested with `after`): the engine skips to its first
        # characters at once, where `after` (case-blind, opening with letters) has it try each place.
        # None: `after` opens with digits and is searched itself.
        self.scout = scout

    def matches(self, pattern: re.Pattern[str], sentence: str, low: str) -> Iterator[re.Match[str]]:
        """pattern.finditer(sentence), for a sentence whose lowercased form `low` has its length
        and tells where a case-blind regex matches (not lexicon.odd_case)."""
        pos = 0
        while (anchor := self._next_anchor(sentence, low, pos)) is not None:
            k = anchor.start()
            start = self._words_start(sentence, pos, k)
            if start is None:  # the words are needed and none end here: the next anchor's turn
                pos = k + 1
                continue
            # Without words the pattern matches as `after` does: words that started at k would
            # end at a later anchor, with k inside them. (The match lacks the words' groups, which
            # _fields reads with .get.)
            m = anchor if start == k else pattern.match(sentence, start)
            if m is None:  # cannot be: the words match up to the anchor and `after` from there;
                # were it to happen, the plain scan from here on still gives finditer's matches
                yield from pattern.finditer(sentence, pos)
                return
            yield m
            pos = m.end()  # matches are never empty

    def _next_anchor(self, sentence: str, low: str, pos: int) -> re.Match[str] | None:
        """The first match of `after` from pos."""
        if self.scout is None:
            return self.after.search(sentence, pos)
        return _scouted_search(self.after, self.scout, sentence, low, pos)

    def _words_start(self, sentence: str, pos: int, k: int) -> int | None:
        """Where the longest words that end at k start, not before pos; k: none (None when they
        are needed)."""
        # each of the words ends in white space or '-'
        if k > pos and (sentence[k - 1].isspace() or sentence[k - 1] == "-"):
            # "in 2024", "2023-2024": the last character before the white space (or the '-'), when
            # one of the words' would be there, tells at one look that most anchors have none
            # (the window and the search of `before` cost over a thousand instructions)
            last = sentence[k - 1] if sentence[k - 1] == "-" else sentence[k - 2] if k - 2 >= pos else " "
            if last.isascii() and not last.isspace() and last.lower() not in self.ends:
                return None if self.required else k
            # the window back from k to the place with `letters` characters other than white space
            # after it (\s is str.isspace): no words start before it
            lo, left = k, self.letters
            while lo > pos and (left or sentence[lo - 1].isspace()):
                lo -= 1
                if not sentence[lo].isspace():
                    left -= 1
            found = self.before.search(sentence, lo, k)
            if found is not None:
                return found.start()
        return None if self.required else k


def _scouted_search(pattern: re.Pattern[str], scout: re.Pattern[str], sentence: str, low: str,
                    pos: int) -> re.Match[str] | None:
    """pattern.search(sentence, pos), for a case-blind pattern and a case-sensitive scout that
    matches the lowercased sentence `low` (not lexicon.odd_case) wherever the pattern matches the
    sentence, and maybe elsewhere: each place the scout finds is tried with the pattern, in turn."""
    while (seen := scout.search(low, pos)) is not None:
        if (found := pattern.match(sentence, seen.start())) is not None:
            return found
        pos = seen.start() + 1
    return None


class _Scouted:
    """How to find the matches of a pattern that holds lowercase ASCII words alone (the relative
    years) where a case-sensitive regex of the words finds them in the lowercased sentence: the
    engine skips to the words' first letters at once, where the case-blind pattern is tried at
    every place. (A case-blind match of a lowercase ASCII word is the word in the lowercased
    sentence: str.lower() maps every character the regex takes for one of its letters to it,
    but İ, ı and ſ, lexicon.odd_case, which take the plain scan.)"""

    def __init__(self, scout: re.Pattern[str]) -> None:
        self.scout = scout

    def matches(self, pattern: re.Pattern[str], sentence: str, low: str) -> Iterator[re.Match[str]]:
        """pattern.finditer(sentence) (its matches are never empty)."""
        pos = 0
        while (m := _scouted_search(pattern, self.scout, sentence, low, pos)) is not None:
            yield m
            pos = m.end()


class _Led:
    """How to find the matches of a pattern that is an optional lead character (one of `leads`)
    then a part the scout matches wherever it does (a year and 年, holding no lead), from the
    scout's matches: the engine skips to a year's first digit at once, where the pattern (opening
    with an optional group) is tried at every place. The scout holds no cased letter: it matches
    the sentence itself. A match at p has the scout's at p (no lead) or p + 1 (a lead at p), so
    the leftmost match from pos starts at the scout's first match k from pos, or at k - 1 when a
    lead stands there (the lead and the part at k match)."""

    def __init__(self, leads: str, scout: re.Pattern[str]) -> None:
        self.leads = leads
        self.scout = scout

    def matches(self, pattern: re.Pattern[str], sentence: str, low: str) -> Iterator[re.Match[str]]:
        """pattern.finditer(sentence) (its matches are never empty)."""
        pos = 0
        while (seen := self.scout.search(sentence, pos)) is not None:
            k = seen.start()
            m = pattern.match(sentence, k - 1 if k > pos and sentence[k - 1] in self.leads else k)
            if m is None:  # cannot be (see above); were it to happen, the plain scan from here on
                yield from pattern.finditer(sentence, pos)
                return
            yield m
            pos = m.end()


class _WordFinder:
    """Which of the patterns' words a lowercased sentence holds: each word looked up once per
    sentence, not once per pattern that needs it; an English sentence skips the Chinese words
    and a Chinese one holds few English ones. A word that holds one of _CUES is looked up only
    in a sentence that holds the cue ("last year" in one with "year"): most have none of them,
    and each lookup costs a few hundred instructions, however short the sentence."""

    def __init__(self, words: Iterable[str]) -> None:
        unique = set(words)
        self.ascii, self.ascii_cued = self._cued(w for w in unique if w.isascii())
        self.other, self.other_cued = self._cued(w for w in unique if not w.isascii())
        # the ASCII words without a cased letter ('-', '~'): those a text without one can hold
        self.ascii_uncased = tuple(sorted(w for w in unique if w.isascii() and w.upper() == w))

    @staticmethod
    def _cued(words: Iterable[str]) -> tuple[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]:
        """The words to look up in every sentence, and each cue with the words that hold it."""
        plain: list[str] = []
        by_cue: dict[str, list[str]] = {}
        for w in sorted(words):
            cue = next((c for c in _CUES if c in w and c != w), None)
            if cue is None:
                plain.append(w)
            else:
                by_cue.setdefault(cue, []).append(w)
        return tuple(plain), [(cue, tuple(ws)) for cue, ws in by_cue.items()]

    def present(self, low: str) -> set[str]:
        """The words in low, and maybe some more (which only run a pattern that finds nothing)."""
        if low.isascii():
            return self._found(low, self.ascii, self.ascii_cued)
        # The ASCII words are looked up in the sentence's ASCII characters alone: a short text
        # (few in a Chinese sentence) of one byte a character, where each lookup in the whole
        # sentence (two bytes a character) copied the word to its width first. A word in the
        # sentence is among them (its characters stay in a row); one across a character taken out
        # ("ja年n") is one more.
        # Most Chinese sentences' ASCII characters are digits and signs alone: such a text holds
        # no word with a letter (a character upper() changes, which the text would hold too), and
        # the some twenty lookups of those words, each a few hundred instructions however short
        # the text, come down to one upper() of it.
        text = low.encode("ascii", "ignore").decode("ascii")
        if text.upper() == text:
            found = set(filter(text.__contains__, self.ascii_uncased))
        else:
            found = self._found(text, self.ascii, self.ascii_cued)
        return found | self._found(low, self.other, self.other_cued)

    @staticmethod
    def _found(low: str, plain: tuple[str, ...], cued: list[tuple[str, tuple[str, ...]]]) -> set[str]:
        # filter with the text's own `in` runs the loop in C: no bytecode for each of the words
        contains = low.__contains__
        found = set(filter(contains, plain))
        for cue, words in cued:
            if contains(cue):  # a text without the cue holds none of its words
                found.update(filter(contains, words))
        return found


# Parts of several of the patterns' words (_WordFinder): most sentences hold none of them
# ("j": jan, jul, jun, in a fifth of the corpus's English sentences).
_CUES = ("year", "quarter", "q", "j", "年", "五")


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


_DASHES = ("-", "–", "—", "~", "～")
_YEAR_RE = re.compile(_YEAR)
# each pattern with its kind, how many years it needs, and the tests on the lowercased sentence
# that must all find something for it to match at all
_PATTERNS: list[tuple[re.Pattern[str], str, int, _Tests, _Anchor | _Scouted | _Led | None]] = []
_WORDS: list[_WordFinder] = []


def has_year(sentence: str) -> bool:
    """Whether a sentence holds a year; without one, no time expression has a year set."""
    return _may_hold_year(sentence) and _YEAR_RE.search(sentence) is not None


def _may_hold_year(sentence: str) -> bool:
    """False when the sentence holds no year, at two substring tests, several times cheaper than
    a search of _YEAR_RE (whose set-up alone costs thousands of instructions): every year opens
    with the ASCII digits 19 or 20."""
    return "20" in sentence or "19" in sentence


def _years(sentence: str) -> int:
    """How many years a sentence holds, up to two (the most a pattern needs)."""
    if not _may_hold_year(sentence):
        return 0
    first = _YEAR_RE.search(sentence)
    if first is None:
        return 0
    return 1 if _YEAR_RE.search(sentence, first.end()) is None else 2


def find_time_expressions(sentence: str) -> list[TimeExpr]:
    if not _PATTERNS:
        _PATTERNS.extend((p, kind, years, _word_tests(kind, need, _literal_head(p.pattern)), anchor)
                         for p, kind, need, years, anchor in _build())
        _WORDS.append(_WordFinder(w for _, _, _, (one_of, all_of), _ in _PATTERNS
                                  for w in (*(one_of or ()), *all_of)))
    words = lexicon.period_words()
    found: list[TimeExpr] = []
    low = sentence.lower()
    # İ, ı and ſ match i and s case-insensitively, but str.lower() keeps them apart: a sentence
    # with one of them runs every pattern
    check_words = not lexicon.odd_case(sentence)
    years = _years(sentence)
    if check_words:
        plan = _plan(_WORDS[0].present(low), years)
    else:
        plan = tuple(i for i, entry in enumerate(_PATTERNS) if entry[2] <= years)
    # "是2020年的7倍多" (_BASE_OF_MULTIPLE) needs a 倍: most sentences have none, and skip its
    # match after each expression (an ASCII sentence answers the test at once)
    multiple = "倍" in sentence
    later = False  # whether an expression counts on from the one before ("a year later")
    for i in plan:
        pattern, kind, _, _, anchor = _PATTERNS[i]
        matches = (anchor.matches(pattern, sentence, low) if anchor is not None and check_words
                   else pattern.finditer(sentence))
        for m in matches:
            start, end = m.span()
            if found and _overlaps(found, start, end):
                continue
            fields = _fields(kind, m, words)
            if fields is None:
                continue
            if "span" not in fields and ((_is_comparison_base(sentence, start)
                                          and not WHEN_AFTER.match(sentence, end))
                                         or (multiple and _BASE_OF_MULTIPLE.match(sentence, end))):
                fields["base"] = True
            found.append(TimeExpr(start, end, **fields))
            later = later or kind == "later"
    if len(found) > 1:
        found.sort(key=lambda e: e.start)
    return count_on(found, sentence) if later else found


def count_on(found: list[TimeExpr], sentence: str) -> list[TimeExpr]:
    """Date each 'a year later', '一年后' of a sentence's expressions (in order) from the one
    right before it; one that cannot be dated so is left out, as if the words were not there."""
    out: list[TimeExpr] = []
    for e in found:
        if not e.later:
            out.append(e)
            continue
        dated = _counted_on(e, out[-1] if out else None, sentence, len(found) == 1)
        if dated is not None:
            out.append(dated)
    return out


def _counted_on(e: TimeExpr, before: TimeExpr | None, sentence: str, alone: bool) -> TimeExpr | None:
    """'at the end of 2022, ... a year later': the date before plus so many years, the same part
    of the year (2023-12). Alone in its sentence it counts on from the date the text is at (year
    and relative left None: the extractor knows that date); beside a date it cannot count from
    (a span, a plan, 'now'; or one after it: 'A year later, in 2024') it dates nothing. '一年间'
    (over the year after) counts on only from a point in time: '2023年一年间' is 2023 itself."""
    over = sentence[e.end - 1] == "间"
    if before is None:
        return e if alone and not over else None
    if before.span or before.plan or before.now or (before.year is None and before.relative is None):
        return None
    if over and not before.year_end:
        return None
    year = None if before.year is None else before.year + e.later
    relative = None if before.relative is None else before.relative + e.later
    return TimeExpr(e.start, e.end, year, before.month, before.quarter, before.half, None,
                    before.year_end, relative, False, False, False, e.base, before.text_relative,
                    e.later)


def years_on(label: str | None, years: int) -> str | None:
    """A period label so many years on ('2022-12', 1: '2023-12'); None for a span or none."""
    if label is None or "/" in label or not label[:4].isdecimal():
        return None
    return f"{int(label[:4]) + years}{label[4:]}"


def _overlaps(found: list[TimeExpr], start: int, end: int) -> bool:
    """Whether [start, end) shares a character with an expression found: the characters found
    are those the expressions cover, so this is what a bytearray of taken characters told, without
    making one for each sentence (most find one expression or none)."""
    # a plain loop: any() of a generator costs more, over the one or two expressions found
    for e in found:  # noqa: SIM110
        if e.start < end and start < e.end and start < end:
            return True
    return False


def _plan(present: set[str], years: int) -> tuple[int, ...]:
    """The patterns (by index, in order) a sentence whose lowercased form holds the words
    `present` (_WordFinder) and `years` years (up to two) can match: those with a year enough and
    their words there. It depends on these alone, and sentences share few sets of words: each is
    worked out once (a lookup, where sorting and testing the patterns for each sentence cost
    several thousand instructions)."""
    key = (frozenset(present), years)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= _MOST_PLANS:  # a bound on the memory a stream of odd texts takes
            _PLANS.clear()
        plan = _PLANS[key] = tuple(
            i for i, (_, _, needs_years, (one_of, all_of), _) in enumerate(_PATTERNS)
            if needs_years <= years and (one_of is None or not one_of.isdisjoint(key[0]))
            and all_of <= key[0])
    return plan


# (words present, years): the patterns to run (_plan)
_PLANS: dict[tuple[frozenset[str], int], tuple[int, ...]] = {}
_MOST_PLANS = 4096


_BASE_CACHE: list[tuple[re.Pattern[str], str]] = []


def _is_comparison_base(sentence: str, start: int) -> bool:
    """'up 10.65 percent on 2023', '比上年末净增': what a change is measured from."""
    if not _BASE_CACHE:
        words = lexicon.period_words()["comparison_base"]
        # the English words as a prefix tree after a lookahead for their first letters (the
        # flat case-blind alternation had every word tried at each place of the window)
        en = [" ".join(w.split()) for w in words["en"]]
        en_tree = lexicon.prefix_tree(sorted(set(en), key=len, reverse=True), space=r"\s+") or "|".join(
            r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(en, key=len, reverse=True))
        firsts = "".join(sorted({re.escape(w[0]) for w in en}))
        zh = lexicon.alternation(words["zh"])
        _BASE_CACHE.append((re.compile(rf"(?:(?=[{firsts}])(?<![A-Za-z])(?:{en_tree})\s+(?:in\s+|at\s+)?(?:the\s+)?"
                                       rf"|(?:{zh})\s*)$", re.IGNORECASE),
                            "".join(sorted({w[-1] for w in words["zh"]}))))
        _BASE_LAST_WORDS.append(tuple(sorted({p.split()[-1].lower() for p in en})))
    base, zh_ends = _BASE_CACHE[0]
    # Both regexes end in white space (`$` also matches before a last line break, white space
    # too) or a Chinese word: a year right after anything else is no base, known at one look.
    # (The Chinese words end in a character without case: no other one matches it.)
    before = sentence[start - 1:start]
    if not before or not (before.isspace() or before in zh_ends):
        return False
    window = max(0, start - 20)
    if _base_words_may_end(sentence[window:start]) and base.search(sentence, window, start) is not None:
        return True
    # _DESCRIBED_YEAR holds an ASCII '-': a window without one holds no match (one substring
    # test, where the regex search costs thousands of instructions)
    lo = max(0, start - 30)
    return sentence.find("-", lo, start) >= 0 and _DESCRIBED_YEAR.search(sentence, lo, start) is not None


def _base_words_may_end(window: str) -> bool:
    """False when the base regex cannot match the end of the window, told from its last words
    (a split of some twenty characters, where the search tries the regex at each of them, a few
    thousand instructions; most years follow "in", a number or a noun): an ASCII window must end
    in one of the English words' last word ("on", "from", "with" of "compared with"), then maybe
    "in" or "at", then maybe "the", each a word of its own after white space (in a window ending
    in white space: one ending in a Chinese word is not ASCII). A token ending in the word (a
    longer one, or one the window cuts) lets the regex decide."""
    if not window.isascii():  # a Chinese word, or a letter case-blind matching finds (ſ: s)
        return True
    words = window.lower().split()
    last = _BASE_LAST_WORDS[0]
    if words and words[-1].endswith(last):
        return True
    if words and words[-1] == "the":  # the regex's (?:the\s+)?
        words.pop()
        if words and words[-1].endswith(last):
            return True
    if words and words[-1] in ("in", "at"):  # its (?:in\s+|at\s+)?
        words.pop()
        return bool(words) and words[-1].endswith(last)
    return False


# the last word of each English comparison word, lowercased ("with" of "compared with")
_BASE_LAST_WORDS: list[tuple[str, ...]] = []


# "是2020年的7倍多": the date a multiple is of
_BASE_OF_MULTIPLE = re.compile(r"(?:水平)?的\s*(?:近|约|超过|超|逾)?[\d.一二两三四五六七八九十]+\s*倍")
# "a slowdown from 2022, when production exceeded 443,000 sets": the year a when-clause is about
# dates its figures, whatever word stands before it (and the sentence looks back to it)
WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)
# "once the pandemic-hit 2020 is taken into account", "the crisis-struck 2009": a year described
# by an adjective is talked about as a whole (often the base of an average), not the figure's date
# (the literal "the" first, which the regex engine finds fast, then what `\b` before it tests)
_DESCRIBED_YEAR = re.compile(r"the(?<!\wthe)\s+[A-Za-z]+-[A-Za-z]+\s+$")


def _fields(kind: str, m: re.Match[str], words: dict[str, Any]) -> dict[str, Any] | None:
    """The fields of the TimeExpr a match of a kind of pattern makes, besides its offsets (None:
    the match is no time expression): the caller adds `base` and makes the one object, where a
    TimeExpr made here and copied by dataclasses.replace cost several times more."""
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    # the kinds in the order of how often they match (a year alone first): each is one more test
    if kind == "year":
        return {"year": year, "by": bool(g.get("by"))}
    if kind in ("zh_year", "zh_relative"):
        return _zh_year_fields(kind, m.group(0), g, year, words)
    if kind == "month_en":
        mon = lexicon.fold(g["mon"]).rstrip(".")
        if mon == "may" and not g.get("end") and not year and not m.group(0)[0].isupper():
            return None  # the verb "may"
        if mon in ("mar", "may", "jun") and not g.get("end") and not year and m.group(0).islower():
            return None
        return {"year": year, "month": words["months"]["en"][mon], "year_end": bool(g.get("end"))}
    if kind == "relative":
        if m.string[m.end():m.end() + 2] in ("'s", "’s"):
            return None  # "this year's goals" names the goals, not the figure's period
        return {"relative": words["relative_years"]["en"][lexicon.fold(g["rel"])],
                "text_relative": _text_relative(g["rel"], words)}
    if kind == "zh_year_end":
        return {"year_end": True}
    if kind == "later":
        return _later_fields(m, g, words)
    if kind == "year_end":
        return {"year": year, "year_end": True}
    if kind == "span":
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if g.get("y2") else y1 // 100 * 100 + int(g["y2s"])
        return {"span": (y1, y2)} if 0 < y2 - y1 <= 10 else None
    if kind == "now":
        return {"now": True}
    if kind == "fyp":
        first = words["five_year_plans"][int(g["n"])]
        return {"span": (first, first + 4), "plan": True}
    if kind == "fyp_zh":
        first = {"十三": 2016, "十四": 2021, "十五": 2026}[g["zhn"]]
        return {"span": (first, first + 4), "plan": True}
    if kind == "zh_month":
        # "6月底" is a month end; "3月份" is the month's own flow
        return {"month": int(g["zm"]), "year_end": m.group(0)[-1] in "底末"}
    if kind == "relative_end":
        return {"relative": words["relative_years"]["en"][lexicon.fold(g["rel"])], "year_end": True,
                "text_relative": _text_relative(g["rel"], words)}
    if kind == "year_end_context":
        return {"year_end": True}
    if kind == "jan_feb":
        return {"year": year, "month": 2}
    if kind == "zh_jan_to":
        return {"month": int(g["zm"])}
    if kind == "zh_quarter":
        if g.get("zq"):
            return {"quarter": words["quarters"]["zh"][g["zq"]]}
        return {"month": 9}
    if kind == "zh_half":
        return {"half": 1 if g["zh"] == "上半年" else 2}
    if kind == "half":
        h = lexicon.fold(g["h"])
        return {"year": year, "half": 1 if h in ("first half", "h1") else 2}
    if kind == "quarter":
        return {"year": year, "quarter": words["quarters"]["en"][lexicon.fold(g["q"])]}
    if kind == "first_months":
        n = g["nm"]
        month = int(n) if n.isdigit() else int(read_english_words(n).value)
        return {"year": year, "month": month}
    if kind == "three_quarters":
        return {"year": year, "month": 9}
    if kind == "zh_first_months":
        n = g["zn"]
        return {"month": int(n) if n.isdigit() else int(_zh_small(n))}
    return None


# what may follow "a year on" ("A year on, ...", "a year on from the launch"): not "10 billion
# yuan a year on research", where it is a rate
_ON_ENDS = re.compile(r"\s*(?:[,.;:)，。；]|from\b|$)", re.IGNORECASE)
# "two years later than planned": a delay, not a date
_LATER_THAN = re.compile(r"\s+than\b", re.IGNORECASE)


def _later_fields(m: re.Match[str], g: dict[str, str | Any], words: dict[str, Any]) -> dict[str, Any] | None:
    """'a year later', '一年后': how many years on from the date before (None: the words are
    no date here)."""
    table = words["later_years"]
    if g.get("zlat"):
        return {"later": table["zh"][g["zlat"]]}
    phrase = lexicon.fold(g["lat"])
    if phrase.endswith(" on") and not _ON_ENDS.match(m.string, m.end()):
        return None
    if phrase.endswith("later") and _LATER_THAN.match(m.string, m.end()):
        return None
    return {"later": table["en"][phrase]}


def _zh_year_fields(kind: str, text: str, g: dict[str, str | Any], year: int | None,
                    words: dict[str, Any]) -> dict[str, Any]:
    """'2024年一季度', '上年末': a year (or a relative one) and what part of it the text names."""
    fields: dict[str, Any] = {"year": year, "by": bool(g.get("by"))}
    if kind == "zh_relative":
        fields["relative"] = words["relative_years"]["zh"][g["zr"]]
        fields["text_relative"] = _text_relative(g["zr"], words)
    if g.get("zq"):
        fields["quarter"] = words["quarters"]["zh"][g["zq"]]
    elif g.get("zh"):
        fields["half"] = 1 if g["zh"] == "上半年" else 2
    elif "前三季度" in text:
        fields["month"] = 9
    elif g.get("zm"):
        fields["month"] = int(g["zm"])
        fields["year_end"] = "底" in text or "末" in text
    elif g.get("zend"):
        fields["year_end"] = True
    return fields


def _text_relative(phrase: str, words: dict[str, Any]) -> bool:
    if not _TEXT_RELATIVE:  # the lowercased words, made once, not a list at each call
        table = words["relative_to_text"]
        _TEXT_RELATIVE.append(frozenset(w.lower() for w in table["en"] + table["zh"]))
    return phrase.lower() in _TEXT_RELATIVE[0]


# the relative years counted from the text's year (words/periods.yaml relative_to_text), lowercased
_TEXT_RELATIVE: list[frozenset[str]] = []


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
        return _dated(expr, context_year + expr.relative)
    if expr.span or expr.year is not None:
        if expr.relative is not None and published and expr.year is None:
            return _dated(expr, published.year + expr.relative)
        return expr
    if expr.now:
        if published is None:
            return expr
        return _dated(expr, published.year, published.month)
    if expr.relative is not None:
        if published is None:
            return expr
        return _dated(expr, published.year + expr.relative)
    if published is None:
        return _dated(expr, context_year)
    if expr.year_end and not expr.month and context_year is not None:
        return _dated(expr, context_year)  # "by the end of the year": the year in question
    # "at the end of June", "一季度" with no year: the latest such period the article can report
    # on; a year named elsewhere in the sentence is too often a comparison base to trust
    year = published.year
    resolved = _dated(expr, year)
    label = resolved.label()
    if (expr.month and expr.month > published.month) or (label and period_start(label) > published):
        resolved = _dated(expr, year - 1)
    return resolved


def _dated(expr: TimeExpr, year: int | None, month: int | None = None) -> TimeExpr:
    """dataclasses.replace(expr, year=year) (and month, when given), several times cheaper: it
    names every field (keep in step with TimeExpr) where replace looks them up at each call."""
    return TimeExpr(expr.start, expr.end, year, expr.month if month is None else month, expr.quarter,
                    expr.half, expr.span, expr.year_end, expr.relative, expr.now, expr.by, expr.plan,
                    expr.base, expr.text_relative, expr.later)


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
    # the label's day from the table of every label of a year from 1900 to 2099 (made once, by
    # _first_day itself); a string's int() and a date() cost most of the work, some thousands of
    # instructions for each of some 900 calls a pass over the corpus
    if not _FIRST_DAYS:
        _FIRST_DAYS.update((label, _first_day(label)) for year in range(1900, 2100)
                           for label in _labels(year))
    day = _FIRST_DAYS.get(label)
    return day if day is not None else _first_day(label)


# label: its first day (period_start), for the labels of the years from 1900 to 2099
_FIRST_DAYS: dict[str, date] = {}


def _labels(year: int) -> list[str]:
    """The labels of a year and of its months, quarters and halves (TimeExpr.label)."""
    return [f"{year}", *(f"{year}-{m:02d}" for m in range(1, 13)), *(f"{year}-Q{q}" for q in range(1, 5)),
            f"{year}-H1", f"{year}-H2"]


def _first_day(label: str) -> date:
    if "/" in label:
        return date(int(label[:4]), 1, 1)
    year = int(label[:4])
    if len(label) == 7 and label[4] == "-" and label[:4].isdecimal() and label[5:].isdecimal():
        # _YYYY_MM.fullmatch(label) (\d is a decimal digit, str.isdecimal), without the regex
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
