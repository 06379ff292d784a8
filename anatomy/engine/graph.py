"""The links table as the engine walks it: indexes built once per model."""

from __future__ import annotations

from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import WEIGHTS


class Graph:
    """Indexes over the links table (links as plain dicts, with parsed weight and position)."""

    def __init__(self, model: Model):
        kind = model._index["kind"]
        self.parent: dict[str, str] = {}
        self.parent_link: dict[str, dict] = {}
        self.from_root: dict[str, list[dict]] = {}
        self.from_nerve: dict[str, list[dict]] = {}
        self.to_from_nerve: dict[tuple[str, str], list[dict]] = {}
        self.contrib: dict[tuple[str, str], dict] = {}
        self.traverses: dict[str, list[str]] = {}
        self.exits: dict[str, list[str]] = {}
        self.link_of: dict[tuple[str, str, str], dict] = {}
        for link in model.links.to_dict("records"):
            src, rel, tgt = link["source"], link["relation"], link["target"]
            link["cites"] = split_cell(link["citations"])
            link["w"] = WEIGHTS.get(link["weight"], 1.0)
            link["pos"] = float(link["position"]) if link["position"] else 0.0
            self.link_of[(src, rel, tgt)] = link
            if kind[src] == "root":
                self.from_root.setdefault(src, []).append(link)
                if rel == "contributes_to":
                    self.contrib[(src, tgt)] = link
                elif rel == "traverses":
                    self.traverses.setdefault(tgt, []).append(src)
                elif rel == "exits_at":
                    self.exits.setdefault(tgt, []).append(src)
                continue
            if rel in ("branches_to", "innervates"):
                self.parent[tgt] = src
                self.parent_link[tgt] = link
            if kind[src] == "nerve":
                self.from_nerve.setdefault(src, []).append(link)
                self.to_from_nerve.setdefault((rel, tgt), []).append(link)
        self.chains = {s: self._chain(s) for s in kind}

    def _chain(self, structure: str) -> list[str]:
        chain = []
        while structure in self.parent:
            structure = self.parent[structure]
            chain.append(structure)
        return chain[::-1]

    def chain(self, structure: str) -> list[str]:
        """Plexus and nerves from the top down to (not including) the structure."""
        return self.chains[structure]

    def via_nerve(self, root: str, relation: str, target: str) -> dict | None:
        """The link from a nerve carrying this root to the target, main links first."""
        best, best_score = None, -1.0
        for link in self.to_from_nerve.get((relation, target), []):
            contrib = self.contrib.get((root, link["source"]))
            if contrib is not None and link["w"] + contrib["w"] > best_score:
                best, best_score = link, link["w"] + contrib["w"]
        return best


def graph(model: Model) -> Graph:
    """The model's graph, built once (kept by ``model.derived``)."""
    return model.derived(Graph)
