"""Reading a number written in English words.

"one hundred and six", "twenty-one trillion three hundred", "two and a half million",
"half a million", "nought point nought three", "two thirds", "a hundredth", "a dozen".
The words are data (words/number_words.yaml, the scale words of words/scales.yaml); this module
is their grammar. A phrase is read from where it starts to the end of the longest part that is
a number: "two and three" is the number two (then another, three), "a third term" is no number
(an ordinal). Whether a number read here is a claim is quantities.py's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from verifier import lexicon

# the scale words a spelled-out number takes (abbreviations like "bn" follow digits only)
_SCALE_WORDS = ("thousand", "million", "billion", "trillion")


@dataclass(frozen=True)
class WordNumber:
    value: float
    step: float  # the place value of the last word ("two million": 1e6; "half a million": 5e5)
    end: int  # where the phrase ends in the text
    has_scale: bool  # a scale word (thousand, million ...) multiplies it
    fraction: bool  # a fraction or a mixed number ("two thirds", "one and a half")
    bare_one: bool  # the single word "one" (a pronoun as often as a number)
    bare_half: bool  # "half" with no number before it
    # it ends in a word that is an ordinal as often ("a third term", "two quarters in a row"):
    # a singular denominator, or "quarters"
    ordinal_risk: bool = False


@dataclass(frozen=True)
class _Words:
    number: dict[str, int]  # zero, units, teens, tens
    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    zero: frozenset[str]
    hundred: frozenset[str]
    articles: frozenset[str]
    point: frozenset[str]
    dozen: dict[str, int]
    scales: dict[str, float]
    denominators: dict[str, float]
    ordinal_units: dict[str, int]
    negative: frozenset[str]
    after_fraction: frozenset[str]
    one_before: frozenset[str]
    one_after: frozenset[str]
    half_not_after: frozenset[str]
    claim_units: tuple[str, ...]
    anchor_words: tuple[str, ...]  # the scale words and claim_units, lowercase
    negative_ends: str  # the last letters of the sign words, either case


@cache
def words() -> _Words:
    en = lexicon.load_table("number_words")["en"]
    scales = {w: f for w, f in lexicon.scales().en.items() if w in _SCALE_WORDS}
    number = {**en["zero"], **en["units"], **en["teens"], **en["tens"]}
    return _Words(
        number=number, units=en["units"], teens=en["teens"], tens=en["tens"],
        zero=frozenset(en["zero"]), hundred=frozenset(en["hundred"]),
        articles=frozenset(en["articles"]), point=frozenset(en["point"]), dozen=en["dozen"],
        scales=scales, denominators={k: float(v) for k, v in en["denominators"].items()},
        ordinal_units=en["ordinal_units"], negative=frozenset(en["negative"]),
        after_fraction=frozenset(en["after_fraction"]),
        one_before=frozenset(en["pronoun_one"]["before"]),
        one_after=frozenset(w.lower() for w in en["pronoun_one"]["after"]),
        half_not_after=frozenset(en["half_not_after"]), claim_units=tuple(en["claim_units"]),
        anchor_words=tuple(sorted({w.lower() for w in [*scales, *en["claim_units"]]})),
        negative_ends="".join(sorted({c for w in en["negative"] for c in (w[-1], w[-1].upper())})))


@cache
def _token_regex() -> re.Pattern[str]:
    w = words()
    vocabulary = [*w.number, *w.hundred, *w.articles, *w.point, *w.dozen, *w.scales,
                  *w.denominators, *w.ordinal_units, "and", "of"]
    # a separator, then a word: a hyphen (spaced or not), white space, ", " or " & "
    return re.compile(r"(?:\s*-\s*|\s*,\s+|\s*&\s*|\s+)?(" + lexicon.alternation(vocabulary)
                      + r")(?![A-Za-z])", re.IGNORECASE)


@cache
def start_regex() -> re.Pattern[str]:
    """Where a number in words can start: a number word, "hundred"/"half"/"quarter" (before a
    scale: "hundred thousand", "half a million"), or "a"/"an" before one of those."""
    w = words()
    heads = [*w.number, *w.hundred, "half", "quarter", *w.dozen]
    after_article = [*w.hundred, *w.scales, *w.denominators, *w.dozen, *w.tens]
    return re.compile(
        r"(?<![A-Za-z0-9'’.])(?:" + lexicon.alternation(heads) + r"|(?:"
        + lexicon.alternation(sorted(w.articles)) + r")[\s-]+(?:" + lexicon.alternation(after_article)
        + r"))(?![A-Za-z])", re.IGNORECASE)


class _Tokens:
    """The words of a phrase from `start`, read one at a time as the parser asks for them."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.words: list[str] = []
        self.ends: list[int] = []
        self.seps: list[str] = []
        self._pos = start
        self._done = False

    def get(self, i: int) -> str | None:
        while len(self.words) <= i and not self._done:
            m = _token_regex().match(self.text, self._pos)
            # the first word may have no separator before it; every later one must have one
            if m is None or (self.words and m.start(1) == self._pos):
                self._done = True
                break
            self.words.append(lexicon.fold(m.group(1)))
            self.seps.append(self.text[m.start():m.start(1)])
            self.ends.append(m.end())
            self._pos = m.end()
        return self.words[i] if i < len(self.words) else None


@dataclass
class _Read:
    value: float
    step: float
    next: int  # index of the first token not read
    has_scale: bool = False
    fraction: bool = False
    scale: float = 1.0  # the last scale word's factor


def _small(t: _Tokens, i: int) -> tuple[int, int] | None:
    """1 to 99: 'seven', 'fifteen', 'forty', 'forty-two', 'forty two'."""
    w = words()
    word = t.get(i)
    if word in w.tens:
        unit = t.get(i + 1)
        if unit in w.units and "," not in t.seps[i + 1] and "&" not in t.seps[i + 1]:
            return w.tens[word] + w.units[unit], i + 2
        return w.tens[word], i + 1
    if word in w.units:
        return w.units[word], i + 1
    if word in w.teens:
        return w.teens[word], i + 1
    return None


def _proper_fraction_at(t: _Tokens, i: int) -> bool:
    """Whether a proper fraction starts here ('three quarters', 'fifty-four hundredths'): after
    'and' it is the fraction of a mixed number, not the end of a whole one."""
    small = _small(t, i)
    if small is None:
        return False
    den = _denominator(t, small[1], small[0] > 1)
    return den is not None and small[0] < den[0]


def _hundreds(t: _Tokens, i: int) -> tuple[int, int, int] | None:
    """1 to 999, the index after it and the place of its last word: 'a hundred', 'three
    hundred and six', 'nineteen hundred', 'a'/'an' before a scale word ('a million')."""
    w = words()
    word = t.get(i)
    if word in w.articles:
        nxt = t.get(i + 1)
        if nxt in w.hundred:
            value, j = 1, i + 1
        elif nxt in w.scales or nxt in w.dozen:
            return 1, i + 1, 1
        else:
            return None
    elif word in w.hundred:
        # a bare "hundred" only before a scale word: "hundred thousand dollars"
        if t.get(i + 1) not in w.scales:
            return None
        value, j = 1, i
    else:
        small = _small(t, i)
        if small is None:
            return None
        value, j = small
        if t.get(j) not in w.hundred:
            return value, j, 1
    value *= 100  # j is at "hundred"
    j += 1
    k = j + 1 if t.get(j) == "and" else j
    if k > j and _proper_fraction_at(t, k):
        return value, j, 100  # "one hundred and three quarters" is 100.75
    rest = _small(t, k)
    if rest is not None:
        return value + rest[0], rest[1], 1
    return value, j, 100


def _cardinal(t: _Tokens, i: int) -> _Read | None:
    """A whole number: groups under a thousand, each but the last before a scale word, the
    scales falling ('two hundred and two thousand', 'one million two thousand and six')."""
    w = words()
    if t.get(i) in w.zero:
        return _Read(0.0, 1.0, i + 1)
    total = 0.0
    read: _Read | None = None
    j = i
    while True:
        group = _hundreds(t, j)
        if group is None:
            return read
        value, k, place = group
        scale_word = t.get(k)
        if scale_word in w.scales:
            if read is not None and w.scales[scale_word] >= read.scale:
                return read  # "three thousand two thousand": two numbers
            factor = w.scales[scale_word]
            total += value * factor
            read = _Read(total, place * factor, k + 1, has_scale=True, scale=factor)
            j = k + 2 if t.get(k + 1) == "and" else k + 1  # another group may follow
            continue
        if scale_word in w.dozen and read is None:
            return _Read(value * w.dozen[scale_word], 12.0 * place, k + 1)
        if read is not None and j > read.next and _proper_fraction_at(t, j):
            return read  # "a million and a half": the fraction is the mixed number's
        return _Read(total + value, 1.0 if read else float(place), k,
                     has_scale=read is not None, scale=read.scale if read else 1.0)


def _denominator(t: _Tokens, i: int, plural: bool) -> tuple[float, int] | None:
    """'thirds', 'fifth', 'hundredths', 'twenty-first' (plural when the numerator is over one)."""
    w = words()
    word = t.get(i)
    if word is None:
        return None
    if word in w.tens:
        unit = t.get(i + 1)
        if unit in w.ordinal_units and unit.endswith("s") == plural:
            return float(w.tens[word] + w.ordinal_units[unit]), i + 2
        return None
    if word in w.denominators and word.endswith("s") == plural:
        return w.denominators[word], i + 1
    return None


def _fraction(t: _Tokens, i: int, scale: bool = True) -> _Read | None:
    """'two thirds', 'a half', 'one-eighth', 'a hundredth', 'twenty-three fifths'; with
    `scale`, then maybe a scale word: 'half a million', 'a quarter million', 'two thirds of a
    million', 'three quarters billion'. A bare 'half' is one half; a bare 'quarter' only
    before a scale word."""
    w = words()
    word = t.get(i)
    if word in ("half", "quarter"):
        scaled = _scaled(t, i + 1, 1.0 / w.denominators[word]) if scale else None
        if scaled is not None:
            return scaled
        return _Read(0.5, 0.5, i + 1, fraction=True) if word == "half" else None
    found: tuple[float, tuple[float, int]] | None = None
    whole = _cardinal(t, i)
    if whole is not None:
        den = _denominator(t, whole.next, whole.value > 1)
        if den is not None:
            found = whole.value, den
    if found is None and word in w.articles:
        den = _denominator(t, i + 1, False)
        if den is not None:
            found = 1.0, den
    if found is None:
        return None
    numerator, (denominator, j) = found
    value = numerator / denominator
    plain = _Read(value, 1.0 / denominator, j, fraction=True)
    return (_scaled(t, j, value) if scale else None) or plain


def _scaled(t: _Tokens, i: int, value: float) -> _Read | None:
    """A fraction times a scale word after it: 'million', 'a million', 'of a million'."""
    w = words()
    j = i
    if t.get(j) == "of":
        j += 1
    if t.get(j) in w.articles:
        j += 1
    word = t.get(j)
    if word in w.scales:
        factor = w.scales[word]
        return _Read(value * factor, value * factor, j + 1, has_scale=True, fraction=True,
                     scale=factor)
    if word in w.dozen and j > i:  # "half a dozen"
        return _Read(value * 12, value * 12, j + 1, fraction=True)
    return None


def _decimal(t: _Tokens, whole: _Read) -> _Read:
    """'point zero three', 'point seventy-one' (digits after the point, word by word)."""
    w = words()
    if whole.has_scale or t.get(whole.next) not in w.point:
        return whole
    digits = ""
    j = whole.next + 1
    while True:
        if t.get(j) in w.zero:
            digits += "0"
            j += 1
            continue
        small = _small(t, j)
        if small is None:
            break
        digits += str(small[0])
        j = small[1]
    if not digits:
        return whole
    return _Read(whole.value + float("0." + digits), 10.0 ** -len(digits), j)


def _mixed(t: _Tokens, whole: _Read) -> _Read | None:
    """'one and a half', 'twenty and three fifths', 'five and a half million',
    'a million and a half' (a half of a million), 'one billion and a quarter million'."""
    if t.get(whole.next) != "and":
        return None
    part = _fraction(t, whole.next + 1, scale=False)
    if part is None or part.value >= 1:
        return None
    if whole.has_scale:
        scaled = _scaled(t, part.next, part.value)
        if scaled is not None:  # "one billion and a half million"
            return _Read(whole.value + scaled.value, scaled.step, scaled.next, True, True,
                         scaled.scale)
        # "a million and a half": a half of the last scale
        return _Read(whole.value + part.value * whole.scale, part.step * whole.scale, part.next,
                     True, True, whole.scale)
    value = whole.value + part.value
    # "five and a half million"
    return _scaled(t, part.next, value) or _Read(value, part.step, part.next, fraction=True)


def read_phrase(text: str, start: int) -> WordNumber | None:
    """The number in words that starts at `start` (any case), or None."""
    t = _Tokens(text, start)
    first = t.get(0)
    if first is None:
        return None
    read = _fraction(t, 0)
    if read is None:
        whole = _cardinal(t, 0)
        if whole is None:
            return None
        whole = _decimal(t, whole)
        read = _mixed(t, whole) or whole
    after = t.get(read.next)
    if after is not None and not after.endswith("s") and "," not in t.seps[read.next] and (
            after in words().denominators or after in words().ordinal_units):
        return None  # an ordinal: "twenty-first", "the two millionth visitor"
    end = t.ends[read.next - 1]
    last = t.words[read.next - 1]
    return WordNumber(value=read.value, step=read.step, end=end, has_scale=read.has_scale,
                      fraction=read.fraction, bare_one=read.next == 1 and first == "one",
                      bare_half=read.next == 1 and first == "half",
                      ordinal_risk=read.fraction and last in words().denominators
                      and (not last.endswith("s") or last == "quarters"))


def follows_as_fraction(text: str, end: int) -> bool:
    """Whether the word after a fraction lets it be one: a noun there makes an ordinal of its
    last word ("a third term", "two quarters in a row")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return True
    return lexicon.fold(m.group(1)) in words().after_fraction


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_PREVIOUS_WORDS = re.compile(r"(?:([A-Za-z'’]+)[ \t]+)?([A-Za-z'’]+)[ \t]+$")  # (before, last)


def one_is_pronoun(text: str, start: int, end: int) -> bool:
    """'the one you mentioned', 'which one', 'the obvious one', 'One is power', 'one that'."""
    w = words()
    m = _PREVIOUS_WORDS.search(text, max(0, start - 40), start)
    if m is not None:
        before, last = m.group(1), lexicon.fold(m.group(2))
        if last in w.one_before or (before is not None and lexicon.fold(before) in w.one_before
                                    and last not in w.number and last not in w.negative):
            return True
    nxt = _AFTER_ONE.match(text, end)
    return nxt is not None and lexicon.fold(nxt.group(1)) in w.one_after


_AFTER_ONE = re.compile(r"\s*([A-Za-z]+(?:['’][a-z]+)?|['’][a-z]+)")


def negative_before(text: str, start: int) -> int:
    """How far back a sign word before a number starts ('minus 5', 'negative one'), or 0."""
    # most numbers follow no word ending in a sign word's last letter: two character tests
    if start < 2 or text[start - 1] not in " \t" or text[start - 2] not in words().negative_ends:
        return 0
    m = _SIGN_WORD.search(text, max(0, start - 12), start)
    if m is None or lexicon.fold(m.group(1)) not in words().negative:
        return 0
    return start - m.start()


_SIGN_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)[ \t]+$")


@cache
def _anchor_regex() -> re.Pattern[str]:
    """A scale word or a unit word a number in words stands before as a figure ("twenty
    percent", "three hundred million"), after white space. A lookahead for their first letters
    rejects most white space at once."""
    anchors = list(words().anchor_words)
    firsts = "".join(sorted({c for w in anchors for c in (w[0], w[0].upper())}))
    return re.compile(rf"[\s-]+(?=[{firsts}])(?:" + lexicon.alternation(anchors) + r")(?![A-Za-z])",
                      re.IGNORECASE)


_REACH = 80  # characters back from a scale or unit word to where a number in words may start
# the non-ASCII letters re.IGNORECASE matches with an ASCII one (İ and ı: i, ſ: s, K: k)
_ODD_CASE = "\u0130\u0131\u017f\u212a"


def folded_ascii(norm: str) -> bytes | None:
    """The text as lowercase ASCII bytes, each other character a '?': one byte for each
    character, so an offset in it is one in the text, and a lowercase ASCII word is found in it
    (bytes.find, no regex) where a case-blind regex of the word matches in the text. None for a
    text with a letter that case-blind matching folds to an ASCII one (_ODD_CASE): there it does
    not tell. (str.lower would take up to 4 bytes a character, and finds in it are slower.)"""
    if not norm.isascii() and any(ch in norm for ch in _ODD_CASE):
        return None
    return norm.encode("ascii", "replace").lower()


def _anchors(norm: str, low: bytes | None) -> list[int]:
    """Where the white space before a scale or unit word starts, when a letter ends the word
    before it (a number in words may end there; most such words follow digits). Found with
    bytes.find in the folded text: a case-blind regex that tries the words at every space is
    several times slower. low: folded_ascii(norm)."""
    if low is None or not all(w.isascii() for w in words().anchor_words):
        return [a.start() for a in _anchor_regex().finditer(norm)
                if a.start() and norm[a.start() - 1].isalpha()]
    out = []
    for word in words().anchor_words:
        key = word.encode("ascii")
        at = low.find(key)
        while at != -1:
            after = norm[at + len(word):at + len(word) + 1]
            j = at
            while j > 0 and norm[j - 1] in _SPACE_OR_HYPHEN:
                j -= 1
            if j < at and j > 0 and norm[j - 1].isalpha() and not (after.isascii() and after.isalpha()):
                out.append(j)
            at = low.find(key, at + 1)
    return sorted(out)


_SPACE_OR_HYPHEN = frozenset(" \t\n\r\f\v-")


def starts(norm: str, every_number: bool, low: bytes | None) -> list[int]:
    """Where the numbers in words of a text start, in order: every one (every_number), or those
    that stand before a scale or unit word ("twenty percent", "two and a half million"). The
    second is one scan for those words; most follow digits and are passed over at once.
    low: folded_ascii(norm), which the caller makes once for all its passes."""
    found = start_regex()
    if every_number:
        # and the fraction characters standing alone ("½"; after digits, "2½" is read with them)
        alone = [m.start() for m in _symbol_regex().finditer(norm)
                 if m.start() == 0 or not norm[m.start() - 1].isdigit()]
        return sorted([m.start() for m in found.finditer(norm)] + alone)
    out: list[int] = []
    for at in _anchors(norm, low):
        for m in found.finditer(norm, max(0, at - _REACH), at):
            number = read_phrase(norm, m.start())
            if number is not None and number.end >= at:
                if not out or out[-1] != m.start():
                    out.append(m.start())
                break
    return sorted(set(out))


def half_is_number(norm: str, start: int, end: int, qualified: bool) -> bool:
    """A bare 'half' is one half with a qualifier before it ('more than half') or before what it
    halves ('half of', 'half the'), but not after an ordinal ('the first half' is a period)."""
    m = _PREVIOUS_WORDS.search(norm, max(0, start - 40), start)
    if m is not None and lexicon.fold(m.group(2)) in words().half_not_after:
        return False
    return qualified or follows_as_fraction(norm, end)


def fraction_after(text: str, end: int) -> tuple[float, int] | None:
    """' and a half', ' and three quarters' after a figure ('3 million and a half'): the
    fraction, under one, and where it ends."""
    m = _AND.match(text, end)
    if m is None:
        return None
    t = _Tokens(text, m.end())
    part = _fraction(t, 0, scale=False)
    if part is None or part.value >= 1 or not follows_as_fraction(text, t.ends[part.next - 1]):
        return None
    return part.value, t.ends[part.next - 1]


_AND = re.compile(r"[ \t]+and[ \t]+", re.IGNORECASE)


@cache
def symbols() -> dict[str, float]:
    """The vulgar fraction characters: '½', '¾'."""
    return {str(k): n / d for k, (n, d) in lexicon.load_table("number_words")["symbols"].items()}


@cache
def _symbol_regex() -> re.Pattern[str]:
    return re.compile("[" + "".join(symbols()) + "]")


def dozen_after(text: str, end: int) -> int | None:
    """Where ' dozen' after digits ends ('3 dozen eggs'), or None."""
    m = _DOZEN.match(text, end)
    if m is None or lexicon.fold(m.group(1)) not in words().dozen:
        return None
    return m.end()


_DOZEN = re.compile(r"[ \t]+(dozens?)(?![A-Za-z])", re.IGNORECASE)


def joins_proportion(text: str, end: int, start: int) -> bool:
    """Whether the text between two numbers makes a proportion of them: 'one in five',
    '2 out of 500'."""
    return _PROPORTION.fullmatch(text, end, start) is not None


_PROPORTION = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+", re.IGNORECASE)
