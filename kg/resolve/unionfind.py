"""Disjoint sets: the one union-find of entity resolution (clusters, name variants)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable


class UnionFind:
    """Disjoint sets over hashable items; roots are the smallest item, so order never matters."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item):
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low

    def groups(self) -> dict[Hashable, list]:
        out: dict[Hashable, list] = defaultdict(list)
        for item in list(self.parent):
            out[self.find(item)].append(item)
        return out
