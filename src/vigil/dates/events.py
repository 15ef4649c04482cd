"""Which of the dates around an event is the event's own date.

A sentence often holds several dates: the day a statement was made and the day of what it reports ("X said
on Thursday that militants attacked the base on Tuesday"), a vague period and a day ("late 2018 ... on April
16"), or none at all when the day was given in the sentence before ("On 3 March, troops raided a camp. Five
fighters were killed."). `event_date` picks one:

1. a date hanging on the trigger itself ("attacked the base on Tuesday", "the attack of 6 March", "attacks
   starting in April 2019") comes first; then one on the trigger's own clause (the words it hangs from, up to
   but not across a verb of saying, a relative or a subordinate clause, and their subjects: "the attack on
   Tuesday killed five"); then any other; then a verb of saying's ("said on Thursday"); then one written
   before another noun ("last Friday's bombings", the bombings' date); never the term of a comparison
   ("than in 2017", "the largest since 2002"). When the trigger is itself a verb of saying or reacting
   ("condemned the attack of 28 December"), only a date hanging on it (or on the verb it goes on from: "said
   yesterday ... but insisted") counts: the other dates are those of what it speaks of;
2. among equals, the most precise (fewest days covered), then the nearest to the trigger;
3. a sentence with no date of its own that goes on in the simple past takes a precise date (up to
   NARRATIVE_DAYS days) of the sentence right before it in the same paragraph, unless that date is a
   statement's ("officials said Thursday");
4. in a report about an earlier year (a title or heading "Country Reports on Terrorism 2019" before the
   sentence, the publication a year or more later), an undated sentence covers that year;
5. a duration reaching publication ("in the past six months") covers that period (checked before 3);
6. otherwise the event was reported, not dated: the publication day with precision 2.

The verbs of saying are `reporting_lemmas` and the comparison words `comparison_signals` in
data/dates/words.json.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from vigil.dates.tagger import _precision, in_heading, publication_day, words
from vigil.nlp import doc_text
from vigil.records import TimeExpression

NARRATIVE_DAYS = 10  # a date of the previous sentence carries over only when it covers at most this many days


@functools.lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    return frozenset(words().reporting_lemmas)


def event_date(trigger_span, dates: tuple[TimeExpression, ...], published: str | None
               ) -> tuple[str | None, str | None, int | None]:
    """(first day, last day or None, ACLED time precision) of the event whose trigger is `trigger_span`."""
    published = _iso_day(published)
    sentence = trigger_span.sent
    doc = sentence.doc
    text = doc_text(doc)
    inside = [t for t in dates if sentence.start_char <= t.start < sentence.end_char]
    days = [t for t in inside if t.type in ("DATE", "TIME") and t.range_start and not _compared(t, doc)]
    statement = _is_statement(trigger_span)
    if statement:  # "condemned the attack of 28 December": that day is the attack's, not the condemnation's
        days = [t for t in days if _hangs_on_statement(t, trigger_span, doc)]
    if days:
        chosen = min(days, key=lambda t: _rank(t, trigger_span, doc))
        span = _span_of(chosen, days, text)
        if span is not None:
            return span
        if re.search(r"\bsince\s+$", text[max(0, chosen.start - 7) : chosen.start], re.I) and published:
            return chosen.range_start, published[:10], chosen.time_precision or 3
        return _as_event(chosen)
    duration = next((t for t in inside if t.type == "DURATION" and t.value), None)
    if duration is not None and published and not statement:
        start = _minus(published[:10], duration.value)
        if start:
            return start, published[:10], 3
    earlier = None if statement else _previous_sentence_date(sentence, dates, text)
    if earlier is not None:
        return _as_event(earlier)
    year = _report_year(sentence.start_char, dates, text, published)
    if year is not None:
        return f"{year}-01-01", f"{year}-12-31", 3
    if published:
        return published[:10], None, 2  # reported, not dated: within the week before publication
    return None, None, None


FROM = re.compile(r"\b(?:from|between)\s+$", re.I)
TO = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*", re.I)


def _span_of(chosen: TimeExpression, days: list[TimeExpression], text: str) -> tuple[str, str, int | None] | None:
    """'From 2012 to the end of 2017', 'between 3 and 5 March': the two dates make one period."""
    for first, last in zip(days, days[1:]):
        if chosen in (first, last) and FROM.search(text[max(0, first.start - 10) : first.start]) \
                and TO.fullmatch(text[first.end : last.start]) and first.range_start <= last.range_end:
            lo, hi = date.fromisoformat(first.range_start), date.fromisoformat(last.range_end)
            return first.range_start, last.range_end, _precision(lo, hi)
    return None


def _as_event(t: TimeExpression) -> tuple[str | None, str | None, int | None]:
    return t.range_start, t.range_end if t.range_end != t.range_start else None, t.time_precision


def _days(t: TimeExpression) -> int:
    try:
        return (date.fromisoformat(t.range_end) - date.fromisoformat(t.range_start)).days + 1
    except (TypeError, ValueError):
        return 1_000_000


def _rank(t: TimeExpression, trigger_span, doc) -> tuple:
    distance = min(abs(t.start - trigger_span.start_char), abs(t.end - trigger_span.end_char))
    return (_tier(t, trigger_span, doc), _days(t), distance)


def _tier(t: TimeExpression, trigger_span, doc) -> int:
    """0: the date hangs on the trigger ("attacked ... on Tuesday", "the attack of 6 March", "attacks starting in
    April 2019"); 1: on the trigger's clause (the verb it belongs to, "the attack on Tuesday killed five");
    2: elsewhere (a subordinate or relative clause, which a parser often hangs a lead's date on: "were killed when
    troops raided a hideout on August 29, the military said on Friday"); 3: on a verb of saying; 4: before another
    noun, whose date it is ("cooperation in probing last Friday's bombings"). The term of a comparison ("than in 2017") is never an event's date."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 2
    own = _own_clause(trigger_span)
    governor = _governor(t, doc)
    if governor is not None and governor.pos_ in ("NOUN", "PROPN") and governor not in trigger_span \
            and governor.i not in own and t.end <= governor.idx:
        return 4  # "the Aug. 7 bombings", "last Friday's bombings": the date of another event named by its noun
    token = span.root
    noun_on_the_way = False
    for _ in range(50):
        if token.head.i == token.i:
            return 1 if noun_on_the_way else 2
        token = token.head
        if token in trigger_span:
            return 0
        if token.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("acl", "relcl") and token.head in trigger_span and token.tag_ in ("VBG", "VBN"):
                return 0  # "attacks starting in April 2019"
            if token.i in own or noun_on_the_way:
                return 1
            return 3 if token.lemma_.lower() in reporting_lemmas() else 2
        noun_on_the_way = noun_on_the_way or token.i in own
    return 2


GLUE_POS = ("ADP", "DET", "NUM", "PUNCT", "CCONJ", "PART", "ADJ", "ADV")


def _governor(t: TimeExpression, doc):
    """The word a date hangs from: the first noun or verb above it ("attack" in "the 6 March attack")."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(50):
        if token.head.i == token.i:
            return token if token not in span else None
        token = token.head
        if token not in span and token.pos_ not in GLUE_POS:
            return token
    return None


def _says(token) -> bool:
    return token is not None and token.pos_ == "VERB" and token.lemma_.lower() in reporting_lemmas()


def _hangs_on_statement(t: TimeExpression, trigger_span, doc) -> bool:
    """Whether a date hangs on the statement itself, or on the verb it goes on from ("said yesterday ... but
    insisted", "lashed out Sunday night, accusing them")."""
    governor = _governor(t, doc)
    if governor is None:
        return False
    root = trigger_span.root
    return governor in trigger_span or (_continues(root) and governor.i == root.head.i)


def _is_statement(trigger_span) -> bool:
    return _says(trigger_span.root)


def _own_clause(trigger_span) -> set[int]:
    """The trigger's tokens, the words it hangs from (stopping before a verb of saying) and their subjects."""
    own = {tok.i for tok in trigger_span}
    token = trigger_span.root
    reporting = reporting_lemmas()
    chain = [token]
    for _ in range(50):
        head = token.head
        if head.i == token.i or (head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in reporting):
            break
        if token.pos_ in ("VERB", "AUX") and not _continues(token):
            break  # "the students abducted in 2014 remained missing at the end of 2018": its own clause ends here
        own.add(head.i)
        chain.append(head)
        token = head
    for token in chain:
        if token.pos_ in ("VERB", "AUX"):
            own.update(child.i for child in token.children if child.dep_ in ("nsubj", "nsubjpass"))
    return own


def _continues(verb) -> bool:
    """Whether a verb shares the time of the verb it hangs from: a participle or coordinated verb ("attacked
    the base on Tuesday, killing five"; "attacked ... and burned"), not a relative or subordinate clause."""
    if verb.dep_ == "conj" or verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children)


def _compared(t: TimeExpression, doc) -> bool:
    """Whether the date is the term of a comparison: "fewer casualties in 2018 than in 2017", or "since" after a
    superlative ("the largest wave of defections since 2002", "the deadliest attack since 2015")."""
    text = doc_text(doc)
    if COMPARED().search(text[max(0, t.start - 30) : t.start]):
        return True
    if not re.search(r"\bsince\s+$", text[max(0, t.start - 7) : t.start], re.I):
        return False
    before = doc.char_span(max(0, t.start - 80), t.start, alignment_mode="contract")
    return before is not None and any(tok.tag_ == "JJS" or tok.lower_ == "first" for tok in before)


@functools.lru_cache(maxsize=1)
def COMPARED() -> re.Pattern:
    signals = words().comparison_signals
    alternatives = "|".join(re.escape(s) for s in sorted(signals, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b(?:{alternatives})\s+(?:(?:in|during|for|of|on)\s+)?(?:the\s+)?$", re.I)


def _narrative_past(sentence) -> bool:
    """Whether the sentence goes on telling past events: its main verb is in the simple past ("The attack
    resulted in ...", "Two civilians were killed"), not the present or the past perfect."""
    root = sentence.root
    if root.tag_ == "VBD":
        return True
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    return any(a.tag_ == "VBD" for a in auxiliaries) and not any(a.lemma_ == "have" for a in auxiliaries)


def _previous_sentence_date(sentence, dates: tuple[TimeExpression, ...], text: str) -> TimeExpression | None:
    """A precise date of the sentence just before, in the same paragraph, when this one goes on with its story."""
    if sentence.start == 0 or not _narrative_past(sentence):
        return None
    previous = sentence.doc[sentence.start - 1].sent
    between = text[previous.start_char : sentence.start_char]
    if "\n" in between[len(between.rstrip()) :]:
        return None  # a new line: a new paragraph (or item)
    days = [t for t in dates if previous.start_char <= t.start < previous.end_char
            and t.type in ("DATE", "TIME") and t.range_start and _days(t) <= NARRATIVE_DAYS]
    days = [t for t in days if not _says(_governor(t, sentence.doc))]  # "officials said Thursday": a statement's day
    return min(days, key=lambda t: (_days(t), t.start)) if days else None


def _report_year(before: int, dates: tuple[TimeExpression, ...], text: str, published: str | None) -> int | None:
    """The year a report is about, from its title or a heading before `before` ("Country Reports on Terrorism
    2019", "2019 Terrorist Incidents:"), when that year lies before the publication year."""
    years = [t for t in dates if t.end <= before and t.type == "DATE" and re.fullmatch(r"\d{4}", t.value or "")
             and in_heading(text, t.start, t.end)]
    if not years:
        return None
    year = int(years[-1].value)
    if published and not (re.match(r"\d{4}", published) and year < int(published[:4])):
        return None
    return year


def _iso_day(published: str | None) -> str | None:
    """The publication day as ISO ("Wed Nov 23, 2016" read as the tagger reads it), or None when the metadata is no
    date ("9:55 AM ET" from a scraped page)."""
    day = publication_day(published)
    return day.isoformat() if day else None


def _minus(day: str, value: str) -> str | None:
    match = re.fullmatch(r"P(\d+)([DWMY])", value)
    if not match:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    days = amount * {"D": 1, "W": 7, "M": 30, "Y": 365}[unit]
    return (date.fromisoformat(day) - timedelta(days=days)).isoformat()
