"""The word tables of verifier/words/, loaded once and shaped for fast lookup.

The tables are data (YAML, English and Chinese side by side); this module only
turns them into the regular expressions and dictionaries the readers use.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

import verifier

# (the package's __file__, not this module's: compiled by mypyc, a module's __file__ is not
# where its source lies)
WORDS_DIR = Path(verifier.__file__).parent / "words"


def fold(word: str) -> str:
    """The key a case-insensitive regex match is looked up under: re.IGNORECASE matches
    'ſ' as 's', 'K' (Kelvin) as 'k' and 'İ' as 'i', which str.lower() does not map."""
    if word.isascii():
        return word.lower()  # the same there (casefold is lower, one letter for one), at once
    return "".join((ch.casefold() or ch)[0] for ch in word)


# İ, ı and ſ match i and s case-insensitively, but str.lower() keeps them apart
_ODD_CASE = "\u0130\u0131\u017f"


def odd_case(text: str) -> bool:
    """Whether the text holds İ, ı or ſ (then a lowercased text does not tell where a
    case-blind regex matches): never an ASCII text (str.isascii is a flag, no scan); otherwise
    three substring tests, several times faster than a regex scan for the three."""
    return not text.isascii() and any(ch in text for ch in _ODD_CASE)


# libyaml's parser where PyYAML was built with it: the pure-Python one took over a second
# to read the tables on an extractor's first call
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_table(name: str) -> Any:
    """The table of verifier/words/NAME.yaml, a copy of its own for each caller (several build
    their patterns from the same file, and none should see another's changes)."""
    return copy.deepcopy(_parsed_table(name))


@cache
def _parsed_table(name: str) -> Any:
    return read_yaml(WORDS_DIR / f"{name}.yaml")


def read_yaml(path: Path) -> Any:
    """yaml.safe_load of a file, by libyaml when it is there."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)


def alternation(phrases: list[str]) -> str:
    """A regex alternation that tries longer phrases first."""
    unique = sorted({p for p in phrases if p}, key=len, reverse=True)
    tree = prefix_tree(unique, space=re.escape(" "))
    if tree is not None:
        return tree
    return "|".join(re.escape(p) for p in unique)


def _guarded(phrases: list[str]) -> str:
    """alternation(), after a lookahead for the phrases' first characters, for a place after
    another branch (the English one): one test at each position of the text, where the engine
    would compare the character with each first character in turn. (Alone, a regex of the plain
    alternation is faster: the engine scans for its first characters itself.)"""
    body = alternation(phrases)
    firsts = sorted({p[0] for p in phrases if p})
    if not firsts:
        return body
    return "(?=[" + "".join(re.escape(c) for c in firsts) + "])(?:" + body + ")"


def en_phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """Case-insensitive English phrases on word boundaries (spaces may vary)."""
    unique = sorted(set(phrases), key=len, reverse=True)
    return re.compile(_first_letter_guard(unique) + r"(?<![A-Za-z])(?:" + _en_phrase_body(unique)
                      + r")(?![A-Za-z])", re.IGNORECASE)


def _en_phrase_body(unique: list[str]) -> str:
    """en_phrase_regex()'s phrases, without what it tests around them (`unique`: the phrases,
    each once, longest first)."""
    tree = None
    if all(p and p == " ".join(p.split()) for p in unique):
        tree = prefix_tree(unique, space=r"\s+")
    if tree is None:
        tree = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)
    return tree


def _first_letter_guard(phrases: list[str]) -> str:
    """A lookahead for the characters the phrases start with: one test at each position of the
    text rejects most of them, where the regex engine would otherwise try every branch of the
    phrases' first letters (a case-blind branch is never skipped on its first character).
    Empty when a phrase could match nothing."""
    words = [p.split() for p in phrases]
    if not words or not all(words):
        return ""
    firsts = sorted({w[0][0] for w in words})
    return "(?=[" + "".join(re.escape(c) for c in firsts) + "])"


def prefix_tree(phrases: list[str], space: str) -> str | None:
    """The phrases as one regex shaped like a prefix tree ("vehicle(?:s)?" for "vehicle" and
    "vehicles"), `space` standing for each space; None when that shape would not be exact.

    A flat alternation, longest phrase first, makes the regex engine try every phrase at every
    position of the text; the tree reads each character once. Both match the same: at each
    position the longest phrase that fits (and whatever follows the group accepts), then shorter
    ones on backtracking. That needs sibling branches that can never match the same character,
    even case-insensitively: no two siblings may differ only in case, and no letter may be a
    non-ASCII one (case-insensitive matching pairs some of those with ASCII letters: ı, ſ, K).
    """
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    return _tree_regex(tree, space)


def _tree_regex(node: dict[str, Any], space: str) -> str | None:
    keys = sorted(k for k in node if k)
    if len({k.lower() for k in keys}) < len(keys):
        return None
    branches = []
    for k in keys:
        if not k.isascii() and (k.lower() != k or k.upper() != k):
            return None
        rest = _tree_regex(node[k], space)
        if rest is None:
            return None
        branches.append((space if k == " " else re.escape(k)) + rest)
    ends_here = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends_here else group


def word_regex(phrases: list[str]) -> re.Pattern[str]:
    """Case-insensitive phrases as written (a space is one space), in the order given (longest
    first): an ASCII phrase with no letter right before or after it, any other anywhere.

    Made as a flat alternation, the regex engine tries every branch at every position of the
    text. When every other phrase starts with a character from U+3000 on (a Chinese one), no
    position can start phrases of both kinds, and each kind becomes a prefix tree after a
    lookahead for its first characters: the same matches (see prefix_tree), far fewer tests."""
    ascii_phrases = [p for p in phrases if p.isascii()]
    other = [p for p in phrases if not p.isascii()]
    tree = prefix_tree(ascii_phrases, space=re.escape(" ")) if ascii_phrases else ""
    if tree is None or not all(p.strip() for p in ascii_phrases) \
            or not all(ord(p[0]) >= 0x3000 for p in other):
        return re.compile("|".join(
            (rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])" if p.isascii() else re.escape(p))
            for p in phrases), re.IGNORECASE)
    parts = []
    if ascii_phrases:
        parts.append(_first_letter_guard(ascii_phrases) + r"(?<![A-Za-z])(?:" + tree + r")(?![A-Za-z])")
    if other:
        parts.append(_guarded(other))
    return re.compile("|".join(parts), re.IGNORECASE)


def zh_phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(alternation(phrases))


@dataclass(frozen=True)
class Scales:
    en: dict[str, float]
    zh: dict[str, float]
    # single letters after digits, case as written: glued ("10M"), also one space after
    # ("2.33 k"), only after a decimal ("1.2b"), only after a currency sign ("$5m")
    letters_glued: dict[str, float] = field(default_factory=dict)
    letters_spaced: dict[str, float] = field(default_factory=dict)
    letters_after_decimal: dict[str, float] = field(default_factory=dict)
    letters_after_currency: dict[str, float] = field(default_factory=dict)


@cache
def scales() -> Scales:
    table = load_table("scales")
    letters = table.get("en_letters") or {}
    return Scales(en={k.lower(): float(v) for k, v in table["en"].items()},
                  zh={k: float(v) for k, v in table["zh"].items()},
                  **{f"letters_{kind}": {str(k): float(v) for k, v in (letters.get(kind) or {}).items()}
                     for kind in ("glued", "spaced", "after_decimal", "after_currency")})


@dataclass(frozen=True)
class Qualifiers:
    """Qualifier phrases by position; values are the contract's qualifier names."""

    before_en: dict[str, str]
    before_zh: dict[str, str]
    after_en: dict[str, str]
    after_zh: dict[str, str]


@cache
def qualifiers() -> Qualifiers:
    table = load_table("qualifiers")
    maps: dict[str, dict[str, str]] = {"before_en": {}, "before_zh": {}, "after_en": {}, "after_zh": {}}
    for name, positions in table.items():
        for position, by_lang in positions.items():
            for lang, phrases in (by_lang or {}).items():
                for phrase in phrases or []:
                    key = phrase.lower() if lang == "en" else phrase
                    maps[f"{position}_{lang}"][key] = name
    return Qualifiers(**maps)


@dataclass(frozen=True)
class UnitWords:
    after: dict[str, str]  # phrase -> unit (phrases as written; matched case-sensitively for symbols)
    before: dict[str, str]
    scale: dict[str, float]  # an `after` phrase -> the multiple of its unit it stands for ("GWh")


@cache
def units() -> UnitWords:
    table = load_table("units")
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    scale: dict[str, float] = {}
    for unit, positions in table.items():
        for phrase in _flatten(positions.get("after")):
            after.setdefault(phrase, unit)
        for phrase in _flatten(positions.get("before")):
            before.setdefault(phrase, unit)
        for by_lang in (positions.get("scaled_after") or {}).values():
            for phrase, factor in by_lang.items():
                after.setdefault(phrase, unit)
                scale.setdefault(phrase, float(factor))
    return UnitWords(after=after, before=before, scale=scale)


def _flatten(by_lang: dict[str, list[str]] | None) -> list[str]:
    if not by_lang:
        return []
    return [p for phrases in by_lang.values() for p in (phrases or [])]


@dataclass(frozen=True)
class Cues:
    """Regexes for words in a sentence: kinds, measures, durations."""

    target: re.Pattern[str]
    forecast: re.Pattern[str]
    future: re.Pattern[str]
    growth_up: re.Pattern[str]
    growth_down: re.Pattern[str]
    share: re.Pattern[str]
    above_size: re.Pattern[str]
    all_industry: re.Pattern[str]
    net_change: re.Pattern[str]
    flow_verbs: re.Pattern[str]
    additions: re.Pattern[str]
    perfect_tense: re.Pattern[str]
    present_tense: re.Pattern[str]
    average: re.Pattern[str]
    trade: re.Pattern[str]
    series_parts: re.Pattern[str]
    companies: re.Pattern[str]
    clause_fillers: re.Pattern[str]
    average_after: re.Pattern[str]
    duration_en: re.Pattern[str]
    duration_zh: re.Pattern[str]
    counters: frozenset[str]
    anaphor: re.Pattern[str]


def _bilingual(table: dict[str, list[str]], ascii_text: bool = False) -> re.Pattern[str]:
    """English phrases or Chinese ones. ascii_text: the pattern for a text of ASCII only,
    without the phrases that cannot match there (_never_in_ascii)."""
    en = en_phrase_regex(table.get("en", [])).pattern
    zh = _guarded([p for p in table.get("zh", []) if not (ascii_text and _never_in_ascii(p))])
    return re.compile(f"{en}|{zh}" if zh else en, re.IGNORECASE)


def _never_in_ascii(phrase: str) -> bool:
    """Whether the phrase holds a character that matches no ASCII character, even
    case-insensitively: a CJK character or anything else from U+3000 on (the few non-ASCII
    letters that match ASCII ones case-blind, ſ, K, ı, İ, are far below)."""
    return any(ord(ch) >= 0x3000 for ch in phrase)


@cache
def cues() -> Cues:
    return _cues(ascii_text=False)


def cues_for(text: str) -> Cues:
    """cues() for searching `text` (or a part of it): for a text of ASCII only (str.isascii
    is a flag, no scan), the regexes without their Chinese branches, which can never match
    there and cost the regex engine a second test at every position."""
    return _ascii_cues() if text.isascii() else cues()


@cache
def _ascii_cues() -> Cues:
    # a cache of its own, without arguments: looked up several times a figure, where the key of
    # a call with a keyword argument costs more to make than the rest of cues_for
    return _cues(ascii_text=True)


# The Cues made by _bilingual(), and the table (words/<file>.yaml) and entry of each
_BILINGUAL_CUES = {
    "target": ("kinds", "target"),
    "forecast": ("kinds", "forecast"),
    "future": ("kinds", "future"),
    "growth_up": ("measures", "growth_up"),
    "growth_down": ("measures", "growth_down"),
    "share": ("measures", "share"),
    "above_size": ("measures", "above_designated_size"),
    "all_industry": ("measures", "all_industry"),
    "net_change": ("measures", "net_change"),
    "flow_verbs": ("measures", "flow_verbs"),
    "additions": ("measures", "additions"),
    "perfect_tense": ("measures", "perfect_tense"),
    "present_tense": ("measures", "present_tense"),
    "average": ("measures", "average_rate"),
    "trade": ("measures", "trade"),
    "series_parts": ("measures", "series_parts"),
    "companies": ("companies", "subjects"),
    "anaphor": ("measures", "anaphors"),
}


def _cue_table(name: str) -> dict[str, list[str]]:
    file, entry = _BILINGUAL_CUES[name]
    table: dict[str, list[str]] = load_table(file)[entry]
    return table


def loose_cues(ascii_text: bool) -> dict[str, re.Pattern[str]]:
    """For each cue of _BILINGUAL_CUES, a case-sensitive pattern of its phrases in lower case,
    without the tests around them (no letter before or after an English phrase), to search a
    lower-cased text with. ascii_text: for a text of ASCII only, without the phrases that
    cannot match there.

    A match of the cue in any part of a text (a slice, or pos and endpos) is made of the same
    characters as a match of its loose pattern in the whole lower-cased text at the same place,
    when the text holds none of İ, ı, ſ (odd_case): case-blind, any other character matches a
    lower-case ASCII letter, or a character without case (Chinese, digits, punctuation), just
    when its lower case is that character; and white space is white space in either. So where
    no loose match starts, no match of the cue does. A case-sensitive pattern whose branches
    open with plain characters is searched fast: the regex engine skips the characters no
    phrase starts with itself, where a case-blind one tries every branch at each position."""
    return _ascii_loose_cues() if ascii_text else _loose_cues(False)


@cache
def _ascii_loose_cues() -> dict[str, re.Pattern[str]]:
    return _loose_cues(True)


@cache
def _loose_cues(ascii_text: bool) -> dict[str, re.Pattern[str]]:
    return {name: loose_regex(_loose_phrases(name, ascii_text)) for name in _BILINGUAL_CUES}


def _loose_phrases(name: str, ascii_text: bool) -> list[str]:
    """The phrases of a cue of _BILINGUAL_CUES, without those that cannot match in a text of
    ASCII only when `ascii_text`."""
    table = _cue_table(name)
    return table.get("en", []) + [p for p in table.get("zh", [])
                                  if not (ascii_text and _never_in_ascii(p))]


@dataclass(frozen=True)
class LooseUnion:
    """Several cues' loose patterns (loose_cues) as one, to find where each matches in a
    lower-cased text by one scan instead of one per cue (loose_union)."""

    names: tuple[str, ...]  # the cues
    pattern: re.Pattern[str]  # the phrases of all the cues, as loose_regex() makes them
    # a phrase, its spaces single -> the cues whose loose pattern matches wherever it does
    cues: dict[str, tuple[str, ...]]


def _single_spaced(phrase: str) -> str:
    return " ".join(phrase.split())


def loose_union(names: tuple[str, ...], ascii_text: bool) -> LooseUnion:
    """The loose patterns of the cues `names` (of _BILINGUAL_CUES) as one: a cue's loose pattern
    matches at a place just when this pattern matches there with a phrase listed under it.

    Why: loose_regex() makes a phrase match its words with any white space between them, so
    a match of it, its white space made single spaces (_single_spaced), is the phrase. At one
    place, of two phrases that match, the shorter match is the start of the longer, and so the
    shorter phrase is the start of the longer one (each match ends with a character of a word,
    not a space). The pattern matches the longest phrase that matches at a place (a flat
    alternation tries the longest first; a prefix tree follows the text's one path as far as it
    goes, see prefix_tree), so the phrases matching there are those phrases that start it: the
    cues listed under it are those with a phrase that starts it."""
    return _ascii_loose_union(names) if ascii_text else _loose_union(names, False)


# The name loose_union_with_places() lists the place names under, beside the cues'
PLACE_NAMES = "place_names"


def loose_union_with_places(names: tuple[str, ...], ascii_text: bool) -> LooseUnion:
    """loose_union() of the cues `names` and of the place names (place_regex), listed under
    PLACE_NAMES: where any of them starts, found by one scan of a lower-cased text. The place
    names' loose regex (loose_place_regex) matches at a place just when one of its names does,
    as a cue's loose pattern does with its phrases, so they are one more group of phrases to
    the union. ascii_text: without the names that cannot match in a text of ASCII only."""
    return _loose_union(names, ascii_text, True)


def _loose_place_names(ascii_text: bool) -> list[str]:
    """The place names (place_regex), without those that cannot match in a text of ASCII only
    when `ascii_text`: a loose regex matches a character outside ASCII that is no white space
    as itself."""
    names = list(place_regex()[1])
    return [n for n in names if "".join(n.split()).isascii()] if ascii_text else names


@cache
def _ascii_loose_union(names: tuple[str, ...]) -> LooseUnion:
    return _loose_union(names, True)


@cache
def _loose_union(names: tuple[str, ...], ascii_text: bool, places: bool = False) -> LooseUnion:
    groups = [(name, _loose_phrases(name, ascii_text)) for name in names]
    if places:
        groups.append((PLACE_NAMES, _loose_place_names(ascii_text)))
        names = (*names, PLACE_NAMES)
    by_phrase: dict[str, set[str]] = {}
    every = []
    for name, phrases in groups:
        every.extend(phrases)
        for phrase in phrases:
            by_phrase.setdefault(_single_spaced(phrase.lower()), set()).add(name)
    cues = {}
    for phrase in by_phrase:  # the cues of the phrases that start it, itself too
        of = set().union(*(by_phrase.get(phrase[:n], ()) for n in range(1, len(phrase) + 1)))
        cues[phrase] = tuple(name for name in names if name in of)
    return LooseUnion(names=names, pattern=loose_regex(every), cues=cues)


def loose_regex(phrases: list[str]) -> re.Pattern[str]:
    """The phrases in lower case, to search a lower-cased text with: case-sensitive, a space
    standing for any white space, no test of what stands around them (see loose_cues)."""
    if not all(phrases):
        raise ValueError("an empty phrase: it would match anywhere")
    return re.compile(_en_phrase_body(sorted({p.lower() for p in phrases}, key=len, reverse=True)))


@cache
def _cues(ascii_text: bool) -> Cues:
    measures = load_table("measures")
    durations = load_table("time_units")

    def bilingual(table: dict[str, list[str]]) -> re.Pattern[str]:
        return _bilingual(table, ascii_text)

    return Cues(
        **{name: bilingual(_cue_table(name)) for name in _BILINGUAL_CUES},
        clause_fillers=re.compile(alternation(measures["clause_fillers"]["zh"])),
        # "7.9 percent a year", but not "a year earlier": matched right after the figure
        average_after=re.compile(r"\s*(?:" + bilingual(measures["average_rate_after"]).pattern
                                  + r")(?!\s+(?:earlier|ago|before|later))", re.IGNORECASE),
        duration_en=re.compile(
            r"\s*(?:" + en_phrase_regex(durations["en"]).pattern + r")", re.IGNORECASE
        ),
        duration_zh=re.compile(alternation(durations["zh"])),
        counters=frozenset(w.lower() for w in measures["counters"]["en"] + measures["count_nouns"]["en"]),
    )


@cache
def densities() -> tuple[re.Pattern[str], dict[str, str]]:
    """'per 10,000 workers', 'for every 10,000 people', '每万名工人', '每万人': the unit each names
    (group "who" holds the population word)."""
    table = load_table("measures")["per_10k"]
    by_word: dict[str, str] = {}
    for unit, langs in table.items():
        for words in langs.values():
            for w in words:
                by_word.setdefault(w.lower(), unit)
    en = en_phrase_regex([w for w in by_word if w.isascii()]).pattern
    zh = alternation([w for w in by_word if not w.isascii()])
    pattern = re.compile(
        r"(?:\bper|\bfor\s+every|\bfor\s+each)\s+10,?000\s+(?:[A-Za-z]+\s+){0,2}?(?P<who>" + en + ")"
        r"|每万(?:名|个)?(?P<who_zh>" + zh + ")", re.IGNORECASE)
    return pattern, by_word


@dataclass(frozen=True)
class Place:
    code: str
    names: tuple[str, ...]


@cache
def places() -> tuple[Place, ...]:
    table = load_table("geography")
    found = []
    for entry in [table["national"], *table["provinces"], *table["cities"], table["world"],
                  *table["countries"]]:
        found.append(Place(code=entry["code"], names=tuple(entry["en"]) + tuple(entry["zh"])))
    return tuple(found)


@cache
def place_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    by_name = {name.lower(): p.code for p in places() for name in p.names}
    en = [n for n in by_name if n.isascii()]
    zh = [n for n in by_name if not n.isascii()]
    pattern = re.compile(
        en_phrase_regex(en).pattern + "|" + _guarded(zh), re.IGNORECASE
    )
    return pattern, by_name


@cache
def place_regex_en() -> re.Pattern[str]:
    """place_regex() without its Chinese branch: the same matches in a text of ASCII only
    (a Chinese name starts with a Chinese character), found faster."""
    by_name = place_regex()[1]
    return en_phrase_regex([n for n in by_name if n.isascii()])


@cache
def loose_place_regex() -> re.Pattern[str]:
    """The place names for a lower-cased text (loose_regex): where a match of place_regex() or
    place_regex_en() starts in a text without İ, ı, ſ, one of this starts in the text lower-cased
    (see loose_cues)."""
    return loose_regex(list(place_regex()[1]))


@cache
def place_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'全省', 'the province' (the province named before), and venue words before a place."""
    table = load_table("geography")
    same = _bilingual(table["same_province"])
    venue = re.compile(r"(?:" + _bilingual(table["venue_before"]).pattern + r")\s*$", re.IGNORECASE)
    return same, venue


@dataclass(frozen=True)
class CompanySources:
    """What makes a company named in a sentence the source of a figure, or one of several,
    rather than whose figure it is (words/companies.yaml): words right before it, right after."""
    before: re.Pattern[str]
    after: re.Pattern[str]


@cache
def company_sources() -> CompanySources:
    table = load_table("companies")
    return CompanySources(
        before=re.compile(r"(?:" + _bilingual(table["source_before"]).pattern + r")\s*$",
                          re.IGNORECASE),
        after=re.compile(r"\s*(?:" + _bilingual(table["source_after"]).pattern + ")",
                         re.IGNORECASE))


@cache
def world_not_a_place_after() -> re.Pattern[str]:
    """What makes a world word right before it a rank or a name (words/geography.yaml)."""
    table = load_table("geography")["world_not_a_place_after"]
    return re.compile(alternation(table["en"] + table["zh"]), re.IGNORECASE)


@cache
def period_words() -> dict[str, Any]:
    table: dict[str, Any] = load_table("periods")
    return table


@cache
def flashback() -> re.Pattern[str]:
    """'而在2022年', 'back in 2021': words that open a look back (words/periods.yaml)."""
    return _bilingual(period_words()["flashback"])


@dataclass(frozen=True)
class NotClaims:
    """Words around a number that make it furniture or a label (words/not_claims.yaml)."""

    before: re.Pattern[str]  # searched at the end of the text before the number
    after: re.Pattern[str]  # matched at the start of the text after it
    reference: re.Pattern[str]  # searched at the end of the text before a small bare number


@cache
def not_claims() -> NotClaims:
    table = load_table("not_claims")
    before_en = [str(w) for w in table["before"]["en"]]
    before = re.compile(
        r"(?:" + _first_letter_guard(before_en) + r"(?<![A-Za-z])(?:"
        + "|".join(re.escape(w) for w in sorted(before_en, key=len, reverse=True))
        + r")\.?|" + _guarded([str(w) for w in table["before"]["zh"]]) + r")$",
        re.IGNORECASE)
    after_en = en_phrase_regex([str(w) for w in table["after"]["en"]]).pattern
    after = re.compile(r"\s*(?:" + after_en + r")|\s*(?:" + _guarded(
        [str(w) for w in table["after"]["zh"]]) + ")", re.IGNORECASE)
    references = table["references"]
    reference = re.compile(
        r"(?:" + en_phrase_regex([str(w) for w in references["en"]]).pattern + r"\.?|"
        + _guarded([str(w) for w in references["zh"]]) + r")$", re.IGNORECASE)
    return NotClaims(before=before, after=after, reference=reference)
