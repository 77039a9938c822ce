"""Scoring extraction against annotated articles: precision, recall and F1 per fact type.

A gold file (``psikg-extract-gold/1``, docs/extraction.md) names an article and lists the facts a
reader finds in it: innovations (name, acronym), regions (owners and recipients), awards
(recipient, rank, year) and officials (person, role, organization). :func:`evaluate` extracts
each article, matches predicted facts to gold facts one to one, and counts.

>>> Score(tp=9, predicted=10, gold=9).f1
0.947...
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..loaders.resolver import ResolutionError, Resolver
from ..loaders.text import key, person_name
from .assemble import extract_facts
from .mentions import Finder, acronym_fits
from .reading import read_article

GOLD_FORMAT = "psikg-extract-gold/1"
TYPES = ("innovations", "regions", "awards", "officials", "replications")


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    errors: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.add(s)
        return total

    def table(self) -> str:
        rows = [("fact type", "gold", "found", "correct", "precision", "recall", "F1")]
        for name, s in [*self.scores.items(), ("overall", self.overall)]:
            rows.append(
                (name, str(s.gold), str(s.predicted), str(s.tp), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
            for r in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"


def _same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = key(a), key(b)
    compact = ka.replace(" ", ""), kb.replace(" ", "")
    return ka == kb or compact[0] == compact[1] or (len(kb) > 3 and kb in ka) or (len(ka) > 3 and ka in kb)


def _similar_org(a: str, b: str, r: Resolver) -> bool:
    if not a or not b:
        return True
    try:
        if r.agency(a).iri == r.agency(b).iri:
            return True
    except ResolutionError:
        pass
    if _same_name(a, b):
        return True
    for short, long in ((a, b), (b, a)):
        if short.isupper() and " " not in short and acronym_fits(short, long):
            return True
    ta, tb = set(key(a).split()), set(key(b).split())
    if ta and tb and len(ta & tb) / len(ta | tb) >= 0.5:
        return True
    return difflib.SequenceMatcher(None, key(a).replace(" ", ""), key(b).replace(" ", "")).ratio() >= 0.85


def predicted_facts(record: dict[str, Any], r: Resolver) -> dict[str, list[dict[str, Any]]]:
    """The facts of an extracted record in the gold format's terms."""
    agencies = {a["ref"]: a for a in record.get("agencies", [])}
    innovations = {i["ref"]: i for i in record.get("innovations", [])}
    facts: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPES}
    for rep in record.get("replications", []):
        original, replica = innovations[rep["original"]], innovations[rep["replica"]]
        facts["replications"].append(
            {
                "innovation": original.get("acronym") or original["name"],
                "from": original.get("region"),
                "to": replica.get("region"),
            }
        )
    copies = {
        rep["replica"]
        for rep in record.get("replications", [])
        if innovations[rep["replica"]]["name"] == innovations[rep["original"]]["name"]
    }
    for ref, inn in innovations.items():
        if ref not in copies:  # a copy under the original's name is not another innovation
            facts["innovations"].append({"name": inn["name"], "acronym": inn.get("acronym")})
    regions: set[str] = {inn["region"] for inn in innovations.values() if inn.get("region")}
    for award in record.get("awards", []):
        recipient = award["recipient"]
        if recipient in innovations:
            label = innovations[recipient].get("acronym") or innovations[recipient]["name"]
        elif recipient in agencies:
            label = agencies[recipient]["name"]
            if agencies[recipient].get("region"):
                regions.add(agencies[recipient]["region"])
        else:
            label = recipient
            try:
                code = r.agency(recipient).region
                if code:
                    regions.add(r.regions[code].name)
            except ResolutionError:
                pass
        facts["awards"].append(
            {"recipient": label, "rank": award.get("rank"), "year": award.get("year"), "part": award.get("part")}
        )
    facts["regions"] = [{"region": name} for name in sorted(regions)]
    for person in record.get("people", []):
        post = person.get("post")
        if isinstance(post, str):
            ref = r.posts[key(post)]
            role, org = ref.role_label, ref.org.name
        elif isinstance(post, dict):
            role = post["role"]
            org = post["organization"]
            org = agencies[org]["name"] if org in agencies else org
        else:
            continue
        facts["officials"].append({"person": person["name"], "role": role, "organization": org})
    return facts


def _region_code(name: str, r: Resolver) -> str | None:
    """The code of a region named by its official name (the province "Jambi", not ambiguous
    with "Kota Jambi" here) or by a name the resolver reads; None when it names none."""
    for region in r.regions.values():
        if region.name == name:
            return region.code
    try:
        return r.region(name).code
    except ResolutionError:
        return None


def _match(kind: str, gold: dict[str, Any], pred: dict[str, Any], r: Resolver) -> bool:
    if kind == "innovations":
        if gold.get("acronym") and pred.get("acronym"):
            return key(gold["acronym"]).replace(" ", "") == key(pred["acronym"]).replace(" ", "")
        return _same_name(gold["name"], pred["name"]) or _same_name(gold.get("acronym"), pred["name"])
    if kind == "regions":
        return _region_code(gold["region"], r) == _region_code(pred["region"], r) is not None
    if kind == "awards":
        same_recipient = _same_name(str(gold["recipient"]), str(pred["recipient"])) or _similar_org(
            str(gold["recipient"]), str(pred["recipient"]), r
        )
        rank = (gold.get("rank") or None, pred.get("rank") or None)
        if rank[0]:
            with contextlib.suppress(ResolutionError):
                rank = (r.notation("rank", str(rank[0])), rank[1])
        year = (int(gold["year"]) if gold.get("year") else None, int(pred["year"]) if pred.get("year") else None)
        return same_recipient and rank[0] == rank[1] and year[0] == year[1]
    if kind == "replications":
        same_innovation = _same_name(str(gold["innovation"]), str(pred["innovation"]))
        same_copier = _region_code(gold["to"], r) == _region_code(str(pred["to"]), r)
        same_source = not gold.get("from") or _region_code(gold["from"], r) == _region_code(str(pred["from"]), r)
        return same_innovation and same_copier and same_source
    if kind == "officials":
        try:
            same_person = r.person(gold["person"]).iri == r.person(pred["person"]).iri
            same_role = r.role(gold["role"])[0] == r.role(pred["role"])[0]
        except ResolutionError:
            return False
        if not same_person:
            same_person = key(person_name(gold["person"])) == key(person_name(pred["person"]))
        return (
            same_person
            and same_role
            and _similar_org(str(gold.get("organization") or ""), str(pred["organization"]), r)
        )
    raise ValueError(kind)


def _normalise_gold(kind: str, items: list[Any]) -> list[dict[str, Any]]:
    if kind == "regions":
        return [{"region": i} if isinstance(i, str) else i for i in items]
    return [dict(i) for i in items]


def score_article(gold: dict[str, Any], record: dict[str, Any], r: Resolver, name: str = "") -> Evaluation:
    result = Evaluation()
    predicted = predicted_facts(record, r)
    for kind in TYPES:
        if kind == "replications" and kind not in gold:
            continue  # a gold file that does not annotate replications is not scored on them
        wanted = _normalise_gold(kind, gold.get(kind) or [])
        found = list(predicted[kind])
        score = result.scores[kind]
        score.gold, score.predicted = len(wanted), len(found)
        unused = list(range(len(found)))
        for g in wanted:
            hit = next((j for j in unused if _match(kind, g, found[j], r)), None)
            if hit is None:
                result.errors.append(f"{name}: missed {kind[:-1]} {g}")
            else:
                unused.remove(hit)
                score.tp += 1
        for j in unused:
            result.errors.append(f"{name}: extra {kind[:-1]} {found[j]}")
    return result


def read_gold(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT:
        raise ValueError(f"{path}: not a gold file (format: {GOLD_FORMAT})")
    return data


def evaluate(gold_dir: Path, resolver: Resolver, finder: Finder | None = None) -> Evaluation:
    """Extract every article named by a gold file of ``gold_dir`` and score it."""
    finder = finder or Finder(resolver)
    total = Evaluation()
    files = sorted(gold_dir.glob("*.yaml"))
    if not files:
        raise ValueError(f"{gold_dir}: no gold files (*.yaml)")
    for path in files:
        gold = read_gold(path)
        article = (path.parent / gold["article"]).resolve()
        record, _ = extract_facts(read_article(article), resolver, finder)
        one = score_article(gold, record, resolver, path.stem)
        for kind in TYPES:
            total.scores[kind].add(one.scores[kind])
        total.errors += one.errors
    return total
