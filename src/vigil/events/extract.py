"""Events: who did what to whom, where and when, coded in PLOVER and mapped to ACLED.

Triggers (verbs and event nouns) come from data/events/triggers.tsv; the
PLOVER to ACLED mapping from data/events/plover_acled.tsv; status cues from
data/events/status_cues.json. Arguments come from the dependency parse and the
actors, places and dates stages. Precision over volume: reporting verbs are not
events, a prediction or a condition is never coded as a fact.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vigil.actors.catalogue import (GENERIC_KINDS, country_actor, country_generic, country_words, normalise,
                                    state_actor)
from vigil.actors.link import stance_prefixed
from vigil.dates.events import event_date
from vigil.events.precision import review
from vigil.knowledge import read_json, read_lines, read_tsv
from vigil.nlp import doc_text
from vigil.records import ActorMention, Event, PlaceMention, TimeExpression

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200}
VICTIMS = r"(?:people|persons|civilians|soldiers|troops|militants|fighters|police(?:men)?|officers|children|women|men|villagers|protesters|members|others|workers|students|worshippers|passengers)"
FATALITY_PATTERNS = (
    re.compile(rf"\b(?:killing|killed|kill|left|leaving|claimed the lives of)\s+(?:at least\s+|about\s+|some\s+|nearly\s+|more than\s+|over\s+)?(?P<n>\d[\d,]*|{'|'.join(NUMBER_WORDS)})\s+(?:\w+\s+)?{VICTIMS}", re.I),
    re.compile(rf"\b(?:at least\s+|about\s+|some\s+|nearly\s+|more than\s+)?(?P<n>\d[\d,]*|{'|'.join(NUMBER_WORDS)})\s+(?:\w+\s+)?{VICTIMS}\s+(?:were\s+|have been\s+|had been\s+)?(?:killed|dead|died|slain)", re.I),
    re.compile(rf"\b(?P<n>\d[\d,]*|{'|'.join(NUMBER_WORDS)})\s+(?:were\s+)?(?:killed|dead)\b", re.I),
    re.compile(r"\bdeath toll\s+(?:rose\s+to\s+|of\s+|at\s+|reached\s+)?(?P<n>\d[\d,]*)", re.I),
)
CIVILIAN_WORDS = {"civilian", "civilians", "villagers", "children", "women", "worshippers", "students", "passengers",
                  "residents", "farmers", "protesters", "journalists", "people"}
SPECIFICITY = {None: 0, "": 0}
# the ACLED event type of a sub-event type a refinement may switch to
ACLED_EVENT_TYPES = {"Violent demonstration": "Riots", "Mob violence": "Riots", "Peaceful protest": "Protests",
                     "Protest with intervention": "Protests", "Excessive force against protesters": "Protests"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
COERCIVE_TYPES = {"COERCE", "SANCTION", "ASSAULT"}
YIELDING_TYPES = {"CONCEDE", "RETREAT", "AID", "CONSULT", "SUPPORT", "COOPERATE"}
REFUSABLE_TYPES = {"AGREE", "CONCEDE"}  # refused ("will not accept"), PLOVER's REJECT
FUTURE_AUX = {"will", "'ll", "shall", "would"}
NAME_ENTITIES = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "LAW", "WORK_OF_ART", "PRODUCT"}
DATE_ENTITIES = {"DATE", "TIME"}
NO_EVENT = "NONE"  # an object rule's event type for a verb that, with such an object, is no event ("released gas")
DESCRIPTIVE_TYPES = {"SUPPORT"}  # participles of these types that modify a noun describe it ("US-backed")
SALIENCE_STEP = 0.35  # how much each level below the sentence's main verb lowers an event's confidence


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    pos: str
    event_type: str
    mode: str | None
    context: str | None


@functools.lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, ...], dict[str, Trigger]]:
    """Trigger words -> {part of speech (VERB, NOUN, ANY): trigger}; a later row with the same words and pos wins."""
    table: dict[tuple[str, ...], dict[str, Trigger]] = {}
    for row in read_tsv("events/triggers.tsv"):
        words = tuple(row["trigger"].lower().split())
        table.setdefault(words, {})[row["pos"]] = Trigger(words, row["pos"], row["event_type"], row.get("mode") or None,
                                                          row.get("context") or None)
    return table


def _trigger_for(entries: dict[str, Trigger] | None, pos: str) -> Trigger | None:
    if not entries:
        return None
    return entries.get(pos) or entries.get("ANY") or (entries.get("WEAPON") if pos == "NOUN" else None)


@functools.lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    return frozenset(read_lines("events/particles.txt"))


@functools.lru_cache(maxsize=1)
def quantity_nouns() -> frozenset[str]:
    return frozenset(read_lines("events/quantity_nouns.txt"))


@functools.lru_cache(maxsize=1)
def impact_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("events/impact_verbs.txt"))


def _weapon_in_action(span) -> bool:
    """A weapon noun is an event when a verb of impact governs it ("rockets hit", "fired mortars")."""
    head = span.root
    for ancestor in [head.head, head.head.head][: 2 if head.head.dep_ in ("prep", "agent") else 1]:
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in impact_verbs():
            return True
    return False


@functools.lru_cache(maxsize=1)
def acled_rules() -> list[dict]:
    return list(read_tsv("events/plover_acled.tsv"))


@functools.lru_cache(maxsize=1)
def status_cues() -> dict[str, set[str]]:
    return {k: set(v) for k, v in read_json("events/status_cues.json").items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word triggers indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in triggers():
        if len(words) > 1:
            index.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(phrases, key=len, reverse=True)) for first, phrases in index.items()}


def _phrase_matches(doc) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, trigger words) of every multi-word trigger, each word matched by lemma or by its lower-case
    form ("blew himself up", "air strikes"): one dictionary look-up per token, so the cost stays linear."""
    index = _phrases_by_first_word()
    forms = [(t.lemma_.lower(), t.lower_) for t in doc]
    matches = []
    for i, (lemma, lower) in enumerate(forms):
        for phrase in index.get(lemma, ()) + (index.get(lower, ()) if lower != lemma else ()):
            end = i + len(phrase)
            if end <= len(forms) and all(w in forms[i + k] for k, w in enumerate(phrase[1:], 1)):
                matches.append((i, end, phrase))
    return matches


def acled_types(event_type: str, mode: str | None, context: str | None, actor1_type: str | None,
                target_type: str | None) -> tuple[str | None, str | None]:
    """ACLED event and sub-event type for a PLOVER event (first matching rule in the mapping file)."""
    for rule in acled_rules():
        if rule["event_type"] != event_type:
            continue
        if rule.get("mode") and rule["mode"] != mode:
            continue
        if rule.get("context") and rule["context"] != context:
            continue
        if rule.get("actor1") and rule["actor1"] != actor1_type:
            continue
        if rule.get("target") and rule["target"] != target_type:
            continue
        return rule["acled_event_type"] or None, rule["acled_sub_event_type"] or None
    return None, None


@functools.lru_cache(maxsize=1)
def object_rules() -> dict[str, list[tuple[frozenset[str], Trigger]]]:
    """Verb lemma -> (object head lemmas, the event the verb codes with such an object)."""
    rules: dict[str, list[tuple[frozenset[str], Trigger]]] = {}
    for row in read_tsv("events/object_rules.tsv"):
        verb = row["verb"].lower()
        objects = frozenset(w.lower() for w in row["objects"].split("|") if w)
        rules.setdefault(verb, []).append((objects, Trigger((verb,), "VERB", row["event_type"], row.get("mode") or None,
                                                           row.get("context") or None)))
    return rules


@functools.lru_cache(maxsize=1)
def actor_words() -> dict[tuple[str, ...], str]:
    return {tuple(row["word"].lower().split()): row["acled_type"] for row in read_tsv("events/actor_words.tsv")}


@functools.lru_cache(maxsize=1)
def refinements() -> list[tuple[str, re.Pattern, str]]:
    """ACLED coding rules as cues: (sub-event type, cue pattern, the sub-event type ACLED codes instead)."""
    rows = []
    for row in read_tsv("events/snippet_refinements.tsv"):
        cues = [re.escape(c.strip().lower()) for c in row["cues"].split("|") if c.strip()]
        # at a word start, not inside a compound ("aircraft" is not "anti-aircraft")
        rows.append((row["acled_sub_event_type"], re.compile(r"(?<![\w-])(?:" + "|".join(cues) + ")"), row["refined_sub_event_type"]))
    return rows


def refine_sub_event(sub_event_type: str | None, text: str) -> str | None:
    """Apply ACLED's rules that turn on what else the report says (a protest met with tear gas is a protest
    with intervention; demonstrators throwing stones make a violent demonstration)."""
    lowered = text.lower()
    for original, pattern, refined in refinements():
        if original == sub_event_type and pattern.search(lowered):
            sub_event_type = refined
    return sub_event_type


# -- finding triggers ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def not_events() -> tuple[str, ...]:
    return tuple(row["phrase"] for row in read_tsv("events/not_events.tsv"))


def _not_an_event(span) -> bool:
    before = doc_text(span.doc)[max(0, span.start_char - 30) : span.end_char].lower()
    after = doc_text(span.doc)[span.start_char : span.end_char + 20].lower()
    return any(before.endswith(p) or after.startswith(p) for p in not_events())


def find_triggers(doc) -> list[tuple[object, Trigger]]:
    """(span, trigger) pairs, longest first where they overlap."""
    table = triggers()
    found = []
    for start, end, key in _phrase_matches(doc):
        span = doc[start:end]
        entries = table[key]
        trigger = _trigger_for(entries, "VERB" if span.root.pos_ == "VERB" else "NOUN") or next(iter(entries.values()))
        found.append((span, trigger))
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.ent_type_ in NAME_ENTITIES:
            continue  # "Warsaw Pact", "Palestine Liberation Organization" name things, not events
        if token.pos_ == "PROPN" and token.ent_type_ in DATE_ENTITIES:
            continue  # "in March 2018" is a month, not a march
        pos = "VERB" if token.pos_ == "VERB" else "NOUN"
        trigger = (_object_trigger(token) or _separated_particle_trigger(token, table)
                   or _trigger_for(table.get((token.lemma_.lower(),)), pos) or _trigger_for(table.get((token.lower_,)), pos))
        if trigger is None or _descriptive(token, trigger):
            continue
        found.append((doc[token.i : token.i + 1], trigger))
    found = [(span, _object_trigger(span.root) or trigger) if len(span) > 1 else (span, trigger) for span, trigger in found]
    found += _demands(doc, {span.root.i for span, _ in found})
    themes = {o.i for span, _ in found for o in _decisive_objects(span.root)}
    found = [(span, trigger) for span, trigger in found if span.root.i not in themes]  # "halted *aid*" is one sanction
    found = [(span, trigger) for span, trigger in found if trigger.event_type != NO_EVENT]  # "released a gas"
    found.sort(key=lambda pair: (pair[0].start, -(pair[0].end - pair[0].start)))
    chosen, taken = [], set()
    for span, trigger in found:
        if any(i in taken for i in range(span.start, span.end)) or _not_an_event(span):
            continue
        chosen.append((span, trigger))
        taken.update(range(span.start, span.end))
    return chosen


def _separated_particle_trigger(token, table) -> Trigger | None:
    """A phrasal verb whose particle follows its object ("drove the militants *out* of the town"): the phrase's
    trigger at the verb (an adjacent particle is found as a phrase)."""
    if token.pos_ != "VERB":
        return None
    for child in token.children:
        if child.i > token.i + 1 and child.dep_ in ("prt", "prep", "advmod") and child.lower_ in particles():
            trigger = _trigger_for(table.get((token.lemma_.lower(), child.lower_)), "VERB")
            if trigger is not None:
                return trigger
    return None


def _descriptive(token, trigger: Trigger) -> bool:
    """A participle that describes a noun ("US-backed militias", "the internationally recognized government",
    "a militia backed by the UAE") tells what something is, not what happened: no event of the described kind."""
    if trigger.event_type not in DESCRIPTIVE_TYPES or token.pos_ != "VERB":
        return False
    return token.dep_ == "amod" or (token.dep_ == "acl" and token.tag_ == "VBN")


def _demands(doc, taken: set[int]) -> list[tuple[object, Trigger]]:
    """"X declared that China must drop its barriers": a statement that another party must or should act
    is a demand (PLOVER REQUEST) at the verb of saying, even when the clause holds an event of its own (it stays,
    hypothetical: "Kenya said that Somalia must hand over the two suspects")."""
    modals = status_cues().get("demand_modal", set())
    found = []
    for token in doc:
        if token.i in taken:
            continue
        if token.pos_ == "VERB":
            clauses = [c for c in token.children if c.dep_ == "ccomp"]
        elif token.pos_ == "NOUN" and token.dep_ == "dobj":  # "sent a note to Hungary that it must respect the ruling"
            clauses = [c for c in token.children if c.dep_ == "acl" and any(m.dep_ == "mark" for m in c.children)]
        else:
            continue
        if any(m.dep_ == "aux" and m.lower_ in modals for c in clauses for m in c.children):
            pos = "VERB" if token.pos_ == "VERB" else "NOUN"
            found.append((doc[token.i : token.i + 1], Trigger((token.lemma_.lower(),), pos, "REQUEST", None, None)))
    return found


def _objects(token) -> list:
    """A verb's objects, with their conjuncts, seen through words of quantity ("dozens of rifles", "a cache of
    arms", "a number of villages")."""
    direct = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    direct += [g for c in direct for g in c.conjuncts]
    return direct + [p for c in direct if c.lemma_.lower() in quantity_nouns() or c.like_num
                     for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for p in prep.children if p.dep_ == "pobj"]


def _object_trigger(token) -> Trigger | None:
    """The event a verb codes because of its object ("seized weapons", "defused a bomb"), if a rule says so."""
    rules = object_rules().get(token.lemma_.lower()) if token.pos_ == "VERB" else None
    if not rules:
        return None
    objects = {form for o in _objects(token) for form in (o.lemma_.lower(), o.lower_)}  # "bases" is lemmatised "basis"
    return next((trigger for lemmas, trigger in rules if objects & lemmas), None)


def _decisive_objects(token) -> list:
    """The objects that made a verb's event by an object rule: they are its theme, not events of their own."""
    rules = object_rules().get(token.lemma_.lower()) if token.pos_ == "VERB" else None
    if not rules:
        return []
    return [o for o in _objects(token) if any(o.lemma_.lower() in lemmas or o.lower_ in lemmas for lemmas, _ in rules)]


# -- arguments ------------------------------------------------------------------------------------------


def _mentions_in(tokens, actors: tuple[ActorMention, ...]) -> list[ActorMention]:
    if not tokens:
        return []
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return [m for m in actors if start <= m.start and m.end <= end]


def _subtree(token):
    return list(token.subtree)


SOURCE_DEPS = {"nsubj", "agent", "csubj"}
TARGET_DEPS = {"dobj", "nsubjpass", "dative", "iobj", "attr", "oprd"}
TARGET_PREPS = {"against", "on", "with", "at", "to", "toward", "towards", "upon", "into", "between", "targeting", "from"}
CONDITION_MARKS = {"unless", "if", "until"}
GRIEVANCE_PREPS = {"over", "about"}
NOUN_TARGET_PREPS = {"against", "on", "targeting", "with", "between", "to", "toward", "towards", "upon", "of"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acl", "pcomp", "prep", "pobj", "dobj", "relcl", "advmod", "npadvmod",
              "acomp", "compound"}
RELATIVE = {"who", "which", "that", "whom"}
GENERIC_ACTORS = ("unidentified-", "civilians", "protesters", "rioters")
HOME_GENERIC = {"civilians", "protesters", "rioters"}  # unnamed people a country's police act on at home


def _own_tokens(token, exclude=()):
    """The words of a phrase without its relative clauses ("militants who attacked" -> "militants")."""
    skip = {t.i for c in token.children if c.dep_ in ("relcl", "acl") or c in exclude for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip]


@functools.lru_cache(maxsize=1)
def doer_passives() -> frozenset[str]:
    """Verbs whose passive subject is the doer ("is opposed to"), from data/actors/doer_passives.txt."""
    return frozenset(w.strip().lower() for w in read_lines("actors/doer_passives.txt") if w.strip())


def _verb_roles(verb, trigger_i: int | None = None):
    """Source and target words of a verb's own arguments."""
    source_tokens, target_tokens = [], []
    doer_passive = verb.lemma_.lower() in doer_passives() and not any(
        c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "nsubjpass" and doer_passive:  # "Peru is opposed to", "fighters were involved in"
            source_tokens += _own_tokens(child)
        elif child.dep_ in SOURCE_DEPS:
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                source_tokens += _own_tokens(verb.head, exclude=(verb,))  # "the rebels who attacked"
            else:
                source_tokens += _own_tokens(child)
        elif child.dep_ in TARGET_DEPS and child.i != trigger_i:
            target_tokens += _own_tokens(child)
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            target_tokens += _subtree(child)
        elif child.dep_ == "prep" and child.lower_ == "by" and verb.tag_ == "VBN":
            source_tokens += _subtree(child)
        elif child.dep_ == "prt":  # "kidnapped up to 16 Russian advisers": the parser hangs the object on "up to"
            target_tokens += [t for c in child.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree]
    return source_tokens, target_tokens


def _complement_target(verb):
    """'agreed to lift embargoes on Iran' (its open complement's object), 'demanded that the US cancel'
    and 'threatened to strike unless Baghdad accepted' (the subject of the clause it governs)."""
    tokens = []
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            tokens += _verb_roles(child)[1]
    if tokens:
        return tokens
    for child in verb.children:
        conditional = child.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in child.children)
        if child.dep_ == "ccomp" or conditional:
            tokens += [t for c in child.children if c.dep_ in ("nsubj", "nsubjpass") for t in _own_tokens(c)]
    for child in verb.children:
        if child.dep_ == "xcomp" and not tokens:
            tokens += _complement_target(child)
    return tokens


def _governing_verb_target(noun):
    """The target of the verb a noun trigger depends on ("gave the Ivory Coast 5 million dollars of aid"),
    leaving out the phrase that holds the trigger itself."""
    token = noun
    for _ in range(3):
        if token.dep_ not in ("dobj", "pobj", "prep", "attr", "npadvmod") or token.head.i == token.i:
            return []
        child, token = token, token.head
        if token.pos_ == "VERB":
            return [t for t in _verb_roles(token)[1] if t.i not in {c.i for c in child.subtree}]
    return []


def _governing_source(token):
    """The subject of the nearest clause above ("Chad says it is ready to pull out", "held talks with"):
    climbs through open complements, conjuncts, adverbial clauses and the verb a noun trigger is the object of."""
    for _ in range(6):
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i or _own_subject(token):
            return []
        if token.dep_ == "dobj" and token.head.lemma_.lower() in status_cues().get("prevention", set()):
            return []  # "police failed to prevent the attack": who prevents an action is not its doer
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            source, _ = _verb_roles(token)
            if source:
                return source
    return []


def _own_subject(token) -> bool:
    """A clause with a subject of its own that names no actor ("a roadside bomb killed a soldier, the military
    said", "three civilians were killed, police said"): its doer is unknown, not the speaker above it."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ in ("ccomp", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.lower_ not in RELATIVE for c in token.children)


def _arguments(trigger_span, actors: tuple[ActorMention, ...],
               places: tuple[PlaceMention, ...] = ()) -> tuple[ActorMention | None, ActorMention | None]:
    head = trigger_span.root
    source_tokens, target_tokens, fallbacks = [], [], []
    if head.pos_ == "VERB":
        source_tokens, target_tokens = _verb_roles(head)
        fallbacks = [_complement_target]  # "demanded on Tuesday that the US cancel"
    else:
        # a noun trigger: "U.S. air strikes" (modifiers are the source), "strikes against ISIS" (the target)
        phrase_heads = [head] + ([head.head] if head.dep_ == "compound" else [])  # "a mediation mission between"
        for noun in phrase_heads:
            for child in noun.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < trigger_span.start:
                    source_tokens += _subtree(child)
                elif child.dep_ == "prep" and child.lower_ == "by":
                    source_tokens += _subtree(child)
                elif child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS:
                    target_tokens += _subtree(child)
                elif child.dep_ in ("acl", "ccomp"):  # "its demand that Israel ease restrictions"
                    target_tokens += [t for c in child.children if c.dep_ in ("nsubj", "nsubjpass") for t in _own_tokens(c)]
                    if child.dep_ == "acl" and child.pos_ == "VERB" and child.i > head.i:  # "an airstrike targeting ISIS"
                        target_tokens += [t for c in child.children if c.dep_ == "dobj" for t in _own_tokens(c)]
        fallbacks = [_governing_verb_target]  # "held talks on Tuesday with X", "gave X millions in aid"
    if not _mentions_in(source_tokens, actors):
        source_tokens = _governing_source(head)
    source = _first(_mentions_in(source_tokens, actors))

    news_sources = {t.idx for word in head.sent if word.lower_ == "according" for t in word.subtree}  # "according to X"

    def targets(tokens) -> list[ActorMention]:
        return [m for m in _mentions_in(tokens, actors) if m.start not in news_sources
                and (source is None or m.actor_id != source.actor_id) and not _own_forces(m, source)]

    place_tokens = list(target_tokens)  # where a place may stand for the target's country
    grievance = [t for c in head.children if c.dep_ == "prep" and c.lower_ in GRIEVANCE_PREPS
                 for t in c.subtree] if head.lemma_.lower() in grievance_verbs() else []
    # "complained to the Security Council about Saudi strikes": what is complained of names the target before the addressee
    candidates = targets(grievance) + _nationality_targets(grievance, places, actors, source)
    if not candidates:
        # "objects to Turkish mediation in its talks with Iraq": the nationality of the phrase's own noun comes first
        candidates = (targets(target_tokens) + _nationality_targets(target_tokens, places, actors, source)
                      + _place_objects(head, places, actors, source))
    for fallback in fallbacks:
        if not candidates:
            target_tokens = fallback(head)
            place_tokens += target_tokens
            candidates = targets(target_tokens)
    target = _first(sorted(candidates, key=lambda m: m.start))
    if target is None and places:
        target = _place_target(place_tokens, places, source) or _place_target(_locative_tokens(head), places, source)
    if target is None:  # "staged a hunger strike to protest against violations by Algerian security forces"
        target = _first(targets(_clause_tokens(head)))
    return source, target


def _at_home(target: ActorMention | None, source: ActorMention | None) -> ActorMention | None:
    """A country's police act at home: the unnamed protesters or civilians they act on are that country's, in
    ACLED's naming ("Kenyan police dispersed the marchers" -> Protesters (Kenya))."""
    if (target is None or source is None or target.country or target.actor_id not in HOME_GENERIC
            or not source.actor_id.startswith("police-") or not source.country):
        return target
    people = country_generic(target.actor_id, source.country)
    if people is None:
        return target
    return ActorMention(target.start, target.end, target.text, people.id, people.name, people.type, source.country,
                        target.person, target.role)


def _nationality_targets(tokens, places: tuple[PlaceMention, ...], actors: tuple[ActorMention, ...],
                         source: ActorMention | None) -> list[ActorMention]:
    """A nationality that modifies a noun of the target's phrase ("rejected an Indian proposal", "opposed to
    French mediation") names the target's country, as PLOVER codes it."""
    if not places or not tokens:
        return []
    by_start = {t.idx: t for t in tokens}
    found = []
    for place in places:
        token = by_start.get(place.start)
        if (token is None or place.role != "demonym" or token.dep_ not in ("amod", "compound")
                or token.head.pos_ != "NOUN" or any(a.start <= place.start < a.end for a in actors)):
            continue
        mention = _place_target([token], (place,), source)
        if mention is not None and mention.actor_id.startswith("gov-"):
            found.append(mention)
    return found


def _place_objects(head, places: tuple[PlaceMention, ...], actors: tuple[ActorMention, ...],
                   source: ActorMention | None) -> list[ActorMention]:
    """A country named right after the preposition of a noun trigger or of a verb trigger's object ("the
    blockade *of Serbia*", "ended its blockade *of Armenia*", "sanctions *on Iran*") is what it is done to,
    before actors deeper in the phrase ("with Russian help"); PLOVER codes the country."""
    if not places:
        return []
    nouns = [c for c in head.children if c.dep_ == "dobj"] if head.pos_ == "VERB" else [head]
    by_start = {p.start: p for p in places if p.country and p.role != "demonym" and (p.feature or "").startswith("PCL")}
    found = []
    for prep in (c for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = by_start.get(obj.left_edge.idx) or by_start.get(obj.idx)
            if place is None or any(a.start <= place.start < a.end for a in actors):
                continue
            mention = _place_target(list(obj.subtree), (place,), source)
            if mention is not None and mention.actor_id.startswith("gov-"):
                found.append(mention)
    return found


def _clause_tokens(head) -> list:
    """The words of the clause an event is told in, without its subject: its objects, its phrases and the clauses
    saying what it is for ("to demand the resignation of X", "in protest against X"), where an event's target is
    found when no argument of its own names one."""
    verb = head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in ("dobj", "pobj", "prep", "attr") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return [t for t in head.subtree if t.i != head.i]
    skip = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis")
            or (c.dep_ == "prep" and c.lower_ in ("by", "according"))  # "according to": a source of news
            or c.i < verb.i for t in c.subtree}  # "In coordination with X, ... conducted": circumstances, not arguments
    return [t for t in verb.subtree if t.i not in skip and t.i != verb.i]


LOCATIVE_PREPS = {"in", "inside", "across", "throughout", "within"}
STATE_TYPES = {"Government", "State forces"}
ARMED_TYPES = {"Rebel group", "Political militia", "Identity militia", "External/Other forces"}


def _own_forces(mention: ActorMention, source: ActorMention | None) -> bool:
    """Unnamed troops a state sends, withdraws or mobilises are its own, the theme of the action and not its target:
    "Chad is ready to pull its soldiers out of Mali", "Britain mobilized army reservists"."""
    return (source is not None and source.type in STATE_TYPES and mention.actor_id == "unidentified-state-forces"
            and not mention.country)


@functools.lru_cache(maxsize=1)
def grievance_verbs() -> frozenset[str]:
    """Verbs whose "over"/"about" phrase names what is complained of (data/actors/grievance_verbs.txt)."""
    return frozenset(w.strip().lower() for w in read_lines("actors/grievance_verbs.txt") if w.strip())


@functools.lru_cache(maxsize=1)
def no_place_target() -> frozenset[str]:
    """PLOVER event types whose target a place never stands for (data/actors/no_place_target.txt)."""
    return frozenset(w.strip().upper() for w in read_lines("actors/no_place_target.txt") if w.strip())


def _locative_tokens(head) -> list:
    """The places the action is done in: "a curfew in Abidjan", "declined to send monitors in Yemen" (the
    trigger's own "in" phrase, or that of the verb a noun trigger is the object of)."""
    tokens = [t for c in head.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS for t in c.subtree]
    verb = head
    for _ in range(3):  # "arrived in Amman on a visit", "remained on alert in the West Bank"
        if tokens or verb.pos_ == "VERB" or verb.dep_ not in ("dobj", "nsubjpass", "pobj", "prep") or verb.head.i == verb.i:
            break
        verb = verb.head
        tokens = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS for t in c.subtree]
    return tokens


def _place_target(tokens, places: tuple[PlaceMention, ...], source: ActorMention | None) -> ActorMention | None:
    """No actor is the target, but a place or nationality in the target's phrase stands for its country, as PLOVER
    codes it: "visited Tokyo" and "rejected an Indian proposal" are done to Japan and India, "imposed a curfew in
    Abidjan" to Ivory Coast. The target is then that country's government, its actor in the catalogue."""
    if not tokens:
        return None
    start, end = min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
    for place in sorted((p for p in places if start <= p.start and p.end <= end and p.country), key=lambda p: p.start):
        actor = state_actor("gov", place.country)
        if actor is None:
            continue
        if source is not None and source.country == place.country and source.type in STATE_TYPES:
            # a state acting on a place of its own ("extend the curfew in Abidjan") acts on its people
            people = country_generic("civilians", place.country)
            return ActorMention(place.start, place.end, place.mention, people.id, people.name, people.type,
                                place.country)
        if source is None or actor.id != source.actor_id:
            return ActorMention(place.start, place.end, place.mention, actor.id, actor.name, actor.type, actor.country)
    return None


def _first(mentions: list[ActorMention]) -> ActorMention | None:
    """The most specific actor of a phrase: a named group or country before a person, an unnamed one last."""
    def rank(m: ActorMention) -> int:
        generic = m.actor_id.startswith(GENERIC_ACTORS) and not m.country
        return 2 if generic else 1 if m.person else 0
    return min(mentions, key=rank, default=None)


# -- status ----------------------------------------------------------------------------------------------


def event_status(trigger_span) -> str:
    cues = status_cues()
    head = trigger_span.root
    sentence = head.sent
    chain = [head, *head.ancestors]
    words = {t.lower_ for t in chain} | {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "neg", "mark", "advmod")}
    lemmas = {t.lemma_.lower() for t in chain}
    if any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in head.head.children if head.dep_ in ("xcomp",)):
        return "negated"
    if lemmas & {"deny"}:
        return "denied"
    if "?" in sentence.text:
        return "hypothetical"
    clause_marks = {c.lower_ for t in chain for c in t.children if c.dep_ == "mark"}
    advcl_if = any(c.dep_ == "advcl" and any(m.lower_ in cues["condition"] for m in c.children if m.dep_ == "mark")
                   for t in chain for c in t.children)
    if clause_marks & cues["condition"] or advcl_if:
        return "conditional"
    if lemmas & {"threaten", "vow", "warn"} and head.lemma_ not in ("threaten", "vow", "warn"):
        return "threatened"
    if lemmas & {"plan", "intend", "prepare", "schedule", "aim"} or lemmas & cues["intent"]:
        return "planned"
    if words & {"will", "would", "could", "might", "may", "shall", "'ll", "able"} or lemmas & {"expect"}:
        return "hypothetical"
    if lemmas & {"claim"} or "responsibility" in sentence.text.lower() and "claim" in sentence.text.lower():
        return "claimed"
    if head.tag_ == "VBG" and any(c.lower_ in ("been",) for c in head.children) or lemmas & {"continue"}:
        return "ongoing"
    return "happened"


# -- dates and numbers -------------------------------------------------------------------------------------


def _date(span, dates: tuple[TimeExpression, ...], published: str | None) -> tuple[str | None, str | None, int | None]:
    return event_date(span, dates, published)  # the choice among the dates around the trigger: vigil.dates.events


def fatalities(text: str) -> int | None:
    """ACLED's rule: the lowest figure reported."""
    figures = []
    for pattern in FATALITY_PATTERNS:
        for match in pattern.finditer(text):
            token = match.group("n").lower().replace(",", "")
            value = int(token) if token.isdigit() else NUMBER_WORDS.get(token)
            if value is not None and value < 100_000:
                figures.append(value)
    return min(figures) if figures else None


# -- assembling ----------------------------------------------------------------------------------------------


def extract_events(doc, actors: tuple[ActorMention, ...] = (), places: tuple[PlaceMention, ...] = (),
                   dates: tuple[TimeExpression, ...] = (), published: str | None = None,
                   locate=None) -> tuple[Event, ...]:
    events: list[Event] = []
    # a place inside an actor's name ("U.S.-backed forces", "brigades from Misrata") is not where things happen
    places = tuple(p for p in places if not any(a.start <= p.start and p.end <= a.end for a in actors))
    last_place: tuple[int, PlaceMention] | None = None
    for span, trigger in _merged(doc, find_triggers(doc)):
        sentence = span.sent
        source, target = _arguments(span, actors, places if trigger.event_type not in no_place_target() else ())
        status = event_status(span)
        event_type, mode = trigger.event_type, trigger.mode
        if status == "conditional" and _negated_condition(span):
            event_type, mode = "THREATEN", None  # "if they don't take them, we'll release them"
        recoded, mode = _recoded(span, event_type, mode, status, source)
        if recoded == "REJECT" != event_type and status == "negated":
            status = "happened"  # "did not accept the offer": the refusal happened
        event_type = recoded
        if source is None:  # "Israeli raids", "Indonesian protests": a nationality of the noun trigger's own
            source = _nationality_source(span, places, event_type)
        if (source is None and trigger.context is None and (event_type, mode or "-") in unknown_doers()
                and not (target is not None and target.type in ARMED_TYPES)):  # an armed group's foe is likelier a state
            source = _unknown_doer(span, places)
        place = locate(doc, span.start_char, span.end_char, places) if locate else None
        inherited = False
        if place is not None and place.lat is None:
            place = None  # named but unresolved, or an action with no place (places/event_location.py): none inherited
        elif place is not None:
            last_place = (sentence.start, place)
        elif last_place is not None and _previous_sentences(doc, last_place[0], sentence.start) <= 1:
            place, inherited = last_place[1], True  # the place the story was just about
        elif place is None:
            place = _home_country(source, event_type, places)
        target_type = _target_type(span, target if target in actors else None)  # a place standing for a country types nothing
        target = _at_home(target, source)
        acled_type, acled_sub = acled_types(event_type, mode, trigger.context, _actor1_type(span, source), target_type)
        acled_sub = refine_sub_event(acled_sub, sentence.text)
        acled_type = ACLED_EVENT_TYPES.get(acled_sub, acled_type)
        day, day_end, precision = _date(span, dates, published)
        confidence = (0.4 + 0.2 * bool(source) + 0.15 * bool(target) + 0.15 * bool(place) + 0.1 * bool(mode)) * salience(span)
        events.append(Event(
            start=span.start_char, end=span.end_char, sentence=sentence.text.strip(),
            sentence_start=sentence.start_char, sentence_end=sentence.end_char,
            event_type=event_type, mode=mode, context=trigger.context,
            acled_event_type=acled_type, acled_sub_event_type=acled_sub,
            actor1=source.name if source else None, actor1_id=source.actor_id if source else None,
            actor2=target.name if target else None, actor2_id=target.actor_id if target else None,
            location=place.name if place else None, geonameid=place.geonameid if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
            country=place.country if place else None, admin1=place.admin1 if place else None,
            geo_precision=(min(3, (place.precision or 1) + 1) if inherited else place.precision) if place else None,
            date=day, date_end=day_end, time_precision=precision, status=status,
            fatalities=fatalities(sentence.text) if event_type == "ASSAULT" else None,
            confidence=round(min(confidence, 1.0), 2),
        ))
    return review(doc, tuple(events), dates)  # precision: no background, generic or false-sense rows (precision.py)


@functools.lru_cache(maxsize=1)
def _home_rules() -> dict[str, frozenset[str]]:
    data = read_json("events/home_country.json")
    return {key: frozenset(data[key]) for key in ("actor_types", "event_types")}


def _home_country(source: ActorMention | None, event_type: str, places: tuple[PlaceMention, ...]) -> PlaceMention | None:
    """A local armed group's action placed nowhere by the text happened in its own country, at country level, when
    the article names that country ("The SDF ousted ISIS militants from the last piece of their caliphate" in a
    report on Syria; data/events/home_country.json)."""
    rules = _home_rules()
    if source is None or not source.country or source.type not in rules["actor_types"] \
            or event_type not in rules["event_types"] or source.actor_id in GENERIC_KINDS.values():
        return None  # a named group of the catalogue, not an unnamed one whose country came from the text's places
    return next((p for p in places if p.role == "place" and p.lat is not None and p.country == source.country
                 and p.is_country), None)


@functools.lru_cache(maxsize=1)
def nationality_doers() -> dict[str, str]:
    """PLOVER type -> the kind of a country's actor a nationality before a noun trigger names
    (data/actors/nationality_doers.tsv); the government otherwise."""
    return {row["event_type"].upper(): row["kind"] for row in read_tsv("actors/nationality_doers.tsv")}


def _nationality_source(span, places: tuple[PlaceMention, ...], event_type: str) -> ActorMention | None:
    """A country or nationality among a noun trigger's own modifiers ("Israeli air raids", "Indonesian protests"), or
    those of a verb trigger's subject noun ("US drone attacks killed ..."): that country's forces, protesters
    or government, by the event's type."""
    head = span.root
    if head.pos_ == "VERB":  # "US drone attacks have killed": the modifiers of the subject, an event's noun
        head = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                     and _trigger_for(triggers().get((c.lemma_.lower(),)), "NOUN") is not None), None)
        if head is None:
            return None
    tokens = [t for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i
              for t in c.subtree]
    named = {t: p.country for p in places for t in tokens if t.idx == p.start and p.country}
    if not named:  # a country word the places stage left alone ("US drone attacks")
        words = country_words()
        named = {t: words[normalise(t.text)] for t in tokens if t.text[:1].isupper() and normalise(t.text) in words}
    if len(set(named.values())) != 1:
        return None
    first, iso = min(named.items(), key=lambda item: item[0].i)
    actor = country_actor(nationality_doers().get(event_type, "government"), iso)
    if actor is None:
        return None
    return ActorMention(first.idx, first.idx + len(first.text), first.text, actor.id, actor.name, actor.type, iso)


@functools.lru_cache(maxsize=1)
def unknown_doers() -> frozenset[tuple[str, str]]:
    """(PLOVER type, mode or "-") of events whose unnamed doer is ACLED's Unidentified Armed Group of the country."""
    return frozenset((row["event_type"].upper(), row["mode"] or "-") for row in read_tsv("actors/unknown_doers.tsv"))


def _unknown_doer(span, places: tuple[PlaceMention, ...]) -> ActorMention | None:
    """"A roadside bomb killed two soldiers near Kandahar": no doer is named, and ACLED codes an unknown one as the
    Unidentified Armed Group of the country the event happens in, when the sentence's places are all in one."""
    sentence = span.sent
    if _pronoun_doer(span.root):
        return None  # "they've increased the lethality of their attacks": a doer is named, if not resolved
    stance = {t.idx for t in sentence if stance_prefixed(t)}
    modifiers = {t.idx for t in sentence if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ == "NOUN"}
    countries = {p.country for p in places if p.country and p.role != "demonym" and p.start not in stance | modifiers
                 and sentence.start_char <= p.start < sentence.end_char}  # not "an anti-Iran cleric", "US interests"
    doer = country_generic("armed", next(iter(countries))) if len(countries) == 1 else None
    if doer is None:
        return None
    return ActorMention(span.start_char, span.end_char, span.text, doer.id, doer.name, doer.type, doer.country)


def _pronoun_doer(head) -> bool:
    """The trigger's doer is a pronoun: its verb's subject ("they attacked") or a noun trigger's possessive ("their
    attacks")."""
    verb = head if head.pos_ in ("VERB", "AUX") else None
    doers = [c for c in (verb or head).children if c.dep_ in (("nsubj",) if verb is not None else ("poss",))]
    return any(d.pos_ == "PRON" for d in doers)


def _recoded(span, event_type: str, mode: str | None, status: str, source: ActorMention | None) -> tuple[str, str | None]:
    """PLOVER's coding of who speaks and how: demonstrators who demand or denounce are protesting; a coercive act
    announced in the future tense ("will expel", "would impose") is a threat; an agreement or concession that is
    refused ("will not accept", "failed to reach agreement") is a rejection."""
    if event_type in VERBAL_TYPES and _actor1_type(span, source) == "Protesters":
        return "PROTEST", "demonstrate"
    if event_type in REFUSABLE_TYPES and _refused(span, status):
        return "REJECT", None
    announced = status == "planned" or (status == "hypothetical" and _future_tense(span))
    if event_type in COERCIVE_TYPES and announced:
        return "THREATEN", None
    if event_type in YIELDING_TYPES and announced:
        return "AGREE", None  # a promise to release, withdraw, help or meet
    return event_type, mode


def _refused(span, status: str) -> bool:
    """"will not accept", "failed to reach agreement": the trigger's verb is negated, or the open complement of a
    verb of failing (status_cues.json, negation)."""
    head = span.root
    verb = head if head.pos_ == "VERB" else head.head if head.dep_ in ("dobj", "nsubjpass") else head
    if status == "negated" or any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in status_cues().get("negation", set())


def _future_tense(span) -> bool:
    """The trigger's verb (or the verb whose object a noun trigger is) takes "will" ("will expel", "would extend
    the curfew"); a prediction about ability ("will be able to") does not."""
    head = span.root
    verb = head if head.pos_ == "VERB" else head.head if head.dep_ in ("dobj", "nsubjpass") else None
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def salience(span) -> float:
    """How central a trigger is to its sentence, 1.0 for the main verb: each step down the dependency tree
    (a clause, an object, a modifier) lowers it, so "X threatened to attack Y" is first a threat."""
    depth = sum(1 for _ in span.root.ancestors) + _purpose_clause(span.root)
    return round(1.0 / (1.0 + SALIENCE_STEP * depth), 3)


def _purpose_clause(token) -> bool:
    """"staged protests to demand reforms", "blocked roads demanding ...": the purpose is background."""
    if token.dep_ not in ("advcl", "xcomp", "acl") or token.pos_ != "VERB":
        return False
    return token.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _merged(doc, found):
    """One event per action: a noun trigger inside a verb trigger's phrase of the same type joins it
    ("carried out air strikes" is one strike; "battling ... in fighting" one clash)."""
    kept = []
    for span, trigger in found:
        root = span.root
        duplicate = next((k for k in kept if k[1].event_type == trigger.event_type
                          and (root in k[0].root.subtree or k[0].root in root.subtree) and k[0].sent == span.sent), None)
        if duplicate is None:
            kept.append((span, trigger))
            continue
        if (span.root.pos_ == "VERB" and duplicate[0].root.pos_ != "VERB") or (duplicate[1].pos == "WEAPON" != trigger.pos):
            # the verb carries the action ("Gunmen kidnapped"): it becomes the event, with its own mode first
            merged = Trigger(trigger.words, trigger.pos, trigger.event_type, trigger.mode or duplicate[1].mode,
                             trigger.context or duplicate[1].context)
            kept[kept.index(duplicate)] = (span, merged)
            continue
        if (trigger.mode and not duplicate[1].mode) or (trigger.context and not duplicate[1].context):
            merged = Trigger(duplicate[1].words, duplicate[1].pos, duplicate[1].event_type,
                             duplicate[1].mode or trigger.mode, duplicate[1].context or trigger.context)
            kept[kept.index(duplicate)] = (duplicate[0], merged)
    return [(span, trigger) for span, trigger in kept if trigger.pos != "WEAPON" or _weapon_in_action(span)]


def _previous_sentences(doc, earlier_start: int, start: int) -> int:
    """How many sentence starts lie between two sentences (0: same or adjacent)."""
    return sum(1 for t in doc[earlier_start + 1 : start] if t.is_sent_start)


def _negated_condition(span) -> bool:
    for token in [span.root, *span.root.ancestors]:
        for child in token.children:
            if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children):
                return any(t.dep_ == "neg" for t in child.subtree) or any(m.lower_ == "unless" for m in child.children)
    return False


def _target_type(span, target: ActorMention | None) -> str | None:
    if target is not None and target.type:
        return target.type
    object_tokens = [t for c in span.root.children if c.dep_ in ("dobj", "nsubjpass", "prep", "pobj") for t in c.subtree]
    named = _actor_type_from_words(object_tokens)
    if named and named != "State forces":
        return named
    window = {t.lower_ for t in span.root.subtree} | {t.lower_ for t in span.sent if t.dep_ in ("dobj", "nsubjpass")}
    return "Civilians" if window & CIVILIAN_WORDS and (target is None) else None


def _actor_type_from_words(tokens) -> str | None:
    """The ACLED type that a plain noun phrase gives ("the troops", "rebels", "protesters"), for an event whose
    actor the actors stage did not link."""
    table = actor_words()
    words = [t.lower_ for t in tokens]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            kind = table.get(tuple(words[i : i + size]))
            if kind:
                return kind
    return None


def _subject_tokens(span) -> list:
    """The words of the doer's phrase: the subject (or agent) of the trigger's verb, or of the verb governing
    a noun trigger, or the noun trigger's own modifiers ("army shelling")."""
    head = span.root
    tokens = [t for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < span.start for t in c.subtree]
    verb = head if head.pos_ == "VERB" else next((a for a in head.ancestors if a.pos_ == "VERB"), None)
    if verb is not None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "agent"):
                tokens += list(child.subtree)
    return tokens


def _actor1_type(span, source: ActorMention | None) -> str | None:
    if source is not None and source.type:
        return "State forces" if source.type == "Government" else source.type
    return _actor_type_from_words(_subject_tokens(span))
