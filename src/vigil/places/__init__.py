"""Places: find every place name and resolve it to GeoNames, with a precision and a score."""

from __future__ import annotations

from vigil.nlp import register_extractor
from vigil.places.event_location import event_place
from vigil.places.gazetteer import Gazetteer, gazetteer, name_key
from vigil.places.resolve import feature_words, resolve, resolve_name
from vigil.records import ExtractionContext, PlaceMention

@register_extractor("places", after=("dates",))
def extract_places(doc, ctx: ExtractionContext) -> tuple[PlaceMention, ...]:
    return resolve(doc)


__all__ = ["extract_places", "event_place", "feature_words", "resolve", "resolve_name", "gazetteer", "Gazetteer",
           "name_key"]
