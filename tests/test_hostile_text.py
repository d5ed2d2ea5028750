"""Text that would silently become wrong facts, or act on a terminal (issue 14, items
3 and 9-11): separators, invisible format characters, lying charsets, control
characters in file names and in printed values."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest

from polgraph.build import build, merge
from polgraph.extract import extract_article
from polgraph.ingest import IngestWarning, read_all
from polgraph.outputs.timeline import Tenure, format_timeline
from polgraph.rdf.sparql import run

# Invented article.
TEXT = (
    "Ngày 12/3/2021, Ban Thường vụ Tỉnh ủy Mẫu Sơn tổ chức hội nghị.\n\n"
    "Ông Nguyễn Văn Tèo, Bí thư Tỉnh ủy, chủ trì hội nghị."
)
NAME = "Nguyễn Văn Tèo"
TERMINAL_ATTACK = "\x1b]0;pwned\x07\x1b[2J\x9b31m"

# ------------------------------------------------------------ 3: separators


SEPARATORS = ["\u2029", "\u2028", "\x85", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


def test_spool_partition_splits_on_newline_only(tmp_path: Path) -> None:
    """A literal holding a character str.splitlines() breaks at (but N-Triples leaves
    unescaped) stays one triple: before, the partition failed to parse."""
    part = tmp_path / "part-0.nt"
    lines = [
        f'<http://example.org/a{i}> <http://example.org/p> "x{sep}y" .\n'
        for i, sep in enumerate(SEPARATORS)
    ]
    part.write_text("".join(lines), encoding="utf-8")
    _header, _types, predicates, count, _tally = merge._turtle_part(part)
    assert count == len(SEPARATORS)
    assert predicates == {"<http://example.org/p>": len(SEPARATORS)}
    store = ox.Store()
    store.load(part.with_suffix(".ttl").read_bytes(), format=ox.RdfFormat.TURTLE)
    assert {q.object.value for q in store} == {f"x{sep}y" for sep in SEPARATORS}


def test_separators_are_folded_when_reading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Đoạn một\u2029Đoạn hai\u2028dòng ba\x85 hết\x1c.", encoding="utf-8"
    )
    (article,) = read_all([tmp_path]).articles
    assert article.text == "Đoạn một\n\nĐoạn hai\ndòng ba… hết."


def test_streaming_build_of_an_article_with_separators(tmp_path: Path) -> None:
    """End to end through the build (spooled, merged by Oxigraph)."""
    src = tmp_path / "in"
    src.mkdir()
    record = {
        "id": "bai",
        "title": "Hội nghị\u2029Tỉnh ủy\x85",
        "text": TEXT.replace("chủ trì hội", "chủ trì\u2029hội\x85"),  # mid-sentence: in evidence
    }
    (src / "d.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    report = build([src], tmp_path / "out", workers=1)
    assert report.articles == 1 and report.skipped == ()
    assert NAME in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


# ------------------------------------------------------------- 9: invisible


INVISIBLE = {
    "LRM": "\u200e", "RLM": "\u200f", "ALM": "\u061c", "LRE": "\u202a", "RLE": "\u202b",
    "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e", "LRI": "\u2066", "RLI": "\u2067",
    "FSI": "\u2068", "PDI": "\u2069", "CGJ": "\u034f", "VS1": "\ufe00", "VS16": "\ufe0f",
    "VS17": "\U000e0100", "invisible-times": "\u2062", "invisible-separator": "\u2063",
    "invisible-plus": "\u2064", "MVS": "\u180e", "C1-NEL-less": "\x9b", "C1-first": "\x80",
    "ZWSP": "\u200b", "word-joiner": "\u2060", "soft-hyphen": "\u00ad", "tag": "\U000e0041",
}  # fmt: skip


@pytest.mark.parametrize("mark", list(INVISIBLE))
def test_invisible_character_inside_a_name_leaves_it_whole(tmp_path: Path, mark: str) -> None:
    """Before: an LRM in "Tèo" gave person "Tè"; before the space, "Nguyễn Văn"."""
    char = INVISIBLE[mark]
    text = TEXT.replace("Tèo", f"Tè{char}o").replace("Văn Tè", f"Văn{char} Tè")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (article,) = read_all([tmp_path]).articles
    assert article.text == TEXT
    names = {p.name for p in extract_article(article).persons}
    assert NAME in names


def test_right_to_left_override_never_reaches_a_title(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Hội nghị \u202eTỉnh ủy\u202c\u200f</title></head>"
        f"<body><p>{TEXT}</p></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (article,) = read_all([tmp_path]).articles
    assert article.title == "Hội nghị Tỉnh ủy"


# ------------------------------------------------------------ 10: encodings


def page(charset: str, body: str = TEXT) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f'<html><head><meta charset="{charset}"></head><body>{paragraphs}</body></html>'


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "utf-16", "UTF-16LE", "koi8-r",
                                   "base64", "zip", "x-user-defined", "iso-2022-kr"])  # fmt: skip
def test_utf8_page_reads_as_utf8_whatever_it_declares(tmp_path: Path, label: str) -> None:
    """Valid UTF-8 wins over a declared charset that 'decodes cleanly' into mojibake (or
    CJK garbage for utf-16); unknown labels are no LookupError."""
    data = page(label).encode("utf-8")
    data += b" " * (len(data) % 2)  # an even length decodes "cleanly" as UTF-16
    (tmp_path / "a.html").write_bytes(data)
    result = read_all([tmp_path])
    (article,) = result.articles
    assert article.text == TEXT
    assert result.errors == () and result.warnings == ()


def test_latin1_label_means_windows_1252(tmp_path: Path) -> None:
    """WHATWG: "iso-8859-1" is Windows-1252, so 0x85 is "…" and 0x93/0x94 are quotes."""
    data = page("iso-8859-1", "Tin “nong” …").encode("cp1252")
    (tmp_path / "a.html").write_bytes(data)
    result = read_all([tmp_path])
    (article,) = result.articles
    assert article.text == "Tin “nong” …"
    # a page with no Vietnamese letter is read, with a warning saying so
    assert result.warnings == (
        IngestWarning(
            str(tmp_path / "a.html"),
            "read, but no Vietnamese letter in it: a wrong declared encoding, or not Vietnamese",
        ),
    )


def test_unknown_label_before_a_known_one(tmp_path: Path) -> None:
    """The first label the WHATWG table knows decides; "base64" is skipped over (was:
    LookupError).  Cyrillic, so that a guess (Windows-1258) would read otherwise."""
    html = page("base64", "Привет").replace(
        "</head>", '<meta http-equiv="Content-Type" content="text/html; charset=cyrillic"></head>'
    )
    (tmp_path / "a.html").write_bytes(html.encode("iso-8859-5"))
    (article,) = read_all([tmp_path]).articles
    assert article.text == "Привет"


def legacy(text: str) -> bytes:
    """Windows-1258 as legacy sites write it: base letters precomposed, tones combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch) and ch not in tones:
            out[-1] = unicodedata.normalize("NFC", out[-1][0] + ch) + out[-1][1:]
        elif out and ch in tones:
            out[-1] += ch
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


def test_page_declared_utf16_but_legacy_bytes_falls_back(tmp_path: Path) -> None:
    """UTF-16 in <meta> means UTF-8; bytes that are not UTF-8 are then read as
    Windows-1258 like an undeclared page, never as UTF-16 (CJK garbage)."""
    (tmp_path / "a.html").write_bytes(legacy(page("utf-16")))
    result = read_all([tmp_path])
    (article,) = result.articles
    assert article.text == TEXT and result.warnings == ()


# ------------------------------------------------------- 11: control characters


def test_file_name_ids_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / f"bai{TERMINAL_ATTACK}\u202e.txt").write_text(TEXT, encoding="utf-8")
    (article,) = read_all([tmp_path]).articles
    assert article.id == "bai]0;pwned[2J31m"


def test_file_name_of_only_control_characters_is_refused(tmp_path: Path) -> None:
    (tmp_path / "\x1b\x07.txt").write_text(TEXT, encoding="utf-8")
    result = read_all([tmp_path])
    assert result.articles == ()
    (error,) = result.errors
    assert "empty id" in error.reason


def store_with(value: str) -> ox.Store:
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://example.org/p1"),
            ox.NamedNode("http://xmlns.com/foaf/0.1/name"),
            ox.Literal(value),
        )
    )
    return store


RAW = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_output_escapes_control_characters(fmt: str) -> None:
    value = f"Tèo{TERMINAL_ATTACK}\u202e"
    result = run(store_with(value), "SELECT ?n WHERE { ?p ?q ?n }")
    shown = result.format(fmt)
    assert not any(c in shown for c in RAW), repr(shown)
    if fmt == "json":  # JSON escapes are lossless
        assert json.loads(shown)["results"]["bindings"][0]["n"]["value"] == value
    else:
        assert "Tèo\\x1b]0;pwned\\x07" in shown


def test_construct_output_escapes_control_characters() -> None:
    result = run(store_with(f"a{TERMINAL_ATTACK}"), "CONSTRUCT { ?p ?q ?n } WHERE { ?p ?q ?n }")
    shown = result.format("table")
    assert not any(c in shown for c in RAW), repr(shown)
    ox.Store().load(shown.encode(), format=ox.RdfFormat.N_TRIPLES)  # still N-Triples


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_timeline_output_escapes_control_characters(fmt: str) -> None:
    tenure = Tenure(
        person="http://example.org/p1",
        name=f"Tèo{TERMINAL_ATTACK}",
        role="Bí thư",
        organization="Tỉnh ủy\u202e",
        first="2021-03-12",
        last=None,
        status="current",
        articles=(f"bai{TERMINAL_ATTACK}",),
    )
    shown = format_timeline([tenure], fmt)
    assert not any(c in shown for c in RAW), repr(shown)
    if fmt == "json":
        assert json.loads(shown)[0]["name"] == tenure.name


def test_build_of_a_hostile_file_name_prints_nothing_raw(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / f"bai{TERMINAL_ATTACK}.txt").write_text(TEXT, encoding="utf-8")
    build([src], tmp_path / "out")
    for name in ("graph.ttl", "graph.trig", "report.json"):
        data = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "\x1b" not in data and "\x07" not in data, name
