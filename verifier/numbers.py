"""Reading a written number: Arabic digits, Chinese numerals, English number words.

Each reader returns the value and the step of its last written digit, because
the step is what rounding allows ("4.6" allows 4.55 to 4.65; "4,000" allows
3,500 to 4,500).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from verifier import chinese_numbers, english_numbers

# Full-width digits and signs map one character to one, so offsets survive.
FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．％＄￥－ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789.%$¥-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_FULL_WIDTH_CHARS = "０-９．％＄￥－Ａ-Ｚａ-ｚ"
# a full-width comma between full-width digits groups thousands ("４，５６５"); elsewhere it is
# the Chinese clause comma
_FULL_WIDTH_GROUP = re.compile("(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


@cache
def _fold() -> tuple[dict[int, int | str], re.Pattern[str]]:
    """The translation table of normalise (full-width forms, then traditional and 大写 numerals)
    and a regex for the characters it maps."""
    table: dict[int, int | str] = {**FULL_WIDTH, **chinese_numbers.numerals().fold}
    return table, re.compile(f"[{_FULL_WIDTH_CHARS}{chinese_numbers.fold_chars()}]")

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
CHINESE_NUMERAL = f"[{CHINESE_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?"


@dataclass(frozen=True)
class Number:
    value: float
    step: float  # the place value of the last written digit


def normalise(text: str) -> str:
    """Map full-width digits to ASCII and traditional and 大写 numerals to simplified ones
    (壹佰 -> 一百, 萬 -> 万), keeping every offset: one character for one."""
    if text.isascii():  # a flag, no scan: every character either step maps is non-ASCII
        return text
    table, chars = _fold()
    # translate() walks the text in Python-object steps; a charset search is a fast C scan, and
    # most text has no full-width digit and no traditional numeral at all
    if chars.search(text) is not None:
        if "，" in text:
            text = _FULL_WIDTH_GROUP.sub(",", text)
        text = text.translate(table)
    return chinese_numbers.fold_numerals(text)


def read_arabic(token: str) -> Number:
    return Number(*arabic_value(token))


def arabic_value(token: str) -> tuple[float, float]:
    """read_arabic's value and step as a pair: the quantity reader reads a number at every
    figure and needs no Number (a frozen dataclass, slow to make) for them."""
    plain = token.replace(",", "") if "," in token else token
    value = float(plain)
    point = plain.find(".")
    if point >= 0:
        return value, 10.0 ** -(len(plain) - point - 1)
    if value < 1000:
        return value, 1.0  # "20%" means 20, not "somewhere from 15 to 25"
    stripped = plain.rstrip("0")
    zeros = len(plain) - len(stripped) if stripped else 0
    return value, 10.0 ** zeros


def read_chinese(token: str) -> Number | None:
    """A numeral of simplified characters (normalise folds the others); None for strings of
    numeral characters that are not a number ("十四五")."""
    reading = chinese_numbers.parse(token)
    return Number(*reading) if reading is not None else None


EN_FRACTIONS = {
    "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3, "two thirds": 200 / 3,
    "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "one-quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0,
    "one-fifth": 20.0, "half": 50.0, "a half": 50.0, "one half": 50.0,
}
EN_FRACTION_RE = re.compile(
    # the phrases' first letters before the lookbehind: one test rejects most positions of a text
    "(?=[" + "".join(sorted({re.escape(k[0]) for k in EN_FRACTIONS})) + "])"
    r"(?<![A-Za-z])(" + "|".join(sorted((re.escape(k) for k in EN_FRACTIONS), key=len,
                                        reverse=True)) + r")(?![A-Za-z-])(?P<of>(?=\s+of\b))?",
    re.IGNORECASE,
)


def read_english_words(token: str) -> Number:
    """A number written in words, the whole token: 'two', 'twenty-five', 'one hundred and six'
    (verifier/english_numbers.py reads them, from words/number_words.yaml)."""
    read = english_numbers.read_phrase(token, 0)
    if read is None or read.end != len(token.rstrip()):
        raise ValueError(f"not a number in words: {token!r}")
    return Number(read.value, read.step)
