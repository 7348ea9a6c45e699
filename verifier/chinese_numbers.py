"""Reading a number written in Chinese numerals.

"二十万亿", "四千零五万", "十万零五十六", "一千六" (1,600), "七十八万五" (785,000), "一百零十万"
(1,100,000), "四万万" (400,000,000), "三点一四", "二〇二四"; fractions "三分之二", "千分之三",
"五十万分之二十五"; traditional and 大写 numerals (壹佰伍拾, 兩千, 四億) once normalise has folded
them to simplified characters (fold_numerals, one character for one). The characters and the
words around a bare numeral are data (words/chinese_numerals.yaml); this module is their
grammar. Whether a number read here is a claim is quantities.py's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from verifier import lexicon

# A numeral's value and step: the place value of its last written digit ("一千六": 100), which
# is what rounding allows (numbers.Number wraps the pair).
Reading = tuple[float, float]


@dataclass(frozen=True)
class _Numerals:
    digits: dict[str, int]
    places: dict[str, int]
    sections: dict[str, float]
    fold: dict[int, str]  # str.translate table: characters that are numerals wherever they stand
    fold_in_numeral: dict[str, str]
    not_numerals: frozenset[str]
    after_bare_numeral: tuple[str, ...]  # what a bare numeral stands before
    word_before: frozenset[str]
    money_words: re.Pattern[str]


@cache
def numerals() -> _Numerals:
    t = lexicon.load_table("chinese_numerals")
    return _Numerals(
        digits=t["digits"], places=t["places"],
        sections={k: float(v) for k, v in t["sections"].items()},
        fold=str.maketrans(t["fold"]), fold_in_numeral=t["fold_in_numeral"],
        not_numerals=frozenset(t["not_numerals"]),
        after_bare_numeral=tuple(sorted(t["after_bare_numeral"], key=len, reverse=True)),
        word_before=frozenset(t["word_before"]),
        money_words=re.compile(lexicon.alternation(t["money_words"])))


# ---- folding traditional and 大写 numerals ------------------------------------------------

@cache
def fold_chars() -> str:
    """The characters `fold` maps (traditional and 大写 numerals), for a character class."""
    return "".join(chr(c) for c in numerals().fold)


@cache
def _in_numeral() -> tuple[re.Pattern[str], frozenset[str]]:
    """A regex for the characters of fold_in_numeral (a character class, which the regex engine
    scans for fast: most texts hold none, or a few in their own words: 大陆, 队伍), and the
    characters that make one a numeral when next to it."""
    n = numerals()
    ambiguous = "".join(n.fold_in_numeral)
    numeral = frozenset("".join(n.digits) + "".join(n.places) + "".join(n.sections) + fold_chars()
                        + ambiguous + "".join(n.fold.values()))
    return re.compile(f"[{ambiguous}]"), numeral


def fold_numerals(text: str) -> str:
    """Fold the characters of fold_in_numeral that stand inside a numeral (肆佰陸拾, 拾万, 萬分之肆)
    to their simplified numeral, one character for one. `text` has had `fold` applied."""
    pattern, numeral = _in_numeral()
    m = pattern.search(text)
    if m is None:
        return text
    n = numerals()
    chars: list[str] | None = None
    while m is not None:
        at = m.start()
        before, after = text[at - 1:at] if at else "", text[at + 1:at + 2]
        if (after in numeral or before in numeral or before in ("点", "负")
                or text[max(0, at - 2):at] == "分之") \
                and before + text[at] not in n.not_numerals and text[at] + after not in n.not_numerals:
            if chars is None:
                chars = list(text)
            chars[at] = n.fold_in_numeral[text[at]]
        m = pattern.search(text, at + 1)
    return text if chars is None else "".join(chars)


# ---- the numeral itself -----------------------------------------------------------------

def parse(token: str) -> Reading | None:
    """The value of a whole numeral of simplified characters, or None when it is not one
    ("十四五", "二三", "五十千")."""
    if not token:
        return None
    n = numerals()
    if "点" in token:
        whole, _, decimals = token.partition("点")
        if not whole or not decimals or any(c not in n.digits or c == "两" for c in decimals):
            return None
        integer = parse(whole)
        if integer is None:
            return None
        fraction = float("0." + "".join(str(n.digits[c]) for c in decimals))
        return (integer[0] + fraction, 10.0 ** -len(decimals))
    if all(c in n.digits for c in token):
        if len(token) == 1:
            return (float(n.digits[token]), 1.0)
        if "两" in token:
            return None  # 两 never stands in a digit-by-digit numeral ("两两" is a word)
        return (float("".join(str(n.digits[c]) for c in token)), 1.0)  # 二〇二四
    return _sectioned(token, n, top=True)


def _sectioned(token: str, n: _Numerals, top: bool) -> Reading | None:
    """A numeral with place characters: split at its last 亿, then its last 万 (what stands
    before may hold more: 二十万亿, 四万万)."""
    for section, factor in (("亿", 1e8), ("万", 1e4)):
        at = token.rfind(section)
        if at < 0:
            continue
        high = token[:at]
        low = token[at + 1:]
        if not high:
            return None
        head = _sectioned(high, n, top) if any(c in high for c in "万亿") else _section(high, n, top)
        if head is None:
            return None
        if not low:
            return (head[0] * factor, head[1] * factor)
        if len(low) == 1 and low in n.digits and low not in "零〇":
            # 七十八万五, 一亿二: a digit right after the section word counts its next place down
            return (head[0] * factor + n.digits[low] * factor / 10, factor / 10)
        tail = _sectioned(low, n, False) if any(c in low for c in "万亿") else _section(low, n, False)
        if tail is None or tail[0] >= factor:
            return None
        return (head[0] * factor + tail[0], tail[1])
    return _section(token, n, top)


def _section(token: str, n: _Numerals, top: bool) -> Reading | None:
    """Below 万: digits, 十 百 千 and 零. A place with no digit before it stands for one of it
    only first in the numeral (十二, 百三, 千万) or after 零 (一百零十, 零十)."""
    bare_ok = top
    if token[:1] in ("零", "〇"):
        token = token[1:]  # 万零五百: the part after a section word may open with 零
        bare_ok = True
    if not token or (token[-1] == "两" and len(token) > 1):
        return None  # 二十两: 两 last is a weight (a tael), not a digit
    value = 0
    pending: int | None = None
    last_place = 10_000
    gap = False  # a 零 since the last place
    for i, ch in enumerate(token):
        if ch in n.places:
            place = n.places[ch]
            if place >= last_place:
                return None
            if pending is None:
                if not bare_ok:
                    return None
                pending = 1
            value += pending * place
            last_place, pending, bare_ok, gap = place, None, False, False
        elif ch in "零〇":
            if pending is not None or i == 0 or token[i - 1] not in n.places:
                return None
            bare_ok = gap = True
        elif ch in n.digits:
            if pending is not None:
                return None  # two digits in a row: 二三, 三四百 (three or four hundred)
            pending = n.digits[ch]
        else:
            return None
    if pending is None:
        return (float(value), float(last_place)) if last_place < 10_000 else None
    if not gap and last_place >= 100 and len(token) > 1 and token[-2] in n.places:
        # 一千六, 两千四百五: the last digit counts the next place down
        place = last_place // 10
        return (float(value + pending * place), float(place))
    return (float(value + pending), 1.0)


def read_prefix(token: str) -> tuple[Reading, int] | None:
    """The longest start of `token` that is a numeral, with its length, when what is left
    starts with a place or section character or is 两: "五十千" is 五十, "一百千瓦" 一百 (then
    千瓦), "二十两" 二十 (then the weight 两); "十四五" and "二三十" are no numbers at all."""
    whole = parse(token)
    if whole is not None:
        return whole, len(token)
    n = numerals()
    for length in range(len(token) - 1, 0, -1):
        rest = token[length]
        if rest not in n.places and rest not in n.sections and token[length:] != "两":
            continue
        piece = token[:length]
        if length > 1 and not any(c in n.places or c in n.sections for c in piece):
            return None  # "二三十" (twenty or thirty) is no 二三 and 十
        number = parse(piece) if piece[-1] != "点" else None
        if number is not None:
            return number, length
    return None


# ---- around the numeral -------------------------------------------------------------------

def stands_alone(norm: str, start: int, end: int) -> bool:
    """Whether a numeral with no scale or unit, norm[start:end], is a number rather than part
    of a word: before a measure word, a time word or punctuation it is (十个, 九年, 十。); before
    another character it is not (一切, 四川, 十分, 千万不要), nor after the characters that make
    a word with 一 (统一, 唯一, 之一)."""
    n = numerals()
    token = norm[start:end]
    if len(token) == 2 and all(c in n.digits for c in token):
        return False  # 九九, 三四 (three or four), 一一: words and approximations
    if start and norm[start - 1] in n.word_before and len(token) == 1:
        return False
    if not any(c in n.digits for c in token) or len(token) == 1:
        after = norm[end:end + 1]
        if after and "\u4e00" <= after <= "\u9fff" and not norm.startswith(n.after_bare_numeral, end):
            return False
    return True


_NUMBER_AT = re.compile(
    r"(负)?(?:(\d+(?:\.\d+)?)|([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?))")


def number_at(norm: str, at: int) -> tuple[float, float, int] | None:
    """The number written at `at`, in digits or a numeral, 负 before it making it negative (the
    numerator after 分之, the fraction after 又): its value, step and end."""
    m = _NUMBER_AT.match(norm, at)
    if m is None:
        return None
    if m.group(2):
        digits = m.group(2)
        value, step = float(digits), 10.0 ** -len(digits.partition(".")[2])
        end = m.end()
    else:
        read = read_prefix(m.group(3))
        if read is None:
            return None
        (value, step), end = read[0], m.start(3) + read[1]
    return (-value if m.group(1) else value), step, end


def fraction_at(norm: str, at: int) -> tuple[float, int] | None:
    """A fraction "A分之B" written at `at` ("三分之一" after the 又 of "三百五十又三分之一"): its
    value and end."""
    denominator = number_at(norm, at)
    if denominator is None or not denominator[0] or not norm.startswith("分之", denominator[2]):
        return None
    numerator = number_at(norm, denominator[2] + 2)
    if numerator is None:
        return None
    return numerator[0] / denominator[0], numerator[2]


MINUS_SIGNS = "-\u2212"
SIGN_CHARS = frozenset("负" + MINUS_SIGNS)  # the characters sign_before can find before a number


def sign_before(norm: str, start: int, floor: int) -> int:
    """1 when 负 stands right before a number ("负3.9%", "负三十二"; not the 负 of 胜负), or a
    minus sign right after a Chinese word ("同比-0.3%", "增速为-2.1%") that does not end the
    quantity before (floor: where it ends; "5元-10元" is a range); else 0."""
    if start < 1:
        return 0
    before = norm[start - 1]
    if before == "负":
        return 0 if norm[start - 2:start - 1] == "胜" else 1
    if before in MINUS_SIGNS and start >= 2 and start - 1 > floor:
        word = norm[start - 2]
        return int("\u4e00" <= word <= "\u9fff" and word not in numeral_chars())
    return 0


def denominator_word(norm: str, at: int, token: str) -> tuple[Reading, int] | None:
    """万分之三, 万万分之七: a section word with no digit, before 分之, is the power of ten it
    names (alone, 万 is no number)."""
    n = numerals()
    value = 1.0
    for length, ch in enumerate(token, 1):
        factor = n.sections.get(ch) or n.places.get(ch)
        if factor is None:
            return None
        value *= factor
        if norm.startswith("分之", at + length):
            return (value, value), length
    return None


def numerator_of_fraction(norm: str, start: int) -> bool:
    """Whether the number at `start` follows the 分之 of a fraction ("五百分之2.2": what
    stands before 分之 is a numeral, so 百分之 there is no percent sign)."""
    if start < 3 or norm[start - 2:start] != "分之":
        return False
    before = norm[start - 4:start - 3] if norm[start - 3] == "百" else norm[start - 3]
    return bool(before) and (before.isdigit() or before in numeral_chars())


@cache
def numeral_chars() -> frozenset[str]:
    """The simplified numeral characters: digits, places, sections."""
    n = numerals()
    return frozenset([*n.digits, *n.places, *n.sections])


_SENTENCE_END = re.compile(r".*[。！？!?；;\n]", re.DOTALL)


def kuai_is_yuan(norm: str, start: int, end: int) -> bool:
    """Whether the 块 at `end`, after the number norm[start:end], is yuan: "花费我三块",
    "三块钱", not "一块地" (see words/chinese_numerals.yaml, money_words)."""
    if not norm.startswith("块", end):
        return False
    after = norm[end + 1:end + 2]
    if after == "钱":
        return True
    if after and "\u4e00" <= after <= "\u9fff":
        return False  # a noun it counts
    head = norm[max(0, start - 40):start]
    cut = _SENTENCE_END.match(head)
    return numerals().money_words.search(head, cut.end() if cut else 0) is not None


def is_power_of_ten_word(token: str) -> bool:
    """千, 万, 百万, 千万: a place or section word with no digit, as in 千分之三 (per mille)."""
    return bool(token) and all(c in "十百千万亿" for c in token)


__all__ = ["Reading", "denominator_word", "fold_chars", "fold_numerals", "fraction_at",
           "is_power_of_ten_word", "kuai_is_yuan", "number_at", "numeral_chars", "numerals",
           "numerator_of_fraction", "parse", "read_prefix", "sign_before", "stands_alone"]
