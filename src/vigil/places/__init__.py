"""Places: find every place name and resolve it to GeoNames, with a precision and a score."""

from __future__ import annotations

from vigil.nlp import register_extractor
from vigil.places.gazetteer import Gazetteer, gazetteer, name_key
from vigil.places.resolve import resolve, resolve_name
from vigil.records import ExtractionContext, PlaceMention

EVENT_PREPOSITIONS = {"in", "at", "near", "outside", "around", "inside", "across", "throughout", "on", "into", "from"}


@register_extractor("places", after=("dates",))
def extract_places(doc, ctx: ExtractionContext) -> tuple[PlaceMention, ...]:
    return resolve(doc)


def event_place(doc, trigger_start: int, trigger_end: int, places: tuple[PlaceMention, ...]) -> PlaceMention | None:
    """The place where the action at this trigger happened, if the sentence names one.

    A place attached to the trigger by a locative preposition ("battling Islamic State in Sirte",
    "a visit to Algiers") wins; else the finest place in the trigger's clause; else in its sentence.
    """
    span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent
    usable = [p for p in places if sentence.start_char <= p.start < sentence.end_char
              and p.role == "place" and p.lat is not None]
    if not usable:
        return None
    trigger = span.root
    attached = [p for p in usable if _attached(doc, trigger, p)]
    if attached:
        return min(attached, key=lambda p: (p.precision or 3, abs(p.start - trigger_start)))
    clause = {t.i for t in trigger.subtree}
    in_clause = [p for p in usable if _token_index(doc, p) in clause]
    pool = in_clause or usable
    return min(pool, key=lambda p: (p.precision or 3, abs(p.start - trigger_start)))


def _token_index(doc, place: PlaceMention) -> int:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root.i if span is not None else -1


def _attached(doc, trigger, place: PlaceMention) -> bool:
    """The place hangs off the trigger (or its object) through a locative preposition."""
    index = _token_index(doc, place)
    if index < 0:
        return False
    token = doc[index]
    head = token.head
    while head.dep_ in ("compound", "appos", "conj") and head.head is not head:
        head = head.head
    if head.dep_ != "prep" or head.lower_ not in EVENT_PREPOSITIONS:
        return False
    governor = head.head
    return governor.i == trigger.i or governor.head.i == trigger.i or trigger.i in {t.i for t in governor.ancestors} and governor.pos_ in ("NOUN", "PROPN")


__all__ = ["extract_places", "event_place", "resolve", "resolve_name", "gazetteer", "Gazetteer", "name_key"]
