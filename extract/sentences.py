"""Sentences of a line of news text: where they start and end, and the one around a position.

A full stop ends a sentence unless it closes an initial or an honorific ("H. Harnojoyo", "MO.
Royani", lexicon/titles.yaml).
"""

from __future__ import annotations

import re

from .lexicon import lexicon

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z“\"(])")


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """Where the sentences of ``line`` start and end.

    >>> sentence_spans("Diterima Walikota H. Harnojoyo. Lalu pulang.")
    [(0, 31), (32, 44)]
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        word = re.search(r"(\S+)\.[\"”']?$", line[: m.start()])
        if word and (len(word.group(1).split(".")[-1]) <= 2 or word.group(1) + "." in lexicon().honorifics):
            continue  # "H. Harnojoyo", "MO. Royani": an initial, not a sentence end
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    return spans


def sentence_at(line: str, pos: int) -> str:
    """The sentence of ``line`` that contains character ``pos``.

    >>> sentence_at("Diterima Walikota H. Harnojoyo. Lalu pulang.", 5)
    'Diterima Walikota H. Harnojoyo.'
    """
    start, end = next(((s, e) for s, e in sentence_spans(line) if e >= pos), (0, len(line)))
    return line[start:end].strip()
