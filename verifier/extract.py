"""From text to claims: each quantity with what it measures, where, when, and how sure."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache
from itertools import pairwise

from verifier import english_numbers, lexicon
from verifier.claims import Claim
from verifier.indicators import PERCENT_UNITS, Catalogue, Indicator, Link, Linker, _Hit
from verifier.multiples import UNIT as MULTIPLE
from verifier.multiples import with_multiples
from verifier.numbers import normalise, read_chinese, read_english_words
from verifier.periods import (
    WHEN_AFTER,
    TimeExpr,
    as_flow,
    as_stock,
    find_time_expressions,
    has_year,
    next_year,
    period_end_year,
    period_start,
    resolve,
    years_on,
)
from verifier.quantities import Quantity, find_quantities
from verifier.scope import caption_lines, is_threshold, related_lines, with_counts_in_words
from verifier.sentences import Span, clause_bounds, clause_marks, sentences

MAX_FIGURES_PER_SENTENCE = 40
MAX_TEXT = 20_000_000  # characters; longer input is refused, not truncated silently


class ExtractionError(ValueError):
    pass


class Extractor:
    """Holds the catalogue's compiled aliases; one per process is plenty."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.linker = Linker(catalogue)
        # the hits of the last sentence that named anything: its subject (Linker.topic) is
        # worked out from them when a figure of a later sentence asks, which few do
        self._topic_hits: list[_Hit] = []
        self._province: str | None = None  # the last province the article named
        self._antecedents: list[str] = []  # the indicators of the last sentence that named any
        self._family_words: dict[str, frozenset[str]] = {}  # _alias_words, by family

    def extract(self, text: str, published: date | None = None) -> list[Claim]:
        if len(text) > MAX_TEXT:
            raise ExtractionError(f"text of {len(text)} characters is over the {MAX_TEXT} limit")
        norm = normalise(text)
        low = english_numbers.folded_ascii(norm)  # one folded copy for the two passes below
        quantities = with_multiples(
            text, norm, with_counts_in_words(text, norm, find_quantities(text, norm, low=low), low), low)
        if not quantities:
            return []
        claims: list[Claim] = []
        # The period the article is talking about so far: the main (first) dated claim of the
        # latest sentence that dated one, or a year named in a headline or a claimless sentence.
        # Undated figures later on inherit it ("Sales rose 35.5 percent." after "in 2024").
        context: str | None = None
        self._topic_hits = []
        self._province = None
        self._antecedents = []
        pair: tuple[str, str] | None = None
        plan: str | None = None  # the years of the five-year plan the text named last
        said: str | None = None  # the month of the statement the text reports, when before
        # the sentences `said` has not read yet: it is brought up to date only when a figure
        # asks for it (most texts have few figures in the present, and no statement's date)
        unread: list[str] = []
        this_month = f"{published.year}-{published.month:02d}" if published else None
        undated: list[Claim] = []  # headline figures before the text dates anything
        # sentences come in order, so the captions that start by a sentence only ever grow:
        # it is in one when the furthest end of those is past its start
        captions = sorted(caption_lines(norm) + related_lines(norm))
        ci = 0
        caption_reach = -1
        qi = 0
        for span in sentences(norm):
            in_sentence: list[Quantity] = []
            while qi < len(quantities) and quantities[qi].start < span.end:
                if quantities[qi].start >= span.start:
                    in_sentence.append(quantities[qi])
                qi += 1
            if not in_sentence and qi == len(quantities):
                # no figure is left for this sentence or any after it: what they could tell
                # (a date, a plan, a statement) is only ever used for the figures that follow
                break
            while ci < len(captions) and captions[ci][0] <= span.start:
                caption_reach = max(caption_reach, captions[ci][1])
                ci += 1
            if caption_reach > span.start:
                continue
            sentence = norm[span.start:span.end]
            bounds = [q for q in in_sentence
                      if is_threshold(sentence, q.start - span.start, q.end - span.start, q)]
            if bounds:
                in_sentence = [q for q in in_sentence if q not in bounds]
            if len(in_sentence) > MAX_FIGURES_PER_SENTENCE:
                # a table or a list of numbers flattened into text, not prose that states a fact
                in_sentence = []
            if published is not None:
                unread.append(sentence)
            # the sentence's dates, read once when a plan's name or a figure asks for them
            exprs: list[TimeExpr] | None = None
            if ("-Year" in sentence or "五" in sentence) and _PLAN_NAMED.search(sentence):
                exprs = find_time_expressions(sentence)
                for e in exprs:
                    if e.plan and e.span:
                        plan = f"{e.span[0]}/{e.span[1]}"
            if in_sentence:
                if exprs is None:
                    exprs = find_time_expressions(sentence)
                new = self._claims_in_sentence(text, span, sentence, in_sentence, exprs,
                                               published, context, pair)
                if plan and _plan_period().search(sentence):
                    for c in new:
                        if not c.period_explicit and c.pair_role is None:
                            c.period, c.period_explicit = plan, True
                if bounds:
                    _counted_by_a_flow(new, bounds)
                    self._measured_like_a_bound(new, bounds, sentence, span.start)
                present = [c for c in new if c.period == this_month and not c.period_explicit]
                if present and published is not None:
                    said = _latest_statement_month(unread, published) or said
                    unread.clear()
                    if said and this_month and said < this_month:
                        # "March 5, ... the minister said ... China has built 2.34 million": the
                        # present of a statement reported later is the day it was made
                        for c in present:
                            c.period = said
                claims.extend(new)
                if context is None:
                    undated.extend(c for c in new if not c.period_explicit)
                dated = [c.period for c in new
                         if c.period_explicit and c.period and c.kind == "actual"]
                if dated:
                    # after "between 2019 and 2023 ... 8.5 percent" the text is at 2023
                    latest = max(dated, key=_period_key).split("/")[-1]
                    if context is None or _period_key(latest) >= _period_key(context) \
                            or not (_flashback(sentence, exprs) or _looks_back_only(exprs)):
                        context = latest
                if len(new) > 1:  # (the periods of a pair of figures)
                    pair = _pair_periods(new) or pair
            elif has_year(sentence):  # a sentence with no year cannot name one
                if exprs is None:
                    exprs = find_time_expressions(sentence)
                named = [e for e in exprs if e.year is not None and not e.by and not e.base
                         and not e.span and not _calendar_date(sentence, e)]
                if named:
                    label = resolve(named[0], published, None).label()
                    if context is None or label is None or not _flashback(sentence, exprs) \
                            or _period_key(label) >= _period_key(context):
                        context = label
        _date_headlines(undated, claims, published, self.catalogue)
        _headings_repeat_the_text(claims)
        _multiples_over_years(claims)
        return claims

    def _claims_in_sentence(self, text: str, span: Span, sentence: str, qs: list[Quantity],
                            exprs: list[TimeExpr], published: date | None,
                            context: str | None, pair: tuple[str, str] | None) -> list[Claim]:
        hits = self.linker.hits(sentence)
        out: list[Claim] = []
        topic: list[_Hit] | None = None  # self.linker.topic(self._topic_hits), once asked for
        offsets = [(q.start - span.start, min(q.end, span.end) - span.start) for q in qs]
        qs = _densities(sentence, qs, offsets)
        # whether the sentence reports on what the one before measured: asked only by a figure
        # that names nothing (None: not asked yet)
        reported: bool | None = None
        spots = _CueSpots(sentence)  # the cue words' places, shared by its figures
        parts = _names_a_part(sentence, spots.lower)  # "core", "核心": rare, looked for once
        original = text[span.start:span.end]
        # the places the sentence names, scanned once for all its figures
        places = _scan_places(sentence, len(sentence), spots.lower, spots.place_starts)
        clauses = clause_marks(sentence)
        # the year the sentence talks about, for the periods of all its figures (its dates and
        # the context are the same for each)
        text_year = _text_year(exprs, published, context)
        # whether a forecast or target word may start anywhere in the sentence: when not, no
        # figure's _kind scans for one (the spots are scanned for the first figure's tests anyway)
        future_cued = _future_cued(sentence, spots)
        companies: list[int] | None = None  # _company_subjects, found when a figure is linked
        # whether the last uncatalogued count of the sentence was a flow of a part of a series
        # its clause named (_names_series_part): the next part's count, named alone, is one too
        part_flow = False
        for n, q in enumerate(qs):
            start, end = offsets[n]
            # the figure's clause, asked for by most tests below (its left end depends on
            # `start` alone)
            clause = clause_bounds(sentence, start, end, clauses)
            change = _is_change(sentence, start, end, q, spots)
            # only ever asked when not a change, and of counts
            added = not change and q.unit == "count" and _added(sentence, start, clause[0], spots)
            link = self.linker.link(sentence, q, start, end, hits, change)
            if added and link.indicator is not None:
                # "built 600,000 5G base stations in 2020": the additions, when the catalogue
                # counts them apart from the total
                relinked = self.linker.link(sentence, q, start, end, hits, True)
                if relinked.indicator is not None:
                    link, change = relinked, True
            if link.indicator is None and self._topic_hits \
                    and not any(h.end <= start for h in hits) \
                    and self.linker.cue_near(sentence, start, end, _cue_reach(places, start)):
                # "Output rose 35.8 percent and sales 37.9 percent" after a sentence on NEVs:
                # the subject carries over when a cue word names one of its measures (the cue
                # is looked for first: few figures have one, and the link costs far more)
                if topic is None:
                    topic = self.linker.topic(self._topic_hits)
                carried = self.linker.link(sentence, q, start, end,
                                           [_Hit(0, 0, h.indicator, h.shared) for h in topic]) \
                    if topic else None
                if carried is not None and carried.indicator:
                    link = carried
            if link.indicator is None and _anaphor_opens_clause(sentence, start, exprs, clause[0]):
                # "That is growth of 10.65 percent", "the count stood at 14,600": the thing named
                # last, nearest first, that has a series for this figure
                named = [c.indicator for c in out if c.indicator]
                for earlier in [*reversed(named), *reversed(self._antecedents)]:
                    member = self.linker.member(earlier, q, sentence, start, end)
                    if member is not None:
                        link = Link(member, (member,), link.unit)
                        break
            if link.indicator is None and reported is None:
                reported = _reported_without_subject(sentence, offsets[0][0], hits, exprs)
            if link.indicator is None and reported \
                    and not self.linker.counts_other_noun(sentence, q, start, end):
                # "For 2023 the bureau gives 12.76 trillion yuan, or 9.9 percent of GDP": what
                # the sentence before measured
                for earlier in reversed(self._antecedents):
                    member = self.linker.member(earlier, q, sentence, start, end)
                    if member is not None:
                        link = Link(member, (member,), link.unit)
                        break
            if link.indicator is None and q.unit == "percent" \
                    and not any(h.start < start for h in hits) \
                    and _bare_growth(sentence, start, end, clause, exprs):
                member = self._economy_growth(out, q, sentence, start, end)
                if member is not None:
                    link = Link(member, (member,), link.unit)
            part_of = _part_named(sentence, start, clause[0]) if parts else None
            if part_of is not None:
                # "The core alone comes to 1.1 percent of GDP", "其中核心产业增加值为1.53万亿元":
                # the part of the thing named last, when the catalogue has that part
                named = [c.indicator for c in out if c.indicator]
                subject = link.indicator or next(reversed(named), None) \
                    or next(reversed(self._antecedents), None)
                member = self._part_member(subject, part_of, q, sentence, start, end,
                                           None if link.indicator is not None
                                           else _word_after_part(sentence, start, clause[0]))
                if member is not None:
                    link = Link(member, (member,), link.unit)
            part = link.indicator is None and q.unit == "count" \
                and _part_added().match(sentence, end) is not None
            if link.indicator is None and q.unit == "count" \
                    and (part or ((change or added)
                                  and not self.linker.counts_other_noun(sentence, q, start, end))):
                # "had 3.38 million 5G base stations, after operators added 1.07 million",
                # "总数达391.7万个，比上年末净增54万个", "2.3 million had been opened, 887,000 of
                # them built during 2022", "plans to open another 600,000 this
                # year": additions that name nothing are those of the thing named last, when
                # it has a series of them (a net increase of users has none)
                same_unit = [c.indicator for c in out if c.unit == q.unit]
                last = same_unit[-1] if same_unit else next(reversed(self._antecedents), None)
                additions = self.linker.additions(last, q) if last else None
                if additions is not None:
                    link, change = Link(additions, (additions,), link.unit), True
            if link.indicator is not None and _contribution(sentence, start, end, q):
                link = Link(None, (), link.unit)
            if link.indicator is not None and q.unit == "count" \
                    and self.catalogue.indicators[link.indicator].cues \
                    and self._put_to_use(link.indicator, sentence, start, end, clause):
                link = Link(None, (), link.unit)
            if link.indicator is not None:
                if companies is None:
                    companies = _company_subjects(sentence, spots)
                if companies and _company_figure(sentence, start, companies, places):
                    link = Link(None, link.candidates, link.unit)
            ind: Indicator | None = self.catalogue.get(link.indicator)
            share = _is_share(sentence, start, end, q, spots)
            # (_share_of has nothing to tell of a figure with an indicator or of no share)
            share_of = None if change or ind is not None or not share \
                else self._share_of(ind, sentence, start, end, hits, share, clause[0])
            stock = _is_stock(ind, q, sentence, change, clause, clauses)
            if ind is None and q.unit == "count" and not change:
                part = _names_series_part(sentence, clause[0], start, spots)
                if stock and part and part_flow:
                    # "Sales of plug-in hybrids jumped to 5.14 million, while battery electric
                    # vehicles grew to 7.72 million": another part of the same series, its
                    # measure left out, is counted as the part before it was
                    stock = False
                part_flow = part and not stock
            stock = stock or share_of == "stock"
            expr = _pick_expr(exprs, sentence, start, end, q, change, offsets, clause)
            tense_clause = clause
            if stock and not change and n and _gapped(sentence, start, clause, places):
                # "Jiangsu has around 700 ..., and Shandong more than 500": the verb (and its
                # tense) left out of the clause is the one of the figure before
                tense_clause = (clause_bounds(sentence, *offsets[n - 1], clauses)[0], clause[1])
            label, explicit = self._period(expr, exprs, sentence, published, context, stock,
                                           change, share, tense_clause, spots, text_year)
            if share_of == "flow" and explicit:
                label = as_flow(label)  # "截至2024年底...绿色工厂产值占...比重": a year's output
            if q.unit not in PERCENT_UNITS and expr is not None and label and context \
                    and (change or added) \
                    and expr.end <= start and not q.pair_role \
                    and _number_between(offsets, expr.end, start) \
                    and _period_key(label) < _period_key(context) and not _flashback(sentence, exprs):
                # "2022年底算力总规模为180EFLOPS，一年间净增50EFLOPS" after the text reached 2023:
                # the date is the earlier level's, the change runs from it to where the text is
                label, explicit = as_flow(context), False
            if q.pair_role and pair and expr is None:
                # "went from 26.6 to 33.6 trillion yuan over the same years"
                label, explicit = pair[0] if q.pair_role == "from" else pair[1], True
            kind = _kind(sentence, start, end, label, published, clause, spots, future_cued)
            if kind == "actual" and expr is not None and expr.by and label and published \
                    and period_end_year(label) >= published.year:
                kind = "target"  # "by 2025" in an article of 2025 or before
            if kind == "actual" and q.unit in PERCENT_UNITS and expr is not None \
                    and expr.year is not None and _year_not_over(label, published):
                # a rate for the whole of a year, named by its number, that is not over when
                # the text came out ("sets GDP growth of around 5 percent for 2025" in March
                # 2025) cannot be its result yet; "this year" and "so far" say the year so far
                kind = "target"
            if kind == "actual" and q.unit in PERCENT_UNITS and expr is not None and expr.span \
                    and not expr.plan and published and _span_not_over(expr.span, published):
                # so with a span named by its years: "to fall by 18 percent between 2021 and 2025"
                # in 2024 (a plan's name, "during the 14th Five-Year Plan", may report so far)
                kind = "target"
            if n and out and offsets[n - 1][1] <= clause[0] and kind != out[-1].kind \
                    and _restates().match(sentence, clause[0], start):
                # "estimated to have exceeded 12 trillion yuan, equivalent to about 10 percent of
                # GDP": the figure before, in other terms, and of its kind
                kind = out[-1].kind
            # the fields in Claim's order, by position: a class called with keywords has them
            # gathered into a dict for its __init__, which costs more than the rest of the call
            # (tests/verifier/test_assembly_shortcuts.py checks the order)
            out.append(Claim(
                text[q.start:q.end], q.start, q.end,  # text, start, end
                original, _signed(q, sentence, start, spots),  # sentence, value
                q.lower, q.upper, link.unit, q.qualifier,  # lower, upper, unit, qualifier
                link.indicator,  # indicator
                _geography(sentence, start, places, self._province),  # geography
                label, kind, list(link.candidates),  # period, kind, candidates
                explicit, q.pair_role,  # period_explicit, pair_role
            ))
        paired = len(out) > 1  # a pair ("from X to Y") takes two figures: else no pair rule acts
        if paired:
            _rates_over_pairs(out, sentence, span.start)
        _compared_with_previous(out, sentence, span.start, hits, clauses)
        if paired:
            _pairs_share_indicator(out)
        self._respectively(out, qs, sentence, span.start, hits, places, spots)
        marks = _Punctuation(sentence)
        _averages(out, sentence, span.start, exprs, marks, spots)
        self._trade_and_following_growth(out, qs, sentence, span.start, marks, spots)
        if paired:
            _whole_of_a_share(out, sentence, span.start)
            self._level_a_rate_went_to(out, qs, sentence, span.start)
        if hits:
            self._topic_hits = hits
        antecedents = [c.indicator for c in out if c.indicator]
        if antecedents:
            self._antecedents = antecedents
        named = [code[:5] for _, code, is_named, _ in places
                 if is_named and code.startswith("CN-")]
        if named:  # the provinces the sentence names (a city counts for its province)
            self._province = named[-1]
        return out

    def _part_member(self, subject: str | None, part: str, q: Quantity, sentence: str,
                     start: int, end: int, noun: str | None = None) -> str | None:
        """noun: the word after the part's word, for a figure linked to nothing itself (its
        subject then comes from before)."""
        ind = self.catalogue.get(subject)
        if ind is None:
            return None
        if ind.family.endswith(f"_{part}"):
            # "the core industries' share" after figures of the core: the part named is the
            # thing itself, when the word after it is one of the thing's names ("core
            # inflation" is another thing); a figure linked already keeps its link
            if noun is None or noun not in self._alias_words(ind.family):
                return None
            return self.linker.member(ind.id, q, sentence, start, end)
        members = self.catalogue.family_members(f"{ind.family}_{part}")
        if not members:
            return None
        return self.linker.member(members[0].id, q, sentence, start, end)

    def _put_to_use(self, indicator_id: str, sentence: str, start: int, end: int,
                    clause: tuple[int, int]) -> bool:
        """'Chinese factories installed 276,288 industrial robots', '276,288 industrial robots
        were installed': a word of things put to use (words/measures.yaml put_to_use) governs
        the count, nearer to it than any cue word of the indicator (produced, sold), so the
        count is not what the indicator counts."""
        c_left, c_right = clause
        pattern = _put_to_use_pattern()
        before = list(pattern.finditer(sentence, c_left, start))
        if before and not self.linker.ids_by_cue(indicator_id, sentence, before[-1].end(), start):
            return True
        after = pattern.search(sentence, end, min(c_right, end + 40))
        return after is not None \
            and not self.linker.ids_by_cue(indicator_id, sentence, end, after.start())

    def _economy_growth(self, earlier: list[Claim], q: Quantity, sentence: str, start: int,
                        end: int) -> str | None:
        """The growth of the whole economy (measures.yaml bare_growth), for a bare "growth"
        (_bare_growth), when the figures of the last sentence that linked any, and those before
        this one in its sentence, are all of it: a figure of anything narrower, or one linked to
        nothing, may be what grows."""
        whole = _bare_growth_whole()
        if not self._antecedents or any(self.catalogue.indicators[a].family != whole
                                        for a in self._antecedents):
            return None
        if any(c.indicator is None or self.catalogue.indicators[c.indicator].family != whole
               for c in earlier):
            return None
        member = self.linker.member(whole, q, sentence, start, end)
        ind = self.catalogue.get(member)
        return member if ind is not None and ind.measure == "growth" else None

    def _alias_words(self, family: str) -> frozenset[str]:
        """The words of the English aliases of a family's members, lower-cased (kept: asked
        only after a part's word, by few figures)."""
        words = self._family_words.get(family)
        if words is None:
            words = self._family_words[family] = frozenset(
                w for m in self.catalogue.family_members(family) for alias in m.aliases_en
                for w in _ALIAS_WORD.findall(alias.lower()))
        return words

    def _measured_like_a_bound(self, claims: list[Claim], bounds: list[Quantity], sentence: str,
                               offset: int) -> None:
        """'ten provinces reported core industries with value added above 50 billion yuan, while
        Guangdong and Jiangsu each passed 100 billion yuan': a figure naming nothing itself, after
        a bound in its unit that picks the places counted, measures what the bound measured."""
        hits = self.linker.hits(sentence)
        for c in claims:
            if c.indicator is not None or c.unit == "count":
                continue
            start = c.start - offset
            bound = next((b for b in reversed(bounds) if b.end <= c.start and b.unit == c.unit), None)
            if bound is None or any(bound.end - offset <= h.start and h.end <= start for h in hits):
                continue
            b_start, b_end = bound.start - offset, bound.end - offset
            link = self.linker.link(sentence, bound, b_start, b_end, hits)
            if link.indicator is not None:
                c.indicator, c.candidates = link.indicator, [link.indicator]

    def _share_of(self, ind: Indicator | None, sentence: str, start: int, end: int,
                  hits: list[_Hit], share: bool, c_left: int) -> str | None:
        """'with intelligent computing making up 35 percent of the total' by 2025: a share of a
        thing counted at a date (computing power, users) is measured at a month end like it
        ("stock"); '绿色工厂产值占...比重' is a share of what they made in a year ("flow")."""
        if ind is not None or not share:
            return None
        before = [h for h in hits if c_left <= h.start and h.end <= start
                  and not self.linker.is_denominator(sentence, h, end)]
        if not before:
            return None
        subject = self.catalogue.get(before[-1].indicator)
        if subject is None or subject.measure != "stock":
            return None
        flow_verb = lexicon.cues_for(sentence).flow_verbs.search(sentence, before[-1].end, start)
        return "flow" if flow_verb else "stock"

    def _respectively(self, claims: list[Claim], qs: list[Quantity], sentence: str, offset: int,
                      hits: list[_Hit], scanned: list[_Place], spots: _CueSpots) -> None:
        """'A和B分别增长7.9%和8.7%', 'rose 5% and 7% respectively': figures in a list go to the
        subjects in order; when the subjects cannot be counted out, to none (never guess)."""
        if not _says_respectively(sentence, spots.lower):
            return
        for group in _lists(claims, sentence, offset):
            first = claims[group[0]].start - offset
            places, _ = _place_run(sentence, first, scanned)
            if len(places) == len(group) > 1:
                # "Guangdong and Jiangsu had 330,000 and 280,000 5G base stations respectively":
                # the list is of places, each figure measures the same thing in its own (the
                # noun after the last figure is the one all of them count)
                found = {ind for i in group if (ind := claims[i].indicator) is not None}
                for n, i in enumerate(group):
                    claims[i].geography = places[n]
                    if len(found) == 1 and claims[i].indicator is None:
                        shared = next(iter(found))
                        claims[i].indicator, claims[i].candidates = shared, [shared]
                continue
            subjects: list[str] = []
            for hit in sorted(hits, key=lambda h: h.start):
                denominator = sentence[max(0, hit.start - 3):hit.start].endswith(("占", "of "))
                if hit.end <= first and hit.indicator not in subjects and not denominator:
                    subjects.append(hit.indicator)
            subjects = subjects[-len(group):]
            if len(subjects) < len(group):
                subjects = self._subjects_by_cue(hits, sentence, first, len(group)) or subjects
            for n, i in enumerate(group):
                claim = claims[i]
                if len(subjects) != len(group):
                    claim.indicator, claim.candidates = None, []
                    continue
                claim.indicator = self.linker.member(subjects[n], qs[i], sentence,
                                                     claim.start - offset, claim.end - offset)

    def _trade_and_following_growth(self, claims: list[Claim], qs: list[Quantity], sentence: str,
                                    offset: int, marks: _Punctuation, spots: _CueSpots) -> None:
        """'新能源汽车出口120.3万辆，同比增长77.6%': a figure right after an export/import word is
        trade, and one after a part of a series ('retail sales of new energy passenger
        vehicles', '纯电动汽车销量'), the part's: no output or sales series carries either, nor
        the level a traded rate rose to ('exports rose 6.7 percent to 1.28 million'); and a growth
        rate that follows a level with nothing but a growth word between ('1288.8万辆，同比增长
        34.4%', '12.87 million, up 35.5 percent') is that level's growth."""
        cues = spots.cues
        previous_end = 0
        traded = False  # whether the figure before was trade
        for n, c in enumerate(claims):
            start = c.start - offset
            if traded and _TO_LEVEL.fullmatch(sentence, previous_end, start):
                # "NEV exports rose 6.7 percent to 1.28 million": the level the trade rose to
                c.indicator, c.candidates = None, []
            # (no trade word starting after the figure before: none after the last mark either,
            # which is no further back; the mark is only looked for when one may start)
            elif c.indicator is not None and (spots.may_match("trade", previous_end, start)
                                              or spots.may_match("series_parts", previous_end,
                                                                 start)):
                left = max(previous_end, marks.after(start))
                if (spots.may_match("trade", left, start)
                        and cues.trade.search(sentence, left, start)) \
                        or (spots.may_match("series_parts", left, start)
                            and cues.series_parts.search(sentence, left, start)):
                    c.indicator, c.candidates = None, []
                    traded = True
                    previous_end = c.end - offset
                    continue
            traded = False
            previous_end = c.end - offset
            if n == 0 or c.unit != "percent":
                continue
            level = claims[n - 1]
            if level.unit in PERCENT_UNITS:
                continue
            level_end = level.end - offset
            if not (spots.may_match("growth_up", level_end, start)
                    or spots.may_match("growth_down", level_end, start)):
                continue  # no growth word between: nothing is taken out, `rest` is `between`
            between = sentence[level_end:start]
            rest = cues.growth_down.sub("", cues.growth_up.sub("", between))
            if not (_growth_glue().fullmatch(rest) and rest != between):
                continue
            c.indicator = None if level.indicator is None else self.linker.member(
                level.indicator, qs[n], sentence, start, c.end - offset)
            c.candidates = [c.indicator] if c.indicator else []

    def _level_a_rate_went_to(self, claims: list[Claim], qs: list[Quantity], sentence: str,
                              offset: int) -> None:
        """'欧盟新能源汽车销量下降5.9%，约为145万辆', 'fell 5.9 percent to about 1.45 million': a
        level that names nothing, right after a rate with only a comma or a word joining them
        (words/measures.yaml level_after_rate), is the level of the rate's thing, when its
        family has one in the level's unit. A rate with no indicator (trade, nulled before)
        gives it nothing."""
        joined = _level_after_rate()
        for n in range(1, len(claims)):
            rate, level = claims[n - 1], claims[n]
            if level.indicator is not None or rate.indicator is None \
                    or rate.unit not in PERCENT_UNITS or level.unit in PERCENT_UNITS:
                continue
            start = level.start - offset
            if joined.fullmatch(sentence, rate.end - offset, start):
                level.indicator = self.linker.member(rate.indicator, qs[n], sentence, start,
                                                     level.end - offset)
                level.candidates = [level.indicator] if level.indicator else []

    def _subjects_by_cue(self, hits: list[_Hit], sentence: str, first: int,
                         n: int) -> list[str]:
        """'新能源汽车产销分别完成958.7万辆和949.5万辆', 'production and sales of NEVs reached ...
        respectively': one alias shared by several ids, and a cue word for each in order."""
        before = [h for h in hits if h.end <= first]
        if not before:
            return []
        hit = before[-1]
        # from the last punctuation before the subject: "and" joins the cues ("production and
        # sales of ...") rather than ending a clause here
        left = max((m.end() for m in _PUNCTUATION.finditer(sentence, 0, hit.start)), default=0)
        found = self.linker.ids_by_cue(hit.indicator, sentence, left, first)
        return found if len(found) == n else []

    @staticmethod
    def _period(expr: TimeExpr | None, exprs: list[TimeExpr], sentence: str,
                published: date | None, context: str | None, stock: bool, change: bool,
                share: bool, clause: tuple[int, int], spots: _CueSpots,
                text_year: int | None) -> tuple[str | None, bool]:
        """The period label of one figure (`share`: whether it is a share, _is_share), and
        whether the sentence itself dated it. text_year: _text_year(exprs, published, context),
        the same for every figure of the sentence."""
        flow = change or (not stock and not share)
        if expr is not None and expr.later and expr.year is None and expr.relative is None:
            # "A year later, ..." in a sentence that names no other date: on from the text's date
            on = years_on(context, expr.later)
            if on is not None:
                return (as_stock(on, None) if stock and not change else as_flow(on) if flow else on), True
            expr = None
        if expr is not None:
            label = resolve(expr, published, text_year).label()
            if label is not None and expr.now:
                # "now", "目前": dated by the publication, not by the text
                return (as_stock(label, expr) if stock else label), False
            if label is not None:
                if expr.span and share and not change:
                    return label[-4:], True  # "2020年至2024年...比重为34.6%": the share at the end
                if stock and not change:
                    return as_stock(label, expr), True
                return (as_flow(label) if flow and expr.year_end else label), True
        # (the bases are only asked about for a change)
        bases = [e for e in exprs if e.base] if change else []
        if bases:
            # "比上年末净增54万个" after "截至6月底": the period runs from the base to the context
            base = resolve(bases[0], published, text_year).label()
            if context and base and _period_key(context) > _period_key(base):
                return as_flow(context), False
            following = next_year(base)
            if following and not bases[0].relative:
                return following, True
        # a word of the present tense in the clause ("has", "now") is looked for last, when it
        # is all that is left to tell
        if stock and not change:
            if published is not None and (context is None or _in_present(sentence, clause, spots)):
                return _present(published, context), False
            return as_stock(context, None), False
        if context is None and published is not None and _in_present(sentence, clause, spots):
            # "the cost has fallen to about 100 yuan", nothing dated before: as of publication
            return f"{published.year}-{published.month:02d}", False
        return (as_flow(context) if flow else context), False


def _cue_reach(places: list[_Place], start: int) -> int:
    """How far back before a figure a cue word of the subject carried over is looked for
    (Linker.cue_near): 30 characters, the places named in them not counted ("Sales in the
    European Union fell 5.9 percent": a place says where, not what is measured)."""
    reach = 30
    for m, _, named, _ in reversed(places):  # (in the order of the sentence: nearest first)
        if m.end() > start or not named:
            continue
        if m.start() < start - reach:
            break
        reach += m.end() - m.start()
    return reach


def _in_present(sentence: str, clause: tuple[int, int], spots: _CueSpots) -> bool:
    """Whether a word of the present tense stands in the clause. (Not looked up in the spots:
    short words like "is" start loose matches inside many others, "this", "exist".)"""
    c_left, c_right = clause
    return spots.cues.present_tense.search(sentence[c_left:c_right]) is not None


def _present(published: date, context: str | None) -> str:
    """The month a stock in the present tense is at: the publication's, or the month end the text
    has just reported when that is the latest out ('截至2023年底...' in an article of 20 January
    2024, then '5G行业应用已融入71个国民经济大类': the end of December). A word that names the
    time of writing ('now', 'so far', '目前') is the publication's month all the same."""
    if context is not None and _MONTH_LABEL.fullmatch(context):
        behind = published.year * 12 + published.month - int(context[:4]) * 12 - int(context[5:7])
        if 0 <= behind <= 1:
            return context
    return f"{published.year}-{published.month:02d}"


_MONTH_LABEL = re.compile(r"\d{4}-\d{2}")


# "2025年03月20日", "2025年第4期" (an issue of a periodical)
_DAY_AFTER = re.compile(r"\s*(?:(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]|第\s*\d+\s*期)")
_DAY_BEFORE = re.compile(r"[A-Za-z]{3,9}\.?\s+\d{1,2},?\s*$")


def _flashback(sentence: str, exprs: list[TimeExpr]) -> bool:
    """'而在2022年，...', 'Back in 2021, ...', 'a slowdown from 2022, when ...': a look back to
    the sentence's first date."""
    first = next((e for e in exprs if e.year is not None or e.relative is not None), None)
    return first is not None and (lexicon.flashback().search(sentence, 0, first.start) is not None
                                  or WHEN_AFTER.match(sentence, first.end) is not None)


_CLAUSE_OPENING = re.compile(r"[\s,，]*(?:(?:but|so|then|yet|而|但)\b\s*)?", re.IGNORECASE)


def _looks_back_only(exprs: list[TimeExpr]) -> bool:
    """'up from roughly a quarter a year earlier', '较上年': every date of the sentence is
    counted back from the text's own year or is what a figure is compared with, so an earlier
    period it gives is a look back, and the text stays where it was."""
    dating = [e for e in exprs if e.year is not None or e.relative is not None]
    return bool(dating) and all(e.text_relative or e.base for e in dating)


def _anaphor_opens_clause(sentence: str, start: int, exprs: list[TimeExpr], c_left: int) -> bool:
    """'That is growth of', 'At the end of 2024 the count stood at', '，这一数字增至': a word
    pointing back opens the figure's clause (after a date, perhaps); 'this year' is a date."""
    m = lexicon.cues_for(sentence).anaphor.search(sentence, c_left, start)
    if m is None or any(e.start <= m.start() < e.end for e in exprs):
        return False
    prefix = list(sentence[c_left:m.start()])
    for e in exprs:
        for i in range(max(e.start, c_left), min(e.end, m.start())):
            prefix[i - c_left] = " "
    return _CLAUSE_OPENING.fullmatch("".join(prefix)) is not None


def _calendar_date(sentence: str, e: TimeExpr) -> bool:
    """'2025年03月20日', 'January 18, 2022', '2025年第4期': a day's date (or an issue) in a line
    with no figure is a dateline or a byline, not the period the article talks about."""
    return bool(_DAY_AFTER.match(sentence, e.end)
                or _DAY_BEFORE.search(sentence, max(0, e.start - 16), e.start))


def _text_year(exprs: list[TimeExpr], published: date | None, context: str | None) -> int | None:
    """The year a sentence talks about: its first plain date ('今年' counts, from the publication
    date), else the article's context."""
    for e in exprs:
        if e.year is not None and not e.base and not e.span and not e.by:
            return e.year
        if e.relative is not None and not e.text_relative and not e.base and published is not None:
            return published.year + e.relative
    if context and context[:4].isdigit():
        return int(context.split("/")[-1][:4])
    return None


@lru_cache(maxsize=4096)
def _period_key(label: str) -> tuple[date, int]:
    """The order of periods by their (last) start, the shorter label (the longer period) first.
    Kept for each label: the same few labels are compared for every sentence that dates a
    figure."""
    last = label.split("/")[-1]
    return period_start(last), len(last)


def _pair_periods(claims: list[Claim]) -> tuple[str, str] | None:
    for first, second in pairwise(claims):
        if first.pair_role == "from" and second.pair_role == "to" and first.period_explicit \
                and second.period_explicit and first.period and second.period:
            return first.period, second.period
    return None


def _date_headlines(undated: list[Claim], claims: list[Claim], published: date | None,
                    catalogue: Catalogue) -> None:
    """A headline comes before the text that dates it: give its undated figures the period of
    the article's first dated claim ("Industrial internet core sector tops 1.5 trillion yuan")."""
    first = next((c.period for c in claims if c.period_explicit and c.period
                  and c.kind == "actual"), None)
    if first is None:
        return
    for c in undated:
        if published is not None and c.period == f"{published.year}-{published.month:02d}" \
                and lexicon.cues_for(c.sentence).present_tense.search(c.sentence):
            continue
        ind = catalogue.get(c.indicator)
        if ind is not None and ind.measure == "stock":
            c.period = as_stock(first, None)
        elif c.period is None or ind is not None:
            at = max(0, c.sentence.find(c.text))
            growth = (ind is not None and ind.measure == "growth") or bool(
                lexicon.cues_for(c.sentence).growth_up.search(c.sentence, max(0, at - 12), at))
            c.period = as_flow(first) if c.unit not in PERCENT_UNITS or growth else first


@cache
def _day_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = lexicon.en_phrase_regex(list(lexicon.period_words()["months"]["en"])).pattern
    en = re.compile(rf"(?P<m>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                    rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?![\d,.]\d)", re.IGNORECASE)
    zh = re.compile(r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<zm>\d{1,2})\s*月\s*\d{1,2}\s*日")
    return en, zh


@cache
def _statement_words() -> re.Pattern[str]:
    words = lexicon.period_words()["statement_words"]
    return re.compile(rf"{lexicon.en_phrase_regex(words['en']).pattern}"
                      rf"|{lexicon.alternation(words['zh'])}", re.IGNORECASE)


_DATELINE_AFTER = re.compile(r"\s*(?:\(|（|--|—)")
_DAY_AFTER_SPACE = re.compile(r"\s\d")


def _latest_statement_month(sentences: list[str], published: date) -> str | None:
    """The statement month (_statement_month) of the last of the sentences that has one."""
    for sentence in reversed(sentences):
        month = _statement_month(sentence, published)
        if month is not None:
            return month
    return None


def _statement_month(sentence: str, published: date) -> str | None:
    """The month of the last day-date a sentence names ("March 5", "Jan. 21, 2025", "3月5日")
    as the date of a statement (words/periods.yaml statement_words, or a dateline), a month
    without a year being the latest on or before the publication date."""
    en, zh = _day_dates()
    # the English day follows white space ("March 5"), the Chinese date holds 月 and 日: a fast
    # test for what each pattern needs skips it on most sentences
    dates = [*(en.finditer(sentence) if _DAY_AFTER_SPACE.search(sentence) else ()),
             *(zh.finditer(sentence) if "月" in sentence and "日" in sentence else ())]
    if not dates:
        return None
    spoken = _statement_words().search(sentence) is not None
    found = None
    for m in sorted(dates, key=lambda m: m.start()):
        if not spoken and not _DATELINE_AFTER.match(sentence, m.end()):
            continue
        if m.re is en:
            month = lexicon.period_words()["months"]["en"][lexicon.fold(m.group("m"))]
        else:
            month = int(m.group("zm"))
        year = m.group("y")
        if not 1 <= month <= 12:
            continue
        y = int(year) if year else published.year - (month > published.month)
        found = f"{y}-{month:02d}"
    return found


def _counted_by_a_flow(claims: list[Claim], bounds: list[Quantity]) -> None:
    """'In 2024, ten provinces reported value added above 50 billion yuan': a count of places
    picked by what they made or grew in a period covers that period, as the flow does."""
    for c in claims:
        if c.indicator is None and c.unit == "count" \
                and any(q.start >= c.end and q.unit != "count" for q in bounds):
            c.period = as_flow(c.period)


_SENTENCE_END = re.compile(r"[.!?。！？][”’\"')）]*\s*$")
_SENTENCE_END_MARKS = ".!?。！？"
_CLOSING_MARKS = "”’\"')）"


def _ends_a_sentence(sentence: str) -> bool:
    r"""Whether _SENTENCE_END matches in the sentence, without a scan of it: its end mark, its
    closing quotes and brackets and its white space (`\s` is what str.rstrip strips, and `$`
    before a final line break is the end after it, the break being white space) must make up
    the end of the text, so the mark is the last character left once the white space, then
    the closing marks (none of them white space or an end mark) are stripped."""
    body = sentence.rstrip().rstrip(_CLOSING_MARKS)
    return bool(body) and body[-1] in _SENTENCE_END_MARKS


def _headings_repeat_the_text(claims: list[Claim]) -> None:
    """'Minister: 5G users exceeded 575 million' over a paragraph that gives the same 575
    million with its date: a heading (a line of its own with no full stop) is linked, and placed,
    like the same figure where the text below gives it ('passes 1.4 million sites' over '1.425
    million 5G base stations', 'Beijing keeps growth goal at around 5 percent' over the target
    for China's growth); the heading takes that figure's date too unless it names its own."""
    ended = False
    last: str | None = None  # the sentence `ended` is of: a sentence's claims come together
    for n, c in enumerate(claims):
        if c.sentence is not last:
            last, ended = c.sentence, _ends_a_sentence(c.sentence)
        if ended:
            continue
        same = next((d for d in claims[n + 1:] if d.sentence != c.sentence and d.unit == c.unit
                     and _rounds_to(c, d) and c.indicator in (None, d.indicator)
                     and (not c.period_explicit or _same_year(c.period, d.period))), None)
        if same is None:
            continue
        c.indicator, c.candidates, c.geography = same.indicator, list(same.candidates), same.geography
        if not c.period_explicit:
            c.period, c.kind, c.period_explicit = same.period, same.kind, same.period_explicit


def _rounds_to(heading: Claim, figure: Claim) -> bool:
    """The heading's figure is the text's, as written or rounded within what its wording allows
    ('passes 1.4 million' for 1.425 million, 'a fifth' for 'over 20 percent')."""
    if heading.value == figure.value:
        return True
    low = heading.lower if heading.lower is not None else float("-inf")
    high = heading.upper if heading.upper is not None else float("inf")
    return low <= figure.value <= high and abs(figure.value - heading.value) <= 0.05 * abs(heading.value)


def _same_year(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.split("/")[-1][:4] == b.split("/")[-1][:4]


def _is_change(sentence: str, start: int, end: int, q: Quantity, spots: _CueSpots) -> bool:
    """A growth rate or a net addition: its period is the span it covers, not a date."""
    cues = spots.cues
    if q.unit in PERCENT_UNITS:
        left = max(0, start - 30)
        before = sentence[left:start]
        # "made up 30 percent of": the "up" of a share, not a rise; but the nearer word wins
        # ("占总销量的40.9%，较2023年提高9.3个百分点" is a change)
        share = [m.end() for m in _cue_matches(spots, "share", cues.share, before, left)]
        # "提升至16.3%", "rose to 15.1 percent": the level reached, not the change
        growth = [m.end() for name, pattern in (("growth_up", cues.growth_up),
                                                ("growth_down", cues.growth_down))
                  for m in _cue_matches(spots, name, pattern, before, left)
                  if not _REACHED.match(before, m.end())]
        if share and (not growth or max(growth) <= max(share)):
            return False
        after = sentence[end:end + 25]
        return bool(growth or _GROWTH_AFTER.match(after))
    left = max(0, start - 20)
    if spots.may_match("net_change", left, start):  # else none starts after the cut below either
        near = sentence[left:start]
        # a cue before another figure is that one's ("新增5G基站超百万个　5G用户突破8亿")
        cut = max((m.end() for m in _FIGURE.finditer(near)), default=0)
        if _cue_search(spots, "net_change", cues.net_change, near[cut:], left + cut) is not None:
            return True
    return bool(_MORE_THAN_BEFORE.match(sentence, end)) or bool(_change_after().match(sentence, end))


_GROWTH_AFTER = re.compile(r"\s*(?:year[- ]on[- ]year|y/y|growth|increase|rise)", re.IGNORECASE)
# what a five-year plan's name holds ("14th Five-Year Plan", "十四五"; periods.py reads it): a
# sentence without it names no plan, and is not searched for one
_PLAN_NAMED = re.compile(r"Five-Year\s+Plan|十[三四五]五", re.IGNORECASE)


@cache
def _plan_period() -> re.Pattern[str]:
    """'during the plan period', '规划期内': the plan the text named last (words/periods.yaml)."""
    words = lexicon.period_words()["plan_period"]
    return re.compile(rf"{lexicon.en_phrase_regex(words['en']).pattern}"
                      rf"|{lexicon.alternation(words['zh'])}", re.IGNORECASE)


@cache
def _contribution_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The 'before' pattern, the same for an ASCII sentence, and the 'after' pattern.

    The ASCII one leaves out the Chinese words that cannot match ASCII text: under IGNORECASE a
    character matches an ASCII one only when it is ASCII or one of İ, ı, ſ, K (the Kelvin
    sign), so a word with any other character never matches in an ASCII sentence. The full
    pattern tries those words at every position of the window, even in English."""
    table = lexicon.load_table("measures")["contribution"]
    en = lexicon.en_phrase_regex(table["before"]["en"]).pattern
    zh = [str(w) for w in table["before"]["zh"]]
    before = re.compile(rf"{en}|{lexicon.alternation(zh)}", re.IGNORECASE)
    in_ascii = [w for w in zh if all(c.isascii() or c in _MATCH_ASCII_BLIND for c in w)]
    before_ascii = re.compile(rf"{en}|{lexicon.alternation(in_ascii)}" if in_ascii else en,
                              re.IGNORECASE)
    growth = lexicon.alternation(table["growth_after"]["en"])
    after = re.compile(rf"\s+of\s+(?:[A-Za-z'’-]+\s+){{0,4}}?(?:{growth})\b", re.IGNORECASE)
    return before, before_ascii, after


# the non-ASCII characters that a case-blind regex matches with an ASCII letter
_MATCH_ASCII_BLIND = "\u0130\u0131\u017f\u212a"


def _contribution(sentence: str, start: int, end: int, q: Quantity) -> bool:
    """'over 30% of global manufacturing growth': a share of a growth (words/measures.yaml)."""
    if q.unit != "percent":
        return False
    before, before_ascii, after = _contribution_patterns()
    if sentence.isascii():  # a flag, no scan
        before = before_ascii
    return bool(after.match(sentence, end) or before.search(sentence, max(0, start - 40), start))


@cache
def _put_to_use_pattern() -> re.Pattern[str]:
    """The words of things put to use (words/measures.yaml put_to_use)."""
    table = lexicon.load_table("measures")["put_to_use"]
    return re.compile(rf"{lexicon.en_phrase_regex(table['en']).pattern}"
                      rf"|{lexicon.alternation(table['zh'])}", re.IGNORECASE)


@cache
def _change_after() -> re.Pattern[str]:
    words = lexicon.load_table("measures")["change_after"]
    return re.compile(rf"\s*(?:{lexicon.en_phrase_regex(words['en']).pattern}"
                      rf"|{lexicon.alternation(words['zh'])})", re.IGNORECASE)


def _added(sentence: str, start: int, c_left: int, spots: _CueSpots) -> bool:
    """'built over 600,000 5G base stations in 2020': the additions of a period; 'had built
    3.4 million' (a perfect tense) is the total so far."""
    left = max(c_left, start - 45)
    if not spots.may_match("additions", left, start):
        return False
    cues = spots.cues
    before = sentence[left:start]
    verbs = [m for m in cues.additions.finditer(before) if not before.startswith("-", m.end())]
    if not verbs:
        return False
    lead = before[max(0, verbs[-1].start() - 12):verbs[-1].start()]
    return not cues.perfect_tense.search(lead)


@cache
def _parts() -> tuple[re.Pattern[str], dict[str, str]]:
    en, zh, by_word = _part_branches()
    return re.compile(rf"{en}|{zh}", re.IGNORECASE), by_word


@cache
def _part_branches() -> tuple[str, str, dict[str, str]]:
    """The English and the Chinese branch of _parts()'s pattern (words/measures.yaml parts)."""
    table = lexicon.load_table("measures")["parts"]
    by_word = {lexicon.fold(w): part for part, langs in table.items() for ws in langs.values()
               for w in ws}
    en = [w for w in by_word if w.isascii()]
    zh = [w for w in by_word if not w.isascii()]
    return lexicon.en_phrase_regex(en).pattern, lexicon.alternation(zh), by_word


@cache
def _part_searches() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """_parts()'s branches compiled apart: 'A|B' matches somewhere just when A or B does, and
    each alone is faster to look for (the engine scans for the Chinese words' first characters
    itself, where the pattern of both tries the English branch at every position first)."""
    en, zh, _ = _part_branches()
    return re.compile(en, re.IGNORECASE), re.compile(zh, re.IGNORECASE)


@cache
def _loose_parts() -> re.Pattern[str]:
    """_parts()'s words for a lower-cased sentence (lexicon.loose_regex): found fast, and found
    wherever _parts() matches when the sentence holds no İ, ı or ſ (lexicon.loose_cues)."""
    table = lexicon.load_table("measures")["parts"]
    return lexicon.loose_regex([w for langs in table.values() for ws in langs.values() for w in ws])


def _names_a_part(sentence: str, lower: str | None = None) -> bool:
    """Whether _parts()'s pattern matches anywhere in the sentence ("core", "核心"). lower: the
    sentence lower-cased, when it holds no İ, ı or ſ (_CueSpots.lower): the words are looked
    for in it first, and few sentences hold them."""
    if lower is not None and _loose_parts().search(lower) is None:
        return False
    en, zh = _part_searches()
    return en.search(sentence) is not None or zh.search(sentence) is not None


def _part_named(sentence: str, start: int, c_left: int) -> str | None:
    """The part of a thing a word in the figure's clause names before it ('the core alone')."""
    pattern, by_word = _parts()
    found = list(pattern.finditer(sentence, c_left, start))
    return by_word[lexicon.fold(found[-1].group(0))] if found else None


def _bare_growth(sentence: str, start: int, end: int, clause: tuple[int, int],
                 exprs: list[TimeExpr]) -> bool:
    """'Economists polled by a newspaper expect growth of 4.5 to 5 percent in 2025', 'Growth of
    5 percent is expected': "growth" with no word naming what grows, right before the figure,
    after a forecaster and a verb of expecting at the clause's start, or opening the clause; and
    nothing but dates after the figure in its clause (words/measures.yaml bare_growth)."""
    c_left, c_right = clause
    if "rowth" not in sentence[c_left:start]:  # most clauses hold no "growth": no regex
        return False
    head, tail = list(sentence[c_left:start]), list(sentence[end:c_right])
    for e in exprs:  # a date says nothing of what grows: "expect 2025 growth of", "in 2025"
        for i in range(e.start, e.end):
            if c_left <= i < start:
                head[i - c_left] = " "
            elif end <= i < c_right:
                tail[i - end] = " "
    opening, after = _bare_growth_patterns()
    return opening.fullmatch("".join(head)) is not None and after.fullmatch("".join(tail)) is not None


@cache
def _bare_growth_whole() -> str:
    """The family whose growth a bare "growth" is (words/measures.yaml bare_growth)."""
    return str(lexicon.load_table("measures")["bare_growth"]["whole"])


@cache
def _bare_growth_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The clause before a bare growth's figure, and the clause after it (_bare_growth)."""
    table = lexicon.load_table("measures")["bare_growth"]
    forecasters = lexicon.en_phrase_regex(table["forecasters"]["en"]).pattern
    verbs = lexicon.en_phrase_regex(table["verbs"]["en"]).pattern
    opening = re.compile(rf"[\s\W]*(?:(?:and|but|while|so)\s+)?"
                         rf"(?:(?:{forecasters})(?:\s+[^,;:]*?)?\s+(?:{verbs})\s+)?"
                         rf"(?:(?:annual|overall|headline)\s+)?growth\s+(?:of|at)\s+",
                         re.IGNORECASE)
    after = re.compile(r"[\s\W]*(?:(?:in|for|during|over|this|next)\b[\s\W]*)*", re.IGNORECASE)
    return opening, after


def _word_after_part(sentence: str, start: int, c_left: int) -> str | None:
    """The English word right after the last part's word before the figure in its clause,
    lower-cased ("the core industries' share": "industries"); None when none follows."""
    pattern, _ = _parts()
    found = list(pattern.finditer(sentence, c_left, start))
    if not found:
        return None
    m = _NEXT_ALIAS_WORD.match(sentence, found[-1].end(), start)
    return m.group(1).lower() if m else None


_ALIAS_WORD = re.compile(r"[a-z][a-z-]*")
_NEXT_ALIAS_WORD = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")


@cache
def _reported_pattern() -> re.Pattern[str]:
    table = lexicon.load_table("measures")["reported_by"]
    sources = lexicon.en_phrase_regex(table["sources"]).pattern
    verbs = lexicon.en_phrase_regex(table["verbs"]).pattern
    return re.compile(rf"\W*(?:(?:for|in)\s+\W*,?\s*)?(?:the\s+|its\s+)?(?:{sources})"
                      rf"(?:\s*,[^,]*,)?\s+(?:{verbs})(?:\s+(?:it|the\s+figure|the\s+total)\s+at)?\s*",
                      re.IGNORECASE)


def _reported_without_subject(sentence: str, first: int, hits: list[_Hit],
                              exprs: list[TimeExpr]) -> bool:
    """'For 2023 the bureau, working from the fifth economic census, gives 12.76 trillion
    yuan': the sentence opens with a source and a reporting verb, names no thing before its
    first figure, and so reports on what the sentence before measured."""
    if any(h.start < first for h in hits) or not sentence[:first].isascii():
        return False
    head = list(sentence[:first])
    for e in exprs:  # a date says nothing of the thing: "For 2023"
        head[e.start:min(e.end, first)] = [" "] * (min(e.end, first) - e.start)
    return _reported_pattern().fullmatch("".join(head)) is not None


@cache
def _part_added() -> re.Pattern[str]:
    """'887,000 of them built during 2022': the part of a total that a period added."""
    verbs = lexicon.en_phrase_regex(lexicon.load_table("measures")["additions"]["en"]).pattern
    return re.compile(r"\s+of\s+(?:them|which|these|those)\s+(?:(?:were|was|had\s+been|have\s+been)"
                      rf"\s+)?(?:{verbs})", re.IGNORECASE)


def _is_share(sentence: str, start: int, end: int, q: Quantity, spots: _CueSpots) -> bool:
    if q.unit not in PERCENT_UNITS:
        return False
    share = spots.cues.share
    left = max(0, start - 40)
    return (spots.may_match("share", left, start) and share.search(sentence[left:start]) is not None) \
        or (spots.may_match("share", end, end + 25) and share.search(sentence[end:end + 25]) is not None)


def _is_stock(ind: Indicator | None, q: Quantity, sentence: str, change: bool,
              clause: tuple[int, int], clauses: tuple[list[int], list[int]]) -> bool:
    """Stocks are dated at a month end. An uncatalogued count is a stock (firms, racks, platforms)
    unless a verb makes it a flow ('sold 4.91 million', '出口491万辆'). clauses: the sentence's
    clause_marks."""
    if ind is not None:
        return ind.measure == "stock"
    if q.unit != "count" or change:
        return False
    c_left, c_right = clause
    flow_verbs = lexicon.cues_for(sentence).flow_verbs
    if flow_verbs.search(sentence[max(0, c_left - 30):c_right]):
        return False
    # "Retail sales of NEVs, which the association counts separately, reached 10.9 million": a
    # relative clause set off by commas stands between the figure's verb and its subject, whose
    # clause is the one before it (the relative clause's own words are not the figure's)
    relative = _RELATIVE_BEFORE.search(sentence, max(0, c_left - 120), c_left) if c_left else None
    if relative is None:
        return True
    s_left = clause_bounds(sentence, relative.start(), relative.start(), clauses)[0]
    return not flow_verbs.search(sentence[max(0, s_left - 30):relative.start()])


# a relative clause set off by commas that ends right before a clause: ", which ... ,"
_RELATIVE_BEFORE = re.compile(r",\s*(?:which|who|whose)\b[^,;:()]*,\s*$", re.IGNORECASE)


def _gapped(sentence: str, start: int, clause: tuple[int, int], places: list[_Place]) -> bool:
    """Whether the figure's clause holds nothing before it but a place it names, after another
    clause ('..., and Shandong more than 500', '，山东500多家'): a clause whose verb is left out."""
    c_left = clause[0]
    if not c_left or start - c_left > 30:
        return False
    for m, _, named, _ in places:
        if named and c_left <= m.start() and m.end() <= start \
                and not sentence[c_left:m.start()].strip() and not sentence[m.end():start].strip():
            return True
    return False


def _names_series_part(sentence: str, c_left: int, start: int, spots: _CueSpots) -> bool:
    """Whether the figure's clause names a part of a series before it ('plug-in hybrids',
    '纯电动汽车': words/measures.yaml series_parts)."""
    return spots.may_match("series_parts", c_left, start) \
        and spots.cues.series_parts.search(sentence, c_left, start) is not None


_COMPARED = re.compile(r"\b(?:from|than|compared|against|above|below|versus)\b|比|较",
                       re.IGNORECASE)


def _pick_expr(exprs: list[TimeExpr], sentence: str, start: int, end: int, q: Quantity,
               change: bool, offsets: list[tuple[int, int]], clause: tuple[int, int]) -> TimeExpr | None:
    if not exprs:
        return None
    # "Compared with 3,616 at the end of 2022, the country had 5,095 ... a year later": when the
    # figure's clause counts on from a date ("a year later", "一年后"), the dates before the clause
    # are what it counts from, not the figure's
    moved_on = _counts_on_in(exprs, clause)
    if q.pair_role:
        dated = [e for e in exprs if e.year is not None and not e.span and not e.base]
        spans = [e for e in exprs if e.span and not e.plan]
        # "between 2020 and 2024 ... from X to Y", "从31.3万亿元增长到40.5万亿元": in order
        if len(dated) >= 2:
            return dated[0] if q.pair_role == "from" else dated[-1]
        if spans:
            first, last = spans[0].span or (0, 0)
            return replace(spans[0], span=None, year=first if q.pair_role == "from" else last)
    best: TimeExpr | None = None
    best_d = float("inf")
    for e in exprs:
        # the distance of a date, which the tests below only ever lengthen (or they pass the
        # date over): one no nearer than the best so far cannot be picked, and is not tested
        d = (e.start - end) * 1.2 if e.start >= end else start - e.end if e.end <= start else 0
        if d >= best_d:
            continue
        if moved_on and e.end <= clause[0]:
            continue
        if e.plan and _dated_beside_plan(exprs):
            continue  # "the 14th Five-Year Plan ... aims for 300 EFLOPS by 2025": the date wins
        if e.month and e.year is None and _DAY_OF_MONTH.match(sentence, e.end):
            continue  # "SHANGHAI, April 15 (Meridian Wire) -- China had 5,095": a dateline
        if e.start >= end:
            broken = _CLAUSE_BREAK.search(sentence, end, e.start) is not None
            if e.span and broken:
                continue  # "增长3.6%，2021年至2022年两年平均增长6.6%": the next clause's span
            if broken and _NEXT_PLAN.search(sentence, end, e.start):
                continue  # "had built 250,000 ..., and would add more this year": the plan's date
            if broken:
                d += 40  # "增长6.1%，其中3月份增长4.5%": a date opening the next clause
            if _number_between(offsets, end, e.start):
                if _COMPARED.search(sentence, end, e.start) or broken or q.unit == MULTIPLE:
                    # "... 927 million from 805 million at the end of last year"; "exported
                    # 1.2 million, and expects sales of 11.5 million in 2024"; "seven times
                    # the 1.367 million sold in 2020": another figure's
                    continue
                d += 30
        elif e.end <= start and _number_between(offsets, e.end, start):
            d += 60
        if e.base and (change or e.start >= end or d > 6 or q.unit == MULTIPLE):
            # a base dates only the figure glued to it: "比2022年底的231.2万个"; never the
            # multiple of it ("是2020年的7倍")
            continue
        if d < best_d:
            best, best_d = e, d
    return best


def _counts_on_in(exprs: list[TimeExpr], clause: tuple[int, int]) -> bool:
    """Whether an expression in the clause counts on from a date ('a year later', '一年后').
    (A loop, not any() of a generator: the lists are short.)"""
    for e in exprs:  # noqa: SIM110
        if e.later and clause[0] <= e.start < clause[1]:
            return True
    return False


def _dated_beside_plan(exprs: list[TimeExpr]) -> bool:
    """Whether the sentence names a year or a deadline ('by 2025') besides a five-year plan:
    "2025年是“十四五”规划收官之年": a year named beside a plan is the date, the plan its name.
    (Asked only when a plan is among the dates, which few sentences name.)"""
    return any(e.by or (e.year is not None and not e.base) for e in exprs)


# "up from 15.1 percent", "above the 26.2 percent recorded in 2023", "比2022年底的231.2万个"
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:up|down)\s+from|\b(?:above|below|than|versus|compared\s+(?:with|to))\s+the"
    r"|(?:比|较)[^，。；,;]{0,12}的)\s*$", re.IGNORECASE)
# the base of a multiple: "almost seven times the 1.367 million sold in 2020", "twice the"
_MULTIPLE_OF_BEFORE = re.compile(r"\b(?:times|twice)\s+(?:the|that\s+of|those\s+of)\s*$",
                                 re.IGNORECASE)
# the characters those two end with before their white space ("from", "the", "的"; "the", "of"),
# in either case (no other character matches these case-blind): only a text whose last
# character but white space is one of them is searched
_COMPARED_LAST = frozenset("mMeE的")
_MULTIPLE_OF_LAST = frozenset("eEfF")


def _ends_before(sentence: str, start: int, last: frozenset[str]) -> bool:
    """Whether the 20 characters before `start`, white space at their end left out, end with
    one of `last`: a pattern that ends with one of them and then \\s*$, searched there, can
    match only then. (str.rstrip and \\s take the same characters for white space.)"""
    return sentence[max(0, start - 20):start].rstrip()[-1:] in last


def _compared_with_previous(claims: list[Claim], sentence: str, offset: int,
                            hits: list[_Hit],
                            clauses: tuple[list[int], list[int]] | None = None) -> None:
    """'made up 16.3 percent of above-size industry in 2024, up from 15.1 percent in 2020': a
    figure a same-unit figure is compared with measures the same thing, unless an alias of its
    own stands in its clause. clauses: clause_marks(sentence), when the caller has them."""
    for n, c in enumerate(claims[1:], 1):
        start = c.start - offset
        prev = claims[n - 1]
        if prev.unit == MULTIPLE and n > 1 and _ends_before(sentence, start, _MULTIPLE_OF_LAST) \
                and _MULTIPLE_OF_BEFORE.search(sentence, max(0, start - 20), start):
            prev = claims[n - 2]  # "9.495 million, almost seven times the 1.367 million"
        elif not (_ends_before(sentence, start, _COMPARED_LAST)
                  and _COMPARED_BEFORE.search(sentence, max(0, start - 20), start)):
            continue
        if prev.unit != c.unit:
            continue
        c_left, c_right = clause_bounds(sentence, start, c.end - offset, clauses)
        # an alias in the earlier figure's own clause ("16.3 percent of industry above
        # designated size, up from 15.1 percent") is what that one is a share of, not this
        # figure's subject
        left = max(prev.end - offset, c_left)
        if any(left <= h.start and h.end <= c_right for h in hits):
            continue
        c.indicator, c.candidates = prev.indicator, list(prev.candidates)


# a day after a month name, then the punctuation of a dateline: "April 15 (", "Nov. 26,"
_DAY_OF_MONTH = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:[,(（]|--|—)")


def _number_between(offsets: list[tuple[int, int]], left: int, right: int) -> bool:
    """Whether a figure lies within [left, right). (A loop, not any() over a generator: the
    lists are short, and the generator costs more than the tests.)"""
    for s, e in offsets:  # noqa: SIM110 (see above)
        if left <= s and e <= right:
            return True
    return False


def _rates_over_pairs(claims: list[Claim], sentence: str, offset: int) -> None:
    """'from 31.3 trillion yuan in 2020 to 40.5 trillion yuan in 2024, an increase of 38 percent':
    the rate covers the span of the pair."""
    for i in range(len(claims) - 1):
        first, second = claims[i], claims[i + 1]
        if first.pair_role != "from" or second.pair_role != "to":
            continue
        if not (first.period and second.period) or first.period[:4] >= second.period[:4]:
            continue
        for rate in claims[i + 2:]:
            if rate.unit != "percent" or rate.pair_role:
                break
            rate.period = f"{first.period[:4]}/{second.period[:4]}"
            rate.period_explicit = True
            # the change over several years ("an increase of 38 percent in four years"): no
            # annual growth series carries it
            rate.indicator, rate.candidates = None, []


def _densities(sentence: str, qs: list[Quantity], offsets: list[tuple[int, int]]) -> list[Quantity]:
    """'470 robots per 10,000 workers, up from 402 a year earlier', '每万名工人392台': a count in
    the clause of a per-10,000 phrase, or in a clause comparing it with one, is a density."""
    if "10,000" not in sentence and "10000" not in sentence and "每万" not in sentence:
        return qs
    pattern, by_word = lexicon.densities()
    phrases = list(pattern.finditer(sentence))
    if not phrases:
        return qs
    out = list(qs)
    density: str | None = None
    for n, q in enumerate(qs):
        start, end = offsets[n]
        if q.unit != "count" or q.has_scale or q.value >= 10_000:
            continue
        c_left, c_right = clause_bounds(sentence, start, end)
        own = [m for m in phrases if c_left <= m.start() < c_right and not m.start() <= start < m.end()]
        if own:
            who = (own[0].group("who") or own[0].group("who_zh")).lower()
            density = by_word.get(" ".join(who.split()))
        elif density is None or not _COMPARED.search(sentence, c_left, start):
            continue  # not "up from 402 a year earlier" after a density
        if density is not None:
            out[n] = replace(q, unit=density, has_unit=True)
    return out


def _averages(claims: list[Claim], sentence: str, offset: int, exprs: list[TimeExpr],
              marks: _Punctuation, spots: _CueSpots) -> None:
    """'grew at an average annual rate of 7.9 percent', '两年平均增长6.1%': an average over several
    years is no annual growth series' figure, and it covers the years averaged ('over two years'
    ending in the figure's year is 2020/2021)."""
    cues = spots.cues
    for c in claims:
        if c.unit != "percent":
            continue
        start, end = c.start - offset, c.end - offset
        averaged = False
        # no average word starting before the figure: none after the last mark before it either
        # (the mark is only looked for when one may start)
        if spots.may_match("average", 0, start):
            left = marks.after(start)
            averaged = spots.may_match("average", left, start) \
                and cues.average.search(sentence, left, start) is not None
        if not (averaged or cues.average_after.match(sentence, end)):
            continue
        c.indicator, c.candidates = None, []
        spans = [e.span for e in exprs if e.span and not e.plan and e.end <= start]
        if spans:  # "Between 2019 and 2023, ... an average annual rate of 8.5 percent"
            c.period = f"{spans[-1][0]}/{spans[-1][1]}"
            continue
        years = _years_averaged(sentence)
        if years and c.period and "/" not in c.period and c.period[:4].isdigit():
            last = int(c.period[:4])
            c.period = f"{last - years + 1}/{last}"


_OVER_YEARS = re.compile(r"over\s+(?:the\s+(?:past|last)\s+)?(two|three|four|five|\d)\s+years"
                         r"|(两|二|三|四|五)年(?:间)?平均", re.IGNORECASE)


def _years_averaged(sentence: str) -> int | None:
    m = _OVER_YEARS.search(sentence)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    if word.isdigit():
        return int(word)
    number = read_english_words(word) if word.isascii() else read_chinese(word)
    return int(number.value) if number else None


# "in four years", "over the past three years", "四年扩容两倍多", "5年来翻了一番" (not "三年前")
_IN_YEARS = re.compile(r"\b(?:in|over|within)\s+(?:the\s+(?:past|last)\s+)?([a-z]+|\d{1,2})\s+years\b"
                       r"|(?<![\d.])([两二三四五六七八九十]|\d{1,2})\s*年(?:间|来|内|里)?(?![前后底末初度])",
                       re.IGNORECASE)


def _multiples_over_years(claims: list[Claim]) -> None:
    """'“小巨人”四年扩容两倍多', 'output tripled in three years': a multiple said to be reached
    in N years covers the N years up to its own ('2021/2024' for four years to 2024)."""
    for c in claims:
        if c.unit != MULTIPLE or not c.period or "/" in c.period or not c.period[:4].isdigit():
            continue
        at = max(0, c.sentence.find(c.text))
        left = max((m.end() for m in _PUNCTUATION.finditer(c.sentence, 0, at)), default=0)
        right = next((m.start() for m in _PUNCTUATION.finditer(c.sentence, at)), len(c.sentence))
        m = _IN_YEARS.search(c.sentence[left:right])
        if m is None:
            continue
        word = m.group(1) or m.group(2)
        try:
            number = read_english_words(word) if word.isalpha() and word.isascii() else (
                read_chinese(word) if not word.isdigit() else None)
        except (ValueError, KeyError):
            continue
        years = int(word) if word.isdigit() else int(number.value) if number else 0
        if 1 < years <= 20:
            last = int(c.period[:4])
            c.period = f"{last - years + 1}/{last}"


class _CueSpots:
    """Where in one sentence a match of each cue could start: where a match of the cue's loose
    pattern (lexicon.loose_cues) starts in the lower-cased sentence. For the cues of
    _SPOTTED_CUES, found at once by one scan of it for them all, that finds where the place
    names start too (lexicon.loose_union_with_places, _loose_place_starts); for any other cue,
    by one scan of it for that cue when a figure first asks. The figures of a sentence scan
    short parts of it for the same cues many times, and most parts hold none of them: a scan of
    a part where no loose match starts finds nothing, and is skipped.

    A loose match has at least one character (every cue phrase has), so a match in a part
    [left, right) starts before `right`. In a sentence with İ, ı or ſ (lexicon.odd_case) the
    lower-cased text does not tell, and every scan is made."""

    __slots__ = ("_loose", "_starts", "ascii", "cues", "lower", "place_starts", "sentence")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.ascii = sentence.isascii()
        self.cues = lexicon.cues_for(sentence)
        lower = None if lexicon.odd_case(sentence) else sentence.lower()
        # (only İ lower-cases to two characters, and odd_case has it: the test is a safeguard)
        # the sentence lower-cased, None when the lower case does not tell (see above)
        self.lower = lower if lower is not None and len(lower) == len(sentence) else None
        self._loose = lexicon.loose_cues(self.ascii)
        self._starts: dict[str, Sequence[int]] = {}
        # where place names start in `lower` (_loose_place_starts), for _scan_places
        self.place_starts: Sequence[int] | None = None
        if self.lower is not None:
            # every sentence with a figure asks about the spotted cues, and scans for places
            # right after (_scan_places): one scan finds both
            found = _spotted_starts(self.lower, _spotted_union(self.ascii))
            self.place_starts = found.pop(lexicon.PLACE_NAMES)
            self._starts.update(found)

    def may_match(self, cue: str, left: int, right: int) -> bool:
        """False when no match of the cue can start in the sentence from `left` to `right`
        (whether a scan of sentence[left:right], or one with pos and endpos)."""
        starts = self._all_starts(cue)
        if starts is None:
            return True
        if not starts:
            return False  # most cues start nowhere in a sentence: no search of their starts
        k = bisect.bisect_left(starts, left)
        return k < len(starts) and starts[k] < right

    def starts_in(self, cue: str, left: int, right: int) -> Sequence[int] | None:
        """Where in the sentence from `left` to `right` a match of the cue may start (see
        may_match), in order; None when the spots do not tell (every place may)."""
        starts = self._all_starts(cue)
        if not starts:
            return starts
        return starts[bisect.bisect_left(starts, left):bisect.bisect_left(starts, right)]

    def _all_starts(self, cue: str) -> Sequence[int] | None:
        """Where in the sentence a match of the cue may start; None when the spots do not tell."""
        if self.lower is None:
            return None
        starts = self._starts.get(cue)
        return self._scan(cue, self.lower) if starts is None else starts

    def _scan(self, cue: str, lower: str) -> Sequence[int]:
        """The starts of the cue's loose matches in the lower-cased sentence, kept: for a cue of
        _SPOTTED_CUES, those of all of them are found and kept at once."""
        if cue not in _SPOTTED_CUES:
            starts = self._starts[cue] = _match_starts(self._loose[cue], lower)
            return starts
        found = _spotted_starts(lower, _spotted_union(self.ascii))
        del found[lexicon.PLACE_NAMES]
        self._starts.update(found)
        return found[cue]


# The cues the per-figure tests ask _CueSpots about: found by one scan of a sentence
_SPOTTED_CUES = ("additions", "average", "companies", "forecast", "growth_down", "growth_up",
                 "net_change", "series_parts", "share", "target", "trade")

@cache
def _spotted_union(ascii_text: bool) -> lexicon.LooseUnion:
    """The spotted cues and the place names (under lexicon.PLACE_NAMES), for one scan."""
    return lexicon.loose_union_with_places(_SPOTTED_CUES, ascii_text)


def _spotted_starts(lower: str, union: lexicon.LooseUnion) -> dict[str, tuple[int, ...]]:
    """For each cue of the union, where its loose pattern matches in the lower-cased text, in
    order (as _match_starts finds them): where the union's pattern matches, under the cues of
    the phrase found there. (A match whose white space is single spaces is the phrase as it is,
    and is looked up without the work of making it so.)"""
    starts: dict[str, tuple[int, ...]] = dict.fromkeys(union.names, ())
    by_phrase = union.cues
    pattern = union.pattern
    m = pattern.search(lower)
    while m is not None:
        text = m.group()
        at = m.start()
        for cue in by_phrase.get(text) or by_phrase[" ".join(text.split())]:
            starts[cue] += (at,)
        m = pattern.search(lower, at + 1)
    return starts


def _cue_matches(spots: _CueSpots, cue: str, pattern: re.Pattern[str], part: str,
                 left: int) -> list[re.Match[str]]:
    """list(pattern.finditer(part)), `pattern` being the cue's regex (spots.cues) and `part`
    sentence[left:left + len(part)]: the regex is tried only where the spots say a match of
    the cue may start (the scan of the part between them is the cost they save).

    Why exact: each search of finditer, from `pos` on, finds the match at the first place at
    or after `pos` where the regex matches; every such place is a spot (may_match), so trying
    the spots from `pos` on in order, the first match (at the same place of the same string:
    its lookbehind sees what the search's saw) is the one the search finds. No cue matches an
    empty text (every phrase has a character), so the next search starts at the match's end."""
    starts = spots.starts_in(cue, left, left + len(part))
    if starts is None:
        return list(pattern.finditer(part))
    found = []
    pos = 0
    for at in starts:
        at -= left
        if at >= pos:
            m = pattern.match(part, at)
            if m is not None:
                found.append(m)
                pos = m.end()
    return found


def _cue_search(spots: _CueSpots, cue: str, pattern: re.Pattern[str], part: str,
                left: int) -> re.Match[str] | None:
    """pattern.search(part), tried only at the spots of the cue (as _cue_matches, whose first
    match it is)."""
    starts = spots.starts_in(cue, left, left + len(part))
    if starts is None:
        return pattern.search(part)
    for at in starts:
        m = pattern.match(part, at - left)
        if m is not None:
            return m
    return None


def _match_starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every place in the text where the pattern (one without lookarounds) matches, in order:
    each search goes on from the place after the last match's start, so overlapping matches
    are found too."""
    starts = []
    m = pattern.search(text)
    while m is not None:
        starts.append(m.start())
        m = pattern.search(text, m.start() + 1)
    return starts


def _future_cued(sentence: str, spots: _CueSpots) -> bool:
    """Whether a match of the forecast or the target cue may start anywhere in the sentence:
    when not, none starts in any part of it that _kind scans (its spots say so part by part)."""
    return spots.may_match("forecast", 0, len(sentence)) or spots.may_match("target", 0, len(sentence))


def _kind(sentence: str, start: int, end: int, label: str | None, published: date | None,
          clause: tuple[int, int], spots: _CueSpots, cued: bool = True) -> str:
    """actual, target or forecast. cued: _future_cued(sentence, spots), the same for every
    figure of the sentence (True: look as if the sentence may hold a cue word)."""
    cues = spots.cues
    c_left, c_right = clause
    window_start = max(0, min(c_left, start - 40))
    before = ""  # sentence[window_start:start], made when a scan of it is to be made
    # "将近" (nearly) is not "将" (will): blanked out, the part is no longer one of the sentence
    # (its spaces could join the words of a phrase), and is scanned whatever the spots say
    blanked = not spots.ascii and sentence.find("将近", window_start, start) >= 0
    nearest: tuple[int, str] | None = None
    forecast_seen = False
    # with no cue word in the sentence, each test below that asks the spots fails, and a part
    # with "将近" blanked out is the only one scanned whatever they say
    scanned = (("forecast", cues.forecast), ("target", cues.target)) if cued or blanked else ()
    for name, pattern in scanned:
        if blanked or spots.may_match(name, window_start, start):
            before = before or sentence[window_start:start].replace("将近", "  ")
            # (not blanked: `before` is the sentence's part as it is, the spots tell)
            for m in pattern.finditer(before) if blanked \
                    else _cue_matches(spots, name, pattern, before, window_start):
                d = len(before) - m.end()
                forecast_seen = forecast_seen or name == "forecast"
                if nearest is None or d < nearest[0]:
                    nearest = (d, "future" if name == "target" and cues.future.fullmatch(m.group(0))
                               else name)
        if not spots.may_match(name, end, c_right):
            continue
        m2 = _cue_search(spots, name, pattern, sentence[end:c_right], end)
        if m2 is not None:
            d = m2.start() + 5
            forecast_seen = forecast_seen or name == "forecast"
            if nearest is None or d < nearest[0]:
                nearest = (d, "future" if name == "target" and cues.future.fullmatch(m2.group(0))
                           else name)
    if nearest is not None:
        if nearest[1] == "future":
            # "will" is a plan's word, unless the clause forecasts ("预计...将达到")
            return "forecast" if forecast_seen else "target"
        return nearest[1]
    if label and published and "/" not in label and _starts_after(label, published):
        return "target"
    return "actual"


def _year_not_over(label: str | None, published: date | None) -> bool:
    return bool(label and published and label == str(published.year) and published.month < 12)


@cache
def _restates() -> re.Pattern[str]:
    """A clause's opening words that restate the figure before it (words/kinds.yaml restates),
    after white space."""
    words = lexicon.load_table("kinds")["restates"]
    en = lexicon.en_phrase_regex(words["en"]).pattern
    return re.compile(rf"\s*(?:{en}|{lexicon.alternation(words['zh'])})", re.IGNORECASE)


def _span_not_over(span: tuple[int, int], published: date) -> bool:
    """Whether the last year of a span had not ended when the text came out."""
    return span[1] > published.year or (span[1] == published.year and published.month < 12)


def _starts_after(label: str, day: date) -> bool:
    """period_start(label) > day: a period starts in the year its label opens with, so only one
    of the day's year needs its first day worked out."""
    year = int(label[:4])
    return year > day.year or (year == day.year and period_start(label) > day)


def _signed(q: Quantity, sentence: str, start: int, spots: _CueSpots) -> float:
    """'fell 2.2 percent' is a growth of -2.2."""
    if q.unit != "percent":
        return q.value
    left = max(0, start - 25)
    if not spots.may_match("growth_down", left, start):
        return q.value  # no word of a fall: the sign stays
    before = sentence[left:start]
    cues = spots.cues
    down = cues.growth_down.search(before)
    up = cues.growth_up.search(before) if spots.may_match("growth_up", left, start) else None
    if down and (not up or down.start() > up.start()):
        return -q.value
    return q.value


def _geography(sentence: str, start: int, places: list[_Place],
               province: str | None = None) -> str:
    """The place named nearest before the figure ('全国' and 'nationwide' name China), or the
    province an article is about when '全省'/'the province' stands nearer. A figure said of
    several places at once ("Guangdong, Jiangsu, Beijing and Zhejiang each passed ...",
    "广东、江苏和浙江") goes to the first one named. `places`: _scan_places up to `start` or
    further."""
    run, best_at = _place_run(sentence, start, places)
    if province is not None:
        same, _ = lexicon.place_words()
        near = [m.start() for m in same.finditer(sentence, 0, start)]
        if near and near[-1] > best_at:
            return province
    return run[0] if run else "CN"


def _place_run(sentence: str, start: int, scanned: list[_Place]) -> tuple[list[str], int]:
    """The place named nearest before `start`, with the places listed with it ("A, B and C"),
    in order, and where the first of them starts (-1: none). `scanned`: _scan_places up to
    `start` or further."""
    run: list[str] = []
    best_at = -1
    run_end = -1  # where the list ends so far
    for m, code, named, of_before in _places_before(sentence, start, scanned):
        if not named:
            continue
        if of_before and not code.startswith("CN-") and (code != "CN" or start - m.end() > 3):
            # "占全国的7.8%", "占全球比重约30%", "percent of the world's": the whole a share
            # is of; but "占全国425.1万个" is its figure
            continue
        if code != "CN" and run and run[0] != "CN" \
                and _PLACE_LIST_GLUE.fullmatch(sentence, run_end, m.start()):
            run.append(code)
        else:
            run, best_at = [code], m.start()
        run_end = m.end()
    return run, best_at


# A place a sentence names: the match, its code, whether it names the place (not a part of a
# name, an outlet, or after a venue word), and whether 'of'/'占' stands right before it.
_Place = tuple[re.Match[str], str, bool, bool]


def _place(sentence: str, m: re.Match[str]) -> _Place:
    _, by_name = lexicon.place_regex()
    start = m.start()
    # the regex takes any white space between a name's words ("Hong  Kong", a no-break space)
    code = by_name[" ".join(lexicon.fold(m.group(0)).split())]
    named = not (_is_part_of_name(sentence, m)
                 or (code == WORLD and _world_rank_or_name(sentence, m))
                 or _after_venue(sentence, start))
    # _OF_BEFORE ends in white space or 占 (where `$` matches before a last newline, the newline
    # stands after it): with any other character before the name it cannot match, unsearched
    of_before = start > 0 and (sentence[start - 1] == "占" or sentence[start - 1].isspace()) \
        and _OF_BEFORE.search(sentence, max(0, start - _OF_REACH), start) is not None
    return m, code, named, of_before


WORLD = "WORLD"  # words/geography.yaml: the code of the world's figures


# between a growth rate and the level it rose or fell to: "rose 6.7 percent to 1.28 million"
_TO_LEVEL = re.compile(r"\s*(?:to|at)\s+|至|到|达", re.IGNORECASE)


def _company_subjects(sentence: str, spots: _CueSpots) -> list[int]:
    """Where the companies the sentence names as a subject end (words/companies.yaml), in
    order: not where a company is the source of a figure ('according to BYD', 'BYD said') or
    one of several ('BYD and other carmakers', '比亚迪等企业'). (The case-blind search of
    some sixty names costs as much as the rest of a sentence's extraction: it is made only
    when the spots say a name may start in it, which few sentences do.)"""
    if not spots.may_match("companies", 0, len(sentence)):
        return []
    sources = lexicon.company_sources()
    return [m.end() for m in _cue_matches(spots, "companies", spots.cues.companies, sentence, 0)
            if not (sources.after.match(sentence, m.end())
                    or sources.before.search(sentence, max(0, m.start() - 16), m.start()))]


def _company_figure(sentence: str, start: int, companies: list[int],
                    places: list[_Place]) -> bool:
    """'BYD sold 4.27 million new energy vehicles', '中国移动5G基站超过240万个', 'The company
    sold 1.8 million': a company's own figure, which no national series holds. Not when a
    place named after the company and before the figure makes the figure the place's ('BYD
    said China's NEV sales ...'); but a place right after the company is its site ('Tesla's
    Shanghai plant', '特斯拉上海超级工厂'). `companies`: _company_subjects of the sentence;
    `places`: its _scan_places."""
    before = [end for end in companies if end <= start]
    if not before:
        return False
    subject_end = before[-1]
    return not any(named and subject_end <= m.start() and m.end() <= start
                   and not _COMPANY_SITE.fullmatch(sentence, subject_end, m.start())
                   for m, _, named, _ in places)


_COMPANY_SITE = re.compile(r"(?:['’]s)?\s*|的")  # between a company and its site's place


def _world_rank_or_name(sentence: str, m: re.Match[str]) -> bool:
    """'the world's largest market', '位居全球第一', 'World Bank', '世界机器人大会': a rank or
    a name, not where a figure was counted."""
    if lexicon.world_not_a_place_after().match(sentence, m.end()):
        return True
    return m.group(0) == "World" and _CAPITALISED_NEXT.match(sentence, m.end()) is not None


_CAPITALISED_NEXT = re.compile(r" [A-Z]")


def _after_venue(sentence: str, start: int) -> bool:
    """Whether a venue word (lexicon.place_words) ends, before white space only, at `start`
    ("a press conference in Beijing"). The venue regex matches a phrase, white space and the
    end: the last character before `start` but white space (str.isspace, as the regex's) must
    be one a phrase ends with, else it is not searched."""
    left = max(0, start - 30)
    before = sentence[left:start].rstrip()
    if not before or before[-1] not in _venue_ends():
        return False
    _, venue = lexicon.place_words()
    return venue.search(sentence, left, start) is not None


@cache
def _venue_ends() -> frozenset[str]:
    """The characters the venue phrases (words/geography.yaml venue_before) may end with, as
    their case-blind regex matches them: their last characters in either case, and İ, ı, K
    (Kelvin) and ſ, which match i, k and s case-blind (a few more, all rare, change nothing)."""
    table = lexicon.load_table("geography")["venue_before"]
    lasts = {p.rstrip()[-1] for phrases in table.values() for p in phrases if p.strip()}
    return frozenset({*lasts, *(c.upper() for c in lasts), *(c.lower() for c in lasts),
                      "\u0130", "\u0131", "\u212a", "\u017f"})


_LETTER = re.compile("[A-Za-z]", re.IGNORECASE)


def _scan_places(sentence: str, limit: int, lower: str | None = None,
                 starts: Sequence[int] | None = None) -> list[_Place]:
    """The places a scan of the sentence stopping at `limit` finds. lower: the sentence
    lower-cased, when it holds no İ, ı or ſ (_CueSpots.lower): then the place regex, which the
    engine tries at every position of a scan, is only tried where a name's loose match starts in
    it (lexicon.loose_place_regex, _loose_place_starts), the only places a match can start.
    Tried there in order, and from the end of each match on, it finds what finditer finds (a
    match from a later position sees the text before it, as finditer's does). starts:
    _loose_place_starts(lower), when the caller has them (_CueSpots.place_starts)."""
    pattern = _place_regex(sentence)
    if lower is None:
        return [_place(sentence, m) for m in pattern.finditer(sentence, 0, limit)]
    found = []
    pos = 0
    if starts is None:
        starts = _loose_place_starts(lower, sentence.isascii())
    for at in starts:
        if at >= limit:
            break
        if at < pos:
            continue
        m = pattern.match(sentence, at, limit)
        if m is not None:
            found.append(_place(sentence, m))
            pos = m.end()
    return found


def _loose_place_starts(lower: str, ascii_text: bool) -> list[int]:
    """_match_starts(lexicon.loose_place_regex(), lower): where a loose match of a place name
    starts in the lower-cased text, in order. The loose regex has no lookarounds, so it matches
    at a position just when one of its names does there, and its places are those of the names
    that can match in the text (_loose_place_regexes) put together. Two scans, each for names of
    one script, are cheaper than one for both: the engine skips to the next character a name
    of the scan starts with itself, where the regex of both tried the Chinese names at every
    English letter, and an English text is not scanned for the Chinese names at all.
    (_CueSpots.place_starts are the same, found with its cues by one scan.)"""
    any_text, not_ascii = _loose_place_regexes()
    starts = _match_starts(any_text, lower) if any_text is not None else []
    if ascii_text or not_ascii is None:
        return starts
    more = _match_starts(not_ascii, lower)
    # (a position where names of both match is one place: the combined regex finds it once)
    return sorted({*starts, *more}) if starts and more else starts or more


@cache
def _loose_place_regexes() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """lexicon.loose_place_regex() in two (None: no name of the kind): the names that can
    match in a text of ASCII only, and those that cannot, as each has a character outside
    ASCII that is no white space, which their loose regex matches as itself (case-sensitive,
    only white space stands for any white space)."""
    names = list(lexicon.place_regex()[1])
    any_text = [n for n in names if "".join(n.split()).isascii()]
    not_ascii = [n for n in names if not "".join(n.split()).isascii()]
    return (lexicon.loose_regex(any_text) if any_text else None,
            lexicon.loose_regex(not_ascii) if not_ascii else None)


def _place_regex(sentence: str) -> re.Pattern[str]:
    return lexicon.place_regex_en() if sentence.isascii() else lexicon.place_regex()[0]


def _places_before(sentence: str, start: int, found: list[_Place]) -> list[_Place]:
    """What a scan of the places stopping at `start` finds, from `found`, what one stopping at
    `start` or further found: the places of it that end by `start`, unless a name reaches over
    `start` or a letter stands at it (a name's "no letter after" test sees the end of the text
    there) right after what could be the end of a name: then scan as asked. (With no name ending
    at `start`, the test passes nowhere the longer scan failed: " two million" after a space.)"""
    if (found and any(p[0].start() < start < p[0].end() for p in found)) \
            or (_LETTER.match(sentence, start) and _may_end_a_name(sentence, start)):
        return [_place(sentence, m) for m in _place_regex(sentence).finditer(sentence, 0, start)]
    return [p for p in found if p[0].end() <= start] if found else []


def _may_end_a_name(sentence: str, end: int) -> bool:
    """Whether the character before `end` could be the last of a place name: a space, a digit or
    a bracket cannot, unless a name ends in it (no letter of any script matches an ASCII
    character that is not a letter, even case-blind)."""
    if end == 0:
        return False  # the scan of nothing finds nothing, as the whole scan ends nothing there
    ch = sentence[end - 1]
    return not ch.isascii() or ch.isalpha() or ch in _name_ends()


@cache
def _name_ends() -> frozenset[str]:
    """The last characters of the place names (words/places.yaml)."""
    _, by_name = lexicon.place_regex()
    return frozenset(name[-1] for name in by_name if name)


_OF_BEFORE = re.compile(r"(?:占|\bof\s+(?:the\s+)?)$", re.IGNORECASE)
_OF_REACH = 8  # how far back from a place _OF_BEFORE is looked for: "of the " and a space
# what joins the places of a list: "Guangdong, Jiangsu and Zhejiang", "广东、江苏和浙江"
_PLACE_LIST_GLUE = re.compile(r"\s*(?:[,、，]\s*(?:and\s+)?|and\s+|[和与及])\s*", re.IGNORECASE)


_ORG_AFTER = re.compile(r"\s*(?:University|Daily|Times|Academy|Stock|Exchange|日报|大学|证券|交易所|卫视)")


def _is_part_of_name(sentence: str, m: re.Match[str]) -> bool:
    # "Beijing Daily", "BEIJING, March 5 (Xinhua)": a dateline or an outlet, not a place figure
    if _ORG_AFTER.match(sentence, m.end()):
        return True
    return m.group(0).isupper() and len(m.group(0)) > 2


_FIGURE = re.compile(r"\d+(?![\dA-Za-z])|[一二两三四五六七八九十百千万亿]+[个家户辆台项万亿]")  # not "5G"
_MORE_THAN_BEFORE = re.compile(r"\s+(?:more|fewer|less)\s+than\b", re.IGNORECASE)
# where one clause ends and another begins; an English comma alone may only separate list items
# ("one million SMEs, 100,000 specialised SMEs and 10,000 little giants by 2025")
_CLAUSE_BREAK = re.compile(r"[;；。，]|,\s*(?:and|but|while|whereas)\s+(?![\d$¥])", re.IGNORECASE)
# a later clause that says what will be done: its date is the plan's, not an earlier figure's
_NEXT_PLAN = re.compile(r",\s*and\s+(?:would|will|plans?\s+to|aims?\s+to|is\s+set\s+to|expects?\s+to)\b"
                        r"|[，,]\s*(?:并|还)?将(?!近)", re.IGNORECASE)
_REACHED = re.compile(r"\s*(?:至|到|为|to\b)", re.IGNORECASE)
@cache
def _growth_glue() -> re.Pattern[str]:
    """What may stand between a level and its growth rate besides a growth word: '12.87 million
    units, up 35.5 percent', '1288.8万辆，同比增长34.4%' (words/measures.yaml count_nouns)."""
    nouns = lexicon.en_phrase_regex(lexicon.load_table("measures")["count_nouns"]["en"]).pattern
    return re.compile(rf"\s*(?:{nouns})?[\s,，、]*(?:by|of|on the year|比上年|较上年)?[\s,，、]*",
                      re.IGNORECASE)
_PUNCTUATION = re.compile(r"[,，;；:：。、]")


def _punctuation_ends(sentence: str) -> list[int]:
    """Where each of a sentence's punctuation marks ends, in order: scanned once for the figures
    of a sentence that each look for the last mark before them."""
    return [m.end() for m in _PUNCTUATION.finditer(sentence)]


class _Punctuation:
    """A sentence's punctuation marks (_punctuation_ends), scanned when a figure first asks for
    the last one before it: only figures after an average or a trade word ask, which few
    sentences hold."""

    __slots__ = ("_ends", "_sentence")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._ends: list[int] | None = None

    def after(self, start: int) -> int:
        """_after_punctuation(_punctuation_ends(sentence), start)."""
        if self._ends is None:
            self._ends = _punctuation_ends(self._sentence)
        return _after_punctuation(self._ends, start)


def _after_punctuation(marks: list[int], start: int) -> int:
    """Where the last mark before `start` ends (0: none), as a scan of the sentence stopping at
    `start` finds it: a mark is one character, so it lies before `start` when it ends by it."""
    k = bisect.bisect_right(marks, start)
    return marks[k - 1] if k else 0
_RESPECTIVELY = re.compile(r"分别|respectively", re.IGNORECASE)


def _says_respectively(sentence: str, lower: str | None = None) -> bool:
    """Whether _RESPECTIVELY matches in the sentence: in a text of ASCII only, where 分别 cannot
    stand, a case-blind match is one in the lower-cased text (no character outside ASCII to
    match case-blind), found without the engine trying the pattern at every position. lower: the
    sentence lower-cased, when it holds no İ, ı or ſ (_CueSpots.lower): there too a case-blind
    match of the English word is one in it (a character that matches an ASCII letter case-blind
    lower-cases to it, but for those three), and 分别 has no case."""
    if sentence.isascii():
        return "respectively" in sentence.lower()
    if lower is not None:
        return "分别" in sentence or "respectively" in lower
    return _RESPECTIVELY.search(sentence) is not None
_LIST_GLUE = re.compile(r"^\s*(?:和|与|及|、|,|，|and|, and)\s*$")


def _lists(claims: list[Claim], sentence: str, offset: int) -> list[list[int]]:
    """Runs of figures of one unit joined only by 'and', commas or 和/、 (as claim indexes)."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, claim in enumerate(claims):
        last = claims[current[-1]] if current else None
        if last is not None and claim.unit == last.unit and _LIST_GLUE.match(
                sentence[last.end - offset:claim.start - offset]):
            current.append(i)
            continue
        if len(current) > 1:
            groups.append(current)
        current = [i]
    if len(current) > 1:
        groups.append(current)
    return groups


@cache
def _level_after_rate() -> re.Pattern[str]:
    """A comma, a joining word (words/measures.yaml level_after_rate), or both."""
    table = lexicon.load_table("measures")["level_after_rate"]
    en = lexicon.en_phrase_regex(table["en"]).pattern
    zh = lexicon.alternation(table["zh"])
    return re.compile(rf"\s*(?:[，,]\s*(?:(?:{en})\s+|(?:{zh}))?|(?:{en})\s+|(?:{zh}))\s*",
                      re.IGNORECASE)


def _whole_of_a_share(claims: list[Claim], sentence: str, offset: int) -> None:
    """'广东累计建成5G基站33.2万个，约占全国425.1万个的7.8%': the whole a share is of, given as a
    figure after a share verb and a place (words/measures.yaml share_whole), counts what the
    figure right before it counts, in the same unit, over a larger place: one placed where the
    part is was not read as the whole's, and is left alone. A part that names nothing, or trade
    (nulled before), gives it nothing."""
    words, before, after = _share_whole()
    if not any(w in sentence for w in words):  # most sentences have none: substring tests
        return
    for part, whole in pairwise(claims):
        if whole.indicator is not None or part.indicator is None or whole.unit != part.unit \
                or whole.unit in PERCENT_UNITS or whole.geography == part.geography:
            continue
        start, end = whole.start - offset, whole.end - offset
        if before.fullmatch(sentence, part.end - offset, start) and after.match(sentence, end):
            whole.indicator, whole.candidates = part.indicator, [part.indicator]


@cache
def _share_whole() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    """(the share verbs with their place, the words between the part and the whole, the words
    right after the whole): a comma, a qualifier at most (words/qualifiers.yaml), then a share
    verb with its place."""
    table = lexicon.load_table("measures")["share_whole"]
    qualifiers = lexicon.alternation(list(lexicon.qualifiers().before_zh))
    words = tuple(table["before"]["zh"])
    return (words,
            re.compile(rf"\s*[，,]\s*(?:{qualifiers})?(?:{lexicon.alternation(list(words))})\s*"),
            re.compile(lexicon.alternation(table["after"]["zh"])))


def _pairs_share_indicator(claims: list[Claim]) -> None:
    """'from 31.3 trillion yuan to 40.5 trillion yuan': both ends measure the same thing."""
    for first, second in pairwise(claims):
        if first.pair_role == "from" and second.pair_role == "to" and first.indicator \
                and first.unit == second.unit:
            second.indicator = first.indicator


