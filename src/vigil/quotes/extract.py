"""Quotes: direct, indirect and mixed attributions, with the speaker resolved to a full name.

Direct quotes are quotation-mark spans with an attribution next to them ("…,"
she said; Richards said: "…"), or a paragraph that opens a quote right after
one whose speaker is known. Indirect quotes are the complement clause of a cue
verb ("Richards said that …") or the rest of a sentence with "according to X".
Speakers go back to a full name through pronouns, surnames and descriptions
("the official"); a speaker that cannot be resolved stays None.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from dataclasses import dataclass, field
from typing import Callable

from vigil.knowledge import read_lines, read_tsv
from vigil.nlp import doc_text
from vigil.records import ActorMention, Quote

MIN_CUE_SHARE = 0.15  # a lemma counts as a cue when at least this share of its uses were cues in training
MIN_CUE_COUNT = 5
# After a verb that was a cue in fewer than half of its uses in training, a noun phrase naming a place, people
# or an action ("attacked the village", "continued attacks") is a deed, not what was said (deed_objects.txt).
MIN_OBJECT_CUE_SHARE = 0.5
DEED_ENTITIES = {"GPE", "LOC", "FAC"}
SPEECH_CUE_SHARE = 0.8  # a cue that reports speech nearly every time it is used ('say', 'add', 'tell')
QUOTE_PAIRS = {"“": "”", '"': '"', "''": "''"}  # "''" is the quotation mark of some archives (''Yes,'' he said)
OPENING_MARKS = ("“", '"', "''")
CLOSING_MARKS = ("”", '"', "''")
PRONOUNS = {"he", "she", "they", "i", "we"}
FIRST_AND_SECOND_PERSON = {"i", "we", "you", "me", "us"}
NOT_SPEAKERS = {"GPE", "LOC", "FAC", "DATE", "TIME"}  # entity types a relative pronoun's speaker is not
DESCRIPTION_HEADS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
                     "minister", "president", "commander", "coordinator", "source", "sources", "diplomat", "analyst",
                     "general", "secretary", "governor", "senator", "leader", "chief", "director", "aide"}
MIN_DIRECT_WORDS = 4
NEAR_AFTER = 8
AFTER_WINDOW = 20  # tokens after a quote searched for its cue ('“…,” Brent Bozell III, founder of …, tells …')
# Cues whose object is who was spoken to, not what was said ("told Reuters").
ADDRESSEE_CUES = {"tell", "ask", "inform", "notify", "brief", "assure", "remind", "email", "call"}


@functools.lru_cache(maxsize=1)
def cue_shares() -> dict[str, float]:
    return {row["cue"]: float(row.get("share") or 1.0) for row in read_tsv("quotes/cues.tsv")}


@functools.lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    cues = set()
    for row in read_tsv("quotes/cues.tsv"):
        share = float(row.get("share") or 1.0)
        if int(row.get("cue_count") or 0) >= MIN_CUE_COUNT and share >= MIN_CUE_SHARE:
            cues.add(row["cue"])
    return frozenset(cues)


@dataclass(frozen=True)
class PersonMention:
    """A named person in the text: where, in which sentence, and whether as a clause's subject."""

    token: int
    sentence: int
    name: str
    subject: bool


@dataclass
class Speakers:
    """What the text says about people, for resolving pronouns, surnames and descriptions at a given point."""

    mentions: list[PersonMention] = field(default_factory=list)  # in text order
    roles: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)  # name -> role, org, actor
    genders: dict[str, str] = field(default_factory=dict)  # name -> "f" or "m", where the text or the name tells

    sentence_of: Callable[[int], int] = lambda token: -1  # token index -> index of its sentence's first token

    def before(self, token: int) -> list[PersonMention]:
        return self.mentions[: bisect.bisect_left([m.token for m in self.mentions], token)]

    def pronoun(self, pronoun: str, token: int) -> str | None:
        """'he'/'she': the latest sentence before the pronoun naming a compatible person; its subject if it has one."""
        gender = PRONOUN_GENDERS.get(pronoun)
        if gender is None:
            return None  # 'they', 'we', 'I': not resolved to a person
        sentence = self.sentence_of(token)
        compatible = [m for m in self.before(token) if self.genders.get(m.name, gender) == gender
                      and (m.subject or m.sentence != sentence)]  # 'Sanders says he …', not 'He met Cruz and he …'
        if not compatible:
            return None
        latest = [m for m in compatible if m.sentence == compatible[-1].sentence]
        return next((m.name for m in latest if m.subject), latest[-1].name)

    def surname(self, text: str, token: int) -> str | None:
        for mention in reversed(self.before(token)):
            name = mention.name
            if name == text or name.endswith(" " + text):
                return name
        return None

    def description(self, head_lower: str, token: int) -> str | None:
        """'the ambassador': the latest person before it whose role has that word."""
        for mention in reversed(self.before(token)):
            role = (self.roles.get(mention.name) or (None,))[0] or ""
            if head_lower in role.lower().split():
                return mention.name
        return None


PRONOUN_GENDERS = {"he": "m", "she": "f"}


@functools.lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    return {row["name"].lower(): row["gender"] for row in read_tsv("quotes/first_names.tsv")}


@functools.lru_cache(maxsize=1)
def gendered_words() -> dict[str, str]:
    return {row["word"].lower(): row["gender"] for row in read_tsv("quotes/gendered_words.tsv")}


@functools.lru_cache(maxsize=1)
def organisation_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("quotes/organisation_heads.txt"))


def _gender(name: str, title: str | None, role: str | None) -> str | None:
    """From a gendered title or role word ('Mrs.', 'spokeswoman'), else from the first name."""
    for words in (title, role):
        for word in (words or "").lower().split():
            if word in gendered_words():
                return gendered_words()[word]
    parts = name.split()
    return first_name_genders().get(parts[0].lower()) if len(parts) > 1 else None


def extract_quotes(doc, actors: tuple[ActorMention, ...] = ()) -> tuple[Quote, ...]:
    speakers = Speakers(sentence_of=lambda token: doc[token].sent.start)
    quoted = _QuotedText(list(_quote_spans(doc_text(doc))), doc_text(doc))
    people_spans = _people_spans(doc, actors, speakers, quoted)
    direct = list(_direct_quotes(doc, speakers, people_spans, actors, quoted))
    indirect = [*_indirect_quotes(doc, speakers, people_spans, actors),
                *_headline_quotes(doc, speakers, people_spans, actors)]
    indirect = [q for q in indirect if not _inside_a_quotation_in_first_person(q, quoted)]
    direct = [q for q in direct if not _nested_in(q, indirect)]
    covered = [(q.start, q.end) for q in direct]
    quotes = direct + [q for q in indirect if not any(q.start < e and s < q.end for s, e in covered)]
    return tuple(sorted(quotes, key=lambda q: q.start))


def _inside_a_quotation_in_first_person(quote: Quote, quoted: "_QuotedText") -> bool:
    """'“… I think we should go …”': a cue inside a quotation whose subject is 'I', 'we' or 'you' is part of the
    quoted person's words, not an attribution of its own."""
    if quote.cue_start is None or quote.speaker_start is None or quote.speaker is not None:
        return False
    subject = quoted.text[quote.speaker_start : quote.speaker_end].lower()
    return subject in FIRST_AND_SECOND_PERSON and quoted.holds_offset(quote.cue_start)


def _nested_in(quote: Quote, reported: list[Quote]) -> bool:
    """A quoted fragment whose own cue sits inside someone else's reported speech ('X told reporters that
    officials see a “…”') belongs to X's mixed quote."""
    return quote.cue_start is not None and any(
        r.kind == "mixed" and r.start <= quote.cue_start and quote.end <= r.end for r in reported)


@functools.lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    return tuple(sorted(read_lines("quotes/titles.txt"), key=len, reverse=True))


def _word_before(doc, ent, words) -> str | None:
    """A title or gendered word written just before a name ('President Donald Trump', 'Mrs. May')."""
    before = doc_text(doc)[max(0, ent.start_char - 20) : ent.start_char].rstrip()
    lower = before.lower()
    return next((before[-len(t):] for t in words if lower.endswith(t.lower())
                 and (len(before) == len(t) or not before[-len(t) - 1].isalpha())), None)


def _people_spans(doc, actors, speakers: Speakers, quoted: "_QuotedText") -> dict[int, str]:
    """Token index -> full person name, for PERSON entities; roles and organisations from the actors stage.
    Names inside quotations are not candidates for a later 'he' or 'she' (a speaker seldom names themself)."""
    spans: dict[int, str] = {}
    by_person = {_clean_name(m.person): m for m in actors if m.person}
    # a catalogued person as the text writes them ("President Felix Tshisekedi" for Félix Tshisekedi)
    by_person.update({_clean_name(m.text): m for m in actors if m.person and _clean_name(m.text) not in by_person})
    full_names: list[str] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _clean_name(ent.text)
        title = _word_before(doc, ent, titles()) or _word_before(doc, ent, tuple(gendered_words()))
        if len(name.split()) == 1:
            name = next((p for p in reversed(full_names) if p.split()[-1] == name), name)
        elif name not in full_names:
            full_names.append(name)
        if title and name not in speakers.roles and name not in by_person and title in titles():
            speakers.roles[name] = (title, None, None)
        if name in by_person and name not in speakers.roles:
            m = by_person[name]
            speakers.roles[name] = (m.role, m.name, m.actor_id)
        gender = _gender(name, title, (speakers.roles.get(name) or (None,))[0])
        if gender and name not in speakers.genders:
            speakers.genders[name] = gender
        for i in range(ent.start, ent.end):
            spans[i] = name
        subject = any(t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass"))
                      for t in ent)
        if not quoted.holds(ent[0]):
            speakers.mentions.append(PersonMention(ent.start, ent.sent.start, name, subject))
    return spans


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text).strip()
    for title in titles():
        if text.startswith(title + " "):
            return text[len(title) + 1 :]
    return text


# -- direct quotes ---------------------------------------------------------------------------


def _quote_spans(text: str):
    """(open, close) offsets of quoted passages. A paragraph that opens a quote and ends without closing
    it (the next paragraph reopens it: a multi-paragraph quote) yields the passage up to its paragraph end."""
    i = 0
    while i < len(text):
        ch = text[i : i + 2] if text.startswith("''", i) else text[i]
        if ch not in QUOTE_PAIRS:
            i += 1
            continue
        closing = QUOTE_PAIRS[ch]
        close_at = text.find(closing, i + len(ch))
        reopen_at = text.find(ch, i + 1) if ch == "“" else -1
        paragraph_end = text.find("\n", i + 1)
        crosses_paragraph = close_at != -1 and paragraph_end != -1 and paragraph_end < close_at
        if close_at == -1 or crosses_paragraph or (reopen_at != -1 and reopen_at < close_at):
            end = paragraph_end if paragraph_end != -1 else len(text)
            if close_at == -1 and reopen_at == -1 and paragraph_end == -1:
                break
            yield i, end
            i = end
            continue
        yield i, close_at + len(closing)
        i = close_at + len(closing)


def _direct_quotes(doc, speakers: Speakers, people: dict[int, str], actors, quoted: "_QuotedText"):
    text = doc_text(doc)
    previous: Quote | None = None
    for open_at, close_at in quoted.passages:
        inner = text[open_at + 1 : close_at - 1].strip()
        if len(inner.split()) < MIN_DIRECT_WORDS:
            continue
        content = doc.char_span(open_at, close_at, alignment_mode="expand")
        if content is None:
            continue
        attribution = (_attribution_after(doc, content, quoted) or _attribution_name_colon(doc, content, quoted)
                       or _attribution_before(doc, content, quoted)
                       or _attribution_by_syntax(content, quoted) or _attribution_colon(doc, content, quoted))
        if attribution is None:
            if previous is not None and previous.speaker and _continues(text, previous, open_at):
                yield _with_span(previous, open_at, close_at, text)
                previous = _with_span(previous, open_at, close_at, text)
            continue
        cue, subject = attribution
        quote = _quote(doc, content, cue, subject, "direct", speakers, people, actors)
        previous = quote
        yield quote


def _continues(text: str, previous: Quote, open_at: int) -> bool:
    """A paragraph that opens a quote right after one with a known speaker (and nothing else said between) continues it."""
    gap = text[previous.end : open_at]
    return len(gap) < 200 and not any(mark in gap for mark in OPENING_MARKS)


def _with_span(previous: Quote, start: int, end: int, text: str) -> Quote:
    # The speaker span stays the one in the attribution this paragraph continues.
    return Quote(start, end, text[start:end], "direct", previous.speaker, previous.speaker_start, previous.speaker_end,
                 previous.speaker_role, previous.speaker_org, previous.speaker_actor_id, None, None, None, previous.date)


def _cue_token(token) -> bool:
    return token.lemma_.lower() in cue_lemmas() and token.pos_ in ("VERB", "AUX")


@functools.lru_cache(maxsize=1)
def deed_objects() -> frozenset[str]:
    return frozenset(read_lines("quotes/deed_objects.txt"))


def _deed(token) -> bool:
    """'ISIS-GS attacked the village of Banibangou': a weak cue verb whose object is a place, people or an action."""
    if cue_shares().get(token.lemma_.lower(), 0.0) >= MIN_OBJECT_CUE_SHARE:
        return False
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return obj is not None and (obj.ent_type_ in DEED_ENTITIES or obj.lemma_.lower() in deed_objects())



@dataclass(frozen=True)
class _QuotedText:
    """The quoted passages of a text: an attribution's cue and speaker stand outside all of them."""

    passages: list[tuple[int, int]]
    text: str = ""

    def holds(self, token) -> bool:
        return self.holds_offset(token.idx)

    def holds_offset(self, offset: int) -> bool:
        at = bisect.bisect_right(self.passages, (offset, sys.maxsize)) - 1
        return at >= 0 and self.passages[at][0] <= offset < self.passages[at][1]

    def attribution(self, cue, subject):
        return None if self.holds(cue) or self.holds(subject) else (cue, subject)


def _attribution_by_syntax(content, quoted: _QuotedText):
    """The nearest cue that governs the quote in the parse: '“…,” she said', 'X says the party will “…”'."""
    for token in content:
        head = token.head
        if content.start <= head.i < content.end or head is token:
            continue
        found = []
        for ancestor in (head, *head.ancestors):
            if content.start <= ancestor.i < content.end:
                break
            if _cue_token(ancestor):
                subject = _subject(ancestor)
                if subject is not None and not (content.start <= subject.i < content.end):
                    found.append((ancestor, subject))
        if found:
            cue, subject = next((f for f in found if cue_shares().get(f[0].lemma_.lower(), 0.0) >= SPEECH_CUE_SHARE),
                                found[0])
            return quoted.attribution(cue, subject)
    return None


def _attribution_name_colon(doc, content, quoted: _QuotedText):
    """'Pollsters agree - Carl Bialik: “…”', 'HuffPollster: “…”': a name right before the colon is the speaker."""
    colon = doc[content.start - 1] if content.start > 1 else None
    if colon is None or colon.text != ":" or doc[colon.i - 1].ent_type_ not in ("PERSON", "ORG"):
        return None
    entity = next((e for e in doc.ents if e.start <= colon.i - 1 < e.end), None)
    if entity is None or entity.end != colon.i:
        return None
    return quoted.attribution(colon, entity.root)


def _attribution_colon(doc, content, quoted: _QuotedText):
    """'Trump leaned in and boomed: “…”': a quote introduced by a colon belongs to the subject of the clause before it."""
    colon = doc[content.start - 1] if content.start > 0 else None
    if colon is None or colon.text != ":":
        return None
    verb = colon.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i > colon.i:
        return None
    subject = _subject(verb)
    head = verb
    while subject is None and head.dep_ in ("conj", "dep", "advcl") and head.head.i != head.i:
        head = head.head  # 'Trump gestured …, then leaned in and boomed: “…”'
        subject = _subject(head)
    return quoted.attribution(verb, subject) if subject is not None and subject.i < colon.i else None


def _attribution_after(doc, content, quoted: _QuotedText):
    """'“…,” she said' / '“…,” said Marie Richards, ...' in the sentence the quote ends in."""
    window = doc[content.end : min(len(doc), content.end + AFTER_WINDOW)]
    closed_sentence = re.search(r"[.!?](”|\"|'')$", content.text) is not None
    for token in window:
        if token.text in OPENING_MARKS or token.is_sent_start and token.i > content.end + 1:
            break
        if _cue_token(token):
            subject = _subject(token)
            if subject is None:
                continue
            if closed_sentence and token.sent.end - token.i > 4:
                return None  # '“….” Trump echoed that message …, saying': a new sentence, not this quote's attribution
            if token.i - content.end > NEAR_AFTER and subject.left_edge.i > content.end + 1:
                continue  # a far cue counts only when its long subject opens right after the quote
            return quoted.attribution(token, subject)
    return None


def _attribution_before(doc, content, quoted: _QuotedText):
    """'Richards said: “…”' or 'saying, “…”': a cue just before the quote."""
    window = doc[max(0, content.start - 10) : content.start]
    found = []
    for token in reversed(window):
        if token.text in (".", "”") and token.i < content.start - 1:
            break
        if _cue_token(token):
            subject = _subject(token)
            if subject is not None:
                found.append((token, subject))
    if not found:
        return None
    # 'Cruz said … that states can pass such laws because “…”': a speech verb beats a nearer weaker cue
    cue, subject = next((f for f in found if cue_shares().get(f[0].lemma_.lower(), 0.0) >= SPEECH_CUE_SHARE), found[0])
    return quoted.attribution(cue, subject)


def _subject(cue):
    """Who the cue says spoke: its subject, or for a passive cue with an agent the agent ('Trump was criticized
    by his rivals'); a cue hanging on another verb takes that verb's ('X was quoted as saying')."""
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is not None:
        by = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if by is not None:
            return by
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if cue.dep_ in ("advcl", "xcomp", "conj", "acl") and cue.head.i != cue.i:
        return _subject(cue.head) if cue.head.pos_ in ("VERB", "AUX") else None
    return None


def _speaker_span(subject):
    """The speaker's noun phrase without its appositions and relative clauses ('Marie Richards', not '…, the …')."""
    left_out = {t.i for child in subject.children if child.dep_ in ("appos", "relcl", "acl") for t in child.subtree}
    kept = [t.i for t in subject.subtree if t.dep_ != "punct" and t.i not in left_out]
    if not kept:
        return subject.doc[subject.i : subject.i + 1]
    return subject.doc[kept[0] : kept[-1] + 1]


def _antecedent(subject):
    """'the Post, which reported …': the noun a relative pronoun stands for, or None."""
    if subject.tag_ not in ("WP", "WDT"):
        return None
    antecedent = next((a.head for a in subject.ancestors if a.dep_ == "relcl"), None)
    # 'Robert Stone, a 59-year-old from Hilton Head, South Carolina, who said …': places and dates do not speak
    while antecedent is not None and antecedent.ent_type_ in NOT_SPEAKERS and antecedent.head.i != antecedent.i \
            and antecedent.dep_ in ("appos", "pobj", "prep", "compound", "npadvmod", "conj"):
        antecedent = antecedent.head
    return antecedent


def _quote(doc, content, cue, subject, kind: str, speakers: Speakers, people: dict[int, str], actors) -> Quote:
    antecedent = _antecedent(subject)
    if antecedent is not None and antecedent.i < subject.i:
        # The speaker is the noun a relative pronoun stands for; the span runs from that noun to the pronoun.
        relative, subject = subject, antecedent
        name_span = _speaker_span(subject)
        span = doc[name_span.start : relative.i + 1]
    else:
        span = name_span = _speaker_span(subject)
    name = _person(subject, name_span, speakers, people)
    role, org, actor_id = speakers.roles.get(name, (None, None, None)) if name else (None, None, None)
    if name is None:
        name, org, actor_id = _organisation(subject, name_span, speakers, actors)
    elif org is None:
        org_mention = next((m for m in actors if name_span.start_char <= m.start and m.end <= name_span.end_char
                            and not m.person), None)
        if org_mention is not None:
            org, actor_id = org_mention.name, org_mention.actor_id
    return Quote(content.start_char, content.end_char, content.text, kind, name, span.start_char, span.end_char,
                 role, org, actor_id, cue.text, cue.idx, cue.idx + len(cue.text))


def _person(subject, span, speakers: Speakers, people: dict[int, str]) -> str | None:
    """The full name of the person the speaker span refers to, or None."""
    name = people.get(subject.i) or next((people[i] for i in range(span.start, span.end) if i in people), None)
    if name is None:  # 'the minister, Ali Hassan, said'
        name = next((people[t.i] for a in subject.children if a.dep_ == "appos" for t in a.subtree if t.i in people), None)
    if name is not None:
        return name
    lower = subject.lower_
    if lower in PRONOUNS:
        return speakers.pronoun(lower, subject.i)
    if span.text[:1].isupper() and len(span) <= 2:
        return speakers.surname(span.text, subject.i)
    if lower in DESCRIPTION_HEADS and span[0].lower_ in ("the", "a", "an"):
        return speakers.description(lower, subject.i)
    return None


def _organisation(subject, span, speakers: Speakers, actors) -> tuple[str | None, str | None, str | None]:
    """An organisation speaking ('the State Department said', 'the ministry said'): name, organisation, actor id."""
    mention = next((m for m in actors if not m.person and m.start <= subject.idx < m.end), None)
    if mention is not None and (subject.pos_ == "PROPN" or subject.ent_type_):
        # the speaker's head word names an actor ('the State Department'; not 'Libyan officials', 'women')
        return mention.name, mention.name, mention.actor_id
    if subject.ent_type_ in ("ORG", "GPE", "NORP") and subject.lower_ not in PRONOUNS:
        return span.text, span.text, None
    if subject.lemma_.lower() in organisation_heads() and span[0].lower_ == "the":
        earlier = next((m for m in reversed(actors) if not m.person and m.end <= span.start_char
                        and subject.lower_ in m.text.lower()), None)
        if earlier is not None:  # the speaker as the text named it ('Turkish Defence Ministry'), of its actor
            return re.sub(r"^the ", "", earlier.text, flags=re.IGNORECASE), earlier.name, earlier.actor_id
        named = next((e for e in reversed(subject.doc.ents) if e.label_ == "ORG" and e.end <= span.start
                      and subject.lower_ in e.text.lower()), None)
        name = re.sub(r"^the ", "", named.text, flags=re.IGNORECASE) if named is not None else span.text
        return name, name, None
    return None, None, None


# -- indirect quotes ---------------------------------------------------------------------------


def _indirect_quotes(doc, speakers: Speakers, people: dict[int, str], actors):
    for sent in doc.sents:
        according = re.search(r"\b[Aa]ccording to\b", sent.text)
        for token in sent:
            if not _cue_token(token):
                continue
            subject = _subject(token)
            if subject is None:
                continue
            content = (_clause_content(doc, token) or (None if _deed(token) else _object_content(doc, token))
                       or _parenthetical_content(sent, token))
            if content is None:
                continue
            kind = "mixed" if any(t.text in OPENING_MARKS for t in content) else "indirect"
            yield _quote(doc, content, token, subject, kind, speakers, people, actors)
        if according:
            yield from _according_to(doc, sent, according, speakers, people, actors)


OBJECT_DEPS = {"dobj", "oprd", "xcomp", "attr", "acomp", "ccomp"}


@functools.lru_cache(maxsize=1)
def addressee_cues() -> frozenset[str]:
    return frozenset(read_lines("quotes/addressee_cues.txt"))
OBJECT_PREPS = {"for", "about", "on", "that", "of", "as"}


def _clause_content(doc, cue):
    """'X said (that) Y': the complement clause, with its 'that'."""
    complement = next((c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
    if complement is None:
        complement = _that_clause_after_prep(cue)
    if complement is None:
        return None
    content = doc[min(t.i for t in complement.subtree) : max(t.i for t in complement.subtree) + 1]
    mark = content[0].i - 1
    if mark >= 0 and doc[mark].lower_ == "that" and doc[mark].head == complement:
        content = doc[mark : content.end]
    content = _trim_punct(content)
    return content if content is not None and len(content) >= 3 else None


def _that_clause_after_prep(cue):
    """'said in a statement that …': the parser hangs the that-clause on 'statement'; it is what was said."""
    for prep in (c for c in cue.rights if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            clause = next((c for c in noun.rights if c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX")
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if clause is not None:
                return clause
    return None


def _object_content(doc, cue):
    """'X criticized the plan', 'X called Trump “unhinged”', 'X called for talks': what follows the cue is what was said."""
    hearer = cue.lemma_.lower() in addressee_cues()
    parts = [c for c in cue.rights if (c.dep_ in OBJECT_DEPS and not (hearer and c.dep_ == "dobj"))
             or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS)]
    if not parts:
        return None
    start = min(t.i for c in parts for t in c.subtree)
    end = max(t.i for c in parts for t in c.subtree) + 1
    return _trim_punct(doc[start:end])


def _parenthetical_content(sent, cue):
    """'Y, Barden says, Z' / 'Y, he said.': the rest of the sentence is what was said."""
    if cue.dep_ not in ("parataxis", "ROOT") or cue.i == sent.start:
        return None
    before = sent.doc[sent.start : min(t.i for t in cue.subtree)]
    if len(before) < 4:
        return None
    after = sent.doc[max(t.i for t in cue.subtree) + 1 : sent.end]
    return _trim_punct(sent.doc[before.start : after.end if len(after) > 2 else before.end])


def _according_to(doc, sent, match, speakers, people, actors):
    start = sent.start_char + match.start()
    source_start = sent.start_char + match.end()
    rest = sent.text[match.end() :]
    comma = rest.find(",")
    source_end = source_start + (comma if comma != -1 else len(rest.rstrip(". \n\t")))
    source = doc.char_span(source_start, source_end, alignment_mode="contract")
    if source is None or not len(source):
        return
    if start - sent.start_char > 3:  # "X happened, according to Y": the content comes first
        content = doc.char_span(sent.start_char, start, alignment_mode="contract")
    else:
        content = doc.char_span(source_end + 1, sent.end_char, alignment_mode="contract")
    content = _trim_punct(content) if content is not None else None
    if content is None or len(content) < 3:
        return
    cue = doc.char_span(start, sent.start_char + match.end(), alignment_mode="expand")
    yield _quote(doc, content, cue[0] if cue is not None else source.root, source.root, "indirect", speakers, people, actors)


HEADLINE_ATTRIBUTION = re.compile(r"^(?P<source>[A-Z][^:\n]{1,40}):[ \t]+(?P<content>[^\n]{12,})$", re.MULTILINE)
MAX_HEADLINE_SOURCE_WORDS = 5


def _headline_quotes(doc, speakers, people, actors):
    """'McCain: Populist Anger Appeals to Bad Angels': a line that opens with a short name and a colon."""
    for match in HEADLINE_ATTRIBUTION.finditer(doc.text):
        source = doc.char_span(match.start("source"), match.end("source"), alignment_mode="contract")
        content = doc.char_span(match.start("content"), match.end("content"), alignment_mode="contract")
        if source is None or content is None or len(source) > MAX_HEADLINE_SOURCE_WORDS:
            continue
        if not any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in source):
            continue
        colon = doc.char_span(match.end("source"), match.end("source") + 1, alignment_mode="expand")
        yield _quote(doc, content, colon[0] if colon is not None else source.root, source.root, "indirect",
                     speakers, people, actors)


def _trim_punct(span):
    if span is None:
        return None
    start, end = span.start, span.end
    while start < end and span.doc[start].is_punct and span.doc[start].text not in OPENING_MARKS:
        start += 1
    while end > start and span.doc[end - 1].is_punct and span.doc[end - 1].text not in (*CLOSING_MARKS, "."):
        end -= 1
    return span.doc[start:end] if end > start else None
