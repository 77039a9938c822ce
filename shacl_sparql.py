"""Fast validation: the SHACL shapes compiled to SPARQL SELECT queries run natively in Oxigraph.

pySHACL validates an rdflib copy of the whole store in Python; at a million innovations that
copy alone does not fit in minutes. Here every constraint of ``shapes/*.ttl`` becomes one SPARQL
query over the store's union graph that returns the offending focus nodes (and values), so the
work happens in Oxigraph's engine and nothing is copied out. The findings are the same as
pySHACL's (focus, path, severity, source shape, message, value), as
``tests/test_shacl_sparql.py`` checks on the seed graph, on broken graphs and in the benchmark.

Implemented (SHACL Core, https://www.w3.org/TR/shacl/#core-components, and SHACL-SPARQL §5):
targets ``sh:targetClass`` (through ``rdfs:subClassOf*``, §2.1.3.3), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` and implicit class targets; predicate,
inverse, sequence, alternative and ``*``/``+``/``?`` paths; ``sh:class``, ``sh:datatype``
(ill-typed literals fail, §4.1.2), ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
``sh:min/maxInclusive``, ``sh:min/maxExclusive``, ``sh:min/maxLength``, ``sh:pattern``,
``sh:in``, ``sh:hasValue``, ``sh:disjoint``, ``sh:or``/``sh:and``/``sh:not``/``sh:xone``/
``sh:node`` (by nesting the member shapes' conditions), ``sh:severity``, ``sh:deactivated``,
``sh:message`` and ``sh:sparql`` SELECT constraints (``$this``, ``$PATH``, ``sh:prefixes``).
Anything else raises :class:`Unsupported` when the shapes are compiled, naming the shape, so a
new shape never passes silently: use ``psikg validate --engine pyshacl`` for it. Not mimicked:
pySHACL's own wording for a shape without ``sh:message`` (every psikg shape has one; here the
message is then empty) and ``{?var}`` templates in messages.

>>> from psikg.store import GraphStore
>>> report = validate_store_sparql(GraphStore.memory())
>>> report.conforms, report.findings
(True, [])
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import BNode, Literal, Node, URIRef

from .settings import SHAPES_DIR
from .store import GraphStore
from .validate import SEVERITY, Finding, Report, _short, _sources, shapes_graph

#: Datatypes whose lexical form Oxigraph can check by casting: ``xsd:T(STR(?v)) = ?v`` fails
#: (is an error, hence false) exactly for the ill-typed literals pySHACL reports (§4.1.2).
_CASTABLE = {XSD.integer, XSD.decimal, XSD.date, XSD.dateTime, XSD.gYear, XSD.boolean, XSD.time}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
#: Constraint parameters handled below; any other sh: predicate on a shape is refused.
_VALUE_PARAMS = {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH["in"], SH["or"], SH["and"], SH["not"]}
_VALUE_PARAMS |= {SH.xone, SH.node, SH.minLength, SH.maxLength, *_COMPARISONS}
_FOCUS_PARAMS = {SH.minCount, SH.maxCount, SH.hasValue, SH.disjoint, SH.sparql}
_IGNORED = {SH.message, SH.severity, SH.path, SH.property, SH.targetClass, SH.targetNode, SH.targetSubjectsOf}
_IGNORED |= {SH.targetObjectsOf, SH.name, SH.description, SH.order, SH.group, SH.deactivated, SH.flags}
_IGNORED |= {SH.defaultValue, SH.prefixes, SH.declare}
#: Prefixes bound on validation reports, as psikg.validate binds them (rdflib's defaults besides).
_REPORT_PREFIXES = (
    ("psikg", "https://w3id.org/psikg/ontology#"),
    ("id", "https://w3id.org/psikg/id/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
)


class Unsupported(ValueError):
    """A shape uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: its query returns ``?this`` (and ``?value``, ``?path``) per finding."""

    shape: Node
    path: Node | None
    severity: str
    message: str
    component: str
    query: str
    #: For sh:sparql checks whose query reads only these predicates (and targets only
    #: ``classes``): run on a de-duplicated copy of those triples, see :func:`_distinct_copy`.
    predicates: frozenset[str] | None = None
    classes: tuple[str, ...] = ()


def _int(node: Node) -> int:
    return int(str(node))


def _term(node: Node) -> str:
    if isinstance(node, (URIRef, Literal)):
        return node.n3()
    raise Unsupported(f"blank node {node} used as a constant in a shape")


class _Compiler:
    def __init__(self, shapes: rdflib.Graph):
        self.g = shapes
        self._fresh = 0

    def var(self) -> str:
        self._fresh += 1
        return f"?v{self._fresh}"

    # ------------------------------------------------------------------ paths
    def path(self, node: Node) -> str:
        """SPARQL property path of a SHACL path (§2.3.1)."""
        if isinstance(node, URIRef):
            return node.n3()
        if (node, RDF.first, None) in self.g:
            return "(" + "/".join(self.path(p) for p in Collection(self.g, node)) + ")"
        for pred, fmt in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = self.g.value(node, pred)
            if inner is not None:
                return "(" + fmt.format(self.path(inner)) + ")"
        alternatives = self.g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in Collection(self.g, alternatives)) + ")"
        raise Unsupported(f"path {node} is not a SHACL path")

    # ------------------------------------------------------------------ value-node conditions
    def value_condition(self, shape: Node, param: URIRef, arg: Node, v: str) -> str:
        """A SPARQL expression true when value node ``v`` satisfies ``param arg``."""
        if param == SH["class"]:
            return f"EXISTS {{ {v} <{RDF.type}>/<{RDFS.subClassOf}>* {_term(arg)} }}"
        if param == SH.datatype:
            if arg == RDF.langString:
                return f'(isLiteral({v}) && LANG({v}) != "")'
            test = f"isLiteral({v}) && DATATYPE({v}) = {_term(arg)}"
            if arg in _CASTABLE:
                test += f" && COALESCE({_term(arg)}(STR({v})) = {v}, false)"
            return f"({test})"
        if param == SH.nodeKind:
            return _NODE_KINDS[arg].format(v=v)  # type: ignore[index]
        if param in _COMPARISONS:
            return f"({v} {_COMPARISONS[param]} {_term(arg)})"
        if param in (SH.minLength, SH.maxLength):
            op = ">=" if param == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {_int(arg)})"
        if param == SH.pattern:
            flags = self.g.value(shape, SH.flags)
            args = _term(Literal(str(arg))) + (f", {_term(Literal(str(flags)))}" if flags else "")
            return f"(!isBlank({v}) && REGEX(STR({v}), {args}))"
        if param == SH["in"]:
            allowed = " || ".join(f"sameTerm({v}, {_term(m)})" for m in Collection(self.g, arg))
            return f"({allowed or 'false'})"
        if param == SH.node:
            return self.conforms(arg, v)
        if param == SH["not"]:
            return f"!({self.conforms(arg, v)})"
        members = [self.conforms(m, v) for m in Collection(self.g, arg)]
        if param == SH["or"]:
            return "(" + " || ".join(members) + ")"
        if param == SH["and"]:
            return "(" + " && ".join(members) + ")"
        # xone: exactly one member conforms
        counts = " + ".join(f"IF({m}, 1, 0)" for m in members)
        return f"(({counts}) = 1)"

    def conforms(self, shape: Node, v: str) -> str:
        """A SPARQL expression true when node ``v`` conforms to ``shape`` (for sh:or, sh:node ...)."""
        parts: list[str] = []
        path_node = self.g.value(shape, SH.path)
        path = self.path(path_node) if path_node is not None else None
        for param, arg in self.constraints(shape):
            if param in _VALUE_PARAMS:
                if path is None:
                    parts.append(f"COALESCE({self.value_condition(shape, param, arg, v)}, false)")
                else:
                    x = self.var()
                    cond = self.value_condition(shape, param, arg, x)
                    parts.append(f"NOT EXISTS {{ {v} {path} {x} FILTER (!COALESCE({cond}, false)) }}")
            elif path is not None and param == SH.minCount and _int(arg) <= 1:
                parts.append(f"EXISTS {{ {v} {path} {self.var()} }}" if _int(arg) == 1 else "true")
            elif path is not None and param == SH.maxCount and _int(arg) <= 1:
                a, b = self.var(), self.var()
                parts.append(
                    f"NOT EXISTS {{ {v} {path} {a} }}"
                    if _int(arg) == 0
                    else f"NOT EXISTS {{ {v} {path} {a} . {v} {path} {b} FILTER (!sameTerm({a}, {b})) }}"
                )
            elif path is not None and param == SH.hasValue:
                parts.append(f"EXISTS {{ {v} {path} {_term(arg)} }}")
            else:
                raise Unsupported(f"{param.n3()} inside sh:or/sh:node/... (shape {shape})")
        for child in self.g.objects(shape, SH.property):
            parts.append(self.conforms(child, v))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def constraints(self, shape: Node) -> Iterator[tuple[URIRef, Node]]:
        for param, arg in sorted(self.g.predicate_objects(shape)):
            if not isinstance(param, URIRef) or not param.startswith(str(SH)) or param in _IGNORED:
                continue
            if param not in _VALUE_PARAMS | _FOCUS_PARAMS:
                raise Unsupported(f"{param.n3()} on shape {shape}; validate with --engine pyshacl")
            yield param, arg

    # ------------------------------------------------------------------ top-level checks
    def targets(self, shape: Node) -> list[str]:
        patterns = [
            f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* {_term(c)} }}" for c in self.g.objects(shape, SH.targetClass)
        ]
        if (shape, RDF.type, RDFS.Class) in self.g or (shape, RDF.type, rdflib.OWL.Class) in self.g:
            patterns.append(f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* {_term(shape)} }}")
        patterns += [f"{{ VALUES ?this {{ {_term(n)} }} }}" for n in self.g.objects(shape, SH.targetNode)]
        patterns += [f"{{ ?this {_term(p)} [] }}" for p in self.g.objects(shape, SH.targetSubjectsOf)]
        patterns += [f"{{ [] {_term(p)} ?this }}" for p in self.g.objects(shape, SH.targetObjectsOf)]
        return patterns

    def target_classes(self, shape: Node) -> tuple[str, ...] | None:
        """The target classes of ``shape``, or None when it has targets of other kinds."""
        if any((shape, p, None) in self.g for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)):
            return None
        classes = [str(c) for c in self.g.objects(shape, SH.targetClass)]
        if (shape, RDF.type, RDFS.Class) in self.g or (shape, RDF.type, rdflib.OWL.Class) in self.g:
            classes.append(str(shape))
        return tuple(sorted(classes))

    def checks(self, shape: Node, targets: list[str], classes: tuple[str, ...] | None = None) -> Iterator[Check]:
        """The checks of ``shape`` on the focus nodes matched by ``targets``, then its properties."""
        if not targets or (shape, SH.deactivated, Literal(True)) in self.g:
            return
        focus = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"
        path_node = self.g.value(shape, SH.path)
        path = self.path(path_node) if path_node is not None else None
        severity = SEVERITY.get(self.g.value(shape, SH.severity) or SH.Violation, "violation")  # type: ignore[call-overload]
        message = _message(self.g, shape)

        def check(component: str, query: str, msg: str = message, result_path: Node | None = path_node) -> Check:
            return Check(shape, result_path, severity, msg, component, query)

        for param, arg in self.constraints(shape):
            name = param.removeprefix(str(SH))
            if param in _VALUE_PARAMS or (param == SH.hasValue and path is None):
                cond = (
                    f"sameTerm(?value, {_term(arg)})"
                    if param == SH.hasValue
                    else self.value_condition(shape, param, arg, "?value")
                )
                values = f"?this {path} ?value ." if path else "BIND (?this AS ?value)"
                yield check(
                    name,
                    f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER (!COALESCE({cond}, false)) }}",
                )
            elif param == SH.sparql:
                if (arg, SH.deactivated, Literal(True)) not in self.g:
                    yield self.sparql_check(shape, arg, focus, path, path_node, severity, message, classes)
            elif path is None:
                raise Unsupported(f"{param.n3()} on node shape {shape}")
            elif param == SH.minCount:
                n = _int(arg)
                if n == 1:
                    query = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
                else:
                    query = (
                        f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v }} }} "
                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})"
                    )
                yield check(name, query)
            elif param == SH.maxCount:
                n = _int(arg)
                yield check(
                    name,
                    f"SELECT ?this WHERE {{ {focus} ?this {path} ?v }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {n})",
                )
            elif param == SH.hasValue:
                yield check(name, f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {_term(arg)} }} }}")
            else:  # sh:disjoint
                yield check(
                    name,
                    f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . ?this {_term(arg)} ?value }}",
                )
        for child in self.g.objects(shape, SH.property):
            yield from self.checks(child, targets, classes)

    def sparql_check(
        self,
        shape: Node,
        constraint: Node,
        focus: str,
        path: str | None,
        path_node: Node | None,
        severity: str,
        message: str,
        classes: tuple[str, ...] | None,
    ) -> Check:
        """SHACL-SPARQL §5: the SELECT joined with the focus nodes (``$this`` pre-bound)."""
        select = self.g.value(constraint, SH.select)
        if select is None:
            raise Unsupported(f"sh:sparql {constraint} on {shape} has no sh:select")
        text = str(select)
        if re.search(r"\$(?!this\b|PATH\b)\w+", text):
            raise Unsupported(f"sh:sparql on {shape} uses pre-bound variables other than $this and $PATH")
        if "$PATH" in text and path is None:
            raise Unsupported(f"sh:sparql on {shape} uses $PATH outside a property shape")
        text = re.sub(r"\$this\b", "?this", text).replace("$PATH", path or "")
        projected = set(re.findall(r"\?(\w+)", text[: text.upper().find("WHERE")]))
        prefixes = ""
        for source in self.g.objects(constraint, SH.prefixes):
            for decl in self.g.objects(source, SH.declare):
                prefixes += f"PREFIX {self.g.value(decl, SH.prefix)}: <{self.g.value(decl, SH.namespace)}>\n"
        out = " ".join(f"?{v}" for v in ("value", "path") if v in projected)
        query = f"{prefixes}SELECT DISTINCT ?this {out} WHERE {{ {focus} {{ {text} }} }}"
        predicates = _predicates(prefixes + text) if classes is not None else None
        return Check(
            shape,
            path_node,
            severity,
            _message(self.g, constraint) or message,
            "sparql",
            query,
            predicates,
            classes or (),
        )


def _message(g: rdflib.Graph, node: Node) -> str:
    messages = sorted(g.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(messages[0]) if messages else ""


def compile_shapes(shapes: rdflib.Graph) -> list[Check]:
    """Every check of every node shape with targets in ``shapes``, in a stable order."""
    compiler = _Compiler(shapes)
    roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass, None))
    checks: list[Check] = []
    for shape in sorted(roots, key=str):
        checks += compiler.checks(shape, compiler.targets(shape), compiler.target_classes(shape))
    return checks


def _predicates(query: str) -> frozenset[str] | None:
    """Every IRI a SELECT query mentions, when it reads triples with fixed predicates only.

    None when the query has a variable or negated predicate, a GRAPH or SERVICE pattern, or
    when rdflib cannot parse it: such a query runs on the store itself.
    """
    from rdflib.paths import NegatedPath, Path
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # noqa: BLE001 - any query rdflib cannot read is simply not optimised
        return None
    iris: set[str] = set()

    def walk(node: object) -> bool:
        if isinstance(node, CompValue):
            if node.name in ("Graph", "ServiceGraphPattern"):
                return False
            if node.name == "BGP" and any(isinstance(t[1], (rdflib.Variable, NegatedPath)) for t in node["triples"]):
                return False
            return all(walk(v) for v in node.values())
        if isinstance(node, NegatedPath):
            return False
        if isinstance(node, Path):
            return all(walk(v) for v in vars(node).values())
        if isinstance(node, (list, tuple, set, frozenset)):
            return all(walk(v) for v in node)
        if isinstance(node, URIRef):
            iris.add(str(node))
        return True

    return frozenset(iris) if walk(algebra) else None


def _distinct_copy(store: GraphStore, checks: list[Check]) -> pyoxigraph.Store:
    """The triples ``checks`` read, once each, in the default graph of an in-memory store.

    Oxigraph's union default graph is a bag: a triple stated in 500 source graphs (the
    ``time:Instant`` of a common date) comes back 500 times, and a query joining two such
    patterns meets 250 000 combinations per focus node. The SHACL data graph is a set (the
    RDF merge of the graphs), so the sh:sparql constraints run on this de-duplicated copy of
    just the triples they can read: their predicates, and the ``rdf:type`` triples of their
    target classes with the ``rdfs:subClassOf`` triples above them.
    """
    predicates = sorted({p for c in checks for p in c.predicates or ()} | {str(RDFS.subClassOf)})
    classes = sorted({c for check in checks for c in check.classes})
    copy = pyoxigraph.Store()
    for query in (
        "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?p { " + " ".join(f"<{p}>" for p in predicates) + " } ?s ?p ?o }",
        f"CONSTRUCT {{ ?s <{RDF.type}> ?c }} WHERE {{ VALUES ?t {{ "
        + " ".join(f"<{c}>" for c in classes)
        + f" }} ?c <{RDFS.subClassOf}>* ?t . ?s <{RDF.type}> ?c }}",
    ):
        triples = store.query(query)
        assert isinstance(triples, pyoxigraph.QueryTriples)
        nt = pyoxigraph.RdfFormat.N_TRIPLES
        copy.bulk_load(pyoxigraph.serialize(triples, format=nt), nt)
    return copy


def _to_rdflib(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def validate_store_sparql(
    store: GraphStore,
    shapes_dir: Path = SHAPES_DIR,
    shapes: rdflib.Graph | None = None,
    count_triples: bool = True,
) -> Report:
    """Validate ``store`` like :func:`psikg.validate.validate_store`, with SPARQL in Oxigraph.

    ``shapes`` (default: the files of ``shapes_dir``) is the shapes graph; ``count_triples``
    counts the distinct triples of the union graph for the report (a full scan).
    """
    shapes = shapes if shapes is not None else shapes_graph(shapes_dir)
    names = rdflib.Graph()
    for prefix, ns in _REPORT_PREFIXES:
        names.namespace_manager.bind(prefix, ns, override=True)
    label_of = _labeller(store, names)
    sources_of = _sources(store)
    findings = []
    checks = compile_shapes(shapes)
    deduplicated = [c for c in checks if c.predicates is not None]
    copy = _distinct_copy(store, deduplicated) if deduplicated else None
    for check in checks:
        on_copy = copy is not None and check.predicates is not None
        rows = copy.query(check.query) if on_copy else store.query(check.query)  # type: ignore[union-attr]
        assert isinstance(rows, pyoxigraph.QuerySolutions)
        variables = {v.value for v in rows.variables}
        path = _short(check.path, names)
        shape = _short(check.shape, names)
        for row in rows:
            focus = row["this"]
            value = row["value"] if "value" in variables else None
            row_path = row["path"] if "path" in variables else None
            assert not isinstance(value, pyoxigraph.Triple) and not isinstance(row_path, pyoxigraph.Triple)
            findings.append(
                Finding(
                    severity=check.severity,
                    focus=focus.value,
                    focus_label=label_of(focus),
                    path=_short(_to_rdflib(row_path), names) if row_path is not None else path,
                    message=check.message,
                    value=_short(_to_rdflib(value), names) if value is not None else "",
                    sources=tuple(sources_of(focus.value)),
                    shape=shape,
                )
            )
    findings.sort(key=lambda f: (f.severity != "violation", f.focus_label, f.path, f.message))
    return Report(findings, _count_triples(store) if count_triples else 0)


def _count_triples(store: GraphStore) -> int:
    """Distinct triples of the union graph (a triple in two named graphs counts once)."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert isinstance(rows, pyoxigraph.QuerySolutions)
    return int(next(iter(rows))["n"].value)


def _labeller(store: GraphStore, names: rdflib.Graph):  # type: ignore[no-untyped-def]
    """The label psikg.validate shows: Indonesian, else English, else plain, else the short IRI."""
    label = pyoxigraph.NamedNode(str(RDFS.label))

    def label_of(node: pyoxigraph.NamedNode | pyoxigraph.BlankNode) -> str:
        labels = sorted(
            {q.object for q in store.oxigraph.quads_for_pattern(node, label, None)},
            key=lambda lab: lab.value if isinstance(lab, pyoxigraph.Literal) else "",
        )
        for lang in ("id", "en", None):
            for lab in labels:
                if isinstance(lab, pyoxigraph.Literal) and lab.language == lang:
                    return lab.value
        for lab in labels:  # a non-literal label (which the shapes forbid) is shown as it is
            return str(lab.value) if isinstance(lab, (pyoxigraph.NamedNode, pyoxigraph.BlankNode)) else str(lab)
        return _short(_to_rdflib(node), names)

    return label_of
