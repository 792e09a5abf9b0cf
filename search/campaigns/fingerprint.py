"""A contribution's text as a MinHash signature and its LSH band hashes.

Words are ``search.analysis.words`` (NFKC, casefold, the Arabic orthographic
folds: the same normalisation the index uses, without stemming, which costs
more than everything else here and adds nothing for near-copies). Shingles
are runs of ``SHINGLE_WORDS`` consecutive words: a swapped name or greeting
changes only the few shingles it touches, while two texts on the same topic
written independently share almost none. The signature is datasketch's
MinHash (``NUM_PERM`` permutations, a fixed seed so signatures stored months
apart compare); shingles are hashed with CRC-32, which is stable across
processes (Python's ``hash`` of a string is not) and cheap.

LSH: the signature is cut into ``BANDS`` bands of ``ROWS`` values, as
datasketch's ``MinHashLSH`` chooses them for ``THRESHOLD``; two texts are
candidates when one band is equal. Each band is stored as one 64-bit hash
(``band_hashes``), so candidates are found by an indexed SQL lookup, and
survive restarts. Candidates are then verified by the estimated Jaccard
similarity of the whole signatures (``similarity``).
"""

import hashlib
import zlib
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from search.analysis import words

NUM_PERM = 128
SEED = 20261207
SHINGLE_WORDS = 3
# datasketch 2's 32-bit scheme: values fit four bytes each.
SCHEME = "affine32"
# Jaccard similarity of the shingle sets from which two texts are one campaign's. Measured
# on tests/campaign_corpus.py: copies with two edits fall to 0.5-0.6, official texts sharing
# a template's boilerplate rise to 0.42 (docs/architecture.md, "Campaigns").
THRESHOLD = 0.55
# Shorter texts ("I agree", "Thank you") are said independently by many; they never form a campaign.
MIN_WORDS = 12
# Bumped when anything above changes: stored fingerprints of an older version are recomputed.
VERSION = f"{NUM_PERM}.{SEED}.{SHINGLE_WORDS}.{THRESHOLD}.{MIN_WORDS}"


@cache
def _bands():
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


BANDS, ROWS = _bands()


@cache
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def shingles(text):
    """The set of word shingles of ``text`` (empty when it is too short to tell a campaign)."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def signature(text):
    """The MinHash signature (``NUM_PERM`` unsigned 32-bit values), or None for a short text."""
    found = shingles(text)
    if not found:
        return None
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_permutations(), scheme=SCHEME
    )
    minhash.update_batch([s.encode() for s in found])
    return minhash.hashvalues.astype(np.uint32)


def to_bytes(values):
    return values.astype("<u4").tobytes()


def from_bytes(data):
    return np.frombuffer(bytes(data), dtype="<u4")


def band_hashes(values):
    """One signed 64-bit hash per band (the band's number included, so equal
    values in two different bands never collide)."""
    raw = to_bytes(values)
    width = ROWS * 4
    hashes = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            raw[band * width : (band + 1) * width], digest_size=8, salt=bytes([band]) * 16
        )
        hashes.append(int.from_bytes(digest.digest(), "little", signed=True))
    return hashes


def similarity(first, second):
    """The estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(first == second)) / NUM_PERM
