"""From mentions to facts: one article's innovations, regions, officials, awards, launches, SDGs.

:func:`extract_facts` reads an :class:`~.reading.Article` line by line with a
:class:`~.mentions.Finder`, resolves what it finds against the reference data and returns the
record (``psikg-record/1`` as a dict, see docs/record-format.md) with a quote and a confidence on
every entry. The rules are general: they name no region, person, innovation or outlet.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..loaders.resolver import Region, ResolutionError, Resolver
from ..loaders.text import fold, key, slug
from ..namespaces import PSIKG
from .dates import DateMention, ResolvedDate, find_dates, resolve, stated_years
from .lexicon import lexicon
from .mentions import BULLET, Finder, InnovationMention, OfficialMention, RegionMention, UnitMention
from .reading import Article
from .replications import Replication, find_replications
from .sentences import sentence_at

# Between an innovation's name (and its acronym in brackets) and its owner: "A (ACR) dari Kota X".
OWNER_GAP = re.compile(r"(?:\s*\([^()]{1,80}\))?\s+(?:dari|milik|asal|karya|besutan|garapan)\s+")
# "kategori X" in an award's sentence: X runs to a punctuation mark or a word that leaves the name.
_CATEGORY = re.compile(
    r"\bkategori\s+(?!sekaligus\b|yang\b|ini\b|tersebut\b)(.+?)"
    r"(?=\s+(?:dan|serta|pada|yang|dalam|dari|di|untuk|sekaligus|oleh|tahun)\b|[.,;:()]|$)",
    re.IGNORECASE,
)


def categories(text: str) -> list[str]:
    """The award categories ``text`` names, in order: "yaitu kategori indeks regional tertinggi dan
    kategori pengirim inovasi tercepat" -> two."""
    return list(dict.fromkeys(fold(m.group(1)).strip()[:120] for m in _CATEGORY.finditer(text)))


_KINDS = {"city": PSIKG.City, "regency": PSIKG.Regency, "province": PSIKG.Province}
SERVICE_UNIT_HEADS = ("sentra", "upt", "uptd", "puskesmas", "balai", "rsud", "lapas", "unit")


def _acr_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class Innovation:
    ref: str
    name: str
    acronym: str | None
    quote: str
    line: int
    region: Region | None = None
    region_written: bool = False  # the region is written near the name, not the article's by default
    agency_ref: str | None = None
    mentions: list[int] = field(default_factory=list)  # line indexes
    listed_in: dict[int, int] = field(default_factory=dict)  # line opening a list that names it -> item line
    confidence: float = 0.8

    def matches(self, other: InnovationMention) -> bool:
        if self.acronym and other.acronym and _acr_key(self.acronym) == _acr_key(other.acronym):
            return True
        mine, theirs = key(self.name), key(other.name)
        if self.acronym and _acr_key(other.name) == _acr_key(self.acronym):
            return True
        if other.acronym and _acr_key(other.acronym) == _acr_key(self.name):
            return True  # "Nama lengkapnya Long Name" of an innovation first named by its short form
        return bool(mine) and (mine == theirs or mine in theirs or (len(theirs.split()) >= 2 and theirs in mine))


@dataclass
class Context:
    """What the whole article says that single lines need: its region, years, officials."""

    main_region: Region | None = None
    years: list[int] = field(default_factory=list)
    periods: list[list[tuple[str, str]]] = field(default_factory=list)  # per official named
    issued: ResolvedDate | None = None
    event: ResolvedDate | None = None


class ArticleExtractor:
    """Extracts one article; see the module doc."""

    def __init__(self, article: Article, resolver: Resolver, finder: Finder):
        self.a = article
        self.r = resolver
        self.f = finder
        self.lex = lexicon()
        self.lines = [line.text for line in article.body]
        self.ctx = Context()
        self.innovations: list[Innovation] = []
        self.agencies: dict[str, dict[str, Any]] = {}  # ref -> entry
        self.people: dict[str, dict[str, Any]] = {}
        self.awards: list[dict[str, Any]] = []
        self.launches: list[dict[str, Any]] = []
        self.replications: list[Replication] = []
        self.region_mentions: list[list[RegionMention]] = []
        self.officials: list[list[OfficialMention]] = []
        self.notes: list[str] = []

    # ------------------------------------------------------------------ context
    def _regions(self) -> None:
        self.region_mentions = [self.f.regions(line) for line in self.lines]
        head = self.f.regions(self.a.headline)
        kinds: Counter[tuple[str, str]] = Counter()  # (base, kind) preferences
        counts: Counter[str] = Counter()
        for rm in [m for ms in self.region_mentions for m in ms] + head:
            if rm.region is not None and rm.kind:
                counts[rm.region.code] += 2 if rm.government else 1
                kinds[(rm.span.text.split()[-1].lower(), str(rm.region.kind))] += 1
        for ms in self.region_mentions:
            for rm in ms:
                if rm.region is None and len(rm.candidates) > 1:
                    base = rm.span.text.split()[-1].lower()
                    best = max(rm.candidates, key=lambda r: kinds[(base, str(r.kind))])
                    if kinds[(base, str(best.kind))] > 0:
                        rm.region = best
                if rm.region is not None and not rm.kind and rm.region.kind != PSIKG.Province:
                    counts[rm.region.code] += 0  # bare mentions do not make the main region
        if counts:
            code, _ = counts.most_common(1)[0]
            self.ctx.main_region = self.r.regions[code]

    def _dates(self) -> None:
        text = self.a.headline + "\n" + "\n".join(self.lines)
        self.ctx.years = [y for y, _ in stated_years(text).most_common()]
        for m in find_dates(text):
            if m.year and m.year not in self.ctx.years:
                self.ctx.years.append(m.year)
        header_dates = [d for line in self.a.header for d in find_dates(line.text)]
        if header_dates:
            self.ctx.issued = self.resolve_date(header_dates[0], for_issued=True)

    def resolve_date(self, mention: DateMention, for_issued: bool = False) -> ResolvedDate:
        return resolve(mention, self.ctx.years, self.ctx.periods)

    # ------------------------------------------------------------------ innovations and units
    def _list_intros(self) -> dict[int, int]:
        """Lines that are items of a list of innovations, each with the line that opens the list (it
        ends with a colon and speaks of innovations or awards: "... sepuluh inovasi, masing-masing:")."""
        words = self.lex.words["innovation_cues"] + self.lex.words["award_cues"]
        cues = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in words) + r")\b")
        intros: dict[int, int] = {}
        opener: int | None = None
        for i, line in enumerate(self.lines):
            if opener is not None and BULLET.match(line):
                intros[i] = opener
                continue
            stripped = line.rstrip()
            opener = i if stripped.endswith(":") and cues.search(stripped.lower()) else None
        return intros

    def _innovations(self) -> None:
        units: list[tuple[int, UnitMention]] = []
        list_intros = self._list_intros()  # list item line -> the line opening the list
        for i, line in enumerate(self.lines):
            found, unit_mentions = self.f.innovations_and_units(line)
            units += [(i, u) for u in unit_mentions]
            item = self.f.list_item(line) if i in list_intros else None
            if item and not any(m.span.start < item.span.end and item.span.start < m.span.end for m in found):
                found.append(item)
            # a listed innovation is also spoken of by the line opening the list
            opening = list_intros[i] if item is not None else None
            for mention in found:
                known = next((inn for inn in self.innovations if inn.matches(mention)), None)
                if known:
                    known.mentions.append(i)
                    if opening is not None:
                        known.mentions.append(opening)
                        known.listed_in[opening] = i
                    if mention.acronym and not known.acronym and len(mention.name.split()) > 1:
                        known.acronym, known.name = mention.acronym, fold(mention.name)
                        known.quote = sentence_at(line, mention.span.start)
                    continue
                if mention.acronym and mention.acronym == mention.name:
                    # a bare acronym after a cue ("inovasi SIPRAJA") is an innovation of its own
                    pass
                ref = slug(mention.acronym or mention.name)[:40].strip("-.") or f"innovation-{len(self.innovations)}"
                if any(inn.ref == ref for inn in self.innovations):
                    ref = f"{ref}-{len(self.innovations)}"
                inn = Innovation(
                    ref,
                    fold(mention.name),
                    mention.acronym,
                    sentence_at(line, mention.span.start),
                    i,
                    mentions=[i],
                    confidence=0.85 if mention.acronym and mention.acronym != mention.name else 0.7,
                )
                if opening is not None:
                    inn.mentions.append(opening)
                    inn.listed_in[opening] = i
                inn.region = self._region_near(i, mention.span.start, mention.span.end)
                inn.region_written = any(rm.region == inn.region for rm in self.region_mentions[i])
                agency = self._unit_after(i, mention.span.end, unit_mentions)
                if agency:
                    inn.agency_ref = agency
                self.innovations.append(inn)
        for i, unit in units:
            self._unit(unit.name, unit.acronym, sentence_at(self.lines[i], unit.span.start), i)
        # a short form the article gave is a mention wherever it is written again ("SIP PEKA ... lolos ke Top 99")
        for inn in self.innovations:
            if inn.acronym and inn.acronym != inn.name and len(inn.acronym) >= 3:
                written = re.compile(r"(?<![\w-])" + re.escape(inn.acronym) + r"(?![\w-])")
                again = [i for i, line in enumerate(self.lines) if written.search(line)]
                inn.mentions += [i for i in again if i not in inn.mentions]
        if len(self.innovations) == 1:  # "inovasi tersebut" can only mean the article's one innovation
            only = self.innovations[0]
            for i, line in enumerate(self.lines):
                if i not in only.mentions and any(a in line.lower() for a in self.lex.words["anaphora"]):
                    only.mentions.append(i)
        # headline mentions of known innovations count as mentions
        for inn in self.innovations:
            if key(inn.acronym or inn.name) in key(self.a.headline):
                inn.confidence = min(0.95, inn.confidence + 0.05)

    def _region_near(self, i: int, start: int, end: int) -> Region | None:
        mentions = [rm for rm in self.region_mentions[i] if rm.region is not None]
        cued = [rm for rm in mentions if rm.kind] or [
            rm for rm in mentions if self.ctx.main_region and rm.region == self.ctx.main_region
        ]
        if not cued:
            return self.ctx.main_region
        line = self.lines[i]
        for rm in cued:  # "A (ACR) dari Kabupaten X": the owner written right after the name
            if rm.span.start >= end and OWNER_GAP.fullmatch(line, end, rm.span.start):
                return rm.region
        verbs = self.lex.words["replication"]

        def crosses_replication(a: int, b: int) -> bool:
            between = line[min(a, b) : max(a, b)].lower()
            return any(re.search(rf"\b{re.escape(v)}\b", between) for v in verbs)

        before = [rm for rm in cued if rm.span.end <= start and not crosses_replication(rm.span.end, start)]
        after = [rm for rm in cued if rm.span.start >= end and not crosses_replication(end, rm.span.start)]
        if not before and not after:
            return self.ctx.main_region
        sentence = sentence_at(self.lines[i], start)
        if before and (not after or start - before[-1].span.end < 80 or before[-1].span.text not in sentence):
            chosen = before[-1]
        elif after:
            chosen = after[0]
        else:
            chosen = cued[0]
        return chosen.region

    def _unit_after(self, i: int, end: int, units: list[UnitMention]) -> str | None:
        line = self.lines[i]
        for u in units:
            if 0 <= u.span.start - end <= 12 and re.search(r"\boleh\b", line[end : u.span.start]):
                return self._unit(u.name, u.acronym, sentence_at(line, u.span.start), i)
        return None

    def _unit(self, name: str, acronym: str | None, quote: str, line: int) -> str:
        """The ref of the agency entry for a unit named in the article (created when new)."""
        name = fold(name)
        first, _, rest = name.partition(" ")
        for ref, known in self.agencies.items():
            if (  # "Bappeda Kota Makassar" after "Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Makassar"
                not acronym
                and known.get("kind") == "regional-agency"
                and _acr_key(first) == _acr_key(known.get("acronym") or "")
                and (
                    not rest
                    or self._region_in(rest) == self.r.region(known["region"])
                    or self.r.knows_agency(rest)  # "BSKDN Kemendagri"
                )
            ):
                return ref
            if key(known["name"]) == key(name) or (
                acronym and known.get("acronym") and _acr_key(acronym) == _acr_key(known["acronym"])
            ):
                return ref
            if acronym and _acr_key(acronym) in {_acr_key(known["name"])}:
                return ref
        expansion = self.lex.unit_acronyms.get(first.lower()) if not acronym else None
        if expansion:  # "Diskominfo Wonosobo": a unit of the region named after the acronym
            home = self.ctx.main_region
            if rest:
                home = next((rm.region for rm in self.f.regions(rest) if rm.region), None)
            if home is not None or not rest:
                acronym, name = first, f"{expansion} {home.name}" if home else expansion
        ref = slug(acronym or name)[:40].strip("-.") or f"agency-{len(self.agencies)}"
        head = name.split()[0].lower()
        entry: dict[str, Any] = {"ref": ref, "name": name}
        if acronym:
            entry["acronym"] = acronym
        region = self._region_in(name)
        if head in SERVICE_UNIT_HEADS:
            entry["kind"] = "service-unit"
            parent = self._parent_ministry()
            if parent:
                entry["parent"] = parent
            place = re.search(r"\s([A-Z][a-z]+(?:, [A-Z][a-z]+)?)$", name)
            if place:
                entry["place"] = place.group(1)
                if region:
                    entry["region"] = self.region_name(region)
                    entry["region_basis"] = (
                        f"'{place.group(1)}' names a place of {region.name} (Kemendagri {region.code})."
                    )
        else:
            region = region or self.ctx.main_region
            entry["kind"] = "regional-agency" if region else "organization"
            if region:
                entry["parent"] = self._government(region)
                entry["region"] = self.region_name(region)
        entry["quote"] = quote
        self.agencies[ref] = entry
        return ref

    def _region_in(self, name: str) -> Region | None:
        """A region the unit's own name places it in ("... Kabupaten Pekalongan", "Cibinong, Bogor")."""
        m = re.search(r"([A-Z][\w]+), ([A-Z][\w]+)$", name)
        if m:
            try:
                region = self.r.region(f"{m.group(1)}, {m.group(2)}")
                if region.kind != PSIKG.District:
                    return region
            except ResolutionError:
                pass
        for rm in self.f.regions(name):
            if rm.region is not None and rm.kind:
                return rm.region
        return None

    def _parent_ministry(self) -> str | None:
        counts: Counter[str] = Counter()
        text = self.a.headline + "\n" + "\n".join(self.lines)
        for m in re.finditer(r"\b(Kementerian(?: [A-Z][\w]*)+|Kemen[A-Za-z]+(?: RI)?)", text):
            try:
                agency = self.r.agency(m.group(1))
            except ResolutionError:
                continue
            if agency.key != "kemenpanrb":
                counts[agency.name] += 1
        return counts.most_common(1)[0][0] if counts else None

    def region_name(self, region: Region) -> str:
        """How the record names ``region``: its official name, unless that also fits a regency or city
        (the province "Gorontalo" beside Kota and Kabupaten Gorontalo), then "Provinsi <name>"."""
        try:
            if self.r.region(region.name).code == region.code:
                return region.name
        except ResolutionError:
            pass
        return f"Provinsi {region.name}" if region.kind == PSIKG.Province else region.code

    def _government(self, region: Region) -> str:
        gov = self.r.agency_by_key(region.government_key)
        return gov.name if gov else region.name

    # ------------------------------------------------------------------ officials
    def _officials(self) -> None:
        self.officials = [self.f.officials(line) for line in self.lines]
        for o in [o for os in self.officials for o in os]:
            if o.agency is not None and o.role == "Menteri":
                for person in self._post_holders(o):
                    terms = [(h.start or "", h.end or "9999") for h in person.holdings]
                    if terms not in self.ctx.periods:
                        self.ctx.periods.append(terms)

    def _post_holders(self, o: OfficialMention) -> list[Any]:
        try:
            person = self.r.person(o.name) if o.name else None
        except ResolutionError:
            person = None
        return [person] if person is not None and person.holdings else []

    def _post(self, o: OfficialMention, line: int) -> tuple[Any, float]:
        """The record's post value for an official and a confidence for it."""
        role_key, _ = self.r.role(o.role)
        if o.region is None and o.kind in _KINDS:  # "Bupati Romanus Mbaraka": the head of the article's region
            main = self.ctx.main_region
            if main is None or main.kind != _KINDS[o.kind]:
                raise ResolutionError(f"'{o.span.text}' names no region, and the article's is not a {o.kind}")
            o.region = RegionMention(main, [main], o.span, o.kind, True)
        if o.region is not None:
            region = o.region.region or (self.ctx.main_region if self.ctx.main_region in o.region.candidates else None)
            if region is None:
                raise ResolutionError(f"region of '{o.span.text}' is ambiguous")
            org = self._government(region)
            gov = self.r.agency_by_key(region.government_key)
            named = self._known_post(gov.key if gov else "", role_key)
            if named and not o.title:
                return named, 0.9
            post: dict[str, Any] = {"role": o.role, "organization": org}
            if o.title:
                post["title"] = o.title
            return post, 0.85
        if o.agency is not None:
            named = self._known_post(o.agency.key, role_key)
            return (named, 0.9) if named else ({"role": o.role, "organization": o.agency.name}, 0.85)
        organization = o.organization or ""
        try:
            agency = self.r.agency(organization)
            org_name = agency.name
        except ResolutionError:
            acr = (
                organization.split()[-1]
                if o.title and organization.split() and organization.split()[-1].isupper()
                else None
            )
            if acr:
                org_name = self._unit_for_acronym(acr, line)
            else:
                org_name = self._unit(organization, None, sentence_at(self.lines[line], o.span.start), line)
        role = o.role
        if role == "Kepala" and str(self.agencies.get(org_name, {}).get("name", "")).startswith("Dinas "):
            role = "Kepala Dinas"  # "Kepala Diskominfo ...": the head of a Dinas
        post = {"role": role, "organization": org_name}
        if o.title:
            post["title"] = o.title
        return post, 0.75

    def _unit_for_acronym(self, acronym: str, line: int) -> str:
        """A unit named by an acronym ("DPMPPPA"): an agency of the article with a close acronym."""
        import difflib

        for ref, entry in self.agencies.items():
            if (
                entry.get("acronym")
                and difflib.SequenceMatcher(None, _acr_key(acronym), _acr_key(entry["acronym"])).ratio() >= 0.85
            ):
                return ref
        return self._unit(acronym, acronym, sentence_at(self.lines[line], 0), line)

    def _known_post(self, org_key: str, role_key: str) -> str | None:
        for name, post in self.r.posts.items():
            if post.org.key == org_key and post.role_key == role_key:
                for label in (name,):
                    return " ".join(w.upper() if w in ("panrb",) else w.capitalize() for w in label.split())
        return None

    def _people(self) -> None:
        when = self.ctx.event or self.ctx.issued
        date = when.iso if when else None
        for i, mentions in enumerate(self.officials):
            for o in mentions:
                if not o.name:
                    o.name = self._holder_name(o, date) or ""
                    if not o.name:
                        continue
                    o.extra["inferred"] = "yes"
                try:
                    post, confidence = self._post(o, i)
                    person = self.r.person(o.name)
                except ResolutionError as exc:
                    self.notes.append(f"skipped official '{o.span.text}': {exc}")
                    continue
                ref = slug(person.name)[:40]
                if ref in self.people:
                    continue
                if date and isinstance(post, str):
                    holders = self.r.people_holding(self.r.posts[key(post)].iri.value, date)
                    if holders and all(h.iri != person.iri for h in holders):
                        confidence = 0.5
                        self.notes.append(
                            f"{o.name} named as {post} on {date}; the officials list has {holders[0].name}"
                        )
                    elif holders:
                        confidence = 0.95
                if o.extra.get("inferred"):
                    confidence = 0.6
                entry: dict[str, Any] = {"ref": ref, "name": o.name, "post": post}
                if date:
                    entry["attested"] = date
                entry["quote"] = o.span.text
                entry["confidence"] = confidence
                self.people[ref] = entry

    def _holder_name(self, o: OfficialMention, date: str | None) -> str | None:
        """The person in office for a post written without a name ("Menteri PANRB menyerahkan ...")."""
        if not date or o.agency is None:
            return None
        role_key, _ = self.r.role(o.role)
        named = self._known_post(o.agency.key, role_key)
        if not named:
            return None
        holders = self.r.people_holding(self.r.posts[key(named)].iri.value, date)
        return holders[0].name if len(holders) == 1 else None

    def person_ref(self, name: str) -> str | None:
        try:
            canonical = self.r.person(name).name
        except ResolutionError:
            return None
        ref = slug(canonical)[:40]
        return ref if ref in self.people else None

    # ------------------------------------------------------------------ awards
    def _award_year(self, text: str, date: ResolvedDate | None) -> tuple[int | None, str | None]:
        years = [y for y, _ in stated_years(text).most_common()]
        if years:  # "Sebelumnya ... pernah menembus Top 40 pada 2018": the year it states
            return years[0], None
        if self._says(text, "earlier_cues"):
            return None, "earlier award: the article calls it earlier and gives no year"
        if date:
            return int(date.iso[:4]), None
        if self.ctx.event:
            return int(self.ctx.event.iso[:4]), None
        if self.ctx.years:
            return self.ctx.years[0], None
        return None, None

    def _handing(self) -> dict[str, Any]:
        """Who handed awards over to whom, when and where: from a line with a handing verb."""
        for i, line in enumerate(self.lines):
            lowered = line.lower()
            verb = next((v for v in self.lex.words["handing"] if re.search(rf"\b{v}\b", lowered)), None)
            if not verb or not self.officials[i]:
                continue
            at = lowered.index(verb)
            receivers = [
                m.start() for r in self.lex.words["receivers"] for m in re.finditer(rf"\b{re.escape(r)}\b", lowered)
            ]
            split = min((p for p in receivers if p >= at), default=None)
            if split is None:
                continue
            sentence = sentence_at(line, at)
            s_start = line.find(sentence)
            s_end = s_start + len(sentence)
            givers = [o for o in self.officials[i] if s_start <= o.span.start < split]
            takers = [o for o in self.officials[i] if split <= o.span.start < s_end]
            if not takers:
                continue
            out: dict[str, Any] = {"line": i}
            if givers:
                out["handed_by"] = givers[-1].name
            else:  # "diserahkan Kementerian PANRB kepada ...": a body hands it over
                giver = self.f._ministry(line, at + len(verb) + 1)
                if giver is not None and giver[1] <= split + 1:
                    out["handed_by_agency"] = giver[0].iri.value
            out["received_by"] = [o.name for o in takers]
            dates = find_dates(line)
            if dates:
                out["date"] = self.resolve_date(dates[0])
            venue = self._venue(line)
            if venue:
                regions = [rm.region for rm in self.f.regions(venue) if rm.region is not None]
                if regions:
                    out["venue"], out["venue_region"] = venue, regions[-1].name
                else:
                    # a venue node is keyed by its region; without one it would not meet other sources' node
                    self.notes.append(f"venue '{venue}' not recorded: no region of the reference data named in it")
            out["quote"] = sentence_at(line, at)
            return out
        return {}

    def _venue(self, line: str) -> str | None:
        heads = "|".join(re.escape(h) for h in self.lex.words["venue_heads"])
        m = re.search(
            rf"\bdi\s+((?:{heads})\b[^.;()]*?)(?=,?\s+(?:{'|'.join(self.lex.days)})\b|[.;(]|$)", line, re.IGNORECASE
        )
        if not m:
            return None
        venue = fold(m.group(1)).strip(" ,")
        return venue if 3 <= len(venue) <= 80 else None

    def _awards(self) -> None:
        handing = self._handing()
        handed_date: ResolvedDate | None = handing.get("date")
        awarded_schemes: set[str] = set()
        pending: list[tuple[int, str, Any]] = []
        for i, line in enumerate(self.lines):
            if not self._says(line, "award_cues"):
                continue
            schemes = self.f.schemes(line)
            ranks = [(n, s) for n, s, ceremony in self.f.ranks(line) if not ceremony]
            innovations = [inn for inn in self.innovations if i in inn.mentions]
            if innovations and not schemes and self.awards and self._same_award(line):
                for inn in innovations:  # "... menerima penghargaan serupa, di antaranya: - A; - B"
                    self._repeat_award(self.awards[-1], inn, i)
                continue
            if any(self.lex.has("government_schemes", n) for n, _ in schemes):
                innovations = []  # the region is the recipient; its innovations are examples
            if innovations:
                for inn in innovations:
                    pos = self._position(line, inn)
                    sentence = sentence_at(line, pos)
                    own = [sc for sc in schemes if sc[1].text in sentence] or schemes
                    scheme = self._best_scheme(own, pos)
                    if scheme is None:
                        continue
                    rank = min(ranks, key=lambda r: abs(r[1].start - pos))[0] if ranks else None
                    item = inn.listed_in.get(i)
                    if item is not None:  # listed below: the rank of the sentence opening the list
                        opening = sentence_at(line, pos)
                        near = [r for r, sp in ranks if sp.start >= line.rfind(opening)]
                        if not near and self._same_award(opening):  # "... menerima penghargaan serupa:"
                            near = [r for r, _ in ranks]
                        rank = near[-1] if near else None
                    elif rank and len(innovations) > 1 and len({r[0] for r in ranks}) > 1:
                        mine = [r for r in ranks if self._closest(line, r[1].start, innovations) is inn]
                        rank = mine[0][0] if mine else None
                    segment = self._segment(line, pos, innovations)
                    year, basis = self._award_year(segment, handed_date)
                    said = stated_years(sentence)
                    alone = not any(o is not inn and self._mentioned(sentence, o) for o in innovations)
                    if item is None and alone and len(said) == 1 and not stated_years(segment):
                        year, basis = next(iter(said)), None  # "menembus Top 40 pada 2018 lewat X."
                    quote = (
                        sentence_at(line, pos)
                        if self._mentioned(line, inn)
                        else sentence_at(line, (ranks or schemes)[0][1].start)
                    )
                    self._add_award(inn.ref, scheme, rank, year, basis, quote, inn.confidence, line, handing)
                    if item is not None:
                        self._quote_award(inn.ref, scheme, rank, self.lines[item].strip())
                    awarded_schemes.add(scheme)
            else:
                pending.append((i, line, (schemes, ranks)))
        article_scheme = self._article_scheme()
        for i, line, (schemes, ranks) in pending:
            receipt = self._says(line, "receipt")
            if not receipt:
                continue
            if not schemes:
                if article_scheme:
                    self._region_awards(i, article_scheme, handed_date)
                continue
            listed = self._listed_units(i)
            fresh = [s for s in dict.fromkeys(n for n, _ in schemes) if s not in awarded_schemes]
            if listed:
                scheme = next(iter(dict.fromkeys(n for n, _ in schemes)))
                for ref, quote in listed:
                    year, basis = self._award_year(line, handed_date)
                    self._add_award(ref, scheme, None, year, basis, quote, 0.7, line, handing, category_from=line)
                awarded_schemes.add(scheme)
                continue
            if len({rm.region.code for rm in self._cued_regions(i) if rm.region}) > 1:
                for scheme in dict.fromkeys(n for n, _ in schemes):
                    self._region_awards(i, scheme, handed_date)
                continue
            region = self._government_in(i)
            if region is None and any(self.lex.has("government_schemes", s) for s in fresh):
                region = self._own_government_in(i)
            if region is None or not fresh:
                continue
            receipt_sentences = [
                sentence_at(line, sp.start) for _, sp in schemes if self._says(sentence_at(line, sp.start), "receipt")
            ]
            for scheme in fresh:
                spans = [sp for n, sp in schemes if n == scheme]
                span = next((sp for sp in spans if sentence_at(line, sp.start) in receipt_sentences), spans[0])
                rank = next((r for r, rs in ranks if span.start <= rs.start <= span.end + 30), None)
                clause = sentence_at(line, span.start)
                year, basis = self._award_year(clause, None)
                self._government_award(self._government(region), scheme, rank, year, basis, clause, line)
                awarded_schemes.add(scheme)
        self._repeated_awards()
        if not any(a["recipient"] in self.agencies for a in self.awards):
            self._unit_awards(awarded_schemes, handing)

    def _repeated_awards(self) -> None:
        """Earlier editions won by a region government the article already has an award for:
        "meraih IGA pada 2021, kemudian kembali menerima penghargaan serupa pada IGA 2022 dan IGA
        2023" -> the same scheme in 2021, 2022 and 2023. Only in sentences that say something was
        received and name no other region."""
        won = {(a["recipient"], a["scheme"]) for a in self.awards if a["recipient"] not in self.agencies}
        if not won:
            return
        for i, line in enumerate(self.lines):
            for scheme, span in self.f.schemes(line):
                sentence = sentence_at(line, span.start)
                if not self._says(sentence, "receipt"):
                    continue
                after = re.match(r"\s*(?:tahun\s+|pada\s+)?((?:19|20)\d\d)\b", line[span.end :])
                if not after:
                    continue
                start = line.find(sentence)
                recipients = [r for r, sc in won if sc == scheme]
                named = {
                    self._government(rm.region)
                    for rm in self.region_mentions[i]
                    if rm.region
                    and start <= rm.span.start < start + len(sentence)
                    and not (recipients and rm.region.code == self._region_code_of(recipients[0])[:2])
                }  # "kabupaten paling utara di Kalimantan Selatan": its own province is no other region
                if len(recipients) != 1 or (named and named != {recipients[0]}):
                    continue
                year = int(after.group(1))
                if any(a["scheme"] == scheme and a.get("year") == year for a in self.awards):
                    continue
                self._add_award(recipients[0], scheme, None, year, None, sentence, 0.5, sentence, {})

    def _region_code_of(self, government: str) -> str:
        try:
            return self.r.agency(government).region or ""
        except ResolutionError:
            return ""

    def _unit_awards(self, awarded: set[str], handing: dict[str, Any]) -> None:
        """Service units listed as receivers ("yang memperoleh penghargaan yaitu A dan B")."""
        scheme = None
        for line in self.lines:
            if self._says(line, "receipt"):
                found = self.f.schemes(line)
                if found:
                    scheme = found[0][0]
                    category_line = line
                    break
        if scheme is None or scheme in awarded:
            return
        for i in range(len(self.lines)):
            for ref, quote in self._listed_units(i):
                date = None
                for other in self.lines:
                    if any(self.f.schemes(other)) and find_dates(other):
                        date = self.resolve_date(find_dates(other)[0])
                        break
                year, basis = self._award_year(quote, date)
                self._add_award(
                    ref,
                    scheme,
                    None,
                    year,
                    basis,
                    quote,
                    0.7,
                    category_line,
                    handing,
                    category_from=category_line,
                    date=date,
                )

    def _listed_units(self, i: int) -> list[tuple[str, str]]:
        """Units listed after "yaitu/yakni" in a line that says they received an award."""
        line = self.lines[i]
        lowered = line.lower()
        m = re.search(r"\b(?:yaitu|yakni|adalah)\b", lowered)
        if not m or not self._says(lowered[: m.start()], "receipt"):
            return []
        out = []
        for o in self.officials[i]:
            if o.organization and o.span.start >= m.end() and o.organization.split()[0].lower() in SERVICE_UNIT_HEADS:
                ref = self._unit(o.organization, None, sentence_at(line, o.span.start), i)
                out.append((ref, sentence_at(line, o.span.start)))
        return out

    def _article_scheme(self) -> str | None:
        """The scheme the article is about: the headline's, else the one most named."""
        head = self.f.schemes(self.a.headline)
        if head:
            return head[0][0]
        counts = Counter(n for line in self.lines for n, _ in self.f.schemes(line) if not self.f._generic(_.text))
        return counts.most_common(1)[0][0] if counts else None

    def _cued_regions(self, i: int) -> list[RegionMention]:
        """Regions of line ``i`` written as such: with a kind word, or bare in a sentence that says
        which kind it lists ("gelar provinsi terinovatif diberikan kepada Jawa Tengah, Bali")."""
        line = self.lines[i]
        kinds = {"kota": PSIKG.City, "kabupaten": PSIKG.Regency, "provinsi": PSIKG.Province}
        out = []
        for rm in self.region_mentions[i]:
            if rm.region is None:
                continue
            if rm.kind:
                out.append(rm)
                continue
            sentence = sentence_at(line, rm.span.start).lower()
            said = {v for k, v in kinds.items() if re.search(rf"\b{k}\b", sentence)}
            if rm.region.kind in said:
                out.append(rm)
        return out

    def _region_awards(self, i: int, scheme: str, handed_date: ResolvedDate | None) -> None:
        """An award of ``scheme`` to each region government a receipt sentence of line ``i`` names."""
        line = self.lines[i]
        for rm in self._cued_regions(i):
            sentence = sentence_at(line, rm.span.start)
            if not self._says(sentence, "receipt"):
                continue
            assert rm.region is not None
            recipient = self._government(rm.region)
            owned = {inn.ref for inn in self.innovations if inn.region == rm.region}
            if any(
                a["scheme"] == scheme and (a["recipient"] == recipient or a["recipient"] in owned) for a in self.awards
            ):
                continue
            in_line = [y for y, _ in stated_years(line).most_common()]
            year: int | None
            basis: str | None
            if not stated_years(sentence) and len(in_line) == 1:
                # "Salah satu gelar ... diraih pada IGA 2017. Saat itu Bontang termasuk ... penerima"
                year, basis = in_line[0], None
            else:
                year, basis = self._award_year(sentence, handed_date)
            ranks = list(dict.fromkeys(n for n, _, ceremony in self.f.ranks(sentence) if not ceremony))
            last = self.awards[-1] if self.awards else {}
            if not ranks and self._same_award(sentence) and last.get("scheme") == scheme and last.get("rank"):
                ranks = [str(last["rank"])]  # "predikat yang sama diraih ..."
            rank = ranks[0] if len(ranks) == 1 else None
            self._government_award(recipient, scheme, rank, year, basis, sentence, line)

    def _government_award(
        self,
        recipient: str,
        scheme: str,
        rank: str | None,
        year: int | None,
        basis: str | None,
        sentence: str,
        line: str,
    ) -> None:
        """A region government's award stated by ``sentence`` of ``line``: one per category when it
        names several ("untuk dua kategori, yaitu kategori A dan kategori B"); without a rank in the
        sentence, the one rank the paragraph names ("... masuk daftar KLA. Menteri menyerahkan
        penghargaan KLA predikat Nindya ...")."""
        if rank is None:  # a rank written just after a name of the same scheme elsewhere in the paragraph
            spans = [sp for n, sp in self.f.schemes(line) if n == scheme]
            near = {
                n
                for n, sp, ceremony in self.f.ranks(line)
                if not ceremony and any(0 <= sp.start - s.end <= 30 for s in spans)
            }
            rank = near.pop() if len(near) == 1 else None
        named = categories(sentence)
        for category in named if len(named) > 1 else [None]:
            self._add_award(recipient, scheme, rank, year, basis, sentence, 0.6, sentence, {}, category=category)

    def _government_in(self, i: int) -> Region | None:
        gov = [rm.region for rm in self.region_mentions[i] if rm.region is not None and rm.kind]
        return gov[0] if gov else None

    def _own_government_in(self, i: int) -> Region | None:
        """The article's region when line ``i`` names it bare ("Banyuwangi juga tercatat menerima IGA
        2018") or names its head without a region ("Bupati Romanus Mbaraka pernah masuk ... IGA 2012")."""
        main = self.ctx.main_region
        if main is None:
            return None
        if any(rm.region == main for rm in self.region_mentions[i]):
            return main
        heads = [o for o in self.officials[i] if o.kind in _KINDS and _KINDS[o.kind] == main.kind]
        return main if heads else None

    def _mentioned(self, line: str, inn: Innovation) -> bool:
        return any(n and n.lower().split()[0] in line.lower() for n in (inn.acronym, inn.name))

    def _position(self, line: str, inn: Innovation) -> int:
        if any(self.lines[j] == line for j in inn.listed_in):
            return len(line.rstrip()) - 1  # listed below the line: where the list opens
        for needle in (inn.acronym, inn.name):
            if needle:
                at = fold(line).lower().find(needle.lower())
                if at >= 0:
                    return line.lower().find(needle.lower().split()[0])
        return 0

    def _closest(self, line: str, pos: int, innovations: list[Innovation]) -> Innovation:
        return min(innovations, key=lambda inn: abs(self._position(line, inn) - pos))

    def _segment(self, line: str, pos: int, innovations: list[Innovation]) -> str:
        starts = sorted(self._position(line, inn) for inn in innovations)
        nxt = [s for s in starts if s > pos]
        return line[pos : nxt[0] if nxt else len(line)]

    def _best_scheme(self, schemes: list[tuple[str, Any]], pos: int) -> str | None:
        if not schemes:
            return None
        # the most specific name wins: "UNSPA" or "United Nations Public Service Awards" over "inovasi pelayanan publik"
        return max(schemes, key=lambda sc: (not self.f._generic(sc[1].text), len(sc[1].text), -abs(sc[1].start - pos)))[
            0
        ]

    def _add_award(
        self,
        recipient: str,
        scheme: str,
        rank: str | None,
        year: int | None,
        basis: str | None,
        quote: str,
        confidence: float,
        line: str,
        handing: dict[str, Any],
        category_from: str | None = None,
        date: ResolvedDate | None = None,
        category: str | None = None,
    ) -> None:
        for award in self.awards:
            if (
                award["recipient"] == recipient
                and award["scheme"] == scheme
                and award.get("year") == year
                and (not rank or not award.get("rank") or award["rank"] == rank)
                and (not category or award.get("category") in (None, category))
            ):
                if quote not in award["quote"]:
                    award["quote"].append(quote)
                if rank and not award.get("rank"):
                    award["rank"] = rank
                return
        entry: dict[str, Any] = {"ref": f"award-{len(self.awards) + 1}", "scheme": scheme, "recipient": recipient}
        found = categories(line)
        if (category or found) and scheme != "kla":
            entry["category"] = category or found[0]
        if category_from:
            cat = re.search(r"sebagai (?:penyelenggara )?((?:[A-Z][\w]*\s*(?:dan\s+)?)+)", category_from)
            if cat:
                entry["category"] = fold(cat.group(1))
        if year:
            entry["year"] = year
        if rank:
            entry["rank"] = rank
        conferrer = self._conferrer(scheme) if basis is None else None
        if conferrer:
            entry["conferred_by"] = conferrer
        local = [inn.ref for inn in self.innovations if (inn.region or self.ctx.main_region) == self.ctx.main_region]
        if handing and (recipient in local or recipient in self.agencies):
            for field_name in ("handed_by", "received_by"):
                if field_name == "handed_by" and handing.get("handed_by"):
                    ref = self.person_ref(handing["handed_by"])
                    if ref:
                        entry["handed_by"] = ref
                if field_name == "received_by":
                    refs = [r for r in (self.person_ref(n) for n in handing.get("received_by", [])) if r]
                    if refs:
                        entry["received_by"] = refs
            body = handing.get("handed_by_agency")
            if body and self.r.scheme_organizers(scheme) and body not in self.r.scheme_organizers(scheme):
                # a ministry passing on another body's award (KemenPANRB handing over a UN award at
                # home): its date and place are the hand-over's, not the conferral's
                handing = {k: v for k, v in handing.items() if k not in ("date", "venue", "venue_region")}
                self.notes.append(f"the {scheme} award was handed over by another body than its organizer")
            date = date or handing.get("date")
            if handing.get("venue"):
                entry["venue"] = handing["venue"]
                entry["venue_region"] = handing["venue_region"]
            same = not handing.get("quote") or handing["quote"] == quote
            quote_list = [quote] if same else [quote, handing["quote"]]
        else:
            quote_list = [quote]
        if date and year and date.iso.startswith(str(year)) or date and not year:
            entry["date"] = date.iso
            if date.basis:
                entry["date_basis"] = date.basis
        elif basis:
            entry["date_basis"] = basis
        entry["quote"] = quote_list
        entry["confidence"] = round(confidence * (0.9 if year is None and basis is None else 1.0), 2)
        self.awards.append(entry)

    def _same_award(self, line: str) -> bool:
        return self._says(line, "same_award")

    def _says(self, text: str, group: str) -> bool:
        """Whether ``text`` holds a whole word or phrase of the list ``group`` of words.yaml."""
        lowered = text.lower()
        return any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in self.lex.words[group])

    def _repeat_award(self, award: dict[str, Any], inn: Innovation, i: int) -> None:
        """The award just spoken of, given to ``inn`` too ("menerima penghargaan serupa")."""
        item = inn.listed_in.get(i)
        quote = sentence_at(
            self.lines[i], len(self.lines[i]) - 1 if item is not None else self._position(self.lines[i], inn)
        )
        self._add_award(
            inn.ref, award["scheme"], award.get("rank"), award.get("year"), None, quote, inn.confidence * 0.9, quote, {}
        )
        if item is not None:
            self._quote_award(inn.ref, award["scheme"], award.get("rank"), self.lines[item].strip())

    def _quote_award(self, recipient: str, scheme: str, rank: str | None, quote: str) -> None:
        """Add ``quote`` to the award of ``recipient`` (a list item naming it, say)."""
        for award in self.awards:
            same = award["recipient"] == recipient and award["scheme"] == scheme and award.get("rank") == rank
            if same and quote not in award["quote"]:
                award["quote"].append(quote)

    def _conferrer(self, scheme: str) -> str | None:
        """The ministry the article says an award came from ("dari Kementerian ...", "oleh KemenPANRB")."""
        text = self.a.headline + "\n" + "\n".join(self.lines)
        for m in re.finditer(r"\b(?:dari|oleh|diselenggarakan)\s+(Kementerian|Kemen\w+)", text, re.IGNORECASE):
            if m.group(1).lower() == "kementerian":
                found = self.f._ministry(text, m.end())
                if found and found[0].key != "kemensos":
                    return found[0].name
                continue
            try:
                return self.r.agency(m.group(1)).name
            except ResolutionError:
                continue
        return None

    # ------------------------------------------------------------------ launches and SDGs
    def _launches(self) -> None:
        words = self.lex.words["launch"]
        chosen: dict[str, Any] | None = None
        for i, line in enumerate(self.lines):
            lowered = line.lower()
            if not any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
                continue
            innovations = [inn.ref for inn in self.innovations if i in inn.mentions]
            refers_back = re.search(
                r"\b(kedua|ketiga|dua|tiga|kedua) inovasi (tersebut|ini|itu)\b|\binovasi (tersebut|ini)\b", lowered
            )
            if not innovations and refers_back:
                innovations = [inn.ref for inn in self.innovations if min(inn.mentions) <= i]
            if not innovations:
                continue
            dates = find_dates(line)
            if chosen is None or (dates and "date" not in chosen):
                entry: dict[str, Any] = {"innovations": innovations}
                if dates:
                    d = self.resolve_date(dates[0])
                    entry["date"] = d.iso
                    entry["date_basis"] = d.basis or f"'{dates[0].text}'."
                officials = self.officials[i]
                if officials:
                    ref = self.person_ref(officials[0].name)
                    if ref:
                        entry["launched_by"] = ref
                place = re.search(r"\bdi\s+([a-z]+\s+[A-Z][\w]+(?:\s+(?!Kota\b|Kabupaten\b)[A-Z][\w]+)?)", line)
                if place:
                    words_ = place.group(1).split()
                    entry["place"] = " ".join(w.capitalize() if j == 0 else w for j, w in enumerate(words_))
                    regions = [rm for rm in self.f.regions(place.group(1)) if rm.kind and rm.region]
                    entry["place"] = entry["place"] if not regions else entry["place"]
                if self.ctx.main_region:
                    entry["region"] = self.region_name(self.ctx.main_region)
                entry["quote"] = sentence_at(
                    line, lowered.find(next(w for w in words if re.search(rf"\b{re.escape(w)}\b", lowered)))
                )
                entry["confidence"] = 0.75 if dates else 0.6
                if chosen is None:
                    chosen = entry
                else:
                    entry["innovations"] = list(dict.fromkeys(chosen["innovations"] + innovations))
                    chosen = entry
            elif chosen is not None:
                chosen["innovations"] = list(dict.fromkeys(chosen["innovations"] + innovations))
        if chosen:
            self.launches.append(chosen)

    def _sdgs(self, inn: Innovation) -> list[dict[str, str]]:
        text = " ".join(self.lines[i] for i in sorted(set(inn.mentions)))
        if len(self.innovations) == 1:
            text = " ".join(self.lines)
        lowered = text.lower()
        out = []
        for target, words in self.lex.sdgs.items():
            hits = [w for w in words if re.search(rf"\b{re.escape(w)}", lowered)]
            if hits:
                try:
                    self.r.sdg(target)
                except ResolutionError:
                    continue
                out.append(
                    {"target": target, "basis": "The text about it says " + ", ".join(f"'{h}'" for h in hits[:3]) + "."}
                )
        return out

    # ------------------------------------------------------------------ headline claims
    def _headline_claims(self) -> dict[str, str]:
        head = self.a.headline
        ranks = [(n, s) for n, s, c in self.f.ranks(head) if not c]
        schemes = self.f.schemes(head)
        if not ranks or not schemes:
            return {}
        rank, scheme = ranks[0][0], schemes[0][0]
        years = [y for y, _ in stated_years(head).most_common()]
        claims = 0
        for award in list(self.awards):
            if (
                award["scheme"] == scheme
                and award.get("rank")
                and award["rank"] != rank
                and (not years or award.get("year") == years[0])
            ):
                claims += 1
                self.awards.append(
                    {
                        "ref": f"{award['ref']}-headline",
                        "part": "headline",
                        "scheme": scheme,
                        "year": years[0] if years else award.get("year"),
                        "rank": rank,
                        "recipient": award["recipient"],
                        "quote": [head],
                        "confidence": 0.5,
                    }
                )
        return {"headline": head} if claims else {}

    # ------------------------------------------------------------------ the record
    def run(self) -> tuple[dict[str, Any], list[str]]:
        self._regions()
        self._officials()
        self._dates()
        self._innovations()
        # the event date: the first dated line about a handing-over, a launch or an award
        for line in self.lines:
            lowered = line.lower()
            cues = self.lex.words["handing"] + self.lex.words["launch"] + ["penghargaan"]
            if any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in cues) and find_dates(line):
                self.ctx.event = self.resolve_date(find_dates(line)[0])
                break
        if self.ctx.issued is None:
            body_dates = [self.resolve_date(d) for line in self.lines for d in find_dates(line)]
            if body_dates:
                self.ctx.issued = max(body_dates, key=lambda d: d.iso)
        self._people()
        self._awards()
        self._launches()
        self.replications = find_replications(self)
        for rep in self.replications:
            rep.original.region = rep.source
            if rep.replica is not None:
                rep.replica.region = rep.copier
        parts = self._headline_claims()
        return self._record(parts), self.notes

    def _record(self, parts: dict[str, str]) -> dict[str, Any]:
        source: dict[str, Any] = {"kind": "news-article", "title": self.a.headline}
        if self.a.publisher:
            source["publisher"] = self.a.publisher
        if self.ctx.issued:
            source["issued"] = self.ctx.issued.iso
            if self.ctx.issued.basis:
                source["date_basis"] = self.ctx.issued.basis
        source["language"] = "id"
        if parts:
            source["parts"] = parts
        record: dict[str, Any] = {"format": "psikg-record/1", "source": source}
        if self.agencies:
            record["agencies"] = list(self.agencies.values())
        innovations = []
        for inn in self.innovations:
            region = inn.region or self.ctx.main_region
            entry: dict[str, Any] = {"ref": inn.ref, "name": inn.name}
            if inn.acronym and inn.acronym != inn.name:
                entry["acronym"] = inn.acronym
            entry["owner"] = self._government(region) if region else (self._parent_ministry() or "")
            if not entry["owner"]:
                continue
            if inn.agency_ref:
                entry["agency"] = inn.agency_ref
            if region:
                entry["region"] = self.region_name(region)
            sdgs = self._sdgs(inn)
            if sdgs:
                entry["sdgs"] = sdgs
            entry["quote"] = inn.quote
            entry["confidence"] = inn.confidence if region else 0.5
            innovations.append(entry)
        replications = self._replication_entries(innovations)
        if innovations:
            record["innovations"] = innovations
        if self.people:
            record["people"] = list(self.people.values())
        if self.launches:
            record["launches"] = self.launches
        if self.awards:
            record["awards"] = self.awards
        if replications:
            record["replications"] = replications
        return record

    def _replication_entries(self, innovations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The replications section; a copy without a name of its own becomes an innovation of the
        copying region (added to ``innovations``) under the original's name."""
        written = {entry["ref"] for entry in innovations}
        out = []
        for rep in self.replications:
            if rep.original.ref not in written:
                continue
            if rep.replica is not None and rep.replica.ref in written:
                replica = rep.replica.ref
                basis = f"The article names the copy {rep.replica.acronym or rep.replica.name}"
            else:
                replica = f"{rep.original.ref}-{slug(rep.copier.name)}"[:60]
                entry: dict[str, Any] = {"ref": replica, "name": rep.original.name}
                if rep.original.acronym and rep.original.acronym != rep.original.name:
                    entry["acronym"] = rep.original.acronym
                entry |= {
                    "owner": self._government(rep.copier),
                    "region": self.region_name(rep.copier),
                    "description": f"{rep.original.acronym or rep.original.name} as copied by {rep.copier.name}.",
                    "quote": rep.quote[0],
                    "confidence": rep.confidence,
                }
                innovations.append(entry)
                written.add(replica)
                basis = "The copy has no name of its own in the article"
            year = f" in {rep.year}" if rep.year else ""
            item: dict[str, Any] = {
                "replica": replica,
                "original": rep.original.ref,
                "form": rep.form,
                "basis": f"{basis}; {rep.copier.name} copies it from {rep.source.name}{year} ({rep.form}).",
                "quote": rep.quote,
                "confidence": rep.confidence,
            }
            if rep.year:
                item["year"] = rep.year
            out.append(item)
        return out


def extract_facts(
    article: Article, resolver: Resolver, finder: Finder | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The record of one article (without source id and file) and notes for the reviewer."""
    return ArticleExtractor(article, resolver, finder or Finder(resolver)).run()
