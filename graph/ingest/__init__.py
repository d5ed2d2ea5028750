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
become spaces; an article whose text ends up empty is an error.

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

import codecs
import datetime as dt
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from polgraph.core.model import Article

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "IngestError",
    "IngestFailed",
    "IngestResult",
    "IngestWarning",
    "html_to_article",
    "parse_date",
    "read_all",
    "read_articles",
]

SUPPORTED_EXTENSIONS = (".htm", ".html", ".jsonl", ".txt")
MAX_FILE_BYTES = 20 * 1024 * 1024  # one article page; larger files are not articles


@dataclass(frozen=True, order=True)
class IngestError:
    """An input that gave no article: which file (and line), and why, in one line."""

    path: str
    reason: str
    line: int | None = None

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True, order=True)
class IngestWarning:
    """An input deliberately not read (an unsupported file named explicitly)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class IngestFailed(Exception):
    """Raised in strict mode at the first input that gives no article."""

    def __init__(self, error: IngestError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class IngestResult:
    """Everything ``read_all`` found: good articles, errors and warnings, in input order."""

    articles: tuple[Article, ...] = ()
    errors: tuple[IngestError, ...] = ()
    warnings: tuple[IngestWarning, ...] = field(default=())


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
            if isinstance(found, _Read):
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


class _Read(NamedTuple):
    """Internal: an article and where it was read (for errors about it, e.g. duplicates)."""

    article: Article
    path: str
    line: int | None = None


def _read_path(path: Path, seen_files: set[Path]) -> Iterator[_Read | IngestError | IngestWarning]:
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


def _walk(root: Path, seen_files: set[Path]) -> Iterator[_Read | IngestError]:
    """Depth-first, sorted by name, each real directory entered once."""
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
            if is_dir:
                subdirs.append(entry_path)
            elif entry_path.suffix.lower() in SUPPORTED_EXTENSIONS:
                if not entry_path.exists():
                    yield IngestError(str(entry_path), "broken symbolic link")
                    continue
                yield from _read_file(entry_path, seen_files)
        # files of a folder first, then its subfolders in name order
        stack.extend(reversed(subdirs))


def _read_file(path: Path, seen_files: set[Path]) -> Iterator[_Read | IngestError]:
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
        yield from _read_jsonl(path)
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
        if suffix == ".txt":
            article = _text_article(path, _decode(data))
        else:
            article = html_to_article(_decode_html(data), id=_stem(path), source=str(path))
    except _Rejected as exc:
        yield IngestError(str(path), str(exc))
        return
    except Exception as exc:  # a page the HTML parser chokes on costs that page only
        reason = " ".join(f"cannot parse HTML: {type(exc).__name__}: {exc}".split())
        yield IngestError(str(path), reason[:200])
        return
    yield _Read(article, str(path))


class _Rejected(ValueError):
    """Internal: an input is unusable; the message is the one-line reason."""


def _stem(path: Path) -> str:
    return unicodedata.normalize("NFC", path.stem)


# ----------------------------------------------------------------------- decoding


def _decode(data: bytes) -> str:
    """Decode article bytes: BOM first, then UTF-8, then Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", "UTF-8 (with BOM)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16")
    if b"\x00" in data:
        raise _Rejected("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.start >= len(data) - 3:
            # a truncated download cut inside the last character: keep the text, not mojibake
            try:
                return data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise _Rejected(
            f"cannot decode: not UTF-8, UTF-16 or Windows-1258 (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _Rejected(f"invalid {label} at byte offset {exc.start}") from None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes) -> str:
    """Like ``_decode``, but honour a declared ``<meta charset>`` when it decodes cleanly."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _META_CHARSET.search(data[:4096])
        if match and b"\x00" not in data:
            name = match.group(1).decode("ascii").lower()
            try:
                codecs.lookup(name)
            except LookupError:
                name = ""
            if name and name not in ("utf-8", "utf8"):
                try:
                    return data.decode(name)
                except UnicodeDecodeError:
                    pass  # the declaration lies; fall back to detection
    return _decode(data)


# ------------------------------------------------------------------ normalisation

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_SPACE_LIKE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(text: str) -> str:
    """NFC, ``\\n`` line endings, spaces folded per line, at most one blank line in a row.

    NFC comes last: removing a control or zero-width character can bring a
    combining mark next to its letter ("A\\x01\\u0301" is NFC, "A\\u0301" is not).
    """
    text = text.translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACE_LIKE.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return unicodedata.normalize("NFC", "\n".join(out).strip())


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACE_LIKE.sub(" ", value.translate(_INVISIBLE))
    value = _CONTROL.sub("", value)  # a title with ESC or NUL must not reach a terminal or page
    value = unicodedata.normalize("NFC", " ".join(value.split()))  # last: see _clean_text
    return value or None


def _make_article(
    *, id: str, text: str, title: str | None, date: dt.date | None, url: str | None, source: str
) -> Article:
    body = _clean_text(text)
    if not body:
        raise _Rejected("no text (empty after cleaning)")
    return Article(
        id=id, text=body, title=_clean_field(title), date=date, url=_clean_field(url), source=source
    )


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
    title = _text_title(text.lstrip("\ufeff"))
    return _make_article(id=stem, text=text, title=title, date=None, url=url, source=str(path))


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


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_VN_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def parse_date(value: str) -> dt.date | None:
    """The calendar date at the start of an ISO 8601 or dd/mm/yyyy string, else None.

    >>> parse_date("2020-10-22T08:15:00+07:00")
    datetime.date(2020, 10, 22)
    >>> parse_date("22/10/2020 08:15"), parse_date("hôm qua")
    (datetime.date(2020, 10, 22), None)
    """
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN_DATE.match(value)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- JSONL


def _read_jsonl(path: Path) -> Iterator[_Read | IngestError]:
    source = str(path)
    stem = _stem(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield IngestError(source, f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        first_line = handle.peek(1024)[:1024].split(b"\n", 1)[0]
        if b"\x00" in first_line:  # JSON text never holds a raw NUL byte: not a dump at all
            yield IngestError(source, "binary file (contains NUL bytes)")
            return
        empty = True
        for lineno, raw in enumerate(_lines(handle), start=1):
            if raw is None:
                empty = False
                yield IngestError(
                    source, f"line too long for one article (> {MAX_FILE_BYTES} bytes)", lineno
                )
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            empty = False
            try:
                article = _jsonl_article(raw, stem=stem, lineno=lineno, source=source)
            except _Rejected as exc:
                yield IngestError(source, str(exc), line=lineno)
            else:
                yield _Read(article, source, lineno)
        if empty:
            yield IngestError(source, "no text (empty file)")


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """The file's lines, or None for a line longer than ``MAX_FILE_BYTES``.

    Reads at most ``MAX_FILE_BYTES`` at a time, so a 200 MB dump with no newline
    costs 20 MB of memory, not 200 MB (and its decoded copies).
    """
    while True:
        line = handle.readline(MAX_FILE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_FILE_BYTES and not line.endswith(b"\n"):
            line = b""
            while True:  # skip the rest of the long line, a megabyte at a time
                chunk = handle.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _surrogate(record: dict[str, object]) -> str | None:
    """The first string field holding a lone surrogate (legal in JSON "\\ud800", not text)."""
    for name, value in record.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name
    return None


_JSONL_FIELDS = ("id", "title", "date", "url")


def _jsonl_article(raw: bytes, *, stem: str, lineno: int, source: str) -> Article:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Rejected(f"invalid UTF-8 at byte {exc.start} of the line") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Rejected(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise _Rejected(f"expected a JSON object, got {type(record).__name__}")
    bad = _surrogate(record)
    if bad is not None:
        raise _Rejected(f"{bad!r} holds a lone UTF-16 surrogate escape (not valid text)")
    text = record.get("text")
    if not isinstance(text, str):
        got = "missing" if text is None else f"a {type(text).__name__}"
        raise _Rejected(f"'text' must be a string ({got})")
    for name in _JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                continue
            raise _Rejected(f"{name!r} must be a string, not {type(value).__name__}")
    raw_id = record.get("id")
    if raw_id is None:
        article_id = f"{stem}-{lineno}"
    else:
        article_id = _clean_field(str(raw_id)) or ""
        if not article_id:
            raise _Rejected("'id' is empty")
    date = None
    if record.get("date") is not None:
        date = parse_date(record["date"])
        if date is None or not _ISO_DATE.match(record["date"]):
            raise _Rejected(f"'date' is not an ISO date (YYYY-MM-DD): {record['date']!r:.40}")
    return _make_article(
        id=article_id,
        text=text,
        title=record.get("title"),
        date=date,
        url=record.get("url"),
        source=f"{source}:{lineno}",
    )


# ----------------------------------------------------------------------------- HTML

# Elements that are never article text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
    "button", "svg", "canvas", "select", "textarea", "input", "label", "menu", "dialog",
    "object", "embed", "video", "audio", "map",
)  # fmt: skip

# class/id tokens that mark page furniture, matched against whole tokens after
# splitting on "-" and "_" ("box-comments" matches, "contents" does not) and
# against each class name with its separators removed ("tin-lien-quan").
_BOILERPLATE_TOKENS = frozenset((
    "nav", "navbar", "navigation", "menu", "submenu", "breadcrumb", "breadcrumbs", "footer",
    "sidebar", "share", "sharing", "social", "comment", "comments", "binhluan", "related",
    "relate", "lienquan", "tinlienquan", "docnhieu", "mostread", "mostview", "popular",
    "trending", "banner", "advert", "advertisement", "ads", "adv", "quangcao", "tags", "tag",
    "newsletter", "subscribe", "login", "signup", "cookie", "modal", "popup", "toolbar",
    "pagination", "pager", "tindocnhieu", "tinmoi", "tinkhac", "xemthem", "tinnoibat",
    "sharebutton", "sharebuttons", "socialshare",
))  # fmt: skip

# Headings that open a box of links rather than article text (compared after fold).
_BOX_TITLES = (
    "tin đọc nhiều", "đọc nhiều", "tin liên quan", "bài liên quan", "tin cùng chuyên mục",
    "cùng chuyên mục", "tin mới", "tin mới nhất", "tin khác", "các tin khác", "bài viết khác",
    "xem thêm", "xem nhiều", "tin xem nhiều", "tin nổi bật", "bình luận", "ý kiến bạn đọc",
    "gửi bình luận", "viết bình luận", "tin tiêu điểm", "có thể bạn quan tâm", "bạn đọc quan tâm",
    "từ khóa", "tags",
)  # fmt: skip

# Whole lines that are buttons or labels, dropped wherever they appear.
_NOISE_LINE = re.compile(
    r"^(chia sẻ|share|chia sẻ (qua )?(zalo|facebook|twitter|email|fb|link)|zalo|facebook|"
    r"in bài|in trang|bản in|gửi bài|lưu bài|lưu|quay lại|về đầu trang|lên đầu trang|"
    r"bình luận( \(\d+\))?|thích|like|tweet|copy link|sao chép liên kết)[\s.:|]*$"
)

_BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
))  # fmt: skip
_BR = "\x00"  # marks <br> while collecting text (NUL never survives decoding checks)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_LINE_TAGS = frozenset(("p", "li", "a", "span", "strong", "b", "em", "h2", "h3", "h4", "h5", "h6"))
_COUNT_SUFFIX = re.compile(r"^\(?\d+\)?$")


def _box_title_kind(tag: str, text: str) -> str | None:
    """'box' for a heading like "Tin liên quan" (drop it and what follows),
    'line' for a link line like "Xem thêm: …" (drop only that line), else None."""
    folded = _fold(text).strip(" :.-–—»›>|")
    if not folded or len(folded) > 150:
        return None
    for title in _BOX_TITLES:
        if folded == title:
            return "box"
        if folded.startswith(title) and folded[len(title)] in " :":
            rest = folded[len(title) :].strip(" :.-–—»›>|")
            if _COUNT_SUFFIX.match(rest):  # "Bình luận (12)"
                return "box"
            if tag in _LINE_TAGS and (folded[len(title)] == ":" or tag == "a"):
                return "line"
    return None


def _is_boilerplate(node: object) -> bool:
    attrs = getattr(node, "attributes", None) or {}
    tokens: set[str] = set()
    for name in ("class", "id", "role"):
        value = attrs.get(name)
        if value:
            for word in value.lower().split():
                tokens.update(t for t in _TOKEN_SPLIT.split(word) if t)
                tokens.add(word.replace("-", "").replace("_", ""))  # "tin-lien-quan"
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    return bool(tokens & _BOILERPLATE_TOKENS)


def html_to_article(html: str, *, id: str, source: str) -> Article:
    """Main text and metadata of one news page.

    >>> a = html_to_article('<title>T - Báo</title><h1>Hội nghị</h1><nav>Trang chủ</nav>'
    ...     '<p>Đoạn một.</p><p>Đoạn hai.</p>', id="x", source="x.html")
    >>> a.title, a.text
    ('Hội nghị', 'Hội nghị\\n\\nĐoạn một.\\n\\nĐoạn hai.')
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title = (
        _meta(tree, "property", "og:title") or _first_text(tree, "h1") or _first_text(tree, "title")
    )
    date_value = (
        _meta(tree, "property", "article:published_time")
        or _meta(tree, "itemprop", "datePublished")
        or _meta(tree, "name", "pubdate")
        or _meta(tree, "name", "publishdate")
        or _meta(tree, "name", "date")
        or _meta(tree, "name", "dc.date.issued")
    )
    canonical_link = tree.css_first('link[rel="canonical"]')
    url = (canonical_link.attributes.get("href") if canonical_link else None) or _meta(
        tree, "property", "og:url"
    )
    body = tree.body
    if body is None:
        raise _Rejected("no text (empty HTML body)")
    doomed = list(body.css(", ".join(_DROP_TAGS)))
    doomed += [n for n in body.css("[class], [id], [role]") if _is_boilerplate(n)]
    _decompose_topmost(doomed)
    _drop_titled_boxes(body)
    root = _main_content(body)
    paragraphs = [p for p in _paragraphs(root) if not _NOISE_LINE.match(_fold(p))]
    headline = _first_text(tree, "h1")
    if root is not body and headline and root.css_first("h1") is None:  # type: ignore[attr-defined]
        # the headline sits above the article element: keep it as the first paragraph
        paragraphs.insert(0, headline)
    return _make_article(
        id=id,
        text="\n\n".join(paragraphs),
        title=title,
        date=parse_date(date_value) if date_value else None,
        url=url,
        source=source,
    )


def _meta(tree: object, attr: str, value: str) -> str | None:
    for node in tree.css("meta"):  # type: ignore[attr-defined]
        attrs = node.attributes
        if (attrs.get(attr) or "").strip().lower() == value:
            content = (attrs.get("content") or "").strip()
            if content:
                return content
    return None


def _first_text(tree: object, selector: str) -> str | None:
    node = tree.css_first(selector)  # type: ignore[attr-defined]
    if node is None:
        return None
    return " ".join(node.text(deep=True).split()) or None


def _decompose_topmost(nodes: list[object]) -> None:
    """Remove nodes, skipping those inside another removed node (already gone with it)."""
    ids = {n.mem_id for n in nodes}  # type: ignore[attr-defined]
    topmost = []
    for node in nodes:
        ancestor = node.parent  # type: ignore[attr-defined]
        while ancestor is not None and ancestor.mem_id not in ids:
            ancestor = ancestor.parent
        if ancestor is None:
            topmost.append(node)
    seen: set[int] = set()
    for node in topmost:
        if node.mem_id not in seen:  # type: ignore[attr-defined]
            seen.add(node.mem_id)  # type: ignore[attr-defined]
            node.decompose()  # type: ignore[attr-defined]


_BOX_HEAD_SELECTOR = "h1, h2, h3, h4, h5, h6, strong, b, span, div, p, header, a, li"


def _drop_titled_boxes(body: object) -> None:
    """Remove "Tin liên quan"-style boxes (the heading and everything after it in its
    box) and "Xem thêm: …" link lines (only the line: they also occur mid-article)."""
    while True:
        found = next(
            (
                (n, kind)
                for n in body.css(_BOX_HEAD_SELECTOR)  # type: ignore[attr-defined]
                if (kind := _box_title_kind(n.tag, n.text(deep=True)))
            ),
            None,
        )
        if found is None:
            return
        head, kind = found
        # climb while the wrapper holds nothing but the heading text
        node = head
        head_text = _fold(head.text(deep=True))
        while (
            node.parent is not None
            and node.parent.tag not in ("body", "html", "article", "main")
            and _fold(node.parent.text(deep=True)) == head_text
        ):
            node = node.parent
        doomed = [node]
        sibling = node.next if kind == "box" else None
        while sibling is not None:
            doomed.append(sibling)
            sibling = sibling.next
        for item in doomed:
            item.decompose()


def _main_content(body: object) -> object:
    """The article element when the page marks one, else the whole (cleaned) body."""
    best = None
    best_len = 0
    for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
        for node in body.css(selector):  # type: ignore[attr-defined]
            length = len(node.text(deep=True).strip())
            if length > best_len:
                best, best_len = node, length
        if best is not None and best_len > 0:
            # the most specific marker that has text wins
            return best
    return body


def _paragraphs(root: object) -> list[str]:
    """Text of ``root`` split into paragraphs at block elements; ``<br>`` is a line break."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (" ".join(line.split()) for line in "".join(current).split(_BR))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
        current.clear()

    # iterative walk: deep pages must not hit the recursion limit
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or "-"  # type: ignore[attr-defined]  # None for e.g. "<?A?": skip
        if leaving:
            flush()
            continue
        if tag == "-text":
            current.append(node.text(deep=False))  # type: ignore[attr-defined]
            continue
        if tag.startswith("-"):  # comments, doctype
            continue
        if tag == "br":
            current.append(_BR)
            continue
        is_block = tag in _BLOCK_TAGS
        if is_block:
            flush()
            stack.append((node, True))
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        stack.extend((child, False) for child in reversed(children))
    flush()
    return paragraphs
