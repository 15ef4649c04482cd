"""Linking mentions in a parsed text to actors of the catalogue (or to new actors)."""

from __future__ import annotations

import functools
import re

from spacy.matcher import PhraseMatcher

from vigil.actors.catalogue import alias_index, catalogue, normalise
from vigil.knowledge import read_tsv
from vigil.nlp import doc_text
from vigil.records import Actor, ActorMention, PlaceMention

# Catalogue entries for unnamed actors ("militants", "troops", "civilians"), matched last.
GENERIC = {"unidentified-state-forces", "unidentified-armed-group", "civilians", "protesters", "rioters"}
ARMED = {"Rebel group", "Political militia", "Identity militia", "External/Other forces"}
GROUP_HEADS = {"front", "brigade", "brigades", "army", "movement", "group", "forces", "militia", "battalion",
               "battalions", "council", "organization", "organisation", "party", "alliance", "coalition", "jihad"}
MILITARY_NOUNS = {"strike", "strikes", "airstrike", "airstrikes", "warplane", "warplanes", "drone", "drones", "jet",
                  "jets", "troops", "forces", "military", "bombing", "bombardment", "raid", "raids", "operation",
                  "operations", "aircraft", "helicopters", "navy", "soldiers", "army"}
LOCAL_FORCE = re.compile(
    r"\b(?P<noun>brigades|militias|militiamen|fighters|forces|battalions)\s+from\s+(?:the\s+)?"
    r"(?:(?:[\w'-]+\s+){0,4}?(?:city|town|region|province)\s+of\s+)?(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\b"
)


@functools.lru_cache(maxsize=2)
def _matchers(vocab) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """A case-insensitive matcher for names, a case-sensitive one for short abbreviations, and descriptions."""
    from spacy.lang.en import English

    make = English().make_doc
    by_lower, by_case = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="ORTH")
    for actor in catalogue().values():
        long_names, short_names = [], []
        for alias in {actor.name, *actor.aliases}:
            (short_names if len(alias) <= 5 and alias.lower() != alias else long_names).append(alias)
        if long_names:
            by_lower.add(actor.id, [make(a) for a in long_names])
        if short_names:
            by_case.add(actor.id, [make(a) for a in short_names])
    descriptions = PhraseMatcher(vocab, attr="LOWER")
    descriptions.add("description", [make(row["phrase"]) for row in read_tsv("actors/descriptions.tsv")])
    return by_lower, by_case, descriptions


def _mention(span, actor: Actor, person: str | None = None, role: str | None = None) -> ActorMention:
    return ActorMention(span.start_char, span.end_char, span.text, actor.id, actor.name, actor.type, actor.country,
                        person, role)


def link(doc, places: tuple[PlaceMention, ...] = ()) -> tuple[ActorMention, ...]:
    actors = catalogue()
    by_lower, by_case, descriptions = _matchers(doc.vocab)
    found: list[tuple[int, int, ActorMention]] = []
    taken: set[int] = set()

    def take(span, mention: ActorMention) -> None:
        found.append((span.start, span.end, mention))
        taken.update(range(span.start, span.end))

    matches = [(s, e, doc.vocab.strings[k]) for k, s, e in by_lower(doc)] + \
              [(s, e, doc.vocab.strings[k]) for k, s, e in by_case(doc) if _abbreviation_ok(doc, s, e)]
    ordered = sorted(matches, key=lambda m: (m[0], -(m[1] - m[0])))
    generic = [m for m in ordered if m[2] in GENERIC]
    for start, end, actor_id in ordered:
        if actor_id in GENERIC or any(i in taken for i in range(start, end)):
            continue
        take(doc[start:end], _mention(doc[start:end], actors[actor_id]))
    for mention, span in _local_forces(doc, places):
        if not any(i in taken for i in range(span.start, span.end)):
            take(span, mention)
    for span, actor in _country_actors(doc, taken, places):
        take(span, _mention(span, actor))
    for span, mention in _unknown_groups(doc, taken):
        take(span, mention)
    _descriptions(doc, descriptions, found, taken)
    for start, end, actor_id in generic:  # "militants", "troops": only where nothing more specific was found
        if not any(i in taken for i in range(start, end)):
            take(doc[start:end], _mention(doc[start:end], actors[actor_id]))
    _people(doc, found)
    return tuple(sorted((m for _, _, m in found), key=lambda m: (m.start, m.end)))


def _abbreviation_ok(doc, start: int, end: int) -> bool:
    """'IS' is Islamic State only in capitals and not opening a sentence or a question."""
    token = doc[start]
    if end - start == 1 and token.text in ("IS", "AA", "ISS", "AU", "ADF") and (token.is_sent_start or token.i == 0):
        return False
    return True


def _local_forces(doc, places):
    """'brigades from the western Libyan city of Misrata': a local militia, typed and placed."""
    for match in LOCAL_FORCE.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end("place"), alignment_mode="expand")
        if span is None:
            continue
        place_name = match.group("place")
        country = next((p.country for p in places if p.mention == place_name), None)
        name = f"{place_name} {match.group('noun')}"
        actor = Actor(f"new:{_slug(name)}", name, (match.group(0),), "Political militia", country)
        yield ActorMention(span.start_char, span.end_char, span.text, actor.id, actor.name, actor.type, country), span


def _country_of(text: str) -> str | None:
    actor = catalogue().get(alias_index().get(normalise(text) + " government", ""))
    return actor.country if actor else None


def _country_actors(doc, taken: set[int], places):
    """'U.S. air strikes' are the U.S. military; 'the United States is watching' its government."""
    demonym_places = {(p.start, p.end): p.country for p in places if p.country and p.feature == "PCLI"}
    for token in doc:
        if token.i in taken:
            continue
        span = _entity_at(doc, token)
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        country = demonym_places.get((span.start_char, span.end_char)) or _country_of(span.text)
        if not country:
            continue
        root = span.root
        if root.head.lower_ in MILITARY_NOUNS or root.head.lemma_ in MILITARY_NOUNS:
            yield span, catalogue().get(f"forces-{country.lower()}")
        elif root.dep_ in ("nsubj", "nsubjpass", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by"):
            yield span, catalogue().get(f"gov-{country.lower()}")


def _entity_at(doc, token):
    if token.ent_type_ in ("GPE", "NORP") and token.ent_iob_ == "B":
        span = next((e for e in doc.ents if e.start == token.i), None)
        if span is not None and span[0].lower_ == "the":
            span = span[1:]
        return span
    return None


def _unknown_groups(doc, taken: set[int]):
    """Organisations the catalogue does not know, named like armed groups: kept as new actors."""
    for ent in doc.ents:
        if ent.label_ != "ORG" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent[-1].lower_ in GROUP_HEADS and len(ent) >= 2:
            span = ent[1:] if ent[0].lower_ == "the" else ent
            actor_id = f"new:{_slug(span.text)}"
            yield span, ActorMention(span.start_char, span.end_char, span.text, actor_id, span.text, None, None)


def _descriptions(doc, matcher, found, taken: set[int]) -> None:
    """'the jihadist group', 'its fighters': the most recently named armed group."""
    for _, start, end in matcher(doc):
        if any(i in taken for i in range(start, end)):
            continue
        earlier = [m for s, e, m in found if e <= start and m.type in ARMED]
        if earlier:
            group = max(earlier, key=lambda m: m.end)
            span = doc[start:end]
            found.append((start, end, ActorMention(span.start_char, span.end_char, span.text, group.actor_id,
                                                    group.name, group.type, group.country)))
            taken.update(range(start, end))


def _people(doc, found) -> None:
    """People speaking or acting for an organisation: 'Marie Richards, the Department of State's ... coordinator'."""
    orgs = [(s, e, m) for s, e, m in found if m.person is None]
    covered = {i for s, e, _ in found for i in range(s, e)}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        org, role = _apposition_org(doc, ent, orgs) or _title_org(doc, ent, orgs) or (None, None)
        if org is not None:
            found.append((ent.start, ent.end, ActorMention(ent.start_char, ent.end_char, ent.text, org.actor_id,
                                                            org.name, org.type, org.country, ent.text, role)))


def _apposition_org(doc, ent, orgs):
    end = ent.end
    if end + 1 < len(doc) and doc[end].text == "," and (doc[end + 1].lower_ in ("the", "a", "an") or doc[end + 1].is_title):
        stop = end + 1
        while stop < len(doc) and stop - end < 25 and doc[stop].text not in (",", ".", ";", "“", '"'):
            stop += 1
        if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[end + 1 : stop]):  # a clause, not an apposition
            return None
        for s, e, m in orgs:
            if end < s and e <= stop:
                role = doc[e:stop].text.lstrip("’'s ").strip() or doc[end + 1 : s].text
                return m, re.sub(r"^(the|a|an)\s+", "", role)
    return None


def _title_org(doc, ent, orgs):
    """'State Department counterterrorism coordinator Nathan Sales': organisation, title words, name."""
    for s, e, m in orgs:
        between = doc[e : ent.start]
        if e <= ent.start and len(between) <= 4 and m.actor_id not in GENERIC and not any(t.is_punct for t in between):
            return m, between.text.strip() or None
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
