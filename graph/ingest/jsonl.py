"""JSON Lines dumps: one article per line, bad lines reported without holding them all.

A dump of three million broken lines must not cost gigabytes: the first
``MAX_BAD_LINES`` bad lines of a file are reported one by one, the rest are only
counted, in one last entry for that file (``IngestError.more``).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from polgraph.core.model import Article
from polgraph.ingest.cleaning import clean_field, is_iso_date, make_article, parse_date
from polgraph.ingest.errors import IngestError, Read, Rejected

MAX_FILE_BYTES = 20 * 1024 * 1024  # one article; a longer line is not an article
MAX_BAD_LINES = 100
"""Bad lines of one file listed one by one; further ones are counted in one entry."""


def read_jsonl(path: Path, stem: str) -> Iterator[Read | IngestError]:
    """An ``Read`` per good line, an ``IngestError`` per bad one (the first
    ``MAX_BAD_LINES``), then one entry counting the bad lines not listed."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield IngestError(source, f"cannot read file: {exc.strerror or exc}")
        return
    bad = 0
    with handle:
        first_line = handle.peek(1024)[:1024].split(b"\n", 1)[0]
        if b"\x00" in first_line:  # JSON text never holds a raw NUL byte: not a dump at all
            yield IngestError(source, "binary file (contains NUL bytes)")
            return
        empty = True
        for lineno, raw in enumerate(_lines(handle), start=1):
            error: IngestError | None = None
            if raw is None:
                empty = False
                error = IngestError(
                    source, f"line too long for one article (> {MAX_FILE_BYTES} bytes)", lineno
                )
            else:
                if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                if not raw.strip():
                    continue
                empty = False
                try:
                    article = _jsonl_article(raw, stem=stem, lineno=lineno, source=source)
                except Rejected as exc:
                    error = IngestError(source, str(exc), line=lineno)
                else:
                    yield Read(article, source, lineno)
            if error is not None:
                bad += 1
                if bad <= MAX_BAD_LINES:
                    yield error
        if empty:
            yield IngestError(source, "no text (empty file)")
    if bad > MAX_BAD_LINES:
        unlisted = bad - MAX_BAD_LINES
        yield IngestError(
            source,
            f"{unlisted} more bad line(s) not listed (only the first {MAX_BAD_LINES} "
            "of a file are)",
            more=unlisted - 1,
        )


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
        raise Rejected(f"invalid UTF-8 at byte {exc.start} of the line") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise Rejected(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise Rejected(f"expected a JSON object, got {type(record).__name__}")
    bad = _surrogate(record)
    if bad is not None:
        raise Rejected(f"{bad!r} holds a lone UTF-16 surrogate escape (not valid text)")
    text = record.get("text")
    if not isinstance(text, str):
        got = "missing" if text is None else f"a {type(text).__name__}"
        raise Rejected(f"'text' must be a string ({got})")
    for name in _JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                continue
            raise Rejected(f"{name!r} must be a string, not {type(value).__name__}")
    raw_id = record.get("id")
    if raw_id is None:
        article_id = f"{stem}-{lineno}"
    else:
        article_id = clean_field(str(raw_id)) or ""
        if not article_id:
            raise Rejected("'id' is empty")
    date = None
    if record.get("date") is not None:
        date = parse_date(record["date"])
        if date is None or not is_iso_date(record["date"]):
            raise Rejected(f"'date' is not an ISO date (YYYY-MM-DD): {record['date']!r:.40}")
    return make_article(
        id=article_id,
        text=text,
        title=record.get("title"),
        date=date,
        url=record.get("url"),
        source=f"{source}:{lineno}",
    )
