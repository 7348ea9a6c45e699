"""Numbers written in English words, on phrases and sentences we wrote: what is read, what is
not, and which of them a claim may rest on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.english_numbers import read_phrase
from verifier.numbers import read_english_words
from verifier.quantities import find_quantities


@pytest.mark.parametrize("phrase, value", [
    ("seven", 7),
    ("forty-two", 42),
    ("forty two", 42),
    ("Ninety - nine", 99),
    ("three hundred and forty-two", 342),
    ("a hundred", 100),
    ("sixty-five thousand four hundred", 65_400),
    ("seven billion, two hundred million", 7.2e9),
    ("eight hundred and five thousand", 805_000),
    ("nine thousand and nine", 9_009),
    ("hundred thousand", 100_000),
    ("twelve hundred", 1_200),
    ("nought point four", 0.4),
    ("six point two five", 6.25),
    ("three point fourteen", 3.14),
    # fractions: a proper fraction, an improper one, a mixed number, one of a scale
    ("four fifths", 0.8),
    ("a tenth", 0.1),
    ("one-quarter", 0.25),
    ("seven halves", 3.5),
    ("two and three quarters", 2.75),
    ("forty and a third", 40 + 1 / 3),
    ("six hundred and thirty-one hundredths", 600.31),
    ("a ninety-ninth", 1 / 99),
    ("half a billion", 5e8),
    ("a quarter million", 250_000),
    ("one third of a billion", 1e9 / 3),
    ("four and a half million", 4.5e6),
    ("a billion and a half", 1.5e9),
    ("three million and a quarter million", 3.25e6),
    ("a dozen", 12),
    ("half a dozen", 6),
])
def test_phrases_read(phrase: str, value: float) -> None:
    read = read_phrase(phrase, 0)
    assert read is not None and read.end == len(phrase)
    assert read.value == pytest.approx(value)


@pytest.mark.parametrize("phrase, value, read_to", [
    ("two and seven", 2, "two"),  # two numbers
    ("eleven, twelve", 11, "eleven"),
    ("three thousand two thousand", 3000, "three thousand"),  # scales must fall
    ("five hundred seconds", 500, "five hundred"),  # time, not fifths of anything
])
def test_a_phrase_ends_where_the_number_does(phrase: str, value: float, read_to: str) -> None:
    read = read_phrase(phrase, 0)
    assert read is not None and (read.value, phrase[:read.end]) == (value, read_to)


@pytest.mark.parametrize("phrase", ["a", "an apple", "hundreds", "thousands of", "the third",
                                    "thirty-first", "the two millionth visitor", "quarter"])
def test_no_number_or_an_ordinal(phrase: str) -> None:
    assert read_phrase(phrase, 0) is None


def _claims(text: str) -> list[tuple[str, float, str]]:
    return [(q.text, round(q.value, 6), q.unit) for q in find_quantities(text)]


def _numbers(text: str) -> list[tuple[str, float]]:
    return [(q.text, round(q.value, 6)) for q in find_quantities(text, every_number=True)]


@pytest.mark.parametrize("text, claims", [
    # with a scale or a unit, a number in words is a figure
    ("Retail sales rose twelve percent", [("twelve percent", 12, "percent")]),
    ("a fund of three hundred million yuan", [("three hundred million yuan", 3e8, "CNY")]),
    ("two and a half million households", [("two and a half million", 2.5e6, "count")]),
    ("nearly half a billion dollars", [("nearly half a billion dollars", 5e8, "USD")]),
    ("sixty-two thousand tonnes of steel", [("sixty-two thousand tonnes", 62_000, "tonne")]),
    # without one it is no claim: a count of reasons, a pronoun, an ordinal
    ("two provinces reported results", []),
    ("one of the largest makers", []),
    ("for a third consecutive year", []),
    ("Three reasons stand out.", []),
])
def test_numbers_in_words_as_claims(text: str, claims: list[tuple[str, float, str]]) -> None:
    assert _claims(text) == claims


@pytest.mark.parametrize("text, numbers", [
    ("Forty-seven workers and one manager stayed", [("Forty-seven", 47), ("one", 1)]),
    ("the only one left", []),
    ("Which one sold more?", []),
    ("One is cost, the other is time.", []),
    ("the third round of talks", []),
    ("a fifth straight month", []),
    ("two fifths of the budget", [("two fifths", 0.4)]),
    ("two quarters in a row", []),
    ("three quarters of voters", [("three quarters", 0.75)]),
    ("the second half of the season", []),
    ("more than half the staff", [("more than half", 0.5)]),
    ("version twenty point one", [("twenty point one", 20.1)]),
])
def test_every_number_reads_words_but_not_pronouns_or_ordinals(
        text: str, numbers: list[tuple[str, float]]) -> None:
    assert _numbers(text) == numbers


@pytest.mark.parametrize("text, claims, numbers", [
    # a sign glued to the digits, or a sign word, makes the number negative
    ("GDP growth of -6.8% in the first quarter", [("-6.8%", -6.8, "percent")], [("-6.8%", -6.8)]),
    ("the index slipped to minus 0.4 percent", [("minus 0.4 percent", -0.4, "percent")],
     [("minus 0.4 percent", -0.4)]),
    ("a reading of negative two", [], [("negative two", -2)]),
    # a hyphen between two numbers joins a range; after a word it joins a name
    ("growth of 3 -4 percent", [("3 -4 percent", 3.5, "percent")], [("3 -4 percent", 3.5)]),
    ("the J-20 fighter", [], []),
])
def test_signs(text: str, claims: list[tuple[str, float, str]], numbers: list[tuple[str, float]]) -> None:
    assert _claims(text) == claims
    assert _numbers(text) == numbers


@pytest.mark.parametrize("text", ["the 250ml bottle", "a 5G handset", "on the 21st floor",
                                  "the 3rd plenum", "an 8K screen"])
def test_letters_glued_to_digits_make_no_number_even_read_as_numbers(text: str) -> None:
    assert _numbers(text) == []


# A small speller of our own, for the round trip below.
_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _spell_small(n: int, joiner: str, british: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, ones = divmod(rest, 10)
        part = _ONES[rest] if rest < 20 else _TENS[tens] + (joiner + _ONES[ones] if ones else "")
        words.append(("and " if british and hundreds else "") + part)
    return " ".join(words)


def spell(n: int, joiner: str = "-", british: bool = False) -> str:
    if n == 0:
        return "zero"
    words = []
    for size, name in _SCALES:
        if n >= size:
            words.append(f"{_spell_small(n // size, joiner, british)} {name}")
            n %= size
    if n:
        words.append(_spell_small(n, joiner, british))
    return " ".join(words)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1), st.sampled_from(["-", " ", " - "]),
       st.booleans())
def test_spelled_numbers_read_back(n: int, joiner: str, british: bool) -> None:
    written = spell(n, joiner, british)
    assert read_english_words(written).value == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["percent", "yuan", "million"]))
def test_spelled_numbers_before_a_unit_are_claims(n: int, unit: str) -> None:
    text = f"The figure was {spell(n)} {unit} last year."
    [q] = find_quantities(text)
    assert q.text == f"{spell(n)} {unit}"
    assert q.value == n * (1e6 if unit == "million" else 1)


@pytest.mark.parametrize("text, numbers", [
    # a decimal with no zero before its point; glued to a word it is none
    ("batting average of .315", [(".315", 0.315)]),
    ("the v.2 release", []),
    # scale letters: case matters, and "m" is a million only after a currency sign
    ("a 15k run", [("15k", 15_000)]),
    ("rated 4.5 k", [("4.5 k", 4_500)]),
    ("a 3.4b deal", [("3.4b", 3.4e9)]),
    ("raised 40M in funding", [("40M", 4e7)]),
    ("raised $40m in funding", [("$40m", 4e7)]),
    ("a 40m tower", []),
    ("as Figure 5b shows", []),  # a label; "$5b", "1.2b" are billions
    ("US$5b in bonds", [("US$5b", 5e9)]),
    ("3M reported results", []),  # a lone digit with a capital glued on is a name
    ("a $3M grant", [("$3M", 3e6)]),
    # fractions in digits and symbols; a date or 24/7 is none
    ("about 2/3 of them", [("about 2/3", round(2 / 3, 6))]),
    ("a 1 1/2 inch pipe", [("1 1/2", 1.5)]),
    ("2½ times", [("2½", 2.5)]),
    ("only ¼ of it", [("¼", 0.25)]),
    ("open 24/7", [("24", 24), ("7", 7)]),
    ("on 3/14/2023", []),
    # proportions: the smaller first, and not a duration
    ("one in five adults", [("one in five", 0.2)]),
    ("3 out of 40 plants", [("3 out of 40", 0.075)]),
    ("9 in 4 cases", [("9", 9), ("4", 4)]),
    ("won 2 in 5 years", [("2", 2), ("5", 5)]),
    # dozens
    ("four dozen eggs", [("four dozen", 48)]),
    ("5 dozen roses", [("5 dozen", 60)]),
    # "plus" between two numbers is a sum, not "or more"
    ("2 plus 3", [("2", 2), ("3", 3)]),
    # a phone number with its country code
    ("call +1-202-5550/0199", []),
])
def test_every_number_reads_digit_forms(text: str, numbers: list[tuple[str, float]]) -> None:
    assert _numbers(text) == numbers


@pytest.mark.parametrize("text, claims", [
    ("net income of 12 USD million", [("12 USD million", 1.2e7, "USD")]),
    ("a loss of 4.5 MUSD", [("4.5 MUSD", 4.5e6, "USD")]),
    ("won 3 USD40 vouchers", [("3", 3, "count"), ("USD40", 40, "USD")]),
    ("a 96m2 flat", [("96m2", 96, "square_metre")]),
    ("a rise of 80 percentage", [("80 percentage", 80, "percent")]),
    ("sales of 2 million and a half", [("2 million and a half", 2.5e6, "count")]),
    # a fraction in digits is a claim as a share ("1/3 of", like "a third of"), else none; the
    # second number of a slash pair is no figure of its own
    ("nearly 1/3 of all users", [("nearly 1/3", round(100 / 3, 6), "percent")]),
    ("a 3/4 share", []),
    ("open 24/7 since", [("24", 24, "count")]),
])
def test_units_and_scales_read_as_written(text: str, claims: list[tuple[str, float, str]]) -> None:
    assert _claims(text) == claims


@pytest.mark.parametrize("text, span, lower, upper", [
    ("growth of between 6 and 8 percent", "between 6 and 8 percent", 5.5, 8.5),
    ("aged 18 through 25", "18 through 25", 17.5, 25.5),
    ("above 300 and below 500 units", "above 300 and below 500", 300, 500),
    ("firms with 40 or more staff", "40 or more", 40, None),
    ("towns of 5,000 or fewer people", "5,000 or fewer", None, 5000),
    ("about 600 or less", "600 or less", None, 600),
    ("orders of 2k-8k", "2k-8k", 1500, 8500),
])
def test_ranges_and_bounds(text: str, span: str, lower: float | None, upper: float | None) -> None:
    [q] = find_quantities(text, every_number=True)
    assert q.text == span
    assert (q.lower, q.upper) == (pytest.approx(lower) if lower is not None else None,
                                  pytest.approx(upper) if upper is not None else None)
