"""Organization phrases: '[board] committee [locality]' parsed into canonical names.

Vietnamese names a body compositionally — "Ban Tổ chức" + "Tỉnh ủy" + "Nghệ An",
"UBND" + "huyện" + "Đại Từ" — and drops the locality once it is clear.  The
parser reads one phrase at a token position and returns its canonical name
(FORMAT.md conventions: "Ban Tổ chức Tỉnh ủy Nghệ An", "Ủy ban nhân dân
Quận 5", "Thành ủy Thành phố Hồ Chí Minh"), its kind and its parent.
"""

from __future__ import annotations

from typing import NamedTuple

from polgraph.core.model import OrgKind
from polgraph.extract.context import (
    ArticleContext,
    Match,
    Place,
    find_districts,
    find_province,
    skip_qualifiers,
)
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


def _head_index(heads: frozenset[str]) -> dict[str, list[list[str]]]:
    """First word → the heads' words, longest first: one look-up rejects most tokens."""
    index: dict[str, list[list[str]]] = {}
    for head in sorted(heads, key=lambda h: (-len(h.split()), h)):
        words = head.lower().split()
        index.setdefault(words[0], []).append(words)
    return index


def _kind(value: str) -> OrgKind:
    return OrgKind(value)


class OrgParser:
    """Reads organization phrases in one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.lex = ctx.lexicon
        self.hint: str | None = None  # province stated later in the same title chain
        self._hint_place: Place | None = None  # the same place in full, when given so
        self._place: Place | None = None  # the place the phrase being read resolved to
        self._used_context = False
        self._after_role = False
        self._party_head = False
        self.last_department: OrgMatch | None = None
        self.last_ministry: str | None = None  # the ministry named last, for its units
        self._in_sub = False  # reading the body a board belongs to
        self.last_association: str | None = None  # national mass organization named last
        self.communes: list[tuple[int, str, str]] = []  # (token, unit, name) seen so far
        self.blocs: list[tuple[str, str]] = []  # bloc committees named in full: (name, province)
        self._named_heads = _head_index(self.lex.named_heads)

    # -- public -----------------------------------------------------------
    def parse(
        self, i: int, *, after_role: bool = False, hint: str | Place | None = None
    ) -> OrgMatch | None:
        """The organization phrase starting exactly at token i, if any.

        ``hint`` is a province (or a full place) to use instead of the article
        context when the phrase names no place ("nguyên Phó Bí thư Tỉnh ủy,
        nguyên Chủ tịch UBND tỉnh Bình Dương": the chain's last title places the
        first; "Bí thư Thành ủy, Chủ tịch HĐND thành phố X": the city places
        "Thành ủy").

        The match's ``surface`` is the text only when the text names the body
        fully: a bare "Thành ủy" completed from context is no name of it.
        """
        if i >= len(self.doc) or self.doc[i].is_space:
            return None
        if isinstance(hint, Place):
            self.hint, self._hint_place = hint.province, hint
        else:
            self.hint, self._hint_place = hint, None
        self._used_context = False
        self._place = None
        self._after_role = after_role
        match = self._national(i) or self._local(i)
        if match is None and after_role and self.ctx.lower(i) in _CENTRAL:
            # "Ủy viên Trung ương", "Bí thư TƯ": the Central Committee itself
            end = i + 1
            if self.ctx.lower(end) == "đảng":
                end += 1
            match = OrgMatch(i, end, "Ban Chấp hành Trung ương Đảng", OrgKind.PARTY_COMMITTEE)
            self._used_context = True  # "Trung ương" alone is no name of the committee
        if match is not None:
            bare = (
                self._used_context
                or match.name in _BARE_NAMES
                or match.name.endswith(" " + BARE_PARTY_COMMITTEE)
            )
            match = OrgMatch(
                match.start,
                match.end,
                match.name,
                match.kind,
                match.parent,
                match.locality,
                "" if bare else self.doc.span_text(match.start, match.end),
                not self._used_context,
                self._place or (Place(match.locality) if match.locality else None),
                match.owner,
            )
        self.hint = self._hint_place = None
        return match

    def context_committee(self, head: str, j: int) -> OrgMatch | None:
        """The party committee of type ``head`` ('Tỉnh ủy') for the place in context."""
        entry = self.lex.committees.get(head)
        if entry is None:
            return None
        place = self._from_context(j, entry["level"])
        if place is None or place.province is None:
            return None
        name = self._party_committee_name(head, place)
        if name is None:
            return None
        return OrgMatch(j, j, name, OrgKind.PARTY_COMMITTEE, None, place.province)

    def context_body(self, head: str, j: int) -> OrgMatch | None:
        """A state body ('Ủy ban nhân dân') of the province in context."""
        self._used_context = False
        place = self._from_context(j, "province")
        if place is None or place.province is None:
            return None
        return OrgMatch(
            j,
            j,
            f"{head} {self._state_suffix(place)}",
            OrgKind.GOVERNMENT if head != "Hội đồng nhân dân" else OrgKind.LEGISLATURE,
            None,
            place.province,
            "",
            False,
        )

    def unknown_body_end(self, i: int) -> int:
        """End of a body's phrase at token i that could not be read as a known
        organization ("Sở Ngoại thương tỉnh X", a "Thành ủy" with no city in sight),
        else i.  A title chain steps over it: one unknown name costs one title."""
        doc = self.doc
        ctx = self.ctx
        n = len(doc)
        if i >= n or doc[i].is_space or not doc[i].text[:1].isupper():
            return i
        if i in ctx.person_tokens:
            return i  # "Bí thư Đoàn Minh Khởi": a surname that is also a body's head word
        end = i
        for label in _BODY_LABELS:
            found = ctx.first_at(i, label)
            if found is not None:
                end = max(end, found.end)
        if end == i:
            for words in self._named_heads.get(doc[i].lower_, ()):
                if doc.lowers[i : i + len(words)] == words:
                    end = max(end, i + len(words))
        if end == i:
            return i
        end = self._name_end(end)
        unit = ctx.first_at(end, "LOCWORD")
        if unit is not None:
            place = ctx.first_at(unit.end, "PROVINCE") or ctx.first_at(unit.end, "DISTRICT")
            if place is not None:
                return place.end
            _, after = self._capitalised_name(unit.end)
            return after if after > unit.end else unit.end
        place = ctx.first_at(end, "PROVINCE")
        return place.end if place is not None else end

    def _name_end(self, k: int, *, lower_words: int = _MAX_LOWER_WORDS) -> int:
        """End of a proper name's words from token k: capitalised words, joined by
        'và' or a dash, a few lower-case syllables after them ("Ngoại thương"); a
        person, a title, a cue or a place word ends it."""
        doc = self.doc
        ctx = self.ctx
        n = len(doc)
        end = k
        taken = lower = 0
        while end < n and taken < _MAX_NAME_WORDS:
            word = doc[end].text
            if word in _NAME_JOINERS and end + 1 < n and doc[end + 1].text[:1].isupper():
                end += 1
                continue
            if word == "," and doc.lowers[end - 1 : end + 2] == _PREVENTION:
                end += 1  # "Cục Phòng, chống tệ nạn xã hội": one compound, comma and all
                continue
            if not word[:1].isupper():
                # a lower-case syllable continues a name already begun, up to a few
                if not taken or lower >= lower_words or not word.isalpha():
                    break
                if end in ctx.by_start:
                    break  # a cue, a place word, another body: the name is over
                lower += 1
            elif (
                end in ctx.person_tokens
                or ctx.first_at(end, "ROLE") is not None
                or ctx.first_at(end, "HON") is not None
                or ctx.first_at(end, "LOCWORD") is not None
                or ctx.first_at(end, "PROVINCE") is not None
            ):
                break
            end += 1
            taken += 1
        while end > k and doc[end - 1].text in _NAME_JOINERS:
            end -= 1
        return end

    def _unit(self, i: int) -> OrgMatch | None:
        """A unit of a ministry or a department, named before its owner: 'Vụ Kế hoạch
        - Tài chính, Bộ Y tế', 'Thanh tra Bộ Xây dựng', 'Phòng Kế hoạch - Tài chính
        Sở Y tế Hà Nội' (FORMAT: a sub-organization, kind government)."""
        doc = self.doc
        ctx = self.ctx
        head = ctx.first_at(i, "UNIT")
        if head is None and i + 1 in ctx.ends_of(_ROLE_LABEL):
            # lower-case only as a title's own head: "Trưởng phòng Kế hoạch ..."
            unit = doc[i].text.capitalize()
            if unit in _ROLE_HEAD_UNITS:
                head = Match(i, i + 1, "UNIT", unit, doc[i].text)
        if head is None:
            return None
        limit = min(len(doc), head.end + _MAX_UNIT_WORDS)
        k = head.end
        dept = None
        while k < limit:
            token = doc[k]
            if token.text in _UNIT_STOPS or "\n" in token.text or k in ctx.person_tokens:
                break
            dept = ctx.first_at(k, "DEPT")
            if dept is not None:
                break
            if k > head.end and (
                ctx.first_at(k, "ROLE") is not None or ctx.first_at(k, "CUR") is not None
            ):
                break
            k += 1
        if dept is None:
            return self._unit_of_ministry_in_context(i, head)
        owner_kind = "ministry" if dept.kb_id_.startswith("Bộ ") else "department"
        if head.kb_id_ not in self.lex.units.get(owner_kind, ()):
            return None
        name_end = k
        while name_end > head.end and doc.lowers[name_end - 1] in _UNIT_LINKS:
            name_end -= 1
        if name_end == head.end and head.kb_id_ not in _BARE_UNITS:
            return None  # "Vụ" with no name of its own
        owner = self._committee(k)
        if owner is None:
            return None
        owner = owner._replace(surface=doc.span_text(owner.start, owner.end))
        words = doc.span_text(head.end, name_end)
        name = f"{head.kb_id_} {words} {owner.name}" if words else f"{head.kb_id_} {owner.name}"
        return OrgMatch(
            i, owner.end, name, OrgKind.GOVERNMENT, owner.name, owner.locality, owner=owner
        )

    def _unit_of_ministry_in_context(self, i: int, head: Match) -> OrgMatch | None:
        """A ministry's unit named without its ministry, in an article about one: 'Phó
        Chánh Thanh tra Bộ', 'Phó Vụ trưởng Vụ Tổ chức cán bộ' → the ministry
        the article last named."""
        ministry = self.last_ministry
        if ministry is None or head.kb_id_ not in self.lex.units.get("ministry", ()):
            return None
        agency = self.ctx.first_at(i, "COMMITTEE")
        if agency is not None and agency.end > head.end:
            return None  # a province's agency of its own ("Cục Thuế"), not a ministry's unit
        doc = self.doc
        k = head.end
        if self.ctx.lower(k) == "bộ" and (k + 1 >= len(doc) or not doc[k + 1].text[:1].isupper()):
            end = k + 1  # "Thanh tra Bộ": the ministry itself, by its common noun
            words = ""
        else:
            end = self._name_end(k, lower_words=_MAX_UNIT_LOWER)
            office = self.ctx.first_at(i, "DEPT")
            if office is not None and office.end >= end:
                return None  # a district's own office ("Phòng Nội vụ"), not a ministry's
            if end == k or self.ctx.first_at(end, "LOCWORD") or self.ctx.first_at(end, "PROVINCE"):
                return None  # no name, or a local body ("Cục Thuế tỉnh X")
            words = doc.span_text(k, end)
        self._used_context = True
        name = f"{head.kb_id_} {words} {ministry}" if words else f"{head.kb_id_} {ministry}"
        return OrgMatch(i, end, name, OrgKind.GOVERNMENT, ministry, None)

    def _written(self, inner: OrgMatch) -> OrgMatch | None:
        """The body a board or committee belongs to, as a name of its own where the
        text writes it in full ("Ban Thường vụ Đảng ủy Thanh tra Chính phủ" also names
        "Đảng ủy Thanh tra Chính phủ" and "Thanh tra Chính phủ")."""
        if inner.start >= inner.end or self._used_context or inner.name in _BARE_NAMES:
            return None
        return inner._replace(surface=self.doc.span_text(inner.start, inner.end))

    def _association_again(self, i: int) -> OrgMatch | None:
        """'Trung ương Hội' (TƯ/TW Hội) with no name after it: the national mass
        organization the article named last ("Ban Thường vụ Trung ương Hội")."""
        if self.last_association is None:
            return None
        if self.ctx.words_at(i, "trung ương"):
            k = i + 2
        elif self.ctx.lower(i) in _CENTRAL:
            k = i + 1  # "TƯ", "TW", "T.Ư"
        else:
            return None
        if self.ctx.lower(k) != "hội":
            return None
        doc = self.doc
        if k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
            return None  # "Trung ương Hội X": a name of its own
        self._used_context = True
        entry = self.lex.national[self.last_association]
        return OrgMatch(i, k + 1, entry["name"], _kind(entry["kind"]), entry.get("parent"))

    def _ministry_in_context(self, i: int, k: int) -> OrgMatch | None:
        """'Văn phòng bộ': the office of the ministry the article last named."""
        doc = self.doc
        if self.last_ministry is None or self.ctx.lower(k) != "bộ":
            return None
        if k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
            return None
        self._used_context = True
        name = f"Văn phòng {self.last_ministry}"
        return OrgMatch(i, k + 1, name, OrgKind.GOVERNMENT, self.last_ministry, None)

    def _local_body(self, i: int) -> OrgMatch | None:
        """A body named by a head, its own name and an explicit place: 'Cục Thuế tỉnh
        X', 'Hội Khuyến học quận Y', 'Ban Thi đua - Khen thưởng tỉnh Z'."""
        doc = self.doc
        head = None
        for words in self._named_heads.get(doc[i].lower_, ()):
            if doc.lowers[i : i + len(words)] == words:
                head = doc.span_text(i, i + len(words))
                break
        if head is None or head not in self.lex.local_bodies or not head[:1].isupper():
            return None
        k = i + len(head.split())
        end = self._name_end(k, lower_words=_MAX_UNIT_LOWER)
        if end == k:
            return None
        unit = self.ctx.first_at(end, "LOCWORD")
        if unit is None and self.ctx.first_at(end, "PROVINCE") is None:
            return None  # the place must be written: a bare name is no body we can place
        place, place_end = self._locality(end, "any")
        if place is None or place_end == end or place.province is None:
            return None
        kind = _kind(self.lex.local_bodies[head])
        name = f"{head} {doc.span_text(k, end)} {self._state_suffix(place)}"
        return OrgMatch(i, place_end, name, kind, None, place.province)

    def completed_name(self, bare: str, owner: OrgMatch) -> str:
        """'Đảng ủy' (or 'Ủy ban Kiểm tra Đảng ủy') completed by the body named next
        in its chain: a department's committee is named after the department ("Đảng
        ủy Sở Y tế tỉnh X"), a commune's after the commune ("Bí thư Đảng ủy, Chủ tịch
        UBND xã X" → "Đảng ủy xã X"), not after its people's committee."""
        place = owner.place
        if (
            bare.endswith(BARE_PARTY_COMMITTEE)
            and place is not None
            and place.commune
            and owner.name.startswith(_COMMUNE_STATE_BODIES)
        ):
            return f"{bare} {place.commune_kind} {place.commune}"
        return f"{bare} {owner.name}"

    # -- national bodies --------------------------------------------------
    def _national(self, i: int) -> OrgMatch | None:
        span = self.ctx.first_at(i, "NATORG")
        if span is None:
            return self._association_again(i)
        entry = self.lex.national[span.kb_id_]
        if entry.get("local"):
            return None
        if entry.get("boards_of"):
            self.last_association = entry["name"]
        # a national head followed by a locality is a local body ("Hội Nông dân tỉnh X")
        return OrgMatch(i, span.end, entry["name"], _kind(entry["kind"]), entry.get("parent"))

    # -- local bodies -----------------------------------------------------
    def _local(self, i: int) -> OrgMatch | None:
        unit = self._unit(i)
        if unit is not None:
            return unit
        sub = self.ctx.first_at(i, "SUB")
        if sub is not None:
            self._in_sub = True  # "Ban Chấp hành Đảng bộ": the committee, place from context
            inner = self._national(sub.end) or self._committee(sub.end)
            self._in_sub = False
            if (
                inner is None
                and sub.kb_id_ in _CENTRAL_BOARDS
                and self.ctx.lower(sub.end) in _CENTRAL
            ):
                # "Ban Tổ chức Trung ương" written in a form the lexicon lacks
                name = f"{sub.kb_id_} Trung ương"
                end = sub.end + 1
                if self.ctx.lower(end) == "đảng":
                    end += 1
                return OrgMatch(i, end, name, OrgKind.PARTY_BODY, "Ban Chấp hành Trung ương Đảng")
            if inner is None and sub.kb_id_ == "Văn phòng":
                ministry = self._ministry_in_context(i, sub.end)
                if ministry is not None:
                    return ministry  # "Phó Chánh Văn phòng bộ"
            if inner is None and sub.kb_id_ == "Ban Chỉ đạo":
                return self._steering_committee(i, sub.end)
            if inner is None and sub.kb_id_ == BARE_PARTY_GROUP and self._after_role:
                # "Phó Bí thư Đảng đoàn, Phó Chủ tịch Hội X": completed by the next body
                return OrgMatch(i, sub.end, BARE_PARTY_GROUP, OrgKind.PARTY_BODY)
            if inner is None and sub.kb_id_ == "Ban cán sự đảng" and self._after_role:
                # the party group of a people's committee, place from context
                place = self._from_context(sub.end, "province")
                if place is not None and place.province:
                    parent = self._people_committee(place)
                    return OrgMatch(
                        i,
                        sub.end,
                        f"Ban cán sự đảng {parent}",
                        OrgKind.PARTY_BODY,
                        parent,
                        place.province,
                    )
            if inner is None:
                return None
            if inner.name == BARE_PARTY_COMMITTEE:
                # "Ủy ban Kiểm tra Đảng ủy": completed by the next body in the chain
                return OrgMatch(
                    i, inner.end, f"{sub.kb_id_} {BARE_PARTY_COMMITTEE}", OrgKind.PARTY_BODY
                )
            entry = self.lex.sub_bodies[sub.kb_id_]
            if sub.kb_id_ == "BCH":
                if inner.name.startswith("Đảng bộ "):
                    committee = self._committee_of_party_org(inner)
                    return OrgMatch(
                        i, inner.end, committee, OrgKind.PARTY_COMMITTEE, locality=inner.locality
                    )
                return OrgMatch(i, inner.end, inner.name, inner.kind, inner.parent, inner.locality)
            if inner.kind not in _SUB_BODY_OWNERS.get(entry["of"], _ANY_OWNER):
                return None
            if entry["name"] == "Văn phòng":
                joint = self._joint_office(i, sub.end, inner)
                if joint is not None:
                    return joint
            kind = inner.kind if entry["kind"] == "same" else _kind(entry["kind"])
            if entry["kind"] == "same" and kind in _PARTY_OWNERS:
                kind = OrgKind.PARTY_BODY  # an office or board of a committee
            parent = inner.name
            if inner.name.startswith("Đảng bộ "):
                parent = self._committee_of_party_org(inner)
            # a national mass organization's boards are named after its central committee
            # ("Ban Thường vụ Trung ương Hội Nông dân Việt Nam")
            owner = self.lex.national.get(parent, {}).get("boards_of", parent)
            return OrgMatch(
                i,
                inner.end,
                f"{entry['name']} {owner}",
                kind,
                parent,
                inner.locality,
                # a state body's committee or a ministry's unit names its owners too;
                # a province's committee under its boards is not re-counted (FORMAT gold)
                owner=self._written(inner) if inner.owner is not None else None,
            )
        return self._committee(i) or self._institution(i) or self._local_body(i)

    def _joint_office(self, i: int, j: int, first: OrgMatch) -> OrgMatch | None:
        """'Văn phòng Đoàn ĐBQH và HĐND tỉnh X': one office serving bodies listed
        by their heads, the place written once after the last."""
        heads: list[str] = []
        k = j
        last: OrgMatch | None = None
        while len(heads) < 4:
            head = self.ctx.first_at(k, "COMMITTEE")
            if head is None or self.lex.committees[head.kb_id_].get("party"):
                break
            heads.append(head.kb_id_)
            self._place, self._used_context = None, False  # the place written last counts
            last = self._committee(k)
            if last is None:
                return None
            if self.ctx.lower(head.end) not in {"và", ","} or last.end > head.end:
                break  # the place is written: the list is over
            k = head.end + 1
        if len(heads) < 2 or last is None or last.locality is None:
            return None
        suffix = last.name.removeprefix(heads[-1]).strip()
        name = f"Văn phòng {' và '.join(heads)} {suffix}".strip()
        if len(heads) > 2:
            name = f"Văn phòng {', '.join(heads[:-1])} và {heads[-1]} {suffix}".strip()
        kind = OrgKind.LEGISLATURE if first.kind == OrgKind.LEGISLATURE else first.kind
        return OrgMatch(i, last.end, name, kind, None, last.locality)

    def _committee(self, i: int) -> OrgMatch | None:
        dept = self.ctx.first_at(i, "DEPT")
        if dept is None and self.ctx.lower(i) == "sở" and self.last_department is not None:
            following = self.doc[i + 1].text if i + 1 < len(self.doc) else ""
            if not following[:1].isupper():
                # "giữ chức Giám đốc Sở": the department just named
                self._used_context = True
                last = self.last_department
                return OrgMatch(i, i + 1, last.name, last.kind, last.parent, last.locality)
        if dept is not None:
            if dept.kb_id_.startswith("Bộ "):
                self.last_ministry = dept.kb_id_
                return OrgMatch(i, dept.end, dept.kb_id_, OrgKind.GOVERNMENT, "Chính phủ")
            level = "huyện" if dept.kb_id_.startswith("Phòng ") else "province"
            place, end = self._locality(dept.end, level)
            if place is None or place.province is None:
                return None
            full = self._state_suffix(place)
            found = OrgMatch(
                i,
                end,
                f"{dept.kb_id_} {full}",
                OrgKind.GOVERNMENT,
                self._people_committee(place),
                place.province,
            )
            self.last_department = found
            return found
        span = self.ctx.first_at(i, "COMMITTEE")
        if span is None:
            return None
        entry = self.lex.committees[span.kb_id_]
        self._party_head = span.kb_id_ in {"Tỉnh ủy", "Thành ủy"}
        level = entry["level"]
        name = entry["name"]
        if name == "Đảng ủy":
            return self._party_committee_open(i, span.end)
        place, end = self._locality(span.end, level)
        if place is None or (place.province is None and place.district is None):
            return None
        kind = _kind(entry["kind"])
        if entry.get("party"):
            committee = self._party_committee_name(name, place)
            if committee is None:
                return None
            return OrgMatch(
                i, end, committee, kind, self._party_parent(place, name), place.province
            )
        if name == "Đảng bộ":
            if end == span.end and not self._in_sub:
                # "Đại hội Đảng bộ các cấp", "các Đảng bộ trực thuộc": a party
                # organization counts only where the text names it (FORMAT)
                return None
            return OrgMatch(
                i, end, f"Đảng bộ {self._state_suffix(place)}", kind, None, place.province
            )
        named_by_unit = entry.get("named_by_unit")
        if named_by_unit is not None:
            # "Đoàn TNCS Hồ Chí Minh tỉnh X" is "Tỉnh đoàn X": named after its unit's kind
            if end == span.end or place.commune:
                return None  # no place written: the union as a whole, not a local body
            if place.district:
                head = named_by_unit.get(place.district_kind or "", "")
                label = place.district
            else:
                record = find_province(place.province or "")
                central = record is not None and record.kind == gazetteer.THANH_PHO
                head = named_by_unit["thành phố trung ương" if central else "tỉnh"]
                label = place.province
            return OrgMatch(i, end, f"{head} {label}", kind, None, place.province) if head else None
        if entry.get("bare_name"):
            if place.district:
                return OrgMatch(i, end, f"{name} {place.district}", kind, None, place.province)
            return OrgMatch(i, end, f"{name} {place.province}", kind, None, place.province)
        full = self._state_suffix(place)
        parent = None
        if name in {"Ủy ban nhân dân", "Hội đồng nhân dân"} and place.level != "province":
            parent = None
        return OrgMatch(i, end, f"{name} {full}", kind, parent, place.province)

    def _steering_committee(self, i: int, j: int) -> OrgMatch | None:
        """'Ban Chỉ đạo Chương trình 01 của Thành ủy': named after the document it steers."""
        doc_type = self.ctx.first_at(j, "DOCTYPE")
        if doc_type is None or not self.doc[j].text[:1].isupper():
            return None
        k = doc_type.end
        if self.ctx.lower(k) == "số":
            k += 1
        if k >= len(self.doc) or not self.doc[k].text[:1].isdigit():
            return None
        number = self.doc[k].text
        if self.ctx.lower(k + 1) != "của":
            return None
        owner = self._national(k + 2) or self._committee(k + 2)
        if owner is None:
            return None
        name = f"Ban Chỉ đạo {doc_type.text} {number} của {owner.name}"
        return OrgMatch(i, owner.end, name, OrgKind.PARTY_BODY, owner.name, owner.locality)

    def _party_committee_open(self, i: int, j: int) -> OrgMatch | None:
        """'Đảng ủy' + (xã/phường X | Khối ... | another body)."""
        level = self.ctx.first_at(j, "LOCWORD")
        if level is not None and level.kb_id_ in {"xã", "phường", "thị trấn"}:
            place, end = self._locality(j, "commune")
            if place is not None and place.commune:
                return OrgMatch(
                    i,
                    end,
                    f"Đảng ủy {place.commune_kind} {place.commune}",
                    OrgKind.PARTY_COMMITTEE,
                    None,
                    place.province,
                )
        if self.ctx.words_at(j, "các cơ quan đảng"):
            # "Đảng ủy các cơ quan Đảng tỉnh X" (the 2025 organization)
            place, end = self._locality(j + 4, "province")
            if place is None or place.province is None:
                return None
            return OrgMatch(
                i,
                end,
                f"Đảng ủy các cơ quan Đảng {self._state_suffix(place)}",
                OrgKind.PARTY_COMMITTEE,
                None,
                place.province,
            )
        if self.ctx.lower(j) == "khối":
            end = j + 1
            words = ["Khối"]
            while end < len(self.doc) and not self.doc[end].is_space:
                token = self.doc[end]
                if self.ctx.first_at(end, "LOCWORD") or self.ctx.first_at(end, "PROVINCE"):
                    break
                if token.lower_ not in _BLOC_WORDS or end - j > 8:
                    break
                words.append(token.text)
                end += 1
            if len(words) == 1 and self.blocs:
                # "Đảng ủy Khối" again: the bloc committee the article named in full
                self._used_context = True
                name, province = self.blocs[-1]
                return OrgMatch(i, end, name, OrgKind.PARTY_COMMITTEE, None, province)
            place, loc_end = self._locality(end, "province")
            if place is None or place.province is None:
                return None
            found = OrgMatch(
                i,
                loc_end,
                f"Đảng ủy {' '.join(words)} {self._state_suffix(place)}",
                OrgKind.PARTY_COMMITTEE,
                None,
                place.province,
            )
            if len(words) > 1:
                self.blocs.append((found.name, place.province))
            return found
        nested = self.ctx.first_at(j, "COMMITTEE")
        if nested is not None and nested.kb_id_ == "Đảng ủy":
            inner = None  # "Đảng ủy Đảng ủy ...": no committee of a committee, no recursion
        else:
            # "Đảng ủy Thanh tra Chính phủ", "Đảng ủy Cục X, Bộ Y": a state body's committee
            inner = self._national(j) or self._unit(j) or self._committee(j) or self._institution(j)
        if inner is not None and inner.kind in {OrgKind.GOVERNMENT, OrgKind.OTHER}:
            return OrgMatch(
                i,
                inner.end,
                f"Đảng ủy {inner.name}",
                OrgKind.PARTY_COMMITTEE,
                None,
                inner.locality,
                owner=self._written(inner),  # "Đảng ủy Thanh tra Chính phủ" names the office
            )
        # a bare "Đảng ủy": the committee of the body named next in the chain
        return OrgMatch(i, j, BARE_PARTY_COMMITTEE, OrgKind.PARTY_COMMITTEE)

    def _institution(self, i: int) -> OrgMatch | None:
        """Named institutions: 'Trường Đại học Hồng Đức', 'Ban Quản lý KKT Nghi Sơn'."""
        doc = self.doc
        first = doc[i].lower_ if i < len(doc) else ""
        for head, words in _INSTITUTION_WORDS.get(first, ()):
            if [t.lower_ for t in doc[i : i + len(words)]] != words:
                continue
            end = i + len(words)
            name_words: list[str] = []
            while end < len(doc) and len(name_words) < 6:
                token = doc[end]
                text = _EXPANSIONS.get(token.text, token.text)
                if token.is_space or not text[:1].isupper() or not token.is_alpha:
                    break
                if self.ctx.first_at(end, "LOCWORD") or self.ctx.first_at(end, "COMMITTEE"):
                    break
                name_words.append(text)
                end += 1
                if text == "Khu" and self.ctx.lower(end) in {"kinh", "công"}:
                    name_words.extend(t.text for t in doc[end : end + 2])
                    end += 2
            if not name_words:
                return None
            return OrgMatch(i, end, f"{head} {' '.join(name_words)}", _INSTITUTIONS[head])
        return None

    # -- naming -----------------------------------------------------------
    def _party_committee_name(self, head: str, place: Place) -> str | None:
        province = find_province(place.province) if place.province else None
        if place.district and place.province is None:
            # the district is known but not its province (ambiguous name): its
            # committee's name does not need the province
            return f"{head} {place.district}"
        if head in {"Tỉnh ủy", "Thành ủy"} and place.district is None:
            if province is None:
                return None
            return province.party_committee_name
        if place.district:
            # the committee as the text names it: a district's kind changes over the
            # years (Mộc Châu: huyện, then thị xã), the writer's word is of its time
            if head == "Tỉnh ủy":
                return None
            if head in {"Huyện ủy", "Quận ủy", "Thị ủy", "Thành ủy"}:
                return f"{head} {place.district}"
            prefix = {
                "huyện": "Huyện ủy",
                "quận": "Quận ủy",
                "thị xã": "Thị ủy",
                "thành phố": "Thành ủy",
            }
            return f"{prefix.get(place.district_kind or '', head)} {place.district}"
        return None

    def _party_parent(self, place: Place, head: str) -> str | None:
        if place.district and place.province:
            province = find_province(place.province)
            return province.party_committee_name if province else None
        return "Ban Chấp hành Trung ương Đảng"

    def _committee_of_party_org(self, org: OrgMatch) -> str:
        """'Đảng bộ tỉnh X' → 'Tỉnh ủy X' (FORMAT: the executive committee is the committee)."""
        suffix = org.name.removeprefix("Đảng bộ ")
        if org.locality is None:
            return org.name
        province = find_province(org.locality)
        if suffix.startswith(("tỉnh ", "Thành phố ")) and province is not None:
            return province.party_committee_name
        for prefix, head in (
            ("huyện ", "Huyện ủy"),
            ("thị xã ", "Thị ủy"),
            ("thành phố ", "Thành ủy"),
            ("quận ", "Quận ủy"),
        ):
            if suffix.startswith(prefix):
                return f"{head} {suffix.removeprefix(prefix)}"
        if suffix.startswith(("phường ", "xã ", "thị trấn ")):
            return f"{BARE_PARTY_COMMITTEE} {suffix}"  # a commune's committee: "Đảng ủy xã X"
        if suffix.startswith("Quận "):
            return f"Quận ủy {suffix}"
        return org.name

    def _state_suffix(self, place: Place) -> str:
        """'tỉnh Sơn La', 'Thành phố Hà Nội', 'huyện Thạch Thành', 'Quận 5', 'xã X'."""
        if place.commune:
            return f"{place.commune_kind} {place.commune}"
        if place.district:
            if place.district.startswith("Quận ") or not place.district_kind:
                return place.district  # "Quận 5"
            return f"{place.district_kind} {place.district}"
        province = find_province(place.province or "")
        if province is None:
            return place.province or ""
        return province.full_name

    def _people_committee(self, place: Place) -> str:
        return f"Ủy ban nhân dân {self._state_suffix(place)}"

    # -- localities -------------------------------------------------------
    def _locality(self, j: int, level: str) -> tuple[Place | None, int]:
        """``_locality_at``, remembering the place for the match being read."""
        place, end = self._locality_at(j, level)
        if place is not None:
            self._place = place
        return place, end

    def _locality_at(self, j: int, level: str) -> tuple[Place | None, int]:
        """Explicit locality at token j (consumed), else the article context.

        A term may stand between the body and its place ("Đoàn ĐBQH khóa XIV
        TP Hồ Chí Minh"): it is skipped when a place follows it.
        """
        ctx = self.ctx
        doc = self.doc
        after_term = skip_qualifiers(ctx, j)
        if ctx.lower(after_term) == "của" and (
            ctx.first_at(after_term + 1, "LOCWORD") or ctx.first_at(after_term + 1, "PROVINCE")
        ):
            after_term += 1  # "Trưởng đoàn ĐBQH khóa XIII của tỉnh X"
        if after_term > j:
            place, end = self._locality(after_term, level)
            if end > after_term and place is not None:
                return place, end
        if j < len(doc) and not doc[j].is_space:
            province = ctx.first_at(j, "PROVINCE")
            if province is not None:
                if level == "city" and (city := _provincial_city(province.kb_id_)) is not None:
                    # "Thành ủy Bắc Ninh": the city of the province's name, not the province
                    return Place(city.province, city.name, city.kind), province.end
                return Place(province.kb_id_), province.end
            district = ctx.first_at(j, "DISTRICT")
            if district is not None and level in {"huyện", "quận", "thị xã", "city", "any"}:
                kind, name = district.kb_id_.split("|", 1)
                resolved = ctx.resolve_district(name, kind)
                if resolved is not None:
                    unit = level if level in {"huyện", "quận", "thị xã"} else resolved.kind
                    return Place(resolved.province, resolved.name, unit), district.end
            word = ctx.first_at(j, "LOCWORD")
            if word is not None:
                return self._after_unit_word(j, word.end, word.kb_id_, level)
            if ctx.lower(j) in _NUMBER_WORDS and j + 1 < len(doc) and doc[j + 1].is_digit:
                return self._numbered_district(j, j + 1)
        return self._from_context(j, level), j

    def _after_unit_word(self, j: int, k: int, unit: str, level: str) -> tuple[Place | None, int]:
        ctx = self.ctx
        doc = self.doc
        if unit in {"province", "city"}:
            province = ctx.first_at(k, "PROVINCE")
            if province is not None:
                return Place(province.kb_id_), province.end
            district = ctx.first_at(k, "DISTRICT")
            if district is not None and unit == "city":
                _, name = district.kb_id_.split("|", 1)
                resolved = ctx.resolve_district(name, "thành phố")
                if resolved is not None:
                    return Place(resolved.province, resolved.name, resolved.kind), district.end
            if (
                unit == "city"
                and self.doc[j].lower_ in {"thành", "tp", "tp."}
                and ctx.lower(k) not in _TERM_WORDS
            ):
                # a district-level city the gazetteer lacks (renamed, new): "thành phố Phù Vân"
                name, end = self._capitalised_name(k)
                if name and find_province(name) is None and not self._person_like(name):
                    return Place(ctx.province_at(j), name, gazetteer.THANH_PHO), end
            # bare "tỉnh"/"TP": the province in context
            place = self._from_context(j, "province")
            return place, k
        if unit in {"huyện", "quận", "thị xã"}:
            if unit == "quận" and k < len(doc) and doc[k].is_digit:
                return self._numbered_district(j, k)
            district = ctx.first_at(k, "DISTRICT")
            if district is not None:
                _, name = district.kb_id_.split("|", 1)
                resolved = ctx.resolve_district(name, unit)
                if resolved is not None:
                    return Place(resolved.province, resolved.name, unit), district.end
                return Place(ctx.province_at(j), name, unit), district.end
            name, end = self._capitalised_name(k)
            if name:
                return Place(ctx.province_at(j), name, unit), end
            found = ctx.district_at(j, unit)
            if found is not None:
                self._used_context = True  # "UBND huyện": the district named before
                return Place(found.province, found.name, found.kind), k
            return None, j
        if unit in {"xã", "phường", "thị trấn"}:
            name, end = self._capitalised_name(k)
            if name:
                outer = self._from_context(j, "district") or Place(ctx.province_at(j))
                self.communes.append((j, unit, name))
                return Place(outer.province, outer.district, outer.district_kind, name, unit), end
            # a bare "xã": the commune of that kind named last ("Bí thư Đảng ủy xã")
            earlier = [(u, c) for pos, u, c in self.communes if pos < j and u == unit]
            if earlier:
                self._used_context = True
                outer = self._from_context(j, "district") or Place(ctx.province_at(j))
                return (
                    Place(
                        outer.province, outer.district, outer.district_kind, earlier[-1][1], unit
                    ),
                    k,
                )
            return None, j
        return None, j

    def _person_like(self, name: str) -> bool:
        """'Đinh Quang Sơn' after "UBND thành phố": three syllables opening with a surname
        are a person the name finder missed, not a city the gazetteer lacks."""
        words = name.split()
        return len(words) >= 3 and words[0] in self.lex.surnames

    def _numbered_district(self, j: int, k: int) -> tuple[Place | None, int]:
        name = f"Quận {int(self.doc[k].text)}" if self.doc[k].text.isdigit() else None
        if name is None:
            return None, j
        resolved = self.ctx.resolve_district(name, "quận")
        province = resolved.province if resolved else self.ctx.province_at(j)
        return Place(province, name, "quận"), k + 1

    def _capitalised_name(self, k: int) -> tuple[str | None, int]:
        """Up to three capitalised syllables: a commune or unknown district name; two
        such names joined by a dash are one ("phường Văn Lâm – Quốc Khánh": wards
        merged in 2025 are often named after both)."""
        words: list[str] = []
        end = k
        limit = 3
        while end < len(self.doc) and len(words) < limit:
            token = self.doc[end]
            if (
                token.text in _DASH_JOINERS
                and words
                and limit == 3
                and end + 1 < len(self.doc)
                and self.doc[end + 1].text[:1].isupper()
                and self.doc[end + 1].text not in _CAP_STOP
                and end + 1 not in self.ctx.person_tokens
            ):
                words.append(token.text)
                limit = len(words) + 3
                end += 1
                continue
            if token.is_space or not token.text[:1].isupper() or token.text in _CAP_STOP:
                break
            if end in self.ctx.person_tokens or self.ctx.first_at(end, "HON") is not None:
                break  # "HĐND thành phố. Ông Lạc Văn Tùng ...": a person, not a place
            if not (token.is_alpha or token.is_digit):
                break
            words.append(token.text)
            end += 1
        return (" ".join(words), end) if words else (None, k)

    def _from_context(self, j: int, level: str) -> Place | None:
        ctx = self.ctx
        self._used_context = True
        given = self._hint_place
        if (
            given is not None
            and given.district
            and not given.commune
            and (
                level in {"any", "district"}
                or level == given.district_kind
                or (level == "city" and given.district_kind == gazetteer.THANH_PHO)
            )
        ):
            return given  # the chain's own district: "Bí thư Thành ủy, Chủ tịch HĐND thành phố X"
        if self.hint is not None and level not in {"huyện", "quận", "thị xã", "district"}:
            return Place(self.hint)
        if level in {"huyện", "quận", "thị xã"}:
            found = ctx.district_at(j, level)
            if found is not None:
                return Place(found.province, found.name, found.kind)
            return None
        if level == "district":
            found = ctx.district_at(j, "any")
            return Place(found.province, found.name, found.kind) if found else None
        if level == "any" and self.hint is None:
            # a bare "UBND"/"HĐND": the unit the article last spoke of, district or province
            last_province = max((pos for pos, _ in ctx.province_mentions if pos < j), default=-1)
            last_district = max((pos for pos, *_ in ctx.district_mentions if pos < j), default=-1)
            if last_district > last_province:
                found = ctx.district_at(j, "any")
                if found is not None:
                    return Place(found.province, found.name, found.kind)
        wanted = {"province": "tỉnh", "city": "thành phố"}.get(level) if self._party_head else None
        province = ctx.province_at(j, wanted)
        if province is None and wanted == "thành phố":
            province = None  # a "Thành ủy" of a district-level city: found below
        if province is None:
            # only a district is known: its province ("Huyện ủy Đại Từ" → Thái Nguyên)
            found = ctx.district_at(j, "any")
            province = found.province if found else None
        if level == "city" and province is not None:
            record = find_province(province)
            if record is not None and record.kind != "thành phố":
                found = ctx.district_at(j, "thành phố")
                if found is not None:
                    return Place(found.province, found.name, found.kind)
        return Place(province) if province else None
