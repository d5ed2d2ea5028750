"""What organization parsing shares: the match it returns and the words it knows.

Kept apart from ``OrgParser`` so that its mixins (units, committees, places) can import
the same constants without importing the parser.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from polgraph.core.model import OrgKind
from polgraph.extract.places import Place, find_districts, find_province
from polgraph.nlp import gazetteer

_CENTRAL = frozenset({"trung ương", "tư", "tw", "t.ư", "t.w"})
_CENTRAL_BOARDS = frozenset(
    {
        "Ủy ban Kiểm tra",
        "Ban Tổ chức",
        "Ban Tuyên giáo",
        "Ban Dân vận",
        "Ban Nội chính",
        "Văn phòng",
    }
)
_NUMBER_WORDS = {"q.": "quận", "q": "quận"}
_CAP_STOP = frozenset({"Tỉnh", "Thành", "Huyện", "Quận", "Ban", "Ủy", "Đảng", "Sở", "Bộ", "Phòng"})
BARE_PARTY_COMMITTEE = "Đảng ủy"
BARE_PARTY_GROUP = "Đảng đoàn"  # the party group of a state or mass body, named after it
_BARE_NAMES = frozenset({BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP})
_INSTITUTIONS = {
    "Trường Đại học": OrgKind.OTHER,
    "Trường Cao đẳng": OrgKind.OTHER,
    "Học viện": OrgKind.OTHER,
    "Bệnh viện": OrgKind.OTHER,
    "Ban Quản lý": OrgKind.GOVERNMENT,
    "Tập đoàn": OrgKind.OTHER,
    "Tổng công ty": OrgKind.OTHER,
}
_EXPANSIONS = {"KKT": "Khu kinh tế", "KCN": "Khu công nghiệp"}
# first word → (head, its words lower-cased), so most tokens are rejected by one look-up
_INSTITUTION_WORDS: dict[str, list[tuple[str, list[str]]]] = {}
for _head in _INSTITUTIONS:
    _words = _head.lower().split()
    _INSTITUTION_WORDS.setdefault(_words[0], []).append((_head, _words))


# what a body's name may start with, as the lexicon marks it
_BODY_LABELS = ("COMMITTEE", "SUB", "NATORG", "DEPT", "UNIT")
_NAME_JOINERS = frozenset({"và", "-", "–", "&"})
_DASH_JOINERS = frozenset({"-", "–"})
_PREVENTION = ["phòng", ",", "chống"]
_TERM_WORDS = frozenset({"khóa", "khoá", "nhiệm", "lần"})  # "HĐND thành phố Khóa X": a term
_COMMUNE_STATE_BODIES = ("Ủy ban nhân dân ", "Hội đồng nhân dân ")
_MAX_UNIT_WORDS = 12  # a unit's own name, before its ministry or department
_UNIT_STOPS = frozenset({".", ";", ":", "(", ")", "!", "?"})
_UNIT_LINKS = frozenset({",", "thuộc", "trực", "của", "-", "–"})  # "Vụ X thuộc Bộ Y"
_BARE_UNITS = frozenset({"Thanh tra", "Văn phòng"})  # named by their owner alone
_ROLE_LABEL = frozenset({"ROLE"})
_ROLE_HEAD_UNITS = frozenset({"Phòng"})  # the one unit word a title ends with: "Trưởng phòng"
_MAX_NAME_WORDS = 8
_MAX_LOWER_WORDS = 3  # "Sở Ngoại thương": a sector's later syllables are lower-case
_MAX_UNIT_LOWER = 5  # "Viện Chiến lược và chính sách y tế": a unit's name runs longer


_PARTY_OWNERS = frozenset({OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_ORGANIZATION})
_ANY_OWNER = frozenset(OrgKind)
# which bodies a sub-body may belong to ("of" in the lexicon): a Ban Thường vụ is a
# committee's or a mass organization's, an Đoàn Chủ tịch only a mass organization's
_SUB_BODY_OWNERS = {
    "party": _PARTY_OWNERS,
    "state": _ANY_OWNER - _PARTY_OWNERS,
    "mass": frozenset({OrgKind.MASS_ORGANIZATION}),
    "council": frozenset({OrgKind.LEGISLATURE, OrgKind.MASS_ORGANIZATION}),
    "party_or_mass": _PARTY_OWNERS | {OrgKind.MASS_ORGANIZATION},
}


class OrgMatch(NamedTuple):
    start: int
    end: int
    name: str
    kind: OrgKind
    parent: str | None = None
    locality: str | None = None
    surface: str = ""  # as written, when it names the body fully; "" for a bare form
    explicit: bool = True  # False when the locality came from context, not the phrase
    place: Place | None = None  # the locality in full (a city's, not only its province)
    owner: OrgMatch | None = None  # the body a unit belongs to, where the text names it


# the words of a bloc's name ("Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh X"); a
# verb or anything else after "Khối" ends it ("Bí thư Đảng ủy Khối chủ trì ...")
_BLOC_WORDS = frozenset(
    {"các", "cơ", "quan", "doanh", "nghiệp", "và", "dân", "chính", "đảng", "kinh", "tế"}
    | {"trung", "ương"}
)


def _provincial_city(province: str) -> gazetteer.District | None:
    """The city named like its province ("thành phố Thái Nguyên" of tỉnh Thái Nguyên);
    None for centrally-run cities and provinces without one."""
    record = find_province(province)
    if record is None or record.kind == gazetteer.THANH_PHO:
        return None
    cities = [
        d for d in find_districts(record.name, gazetteer.THANH_PHO) if d.province == record.name
    ]
    return cities[0] if len(cities) == 1 else None


@lru_cache(maxsize=4)
def _head_index(heads: frozenset[str]) -> dict[str, list[list[str]]]:
    """First word → the heads' words, longest first: one look-up rejects most tokens.
    Worked out once for the lexicon's heads (each article's parser reads, never
    changes, the same index)."""
    index: dict[str, list[list[str]]] = {}
    for head in sorted(heads, key=lambda h: (-len(h.split()), h)):
        words = head.lower().split()
        index.setdefault(words[0], []).append(words)
    return index


def _kind(value: str) -> OrgKind:
    kind = _KINDS.get(value)  # OrgKind(value) goes through EnumType.__call__
    return kind if kind is not None else OrgKind(value)


_KINDS = {kind.value: kind for kind in OrgKind}
