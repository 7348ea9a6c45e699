"""What is a claim beyond what the number reader decides: photo captions and related-article
teasers are page furniture, a bound that picks the things counted is no figure of its own, and
a count written in words before the things it counts is one. Tables: words/captions.yaml,
words/thresholds.yaml."""

from __future__ import annotations

import re
from functools import cache

from verifier import lexicon
from verifier.numbers import read_english_words
from verifier.quantities import Quantity, occurrences, tried_at


@cache
def _caption_pattern() -> re.Pattern[str]:
    credits = lexicon.load_table("captions")["credits"]
    en = lexicon.alternation(credits["en"])
    zh = lexicon.alternation(credits["zh"])
    return re.compile(
        r"^[ \t]*\(\d{6}\)\s*--.*$"  # a wire photo's slug opens the line
        rf"|^.*[(（][ \t]*(?:(?:{en})[ \t]*[/:：][^()（）\n]{{1,60}}|[^()（）\n]{{1,60}}(?:{zh}))"
        r"[ \t]*[)）][ \t]*$", re.MULTILINE)


def caption_lines(norm: str) -> list[tuple[int, int]]:
    """The lines of photo captions, as offsets: a line ending in the photo's credit in brackets
    ("(Xinhua/Li Ming)", "（新华社记者 李明 摄）") or opening with a wire photo's slug."""
    if "(" not in norm and "（" not in norm:
        return []
    # Each match starts a line (both branches open with `^`) and holds a closing bracket on that
    # line: the slug's "(240329)", or the bracket the line ends with. The regex is tried at the
    # starts of those lines (str.find for the brackets), not at every character of the text.
    starts = sorted({norm.rfind("\n", 0, at) + 1 for at in _places(norm, (")", "）"))})
    return [m.span() for m in tried_at(_caption_pattern(), norm, [(at, at) for at in starts])]


def _places(text: str, marks: tuple[str, ...]) -> list[int]:
    """Where the text holds one of these strings."""
    found = []
    for mark in marks:
        at = text.find(mark)
        while at != -1:
            found.append(at)
            at = text.find(mark, at + 1)
    return found


@cache
def _related_header() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """The header regex; a regex for the line break before a line that opens with a first
    character of one of the headers (a literal line break first: the regex engine jumps from one
    to the next, where the header's `^` is tried at every character); the teaser's longest line."""
    table = lexicon.load_table("captions")
    en = lexicon.en_phrase_regex(table["related"]["en"]).pattern
    zh = lexicon.alternation(table["related"]["zh"])
    firsts = sorted({str(p).split()[0][0] for p in table["related"]["en"]}
                    | {str(p)[0] for p in table["related"]["zh"]})
    line = re.compile(r"\n[ \t]*[" + "".join(re.escape(c) for c in firsts) + "]", re.IGNORECASE)
    return re.compile(rf"^[ \t]*(?:{en}|{zh})[ \t]*(?:[:：]|$)", re.IGNORECASE | re.MULTILINE), \
        line, int(table["teaser_max"])


# a line of prose ends its sentence; a teaser's headline, byline or date does not
_SENTENCE_END = (".", "。", "!", "！", "?", "？", ".\"", "。”", ".”")


def related_lines(norm: str) -> list[tuple[int, int]]:
    """The related-article teasers, as offsets: a line opening with 'Related:', 'Read more:',
    '相关阅读：' ... and the short lines after it (headlines, bullets, dates), up to the first
    line of prose: one that ends a sentence or is longer (a teaser under 'Related: ... No. 318'
    is no figure; a Chinese paragraph after the list is shorter than the limit, but ends in 。)."""
    pattern, opening, longest = _related_header()
    found = []
    # every match starts a line (`^`), and its header opens with one of the characters `opening`
    # looks for (case-blind, as the header's regex): it is tried at the starts of those lines
    lines = [(0, 0)] + [(m.start() + 1, m.start() + 1) for m in opening.finditer(norm)]
    for m in tried_at(pattern, norm, lines):
        end = norm.find("\n", m.end())
        end = len(norm) if end < 0 else end
        while end < len(norm):
            nxt = norm.find("\n", end + 1)
            nxt = len(norm) if nxt < 0 else nxt
            line = norm[end + 1:nxt].rstrip()
            if len(line) > longest or line.endswith(_SENTENCE_END):
                break
            end = nxt
        found.append((m.start(), end))
    return found


@cache
def _threshold_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = lexicon.load_table("thresholds")
    things, words = table["counted_things"], table["count_words"]
    count = re.compile(
        rf"(?:(?<![\w.,])(?:\d[\d,]*|{lexicon.alternation(list(words['en']))})\s+"
        rf"(?:{lexicon.alternation(things['en'])})\b"
        rf"|\d+\s*(?:{lexicon.alternation(things['zh'])}))", re.IGNORECASE)
    valued = re.compile(rf"(?:\b[A-Za-z-]+s\s+(?:{lexicon.alternation(table['valued']['en'])})"
                        rf"|(?:{lexicon.alternation(table['valued']['zh'])}))\s*$", re.IGNORECASE)
    examples = re.compile(rf"(?:\s+of\s+[A-Za-z ]{{1,25}}?)?\s*[,，]\s*"
                          rf"(?:{lexicon.alternation(table['examples_after']['en'])}\b"
                          rf"|{lexicon.alternation(table['examples_after']['zh'])})", re.IGNORECASE)
    return count, valued, examples


# where the clause of a bound starts: a list of the things counted ("15 provinces, regions and
# municipalities") keeps its commas, "while Guangdong ... each passed" starts another clause
_THRESHOLD_CLAUSE = re.compile(r"[;；。，]|,\s*(?:and|but|while|whereas)\s", re.IGNORECASE)
_THRESHOLD_REACH = 150  # characters back from a bound to the count it picks


def is_threshold(sentence: str, start: int, end: int, q: Quantity) -> bool:
    """A bound that picks the things a count or a list is about: 'ten provinces ... exceeding
    50 billion yuan', 'start-ups valued over $1 billion', 'more than 1% of GDP, such as steel'.
    The count, not the bound, is the claim; a bound said of a thing named ('Guangdong passed
    100 billion yuan') is its figure."""
    if q.qualifier not in ("at_least", "at_most"):
        return False
    count, valued, examples = _threshold_patterns()
    if valued.search(sentence, max(0, start - 30), start) or examples.match(sentence, end):
        return True
    left = max(0, start - _THRESHOLD_REACH)
    breaks = [m.end() for m in _THRESHOLD_CLAUSE.finditer(sentence, left, start)]
    return count.search(sentence, breaks[-1] if breaks else left, start) is not None


@cache
def _counts_in_words() -> re.Pattern[str]:
    table = lexicon.load_table("thresholds")
    phrases = [str(p) for p in table["count_words"]["en"]]
    words = lexicon.en_phrase_regex(phrases).pattern
    # the words' first letters once more, before the lookbehind: one test rejects most positions
    # of the text, where the lookbehind is tried first otherwise (the words' own test repeats it)
    firsts = "".join(sorted({re.escape(p.split()[0][0]) for p in phrases})) if all(
        p.split() for p in phrases) else ""
    guard = f"(?=[{firsts}])" if firsts else ""
    things = lexicon.alternation(table["counted_things"]["en"])
    return re.compile(rf"{guard}(?<![-])({words})\s+(?:{things})\b", re.IGNORECASE)


@cache
def _counted_things() -> tuple[str, ...]:
    things = tuple(w.lower() for w in lexicon.load_table("thresholds")["counted_things"]["en"])
    if not all(w.isascii() for w in things):  # occurrences() finds lowercase ASCII words
        raise ValueError("counted_things: English words are ASCII")
    return things


@cache
def _count_reach() -> int | None:
    """The longest count word, when every one is a word of ASCII letters (None otherwise): a
    match of _counts_in_words then starts where the run of ASCII letters before the white space
    in front of its counted thing starts (its words' regex wants no letter before them, and the
    white space after a word that ends with a letter is all of that run)."""
    phrases = [str(p) for p in lexicon.load_table("thresholds")["count_words"]["en"]]
    if not all(p.isascii() and p.isalpha() for p in phrases):
        return None
    return max(len(p) for p in phrases)


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _count_matches(norm: str, low: bytes | None) -> list[re.Match[str]]:
    """_counts_in_words().finditer(norm), tried only before the counted things the text names:
    most texts name none, and the case-blind regex would try every word of the text.
    low: english_numbers.folded_ascii(norm), which the caller makes once for the whole text."""
    pattern = _counts_in_words()
    things = occurrences(low, _counted_things())
    reach = _count_reach()
    if things is None or reach is None:
        return list(pattern.finditer(norm))
    starts = []
    for at in things:
        space = at
        while space > 0 and norm[space - 1].isspace():  # `\s` is str.isspace
            space -= 1
        word = space
        while word > 0 and norm[word - 1] in _ASCII_LETTERS:
            word -= 1
        if space < at and 0 < space - word <= reach:  # a short word, `\s+`, the thing
            starts.append((word, word))
    return tried_at(pattern, norm, starts)


def with_counts_in_words(text: str, norm: str, found: list[Quantity],
                         low: bytes | None) -> list[Quantity]:
    """`found` with the counts written in words before the places or firms they count ('ten
    provinces and cities reported ...'): a statistic there, unlike 'two reasons' or 'ten
    minutes', which the number reader rightly leaves alone. low: english_numbers.folded_ascii(norm)
    (None for a text with İ, ı, ſ or K: the whole text is searched with the regex then)."""
    extra = []
    for m in _count_matches(norm, low):
        if any(q.start < m.end(1) and m.start(1) < q.end for q in found):
            continue
        n = read_english_words(m.group(1)).value
        extra.append(Quantity(start=m.start(1), end=m.end(1), text=text[m.start(1):m.end(1)],
                              value=n, lower=n, upper=n, unit="count", qualifier="exact"))
    return sorted([*found, *extra], key=lambda q: q.start) if extra else found
