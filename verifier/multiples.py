"""Multiples of a base: '是当时的4倍', '两倍多', 'four times the 2020 level', 'a 3.5-fold rise',
'doubled', '翻一番'. The number reader leaves them alone (倍 after a number is no count, 'four
times' no figure); here each is read as the multiple as written, in the unit `ratio`, with the
qualifier its words give ('more than doubled', '两倍多', '近4倍'). Table: words/multiples.yaml."""

from __future__ import annotations

import re
from functools import cache

from verifier import lexicon
from verifier.numbers import ARABIC, Number, read_arabic, read_chinese, read_english_words
from verifier.quantities import Quantity, interval, qualifier_before

UNIT = "ratio"
_ZH_NUMBER = r"[一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"


@cache
def _values() -> dict[str, float]:
    words = lexicon.load_table("multiples")["words"]
    return {lexicon.fold(k): float(v) for k, v in {**words["en"], **words["zh"]}.items()}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = lexicon.load_table("multiples")
    before = lexicon.en_phrase_regex(table["times_before"]["en"]).pattern
    words = {**table["words"]["en"], **table["words"]["zh"]}
    needs = [w for w in words if w in table["needs_comparison"]]
    alone = [w for w in words if w not in needs]
    en = re.compile(
        rf"(?<![\w.,-])(?P<n>{ARABIC}|[A-Za-z]+(?:-[A-Za-z]+)?)(?:\s+times(?=\s+(?:{before}))|-?fold\b)"
        rf"|(?<![A-Za-z])(?P<w>{lexicon.alternation(needs)})(?=\s+(?:{before}))"
        rf"|(?<![A-Za-z])(?P<v>{lexicon.alternation([w for w in alone if w.isascii()])})(?![A-Za-z])",
        re.IGNORECASE)
    zh = re.compile(
        rf"(?<![\d.{_ZH_DIGITS}])(?P<n>\d+(?:\.\d+)?|{_ZH_NUMBER})\s*倍(?P<more>多|以上|有余)?"
        rf"|(?P<v>{lexicon.alternation([w for w in alone if not w.isascii()])})")
    return en, zh


_ZH_DIGITS = "零〇一二两三四五六七八九十百千万亿"


def with_multiples(text: str, norm: str, found: list[Quantity],
                   low: bytes | None) -> list[Quantity]:
    """`found` with the multiples of the text added, in place of any number read inside one.
    low: english_numbers.folded_ascii(norm), made once for the whole text by the caller (None
    for a text with İ, ı, ſ or K: the English hints are searched with the regex then)."""
    multiples = _multiples(text, norm, low)
    if not multiples:
        return found
    kept = [q for q in found if not any(m.start < q.end and q.start < m.end for m in multiples)]
    return sorted([*kept, *multiples], key=lambda q: q.start)


def _multiples(text: str, norm: str, low: bytes | None) -> list[Quantity]:
    en, zh = _patterns()
    table = _values()
    out: list[Quantity] = []
    for pattern, m in _matches(norm, low, en, zh):
        n = m.group("n")
        word = m.groupdict().get("w") or m.group("v")
        if n is not None:
            number = _read(n)
            if number is None:
                continue
            value, half = number.value, number.step / 2
        else:
            value, half = table[lexicon.fold(word)], 0.0
        start, end = m.start(), m.end()
        qualifier, unbounded = "exact", False
        if pattern is zh and m.group("more"):
            qualifier = "at_least"
        before = qualifier_before(norm, start)
        if before is not None and before[1] != "exact":
            qualifier = "at_most" if before[1] == "at_most_unbounded" else before[1]
            unbounded = before[1] == "at_most_unbounded"
            start -= before[0]
        lower, upper = interval(value, half, qualifier, unbounded)
        out.append(Quantity(start=start, end=end, text=text[start:end], value=value,
                            lower=lower, upper=upper, unit=UNIT, qualifier=qualifier,
                            has_unit=True))
    return out


def _read(token: str) -> Number | None:
    if token[0].isdigit():
        return read_arabic(token)
    if not token.isascii():
        return read_chinese(token)
    if lexicon.fold(token) in ("a", "an", "many", "several", "few", "some"):
        return None
    try:  # "four", "twenty-five"; any other word before "times" is no number
        number = read_english_words(token)
    except (ValueError, KeyError):
        return None
    return number if number.value > 0 else None


def _matches(norm: str, low: bytes | None, en: re.Pattern[str], zh: re.Pattern[str]) \
        -> list[tuple[re.Pattern[str], re.Match[str]]]:
    """The multiples' matches, the English ones looked for only around the words every one holds
    (a scan of the whole text with a pattern that starts at any word is slow)."""
    found: list[tuple[re.Pattern[str], re.Match[str]]] = []
    windows: list[list[int]] = []
    for start, end in _hint_spans(norm, low):
        a, b = max(0, start - 30), min(len(norm), end + 60)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    for a, b in windows:
        found.extend((en, m) for m in en.finditer(norm, a, b))
    if "倍" in norm or "翻" in norm:
        found.extend((zh, m) for m in zh.finditer(norm))
    return found


@cache
def _stems() -> tuple[str, ...]:
    """What every English multiple holds: 'times', 'fold', or a table word's first letters."""
    words = lexicon.load_table("multiples")["words"]["en"]
    return tuple(sorted({w.lower()[:5] for w in words} | {"times", "fold"}))


@cache
def _english_hint() -> re.Pattern[str]:
    """The stems, case-blind: a text without any is not scanned."""
    stems = _stems()
    # a lookahead for the first letters: one test per character instead of one per stem
    firsts = "".join(sorted({c for w in stems for c in (w[0], w[0].upper())}))
    return re.compile(f"(?=[{firsts}])(?:{'|'.join(stems)})", re.IGNORECASE)


def _hint_spans(norm: str, low: bytes | None) -> list[tuple[int, int]]:
    """The spans of _english_hint().finditer(norm), found with bytes.find in the folded text
    (english_numbers.folded_ascii: one byte a character, where str.lower of a large non-ASCII
    text holds a buffer of 12 bytes a character for a moment): the regex tries a match at every
    d, f, q and t of the text (over 300 instructions a character), a find runs over it in C.

    Exact: a stem is lowercase ASCII, which the folded text holds where a case-blind regex of it
    matches (folded_ascii is None for a text where that does not hold). No stem starts another,
    so no two match at one place, and finditer's matches are all the places a stem starts, left
    to right, less those inside the match before ('fold' ends where 'doubl' starts in
    'foldoubl'). low: english_numbers.folded_ascii(norm)."""
    if low is None:
        return [m.span() for m in _english_hint().finditer(norm)]
    found: list[tuple[int, int]] = []
    for stem in _stems():
        key = stem.encode("ascii")
        at = low.find(key)
        while at >= 0:
            found.append((at, at + len(key)))
            at = low.find(key, at + 1)
    found.sort()
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans
