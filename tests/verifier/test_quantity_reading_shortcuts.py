"""The quantity reader's set tests before its regexes (verifier/quantities.py qualifier_before,
_is_claim, _read_at) against the plain code they replace, on phrases of the word tables in odd
case and at the edges of a text, and on random strings."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import lexicon
from verifier import quantities as q

# characters that case-blind matching folds in odd ways, full-width forms, Chinese, brackets
_ODD = "ſſKİıΣσςＡａ０％成为个年第共（([“\"'\n\t \u3000"


def _variants(phrase: str) -> list[str]:
    """The phrase as written, in upper, lower and title case, and with ſ and K for s and k."""
    forms = {phrase, phrase.upper(), phrase.lower(), phrase.title()}
    forms |= {f.replace("s", "ſ").replace("k", "\u212a") for f in list(forms)}
    return sorted(forms)


def _plain_qualifier_before(norm: str, start: int) -> tuple[int, str] | None:
    """qualifier_before as it was, with no set test before its lookups."""
    quals = lexicon.qualifiers()
    head = norm[max(0, start - 30):start]
    stripped = head.rstrip()
    gap = len(head) - len(stripped)
    for length in (3, 2, 1):
        piece = stripped[-length:]
        if len(piece) == length and piece in quals.before_zh:
            return gap + length, quals.before_zh[piece]
    last = q._WORD.match(stripped[::-1])
    if last is not None and last.group(0)[::-1].lower() not in q._qualifier_last_words():
        return None
    words = [(m.start(), m.group(0)) for m in q._WORD.finditer(stripped)]
    if not words or words[-1][1].lower() not in q._qualifier_last_words():
        return None
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(w for _, w in words[-n:]).lower()
        if phrase in quals.before_en:
            return len(head) - words[-n][0], quals.before_en[phrase]
    return None


def _qualifier_texts() -> list[str]:
    quals = lexicon.qualifiers()
    texts = []
    for phrase in [*quals.before_zh, *quals.before_en]:
        for form in _variants(phrase):
            for lead in ("", "x", "so ", "(", "“", "Growth of "):
                for tail in ("", " ", "  ", "\t", "\n", "(", "'", "\"", "（", "Σ", "."):
                    texts.append(f"{lead}{form}{tail}")
    return texts


def test_qualifier_before_is_the_plain_lookup_on_every_phrase() -> None:
    for text in _qualifier_texts():
        for start in (len(text), len(text) - 1):
            assert q.qualifier_before(text, start) == _plain_qualifier_before(text, start), text


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("abtsemohxyd.,- ") + list(_ODD)), max_size=40))
def test_qualifier_before_on_random_text(text: str) -> None:
    for start in range(len(text) + 1):
        assert q.qualifier_before(text, start) == _plain_qualifier_before(text, start), text


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("ab.- ") + list(_ODD)), max_size=40))
def test_last_words_are_the_last_of_findall(text: str) -> None:
    """qualifier_before's one match of the reversed text finds the last four words of
    _WORD.findall, each reversed, with where each starts."""
    words = [(m.start(), m.group(0)) for m in q._WORD.finditer(text)]
    found = q._LAST_WORDS.match(text[::-1])
    if not words:
        assert found is None
        return
    assert found is not None
    last = words[::-1][:4]
    groups = [g for g in found.groups() if g is not None]
    assert [g[::-1] for g in groups] == [w for _, w in last]
    assert [len(text) - found.end(n) for n in range(1, len(groups) + 1)] == [s for s, _ in last]


def _furniture_texts() -> list[str]:
    table = lexicon.load_table("not_claims")
    phrases = [str(w) for part in ("before", "after") for lang in ("en", "zh")
               for w in table[part][lang]]
    texts = []
    for phrase in phrases:
        for form in _variants(phrase):
            for lead in ("", " ", "\t", "\n", "x", "page "):
                for tail in ("", ".", "\n", ". ", "s", "x", " ", "5"):
                    texts.append(f"{lead}{form}{tail}")
    return texts


def test_furniture_sets_never_reject_a_match() -> None:
    """The characters _is_claim takes for 'no match here' are those no match starts (after)
    or ends (before) with: the regexes' own answer on every phrase in odd case."""
    furniture = lexicon.not_claims()
    never_first, never_last, zh_first, zh_last = q._furniture_never()
    for text in [*_furniture_texts(), *_ODD]:
        if furniture.after.match(text):
            assert q._may_furnish(text[:1], never_first, zh_first), text
        if furniture.before.search(text):
            assert q._may_furnish(text[-1:], never_last, zh_last), text


def test_a_chinese_character_matches_only_itself_case_blind() -> None:
    """What _may_furnish relies on, over the whole CJK block."""
    _, _, zh_first, zh_last = q._furniture_never()
    for chars in (zh_first, zh_last):
        some = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)
        for i in range(0x4E00, 0xA000):
            assert bool(some.match(chr(i))) == (chr(i) in chars), hex(i)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("NoPagevrsiw.#: 第编号电话阅读量次年月所示工程")
                                       + list(_ODD)), max_size=12))
def test_furniture_sets_on_random_text(text: str) -> None:
    furniture = lexicon.not_claims()
    never_first, never_last, zh_first, zh_last = q._furniture_never()
    if furniture.after.match(text):
        assert q._may_furnish(text[:1], never_first, zh_first), text
    if furniture.before.search(text):
        assert q._may_furnish(text[-1:], never_last, zh_last), text


def test_tenths_start_with_white_space_or_cheng() -> None:
    """_read_at tries _TENTHS only where the next character is white space or 成."""
    for text in ("成", " 成", "\u3000成", "\n成", "成为", "x成", "", "ſ成", "\x1c成", "\x85成"):
        m = q._TENTHS.match(text)
        if m is not None:
            assert text[:1] == "成" or text[:1].isspace(), text
    # \s is what str.isspace calls white space, every character of it
    assert all(bool(re.match(r"\s", chr(i))) == chr(i).isspace() for i in range(0x3100))


# every character before (or after) a number the tests below try: ASCII, Latin-1, the odd
# case-blind letters, full-width forms, the Chinese signs and words the readers look for
_CHARS = [chr(i) for i in range(0x250)] + list(_ODD) + list("负胜块钱同比万亿十百千个\u2212–—")


def test_may_glue_holds_wherever_the_number_is_glued() -> None:
    """_read_at calls _glued_to_word_before only where _may_glue says it can be true."""
    for prev in _CHARS:
        for lead in ("", "a", "5", "COVID", "5k"):
            text = f"{lead}{prev}19"
            start = len(text) - 2
            if q._glued_to_word_before(text, start):
                assert q._may_glue(text[start - 1]), repr(text)


def test_sign_before_needs_its_character() -> None:
    from verifier import chinese_numbers

    for prev in _CHARS:
        for lead in ("", "同比", "胜", "5元", "x "):
            text = f"{lead}{prev}3.9%"
            start = len(text) - 4
            if chinese_numbers.sign_before(text, start, 0):
                assert text[start - 1] in chinese_numbers.SIGN_CHARS, repr(text)


def test_kuai_and_letter_scales_need_their_characters() -> None:
    from verifier import chinese_numbers

    for nxt in _CHARS:
        for tail in ("", "钱", "地", "m", " "):
            text = f"花费我三{nxt}{tail}"
            if chinese_numbers.kuai_is_yuan(text, 3, 4):
                assert text.startswith("块", 4), text
            digits = f"$5{nxt}{tail}"
            if q._letter_scale(digits, 1, 2) is not None:
                assert (nxt.isascii() and nxt.isalpha()) or nxt == " ", repr(digits)
