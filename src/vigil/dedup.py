"""Near-duplicate articles: syndicated copies of one wire story, found with MinHash LSH.

A copy is kept (its source matters: how many outlets ran the story) and linked
to the first stored article it duplicates.

The index is compact so that memory stays nearly flat on large corpora: per
article it keeps one 64-bit key per LSH band (the banding datasketch's
`MinHashLSH` chooses for the threshold) and the article id. Full signatures are
kept only for the most recent articles; older ones are read back from the store
when a band matches (rare: only near-copies and chance band collisions).
"""

from __future__ import annotations

import collections
import re
from typing import Callable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # fixed, so stored signatures stay comparable across datasketch versions
THRESHOLD = 0.7  # estimated Jaccard similarity of word 5-shingles
SHINGLE = 5
RECENT_SIGNATURES = 4096  # full signatures kept in memory; older ones come from the store
_WORD = re.compile(r"\w+")
# odd 64-bit multipliers that fold the rows of one band into one key (arithmetic wraps modulo 2**64)
_FOLD = np.random.default_rng(20240607).integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


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


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (as datasketch's MinHash.jaccard)."""
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateFinder:
    """Remembers the articles seen so far and names the original of a near-copy.

    `stored_signature(doc_id)` returns a stored signature (bytes) for articles whose
    signature is no longer among the `recent` kept in memory; without it, all are kept.

    Band keys live in per-band sorted arrays (binary search) plus a small unsorted tail
    of the latest articles, merged into the sorted part when it fills: a lookup costs
    O(bands * log n), about 100 bytes per article.
    """

    def __init__(self, threshold: float = THRESHOLD, stored_signature: Callable[[str], bytes | None] | None = None,
                 recent: int = RECENT_SIGNATURES, tail: int = 2048):
        banding = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.bands, self.rows = banding.b, banding.r
        self.threshold = threshold
        self.stored_signature = stored_signature
        self.recent = recent if stored_signature else None
        self.ids: list[str] = []
        self.sorted_keys = np.empty((self.bands, 0), dtype=np.uint64)  # per band, ascending
        self.sorted_index = np.empty((self.bands, 0), dtype=np.uint32)  # article number of each sorted key
        self.tail_keys = np.empty((tail, self.bands), dtype=np.uint64)  # latest articles, unsorted
        self.tail_size = 0
        self.signatures: collections.OrderedDict[str, np.ndarray] = collections.OrderedDict()

    def __len__(self) -> int:
        return len(self.ids)

    def band_keys(self, values: np.ndarray) -> np.ndarray:
        folded = values[: self.bands * self.rows].astype(np.uint64) * _FOLD[: self.bands * self.rows]
        return folded.reshape(self.bands, self.rows).sum(axis=1, dtype=np.uint64)

    def add(self, doc_id: str, minhash: MinHash) -> None:
        self.add_values(doc_id, np.asarray(minhash.hashvalues, dtype=np.uint64))

    def add_stored(self, doc_id: str, blob: bytes) -> None:
        """Add a signature as the store keeps it (see `to_bytes`)."""
        self.add_values(doc_id, np.frombuffer(blob, dtype=np.uint64))

    def add_values(self, doc_id: str, values: np.ndarray) -> None:
        if doc_id in self.signatures:
            return
        if self.tail_size == len(self.tail_keys):
            self._merge_tail()
        self.tail_keys[self.tail_size] = self.band_keys(values)
        self.tail_size += 1
        self.ids.append(doc_id)
        self.signatures[doc_id] = values
        if self.recent is not None and len(self.signatures) > self.recent:
            self.signatures.popitem(last=False)

    def _merge_tail(self) -> None:
        first = len(self.ids) - self.tail_size
        numbers = np.arange(first, len(self.ids), dtype=np.uint32)
        keys = np.concatenate([self.sorted_keys, self.tail_keys[: self.tail_size].T], axis=1)
        index = np.concatenate([self.sorted_index, np.broadcast_to(numbers, (self.bands, len(numbers)))], axis=1)
        order = np.argsort(keys, axis=1, kind="stable")
        self.sorted_keys = np.take_along_axis(keys, order, axis=1)
        self.sorted_index = np.take_along_axis(index, order, axis=1)
        self.tail_size = 0

    def candidates(self, keys: np.ndarray) -> list[int]:
        """Numbers of the articles sharing at least one band key, in the order they were added."""
        found: set[int] = set()
        for band in range(self.bands):
            row = self.sorted_keys[band]
            low = np.searchsorted(row, keys[band], side="left")
            high = np.searchsorted(row, keys[band], side="right")
            found.update(self.sorted_index[band, low:high].tolist())
        first = len(self.ids) - self.tail_size
        found.update((first + np.flatnonzero((self.tail_keys[: self.tail_size] == keys).any(axis=1))).tolist())
        return sorted(found)

    def original_of(self, minhash: MinHash) -> str | None:
        """The earliest stored article this one is a near-copy of, if any."""
        values = np.asarray(minhash.hashvalues, dtype=np.uint64)
        for number in self.candidates(self.band_keys(values)):
            known = self._signature(self.ids[number])
            if known is not None and jaccard(known, values) >= self.threshold:
                return self.ids[number]
        return None

    def _signature(self, doc_id: str) -> np.ndarray | None:
        if doc_id in self.signatures:
            return self.signatures[doc_id]
        blob = self.stored_signature(doc_id) if self.stored_signature else None
        return None if blob is None else np.frombuffer(blob, dtype=np.uint64)
