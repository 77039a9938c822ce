"""Closed namespaces: every term psikg writes, as pyoxigraph ``NamedNode`` constants.

A typo such as ``PSIKG.Inovation`` raises ``AttributeError`` instead of minting a new IRI.
The ``PSIKG`` class below is generated from ``ontology/psikg.ttl``; after changing the
ontology run ``python -m psikg.namespaces`` (a test keeps the two in sync). Other vocabularies
list only the terms psikg uses.

>>> PSIKG.Innovation.value
'https://w3id.org/psikg/ontology#Innovation'
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from .settings import ONTOLOGY_FILE, VOCAB

PREFIXES: dict[str, str] = {
    "psikg": VOCAB,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
    "sdg": "http://metadata.un.org/sdg/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}


def _n(prefix: str, local: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + local)


class RDF:
    type = _n("rdf", "type")
    value = _n("rdf", "value")


class RDFS:
    label = _n("rdfs", "label")
    comment = _n("rdfs", "comment")
    subClassOf = _n("rdfs", "subClassOf")
    seeAlso = _n("rdfs", "seeAlso")


class XSD:
    string = _n("xsd", "string")
    date = _n("xsd", "date")
    dateTime = _n("xsd", "dateTime")
    gYear = _n("xsd", "gYear")
    integer = _n("xsd", "integer")
    decimal = _n("xsd", "decimal")
    anyURI = _n("xsd", "anyURI")


class SKOS:
    Concept = _n("skos", "Concept")
    ConceptScheme = _n("skos", "ConceptScheme")
    prefLabel = _n("skos", "prefLabel")
    altLabel = _n("skos", "altLabel")
    hiddenLabel = _n("skos", "hiddenLabel")
    notation = _n("skos", "notation")
    broader = _n("skos", "broader")
    inScheme = _n("skos", "inScheme")
    definition = _n("skos", "definition")


class ORG:
    Organization = _n("org", "Organization")
    Post = _n("org", "Post")
    Membership = _n("org", "Membership")
    postIn = _n("org", "postIn")
    role = _n("org", "role")
    member = _n("org", "member")
    organization = _n("org", "organization")
    memberDuring = _n("org", "memberDuring")
    subOrganizationOf = _n("org", "subOrganizationOf")
    holds = _n("org", "holds")


class PROV:
    Entity = _n("prov", "Entity")
    Activity = _n("prov", "Activity")
    SoftwareAgent = _n("prov", "SoftwareAgent")
    wasDerivedFrom = _n("prov", "wasDerivedFrom")
    wasGeneratedBy = _n("prov", "wasGeneratedBy")
    wasQuotedFrom = _n("prov", "wasQuotedFrom")
    wasAssociatedWith = _n("prov", "wasAssociatedWith")
    used = _n("prov", "used")
    startedAtTime = _n("prov", "startedAtTime")
    endedAtTime = _n("prov", "endedAtTime")
    generatedAtTime = _n("prov", "generatedAtTime")


class TIME:
    Interval = _n("time", "Interval")
    Instant = _n("time", "Instant")
    hasBeginning = _n("time", "hasBeginning")
    hasEnd = _n("time", "hasEnd")
    inXSDDate = _n("time", "inXSDDate")


class DCTERMS:
    title = _n("dcterms", "title")
    description = _n("dcterms", "description")
    publisher = _n("dcterms", "publisher")
    issued = _n("dcterms", "issued")
    language = _n("dcterms", "language")
    source = _n("dcterms", "source")
    license = _n("dcterms", "license")
    references = _n("dcterms", "references")
    isPartOf = _n("dcterms", "isPartOf")
    hasVersion = _n("dcterms", "hasVersion")


class SCHEMA:
    url = _n("schema", "url")
    partner = _n("schema", "sponsor")
    location = _n("schema", "location")


# --- generated from ontology/psikg.ttl: do not edit by hand -----------------------------
class PSIKG:
    """Terms of the psikg ontology."""

    # BEGIN GENERATED
    Agency = NamedNode(VOCAB + "Agency")
    AwardConferral = NamedNode(VOCAB + "AwardConferral")
    AwardScheme = NamedNode(VOCAB + "AwardScheme")
    CandidateReplication = NamedNode(VOCAB + "CandidateReplication")
    City = NamedNode(VOCAB + "City")
    District = NamedNode(VOCAB + "District")
    Evidence = NamedNode(VOCAB + "Evidence")
    Figure = NamedNode(VOCAB + "Figure")
    Innovation = NamedNode(VOCAB + "Innovation")
    Launch = NamedNode(VOCAB + "Launch")
    Legislation = NamedNode(VOCAB + "Legislation")
    Loader = NamedNode(VOCAB + "Loader")
    Ministry = NamedNode(VOCAB + "Ministry")
    NewsArticle = NamedNode(VOCAB + "NewsArticle")
    Person = NamedNode(VOCAB + "Person")
    PostHolding = NamedNode(VOCAB + "PostHolding")
    Province = NamedNode(VOCAB + "Province")
    Rank = NamedNode(VOCAB + "Rank")
    ReferenceDataset = NamedNode(VOCAB + "ReferenceDataset")
    Regency = NamedNode(VOCAB + "Regency")
    Region = NamedNode(VOCAB + "Region")
    RegionalAgency = NamedNode(VOCAB + "RegionalAgency")
    RegionalGovernment = NamedNode(VOCAB + "RegionalGovernment")
    Replication = NamedNode(VOCAB + "Replication")
    Role = NamedNode(VOCAB + "Role")
    SdgAlignment = NamedNode(VOCAB + "SdgAlignment")
    SdgGoal = NamedNode(VOCAB + "SdgGoal")
    SdgTarget = NamedNode(VOCAB + "SdgTarget")
    ServiceUnit = NamedNode(VOCAB + "ServiceUnit")
    Source = NamedNode(VOCAB + "Source")
    SourceGraph = NamedNode(VOCAB + "SourceGraph")
    Venue = NamedNode(VOCAB + "Venue")
    about = NamedNode(VOCAB + "about")
    acronym = NamedNode(VOCAB + "acronym")
    agency = NamedNode(VOCAB + "agency")
    areaKm2 = NamedNode(VOCAB + "areaKm2")
    attestedOn = NamedNode(VOCAB + "attestedOn")
    basis = NamedNode(VOCAB + "basis")
    category = NamedNode(VOCAB + "category")
    ceremony = NamedNode(VOCAB + "ceremony")
    charEnd = NamedNode(VOCAB + "charEnd")
    charStart = NamedNode(VOCAB + "charStart")
    conferredBy = NamedNode(VOCAB + "conferredBy")
    confidence = NamedNode(VOCAB + "confidence")
    contributesTo = NamedNode(VOCAB + "contributesTo")
    date = NamedNode(VOCAB + "date")
    dateBasis = NamedNode(VOCAB + "dateBasis")
    editionYear = NamedNode(VOCAB + "editionYear")
    evidence = NamedNode(VOCAB + "evidence")
    governs = NamedNode(VOCAB + "governs")
    handedBy = NamedNode(VOCAB + "handedBy")
    inRegion = NamedNode(VOCAB + "inRegion")
    innovation = NamedNode(VOCAB + "innovation")
    kemendagriCode = NamedNode(VOCAB + "kemendagriCode")
    laterStageOf = NamedNode(VOCAB + "laterStageOf")
    launchedBy = NamedNode(VOCAB + "launchedBy")
    matched = NamedNode(VOCAB + "matched")
    organizer = NamedNode(VOCAB + "organizer")
    original = NamedNode(VOCAB + "original")
    owner = NamedNode(VOCAB + "owner")
    partner = NamedNode(VOCAB + "partner")
    period = NamedNode(VOCAB + "period")
    placeName = NamedNode(VOCAB + "placeName")
    population = NamedNode(VOCAB + "population")
    possibleOriginal = NamedNode(VOCAB + "possibleOriginal")
    possibleReplica = NamedNode(VOCAB + "possibleReplica")
    post = NamedNode(VOCAB + "post")
    quantity = NamedNode(VOCAB + "quantity")
    quote = NamedNode(VOCAB + "quote")
    rank = NamedNode(VOCAB + "rank")
    receivedBy = NamedNode(VOCAB + "receivedBy")
    recipient = NamedNode(VOCAB + "recipient")
    region = NamedNode(VOCAB + "region")
    replica = NamedNode(VOCAB + "replica")
    replicates = NamedNode(VOCAB + "replicates")
    replicationForm = NamedNode(VOCAB + "replicationForm")
    scheme = NamedNode(VOCAB + "scheme")
    schemeAsStated = NamedNode(VOCAB + "schemeAsStated")
    sdg = NamedNode(VOCAB + "sdg")
    sha256 = NamedNode(VOCAB + "sha256")
    similarity = NamedNode(VOCAB + "similarity")
    sourceFile = NamedNode(VOCAB + "sourceFile")
    sourcePart = NamedNode(VOCAB + "sourcePart")
    unit = NamedNode(VOCAB + "unit")
    venue = NamedNode(VOCAB + "venue")
    year = NamedNode(VOCAB + "year")
    # END GENERATED


_BEGIN, _END = "    # BEGIN " + "GENERATED", "    # END " + "GENERATED"


def generated_block() -> str:
    """The body of the generated PSIKG class, from the ontology file's declared terms."""
    import rdflib

    graph = rdflib.Graph().parse(ONTOLOGY_FILE)
    kinds = {rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty}
    terms = sorted(
        {
            str(s)[len(VOCAB) :]
            for kind in kinds
            for s in graph.subjects(rdflib.RDF.type, kind)
            if str(s).startswith(VOCAB)
        }
    )
    lines = [f'    {t} = NamedNode(VOCAB + "{t}")' for t in terms]
    return "\n".join([_BEGIN, *lines, _END])


def _regenerate() -> None:
    from pathlib import Path

    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(_BEGIN + "\n", 1)
    _, tail = rest.split(_END + "\n", 1)
    path.write_text(head + generated_block() + "\n" + tail, encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
