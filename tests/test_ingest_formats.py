"""Each input format and encoding gives the same NFC article."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from polgraph.core.model import Article
from polgraph.ingest import IngestError, read_all

TEXT = "Hội nghị Tỉnh ủy Mẫu lần thứ nhất.\n\nĐồng chí Trần Văn Thử được bầu giữ chức Bí thư."
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def only_article(paths: list[Path]) -> Article:
    result = read_all(paths)
    assert result.errors == ()
    assert len(result.articles) == 1
    return result.articles[0]


def to_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch) and ch not in _TONES:
            base, tones = out[-1][0], out[-1][1:]
            out[-1] = unicodedata.normalize("NFC", base + ch) + tones
        elif out and ch in _TONES:
            out[-1] += ch
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        to_cp1258,
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "nfd", "crlf", "cp1258"],
)
def test_txt_encodings_give_identical_article(tmp_path: Path, encode) -> None:
    path = tmp_path / "bai-01.txt"
    path.write_bytes(encode(TEXT))
    article = only_article([path])
    assert article == Article(id="bai-01", text=TEXT, source=str(path))


def test_cp1258_fixture_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        to_cp1258(TEXT).decode("utf-8")


def test_nfd_file_name_gives_nfc_id(tmp_path: Path) -> None:
    path = tmp_path / unicodedata.normalize("NFD", "Tỉnh-ủy.txt")
    path.write_text(TEXT, encoding="utf-8")
    assert only_article([path]).id == "Tỉnh-ủy"


def test_binary_txt_rejected_naming_file(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02Tinh uy")
    result = read_all([path])
    assert result.articles == ()
    (error,) = result.errors
    assert error.path == str(path)
    assert "binary" in error.reason
    assert str(error).startswith(str(path) + ": ")
    assert "\n" not in str(error)


def test_undecodable_txt_rejected(tmp_path: Path) -> None:
    path = tmp_path / "hong.txt"
    path.write_bytes(b"abc \x81\x8a\x9e")  # invalid UTF-8, undefined in cp1258
    (error,) = read_all([path]).errors
    assert "decode" in error.reason


@pytest.mark.parametrize("content", ["", "   \n\n\t \r\n", "\ufeff"])
def test_empty_text_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "rong.txt"
    path.write_text(content, encoding="utf-8")
    (error,) = read_all([path]).errors
    assert "no text" in error.reason


def test_jsonl_articles_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": TEXT, "title": "Hội nghị", "date": "2021-03-05",
                    "url": "https://bao-mau.example/a1"}, ensure_ascii=False),
        json.dumps({"text": unicodedata.normalize("NFD", TEXT)}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"id": "a4", "title": "thiếu text"}, ensure_ascii=False),
        json.dumps({"id": "a5", "text": TEXT, "date": "5/3/2021"}),
        json.dumps(["text"]),
        json.dumps({"id": "a7", "text": "   "}),
        json.dumps({"id": "a1", "text": TEXT}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_all([path])
    assert [a.id for a in result.articles] == ["a1", "dump-2"]
    first, second = result.articles
    assert first.title == "Hội nghị"
    assert first.date == dt.date(2021, 3, 5)
    assert first.url == "https://bao-mau.example/a1"
    assert second.text == TEXT
    assert {e.line: e.path for e in result.errors} == {n: str(path) for n in (4, 5, 6, 7, 8, 9)}
    reasons = {e.line: e.reason for e in result.errors}
    assert "invalid JSON" in reasons[4]
    assert "'text'" in reasons[5]
    assert "ISO date" in reasons[6]
    assert "object" in reasons[7]
    assert "no text" in reasons[8]
    assert "duplicate article id 'a1'" in reasons[9]
    assert all(str(e).startswith(f"{path}:{e.line}: ") for e in result.errors)


def test_jsonl_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps({"id": "x", "text": TEXT}).encode() + b"\n")
    assert only_article([path]).text == TEXT


def test_strict_raises_at_first_error(tmp_path: Path) -> None:
    from polgraph.ingest import IngestFailed, read_articles

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00")
    items = read_articles([tmp_path], strict=True)
    assert isinstance(next(items), Article)
    with pytest.raises(IngestFailed) as info:
        next(items)
    assert isinstance(info.value.error, IngestError)
    assert info.value.error.path == str(tmp_path / "b.txt")


def test_sources_tsv_gives_plain_text_articles_their_url(tmp_path: Path) -> None:
    """Plain text has no metadata: a SOURCES.tsv beside it supplies each file's source URL,
    which becomes the article's schema:url and a clue to its province."""
    (tmp_path / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "SOURCES.tsv").write_text(
        "# id\turl\n"
        "a1\thttps://hdnd.quangtri.gov.vn/tin/ky-hop-12.html\n"
        "a2\tnot a url\n"
        "broken line without a tab\n",
        encoding="utf-8",
    )
    articles = {a.id: a for a in read_all([tmp_path]).articles}
    assert articles["a1"].url == "https://hdnd.quangtri.gov.vn/tin/ky-hop-12.html"
    assert articles["a2"].url is None  # only http(s) URLs are taken
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "a3.txt").write_text(TEXT, encoding="utf-8")
    assert only_article([elsewhere / "a3.txt"]).url is None  # no SOURCES.tsv there
