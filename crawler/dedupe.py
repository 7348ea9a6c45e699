"""Exact and near-duplicate detection for article texts.

Wire stories are republished with a new headline, a different footer or an
editor's line; the claims in them must not be counted as independent
sources. MinHash over character 5-grams catches these without word
segmentation, so Chinese and English are handled alike.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence

from datasketch import MinHash, MinHashLSH

SHINGLE_CHARS = 5
THRESHOLD = 0.8
NUM_PERM = 128
# Fixed seed and permutation scheme: signatures are persisted and must stay
# comparable across processes and datasketch upgrades (2.0 changed the default).
_SEED = 1
_SCHEME = "affine32"


def content_hash(text: str) -> str:
    """sha256 (hex) of ``text`` with runs of whitespace folded to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _normalised(text: str) -> str:
    # NFKC folds full-width digits and letters (２０２４, ＡＩ) onto ASCII;
    # whitespace is dropped entirely because Chinese has none and line
    # wrapping differs between copies of the same story.
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def shingles(text: str, size: int = SHINGLE_CHARS) -> set[str]:
    """Character ``size``-grams of the normalised text (the whole text if shorter)."""
    normal = _normalised(text)
    if len(normal) <= size:
        return {normal} if normal else set()
    return {normal[i : i + size] for i in range(len(normal) - size + 1)}


def _minhash(text: str, num_perm: int) -> MinHash:
    minhash = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return minhash


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> list[int]:
    """The MinHash signature of ``text`` as plain ints, for storing in a database."""
    return [int(value) for value in _minhash(text, num_perm).hashvalues]


class NearDuplicateIndex:
    """Finds earlier texts that are near-duplicates (Jaccard ≥ threshold) of a text."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}  # insertion rank: "earliest" means added first
        # the pipeline asks find(text) then add(key, text): the MinHash is made once
        self._last: tuple[str, MinHash] | None = None

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, key: object) -> bool:
        return key in self._hashes

    def minhash_signature(self, text: str) -> list[int]:
        return minhash_signature(text, self.num_perm)

    def add(self, key: str, text: str) -> None:
        """Index ``text`` under ``key``; a key already present keeps its first text."""
        self._insert(key, self._minhash_of(text))

    def add_signature(self, key: str, signature: Sequence[int]) -> None:
        """Index a stored signature (from ``minhash_signature``) under ``key``."""
        if len(signature) != self.num_perm:
            raise ValueError(f"signature has {len(signature)} values, expected {self.num_perm}")
        minhash = MinHash(
            num_perm=self.num_perm, seed=_SEED, hashvalues=list(signature), scheme=_SCHEME
        )
        self._insert(key, minhash)

    def _minhash_of(self, text: str) -> MinHash:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        minhash = _minhash(text, self.num_perm)
        self._last = (text, minhash)
        return minhash

    def _insert(self, key: str, minhash: MinHash) -> None:
        if key in self._hashes:
            return
        self._lsh.insert(key, minhash)
        self._hashes[key] = minhash
        self._order[key] = len(self._order)

    def find(self, text: str) -> str | None:
        """Key of the earliest indexed near-duplicate of ``text``, or None."""
        minhash = self._minhash_of(text)
        # LSH candidates are approximate; confirm with the estimated Jaccard.
        matches = [
            key
            for key in self._lsh.query(minhash)
            if minhash.jaccard(self._hashes[key]) >= self.threshold
        ]
        return min(matches, key=self._order.__getitem__) if matches else None

    @classmethod
    def from_signatures(
        cls,
        items: Iterable[tuple[str, Sequence[int]]],
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> NearDuplicateIndex:
        """Rebuild an index from (key, signature) pairs, oldest first."""
        index = cls(threshold=threshold, num_perm=num_perm)
        for key, signature in items:
            index.add_signature(key, signature)
        return index
