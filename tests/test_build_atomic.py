"""Atomic writes: a failure never leaves a half-written or missing output behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from polgraph.core.atomic import (
    atomic_open,
    atomic_output_dir,
    atomic_write_bytes,
    atomic_write_text,
)


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    atomic_write_text(target, "cũ\n")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("mới một nửa")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "cũ\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_text_is_utf8_with_unix_newlines(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "a.txt", "Tỉnh ủy\r\nHuyện ủy\n")
    atomic_write_bytes(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "Tỉnh ủy\r\nHuyện ủy\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "a.txt").stat().st_mode & 0o644 == 0o644  # readable by others


def test_output_dir_replaces_files_and_folders_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    out.mkdir()
    (out / "graph.ttl").write_text("cũ", encoding="utf-8")
    (out / "assets").mkdir()
    (out / "assets" / "old.js").write_text("cũ", encoding="utf-8")
    (out / "ghi-chu.md").write_text("của người dùng", encoding="utf-8")

    with pytest.raises(RuntimeError), atomic_output_dir(out) as stage:
        (stage / "graph.ttl").write_text("mới", encoding="utf-8")
        raise RuntimeError("crash")
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "cũ"
    assert sorted(p.name for p in out.iterdir()) == ["assets", "ghi-chu.md", "graph.ttl"]

    with atomic_output_dir(out) as stage:
        (stage / "graph.ttl").write_text("mới", encoding="utf-8")
        (stage / "assets").mkdir()
        (stage / "assets" / "new.js").write_text("mới", encoding="utf-8")
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "mới"
    assert [p.name for p in (out / "assets").iterdir()] == ["new.js"]
    assert (out / "ghi-chu.md").read_text(encoding="utf-8") == "của người dùng"
    assert sorted(p.name for p in out.iterdir()) == ["assets", "ghi-chu.md", "graph.ttl"]
