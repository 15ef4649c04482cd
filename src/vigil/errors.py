"""Every error Vigil reports to a user, in one place, with a clear message."""

from __future__ import annotations


class VigilError(Exception):
    """Base class: the message is shown to the user as it is."""


class ModelMissing(VigilError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy pipeline {name!r} is not installed. Install it with: "
            "pip install --no-deps --require-hashes -r requirements/model.txt"
        )


class UnknownExtractor(VigilError):
    def __init__(self, name: str, known: list[str]):
        super().__init__(f"no extractor named {name!r}; known: {', '.join(sorted(known)) or 'none'}")


class UnknownTable(VigilError):
    def __init__(self, name: str, known: list[str]):
        super().__init__(f"no table named {name!r}; choose one of: {', '.join(known)}")


class UnknownFormat(VigilError):
    def __init__(self, name: str, known: list[str]):
        super().__init__(f"no export format {name!r}; choose one of: {', '.join(known)}")


class DocumentNotFound(VigilError):
    def __init__(self, doc_id: str):
        super().__init__(f"no document with id {doc_id!r} (ids are shown by 'vigil export documents' and 'vigil search')")


class DatabaseError(VigilError):
    pass


class EvalDataError(VigilError):
    pass


class EventNotFound(VigilError):
    def __init__(self, event_id: str):
        super().__init__(f"no event with id {event_id!r} (ids are shown by 'vigil events' and the API's /api/events)")


class DashboardNotBuilt(VigilError):
    def __init__(self, folder):
        super().__init__(f"the dashboard's browser files are not built ({folder} is missing): run 'make install', "
                         "or 'npm ci --prefix web && npm run --prefix web build' (the REST API under /api works without them)")
