"""Reading an article as published: bytes → text, HTML → text, boilerplate → set aside.

An :class:`Article` keeps the text exactly as decoded (quotes must be substrings of it) and
marks which lines are the article's body: headline, byline and section labels, "Baca juga"
links, comment forms and footers are not (``extract/lexicon/boilerplate.yaml``). Bad input —
empty, binary, too large, not Indonesian — raises :class:`BadArticle` with one clear message.

>>> text = "Judul Berita Yang Panjang\\n\\nBaca juga: lain\\nIsi berita ini dimulai di sini."
>>> a = article_from_text(text, check_language=False)
>>> a.headline, [line.text for line in a.body]
('Judul Berita Yang Panjang', ['Isi berita ini dimulai di sini.'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .lexicon import lexicon

#: Articles larger than this are refused (a news article is a few kB; 10 MB is not an article).
MAX_BYTES = 2_000_000

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
    "title",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


class BadArticle(ValueError):
    """A file that is not an article the extractor can read; the message says why."""


class _TextOf(HTMLParser):
    """Visible text of an HTML page: scripts, styles and tags dropped, blocks on their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and tag != "head":
            self._skip = max(0, self._skip - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line.

    >>> html_to_text("<html><head><script>var x=1;</script></head><body><h1>Judul</h1><p>Isi <b>tebal</b></p>")
    'Judul\\n\\nIsi tebal'
    """
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\r\n", "\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head) or bool(re.search(r"<(p|div)[\s>]", head))


def decode(data: bytes, name: str = "input") -> str:
    """Text of the bytes: UTF-8 (with or without BOM), else Latin-1; refuse binary data."""
    if not data.strip():
        raise BadArticle(f"{name}: empty file")
    if b"\x00" in data[:65536]:
        raise BadArticle(f"{name}: binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = text[:65536]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if control > len(sample) * 0.01:
        raise BadArticle(f"{name}: binary file ({control} control characters), not an article")
    return text


@dataclass
class Line:
    """One line of the article: its text and where it starts in :attr:`Article.text`."""

    text: str
    start: int
    index: int


@dataclass
class Article:
    """An article's text, its headline, its short header lines and its body lines."""

    text: str
    headline: str
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    publisher: str | None = None
    html: bool = False

    @property
    def body_text(self) -> str:
        return "\n".join(line.text for line in self.body)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().lower().lstrip("•*·-– ").strip()


def _boilerplate(line: str) -> bool:
    bp = lexicon().boilerplate
    s = _norm(line)
    crumbs = re.split("|".join(re.escape(f" {sep} ") for sep in bp["breadcrumb_separators"]), s)
    return (
        s in bp["whole"]
        or any(s.startswith(p) for p in bp["starts"])
        or any(c in s for c in bp["contains"])
        # "Beranda > Gorontalo > Birokrasi" (no digits: "Rabu, 7 Desember 2022 | 10:20 WIB | ..." is a date line)
        or (len(crumbs) >= 3 and all(len(c.split()) <= 4 for c in crumbs) and not re.search(r"\d", s))
    )


def check_language(text: str, name: str = "input") -> None:
    """Refuse text that is not (mostly) Indonesian prose."""
    lex = lexicon()
    words = [w.lower() for w in _WORD.findall(text[:200_000])]
    if len(words) < lex.language_min_words:
        raise BadArticle(f"{name}: too little text ({len(words)} words) to be an article")
    share = sum(1 for w in words if w in lex.language_words) / len(words)
    if share < lex.language_min_share:
        raise BadArticle(
            f"{name}: does not read as Indonesian ({share:.0%} common Indonesian words; "
            f"at least {lex.language_min_share:.0%} expected)"
        )


def article_from_text(text: str, name: str = "input", check_language: bool = True) -> Article:
    """Split decoded text into headline, header lines and body lines (see the module doc)."""
    html = looks_like_html(text)
    if html:
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if check_language:
        globals()["check_language"](text, name)
    bp = lexicon().boilerplate
    lines: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(Line(raw, pos, i))
        pos += len(raw) + 1
    headline = ""
    header: list[Line] = []
    body: list[Line] = []
    publisher = None
    ended = False
    for line in lines:
        s = _norm(line.text)
        if not s:
            continue
        for cue in bp["publisher_cues"]:
            if s.startswith(cue) and publisher is None:
                publisher = line.text.strip().lstrip("•*· ")[len(cue) :].strip() or None
        if ended:
            continue
        if any(s.startswith(p) for p in bp["after"]) and headline:
            ended = True
            continue
        words = len(s.split())
        if not headline:
            if words >= 4 and not _boilerplate(line.text):
                headline = line.text.strip()
            else:
                header.append(line)
            continue
        if _boilerplate(line.text):
            continue
        if words <= 4 and not body:
            header.append(line)  # bylines, dates, outlet names before the first paragraph
            continue
        body.append(line)
    if not headline:
        raise BadArticle(f"{name}: no headline or body text found")
    return Article(text, headline, header, body, publisher, html)


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read an article file (text or saved HTML), refusing bad input with a clear message."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadArticle(f"{path}: cannot read ({exc.strerror})") from None
    if size > max_bytes:
        raise BadArticle(
            f"{path}: {size / 1e6:.1f} MB is too large for a news article (limit {max_bytes / 1e6:.1f} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadArticle(f"{path}: cannot read ({exc.strerror})") from None
    return article_from_text(decode(data, str(path)), str(path))
