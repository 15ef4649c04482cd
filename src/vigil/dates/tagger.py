"""Finding temporal expressions and resolving them against the publication date (TIMEX3).

Vocabulary (months, weekdays, number words, units, fuzzy phrases) is in
data/dates/words.json; this module holds the patterns' grammar and the
resolution arithmetic.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterator

from vigil.knowledge import read_json
from vigil.records import TimeExpression


@dataclass(frozen=True)
class Words:
    months: dict
    weekdays: dict
    numbers: dict
    ordinals: dict
    units: dict
    modifiers: list
    parts_of_day: dict
    seasons: dict
    fuzzy: dict
    relative_days: dict
    sets: dict
    halves: dict
    future_cues: list
    past_cues: list
    vague_days: dict
    holidays: dict
    period_cues: list
    reporting_verbs: list
    reporting_lemmas: list
    date_name_heads: list
    comparison_signals: list


@functools.lru_cache(maxsize=1)
def words() -> Words:
    data = read_json("dates/words.json")
    return Words(**{k: v for k, v in data.items() if not k.startswith("_")})


def _alt(items) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable


@dataclass(frozen=True)
class Hit:
    """What a rule resolved: TIMEX3 type and value, and how the value depends on its context."""

    kind: str
    value: str
    ref: tuple | None = None  # (unit, steps[, part]): counted from the last date mentioned before ("the next day")
    span: str | None = None  # days covered relative to publication: back, since, earlier, later, early, mid, late
    trim: int = 0  # characters the span drops at its start ("the" before "eight-year war")
    floating: tuple | None = None  # (month, day) of a date written without its year ("On January 14")


MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
CAPITAL_MONTH = rf"(?-i:{MONTH_NAMES}|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    w = words()
    month = rf"(?P<month>{_alt(w.months)})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>1[89]\d\d|20[0-6]\d)"
    weekday = rf"(?P<weekday>{_alt(w.weekdays)})(?:\.(?=\s*[a-z0-9,]))?"
    number = rf"(?P<number>\d+(?:\.\d+)?(?:\s+1/2)?|{_alt(w.numbers)})"
    unit = rf"(?P<unit>{_alt(w.units)})s?"
    modifier = rf"(?:(?P<modifier>{_alt(w.modifiers)})\s+)?"
    part = rf"(?:\s+(?P<part>{_alt(w.parts_of_day)}))?"
    ordinal = rf"(?P<ord>{_alt(w.ordinals)})"
    edge = r"(?:(?P<edge>early|mid|late)-?\s*|the\s+(?P<edge2>end|beginning|start|middle)\s+of\s+(?:the\s+)?)?"
    clock = (r"(?:(?P<hh>[01]?\d|2[0-3])(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.?|[ap]m\b)"
             r"|(?P<hh2>[01]?\d|2[0-3]):(?P<mm2>[0-5]\d)(?!\d)|(?P<noon>noon|midnight|midday))")
    zone = r"(?:\s+(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|local time))?"
    units_word = rf"week|month|year|quarter|weekend|decade|century|{_alt(w.seasons)}"
    flags = re.I
    table = [
        ("iso", rf"\b{year}(?P<sep>[-/.])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?:T(?P<time>\d\d:\d\d(?::\d\d)?))?\b", _iso),
        ("slash_date", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{2}|\d{4})\b", _slash),
        ("time_with_day", rf"\b{clock}{zone},?\s+(?:on\s+)?(?:{weekday}|(?P<rday>today|yesterday|tomorrow)|(?P<month>{CAPITAL_MONTH})\s+{day})\b", _time_with_day),
        ("weekday_month_day", rf"\b(?:{weekday},?\s+|(?P<rel>last|next|this)\s+)?{edge}{month}\s+{day}(?:,?\s+{year})?\b", _month_day),
        ("day_month", rf"\b(?:{weekday},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b", _month_day),
        ("quarter", rf"\b(?:the\s+(?![a-z0-9]+-quarter))?(?:(?P<y1>(?:1[89]|20)\d\d)\s+|(?P<yrel>this|last|next)\s+year's\s+|(?P<ago>year[-\s](?:ago|earlier)\s+))?(?:fiscal\s+)?{ordinal}[-\s](?:fiscal\s+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y2>(?:1[89]|20)\d\d))?\b", _quarter),
        ("short_quarter", r"\b(?-i:(?P<fy>FY\s?)?(?P<kind>Q|H)(?P<n>[1-4]))(?:[\s/-]+(?:(?-i:FY\s?))?(?P<qy>(?:19|20)\d\d))?\b", _short_quarter),
        ("fiscal_year_short", r"\b(?-i:FY)\s?(?P<year>(?:19|20)\d\d)\b", _year),
        ("half", rf"\b(?:the\s+)?(?P<half>{_alt(w.halves)})\s+half\s+of\s+(?:fiscal\s+)?{year}\b", _half),
        ("month_year", rf"\b{edge}{month},?\s+(?:of\s+)?{year}\b", _month_year),
        ("month", rf"\b(?:(?P<rel>last|next|this past|this coming|this)\s+)?{edge}(?P<month>{CAPITAL_MONTH})(?:\s+(?P<yrel>last|this|next)\s+year\b)?(?=\W)", _month_only),
        ("decade", rf"\b(?:the\s+)?{edge}(?P<decade>(?:1[89]|20)\d0)'?s\b", _decade),
        ("century", r"\b(?:the\s+)?(?P<cent>[12]?\d)(?:st|nd|rd|th)\s+century\b", _century),
        ("year_ago_period", r"\b(?:(?:the\s+)?(?:comparable\s+)?year[-\s](?:ago|earlier)\s+(?:quarter|period)|year-(?:ago|earlier))\b", _year_ago_period),
        ("the_quarter", r"\b(?:(?:the|that)\s+(?:latest\s+|same\s+|most\s+recent\s+|just-ended\s+)?quarter|the\s+latest\s+period)\b(?!-|\s+of\b)", _the_quarter),
        ("ago", rf"\b{modifier}{number}\s+{unit}\s+(?P<dir>ago|earlier|later)\b", _ago),
        ("anaphoric", rf"\b(?:(?P<early>earlier|later)\s+)?(?P<det>that\s+same|the\s+same|that|the\s+following|the\s+previous|the\s+preceding|the\s+next)\s+(?P<aunit>day|morning|afternoon|evening|night|week|month|year)\b", _anaphoric),
        ("anaphoric_weekday", rf"\bthe\s+(?P<dir>previous|preceding|following)\s+{weekday}", _anaphoric_weekday),
        ("anaphoric_after", r"\bthe\s+(?P<aunit>day|week|month|year)\s+(?P<dir>before|after)\b(?!\s+(?:yesterday|tomorrow))", _anaphoric),
        ("relative_unit", rf"\b(?:(?P<early>earlier|later|early|late)\s+|the\s+(?P<edge2>end|beginning|start|middle)\s+of\s+)?(?P<rel>this past|this coming|this|last|next|past|coming|current|the past|the last|the next|the coming|the current)\s+(?P<unit>{units_word})\b", _relative_unit),
        ("fiscal_year", rf"\b(?:fiscal|financial)\s+(?:year\s+)?{year}\b", _year),
        ("the_year", r"\bthe\s+(?:(?P<which>full|fiscal|full\s+fiscal|calendar)\s+)?year\b(?!-|'|\s+(?:ago|earlier|before|later|after|old|of|in|when|that|since|for)\b)", _the_year),
        ("year_end", r"\b(?:the\s+end\s+of\s+(?:the|this)\s+year|year[-\s]end|year's\s+end)\b", _year_end),
        ("weekend", r"(?:(?<=over\s)|(?<=during\s)|(?<=at\s)|(?<=on\s)|(?<=for\s))the\s+weekend\b", _weekend),
        ("weekday", rf"\b(?:(?P<rel>last|next|this)\s+|(?P<edge>early|late)\s+)?{weekday}{part}\b", _weekday),
        ("part_of_today", rf"\b(?:(?P<early>earlier|later)\s+)?(?P<rel>this|last|tomorrow)\s+(?P<part>{_alt(w.parts_of_day)})\b", _part_of_today),
        ("holiday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?-i:(?P<holiday>{_title_alt(w.holidays)}))\b", _holiday),
        ("season", rf"\bthe\s+{edge}(?P<season>{_alt(w.seasons)})\b(?!\s+(?:of|in|from)\b)", _season),
        ("season_year", rf"\b(?:the\s+)?{edge}(?P<season>{_alt(w.seasons)})\s+(?:of\s+)?{year}\b", _season_year),
        ("relative_day", rf"\b(?:(?P<edge>early|late|mid-?afternoon)\s+)?(?P<rday>{_alt(w.relative_days)}){part}\b", _relative_day),
        ("set", rf"\b(?:(?:every|each|per)\s+(?:{weekday}|(?P<smonth>{CAPITAL_MONTH})|(?P<sunit>day|week|month|quarter|year|night|morning|weekend))|a\s+(?P<aunit>day|week|month|year)(?=\s*$|\s*[,.;)])|(?P<sword>{_alt(w.sets)}))\b", _set),
        ("duration", rf"\b{modifier}{number}[-\s]+{unit}(?!-old|\s+old)\b", _duration),
        ("plural_duration", rf"\b(?:(?P<rel>the past|the last|the next|recent|the coming|coming)\s+)?(?:(?P<few>few|several|many)\s+)?(?P<punit>years|months|weeks|days|decades|quarters)\b(?!\s+(?:ago|old|later|earlier))", _plural_duration),
        ("fuzzy", rf"\b(?P<fuzzy>{_alt(w.fuzzy)})\b", _fuzzy),
        ("time", rf"\b{clock}{zone}", _time),
        ("year", rf"(?:\b(?P<edge>early|mid|late)-?\s*|\bthe\s+(?P<edge2>end|beginning|start|middle)\s+of\s+|(?<![\w,.$£€-]))(?-i:{year})(?!\d|,\d|\.\d|%|-\d|\s*(?:percent|per cent|people|dead|fighters|troops|soldiers|tonnes|tons|km|miles|metres|meters|GMT|UTC|hrs|hours|local)\b)\b", _year),
    ]
    return tuple(Rule(name, re.compile(pattern, flags), fn) for name, pattern, fn in table)


# -- the tagger ----------------------------------------------------------------------------


def find_dates(text: str, published: str | None) -> tuple[TimeExpression, ...]:
    """All temporal expressions in `text`, resolved against the publication date when known.

    Without a publication date, expressions relative to it keep X placeholders and `resolved=False`;
    expressions anaphoric to an earlier explicit date in the text ("the next day") are resolved from it.
    """
    anchor = publication_day(published)
    candidates = []
    for priority, rule in enumerate(rules()):
        for match in rule.pattern.finditer(text):
            if match.end() - match.start() < 2:
                continue
            candidates.append((match.start(), -(match.end() - match.start()), priority, match, rule))
    hits: list[tuple[int, int, Hit]] = []
    taken: list[tuple[int, int]] = []
    for start, _, _, match, rule in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        end = match.end()
        if any(start < e and end > s for s, e in taken):
            continue
        hit = rule.resolve(match, anchor, text)
        if hit is None:
            continue
        taken.append((start, end))
        hits.append((start + hit.trim, end, hit))
    hits.sort(key=lambda h: h[0])
    hits = list(_in_year_context(text, hits, anchor))
    return tuple(_expression(text, start, end, hit, anchor) for start, end, hit in _with_references(hits))


def publication_day(published: str | None) -> date | None:
    """The publication day: ISO first, else the first full date the tagger reads in the string ("Wed Nov 23, 2016")."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        pass
    for found in find_dates(published[:60], None):
        if re.match(r"^\d{4}-\d{2}-\d{2}", found.value):
            return date.fromisoformat(found.value[:10])
    return None


EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
HEADING_MAX = 120  # a line this short that does not end a sentence is a title or heading
HEADING_LABEL_MAX = 50  # ... and so are the words that open a line up to a colon this near its start


def in_heading(text: str, start: int, end: int) -> bool:
    """Whether the expression at start..end stands in a title or heading line ("Country Reports on Terrorism 2019")."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left : right if right >= 0 else len(text)].strip()
    if len(line) <= HEADING_MAX and not line.endswith((".", "?", "!", ":", ";", ",")):
        return True
    label = text.find(":", end, left + HEADING_LABEL_MAX)  # "2019 Terrorist Incidents: Terrorist organizations ..."
    return label >= 0 and "." not in text[left:label] and "\n" not in text[left:label]


def _in_year_context(text: str, hits: list[tuple[int, int, Hit]], anchor: date | None) -> Iterator[tuple[int, int, Hit]]:
    """A day and month, or a month, without a year ("On January 14", "In March") take the year the text is
    about when that is plainer than the publication year: the year of a title or heading before them
    ("Country Reports on Terrorism 2019", "2019 Terrorist Incidents:"), used only when it lies before the
    publication year and the day in that year is not after publication. Without a publication date, a full
    date earlier in the same paragraph gives the year too ("On 3 March 2019, ... On 5 March, ...") instead of
    none. In news a full date in running text is no such context ("charged in the Dec. 21, 1988, bombing ...
    agreed in April" is April of the publication year), so it is not used when the publication date is known.
    """
    heading: int | None = None  # the year of the last title or heading
    full: tuple[int, int] | None = None  # (year, end) of the last full date in running text
    for start, end, hit in hits:
        if hit.floating is not None:
            year = full[0] if full is not None and anchor is None and "\n" not in text[full[1] : start] else heading
            month, day = hit.floating
            candidate = (_ymd(year, month, day) if day else f"{year:04d}-{month:02d}") if year else None
            if candidate and candidate[:4] != hit.value[:4] and (anchor is None or (
                    year < anchor.year and date(year, month, day or 1) <= anchor)):
                hit = Hit(hit.kind, candidate, hit.ref, hit.span, hit.trim, hit.floating)
        if hit.kind in ("DATE", "TIME") and hit.ref is None and hit.floating is None:
            found = EXPLICIT_YEAR.search(text[start:end])
            if found and hit.value.startswith(found.group()):
                if in_heading(text, start, end):
                    heading, full = int(found.group()), None
                elif re.match(r"^\d{4}-\d{2}-\d{2}", hit.value):
                    full = (int(found.group()), end)
        yield start, end, hit


def _with_references(hits: list[tuple[int, int, Hit]]) -> Iterator[tuple[int, int, Hit]]:
    """Resolves anaphoric expressions, in text order, from the last date mentioned before them."""
    last: str | None = None
    last_quarter: str | None = None
    for start, end, hit in hits:
        ref = hit.ref
        if ref is not None:
            value = _from_reference(ref, last, last_quarter)
            if value is not None:
                hit = Hit(hit.kind if "T" not in value[4:] else "TIME", value, None, hit.span)
        if hit.kind in ("DATE", "TIME") and re.match(r"\d{4}", hit.value):
            last = hit.value
            if re.match(r"^\d{4}-Q\d$", hit.value) and (ref is None or ref == ("Q", 0)):
                last_quarter = hit.value  # "a year earlier" compares with the quarter reported; it does not become it
        yield start, end, hit


def _from_reference(ref: tuple, last: str | None, last_quarter: str | None) -> str | None:
    unit, steps = ref[0], ref[1]
    if unit == "WD":  # the weekday ref[2] before (-1) or after (+1) the last date
        day = _day_of(last) if last else None
        if day is None:
            return None
        return _weekday_step(day, ref[2], steps).isoformat()
    if unit == "T":
        return f"{last[:10]}T{steps}" if last and re.match(r"^\d{4}-\d{2}-\d{2}", last) else None
    if unit == "Q":
        return _shift_quarter(last_quarter, 4 * steps) if last_quarter else None
    if last is None:
        return None
    if unit == "Y":
        return f"{int(last[:4]) + steps:04d}"
    if unit == "M" and re.match(r"^\d{4}-\d{2}", last) and not re.match(r"^\d{4}-[QWHS]", last):
        y, m = int(last[:4]), int(last[5:7])
        return _shift(date(y, m, 1), steps, "M")
    day = _day_of(last)
    if day is None:
        return None
    if unit == "W":
        return _shift(day, steps, "W")
    if unit == "D":
        value = (day + timedelta(days=steps)).isoformat()
        return f"{value}T{ref[2]}" if len(ref) > 2 and ref[2] else value
    return None


def _day_of(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _shift_quarter(value: str, quarters: int) -> str:
    total = int(value[:4]) * 4 + int(value[6]) - 1 + quarters
    return f"{total // 4:04d}-Q{total % 4 + 1}"


def _expression(text: str, start: int, end: int, hit: Hit, anchor: date | None) -> TimeExpression:
    span = hit.span or _signal_before(text, start)
    first, last = _covered(hit.kind, hit.value, span, anchor)
    return TimeExpression(start, end, text[start:end], hit.kind, hit.value, _iso_day(first), _iso_day(last),
                          _precision(first, last),
                          resolved=not hit.value.startswith("X") and (anchor is not None or _absolute(hit.value)))


def _iso_day(day: date | None) -> str | None:
    return day.isoformat() if day else None


SIGNALS = re.compile(r"\b(since|earlier|later)\s+$", re.I)


def _signal_before(text: str, start: int) -> str | None:
    """'since Aug. 1', 'earlier this year': a word before the expression that narrows its range."""
    found = SIGNALS.search(text[max(0, start - 8) : start])
    return found.group(1).lower() if found else None


def _absolute(value: str) -> bool:
    return bool(re.match(r"\d{3,4}", value)) or value.startswith("P") or value.endswith("_REF")


# -- ranges ----------------------------------------------------------------------------------


def value_range(value: str) -> tuple[str | None, str | None, int | None]:
    """The days a TIMEX3 date value covers, and ACLED's time precision (1 day, 2 week, 3 month or longer range)."""
    first, last = _value_days(value)
    return (first.isoformat(), last.isoformat(), _precision(first, last)) if first else (None, None, None)


def _value_days(value: str) -> tuple[date | None, date | None]:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        day = _day_of(m.group(0))
        return day, day
    m = re.match(r"^(\d{4})-W(\d{1,2})", value)
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None, None
        if value.endswith("-WE"):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.match(r"^(\d{4})-([QH])(\d)$", value)
    if m:
        y, months = int(m.group(1)), 3 if m.group(2) == "Q" else 6
        last = months * int(m.group(3))
        return date(y, last - months + 1, 1), date(y, last, calendar.monthrange(y, last)[1])
    m = re.match(r"^(\d{4})$", value)
    if m:
        return date(int(value), 1, 1), date(int(value), 12, 31)
    m = re.match(r"^(\d{3})$", value)
    if m:
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    return None, None


def _covered(kind: str, value: str, span: str | None, anchor: date | None) -> tuple[date | None, date | None]:
    """First and last day an expression covers, narrowed by its modifier and by the publication date."""
    if kind in ("DATE", "TIME"):
        first, last = _value_days(value)
    elif kind == "DURATION" and span == "back" and anchor is not None:
        days = _duration_days(value)
        first, last = (anchor - timedelta(days=days - 1), anchor) if days else (None, None)
    else:
        return None, None
    if first is None:
        return None, None
    length = (last - first).days + 1
    if span in ("early", "mid", "late") and length >= 3:
        third = length // 3
        first, last = {"early": (first, first + timedelta(days=third - 1)),
                       "mid": (first + timedelta(days=third), last - timedelta(days=third)),
                       "late": (last - timedelta(days=third - 1), last)}[span]
    elif anchor is not None and first <= anchor <= last and span in ("earlier", "later"):
        first, last = (first, anchor) if span == "earlier" else (anchor, last)
    elif anchor is not None and span == "since" and anchor > last:
        last = anchor
    return first, last


def _duration_days(value: str) -> int | None:
    m = re.match(r"^P(\d+(?:\.\d+)?|X)(Y|Q|M|W|D|DE)$", value)
    if not m:
        return 1 if value.startswith("PT") else None
    if m.group(1) == "X":
        return words().vague_days.get(m.group(2))
    per = {"Y": 365.25, "Q": 91.3, "M": 30.44, "W": 7, "D": 1, "DE": 3652.5}[m.group(2)]
    return max(1, round(float(m.group(1)) * per))


def _precision(first: date | None, last: date | None) -> int | None:
    """ACLED time_precision of a range: 1 a day, 2 up to ten days, 3 up to a year, None when longer."""
    if first is None or last is None:
        return None
    days = (last - first).days + 1
    return 1 if days <= 1 else 2 if days <= 10 else 3 if days <= 366 else None


# -- tense ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, re.Pattern]:
    def pattern(items):
        words_only = [i for i in items if i[0].isalpha()]
        clitics = [i for i in items if not i[0].isalpha()]
        alternatives = [rf"\b(?:{_alt(words_only)})\b"] + [rf"(?<=\w){re.escape(c)}\b" for c in clitics]
        return re.compile("|".join(alternatives), re.I)

    return pattern(words().future_cues), pattern(words().past_cues)


@functools.lru_cache(maxsize=1)
def _reported() -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(words().reporting_verbs)})\s+(?:on\s+|in\s+|late\s+|early\s+)?$", re.I)


def _tense(text: str, start: int) -> str | None:
    """'future' or 'past' from cue words earlier in the clause, None when nothing says."""
    if _reported().search(text[max(0, start - 25) : start]):
        return "past"
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind(",", 0, start), start - 80) + 1
    clause = text[left:start]
    future, past = _cues()
    if future.search(clause):
        return "future"
    if past.search(clause):
        return "past"
    return None


# -- resolvers: each returns a Hit or None -------------------------------------------------------


def _ymd(y: int | None, m: int, d: int) -> str | None:
    try:
        date(y or 2000, m, d)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}"


EDGE_WORDS = {"end": "late", "beginning": "early", "start": "early", "middle": "mid"}


def _edge(match) -> str | None:
    groups = match.groupdict()
    edge = groups.get("edge") or EDGE_WORDS.get((groups.get("edge2") or "").lower())
    return edge.lower() if edge else None


def _iso(match, anchor, text):
    value = _ymd(int(match["year"]), int(match["m"]), int(match["d"]))
    if value and match["time"]:
        return Hit("TIME", f"{value}T{match['time']}")
    return Hit("DATE", value) if value else None


def _slash(match, anchor, text):
    y = int(match["y"])
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    value = _ymd(y, int(match["m"]), int(match["d"]))
    return Hit("DATE", value) if value else None


def _month_number(name: str) -> int:
    return words().months[name.lower().rstrip(".")]


@functools.lru_cache(maxsize=1)
def NAME_AFTER_DATE() -> re.Pattern:
    return re.compile(rf"(?:\s+[0-3]?\d)?\s+(?-i:{_alt(words().date_name_heads)})\b")


def _month_day(match, anchor, text):
    if match["month"] in ("may", "MAY") and not match["year"]:  # "they may 5": the modal, not the month
        return None
    if not match["year"] and NAME_AFTER_DATE().match(text, match.end()):  # "the March 23 Movement": a name
        return None
    month, day = _month_number(match["month"]), int(match["day"])
    rel = (match.groupdict().get("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or _tense(text, match.start())
    year = int(match["year"]) if match["year"] else _year_for(month, day, anchor, tense, strict=bool(rel))
    value = _ymd(year, month, day)
    floating = (month, day) if not match["year"] and not rel else None
    return Hit("DATE", value, floating=floating) if value else None


def _year_for(month: int, day: int, anchor: date | None, tense: str | None, strict: bool = False) -> int | None:
    """A date without a year: the publication year, moved by tense or when it lies well after publication."""
    if anchor is None:
        return None
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    ahead = (candidate - anchor).days
    if strict:  # "last Oct. 23", "next March 3": the nearest such day on that side of publication
        return anchor.year - (ahead >= 0) if tense == "past" else anchor.year + (ahead <= 0)
    if tense == "future":
        return anchor.year + 1 if ahead < -31 else anchor.year
    if tense == "past":
        return anchor.year - 1 if ahead > 60 else anchor.year
    return anchor.year - 1 if ahead > 90 else anchor.year


def _month_year(match, anchor, text):
    return Hit("DATE", f"{int(match['year']):04d}-{_month_number(match['month']):02d}", span=_edge(match))


MAY_CONTEXT = re.compile(r"\b(?:in|by|since|until|till|from|through|last|next|this|early|mid|late|of|before|after|during)\s+$", re.I)


def _month_only(match, anchor, text):
    name = match["month"]
    if name == "May" and not (match["rel"] or match["edge"] or MAY_CONTEXT.search(text[max(0, match.start() - 8) : match.start()])):
        return None
    if NAME_AFTER_DATE().match(text, match.end()):  # "the March 23 Movement"
        return None
    month = _month_number(name)
    if anchor is None:
        return Hit("DATE", f"XXXX-{month:02d}", span=_edge(match), floating=(month, None) if not (match["rel"] or match["yrel"]) else None)
    rel = (match["rel"] or "").lower()
    if match["yrel"]:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[match["yrel"].lower()]
    elif rel in ("last", "this past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "this coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        tense = _tense(text, match.start())
        if tense == "future":
            year = anchor.year if month >= anchor.month else anchor.year + 1
        elif tense == "past":
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:
            year = anchor.year if month <= anchor.month + 2 else anchor.year - 1
    floating = (month, None) if not (rel or match["yrel"]) else None
    return Hit("DATE", f"{year:04d}-{month:02d}", span=_edge(match), floating=floating)


def _part_of_today(match, anchor, text):
    """'this morning', 'last night', 'later this afternoon': a part of the publication day (or the day before)."""
    part = words().parts_of_day[match["part"].lower()]
    if anchor is None:
        return Hit("TIME", f"XXXX-XX-XXT{part}")
    offset = {"this": 0, "last": -1, "tomorrow": 1}[match["rel"].lower()]
    return Hit("TIME", f"{(anchor + timedelta(days=offset)).isoformat()}T{part}")


def _title_alt(items) -> str:
    """Alternation of capitalised names ("Christmas Eve", "New Year's Day") for a case-sensitive match."""
    return "|".join(re.escape(" ".join(part[:1].upper() + part[1:] for part in i.split())) for i in sorted(items, key=len, reverse=True))


def _holiday_day(rule: str, year: int) -> date:
    parts = [int(p) for p in rule.split("-")]
    if len(parts) == 2:
        return date(year, parts[0], parts[1])
    month, nth, weekday = parts
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, d).isoweekday() == weekday]
    return days[-1] if nth >= 5 else days[nth - 1]


def _holiday(match, anchor, text):
    rule = words().holidays[match["holiday"].lower()]
    if anchor is None:
        return Hit("DATE", f"XXXX-{rule[:2]}-XX" if rule.count("-") == 2 else f"XXXX-{rule}")
    rel = (match["rel"] or "").lower()
    this_year = _holiday_day(rule, anchor.year)
    if rel == "last" or (not rel and this_year > anchor + timedelta(days=7) and _tense(text, match.start()) != "future"):
        day = _holiday_day(rule, anchor.year - 1) if this_year >= anchor else this_year
    elif rel == "next" and this_year <= anchor:
        day = _holiday_day(rule, anchor.year + 1)
    else:
        day = this_year
    return Hit("DATE", day.isoformat())


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_year(match, anchor, text):
    return Hit("DATE", f"{match['year']}-{words().seasons[match['season'].lower()]}", span=_edge(match))


def _season(match, anchor, text):
    """'the summer': the season of the publication year, or of the year before when it has not begun yet."""
    if match["season"].lower() == "fall":
        return None  # "the fall" of a city or a regime is far more common in news than the season
    season = words().seasons[match["season"].lower()]
    if anchor is None:
        return Hit("DATE", f"XXXX-{season}", span=_edge(match))
    started = anchor.month >= SEASON_START[season] or (season == "WI" and anchor.month <= 2)
    year = anchor.year if started or _tense(text, match.start()) == "future" else anchor.year - 1
    if season == "WI" and anchor.month <= 2:
        year -= 1
    return Hit("DATE", f"{year}-{season}", span=_edge(match))


def _decade(match, anchor, text):
    return Hit("DATE", match["decade"][:3], span=_edge(match))


def _century(match, anchor, text):
    number = int(match["cent"])
    return Hit("DATE", f"{number - 1:02d}") if number >= 1 else None


def _current_quarter(anchor: date) -> int:
    return (anchor.month - 1) // 3 + 1


def _quarter(match, anchor, text):
    q = words().ordinals[match["ord"].lower()]
    year_text = match["y1"] or match["y2"]
    if year_text:
        year = int(year_text)
    elif anchor is None:
        return Hit("DATE", f"XXXX-Q{q}")
    elif match["yrel"]:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[match["yrel"].lower()]
    else:
        year = anchor.year if q <= _current_quarter(anchor) else anchor.year - 1
        if match["ago"]:
            year -= 1
    return Hit("DATE", f"{year}-Q{q}")


def _short_quarter(match, anchor, text):
    """'Q3', 'Q2 2018', 'H1 2019' (fiscal periods are read as calendar ones)."""
    kind, number = match["kind"], int(match["n"])
    if kind == "H" and number > 2:
        return None
    if match["qy"]:
        return Hit("DATE", f"{match['qy']}-{kind}{number}")
    if anchor is None:
        return Hit("DATE", f"XXXX-{kind}{number}")
    current = _current_quarter(anchor) if kind == "Q" else (anchor.month - 1) // 6 + 1
    return Hit("DATE", f"{anchor.year if number <= current else anchor.year - 1}-{kind}{number}")


def _half(match, anchor, text):
    return Hit("DATE", f"{match['year']}-{words().halves[match['half'].lower()]}")


def _last_completed_quarter(anchor: date) -> str:
    return _shift_quarter(f"{anchor.year}-Q{_current_quarter(anchor)}", -1)


def _year_ago_period(match, anchor, text):
    """'the year-ago quarter': the quarter last reported, a year before; else the year before publication."""
    if anchor is None:
        return Hit("DATE", "XXXX", ref=("Q", -1))
    return Hit("DATE", f"{anchor.year - 1}", ref=("Q", -1))


@functools.lru_cache(maxsize=1)
def _period_cues() -> re.Pattern:
    return re.compile(rf"(?:\b(?:{_alt(words().period_cues)})\b|[%$€£])", re.I)


def _the_quarter(match, anchor, text):
    """'the quarter', 'the latest quarter': the quarter last mentioned, else the last completed one."""
    if not _period_cues().search(text[max(0, match.start() - 150) : match.end() + 150]):
        return None  # "fighters entered the Christian quarter": a district, not three months
    fallback = _last_completed_quarter(anchor) if anchor else "XXXX-QX"
    return Hit("DATE", fallback, ref=("Q", 0))


def _count(token: str) -> int | float | str:
    token = token.lower()
    if re.match(r"\d", token):
        half = token.endswith("1/2")
        number = float(token.split()[0]) + (0.5 if half else 0)
        return int(number) if number.is_integer() else number
    return words().numbers.get(token, "X")


def _shift(anchor: date, amount: int, unit: str) -> str:
    if unit == "D":
        return (anchor + timedelta(days=amount)).isoformat()
    if unit == "W":
        y, w, _ = (anchor + timedelta(weeks=amount)).isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "M":
        total = anchor.year * 12 + anchor.month - 1 + amount
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "DE":
        return f"{(anchor.year + 10 * amount) // 10:03d}"
    if unit == "Q":
        return _shift_quarter(f"{anchor.year}-Q{_current_quarter(anchor)}", amount)
    return anchor.isoformat()


def _ago(match, anchor, text):
    amount = _count(match["number"])
    unit = words().units[match["unit"].lower()]
    direction = match["dir"].lower()
    sign = 1 if direction in ("later", "after") else -1
    minutes = unit == "M" and match["unit"].lower().startswith("minute")
    if direction == "later":  # "three days later", "two hours later": the offset, as TimeBank marks it
        time_unit = unit in ("H", "S") or minutes
        return Hit("DURATION", f"PT{amount}{unit}" if time_unit else f"P{amount}{unit}")
    if not isinstance(amount, int) or unit in ("H", "S", "2W", "WE", "CE"):
        return Hit("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if minutes:
        return None
    fallback = _shift(anchor, sign * amount, unit) if anchor else {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(unit, "XXXX")
    if direction == "ago":
        ref = ("Q", -1) if (unit, amount) == ("Y", 1) else None
    else:
        ref = ("Q", -amount) if unit == "Y" else (unit, sign * amount) if unit in ("D", "W", "M", "Y") else None
    return Hit("DATE", fallback, ref=ref)


def _anaphoric(match, anchor, text):
    word = match["aunit"].lower()
    det = re.sub(r"\s+", " ", (match.groupdict().get("det") or match.groupdict().get("dir") or "").lower())
    steps = {"that same": 0, "the same": 0, "that": 0, "the following": 1, "the next": 1, "after": 1,
             "the previous": -1, "the preceding": -1, "before": -1}[det]
    part = words().parts_of_day.get(word)
    unit = "D" if part or word == "day" else {"week": "W", "month": "M", "year": "Y"}[word]
    if det == "the next" and unit != "D":
        return None  # "the next month" counts from now: a relative unit, not an anaphor
    if anchor is None:
        fallback = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[unit]
    else:
        fallback = _shift(anchor, steps, unit)
        fallback = f"{fallback}T{part}" if part else fallback
    span = (match.groupdict().get("early") or "").lower() or None
    return Hit("TIME" if part else "DATE", fallback, ref=(unit, steps, part), span=span)


def _anaphoric_weekday(match, anchor, text):
    """'the previous Friday', 'the following Monday': counted from the last date mentioned, else publication."""
    target = words().weekdays[match["weekday"].lower().rstrip(".")]
    steps = 1 if match["dir"].lower() == "following" else -1
    if anchor is None:
        return Hit("DATE", f"XXXX-WXX-{target}", ref=("WD", steps, target))
    return Hit("DATE", _weekday_step(anchor, target, steps).isoformat(), ref=("WD", steps, target))


def _weekday_step(day: date, target: int, steps: int) -> date:
    """The weekday `target` strictly after (steps > 0) or strictly before `day`."""
    if steps > 0:
        return day + timedelta(days=(target - day.isoweekday()) % 7 or 7)
    return day - timedelta(days=(day.isoweekday() - target) % 7 or 7)


def _relative_unit(match, anchor, text):
    rel = match["rel"].lower().replace("the ", "")
    unit_word = match["unit"].lower()
    w = words()
    span = (match["early"] or "").lower() or _edge(match)
    if unit_word in w.seasons:
        season = w.seasons[unit_word]
        if anchor is None:
            return Hit("DATE", f"XXXX-{season}")
        ended = {"WI": 3, "SP": 6, "SU": 9, "FA": 12}[season]
        if rel == "this past":
            year = anchor.year if anchor.month >= ended else anchor.year - 1
        elif rel in ("last", "past"):
            year = anchor.year - 1
        else:
            year = anchor.year + (1 if rel in ("next", "coming", "this coming") else 0)
        return Hit("DATE", f"{year}-{season}", span=span)
    unit = w.units[unit_word]
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}[rel]
    if match.group(0).lower().startswith(("the past", "the last", "the next", "the coming", "past")) and unit in ("Y", "DE", "CE", "M", "W", "Q") and not span:
        return _unit_duration(unit, step, anchor)
    if anchor is None:
        return Hit("DATE", {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "Q": "XXXX-QX"}.get(unit, "XXXX"))
    if unit == "WE":
        y, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
        return Hit("DATE", f"{y}-W{week:02d}-WE")
    if unit == "CE":
        return Hit("DATE", f"{anchor.year // 100 + step:02d}")
    return Hit("DATE", _shift(anchor, step, unit), span=span)


def _unit_duration(unit: str, step: int, anchor: date | None) -> Hit:
    """'the past year', 'the next month': a duration of one unit ending (or starting) at publication."""
    amount, code = {"DE": (10, "Y"), "CE": (100, "Y")}.get(unit, (1, unit))
    return Hit("DURATION", f"P{amount}{code}", span="back" if step < 0 else None)


def _the_year(match, anchor, text):
    after = text[match.end() : match.end() + 12].lower()
    if re.match(r"\s+(?:ended|ending|to\s+\w+\.?\s+\d)", after):
        return Hit("DURATION", "P1Y")
    if anchor is None:
        return Hit("DATE", "XXXX")
    return Hit("DATE", f"{anchor.year}")


def _year_end(match, anchor, text):
    return Hit("DATE", f"{anchor.year}" if anchor else "XXXX")


def _weekend(match, anchor, text):
    if anchor is None:
        return Hit("DATE", "XXXX-WXX-WE")
    ahead = _tense(text, match.start()) == "future"
    step = 0 if ahead or anchor.isoweekday() >= 6 else -1
    y, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
    return Hit("DATE", f"{y}-W{week:02d}-WE")


def _weekday(match, anchor, text):
    target = words().weekdays[match["weekday"].lower().rstrip(".")]
    rel = (match["rel"] or "").lower()
    if match["weekday"][0].islower() and not rel:
        return None  # "sat", "sun", "wed" in lower case are words, not days
    part = words().parts_of_day.get((match["part"] or "").lower())
    if anchor is None:
        value = f"XXXX-WXX-{target}"
    else:
        value = _weekday_date(target, rel, anchor, text, match.start()).isoformat()
    return Hit("TIME", f"{value}T{part}") if part else Hit("DATE", value)


def _weekday_date(target: int, rel: str, anchor: date, text: str, start: int) -> date:
    """News convention: the most recent such day up to publication, unless 'next' or a future verb points forward."""
    delta = (anchor.isoweekday() - target) % 7
    if rel == "next":
        return anchor + timedelta(days=(target - anchor.isoweekday()) % 7 or 7)
    if rel == "last":
        return anchor - timedelta(days=delta or 7)
    if _future_context(text, start):
        return anchor + timedelta(days=(target - anchor.isoweekday()) % 7)
    return anchor - timedelta(days=delta)


def _future_context(text: str, start: int) -> bool:
    """A weekday after a future verb in the same clause points forward ("talks will resume Monday")."""
    return _tense(text, start) == "future"


def _relative_day(match, anchor, text):
    name = match["rday"].lower()
    offset = words().relative_days[name]
    if anchor is None:
        return Hit("DATE", "XXXX-XX-XX")
    day = (anchor + timedelta(days=offset)).isoformat()
    if name == "tonight" or match["part"]:
        part = words().parts_of_day.get((match["part"] or "night").lower(), "NI")
        return Hit("TIME", f"{day}T{part}")
    return Hit("DATE", day)


SET_UNITS = {"day": "P1D", "night": "P1D", "morning": "P1D", "week": "P1W", "weekend": "P1W", "month": "P1M",
             "quarter": "P3M", "year": "P1Y"}


def _set(match, anchor, text):
    if match["sword"]:
        if match["sword"][0].isupper() and re.match(r"\s+[A-Z]", text[match.end() : match.end() + 2]):
            return None  # "the Daily News", "Weekly Standard": a name
        return Hit("SET", words().sets[match["sword"].lower()])
    if match["weekday"]:
        return Hit("SET", f"XXXX-WXX-{words().weekdays[match['weekday'].lower().rstrip('.')]}")
    if match["smonth"]:
        return Hit("SET", f"XXXX-{_month_number(match['smonth']):02d}")
    if match["aunit"]:
        before = text[max(0, match.start() - 40) : match.start()]
        if not re.search(r"\d|\b(?:times|once|twice)\b", before):
            return None  # "a year" is a set only after a quantity ("$1 billion a year")
        return Hit("SET", SET_UNITS[match["aunit"].lower()])
    return Hit("SET", SET_UNITS[match["sunit"].lower()])


PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:been\s+|not\s+)?\w+|\b(?:for|over|during|in|throughout)\s+(?:the\s+)?(?:past|last)\s*$", re.I)


def _duration(match, anchor, text):
    amount = _count(match["number"])
    unit_word = match["unit"].lower()
    code = words().units[unit_word]
    modifier = (match["modifier"] or "").lower()
    if code == "Q" and re.match(r"s?\s+of\b", text[match.end() : match.end() + 5]):
        return None  # "three-quarters of its food" is a share
    if match["number"].lower() in ("a", "an") and code in ("S", "Q") and not re.search(r"\b(?:for|in|within)\s*$", text[: match.start()]):
        return None  # "a second" attempt, "a quarter" of the votes
    if match["number"].lower() in ("a", "an") and not modifier and code in ("Y", "M", "W", "D"):
        # "a year" alone is often not temporal ("a day of talks"); keep it when a modifier or preposition makes it clear
        if not re.search(r"\b(?:for|in|within|over|about|nearly|almost|than|past|last)\s*$", text[: match.start()]):
            return None
    if code == "DE":
        code, amount = "Y", amount * 10 if isinstance(amount, (int, float)) else amount
    if code == "CE":
        code, amount = "Y", amount * 100 if isinstance(amount, (int, float)) else amount
    if code == "2W":
        code, amount = "W", amount * 2 if isinstance(amount, (int, float)) else amount
    if code == "WE":
        return Hit("DURATION", f"P{amount}WE")
    time_unit = code in ("H", "S") or (code == "M" and unit_word.startswith("minute"))
    value = f"PT{_amount(amount, code, time_unit)}" if time_unit else f"P{_amount(amount, code, time_unit)}"
    back = modifier in ("the past", "the last") or bool(PERFECT.search(_clause_before(text, match.start())))
    adjective = modifier == "the" and "-" in match.group(0)  # "the eight-year war": "the" belongs to the war
    return Hit("DURATION", value, span="back" if back and not time_unit else None, trim=4 if adjective else 0)


def _amount(amount, code: str, time_unit: bool) -> str:
    """'2.5' years is P2Y6M, '5.5' hours PT5H30M: a fraction goes to the next smaller unit."""
    if isinstance(amount, float):
        whole, fraction = int(amount), amount - int(amount)
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}.get(code)
        if smaller and (fraction * smaller[1]).is_integer():
            rest = f"{int(fraction * smaller[1])}{smaller[0]}"
            if code == "D":
                return f"{whole}DT{rest}"
            return f"{whole}{code}{rest}"
    return f"{amount}{code}"


def _clause_before(text: str, start: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start), start - 80) + 1
    return text[left:start]


def _plural_duration(match, anchor, text):
    rel = (match["rel"] or "").lower()
    unit = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "DE", "quarters": "Q"}[match["punit"].lower()]
    unit = "Y" if unit == "DE" and rel else unit
    if rel in ("recent", "the past", "the last"):
        return Hit("DURATION", f"PX{unit}", span="back")
    if rel in ("the next", "the coming", "coming"):
        return Hit("DURATION", f"PX{unit}")
    before = text[max(0, match.start() - 12) : match.start()].lower()
    if not re.search(r"\b(?:for|over|within|in)\s+$", before):
        return None
    if re.search(r"\bin\s*$", before) and not match["few"] and not re.search(r"\bfirst time in\s+$", text[max(0, match.start() - 20) : match.start()].lower()):
        return None  # "in years" is mostly "for the first time in years"; "in days" is a different sense
    return Hit("DURATION", f"PX{unit}", span="back" if PERFECT.search(_clause_before(text, match.start())) else None)


def _fuzzy(match, anchor, text):
    phrase = match["fuzzy"].lower()
    if phrase in ("once", "later", "current") and not _clearly_temporal(phrase, text, match):
        return None
    if phrase in ("future", "recent") and not re.search(r"\b(?:the|in|of|a|its|their|his|her|our|any|all|near)\s+$", text[max(0, match.start() - 8) : match.start()], re.I):
        return None
    return Hit("DATE", words().fuzzy[phrase])


def _clearly_temporal(phrase: str, text: str, match) -> bool:
    after = text[match.end() : match.end() + 15].lower()
    if phrase == "current":
        return bool(re.match(r"\s+[a-z]", after)) and not re.match(r"\s+(?:account|accounts|flows?|surge|of|and|affairs)\b", after)
    return False


def _clock(match) -> tuple[int, int] | None:
    groups = match.groupdict()
    if groups.get("noon"):
        return {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[groups["noon"].lower()]
    if groups.get("hh2"):
        return int(groups["hh2"]), int(groups["mm2"])
    hour, minute = int(groups["hh"]), int(groups["mm"] or 0)
    ampm = groups["ampm"].lower().replace(".", "")
    if hour > 12 or hour == 0:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return hour, minute


def _time_text(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def _time(match, anchor, text):
    clock = _clock(match)
    if clock is None or match.groupdict().get("noon"):
        return None
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Hit("TIME", f"{day}T{_time_text(*clock)}", ref=("T", _time_text(*clock)))


def _time_with_day(match, anchor, text):
    """'9 a.m. Tuesday', 'noon Thursday', '5 p.m. EST, Nov. 6': the clock time on that day."""
    clock = _clock(match)
    if clock is None:
        return None
    if match["weekday"]:
        if match["weekday"][0].islower():
            return None
        target = words().weekdays[match["weekday"].lower().rstrip(".")]
        day = _weekday_date(target, "", anchor, text, match.start()).isoformat() if anchor else "XXXX-XX-XX"
    elif match["rday"]:
        day = (anchor + timedelta(days=words().relative_days[match["rday"].lower()])).isoformat() if anchor else "XXXX-XX-XX"
    else:
        month, number = _month_number(match["month"]), int(match["day"])
        day = _ymd(_year_for(month, number, anchor, _tense(text, match.start())), month, number)
        if day is None:
            return None
    return Hit("TIME", f"{day}T{_time_text(*clock)}")


def _year(match, anchor, text):
    return Hit("DATE", match["year"], span=_edge(match))


def iter_rules() -> Iterator[str]:
    return (r.name for r in rules())
