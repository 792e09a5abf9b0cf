"""Which contributions form campaigns: pure functions, no database.

Input: one ``Print`` per contribution (its post id, who wrote it, its
signature and band hashes). Two contributions are *candidates* when one of
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


@dataclass(frozen=True)
class Print:
    post_id: int
    author: str
    signature: np.ndarray
    bands: tuple[int, ...]


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


def candidate_pairs(prints):
    """Pairs (lower index, higher index) sharing a band, each once."""
    buckets = defaultdict(list)
    for index, item in enumerate(prints):
        for band in item.bands:
            buckets[band].append(index)
    pairs = set()
    for indices in buckets.values():
        if len(indices) < 2:
            continue
        first = indices[0]
        # A bucket of k is one campaign in the making: linking each to the
        # first (not all k² pairs) is enough for union-find, and keeps a
        # campaign of thousands linear. Those that fail against the first
        # are tried against each other.
        rest = indices[1:]
        pairs.update((first, other) for other in rest)
        if len(indices) <= 50:
            pairs.update((a, b) for i, a in enumerate(rest) for b in rest[i + 1 :])
    return pairs


def verified_pairs(prints, pairs):
    if not pairs:
        return []
    pairs = sorted(pairs)
    first = np.array([a for a, _b in pairs])
    second = np.array([b for _a, b in pairs])
    matrix = np.stack([item.signature for item in prints])
    verified = []
    # In slices, so a million candidate pairs never need a million by 128 array at once.
    step = 50_000
    for start in range(0, len(pairs), step):
        a, b = first[start : start + step], second[start : start + step]
        agree = np.count_nonzero(matrix[a] == matrix[b], axis=1) / fingerprint.NUM_PERM
        for i in np.flatnonzero(agree >= fingerprint.THRESHOLD):
            verified.append((prints[a[i]].post_id, prints[b[i]].post_id))
    return verified


def group(prints, rulings=None):
    """The campaigns among ``prints``: a list of sets of post ids, each with
    at least ``MIN_AUTHORS`` authors (or joined by a moderator)."""
    rulings = rulings or Rulings()
    authors = {item.post_id: item.author for item in prints}
    joined = UnionFind()
    for a, b in verified_pairs(prints, candidate_pairs(prints)):
        if a not in rulings.alone and b not in rulings.alone:
            joined.union(a, b)
    merged = set()
    for post_id, anchor in rulings.together.items():
        if post_id in authors and anchor in authors:
            joined.union(post_id, anchor)
            merged.update((post_id, anchor))
    campaigns = []
    for members in joined.groups():
        if len({authors[p] for p in members}) >= MIN_AUTHORS or (len(members) > 1 and merged & set(members)):
            campaigns.append(set(members))
    return campaigns
