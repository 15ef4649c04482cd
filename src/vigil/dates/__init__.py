"""Dates: temporal expressions resolved against the publication date (TIMEX3, ranges, ACLED precision)."""

from __future__ import annotations

from vigil.dates.tagger import find_dates, value_range
from vigil.nlp import doc_text, register_extractor
from vigil.records import ExtractionContext, TimeExpression


@register_extractor("dates")
def extract_dates(doc, ctx: ExtractionContext) -> tuple[TimeExpression, ...]:
    return find_dates(doc_text(doc), ctx.published)


__all__ = ["find_dates", "value_range", "extract_dates"]
