"""Finding a record's quotes in its source text, with character offsets into the original.

Quotes are compared with white space folded (articles keep double spaces and line breaks), and
offsets point into the text exactly as stored, so a reader can highlight the passage.

>>> t = SourceText("Rabu  (25/11)\\n malam di Jakarta")
>>> t.find("(25/11) malam")
(6, 20)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem


class SourceText:
    """A source's text with a folded copy and a map back to original offsets."""

    def __init__(self, text: str):
        self.text = text
        folded: list[str] = []
        origin: list[int] = []
        pending_space = False
        for i, ch in enumerate(text):
            if ch.isspace():
                pending_space = bool(folded)
                continue
            if pending_space:
                folded.append(" ")
                origin.append(i - 1)
                pending_space = False
            folded.append(ch)
            origin.append(i)
        self.folded = "".join(folded)
        self._origin = origin

    def find(self, quote: str) -> tuple[int, int] | None:
        """(start, end) offsets of ``quote`` in the original text, or None when absent."""
        needle = re.sub(r"\s+", " ", quote).strip()
        at = self.folded.find(needle)
        if at < 0 or not needle:
            return None
        return self._origin[at], self._origin[at + len(needle) - 1] + 1


def read_source_text(path: Path) -> str:
    """The text of a source file: UTF-8, or Latin-1 when it is not valid UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot read source file: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
