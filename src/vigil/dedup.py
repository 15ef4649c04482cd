"""Near-duplicate articles: syndicated copies of one wire story, found with MinHash LSH.

A copy is kept (its source matters: how many outlets ran the story) and linked
to the first stored article it duplicates.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # fixed, so stored signatures stay comparable across datasketch versions
THRESHOLD = 0.7  # estimated Jaccard similarity of word 5-shingles
SHINGLE = 5
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64), scheme=SCHEME)


class DuplicateFinder:
    """Remembers the articles seen so far and names the original of a near-copy."""

    def __init__(self, threshold: float = THRESHOLD):
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.order: dict[str, int] = {}
        self.minhashes: dict[str, MinHash] = {}
        self.threshold = threshold

    def add(self, doc_id: str, minhash: MinHash) -> None:
        if doc_id in self.order:
            return
        self.order[doc_id] = len(self.order)
        self.minhashes[doc_id] = minhash
        self.lsh.insert(doc_id, minhash)

    def original_of(self, minhash: MinHash) -> str | None:
        """The earliest stored article this one is a near-copy of, if any."""
        matches = [
            key for key in self.lsh.query(minhash)
            if self.minhashes[key].jaccard(minhash) >= self.threshold
        ]
        return min(matches, key=self.order.__getitem__) if matches else None
