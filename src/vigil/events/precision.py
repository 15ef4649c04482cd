"""Precision: every event row an analyst can trust.

`review` takes the events `extract_events` found in a document and keeps only those that tell a new event,
with a status that says whether it happened. Machine coders have failed analysts by coding volume over truth;
the classes of false rows this removes or corrects come from hand-judged rows of whole articles
(`benchmarks/event_precision/`), and each is a general rule over the dependency parse with its words in data
files under `data/events/` (`precision_cues.json`, `state_nouns.tsv`, `false_senses.tsv`):

* **not an event** (the row is dropped):
  - a word inside a date ("On March 16" is no march);
  - a participle or adjective that describes a noun ("the coalition *fighting* ISIS", "Iran-*backed* militias",
    "territory *liberated* from ISIS", "the ceasefire *signed* in 2020"): background, not a new event;
  - an ability ("maintained the capability to conduct *attacks*", "the ability to *eliminate* safe havens");
  - a danger or standing-state noun ("ISIS remains a global *threat*", "the role of the arms *embargo*") unless
    a verb of making it governs it ("issued threats", "imposed an embargo") or it names its target ("threats
    against the embassy");
  - a generic or habitual statement about a group ("the group *recruits* from around the region", "known for its
    *attacks*", "BH *attacks* did not appear to discriminate", "generally focused attacks on"): present-tense
    material acts outside headlines, habitual adverbs, and characterising verbs;
  - a violent verb against an abstraction ("efforts to *fight* terrorism");
  - a sense of the trigger word its arguments rule out ("*provide* an update", "the crimes they *committed*",
    "*demonstrated* that it could", "ISIS is *declining*", "*sought* to attack", "*aid* workers").
* **status** (the row stays, its status changes):
  - the content of a request, demand or call, and what someone needs, must or should do, is `hypothetical`
    ("urged all States to *cooperate*", "we need to *prosecute*", "demanded the immediate *release*"), unless the
    trigger is what the request is about ("demanded that all attacks cease", "called for an end to the attacks");
  - what someone prevented, failed at or only attempted is `negated` or `planned` ("preventing terrorists from
    *overrunning* bases", "the failed attempt to *take control*", "sought to *attack*"); "no civilians were
    *killed*" is `negated`;
  - "reportedly"/"allegedly" make a row `claimed`; a claim of responsibility elsewhere in the sentence does not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from vigil.knowledge import read_json, read_tsv
from vigil.records import Event, TimeExpression

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
OBJECTS = {"dobj", "ccomp", "xcomp", "attr", "oprd"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
PRESENT_TAGS = {"VBZ", "VBP"}
PRESENT_AUX = {"is", "are", "am", "'s", "'re"}
SENTENCE_END = re.compile(r"[.!?\"”’:)\]]\s*$")
CLAIM_LEMMAS = {"claim"}


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Word lists (lower case) and PLOVER type lists (the keys ending in _types, upper case)."""
    return {k: frozenset(w.upper() if k.endswith("_types") else w.lower() for w in v)
            for k, v in read_json("events/precision_cues.json").items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def state_nouns() -> dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]]:
    """(noun lemma, PLOVER type) -> (verbs that make it an act, prepositions that make it an act)."""
    table = {}
    for row in read_tsv("events/state_nouns.tsv"):
        split = lambda value: frozenset(w.strip().lower() for w in (value or "").split("|") if w.strip())
        table[(row["noun"].lower(), row["event_type"])] = (split(row.get("verbs")), split(row.get("preps")))
    return table


@functools.lru_cache(maxsize=1)
def false_senses() -> dict[tuple[str, str], list[tuple[str, frozenset[str]]]]:
    """(trigger lemma, PLOVER type) -> [(cue, words)]."""
    table: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = {}
    for row in read_tsv("events/false_senses.tsv"):
        words = frozenset(w.strip().lower() for w in (row.get("words") or "").split("|") if w.strip())
        table.setdefault((row["trigger"].lower(), row["event_type"]), []).append((row["cue"], words))
    return table


def review(doc, events: tuple[Event, ...], dates: tuple[TimeExpression, ...] = ()) -> tuple[Event, ...]:
    """The events that tell a new event, each with its status corrected."""
    spans = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in events]
    requests = {span.root.i for e, span in zip(events, spans)
                if span is not None and e.event_type in cues()["request_types"]}
    event_roots = {span.root.i for span in spans if span is not None}
    kept = []
    for event, span in zip(events, spans):
        if span is None:
            kept.append(event)
            continue
        if not_event_reason(event, span, dates, event_roots):
            continue
        status = revised_status(event, span, requests)
        kept.append(replace(event, status=status) if status != event.status else event)
    return tuple(kept)


# -- not an event ---------------------------------------------------------------------------------------------


def not_event_reason(event: Event, span, dates: tuple[TimeExpression, ...] = (), event_roots=frozenset()) -> str | None:
    """Why the trigger tells no new event (a short name of the class), or None when it does."""
    token = span.root
    if _in_date(span, dates):
        return "date"
    if _describes_noun(token, event, event_roots):
        return "background modifier"
    if _ability(token):
        return "ability"
    if _state_noun(token, event.event_type):
        return "state noun"
    if _generic(token, event.event_type, span.sent, event_roots):
        return "generic"
    if event.event_type == "ASSAULT" and _against_abstraction(token):
        return "abstract target"
    if _false_sense(token, event.event_type):
        return "false sense"
    return None


def _in_date(span, dates) -> bool:
    """A month name in a date ("On March 16", "the 6 March attack", "in March"), not in a name ("the Great March
    of Return"): the date has a number, or a time preposition comes right before the word."""
    doc = span.doc
    dated = any(t.start < span.end_char and span.start_char < t.end and t.type in ("DATE", "TIME") for t in dates)
    dated = dated or (all(t.ent_type_ in ("DATE", "TIME") for t in span) and span.root.pos_ == "PROPN")
    if not dated:
        return False
    near = doc[max(0, span.start - 2) : min(len(doc), span.end + 2)]
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return any(t.like_num for t in near) or before in cues()["time_prepositions"]


def _has(token, deps: set[str] | tuple[str, ...]) -> bool:
    return any(c.dep_ in deps for c in token.children)


def _describes_noun(token, event: Event, event_roots=frozenset()) -> bool:
    """A participle or adjective describing a noun, with no subject or auxiliary of its own: "the coalition
    fighting ISIS", "Iran-backed", "those backed by Iran", "territory liberated from ISIS"."""
    if token.pos_ != "VERB" or token.tag_ not in ("VBN", "VBG"):
        return False
    own_clause = _has(token, ("aux", "auxpass", "nsubj", "nsubjpass", "mark"))
    if token.dep_ in ("acl", "amod") and not own_clause:
        return not _participle_tells_event(token, event, event_roots)
    if token.i > 0 and token.doc[token.i - 1].text in ("-", "–") and token.tag_ == "VBN":
        return True  # "Iran-backed", "UN-sanctioned"
    # a reduced passive clause: "territory liberated from ISIS", "Supported by the Coalition, the government ..."
    return token.dep_ == "advcl" and token.tag_ == "VBN" and not own_clause


def _participle_tells_event(token, event: Event, event_roots) -> bool:
    """The participles that do tell an event: how the main event was done ("U.S. troops working with the
    Ministry located and destroyed caches"); what a statement says ("a declaration demanding that ...");
    an act with its doer ("diplomats expelled by the US"); a violent act done to the noun ("foreigners
    arrested", "guards abducted by terrorists"); the act of people an event is about ("clashes between police
    and demonstrators protesting against ..."). A standing relation ("those backed by Iran", "bases hosting
    U.S. forces") never is."""
    c = cues()
    if token.lemma_.lower() in c["standing_relations"] or token.dep_ != "acl":
        return False
    noun, event_type = token.head, event.event_type
    if token.tag_ == "VBN":  # "territory liberated from ISIS" tells who holds it now: background
        return _has(token, ("agent",)) or (event_type in c["violent_types"] and event.context not in c["standing_contexts"])
    if noun.dep_ in SUBJECTS and ({noun.head.i} | {x.i for x in noun.head.conjuncts}) & set(event_roots):
        return True
    if event_type in c["speech_types"]:
        return True
    if event_type in c["violent_types"]:
        verb = _governing_verb(noun)
        return verb is not None and (verb.i in event_roots or any(x.i in event_roots for x in verb.children))
    return False


def _ability(token) -> bool:
    """Under "the ability/capability/capacity to ..." the trigger is what a group can do, not what it did."""
    for node in [token, *token.ancestors]:
        if node.dep_ == "acl" and node.head.lemma_.lower() in cues()["capacity_nouns"]:
            return True
    clause = _finite_clause(token)
    return clause is not None and any(c.dep_ == "aux" and c.lower_ in cues()["ability_modals"] for c in clause.children)


def _governing_verb(token):
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _state_noun(token, event_type: str) -> bool:
    entry = state_nouns().get((token.lemma_.lower(), event_type))
    if entry is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    verbs, preps = entry
    verb = _governing_verb(token)
    if verb is not None and verb.lemma_.lower() in verbs:
        return False
    if any(c.dep_ == "prep" and c.lower_ in preps for c in token.children):
        return False
    return True


def _headline(sentence) -> bool:
    return not SENTENCE_END.search(sentence.text)


def _finite_clause(token):
    """The nearest finite verb at or above the trigger (its clause's verb), or None."""
    for node in [token, *token.ancestors]:
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if node.tag_ in FINITE_TAGS:
            return node
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in node.children):
            return node
    return None


def _simple_present(verb) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]
    if verb.tag_ in PRESENT_TAGS and not auxes:
        return True
    # "people are recruited at home": a present passive
    return verb.tag_ == "VBN" and len(auxes) == 1 and auxes[0].dep_ == "auxpass" and auxes[0].lower_ in PRESENT_AUX


def _generic(token, event_type: str, sentence, event_roots) -> bool:
    """A statement of what a group does, not of what it did: present-tense material acts (outside headlines),
    habitual adverbs ("generally focused attacks"), characterising verbs ("known for its attacks", "BH attacks
    did not appear to discriminate")."""
    c = cues()
    if event_type not in c["habitual_types"]:
        return False
    if token.dep_ in SUBJECTS and token.head.lemma_.lower() in c["characterising_subject_of"]:
        return True
    if any(a.lemma_.lower() in c["characterising_heads"] for a in token.ancestors):
        return True
    clause = _finite_clause(token)
    if clause is None:
        return False
    if any(ch.dep_ == "advmod" and ch.lower_ in c["habitual_adverbs"] for ch in clause.children):
        return True
    if _headline(sentence) or not _simple_present(clause) or _specific(clause):
        return False
    if clause.i != token.i:
        # a noun or infinitive under a present-tense verb: generic unless that verb is an event of its own
        # ("condemns the attack"), a copula ("this is the third attack") or a verb of saying or naming ("what it
        # calls executions"): these speak of an act, they do not make it habitual
        if clause.i in event_roots or clause.lemma_.lower() in {"be"} | c["reporting_verbs"] or token.dep_ in SUBJECTS:
            return False
    return True


def _specific(clause) -> bool:
    """A count, a date or a time in its clause makes a present-tense verb a report ("Two gunmen open fire on a
    checkpoint on Monday"), not a statement of what a group does."""
    return any(t.ent_type_ in ("CARDINAL", "DATE", "TIME", "QUANTITY") or t.like_num for t in clause.subtree)


def _against_abstraction(token) -> bool:
    """'efforts to fight terrorism', 'the fight against extremism': no armed clash."""
    abstract = cues()["abstract_targets"]
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                for g in c.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in abstract for o in objects)


def _false_sense(token, event_type: str) -> bool:
    for cue, words in false_senses().get((token.lemma_.lower(), event_type), ()):
        if _cue_holds(token, cue, words):
            return True
    return False


def _cue_holds(token, cue: str, words: frozenset[str]) -> bool:
    objects = [c for c in token.children if c.dep_ in OBJECTS]
    lemmas = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
    if cue == "object":
        return bool(objects) and ("*" in words or bool(lemmas & words))
    if cue == "object_not":
        return bool(objects) and not lemmas & words
    if cue == "no_object":
        return not objects and not _has(token, ("dobj", "xcomp", "ccomp"))
    if cue == "complement":
        return _has(token, ("xcomp",))
    if cue == "modifies":
        return token.dep_ in ("relcl", "acl", "amod") and token.head.lemma_.lower() in words
    if cue == "compound":
        return token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and (
            "*" in words or not words or token.head.lemma_.lower() in words)
    if cue == "after_prep":
        return token.dep_ == "pobj" and token.head.lower_ in words
    if cue == "prep":
        return any(c.dep_ == "prep" and c.lower_ in words for c in token.children)
    if cue == "subject":
        return any(c.dep_ in ("nsubj", "csubj") and c.lemma_.lower() in words for c in token.children)
    return False


# -- status -----------------------------------------------------------------------------------------------------


def revised_status(event: Event, span, requests: set[int] = frozenset()) -> str:
    """The status with what the trigger's place in the sentence says: asked for, needed, prevented, attempted,
    reported."""
    status = event.status
    token = span.root
    if status not in ("happened", "ongoing", "claimed"):
        return status
    if status == "claimed" and not _claimed(token):
        status = "happened"
    if _no_subject(token):
        return "negated"
    found = _path_cue(token, requests)
    if found == "negated" and event.event_type == "REJECT":
        found = None  # "failed to reach an agreement" is a REJECT (extract._recoded): the failure is what happened
    if found:
        return found
    if status == "happened" and _reported(token):
        return "claimed"
    if status == "happened" and _lasting(token):
        return "ongoing"
    verb = token if token.pos_ == "VERB" else _governing_verb(token)
    if status == "ongoing" and verb is not None and verb.dep_ == "conj" and verb.head.lemma_.lower() == "continue" \
            and not (verb.tag_ == "VBG" and any(a.lower_ == "been" for a in verb.children)):
        return "happened"  # "continued to cooperate ... and received assistance": the receiving is done
    return status


def _path_cue(token, requests) -> str | None:
    """Walk up from the trigger; the first cue met decides. A subject, a relative clause or a means ("by
    backing candidates") states a fact of its own, and stops the walk."""
    c = cues()
    child = token
    if any(a.dep_ == "aux" and a.lower_ in c["necessity"] for a in token.children):
        return "hypothetical"  # "must be condemned"
    for head in token.ancestors:
        if child.dep_ in SUBJECTS or child.dep_ == "relcl" or (child.pos_ in ("NOUN", "PROPN") and _has(child, ("mark",))):
            return None
        if child.dep_ == "prep" and child.lower_ == "by":
            return None
        if child.dep_ == "conj":  # a sibling action ("requested support and cooperated"), not its content
            child = head
            continue
        lemma = head.lemma_.lower()
        if lemma in c["existing_under"]:
            return None
        if lemma in c["necessity"] or any(a.dep_ == "aux" and a.lower_ in c["necessity"] for a in head.children):
            return "hypothetical"
        if head.i in requests:
            return "hypothetical"
        if lemma in c["negating"] or any(a.dep_ == "amod" and a.lemma_.lower() in c["negating"] for a in head.children):
            return "negated"
        if lemma in c["attempt_verbs"] and child.dep_ == "xcomp":
            return "planned"
        child = head
    return None


def _no_subject(token) -> bool:
    """"no civilians were injured or killed": the subject (of the trigger or of the verb it is joined to) is
    'no ...'."""
    verbs = [token] + ([token.head] if token.dep_ == "conj" else [])
    for verb in verbs:
        for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
            if any(d.dep_ == "det" and d.lower_ == "no" for d in subject.children):
                return True
    return False


def _claimed(token) -> bool:
    """A claim of responsibility that bears on this trigger: it is under 'claim', or its own relative clause
    says it was claimed ("the attacks, for which ISIL has claimed responsibility")."""
    if any(a.lemma_.lower() in CLAIM_LEMMAS for a in [token, *token.ancestors]):
        return True
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and any(t.lemma_.lower() in CLAIM_LEMMAS for t in child.subtree):
            return True
    return _reported(token)


def _lasting(token) -> bool:
    """"have now been detained for more than 100 days", "since Aug. 1 ... have been backed by U.S. air strikes",
    "continued attacks": the event goes on."""
    if any(c.dep_ == "amod" and c.lower_ in cues()["lasting_modifiers"] for c in token.children):
        return True
    verb = token
    if token.pos_ != "VERB" and token.dep_ == "pobj" and token.head.dep_ == "agent":
        verb = token.head.head  # "backed by air strikes"
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    return perfect and any(c.dep_ == "prep" and c.lower_ in ("for", "since") and _time_object(c) for c in verb.children)


def _time_object(prep) -> bool:
    """"for more than 100 days", "since Aug. 1", "since morning": a span of time, not a reason ("for taking part")."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return any(o.ent_type_ in ("DATE", "TIME") or any(t.like_num for t in o.subtree) or o.lemma_.lower() in
               ("day", "week", "month", "year", "hour", "morning", "night", "weekend", "decade") for o in objects)


def _reported(token) -> bool:
    verbs = [token] + ([token.head] if token.dep_ == "conj" else [])
    return any(c.dep_ == "advmod" and c.lower_ in cues()["reported_adverbs"] for v in verbs for c in v.children)
