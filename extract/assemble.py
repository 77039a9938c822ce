"""From mentions to facts: one article's innovations, regions, officials, awards, launches, SDGs.

:func:`extract_facts` reads an :class:`~.reading.Article` line by line with a
:class:`~.mentions.Finder`, resolves what it finds against the reference data and returns the
record (``psikg-record/1`` as a dict, see docs/record-format.md) with a quote and a confidence on
every entry. The rules are general: they name no region, person, innovation or outlet. The award
rules are in :mod:`.awards`, the replication rules in :mod:`.replications`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..loaders.resolver import Region, ResolutionError, Resolver
from ..loaders.text import fold, key, slug
from ..namespaces import PSIKG
from .awards import AwardRules
from .dates import DateMention, ResolvedDate, find_dates, resolve, stated_years
from .lexicon import lexicon
from .mentions import (
    BULLET,
    KINDS,
    SERVICE_UNIT_HEADS,
    Finder,
    InnovationMention,
    OfficialMention,
    RegionMention,
    UnitMention,
)
from .reading import Article
from .replications import Replication, find_replications
from .sentences import sentence_at


@functools.cache
def owner_gap() -> re.Pattern[str]:
    """Between an innovation's name (and its acronym in brackets) and its owner: "A (ACR) dari Kota
    X" (the words: ``owner_words`` in lexicon/words.yaml)."""
    words = "|".join(re.escape(w) for w in lexicon().words["owner_words"])
    return re.compile(r"(?:\s*\([^()]{1,80}\))?\s+(?:" + words + r")\s+")


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


class ArticleExtractor(AwardRules):
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
            if rm.span.start >= end and owner_gap().fullmatch(line, end, rm.span.start):
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
        if o.region is None and o.kind in KINDS:  # "Bupati Romanus Mbaraka": the head of the article's region
            main = self.ctx.main_region
            if main is None or main.kind != KINDS[o.kind]:
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
