"""HTML pages for people: a resource, the ontology's documentation, the query page, errors.

The page templates are files in ``web/templates/`` (``string.Template``, ``$name`` fields);
this module only escapes values and fills them in. Links stay on this server: an IRI under the
instance base goes to its path, an ontology term to ``/ontology#Term``, anything else to
``/describe?iri=…``.

>>> href("https://w3id.org/psikg/id/region/33.75", "https://w3id.org/psikg/")
'/id/region/33.75'
>>> href("http://metadata.un.org/sdg/5", "https://w3id.org/psikg/")
'/describe?iri=http%3A%2F%2Fmetadata.un.org%2Fsdg%2F5'
"""

from __future__ import annotations

from functools import cache
from html import escape
from http import HTTPStatus
from string import Template
from typing import Any
from urllib.parse import quote

from .namespaces import PREFIXES
from .settings import PACKAGE_DIR, VOCAB

TEMPLATES = PACKAGE_DIR / "web" / "templates"
_KINDS = {
    PREFIXES["owl"] + "Class": "Classes",
    PREFIXES["owl"] + "ObjectProperty": "Object properties",
    PREFIXES["owl"] + "DatatypeProperty": "Datatype properties",
    PREFIXES["rdf"] + "Property": "Properties",
    PREFIXES["owl"] + "AnnotationProperty": "Annotation properties",
}


@cache
def template(name: str) -> Template:
    return Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))


def layout(title: str, body: str, head_links: str = "") -> str:
    return template("layout").substitute(title=escape(title), body=body, head_links=head_links)


def href(iri: str, base: str) -> str:
    """Where the page of ``iri`` is on this server."""
    if iri.startswith(VOCAB):
        return "/ontology#" + quote(iri[len(VOCAB) :])
    if iri == VOCAB.rstrip("#"):
        return "/ontology"
    if iri.startswith(base) and len(iri) > len(base):
        return "/" + quote(iri[len(base) :], safe="/:@!$&'()*+,;=-._~%")
    return "/describe?iri=" + quote(iri, safe="")


def short(iri: str) -> str:
    """``prefix:local`` for IRIs in a known namespace, else the IRI."""
    for name, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{name}:{iri[len(ns) :]}"
    return iri


def link(iri: str, names: dict[str, str], base: str) -> str:
    text = names.get(iri) or short(iri)
    return f'<a href="{escape(href(iri, base))}" title="{escape(iri)}">{escape(text)}</a>'


def value(term: dict[str, Any], names: dict[str, str], base: str) -> str:
    """A term of SPARQL JSON results as HTML: a labelled link, or a literal with its language or datatype."""
    if term["type"] == "uri":
        return link(term["value"], names, base)
    if term["type"] == "bnode":
        return f"<code>_:{escape(term['value'])}</code>"
    if term["type"] == "triple":
        inner = term["value"]
        return (
            "&lt;&lt; "
            + " ".join(value(inner[k], names, base) for k in ("subject", "predicate", "object"))
            + " &gt;&gt;"
        )
    text = escape(term["value"])
    if "xml:lang" in term:
        lang = escape(term["xml:lang"])
        return f'<span lang="{lang}">{text}</span> <small class="lang">@{lang}</small>'
    if "datatype" in term:
        return f'{text} <small class="dt">{escape(short(term["datatype"]))}</small>'
    return text


def _graphs(graphs: list[str], names: dict[str, str], base: str) -> str:
    return "<br>".join(link(g, names, base) if g else "<i>default graph</i>" for g in graphs)


def resource_page(data: dict[str, Any], base: str) -> str:
    names = data["names"]
    iri = data["iri"]
    title = names.get(iri) or short(iri)
    labels = ""
    if data["labels"]:
        items = "".join(
            f'<li lang="{escape(lang)}">{escape(text)} <small class="lang">@{escape(lang or "—")}</small></li>'
            for text, lang in data["labels"]
        )
        labels = f'<ul class="labels">{items}</ul>'
    facts = "\n".join(
        f"<tr><td>{link(f['p'], names, base)}</td><td>{value(f['o'], names, base)}</td>"
        f"<td>{_graphs(f['graphs'], names, base)}</td></tr>"
        for f in data["facts"]
    )
    if data["incoming"]:
        rows = "\n".join(
            f"<tr><td>{value(i['s'], names, base)}</td><td>{link(i['p'], names, base)}</td>"
            f"<td>{_graphs([i['graph']], names, base)}</td></tr>"
            for i in data["incoming"]
        )
        more = '<p>… and more; query them at <a href="/">/</a>.</p>' if data["incoming_more"] else ""
        incoming = (
            '<table class="facts"><thead><tr><th>from</th><th>property</th><th>stated in</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>{more}"
        )
    else:
        incoming = "<p>None.</p>"
    self_href = href(iri, base)
    fmt = escape(self_href + ("&" if "?" in self_href else "?") + "format=")
    body = template("resource").substitute(
        label=escape(title),
        iri=escape(iri),
        fmt=fmt,
        labels=labels,
        facts=facts or '<tr><td colspan="3">No statements with this resource as subject.</td></tr>',
        incoming=incoming,
    )
    alternates = "\n".join(
        f'<link rel="alternate" type="{t}" href="{fmt}{f}">'
        for t, f in (("text/turtle", "ttl"), ("application/n-triples", "nt"), ("application/ld+json", "jsonld"))
    )
    return layout(title, body, alternates)


def ontology_page(data: dict[str, Any], base: str) -> str:
    names = data["names"]
    terms: dict[str, dict[str, Any]] = {}
    for row in data["terms"]:
        term = terms.setdefault(
            row["term"], {"kind": row["kind"], "labels": {}, "comments": {}, "domain": "", "range": "", "parent": ""}
        )
        if row["lang"] is not None:
            term["labels"][row["lang"]] = row["label"]
            if row["comment"]:
                term["comments"][row["lang"]] = row["comment"]
        for key in ("domain", "range", "parent"):
            term[key] = row[key] or term[key]
    sections, toc = [], []
    for kind, heading in _KINDS.items():
        members = sorted((iri, t) for iri, t in terms.items() if t["kind"] == kind)
        if not members:
            continue
        anchor = heading.lower().replace(" ", "-")
        toc.append(f'<li><a href="#{anchor}">{heading}</a> ({len(members)})</li>')
        entries = []
        for iri, t in members:
            local = iri[len(VOCAB) :]
            label_html = " · ".join(
                f'<span lang="{escape(lang)}">{escape(text)}</span> <small class="lang">@{escape(lang)}</small>'
                for lang, text in sorted(t["labels"].items())
            )
            comments = "".join(
                f'<p lang="{escape(lang)}">{escape(text)}</p>' for lang, text in sorted(t["comments"].items())
            )
            extra = "".join(
                f"<dt>{name}</dt><dd>{', '.join(link(v, names, base) for v in t[key].split())}</dd>"
                for key, name in (("parent", "sub-term of"), ("domain", "domain"), ("range", "range"))
                if t[key]
            )
            entries.append(
                f'<article class="term" id="{escape(local)}"><h3><code>psikg:{escape(local)}</code></h3>'
                f"<p>{label_html}</p>{comments}<dl>{extra}</dl></article>"
            )
        sections.append(f'<h2 id="{anchor}">{heading}</h2>' + "\n".join(entries))
    about = data["about"]
    comments = "".join(
        f'<p lang="{escape(f["o"].get("xml:lang", ""))}">{escape(f["o"]["value"])}</p>'
        for f in about["facts"]
        if f["p"] == PREFIXES["rdfs"] + "comment"
    )
    body = template("ontology").substitute(
        iri=escape(VOCAB.rstrip("#")),
        namespace=escape(VOCAB),
        about=comments,
        toc=f"<ul>{''.join(toc)}</ul>",
        sections="\n".join(sections),
    )
    return layout("psikg ontology", body)


def query_page(base: str) -> str:
    prefixes = "\n".join(f"PREFIX {name}: <{ns}>" for name, ns in PREFIXES.items() if name not in ("sh",))
    return layout("Query", template("query").substitute(prefixes=escape(prefixes), base=escape(base)))


def error_page(status: int, message: str, more: str = "") -> str:
    reason = HTTPStatus(status).phrase
    body = template("error").substitute(status=status, reason=escape(reason), message=escape(message), more=more)
    return layout(f"{status} {reason}", body)
