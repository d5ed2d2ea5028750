"""Ingest never raises on any bytes: every file gives Articles or one-line IngestErrors.

Short by default; ``POLGRAPH_FUZZ_SECONDS`` raises the example count for a long run.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from polgraph.core.model import Article
from polgraph.ingest import IngestError, IngestWarning, read_all

LONG = float(os.environ.get("POLGRAPH_FUZZ_SECONDS", "0") or 0) > 0
_settings = settings(
    max_examples=5_000 if LONG else 60,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=list(HealthCheck),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TAGS = [
    "<html>", "<head>", "<title>", "</title>", "<body>", "<article>", "</article>", "<p>",
    "</p>", "<br>", "<div class='tin-lien-quan'>", "</div>", "<h1>", "<h2>Tin liên quan</h2>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<nav>", "<a href=",
    '<meta charset="windows-1258">', '<meta charset="utf-16">', '<meta charset="x-bogus">',
    '<meta property="og:title" content="', '<meta property="article:published_time" content="',
    "&amp;", "&#0;", "&#xD800;", "&#x1F642;", "&nbsp;", "<", ">", '"', "'", "Bí thư Tỉnh ủy",
    "\x00", "\ufeff", "\r\n",
]  # fmt: skip

html_text = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20)), max_size=60).map(
    "".join
)
encoders = st.sampled_from(
    [
        lambda t: t.encode("utf-8", "surrogatepass"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8", "surrogatepass"),
        lambda t: t.encode("utf-16", "surrogatepass"),
        lambda t: t.encode("cp1258", "replace"),
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8", "surrogatepass"),
    ]
)
jsonl_line = st.one_of(
    st.builds(
        lambda text, title, id_, date: (
            '{"text": '
            + text
            + (', "title": ' + title if title else "")
            + (', "id": ' + id_ if id_ else "")
            + (', "date": ' + date if date else "")
            + "}"
        ),
        st.sampled_from(['"Bí thư."', '"\\ud800"', '""', "null", "1", '"a\\u0000b"', '"x"']),
        st.sampled_from(["", '"T\\u001b[2J"', '"\\udfff"', "[]"]),
        st.sampled_from(["", '"a"', "7", "true", '""', '"\\n"']),
        st.sampled_from(["", '"2021-02-30"', '"2021-03-05"', '"hôm qua"', "20210305"]),
    ),
    st.text(max_size=40),
)


def check(items: object) -> None:
    for article in items.articles:  # type: ignore[attr-defined]
        assert isinstance(article, Article)
        assert article.text and unicodedata.is_normalized("NFC", article.text)
        assert not _CONTROL.search(article.text)
        assert article.text.encode("utf-8")  # no lone surrogate
        for value in (article.id, article.title, article.url):
            assert value is None or (not _CONTROL.search(value) and value.encode("utf-8"))
    for error in items.errors:  # type: ignore[attr-defined]
        assert isinstance(error, IngestError) and error.reason
        assert "\n" not in str(error)
    for warning in items.warnings:  # type: ignore[attr-defined]
        assert isinstance(warning, IngestWarning)


def read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bai{suffix}"
        path.write_bytes(data)
        result = read_all([path])
        assert len(result.articles) + len(result.errors) >= 1 or suffix == ".jsonl"
        check(result)


@_settings
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
# found by the long run: Windows-1258 combining acute (0xEC) after a control character
# that cleaning removes, leaving "A" + U+0301 (not NFC) when NFC ran first
@example(data=b"A\x01\xec\x01", suffix=".txt")
@example(data="<p>A\u200b\u0301</p>".encode(), suffix=".html")
def test_any_bytes_in_any_format(data: bytes, suffix: str) -> None:
    read(data, suffix)


@_settings
@given(page=html_text, encode=encoders, cut=st.integers(min_value=0, max_value=2000))
# found by a long run: "<?A?" gave a parser node without a tag name (AttributeError)
@example(page="0<\x80A\x80<html>", encode=lambda t: t.encode("cp1258", "replace"), cut=0)
def test_mangled_and_truncated_html(page: str, encode, cut: int) -> None:
    data = encode(page)
    read(data[: len(data) - cut % (len(data) + 1)], ".html")


@_settings
@given(lines=st.lists(jsonl_line, max_size=8), ending=st.sampled_from(["\n", "\r\n", ""]))
def test_hostile_jsonl_lines(lines: list[str], ending: str) -> None:
    read(ending.join(lines).encode("utf-8", "surrogatepass"), ".jsonl")
