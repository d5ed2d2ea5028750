"""Lexicon data (titles, organizations, cues, places) turned into matcher patterns.

The words polgraph knows live in data files under ``graph/data/lexicon`` and in
the gazetteer; this module reads them once and hands the pipeline component a
list of ``(label, key, surface)`` patterns.  ``label`` says what a span is
(ROLE, COMMITTEE, PROVINCE, ...), ``key`` its canonical value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from polgraph.core.text import normalize_tones

# Cue words: small closed classes that belong with the grammar rather than a data file.
HONORIFICS = ("ông", "bà", "đồng chí", "các đồng chí", "anh", "chị", "đ/c", "Đ/c", "ngài", "vị")
CURRENT_CUES = (
    "giữ chức",
    "giữ chức vụ",
    "giữ chức danh",
    "giữ cương vị",
    "làm",
    "tái đắc cử",
    "tái đắc cử chức",
    "tái đắc cử chức vụ",
    "trúng cử",
    "trúng cử chức vụ",
    "trúng cử chức",
    "đảm nhận chức",
    "đảm nhận chức vụ",
    "đảm nhiệm chức",
    "đảm nhiệm chức vụ",
    "đảm nhận",
    "đảm nhiệm",
    "được bầu",
    "bầu",
    "bổ nhiệm",
    "chỉ định",
    "chuẩn y",
    "phê chuẩn",
    "nhận chức",
    "kiêm",
    "kiêm nhiệm",
    "tiếp tục giữ chức",
    "tham gia",
    "điều động",
    "phân công",
    "được giao",
    "giữ",
    "nhận nhiệm vụ",
    "là",
    "hiện là",
    "đang là",
    "đang giữ chức",
)
FORMER_CUES = (
    "miễn nhiệm",
    "miễn nhiệm chức vụ",
    "miễn nhiệm chức danh",
    "cách chức",
    "cách tất cả các chức vụ",
    "xóa tư cách",
    "xóa tư cách chức vụ",
    "cho thôi giữ chức",
    "cho thôi giữ chức vụ",
    "thôi giữ chức",
    "thôi giữ chức vụ",
    "thôi chức",
    "bãi nhiệm",
    "cho thôi",
    "cho nghỉ hưu",
    "từng giữ chức",
    "từng giữ chức vụ",
    "từng là",
    "từng đảm nhiệm",
    "từng đảm nhiệm chức vụ",
    "từng làm",
)
FORMER_PREFIXES = ("nguyên", "cựu", "nguyên là")
LOCALITY_WORDS = {
    "tỉnh": "province",
    "thành phố": "city",
    "TP": "city",
    "TP.": "city",
    "Tp.": "city",
    "Tp": "city",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "TX.": "thị xã",
    "xã": "xã",
    "phường": "phường",
    "thị trấn": "thị trấn",
}
DOC_TYPES = {
    "Nghị quyết": "resolution",
    "NQ": "resolution",
    "Chỉ thị": "directive",
    "Kết luận": "conclusion",
    "Quy định": "regulation",
    "Chương trình": "program",
    "Chương trình hành động": "program",
    "Kế hoạch": "plan",
    "Quyết định": "decision",
    "Thông báo": "other",
    "Thông báo kết luận": "other",
    "Hướng dẫn": "other",
    "Đề án": "other",
    "Quy chế": "regulation",
    "Nghị định": "other",
    "Thông tư": "other",
    "Thông tri": "other",
    "Công văn": "other",
    "Luật": "other",
    "Điều lệ": "regulation",
    "Nội quy": "regulation",
}
MEETING_WORDS = (
    "Hội nghị",
    "hội nghị",
    "Kỳ họp",
    "kỳ họp",
    "Đại hội",
    "đại hội",
    "Phiên họp",
    "phiên họp",
    "Lễ",
    "lễ",
    "buổi lễ",
    "cuộc họp",
    "Hội thảo",
    "hội thảo",
    "Tọa đàm",
    "tọa đàm",
    "buổi làm việc",
    "phiên bế mạc",
    "phiên khai mạc",
)
CHAIR_CUES = (
    "chủ trì",
    "chủ tọa",
    "đồng chủ trì",
    "điều hành",
    "dưới sự chủ trì",
    "dưới sự điều hành",
    "kết luận hội nghị",
    "phát biểu kết luận",
    "kết luận",
)


@dataclass(frozen=True)
class RoleInfo:
    """What a title means: its canonical role and how it meets an organization."""

    role: str
    head: str | None = None  # shared head word: 'Trưởng ban' + 'Ban Tổ chức'
    implied: str | None = None  # organization when none follows
    needs_org: bool = False
    no_org: bool = False  # the organization is part of the title itself
    member_of: str | None = None  # 'Tỉnh ủy viên' → Ủy viên of Tỉnh ủy
    only_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, RoleInfo]
    remap: dict[tuple[str, str], tuple[str, str]]
    national: dict[str, dict[str, Any]]  # canonical name → entry
    committees: dict[str, dict[str, Any]]
    sub_bodies: dict[str, dict[str, Any]]
    departments: dict[str, dict[str, str]]  # 'Sở'/'Bộ' → surface → canonical
    surnames: frozenset[str]
    units: dict[str, frozenset[str]] = field(default_factory=dict)  # owner → unit heads
    named_heads: frozenset[str] = frozenset()  # words that open a body's own name
    local_bodies: dict[str, str] = field(default_factory=dict)  # head → kind, with a place
    patterns: list[tuple[str, str, str]] = field(default_factory=list)
    name_patterns: list[tuple[str, str, str]] = field(default_factory=list)  # case-sensitive


_DASHES = ("-", "–")
_JOINERS = re.compile(r"\s*(?:,|\bvà\b|[-–])\s*")


def dotless_variants(surface: str) -> list[str]:
    """The surface, and the same with 'Đ' typed as 'D' in its abbreviations
    ("HDND", "Đoàn DBQH"): writers without a Vietnamese keyboard drop the bar,
    and one such token must not cost the whole title chain."""
    words = surface.split()
    plain = [w.replace("Đ", "D") if w.isupper() and len(w) > 1 and "Đ" in w else w for w in words]
    return [surface] if plain == words else [surface, " ".join(plain)]


def sector_variants(sector: str) -> list[str]:
    """Spellings of a sector name ("Kế hoạch và Đầu tư") the press uses for the same
    department: dashes for 'và' ("Kế hoạch - Đầu tư", "Kế hoạch – Đầu tư") and the
    initials of each part ("KH&ĐT", "KH-ĐT", "KHĐT"), each also with 'D' for 'Đ'.

    >>> sector_variants("Tài nguyên và Môi trường")[3:]
    ['Tài nguyên Môi trường', 'TN&MT', 'TN-MT', 'TNMT']
    """
    found: dict[str, None] = {sector: None}
    if " và " in sector:
        for dash in _DASHES:
            found[sector.replace(" và ", f" {dash} ")] = None
        found[sector.replace(" và ", " ")] = None  # "Tài nguyên Môi trường"
    for dash in _DASHES:
        other = "–" if dash == "-" else "-"
        if f" {dash} " in sector:
            found[sector.replace(f" {dash} ", f" {other} ")] = None
    parts = [p for p in _JOINERS.split(sector) if p]
    joiners = [j.strip() for j in _JOINERS.findall(sector)]
    if len(parts) >= 2 and all(p[:1].isupper() for p in parts) and not sector.isupper():
        initials = ["".join(w[0].upper() for w in part.split()) for part in parts]
        marks = ["&" if j == "và" else "-" for j in joiners]
        spelled = initials[0] + "".join(m + i for m, i in zip(marks, initials[1:], strict=True))
        for abbreviation in (spelled, "-".join(initials), "".join(initials)):
            found[abbreviation] = None
    elif len(parts) == 1 and len(sector.split()) >= 4:
        found["".join(w[0].upper() for w in sector.split())] = None  # "GTVT"
    for variant in list(found):
        for dotless in dotless_variants(variant):
            found[dotless] = None
    return list(found)


def _read(name: str) -> str:
    return normalize_tones(
        resources.files("polgraph.data.lexicon").joinpath(name).read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every lexicon file once; patterns include the gazetteer's places."""
    roles_data = json.loads(_read("roles.json"))
    org_data = json.loads(_read("organizations.json"))
    surnames = frozenset(
        line.strip()
        for line in _read("surnames.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )
    patterns: list[tuple[str, str, str]] = []

    roles: dict[str, RoleInfo] = {}
    for entry in roles_data["roles"]:
        key = entry["role"]
        roles[key] = RoleInfo(
            role=entry.get("as", key),
            head=entry.get("head"),
            implied=entry.get("implied"),
            needs_org=entry.get("needs_org", False),
            no_org=entry.get("no_org", False),
            member_of=entry.get("member_of"),
            only_with=tuple(entry.get("only_with", ())),
        )
        patterns.append(("ROLE", key, key))
    for surface, key in roles_data["abbreviations"].items():
        for variant in dotless_variants(surface):
            patterns.append(("ROLE_ABBR", key, variant))
    remap = {(r["role"], r["org"]): (r["to_role"], r["to_org"]) for r in roles_data["remap"]}

    national = {entry["name"]: entry for entry in org_data["national"]}
    for name, entry in national.items():
        for surface in (name, *entry.get("aliases", ())):
            for variant in dotless_variants(surface):
                patterns.append(("NATORG", name, variant))
    committees: dict[str, dict[str, Any]] = {}
    for entry in org_data["committees"]:
        committees[entry["name"]] = entry
        for surface in entry["surface"]:
            for variant in dotless_variants(surface):
                patterns.append(("COMMITTEE", entry["name"], variant))
    sub_bodies: dict[str, dict[str, Any]] = {}
    for entry in org_data["sub_bodies"]:
        key = entry["name"] or "BCH"
        sub_bodies[key] = entry
        for surface in entry["surface"]:
            patterns.append(("SUB", key, surface))
    departments: dict[str, dict[str, str]] = {}
    expand = org_data["departments"]["expand"]
    for head in ("Sở", "Phòng", "Bộ"):
        departments[head] = {}
        for surface in org_data["departments"][head]:
            canonical_name = f"{head} {expand.get(surface, surface)}"
            for variant in sector_variants(surface):
                departments[head].setdefault(variant, canonical_name)
                patterns.append(("DEPT", canonical_name, f"{head} {variant}"))

    units_data = org_data.get("units", {})
    units = {
        "ministry": frozenset(units_data.get("of_ministry", ())),
        "department": frozenset(units_data.get("of_department", ())),
    }
    # case-sensitive: "Vụ", "Phòng" open a unit's name, "nhiệm vụ", "quốc phòng" do not
    unit_heads = sorted(units["ministry"] | units["department"])
    name_patterns = [("UNIT", head, head) for head in unit_heads]
    named_heads = frozenset(units_data.get("named_heads", ()))
    local_bodies = dict(units_data.get("local_bodies", {}))

    for surface in HONORIFICS:
        patterns.append(("HON", surface.lower(), surface))
    for surface in CURRENT_CUES:
        patterns.append(("CUR", surface, surface))
    for surface in FORMER_CUES:
        patterns.append(("FORMER", surface, surface))
    for surface in FORMER_PREFIXES:
        patterns.append(("PREFIX_FORMER", surface, surface))
    for surface, level in LOCALITY_WORDS.items():
        patterns.append(("LOCWORD", level, surface))
    for surface, kind in DOC_TYPES.items():
        patterns.append(("DOCTYPE", kind, surface))
    for surface in MEETING_WORDS:
        patterns.append(("MEETING", surface.lower(), surface))
    for surface in CHAIR_CUES:
        patterns.append(("CHAIR", surface, surface))

    return Lexicon(
        roles=roles,
        remap=remap,
        national=national,
        committees=committees,
        sub_bodies=sub_bodies,
        departments=departments,
        surnames=surnames,
        units=units,
        named_heads=named_heads,
        local_bodies=local_bodies,
        patterns=patterns,
        name_patterns=name_patterns,
    )


def place_patterns() -> list[tuple[str, str, str]]:
    """Case-sensitive patterns for provinces and districts, from the gazetteer."""
    from polgraph.nlp import gazetteer

    patterns: list[tuple[str, str, str]] = []
    for province in gazetteer.provinces():
        for surface in (province.name, *province.aliases):
            patterns.append(("PROVINCE", province.name, surface))
        for district in gazetteer.districts_of(province.name):
            patterns.append(("DISTRICT", f"{district.kind}|{district.name}", district.name))
    return patterns
