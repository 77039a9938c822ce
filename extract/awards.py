"""Award rules: which innovation, government or unit an article says received which award.

:class:`AwardRules` is the part of :class:`~.assemble.ArticleExtractor` that reads awards: per
line, the innovations named, the schemes of ``data/reference/schemes.ttl``, the ranks and years;
who handed the award over to whom, when and where; governments and units that received one;
earlier editions won again; and a headline that states another rank than the body (docs/extraction.md,
"awards" and "headline claims"). It works on what the extractor found before it (innovations,
regions, officials, units) and adds to ``awards``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..loaders.resolver import Region, ResolutionError, Resolver
from ..loaders.text import fold
from ..namespaces import PSIKG
from .dates import ResolvedDate, find_dates, stated_years
from .lexicon import Lexicon
from .mentions import KINDS, SERVICE_UNIT_HEADS, Finder, OfficialMention, RegionMention
from .reading import Article
from .sentences import sentence_at

if TYPE_CHECKING:
    from .assemble import Context, Innovation

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


class AwardRules:
    """The award rules of :class:`~.assemble.ArticleExtractor` (see the module doc)."""

    a: Article
    r: Resolver
    f: Finder
    lex: Lexicon
    lines: list[str]
    ctx: Context
    innovations: list[Innovation]
    agencies: dict[str, dict[str, Any]]
    people: dict[str, dict[str, Any]]
    awards: list[dict[str, Any]]
    region_mentions: list[list[RegionMention]]
    officials: list[list[OfficialMention]]
    notes: list[str]

    if TYPE_CHECKING:  # the extractor's own methods these rules call

        def person_ref(self, name: str) -> str | None: ...
        def resolve_date(self, mention: Any) -> ResolvedDate: ...
        def _government(self, region: Region) -> str: ...
        def _unit(self, name: str, acronym: str | None, quote: str, line: int) -> str: ...

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
                if len(recipients) > 1:  # several governments won it: the one the sentence names
                    written = {
                        self._government(rm.region)
                        for rm in self.region_mentions[i]
                        if rm.region and start <= rm.span.start < start + len(sentence)
                    }
                    recipients = [r for r in recipients if r in written]
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
            if self._written_as_place(line, rm.span.start):
                continue  # "satu-satunya pemerintah daerah di Provinsi Jambi yang menerima": a place
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

    def _written_as_place(self, line: str, start: int) -> bool:
        """Whether the region at ``start`` follows a word of ``place_before`` ("di", "se-")."""
        words = "|".join(re.escape(w) for w in self.lex.words["place_before"])
        return bool(re.search(rf"(?<![\w-])(?:{words})[\s-]+$", line[max(0, start - 4) : start], re.IGNORECASE))

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
        heads = [o for o in self.officials[i] if o.kind in KINDS and KINDS[o.kind] == main.kind]
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
