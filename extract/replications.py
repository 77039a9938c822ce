"""Replications: which region copies which named innovation of another.

A sentence states a replication when it has a replication word (``replication`` in
``lexicon/words.yaml``: "direplikasi", "mereplikasi", "meniru", "MoU replikasi" ...) and names the
innovation copied, in the sentence itself or in the list the sentence opens ("merinci inovasi
yang akan ditiru ...:"). In a line that speaks of replicating, a sentence that opens with a region
and names innovations of others says that the region takes them ("Kabupaten Boalemo mengambil
tiga sekaligus, yakni A, B dan C").

The copying region is a region of the sentence that owns none of the innovations copied and is
not written as a place or an owner ("di Jawa Tengah", "se-Sulawesi Tengah", "milik Pemkab X"),
after the verb for "direplikasi oleh X" and before it for "X mereplikasi A"; with none, the
article's own government when the sentence speaks of it ("oleh Dinas ...", "pemkab"), and nobody
when it says "daerah lain". The innovation's owner is the one the article states ("A yang
dikembangkan Brida Sulteng", "A dan B sama-sama lahir di DIY", "A dari Kota X"), else the region
written where it was first found; never only the article's own region assumed for it, and an
owner that is the copier itself is no replication.
A replica with a name of its own ("direplikasi ... dengan nama B") is that innovation; otherwise
the copy is written as an innovation of the copying region under the original's name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..loaders.resolver import Region
from .dates import stated_years
from .lexicon import lexicon
from .mentions import BULLET
from .sentences import sentence_spans

if TYPE_CHECKING:
    from .assemble import ArticleExtractor, Innovation


@dataclass
class Replication:
    original: Innovation
    source: Region  # the original's owner
    copier: Region
    replica: Innovation | None  # an innovation of its own name, when the article gives one
    quote: list[str]
    form: str  # adopted / adapted / partnership
    year: int | None
    confidence: float


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class _Cues:
    """The word lists of lexicon/words.yaml that this module reads, as patterns (built once)."""

    verb: re.Pattern[str]
    not_verb: re.Pattern[str]
    replica_cue: re.Pattern[str]
    not_copier: re.Pattern[str]
    owner_cue: re.Pattern[str]
    owner_after_names: re.Pattern[str]
    others: re.Pattern[str]
    own: re.Pattern[str]
    partnership: re.Pattern[str]


@functools.cache
def _cues() -> _Cues:
    words = lexicon().words
    not_copier = words["place_before"] + words["owner_words"] + words["not_replicator_before"]
    before = "|".join(re.escape(w) for w in not_copier)
    return _Cues(
        verb=_words(words["replication"]),
        not_verb=_words(words["not_replication"]),
        replica_cue=_words(words["replica_name_cues"]),
        not_copier=re.compile(r"(?<![\w-])(?:" + before + r")[\s-]+(?:\S+\s+){0,3}?$"),
        owner_cue=_words(words["owner_words"] + words["owner_phrases"]),
        owner_after_names=_words(words["owner_cues_after_names"]),
        others=_words(words["other_regions"]),
        own=_words(words["own_government"]),
        partnership=_words(words["partnership"]),
    )


class ReplicationReader:
    """Finds the replications of one article from what :class:`ArticleExtractor` already knows."""

    def __init__(self, ex: ArticleExtractor):
        self.ex = ex
        self.cues = _cues()
        self._owners: dict[str, Region | None] = {}  # innovation ref -> its owner, once found

    # ------------------------------------------------------------------ where an innovation is
    def _spans(self, line: str, inn: Innovation) -> list[tuple[int, int]]:
        """Where ``inn`` is named in ``line`` (acronym or name, any case)."""
        lowered = line.lower()
        out: list[tuple[int, int]] = []
        for needle in (inn.acronym, inn.name):
            if not needle:
                continue
            pattern = r"\s+".join(re.escape(w) for w in needle.lower().split())
            for m in re.finditer(r"(?<!\w)" + pattern + r"(?!\w)", lowered):
                if not any(s <= m.start() < e for s, e in out):
                    out.append((m.start(), m.end()))
        return out

    def stated_owner(self, inn: Innovation) -> Region | None:
        """The owner the article writes right after the innovation's name, in any line."""
        for i, line in enumerate(self.ex.lines):
            regions = [rm for rm in self.ex.region_mentions[i] if rm.region is not None]
            for _, end in self._spans(line, inn):
                gap = re.match(r"(?:\s*\([^()]{1,120}\))?(?:\s*,)?\s*", line[end:])
                at = end + (gap.end() if gap else 0)
                cue = self.cues.owner_cue.match(line.lower(), at)
                if cue is None:
                    # "A dan B sama-sama lahir di X": the cue after the names of one sentence
                    sentence = next(s for s in sentence_spans(line) if s[0] <= end <= s[1])
                    cue = self.cues.owner_after_names.search(line.lower(), end, sentence[1])
                    if cue is None:
                        continue
                for rm in regions:
                    if 0 <= rm.span.start - cue.end() <= 40 and not re.search(r"[.;]", line[cue.end() : rm.span.start]):
                        return rm.region
        return None

    def owner(self, inn: Innovation) -> Region | None:
        """The region the article says owns ``inn``; None when only the article's own region is
        assumed (a copy of it by that region would be no replication)."""
        if inn.ref not in self._owners:
            self._owners[inn.ref] = self.stated_owner(inn) or (inn.region if inn.region_written else None)
        return self._owners[inn.ref]

    # ------------------------------------------------------------------ sentences
    def _speaks_of_replicating(self, text: str) -> bool:
        return bool(self.cues.verb.search(self.cues.not_verb.sub(" ", text.lower())))

    def _named_in(self, line: str, start: int, end: int) -> list[tuple[int, Innovation]]:
        found = []
        for inn in self.ex.innovations:
            spans = [s for s in self._spans(line, inn) if start <= s[0] < end]
            if spans:
                found.append((spans[0][0], inn))
        return sorted(found, key=lambda f: f[0])

    def _listed(self, i: int) -> list[Innovation]:
        """Innovations of the bulleted list that line ``i`` opens."""
        if not self.ex.lines[i].rstrip().endswith(":"):
            return []
        lines = self.ex.lines
        return [inn for inn in self.ex.innovations if i in inn.listed_in and BULLET.match(lines[inn.listed_in[i]])]

    # ------------------------------------------------------------------ the copier
    def _copiers(self, line: str, i: int, start: int, end: int, owners: set[str]) -> list[Region]:
        sentence = line[start:end].lower()
        # "direplikasi oleh X": the copier comes after the verb; "X mereplikasi A": before it
        verb = self.cues.verb.search(sentence)
        if verb and verb.group(0).startswith("di") and re.match(r"\s+oleh\b", sentence[verb.end() :]):
            start = start + verb.end()
        elif verb and verb.group(0).startswith("me"):
            before = [rm for rm in self.ex.region_mentions[i] if start <= rm.span.start < start + verb.start()]
            if any(rm.region is not None and rm.region.code not in owners for rm in before):
                end = start + verb.start()
        out: list[Region] = []
        for rm in self.ex.region_mentions[i]:
            if rm.region is None or not start <= rm.span.start < end or rm.region.code in owners:
                continue
            if self.cues.not_copier.search(line[max(start, rm.span.start - 40) : rm.span.start].lower()):
                continue
            if rm.region not in out:
                out.append(rm.region)
        if out:
            return out
        main = self.ex.ctx.main_region
        if self.cues.others.search(sentence) or main is None or main.code in owners:
            return []
        return [main] if self.cues.own.search(sentence) else []

    # ------------------------------------------------------------------ reading
    def read(self) -> list[Replication]:
        found: list[Replication] = []
        for i, line in enumerate(self.ex.lines):
            if not self._speaks_of_replicating(line):
                continue
            for start, end in sentence_spans(line):
                sentence = line[start:end]
                named = self._named_in(line, start, end)
                if self._speaks_of_replicating(sentence):
                    cue = self.cues.replica_cue.search(sentence.lower())
                    replicas = [inn for at, inn in named if cue and at >= start + cue.end()]
                    originals = [inn for at, inn in named if inn not in replicas]
                    originals += [inn for inn in self._listed(i) if inn not in originals]
                elif named and any(0 <= rm.span.start - start <= 12 for rm in self.ex.region_mentions[i]):
                    # "Kabupaten Boalemo mengambil tiga sekaligus, yakni A, B dan C" in a line about replicating
                    replicas, originals = [], [inn for _, inn in named]
                else:
                    continue
                if not originals:
                    continue
                owners = {o.code for o in (self.owner(inn) for inn in originals) if o is not None}
                copiers = self._copiers(line, i, start, end, owners)
                for copier in copiers:
                    for n, inn in enumerate(originals):
                        source = self.owner(inn)
                        if source is None or source.code == copier.code:
                            continue
                        replica = replicas[n] if n < len(replicas) and len(originals) == len(replicas) else None
                        if replica is None and len(replicas) == 1 and len(originals) == 1:
                            replica = replicas[0]
                        found.append(self._replication(inn, source, copier, replica, sentence.strip()))
        return self._unique(found)

    def _replication(
        self, inn: Innovation, source: Region, copier: Region, replica: Innovation | None, quote: str
    ) -> Replication:
        lowered = quote.lower()
        if replica is not None:
            form = "adapted"
        elif self.cues.partnership.search(lowered):
            form = "partnership"
        else:
            form = "adopted"
        years = [y for y, _ in stated_years(quote).most_common()]
        issued = self.ex.ctx.issued
        year = years[0] if len(years) == 1 else (int(issued.iso[:4]) if issued else None)
        confidence = 0.75 if self.cues.verb.search(lowered) else 0.6
        return Replication(inn, source, copier, replica, [quote], form, year, confidence)

    @staticmethod
    def _unique(found: list[Replication]) -> list[Replication]:
        out: dict[tuple[str, str], Replication] = {}
        for rep in found:
            k = (rep.original.ref, rep.copier.code)
            if k in out:
                kept = out[k]
                kept.quote += [q for q in rep.quote if q not in kept.quote]
                kept.replica = kept.replica or rep.replica
                if kept.form == "adopted":
                    kept.form = rep.form
            else:
                out[k] = rep
        return list(out.values())


def find_replications(ex: ArticleExtractor) -> list[Replication]:
    return ReplicationReader(ex).read()
