"""Broken inputs in a scraped folder: each is skipped with a one-line reason naming the
file, counted in the summary, listed in report.json, and fatal under --strict."""

from __future__ import annotations

import json
import os
import signal
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import polgraph.build.extraction as build_module
from polgraph.build import BuildFailed, build
from polgraph.cli import main
from polgraph.core.model import Article, ArticleFacts, Person
from polgraph.ingest import MAX_FILE_BYTES, read_all

GOOD = "Bí thư Huyện ủy Mẫu Lê Văn Khải chủ trì hội nghị."
BIG = 200 * 1024 * 1024


def fake_extract(article: Article) -> ArticleFacts:
    return ArticleFacts(article=article, persons=(Person(f"Người {article.id}"),))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "extract_article", fake_extract)


def sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of ``size`` bytes that costs no disk (holes read as NUL bytes)."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def hostile_folder(root: Path) -> dict[str, str]:
    """A folder with two good articles and one of every kind of bad input.

    Returns {file name: a word its reason must contain}.
    """
    root.mkdir(parents=True)
    (root / "tot-1.txt").write_text(GOOD, encoding="utf-8")
    (root / "tot-2.html").write_text(f"<html><body><p>{GOOD}</p></body></html>", encoding="utf-8")
    (root / "rong.txt").write_bytes(b"")
    (root / "rong.html").write_bytes(b"")
    (root / "rong.jsonl").write_bytes(b"\n\n")
    (root / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "anh.html").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff")
    (root / "anh.jsonl").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 50)
    (root / "cut.html").write_bytes(b"<html><head><title>Tin</title></head><bo")  # no body text
    sparse(root / "khong-lo.txt", BIG)
    sparse(root / "khong-lo.html", BIG, b"<html><body><p>x</p>")
    (root / "dump.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "j1", "text": GOOD}, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "j3", "title": "không có text"}, ensure_ascii=False),
                '{"id": "j4", "text": "Bí thư \\ud800 họp."}',
                "",
            ]
        ),
        encoding="utf-8",
    )
    loop = root / "vong"
    loop.mkdir()
    (loop / "lai").symlink_to(loop, target_is_directory=True)
    (loop / "vong-nua").symlink_to(root, target_is_directory=True)
    (root / "gay.txt").symlink_to(root / "khong-ton-tai.txt")
    os.mkfifo(root / "ong.txt")  # reading a FIFO blocks forever: must be refused
    return {
        "rong.txt": "no text",
        "rong.html": "no text",
        "rong.jsonl": "no text",
        "anh.txt": "binary",
        "anh.html": "binary",
        "anh.jsonl": "binary",
        "cut.html": "no text",
        "khong-lo.txt": "too large",
        "khong-lo.html": "too large",
        "dump.jsonl:2": "invalid JSON",
        "dump.jsonl:3": "'text'",
        "dump.jsonl:4": "surrogate",
        "gay.txt": "broken symbolic link",
        "ong.txt": "not a regular file",
    }


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Reading a FIFO blocks forever: without its handling, fail instead of hanging."""

    def fire(_signum: int, _frame: object) -> None:
        raise AssertionError("build blocked (reading a pipe?)")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, 120.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def where(entry: dict) -> str:
    name = Path(entry["path"]).name
    return name if entry["line"] is None else f"{name}:{entry['line']}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and symlinks")
def test_every_bad_input_is_skipped_listed_and_counted(
    tmp_path: Path, fake: None, watchdog: None
) -> None:
    expected = hostile_folder(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles_read"] == 3  # tot-1, tot-2, dump.jsonl:1
    got = {where(e): e["reason"] for e in report["skipped"]}
    assert set(got) == set(expected)
    for name, word in expected.items():
        assert word in got[name], (name, got[name])
    assert all("\n" not in e["reason"] for e in report["skipped"])

    # one line per skipped input on stderr, naming the file (and line) first
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(lines) == len(expected)
    for entry in report["skipped"]:
        location = entry["path"] + (f":{entry['line']}" if entry["line"] else "")
        assert any(line.startswith(f"skipped {location}: ") for line in lines), location
    # counted in the summary
    assert f"Read 3 articles, skipped {len(expected)}." in result.stdout
    Graph().parse(out / "graph.ttl", format="turtle")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and symlinks")
def test_strict_makes_the_first_bad_input_fatal_and_writes_nothing(
    tmp_path: Path, fake: None, watchdog: None
) -> None:
    hostile_folder(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    assert not (out / "graph.ttl").exists() and not (out / "report.json").exists()


def test_big_jsonl_line_is_skipped_without_loading_it(tmp_path: Path) -> None:
    """A 200 MB line (a dump with no newline) costs at most one cap of memory."""
    path = tmp_path / "dump.jsonl"
    first = json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False).encode() + b"\n"
    sparse(path, BIG, first + b'{"text": "')
    with path.open("ab") as handle:
        handle.write(b'"}\n' + json.dumps({"id": "b", "text": GOOD}).encode() + b"\n")
    tracemalloc.start()
    try:
        result = read_all([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.id for a in result.articles] == ["a", "b"]
    (error,) = result.errors
    assert error.line == 2 and "too long" in error.reason
    assert peak < 3 * MAX_FILE_BYTES, f"peak {peak / 1e6:.0f} MB"


def test_big_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = sparse(tmp_path / "to.txt", BIG)
    tracemalloc.start()
    try:
        (error,) = read_all([path]).errors
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "too large" in error.reason and str(BIG) in error.reason
    assert peak < 10 * 1024 * 1024


def test_unreadable_file_is_skipped_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied on one file (simulated: the tests may run as root)."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked_jsonl = tmp_path / "c.jsonl"
    locked_jsonl.write_text(json.dumps({"text": GOOD}), encoding="utf-8")
    real_read, real_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "c.jsonl":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", open_)
    result = read_all([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    assert [(Path(e.path).name, e.reason) for e in result.errors] == [
        ("b.txt", "cannot read file: Permission denied"),
        ("c.jsonl", "cannot read file: Permission denied"),
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_and_folder_for_real(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text(GOOD, encoding="utf-8")
    shut = tmp_path / "c"
    shut.mkdir()
    locked.chmod(0)
    shut.chmod(0)
    try:
        result = read_all([tmp_path])
    finally:
        locked.chmod(0o644)
        shut.chmod(0o755)
    assert [a.id for a in result.articles] == ["a"]
    reasons = {Path(e.path).name: e.reason for e in result.errors}
    assert "Permission denied" in reasons["b.txt"] and "cannot list" in reasons["c"]


def test_truncated_html_keeps_the_text_before_the_cut(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Tin</title></head><body><article><h1>Hội nghị</h1>"
        f"<p>{GOOD}</p><p>Đoạn hai bị cắt giữa <b cla"
    )
    path = tmp_path / "cut.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read_all([path]).articles
    assert GOOD in article.text and "Đoạn hai bị cắt giữa" in article.text


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_file_truncated_inside_a_character_is_not_mojibake(tmp_path: Path, suffix: str) -> None:
    """A download cut in the middle of "ủ" (3 bytes in UTF-8) must not flip the whole
    file to Windows-1258."""
    data = GOOD.encode("utf-8") + "Tỉnh ủ".encode()[:-1]
    if suffix == ".html":
        data = b"<p>" + data
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data)
    (article,) = read_all([path]).articles
    assert article.text.startswith(GOOD)
    assert article.text.endswith("Tỉnh")


def test_jsonl_title_and_id_lose_control_characters(tmp_path: Path) -> None:
    """ESC and NUL from a dump must not reach a terminal, a page or a literal."""
    path = tmp_path / "d.jsonl"
    path.write_text(
        json.dumps({"id": "a\u001b[31m1", "text": GOOD, "title": "Tin\u0000 \u001b[2J mới\u0007"}),
        encoding="utf-8",
    )
    (article,) = read_all([path]).articles
    assert article.id == "a[31m1"
    assert article.title == "Tin [2J mới"


def test_lone_surrogate_is_an_ingest_error_not_an_output_crash(tmp_path: Path, fake: None) -> None:
    """JSON may escape half a UTF-16 pair; such a string cannot be written as UTF-8.
    It must be refused when read, with the field named, never reach the writers."""
    path = tmp_path / "d.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "text": GOOD})
        + "\n"
        + '{"id": "bad", "text": "B\\u00ed th\\u01b0", "title": "T \\udc80"}\n',
        encoding="utf-8",
    )
    report = build([path], tmp_path / "out")
    assert report.articles == 1
    (error,) = report.skipped
    assert error.line == 2 and "'title'" in error.reason and "surrogate" in error.reason


def test_nothing_usable_is_exit_1_not_a_traceback(tmp_path: Path, fake: None) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00")
    with pytest.raises(BuildFailed) as info:
        build([tmp_path], tmp_path / "out")
    assert "a.txt: binary file" in str(info.value)


def test_html_parser_crash_costs_only_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the HTML parser does with a page, the other inputs are still read."""
    import polgraph.ingest as ingest

    real = ingest.html_to_article

    def fragile(html: str, *, id: str, source: str) -> Article:
        if "boom" in html:
            raise RuntimeError("parser state\nbroken")
        return real(html, id=id, source=source)

    monkeypatch.setattr(ingest, "html_to_article", fragile)
    (tmp_path / "a.html").write_text(f"<p>{GOOD}</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>boom</p>", encoding="utf-8")
    result = read_all([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    (error,) = result.errors
    assert error.reason == "cannot parse HTML: RuntimeError: parser state broken"
