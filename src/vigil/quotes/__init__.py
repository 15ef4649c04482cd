"""Quotes: who said what, with the speaker resolved to a full name, role and organisation."""

from __future__ import annotations

from vigil.nlp import register_extractor
from vigil.quotes.extract import extract_quotes
from vigil.records import ExtractionContext, Quote


@register_extractor("quotes", after=("actors", "dates"))
def extract(doc, ctx: ExtractionContext) -> tuple[Quote, ...]:
    return extract_quotes(doc, ctx.results.get("actors", ()))


__all__ = ["extract_quotes", "extract"]
