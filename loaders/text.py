"""Text normalisation shared by loaders and the resolver: folding, slugs, names.

>>> fold("  Rabu  (25/11)\\n malam ")
'Rabu (25/11) malam'
>>> slug("Lembaga Perlindungan Perempuan, Anak & Remaja")
'lembaga-perlindungan-perempuan-anak-remaja'
>>> person_name("H.M Saelany Machfudz")
'Saelany Machfudz'
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9.]+")

# Honorifics written before Indonesian names (Haji, Hajjah, Doktor, Insinyur, ...), compared
# without dots and case; "H.M" (Haji Muhammad) counts as one honorific.
_PREFIXES = {"h", "hj", "hm", "dr", "drs", "dra", "ir", "prof", "kh", "hc"}
# Academic degrees written after a comma: "S.T.", "M.Si", "S.Sos", "MM", "Ph.D".
_DEGREE = re.compile(r"^[A-Z][A-Za-z]{0,4}(?:\.[A-Za-z]{1,4})*\.?$")


def fold(text: str) -> str:
    """Collapse runs of white space (including non-breaking) into one space and trim."""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def key(text: str) -> str:
    """Comparison key: folded, accents removed, lower case, punctuation dropped."""
    text = unicodedata.normalize("NFKD", fold(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WS.sub(" ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def slug(text: str) -> str:
    """IRI-safe slug: ASCII lower case, dots kept (codes like 33.75), other runs become '-'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_SLUG.sub("-", text).strip("-.")


def person_name(text: str) -> str:
    """A person's name without honorifics or academic degrees, folded."""
    name = fold(text)
    if "," in name:
        head, tail = name.split(",", 1)
        if all(_DEGREE.match(t.strip(" ,")) for t in tail.split() if t.strip(" ,")):
            name = head.strip()
    tokens = name.split(" ")
    while len(tokens) > 1:
        parts = [p.lower() for p in tokens[0].split(".") if p]
        if parts and (all(p in _PREFIXES for p in parts) or parts == ["h", "m"]):
            tokens.pop(0)
        else:
            break
    return " ".join(tokens)
