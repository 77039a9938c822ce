"""Entity resolution: the many ways sources name a region, agency, person, role or scheme → one node.

Built from the reference graphs (regions, agencies, roles, schemes, SDGs, officials). A name
that fits exactly one node resolves; a name that fits several is *ambiguous* and reported with
its candidates, never guessed; a name that fits none is *unknown*.

>>> from psikg.build import reference_resolver
>>> r = reference_resolver()
>>> r.region("Pemkab Pekalongan").code, r.region("Kota Pekalongan").code
('33.26', '33.75')
>>> r.person("Cahyo Kumolo").name
'Tjahjo Kumolo'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Store

from ..namespaces import ORG, PSIKG, RDF, RDFS, SKOS
from .iris import Minter
from .text import key, person_name, slug

_CODE = re.compile(r"^\d\d(\.\d\d)?(\.\d\d)?$")


class ResolutionError(Exception):
    """A name resolved to no node, or to several; the message says which and what to write."""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    iri: NamedNode
    kind: NamedNode
    parent: str | None

    @property
    def government_key(self) -> str:
        return f"pemda-{self.code}"


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    iri: NamedNode
    region: str | None = None


@dataclass
class Holding:
    post_key: str
    start: str | None
    end: str | None
    iri: NamedNode


@dataclass
class Person:
    name: str
    iri: NamedNode
    holdings: list[Holding] = field(default_factory=list)


@dataclass(frozen=True)
class PostRef:
    org: Agency
    role_key: str
    role_label: str
    title: str | None
    iri: NamedNode


def _strip_region_words(name: str) -> tuple[str, str | None]:
    """('pekalongan', 'city'|'regency'|'province'|None) from a folded key of a region-ish name."""
    patterns = [
        (r"^(pemerintah kota|pemkot|kota administrasi|kota adm|kotamadya|kota)\s+", "city"),
        (r"^(pemerintah kabupaten|pemkab|kabupaten administrasi|kabupaten|kab)\s+", "regency"),
        (r"^(pemerintah provinsi|pemprov|provinsi|prov)\s+", "province"),
        (r"^(kecamatan|kec)\s+", "district"),
    ]
    for pattern, kind in patterns:
        stripped = re.sub(pattern, "", name)
        if stripped != name:
            return stripped, kind
    return name, None


class Resolver:
    """Looks names up in the reference graphs; see the module doc."""

    def __init__(self, store: Store, minter: Minter):
        self.minter = minter
        self.regions: dict[str, Region] = {}
        self._region_names: dict[str, list[str]] = defaultdict(list)  # base-name key -> codes
        self._agencies: dict[str, list[Agency]] = defaultdict(list)
        self._agency_by_key: dict[str, Agency] = {}
        self._roles: dict[str, tuple[str, str]] = {}  # key(label) -> (role key, label)
        self._notations: dict[tuple[str, str], str] = {}  # (kind, key(label)) -> notation
        self._notation_labels: dict[tuple[str, str], str] = {}
        self._organizers: dict[str, set[str]] = {}  # scheme key -> IRIs of its organizers
        self._sdgs: set[str] = set()
        self._people: dict[str, list[Person]] = defaultdict(list)
        self._people_by_iri: dict[str, Person] = {}
        self.posts: dict[str, PostRef] = {}
        self._index(store)

    # ------------------------------------------------------------------ indexing
    @staticmethod
    def _subjects(store: Store, predicate: NamedNode, obj: NamedNode) -> list[NamedNode]:
        return [q.subject for q in store.quads_for_pattern(None, predicate, obj) if isinstance(q.subject, NamedNode)]

    @staticmethod
    def _values(store: Store, node: NamedNode, predicate: NamedNode) -> list[str]:
        """The lexical values (literals) or IRIs (named nodes) of ``node predicate ?o``."""
        return [
            q.object.value
            for q in store.quads_for_pattern(node, predicate, None)
            if isinstance(q.object, (Literal, NamedNode))
        ]

    def _labels(self, store: Store, node: NamedNode) -> list[str]:
        return [
            v for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel, PSIKG.acronym) for v in self._values(store, node, p)
        ]

    def _name(self, store: Store, node: NamedNode) -> str:
        """The node's display name: its Indonesian rdfs:label, else any label, else its IRI.

        The store returns a node's labels in no set order, so "the first label" would name
        KemenPANRB in English on one run and in Indonesian on the next.
        """
        indonesian = sorted(lab.value for lab in self._lang_labels(store, node, "id"))
        labels = indonesian or sorted(self._values(store, node, RDFS.label)) or self._labels(store, node)
        return labels[0] if labels else node.value

    def _index(self, store: Store) -> None:
        for kind in (PSIKG.Province, PSIKG.Regency, PSIKG.City, PSIKG.District):
            for node in self._subjects(store, RDF.type, kind):
                code = self._values(store, node, PSIKG.kemendagriCode)[0]
                name = self._name(store, node)
                parents = self._values(store, node, PSIKG.inRegion)
                parent = parents[0].rsplit("/", 1)[1] if parents else None
                self.regions[code] = Region(code, name, node, kind, parent)
        for code, region in self.regions.items():
            base, _ = _strip_region_words(key(region.name))
            self._region_names[base].append(code)
        base_len = len(self.minter.id + "org/")
        agency_classes = (
            PSIKG.Ministry,
            PSIKG.RegionalGovernment,
            PSIKG.RegionalAgency,
            PSIKG.ServiceUnit,
            ORG.Organization,
            PSIKG.Agency,
        )
        for kind in agency_classes:
            for node in self._subjects(store, RDF.type, kind):
                if node.value[base_len:] in self._agency_by_key:
                    continue
                labels = self._labels(store, node)
                regions = self._values(store, node, PSIKG.region)
                region_code = regions[0].rsplit("/", 1)[1] if regions else None
                agency = Agency(node.value[base_len:], self._name(store, node), node, region_code)
                self.add_agency(agency, labels)
        for node in self._subjects(store, RDF.type, PSIKG.Role):
            labels = self._labels(store, node)
            notation = self._notation(store, node)
            label = next((lab.value for lab in self._lang_labels(store, node, "id")), labels[0])
            for lab in labels:
                self._roles[key(lab)] = (notation, label)
        for what, cls in (("scheme", PSIKG.AwardScheme), ("rank", PSIKG.Rank), ("form", SKOS.Concept)):
            for node in self._subjects(store, RDF.type, cls):
                notation = self._notation(store, node)
                if not notation:
                    continue
                short = self._values(store, node, SKOS.altLabel)
                ids = [lab.value for lab in self._lang_labels(store, node, "id")]
                # The shortest alternative label ("KIPP", "KLA", "Top 45"), ties alphabetical:
                # the store lists labels in no set order, and IRIs and labels must not vary.
                self._notation_labels[(what, notation)] = min(short or ids or [notation], key=lambda s: (len(s), s))
                for lab in [notation, *self._labels(store, node)]:
                    self._notations[(what, key(lab))] = notation
                if what == "scheme":
                    self._organizers[notation] = set(self._values(store, node, PSIKG.organizer))
        for cls in (PSIKG.SdgGoal, PSIKG.SdgTarget):
            for node in self._subjects(store, RDF.type, cls):
                self._sdgs.add(node.value.rsplit("/", 1)[1])

    @classmethod
    def _notation(cls, store: Store, node: NamedNode) -> str:
        return next(iter(cls._values(store, node, SKOS.notation)), "")

    @staticmethod
    def _lang_labels(store: Store, node: NamedNode, lang: str) -> Iterable[Literal]:
        for q in store.quads_for_pattern(node, RDFS.label, None):
            if isinstance(q.object, Literal) and q.object.language == lang:
                yield q.object

    def add_agency(self, agency: Agency, names: Iterable[str]) -> None:
        """Make ``agency`` findable under each of ``names`` (and its key)."""
        self._agency_by_key.setdefault(agency.key, agency)
        for name in {key(n) for n in [*names, agency.key]}:
            if agency not in self._agencies[name]:
                self._agencies[name].append(agency)

    def add_person(self, canonical: str, aliases: Iterable[str] = ()) -> Person:
        """Register a known person (from the officials list) under their name and aliases."""
        iri = self.minter.person(canonical)
        person = self._people_by_iri.get(iri.value)
        if person is None:
            person = self._people_by_iri[iri.value] = Person(canonical, iri)
        for name in {key(person_name(n)) for n in [canonical, *aliases]}:
            if person not in self._people[name]:
                self._people[name].append(person)
        return person

    def add_post(self, name: str, post: PostRef) -> None:
        self.posts[key(name)] = post

    # ------------------------------------------------------------------ look-ups
    def region(self, name: str) -> Region:
        """The region a name denotes: a code ("33.75"), a full name, or a usual short form."""
        name = name.strip()
        if _CODE.match(name):
            if name in self.regions:
                return self.regions[name]
            raise ResolutionError(f"no region has Kemendagri code {name}")
        if "," in name:  # "Cibinong, Bogor": a district narrows down its kabupaten/kota
            return self._region_in_context(name)
        base, kind = _strip_region_words(key(name))
        codes = self._region_names.get(base, [])
        wanted = {
            "city": PSIKG.City,
            "regency": PSIKG.Regency,
            "province": PSIKG.Province,
            "district": PSIKG.District,
        }.get(kind or "")
        found = [
            self.regions[c]
            for c in codes
            if (self.regions[c].kind == wanted if wanted else self.regions[c].kind != PSIKG.District)
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            raise ResolutionError(
                f"no region is named '{name}'; write its official name (e.g. 'Kota Pekalongan') or its Kemendagri code"
            )
        options = ", ".join(f"{r.name} ({r.code})" for r in sorted(found, key=lambda r: r.code))
        raise ResolutionError(f"'{name}' is ambiguous: {options}; write the full name or the code")

    def _region_in_context(self, name: str) -> Region:
        inner, outer = (p.strip() for p in name.rsplit(",", 1))
        try:
            region = self.region(outer)
            return region
        except ResolutionError as ambiguous:
            outer_base, _ = _strip_region_words(key(outer))
            candidates = {c for c in self._region_names.get(outer_base, [])}
            inner_base, _ = _strip_region_words(key(inner))
            parents = {
                self.regions[c].parent
                for c in self._region_names.get(inner_base, [])
                if self.regions[c].kind == PSIKG.District
            }
            both = candidates & {p for p in parents if p}
            if len(both) == 1:
                return self.regions[both.pop()]
            raise ambiguous

    def agency(self, name: str) -> Agency:
        """The agency a name denotes, including regional governments ("Pemkot Pekalongan")."""
        found = self._agencies.get(key(name), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            options = ", ".join(sorted(a.name for a in found))
            raise ResolutionError(f"agency '{name}' is ambiguous: {options}")
        if name in self._agency_by_key:
            return self._agency_by_key[name]
        try:  # a region's name where an institution is expected means its government
            region = self.region(name)
        except ResolutionError:
            region = None
        if region is not None and region.kind != PSIKG.District:
            return self._agency_by_key[region.government_key]
        raise ResolutionError(
            f"no agency is named '{name}'; declare it under 'agencies' or use a name from data/reference/agencies.ttl"
        )

    def agency_by_key(self, agency_key: str) -> Agency | None:
        return self._agency_by_key.get(agency_key)

    def role(self, name: str) -> tuple[str, str]:
        """(role key, Indonesian label) of a role name such as 'Walikota' or 'Sekda'."""
        try:
            return self._roles[key(name)]
        except KeyError:
            raise ResolutionError(f"unknown role '{name}'; known roles are in data/reference/roles.ttl") from None

    def notation_labels(self, kind: str) -> dict[str, str]:
        """Every normalised label of a scheme, rank or form (``kind``) → its key, for extractors."""
        return {label: notation for (k, label), notation in self._notations.items() if k == kind}

    def find_notation(self, kind: str, name: str) -> str | None:
        """The key of a scheme, rank or form named ``name``, or None (no error)."""
        return self._notations.get((kind, key(name)))

    def agency_names(self) -> list[str]:
        """Every normalised agency name and alias the resolver knows (national ones first)."""
        national = [n for n, found in self._agencies.items() if any(not a.key.startswith("pemda-") for a in found)]
        return national + [n for n in self._agencies if n not in set(national)]

    def is_national_agency_name(self, name: str) -> bool:
        """Whether ``name`` (normalised) names an agency other than a regional government."""
        return any(not a.key.startswith("pemda-") for a in self._agencies.get(key(name), []))

    def knows_agency(self, name: str) -> bool:
        return key(name) in self._agencies

    def isolated(self) -> Resolver:
        """A copy whose agency index a trial load may extend without changing this resolver."""
        import copy

        clone = copy.copy(self)
        clone._agencies = defaultdict(list, {k: list(v) for k, v in self._agencies.items()})
        clone._agency_by_key = dict(self._agency_by_key)
        return clone

    def notation(self, kind: str, name: str) -> str:
        """Key of a scheme, rank or replication form, by key or any of its labels."""
        try:
            return self._notations[(kind, key(name))]
        except KeyError:
            known = sorted({v for (k, _), v in self._notations.items() if k == kind})
            raise ResolutionError(f"unknown {kind} '{name}'; known: {', '.join(known)}") from None

    def scheme_organizers(self, notation: str) -> set[str]:
        """IRIs of the bodies that run the scheme ``notation`` (psikg:organizer in schemes.ttl)."""
        return self._organizers.get(notation, set())

    def notation_label(self, kind: str, notation: str) -> str:
        """A short display label of a scheme, rank or form ("KIPP", "Top 45")."""
        return self._notation_labels.get((kind, notation), notation)

    def people_holding(self, post_iri: str, date: str) -> list[Person]:
        """Known people who, by the officials list, held the post on ``date``."""
        return [
            p
            for p in self._people_by_iri.values()
            for h in p.holdings
            if h.post_key == post_iri and (h.start or "") <= date <= (h.end or "9999")
        ]

    def sdg(self, notation: str) -> NamedNode:
        if notation not in self._sdgs:
            raise ResolutionError(f"'{notation}' is not an SDG goal or target in data/reference/sdg")
        return Minter.sdg(notation)

    def person(self, name: str) -> Person:
        """A known person by any of their names; an unknown name gives a new person node."""
        canonical = person_name(name)
        found = self._people.get(key(canonical), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ResolutionError(f"person '{name}' is ambiguous: {', '.join(p.name for p in found)}")
        return Person(canonical, self.minter.person(canonical))

    def post(self, value: str | dict, local_agency) -> PostRef:  # type: ignore[no-untyped-def]
        """A post from its name ("Menteri PANRB") or from {role, organization[, title]}."""
        if isinstance(value, str):
            try:
                return self.posts[key(value)]
            except KeyError:
                raise ResolutionError(
                    f"unknown post '{value}'; write {{role: ..., organization: ...}} "
                    "or use a post named in data/reference/officials.yaml"
                ) from None
        role_key, role_label = self.role(str(value["role"]))
        org = local_agency(str(value["organization"]))
        title = value.get("title")
        return PostRef(
            org, role_key, role_label, title, self.minter.post(org.key, role_key, slug(title) if title else None)
        )
