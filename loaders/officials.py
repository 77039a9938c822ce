"""Loader of the officials list (data/reference/officials.yaml): people, posts and terms of office.

Registers every official, alias and post with the resolver, so that articles naming
"Cahyo Kumolo" meet the same node as "Tjahjo Kumolo", and an article's attestation of a post
on a date joins the term of office that contains that date.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..namespaces import DCTERMS, PROV, PSIKG, RDF, RDFS, SCHEMA, SKOS, XSD
from .base import GraphBuilder, LoadContext, Loader, SourceLoad, sha256_of
from .mapping import describe_holding, describe_post
from .record_format import _check_value, parse_file
from .reference import source_node
from .resolver import Holding, PostRef, ResolutionError
from .text import key, slug


class OfficialsLoader(Loader):
    """officials.yaml → graph ``id/graph/reference/officials``; see the module doc."""

    name = "officials"

    def handles(self, path: Path) -> bool:
        return path.name == "officials.yaml"

    def load(self, path: Path, context: LoadContext) -> SourceLoad:
        r, m = context.resolver, context.minter
        assert r is not None
        data = parse_file(path)
        file = str(path)
        problems: list[Problem] = []
        if not isinstance(data, dict) or not isinstance(data.get("officials"), list):
            raise InputError([Problem(file, "must be a mapping with 'officials', 'posts' and 'sources'")])
        b = GraphBuilder(m.reference_graph("officials"))
        source_node(b, m, "reference-officials", "psikg officials list (terms of office from public sources)", path)
        sources = data.get("sources") or {}
        for skey, meta in sources.items():
            if str(skey).startswith("__") or not isinstance(meta, dict):
                continue
            node = m.source(f"officials-{slug(str(skey))}")
            b.add(node, RDF.type, PSIKG.Source)
            b.text(node, DCTERMS.title, meta.get("title"))
            b.text(node, RDFS.label, meta.get("title") or skey)
            b.text(node, DCTERMS.publisher, meta.get("publisher"))
            if meta.get("url"):
                b.typed(node, SCHEMA.url, meta["url"], XSD.anyURI)
        for name, spec in (data.get("posts") or {}).items():
            if str(name).startswith("__"):
                continue
            line = spec.get("__line__") if isinstance(spec, dict) else None
            try:
                org = r.agency(str(spec["organization"]))
                role_key, role_label = r.role(str(spec["role"]))
            except (ResolutionError, KeyError, TypeError) as exc:
                problems.append(Problem(file, str(exc), f"posts.{name}", line=line))
                continue
            post = PostRef(org, role_key, role_label, None, m.post(org.key, role_key))
            r.add_post(name, post)
            describe_post(b, post, r)
            b.text(post.iri, SKOS.altLabel, name)
        for i, official in enumerate(data["officials"]):
            line = official.get("__line__") if isinstance(official, dict) else None
            where = f"officials[{i}]" + (f" ({official.get('name')})" if isinstance(official, dict) else "")
            if not isinstance(official, dict) or not official.get("name"):
                problems.append(Problem(file, "each official needs a 'name'", where, "name", line))
                continue
            person = r.add_person(official["name"], official.get("aliases") or [])
            b.add(person.iri, RDF.type, PSIKG.Person)
            b.text(person.iri, RDFS.label, person.name)
            for alias in official.get("aliases") or []:
                b.text(person.iri, SKOS.altLabel, alias)
            for j, h in enumerate(official.get("holdings") or []):
                hwhere = f"{where}.holdings[{j}]"
                hline = h.get("__line__", line) if isinstance(h, dict) else line
                named = r.posts.get(key(str(h.get("post"))))
                if named is None:
                    problems.append(
                        Problem(file, f"post '{h.get('post')}' is not listed under 'posts'", hwhere, "post", hline)
                    )
                    continue
                dates = {}
                for fld in ("start", "end"):
                    value = h.get(fld)
                    if value is None:
                        continue
                    wrong = _check_value("date", value)
                    if wrong:
                        problems.append(Problem(file, wrong, hwhere, fld, hline))
                    dates[fld] = str(value)
                start, end = dates.get("start"), dates.get("end")
                holding = m.holding(named.iri, slug(person.name), start)
                person.holdings.append(Holding(named.iri.value, start, end, holding))
                describe_holding(b, holding, person, named, r, start, end)
                b.text(holding, PSIKG.basis, h.get("end_basis"), "en")
                if h.get("source") is not None:
                    if h["source"] not in sources:
                        problems.append(
                            Problem(
                                file, f"source '{h['source']}' is not listed under 'sources'", hwhere, "source", hline
                            )
                        )
                    else:
                        b.add(holding, PROV.wasDerivedFrom, m.source(f"officials-{slug(str(h['source']))}"))
        if problems:
            raise InputError(problems)
        return SourceLoad("reference-officials", path, b.quads(), sha256_of(path), self.name)
