"""Which contributions form campaigns: pure functions, no database.

Input: ``Prints``, a row per contribution (its post id, who wrote it, its
signature). Two contributions are *candidates* when one of
their LSH bands is equal; a candidate pair is *verified* when the estimated
Jaccard similarity of their signatures reaches ``fingerprint.THRESHOLD``.
Verified pairs join their contributions (union-find): near-copies of
near-copies are one campaign, as a text edited along a chain of forwards is.

A group is a campaign only when at least ``MIN_AUTHORS`` different authors
wrote its members: one author posting the same text twice is one voice
already. Moderators' rulings (``Rulings``) win over the similarity: a post
ruled *alone* joins no campaign, posts ruled *together* are one campaign
whatever their text.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from search.campaigns import fingerprint

MIN_AUTHORS = 2
# How many rows before it each row of a band's run is compared with, besides the run's
# first (see candidate_pairs): on the planted set 2, 4 and 8 found the same pairs.
NEIGHBOURS = 2
# How close every member must stay to a campaign's earliest member (see _around_earliest).
CORE = 0.4


@dataclass
class Prints:
    """Contributions' fingerprints, one row each: post ids, authors, signatures (rows x NUM_PERM)."""

    post_ids: list[int]
    authors: list[str]
    signatures: np.ndarray

    @classmethod
    def of(cls, rows):
        """From (post id, author, signature or None) rows; those with no signature are left out."""
        rows = [row for row in rows if row[2] is not None]
        matrix = (
            np.stack([row[2] for row in rows]) if rows else np.zeros((0, fingerprint.NUM_PERM), np.uint32)
        )
        return cls([row[0] for row in rows], [row[1] for row in rows], matrix)


@dataclass
class Rulings:
    alone: set[int] = field(default_factory=set)
    # post id → the post it was merged with (anchor); chains resolve through union-find.
    together: dict[int, int] = field(default_factory=dict)


class UnionFind:
    def __init__(self):
        self.parent = {}

    def find(self, item):
        parent = self.parent.setdefault(item, item)
        if parent == item:
            return item
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first, second):
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self):
        members = defaultdict(list)
        for item in self.parent:
            members[self.find(item)].append(item)
        return list(members.values())


def candidate_pairs(signatures):
    """Row pairs (lower, higher) sharing an LSH band, as two arrays.

    All rows' band hashes are sorted together; within each run of equal
    hashes every row is paired with the run's first row and the
    ``NEIGHBOURS`` rows before it. A band shared by a campaign of thousands
    is then linear, not quadratic, and union-find needs no more: a copy that
    fails against the first is still tried against its neighbours."""
    count = len(signatures)
    if count < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    bands = fingerprint.band_matrix(signatures).ravel()
    rows = np.repeat(np.arange(count, dtype=np.int64), fingerprint.BANDS)
    order = np.argsort(bands, kind="stable")
    bands, rows = bands[order], rows[order]
    same = np.flatnonzero(bands[1:] == bands[:-1]) + 1  # positions equal to the one before
    if not len(same):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.zeros(len(bands), dtype=np.int64)
    starts[1:] = np.where(bands[1:] == bands[:-1], 0, np.arange(1, len(bands)))
    starts = np.maximum.accumulate(starts)
    first, second = [rows[starts[same]]], [rows[same]]
    for back in range(1, NEIGHBOURS + 1):
        within = same[same - back >= starts[same]]
        first.append(rows[within - back])
        second.append(rows[within])
    first, second = np.concatenate(first), np.concatenate(second)
    low, high = np.minimum(first, second), np.maximum(first, second)
    keep = low != high
    keys = np.unique(low[keep] * count + high[keep])
    return keys // count, keys % count


def verified_pairs(signatures, first, second):
    """The candidate pairs whose estimated Jaccard similarity reaches the threshold."""
    keep = []
    # In slices, so a million candidate pairs never need a million by 128 array at once.
    step = 50_000
    for start in range(0, len(first), step):
        a, b = first[start : start + step], second[start : start + step]
        agree = np.count_nonzero(signatures[a] == signatures[b], axis=1) / fingerprint.NUM_PERM
        keep.append(agree >= fingerprint.THRESHOLD)
    if not keep:
        return first, second
    mask = np.concatenate(keep)
    return first[mask], second[mask]


def _around_earliest(members, signatures, index, merged):
    """The members close enough to the earliest (lowest post id) to be its copies.

    Union-find chains: A like B, B like C, yet A and C may share one sentence
    (template-built texts do). A campaign is copies of one text, so each
    member must stay within ``CORE`` of the earliest, as ``store.place``
    checks a newcomer against it."""
    if len(members) < 3:
        return members
    centre = min(members)
    rows = np.array([index[p] for p in members])
    agree = np.count_nonzero(signatures[rows] == signatures[index[centre]], axis=1) / fingerprint.NUM_PERM
    return [p for p, similarity in zip(members, agree, strict=True) if similarity >= CORE or p in merged]


def group(prints, rulings=None):
    """The campaigns among ``prints``: a list of sets of post ids, each with
    at least ``MIN_AUTHORS`` authors (or joined by a moderator)."""
    rulings = rulings or Rulings()
    authors = dict(zip(prints.post_ids, prints.authors, strict=True))
    joined = UnionFind()
    post_ids = prints.post_ids
    for a, b in zip(*verified_pairs(prints.signatures, *candidate_pairs(prints.signatures)), strict=True):
        a, b = post_ids[a], post_ids[b]
        if a not in rulings.alone and b not in rulings.alone:
            joined.union(a, b)
    merged = set()
    for post_id, anchor in rulings.together.items():
        if post_id in authors and anchor in authors:
            joined.union(post_id, anchor)
            merged.update((post_id, anchor))
    campaigns = []
    index = {post_id: row for row, post_id in enumerate(post_ids)}
    for members in joined.groups():
        members = _around_earliest(members, prints.signatures, index, merged)
        if len({authors[p] for p in members}) >= MIN_AUTHORS or (len(members) > 1 and merged & set(members)):
            campaigns.append(set(members))
    return campaigns
