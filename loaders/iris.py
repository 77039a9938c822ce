"""Deterministic IRIs for everything psikg mints.

The same input always gives the same IRIs, so re-loading a source rewrites the same nodes and
sources that name the same thing meet at one node. Every instance IRI lives under the base IRI
(``https://w3id.org/psikg/`` by default) in ``id/<kind>/<key>``.

>>> m = Minter("https://w3id.org/psikg/")
>>> m.region("33.75").value
'https://w3id.org/psikg/id/region/33.75'
>>> m.innovation("33.75", "LP-PAR").value
'https://w3id.org/psikg/id/innovation/33.75/lp-par'
"""

from __future__ import annotations

import hashlib

from pyoxigraph import NamedNode

from ..settings import DEFAULT_BASE_IRI
from .text import fold, slug

SDG_BASE = "http://metadata.un.org/sdg/"


def short_hash(*parts: str) -> str:
    """First 12 hex digits of the SHA-1 of the folded parts: stable, short, collision-safe enough."""
    return hashlib.sha1("\x1f".join(fold(p) for p in parts).encode("utf-8")).hexdigest()[:12]


class Minter:
    """Mints the IRIs of one graph under ``base`` (ending in ``/``)."""

    def __init__(self, base: str = DEFAULT_BASE_IRI):
        self.base = base if base.endswith("/") else base + "/"
        self.id = self.base + "id/"

    def iri(self, kind: str, *keys: str) -> NamedNode:
        return NamedNode(self.id + "/".join([kind, *keys]))

    def rebase(self, iri: str) -> str:
        """Move an IRI written under the default base (in the reference .ttl files) to ours."""
        if iri.startswith(DEFAULT_BASE_IRI) and self.base != DEFAULT_BASE_IRI:
            return self.base + iri[len(DEFAULT_BASE_IRI) :]
        return iri

    # reference things
    def region(self, code: str) -> NamedNode:
        return self.iri("region", code)

    def org(self, org_key: str) -> NamedNode:
        return self.iri("org", org_key)

    def scheme(self, key: str) -> NamedNode:
        return self.iri("scheme", key)

    def rank(self, key: str) -> NamedNode:
        return self.iri("rank", key)

    def role(self, key: str) -> NamedNode:
        return self.iri("role", key)

    def replication_form(self, key: str) -> NamedNode:
        return self.iri("replication-form", key)

    @staticmethod
    def sdg(notation: str) -> NamedNode:
        return NamedNode(SDG_BASE + notation)

    # people and posts
    def person(self, canonical_name: str) -> NamedNode:
        return self.iri("person", slug(canonical_name))

    def post(self, org_key: str, role_key: str, title: str | None = None) -> NamedNode:
        # A post with its own title (Kepala Bidang X) is distinct from the bare role in that org.
        keys = [org_key, role_key] + ([slug(title)] if title else [])
        return self.iri("post", *keys)

    def holding(self, post: NamedNode, person_slug: str, start: str | None = None) -> NamedNode:
        path = post.value[len(self.id + "post/") :]
        return self.iri("holding", path, person_slug + (f"/{start}" if start else ""))

    def interval(self, holding: NamedNode) -> NamedNode:
        return NamedNode(holding.value + "/interval")

    def instant(self, interval: NamedNode, end: str) -> NamedNode:
        """The beginning or end of one interval. Minted per interval, not per date: a node shared
        by every source stating the same date would be restated in each source's graph, and the
        union default graph of a quad store matches it once per graph."""
        return NamedNode(f"{interval.value}/{end}")

    # innovations and events
    def innovation(self, owner_key: str, name_or_acronym: str) -> NamedNode:
        return self.iri("innovation", owner_key, slug(name_or_acronym))

    def award(self, scheme_key: str, year: str | None, recipient: NamedNode, rank: str | None = None) -> NamedNode:
        """One conferral per scheme, edition, recipient and rank: a Top 99 and, months later, the
        Top 40 of the same edition are two awards, each with its own date."""
        rec = recipient.value[len(self.id) :].replace("/", "-")
        return self.iri("award", scheme_key, year or "undated", rec, *([rank] if rank else []))

    def launch(self, innovation: NamedNode, date: str | None) -> NamedNode:
        inn = innovation.value[len(self.id + "innovation/") :]
        return self.iri("launch", inn, date or "undated")

    def sdg_alignment(self, innovation: NamedNode, notation: str) -> NamedNode:
        return NamedNode(innovation.value + "/sdg/" + notation)

    def replication(self, replica: NamedNode, original: NamedNode) -> NamedNode:
        return self.iri("replication", short_hash(replica.value, original.value))

    def candidate_replication(self, replica: NamedNode, original: NamedNode) -> NamedNode:
        return self.iri("candidate-replication", short_hash(replica.value, original.value))

    def venue(self, name: str) -> NamedNode:
        return self.iri("venue", slug(name))

    def legislation(self, title: str) -> NamedNode:
        return self.iri("legislation", slug(title))

    # provenance
    def source(self, source_id: str) -> NamedNode:
        return self.iri("source", source_id)

    def graph(self, source_id: str, part: str | None = None) -> NamedNode:
        return self.iri("graph", source_id, *([part] if part else []))

    def reference_graph(self, name: str) -> NamedNode:
        return self.iri("graph", "reference", name)

    def evidence(self, source_id: str, quote: str) -> NamedNode:
        return self.iri("source", source_id, "evidence", short_hash(quote))

    def figure(self, source_id: str, quantity: str) -> NamedNode:
        return self.iri("source", source_id, "figure", short_hash(quantity))

    def load_activity(self, source_id: str) -> NamedNode:
        return self.iri("load", source_id)

    def loader_agent(self, loader_name: str, version: str) -> NamedNode:
        return self.iri("software", loader_name, version)
