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


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    w = words()
    month = rf"(?P<month>{_alt(w.months)})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    weekday = rf"(?P<weekday>{_alt(w.weekdays)})\.?"
    number = rf"(?P<number>\d+(?:\.\d+)?|{_alt(w.numbers)})"
    unit = rf"(?P<unit>{_alt(w.units)})s?"
    modifier = rf"(?:(?P<modifier>{_alt(w.modifiers)})\s+)?"
    part = rf"(?:\s+(?P<part>{_alt(w.parts_of_day)}))?"
    flags = re.I
    table = [
        ("iso", rf"\b{year}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<time>\d\d:\d\d(?::\d\d)?))?\b", _iso),
        ("slash_date", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{2}|\d{4})\b", _slash),
        ("weekday_month_day", rf"\b(?:{weekday},?\s+)?{month}\s+{day}(?:,?\s+{year})?\b", _month_day),
        ("day_month", rf"\b(?:{weekday},?\s+)?{day}\s+{month}(?:,?\s+{year})?\b", _month_day),
        ("month_year", rf"\b(?:(?:early|mid|late)-?\s*)?{month},?\s+(?:of\s+)?{year}\b", _month_year),
        ("month", rf"\b(?:(?:early|mid|late)-?\s*)?(?P<month>January|February|March|April|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)(?=\W)", _month_only),
        ("decade", r"\b(?:the\s+)?(?:(?:early|mid|late)-?\s*)?(?P<decade>(?:1[89]|20)\d0)'?s\b", _decade),
        ("quarter", rf"\b(?:the\s+)?(?P<ord>{_alt(w.ordinals)})[-\s]quarter\b", _quarter),
        ("ago", rf"\b{modifier}{number}\s+{unit}\s+(?:ago|earlier|before)\b", _ago),
        ("relative_unit", rf"\b(?:(?P<early>earlier|later|early|late)\s+)?(?P<rel>this|last|next|past|previous|coming|the past|the last|the next|the previous|the coming|the same)\s+(?P<unit>week|month|year|quarter|weekend|decade|century|{_alt(w.seasons)})\b", _relative_unit),
        ("weekday", rf"\b(?:(?P<rel>last|next|this)\s+)?{weekday}{part}\b", _weekday),
        ("relative_day", rf"\b(?P<rday>{_alt(w.relative_days)})(?:'s)?{part}\b", _relative_day),
        ("set", rf"\b(?:(?:every|each|per|a)\s+(?P<sunit>day|week|month|year|night|morning|weekend)|(?P<sword>{_alt(w.sets)}))\b", _set),
        ("duration", rf"\b{modifier}{number}[-\s]+{unit}(?!-old|\s+old)\b", _duration),
        ("plural_duration", rf"\b(?P<rel>the past|the last|the next|recent|the coming)?\s*(?P<punit>years|months|weeks|days|decades)\b(?!\s+ago)", _plural_duration),
        ("fuzzy", rf"\b(?P<fuzzy>{_alt(w.fuzzy)})\b", _fuzzy),
        ("time", r"\b(?P<hh>[01]?\d|2[0-3])(?::(?P<mm>[0-5]\d)\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?|\.(?P<mm2>[0-5]\d)\s*(?P<ampm2>a\.m\.|p\.m\.|am|pm))(?:\s+(?:GMT|UTC|EST|EDT|local time))?", _time),
        ("clock", r"\b(?P<hh>1[0-2]|[1-9])\s*(?P<ampm>a\.m\.|p\.m\.)", _time),
        ("year", rf"(?<![\d,.$£€-]){year}(?![\d,%]|-\d|\s*(?:percent|per cent|people|dead|fighters|troops|soldiers))\b", _year),
    ]
    return tuple(Rule(name, re.compile(pattern, flags), fn) for name, pattern, fn in table)


# -- the tagger ----------------------------------------------------------------------------


def find_dates(text: str, published: str | None) -> tuple[TimeExpression, ...]:
    """All temporal expressions in `text`, resolved against the publication date when known."""
    anchor = _anchor(published)
    candidates = []
    for priority, rule in enumerate(rules()):
        for match in rule.pattern.finditer(text):
            if match.end() - match.start() < 2:
                continue
            candidates.append((match.start(), -(match.end() - match.start()), priority, match, rule))
    chosen: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for start, _, _, match, rule in sorted(candidates, key=lambda c: (c[1], c[2], c[0])):
        end = match.end()
        if any(start < e and end > s for s, e in taken):
            continue
        resolved = rule.resolve(match, anchor, text)
        if resolved is None:
            continue
        kind, value = resolved
        taken.append((start, end))
        chosen.append(_expression(text, start, end, kind, value, anchor))
    return tuple(sorted(chosen, key=lambda t: t.start))


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _expression(text: str, start: int, end: int, kind: str, value: str, anchor: date | None) -> TimeExpression:
    range_start, range_end, precision = value_range(value) if kind in ("DATE", "TIME") else (None, None, None)
    return TimeExpression(start, end, text[start:end], kind, value, range_start, range_end, precision,
                          resolved="X" not in value[:4] and (anchor is not None or _absolute(value)))


def _absolute(value: str) -> bool:
    return bool(re.match(r"\d{3,4}", value)) or value.startswith("P") or value.endswith("_REF")


# -- ranges ----------------------------------------------------------------------------------


def value_range(value: str) -> tuple[str | None, str | None, int | None]:
    """The days a TIMEX3 date value covers, and ACLED's time precision (1 day, 2 week, 3 month)."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return m.group(0), m.group(0), 1
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    if m:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), 2
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}", 3
    m = re.match(r"^(\d{4})-Q(\d)$", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        last = 3 * q
        return f"{y:04d}-{last - 2:02d}-01", f"{y:04d}-{last:02d}-{calendar.monthrange(y, last)[1]:02d}", None
    m = re.match(r"^(\d{4})$", value)
    if m:
        return f"{value}-01-01", f"{value}-12-31", None
    m = re.match(r"^(\d{3})$", value)
    if m:
        return f"{value}0-01-01", f"{value}9-12-31", None
    return None, None, None


# -- resolvers: each returns (TIMEX3 type, value) or None ---------------------------------------


def _ymd(y: int | None, m: int, d: int) -> str | None:
    try:
        date(y or 2000, m, d)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}"


def _iso(match, anchor, text):
    value = _ymd(int(match["year"]), int(match["m"]), int(match["d"]))
    if value and match["time"]:
        return "TIME", f"{value}T{match['time']}"
    return ("DATE", value) if value else None


def _slash(match, anchor, text):
    y = int(match["y"])
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    value = _ymd(y, int(match["m"]), int(match["d"]))
    return ("DATE", value) if value else None


def _month_number(name: str) -> int:
    return words().months[name.lower().rstrip(".")]


def _month_day(match, anchor, text):
    if match["month"].lower() == "may" and not match["year"] and match.group(0)[0].islower():
        return None
    month, day = _month_number(match["month"]), int(match["day"])
    year = int(match["year"]) if match["year"] else _year_for(month, day, anchor)
    value = _ymd(year, month, day)
    return ("DATE", value) if value else None


def _year_for(month: int, day: int, anchor: date | None) -> int | None:
    """A date without a year: the publication year, or the year before if that is well after publication."""
    if anchor is None:
        return None
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    return anchor.year - 1 if (candidate - anchor).days > 90 else anchor.year


def _month_year(match, anchor, text):
    return "DATE", f"{int(match['year']):04d}-{_month_number(match['month']):02d}"


def _month_only(match, anchor, text):
    month = _month_number(match["month"])
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    year = anchor.year if month <= anchor.month + 2 else anchor.year - 1
    return "DATE", f"{year:04d}-{month:02d}"


def _decade(match, anchor, text):
    return "DATE", match["decade"][:3]


def _quarter(match, anchor, text):
    q = words().ordinals[match["ord"].lower()]
    if anchor is None:
        return "DATE", f"XXXX-Q{q}"
    current = (anchor.month - 1) // 3 + 1
    return "DATE", f"{anchor.year if q <= current else anchor.year - 1}-Q{q}"


def _count(token: str) -> int | str:
    token = token.lower()
    if re.match(r"\d", token):
        number = float(token)
        return int(number) if number.is_integer() else token
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
    return anchor.isoformat()


def _ago(match, anchor, text):
    amount = _count(match["number"])
    unit = words().units[match["unit"].lower()]
    if anchor is None or not isinstance(amount, int):
        return "DATE", "PAST_REF"
    return "DATE", _shift(anchor, -amount, unit)


def _relative_unit(match, anchor, text):
    rel = match["rel"].lower().replace("the ", "")
    unit_word = match["unit"].lower()
    w = words()
    if unit_word in w.seasons:
        if anchor is None:
            return "DATE", f"XXXX-{w.seasons[unit_word]}"
        year = anchor.year - 1 if rel in ("last", "past", "previous") else anchor.year + (1 if rel in ("next", "coming") else 0)
        return "DATE", f"{year}-{w.seasons[unit_word]}"
    unit = w.units[unit_word]
    step = {"this": 0, "same": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    if anchor is None:
        return "DATE", {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(unit, "XXXX")
    if unit == "Q":
        current = (anchor.month - 1) // 3 + step
        year = anchor.year + current // 4
        return "DATE", f"{year}-Q{current % 4 + 1}"
    if unit == "WE":
        y, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
        return "DATE", f"{y}-W{week:02d}-WE"
    if unit == "CE":
        return "DATE", f"{anchor.year // 100 + step:02d}"
    return "DATE", _shift(anchor, step, unit)


def _weekday(match, anchor, text):
    target = words().weekdays[match["weekday"].lower().rstrip(".")]
    rel = (match["rel"] or "").lower()
    if match["weekday"][0].islower() and not rel:
        return None  # "sat", "sun", "wed" in lower case are words, not days
    if anchor is None:
        return "DATE", f"XXXX-WXX-{target}"
    delta = (anchor.isoweekday() - target) % 7
    if rel == "next":
        day = anchor + timedelta(days=(target - anchor.isoweekday()) % 7 or 7)
    elif rel == "last":
        day = anchor - timedelta(days=delta or 7)
    elif _future_context(text, match.start(), match.end()):
        day = anchor + timedelta(days=(target - anchor.isoweekday()) % 7)
    else:
        day = anchor - timedelta(days=delta)
    return "DATE", day.isoformat()


FUTURE_CUES = re.compile(r"\b(will|would|'ll|shall|is to|are to|plans? to|scheduled|expected|due to|going to)\b", re.I)


def _future_context(text: str, start: int, end: int) -> bool:
    """A weekday after a future verb in the same clause points forward ("talks will resume Monday")."""
    left = max(text.rfind(".", 0, start), text.rfind(",", 0, start), start - 60) + 1
    return bool(FUTURE_CUES.search(text[left:start]))


def _relative_day(match, anchor, text):
    name = match["rday"].lower()
    offset = words().relative_days[name]
    if anchor is None:
        return "DATE", "XXXX-XX-XX"
    day = (anchor + timedelta(days=offset)).isoformat()
    if name == "tonight" or match["part"]:
        part = words().parts_of_day.get((match["part"] or "night").lower(), "NI")
        return "TIME", f"{day}T{part}"
    return "DATE", day


def _set(match, anchor, text):
    if match["sword"]:
        return "SET", words().sets[match["sword"].lower()]
    unit = {"day": "P1D", "night": "P1D", "morning": "P1D", "week": "P1W", "weekend": "P1W", "month": "P1M", "year": "P1Y"}
    if match.group(0).lower().startswith("a "):
        return None  # "a day" is a duration, not a set
    return "SET", unit[match["sunit"].lower()]


def _duration(match, anchor, text):
    amount = _count(match["number"])
    code = words().units[match["unit"].lower()]
    if match["number"].lower() in ("a", "an") and not match["modifier"] and code in ("Y", "M", "W", "D"):
        # "a year" alone is often not temporal ("a day of talks"); keep it when a modifier or unit makes it clear
        if not re.search(r"\b(?:for|in|within|over|about|nearly|almost|than|past|last)\s*$", text[: match.start()]):
            return None
    if code == "DE":
        code, amount = "Y", amount * 10 if isinstance(amount, int) else amount
    if code == "WE":
        return "DURATION", f"P{amount}WE"
    time_unit = code in ("H", "S") or (code == "M" and match["unit"].lower().startswith("minute"))
    return "DURATION", f"PT{amount}{code}" if time_unit else f"P{amount}{code}"


def _plural_duration(match, anchor, text):
    rel = (match["rel"] or "").lower()
    unit = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "DE"}[match["punit"].lower()]
    if rel == "recent":
        return "DATE", "PAST_REF"
    if not rel:
        before = text[max(0, match.start() - 12) : match.start()].lower()
        if not re.search(r"\b(for|in|over|within)\s+$", before):
            return None
    return "DURATION", f"PX{unit}"


def _fuzzy(match, anchor, text):
    phrase = match["fuzzy"].lower()
    if phrase in ("once", "later", "current") and not _clearly_temporal(phrase, text, match):
        return None
    return "DATE", words().fuzzy[phrase]


def _clearly_temporal(phrase: str, text: str, match) -> bool:
    after = text[match.end() : match.end() + 15].lower()
    if phrase == "current":
        return bool(re.match(r"\s+(year|month|week|period|quarter|session|term)", after))
    return False


def _time(match, anchor, text):
    groups = match.groupdict()
    minutes = groups.get("mm") or groups.get("mm2")
    hour, minute = int(match["hh"]), int(minutes) if minutes else 0
    ampm = (groups.get("ampm") or groups.get("ampm2") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if not ampm and not minutes:
        return None
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _year(match, anchor, text):
    return "DATE", match["year"]


def iter_rules() -> Iterator[str]:
    return (r.name for r in rules())
