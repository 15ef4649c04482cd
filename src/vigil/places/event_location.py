"""Where the action of an event trigger happened, among the places of its sentence.

A place is tied to the action by the syntax of the sentence, not by its distance in characters:

- **datelines** ("TAMPA, Fla. –", "MOGADISHU, Somalia –") say where a report was filed; their places
  are never an event's place;
- a place inside a longer organisation's name ("the Islamic State of Iraq") names no place of action;
- each place hangs off a word of the sentence: through a *locative* preposition ("in", "at", "near",
  "on", "of" after a place noun: "the city of Lyon"), through "to" only after a noun of movement
  ("a visit to Algiers") or a verb of movement ("deployed troops to Mali"; a verb joined after it happens
  there too: "traveled to Syria and was later detained"), through "from" only after a word of leaving
  ("retreated from Mosul"), as an argument ("attacked Palma"), or through a preposition that never gives a location ("from", "with",
  "against", "for": "moved from Lyon", "the border with Chad"), which rules it out;
- the place must be in the trigger's clause: a place in a reported clause ("said that ... in Cairo")
  or another verb's clause is not where *this* action happened; a clause joined to the trigger's (verbs
  in coordination, "killing 19" after "opened fire in the town of Gao", "Speaking during a visit to Algiers, he
  said") shares its place when it has none of its own;
- an action only sought, planned, plotted or given as a purpose ("sought to attack the United States")
  keeps no place, and a statement with no place of its own gets none: both return an `unplaced` mention,
  so that the event does not take the place of the sentence before either;
- among the places left, the closest tie wins: a locative of the trigger's clause or the trigger's object,
  then a joined clause, then another argument of the clause; then a place that is not a reference point
  ("north of Baghdad", "100 km from ..."), not a container of another ("Lagos's district of Ikeja"),
  resolved, finest, nearest; a finer place inside the winner refines it, a town resolved outside the
  province its phrase names yields to the province, and an unresolved village to the region named with it.

The vocabularies are in `data/places/event_location.json`.
"""

from __future__ import annotations

import functools

from vigil.knowledge import read_json
from vigil.records import PlaceMention

CLAUSAL = {"ccomp", "csubj", "csubjpass", "advcl", "xcomp", "parataxis", "conj", "ROOT", "pcomp"}
NOUN_WRAPPERS = {"compound", "appos", "conj", "nmod", "amod", "poss", "npadvmod", "nummod", "det"}
UNPLACED = "unplaced"
SPEECH_SHARE = 0.5  # a verb is a statement when PolNeAR used it as an attribution cue at least this often
ORG_LABELS = {"ORG", "WORK_OF_ART", "PERSON", "NORP", "EVENT", "LAW", "PRODUCT"}


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, frozenset[str] | int]:
    data = read_json("places/event_location.json")
    out: dict = {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}
    out["dateline_max_tokens"] = int(data.get("dateline_max_tokens", 8))
    return out


def event_place(doc, trigger_start: int, trigger_end: int, places: tuple[PlaceMention, ...]) -> PlaceMention | None:
    """The place where the action at this trigger happened, if its sentence names one (see the module's doc)."""
    span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent
    trigger = span.root
    if _intended(trigger):
        return _unplaced(trigger_start, trigger_end)
    dateline_end = _dateline_end(sentence)
    candidates = []
    for place in places:
        if not (sentence.start_char <= place.start < sentence.end_char) or place.role != "place":
            continue
        if place.start < dateline_end:
            continue
        token = _token(doc, place)
        if token is None or _inside_name(doc, place):
            continue
        candidates.append((place, token))
    place_tokens = {token.i for _, token in candidates}
    ranked = []
    for place, token in candidates:
        tie = _tie(trigger, token, place_tokens, place.is_country)
        if tie is None:
            continue
        tier, reference, container = tie
        container = container or _container(token, place_tokens)
        ranked.append(((tier, reference, container, place.lat is None, place.precision or 3,
                        abs(place.start - trigger_start)), place))
    if not ranked:
        return _unplaced(trigger_start, trigger_end) if _statement(trigger) else None
    ranked.sort(key=lambda item: item[0])
    best = _agreeing(ranked)
    if best.lat is None:  # a village the gazetteer lacks, named with its region: the region, as ACLED codes it
        containers = [place for key, place in ranked if key[2] and place.lat is not None and key[0] == ranked[0][0][0]]
        best = containers[0] if containers else best
    return _refined(best, [place for key, place in ranked if not key[1]])


def _agreeing(ranked: list) -> PlaceMention:
    """The best place, unless it is a town resolved outside every region the same tie names after it: "attacked the
    town of Palma ... in Cabo Delgado Province" is in Mozambique whatever Palma the gazetteer knows; then the region."""
    key, best = ranked[0]
    if best.lat is None or (best.precision or 3) == 3:
        return best
    regions = [p for k, p in ranked if k[0] == key[0] and p.lat is not None and p.precision == 3 and p.start > best.start
               and not p.is_country]
    if regions and all(p.country != best.country for p in regions):
        return regions[0]
    return best


def _unplaced(start: int, end: int) -> PlaceMention:
    """An action tied to no place it happened at, which must not take the place of the sentence before either:
    a mention with no resolution (the event gets no place), its role `unplaced`."""
    return PlaceMention(start, end, "", role=UNPLACED)


def is_unplaced(place: PlaceMention | None) -> bool:
    return place is not None and place.role == UNPLACED


def _intended(trigger) -> bool:
    """The action is only sought, planned or plotted: "sought to attack", "plots or attacks", "efforts to inspire attacks"."""
    vocabulary = _vocabulary()
    verbs, nouns = vocabulary["intention_verbs"], vocabulary["intention_nouns"]
    token = trigger
    for _ in range(3):  # "sought to attack", "plans to launch attacks"
        head = token.head
        if head is token:
            break
        if token.dep_ in ("xcomp", "dobj", "acl", "pobj", "conj", "advcl") and head.lemma_.lower() in verbs | nouns:
            return True
        if token.dep_ not in ("xcomp", "dobj", "conj", "aux", "pobj", "prep"):
            break
        token = head
    if trigger.pos_ == "NOUN" and any(c.dep_ == "conj" and c.pos_ == "NOUN" and c.lemma_.lower() in nouns
                                      for c in trigger.children):  # "attacks or plots"
        return True
    return _purpose(trigger)


def _purpose(trigger) -> bool:
    """A purpose infinitive ("cooperation ... to counter terrorism and dismantle its networks") is an aim, not a deed."""
    verb = trigger.head if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" else trigger
    return verb.pos_ == "VERB" and verb.dep_ in ("advcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


@functools.lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    from vigil.knowledge import read_tsv

    return frozenset(row["cue"] for row in read_tsv("quotes/cues.tsv") if row["cue"].isalpha()
                     and int(row.get("cue_count") or 0) >= 5 and float(row.get("share") or 0) >= SPEECH_SHARE)


def _statement(trigger) -> bool:
    return trigger.pos_ in ("VERB", "AUX") and trigger.lemma_.lower() in _speech_lemmas()


def _refined(best: PlaceMention, others: list[PlaceMention]) -> PlaceMention:
    """A finer place of the same scene that lies inside the chosen one ("In Nigeria, ... in Maiduguri") refines it."""
    if best.lat is None or best.precision is None or best.precision == 1:
        return best
    inside = [p for p in others if p.lat is not None and (p.precision or 3) < best.precision and p.country == best.country
              and _inside(p, best)]
    return min(inside, key=lambda p: (p.precision, abs(p.start - best.start))) if inside else best


def _inside(place: PlaceMention, area: PlaceMention) -> bool:
    if area.is_country:
        return True
    if area.feature == "ADM1":
        return bool(place.admin1) and place.admin1 in (area.admin1, area.name)
    if area.precision == 2:
        return abs(place.lat - area.lat) < 0.5 and abs(place.lon - area.lon) < 0.6  # a district: some 50 km
    return False


def _token(doc, place: PlaceMention):
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None else None


def _inside_name(doc, place: PlaceMention) -> bool:
    """The place is part of a longer name of another kind: "the Islamic State of Iraq", "the Lyon Declaration";
    not the country of a state's own body ("the Federal Government of Somalia", "the Armed Forces of ..."), which
    acts in its country."""
    for ent in doc.ents:
        if ent.label_ in ORG_LABELS and ent.start_char <= place.start and place.end <= ent.end_char \
                and (ent.end_char - ent.start_char) > (place.end - place.start):
            return not _state_body(doc, place)
    return False


def _state_body(doc, place: PlaceMention) -> bool:
    token = _token(doc, place)
    while token is not None and token.dep_ in ("compound", "appos", "conj") and token.head is not token:
        token = token.head
    if token is None or token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    return token.head.head.lemma_.lower() in _vocabulary()["state_bodies"]


def _dateline_end(sentence) -> int:
    """The end (a character offset) of a dateline opening the sentence ("TAMPA, Fla. –"), else -1.

    A dateline is a short run of words with no verb before a dash or colon, at the start of a sentence or of a line.
    """
    vocabulary = _vocabulary()
    for offset, token in enumerate(sentence):
        if offset > vocabulary["dateline_max_tokens"]:
            return -1
        if token.text in vocabulary["dateline_dashes"]:
            return token.idx if offset >= 1 and any(t.ent_type_ in ("GPE", "LOC") for t in sentence[:offset]) else -1
        if token.pos_ in ("VERB", "AUX"):
            return -1
    return -1


def _clause(token):
    """The head of the clause a token belongs to (a relative clause belongs to the noun it describes)."""
    while token.dep_ not in CLAUSAL or token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
        if token.head is token:
            return token
        token = token.head
    return token


def _governor(token, place_tokens: set[int] = frozenset(), country: bool = False,
              trigger=None) -> tuple[object, str, bool, bool] | None:
    """The word a place hangs off, how (`locative` or `argument`), and whether it is a reference point;
    None when a preposition that gives no location ("from", "with") or a non-place "of" ties it."""
    vocabulary = _vocabulary()
    reference = container = False
    start = token
    climbed = None
    while True:
        if token.i != start.i and token.i in place_tokens and climbed == "appos":
            container = True  # "Maiduguri, Nigeria", "Banibangou, Tillabéri region": this place only locates another one
        if token.dep_ in NOUN_WRAPPERS and token.head is not token:
            climbed = token.dep_
            if country and token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN") \
                    and token.head.lemma_.lower() not in vocabulary["place_nouns"] and token.head.i not in place_tokens:
                return token.head, "modifier", reference, container  # "U.S. air support": a nationality, not a place
            token = token.head
            continue
        if token.dep_ == "pobj":
            prep = token.head
            word = prep.lower_
            governor = prep.head
            if word == "of":
                if governor.lower_ in vocabulary["reference_words"]:
                    reference = True
                    token = governor
                    continue
                if governor.lemma_.lower() in vocabulary["place_nouns"]:
                    token = governor
                    continue
                return None
            if word in vocabulary["origin_prepositions"] and governor.lemma_.lower() in vocabulary["departure_words"]:
                return governor, "locative", reference, container  # "retreated from Mosul": where it left
            if word in vocabulary["not_locative_prepositions"]:
                return None
            if word in vocabulary["destination_prepositions"]:
                if governor.lemma_.lower() in vocabulary["destination_heads"]:
                    return governor, "locative", reference, container
                if governor.pos_ == "VERB" and governor.lemma_.lower() in vocabulary["motion_verbs"]:
                    return governor, "destination", reference, container
                return None
            if word in vocabulary["locative_prepositions"] or prep.dep_ == "prep":
                if governor.lower_ in vocabulary["reference_words"] or any(
                        c.lower_ in vocabulary["reference_words"] for c in governor.children if c.dep_ in ("advmod", "npadvmod")):
                    reference = True
                if _names_a_place(governor, place_tokens):
                    container = True  # "in Ikeja district in northern Lagos": Lagos locates the district
                if _behind_other_preposition(governor, trigger):
                    return None  # "in solidarity with refugees in Lebanon": the refugees are there, not the action
                return governor, "locative", reference, container
            return None
        return token.head, token.dep_, reference, container


def _names_a_place(noun, place_tokens: set[int]) -> bool:
    """A place noun that another place names: "Ikeja district", "the Tillabéri region", "the town of Palma"."""
    if noun.i in place_tokens or noun.lemma_.lower() not in _vocabulary()["place_nouns"]:
        return noun.i in place_tokens
    for child in noun.children:
        if child.i in place_tokens and child.dep_ in ("compound", "poss", "nmod", "amod", "appos"):
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and any(g.i in place_tokens for g in child.children):
            return True
    return False


def _behind_other_preposition(noun, trigger=None) -> bool:
    """The noun a place locates is itself the object of a preposition that gives no location ("solidarity with
    refugees in X", "protested against the attack on the embassy in X"), unless that preposition gives the
    trigger's own target ("attacks against vessels in the Red Sea": the attacks were there)."""
    vocabulary = _vocabulary()
    blocking = vocabulary["not_locative_prepositions"] - vocabulary["agent_or_origin_prepositions"]
    token = noun
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return False
        if token.dep_ == "pobj" and token.head.lower_ in blocking:
            return trigger is None or token is not noun or token.head.head.i != trigger.i
        token = token.head
    return False


def _tie(trigger, place_token, place_tokens: set[int], country: bool = False) -> tuple[int, bool, bool] | None:
    """How closely the place is tied to the trigger: 0 (a locative of the trigger's clause, or the trigger's object),
    1 (a clause joined to it), 2 (another argument of its clause); None when it belongs elsewhere (a country before a
    noun of another kind is a nationality: "requested U.S. air support").
    With it, whether it is a reference point and whether it only locates another place."""
    found = _governor(place_token, place_tokens, country, trigger)
    if found is None:
        return None
    governor, relation, reference, container = found
    trigger_clause = _clause(trigger)
    place_clause = _clause(governor)
    same = place_clause.i == trigger_clause.i
    if relation == "modifier":
        if governor.i == trigger.i:
            return 0, reference, container  # "the Baghdad bombing"
        return None  # "requested U.S. air support": a country before a noun is its nationality
    if relation == "destination":
        if governor.i == trigger.i:
            return 0, reference, container  # "deployed troops to Mali"
        if _then(governor, trigger):
            return 1, reference, container  # "traveled to Syria ... and was later detained": detained there
        return None
    if relation == "locative":
        if same:
            return 0, reference, container
        if _joined(trigger_clause, place_clause):
            return 1, reference, container
        return None
    if relation in ("dobj", "pobj") and governor.i == trigger.i:
        return 0, reference, container
    if same:
        return 2, reference, container
    return None


def _then(movement, trigger) -> bool:
    """The trigger follows a movement of its doer or undergoer, so it happens where the movement went: a verb joined
    after it ("traveled to Syria and was later detained"), or the verb of a subject the movement describes ("a woman
    who flew to Turkey was later arrested")."""
    if movement.i > trigger.i:
        return False
    if trigger.dep_ == "conj" and trigger.head.i == movement.i:
        return True
    return movement.dep_ == "relcl" and movement.head.dep_ in ("nsubj", "nsubjpass") and movement.head.head.i == trigger.i


def _joined(a, b) -> bool:
    """Two clauses share a scene: verbs in coordination, or one an adverbial or open complement of the other."""
    for x, y in ((a, b), (b, a)):
        if x.head.i == y.i and x.dep_ in ("conj", "advcl", "xcomp"):
            return True
    return a.dep_ == "conj" and b.dep_ == "conj" and a.head.i == b.head.i


def _container(token, place_tokens: set[int]) -> bool:
    """The place only locates another one of the same phrase: "Lagos's district of X", "the Borno town of X"."""
    if token.dep_ not in ("poss", "compound", "nmod", "amod") or token.head.lemma_.lower() not in _vocabulary()["place_nouns"]:
        return False
    inside = {t.i for t in token.head.subtree} - {t.i for t in token.subtree}
    return bool(inside & place_tokens)
