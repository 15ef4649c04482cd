"""Linking mentions in a parsed text to actors of the catalogue (or to new actors)."""

from __future__ import annotations

import functools
import re

from spacy.matcher import PhraseMatcher

from vigil.actors.catalogue import (GENERIC_KINDS, alias_index, catalogue, country_actor, country_words, normalise,
                                    people_words, state_actor)
from vigil.knowledge import read_lines, read_tsv
from vigil.nlp import doc_text
from vigil.records import Actor, ActorMention, PlaceMention

# Catalogue entries for unnamed actors ("militants", "troops", "civilians"), matched last.
GENERIC = {"unidentified-state-forces", "unidentified-armed-group", "civilians", "protesters", "rioters"}
LOCATED_GENERIC = {"unidentified-armed-group", "civilians", "protesters"}  # not troops: "troops in Iraq" may be anyone's
ARMED = {"Rebel group", "Political militia", "Identity militia", "External/Other forces"}
GROUP_HEADS = {"front", "brigade", "brigades", "army", "movement", "group", "forces", "militia", "battalion",
               "battalions", "council", "organization", "organisation", "party", "alliance", "coalition", "jihad",
               "union", "association", "committee", "commission", "commision", "federation", "league", "forum",
               "agency", "office", "tigers", "militias", "guard", "guards", "corps", "rebels"}
MILITARY_NOUNS = {"strike", "strikes", "airstrike", "airstrikes", "warplane", "warplanes", "drone", "drones", "jet",
                  "jets", "troops", "forces", "military", "bombing", "bombardment", "raid", "raids", "operation",
                  "operations", "aircraft", "helicopters", "navy", "soldiers", "army"}
# Roles in which a country's name is an actor ("Jordan and Britain agreed", "gave Tanzania a grant", "talks
# with Russia"), as opposed to a place ("in Jordan").
PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "agent", "dobj", "dative", "iobj", "appos"}
ACTOR_PREPS = {"by", "to", "with", "against", "toward", "towards", "between", "on", "upon", "among"}
PLACE_NOUNS = {"capital", "city", "cities", "town", "towns", "border", "borders", "territory", "territories", "soil",
               "airspace", "waters", "coast", "north", "south", "east", "west", "region", "regions", "province",
               "provinces", "part", "parts", "side", "capital", "people", "population", "economy", "history"}
PRONOUNS = {"it": "thing", "its": "thing", "they": "group", "their": "group", "them": "group",
            "he": "person", "his": "person", "him": "person", "she": "person", "her": "person"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
FIRST_PLURAL = {"we", "us", "our"}
DIRECT_QUOTE = re.compile(r"“[^”]{3,}”|\"[^\"]{3,}\"")
PRONOUN_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "iobj", "agent"}
AGENT_ADJECTIVES = {"willing", "unwilling", "ready", "prepared", "able", "unable", "determined", "committed",
                    "opposed", "keen", "eager", "reluctant", "responsible", "involved", "open", "confident", "aware"}
STANCE_PREFIXES = {"anti", "pro"}  # "anti-Iranian", "pro-Russian": for or against a country, not of it
ETHNIC_WORDS = {"ethnic"}  # "ethnic Albanians", "ethnic Russians": a people, often a minority of another state
EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "remain", "become", "rain", "matter", "make"}
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
            (short_names if _case_sensitive(alias) else long_names).append(alias)
        if long_names:
            by_lower.add(actor.id, [make(a) for a in long_names])
        if short_names:
            by_case.add(actor.id, [make(a) for a in short_names])
    descriptions = PhraseMatcher(vocab, attr="LOWER")
    descriptions.add("description", [make(row["phrase"]) for row in read_tsv("actors/descriptions.tsv")])
    return by_lower, by_case, descriptions


def _case_sensitive(alias: str) -> bool:
    """Short abbreviations ('IS', 'AU') and one-word names ('Amnesty', 'Amal') match only as written."""
    if alias.lower() == alias:
        return False
    return len(alias) <= 5 or (" " not in alias and "-" not in alias and alias[:1].isupper())


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
    generic = [m for m in ordered if m[2] in GENERIC and not (m[2] == "civilians" and _modifier_word(doc, m[0], m[1]))]
    for start, end, actor_id in ordered:
        if actor_id in GENERIC or any(i in taken for i in range(start, end)):
            continue
        take(doc[start:end], _mention(doc[start:end], actors[actor_id]))
    for mention, span in _local_forces(doc, places):
        if not any(i in taken for i in range(span.start, span.end)):
            take(span, mention)
    for span, mention in _country_roles(doc, taken, generic, places):
        take(span, mention)
    for span, actor in _country_actors(doc, taken, places):
        take(span, _mention(span, actor))
    for span, mention in _known_people(doc, taken):
        take(span, mention)
    for span, mention in _unknown_groups(doc, taken):
        take(span, mention)
    _descriptions(doc, descriptions, found, taken)
    for start, end, actor_id in generic:  # "militants", "troops": only where nothing more specific was found
        if not any(i in taken for i in range(start, end)):
            span = doc[start:end]
            country = _residence(span.root, "", places) if actor_id in LOCATED_GENERIC else None
            # "Demonstrators in Baghdad", "refugees from Liberia": ACLED's "Protesters (Iraq)", "Civilians (Liberia)"
            take(span, _kind_mention(span, _generic_kind(actor_id), country, None) if country
                 else _mention(span, actors[actor_id]))
    _people(doc, found)
    _heads(doc, found, taken, places)
    _pronouns(doc, found, taken)
    _quoted_we(doc, found, taken)
    return tuple(sorted((m for _, _, m in found), key=lambda m: (m.start, m.end)))


def _modifier_word(doc, start: int, end: int) -> bool:
    """A word for civilians that only modifies another noun: "a refugee camp", "hostage-takers" (but "rebel
    commanders" are rebels)."""
    last = doc[end - 1]
    if end < len(doc) and doc[end].text == "-" and doc[end].whitespace_ == "":
        return True
    return last.tag_ == "NN" and last.dep_ == "compound"


def _abbreviation_ok(doc, start: int, end: int) -> bool:
    """'IS' is Islamic State only in capitals and not opening a sentence or a question."""
    token = doc[start]
    if end - start == 1 and token.text in ("IS", "AA", "ISS", "AU", "ADF") and (token.is_sent_start or token.i == 0):
        following = doc[end] if end < len(doc) else None  # "IS fighters attacked" but not "IS IT TRUE"
        return following is not None and following.is_alpha and not following.is_upper
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


@functools.lru_cache(maxsize=1)
def role_nouns() -> dict[str, str]:
    """Lower-case role noun (one or two words) -> kind, from data/actors/role_nouns.tsv."""
    return {row["word"].lower(): row["kind"] for row in read_tsv("actors/role_nouns.tsv")}


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every country word ("south" of "south african"), to pass over other words at once."""
    words = {w for w in country_words()} | set(people_words())
    return frozenset(w.split()[0] for w in words if w)


def _may_start_country(word: str) -> bool:
    first = _first_words()
    return word in first or (any(c in word for c in ".'’-") and normalise(word) in first)


def _country_at(doc, i: int, places_by_start: dict | None = None) -> tuple[int, str] | None:
    """The country named by the words starting at token i ("South African", "U.S.", "Ivory Coast"):
    (end token, ISO code). Names must be capitalised; a place the places stage resolved to something
    other than a country ("Georgia" the U.S. state) is not one."""
    if not doc[i].text[:1].isupper() or doc[i].lower_ == "the" or not _may_start_country(doc[i].lower_):
        return None
    if stance_prefixed(doc[i]):
        return None  # "an anti-Iranian journalist", "pro-Russian separatists": not that country's
    place = (places_by_start or {}).get(doc[i].idx)
    person = doc[i].ent_type_ == "PERSON" and not (place is not None and (place.feature or "").startswith("PCL"))
    words, people = country_words(), people_words()
    last = i
    while last < min(len(doc), i + 7) and not doc[last].is_punct:
        last += 1
    for end in range(last, i, -1):
        span = doc[i:end]
        iso = words.get(normalise(span.text)) or people.get(normalise(span.text))
        if iso is None:
            continue
        if person and len(span) == 1 and normalise(span.text) not in demonyms():
            return None  # "Jordan" the person, unless the places stage read it as the country; but the tagger's
            # "Sri Lanka" or "Ugandan" (a demonym names no one) is the country
        place = (places_by_start or {}).get(span.start_char)
        if place is not None and place.end == span.end_char and (place.feature or "").startswith("ADM") \
                and place.country != iso:  # "Georgia" the U.S. state
            return None
        return end, iso
    return None


@functools.lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Normalised demonyms ("ugandan"): adjectives of a country, never a person's name."""
    return frozenset(normalise(row["demonym"]) for row in read_tsv("places/demonyms.tsv"))


def _role_of(tokens) -> tuple[str, str] | None:
    """The role noun heading a few words ("Vice Foreign Minister" -> person, "peacekeeping troops" -> forces)."""
    nouns = role_nouns()
    words = [t.lower_ for t in tokens]
    for size in (2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:])
            kind = nouns.get(phrase) or (nouns.get(tokens[-1].lemma_.lower()) if size == 1 else None)
            if kind:
                return phrase, kind
    return None


def _country_roles(doc, taken: set[int], generic, places=()):
    """A country and a role noun: 'Libyan forces', 'Russian President Boris Yeltsin', 'Taiwan's Vice Foreign
    Minister', 'Fijian rebels', 'the president of Armenia', 'Palestinians': that country's actors."""
    generic_at = {start: (end, actor_id) for start, end, actor_id in generic}
    by_start = {p.start: p for p in places}
    i = 0
    while i < len(doc):
        found = None if i in taken else _country_at(doc, i, by_start)
        if found is None:
            i += 1
            continue
        end, iso = found
        result = _role_after(doc, i, end, iso, taken, generic_at, places) or _role_before(doc, i, end, iso, taken)
        if result is not None:
            span, mention = result
            yield span, mention
            taken.update(range(span.start, span.end))
            i = max(span.end, end)
        else:
            i = end


def _role_after(doc, start: int, end: int, iso: str, taken: set[int], generic_at, places=()):
    """'Russian President Boris Yeltsin', 'Taiwan's Vice Foreign Minister', 'Fijian rebels'."""
    k = end + 1 if end < len(doc) and doc[end].lower_ in ("'s", "’s") else end
    if k == end and end + 2 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "led":
        k = end + 2  # "Vietnamese-led forces": the forces of the country that leads them ("-backed" ones are not)
    stop = k
    while stop < len(doc) and stop - k < 5 and stop not in taken and doc[stop].pos_ in ("PROPN", "NOUN", "ADJ") \
            and doc[stop].ent_type_ != "PERSON" and not doc[stop].is_punct:
        stop += 1
    role = None
    for role_end in range(stop, k, -1):  # the longest run of words that ends in a role noun
        role = _role_of(doc[k:role_end])
        if role is not None:
            stop = role_end
            break
    person = _person_at(doc, stop)
    if role is None and k == end and end + 1 < len(doc) and doc[end].lower_ in ("and", "or", ","):
        shared = _shared_role(doc, start, end, iso, taken, generic_at)
        if shared is not None:
            return shared
    if role is None:
        if k == end and generic_at.get(end) is not None:  # "Afghan rebels" where "rebels" is a known generic
            role = (doc[end].lower_, _generic_kind(generic_at[end][1]))
            stop = generic_at[end][0]
        elif k == end and end == start + 1 and normalise(doc[start].text) in people_words():
            pass
        else:
            return None
    if role is None:  # a plural demonym alone: 'the Palestinians'
        return _people_mention(doc, start, iso, places)
    if any(i in taken for i in range(start, stop)) or _inside_name(doc, stop):
        return None
    title = doc[k:stop].text
    if start > 0 and doc[start - 1].lower_ in ETHNIC_WORDS:  # "ethnic Serb militiamen" are not Serbia's
        generic = catalogue().get(GENERIC_KINDS.get(role[1], ""))
        span = doc[start:stop]
        return (span, _mention(span, generic)) if generic else None
    if person is not None and role[1] in ("person", "government"):
        span = doc[start:person.end]
        actor = state_actor("gov", iso)
        return (span, _mention(span, actor, person.text, title)) if actor else None
    span = doc[start:stop]
    return span, _kind_mention(span, role[1], iso, title)


def _shared_role(doc, start: int, end: int, iso: str, taken: set[int], generic_at):
    """'Hungarian and Romanian officials', 'U.S. and Russian negotiators': the first country shares the role."""
    following = _country_at(doc, end + 1)
    if following is None:
        return None
    after = _role_after(doc, end + 1, following[0], following[1], set(), generic_at)  # its own mention may exist
    if after is None or after[1].person:
        return None
    mention = after[1]
    kind = next((k for prefix, k in (("forces-", "forces"), ("police-", "police"), ("gov-", "government"))
                 if mention.actor_id.startswith(prefix)), None) or _generic_kind(mention.actor_id)
    span = doc[start:end]
    return span, _kind_mention(span, kind, iso, None)


def _role_before(doc, start: int, end: int, iso: str, taken: set[int]):
    """'the president of Armenia', 'King Hassan of Morocco'."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return None
    head = doc[start - 1].head
    role_start = head.left_edge.i
    if doc[role_start].lower_ in ("the", "a", "an"):
        role_start += 1
    if head.i >= start - 1 or any(i in taken for i in range(role_start, end)):
        return None
    person = next((e for e in doc.ents if e.label_ == "PERSON" and role_start <= e.start and e.end <= start - 1), None)
    role = _role_of(doc[role_start : person.start if person is not None else start - 1])
    if role is None or role[1] not in ("person", "government"):
        return None
    span = doc[role_start:end]
    actor = state_actor("gov", iso)
    return (span, _mention(span, actor, person.text if person is not None else None, role[0])) if actor else None


def _inside_name(doc, stop: int) -> bool:
    """'the Serbian Workers' Union': the role noun is part of a longer organisation's name."""
    if stop >= len(doc) or doc[stop - 1].ent_type_ not in ("ORG", "FAC"):
        return False
    nxt = doc[stop + 1] if doc[stop].tag_ == "POS" and stop + 1 < len(doc) else doc[stop]
    return nxt.ent_iob_ == "I" and nxt.ent_type_ in ("ORG", "FAC")


def _person_at(doc, i: int):
    if i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B":
        return next((e for e in doc.ents if e.start == i), None)
    return None


def _generic_kind(actor_id: str) -> str:
    return {"unidentified-state-forces": "forces", "unidentified-armed-group": "armed", "civilians": "civilians",
            "protesters": "protesters", "rioters": "protesters"}.get(actor_id, "government")


def _people_mention(doc, start: int, iso: str, places=()):
    """'Palestinians' agreeing or being attacked: as a subject, their leadership; otherwise, and when described
    as some of them ("young Kenyans", "thousands of Nigerians"), civilians."""
    span = doc[start : start + 1]
    home = _residence(span.root, iso, places, ("of", "in"))
    if home is not None:  # "the Albanians of southern Serbia": a people of the country they live in
        return span, _kind_mention(span, "civilians", home, None)
    if start > 0 and doc[start - 1].lower_ in ETHNIC_WORDS:  # "ethnic Albanians" of Serbia: no state's people
        generic = catalogue()["civilians"]
        return span, ActorMention(span.start_char, span.end_char, span.text, generic.id, generic.name, generic.type, None)
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    described = any(c.dep_ in ("amod", "nummod", "quantmod") or (c.dep_ == "compound" and c.ent_iob_ == "O")
                    for c in span.root.children)  # "young Kenyans" (the tagger's "Young" opening a sentence too)
    kind = "government" if token.dep_ in ("nsubj", "nsubjpass") and not described else "civilians"
    return span, _kind_mention(span, kind, iso, None)


def _residence(token, iso: str, places, preps=("of", "in", "from")) -> str | None:
    """The country a people lives in or comes from when the text says so ("Albanians of southern Serbia",
    "demonstrators in Baghdad", "refugees from Liberia"), if it is not their namesake state."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
        start, end = prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)
        country = next((p.country for p in places if start <= p.start < end and p.country and p.role != "demonym"), None)
        if country and country != iso and state_actor("gov", country):
            return country
    return None


def _kind_mention(span, kind: str, iso: str, title: str | None) -> ActorMention:
    return _mention(span, country_actor(kind, iso), None, title if kind == "person" else None)


def stance_prefixed(token) -> bool:
    """"anti-Iran", "pro-Russian": a country word after anti-/pro- is for or against that country, not of it."""
    doc, i = token.doc, token.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCE_PREFIXES


@functools.lru_cache(maxsize=1)
def motion_words() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in read_lines("actors/motion_words.txt") if w.strip())


def _country_actors(doc, taken: set[int], places):
    """A country's name as a participant: 'U.S. air strikes' are the U.S. military; 'Jordan and Britain agreed',
    'gave Tanzania a grant', 'talks with Russia' its government; 'Washington said' (a capital as metonym) too."""
    by_start = {p.start: p for p in places}
    for place in places:
        if place.country and (place.role == "metonym" or _capital_subject(doc, place)):
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            actor = state_actor("gov", place.country)
            if actor and span is not None and not any(i in taken for i in range(span.start, span.end)):
                taken.update(range(span.start, span.end))
                yield span, actor
    i = 0
    while i < len(doc):
        found = None if i in taken else _country_at(doc, i, by_start)
        if found is None:
            i += 1
            continue
        end, iso = found
        span = doc[i:end]
        i = end
        if any(t in taken for t in range(span.start, span.end)) or doc[span.start].pos_ not in ("PROPN", "NOUN"):
            continue
        root = span.root
        military = root.head.lower_ in MILITARY_NOUNS or root.head.lemma_ in MILITARY_NOUNS
        actor = state_actor("forces" if military else "gov", iso) if military or _participant(root) else None
        if actor:
            yield span, actor


def _capital_subject(doc, place) -> bool:
    """'Beirut rejected a United Nations appeal': a capital that is the subject of a verb stands for its government."""
    if place.feature != "PPLC":
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "nsubj" and span.root.head.pos_ == "VERB"


def _participant(token) -> bool:
    """Is a name in a role where it acts or is acted upon (not where something happens)?"""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in PARTICIPANT_DEPS:
        return True
    if token.dep_ == "poss":
        return token.head.lower_ not in PLACE_NOUNS
    if token.dep_ == "compound" and token.head.ent_type_ in ("ORG", "") and token.head.lower_ in role_nouns():
        return True
    if token.dep_ != "pobj" or token.head.lower_ not in ACTOR_PREPS:
        return False
    governor = token.head.head  # "the border with Syria", "fled to Turkey": a place
    return governor.lower_ not in PLACE_NOUNS and not (token.head.lower_ in ("to", "toward", "towards")
                                                      and governor.lemma_.lower() in motion_words())


@functools.lru_cache(maxsize=1)
def people() -> dict[str, tuple[str, str, str]]:
    """Name or alias -> (actor id, the person's name, role), from data/actors/people.tsv."""
    known: dict[str, tuple[str, str, str]] = {}
    for row in read_tsv("actors/people.tsv"):
        for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
            alias = alias.strip()
            if not alias:
                continue
            entry = (row["actor"], row["name"], row.get("role") or None)
            if alias in known and known[alias] is None and alias != row["name"]:
                continue  # two actors' surname: no one's
            if alias in known and known[alias] is not None and known[alias][1] != row["name"] and alias != row["name"]:
                # a surname two people share ("Bush", "Castro"): the name is given as written
                entry = (row["actor"], alias, row.get("role") or None) if known[alias][0] == row["actor"] else None
            known[alias] = entry
    return {alias: entry for alias, entry in known.items() if entry is not None}


@functools.lru_cache(maxsize=2)
def _people_matchers(vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Full names matched whatever their case; one-word aliases (surnames) only as written."""
    from spacy.lang.en import English

    make = English().make_doc
    by_lower, by_case = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="ORTH")
    for alias in people():
        words = make(alias)
        (by_case if len(words) == 1 else by_lower).add(alias, [words])
    return by_lower, by_case


NAME_JOINERS = {"-", "al", "el", "bin", "ibn", "de", "van", "von"}


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Words of a title or role that may stand before a surname ("President", "Prime Minister", "Mr.")."""
    heads = {w for title in head_titles() for w in title}
    roles = {w for role, kind in role_nouns().items() if kind == "person" for w in role.split()}
    return frozenset(heads | roles | {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})


def _surname_alone(doc, start: int, end: int) -> bool:
    """A surname that is this person's and not another's: a proper noun with no other given name before it
    ("Jeb Bush", "Maher al-Assad") and no other name after it ("Abbas Araghchi"); a title may precede it."""
    if doc[start].pos_ != "PROPN":
        return False
    i = start - 1
    while i >= 0 and doc[i].lower_ in NAME_JOINERS:
        i -= 1
    titles = _title_words()
    if i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].lower_ not in titles:
        return False
    following = doc[end] if end < len(doc) else None
    if following is not None and following.lower_ in NAME_JOINERS - {"-"}:
        return False  # "Abbas al-Masri": a given name before a surname
    return not (following is not None and following.pos_ == "PROPN" and following.text[:1].isupper()
                and following.lower_ not in role_nouns())


@functools.lru_cache(maxsize=1)
def _feature_words() -> frozenset[str]:
    """Words naming a building, institution or street, lower-cased (the places stage's): "Hamid Karzai International
    Airport", "Nelson Mandela Bridge" are named after a person, not the person."""
    from vigil.places import feature_words

    return frozenset(w.lower() for w in feature_words())


def _named_after(doc, start: int, end: int) -> bool:
    """A name inside a longer name of a place or organisation ("Hamid Karzai International Airport")."""
    nxt = end
    while nxt < len(doc) and nxt - end < 3 and doc[nxt].pos_ == "PROPN" and doc[nxt].text[:1].isupper():
        if doc[nxt].lower_ in _feature_words():
            return True
        nxt += 1
    return nxt < len(doc) and doc[nxt].lower_ in _feature_words() and doc[nxt].text[:1].isupper()


def _known_people(doc, taken: set[int]):
    """Well-known people of data/actors/people.tsv ("Erdogan offered", "the Obama administration", "President
    Lula"): they act for their actor, their government for a head of state; a title before the name joins it."""
    by_lower, by_case = _people_matchers(doc.vocab)
    matches = [(s, e, doc.vocab.strings[k]) for k, s, e in by_lower(doc)] + \
              [(s, e, doc.vocab.strings[k]) for k, s, e in by_case(doc) if _surname_alone(doc, s, e)]
    actors = catalogue()
    for start, end, alias in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]))):
        actor_id, name, role = people()[alias]
        actor = actors.get(actor_id)
        if actor is None or any(i in taken for i in range(start, end)) or _named_after(doc, start, end):
            continue
        words = [t.lower_ for t in doc[max(0, start - 3) : start]]
        title = next((t for t in head_titles() if tuple(words[-len(t):]) == t), None)
        if title is not None and not any(i in taken for i in range(start - len(title), start)):
            start -= len(title)
        span = doc[start:end]
        taken.update(range(start, end))
        yield span, _mention(span, actor, name, role)


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


@functools.lru_cache(maxsize=1)
def head_titles() -> tuple[tuple[str, ...], ...]:
    """Titles of a head of state or government (data/actors/head_titles.txt), longest first, as words."""
    return tuple(sorted((tuple(w.lower().split()) for w in read_lines("actors/head_titles.txt")), key=len, reverse=True))


def _heads(doc, found, taken: set[int], places) -> None:
    """'President Mugabe', 'outgoing Prime Minister Iyad Allawi': a head of state or government named without a
    country acts for the government of the one country the sentence names ("Farmers in Malawi want President
    Mutharika to act"); with none or several, the person is left alone."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        words = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]]
        title = next((t for t in head_titles() if tuple(words[-len(t):]) == t), None)
        if title is None:
            continue
        sentence = ent.sent
        parties = [m for _, _, m in found if normalise(m.text) in country_words()]  # "Bush threatened Russia"
        countries = {p.country for p in places if p.country and sentence.start_char <= p.start < sentence.end_char
                     and not (ent.start_char <= p.start < ent.end_char)
                     and not any(m.start <= p.start < m.end for m in parties)}
        countries |= {m.country for s, e, m in found if m.country and sentence.start <= s < sentence.end
                      and m not in parties}
        actor = state_actor("gov", next(iter(countries))) if len(countries) == 1 else None
        if actor is None:
            continue
        span = doc[ent.start - len(title) : ent.end]
        found.append((span.start, span.end, ActorMention(span.start_char, span.end_char, span.text, actor.id, actor.name,
                                                          actor.type, actor.country, ent.text, " ".join(title).title())))
        taken.update(range(span.start, span.end))


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


def _pronouns(doc, found, taken: set[int]) -> None:
    """'Peru has said it will back...', 'the group said they...', 'he ordered': a pronoun that acts or is
    acted upon refers to the latest fitting actor of its sentence or the one before (a subject first)."""
    for token in doc:
        kind = PRONOUNS.get(token.lower_)
        if kind is None or token.i in taken or token.pos_ != "PRON" or token.dep_ not in PRONOUN_DEPS:
            continue
        if token.lower_ == "it" and (token.dep_ != "nsubj" or _expletive(token)):
            continue
        if token.dep_ == "nsubj" and any(PRONOUNS.get(c.lower_) == kind for c in token.head.children if c.dep_ == "dobj"):
            continue  # "if they take them": subject and object are not the same; the object is the one talked about
        antecedent = _antecedent(doc, token, kind, found)
        if antecedent is not None:
            span = doc[token.i : token.i + 1]
            found.append((token.i, token.i + 1, ActorMention(span.start_char, span.end_char, span.text,
                          antecedent.actor_id, antecedent.name, antecedent.type, antecedent.country,
                          antecedent.person, antecedent.role)))
            taken.add(token.i)


def _quoted_we(doc, found, taken: set[int]) -> None:
    """'The minister said, “We will not negotiate ... if they attack again, we will respond”': a first person
    plural inside a direct quote is the speaker's side, the actor of the person who is the subject in the sentence
    that opens the quote (before the mark) or closes it (after the mark)."""
    for match in DIRECT_QUOTE.finditer(doc_text(doc)):
        quoted = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        pronouns = [t for t in quoted or () if t.lower_ in FIRST_PLURAL and t.pos_ == "PRON" and t.i not in taken
                    and t.dep_ in PRONOUN_DEPS]
        speaker = _quote_speaker(doc, quoted, found) if pronouns else None
        if speaker is None:
            continue
        for token in pronouns:
            span = doc[token.i : token.i + 1]
            found.append((token.i, token.i + 1, ActorMention(span.start_char, span.end_char, span.text, speaker.actor_id,
                          speaker.name, speaker.type, speaker.country, speaker.person, speaker.role)))
            taken.add(token.i)


def _quote_speaker(doc, quoted, found) -> ActorMention | None:
    opening, closing = quoted[0].sent, quoted[-1].sent
    before = [(quoted.start - e, m) for s, e, m in found
              if opening.start <= s and e <= quoted.start and _speaking_person(doc[s:e], m)]
    after = [(s - quoted.end, m) for s, e, m in found
             if quoted.end <= s and e <= closing.end and _speaking_person(doc[s:e], m)]
    nearest = min(before or after, key=lambda item: item[0], default=None)
    return nearest[1] if nearest else None


def _speaking_person(span, mention: ActorMention) -> bool:
    return mention.person is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.lower_ not in PRONOUNS


def _expletive(token) -> bool:
    """'it is clear that', 'it seems': no actor; but 'it is willing to withdraw' is one."""
    if token.head.lemma_ not in EXPLETIVE_HEADS:
        return False
    complements = [c for c in token.head.children if c.dep_ in ("acomp", "attr")]
    return not any(c.lower_ in AGENT_ADJECTIVES for c in complements)


def _antecedent(doc, token, kind: str, found) -> ActorMention | None:
    sentence = token.sent
    earlier_start = sentence.start
    if sentence.start > 0:
        earlier_start = doc[sentence.start - 1].sent.start
    candidates = [(s, e, m) for s, e, m in found if earlier_start <= s and e <= token.i
                  and (m.person is not None) == (kind == "person")
                  and (m.actor_id not in GENERIC or (kind == "group" and m.country))
                  and doc[s].lower_ not in PRONOUNS]
    if kind == "thing":  # "it" is not "the rebels"
        candidates = [c for c in candidates if not _plural(doc[c[0]:c[1]])]
    elif kind == "group":  # "they" are rather "the rebels" than "Uganda"
        candidates = [c for c in candidates if _plural(doc[c[0]:c[1]]) or c[2].type in ARMED] or candidates
    if not candidates:
        return None
    subjects = [c for c in candidates if doc[c[0]:c[1]].root.dep_ in ("nsubj", "nsubjpass")]
    chosen = max(subjects or candidates, key=lambda c: c[1])
    if kind != "person" and _closer_noun(doc, chosen[1], token, found):
        return None
    return chosen[2]


def _closer_noun(doc, start: int, pronoun, found) -> bool:
    """'Sales said the US is urging countries to take them back... if they don't': a noun of the same number
    that is no actor stands between the actor and the pronoun, which more likely refers to it."""
    covered = {i for s, e, _ in found for i in range(s, e)}
    tags = ("NNS",) if pronoun.lower_ in ("they", "their", "them") else ("NN",)
    return any(t.tag_ in tags and t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.i not in covered
               for t in doc[start : pronoun.i])


def _plural(span) -> bool:
    return span.root.tag_ in ("NNS", "NNPS")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
