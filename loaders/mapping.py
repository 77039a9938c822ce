"""Record → triples: the one mapping every record-shaped source goes through.

YAML/JSON records (:mod:`.records`) and CSV tables (:mod:`.tables`) both become a
:class:`~.record_format.Record`; :class:`RecordMapper` resolves its names and writes the source's
named graph(s) ``id/graph/<source-id>[/<part>]``. Problems are collected, not raised one by one,
so a curator sees every fault of a file at once; with any problem nothing is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode

from ..errors import InputError, Problem
from ..namespaces import DCTERMS, ORG, PROV, PSIKG, RDF, RDFS, SCHEMA, SKOS, TIME, XSD
from .base import GraphBuilder, LoadContext, SourceLoad, sha256_of
from .quotes import SourceText, read_source_text
from .record_format import Entry, Record
from .resolver import Agency, Person, PostRef, ResolutionError, Resolver
from .text import key, slug

SOURCE_CLASSES = {"news-article": PSIKG.NewsArticle}
AGENCY_CLASSES = {
    "ministry": PSIKG.Ministry,
    "regional-government": PSIKG.RegionalGovernment,
    "regional-agency": PSIKG.RegionalAgency,
    "service-unit": PSIKG.ServiceUnit,
    "organization": ORG.Organization,
}


class _Skip(Exception):
    """An entry had a problem (already recorded); go on with the next one."""


def post_label(post: PostRef, resolver: Resolver) -> str:
    """How Indonesians name a post: 'Wali Kota Pekalongan', 'Menteri Sosial', 'Kepala Dinas X'."""
    org = post.org
    if org.key.startswith("pemda-") and "/" not in org.key:
        region = resolver.regions[org.key[len("pemda-") :]]
        base = region.name
        for prefix in ("Kota Administrasi ", "Kabupaten Administrasi ", "Kota ", "Kabupaten "):
            if post.role_key in ("wali-kota", "wakil-wali-kota", "bupati", "wakil-bupati", "gubernur"):
                base = base.removeprefix(prefix)
        return f"{post.title or post.role_label} {base}"
    if post.role_key == "menteri" and org.name.startswith("Kementerian "):
        return "Menteri " + org.name.removeprefix("Kementerian ")
    return f"{post.title or post.role_label} {org.name}"


def describe_post(b: GraphBuilder, post: PostRef, resolver: Resolver) -> None:
    b.add(post.iri, RDF.type, ORG.Post)
    b.text(post.iri, RDFS.label, post_label(post, resolver), "id")
    b.add(post.iri, ORG.postIn, post.org.iri)
    b.add(post.iri, ORG.role, resolver.minter.role(post.role_key))


def describe_holding(
    b: GraphBuilder,
    holding: NamedNode,
    person: Person,
    post: PostRef,
    resolver: Resolver,
    start: str | None = None,
    end: str | None = None,
) -> None:
    b.add(holding, RDF.type, PSIKG.PostHolding)
    b.text(holding, RDFS.label, f"{person.name} — {post_label(post, resolver)}", "id")
    b.add(holding, ORG.member, person.iri)
    b.add(holding, ORG.organization, post.org.iri)
    b.add(holding, ORG.role, resolver.minter.role(post.role_key))
    b.add(holding, PSIKG.post, post.iri)
    b.add(person.iri, ORG.holds, post.iri)
    if start or end:
        interval = resolver.minter.interval(holding)
        b.add(holding, ORG.memberDuring, interval)
        b.add(interval, RDF.type, TIME.Interval)
        for date, prop, which in ((start, TIME.hasBeginning, "beginning"), (end, TIME.hasEnd, "end")):
            if date:
                instant = resolver.minter.instant(interval, which)
                b.add(interval, prop, instant)
                b.add(instant, RDF.type, TIME.Instant)
                b.typed(instant, TIME.inXSDDate, date, XSD.date)


def matching_holding(person: Person, post: PostRef, date: str | None) -> NamedNode | None:
    """The registry holding of ``post`` by ``person`` in force on ``date`` (or the only one)."""
    candidates = [h for h in person.holdings if h.post_key == post.iri.value]
    if date:
        candidates = [h for h in candidates if (h.start or "") <= date <= (h.end or "9999")]
    return candidates[0].iri if len(candidates) == 1 else None


class RecordMapper:
    """Maps one checked record to its named graph(s); see the module doc."""

    def __init__(self, record: Record, context: LoadContext, loader: str):
        assert context.resolver is not None, "records need a resolver (reference data)"
        self.record = record
        self.r: Resolver = context.resolver
        self.m = context.minter
        self.loader = loader
        self.file = str(record.path)
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        sid = record.source_id
        self.source = self.m.source(sid)
        self.main = GraphBuilder(self.m.graph(sid))
        self.parts: dict[str, GraphBuilder] = {
            name: GraphBuilder(self.m.graph(sid, slug(name))) for name in (record.source.get("parts") or {})
        }
        self.agencies: dict[str, Agency] = {}
        self.innovations: dict[str, NamedNode] = {}
        self.people: dict[str, Person] = {}
        self.legislation: dict[str, NamedNode] = {}
        self.text: SourceText | None = None

    # ------------------------------------------------------------------ helpers
    def problem(self, entry: Entry | None, field: str | None, message: str) -> None:
        self.problems.append(
            Problem(
                self.file,
                message,
                entry.label if entry else "source",
                field,
                entry.line_of(field) if entry else self.record.source_line,
            )
        )

    def resolve(self, entry: Entry, field: str, fn: Callable[[Any], Any], value: Any) -> Any:
        try:
            return fn(value)
        except ResolutionError as exc:
            self.problem(entry, field, str(exc))
            raise _Skip from None

    def builder(self, entry: Entry) -> GraphBuilder:
        part = entry.get("part")
        return self.parts[part] if part else self.main

    def agency(self, name: str) -> Agency:
        if name in self.agencies:
            return self.agencies[name]
        return self.r.agency(name)

    def innovation(self, name: str) -> NamedNode:
        if name in self.innovations:
            return self.innovations[name]
        if "/" in name:  # key of an innovation recorded elsewhere: "<region code or org key>/<slug>"
            return self.m.iri("innovation", name)
        raise ResolutionError(
            f"'{name}' is not an innovation ref of this record nor an innovation key "
            "('<region code>/<acronym>', e.g. 33.75/lp-par)"
        )

    def person(self, name: str) -> Person:
        return self.people[name] if name in self.people else self.r.person(name)

    def thing(self, name: str) -> NamedNode:
        """Any referable node: local refs, innovation keys, agencies, regions, schemes."""
        for table in (self.innovations, self.legislation):
            if name in table:
                return table[name]
        if name in self.agencies:
            return self.agencies[name].iri
        if name in self.people:
            return self.people[name].iri
        for fn in (
            self.r.agency,
            lambda n: self.r.region(n).iri,
            lambda n: self.m.scheme(self.r.notation("scheme", n)),
        ):
            try:
                found = fn(name)
                return found.iri if isinstance(found, Agency) else found
            except ResolutionError:
                continue
        if "/" in name:
            return self.m.iri("innovation", name)
        raise ResolutionError(
            f"'{name}' names nothing known: not a ref of this record, an agency, a region or a scheme"
        )

    def evidence(self, entry: Entry, subject: NamedNode) -> None:
        b = self.builder(entry)
        for quote in entry.quotes():
            node = self.m.evidence(self.record.source_id, quote)
            b.add(subject, PSIKG.evidence, node)
            b.add(node, RDF.type, PSIKG.Evidence)
            folded = " ".join(quote.split())
            b.text(node, PSIKG.quote, folded)
            # a label, so linked-data pages and tables show the words rather than a hash IRI
            b.text(node, RDFS.label, f"“{folded[:77]}…”" if len(folded) > 80 else f"“{folded}”")
            b.add(node, PROV.wasQuotedFrom, self.source)
            if entry.get("confidence") is not None:
                b.typed(node, PSIKG.confidence, entry.get("confidence"), XSD.decimal)
            if self.text is not None:
                span = self.text.find(quote)
                if span is None:
                    self.problem(
                        entry,
                        "quote",
                        f"quote not found in {self.record.source.get('file')}: "
                        f"'{quote[:60]}…'; copy it verbatim from the source",
                    )
                    continue
                b.typed(node, PSIKG.charStart, span[0], XSD.integer)
                b.typed(node, PSIKG.charEnd, span[1], XSD.integer)

    # ------------------------------------------------------------------ sections
    def map_source(self) -> None:
        s, b, src = self.record.source, self.main, self.source
        b.add(src, RDF.type, SOURCE_CLASSES.get(s["kind"], PSIKG.Source))
        b.text(src, DCTERMS.title, s["title"])
        b.text(src, RDFS.label, f"{s.get('publisher') or s['title']}, {s.get('issued') or 'undated'}", "id")
        b.text(src, DCTERMS.publisher, s.get("publisher"))
        b.typed(src, DCTERMS.issued, s.get("issued"), XSD.date)
        b.text(src, PSIKG.dateBasis, s.get("date_basis"), "en")
        b.typed(src, SCHEMA.url, s.get("url"), XSD.anyURI)
        b.text(src, DCTERMS.language, s.get("language"))
        b.text(src, DCTERMS.license, s.get("licence"))
        for graph, part in [(self.main, None), *((g, n) for n, g in self.parts.items())]:
            graph.add(graph.graph, RDF.type, PSIKG.SourceGraph)
            graph.add(graph.graph, PROV.wasDerivedFrom, src)
            # "Sumselupdate, 2020-11-25: Palembang Raih ... (headline)": outlet and date first,
            # as researchers cite a news source.
            cited = ", ".join(str(v) for v in (s.get("publisher"), s.get("issued")) if v)
            graph.text(
                graph.graph,
                RDFS.label,
                (f"{cited}: " if cited else "") + f"{s['title']}" + (f" ({part})" if part else ""),
            )
            if part:
                graph.text(graph.graph, PSIKG.sourcePart, part)
                graph.add(graph.graph, DCTERMS.isPartOf, self.main.graph)
        if s.get("file"):
            path = (self.record.path.parent / s["file"]).resolve()
            if not path.is_file():
                self.problem(None, "file", f"source file {s['file']} does not exist (relative to the record)")
                return
            self.text = SourceText(read_source_text(path))
            b.text(src, PSIKG.sourceFile, path.name)
            b.text(src, PSIKG.sha256, sha256_of(path))
            for part, text in (s.get("parts") or {}).items():
                if self.text.find(text) is None:
                    self.problem(None, f"parts.{part}", "text not found in the source file")

    def map_agency(self, e: Entry) -> None:
        b = self.builder(e)
        parent = self.resolve(e, "parent", self.agency, e.get("parent")) if e.get("parent") else None
        region = self.resolve(e, "region", self.r.region, e.get("region")) if e.get("region") else None
        agency_key = e.get("key") or "/".join(
            [*([parent.key] if parent else []), slug(e.get("acronym") or e.get("name"))]
        )
        agency = Agency(agency_key, e.get("name"), self.m.org(agency_key), region.code if region else None)
        self.agencies[e.get("ref")] = agency
        names = [e.get("name"), *([e.get("acronym")] if e.get("acronym") else []), *(e.get("aliases") or [])]
        self.r.add_agency(agency, names)
        node = agency.iri
        b.add(node, RDF.type, AGENCY_CLASSES[e.get("kind")])
        b.text(node, RDFS.label, e.get("name"), "id")
        b.text(node, PSIKG.acronym, e.get("acronym"))
        for alias in e.get("aliases") or []:
            b.text(node, SKOS.altLabel, alias)
        if parent:
            b.add(node, ORG.subOrganizationOf, parent.iri)
        if region:
            b.add(node, PSIKG.region, region.iri)
            b.text(node, PSIKG.basis, e.get("region_basis"), "en")
        b.text(node, PSIKG.placeName, e.get("place"))
        self.evidence(e, node)

    def map_innovation(self, e: Entry) -> None:
        b = self.builder(e)
        owner = self.resolve(e, "owner", self.agency, e.get("owner"))
        region = (
            self.resolve(e, "region", self.r.region, e.get("region"))
            if e.get("region")
            else self.r.regions.get(owner.region or "")
        )
        owner_key = region.code if region else owner.key
        if e.get("key"):
            node = self.m.iri("innovation", str(e.get("key")))
        else:
            node = self.m.innovation(owner_key, e.get("acronym") or e.get("name"))
        self.innovations[e.get("ref")] = node
        b.add(node, RDF.type, PSIKG.Innovation)
        b.text(node, RDFS.label, e.get("name"), "id")
        b.text(node, PSIKG.acronym, e.get("acronym"))
        b.text(node, DCTERMS.description, e.get("description"), "id")
        b.add(node, PSIKG.owner, owner.iri)
        if e.get("agency"):
            b.add(node, PSIKG.agency, self.resolve(e, "agency", self.agency, e.get("agency")).iri)
        if region:
            b.add(node, PSIKG.region, region.iri)
        for partner in e.get("partners") or []:
            b.add(node, PSIKG.partner, self.resolve(e, "partners", self.agency, partner).iri)
        for item in e.get("sdgs") or []:
            notation = str(item["target"])
            sdg = self.resolve(e, "sdgs", self.r.sdg, notation)
            b.add(node, PSIKG.contributesTo, sdg)
            alignment = self.m.sdg_alignment(node, notation)
            b.add(alignment, RDF.type, PSIKG.SdgAlignment)
            b.add(alignment, PSIKG.innovation, node)
            b.add(alignment, PSIKG.sdg, sdg)
            b.text(alignment, PSIKG.basis, item["basis"], "en")
            b.add(alignment, PROV.wasDerivedFrom, self.source)
        self.evidence(e, node)

    def map_person(self, e: Entry) -> None:
        b = self.builder(e)
        person = self.resolve(e, "name", self.r.person, e.get("name"))
        self.people[e.get("ref")] = person
        b.add(person.iri, RDF.type, PSIKG.Person)
        b.text(person.iri, RDFS.label, person.name)
        if key(e.get("name")) != key(person.name):
            b.text(person.iri, SKOS.hiddenLabel, e.get("name"))  # the spelling this source uses
        self.evidence(e, person.iri)
        if not e.get("post"):
            return
        post = self.resolve(e, "post", lambda v: self.r.post(v, self.agency), e.get("post"))
        describe_post(b, post, self.r)
        date = e.get("attested")
        holding = matching_holding(person, post, date)
        if holding is None:
            holding = self.m.holding(post.iri, slug(person.name), e.get("start"))
            self.check_other_holders(e, person, post, date)
        describe_holding(b, holding, person, post, self.r, e.get("start"), e.get("end"))
        b.typed(holding, PSIKG.attestedOn, date, XSD.date)
        self.evidence(e, holding)

    def check_other_holders(self, e: Entry, person: Person, post: PostRef, date: str | None) -> None:
        if not date:
            return
        for other in self.r.people_holding(post.iri.value, date):
            if other.iri != person.iri:
                self.warnings.append(
                    f"{self.file} {e.label}: {person.name} is said to hold "
                    f"'{post_label(post, self.r)}' on {date}, when the officials list "
                    f"has {other.name}; both claims kept"
                )

    def map_launch(self, e: Entry) -> None:
        b = self.builder(e)
        names = e.get("innovations")
        innovations = [
            self.resolve(e, "innovations", self.innovation, n) for n in ([names] if isinstance(names, str) else names)
        ]
        node = self.m.launch(innovations[0], e.get("date"))
        b.add(node, RDF.type, PSIKG.Launch)
        for inn in innovations:
            b.add(node, PSIKG.innovation, inn)
        b.text(node, RDFS.label, f"Peluncuran {e.get('date') or ''}".strip(), "id")
        b.typed(node, PSIKG.date, e.get("date"), XSD.date)
        b.text(node, PSIKG.dateBasis, e.get("date_basis"), "en")
        self.venue(e, b, node, e.get("place"), e.get("region"), "place")
        if e.get("launched_by"):
            b.add(node, PSIKG.launchedBy, self.resolve(e, "launched_by", self.person, e.get("launched_by")).iri)
        self.evidence(e, node)

    def venue(
        self, e: Entry, b: GraphBuilder, event: NamedNode, name: str | None, region_name: str | None, field: str
    ) -> None:
        region = (
            self.resolve(e, f"{field}_region" if field == "venue" else "region", self.r.region, region_name)
            if region_name
            else None
        )
        if not name:
            return
        venue = self.m.venue(name if not region else f"{region.code} {name}")
        b.add(event, PSIKG.venue, venue)
        b.add(venue, RDF.type, PSIKG.Venue)
        b.text(venue, RDFS.label, name)
        if region:
            b.add(venue, PSIKG.inRegion, region.iri)

    def map_award(self, e: Entry) -> None:
        b = self.builder(e)
        scheme = self.resolve(e, "scheme", lambda n: self.r.notation("scheme", n), e.get("scheme"))
        rank = self.resolve(e, "rank", lambda n: self.r.notation("rank", n), e.get("rank")) if e.get("rank") else None
        recipient_name = e.get("recipient")
        if recipient_name in self.innovations or "/" in recipient_name:
            recipient = self.resolve(e, "recipient", self.innovation, recipient_name)
        else:
            recipient = self.resolve(e, "recipient", self.agency, recipient_name).iri
        year = str(e.get("year")) if e.get("year") else None
        date = e.get("date")
        if date and year and not date.startswith(year):
            self.warnings.append(f"{self.file} {e.label}: date {date} is not in edition year {year}")
        node = self.m.award(scheme, year, recipient, rank)
        b.add(node, RDF.type, PSIKG.AwardConferral)
        label = [self.r.notation_label("scheme", scheme), year, self.r.notation_label("rank", rank) if rank else None]
        b.text(node, RDFS.label, " ".join(filter(None, label)), "id")
        b.add(node, PSIKG.scheme, self.m.scheme(scheme))
        b.text(node, PSIKG.schemeAsStated, e.get("scheme_as_stated"))
        b.typed(node, PSIKG.editionYear, year, XSD.gYear)
        if rank:
            b.add(node, PSIKG.rank, self.m.rank(rank))
        b.text(node, PSIKG.category, e.get("category"), "id")
        b.add(node, PSIKG.recipient, recipient)
        if e.get("conferred_by"):
            b.add(node, PSIKG.conferredBy, self.resolve(e, "conferred_by", self.agency, e.get("conferred_by")).iri)
        if e.get("handed_by"):
            b.add(node, PSIKG.handedBy, self.resolve(e, "handed_by", self.person, e.get("handed_by")).iri)
        received = e.get("received_by") or []
        for name in [received] if isinstance(received, str) else received:
            b.add(node, PSIKG.receivedBy, self.resolve(e, "received_by", self.person, name).iri)
        b.typed(node, PSIKG.date, date, XSD.date)
        b.text(node, PSIKG.dateBasis, e.get("date_basis"), "en")
        self.venue(e, b, node, e.get("venue"), e.get("venue_region"), "venue")
        b.text(node, PSIKG.ceremony, e.get("ceremony"), "id")
        for ref in e.get("cites") or []:
            b.add(node, DCTERMS.references, self.resolve(e, "cites", self.thing, ref))
        self.evidence(e, node)

    def map_replication(self, e: Entry) -> None:
        b = self.builder(e)
        replica = self.resolve(e, "replica", self.innovation, e.get("replica"))
        original = self.resolve(e, "original", self.innovation, e.get("original"))
        if replica == original:
            self.problem(e, "original", "an innovation cannot replicate itself")
            raise _Skip
        form = self.resolve(e, "form", lambda n: self.r.notation("form", n), e.get("form"))
        node = self.m.replication(replica, original)
        b.add(replica, PSIKG.replicates, original)
        b.add(node, RDF.type, PSIKG.Replication)
        b.text(node, RDFS.label, "Replikasi inovasi", "id")
        b.add(node, PSIKG.replica, replica)
        b.add(node, PSIKG.original, original)
        b.typed(node, PSIKG.year, e.get("year"), XSD.gYear)
        b.add(node, PSIKG.replicationForm, self.m.replication_form(form))
        b.text(node, PSIKG.basis, e.get("basis"), "en")
        self.evidence(e, node)

    def map_figure(self, e: Entry) -> None:
        b = self.builder(e)
        about = self.resolve(e, "about", self.thing, e.get("about"))
        node = self.m.figure(self.record.source_id, f"{e.get('about')}|{e.get('quantity')}")
        value = e.get("value")
        b.add(node, RDF.type, PSIKG.Figure)
        b.text(node, RDFS.label, f"{e.get('quantity')}: {value:g} {e.get('unit') or ''}".strip(), "id")
        b.add(node, PSIKG.about, about)
        b.text(node, PSIKG.quantity, e.get("quantity"), "id")
        b.typed(node, RDF.value, value, XSD.decimal)
        b.text(node, PSIKG.unit, e.get("unit"), "id")
        b.text(node, PSIKG.period, e.get("period"), "id")
        self.evidence(e, node)

    def map_legislation(self, e: Entry) -> None:
        b = self.builder(e)
        node = self.m.legislation(e.get("title"))
        self.legislation[e.get("ref")] = node
        b.add(node, RDF.type, PSIKG.Legislation)
        b.text(node, RDFS.label, e.get("title"), "id")
        b.text(node, DCTERMS.title, e.get("title"), "id")
        self.evidence(e, node)

    ORDER = ("legislation", "agencies", "innovations", "people", "launches", "awards", "replications", "figures")

    def map(self) -> SourceLoad:
        self.map_source()
        for section in self.ORDER:
            fn = getattr(
                self,
                "map_"
                + {
                    "agencies": "agency",
                    "innovations": "innovation",
                    "people": "person",
                    "launches": "launch",
                    "awards": "award",
                    "replications": "replication",
                    "figures": "figure",
                    "legislation": "legislation",
                }[section],
            )
            for entry in self.record.section(section):
                try:
                    fn(entry)
                except _Skip:
                    continue
        if self.problems:
            raise InputError(self.problems)
        quads = self.main.quads()
        for part in self.parts.values():
            quads += part.quads()
        path: Path = self.record.path
        return SourceLoad(self.record.source_id, path, quads, sha256_of(path), self.loader, self.warnings)
