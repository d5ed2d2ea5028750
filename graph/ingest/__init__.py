"""Read news articles from files and folders into ``Article`` values.

Scraped corpora are messy: mixed encodings, binary files with a ``.txt`` name,
a broken line in a JSON Lines dump.  ``read_articles`` therefore never stops
at a bad input (unless ``strict``): it yields every good ``Article`` and, for
every input it could not use, an ``IngestError`` naming the file (and line)
and the reason in one line, so a user pointing at 10,000 pages gets the good
ones plus a clear account of the bad ones.

Formats (by extension, case-insensitive):

``.txt``
    Plain text, one article per file.  UTF-8 (with or without BOM), UTF-16
    with BOM, else Windows-1258 (Vietnamese legacy) when the bytes are not
    UTF-8.  Files with NUL bytes are rejected as binary.  The first line is the
    title when it stands alone as a paragraph of at most 250 characters and
    does not end with a full stop (a headline); the text keeps it.
    A ``SOURCES.tsv`` in the same folder (``stem<TAB>url`` lines) gives their URLs.
``.html`` / ``.htm``
    One article per page.  Only the main text is kept: scripts, styles,
    navigation, menus, headers/footers, forms, comment boxes, share buttons and
    boxes headed "Tin đọc nhiều", "Tin liên quan", "Bình luận"… are dropped.
    Title from ``og:title``, else the first ``<h1>``, else ``<title>``; date
    from ``article:published_time`` (or ``date``/``pubdate``/``datePublished``
    metadata); url from ``<link rel=canonical>`` or ``og:url``.
``.jsonl``
    One article per line: an object with ``text`` (required) and optional
    ``id``, ``title``, ``date`` (ISO 8601) and ``url``.  A bad line is one
    ``IngestError`` naming ``file:line``; the other lines are still read.

Article ids are the file stem (``.txt``/``.html``), or the JSON ``id``, else
``<stem>-<line number>``.  Two inputs with the same id: the second is an error.
All text is NFC-normalised, line endings become ``\\n``, non-breaking spaces
become spaces, controls and invisible format characters are removed (see
``cleaning``); an article whose text ends up empty is an error.  HTML pages are
decoded by the WHATWG rules (``encodings``) and read in linear time (``html``,
``nesting``); a text or page with no Vietnamese letter is read with a warning.
Bad JSON Lines lines past the first ``MAX_BAD_LINES`` of a file are only counted.
A previous build's output folder inside an input folder is skipped with a warning.

Paths given explicitly are read in the order given; folders are walked
recursively in sorted name order, following symbolic links but never entering
a directory twice (loops are safe), skipping hidden entries (names starting
with "."), and silently ignoring files with an unsupported extension.  A file
with an unsupported extension given explicitly is skipped with an
``IngestWarning``.  A file reached twice (given twice, or via a link) is read
once.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Hội nghị Tỉnh ủy.", encoding="utf-8")
>>> _ = (d / "b.txt").write_bytes(b"\\x00\\x01")
>>> for item in read_articles([d]): print(type(item).__name__, item.reason if
...     isinstance(item, IngestError) else item.id)
Article a
IngestError binary file (contains NUL bytes)
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from polgraph.core.model import Article
from polgraph.ingest.cleaning import (
    clean_field,
    clean_text,
    has_vietnamese,
    make_article,
    parse_date,
)
from polgraph.ingest.encodings import decode_html, decode_text
from polgraph.ingest.errors import (
    IngestError,
    IngestFailed,
    IngestResult,
    IngestWarning,
    Read,
    Rejected,
    skipped_count,
)
from polgraph.ingest.html import html_to_article
from polgraph.ingest.jsonl import MAX_BAD_LINES, MAX_FILE_BYTES, read_jsonl

__all__ = [
    "MAX_BAD_LINES",
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "IngestError",
    "IngestFailed",
    "IngestResult",
    "IngestWarning",
    "html_to_article",
    "parse_date",
    "read_all",
    "read_articles",
    "skipped_count",
]

SUPPORTED_EXTENSIONS = (".htm", ".html", ".jsonl", ".txt")


def read_all(paths: Iterable[str | os.PathLike[str]], *, strict: bool = False) -> IngestResult:
    """Collect ``read_articles`` into one ``IngestResult``."""
    articles: list[Article] = []
    errors: list[IngestError] = []
    warnings: list[IngestWarning] = []
    for item in read_articles(paths, strict=strict):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, IngestError):
            errors.append(item)
        else:
            warnings.append(item)
    return IngestResult(tuple(articles), tuple(errors), tuple(warnings))


def read_articles(
    paths: Iterable[str | os.PathLike[str]], *, strict: bool = False
) -> Iterator[Article | IngestError | IngestWarning]:
    """Yield an ``Article`` per good input, an ``IngestError`` per bad one.

    With ``strict=True`` the first bad input raises ``IngestFailed`` instead.
    Warnings (unsupported files named explicitly) never raise.
    """
    seen_files: set[Path] = set()
    seen_ids: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        for found in _read_path(path, seen_files):
            item: Article | IngestError | IngestWarning
            if isinstance(found, Read):
                item = found.article
                first = seen_ids.get(item.id)
                if first is not None:
                    item = IngestError(
                        found.path,
                        f"duplicate article id {item.id!r} (already read from {first})",
                        found.line,
                    )
                else:
                    seen_ids[item.id] = item.source or found.path
            else:
                item = found
            if strict and isinstance(item, IngestError):
                raise IngestFailed(item)
            yield item


# --------------------------------------------------------------------------- files


def _read_path(path: Path, seen_files: set[Path]) -> Iterator[Read | IngestError | IngestWarning]:
    if path.is_dir():
        yield from _walk(path, seen_files)
        return
    if not path.exists():
        reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield IngestError(str(path), reason)
        return
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        yield IngestWarning(
            str(path),
            f"skipped: unsupported file type {path.suffix or '(none)'!r} "
            f"(expected {', '.join(SUPPORTED_EXTENSIONS)})",
        )
        return
    yield from _read_file(path, seen_files)


def _walk(root: Path, seen_files: set[Path]) -> Iterator[Read | IngestError | IngestWarning]:
    """Depth-first, sorted by name, each real directory entered once; a previous
    build's output folder inside the input is skipped with a warning."""
    visited: set[Path] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        real = directory.resolve()
        if real in visited:
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield IngestError(str(directory), f"cannot list folder: {exc.strerror or exc}")
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows links
            except OSError:
                is_dir = False
            if is_dir and is_build_output(entry_path):
                yield IngestWarning(str(entry_path), "skipped: output folder of a polgraph build")
            elif is_dir:
                subdirs.append(entry_path)
            elif entry_path.suffix.lower() in SUPPORTED_EXTENSIONS:
                if not entry_path.exists():
                    yield IngestError(str(entry_path), "broken symbolic link")
                    continue
                yield from _read_file(entry_path, seen_files)
        # files of a folder first, then its subfolders in name order
        stack.extend(reversed(subdirs))


def is_build_output(folder: Path) -> bool:
    """Whether ``folder`` holds what ``polgraph build`` writes (``report.json`` with its
    keys, beside ``graph.ttl`` or ``graph.html``): read as input, its page would be
    an article called "graph"."""
    try:
        with (folder / "report.json").open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"articles_read"' in head and any(
        (folder / name).is_file() for name in ("graph.ttl", "graph.html", "graph.trig")
    )


def _read_file(path: Path, seen_files: set[Path]) -> Iterator[Read | IngestError | IngestWarning]:
    real = path.resolve()
    if real in seen_files:
        return
    seen_files.add(real)
    suffix = path.suffix.lower()
    try:
        info = path.stat()
    except OSError as exc:
        yield IngestError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(info.st_mode):  # a FIFO or /dev/zero would block or never end
        yield IngestError(str(path), "not a regular file (device, pipe or socket)")
        return
    if suffix == ".jsonl":
        yield from read_jsonl(path, _stem(path))
        return
    try:
        size = info.st_size
        if size > MAX_FILE_BYTES:
            yield IngestError(
                str(path), f"file too large for one article ({size} bytes > {MAX_FILE_BYTES})"
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    try:
        if not _stem(path):
            raise Rejected("the file name gives an empty id (only invisible or control characters)")
        if suffix == ".txt":
            article = _text_article(path, decode_text(data))
        else:
            article = html_to_article(decode_html(data), id=_stem(path), source=str(path))
    except Rejected as exc:
        yield IngestError(str(path), str(exc))
        return
    except Exception as exc:  # a page the HTML parser chokes on costs that page only
        reason = " ".join(f"cannot parse HTML: {type(exc).__name__}: {exc}".split())
        yield IngestError(str(path), reason[:200])
        return
    yield Read(article, str(path))
    if not has_vietnamese(article.full_text):
        yield IngestWarning(
            str(path),
            "read, but no Vietnamese letter in it: a wrong declared encoding, or not Vietnamese",
        )


def _stem(path: Path) -> str:
    """A file's article id: its name less the extension, cleaned as JSON Lines ids are
    (controls and invisible characters removed, NFC), so an id holding ESC cannot
    reach a terminal or a page."""
    return clean_field(path.stem) or ""


def _text_title(text: str) -> str | None:
    """A headline: a first line standing alone as a paragraph, short, not ending a sentence.

    >>> _text_title("Hội nghị Tỉnh ủy\\n\\nSáng 2/3, Tỉnh ủy họp.")
    'Hội nghị Tỉnh ủy'
    >>> _text_title("Sáng 2/3, Tỉnh ủy họp.\\nChiều cùng ngày …") is None
    True
    """
    parts = re.split(r"\n[ \t]*\n", text.strip(), maxsplit=1)
    if len(parts) == 2 and parts[1].strip() and "\n" not in parts[0].strip():
        head = parts[0].strip()
        if 0 < len(head) <= 250 and not head.endswith((".", ":", ";", ",")):
            return head
    return None


def _text_article(path: Path, text: str) -> Article:
    stem = _stem(path)
    url = _sources(str(path.parent)).get(stem)
    title = _text_title(clean_text(text))  # cleaned: CRLF, U+2029 and BOM already folded
    return make_article(id=stem, text=text, title=title, date=None, url=url, source=str(path))


SOURCES_FILE = "SOURCES.tsv"
"""Beside plain-text articles: ``<file stem><TAB><source URL>`` per line (``#`` comments)."""


@lru_cache(maxsize=64)
def _sources(folder: str) -> dict[str, str]:
    """The source URLs a folder's ``SOURCES.tsv`` gives its ``.txt`` articles.

    Plain text carries no metadata, but its source URL matters: it is the
    article's provenance in the graph, and its publisher often tells the
    province an article leaves unnamed ("UBND tỉnh" on a provincial paper's
    site).  Lines that are not ``stem<TAB>http(s) URL`` are ignored.
    """
    try:
        data = (Path(folder) / SOURCES_FILE).read_bytes()
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        stem, _, url = line.partition("\t")
        url = url.strip().split("\t")[0]
        if stem and not stem.startswith("#") and url.lower().startswith(("http://", "https://")):
            out[unicodedata.normalize("NFC", stem.strip())] = url
    return out
