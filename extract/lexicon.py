"""The extractor's language resources: the YAML files of ``extract/lexicon/``, loaded once.

Knowledge about Indonesian news text (month names, titles of office, boilerplate lines, cue
words, SDG words) lives in those files; code only reads them.

>>> lexicon().months["agustus"], lexicon().days["rabu"]
(8, 3)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


def _read(name: str) -> Any:
    return yaml.safe_load((LEXICON_DIR / name).read_text(encoding="utf-8"))


def _lower(items: list[Any]) -> list[str]:
    return [str(i).lower() for i in items]


@dataclass(frozen=True, eq=False)
class Lexicon:
    months: dict[str, int]
    days: dict[str, int]
    day_parts: list[str]
    legal_year_cues: list[str]
    boilerplate: dict[str, list[str]]
    language_words: frozenset[str]
    language_min_share: float
    language_min_words: int
    titles: list[dict[str, Any]]
    led_by: dict[str, Any]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    words: dict[str, list[str]]
    word_sets: dict[str, frozenset[str]]
    sdgs: dict[str, list[str]]
    region_cues: dict[str, list[str]]
    province_short: dict[str, str]  # "kaltara" -> "Kalimantan Utara" (regions.yaml)
    unit_acronyms: dict[str, str]  # "diskominfo" -> "Dinas Komunikasi dan Informatika" (units.yaml)

    def has(self, group: str, word: str) -> bool:
        """Whether ``word`` (any case) is in the word list ``group`` of words.yaml."""
        return word.lower() in self.word_sets[group]


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon shipped in ``extract/lexicon/`` (read once per process)."""
    cal, bp, lang, ttl, words, regions = (
        _read(n)
        for n in ("calendar.yaml", "boilerplate.yaml", "language.yaml", "titles.yaml", "words.yaml", "regions.yaml")
    )
    return Lexicon(
        months={str(k).lower(): int(v) for k, v in cal["months"].items()},
        days={str(k).lower(): int(v) for k, v in cal["days"].items()},
        day_parts=_lower(cal["day_parts"]),
        legal_year_cues=_lower(cal["legal_year_cues"]),
        boilerplate={k: _lower(v) for k, v in bp.items()},
        language_words=frozenset(_lower(lang["words"])),
        language_min_share=float(lang["min_share"]),
        language_min_words=int(lang["min_words"]),
        titles=list(ttl["titles"]),
        led_by=dict(ttl["led_by"]),
        honorifics=frozenset(str(h) for h in ttl["honorifics"]),
        not_names=frozenset(_lower(ttl["not_names"])),
        words={k: _lower(v) for k, v in words.items()},
        word_sets={k: frozenset(_lower(v)) for k, v in words.items()},
        sdgs={str(k): _lower(v) for k, v in _read("sdgs.yaml").items()},
        unit_acronyms={str(k).lower(): str(v) for k, v in _read("units.yaml")["acronyms"].items()},
        region_cues={k: _lower(v) for k, v in regions.items() if k != "province_short"},
        province_short={str(k).lower(): str(v) for k, v in regions["province_short"].items()},
    )
