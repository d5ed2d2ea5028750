"""Behaviour of polgraph.nlp.gazetteer: provinces of both eras, districts, aliases, mergers."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from polgraph.core.text import canonical
from polgraph.nlp import gazetteer as gz

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_gazetteer.py"


def test_era_counts() -> None:
    assert len(gz.provinces()) == 63
    assert len(gz.provinces("pre2025")) == 63
    assert len(gz.provinces("post2025")) == 34
    assert {p.era for p in gz.provinces()} == {"pre2025"}
    assert {p.era for p in gz.provinces("post2025")} == {"post2025"}


def test_centrally_run_cities() -> None:
    cities = {p.name for p in gz.provinces() if p.kind == "thành phố"}
    assert cities == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
    new_cities = {p.name for p in gz.provinces("post2025") if p.kind == "thành phố"}
    assert new_cities == cities | {"Huế"}


def test_canonical_province_names() -> None:
    names = {p.name for p in gz.provinces()}
    for expected in ("Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Thanh Hóa", "Đắk Lắk", "Hòa Bình"):
        assert expected in names


@pytest.mark.parametrize(
    "text",
    [
        "TP.HCM",
        "TPHCM",
        "TP HCM",
        "TP. Hồ Chí Minh",
        "Tp Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "thành phố hồ chí minh",
        "Hồ Chí Minh",
        "HCM",
        "Sài Gòn",
        "Thành phố HCM",
    ],
)
def test_hcm_aliases_meet(text: str) -> None:
    p = gz.find_province(text)
    assert p is not None
    assert (p.name, p.era) == ("Hồ Chí Minh", "pre2025")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("tỉnh Thanh Hoá", "Thanh Hóa"),
        ("Tỉnh Thanh Hóa", "Thanh Hóa"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("TP.Hà Nội", "Hà Nội"),
        ("TP Hà Nội", "Hà Nội"),
        ("HN", "Hà Nội"),
        ("Hà Tây", "Hà Nội"),
        ("TPCT", "Cần Thơ"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Huế", "Thừa Thiên Huế"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Hoà Bình", "Hòa Bình"),
        ("KHÁNH HOÀ", "Khánh Hòa"),
    ],
)
def test_province_spellings(text: str, name: str) -> None:
    p = gz.find_province(text)
    assert p is not None and p.name == name


def test_unit_word_must_agree_with_kind() -> None:
    # A district-level city that shares its province's name is not the province.
    assert gz.find_province("thành phố Hà Tĩnh") is None
    assert gz.find_province("tỉnh Hà Nội") is None
    assert gz.find_province("Vinh") is None
    assert gz.find_province("Thành ủy Hà Nội") is None


def test_hue_pre_and_post_2025() -> None:
    old = gz.find_province("Thừa Thiên Huế")
    new = gz.find_province("Thành phố Huế")
    assert old is not None and new is not None
    assert (old.kind, old.era) == ("tỉnh", "pre2025")
    assert (new.kind, new.era) == ("thành phố", "post2025")
    assert gz.successor("Thừa Thiên Huế") == new


def test_full_and_committee_names() -> None:
    son_la = gz.find_province("Sơn La")
    hanoi = gz.find_province("Hà Nội")
    hcm = gz.find_province("TP.HCM")
    assert son_la and hanoi and hcm
    assert son_la.full_name == "tỉnh Sơn La"
    assert son_la.party_committee_name == "Tỉnh ủy Sơn La"
    assert hanoi.full_name == "Thành phố Hà Nội"
    assert hanoi.party_committee_name == "Thành ủy Hà Nội"
    assert hcm.full_name == "Thành phố Hồ Chí Minh"
    assert hcm.party_committee_name == "Thành ủy Thành phố Hồ Chí Minh"


@pytest.mark.parametrize("text", ["Quận 5", "quận 5", "Q5", "Q.5", "Q. 5", "q 5", "Quận 05"])
def test_numbered_district(text: str) -> None:
    (d,) = gz.find_districts(text)
    assert (d.name, d.kind, d.province) == ("Quận 5", "quận", "Hồ Chí Minh")
    assert d.full_name == "Quận 5"
    assert d.committee_name == "Quận ủy Quận 5"


def test_named_districts() -> None:
    (dai_tu,) = gz.find_districts("huyện Đại Từ")
    assert (dai_tu.name, dai_tu.kind, dai_tu.province) == ("Đại Từ", "huyện", "Thái Nguyên")
    assert dai_tu.full_name == "huyện Đại Từ"
    assert dai_tu.committee_name == "Huyện ủy Đại Từ"
    assert gz.find_districts("Đại Từ") == (dai_tu,)
    assert [d.province for d in gz.find_districts("Lâm Bình")] == ["Tuyên Quang"]
    (son_tay,) = gz.find_districts("thị xã Sơn Tây")
    assert (son_tay.province, son_tay.committee_name) == ("Hà Nội", "Thị ủy Sơn Tây")
    (vinh,) = gz.find_districts("thành phố Vinh")
    assert (vinh.province, vinh.full_name, vinh.committee_name) == (
        "Nghệ An",
        "thành phố Vinh",
        "Thành ủy Vinh",
    )


def test_ambiguous_district_names_return_all_sorted() -> None:
    chau_thanh = gz.find_districts("Châu Thành")
    assert len(chau_thanh) >= 5
    assert len({d.province for d in chau_thanh}) == len(chau_thanh)
    codes = [gz.find_province(d.province).code for d in chau_thanh]  # type: ignore[union-attr]
    assert codes == sorted(codes)
    son_tay = gz.find_districts("Sơn Tây")
    assert {d.province for d in son_tay} == {"Hà Nội", "Quảng Ngãi"}
    assert [d.province for d in gz.find_districts("Sơn Tây", kind="huyện")] == ["Quảng Ngãi"]


def test_same_name_two_kinds_in_one_province() -> None:
    cai_lay = gz.find_districts("Cai Lậy")
    assert sorted(d.kind for d in cai_lay) == ["huyện", "thị xã"]
    assert [d.kind for d in gz.find_districts("thị xã Cai Lậy")] == ["thị xã"]


def test_abolished_hcm_districts_and_thu_duc() -> None:
    for name in ("Quận 2", "Quận 9", "Q2"):
        (d,) = gz.find_districts(name)
        assert d.abolished and d.merged_into == "Thủ Đức" and d.province == "Hồ Chí Minh"
    (thu_duc,) = gz.find_districts("thành phố Thủ Đức")
    assert thu_duc.kind == "thành phố" and not thu_duc.abolished
    assert gz.find_districts("quận Thủ Đức") == (thu_duc,)
    assert "Quận ủy Thủ Đức" in thu_duc.committee_names


def test_former_kind_lookup() -> None:
    (pho_yen,) = gz.find_districts("thị xã Phổ Yên")
    assert pho_yen.kind == "thành phố" and "thị xã" in pho_yen.former_kinds
    assert gz.find_districts("Phổ Yên", kind="quận") == ()


def test_districts_of() -> None:
    hcm = gz.districts_of("TP.HCM")
    assert {d.province for d in hcm} == {"Hồ Chí Minh"}
    assert {"Quận 1", "Quận 2", "Thủ Đức", "Cần Giờ"} <= {d.name for d in hcm}
    live_hanoi = [d for d in gz.districts_of("Hà Nội") if not d.abolished]
    assert len(live_hanoi) == 30
    assert gz.districts_of("Atlantis") == ()


def test_successors() -> None:
    tq = gz.successor("Hà Giang")
    assert tq is not None and (tq.name, tq.era) == ("Tuyên Quang", "post2025")
    assert set(tq.merged_from) == {"Hà Giang", "Tuyên Quang"}
    hcm = gz.successor("Bình Dương")
    assert hcm is not None and hcm.name == "Hồ Chí Minh"
    assert set(hcm.merged_from) == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}
    assert gz.successor("Nowhere") is None


def test_mergers_partition_the_63() -> None:
    merged = [m for p in gz.provinces("post2025") for m in p.merged_from]
    assert sorted(merged) == sorted(p.name for p in gz.provinces())
    for old in gz.provinces():
        new = gz.successor(old.name)
        assert new is not None and old.name in new.merged_from


def test_province_names_pattern_spots_provinces() -> None:
    rx = re.compile(rf"(?<!\w)(?:{gz.province_names_pattern()})(?!\w)")
    text = canonical("Bí thư Tỉnh ủy Thanh Hoá gặp lãnh đạo TP.HCM và tỉnh Bà Rịa - Vũng Tàu")
    assert rx.findall(text) == ["Thanh Hóa", "TP.HCM", "Bà Rịa - Vũng Tàu"]
    assert rx.search("Nguyễn Văn An") is None


def test_is_place_name() -> None:
    for place in ("Hà Nội", "Hà Tĩnh", "Trà Vinh", "Lê Chân", "Quận 5", "TP.HCM"):
        assert gz.is_place_name(place), place
    for person in ("Nguyễn Văn An", "Trần Thị Bình", ""):
        assert not gz.is_place_name(person), person


def test_data_is_canonical_and_small() -> None:
    raw = gz.DATA_PATH.read_bytes()
    assert len(raw) < 1_000_000
    data = json.loads(raw)
    names = [p["name"] for key in ("provinces_pre2025", "provinces_post2025") for p in data[key]]
    names += [
        a
        for key in ("provinces_pre2025", "provinces_post2025")
        for p in data[key]
        for a in p["aliases"]
    ]
    names += [d["name"] for d in data["districts"]]
    for n in names:
        assert n == canonical(n) == unicodedata.normalize("NFC", n), n


def test_runtime_does_not_import_source_packages() -> None:
    code = (
        "import sys; from polgraph.nlp import gazetteer as g; g.find_districts('Q5'); "
        "g.find_province('TPHCM'); "
        "print(any(m.startswith(('vietnamadminunits', 'vietnam_provinces')) for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_committed_json_matches_build_script(tmp_path: Path) -> None:
    if importlib.util.find_spec("vietnamadminunits") is None:
        pytest.skip("vietnamadminunits not importable: cannot regenerate the gazetteer")
    out = tmp_path / "gazetteer.json"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == gz.DATA_PATH.read_bytes()
