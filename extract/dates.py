"""Dates as Indonesian news writes them, with the year inferred when it is missing.

Forms read: ``Rabu (25/11/2020)``, ``Rabu malam (19/9)``, ``Sabtu (22/7/2023) malam``, ``(6/12)``,
``Rabu, 25 November 2020``, ``20 Sep``, ``Selasa, 24 Agustus 2021``, ``14/08/2019``.
A date without a year gets one from the article's context (:func:`infer_year`): the years the text
states, checked against the weekday it names, and the terms of office of the officials it names;
how is said in ``basis``.

>>> [(m.day, m.month, m.year, m.weekday) for m in find_dates("diserahkan Rabu malam (19/9) di Surabaya")]
[(19, 9, None, 3)]
>>> resolve(find_dates("Rabu malam (19/9)")[0], [2018, 2019]).iso
'2018-09-19'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import lexicon


@dataclass(frozen=True)
class DateMention:
    """A date as written: day, month, maybe year, maybe weekday; ``text`` is the span quoted."""

    text: str
    start: int
    day: int
    month: int
    year: int | None
    weekday: int | None


@dataclass(frozen=True)
class ResolvedDate:
    iso: str
    basis: str | None  # None when the text printed the year
    confidence: float


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    day = _alt(lex.days)
    part = _alt(lex.day_parts)
    month = _alt(lex.months)
    numeric = re.compile(
        rf"(?:\b(?P<wd>{day})\b,?\s*(?:(?:{part})\s*)?(?:\((?:{part})\)\s*)?)?"
        r"\(?\s*(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>(?:19|20)?\d\d))?\s*\)?"
        r"(?![\d/])",
        re.IGNORECASE,
    )
    named = re.compile(
        rf"(?:\b(?P<wd>{day})\b,?\s*)?\b(?P<d>[0-3]?\d)\s+(?P<m>{month})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\b",
        re.IGNORECASE,
    )
    return numeric, named


_PATTERNS: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text``, in order (fractions like 2,5 and law numbers are skipped)."""
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _patterns()
    numeric, named = _PATTERNS
    lex = lexicon()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (numeric, named):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            raw_month = m.group("m")
            month = int(raw_month) if raw_month.isdigit() else lex.months[raw_month.lower()]
            day = int(m.group("d"))
            year_text = m.group("y")
            if pattern is numeric:
                inside = m.group(0).strip()
                has_paren = "(" in inside
                before = text[max(0, m.start() - 12) : m.start()].lower()
                if not has_paren and not m.group("wd") and not year_text:
                    continue  # "2/3" alone is more often a fraction than a date
                if any(re.search(rf"\b{re.escape(c)}\.?\s*$", before) for c in lex.legal_year_cues):
                    continue  # "UU No. 25/2009"
            year = None
            if year_text:
                year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            try:
                dt.date(year or 2000, month, day)
            except ValueError:
                continue
            wd = lex.days.get((m.group("wd") or "").lower())
            found.append(DateMention(m.group(0).strip(), m.start(), day, month, year, wd))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def stated_years(text: str) -> Counter[int]:
    """Years the text states (``Tahun 2018``, ``KIPP 2020``), without laws' and decrees' years."""
    cues = lexicon().legal_year_cues
    years: Counter[int] = Counter()
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()].lower()
        words = re.findall(r"[a-z-]+", before)[-3:]
        if "/" in text[max(0, m.start() - 4) : m.start()] or any(w in cues for w in words):
            continue
        year = int(m.group(0))
        if 1990 <= year <= 2099:
            years[year] += 1
    return years


def resolve(
    mention: DateMention,
    years: Iterable[int],
    allowed: Iterable[list[tuple[str, str]]] = (),
    reason: str = "",
) -> ResolvedDate:
    """The full date of ``mention``; a missing year is chosen among ``years`` (most likely first).

    A year is kept only if the weekday written matches and the date falls, for every group of
    ``allowed`` (start, end) periods, in one of them (e.g. the terms of each minister named).
    """
    if mention.year:
        return ResolvedDate(dt.date(mention.year, mention.month, mention.day).isoformat(), None, 0.95)
    periods = list(allowed)
    candidates = list(dict.fromkeys(years))
    checks: list[str] = []

    def fits(year: int) -> bool:
        try:
            day = dt.date(year, mention.month, mention.day)
        except ValueError:
            return False
        if mention.weekday and day.isoweekday() != mention.weekday:
            return False
        iso = day.isoformat()
        return all(any(s <= iso <= e for s, e in group) for group in periods)

    chosen = next((y for y in candidates if fits(y)), None)
    if chosen is not None:
        checks.append(f"the text states the year {chosen}" if reason == "" else reason.format(year=chosen))
        confidence = 0.9
    else:
        scope = range(2030, 1999, -1)
        in_terms = [y for y in scope if fits(y)] if periods or mention.weekday else []
        if periods:
            in_terms.sort()
            chosen = in_terms[0] if in_terms else None
            if chosen is not None:
                checks.append(f"the only or earliest year {chosen} within the terms of the officials named")
        elif mention.weekday and candidates:
            near = sorted(in_terms, key=lambda y: min(abs(y - c) for c in candidates))
            chosen = near[0] if near else None
            if chosen is not None:
                checks.append(f"{chosen} is the year nearest the years the text states with that weekday")
        confidence = 0.6
    if chosen is None:
        chosen = candidates[0] if candidates else dt.date.today().year
        checks.append(f"assumed {chosen}: nothing in the text fixes the year")
        confidence = 0.3
    if mention.weekday:
        checks.append("the weekday written matches" if fits(chosen) else "the weekday written does NOT match")
    iso = dt.date(chosen, mention.month, mention.day).isoformat()
    return ResolvedDate(iso, f"'{mention.text}' has no year; " + "; ".join(checks) + ".", confidence)
