"""The indicator catalogue and linking a quantity to the thing it measures.

Linking finds the catalogue's aliases in the sentence (exact, then a rapidfuzz
token match for reordered English wording), keeps those whose family can carry
the quantity's unit, and takes the nearest. A family is a level with its growth
rate and shares (`nev_production`, `nev_production_growth`): the cue words
around a percentage pick the member.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from mypy_extensions import mypyc_attr
from rapidfuzz import fuzz, process

from verifier import lexicon
from verifier.quantities import Quantity

_FAMILY_SUFFIXES = ("_share_of_gdp", "_share_of_world", "_growth_all", "_growth", "_share",
                    "_value_added", "_new")
PERCENT_UNITS = ("percent", "percentage_point")
_COMMON_UNITS = ("count", "CNY", "USD", *PERCENT_UNITS)  # units many indicators share


@dataclass(frozen=True)
class Indicator:
    id: str
    name_en: str
    name_zh: str
    aliases_en: tuple[str, ...]
    aliases_zh: tuple[str, ...]
    unit: str
    measure: str  # stock | flow | growth | share
    frequency: str
    tolerance: float
    not_to_confuse_with: tuple[str, ...] = ()
    note: str = ""
    cues: tuple[str, ...] = ()  # words that pick this id when an alias is shared ("sold" -> sales)
    unit_default: bool = False  # what a figure in this unit measures when nothing else is named
    # a flow member ("_new") that counts what the level gained in a period ("5G base stations
    # built"); False for one that counts a list or batch (a year's green factories list), which a
    # net change of the level ("新增1335家" between two year-end totals) is not
    net_additions: bool = True

    @cached_property
    def family(self) -> str:
        base = self.id
        changed = True
        while changed:
            changed = False
            for suffix in _FAMILY_SUFFIXES:
                if base.endswith(suffix) and base != suffix.strip("_"):
                    base = base[: -len(suffix)]
                    changed = True
        return base

    @property
    def is_rate(self) -> bool:
        return self.measure in ("growth", "share")


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]

    def get(self, indicator_id: str | None) -> Indicator | None:
        return self.indicators.get(indicator_id) if indicator_id else None

    @cached_property
    def _families(self) -> dict[str, list[Indicator]]:
        # computed once: linking asks for a family for every quantity
        out: dict[str, list[Indicator]] = {}
        for ind in self.indicators.values():
            out.setdefault(ind.family, []).append(ind)
        return out

    def family_members(self, family: str) -> list[Indicator]:
        return self._families.get(family, [])


def load_catalogue(path: Path) -> Catalogue:
    raw = lexicon.read_yaml(path)
    indicators = {}
    for entry in raw["indicators"]:
        aliases = entry.get("aliases") or {}
        name = entry.get("name") or {}
        ind = Indicator(
            id=entry["id"],
            name_en=name.get("en", entry["id"]),
            name_zh=name.get("zh", ""),
            aliases_en=tuple(str(a) for a in [name.get("en", ""), *(aliases.get("en") or [])] if a),
            aliases_zh=tuple(str(a) for a in [name.get("zh", ""), *(aliases.get("zh") or [])] if a),
            unit=entry["unit"],
            measure=entry["measure"],
            frequency=entry.get("frequency", "annual"),
            tolerance=float(entry.get("tolerance", 0.02)),
            not_to_confuse_with=tuple(entry.get("not_to_confuse_with") or ()),
            note=entry.get("note", ""),
            cues=tuple(str(c) for lang in (entry.get("cues") or {}).values() for c in lang or []),
            unit_default=bool(entry.get("unit_default", False)),
            net_additions=bool(entry.get("net_additions", True)),
        )
        indicators[ind.id] = ind
    return Catalogue(indicators)


# plain slotted dataclasses: made for every figure and alias, where a frozen one's __init__
# costs several times more, and nothing hashes or changes them
@dataclass(slots=True)
class Link:
    indicator: str | None
    candidates: tuple[str, ...]
    unit: str  # the quantity's unit, or the one the indicator implies ("the 40 trillion mark")


class _Rates(NamedTuple):
    rates: list[Indicator]
    shares: list[Indicator]
    growths: list[Indicator]


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    indicator: str
    shared: tuple[str, ...] = ()  # every id the alias names, when several do


class _Sentence:
    """What linking reads from a sentence alone, found once for all of its figures (the first
    figure that needs a thing finds it)."""

    __slots__ = ("_brackets", "_cue_re", "_cue_words", "_grown", "_loose", "_lower",
                 "_share_cues", "cues", "text")

    def __init__(self, text: str, cue_re: re.Pattern[str] | None) -> None:
        self.text = text
        self._cue_re = cue_re

        self.cues = lexicon.cues_for(text)
        self._brackets: list[tuple[int, int]] | None = None
        self._cue_words: list[tuple[int, int, str]] | None = None
        # Linker._share_cue for each figure's (start, end) asked so far: a figure's link asks
        # it for each alias of a family with rates, and again when it is linked twice
        self._share_cues: dict[tuple[int, int], bool] = {}
        self._grown: dict[tuple[int, int], str] = {}  # grown(), by figure, likewise
        # the lowercased text and the cues' loose patterns, made when first asked for (None:
        # not yet); the text is "" where it holds İ, ı or ſ and so cannot stand for the text
        self._lower: str | None = None
        self._loose: dict[str, re.Pattern[str]] | None = None

    def share_cue(self, q_start: int, q_end: int) -> bool:
        """Linker._share_cue(self.cues.share, self.text, q_start, q_end), found once a figure."""
        found = self._share_cues.get((q_start, q_end))
        if found is None:
            found = self._share_cues[q_start, q_end] = Linker._share_cue(
                self.cues.share, self.text, q_start, q_end)
        return found

    def grown(self, q_start: int, q_end: int) -> str:
        """What a growth word nearest before the figure in its clause says grew by so much:
        "thing" when the clause has no share word ("占新车总销量的40%，同比增长5%", "made up 40
        percent of car sales, and sales rose 35.5 percent": a share word of an earlier clause
        is that clause's figure's); "share" when the growth word follows the clause's share
        word ("渗透率同比增长5%": a share's relative change, which no series carries); "" when
        there is none, or a word of the level reached or left stands between ("提升至16.3%",
        "up from 31 percent", words/measures.yaml growth_not_by), or a share word follows the
        figure in its clause. A share's change in points is no percent, and is not asked."""
        found = self._grown.get((q_start, q_end))
        if found is None:
            last = _LAST_CLAUSE_END.match(self.text, 0, q_start)
            left = last.end() if last is not None else 0
            # most figures have no growth word in their clause, which growth_cued finds fast (a
            # match with pos and endpos is one in the slice too: none there, none at all)
            found = self._grown[q_start, q_end] = \
                _grown(self.cues, self.text, left, q_start, q_end) \
                if self.growth_cued(left, q_start) else ""
        return found

    def growth_cued(self, start: int, end: int) -> bool:
        """Whether cues.growth_up or cues.growth_down matches in text[start:end].

        Each case-blind cue is a long alternation tried at every place; its loose pattern
        (lexicon.loose_cues) in the lowercased text is searched fast, and matches wherever the
        cue does in any part of the text (its match there is made of the same characters, and
        it has no lookaround to see past start or end), when the text holds no İ, ı or ſ. So
        where the loose one finds nothing, the cue finds nothing either."""
        if self._lower is None:
            self._lower = "" if lexicon.odd_case(self.text) else self.text.lower()
            self._loose = lexicon.loose_cues(self.text.isascii())
        return self._cued("growth_up", self.cues.growth_up, start, end) \
            or self._cued("growth_down", self.cues.growth_down, start, end)

    def _cued(self, name: str, cue: re.Pattern[str], start: int, end: int) -> bool:
        """cue.search(text[start:end]), skipped where its loose one finds nothing (growth_cued
        says why that is exact)."""
        if self._lower and self._loose is not None \
                and self._loose[name].search(self._lower, start, end) is None:
            return False
        return cue.search(self.text[start:end]) is not None

    # found when first asked for (functools.cached_property takes a lock each time)
    def brackets(self) -> list[tuple[int, int]]:
        if self._brackets is None:
            # an aside opens with a bracket: most sentences have none to scan for
            self._brackets = [(m.start(), m.end()) for m in _BRACKETED.finditer(self.text)] \
                if "(" in self.text or "（" in self.text else []
        return self._brackets

    def cue_words(self) -> list[tuple[int, int, str]]:
        """Every cue word of the sentence (a scan of all of it), folded."""
        if self._cue_words is None:
            # finditer's first match is search's: a sentence with none needs no iterator
            self._cue_words = [] if self._cue_re is None or not self._cue_re.search(self.text) \
                else [(m.start(), m.end(), lexicon.fold(m.group(0)))
                      for m in self._cue_re.finditer(self.text)]
        return self._cue_words


@mypyc_attr(native_class=False)  # mypyc makes no native subclass of a builtin type
class _Hits(list[_Hit]):
    """The aliases a sentence names, with the sentence's facts for linking its figures (set
    right after it is made: a list subclass with no __init__ of its own is made in C, where
    one made for every sentence cost a Python call and list.__init__ through super())."""

    __slots__ = ("facts",)
    facts: _Sentence


class Linker:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        en: dict[str, str] = {}
        zh: dict[str, str] = {}
        self._shared: dict[str, tuple[str, ...]] = {}
        for ind in catalogue.indicators.values():
            for alias in ind.aliases_en:
                key = " ".join(alias.lower().split())
                en.setdefault(key, ind.id)
                self._share(key, ind)
            for alias in ind.aliases_zh:
                zh.setdefault(alias, ind.id)
                self._share(alias, ind)
        self._en = en
        self._zh = zh
        self._unit_default = {i.unit: i.id for i in catalogue.indicators.values() if i.unit_default}
        # a unit only one indicator is kept in ("per 10,000 people") names it as well
        by_unit: dict[str, list[str]] = {}
        for i in catalogue.indicators.values():
            by_unit.setdefault(i.unit, []).append(i.id)
        for unit, ids in by_unit.items():
            if len(ids) == 1 and unit not in _COMMON_UNITS:
                self._unit_default.setdefault(unit, ids[0])
        cue_words = sorted({c for i in catalogue.indicators.values() for c in i.cues}, key=len,
                           reverse=True)
        self._cue_re = lexicon.word_regex(cue_words) if cue_words else None
        # the ids each id shares an alias with ("new energy vehicles": production and sales)
        self._siblings: dict[str, tuple[str, ...]] = {}
        for group in self._shared.values():
            for member_id in group:
                self._siblings[member_id] = tuple(sorted({*self._siblings.get(member_id, ()), *group}))
        self._cue_words = {i.id: frozenset(c.lower() for c in i.cues)
                           for i in catalogue.indicators.values()}
        # each share's alias that opens with another thing's alias ("新能源汽车渗透率"): that one
        self._zh_subjects = _share_subjects(zh, catalogue, words=False)
        self._en_subjects = _share_subjects(en, catalogue, words=True)
        self._en_re = lexicon.en_phrase_regex(list(en)) if en else None
        # the keys are lowercased ASCII: in an ASCII sentence, lowercased, the same pattern
        # matches the same spans case-sensitively, which the regex engine does faster
        self._en_lower_re = re.compile(self._en_re.pattern) \
            if self._en_re is not None and all(k.isascii() and k == k.lower() for k in en) else None
        self._en_after_re = _after_non_letter(self._en_lower_re)
        self._zh_re = lexicon.zh_phrase_regex(list(zh)) if zh else None
        # in an ASCII sentence only the ASCII aliases can match ("GDP"); the regex matches the
        # longest alias at each place, which the one of those aliases alone matches as well
        zh_ascii = [a for a in zh if a.isascii()]
        self._zh_ascii_re = lexicon.zh_phrase_regex(zh_ascii) if zh_ascii else None
        self._en_choices = list(en)
        self._fuzzy_index = _FuzzyIndex(self._en_choices)
        # each family's members by what they measure, which _member_for asks for every figure:
        # the rates (shares and growths among them) that carry a percentage, those that carry
        # percentage points, and the levels
        self._rates: dict[tuple[str, str], _Rates] = {}
        self._levels: dict[str, list[Indicator]] = {}
        for family in {i.family for i in catalogue.indicators.values()}:
            members = catalogue.family_members(family)
            for unit in PERCENT_UNITS:
                rates = [m for m in members if m.is_rate
                         and (unit == "percent" or m.unit == "percentage_point")]
                self._rates[family, unit] = _Rates(
                    rates, [m for m in rates if m.measure == "share"],
                    [m for m in rates if m.measure == "growth"])
            self._levels[family] = [m for m in members if not m.is_rate]
        self._compatible: dict[tuple[str, str, bool, bool],
                               tuple[list[Indicator], frozenset[str]]] = {}

    def _share(self, alias: str, ind: Indicator) -> None:
        ids = self._shared.get(alias, ())
        if ind.cues and ind.id not in ids:
            self._shared[alias] = (*ids, ind.id)

    def hits(self, sentence: str) -> list[_Hit]:
        found: list[_Hit] = []
        ascii_text = sentence.isascii()
        if self._en_after_re is not None and not lexicon.odd_case(sentence):
            # fold() of an ASCII text is its lowercase; each alias is found with the character
            # before it, in the text after a space (see _after_non_letter). So is it in another
            # text without İ, ı or ſ (odd_case): the case-blind regex matches an ASCII letter
            # only to itself, its other case or the Kelvin sign K, the characters str.lower()
            # turns into it (and K's fold() too); its other characters (digits, signs, white
            # space) have no case; and lower() keeps the text's length (only İ grows).
            text = " " + sentence.lower()
            search = self._en_after_re.search
            m = search(text)
            while m is not None:
                key = " ".join(m.group(0)[1:].split())
                # the offsets in the text after the space are the sentence's plus one
                found.append(_Hit(m.start(), m.end() - 1, self._en[key], self._shared.get(key, ())))
                # the next alias may start right at this one's end, after its last character
                m = search(text, m.end() - 1)
        elif ascii_text and self._en_lower_re is not None:
            for m in self._en_lower_re.finditer(sentence.lower()):
                key = " ".join(m.group(0).split())
                found.append(_Hit(m.start(), m.end(), self._en[key], self._shared.get(key, ())))
        elif self._en_re is not None:
            # finditer's matches (no phrase is empty; the lookbehind sees the text before the
            # search's start): most Chinese sentences have none, found by one cheap search
            m = self._en_re.search(sentence)
            while m is not None:
                key = " ".join(lexicon.fold(m.group(0)).split())
                found.append(_Hit(m.start(), m.end(), self._en[key], self._shared.get(key, ())))
                m = self._en_re.search(sentence, m.end())
        zh_re = self._zh_ascii_re if ascii_text else self._zh_re
        if zh_re is not None:
            # finditer's matches, by search from each one's end (no alias is empty, and the
            # pattern has no lookaround): most sentences have none, and a search that finds
            # nothing costs half as much as making the iterator
            m = zh_re.search(sentence)
            while m is not None:
                found.append(_Hit(m.start(), m.end(), self._zh[m.group(0)],
                                  self._shared.get(m.group(0), ())))
                m = zh_re.search(sentence, m.end())
        out = _Hits(found)
        out.facts = _Sentence(sentence, self._cue_re)
        return out

    def _facts(self, sentence: str, hits: list[_Hit]) -> _Sentence:
        """The sentence's facts found by hits(), or new ones for hits made otherwise."""
        if isinstance(hits, _Hits) and hits.facts.text == sentence:
            return hits.facts
        return _Sentence(sentence, self._cue_re)

    def topic(self, hits: list[_Hit]) -> list[_Hit]:
        """The subject a sentence was about, for the next one ("Sales climbed 93.4 percent")."""
        # an alias of one id that shares others with siblings ("production of new energy
        # vehicles") carries them all, so that "Sales were up 35.5 percent" can pick its own
        return [h if len(h.shared) > 1 else replace(h, shared=self._siblings[h.indicator])
                for h in hits if len(h.shared) > 1 or h.indicator in self._siblings][-1:]

    def cue_near(self, sentence: str, q_start: int, q_end: int, reach: int = 30) -> bool:
        """A cue word shortly before the figure: "Sales were up", "and sales 37.9 percent",
        "，其中销量", but not one glued to a Chinese noun ("汽车产销量": cars, another subject).
        reach: how far back, in characters."""
        if self._cue_re is None:
            return False
        # finditer's first match over the same span is search's: none, no iterator
        start = max(0, q_start - reach)
        if not self._cue_re.search(sentence, start, q_start):
            return False
        for m in self._cue_re.finditer(sentence, start, q_start):
            before = sentence[max(0, m.start() - 2):m.start()]
            if not before or not _CJK.match(before[-1]) \
                    or lexicon.cues().clause_fillers.search(before):
                return True
        return False

    def by_cue(self, hit: _Hit, sentence: str, q_start: int, q_end: int,
               facts: _Sentence | None = None) -> str:
        """An alias several ids share ("new energy vehicles"): the nearest cue word decides."""
        if self._cue_re is None:
            return hit.indicator
        if len(hit.shared) < 2:
            return self._sibling_by_cue(hit, sentence, q_start, q_end)
        if facts is None:
            facts = _Sentence(sentence, self._cue_re)
        best, best_d = hit.indicator, float("inf")
        for start, end, word in facts.cue_words():
            d = q_start - end if end <= q_start else (start - q_end) * 1.5
            if d < 0:
                continue
            for i in hit.shared:
                if word in self._cue_words[i] and d < best_d:
                    best, best_d = i, d
        return best

    def _sibling_by_cue(self, hit: _Hit, sentence: str, q_start: int, q_end: int) -> str:
        """'Production of new energy vehicles reached 9.587 million and sales came to 9.495
        million', '9.587 million NEVs produced and 9.495 million sold': an alias of one id
        names it up to a cue word of an id it shares an alias with, standing between the alias
        and the figure or right after the figure."""
        siblings = self._siblings.get(hit.indicator, ())
        if not siblings or hit.end > q_start or self._cue_re is None:
            return hit.indicator
        best, best_d = hit.indicator, float(q_start - hit.end)
        # finditer's first match over the same span is search's: none, no iterator
        found = [(float(q_start - m.end()), m.group(0))
                 for m in self._cue_re.finditer(sentence, hit.end, q_start)] \
            if self._cue_re.search(sentence, hit.end, q_start) else []
        after = self._cue_re.match(sentence, q_end + 1) if sentence[q_end:q_end + 1] == " " else None
        if after is not None:
            found.append((1.5, after.group(0)))
        for d, word in found:
            for i in siblings:
                if d < best_d and word.lower() in self._cue_words[i]:
                    best, best_d = i, d
        return best

    def ids_by_cue(self, indicator_id: str, sentence: str, start: int, end: int) -> list[str]:
        """The ids that share an alias with this one ("new energy vehicles": production, sales)
        whose cue words stand in sentence[start:end], in the order the cues come."""
        # every id of the aliases it shares, sorted (made once in __init__)
        siblings = self._siblings.get(indicator_id, ())
        if self._cue_re is None or not siblings:
            return []
        found: list[str] = []
        if not self._cue_re.search(sentence, start, end):  # finditer's first match: none
            return found
        for m in self._cue_re.finditer(sentence, start, end):
            word = lexicon.fold(m.group(0))
            for i in siblings:
                if i not in found and word in self._cue_words[i]:
                    found.append(i)
        return found

    def link(self, sentence: str, q: Quantity, q_start: int, q_end: int,
             hits: list[_Hit], change: bool = False) -> Link:
        """q_start/q_end: the quantity's offsets inside `sentence`; `change`: a count that is a
        net addition ("a net increase of 298,000"), which only a flow indicator can carry."""
        link = self._link(sentence, q, q_start, q_end, hits)
        if not change or q.unit in PERCENT_UNITS or link.indicator is None:
            return link
        if link.indicator.endswith("_new"):
            return link
        additions = self.additions(link.indicator, q)
        return Link(additions, link.candidates, link.unit) if additions \
            else Link(None, link.candidates, q.unit)

    def additions(self, indicator_id: str, q: Quantity) -> str | None:
        """The member of a level's family that counts what it gained in a period ('5G base
        stations built'), when there is one that can carry this figure."""
        ind = self.catalogue.indicators[indicator_id]
        return next((m.id for m in self.catalogue.family_members(ind.family)
                     if m.id.endswith("_new") and m.net_additions and _unit_fits(m.unit, q)), None)

    def _link(self, sentence: str, q: Quantity, q_start: int, q_end: int,
              hits: list[_Hit]) -> Link:
        if not hits:  # nothing named, nor listed (_listed needs a hit)
            return self._unnamed(sentence, q, q_start, q_end, facts=self._facts(sentence, hits))
        listed = self._listed(sentence, q, q_start, q_end, hits)
        if listed is not None:
            return Link(listed, (listed,), q.unit)
        scored: dict[str, float] = {}
        own_blocker = 0  # the end of a nearer alias that cannot carry this figure
        scored_end: dict[str, int] = {}
        facts = self._facts(sentence, hits)
        counts_other_noun = self._counts_other_noun(sentence, q, q_start, q_end)
        brackets = facts.brackets()  # most sentences have none: no list to make from them
        asides = [(a, b) for a, b in brackets if not a < q_start < b] if brackets else []
        wholes: set[str] = set()  # the families of what the figure is a share or a ratio of
        # _member_for of each id asked so far: several aliases of a sentence often name one id
        # ("GDP ... 国内生产总值"), and its answer is the same for this figure each time
        members: dict[str, str | None] = {}
        for hit in hits:
            if hit.start < q_end and hit.end > q_start:
                continue
            if asides and any(a <= hit.start and hit.end <= b for a, b in asides):
                continue  # "core industries (electronics manufacturing, telecoms, ...)": examples
            if counts_other_noun and not (q_end <= hit.start <= q_end + 25
                                          or _NOUN_PHRASE.fullmatch(sentence, q_end, hit.start)):
                continue  # the noun counted is the alias, or words that lead into it
            if q.unit in PERCENT_UNITS and self._is_denominator(sentence, hit, q_end):
                wholes.add(self.catalogue.indicators[hit.indicator].family)
                continue
            distance: float
            if hit.end <= q_start:
                distance = float(q_start - hit.end)  # (mypyc keeps int and float apart)
                between = sentence[hit.end:q_start]
            else:
                distance = (hit.start - q_end) * 1.5 + 10
                between = sentence[q_end:hit.start]
                if _clause_break(between) and not _compared_before_subject(sentence, q_start,
                                                                           q_end, hit.start,
                                                                           hit.end):
                    continue  # a noun in a later clause is that clause's subject, not this figure's
            crosses = _crosses_other_number(between)
            if crosses:
                own_unit = q.unit not in _COMMON_UNITS and \
                    q.unit == self.catalogue.indicators[hit.indicator].unit
                last_number_end = _last_number_end(between)
                if q.unit not in PERCENT_UNITS and not own_unit and \
                        _LIST_BREAK.search(between, last_number_end):
                    # "绿色工厂6430家、绿色工业园区491家": the alias belongs to the earlier item;
                    # but a unit only that thing is measured in ("230 EFLOPS ... to 280 EFLOPS")
                    # keeps it across the list
                    continue
                if hit.end <= q_start and self._new_subject(between[last_number_end:]):
                    continue  # "工业机器人产量增长14.2%，集成电路产量增长22.2%": another item
                distance += 60
            # _SENTENCE_STOP.search(between): its class is three characters, and three substring
            # tests cost less than a regex call
            if ";" in between or "；" in between or "。" in between:
                distance += 120
            # by_cue answers the hit's own id for an alias of one id with no siblings (most)
            named = self.by_cue(hit, sentence, q_start, q_end, facts) \
                if len(hit.shared) > 1 or hit.indicator in self._siblings else hit.indicator
            if named in members:
                member = members[named]
            else:
                member = members[named] = self._member_for(named, q, sentence, q_start, q_end,
                                                           facts)
            if member is None and hit.end <= q_start and q.unit == "percent" \
                    and self.catalogue.indicators[named].measure == "share":
                # "新能源汽车渗透率达40%，销量同比增长35.5%": a growth after a share, of the thing
                # the share's alias names before its share word
                member = self._share_subject(hit, sentence, q, q_start, q_end, facts)
            if member is None and hit.end <= q_start and not crosses:
                # "enterprises above designated size increased their value added by": the
                # measure of the thing, when the catalogue names it
                member = self._possessive(hit, sentence, between, q, q_start, q_end, facts)
                if member is None:
                    # "230EFLOPS 智能算力增速超七成": the thing named right before the figure has
                    # no series for it; a subject further back across a figure is not this one's
                    own_blocker = max(own_blocker, hit.end)
            if member is None:
                continue
            family_key = member
            distance -= min(hit.end - hit.start, 30) * 0.5  # the hit lies inside the sentence
            if family_key not in scored or distance < scored[family_key]:
                scored[family_key] = distance
                scored_end[family_key] = hit.end
        if own_blocker:
            scored = {k: d for k, d in scored.items() if scored_end[k] > own_blocker}
        if not scored:
            return self._unnamed(sentence, q, q_start, q_end, counts_other_noun, facts, wholes)
        return self._ranked(scored, q)

    def _unnamed(self, sentence: str, q: Quantity, q_start: int, q_end: int,
                 counts_other_noun: bool | None = None, facts: _Sentence | None = None,
                 wholes: frozenset[str] | set[str] = frozenset()) -> Link:
        """No alias near the figure can carry it: reordered wording, or a unit that names it.
        wholes: the families of aliases the figure is a share of ("energy consumption per unit
        of industrial value added"), which the loose match over the same words must not find
        again as the figure's subject."""
        if counts_other_noun is None:
            counts_other_noun = self._counts_other_noun(sentence, q, q_start, q_end)
        scored: dict[str, float] = {}
        if not counts_other_noun:
            fuzzy = self._fuzzy(sentence, q, q_start, q_end, facts)
            if fuzzy and self.catalogue.indicators[fuzzy].family not in wholes:
                scored[fuzzy] = 0.0
        if not scored and q.has_unit and not counts_other_noun:
            # "a goal of more than 300 EFLOPS": a unit that names what it measures
            default = self._unit_default.get(q.unit)
            if default is not None:
                scored[default] = 0.0
        if not scored and q.unit in PERCENT_UNITS:
            bare = self._bare_subject(sentence, q, q_start, q_end, facts)
            if bare is not None:
                scored[bare] = 0.0
        if not scored:
            return Link(None, (), q.unit)
        return self._ranked(scored, q)

    def _bare_subject(self, sentence: str, q: Quantity, q_start: int, q_end: int,
                      facts: _Sentence | None) -> str | None:
        """'Industry accounted for roughly a third of GDP': a sector's bare noun opens the
        figure's clause (a country's name may stand before it), a share or growth word follows
        it, and only words stand between that and the figure (words/measures.yaml
        bare_subjects). A growth of a family with several growth series is left unlinked: the
        bare noun does not say which (industry above designated size, or all of it)."""
        pattern, by_noun, pretests = _bare_subject_pattern()
        if not any(p in sentence for p in pretests):  # most sentences hold none of the nouns
            return None
        last = _LAST_CLAUSE_END.match(sentence, 0, q_start)
        m = pattern.match(sentence, last.end() if last is not None else 0, q_start)
        if m is None:
            return None
        cues = lexicon.cues_for(sentence)
        at = m.end()
        cue = cues.share.match(sentence, at, q_start) or cues.growth_up.match(sentence, at, q_start) \
            or cues.growth_down.match(sentence, at, q_start)
        if cue is None or not _WORDS_ONLY.fullmatch(sentence, cue.end(), q_start):
            return None
        member = self._member_for(by_noun[m.group("noun").lower()], q, sentence, q_start, q_end,
                                  facts)
        if member is None:
            return None
        ind = self.catalogue.indicators[member]
        if ind.measure == "growth":
            return None if len(self._rates[ind.family, q.unit].growths) > 1 else member
        # a share only of the whole named after the figure in its clause ("of GDP"), never one
        # taken by default ("accounted for 65 percent of energy use")
        whole = _SHARE_WHOLES.get(member.rsplit("_share_of_", 1)[-1]) \
            if "_share_of_" in member else None
        tail = sentence[q_end:q_end + 40]
        stop = _CLAUSE_END.search(tail)
        if whole is None or not whole.search(tail, 0, stop.start() if stop else len(tail)):
            return None
        return member

    def _ranked(self, scored: dict[str, float], q: Quantity) -> Link:
        if len(scored) == 1:  # most figures: one id, nothing to sort or compare
            [best] = scored
            candidates: tuple[str, ...] = (best,)
        else:
            ranked = sorted(scored.items(), key=lambda kv: kv[1])
            best, best_d = ranked[0]
            candidates = tuple([i for i, _ in ranked[:3]])
            runner_up = self.catalogue.indicators[ranked[1][0]]
            if ranked[1][1] - best_d < 3 and \
                    runner_up.family != self.catalogue.indicators[best].family:
                return Link(None, candidates, q.unit)
        ind = self.catalogue.indicators[best]
        unit = q.unit
        if not q.has_unit and ind.unit not in ("count",) and ind.unit not in PERCENT_UNITS:
            unit = ind.unit
        return Link(best, candidates, unit)

    def _listed(self, sentence: str, q: Quantity, q_start: int, q_end: int,
                hits: list[_Hit]) -> str | None:
        """'700 included in the ministry's list of high-level 5G factories': a count put on a
        list counts what the list is of, whatever was named nearer (words/measures.yaml)."""
        if q.unit != "count" or q.has_unit:
            return None
        en, zh = _listed_patterns()
        if not _may_be_listed(sentence[q_end:q_end + 1]):
            return None
        m = en.match(sentence, q_end) or zh.match(sentence, q_end)
        if m is None:
            return None
        if m.re is en:  # the alias may hold the list ("list of high-level 5G factories")
            hit = next((h for h in hits if m.start("list") <= h.start <= m.end()), None)
        else:  # "入选(工信部)高水平5G工厂名单": the alias, then the list, or an alias ending in it
            hit = next((h for h in hits if m.end() <= h.start <= m.end() + 12
                        and not _CLAUSE_END.search(sentence, m.end(), h.start)
                        and (sentence.startswith("名单", h.end) or sentence.endswith("名单", 0, h.end))),
                       None)
        if hit is None:
            return None
        return self._member_for(hit.indicator, q, sentence, q_start, q_end)

    def _possessive(self, hit: _Hit, sentence: str, between: str, q: Quantity, q_start: int,
                    q_end: int, facts: _Sentence) -> str | None:
        """'Industrial enterprises above designated size increased their value added by 5.8
        percent': a thing, a verb or two, then "its"/"their" and a measure (words/measures.yaml)
        in the figure's clause. The figure is the measure of the thing, when an alias names
        that ("value added of industrial enterprises above designated size"); None otherwise."""
        # most texts between a thing and its figure hold neither word: no regex for them
        if "their" not in between and "its" not in between:
            return None
        m = _possessive_pattern().match(between)
        if m is None or _clause_break(between):
            return None
        thing = " ".join(sentence[hit.start:hit.end].lower().split())
        measure = " ".join(m.group("measure").lower().split())
        named = self._en.get(f"{measure} of {thing}") or self._en.get(f"{thing} {measure}")
        if named is None:
            return None
        return self._member_for(named, q, sentence, q_start, q_end, facts)

    def _share_subject(self, hit: _Hit, sentence: str, q: Quantity, q_start: int, q_end: int,
                       facts: _Sentence) -> str | None:
        """The growth member for a figure after a share's alias that cannot carry it (a growth
        by so much: _Sentence.grown), of the thing named by the alias's start when that is
        an alias too ("新能源汽车" in "新能源汽车渗透率", "NEV" in "NEV share of new car sales").
        A thing several ids share (NEV production and sales) is the one a cue word of the
        figure's clause names ("销量", "sales"), when just one does; else none."""
        if facts.grown(q_start, q_end) != "thing":
            return None
        text = sentence[hit.start:hit.end]
        subject = self._zh_subjects.get(text)
        by_alias = self._zh
        if subject is None:
            subject = self._en_subjects.get(" ".join(text.lower().split()))
            by_alias = self._en
        if subject is None:
            return None
        named = by_alias[subject]
        if len(self._shared.get(subject, ())) > 1 or named in self._siblings:
            last = _LAST_CLAUSE_END.match(sentence, hit.end, q_start)
            cued = self.ids_by_cue(named, sentence, last.end() if last else hit.end, q_start)
            if len(cued) != 1:
                return None  # no cue word says which ("同比增长5%"), or several ("产销")
            named = cued[0]
        member = self._member_for(named, q, sentence, q_start, q_end, facts)
        return member if member is not None \
            and self.catalogue.indicators[member].measure == "growth" else None

    def _new_subject(self, tail: str) -> bool:
        """The words between an earlier figure and this one name a new item of a list: a noun
        before a measure word ('，集成电路产量增长'), or a bare noun phrase that is no measure word
        (', and service robots '). Aliases there are hits of their own and never get here."""
        # _AFTER_BREAK matches where the text holds one of its break characters, and only there
        if "，" not in tail and "," not in tail and "、" not in tail and "；" not in tail \
                and ";" not in tail:
            return False
        m = _AFTER_BREAK.match(tail)
        if m is None:
            return False
        rest = tail[m.end():]
        # the cue words and cues are asked for only where the answer reads them
        if _CJK.match(rest):
            cue = self._cue_re.search(rest) if self._cue_re is not None else None
            cues = lexicon.cues_for(tail)
            head = cues.clause_fillers.sub("", rest[:cue.start()] if cue else "")
            run = _CJK_RUN.match(head)
            return run is not None and len(run.group(0)) >= 2 and not cues.growth_up.search(head) \
                and not cues.share.search(head)  # "，占国内生产总值的比重为": the same subject
        # English ellipsis: ", and service robots 12.8 percent" (a plural noun, no measure word)
        words = rest.split()
        if words[:1] != ["and"]:
            return False
        words = words[1:]
        if not 1 <= len(words) <= 3:
            return False
        if self._cue_re is not None and self._cue_re.search(rest) is not None:
            return False
        cues = lexicon.cues_for(tail)
        return all(_EN_WORD.fullmatch(w) for w in words) \
            and words[-1].lower().endswith("s") \
            and not (cues.growth_up.search(rest) or cues.growth_down.search(rest)
                     or cues.share.search(rest))

    def counts_other_noun(self, sentence: str, q: Quantity, q_start: int, q_end: int) -> bool:
        return self._counts_other_noun(sentence, q, q_start, q_end)

    @staticmethod
    def _counts_other_noun(sentence: str, q: Quantity, q_start: int, q_end: int) -> bool:
        """'in 41 sectors': a bare count followed by a noun counts that noun; so does a count
        closing a list of examples ('汽车、电子、冶金等60个行业大类': sectors)."""
        if q.unit != "count":
            return False
        if q.has_unit:
            return sentence[q_start - 1:q_start] == "等" and bool(_CJK.match(sentence, q_end))
        m = _NEXT_WORD.match(sentence, q_end)
        if m is not None:
            return lexicon.fold(m.group(1)) not in lexicon.cues().counters
        # "超过810万标准机架": Chinese puts the counted noun right after the number
        return bool(_CJK.match(sentence, q_end))

    def is_denominator(self, sentence: str, hit: _Hit, q_end: int) -> bool:
        return self._is_denominator(sentence, hit, q_end)

    @staticmethod
    def _is_denominator(sentence: str, hit: _Hit, q_end: int) -> bool:
        """'3.81 percent of GDP', '占GDP比重', 'the proportion of manufacturing in GDP': GDP is
        what the share is of, not the subject."""
        if hit.start >= q_end:
            between = sentence[q_end:hit.start]
            # the regex finds "占" wherever it stands, and "of" only where the text holds it
            return "占" in between or ("of" in between and bool(_OF_OR_ZHAN.search(between)))
        before = sentence[max(0, hit.start - 3):hit.start]
        if before.endswith(("占", "占全国")):
            return True
        if before.endswith("of "):
            if _MEASURE_OF.search(sentence, max(0, hit.start - 20), hit.start):
                return False  # "value added of industry above designated size grew": its own
            # "the proportion of manufacturing value added in GDP": the part, GDP the whole
            return not _IN_THE_WHOLE.match(sentence, hit.end)
        if _may_share_of_modified(sentence, hit.start) and \
                _SHARE_OF_MODIFIED.search(sentence, max(0, hit.start - 60), hit.start):
            # "its share of above-size industrial value added": the whole, with words before it
            return True
        # "in" only after a share word: "the growth in GDP" is GDP's own
        return before.endswith("in ") and bool(
            lexicon.cues_for(sentence).share.search(sentence, max(0, hit.start - 60), hit.start))

    def member(self, indicator_id: str, q: Quantity, sentence: str, q_start: int,
               q_end: int) -> str | None:
        """The member of an indicator's family (level, growth, share) that fits this figure."""
        return self._member_for(indicator_id, q, sentence, q_start, q_end)

    def _member_for(self, indicator_id: str, q: Quantity, sentence: str, q_start: int,
                    q_end: int, facts: _Sentence | None = None) -> str | None:
        """facts: the sentence's (hits() made them), when the caller has them."""
        ind = self.catalogue.indicators[indicator_id]
        # the words around the figure, which only some of the paths below read
        window_start, window_end = max(0, q_start - 60), min(len(sentence), q_end + 40)
        if q.unit in PERCENT_UNITS:
            # percentage points are the change of a rate ("提高9.3个百分点", "1 percentage point
            # faster"): only an indicator kept in points can carry one, never the rate itself
            rates, shares, growths = self._rates[ind.family, q.unit]
            if not rates:
                return None
            if facts is None:
                facts = _Sentence(sentence, self._cue_re)
            cues = facts.cues
            share_cue = facts.share_cue(q_start, q_end)
            if share_cue and q.unit == "percent":
                grown = facts.grown(q_start, q_end)
                if grown == "share":
                    return None  # "渗透率同比增长5%": no share, nor the growth of the thing
                # "渗透率达40%，销量同比增长35.5%": the share word is the earlier figure's
                share_cue = grown != "thing"
            if ind.is_rate and len(rates) == 1:
                # the family's one rate: only a growth gives way to a share cue; a share gives
                # way to a growth by so much, which no share is
                if ind.measure != "growth":
                    return None if ind.measure == "share" and q.unit == "percent" \
                        and facts.grown(q_start, q_end) else ind.id
                return None if share_cue else ind.id
            if share_cue and not shares:
                return None  # "NEVs made up 40.9 percent of new car sales": a share, not a growth
            if share_cue and shares:
                # the nearest denominator wins: "占GDP比重24.9%，占全球比重接近30%"
                near = q_start - max(0, q_start - 60)
                window = sentence[window_start:window_end]
                world = _nearest(_WORLD, window, near)
                gdp = _nearest(_GDP, window, near)
                by_suffix = {"world": world, "gdp": gdp}
                ranked = sorted((d, m.id) for m in shares for suffix, d in by_suffix.items()
                                if d is not None and m.id.endswith(suffix))
                if ranked:
                    return ranked[0][1]
                return ind.id if ind.measure == "share" else shares[0].id
            if growths and (not shares or facts.growth_cued(window_start, window_end)):
                if len(growths) > 1:
                    # "全部工业增加值达到37.3万亿元，规模以上工业增加值增长9.6%": the cue nearest
                    # before the figure says which aggregate; above designated size by default
                    above = [m.end() for m in cues.above_size.finditer(sentence, 0, q_start)]
                    every = [m.end() for m in cues.all_industry.finditer(sentence, 0, q_start)]
                    if every and (not above or every[-1] > above[-1]):
                        return next((m.id for m in growths if m.id.endswith("_all")), growths[0].id)
                    return next((m.id for m in growths if not m.id.endswith("_all")), growths[0].id)
                return growths[0].id
            return ind.id if ind.is_rate else None
        # a level: counts, money, computing power
        compatible, compatible_ids = self._compatible_levels(ind.family, q)
        if not compatible:
            return None
        # the catalogue holds one Indicator for each id: the same id is the same one
        own = ind.id in compatible_ids
        if own and len(compatible) == 1:
            return ind.id
        new_cue = _has_new_cue(sentence[window_start:window_end])
        for m in compatible:
            # "new" picks a list's or batch's count only by its own name (an alias of it)
            if new_cue == m.id.endswith("_new") and (m.net_additions or m is ind):
                return m.id
        return ind.id if own else compatible[0].id

    def _compatible_levels(self, family: str, q: Quantity) -> tuple[list[Indicator], frozenset[str]]:
        """The family's levels that can carry the figure's unit (_unit_fits), and their ids: made
        once for each family and kind of figure (_unit_fits reads its unit, has_unit and
        has_scale alone), where _member_for asked _unit_fits of every level for each figure."""
        key = (family, q.unit, q.has_unit, q.has_scale)
        found = self._compatible.get(key)
        if found is None:
            levels = [m for m in self._levels[family] if _unit_fits(m.unit, q)]
            found = self._compatible[key] = (levels, frozenset(m.id for m in levels))
        return found

    @staticmethod
    def share_cue(sentence: str, q_start: int, q_end: int) -> bool:
        """'made up 30 percent of', '占比为16.3%', '31.6 percent of the market': a share. A cue
        after the figure counts only inside its own clause ("growing 7.1 percent, and its share")."""
        return Linker._share_cue(lexicon.cues_for(sentence).share, sentence, q_start, q_end)

    @staticmethod
    def _share_cue(share: re.Pattern[str], sentence: str, q_start: int, q_end: int) -> bool:
        if share.search(sentence, _share_reach(sentence, q_start), q_start):
            return True
        # the text after the figure up to its clause's end (split's first piece), only when the
        # cue before it is missing
        tail = sentence[q_end:q_end + 25]
        stop = _CLAUSE_END.search(tail)
        after = tail if stop is None else tail[:stop.start()]
        return bool(share.search(after) or _OF_AFTER.match(sentence, q_end))

    def _fuzzy(self, sentence: str, q: Quantity, q_start: int, q_end: int,
               facts: _Sentence | None = None) -> str | None:
        # reordered or inflected English wording ("industrial added value")
        words = _FUZZY_WORD.findall(sentence[max(0, q_start - 90):q_start])[-9:]
        if len(words) < 2 or not self._en_choices:
            return None
        window = " ".join(words).lower()
        choices = self._fuzzy_index.candidates(window)
        if not choices:
            return None
        best = process.extractOne(window, choices, scorer=fuzz.token_set_ratio,
                                  score_cutoff=_FUZZY_CUTOFF)
        if best is None or len(best[0].split()) < 2:
            return None
        return self._member_for(self._en[best[0]], q, sentence, q_start, q_end, facts)


_FUZZY_CUTOFF = 96


class _FuzzyIndex:
    """The aliases that can reach the fuzzy cutoff against a window, in their original order,
    so that extractOne gives what it gives on all of them, without scoring hundreds each time.

    token_set_ratio splits both sides into word sets W (the window) and A (an alias), with the
    intersection I; w, a and s are the lengths of the sorted words of W, A and I joined by
    spaces. It is 100 when one side's words are a subset of the other's (then s = a or s = w),
    else the best of three ratios:
    - the Indel ratio of the two differences joined, at most 100 * (1 - |w - a| / (w + a))
      (the lengths of those joins add up to w + a - 2s - 2, and differ by |w - a|): 96 needs
      25 |w - a| <= w + a;
    - I against I plus W's other words, 100 * (1 - (w - s) / (w + s)): 96 needs
      25 (w - s) <= w + s (s >= 0.923 w);
    - I against I plus A's other words: 96 needs 25 (a - s) <= a + s.
    So an alias scores under the cutoff unless its length is close to the window's, or the
    words it shares with the window make up most of the shorter side. (Those tests are exact
    in whole numbers; an alias they leave out scores at most 96 - 4 / (w + a), far below the
    cutoff for rounding to reach it.)

    Which aliases share that much is found without adding up the shared words of every alias
    that has a word of the window ("of", "and" are in hundreds): the words a side does not
    share join to under a thirteenth of it, so a word longer than that is shared. An alias no
    longer than the window shares its longest word (its key), and an alias longer than the
    window holds the window's longest word (_must_share; a window of many short words is the
    exception): only those aliases are added up, and of the aliases that hold the window's
    longest word, only those at least as long as the window (the shorter ones are found by their
    own key). An alias with no such key is always added up.

    The first ratio is bounded more tightly, for the aliases whose length is close: each
    insertion or deletion changes the count of one character, and the words both sides share
    have the same characters in both differences, so the distance is at least the sum, over
    the characters, of the difference of their counts in the words of W and of A (spaces: the
    difference of the numbers of words). That sum is at least the number of characters found
    on one side only, and at least the difference of the lengths without spaces. An alias whose
    bound d has 100 d > 4 (w + a) scores under 96 - 1 / (w + a) on the first ratio.
    """

    def __init__(self, choices: list[str]) -> None:
        self.choices = choices
        # only single spaces between words, as in the window, keep the word split exact
        self.exact = all(c.isascii() and c == " ".join(c.split()) for c in choices)
        self.by_word: dict[str, list[int]] = {}
        self.by_key: dict[str, list[int]] = {}  # the aliases by their longest word
        self.no_key: list[int] = []  # the aliases whose longest word they need not share
        self.words: list[frozenset[str]] = []
        self.joined: list[int] = []  # each alias's length, its words sorted and joined
        lengths = []
        for i, choice in enumerate(choices):
            words = frozenset(choice.split())
            self.words.append(words)
            for w in words:
                self.by_word.setdefault(w, []).append(i)
            self.joined.append(len(" ".join(sorted(words))))
            lengths.append((self.joined[-1], i))
            key = max(words, key=len, default="")
            if key and _must_share(key, self.joined[-1]):
                self.by_key.setdefault(key, []).append(i)
            else:
                self.no_key.append(i)
        lengths.sort()
        # each keyed alias as (index, joined length, the words it must share, its words), for
        # _sharing's quick tests (a side of that length needs its words _must_share holds)
        self.key_rows: dict[str, list[tuple[int, int, frozenset[str], frozenset[str]]]] = {
            key: [(i, self.joined[i],
                   frozenset(w for w in self.words[i] if _must_share(w, self.joined[i])),
                   self.words[i]) for i in ids]
            for key, ids in self.by_key.items()}
        # the aliases that hold a word, by their length, shortest first
        self.by_word_length = {w: sorted((self.joined[i], i) for i in ids)
                               for w, ids in self.by_word.items()}
        # the aliases close enough in length to a window of each length and number of words
        # (_close_rows): a window longer than every alias can reach has none, and a window of
        # some words is at least twice as long, less one (its words are not empty)
        by_count: dict[int, list[tuple[int, int, int]]] = {}
        for a, i in lengths:
            by_count.setdefault(len(self.words[i]), []).append(
                (a, i, _letter_bits("".join(self.words[i]))))
        counts = [(count, [a for a, _, _ in rows], rows) for count, rows in sorted(by_count.items())]
        k = 100 - _FUZZY_CUTOFF
        self.close: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        for n in range(1, max(self.joined, default=0) * (100 + k) // (100 - k) + 1):
            for size in range(1, (n + 1) // 2 + 1):
                rows = _close_rows(counts, n, size)
                if rows:
                    self.close[n, size] = rows

    def candidates(self, window: str) -> list[str]:
        if not self.exact:
            return self.choices
        words = set(window.split())
        # the length of the words sorted and joined by spaces: any order gives the same
        n = sum(map(len, words)) + len(words) - 1
        keep = self._sharing(words, n)
        rows = self.close.get((n, len(words)))
        if rows:
            letters = _letter_bits("".join(words))
            keep.update(i for i, bits, budget in rows if (letters ^ bits).bit_count() <= budget)
        return [self.choices[i] for i in sorted(keep)]

    def _sharing(self, words: set[str], n: int) -> set[int]:
        """The aliases whose words shared with the window make up enough of the shorter side."""
        longest = max(words, key=len)
        k = 100 - _FUZZY_CUTOFF
        # the window's words an alias at least as long must share, for it lacks one cannot reach:
        # _must_share(w, n), worked out, is (100 + k) (len(w) + 1) > 2 k n, or len(w) >= least
        least = 2 * k * n // (100 + k)
        must: set[str] | None = None  # those words, made when first needed
        if len(longest) >= least:
            holding = self.by_word_length.get(longest, [])
            pool = {i for _, i in holding[bisect.bisect_left(holding, (n, -1)):]}
            if pool:  # these are at least as long as the window: each must hold all of `must`
                must = {w for w in words if len(w) >= least}
                for w in must:
                    if w != longest:
                        pool.intersection_update(self.by_word.get(w, ()))
            pool.update(self.no_key)
        else:  # a window of many short words: every alias with a word of it
            pool = {i for w in words for i in self.by_word.get(w, ())}
        for w in self.key_rows.keys() & words:  # the window's words that are some alias's key
            for i, a, alias_must, alias_words in self.key_rows[w]:
                # the shorter side's must-share words, all in the other (see above): most of
                # these aliases share their key and little else
                if a <= n:
                    if alias_must <= words:
                        pool.add(i)
                else:
                    if must is None:
                        must = {v for v in words if len(v) >= least}
                    if must <= alias_words:
                        pool.add(i)
        joined = self.joined
        keep = set()
        for i in pool:
            # the length of the shared words joined (s), against the shorter side (_reaches)
            shared = self.words[i] & words
            s = sum(map(len, shared)) + len(shared) - 1
            side = min(n, joined[i])
            if 100 * (side - s) <= k * (side + s):
                keep.add(i)
        return keep


def _close_rows(counts: list[tuple[int, list[int], list[tuple[int, int, int]]]], n: int,
                size: int) -> list[tuple[int, int, int]]:
    """The aliases whose bound on the distance of the two differences (see _FuzzyIndex) can let
    the first ratio reach the cutoff against a window of size words joined to length n, as
    (index, characters, budget): the characters on one side only must be at most the budget.
    counts holds the aliases by number of words, each group sorted by length (lengths apart).

    For an alias of count words joined to length a, with k = 100 - cutoff, the two bounds are
        100 (|x ^ y| + |size - count|) <= k (n + a)                (x, y: the characters)
        100 (|(n - size) - (a - count)| + |size - count|) <= k (n + a)   (without spaces).
    The second holds for a range of a: with m = n - size + count (the length at which the
    lengths without spaces are equal) and p = |size - count|, 100 |m - a| + 100 p <= k n + k a
    is, for a >= m, a <= (100 m + k n - 100 p) / (100 - k), and for a < m,
    a >= (100 m - k n + 100 p) / (100 + k); each of these holds on the other side of m too
    whenever the condition does (it then makes k (n + a) >= 100 p). It implies
    100 |n - a| <= k (n + a), the lengths close enough for the first ratio (|n - a| is at most
    the sum of the two)."""
    k = 100 - _FUZZY_CUTOFF
    out = []
    for count, lengths, rows in counts:
        spaces = abs(size - count)
        m = n - size + count
        lo = -((k * n - 100 * (m + spaces)) // (100 + k))  # rounded up
        hi = (100 * (m - spaces) + k * n) // (100 - k)
        for a, i, bits in rows[bisect.bisect_left(lengths, lo):bisect.bisect_right(lengths, hi)]:
            # 100 (c + spaces) <= k (n + a) for a whole number c of characters
            out.append((i, bits, k * (n + a) // 100 - spaces))
    return out


def _letter_bits(text: str) -> int:
    """The characters of an ASCII text, each a bit (shifted and ORed in C, not in a loop)."""
    return functools.reduce(operator.or_, map((1).__lshift__, map(ord, set(text))), 0)


def _reaches(shared: int, side: int) -> bool:
    """Whether the shared words, joined to this length, can give a side of this length the
    fuzzy cutoff (see _FuzzyIndex): at 96, 25 (side - shared) <= side + shared."""
    return 100 * (side - shared) <= (100 - _FUZZY_CUTOFF) * (side + shared)


def _must_share(word: str, side: int) -> bool:
    """Whether a side of this joined length that holds the word can reach the cutoff only by
    sharing it: the rest of it, joined, is too short."""
    return not _reaches(side - (len(word) + 1), side)


_NOT_AFTER_LETTER = "(?<![A-Za-z])"


def _after_non_letter(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A case-sensitive lexicon.en_phrase_regex ('(?=[first letters])(?<![A-Za-z])(?:...)...')
    with its lookbehind turned into a non-letter read before the phrase: '[^A-Za-z](?=...)...'.

    The lookbehind makes the regex engine start a match at every position of the text, and
    fail most of them inside words; a regex that opens with a character class lets the engine
    skip in one loop to the next character of the class, and letters are most of a text. In
    the text after one space, the phrase at i + 1 with the character at i before it is the
    phrase the old regex finds at i of the text (the space stands for the start, where the
    lookbehind holds as well); searched from the character before the last match's end, the
    matches come in the same order as finditer's. None for a regex of another shape."""
    if pattern is None or pattern.flags & re.IGNORECASE:
        return None
    guard, lookbehind, rest = pattern.pattern.partition(_NOT_AFTER_LETTER)
    if not lookbehind or not (guard.startswith("(?=[") and guard.endswith("])")
                              and guard.count("]") == 1):
        return None
    return re.compile("[^A-Za-z]" + guard + rest)


def _unit_fits(indicator_unit: str, q: Quantity) -> bool:
    if indicator_unit == q.unit:
        return True
    if q.unit == "USD" and indicator_unit == "CNY":
        return True  # a conversion of the same figure: "1.53 trillion yuan (about $210 billion)"
    # "the 40 trillion mark": a bare number with a scale takes the indicator's unit
    return not q.has_unit and q.unit == "count" and q.has_scale and indicator_unit not in PERCENT_UNITS


_NUMBER = re.compile(r"\d")
_SENTENCE_STOP = re.compile(r"[;；。]")
@cache
def _listed_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = lexicon.load_table("measures")["listed_in"]
    en = re.compile(rf"\s+(?:of\s+them\s+)?(?:(?:were|was|are|is|have\s+been|had\s+been)\s+)?"
                    rf"(?:{lexicon.en_phrase_regex(words['en']).pattern})"
                    rf"[^,;]{{0,80}}?(?P<list>\blists?\s+of\s+(?:the\s+)?)", re.IGNORECASE)
    zh = re.compile(rf"\s*[家个项座]?(?:{lexicon.alternation(words['zh'])})")
    return en, zh


@cache
def _listed_starts() -> frozenset[str] | None:
    """The characters a match of _listed_patterns() can start with, besides white space: the
    Chinese one's measure words and its words' first characters (it is case-sensitive, and its
    alternation matches only those words); the English one starts with white space. None when
    some word is empty (an empty alternation matches anywhere)."""
    words = [str(w) for w in lexicon.load_table("measures")["listed_in"]["zh"]]
    if not words or not all(words):
        return None
    return frozenset(["家", "个", "项", "座", *[w[0] for w in words]])


def _may_be_listed(first: str) -> bool:
    r"""Whether _listed_patterns() can match at a place whose character is `first` ("" at the
    end): most figures are followed by a unit or a word glued to them, and a test of one
    character costs far less than the two regex calls. `\s` is str.isspace."""
    starts = _listed_starts()
    return starts is None or first.isspace() or first in starts


@cache
def _possessive_pattern() -> re.Pattern[str]:
    """A verb of one to three words after a thing, then "its"/"their" and a measure: the text
    between an alias and its figure ("increased their value added by")."""
    measures = lexicon.en_phrase_regex(lexicon.load_table("measures")["possessive_measures"]["en"])
    return re.compile(rf"\s+(?:[A-Za-z-]+\s+){{1,3}}?(?:its|their)\s+(?P<measure>{measures.pattern})",
                      re.IGNORECASE)


@cache
def _bare_subject_pattern() -> tuple[re.Pattern[str], dict[str, str], tuple[str, ...]]:
    """The opening of a clause with a sector's bare noun (words/measures.yaml bare_subjects):
    a conjunction or a country's name may stand before it, "'s" or "alone" after it. With the
    indicator each noun names, and each noun without its first letter (either case of which
    may start the word), to look for in a sentence first."""
    table = lexicon.load_table("measures")
    by_noun = {noun.lower(): ind for ind, langs in table["bare_subjects"].items()
               for noun in langs.get("en", [])}
    owners = lexicon.en_phrase_regex(table["bare_subject_owners"]["en"]).pattern
    nouns = lexicon.en_phrase_regex(list(by_noun)).pattern
    pattern = re.compile(rf"[\s\W]*(?:(?:and|but|while|whereas)\s+)?(?:(?:{owners})\s+)?"
                         rf"(?P<noun>{nouns})(?:['’]s)?\s+(?:alone\s+)?", re.IGNORECASE)
    return pattern, by_noun, tuple(sorted({noun[1:] for noun in by_noun}))


# the words between a share or growth word and its figure: no figure, no clause break
_WORDS_ONLY = re.compile(r"[A-Za-z' -]{0,40}")


class _Frame(NamedTuple):
    """words/measures.yaml compared_before_subject: `opens` matches the whole text from a
    clause's start to the figure, `closes` the text from the figure's end to the start of the
    clause after the comparison; the Chinese closing words, and the longest word of each English
    opening phrase (lowercased), for substring tests before those regexes."""

    opens: re.Pattern[str]
    closes: re.Pattern[str]
    closing_zh: tuple[str, ...]
    opening_en: tuple[str, ...]


@cache
def _comparison_frame() -> _Frame:
    table = lexicon.load_table("measures")["compared_before_subject"]
    phrases = [" ".join(w.lower().split()) for w in table["opens"]["en"]]
    en = lexicon.alternation(phrases)
    opening_en = tuple({max(p.split(), key=len) for p in phrases})
    zh = lexicon.alternation(table["opens"]["zh"])
    # between the opening word and the figure only a date and 的 ("与2023年底的", "同上年末的"),
    # or "the": a noun there ("与燃油车的120万辆") is what the figure counts, not the subject
    date = r"[\d\s年月日底末初季度上下半同期去前本今当第一二三四的]*"
    opens = re.compile(rf"\s*(?:(?:{en})\s+(?:the\s+)?|(?:{zh}){date})", re.IGNORECASE)
    # Chinese: the closing word right after the figure, then the comma; English: the words of a
    # date at most ("at the end of 2023", "a year earlier"), then the comma
    closes = re.compile(rf"(?:{lexicon.alternation(table['closes']['zh'])})\s*[，,]\s*"
                        r"|(?:\s+(?:at|by|in|on|of|as|the|a|end|start|beginning|close|year|earlier"
                        r"|before|ago|last|previous|first|half|quarter|(?:19|20)\d\d)\b)*\s*,\s*",
                        re.IGNORECASE)
    return _Frame(opens, closes, tuple(table["closes"]["zh"]), opening_en)


def _compared_before_subject(sentence: str, q_start: int, q_end: int, hit_start: int,
                             hit_end: int) -> bool:
    """'与2023年底的5095家相比，国家级绿色工厂一年间新增1335家', 'Compared with 5,095 at the end
    of 2023, national green factories numbered 6,430': a figure in a comparison that opens its
    clause is the subject's, named first in the clause right after the comparison (no other
    figure or clause break between); but not when that clause trades or counts a part of it
    ("与2023年的120万辆相比，新能源汽车出口增长…": the figure is exports, which no series holds)."""
    frame = _comparison_frame()
    # the cheap tests first: a Chinese closing word right after the figure, or the longest word
    # of an English opening phrase shortly before it (the phrase, in any case and spacing, holds
    # it lowercased); most figures with an alias in a later clause have neither
    if not sentence.startswith(frame.closing_zh, q_end):
        before = sentence[max(0, q_start - 40):q_start].lower()
        if not any(w in before for w in frame.opening_en):
            return False
    closed = frame.closes.match(sentence, q_end, hit_start)
    if closed is None or _clause_break(sentence[closed.end():hit_start]) \
            or _NUMBER.search(sentence, closed.end(), hit_start):
        return False
    far = max(0, q_start - 40)
    last = _LAST_CLAUSE_END.match(sentence, far, q_start)
    if last is None and far > 0:
        return False  # the clause starts further back: no comparison opens it
    if not frame.opens.fullmatch(sentence, last.end() if last else 0, q_start):
        return False
    cues = lexicon.cues_for(sentence)
    stop = _CLAUSE_END.search(sentence, hit_end)
    clause_end = stop.start() if stop else len(sentence)
    return not (cues.trade.search(sentence, hit_end, clause_end)
                or cues.series_parts.search(sentence, hit_end, clause_end))


_OF_OR_ZHAN = re.compile(r"\bof\b|占")
# what a thing's own figure measures, named before it: "value added of industry ..."
_MEASURE_OF = re.compile(r"\b(?:value\s+added|added\s+value|output)\s+of\s+$", re.IGNORECASE)
# a share word, "of", then one or two words that qualify the whole named next
_SHARE_OF_MODIFIED = re.compile(r"\b(?:share|proportion|percent|per\s+cent)\s+of\s+(?:the\s+)?"
                                r"(?:[A-Za-z'-]+\s+){1,2}$", re.IGNORECASE)


def _may_share_of_modified(sentence: str, end: int) -> bool:
    r"""Whether _SHARE_OF_MODIFIED can match in sentence[end - 60:end], by two cheap tests: its
    match ends in white space right before `end` ($ at endpos, or before a newline there, which
    is white space too; `\s` is str.isspace), and holds a case-blind "of", which only o, O, f and
    F match, so it is an "of" in the lowercased text. Most aliases follow no white space (Chinese
    text) or no "of"."""
    return sentence[end - 1:end].isspace() and "of" in sentence[max(0, end - 60):end].lower()


_IN_THE_WHOLE = re.compile(r"\s+(?:in|to)\s+(?:the\s+)?(?:country's\s+|national\s+|China's\s+)?"
                           r"(?:GDP|total)\b", re.IGNORECASE)
_NEW_CUE = re.compile(r"\bnew(?:ly)?\b|新建|新开通|新增", re.IGNORECASE)


def _has_new_cue(window: str) -> bool:
    """_NEW_CUE.search(window), without the regex where it cannot match. Every branch holds "新"
    or a case-blind "new"; re.IGNORECASE matches n, e and w only to the letters whose simple
    lowercase is n, e or w (none of them has an odd case partner like ſ for s), which
    str.lower() maps to "new" as well. So a window without "新" whose lowercase has no "new"
    has no match, and the substring tests are far cheaper than the regex's scan of every place."""
    if "新" not in window and "new" not in window.lower():
        return False
    return _NEW_CUE.search(window) is not None
_FUZZY_WORD = re.compile(r"[A-Za-z0-9-]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LIST_BREAK = re.compile(r"[、，,;；]")
_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")
_AFTER_BREAK = re.compile(r"[^,，、;；]*?[,，、;；]\s*")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_CLAUSE_END = re.compile(r"[,，;；。]")
# through the last _CLAUSE_END: the greedy run backs off to it, one call where finditer made a
# match for every clause end on the way
_LAST_CLAUSE_END = re.compile(r".*[,，;；。]", re.DOTALL)
_OF_AFTER = re.compile(r"\s+of\s+(?!the\s+year|last|this|a\s+year)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,，;；]|\bwhile\b|\bwhereas\b")


def _share_subjects(aliases: dict[str, str], catalogue: Catalogue, words: bool) -> dict[str, str]:
    """For each alias of a share that opens with an alias of a thing that is no share
    ("新能源汽车渗透率": "新能源汽车"; "nev penetration rate": "nev"), the longest such opening.
    words: the aliases are English, of words an opening ends with (one space between)."""
    out: dict[str, str] = {}
    for key, indicator_id in aliases.items():
        if catalogue.indicators[indicator_id].measure != "share":
            continue
        for n in range(len(key) - 1, 0, -1):
            opening = aliases.get(key[:n])
            if opening is not None and (not words or key[n] == " ") \
                    and catalogue.indicators[opening].measure != "share":
                out[key] = key[:n]
                break
    return out


def _grown(cues: lexicon.Cues, sentence: str, left: int, q_start: int, q_end: int) -> str:
    """_Sentence.grown, worked out; left: where the figure's clause starts."""
    ends = [m.end() for cue in (cues.growth_up, cues.growth_down)
            for m in cue.finditer(sentence, left, q_start)]
    if not ends or _growth_not_by().search(sentence, max(ends), q_start) is not None:
        return ""
    tail = sentence[q_end:q_end + 25]
    stop = _CLAUSE_END.search(tail)
    if cues.share.search(tail, 0, stop.start() if stop else len(tail)) \
            or _OF_AFTER.match(sentence, q_end):
        return ""
    shares = [m.end() for m in cues.share.finditer(sentence, left, q_start)]
    if not shares:
        return "thing"
    # "made up 30 percent": the "up" of a share word is no growth; the nearer word wins
    return "share" if max(ends) > max(shares) else ""


@cache
def _growth_not_by() -> re.Pattern[str]:
    """The words that make a figure after a growth word the level reached or left
    (words/measures.yaml growth_not_by)."""
    words = lexicon.load_table("measures")["growth_not_by"]
    return re.compile(f"{lexicon.en_phrase_regex(words['en']).pattern}|{lexicon.alternation(words['zh'])}",
                      re.IGNORECASE)


def _clause_break(between: str) -> bool:
    """_CLAUSE_BREAK.search(between), by substring tests where they tell: any of its four
    characters is a match, and its words (case-sensitive) need "while" or "whereas" in the text;
    only a text holding one of those words but none of the characters needs the regex for its
    word boundaries. Most texts hold neither, and four or six substring tests cost less than the
    regex's try at every place."""
    if "," in between or "，" in between or ";" in between or "；" in between:
        return True
    if "while" not in between and "whereas" not in between:
        return False
    return _CLAUSE_BREAK.search(between) is not None


def _share_reach(sentence: str, q_start: int) -> int:
    """Where a share word before a figure is looked for: 40 characters back, and up to 60 inside
    the figure's clause, for a long name between ("its share of above-size industrial value
    added rose to 15.1 percent"); further back than 40 a share word in an earlier clause is that
    clause's ("made up 35.2 percent of car sales in 2023, and NEV output rose 30.3 percent")."""
    near, far = max(0, q_start - 40), max(0, q_start - 60)
    last = _LAST_CLAUSE_END.match(sentence, far, q_start)
    if last is None:
        return far
    return min(near, last.end())  # the clause's start, or 40 back as before when it starts nearer


_WORLD = re.compile(r"world|global|全球|世界", re.IGNORECASE)
_GDP = re.compile(r"gdp|国内生产总值|经济总量", re.IGNORECASE)


# the wholes a share's id names after "_share_of_", and the words that name them
_SHARE_WHOLES = {"gdp": _GDP, "world": _WORLD}


def _nearest(pattern: re.Pattern[str], text: str, at: int) -> int | None:
    if not pattern.search(text):  # finditer's first match: none, no iterator
        return None
    distances = [min(abs(m.start() - at), abs(m.end() - at)) for m in pattern.finditer(text)]
    return min(distances) if distances else None
# words between a count and the noun it counts: "12,000 specialised and innovative "little giant" firms"
_NOUN_PHRASE = re.compile(r"[A-Za-z \t'’\"“”-]{0,50}")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'-]*)")


def _last_number_end(between: str) -> int:
    """Where the last number in the text ends: a list break before it separates other figures,
    one after it separates this figure from the alias ("5G基站总数达337.7万个，比2022年底的231.2万个").

    The numbers are _DIGITS's matches, the last first: the runs of digits (from a run's start,
    \\d+ can only stop at its end, where the next character is no digit) that no letter follows.
    They are found from the end in the reversed text, where _DIGIT_RUN skips to each run's end
    in one loop (each search starts after a run or at the start, so what it finds is a whole
    run), and the character before it there is the one after it here: a regex backing off from
    the end of the text tried every place on the way."""
    backwards = between[::-1]
    n = len(between)
    m = _DIGIT_RUN.search(backwards)
    while m is not None:
        after = m.start()  # in the reversed text: the character after the run here, if any
        if after == 0 or backwards[after - 1] not in _GLUED_LETTERS:
            # _YEAR.fullmatch(digits): four digits from "19" or "20" (its lookarounds see nothing)
            digits = m.group(0)
            # (reversed: ending in "91" or "02")
            if len(digits) != 4 or not digits.endswith(("91", "02")):
                return n - after
        m = _DIGIT_RUN.search(backwards, m.end())
    return 0


# the letters that make a run of digits before them part of a name ("5G"), as _DIGITS has them
_GLUED_LETTERS = frozenset([chr(c) for first, last in (("A", "Z"), ("a", "z"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
                            for c in range(ord(first), ord(last) + 1)])
_DIGITS = re.compile(r"\d+(?![\dA-Za-zＡ-Ｚａ-ｚ])")  # "5G" is a name, not a figure
# \d\d* finds what \d+ does (the leftmost run, whole), but opens with a character class,
# which lets the regex engine skip to the next digit in one loop instead of trying each place
_DIGIT_RUN = re.compile(r"\d\d*")


# a year is a date, not another figure ("from 2022, when production exceeded"): "2022", "2022年"
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d%]|[.,]\d)(?!\s*(?:万|亿|元|个|家|台|辆))")


def _crosses_other_number(between: str) -> bool:
    """Whether a digit is left once the years are taken out (_YEAR.sub)."""
    run = _DIGIT_RUN.search(between)
    if run is None:
        return False  # taking the years out leaves no digit either
    # a _YEAR match is a whole run of digits (none may stand before or after it) of four,
    # from 19 or 20: a first run of another shape stays, and most are
    digits = run.group(0)
    if len(digits) != 4 or not digits.startswith(("19", "20")):
        return True
    return bool(_NUMBER.search(_YEAR.sub("", between)))
