"""Events: who did what to whom, where and when, in PLOVER and ACLED, with a status."""

from __future__ import annotations

import functools
import re

from vigil.events.extract import (acled_types, event_status, extract_events, fatalities, find_triggers, refine_sub_event,
                                  salience)
from vigil.events import embed
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
CLAIM_WEIGHT = 2.5  # "claimed responsibility" makes the report a claim, whatever the attack was
MAX_CUE_HITS = 2
# DIPLO is what a report is when nothing more specific is said: its cues count least
CUE_WEIGHTS = {**{label: CAUSE_WEIGHT for label in CAUSES}, "ATTRIB": CLAIM_WEIGHT, "DIPLO": 0.6}
DIPLOMATIC_WEIGHT = 0.6
FURTHER_EVENT_SHARE = 0.25
SECONDARY_WEIGHT = 0.4  # a secondary label's event (property destroyed, a base) beside an attack or battle
UNNAMED_DIPLOMATIC_SHARE = 0.5  # a diplomatic event with neither party named
EMBED_WEIGHT = 0.5  # per standard deviation of label similarity, with the optional [embed] extra
# Verbal and diplomatic PLOVER types: CASE files them as DIPLO when nothing more specific is said.
DIPLOMATIC = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "CONCEDE", "AGREE"}


@functools.lru_cache(maxsize=1)
def _case_labels() -> list[dict]:
    return list(read_tsv("events/case_labels.tsv"))


@functools.lru_cache(maxsize=1)
def _secondary_labels() -> frozenset[str]:
    """Labels ACLED gives only when the report tells of no attack or battle (case_labels.tsv, `secondary`)."""
    return frozenset(row["label"] for row in _case_labels() if (row.get("secondary") or "").strip().lower() == "yes")


def classify_snippet(doc, events: tuple[Event, ...] | None = None) -> str:
    """One CASE 2021 label for a short text: the best event's ACLED sub-event type, or the label whose
    cue words (disasters, crime, diplomacy, claims of responsibility) the text uses most.

    An event counts by how central its trigger is (the main clause over a background clause), whether it
    has a mode (the weapon or means, which names the sub-event) and whether it happened; each label counts
    its best event fully and further ones a little. ACLED's rules that turn on the rest of the report
    (a protest met with tear gas) are applied to the whole snippet."""
    labels = _case_labels()
    if events is None:
        events = extract_events(doc)
    text = doc_text(doc)
    by_sub = {row["acled_sub_event_type"]: row["label"] for row in labels if row["acled_sub_event_type"] != "Other"}
    weights: dict[str, list[float]] = {}
    violent = any(e.event_type == "ASSAULT" for e in events)
    secondary = _secondary_labels()
    for event in events:
        sub = refine_sub_event(event.acled_sub_event_type, text)
        label = by_sub.get(sub or "")
        if not label and event.event_type == "ACCUSE" and violent:
            label, scale = "ATTRIB", DIPLOMATIC_WEIGHT  # blame for an attack attributes it
        elif not label and event.event_type in DIPLOMATIC:
            # diplomacy is between parties: a verbal act nobody is named in is weak evidence of it
            label, scale = "DIPLO", DIPLOMATIC_WEIGHT * (1.0 if event.actor1 or event.actor2 else UNNAMED_DIPLOMATIC_SHARE)
        elif label:
            # ACLED codes property destruction or a base only when no other violence is reported
            scale = SECONDARY_WEIGHT if label in secondary and violent else 1.0
        else:
            continue
        weights.setdefault(label, []).append(scale * _event_weight(doc, event))
    scores = {label: _combined(values) for label, values in weights.items()}
    lowered = text.lower()
    for row in labels:
        hits = sum(len(pattern.findall(lowered)) for pattern in _cue_patterns(row["label"]))
        if hits:
            weight = CUE_WEIGHTS.get(row["label"], CUE_WEIGHT)
            # a cue for a protest is evidence of a protest, which ACLED's rules then refine like any event's
            label = by_sub.get(refine_sub_event(row["acled_sub_event_type"], text) or "", row["label"])
            scores[label] = scores.get(label, 0.0) + weight * min(hits, MAX_CUE_HITS)
    if embed.enabled():
        _add_embedding_evidence(scores, text)
    if not scores:
        return _fallback(lowered)
    return max(scores.items(), key=lambda item: item[1])[0]


def _add_embedding_evidence(scores: dict[str, float], text: str) -> None:
    """The optional extra: each label gains by how much closer the snippet is to its descriptions than to
    the average label's (in standard deviations), so the lexicon's evidence still leads when it is clear."""
    similarities = embed.label_similarities(text)
    values = list(similarities.values())
    mean = sum(values) / len(values)
    spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 or 1.0
    for label, similarity in similarities.items():
        lift = (similarity - mean) / spread
        if lift > 0 and EMBED_WEIGHT > 0:
            scores[label] = scores.get(label, 0.0) + EMBED_WEIGHT * lift


def _event_weight(doc, event: Event) -> float:
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    central = salience(span) if span is not None else 0.5
    return (1.0 + 0.5 * bool(event.mode) + 0.3 * (event.status == "happened")) * (0.5 + 0.5 * central)


def _combined(values: list[float]) -> float:
    ordered = sorted(values, reverse=True)
    return ordered[0] + FURTHER_EVENT_SHARE * sum(ordered[1:])


@functools.lru_cache(maxsize=None)
def _cue_patterns(label: str) -> tuple[re.Pattern, ...]:
    """A cue matches at a word start; a one-word cue also takes endings ("flood" -> "flooding"), never a
    hyphenated compound ("gang" is not "gang-raped")."""
    row = next(r for r in _case_labels() if r["label"] == label)
    patterns = []
    for cue in filter(None, (row.get("cues") or "").split("|")):
        ending = r"\w*(?!-)" if " " not in cue else r"\b"
        patterns.append(re.compile(r"\b" + re.escape(cue.lower()) + ending))
    return tuple(patterns)


__all__ = ["extract", "extract_events", "classify_snippet", "acled_types", "event_status", "fatalities", "find_triggers",
           "refine_sub_event", "salience"]


def _fallback(text: str) -> str:
    """No event and no cue: the commonest label that the text's violence words allow."""
    if re.search(r"\b(killed|dead|died|wounded|injured|shot|attacked)\b", text):
        return "ATTACK"
    return "OTHER"
