"""Finding things in text: regions, innovations (with acronyms), officials, schemes and ranks.

Everything here is pattern matching over one line of an article, guided by the lexicon
(``extract/lexicon/``) and the reference data behind a :class:`~psikg.loaders.resolver.Resolver`
(region names, agency labels, scheme labels). Results carry the span of text they rest on.

>>> acronym_fits("LP-PAR", "Lembaga Perlindungan Perempuan, Anak dan Remaja")
True
>>> acronym_fits("RTLH", "Dinas Kesehatan")
False
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..loaders.resolver import Agency, Region, ResolutionError, Resolver
from ..loaders.text import key
from ..namespaces import PSIKG
from .lexicon import lexicon

# A word as names are written: letters/digits with inner dots, hyphens, apostrophes ("H.M", "A-Jak").
WORD = re.compile(r"[0-9A-Za-zÀ-ÿ][0-9A-Za-zÀ-ÿ'’\-]*(?:\.[0-9A-Za-zÀ-ÿ]+)*\.?")
CONNECTORS = {"dan", "&", "untuk", "bagi", "di", "ke", "atau", "of", "the", "and", "in", "for"}
OPEN_QUOTES = "“\"'‘«"
# The marker of a list item: "- ", "• ", "1. ", "2) ", "a. ".
BULLET = re.compile(r"^\s*(?:[-–•*·▪●]|\d{1,2}[.)]|[a-z][.)])\s+")
# Words that open an enumeration in running text: "program unggulan, seperti A, B dan C".
ENUMERATION = re.compile(
    r"\b(?:seperti|yakni|yaitu|ialah|adalah|antara lain|di antaranya|diantaranya|meliputi|berupa)\s*:?\s+"
)
# What may stand between an enumerated name and the next: its acronym in brackets, its owner
# ("A dari Kabupaten X, B dari Kota Y").
ITEM_OWNER = re.compile(r"(?:\s*\([^()]{1,80}\))?(?:\s+(dari|milik|asal|karya)\s+)?")
# Where the name at the start of a list item ends: "Sahabat Lapor dari Kabupaten Gowa;".
ITEM_END = re.compile(
    r"\s*(?:[,;:(]|\s[-–]\s|$|\s(?:dari|milik|oleh|yang|di|pada|untuk|karya|besutan|garapan|asal|inovasi|program)\s)"
)


def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, other in enumerate(b):
            cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def acronym_fits(acronym: str, name: str) -> bool:
    """Whether ``acronym`` can abbreviate ``name``: same first letter, its letters mostly in order."""
    letters = re.sub(r"[^a-z0-9]", "", acronym.lower())
    words = [w for w in re.findall(r"[0-9A-Za-zÀ-ÿ]+", name.lower()) if w not in CONNECTORS]
    if len(letters) < 2 or not words or letters[0] != words[0][0]:
        return False
    # letters may come from short words too: "Getar Dilan" is GErakan TAnam sayuR DI LAhaN pekarangan
    ratio = _lcs(letters, "".join(re.findall(r"[0-9a-zà-ÿ]+", name.lower()))) / len(letters)
    initials = _lcs("".join(w[0] for w in words), letters) / len(words)
    # every letter in order lets a long name through with fewer initials ("Brexit": BRaille E-ticket eXtraordinary ...)
    return ratio >= 0.85 and (initials >= 0.5 or len(words) <= 2 or (ratio == 1 and initials >= 0.4))


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class RegionMention:
    region: Region | None
    candidates: list[Region]
    span: Span
    kind: str | None  # city / regency / province / None (bare name)
    government: bool  # written as the government ("Pemkot X")


@dataclass
class InnovationMention:
    name: str
    acronym: str | None
    span: Span  # the name (and acronym) as written
    cue: bool


@dataclass
class UnitMention:
    name: str
    acronym: str | None
    span: Span


@dataclass
class OfficialMention:
    name: str
    role: str  # a label of roles.ttl
    span: Span  # title ... name
    region: RegionMention | None = None
    agency: Agency | None = None
    organization: str | None = None  # a unit's name as written, when not resolved
    title: str | None = None
    kind: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


KINDS = {"city": PSIKG.City, "regency": PSIKG.Regency, "province": PSIKG.Province}
# First words of a unit's name that make it a service unit (a hospital, a clinic), not an office.
SERVICE_UNIT_HEADS = ("sentra", "upt", "uptd", "puskesmas", "balai", "rsud", "lapas", "unit")


class Gazetteer:
    """Region names of the reference data, found in text with the words around them."""

    PREFIXES = ("Kota Administrasi ", "Kabupaten Administrasi ", "Kota ", "Kabupaten ", "Provinsi ")

    def __init__(self, resolver: Resolver):
        self.resolver = resolver
        self.by_base: dict[str, list[Region]] = {}
        for region in resolver.regions.values():
            if region.kind == PSIKG.District:
                continue
            base = region.name
            for prefix in self.PREFIXES:
                base = base.removeprefix(prefix)
            self.by_base.setdefault(base.lower(), []).append(region)
        provinces = {r.name: r for r in resolver.regions.values() if r.kind == PSIKG.Province}
        for short, name in lexicon().province_short.items():  # "Gubernur Kaltara"
            if name in provinces:
                self.by_base.setdefault(short, []).append(provinces[name])
        names = sorted(self.by_base, key=len, reverse=True)
        self.pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
        cues = lexicon().region_cues
        self.cues = {
            kind: re.compile(
                r"(?:^|[^\w])(" + "|".join(re.escape(c) for c in sorted(cues[kind], key=len, reverse=True)) + r")\s*$",
                re.IGNORECASE,
            )
            for kind in ("city", "regency", "province")
        }
        self.government = {c.lower() for c in cues["government"]}
        self.kinds = {"city": PSIKG.City, "regency": PSIKG.Regency, "province": PSIKG.Province}

    def find(self, text: str, offset: int = 0) -> list[RegionMention]:
        found = []
        for m in self.pattern.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            kind, cue = None, None
            for k, pattern in self.cues.items():
                cm = pattern.search(before)
                if cm and (cue is None or len(cm.group(1)) > len(cue)):
                    kind, cue = k, cm.group(1)
            if cue is None and not m.group(0)[0].isupper():
                continue
            if (
                cue is None
                and m.group(0).isupper()
                and len(m.group(0)) > 3
                and text[m.end() : m.end() + 2].strip() in ("-", "–", ",")
            ):
                pass  # a dateline "PEKALONGAN -": a bare mention
            candidates = self.by_base[m.group(0).lower()]
            if kind:
                candidates = [r for r in candidates if r.kind == self.kinds[kind]]
            else:
                candidates = [r for r in candidates if r.kind != PSIKG.Province] or candidates
            if not candidates:
                continue
            start = m.start() - (len(cue) + (len(before) - len(before.rstrip())) if cue else 0)
            government = bool(cue and cue.lower() in self.government)
            span = Span(text[start : m.end()], offset + start, offset + m.end())
            region = candidates[0] if len(candidates) == 1 else None
            found.append(RegionMention(region, candidates, span, kind, government))
        return found


def capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def capitalised_run(
    text: str,
    pos: int,
    limit: int = 5,
    digits: bool = False,
    connectors: bool = False,
    inner: frozenset[str] | set[str] = CONNECTORS,
    commas: bool = False,
) -> list[re.Match[str]]:
    """The words from ``pos`` on that are capitalised (or numbers, with ``digits``; or, with
    ``connectors``, words of ``inner`` such as "dan"/"di" between two of them), at most ``limit``,
    separated by spaces only (or, with ``commas``, a comma before a capitalised word: "Bersih, Aman
    dan Pintar"), up to the end of a sentence."""
    run: list[re.Match[str]] = []
    for word in WORD.finditer(text, pos):
        w = word.group(0)
        gap = text[(run[-1].end() if run else pos) : word.start()].strip()
        if (gap and not (commas and gap == "," and run and capitalised(w))) or len(run) == limit:
            break
        if not (capitalised(w) or (digits and w[0].isdigit()) or (connectors and run and w.lower() in inner)):
            break
        run.append(word)
        if w.endswith(".") and len(w) > 3:
            break  # "... gerakan Gandeng Gendong. Penganugerahan itu": the sentence ended
    while connectors and run and run[-1].group(0).lower() in inner:
        run.pop()
    return run


# The time said between a post and its holder's name: "Kepala Bappeda Kota X kala itu, Nama".
TIME_BEFORE_NAME = re.compile(r"(?:kala|saat|waktu|ketika) itu\s*,\s*")
# "Long Name (ACR)" and "Long Name atau (disingkat) ACR": the acronym after a long name.
PAREN_ACRONYM = re.compile(r"\(\s*([A-Za-z][\w\-. ]{0,24}?)\s*\)")
OR_ACRONYM = re.compile(
    r"\s+atau\s+(?:(?:yang\s+)?(?:disingkat|dikenal(?:\s+dengan)?|biasa\s+disebut)\s+)?"
    r"([A-Z][\w\-]{1,20}(?:\s[A-Z][\w\-]*)?)\b"
)
# The short form first, then what it stands for: "ACR, kependekan/singkatan/akronim dari Long Name",
# "ACR, yang berarti Long Name", "ACR atau Long Name"; and "Nama lengkapnya Long Name" after a
# sentence about ACR.
SPELLED_OUT = re.compile(
    r"\s*,?\s*(?:(?:yang\s+)?(?:merupakan\s+)?(?:singkatan|kependekan|akronim|kepanjangan)\s+dari"
    r"|,\s*yang\s+berarti|\s+atau)\s+"
)
FULL_NAME_CUE = re.compile(r"\b(?:[Nn]ama\s+(?:lengkap|panjang)nya|[Kk]epanjangannya)\s*(?:adalah\s+|:\s*)?")
# Lower-case words that may stand inside a long name between capitalised ones ("... dari Lamongan").
INNER_WORDS = CONNECTORS | {"dari", "pada", "dengan"}
# Verbs by which an innovation, as the subject of a sentence, reaches a rank: "A kini masuk Top 45".
WINS = re.compile(r"(?:[a-z]+\s+){0,3}(?:masuk|lolos|menembus|tembus|terpilih|meraih|menyabet)\b")
# What may follow a name written without a cue: a comma, a full stop, or "yang/dari/milik ..." about it.
NAME_CLOSE = re.compile(r"[,.;]|\s*$|\s+(?:yang|dari|milik|oleh|besutan|garapan)\b")


def closed(text: str, run: list[re.Match[str]]) -> bool:
    """Whether the name ``run`` ends where a name written without a cue may end (see NAME_CLOSE)."""
    return run[-1].group(0).endswith(".") or bool(NAME_CLOSE.match(text, run[-1].end()))


def fold_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def words_before(text: str, end: int, limit: int = 14) -> list[re.Match[str]]:
    """The word matches of ``text[:end]`` (at most ``limit``), last one last."""
    return list(WORD.finditer(text, max(0, end - 200), end))[-limit:]


class Finder:
    """Finds mentions in lines of one article; holds the resolver and the lexicon's patterns."""

    def __init__(self, resolver: Resolver):
        self.r = resolver
        self.lex = lexicon()
        self.gazetteer = Gazetteer(resolver)
        labels = [
            (k, v)
            for k, v in resolver.notation_labels("scheme").items()
            if len(k) > 2 and not ("-" in v and k == key(v))
        ]
        labels.sort(key=lambda kv: len(kv[0]), reverse=True)
        self.scheme_labels = labels
        self.scheme_pattern = re.compile(
            r"\b(" + "|".join(r"[\W_]*".join(re.escape(w) for w in k.split()) for k, _ in labels) + r")\b",
            re.IGNORECASE,
        )
        # ranks named in words of two or more ("Honorable Mention"); one word ("pemenang") says too little
        rank_labels = [k for k in resolver.notation_labels("rank") if " " in k and not k.startswith(("top ", "juara "))]
        rank_labels.sort(key=len, reverse=True)
        self.rank_label_pattern = re.compile(
            r"\b(?:" + "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in rank_labels) + r")\b",
            re.IGNORECASE,
        )
        titles = []
        for t in self.lex.titles:
            for spelling in t["spellings"]:
                titles.append((spelling, t))
        titles.sort(key=lambda st: len(st[0]), reverse=True)
        self.titles = titles
        self._title_words = frozenset(s.split()[0].lower() for s, _ in titles)
        self.title_pattern = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s, _ in titles) + r")(?![\w])"
        )
        vocab: set[str] = set(self.lex.words["institutional"]) | set(self.lex.unit_acronyms)
        names = resolver.agency_names()
        for name in names:
            if resolver.is_national_agency_name(name):
                vocab.update(name.split())
        self.agency_vocab = vocab
        self.ministry_vocab = sorted({w for k in names for w in k.split() if len(w) > 3})
        self._close: dict[str, str] = {}
        self.honorifics_lower = {h.lower() for h in self.lex.honorifics}
        cues = sorted(self.lex.words["innovation_cues"], key=len, reverse=True)
        any_cue = "|".join(re.escape(c) for c in cues)
        self.cue_word = re.compile(rf"\b(?:{any_cue})\b")  # in lower-cased text
        self.cue_then_name = re.compile(rf"\b({any_cue})\b\s+", re.IGNORECASE)  # "inovasi Name"
        self.explained_by_cue = re.compile(rf",\s+(?:sebuah\s+|yakni\s+)?(?:{any_cue})\b", re.IGNORECASE)
        self.openers = self.lex.language_words | self.lex.word_sets["sentence_openers"]

    # ------------------------------------------------------------------ schemes and ranks
    def schemes(self, text: str) -> list[tuple[str, Span]]:
        """(scheme notation, span) of each scheme name in ``text``."""
        out = []
        for m in self.scheme_pattern.finditer(text):
            notation = self.r.find_notation("scheme", m.group(0))
            if notation and not self._regional_edition(text, m.end()):
                out.append((notation, Span(m.group(0), m.start(), m.end())))
        return out

    def _regional_edition(self, text: str, end: int) -> bool:
        """A scheme's name followed by a region's is a region's own competition ("Top 30 KIPP Sulsel
        2022", "Top 45 Kompetisi Inovasi Pelayanan Publik Provinsi Jawa Timur 2019"), not the scheme."""
        rest = text[end : end + 80]
        if not rest[1:2].isupper() or rest[:1] != " ":
            return False  # a region's name is capitalised, one space after the scheme's
        return any(rm.span.start == 1 and rm.region is not None for rm in self.regions(rest))

    RANK = re.compile(r"\b(top)\s*[- ]?\s*(\d{1,3})\b", re.IGNORECASE)

    def ranks(self, text: str) -> list[tuple[str, Span, bool]]:
        """(rank notation, span, is-the-ceremony's-name) of each rank in ``text``."""
        out = []
        for m in self.RANK.finditer(text):
            try:
                notation = self.r.notation("rank", f"Top {int(m.group(2))}")
            except ResolutionError:
                continue
            before = [w.group(0).lower() for w in words_before(text, m.start(), 2)]
            ceremony = any(self.lex.has("ceremony_cues", w) for w in before)
            out.append((notation, Span(m.group(0), m.start(), m.end()), ceremony))
        for m in re.finditer(r"\bjuara\s+(I{1,3}|[123])\b", text, re.IGNORECASE):
            try:  # "juara II": a place of an award with places (UNPSA), by the rank's labels
                notation = self.r.notation("rank", f"Juara {m.group(1).upper()}")
            except ResolutionError:
                continue
            out.append((notation, Span(m.group(0), m.start(), m.end()), False))
        for m in self.rank_label_pattern.finditer(text):
            label = self.r.find_notation("rank", m.group(0))
            if label:
                out.append((label, Span(m.group(0), m.start(), m.end()), False))
        # "kategori Pratama", "predikat Nindya", "tingkat Utama": a tier named after its word
        for m in re.finditer(r"\b(?:kategori|predikat|tingkat|peringkat)\s+([A-Za-z]+)", text, re.IGNORECASE):
            try:
                notation = self.r.notation("rank", m.group(1))
            except ResolutionError:
                continue
            out.append((notation, Span(m.group(0), m.start(), m.end()), False))
        return out

    # ------------------------------------------------------------------ regions
    def regions(self, text: str, offset: int = 0) -> list[RegionMention]:
        return self.gazetteer.find(text, offset)

    # ------------------------------------------------------------------ innovations and units
    def _is_known_other(self, name: str, acronym: str | None) -> bool:
        """A scheme, a reference agency or a stop-listed acronym: not an innovation."""
        if name.split() and self.lex.has("not_innovation_heads", name.split()[0]):
            return True
        if self.lex.has("not_innovation_names", name):  # "aplikasi Android"
            return True
        for value in (acronym, name):
            if not value:
                continue
            if self.lex.has("not_innovation_acronyms", value) or self.r.find_notation("scheme", value):
                return True
            if self.r.knows_agency(value):
                return True
        return False

    def _generic(self, name: str) -> bool:
        words = [w.lower().strip(".,") for w in WORD.findall(name)]
        return not words or all(
            self.lex.has("generic", w) or w in CONNECTORS or (w.isdigit() and len(w) == 4) for w in words
        )

    def acronym_definitions(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """(name, acronym, start, end) of each "Long Name (ACR)" or "Long Name atau ACR" in ``text``."""
        found = [*PAREN_ACRONYM.finditer(text), *OR_ACRONYM.finditer(text)]
        for m in sorted(found, key=lambda m: m.start()):
            acronym = m.group(1).strip()
            if " " in acronym.strip() and not re.fullmatch(r"[A-Za-z]+(?:[- ][A-Za-z]+){0,2}", acronym):
                continue
            before = words_before(text, m.start(), 14)
            # the run of capitalised words and connectors just before the parenthesis
            run: list[re.Match[str]] = []
            for w in reversed(before):
                gap = text[w.end() : (run[0].start() if run else m.start())]
                if gap.strip() not in ("", ",", *OPEN_QUOTES, "”"):
                    break
                if capitalised(w.group(0)) or (w.group(0).lower() in CONNECTORS and run):
                    run.insert(0, w)
                else:
                    break
            while run and run[0].group(0).lower() in CONNECTORS:
                run.pop(0)
            for i in range(len(run)):
                if run[i].group(0).lower() in CONNECTORS:
                    continue
                start = run[i].start()
                name = text[start : run[-1].end()].strip(" ,")
                if "," in name and self._is_region(name.split(",")[0]):
                    continue  # "... dari Kabupaten X, Long Name (ACR)": the list's last owner is no part of it
                if acronym_fits(acronym, name):
                    yield name, acronym, start, m.end()
                    break

    def expanded_names(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """(expansion, short name, start, end) of each "SHORT (Long Name Of It)" after a cue word."""
        cues = set(self.lex.words["innovation_cues"]) | set(self.lex.words["name_cues"])
        for m in re.finditer(r"\(\s*([A-Z][^()]{8,120}?)\s*\)", text):
            expansion = m.group(1).strip()
            words = expansion.split()
            if len(words) < 3 or sum(1 for w in words if capitalised(w)) < 2:
                continue
            before = words_before(text, m.start(), 6)
            run: list[re.Match[str]] = []
            for w in reversed(before):
                gap = text[w.end() : (run[0].start() if run else m.start())]
                if gap.strip() not in ("", *OPEN_QUOTES, "”") or not capitalised(w.group(0)):
                    break
                run.insert(0, w)
            while run and run[0].group(0).lower() in cues:
                run.pop(0)
            if not run or len(run) > 4:
                continue
            short = text[run[0].start() : run[-1].end()]
            previous = words_before(text, run[0].start(), 2)
            cue = any(p.group(0).lower() in cues for p in previous)
            # a comma inside is a list rather than a name, unless a cue word announced a name
            fits = cue or ("," not in expansion and acronym_fits(short, expansion))
            if fits and not self._generic(expansion):
                if self.lex.has("unit_heads", words[0]) or self.gazetteer.pattern.fullmatch(expansion):
                    continue
                yield expansion, short, run[0].start(), m.end()

    def spelled_out(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """(long name, short name, start, end) where the short form comes first: "ACR, kependekan
        dari Long Name", "ACR, yang berarti ...", "ACR atau Long Name", "ACR ... Nama lengkapnya
        Long Name". The short form must fit the long one (acronym_fits)."""
        pairs: list[tuple[list[re.Match[str]], int, int]] = []  # (short run, where the long form starts, cue start)
        for m in SPELLED_OUT.finditer(text):
            short: list[re.Match[str]] = []
            for w in reversed(words_before(text, m.start(), 5)):
                if text[w.end() : (short[0].start() if short else m.start())].strip() or not capitalised(w.group(0)):
                    break
                short.insert(0, w)
            pairs.append((short[-4:], m.end(), m.start()))
        for m in FULL_NAME_CUE.finditer(text):
            pairs.append(([], m.end(), m.start()))
        for short, at, cue_start in pairs:
            long_run = capitalised_run(text, at, limit=14, connectors=True, inner=INNER_WORDS, commas=True)
            candidates = [short[i:] for i in range(len(short))] if short else self._short_before(text, cue_start)
            while len(long_run) >= 2:
                name = text[long_run[0].start() : long_run[-1].end()].rstrip(".")
                fit = next((s for s in candidates if acronym_fits(text[s[0].start() : s[-1].end()], name)), None)
                if fit:
                    acronym = text[fit[0].start() : fit[-1].end()]
                    if len(name.split()) > len(acronym.split()) and not self._generic(name):
                        yield name, acronym, fit[0].start(), long_run[-1].end()
                    break
                long_run = long_run[:-1]

    def _short_before(self, text: str, end: int) -> list[list[re.Match[str]]]:
        """Runs of one to four capitalised words in the 300 characters before ``end``, nearest first."""
        words = list(WORD.finditer(text, max(0, end - 300), end))
        runs: list[list[re.Match[str]]] = []
        current: list[re.Match[str]] = []
        for w in words:
            if capitalised(w.group(0)) and (not current or not text[current[-1].end() : w.start()].strip()):
                current.append(w)
                continue
            if current:
                runs.append(current)
            current = [w] if capitalised(w.group(0)) else []
        if current:
            runs.append(current)
        return [r[i:] for r in reversed(runs) if len(r) <= 4 for i in range(len(r))]

    def innovations_and_units(self, text: str) -> tuple[list[InnovationMention], list[UnitMention]]:
        """Innovations ("Name (ACR)", "inovasi Name", "Program Name") and units ("Dinas X (DX)")."""
        innovations: list[InnovationMention] = []
        units: list[UnitMention] = []
        taken: list[tuple[int, int]] = []
        uncued: list[InnovationMention] = []
        for name, acronym, start, end in self.acronym_definitions(text):
            first = name.split()[0].lower()
            two = " ".join(name.split()[:2]).lower()
            if (
                self._is_known_other(name, acronym)
                or self._is_region(name)
                or any(name.lower().startswith(s.lower()) for s, _ in self.titles)
                or any(s.lower().startswith(name.lower() + " ") for s, _ in self.titles)  # "Penjabat (Pj)"
            ):
                taken.append((start, end))
                continue
            if self.lex.has("unit_heads", first) or self.lex.has("unit_heads", two):
                if not self._generic(" ".join(name.split()[1:]) or "x"):
                    units.append(UnitMention(name, acronym, Span(text[start:end], start, end)))
                taken.append((start, end))
                continue
            before = " ".join(w.group(0).lower() for w in words_before(text, start, 12))
            said = words_before(text, start, 1)
            cue = (
                any(re.search(rf"\b{re.escape(c)}\b", before) for c in self.lex.words["innovation_cues"])
                or self._wins(text, start, end)  # "Long Name atau ACR kini dipastikan masuk Top 45"
                or (  # "... melaporkan 45 inovasi. Yang pertama adalah Pasukan Tinja (PASTI)"
                    bool(said)
                    and self.lex.has("name_cues", said[0].group(0))
                    and any(re.search(rf"\b{re.escape(c)}\b", text.lower()) for c in self.lex.words["innovation_cues"])
                )
                or self.lex.has("innovation_heads", first)
                or any(re.search(rf"\b{re.escape(c)}", text.lower()) for c in self.lex.words["launch"])
            )
            if cue and not self._generic(name):
                innovations.append(InnovationMention(name, acronym, Span(text[start:end], start, end), True))
                taken.append((start, end))
            elif not self._generic(name):  # no cue near: kept in case another rule finds this name
                uncued.append(InnovationMention(name, acronym, Span(text[start:end], start, end), True))
            else:
                taken.append((start, end))
        held = [(u.span.start, u.span.end) for u in uncued]
        for name, acronym, start, end in [*self.expanded_names(text), *self.spelled_out(text)]:
            if any(a < end and start < b for a, b in taken + held) or self._is_known_other(name, acronym):
                continue
            if self._is_region(name) or self.lex.has("unit_heads", name.split()[0].lower()):
                taken.append((start, end))
                continue
            innovations.append(InnovationMention(name, acronym, Span(text[start:end], start, end), True))
            taken.append((start, end))
        for mention in self._cued_names(text):
            if any(a < mention.span.end and mention.span.start < b for a, b in taken + held):
                continue
            innovations.append(mention)
        for mention in [
            *self.enumerated(text),
            *self.more_named(text, bool(innovations)),
            *self.sentence_subjects(text),
            *self.appositions(text),
        ]:
            spans = taken + [(inn.span.start, inn.span.end) for inn in innovations]
            if not any(a < mention.span.end and mention.span.start < b for a, b in spans):
                # the name as its definition gives it ("Long Name (ACR)"), when there is one
                defined = next((u for u in uncued if u.span.start <= mention.span.start < u.span.end), None)
                mention = defined or mention
                innovations.append(mention)
                taken.append((mention.span.start, mention.span.end))
        taken.extend((u.span.start, u.span.end) for u in uncued)
        for mention in list(innovations):  # "yakni A (...) dan B, ...": the list goes on
            follower = self._listed_after(text, mention.span.end)
            if follower and not any(a < follower.span.end and follower.span.start < b for a, b in taken):
                innovations.append(follower)
                taken.append((follower.span.start, follower.span.end))
        return innovations, units

    def _listed_after(self, text: str, end: int) -> InnovationMention | None:
        """A name joined to an innovation by "dan"/"serta" and closed by a comma or full stop."""
        m = re.match(r"\s*(?:,\s*)?(?:dan|serta)\s+", text[end:])
        if not m:
            return None
        run = capitalised_run(text, end + m.end(), limit=6)
        if not 1 <= len(run) <= 5 or not closed(text, run):
            return None
        name = text[run[0].start() : run[-1].end()]
        if not self._may_name_innovation(name):
            return None
        return InnovationMention(name, None, Span(name, run[0].start(), run[-1].end()), True)

    def _may_name_innovation(self, name: str) -> bool:
        """A name met without a cue word may be an innovation's: no generic phrase, scheme, agency,
        region, unit ("Dinas ..."), office title or honorific."""
        words = name.split()
        if not words or len(words) > 8:
            return False
        first = words[0].lower()
        two = " ".join(words[:2]).lower()
        return not (
            self._generic(name)
            or self._is_known_other(name, None)
            or self._is_region(name)
            or self.lex.has("unit_heads", first)
            or self.lex.has("unit_heads", two)
            or self.lex.has("numbers", first)
            or any(name.lower().startswith(t.lower()) for t, _ in self.titles)
            or first in self.honorifics_lower
        )

    def more_named(self, text: str, names_some: bool) -> Iterator[InnovationMention]:
        """Names written without a cue word that a line still marks as innovations: "Ada pula
        Pelayanan Arsip Keliling yang ..." (in a line that ``names_some`` innovations already),
        "menembus Top 40 pada 2018 lewat ANC Hipnoterapi." (where an award is spoken of)."""
        for m in re.finditer(r"\b(?:[Aa]da (?:pula|juga)|[Jj]uga ada|lewat|melalui)\s+", text):
            through = m.group(0).lower().startswith(("lewat", "melalui"))
            if not through and not names_some:
                continue
            if through:
                sentence = text[text.rfind(".", 0, m.start()) + 1 : m.start()]
                if not (self.RANK.search(sentence) or self.scheme_pattern.search(sentence)):
                    continue  # "melalui X" names an innovation only where an award is spoken of
            run = capitalised_run(text, m.end(), limit=6, digits=True)
            if not 1 <= len(run) <= 5 or not closed(text, run):
                continue
            name = text[run[0].start() : run[-1].end()].rstrip(".")
            if self._may_name_innovation(name):
                acronym = name if len(run) == 1 and name.isupper() else None
                yield InnovationMention(name, acronym, Span(name, run[0].start(), run[0].start() + len(name)), True)

    def _wins(self, text: str, start: int, end: int) -> bool:
        """Whether the name at ``start:end`` opens its sentence and the sentence has it reach a rank
        or award: "Alarm Persalinan, karya para bidan desa, resmi masuk Top 40 ..."."""
        before = text[:start].rstrip(' "“')
        if before and not before.endswith((".", "!", "?", ":")):
            return False
        rest = text[end:]
        rest = re.sub(r"^,[^,.]{0,100},", "", rest)  # an apposition: ", karya para bidan desa,"
        sentence = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
        return bool(WINS.match(rest.lstrip()) and (self.RANK.search(sentence) or self.scheme_pattern.search(sentence)))

    def sentence_subjects(self, text: str) -> Iterator[InnovationMention]:
        """Names that open a sentence in which they reach a rank: "Alarm Persalinan lebih dulu masuk
        Top 99 Inovasi Pelayanan Publik 2017." (not people: the caller drops the article's officials)."""
        for m in re.finditer(r"(?:^|(?<=[.!?:])\s+)(?=[A-Z0-9])", text):
            run = capitalised_run(text, m.end(), limit=6, digits=True)
            if not 1 <= len(run) <= 5 or run[-1].group(0).endswith("."):
                continue
            name = text[run[0].start() : run[-1].end()].rstrip(",")
            if name.split()[0].lower() in self.openers:
                continue  # "Dengan masuk Top 45, ...", "Pada 2015 ...": a sentence opening, not a name
            if self._wins(text, run[0].start(), run[0].start() + len(name)) and self._may_name_innovation(name):
                acronym = name if len(run) == 1 and name.isupper() else None
                yield InnovationMention(name, acronym, Span(name, run[0].start(), run[0].start() + len(name)), True)

    def appositions(self, text: str) -> Iterator[InnovationMention]:
        """A name explained by an innovation word right after it: "Dua di antaranya ...: Singa
        Lahir, aplikasi Android karya RS ...". The name opens a sentence or follows a colon."""
        for m in re.finditer(r"(?:^|[.!?:]\s+)(?=[A-Z0-9])", text):
            run = capitalised_run(text, m.end(), limit=6, digits=True)
            if not 1 <= len(run) <= 5 or not self.explained_by_cue.match(text, run[-1].end()):
                continue
            name = text[run[0].start() : run[-1].end()]
            if name.split()[0].lower() in self.openers:
                continue
            if self._may_name_innovation(name):
                yield InnovationMention(name, None, Span(name, run[0].start(), run[-1].end()), True)

    def _is_region(self, name: str) -> bool:
        """The whole of ``name`` names a region ("Kota Palu", "Donggala")."""
        return bool(self.gazetteer.pattern.fullmatch(name)) or any(
            rm.span.start == 0 and rm.span.end == len(name) for rm in self.gazetteer.find(name)
        )

    def list_item(self, text: str) -> InnovationMention | None:
        """The name a list item starts with, in a list of innovations: "- Sahabat Lapor dari
        Kabupaten Gowa;", "1. Halo Makassar, inovasi Bappeda", "- SIDORA (Sistem Donor Darah)"."""
        bullet = BULLET.match(text)
        if not bullet:
            return None
        pos = bullet.end()
        cue = re.match(r"(?:inovasi|program|aplikasi)\s+(?=[A-Z0-9“\"])", text[pos:], re.IGNORECASE)
        if cue:
            pos += cue.end()
        if pos < len(text) and text[pos] in OPEN_QUOTES:
            close = re.search(r"[”\"'’»]", text[pos + 1 :])
            if close:
                name = text[pos + 1 : pos + 1 + close.start()].strip()
                if self._may_name_innovation(name):
                    return InnovationMention(name, None, Span(name, pos + 1, pos + 1 + len(name)), True)
            return None
        stop = ITEM_END.search(text, pos)
        end = stop.start() if stop else len(text)
        name = text[pos:end].strip(" .;")
        if name and name.split()[0].islower():
            return self._named_after_description(text, pos)
        if not name or not re.search(r"[A-Z0-9]", name.split()[0]):  # "Sapa Warga", "e-SKM", "112"
            return None
        count = re.match(r"\d[\d.,]*\s+(\w+)", name)
        if count and (count.group(1).islower() or self.lex.has("not_innovation_acronyms", count.group(1))):
            return None  # "- 16 kabupaten dengan 17 inovasi", "- 2 BUMN": a count
        if not self._may_name_innovation(name):
            return None
        acronym = None
        paren = re.match(r"\s*\(\s*([^()]{2,120}?)\s*\)", text[end:])
        if paren:
            inside = paren.group(1)
            if acronym_fits(inside, name) and " " not in inside:
                acronym = inside
            elif len(inside.split()) >= 2 and capitalised(inside.split()[0]) and len(name.split()) <= 3:
                whole = Span(text[pos : end + paren.end()], pos, end + paren.end())
                # "SIDORA (Sistem Donor Darah)"; "Taman PACANTELLS (Pangulinan ...)": the word in capitals
                short = next((w for w in name.split() if w.isupper() and acronym_fits(w, inside)), name)
                return InnovationMention(fold_spaces(inside), short, whole, True)
        elif len(name.split()) == 1 and name.isupper():
            acronym = name
        return InnovationMention(name, acronym, Span(name, pos, pos + len(name)), True)

    def _named_after_description(self, text: str, pos: int) -> InnovationMention | None:
        """The name of an item that opens with a description, set off by commas after it: "- layanan
        belajar daring ..., Jogja Belajar Class, oleh ..."; "- sistem informasi ... dari Kota Batu, Jawa
        Timur, atau SIP Banget, oleh ..." (a region between commas is no name)."""
        for m in re.finditer(r",\s*(?:atau\s+)?|\satau\s+", text[pos:]):
            if len(text[pos : pos + m.start()].split()) < 3:
                return None  # "- kecamatan, bagian, RSD, puskesmas": a list of words, no description
            start = pos + m.end()
            run = capitalised_run(text, start, limit=6, digits=True, connectors=True)
            if not run:
                continue
            name = text[start : run[-1].end()].rstrip(".")
            if len(name.split()) < 2 and "atau" not in m.group(0):
                continue
            ends = re.match(r"\s*(?:[,;(]|\.?\s*$)", text[run[-1].end() :])
            if ends and not self._is_region(name) and self._may_name_innovation(name):
                acronym = name if len(name.split()) == 1 and name.isupper() else None
                return InnovationMention(name, acronym, Span(name, start, start + len(name)), True)
        return None

    def enumerated(self, text: str) -> Iterator[InnovationMention]:
        """Names enumerated after an innovation word: "program unggulan daerahnya, seperti Klik Me,
        Kampungrajamapan dan Mabuk Kepayang, telah ...". Two names at least, each a capitalised run."""
        for m in ENUMERATION.finditer(text):
            before = " ".join(w.group(0).lower() for w in words_before(text, m.start(), 6))
            if not self.cue_word.search(before):
                continue
            items: list[tuple[int, int]] = []
            pos = m.end()
            while True:
                run = capitalised_run(text, pos, digits=True)
                if not run:
                    break
                items.append((run[0].start(), run[-1].end()))
                tail = ITEM_OWNER.match(text, run[-1].end())
                after = tail.end() if tail else run[-1].end()
                if tail and tail.group(1):
                    owner = capitalised_run(text, after, limit=6, connectors=True)
                    if not owner:
                        break
                    after = owner[-1].end()
                sep = re.match(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s(?:dan|serta)\s+)", text[after:])
                if not sep:
                    break
                pos = after + sep.end()
            names = [(text[a:b].rstrip("."), a) for a, b in items]
            if len(names) < 2 or not all(self._may_name_innovation(n) for n, _ in names):
                continue
            for name, start in names:
                yield InnovationMention(name, None, Span(name, start, start + len(name)), True)

    def _cued_names(self, text: str) -> Iterator[InnovationMention]:
        """Names announced by a cue word: "inovasi 3 in 1 pelayanan publik", "Program Laboratorium X"."""
        for m in self.cue_then_name.finditer(text):
            pos = m.end()
            previous = words_before(text, m.start(), 1)
            if previous and (previous[0].group(0).isdigit() or self.lex.has("numbers", previous[0].group(0))):
                continue  # "sembilan inovasi kota": a count, not a name
            inside = (
                previous and capitalised(previous[0].group(0)) and not text[previous[0].end() : m.start()].strip(" ")
            )
            if previous and previous[0].group(0).lower() in CONNECTORS:  # "Kajian Kebijakan dan Inovasi ..."
                two = words_before(text, m.start(), 2)
                inside = len(two) == 2 and capitalised(two[0].group(0))
            if m.group(1)[0].isupper() and inside:
                continue  # "Apresiasi Inovasi ...": the cue word is inside a longer name
            # skip filler words ("inovasi pelayanan publik Lembaga ...")
            while True:
                w = WORD.match(text, pos)
                if w and not capitalised(w.group(0)) and self.lex.has("cue_fillers", w.group(0)):
                    pos = w.end()
                    while pos < len(text) and text[pos] in " \t":
                        pos += 1
                    continue
                break
            quoted = pos < len(text) and text[pos] in OPEN_QUOTES
            if quoted:
                close = re.search(r"[”\"'’»]", text[pos + 1 :])
                if not close:
                    continue
                name = text[pos + 1 : pos + 1 + close.start()].strip()
                if name and not self._generic(name) and not self._is_known_other(name, None):
                    yield InnovationMention(name, None, Span(name, pos + 1, pos + 1 + len(name)), True)
                continue
            w = WORD.match(text, pos)
            if not w:
                continue
            if w.group(0)[0].isdigit():
                stop = re.search(r"[.,;:()]|\s(yang|di|oleh|milik|dari|untuk|dan|pada)\s", text[pos:])
                end = pos + (stop.start() if stop else len(text) - pos)
                name = text[pos:end].strip()
                if 1 <= len(name.split()) <= 8 and not self._generic(name):
                    yield InnovationMention(name, None, Span(name, pos, end), True)
                continue
            run = capitalised_run(text, pos, limit=len(text), connectors=True)
            if not run:
                continue
            name = text[run[0].start() : run[-1].end()].rstrip(".")
            if self._generic(name) or self._is_known_other(name, None) or self._is_region(name):
                continue
            first = name.split()[0].lower()
            if self.lex.has("unit_heads", first):
                continue
            acronym = name if len(run) == 1 and (name.isupper() or "-" in name) else None
            yield InnovationMention(name, acronym, Span(name, run[0].start(), run[0].start() + len(name)), True)

    # ------------------------------------------------------------------ officials
    def _name_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """A person's name starting at ``pos`` (after spaces/commas): (name, end) or None."""
        m = re.match(r"[\s,]*", text[pos:])
        pos += m.end() if m else 0
        then = TIME_BEFORE_NAME.match(text, pos)  # "Wakil Wali Kota X saat itu, Nama"
        pos = then.end() if then else pos
        tokens: list[re.Match[str]] = []
        for w in WORD.finditer(text, pos):
            gap = text[(tokens[-1].end() if tokens else pos) : w.start()]
            if gap.strip():
                break
            word = w.group(0)
            bare = word.rstrip(".")
            honorific = word in self.lex.honorifics or word.lower() in self.honorifics_lower
            if (not capitalised(word) and not honorific) or bare.lower() in self.lex.not_names or bare[0].isdigit():
                break
            tokens.append(w)
            # a full stop after a word of three letters or more ends the sentence, except after an
            # opening abbreviation ("Moh. Ali")
            ends = len(bare) > 3 or (len(bare) == 3 and len(tokens) > 1)
            if len(tokens) == 5 or (word.endswith(".") and ends and word not in self.lex.honorifics):
                break
        while tokens and tokens[-1].group(0).lower() in self.honorifics_lower:
            tokens.pop()
        if not tokens:
            return None
        name = text[tokens[0].start() : tokens[-1].end()]
        last = tokens[-1].group(0)
        ends = len(last) > 4 or (len(last) == 4 and len(tokens) > 1)  # "Soi." ends it, "Moh." opens it
        if name.endswith(".") and last not in self.lex.honorifics and ends:
            name = name[:-1]
        core = [t.group(0) for t in tokens if t.group(0).lower() not in self.honorifics_lower]
        if not core or all(len(c.rstrip(".")) < 3 for c in core):
            return None
        if any(c.lower().rstrip(".") in self.agency_vocab and len(core) == 1 for c in core):
            return None
        return name, tokens[0].start() + len(name)

    def _split_org_name(self, text: str, pos: int, limit: int = 16) -> tuple[str, int, int] | None:
        """After a title: (organisation words, where the name starts, org end) — the name is the
        first run of capitalised words that are not institutional."""
        words = list(WORD.finditer(text, pos))[:limit]
        # words of a place name of two or three words ("Aceh Singkil", "Lombok Utara")
        in_place: set[int] = set()
        for i in range(len(words)):
            for n in (3, 2):
                span = text[words[i].start() : words[min(i + n, len(words)) - 1].end()]
                if i + n <= len(words) and self.gazetteer.pattern.fullmatch(span):
                    in_place.update(range(i, i + n))
                    break
        org_end = pos
        for i, w in enumerate(words):
            gap = text[(words[i - 1].end() if i else pos) : w.start()]
            if gap.strip() not in ("", ","):
                return None
            word = w.group(0)
            bare = word.rstrip(".").lower()
            if word.lower() in self.honorifics_lower and i > 0:
                return text[pos:org_end].strip(" ,"), w.start(), org_end
            if gap.strip() == "," and i > 0 and self._name_after_comma(text, w.start()):
                return text[pos:org_end].strip(" ,"), w.start(), org_end
            institutional = (
                bare in self.agency_vocab
                or (word.isupper() and len(word) >= 2)
                or bare in CONNECTORS
                or bool(self.gazetteer.pattern.fullmatch(word.rstrip(".")))
                or i in in_place
            )
            if institutional and (capitalised(word) or bare in CONNECTORS):
                org_end = w.end()
                continue
            if capitalised(word) and i > 0:
                return text[pos:org_end].strip(" ,"), w.start(), org_end
            then = TIME_BEFORE_NAME.match(text, w.start())
            if then and i > 0:  # "Kepala Bappeda Kota X kala itu, Nama"
                return text[pos:org_end].strip(" ,"), then.end(), org_end
            return None
        return None

    def _name_after_comma(self, text: str, pos: int) -> bool:
        """Whether a name (capitalised words, not institutional) runs from ``pos`` to a clause end."""
        words: list[re.Match[str]] = []
        for w in WORD.finditer(text, pos):
            if text[(words[-1].end() if words else pos) : w.start()].strip():
                break
            words.append(w)
            if len(words) > 4:
                return False
        tail = text[words[-1].end() :].lstrip()[:1] if words else ""
        names = [w.group(0) for w in words]
        return (
            1 <= len(names) <= 4
            and tail in ("", ",", ".", ";", ")", "(")
            and all(capitalised(n) or n.lower() in self.honorifics_lower for n in names)
            and not any(n.lower().rstrip(".") in self.agency_vocab for n in names)
        )

    def _ministry(self, text: str, pos: int) -> tuple[Agency, int] | None:
        """The ministry named right after "Menteri" (typos tolerated): (agency, end of its name)."""
        words = list(WORD.finditer(text, pos))[:10]
        best: tuple[Agency, int] | None = None
        fixed: list[str] = []
        for i, w in enumerate(words):
            gap = text[(words[i - 1].end() if i else pos) : w.start()]
            if gap.strip() not in ("", ","):
                break
            word = w.group(0).lower().rstrip(".,")
            if word not in self.agency_vocab and len(word) > 4:
                if word not in self._close:  # typos like "Apataur": the nearest word of agency names
                    close = difflib.get_close_matches(word, self.ministry_vocab, n=1, cutoff=0.8)
                    self._close[word] = close[0] if close else word
                word = self._close[word]
            fixed.append(word)
            for name in (" ".join(fixed), "kementerian " + " ".join(fixed)):
                try:
                    agency = self.r.agency(name)
                except ResolutionError:
                    continue
                if not agency.key.startswith("pemda-"):
                    best = (agency, w.end())
        return best

    def officials(self, text: str) -> list[OfficialMention]:
        """People named with a title of office (see titles.yaml), or as the head of a unit."""
        out: list[OfficialMention] = []
        for m in self.title_pattern.finditer(text):
            spelling = re.sub(r"\s+", " ", m.group(1))
            title = next(t for s, t in self.titles if s == spelling)
            if not spelling[0].isupper():
                continue
            previous = words_before(text, m.start(), 1)
            if previous and previous[0].group(0).lower() in ("keputusan", "peraturan", "surat", "kepmen", "permen"):
                continue  # "Keputusan Menteri PANRB Nomor ...": a decree, not a person
            pos = m.end()
            follows = title["follows"]
            mention: OfficialMention | None = None
            if follows == "region":
                regions = [rm for rm in self.gazetteer.find(text[pos : pos + 60], pos) if rm.span.start - pos <= 2]
                if not regions:
                    # "Bupati Romanus Mbaraka": the head of a region the article must supply (its own)
                    prose = text.rstrip()[-1:] in (".", "!", "?", '"', "”", ")")  # not a subheading
                    bare = self._name_at(text, pos) if prose and title.get("kind") in KINDS else None
                    if (
                        bare
                        and self._could_be_a_person(bare[0])
                        and len(bare[0].split()) >= 2
                        and not any(self.lex.has("institutional", w) for w in bare[0].split())
                    ):
                        span = Span(text[m.start() : bare[1]], m.start(), bare[1])
                        out.append(OfficialMention(bare[0], title["role"], span, kind=title["kind"]))
                    continue
                rm = regions[0]
                if title.get("kind") in KINDS:
                    fitting = [r for r in rm.candidates if r.kind == KINDS[title["kind"]]]
                    rm.candidates = fitting or rm.candidates
                    rm.region = fitting[0] if len(fitting) == 1 else None
                    rm.kind = title["kind"]
                found = self._name_at(text, rm.span.end)
                if not found or not self._could_be_a_person(found[0]):
                    continue
                name, end = found
                mention = OfficialMention(name, title["role"], Span(text[m.start() : end], m.start(), end), region=rm)
            elif follows == "nation":  # "Wapres Jusuf Kalla", "Presiden Joko Widodo"
                if previous and previous[0].group(0).lower() in self.lex.word_sets["venue_heads"]:
                    continue  # "Istana Wakil Presiden, Jakarta": a place
                found = self._name_at(text, pos)
                if not found or not self._could_be_a_person(found[0]):
                    continue
                name, end = found
                span = Span(text[m.start() : end], m.start(), end)
                mention = OfficialMention(name, title["role"], span, agency=self.r.agency(title["agency"]))
            elif follows == "ministry":
                ministry = self._ministry(text, pos)
                if not ministry:
                    continue
                agency, org_end = ministry
                acronym = re.match(r"\s*\(\s*[A-Za-z][\w-]{1,15}\s*\)", text[org_end:])
                if acronym:  # "Menteri Pendayagunaan ... Birokrasi (PANRB) Abdullah Azwar Anas"
                    org_end += acronym.end()
                found = self._name_at(text, org_end)
                if not found:
                    mention = OfficialMention(
                        "", title["role"], Span(text[m.start() : org_end], m.start(), org_end), agency=agency
                    )
                else:
                    name, end = found
                    mention = OfficialMention(
                        name, title["role"], Span(text[m.start() : end], m.start(), end), agency=agency
                    )
            else:
                split = self._split_org_name(text, pos)
                if not split:
                    continue
                org, name_start, _ = split
                if not org:
                    continue
                found = self._name_at(text, name_start)
                if not found:
                    continue
                name, end = found
                head = title.get("head")
                organization = f"{head} {org}" if head and not org.lower().startswith(head.lower()) else org
                own_title = f"{spelling} {org}" if title.get("titled") else None
                mention = OfficialMention(
                    name,
                    title["role"],
                    Span(text[m.start() : end], m.start(), end),
                    organization=organization,
                    title=own_title,
                )
            if title.get("title") and mention:
                mention.title = title["title"]
            if mention and not any(o.span.start <= mention.span.start < o.span.end for o in out):
                out.append(mention)
        for phrase in self.lex.led_by["phrases"]:
            for m in re.finditer(rf"\s+{re.escape(phrase)}\s+", text):
                before = words_before(text, m.start(), 10)
                run: list[re.Match[str]] = []
                for w in reversed(before):
                    gap = text[w.end() : (run[0].start() if run else m.start())]
                    if gap.strip() not in ("", ","):
                        break
                    if capitalised(w.group(0)):
                        run.insert(0, w)
                    else:
                        break
                found = self._name_at(text, m.end())
                if not run or not found or any(o.span.start <= m.start() < o.span.end for o in out):
                    continue
                org = text[run[0].start() : run[-1].end()]
                name, end = found
                out.append(
                    OfficialMention(
                        name,
                        self.lex.led_by["role"],
                        Span(text[run[0].start() : end], run[0].start(), end),
                        organization=org,
                    )
                )
        return [o for o in out if self._could_be_a_person(o.name)]

    def _could_be_a_person(self, name: str) -> bool:
        """Not a weekday, month or place: "Bupati Lombok Utara, Selasa (12/10)", "Kantor
        Gubernur Jawa Timur, Surabaya" put those where a name would stand; nor the next official's
        title ("Bupati Banjar, Kepala Bappedalitbang Banjar HM Riza Dauly")."""
        words = name.lower().rstrip(".").split()
        if len(words) == 1 and (words[0] in self.lex.days or words[0] in self.lex.months):
            return False
        if words and words[0] in self._title_words:
            return False
        return not self.gazetteer.pattern.fullmatch(name.strip(" ,."))
