"""Events: who did what to whom, where and when, in PLOVER and ACLED, with a status."""

from __future__ import annotations

import functools
import re

from vigil.events.extract import acled_types, event_status, extract_events, fatalities, find_triggers
from vigil.knowledge import read_tsv
from vigil.nlp import doc_text, register_extractor
from vigil.records import Event, ExtractionContext


@register_extractor("events", after=("dates", "places", "actors"))
def extract(doc, ctx: ExtractionContext) -> tuple[Event, ...]:
    from vigil.places import event_place

    return extract_events(doc, ctx.results.get("actors", ()), ctx.results.get("places", ()),
                          ctx.results.get("dates", ()), ctx.published, locate=event_place)


# A disaster's or a crime's words name the cause of the damage or deaths an event reading would code.
CAUSES = {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME"}
CAUSE_WEIGHT = 2.0
CUE_WEIGHT = 1.2
# Verbal and diplomatic PLOVER types: CASE files them as DIPLO when nothing more specific is said.
DIPLOMATIC = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "CONCEDE", "AGREE"}


@functools.lru_cache(maxsize=1)
def _case_labels() -> list[dict]:
    return list(read_tsv("events/case_labels.tsv"))


def classify_snippet(doc, events: tuple[Event, ...] | None = None) -> str:
    """One CASE 2021 label for a short text: the best event's ACLED sub-event type, or the label whose
    cue words (disasters, crime, diplomacy, claims of responsibility) the text uses most."""
    labels = _case_labels()
    if events is None:
        events = extract_events(doc)
    by_sub = {row["acled_sub_event_type"]: row["label"] for row in labels if row["acled_sub_event_type"] != "Other"}
    scores: dict[str, float] = {}
    for event in events:
        label = by_sub.get(event.acled_sub_event_type or "")
        if not label and event.event_type in DIPLOMATIC:
            scores["DIPLO"] = scores.get("DIPLO", 0.0) + 0.6
        if label:
            weight = 1.0 + (0.5 if event.mode else 0.0) + (0.3 if event.status == "happened" else 0.0)
            scores[label] = scores.get(label, 0.0) + weight
    text = doc_text(doc).lower()
    for row in labels:
        for cue in filter(None, (row.get("cues") or "").split("|")):
            hits = len(re.findall(r"\b" + re.escape(cue.lower()) + (r"\w*" if " " not in cue else r"\b"), text))
            if hits:
                weight = CAUSE_WEIGHT if row["label"] in CAUSES else CUE_WEIGHT
                scores[row["label"]] = scores.get(row["label"], 0.0) + weight * hits
    if not scores:
        return _fallback(text)
    return max(scores.items(), key=lambda item: item[1])[0]


__all__ = ["extract", "extract_events", "classify_snippet", "acled_types", "event_status", "fatalities", "find_triggers"]


def _fallback(text: str) -> str:
    """No event and no cue: the commonest label that the text's violence words allow."""
    if re.search(r"\b(killed|dead|died|wounded|injured|shot|attacked)\b", text):
        return "ATTACK"
    return "OTHER"
