"""Finding place names in a parsed text and resolving each to a gazetteer entry.

Recognition: spaCy's GPE/LOC/FAC entities, NORP demonyms, and gazetteer names
the model missed or mislabelled (it tags Misrata as a person) where the text
shows a place ("in X", "city of X"). Resolution ranks candidates by
population and feature, then by the document's own countries and by "X, Y"
and "X in Y" patterns; countries and well-known places come first, and a name
that cannot be resolved is kept with a low score without touching the others.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

from vigil.knowledge import read_lines, read_tsv
from vigil.places.confidence import calibrated, kind_of
from vigil.places.gazetteer import Gazetteer, Place, gazetteer, name_key
from vigil.nlp import doc_text
from vigil.records import COUNTRY_FEATURES, PlaceCandidate, PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
LOCATIVE = {"in", "at", "near", "from", "outside", "around", "into", "across", "throughout", "to", "toward", "towards"}
POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
SEAT_LOCATIVE = frozenset({"at", "in", "inside", "outside", "near", "before"})  # "testify before Congress"; not "sent to Congress"
CITY_WORDS = {"city", "town", "village", "province", "region", "district", "capital", "governorate", "state"}
REPORTING = {"say", "tell", "announce", "deny", "claim", "warn", "accuse", "urge", "reject", "insist", "demand",
             "threaten", "respond", "argue", "believe", "want", "call", "condemn", "agree", "refuse", "decide"}
# Added to log10(population + 1). Regions carry no population in the data: their bonus stands in for one.
FEATURE_BONUS = {"PCLI": 3.0, "CONT": 9.0, "RGN": 8.0, "SEA": 7.0, "LK": 6.0, "ADM1": 6.5, "ADM2": 0.5, "PPLC": 1.5, "PPL": 0.0}
COUNTRY_CONTEXT = 5.0  # times the document's share of mentions in the candidate's country
CONTAINER_BONUS = 6.0  # "X, Y" / "X in Y" where Y contains the candidate
NEIGHBOUR_BONUS = 4.0  # times the share of the document's other places near the candidate (or inside it)
NEIGHBOUR_KM = 250.0
REGION_BONUS = 1.0  # a town inside a first-level region the document names elsewhere ("Quincy" with "Florida")
PROMINENT_TOWN = 100_000  # ... unless a namesake of this size and ten times its own is the name's obvious reading
PROMINENCE_RATIO = 10
WORLD_CITY_NAMES = 40  # GeoNames' alternate names of a world-known city (London has 113, London, Ohio 9) ...
WORLD_CITY_RATIO = 2  # ... and at least twice as many as any namesake's
STATE_LIST = 2  # a document naming this many other first-level regions of a country ...
STATE_LIST_BONUS = 2.0  # ... reads an ambiguous name as one more of them
SAME_PLACE_BONUS = 6.0  # a state that another of the document's names reads as ("N.Y." -> New York State)
REGION_NAMESAKE = 10_000  # a town smaller than this that shares a state's or country's name, far from it ...
REGION_NAMESAKE_PENALTY = 2.0  # ... needs more than its neighbours: "a driver from Nevada" is the state
PAIR_BONUS = 3.0  # times the share of the document's other names that may be a town close to the candidate
PAIR_KM = 60.0
ALTERNATE_PENALTY = 1.0  # a place found by one of its other names, when some place bears the name as its own
PAIR_MAX_READINGS = 40  # names with more readings ("Springfield") are everywhere: no evidence
TOWN_FEATURES = {"PPL", "PPLC", "ADM2"}
WATER_AND_REGIONS = {"SEA", "LK", "RGN", "CONT"}
ANCHOR_FEATURES = {"PPL", "PPLC", "ADM1", "ADM2"}
FOCUS_FEATURES = {"PPL", "PPLC", "ADM2"}
FOCUS_SCORE = 0.1  # a given name the gazetteer lacks, placed at the document's focus
STATE_FEATURES = COUNTRY_FEATURES | {"ADM1"}
PRECISION = {"PCLI": 3, "CONT": 3, "RGN": 3, "SEA": 3, "LK": 3, "ADM1": 3, "ADM2": 2, "PPLC": 1, "PPL": 1}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    role: str  # place, demonym, metonym
    token_start: int
    token_end: int
    strict: bool = False  # resolve by primary names only (names found outside GPE/LOC entities)


def find_mentions(doc, gaz: Gazetteer) -> list[Mention]:
    covered: set[int] = set()
    mentions: list[Mention] = _named_regions(doc, covered)  # curated names first: "the African continent"
    seats: list[Mention] = []
    for ent in doc.ents:
        span = _trim_article(ent)
        if span is None or any(i in covered for i in range(span.start, span.end)):
            continue
        if name_key(span.text) in _seats():  # "talks at the Kremlin"; "the Kremlin said" is an actor, not a place
            if _locative_context(span, SEAT_LOCATIVE, article=True):
                seats.append(Mention(span.start_char, span.end_char, span.text, "place", span.start, span.end))
                covered.update(range(span.start, span.end))
            continue
        role = None
        if not span.text[:1].isupper() or span.text.strip() in _generic_words():
            continue  # "South", "Western": a direction, not the region some country calls so
        if ent.label_ == "FAC" and not gaz.primary_candidates(span.text):
            continue  # buildings and streets: "White House" is not Casablanca ("Dar el Beida")
        if ent.label_ in PLACE_LABELS:
            role = "metonym" if _is_metonym(span) else "place"
        elif ent.label_ == "NORP" and (gaz.demonym_country(span.text) or _region_adjective(span.text, gaz)):
            role = "demonym"
        elif ent.label_ in ("PERSON", "ORG") and _looks_like_place(span, gaz):
            role = "place"
        if role == "place" and _common_word(span, gaz, ent.label_):
            continue
        if role == "place" and ent.label_ in PLACE_LABELS and _demonym_only(span.text, gaz):
            role = "demonym"  # "Rwandan suspects" tagged GPE: the adjective, not a place
        if role:
            strict = ent.label_ not in ("GPE", "LOC", "NORP")
            text = _abbreviation(span)
            mentions.append(Mention(span.start_char, span.start_char + len(text), text, role, span.start, span.end, strict))
            covered.update(range(span.start, span.end))
        elif ent.label_ == "ORG":
            mentions += _names_inside_organisation(span, gaz, covered)
    mentions += _missed_names(doc, gaz, covered)
    if seats:  # India's Congress is not Washington's
        countries = {_vote(m, gaz) for m in mentions}
        mentions += [m for m in seats if _seats()[name_key(m.text)] in countries]
    return sorted(mentions, key=lambda m: m.start)


def _abbreviation(span) -> str:
    """The name with the full stop that ends it when it is a curated abbreviation ("W.Va.", "Tenn.")."""
    text = span.text
    following = doc_text(span.doc)[span.end_char : span.end_char + 1]
    if following == "." and text + "." in _curated_names():
        return text + "."
    return text


def _names_inside_organisation(span, gaz: Gazetteer, covered: set[int]) -> list[Mention]:
    """Countries and states that name an organisation's seat: "the Texas Department of Health",
    "the U.S. Supreme Court", "the Professional Association of Georgia Educators". An organisation
    named by the place alone is the place's government or team when it acts ("Washington said"):
    then a metonym."""
    found = []
    if _country_or_state(span.text, gaz):
        role = "metonym" if span.root.dep_ in ("nsubj", "nsubjpass") else "place"
        covered.update(range(span.start, span.end))
        return [Mention(span.start_char, span.end_char, span.text, role, span.start, span.end, True)]
    i = span.start
    while i < span.end:
        for stop in range(min(span.end, i + 3), i, -1):
            part = span.doc[i:stop]
            if part[0].is_title or part[0].is_upper:
                if _country_or_state(part.text, gaz) and not any(j in covered for j in range(i, stop)):
                    found.append(Mention(part.start_char, part.end_char, part.text, "place", i, stop, True))
                    covered.update(range(i, stop))
                    i = stop - 1
                    break
        i += 1
    return found


def _country_or_state(name: str, gaz: Gazetteer) -> bool:
    """A country or first-level region by its own name or a curated alias, spelt exactly; never a word
    like "Western" or "Centre" that is also some region's name."""
    if name in _generic_words():
        return False
    curated = name in _curated_names()
    return any(p.feature in ("PCLI", "ADM1") and (curated or p.name == name) for p in gaz.primary_candidates(name))


@functools.lru_cache(maxsize=1)
def _curated_names() -> frozenset[str]:
    return frozenset(row["name"] for row in read_tsv("places/aliases.tsv"))


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(row["word"] for row in read_tsv("places/common_words.tsv"))


def _common_word(span, gaz: Gazetteer, label: str) -> bool:
    """A month, weekday or feast that some small town is named after ("In March"): a place only when
    spaCy tags it GPE/LOC and a country or state follows it ("March, Cambridgeshire")."""
    if span.text not in _common_words():
        return False
    if label not in ("GPE", "LOC"):
        return True
    m = Mention(span.start_char, span.end_char, span.text, "place", span.start, span.end)
    return not _container(span.doc, m, gaz)


def _demonym_only(text: str, gaz: Gazetteer) -> bool:
    """A demonym ("Rwandan") that is no place's own name."""
    return bool(gaz.demonym_country(text)) and not gaz.primary_candidates(text)


@functools.lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset(row["word"] for row in read_tsv("places/name_modifiers.tsv"))


def _named_regions(doc, covered: set[int]) -> list[Mention]:
    """Curated regions ("the African continent", "the Sahel") found by their names."""
    found = []
    for pattern in _region_patterns():
        for match in pattern.finditer(doc_text(doc)):  # one alternation of all names
            span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
            span = _trim_article(span) if span is not None else None
            if span is None or any(i in covered for i in range(span.start, span.end)):
                continue
            covered.update(range(span.start, span.end))
            found.append(Mention(span.start_char, span.end_char, span.text, "place", span.start, span.end))
    return found


@functools.lru_cache(maxsize=1)
def _region_patterns() -> tuple:
    names = {row["name"] for row in read_tsv("places/regions.tsv")} | {row["name"] for row in read_tsv("places/aliases.tsv")}
    names = sorted(names, key=len, reverse=True)
    multiword = [r"\s+".join(re.escape(word) for word in n.split()) for n in names if " " in n]  # "Democratic  Republic"
    return (re.compile(r"\b(?:" + "|".join(multiword) + r")\b"),) if multiword else ()


def _region_adjective(text: str, gaz: Gazetteer) -> bool:
    return any(p.feature in ("CONT", "RGN") for p in gaz.candidates(text))


def _trim_article(span):
    while len(span) and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    while len(span) and (span[-1].is_punct or span[-1].lower_ in ("'s", "’s")):
        span = span[:-1]
    return span if len(span) else None


def _is_metonym(span) -> bool:
    """'Washington said': a capital or country acting as its government."""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in REPORTING and root.head.pos_ == "VERB" \
        and span.text in ("Washington", "Moscow", "Beijing", "Tehran", "Ankara", "Paris", "London", "Kremlin",
                          "Damascus", "Riyadh", "Cairo", "Kyiv", "Kiev", "Baghdad", "Tripoli", "Brussels", "Pyongyang")


@functools.lru_cache(maxsize=1)
def _seats() -> dict[str, str]:
    """Seats of government by name key, with their country (places/seats.tsv)."""
    return {name_key(row["name"]): row["country"] for row in read_tsv("places/seats.tsv")}


def _locative_context(span, words: frozenset[str] | set[str] = LOCATIVE, article: bool = False) -> bool:
    start = span.start
    if article and start > 0 and span.doc[start - 1].lower_ == "the" and span[0].lower_ != "the":
        start -= 1  # "at the Kremlin"
    before = span.doc[start - 1] if start > 0 else None
    two_before = span.doc[start - 2] if start > 1 else None
    if before is not None and before.lower_ in words:
        return True
    return before is not None and before.lower_ == "of" and two_before is not None and two_before.lower_ in CITY_WORDS


@functools.lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    return frozenset(row["adjective"] for row in read_tsv("places/region_adjectives.tsv"))


def _looks_like_place(span, gaz: Gazetteer) -> bool:
    if span.text in _adjectives():  # "in English" is a language, not England
        return False
    candidates = gaz.primary_candidates(span.text)
    if not candidates:
        return False
    biggest = max(candidates, key=lambda p: p.population)
    return _locative_context(span) and (biggest.population >= 20_000 or biggest.feature in FEATURE_BONUS and biggest.feature not in ("PPL", "ADM2"))


def _missed_names(doc, gaz: Gazetteer, covered: set[int]) -> list[Mention]:
    """Capitalised names after 'in', 'city of' ... that the model did not tag, if the gazetteer knows them well."""
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in covered or not token.is_title or token.is_sent_start:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < 4 and doc[end].is_title and end not in covered:
            end += 1
        for stop in range(end, i, -1):
            span = doc[i:stop]
            if span.text in _common_words() or any(t.ent_type_ in NOT_PLACE_LABELS for t in span):
                continue
            if _looks_like_place(span, gaz):
                found.append(Mention(span.start_char, span.end_char, span.text, "place", span.start, span.end, True))
                covered.update(range(i, stop))
                i = stop - 1
                break
        i += 1
    return found


# -- resolution ------------------------------------------------------------------------------


def _base_score(place: Place) -> float:
    return math.log10(place.population + 1) + FEATURE_BONUS.get(place.feature, 0.0)


def _vote(m: Mention, gaz: Gazetteer) -> str | None:
    """The country a mention points to on its own: its demonym, or its best candidate's country."""
    if m.role == "demonym":
        return gaz.demonym_country(m.text)
    readings = _abbreviation_readings(m.text, gaz)
    if readings:  # "SA" is evidence only once the rest of the document has said which
        return readings[0].country if len(readings) == 1 else None
    candidates = gaz.candidates(m.text)
    if not candidates:  # "the Nairobi Marathon": the country of the big town it is named after
        inner = inner_place(m.text, gaz)
        candidates = [p for p in gaz.primary_candidates(inner) if p.feature in ("PPL", "PPLC")] if inner else []
    return max(candidates, key=lambda p: (p.population, p.feature == "PCLI")).country if candidates else None


def _document_countries(mentions: list[Mention], gaz: Gazetteer) -> dict[str, float]:
    """Countries the document is about: one vote per distinct name."""
    votes: dict[str, float] = {}
    for text in {m.text: m for m in mentions}.values():
        iso = _vote(text, gaz)
        if iso:
            votes[iso] = votes.get(iso, 0) + 1.0
    return votes


def _without(votes: dict[str, float], iso: str | None) -> dict[str, float]:
    """The document's votes less one name's own: a name is not its own context."""
    if iso is None or iso not in votes:
        return votes
    rest = dict(votes)
    rest[iso] -= 1.0
    return rest


def _container(doc, m: Mention, gaz: Gazetteer) -> list[Place]:
    """Places named right after 'X, Y' or 'X in Y': they contain X."""
    if m.token_end <= m.token_start:  # a given name not found at its offsets
        return []
    tokens = doc[m.token_end : m.token_end + 5]
    if len(tokens) >= 2 and tokens[0].text in (",", "in") and (tokens[1].is_title or tokens[1].is_upper):
        for stop in range(min(len(tokens), 4), 1, -1):
            name = tokens[1:stop].text
            if any(t.is_punct for t in tokens[1:stop]) or name in _generic_words():  # "Kansas City, North": a direction, not a region
                continue
            found = [p for p in gaz.candidates(name) if p.feature in ("PCLI", "ADM1")]
            if found:
                return found
    return []


@functools.lru_cache(maxsize=1)
def _modifiers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = list(read_tsv("places/name_modifiers.tsv"))
    prefixes = tuple(r["word"] + " " for r in rows if r["position"] == "prefix")
    suffixes = tuple(" " + r["word"] for r in rows if r["position"] == "suffix")
    return prefixes, suffixes


def core_name(name: str) -> str | None:
    """The name without words that do not move it ("North London" -> "London"), or None if it has none."""
    prefixes, suffixes = _modifiers()
    core = name
    for prefix in prefixes:
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            core = core[len(prefix):]
            break
    for suffix in suffixes:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    return core if core != name else None


@dataclass(frozen=True)
class DocumentContext:
    """What the rest of a document says about where it is: its countries and its places.

    `anchors` holds each distinct name's best place on a first reading (by population, feature and
    the document's countries); a candidate near other names' anchors, or the region that holds them,
    is what the document means ("Paris" among Texan towns is Paris, Texas).
    """

    countries: dict[str, float]
    anchors: tuple[tuple[str, Place], ...] = ()
    focus: Place | None = None  # the town or district the document names most (or its main country)
    readings: tuple[tuple[str, tuple[Place, ...]], ...] = ()  # each distinct name's towns and districts
    qualified: tuple[tuple[str, Place], ...] = ()  # bare name -> where "<name> District" resolved
    named: frozenset[str] = frozenset()  # countries the document names by their own names or demonyms
    possessed: tuple[tuple[str, int], ...] = ()  # (token, index) of each word right after a possessive ("London's X")


def document_context(doc, gaz: Gazetteer | None = None, mentions: list[Mention] | None = None) -> DocumentContext:
    gaz = gaz or gazetteer()
    mentions = find_mentions(doc, gaz) if mentions is None else mentions
    countries = _document_countries(mentions, gaz)
    anchors = []
    counts = Counter(name_key(m.text) for m in mentions)
    for m in {m.text: m for m in mentions if m.role != "demonym"}.values():
        ranked = resolve_name(m.text, gaz, _without(countries, _vote(m, gaz)), _container(doc, m, gaz), strict=m.strict)
        if ranked and ranked[0][0].feature in ANCHOR_FEATURES:
            anchors.append((name_key(m.text), ranked[0][0]))
    readings = _readings(mentions, gaz)
    anchors = _second_reading(doc, mentions, anchors, countries, gaz, readings)
    mentioned = Counter()  # how often each country is named, through any of its names
    for m in {m.text: m for m in mentions}.values():
        iso = _vote(m, gaz)
        if iso:
            mentioned[iso] += counts[name_key(m.text)]
    named = frozenset(iso for m in {m.text: m for m in mentions}.values() if (iso := _named_country(m, gaz)))
    possessed = tuple((doc[i].text, i) for i in range(2, len(doc)) if doc[i - 1].lower_ in POSSESSIVE_MARKS)
    return DocumentContext(countries, tuple(anchors), _focus(anchors, counts, countries, gaz, mentioned), readings,
                           _qualified(mentions, anchors), named, possessed)


def _named_country(m: Mention, gaz: Gazetteer) -> str | None:
    """The country a mention names outright: its demonym ("Italian"), or a country by its own name ("Italy")."""
    if m.role == "demonym" or gaz.demonym_country(m.text):
        return gaz.demonym_country(m.text)
    return next((p.country for p in gaz.primary_candidates(m.text) if p.feature == "PCLI"), None)


def _qualified(mentions: list[Mention], anchors: list[tuple[str, Place]]) -> tuple[tuple[str, Place], ...]:
    """Names the document also gives with their administrative word ("Palma District", "Afmadow District"),
    with the place that longer name resolved to: the bare name elsewhere means the same area."""
    places = dict(anchors)
    found = []
    for text in {m.text for m in mentions if m.role != "demonym"}:
        for suffix in _admin_suffixes():
            if text.endswith(" " + suffix) and len(text) > len(suffix) + 2 and name_key(text) in places:
                found.append((name_key(text[: -len(suffix) - 1]), places[name_key(text)]))
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _admin_suffixes() -> tuple[str, ...]:
    return tuple(row["word"] for row in read_tsv("places/admin_words.tsv") if row["position"] == "suffix")


def _readings(mentions: list[Mention], gaz: Gazetteer) -> tuple[tuple[str, tuple[Place, ...]], ...]:
    """Every town and district each distinct name may be: two names with readings close together
    ("Paris" and "Henry County", both in Tennessee) support each other."""
    readings = {}
    for m in mentions:
        key = name_key(m.text)
        if m.role == "demonym" or key in readings:
            continue
        towns = tuple(p for p in gaz.candidates(m.text) if p.feature in TOWN_FEATURES)
        if 0 < len(towns) <= PAIR_MAX_READINGS:
            readings[key] = towns
    return tuple(readings.items())


def _second_reading(doc, mentions: list[Mention], anchors: list[tuple[str, Place]], countries: dict[str, float],
                    gaz: Gazetteer, readings=()) -> list[tuple[str, Place]]:
    """Each name read again among the others' first readings: a wrong first pick rarely survives its neighbours."""
    first = DocumentContext(countries, tuple(anchors), readings=readings)
    again = []
    for m in {m.text: m for m in mentions if m.role != "demonym"}.values():
        ranked = resolve_name(m.text, gaz, _without(countries, _vote(m, gaz)), _container(doc, m, gaz),
                              strict=m.strict, context=first)
        if ranked and ranked[0][0].feature in ANCHOR_FEATURES:
            again.append((name_key(m.text), ranked[0][0]))
    return again


def _focus(anchors: list[tuple[str, Place]], counts: Counter, countries: dict[str, float], gaz: Gazetteer,
           mentioned: Counter | None = None) -> Place | None:
    """The town the document is about: in its main country (the most names, then the most mentions), named
    often, among the other places it names; between equals, the bigger town."""
    if not countries:
        return None
    mentioned = mentioned or Counter()
    most = max((votes, mentioned[iso]) for iso, votes in countries.items())
    main = {iso for iso, votes in countries.items() if (votes, mentioned[iso]) == most}
    places = [p for _, p in anchors]
    towns = [(counts[k] + sum(1 for o in places if o is not p and _km(p, o) <= NEIGHBOUR_KM), -i, p)
             for i, (k, p) in enumerate(anchors) if p.feature in FOCUS_FEATURES and p.country in main]
    if towns:
        return max(towns, key=lambda t: (t[0], t[2].population, t[1]))[2]
    return gaz.country(min(main))


def resolve(doc, gaz: Gazetteer | None = None) -> tuple[PlaceMention, ...]:
    gaz = gaz or gazetteer()
    mentions = find_mentions(doc, gaz)
    context = document_context(doc, gaz, mentions)
    resolved = []
    for m in mentions:
        try:
            resolved.append(_resolve_one(doc, m, gaz, context))
        except Exception:  # one odd name never spoils the rest of the document
            resolved.append(PlaceMention(m.start, m.end, m.text, role=m.role))
    return tuple(resolved)


def given_mentions(doc, spans: list[tuple[int, int, str]], gaz: Gazetteer | None = None) -> list[Mention]:
    """The document's own mentions plus given toponym spans (start, end, name) it missed, as context
    for resolving given toponyms: the other names of the document, found or given."""
    gaz = gaz or gazetteer()
    mentions = find_mentions(doc, gaz)
    taken = {(m.start, m.end) for m in mentions}
    for start, end, name in spans:
        if (start, end) in taken:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.text != name:
            span = None
        role = "demonym" if gaz.demonym_country(name) else "place"
        mentions.append(Mention(start, end, name, role, span.start if span else 0, span.end if span else 0))
    return mentions


def resolve_span(doc, start: int, end: int, name: str, context: DocumentContext,
                 gaz: Gazetteer | None = None) -> list[tuple[Place, float]]:
    """Candidates for a given toponym of a parsed document (a gold span), with its "X, Y" container
    when the text at the offsets reads the name; a name the gazetteer lacks falls back to the document's focus."""
    gaz = gaz or gazetteer()
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and span.text != name:
        span = None  # offsets that do not read the name (TR-News shifts some): the name alone
    containers = _container(doc, Mention(start, end, name, "place", span.start, span.end), gaz) if span is not None else []
    iso = _vote(Mention(start, end, name, "place", 0, 0), gaz)
    ranked, _ = _ranked(span, name, containers, _without(context.countries, iso), context, gaz)
    return ranked


def _ranked(span, name: str, containers: list[Place], countries: dict[str, float], context: DocumentContext,
            gaz: Gazetteer, strict: bool = False, focus_fallback: bool = True) -> tuple[list[tuple[Place, float]], bool]:
    """A name's candidates in its document, best first, and whether the best is only inferred (a street, building or
    unknown name placed at the document's focus, at a seat or at the place it is named after). Used both by
    `resolve` (names Vigil finds; no bare focus fallback) and `resolve_span` (given toponyms)."""
    if span is not None and context.focus is not None and _names_a_street(span, gaz):
        return [(context.focus, FOCUS_SCORE)], True  # "the corner of Elm and Oak streets": where the document is
    ranked = resolve_name(name, gaz, countries, containers, strict=strict, context=context)
    owner, own_mention = _possessor(span, gaz, context) if span is not None else (None, False)
    if owner is not None and not (ranked and ranked[0][0].feature in STATE_FEATURES):  # "Leeds's Elland Road": near Leeds
        # (never a country or state: "Beijing's Taiwan policy" is about Taiwan)
        near = [(p, s) for p, s in ranked if p.key == owner.key or _km(p, owner) <= PAIR_KM]
        small = bool(ranked) and _small_town(ranked[0][0], ranked, IN_TOWN_POPULATION)  # never over a capital or city:
        if own_mention and (small or not ranked):  # "Washington's Kabul embassy" is in Kabul
            ranked = near or [(owner, FOCUS_SCORE)]
        elif small:  # another mention's possessive
            ranked = near + [(p, s) for p, s in ranked if (p, s) not in near] if near else [(owner, FOCUS_SCORE)] + ranked
    if ranked and span is not None and ranked[0][0].feature == "ADM1" and _coordinated_with_country(span, gaz):
        country = [(p, s) for p, s in ranked if p.feature == "PCLI"]  # "Georgia and Armenia": two countries
        ranked = country + [(p, s) for p, s in ranked if (p, s) not in country]
    if ranked and _stray(ranked[0][0], countries, context.focus, context.anchors, context.named):
        return [(context.focus, FOCUS_SCORE)] + ranked, True  # a small namesake abroad nothing else points to
    if ranked and span is not None and ranked[0][0].feature in TOWN_FEATURES and _before_state_institution(span) \
            and ranked[0][0].country in _federal_countries():
        state = [(p, s) for p, s in ranked if p.feature == "ADM1" and _holds(p, ranked[0][0])]
        ranked = state + [(p, s) for p, s in ranked if (p, s) not in state]  # "Kano lawmakers": the state's
    if ranked and span is not None and _small_town(ranked[0][0], ranked, IN_TOWN_POPULATION) and not _after_origin_word(span):
        town = _town_it_lies_in(span, gaz, countries, context)
        if town is not None and _km(ranked[0][0], town) > PAIR_KM:
            return [(town, FOCUS_SCORE)] + ranked, True  # "the clinic at Leigh in Manchester": no Leigh far away
    core = core_name(name) if not ranked else None
    if core:
        ranked = _known_core(resolve_name(core, gaz, countries, containers, strict=strict, context=context),
                             context.countries)
        if ranked and _stray(ranked[0][0], countries, context.focus, context.anchors, context.named):
            ranked = []  # "North Court" in a college story: not a town named Court abroad
    if ranked:
        return ranked, False
    if span is not None:  # "the Grand Hotel in Kigali": where it stands
        seat = _seat(span.doc, span.end, gaz, institution=any(w in feature_words() for w in name.split()))
        if seat:
            return [(p, FOCUS_SCORE * s) for p, s in resolve_name(seat, gaz, countries, context=context)], True
    inner = inner_place(name, gaz)
    if inner:  # "Bank of Japan", "British Embassy Tokyo": the place it is named after
        ranked = [(p, FOCUS_SCORE * s) for p, s in resolve_name(inner, gaz, countries, context=context)]
        if ranked and focus_fallback and context.focus is not None and context.focus.feature in FOCUS_FEATURES \
                and ranked[0][0].feature == "ADM1" and _holds(ranked[0][0], context.focus):
            return [(context.focus, FOCUS_SCORE)] + ranked, True  # "the Ohio Arts Centre" (or party, or fund) in a
            # Columbus story: in the town the document is about, not at the state's centre
        building = any(w.strip(",;:()").title() in _words_of_kind("building") for w in name.split())
        river = name.split()[-1].title() in _words_of_kind("river")
        if river and ranked and ranked[0][0].feature in STATE_FEATURES and focus_fallback and context.focus is not None \
                and context.focus.country == ranked[0][0].country:
            return [(context.focus, FOCUS_SCORE)] + ranked, True  # "the Ohio River" in a story: the stretch where it is
        if not (building and ranked and ranked[0][0].feature in WIDE_FEATURES and focus_fallback and context.focus is not None):
            return ranked, True
        # "the Mall of Africa": a building stands in a town, and the document's focus is a better guess than a continent
    if focus_fallback and context.focus is not None:  # a street or building: where the document is
        return [(context.focus, FOCUS_SCORE)], True
    return [], False


def _coordinated_with_country(span, gaz: Gazetteer) -> bool:
    """A name joined by "and", "or" or a comma to a country's name ("Georgia and Armenia", "Mali, Georgia")."""
    doc = span.doc
    after = doc[span.end : span.end + 4]
    if len(after) >= 2 and after[0].lower_ in (",", "and", "or"):
        for stop in range(min(len(after), 4), 1, -1):
            if all(t.is_title for t in after[1:stop]) and _is_country(after[1:stop].text, gaz):
                return True
    before = doc[max(0, span.start - 4) : span.start]
    if len(before) >= 2 and before[-1].lower_ in (",", "and", "or"):
        for begin in range(max(0, len(before) - 4), len(before) - 1):
            part = before[begin : len(before) - 1]
            if all(t.is_title for t in part) and _is_country(part.text, gaz):
                return True
    return False


def _is_country(name: str, gaz: Gazetteer) -> bool:
    candidates = gaz.primary_candidates(name)
    return bool(candidates) and candidates[0].feature == "PCLI" and not any(p.feature == "ADM1" for p in candidates)


def _before_state_institution(span) -> bool:
    after = span.doc[span.end : span.end + 1]
    return bool(after) and after[0].lower_ in _state_institutions()


@functools.lru_cache(maxsize=1)
def _federal_countries() -> frozenset[str]:
    return frozenset(line.strip().upper() for line in read_lines("places/federal_countries.txt"))


@functools.lru_cache(maxsize=1)
def _state_institutions() -> frozenset[str]:
    return frozenset(word.lower() for word in read_lines("places/state_institutions.txt"))


def _small_town(place: Place, ranked: list[tuple[Place, float]], population: int | None = None) -> bool:
    """A town small enough to be a namesake: no capital, no world city, under `population`."""
    world = _world_city([p for p, _ in ranked])
    return place.feature in ("PPL", "ADM2") and place.population < (population or STRAY_POPULATION) \
        and (world is None or world.key != place.key)


def _after_origin_word(span) -> bool:
    """"from Aleppo in Beirut", "between Kyiv and Moscow in Minsk": the name is no part of the town after it."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in ("from", "and", "between", "or", ",")


def _town_it_lies_in(span, gaz: Gazetteer, countries: dict[str, float], context: DocumentContext) -> Place | None:
    """The town named right after "in" ("X in Y"), as the document reads it, or None."""
    seat = _seat(span.doc, span.end, gaz)
    if seat is None:
        return None
    ranked = resolve_name(seat, gaz, countries, context=context)
    return ranked[0][0] if ranked and ranked[0][0].feature in ("PPL", "PPLC") else None


def _possessor(span, gaz: Gazetteer, context: DocumentContext) -> tuple[Place | None, bool]:
    """The town a name belongs to by the possessive before it ("Winnipeg's Richardson Airport", "Nairobi's
    Kibera district"), as the document's other mentions of that town read it, or None ("Maud's Oxford Diner":
    Maud is no place the document names); and whether the possessive stands before this very mention (else
    before another mention of the name: "Leeds's Kirkstall ... in Kirkstall")."""
    doc = span.doc
    if not len(span) or gaz.demonym_country(span.text):
        return None, False
    towns = {key: place for key, place in context.anchors if place.feature in TOWN_FEATURES}
    if not towns:
        return None, False
    owner = _possessive_town(doc, span.start, towns)
    if owner is not None:
        return owner, True
    size = len(span)
    for text, start in context.possessed:
        if text == span[0].text and start != span.start and doc[start : start + size].text == span.text:
            owner = _possessive_town(doc, start, towns)
            if owner is not None:
                return owner, False
    return None, False


def _possessive_town(doc, start: int, towns: dict[str, Place]) -> Place | None:
    if start < 2 or doc[start - 1].lower_ not in POSSESSIVE_MARKS:
        return None
    for begin in range(max(0, start - 4), start - 1):
        part = doc[begin : start - 1]
        if all(t.is_title for t in part) and name_key(part.text) in towns:
            return towns[name_key(part.text)]
    return None


def _names_a_street(span, gaz: Gazetteer) -> bool:
    """A name the text calls a street: "the corner of Elm and Oak streets", "down Elm and Oak streets", "the
    Elm/Oak intersection", "at the corner of Mill Street"; not "Elm Street at Union Square", nor a country or state
    after "corner of" ("a remote corner of Chad")."""
    doc = span.doc
    after = doc[span.end : span.end + 4]
    if after and _street_noun(after[0]):
        return True
    if len(after) >= 3 and after[0].lower_ in ("and", "&", "/") and after[1].is_title and _street_noun(after[2]):
        return True
    before = doc[max(0, span.start - 2) : span.start]
    return (len(before) == 2 and before[0].lower_ == "corner" and before[1].lower_ == "of"
            and not _country_or_state(span.text, gaz))


def _street_noun(token) -> bool:
    """A street word as a noun ("streets", "avenue"), not a verb ("China drives up prices")."""
    return token.lower_ in _street_nouns() and token.pos_ in ("NOUN", "PROPN")


@functools.lru_cache(maxsize=1)
def _street_nouns() -> frozenset[str]:
    """Street words after a name, lower-cased: plurals ("streets", "roads") and the singulars that are no
    common noun ("street", "avenue", "boulevard", "intersection"; not "way" or "drive": "the Canadian way")."""
    words = {w.lower().rstrip(".") for w in _street_words()}
    return frozenset({w + "s" for w in words if len(w) > 2} | {"street", "avenue", "boulevard", "intersection"})


def _seat(doc, end: int, gaz: Gazetteer, institution: bool = False) -> str | None:
    """The town or country named right after a building or institution the gazetteer lacks: "in Y", or
    ", Y" after a name with a word of `feature_words.tsv` ("the Gigiri Complex in Nairobi", "National
    University of Science and Technology, Bulawayo"; not "Beyond Zenata, Chelsea run ..."), or None."""
    tokens = doc[end : end + 6]
    if len(tokens) >= 3 and tokens[0].text == "in" and tokens[1].lower_ == "the" and tokens[2].is_title:
        tokens = doc[end + 1 : end + 6]  # "the Embassy of Peru in the Netherlands": "the" stands for "in"
        if len(tokens) < 2 or not tokens[1].is_title:
            return None
    elif len(tokens) < 2 or tokens[0].text not in (",", "in") or not tokens[1].is_title \
            or (tokens[0].text == "," and not institution):
        return None
    for stop in range(min(len(tokens), 4), 1, -1):
        part = tokens[1:stop]
        if any(t.is_punct or not (t.is_title or t.text in ("de", "of")) for t in part) or part.text in _generic_words() \
                or part.text in _common_words():  # "in August"
            continue
        if any(p.feature in SEAT_FEATURES for p in gaz.primary_candidates(part.text)):
            return part.text
    return None


STRAY_POPULATION = 30_000  # a town abroad smaller than this that only its own name points to ...
IN_TOWN_POPULATION = 500_000  # "X in Y": an X read as a town this big, far from Y, is still that town ("Aleppo")
STRAY_VOTES = 2  # ... in a document whose focus country has at least this many names


def _stray(place: Place, countries: dict[str, float], focus: Place | None,
           anchors: tuple[tuple[str, Place], ...] = (), named: frozenset[str] = frozenset()) -> bool:
    """A small town that nothing else in the document points to: abroad, in a document about another
    country; or (a town, not a county) in another state of the focus' country, when no other name lies in
    or near that state and two or more lie in the focus' state. Most likely a place there that the gazetteer lacks, read as a
    namesake far away ("The Market at Greenbrier" in a North Carolina story is not Greenbrier, Tennessee)."""
    if focus is None or place.feature not in TOWN_FEATURES or place.population >= STRAY_POPULATION:
        return False
    others = [a for _, a in anchors if a.key != place.key]
    if focus.country != place.country:  # no other name's reading lies in its country, nor is that country named
        unsupported = countries.get(place.country or "", 0) == 0 \
            or not (place.country in named or any(a.country == place.country for a in others))
        return unsupported and countries.get(focus.country or "", 0) >= STRAY_VOTES
    if place.feature == "ADM2" or not place.admin1 or not focus.admin1 or place.admin1 == focus.admin1:
        return False
    if any(a.admin1 == place.admin1 or _km(a, place) <= NEIGHBOUR_KM for a in others):
        return False
    return sum(1 for a in others if a.country == focus.country and a.admin1 == focus.admin1) >= STRAY_VOTES


def _known_core(ranked: list[tuple[Place, float]], countries: dict[str, float]) -> list[tuple[Place, float]]:
    """A name read without its modifier ("Lower Shabelle" as "Shabelle") only when it lands on a place the
    data know well or in one of the document's countries: not on a district that GeoNames alone lists abroad."""
    if ranked and ranked[0][0].population == 0 and ranked[0][0].feature == "ADM2" and ranked[0][0].country not in countries:
        return []
    return ranked


WIDE_FEATURES = {"CONT", "RGN", "SEA", "OCN"}  # continents, regions and seas: no building's place
SEAT_FEATURES = {"PCLI", "ADM1", "ADM2", "PPL", "PPLC"}
INNER_FEATURES = {"PCLI", "ADM1", "CONT", "RGN", "SEA", "LK"}
INNER_TOWN_POPULATION = 100_000
NAME_WORD = re.compile(r"^[A-Z][A-Za-z.\u00C0-\u024F-]*$")


@functools.lru_cache(maxsize=1)
def _feature_kinds() -> dict[str, str]:
    """Each word of places/feature_words.tsv with its kind (place, street, building, river)."""
    return {row["word"]: row["kind"] for row in read_tsv("places/feature_words.tsv")}


@functools.lru_cache(maxsize=1)
def feature_words() -> frozenset[str]:
    """Nouns that name a kind of place, building or institution ("University", "Airport"; places/feature_words.tsv)."""
    return frozenset(_feature_kinds())


@functools.lru_cache(maxsize=None)
def _words_of_kind(kind: str) -> frozenset[str]:
    return frozenset(word for word, its_kind in _feature_kinds().items() if its_kind == kind)


def _street_words() -> frozenset[str]:
    return _words_of_kind("street")


def inner_place(name: str, gaz: Gazetteer) -> str | None:
    """The place a name the gazetteer lacks is named after: the longest run of its capitalised words
    that is a country, state, continent, region, sea or a town of 100,000 or more, the last such run when
    several are as long ("Robinson College Cambridge" is in Cambridge), or None. A word of
    `feature_words.tsv` ("University", "Airport") is never that place, though some town is called so."""
    words = [w.strip(",;:()") for w in name.split()]
    if len(words) < 2 or any(w in _street_words() or w.title() in _street_words() for w in name.split()):
        return None  # a street: named after anything, it lies where the document is
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size, -1, -1):
            part = " ".join(words[start : start + size])
            if not all(NAME_WORD.match(w) for w in words[start : start + size]) \
                    or any(w.title() in feature_words() for w in words[start : start + size]) \
                    or part in _generic_words() or part.title() in _generic_words() or part in _common_words():
                continue
            if any(p.feature in INNER_FEATURES or (p.feature in TOWN_FEATURES and p.population >= INNER_TOWN_POPULATION)
                    for p in gaz.primary_candidates(part)):
                return part
    return None


def resolve_name(name: str, gaz: Gazetteer | None = None, countries: dict[str, float] | None = None,
                 containers: list[Place] | None = None, strict: bool = False,
                 context: DocumentContext | None = None) -> list[tuple[Place, float]]:
    """Candidates for a name with their scores, best first (used for given toponyms)."""
    gaz = gaz or gazetteer()
    countries = countries or {}
    total = sum(countries.values()) or 1.0
    readings = _abbreviation_readings(name, gaz)
    if readings:  # "SA" in a text about South Africans
        supported = sorted((countries.get(p.country or "", 0.0), -i, p) for i, p in enumerate(readings))
        if len(readings) == 1 or supported[-1][0] > 0:
            return [(supported[-1][2], 1.0)]
    curated = gaz.curated.get(name_key(name))  # Vigil's own alias files are authoritative
    if curated:
        candidates = [gaz.places[k] for k in curated]
    else:
        candidates = gaz.primary_candidates(name) if strict else gaz.candidates(name)
    demonym = gaz.demonym_country(name) if not curated else None
    if demonym or not candidates:  # "Canadian" means Canada, not Canadian, Texas
        country = gaz.country(demonym) if demonym else None
        return [(country, 1.0)] if country else []
    key = name_key(name)
    if containers and all(p.feature in TOWN_FEATURES for p in candidates) \
            and not any(p.country == c.country for p in candidates for c in containers) \
            and not any(_big_town_named(c, gaz) for c in containers) \
            and not any(p.feature == "PPLC" and name_key(p.name) == name_key(name) for p in candidates):
        # "Kiev, Minsk" or "Apia, Fiji": a list of cities, not a town inside the next name
        # "Palma in Cabo Delgado" with no Palma in Mozambique known: the place named after it, not a namesake abroad
        best = max(containers, key=lambda c: _base_score(c) + COUNTRY_CONTEXT * countries.get(c.country, 0) / total)
        return [(best, FOCUS_SCORE)]
    anchors = [place for other, place in context.anchors if other != key] if context and len(candidates) > 1 else []
    big_cities = {p.country for p in candidates if p.feature.startswith("PPL") and p.population >= 50_000}
    pairs = [towns for other, towns in context.readings if other != key] if context and len(candidates) > 1 else []
    qualifiers = [place for other, place in context.qualified if other == key] if context and len(candidates) > 1 else []
    named_after_water = any(p.feature in WATER_AND_REGIONS and name_key(p.name) == key for p in candidates)
    own = {p.key for p in candidates if name_key(p.name) == key} if not curated else set()
    biggest = max((p.population for p in candidates if p.feature in TOWN_FEATURES and (not own or p.key in own)), default=0)  # by its own name
    world = _world_city([p for p in candidates if not own or p.key in own])
    named_regions = [p for p in candidates if p.feature in ("ADM1", "PCLI") and name_key(p.name) == key
                     and p.country not in big_cities]  # a state or country not named after its big city ("Nevada", not "Paris")
    setting = _Setting(tuple(containers or ()), tuple(anchors), tuple(qualifiers), tuple(pairs), tuple(named_regions),
                       biggest)
    scored = []
    for place in candidates:
        score = _base_score(place)
        if own and place.key not in own:
            score -= ALTERNATE_PENALTY  # "Venice" is Venice before any town that once was called so
        if place.feature in ("ADM1", "ADM2") and (place.country in big_cities or named_after_water):
            score -= 3.5  # a region named after its big city, or a sea ("Red Sea"): the news means the city or sea
        local = _local_score(place, setting)
        score += local
        if place.country in countries and (world is None or place.key == world.key or place.feature not in TOWN_FEATURES or local > 0):
            score += COUNTRY_CONTEXT * countries[place.country] / total  # a world city's namesake needs more than its country
        if place.name.lower() == name.lower():
            score += 0.5
        scored.append((place, score))
    scored.sort(key=lambda pair: -pair[1])
    top = scored[0][1]
    weights = [math.exp(s - top) for _, s in scored]
    total_weight = sum(weights)
    return [(place, w / total_weight) for (place, _), w in zip(scored, weights)]


@dataclass(frozen=True)
class _Setting:
    """What the rest of a document says around a name being resolved."""

    containers: tuple[Place, ...]  # "X, Y" / "X in Y": the places its phrase puts it in
    anchors: tuple[Place, ...]  # the readings of the document's other names
    qualifiers: tuple[Place, ...]  # its own name with a feature word elsewhere ("Palma District")
    pairs: tuple[tuple[Place, ...], ...]  # towns of other names that may be its neighbours
    named_regions: tuple[Place, ...]  # a state or country of the same name, not named after its big city
    biggest: int  # the population of its biggest town reading


def _local_score(place: Place, setting: _Setting) -> float:
    """What the document says about a candidate's surroundings, as a bonus (or a penalty)."""
    local = 0.0
    inside_container = any(_inside(place, c) for c in setting.containers)
    if inside_container:
        local += CONTAINER_BONUS
    if place.feature == "ADM1" and any(a.key == place.key for a in setting.anchors):
        local += SAME_PLACE_BONUS  # "New York" where the dateline says "N.Y.": the state
    if place.feature == "ADM1" and len({a.key for a in setting.anchors
                                        if a.feature == "ADM1" and a.country == place.country and a.key != place.key}) >= STATE_LIST:
        local += STATE_LIST_BONUS  # "Georgia" among Ohio, Texas and Florida: one more state, not the country
    if any(_same_area(place, q) for q in setting.qualifiers):
        local += CONTAINER_BONUS  # "Palma" where the document also says "Palma District"
    if setting.anchors:
        # "Cleveland" with "Georgia" named is still Cleveland, Ohio: a state tells only among like-sized towns
        in_state = place.feature in TOWN_FEATURES and (
            setting.biggest < PROMINENT_TOWN or place.population * PROMINENCE_RATIO >= setting.biggest)
        local += NEIGHBOUR_BONUS * _neighbourhood(place, list(setting.anchors), in_state)
        if in_state and any(_holds(a, place) for a in setting.anchors):
            local += REGION_BONUS
    if setting.pairs and place.feature in TOWN_FEATURES:
        local += PAIR_BONUS * _paired(place, list(setting.pairs))
    if setting.named_regions and place.feature in TOWN_FEATURES and place.population < REGION_NAMESAKE \
            and not any(_holds(r, place) or _km(r, place) <= PAIR_KM for r in setting.named_regions) \
            and not inside_container:
        local -= REGION_NAMESAKE_PENALTY  # "a driver from Nevada": the state, not Nevada, Missouri
    return local


def _world_city(candidates: list[Place]) -> Place | None:
    """The town a name means the world over ("London", "Venice", "Moscow"): GeoNames gives it scores of
    names in other languages, at least twice as many as any namesake's. A namesake then needs the document to
    point at its state or its neighbours, not merely at its country."""
    towns = sorted((p for p in candidates if p.feature in TOWN_FEATURES), key=lambda p: -p.languages)
    if not towns or towns[0].languages < WORLD_CITY_NAMES:
        return None
    if len(towns) > 1 and towns[0].languages < WORLD_CITY_RATIO * towns[1].languages:
        return None
    return towns[0]


def _abbreviation_readings(name: str, gaz: Gazetteer) -> list[Place]:
    """The places an abbreviation of `abbreviations.tsv` stands for, spelt exactly ("SA", not "Sa")."""
    targets = _abbreviations().get(name)
    if not targets:
        return []
    places = []
    for target in targets:
        place = gaz.country(target) if not target.isdigit() else _by_geonameid(int(target), gaz)
        if place is not None:
            places.append(place)
    return places


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for row in read_tsv("places/abbreviations.tsv"):
        found[row["abbreviation"]] = found.get(row["abbreviation"], ()) + (row["target"],)
    return found


@functools.lru_cache(maxsize=64)
def _by_geonameid(geonameid: int, gaz: Gazetteer) -> Place | None:
    ids = gaz.places.columns["geonameid"]
    try:
        return gaz.places[ids.index(geonameid)]
    except ValueError:
        return None


def _paired(place: Place, pairs: list[tuple[Place, ...]]) -> float:
    """Share of the document's other names that may be a town or district close to this candidate (0..1)."""
    near = sum(1 for towns in pairs if any(t.key != place.key and _km(place, t) <= PAIR_KM for t in towns))
    return near / len(pairs)


def _same_area(place: Place, qualifier: Place) -> bool:
    """The place "<name> District" resolved to, or a place of the same name's country within reach of it."""
    return place.key == qualifier.key or (place.country == qualifier.country and _km(place, qualifier) <= PAIR_KM)


def _big_town_named(region: Place, gaz: Gazetteer) -> bool:
    """A region named after a city of 50,000 or more ("Minsk")."""
    name = core_name(region.name) or region.name
    return any(p.feature in TOWN_FEATURES and p.population >= 50_000 for p in gaz.candidates(name))


def _neighbourhood(place: Place, anchors: list[Place], in_state: bool = True) -> float:
    """Share of the document's other places that lie near this candidate, inside it, or (with `in_state`)
    hold it: a state the document names holds its towns, however far from the state's centre (0..1)."""
    if place.feature not in ANCHOR_FEATURES and place.feature != "PCLI":
        return 0.0
    near = sum(1 for a in anchors if _holds(place, a) or (in_state and _holds(a, place)) or _km(place, a) <= NEIGHBOUR_KM)
    return near / len(anchors)


def _holds(region: Place, place: Place) -> bool:
    if region.feature == "PCLI":
        return region.country == place.country
    return region.feature == "ADM1" and region.country == place.country and place.admin1 == region.name


def _km(a: Place, b: Place) -> float:
    """Distance by the equirectangular approximation: good enough to say 'near'."""
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


def _inside(place: Place, container: Place) -> bool:
    if container.feature == "PCLI":
        return place.country == container.country and place.key != container.key
    return place.country == container.country and place.admin1 == container.name


def _resolve_one(doc, m: Mention, gaz: Gazetteer, context: DocumentContext) -> PlaceMention:
    countries = _without(context.countries, _vote(m, gaz))
    if m.role == "demonym":
        country = gaz.country(gaz.demonym_country(m.text))
        if country is not None:
            return _mention(m, country, 0.9, [(country, 0.9)], gaz)
        ranked = resolve_name(m.text, gaz, countries)  # "European": a continent's adjective
        if not ranked:
            return PlaceMention(m.start, m.end, m.text, role="demonym")
        return _mention(m, ranked[0][0], ranked[0][1], ranked[:5], gaz)
    ranked, inferred = _ranked(doc[m.token_start:m.token_end], m.text, _container(doc, m, gaz), countries, context, gaz,
                               strict=m.strict, focus_fallback=False)
    if not ranked:
        return PlaceMention(m.start, m.end, m.text, role=m.role, score=0.0)
    if _only_directions(m.text) and ranked[0][0].country not in countries:
        return PlaceMention(m.start, m.end, m.text, role=m.role, score=0.0)  # "the North East region of the country"
    best, probability = ranked[0]
    return _mention(m, best, probability, ranked[:5], gaz, inferred)


@functools.lru_cache(maxsize=1)
def _direction_words() -> frozenset[str]:
    return frozenset(word.lower() for word in read_lines("places/direction_words.txt"))


def _only_directions(name: str) -> bool:
    """A name made of words of direction alone ("North East", "Upper East"): some country's part, not a place."""
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w and w != "the"]
    return bool(words) and all(w in _direction_words() for w in words)


def _mention(m: Mention, place: Place, score: float, ranked, gaz: Gazetteer, inferred: bool = False) -> PlaceMention:
    """`inferred`: the name itself is not in the gazetteer, it is placed at a town or region near it (precision 2 at
    best: "near a town or part of a region", as ACLED codes it). `score` is the raw share of the best candidate; the
    mention's score is its calibrated chance of being right (`places/confidence.py`); the candidates keep raw shares."""
    candidates = tuple(
        PlaceCandidate(p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population, round(s, 3))
        for p, s in ranked
    )
    return PlaceMention(
        start=m.start, end=m.end, mention=m.text, name=place.name, geonameid=place.geonameid, lat=place.lat,
        lon=place.lon, country=place.country, admin1=gaz.admin1_of(place), feature=place.feature,
        precision=max(PRECISION.get(place.feature, 2), 2 if inferred else 1),
        score=round(calibrated(score, kind_of(place.feature, inferred, demonym=m.role == "demonym")), 3),
        candidates=candidates, role=m.role,
    )
