"""Loaders of the reference data: regions, SDGs, and psikg's own vocabularies (.ttl).

Each reference file becomes one named graph ``id/graph/reference/<name>``. Regions come from
the Kemendagri code list (provinces, kabupaten/kota with their governments, kecamatan); SDGs
from the UN list; schemes, ranks, roles and national agencies from Turtle files in data/reference.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from ..errors import InputError, Problem
from ..namespaces import DCTERMS, PROV, PSIKG, RDF, RDFS, SKOS, XSD
from .base import GraphBuilder, LoadContext, Loader, SourceLoad, sha256_of
from .iris import Minter


def read_csv(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV file with their line numbers; checks the header has ``required``."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), f"not UTF-8 (byte {exc.start}); save it as UTF-8")]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"missing column(s) {', '.join(missing)}; the header must have {', '.join(required)}",
                    line=1,
                )
            ]
        )
    rows = []
    start = reader.line_num + 1  # the line a row starts on (a quoted cell may span lines)
    try:
        for row in reader:
            if None in row:  # DictReader files surplus cells under the key None
                raise InputError(
                    [
                        Problem(
                            str(path),
                            f"this row has {len(reader.fieldnames or []) + len(row[None])} cells but the header "
                            f"has {len(reader.fieldnames or [])}; quote cells that contain commas",
                            line=start,
                        )
                    ]
                )
            rows.append((start, {k: (v or "").strip() for k, v in row.items() if k}))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            [Problem(str(path), f"broken CSV in the row starting here: {exc} (is a quote left open?)", line=start)]
        ) from None
    return rows


def source_node(
    b: GraphBuilder, minter: Minter, source_id: str, title: str, path: Path, kind: NamedNode = PSIKG.ReferenceDataset
) -> NamedNode:
    """Describe a reference source and tie the graph to it."""
    source = minter.source(source_id)
    b.add(source, RDF.type, kind)
    b.text(source, DCTERMS.title, title)
    b.text(source, RDFS.label, title)
    b.text(source, PSIKG.sourceFile, path.name)
    b.text(b.graph, RDFS.label, title)
    b.add(b.graph, RDF.type, PSIKG.SourceGraph)
    b.add(b.graph, PROV.wasDerivedFrom, source)
    return source


def region_kind(code: str, name: str) -> NamedNode:
    if "." not in code:
        return PSIKG.Province
    if code.count(".") >= 2:
        return PSIKG.District
    return PSIKG.City if name.startswith("Kota") else PSIKG.Regency


def government_names(name: str, kind: NamedNode) -> tuple[str, list[str]]:
    """Official name of a region's government and its usual short forms."""
    if kind == PSIKG.City:
        base = name.removeprefix("Kota Administrasi ").removeprefix("Kota ")
        return f"Pemerintah {name}", [f"Pemkot {base}", f"Pemerintah Kota {base}"]
    if kind == PSIKG.Regency:
        base = name.removeprefix("Kabupaten Administrasi ").removeprefix("Kabupaten ")
        return f"Pemerintah {name}", [f"Pemkab {base}", f"Pemerintah Kabupaten {base}"]
    return f"Pemerintah Provinsi {name}", [f"Pemprov {name}"]


class RegionLoader(Loader):
    """regions.csv (code,name,area_km2,population) and districts.csv (code,name) → regions graph."""

    name = "regions"

    def handles(self, path: Path) -> bool:
        return path.name == "regions.csv"

    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        m = context.minter
        b = GraphBuilder(m.reference_graph("regions"))
        source_node(
            b,
            m,
            "reference-regions",
            "Kode dan nama wilayah administrasi pemerintahan (Kepmendagri 300.2.2-2138/2025)",
            path,
        )
        problems: list[Problem] = []
        rows = read_csv(path, ["code", "name", "area_km2", "population"])
        districts = path.with_name("districts.csv")
        if districts.exists():
            rows += [(line, row) for line, row in read_csv(districts, ["code", "name"])]
        seen: dict[str, int] = {}
        for line, row in rows:
            code, name = row["code"], row["name"]
            file = str(districts if code.count(".") >= 2 else path)
            if not code or not name:
                problems.append(Problem(file, "code and name are required", f"row {line}", line=line))
                continue
            if code in seen:
                problems.append(
                    Problem(file, f"duplicate code {code} (first on line {seen[code]})", f"row {line}", "code", line)
                )
                continue
            seen[code] = line
            parent = code.rsplit(".", 1)[0] if "." in code else None
            if parent and parent not in seen:
                problems.append(
                    Problem(
                        file, f"parent region {parent} of {code} is not listed before it", f"row {line}", "code", line
                    )
                )
            kind = region_kind(code, name)
            region = m.region(code)
            b.add(region, RDF.type, kind)
            b.text(region, RDFS.label, name, "id")
            b.text(region, PSIKG.kemendagriCode, code)
            if parent:
                b.add(region, PSIKG.inRegion, m.region(parent))
            for col, prop, dtype in (
                ("area_km2", PSIKG.areaKm2, XSD.decimal),
                ("population", PSIKG.population, XSD.integer),
            ):
                if row.get(col):
                    b.typed(region, prop, row[col], dtype)
            if kind != PSIKG.District:
                gov = m.org(f"pemda-{code}")
                official, short = government_names(name, kind)
                b.add(gov, RDF.type, PSIKG.RegionalGovernment)
                b.text(gov, RDFS.label, official, "id")
                for alt in short:
                    b.text(gov, SKOS.altLabel, alt)
                b.add(gov, PSIKG.governs, region)
                b.add(gov, PSIKG.region, region)
        if problems:
            raise InputError(problems)
        return SourceLoad("reference-regions", path, b.quads(), sha256_of(path), self.name)


class SdgLoader(Loader):
    """sdg/goals.csv and sdg/targets.csv → SDG goals and targets as SKOS concepts (UN IRIs)."""

    name = "sdg"

    def handles(self, path: Path) -> bool:
        return path.name == "goals.csv" and path.parent.name == "sdg"

    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        m = context.minter
        b = GraphBuilder(m.reference_graph("sdg"))
        source_node(b, m, "reference-sdg", "UN Sustainable Development Goals and targets (A/RES/71/313)", path)
        scheme = NamedNode("http://metadata.un.org/sdg")
        b.add(scheme, RDF.type, SKOS.ConceptScheme)
        b.text(scheme, RDFS.label, "Tujuan Pembangunan Berkelanjutan (TPB/SDGs)", "id")
        b.text(scheme, RDFS.label, "Sustainable Development Goals", "en")
        problems: list[Problem] = []
        goals: set[str] = set()
        for _line, row in read_csv(path, ["goal", "title_en", "title_id", "short_en", "short_id"]):
            goal = Minter.sdg(row["goal"])
            goals.add(row["goal"])
            b.add(goal, RDF.type, PSIKG.SdgGoal)
            b.add(goal, SKOS.inScheme, scheme)
            b.text(goal, SKOS.notation, row["goal"])
            b.text(goal, RDFS.label, f"SDG {row['goal']}: {row['short_en']}", "en")
            if row["short_id"]:
                b.text(goal, RDFS.label, f"TPB {row['goal']}: {row['short_id']}", "id")
            b.text(goal, SKOS.definition, row["title_en"], "en")
            b.text(goal, SKOS.definition, row["title_id"], "id")
        targets = path.with_name("targets.csv")
        for line, row in read_csv(targets, ["target", "goal", "text_en", "text_id"]):
            if row["goal"] not in goals:
                problems.append(
                    Problem(str(targets), f"goal {row['goal']} is not in goals.csv", f"row {line}", "goal", line)
                )
                continue
            target = Minter.sdg(row["target"])
            b.add(target, RDF.type, PSIKG.SdgTarget)
            b.add(target, SKOS.inScheme, scheme)
            b.add(target, SKOS.broader, Minter.sdg(row["goal"]))
            b.text(target, SKOS.notation, row["target"])
            b.text(target, RDFS.label, f"Target {row['target']}", "en")
            b.text(target, RDFS.label, f"Target {row['target']}", "id")
            b.text(target, SKOS.definition, row["text_en"], "en")
            b.text(target, SKOS.definition, row["text_id"], "id")
        if problems:
            raise InputError(problems)
        digest = sha256_of(path) + sha256_of(targets)
        return SourceLoad("reference-sdg", path, b.quads(), digest[:64], self.name)


class VocabularyLoader(Loader):
    """A Turtle file of psikg reference concepts (schemes, roles, agencies) → its own graph."""

    name = "vocabulary"

    def handles(self, path: Path) -> bool:
        return path.suffix == ".ttl"

    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        m = context.minter
        graph = m.reference_graph(path.stem)
        try:
            triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise InputError([Problem(str(path), f"broken Turtle: {exc}")]) from None

        def rebase(term):  # type: ignore[no-untyped-def]
            return NamedNode(m.rebase(term.value)) if isinstance(term, NamedNode) else term

        b = GraphBuilder(graph)
        source_node(b, m, f"reference-{path.stem}", f"psikg reference vocabulary: {path.stem}", path)
        quads = b.quads() + [Quad(rebase(t.subject), t.predicate, rebase(t.object), graph) for t in triples]
        return SourceLoad(f"reference-{path.stem}", path, quads, sha256_of(path), self.name)
