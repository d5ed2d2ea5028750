"""Folder walks: recursive, sorted, loop-safe; explicit paths and unknown files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from polgraph.ingest import IngestError, IngestWarning, read_all, read_articles

TEXT = "Ban Thường vụ Huyện ủy Mẫu họp phiên thường kỳ."


def write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_walk_is_recursive_and_sorted(tmp_path: Path) -> None:
    """A folder's own files (by name) come before its subfolders (by name)."""
    for rel in ["b.txt", "a.html", "sub/z.txt", "sub/deeper/c.txt", "a2.txt", "c.jsonl"]:
        if rel.endswith(".html"):
            write(tmp_path / rel, f"<p>{TEXT}</p>")
        elif rel.endswith(".jsonl"):
            write(tmp_path / rel, json.dumps({"id": "j", "text": TEXT}) + "\n")
        else:
            write(tmp_path / rel)
    write(tmp_path / "notes.md")  # ignored silently in a walk
    write(tmp_path / ".hidden" / "h.txt")  # hidden: skipped
    result = read_all([tmp_path])
    assert [a.id for a in result.articles] == ["a", "a2", "b", "j", "z", "c"]
    assert result.errors == () and result.warnings == ()


def test_explicit_unknown_extension_warns(tmp_path: Path) -> None:
    md = write(tmp_path / "notes.md")
    result = read_all([md])
    assert result.articles == () and result.errors == ()
    (warning,) = result.warnings
    assert isinstance(warning, IngestWarning)
    assert warning.path == str(md) and "unsupported" in warning.reason


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    (error,) = read_all([tmp_path / "khong-co.txt"]).errors
    assert "no such file" in error.reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_is_safe_and_files_read_once(tmp_path: Path) -> None:
    write(tmp_path / "root" / "a.txt")
    (tmp_path / "root" / "loop").symlink_to(tmp_path / "root", target_is_directory=True)
    (tmp_path / "root" / "alias.txt").symlink_to(tmp_path / "root" / "a.txt")
    (tmp_path / "root" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = read_all([tmp_path / "root", tmp_path / "root" / "a.txt"])
    assert [a.id for a in result.articles] == ["a"]
    assert [(Path(e.path).name, e.reason) for e in result.errors] == [
        ("dangling.txt", "broken symbolic link")
    ]


def test_duplicate_ids_across_folders(tmp_path: Path) -> None:
    write(tmp_path / "x" / "same.txt")
    write(tmp_path / "y" / "same.txt")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError"]
    error = items[1]
    assert isinstance(error, IngestError)
    assert error.path == str(tmp_path / "y" / "same.txt")
    assert str(tmp_path / "x" / "same.txt") in error.reason


def test_good_articles_survive_many_bad_ones(tmp_path: Path) -> None:
    for i in range(20):
        write(tmp_path / f"ok{i:02d}.txt")
        (tmp_path / f"bad{i:02d}.txt").write_bytes(b"\x00\xff")
    result = read_all([tmp_path])
    assert len(result.articles) == 20 and len(result.errors) == 20
    assert all("binary" in e.reason for e in result.errors)
