"""A contribution's text as a MinHash signature and its LSH band hashes.

Words are casefolded, without Arabic diacritics (``words``; no stemming,
which would cost more than everything else here and adds nothing for
near-copies). Shingles
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

import re
import zlib
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

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


_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u200c-\u200f]")
_WORD = re.compile(r"\w+")


def words(text):
    """The words of ``text``, casefolded, without Arabic diacritics and tatweel.

    Lighter than ``search.analysis.words`` (no compatibility fold, no
    orthographic table: a third of the time): copies of one text share its
    spelling, and 100,000 texts must be fingerprinted in seconds."""
    return _WORD.findall(_MARKS.sub("", text.casefold()))


def shingles(text):
    """The set of word shingles of ``text`` (empty when it is too short to tell a campaign)."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


# Odd multipliers that combine the words' hashes into their shingle's.
_COMBINE = (np.uint32(0x9E3779B1), np.uint32(0x85EBCA77), np.uint32(0xC2B2AE3D))


def shingle_hashes(text):
    """A 32-bit hash of each shingle of ``text`` (repeats kept: a minimum
    does not count them), or None when it is too short. Computed from the
    words' CRC-32s with array arithmetic, never building the shingles'
    strings: a third of the time of hashing each one."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    hashed = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), dtype=np.uint32, count=len(tokens))
    width = len(tokens) - SHINGLE_WORDS + 1
    combined = np.zeros(width, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE_WORDS):
            combined = _fmix32(combined ^ (hashed[offset : offset + width] * _COMBINE[offset]))
    return combined


def signature(text):
    """The MinHash signature (``NUM_PERM`` unsigned 32-bit values), or None
    for a short text: datasketch's, the reference for ``signatures``."""
    hashed = shingle_hashes(text)
    if hashed is None:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(hashed.tolist())
    return minhash.hashvalues.astype(np.uint32)


def signatures(texts):
    """``signature`` of many texts at once, equal to it value for value (a
    test checks): datasketch's affine32 scheme applied to the shingles of a
    slice of texts in one array per permutation, then the minimum per text.
    ``find_campaigns`` needs this speed."""
    a, b = (np.asarray(part, dtype=np.uint32) for part in _permutations())
    found = [None] * len(texts)
    hashes, owners = [], []

    def flush():
        values = _fmix32(np.concatenate(hashes))
        starts = np.cumsum([0, *(len(h) for h in hashes[:-1])])
        permuted = np.empty((NUM_PERM, len(values)), dtype=np.uint32)
        with np.errstate(over="ignore"):
            # One permutation (row) at a time: contiguous, and no temporary as large as the whole.
            for row in range(NUM_PERM):
                np.multiply(values, a[row], out=permuted[row])
                permuted[row] += b[row]
        minima = np.minimum.reduceat(permuted, starts, axis=1).T
        for index, row in zip(owners, minima, strict=True):
            found[index] = np.ascontiguousarray(row)
        hashes.clear()
        owners.clear()

    pending = 0
    for index, text in enumerate(texts):
        hashed = shingle_hashes(text)
        if hashed is None:
            continue
        hashes.append(hashed)
        owners.append(index)
        pending += len(hashed)
        if pending >= 200_000:  # 100 MB of permuted values at a time
            flush()
            pending = 0
    if hashes:
        flush()
    return found


_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _fmix32(values):
    # MurmurHash3's finaliser, as datasketch's affine32 scheme premixes each input hash.
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        values = values ^ (values >> s1)
        values = values * m1
        values = values ^ (values >> s2)
        values = values * m2
        return values ^ (values >> s3)


def _fmix64(values):
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(33))
        values = values * np.uint64(0xFF51AFD7ED558CCD)
        values = values ^ (values >> np.uint64(33))
        values = values * np.uint64(0xC4CEB9FE1A85EC53)
        return values ^ (values >> np.uint64(33))


def to_bytes(values):
    return values.astype("<u4").tobytes()


def from_bytes(data):
    return np.frombuffer(bytes(data), dtype="<u4")


def band_matrix(signatures):
    """(texts x ``BANDS``) signed 64-bit band hashes of a (texts x ``NUM_PERM``) matrix.

    Each band's values are mixed in turn (MurmurHash3's 64-bit finaliser),
    starting from the band's number, so equal values in two bands never
    collide; a rare collision of different values only adds a candidate,
    which verification drops."""
    rows = np.asarray(signatures, dtype=np.uint64)[:, : BANDS * ROWS].reshape(len(signatures), BANDS, ROWS)
    hashed = np.broadcast_to(np.arange(1, BANDS + 1, dtype=np.uint64), (len(signatures), BANDS))
    for row in range(ROWS):
        hashed = _fmix64(hashed ^ _fmix64(rows[:, :, row] + np.uint64(row + 1)))
    return hashed.view(np.int64)


def band_hashes(values):
    """The band hashes of one signature (what ``PrintBand`` stores)."""
    return band_matrix(values[None, :])[0].tolist()


def similarity(first, second):
    """The estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(first == second)) / NUM_PERM
