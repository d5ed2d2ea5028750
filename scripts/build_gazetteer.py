"""Build ``graph/data/gazetteer.json``: Vietnam's provinces and districts, 2010 to today.

Why a generated file: the runtime (``polgraph.nlp.gazetteer``) must stay light and
offline, so it reads one small JSON file and never imports the PyPI packages
the data comes from.  This script is the only place that touches them.

Source: ``vietnamadminunits`` (its SQLite ``admin_units_legacy`` table holds the
63 provinces and their districts as they stood just before the 1 July 2025
reorganisation; ``admin_units`` and ``converter_2025.json`` hold the 34 units
after it and which old provinces merged into each).  ``vietnam_provinces``, when
importable, is used only to cross-check the 34 new names.  Districts abolished
between 2010 and 2025 (Quận 2, Quận 9 of Hồ Chí Minh, huyện Từ Liêm, ...) and
earlier kinds of districts that were upgraded (huyện → thị xã → thành phố) are
added from the hand-written tables below; the package's own merge aliases are
checked against them so a package update cannot silently drop one.

Every name passes through ``polgraph.core.text.canonical`` (NFC, traditional tone
placement "Thanh Hóa", "Hòa Bình").  Output is deterministic: sorted keys,
stable order, ``ensure_ascii=False``, written atomically.

Re-run (from the repository root)::

    /work/venv/bin/pip install vietnamadminunits==1.0.4 vietnam-provinces==2025.10.1
    /work/venv/bin/python scripts/build_gazetteer.py            # → graph/data/gazetteer.json
    /work/venv/bin/python scripts/build_gazetteer.py --out /tmp/g.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from polgraph.core.text import ascii_fold, canonical  # noqa: E402

DEFAULT_OUT = REPO / "graph" / "data" / "gazetteer.json"

CITY = "thành phố"
PROVINCE = "tỉnh"
DISTRICT_KINDS = ("quận", "huyện", "thị xã", "thành phố")

# The package names the pre-2025 province by its 2025 status ("Thành phố Huế",
# centrally run from 1 Jan 2025); articles from 2010-2024 say "Thừa Thiên Huế".
PRE2025_RENAMES = {"Huế": ("Thừa Thiên Huế", PROVINCE)}

# Aliases as Vietnamese press writes them.  "TP X" / "Thành phố X" / "tỉnh X"
# forms are handled by the lookup itself, so only irregular forms are listed.
PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("TP.Hà Nội", "TP Hà Nội", "HN", "Hà Tây"),  # Hà Tây merged in 2008
    "Hồ Chí Minh": (
        "TP.HCM",
        "TPHCM",
        "TP HCM",
        "TP. HCM",
        "TP. Hồ Chí Minh",
        "HCM",
        "Sài Gòn",
    ),
    "Cần Thơ": ("TPCT",),
    "Bà Rịa - Vũng Tàu": (
        "BR-VT",
        "BRVT",
        "Bà Rịa-Vũng Tàu",
        "Bà Rịa Vũng Tàu",
        "Bà Rịa – Vũng Tàu",
    ),
    "Thừa Thiên Huế": ("Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế", "TT Huế"),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk"),
    "Đắk Nông": ("Đắc Nông", "Đăk Nông"),
    "Bắc Kạn": ("Bắc Cạn",),
    "Kon Tum": ("Kontum",),
}
# Post-2025 units reuse the aliases of the same-named old province, minus these.
POST2025_ALIAS_DROP = {"Hà Tây"}
POST2025_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {"Huế": ("TP.Huế", "TP Huế")}

# Districts abolished between 2010 and 1 July 2025, keyed by the package's
# ASCII key (unit word + unaccented name) so its merge aliases can be checked.
# merged_into: the district that absorbed it (None when it was split).
ABOLISHED: dict[str, tuple[str, str, str, str | None]] = {
    # key: (province, kind, name, merged_into)
    "huyentuliem": ("Hà Nội", "huyện", "Từ Liêm", None),  # split 2013
    "quan2": ("Hồ Chí Minh", "quận", "Quận 2", "Thủ Đức"),
    "quan9": ("Hồ Chí Minh", "quận", "Quận 9", "Thủ Đức"),
    "huyenhoanhbo": ("Quảng Ninh", "huyện", "Hoành Bồ", "Hạ Long"),
    "huyenkyson": ("Hòa Bình", "huyện", "Kỳ Sơn", "Hòa Bình"),
    "huyenthongnong": ("Cao Bằng", "huyện", "Thông Nông", "Hà Quảng"),
    "huyentralinh": ("Cao Bằng", "huyện", "Trà Lĩnh", None),
    "huyenphuchoa": ("Cao Bằng", "huyện", "Phục Hòa", "Quảng Hòa"),
    "huyenquanguyen": ("Cao Bằng", "huyện", "Quảng Uyên", "Quảng Hòa"),
    "huyenyendung": ("Bắc Giang", "huyện", "Yên Dũng", "Bắc Giang"),
    "huyenmyloc": ("Nam Định", "huyện", "Mỹ Lộc", "Nam Định"),
    "thanhphoninhbinh": ("Ninh Bình", "thành phố", "Ninh Bình", "Hoa Lư"),
    "huyendongson": ("Thanh Hóa", "huyện", "Đông Sơn", "Thanh Hóa"),
    "huyentinhgia": ("Thanh Hóa", "huyện", "Tĩnh Gia", "Nghi Sơn"),
    "thixacualo": ("Nghệ An", "thị xã", "Cửa Lò", "Vinh"),
    "huyenlocha": ("Hà Tĩnh", "huyện", "Lộc Hà", None),
    "thanhphohue": ("Thừa Thiên Huế", "thành phố", "Huế", None),  # → Thuận Hóa, Phú Xuân
    "huyennamdong": ("Thừa Thiên Huế", "huyện", "Nam Đông", "Phú Lộc"),
    "huyennongson": ("Quảng Nam", "huyện", "Nông Sơn", "Quế Sơn"),
    "huyentaytra": ("Quảng Ngãi", "huyện", "Tây Trà", "Trà Bồng"),
    "huyencattien": ("Lâm Đồng", "huyện", "Cát Tiên", "Đạ Huoai"),
    "huyendateh": ("Lâm Đồng", "huyện", "Đạ Tẻh", "Đạ Huoai"),
    "huyentanthanh": ("Bà Rịa - Vũng Tàu", "huyện", "Tân Thành", "Phú Mỹ"),
    "huyendatdo": ("Bà Rịa - Vũng Tàu", "huyện", "Đất Đỏ", "Long Đất"),
    "huyenlongdien": ("Bà Rịa - Vũng Tàu", "huyện", "Long Điền", "Long Đất"),
}

# Kinds a still-existing district had at some point since 2010 (upgrades such
# as huyện → thị xã → thành phố), so "Thị ủy Phổ Yên" (2015-2022) still resolves.
# Not exhaustive; the package's own aliases add more.
FORMER_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Hồ Chí Minh", "Thủ Đức", ("quận",)),
    ("Thái Nguyên", "Phổ Yên", ("huyện", "thị xã")),
    ("Thái Nguyên", "Sông Công", ("thị xã",)),
    ("Thanh Hóa", "Sầm Sơn", ("thị xã",)),
    ("Quảng Ninh", "Đông Triều", ("huyện", "thị xã")),
    ("Lào Cai", "Sa Pa", ("huyện",)),
    ("Hải Dương", "Kinh Môn", ("huyện",)),
    ("Hải Dương", "Chí Linh", ("thị xã",)),
    ("Hà Nam", "Duy Tiên", ("huyện",)),
    ("Hà Nam", "Kim Bảng", ("huyện",)),
    ("Bắc Ninh", "Từ Sơn", ("thị xã",)),
    ("Bình Dương", "Bến Cát", ("huyện",)),
    ("Bình Dương", "Tân Uyên", ("huyện",)),
    ("Bình Dương", "Thủ Dầu Một", ("thị xã",)),
    ("Kiên Giang", "Phú Quốc", ("huyện",)),
    ("Kiên Giang", "Hà Tiên", ("thị xã",)),
    ("Quảng Ngãi", "Đức Phổ", ("huyện",)),
    ("Bình Định", "An Nhơn", ("huyện",)),
    ("Phú Yên", "Đông Hòa", ("huyện",)),
    ("Khánh Hòa", "Ninh Hòa", ("huyện",)),
    ("Sóc Trăng", "Vĩnh Châu", ("huyện",)),
    ("Sóc Trăng", "Ngã Năm", ("huyện",)),
    ("Bạc Liêu", "Giá Rai", ("huyện",)),
    ("Quảng Nam", "Điện Bàn", ("huyện",)),
    ("Thừa Thiên Huế", "Hương Trà", ("huyện",)),
    ("Thừa Thiên Huế", "Phong Điền", ("huyện",)),
    ("Hải Phòng", "Thủy Nguyên", ("huyện",)),
    ("Hải Phòng", "An Dương", ("huyện",)),
    ("Bắc Giang", "Việt Yên", ("huyện",)),
    ("Đồng Tháp", "Sa Đéc", ("thị xã",)),
    ("Cao Bằng", "Cao Bằng", ("thị xã",)),
    ("Lai Châu", "Lai Châu", ("thị xã",)),
    ("Bắc Kạn", "Bắc Kạn", ("thị xã",)),
    ("Ninh Bình", "Tam Điệp", ("thị xã",)),
    ("Ninh Bình", "Hoa Lư", ("huyện",)),
    ("An Giang", "Châu Đốc", ("thị xã",)),
    ("Hậu Giang", "Ngã Bảy", ("thị xã",)),
    ("Vĩnh Long", "Bình Minh", ("huyện",)),
    ("Tây Ninh", "Tây Ninh", ("thị xã",)),
)

_PREFIX_KIND = {"huyen": "huyện", "thixa": "thị xã", "quan": "quận", "thanhpho": CITY}
_ALIAS_KEY = re.compile(r"^(huyen|thixa|quan|thanhpho)([a-z0-9]+)$")


def _ascii_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text))


def _strip_kind(full: str, kind: str) -> str:
    """'Huyện Đại Từ' → 'Đại Từ'; numbered urban districts keep 'Quận 5'."""
    rest = full[len(kind) + 1 :] if full.casefold().startswith(kind.casefold() + " ") else full
    return f"Quận {int(rest)}" if rest.isdigit() else rest


def _natural(text: str) -> str:
    return re.sub(r"\d+", lambda m: m.group().zfill(3), ascii_fold(text))


def _aliases(values: tuple[str, ...] | list[str]) -> list[str]:
    return sorted({canonical(v) for v in values}, key=lambda v: (ascii_fold(v), v))


def _query(db: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql).fetchall()


def _package_data() -> tuple[Path, dict[str, Any]]:
    import vietnamadminunits  # build-time only

    data_dir = Path(vietnamadminunits.__file__).resolve().parent / "data"
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    return data_dir / "dataset.db", converter["DICT_PROVINCE"]


def _cross_check_new_names(names: set[str]) -> None:
    try:
        from vietnam_provinces import Province as VPProvince
    except ImportError:  # optional second source
        return
    theirs = {canonical(re.sub(r"^(Thành phố|Tỉnh) ", "", p.name)) for p in VPProvince.iter_all()}
    if theirs != names:
        raise SystemExit(f"post-2025 provinces disagree with vietnam_provinces: {theirs ^ names}")


def build() -> dict[str, Any]:
    """Assemble the gazetteer as plain JSON-ready data."""
    db, merges = _package_data()

    # --- pre-2025 provinces -------------------------------------------------
    old_rows = _query(
        db,
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey "
        "FROM admin_units_legacy ORDER BY provinceCode",
    )
    old: dict[str, dict[str, Any]] = {}
    old_by_key: dict[str, str] = {}
    for r in old_rows:
        name = canonical(r["provinceShort"])
        kind = CITY if r["province"].startswith("Thành phố") else PROVINCE
        name, kind = PRE2025_RENAMES.get(name, (name, kind))
        old[name] = {
            "code": r["provinceCode"],
            "name": name,
            "kind": kind,
            "aliases": _aliases(PROVINCE_ALIASES.get(name, ())),
        }
        old_by_key[r["provinceKey"]] = name
    if len(old) != 63:
        raise SystemExit(f"expected 63 pre-2025 provinces, got {len(old)}")
    unknown = set(PROVINCE_ALIASES) - set(old)
    if unknown:
        raise SystemExit(f"aliases for unknown provinces: {unknown}")

    # --- post-2025 provinces and the merger map -----------------------------
    new_rows = _query(
        db,
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey "
        "FROM admin_units ORDER BY provinceCode",
    )
    new: dict[str, dict[str, Any]] = {}
    for r in new_rows:
        name = canonical(r["provinceShort"])
        merged = sorted(
            (old_by_key[k] for k in merges[r["provinceKey"]]), key=lambda n: old[n]["code"]
        )
        inherited = [
            a
            for n in merged
            if n == name
            for a in old[n]["aliases"]
            if a not in POST2025_ALIAS_DROP
        ]
        new[name] = {
            "code": r["provinceCode"],
            "name": name,
            "kind": CITY if r["province"].startswith("Thành phố") else PROVINCE,
            "aliases": _aliases([*inherited, *POST2025_EXTRA_ALIASES.get(name, ())]),
            "merged_from": merged,
        }
        for n in merged:
            if "successor" in old[n]:
                raise SystemExit(f"{n} merged twice")
            old[n]["successor"] = name
    if len(new) != 34 or any("successor" not in p for p in old.values()):
        raise SystemExit("post-2025 merger map incomplete")
    _cross_check_new_names(set(new))

    # --- districts ------------------------------------------------------------
    drows = _query(
        db,
        "SELECT DISTINCT provinceShort, districtCode, district, districtType, districtAlias "
        "FROM admin_units_legacy ORDER BY provinceCode, districtCode",
    )
    districts: dict[tuple[str, str, str], dict[str, Any]] = {}
    absorbed_keys: set[str] = set()
    former: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in drows:
        province = canonical(r["provinceShort"])
        province = PRE2025_RENAMES.get(province, (province, ""))[0]
        kind = canonical(r["districtType"]).casefold()
        name = canonical(_strip_kind(r["district"], r["districtType"]))
        if kind not in DISTRICT_KINDS:
            raise SystemExit(f"unknown district kind {kind!r}")
        districts[(province, name, kind)] = {
            "province": province,
            "name": name,
            "kind": kind,
            "code": r["districtCode"],
        }
        own = _ascii_key(name.removeprefix("Quận ") if name[-1].isdigit() else name)
        aliases = json.loads(r["districtAlias"] or "[]")
        for alias in aliases:
            m = _ALIAS_KEY.match(alias)
            # "quanguyen" is the bare form of "huyenquanguyen", not "quận Guyen"
            if not m or any(o != alias and o.endswith(alias) for o in aliases):
                continue
            base = str(int(m.group(2))) if m.group(2).isdigit() else m.group(2)
            if base == own:
                former[(province, name, kind)].add(_PREFIX_KIND[m.group(1)])
            else:
                absorbed_keys.add(m.group(1) + base)
    missing = absorbed_keys - set(ABOLISHED)
    if missing:
        raise SystemExit(f"package knows abolished districts not in ABOLISHED: {sorted(missing)}")

    for province, kind, name, merged_into in ABOLISHED.values():
        key = (province, name, kind)
        if key in districts or province not in old:
            raise SystemExit(f"bad ABOLISHED entry {key}")
        if merged_into is not None and not any(
            p == province and n == merged_into for p, n, _ in districts
        ):
            raise SystemExit(f"{name} merged into unknown {merged_into}")
        districts[key] = {
            "province": province,
            "name": name,
            "kind": kind,
            "code": None,
            "abolished": True,
            "merged_into": merged_into,
        }
    for province, name, kinds in FORMER_KINDS:
        current = [k for k in districts if k[:2] == (province, name)]
        if len(current) != 1:  # unknown, or ambiguous like huyện/thành phố Hồng Ngự
            raise SystemExit(f"FORMER_KINDS needs one district {province}/{name}: {current}")
        former[current[0]].update(kinds)

    for d in districts.values():
        d.setdefault("abolished", False)
        d.setdefault("merged_into", None)
        key = (d["province"], d["name"], d["kind"])
        d["former_kinds"] = sorted(former.get(key, set()) - {d["kind"]})

    ordered = sorted(
        districts.values(),
        key=lambda d: (old[d["province"]]["code"], _natural(d["name"]), d["kind"], d["name"]),
    )
    return {
        "about": {
            "source": "vietnamadminunits 1.0.4 (legacy 63-province and 2025 34-province "
            "tables); hand supplements in scripts/build_gazetteer.py",
            "districts": "district level as of 30 June 2025 plus districts abolished "
            "since 2010 (abolished=true); the district level itself ended on 1 July 2025",
            "names": "canonical (NFC, traditional tone placement) short names",
        },
        "provinces_pre2025": sorted(old.values(), key=lambda p: p["code"]),
        "provinces_post2025": sorted(new.values(), key=lambda p: p["code"]),
        "districts": ordered,
    }


def render(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def write_atomic(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    write_atomic(args.out, render(build()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
