"""Actors: a curated, user-extensible catalogue, and the linking of mentions to it."""

from __future__ import annotations

from vigil.actors.catalogue import alias_index, catalogue, lookup
from vigil.actors.link import link
from vigil.nlp import register_extractor
from vigil.records import ActorMention, ExtractionContext


@register_extractor("actors", after=("places",))
def extract_actors(doc, ctx: ExtractionContext) -> tuple[ActorMention, ...]:
    return link(doc, ctx.results.get("places", ()))


__all__ = ["catalogue", "lookup", "alias_index", "link", "extract_actors"]
