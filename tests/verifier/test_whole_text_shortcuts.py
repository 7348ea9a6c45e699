"""The shortcuts of the passes over the whole text find what the plain scans they replace find:
on the labelled corpus's texts, and on random and adversarial strings (words glued to
digits, case-blind letters that fold to ASCII ones, counts and fractions with odd spacing)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import chinese_numbers, english_numbers, lexicon, numbers, quantities, scope
from verifier.numbers import EN_FRACTION_RE, EN_FRACTIONS, normalise

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _texts() -> list[str]:
    texts = [normalise(yaml.safe_load(p.read_text(encoding="utf-8"))["text"])
             for p in sorted(CORPUS.glob("*.yaml"))]
    texts += [normalise(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    # the same without digits: the texts where the masks are skipped
    return texts + [re.sub(r"\d", "", t) for t in texts]


TEXTS = _texts()

_PIECES = [
    " ", "  ", "\n", "\t", "-", " - ", ",", ".", "/", ":", "@", "(", ")", "（", "）", "+",
    "0", "7", "12", "2019", "-2023", "1234567", "٣", "月", "日", "号", "年", "成", "GB", " nm",
    "http://x.cn/1", "www.a.b", "a@b.com", "ICP备", "Jan", "January ", "Sept. ", "3rd",
    "İ", "ı", "ſ", "\u212a", "é", "“", "—", "ten", "Ten", "TEN", "seventeen", "twenty-five",
    "provinces", "PROVINCES", "cities", "counties", "countries", "firms", "ſectors",
    "half", "Half", "a third", "two thirds", "one-third", "three-quarters", "quarter", "fifth",
    " of ", "million", "percent", "per cent", "Per Cent", "yuan", "dollars", "\u212am",
    "thousand", "two", "and", "a", "more than ", "about ", "x", "s",
    "时", "点", "分", "am", "PM", "st ", "nd", "th", "of", "May", "Dec",
    "a.m.", "P.M.", "Am", "\u3000", "\u00a0", "（3）", "(12345)", "\uff11",
]
_ADVERSARIAL = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_RANDOM = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


def _mask(norm: str) -> bytearray:
    return quantities._mask(norm, english_numbers.folded_ascii(norm))


def _plain_mask(norm: str) -> bytearray:
    """What _mask marks, with every pattern scanned over the whole text."""
    masked = bytearray(len(norm) + 1)
    patterns = [quantities._ADDRESS, *(p for p, _ in quantities._MASKS),
                *(p for p, _, _ in quantities._NEAR_MASKS)]
    for pattern in patterns:
        for m in pattern.finditer(norm):
            masked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return masked


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(1 + (m.re.groups or 0))) for m in matches]


def _plain_anchors(norm: str) -> list[int]:
    """_anchors as it was, with the text lowercased by str.lower (no odd-case text)."""
    low = norm.lower()
    out = []
    for word in english_numbers.words().anchor_words:
        i = low.find(word)
        while i != -1:
            after = norm[i + len(word):i + len(word) + 1]
            j = i
            while j > 0 and norm[j - 1] in " \t\n\r\f\v-":
                j -= 1
            if j < i and j > 0 and norm[j - 1].isalpha() and not (after.isascii() and after.isalpha()):
                out.append(j)
            i = low.find(word, i + 1)
    return sorted(out)


def _check(norm: str) -> None:
    low = english_numbers.folded_ascii(norm)
    # with the folded copy, and without (made in _mask, as for a text with İ, ı, ſ or K)
    assert quantities._mask(norm, low) == quantities._mask(norm, None) == _plain_mask(norm)
    # with the folded copy, and without (as for a text with İ, ı, ſ or K)
    plain_counts = _spans(list(scope._counts_in_words().finditer(norm)))
    assert _spans(scope._count_matches(norm, low)) == _spans(scope._count_matches(norm, None)) == plain_counts
    assert _spans(quantities._fraction_matches(norm, low)) == _spans(list(EN_FRACTION_RE.finditer(norm)))
    words = scope._counted_things()
    either = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    found = quantities.occurrences(low, words)
    if found is not None:
        assert found == [i for i in range(len(norm)) if either.match(norm, i)]
        assert english_numbers._anchors(norm, low) == _plain_anchors(norm)
    else:
        assert any(ch in norm for ch in "\u0130\u0131\u017f\u212a")


def test_corpus_texts() -> None:
    assert TEXTS
    for norm in TEXTS:
        _check(norm)


@settings(max_examples=400, deadline=None)
@given(_ADVERSARIAL)
def test_adversarial_strings(text: str) -> None:
    _check(normalise(text))


@settings(max_examples=200, deadline=None)
@given(_RANDOM)
def test_random_strings(text: str) -> None:
    _check(normalise(text))


def test_folded_ascii_keeps_offsets() -> None:
    text = "Ten “provinces” — 十个省份 and 𝟘 CITIES"
    low = english_numbers.folded_ascii(text)
    assert low is not None and len(low) == len(text)
    assert low.find(b"provinces") == text.find("provinces")
    assert low.find(b"cities") == text.find("CITIES")
    assert english_numbers.folded_ascii("\u212aM") is None  # K (Kelvin) is a case-blind k


def test_count_found_after_folded_letters() -> None:
    # odd-case texts take the plain scan, and still find the counts
    norm = "İ ten provinces"
    assert english_numbers.folded_ascii(norm) is None
    assert [m.group(1) for m in scope._count_matches(norm, None)] == ["ten"]
    text = "ten  \n provinces, Ten cities"
    found = scope._count_matches(text, english_numbers.folded_ascii(text))
    assert [m.group(1) for m in found] == ["ten", "Ten"]


def test_every_count_word_and_fraction() -> None:
    # the longest count word and fraction phrase set how far back from their nouns they are tried
    counts = [str(w) for w in yaml.safe_load(
        (lexicon.WORDS_DIR / "thresholds.yaml").read_text(encoding="utf-8"))
        ["count_words"]["en"]]
    for word in counts:
        for text in (f"{word} provinces", f"x {word.upper()}\n\t Cities.", f"-{word} firms, {word}  firms"):
            _check(text)
            assert scope._count_matches(text, english_numbers.folded_ascii(text))
    for phrase in EN_FRACTIONS:
        for text in (f"more than {phrase} of them", f"about {phrase.upper()} of", f"x{phrase}"):
            _check(text)


def test_furniture_lines_as_scanned() -> None:
    caption, related = scope._caption_pattern(), scope._related_header()[0]
    texts = [*TEXTS, "(Xinhua/Li Ming)", "x\n  (240329) -- BEIJING\n(CFP)\n", "\n\nRead\nmore: a\nb",
             "  RELATED:\n- x\n\tſee also\n相关阅读：\n", "a (Photo: b)\n(c)（新华社记者 李明 摄）",
             "x\n图（新华社记者 李明 摄）", "\n"]
    for norm in texts:
        assert scope.caption_lines(norm) == [m.span() for m in caption.finditer(norm)]
        assert [m.span() for m in scope.tried_at(related, norm, [(0, len(norm))])] == \
            [m.span() for m in related.finditer(norm)]
        starts = [0] + [at + 1 for at, ch in enumerate(norm) if ch == "\n"]
        lines = [m.start() + 1 for m in scope._related_header()[1].finditer(norm)]
        assert [m.start() for m in related.finditer(norm)] == \
            [m.start() for m in scope.tried_at(related, norm, [(at, at) for at in [0, *lines]])]
        assert all(m.start() in starts for m in related.finditer(norm))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "\t", "(", ")", "（", "）", "Xinhua", "/", ":", "摄", "x",
                                 "related", "Read more", "See", "ſee also", ":", "：", "相关阅读", "--",
                                 "(240329)", "photo by"]), max_size=30).map("".join))
def test_furniture_lines_random(norm: str) -> None:
    assert scope.caption_lines(norm) == [m.span() for m in scope._caption_pattern().finditer(norm)]
    pattern, line, _ = scope._related_header()
    lines = [m.start() + 1 for m in line.finditer(norm)]
    assert [m.span() for m in scope.tried_at(pattern, norm, [(at, at) for at in [0, *lines]])] == \
        [m.span() for m in pattern.finditer(norm)]


def test_normalise_leaves_ascii_alone() -> None:
    # why normalise returns an ASCII text as it is: neither of its steps maps an ASCII character
    table, chars = numbers._fold()
    assert all(c > 127 for c in table)
    pattern, _ = chinese_numbers._in_numeral()
    for c in map(chr, range(128)):
        assert chars.search(c) is None and pattern.search(c) is None


def test_masks_with_ascii_digits() -> None:
    # the [0-9] twins of the masks find what the masks find in a text of ASCII digits
    masks, near = quantities._MASKS, quantities._NEAR_MASKS
    twins, near_twins = quantities._ASCII_MASKS, quantities._ASCII_NEAR_MASKS
    pairs = [(masks[i][0], twins[i][0]) for i in range(len(masks))]
    pairs += [(near[i][k], near_twins[i][k]) for i in range(len(near)) for k in (0, 1)]
    assert len(twins) == len(masks) and len(near_twins) == len(near)
    texts = [*TEXTS, "12/3/2024 [1] 2019-23 (86) 010-6512 3456 AB-2024-01 x\\d [\\d] 5GB 1234567"]
    for plain, ascii_digits in pairs:
        assert "\\d" not in ascii_digits.pattern.replace("\\\\", "")
        for norm in texts:
            if quantities._OTHER_DIGIT.search(norm) is None:
                assert [m.span() for m in plain.finditer(norm)] == \
                    [m.span() for m in ascii_digits.finditer(norm)]
    # a digit of another script is one for `\d`, not for 0-9: the masks themselves are used then
    assert quantities._OTHER_DIGIT.search("١٢/٣/٢٠٢٤") and not quantities._OTHER_DIGIT.search("12 x")
    assert _mask("١٢/٣/٢٠٢٤") == _plain_mask("١٢/٣/٢٠٢٤")


def test_month_masks_start_with_a_month() -> None:
    # the masks that open with a month's name are tried only where one of _MONTH_STARTS starts
    names = quantities._MONTHS.removeprefix("(?:").removesuffix(r")\.?").split("|")
    assert len(names) == 24 and all(n.startswith(quantities._MONTH_STARTS) for n in names)
    opening = [p for p, _ in [*quantities._MASKS, *quantities._ASCII_MASKS]
               if p.pattern.startswith(quantities._MONTHS)]
    assert len(opening) == 4 and not any(p.flags & re.IGNORECASE for p in opening)
    for text in ("Sept. 3, 2024 and March 2023, May 5 Market 12 Dec 2024", "JAN 3 Jan3 Jan 3",
                 "3rd of March, 12 of  May, 1st\nJune, 31 Dec 2024, of May, 5 ofJan, 22nd  of\tSept. 2023",
                 "1 May2nd of Jun 3th Jul 33 Aug, 4 of of Oct x5st Nov 6ND Dec 7 Nov.", "st Jan", "of Jan",
                 "\u0663 May \u0661\u0662th of June 2\u00a0 Jan ٣rd of Feb"):
        assert _mask(text) == _plain_mask(text)
    # one scan finds every place a month's name starts: no two of the starts overlap
    text = "JanFebMarAprMayJunJulAugSepOctNovDec DecJan"
    assert quantities._month_places(text) == [(i, i) for i in range(len(text))
                                              if text.startswith(quantities._MONTH_STARTS, i)]


def test_anchored_masks() -> None:
    # the anchored masks are tried only before their pieces: the pieces found in the lowercased
    # ASCII copy are the only places a case-blind a, m or p matches
    anchored = [(p, needs) for p, needs in quantities._MASKS if isinstance(needs, quantities._Anchor)]
    assert len(anchored) == 5
    folded = {c for _, needs in anchored for piece in needs.folded for c in piece}
    assert folded == {"a", "m", "p", "."}
    for c in map(chr, range(0x110000)):
        if re.match("[amp]", c, re.IGNORECASE):
            assert c.isascii() and c.lower() in "amp"
    assert all(not piece.isspace() for _, needs in anchored for piece in needs.pieces + needs.folded)
    texts = ["3:30 pm, 3 PM, 12 a.m., 9  P.M. 10\u3000am 10时30分 8点 7 \n点", "（3）(12345) ( 3) (3 )",
             "2024 年 3 月 5 日 12号 2024年3月份 5\u00a0月", "1 2 3 am2am 12345am ١٢ am ١٢:٣٠",
             "am 1am", "3：30"]
    for text in texts:
        assert _mask(text) == _plain_mask(text)


def test_shape_gates() -> None:
    # a gate finds something in the shape of every text its mask matches: white space (ASCII
    # or not), 年 and 月 between the digits, runs of digits of every length
    texts = ["2024-3-5", "2024 年 3 月 5 日", "2024\u3000年\u20283月5", "2024. 03 .05", "1234567",
             "123456", "x1234567,", "010-6512 3456", "010 6512\u00853456", "(10) 65123456",
             "+86 10 6512-3456", "AB-2024-01", "SZ20240420-0387", "A1_x", "2024年3月", "12 34",
             # a date after a run the date gate takes for one (its matches overlap)
             "2024→01→2024-05-06", "2024年全国3月5", "2024 -/ 3-. 5", "2024年3月份5日",
             # spans of years, and years that are none
             "2019-2023", "2019 – 23", "2021至25年", "2019 TO 2023", "During 2019 to 30 trillion",
             "2019to2020", "2020　～　21", "1999年", "2019 - 2023 İ",
             # sizes of data: white space, 亿 or 万, a unit of each case, "nm" inside words
             "5GB", "1.5 Gbps", "3亿 GB", "2万　MHz", "7nm", "10 Mbit/s", "4 gb", "5 government",
             "12 nmx", "3 KB İ",
             # clock times: a colon, white space, 时, 点, am, pm, a.m., p.m. in either case
             "10:30", "3 pm", "9 P.M.", "12 a.m.", "10时30分", "8 点 5 分", "7AM", "1 amount",
             "5 Pm İ", "10　am", "3：30"]
    assert len(quantities._SHAPE_GATES) == 7
    for text in texts:
        norm = normalise(text)
        low = english_numbers.folded_ascii(norm)
        shape = (low if low is not None else norm.encode("ascii", "replace")).translate(
            quantities._SHAPE)
        for pattern, gate in quantities._SHAPE_GATES.items():
            for found in pattern.finditer(norm):
                assert gate.find.search(shape) is not None, (pattern.pattern, text)
                if gate.at_start:  # the mask is tried only where the gate matches
                    assert (found.start(), found.start()) in quantities._gate_starts(
                        gate.find, shape), (pattern.pattern, text)
        assert _mask(norm) == _plain_mask(norm)
