"""Every supported encoding, and decomposed (NFD) text as old sites emit it, builds the
very same graph as clean UTF-8 NFC: checked end to end, real extractor, output bytes."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from polgraph.build import build
from polgraph.core.model import Article

# Invented article: a committee, a post, a person, a meeting, a document.
TEXT = (
    "Ngày 12/3/2021, Ban Thường vụ Tỉnh ủy Mẫu Sơn tổ chức hội nghị.\n\n"
    "Đồng chí Hoàng Văn Thử, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị. "
    "Bà Lương Thị Ngát, Phó Chủ tịch UBND tỉnh, báo cáo việc thực hiện Nghị quyết số "
    "15-NQ/TU của Tỉnh ủy về phát triển kinh tế."
)
TITLE = "Tỉnh ủy Mẫu Sơn họp bàn phát triển kinh tế"
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy sites write it: base letters precomposed, tones combining."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch) and ch not in _TONES:
            out[-1] = unicodedata.normalize("NFC", out[-1][0] + ch) + out[-1][1:]
        elif out and ch in _TONES:
            out[-1] += ch
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def old_tones(text: str) -> str:
    """Old-style tone placement ("hoà", "uỷ") as some sites still write."""
    return text.replace("ủy", "uỷ").replace("Ủy", "Uỷ")


TXT_ENCODINGS = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf16-le-bom": lambda t: t.encode("utf-16"),
    "utf16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "cp1258": to_cp1258,
    "nfd-utf8": lambda t: nfd(t).encode("utf-8"),
    "nfd-utf8-bom-crlf": lambda t: codecs.BOM_UTF8 + nfd(t).replace("\n", "\r\n").encode(),
    "nfd-utf16": lambda t: nfd(t).encode("utf-16"),
}


def build_one(tmp_path: Path, name: str, data: bytes, suffix: str) -> dict[str, bytes]:
    src = tmp_path / name / "in"
    src.mkdir(parents=True)
    (src / f"bai-01{suffix}").write_bytes(data)
    out = tmp_path / name / "out"
    report = build([src], out)
    assert report.articles == 1 and report.skipped == (), report.skipped
    return {
        "graph.ttl": (out / "graph.ttl").read_bytes(),
        "graph.trig": (out / "graph.trig").read_bytes(),
        "graph.html": (out / "graph.html").read_bytes(),
        "report": json.dumps(
            {k: v for k, v in json.loads((out / "report.json").read_text()).items()}
        ).encode(),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    outputs = build_one(tmp_path_factory.mktemp("ref"), "ref", TEXT.encode("utf-8"), ".txt")
    g = Graph().parse(data=outputs["graph.ttl"].decode(), format="turtle")
    # the reference really holds facts, so "same graph" is not trivially "both empty"
    names = {str(o) for o in g.objects() if isinstance(o, Literal)}
    assert any("Hoàng Văn Thử" in n for n in names), sorted(names)[:20]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    return outputs


@pytest.mark.parametrize("encoding", list(TXT_ENCODINGS))
def test_txt_in_any_encoding_builds_the_same_graph(
    tmp_path: Path, reference: dict[str, bytes], encoding: str
) -> None:
    outputs = build_one(tmp_path, encoding, TXT_ENCODINGS[encoding](TEXT), ".txt")
    assert outputs == reference


def test_old_tone_placement_builds_the_same_people_and_posts(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    """ "Uỷ ban" and "Ủy ban" are one organization; only the evidence sentences differ."""
    outputs = build_one(tmp_path, "old", nfd(old_tones(TEXT)).encode(), ".txt")
    ref = Graph().parse(data=reference["graph.ttl"].decode(), format="turtle")
    got = Graph().parse(data=outputs["graph.ttl"].decode(), format="turtle")
    assert {s for s in got.subjects() if "/person/" in s or "/org/" in s or "/post/" in s} == {
        s for s in ref.subjects() if "/person/" in s or "/org/" in s or "/post/" in s
    }


def page(text: str, title: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><article>{body}</article></body></html>"
    )


def test_nfd_html_and_jsonl_build_the_same_graph_as_nfc(tmp_path: Path) -> None:
    """HTML (title included) and JSON Lines: NFD in, NFC out, identical bytes."""
    nfc_html = build_one(tmp_path, "h1", page(TEXT, TITLE).encode(), ".html")
    nfd_html = build_one(tmp_path, "h2", nfd(page(TEXT, TITLE)).encode(), ".html")
    assert nfd_html == nfc_html
    line = {"id": "bai-01", "text": TEXT, "title": TITLE}
    nfc_jsonl = json.dumps(line, ensure_ascii=False).encode()
    nfd_jsonl = json.dumps({k: nfd(v) for k, v in line.items()}, ensure_ascii=True).encode()
    assert (
        build_one(tmp_path, "j1", nfc_jsonl, ".jsonl")["graph.ttl"]
        == (build_one(tmp_path, "j2", nfd_jsonl, ".jsonl")["graph.ttl"])
    )


def test_windows_1258_html_without_declaration_reads_correctly(tmp_path: Path) -> None:
    path = tmp_path / "cu.html"
    path.write_bytes(to_cp1258(page(TEXT, TITLE)))
    outputs = build_one(tmp_path, "w", path.read_bytes(), ".html")
    assert "Hoàng Văn Thử".encode() in outputs["graph.ttl"]


def test_undecodable_bytes_are_refused_with_the_reason(tmp_path: Path) -> None:
    """Neither UTF-8 nor Windows-1258 (0x81 is undefined there): skipped, not guessed."""
    from polgraph.ingest import read_all

    path = tmp_path / "hong.txt"
    path.write_bytes(TEXT.encode("utf-8")[:40] + b"\x81\x8d\x8f\x90" + b" xin")
    result = read_all([path])
    assert result.articles == ()
    (error,) = result.errors
    assert "cannot decode" in error.reason and "byte 0x" in error.reason


def test_model_article_is_nfc_for_every_encoding(tmp_path: Path) -> None:
    from polgraph.ingest import read_all

    for name, encode in TXT_ENCODINGS.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(encode(TEXT))
        (article,) = read_all([path]).articles
        assert article == Article(id=name, text=TEXT, source=str(path)), name
