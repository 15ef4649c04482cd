"""The typed records that flow through Vigil's pipeline.

sources -> RawDocument | ReadFailure
cleaning -> CleanText
pipeline -> Document
extractors -> TimeExpression, PlaceMention, ActorMention, Quote, Event (bundled in Extraction)

Every extracted record carries `start`/`end`: character offsets into the
document's clean text. `Document.segments` maps clean offsets back to the
reader's original text, so every field is traceable to its source span.
All records are frozen: a stage never changes another stage's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before cleaning."""

    origin: str  # path, path#record, or URL
    content: str  # the article's text (HTML already reduced to its main text)
    title: str | None = None
    source: str | None = None  # outlet or site name
    published: str | None = None  # ISO 8601 date or datetime
    published_how: str | None = None  # where the date came from: header, html, feed, field, warc, ...
    author: str | None = None
    language: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class FieldMap:
    """Which fields of a JSON Lines or CSV record hold what (configurable per dump)."""

    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"
    author: str = "author"
    language: str = "language"


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read, with a one-line reason."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Segment:
    """A run of clean text copied from the original: clean[clean_start:clean_start+length]
    == original[original_start:original_start+length] up to Unicode normalisation."""

    clean_start: int
    original_start: int
    length: int


@dataclass(frozen=True)
class CleanText:
    """The cleaning stage's output: clean text, how it maps back, and what cleaning learned."""

    text: str
    segments: tuple[Segment, ...]
    steps: tuple[str, ...] = ()  # human-readable log, e.g. "glue: ISISremains -> ISIS remains"
    found: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # metadata found in boilerplate: source, published, title


@dataclass(frozen=True)
class Document:
    """A cleaned article as stored."""

    id: str  # stable: derived from the content hash
    origin: str
    content_hash: str
    text: str  # clean text
    original: str  # the reader's text, which `segments` point into
    segments: tuple[Segment, ...] = ()
    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_how: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None
    duplicate_of: str | None = None
    cleaning_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityMention:
    """A named entity from the NLP stage."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, DATE, ...


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression resolved against the publication date (TIMEX3)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TIMEX3 value, e.g. 2019-08-01, 2019-W31, P6M, XXXX-08-01
    range_start: str | None = None  # ISO date: earliest day the expression covers
    range_end: str | None = None  # ISO date: latest day it covers
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month; None when coarser or unknown
    resolved: bool = True  # False when relative and no publication date was known


COUNTRY_FEATURES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR"})  # GeoNames codes of countries and territories


@dataclass(frozen=True)
class PlaceCandidate:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    feature: str | None  # GeoNames feature code: PPLC, PPLA, PPL, PCLI, ADM1, CONT, RGN, ...
    population: int = 0
    score: float = 0.0


@dataclass(frozen=True)
class PlaceMention:
    """A place name in the text and what it resolved to."""

    start: int
    end: int
    mention: str
    name: str | None = None  # resolved place's canonical name
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    feature: str | None = None
    precision: int | None = None  # ACLED geo_precision: 1 town, 2 near town / part of region, 3 larger region
    score: float = 0.0  # calibrated confidence in the resolution, 0..1
    candidates: tuple[PlaceCandidate, ...] = ()
    role: str = "place"  # place, metonym (e.g. "Washington said"), demonym ("Libyan")

    @property
    def is_country(self) -> bool:
        return self.feature in COUNTRY_FEATURES


@dataclass(frozen=True)
class Actor:
    """An actor in the actor catalogue (or a new one found in text)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None  # ACLED actor type or government / international organisation / coalition / person
    country: str | None = None  # ISO 3166-1 alpha-2
    wikidata: str | None = None
    parent: str | None = None  # id of the organisation an affiliate or person belongs to


@dataclass(frozen=True)
class ActorMention:
    """A span of text that refers to an actor."""

    start: int
    end: int
    text: str
    actor_id: str
    name: str  # canonical name
    type: str | None = None
    country: str | None = None
    person: str | None = None  # when the mention is a person acting for the actor
    role: str | None = None  # the person's title or role


@dataclass(frozen=True)
class Quote:
    """An attributed statement."""

    start: int  # content span
    end: int
    text: str
    kind: str  # direct, indirect, mixed
    speaker: str | None = None  # resolved full name, None when it cannot be resolved
    speaker_start: int | None = None  # the speaker's span in the attribution (may be a pronoun; for a continued paragraph, the earlier one)
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_org: str | None = None
    speaker_actor_id: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    date: str | None = None  # when the statement was made, if known


@dataclass(frozen=True)
class Event:
    """Who did what to whom, where and when, coded in PLOVER and ACLED."""

    start: int  # the trigger's span
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    event_type: str  # PLOVER type
    mode: str | None = None
    context: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: str | None = None  # canonical names
    actor1_id: str | None = None
    actor2: str | None = None
    actor2_id: str | None = None
    location: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    date: str | None = None
    date_end: str | None = None
    time_precision: int | None = None
    status: str = "happened"  # happened, ongoing, claimed, threatened, conditional, planned, hypothetical, denied, negated
    fatalities: int | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one document."""

    doc_id: str
    entities: tuple[EntityMention, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class ExtractionContext:
    """What an extractor knows besides the parsed text: the document's metadata and
    the results of the extractors that ran before it (by registry name)."""

    doc_id: str = ""
    published: str | None = None
    source: str | None = None
    title: str | None = None
    results: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def with_result(self, name: str, records: tuple[Any, ...]) -> "ExtractionContext":
        merged = dict(self.results)
        merged[name] = records
        return ExtractionContext(self.doc_id, self.published, self.source, self.title, MappingProxyType(merged))
