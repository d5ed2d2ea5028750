"""Organization phrases: '[board] committee [locality]' parsed into canonical names.

Vietnamese names a body compositionally — "Ban Tổ chức" + "Tỉnh ủy" + "Nghệ An",
"UBND" + "huyện" + "Đại Từ" — and drops the locality once it is clear.  The
parser reads one phrase at a token position and returns its canonical name
(FORMAT.md conventions: "Ban Tổ chức Tỉnh ủy Nghệ An", "Ủy ban nhân dân
Quận 5", "Thành ủy Thành phố Hồ Chí Minh"), its kind and its parent.

Units, committees and localities are read by the mixins in ``org_units``,
``org_committees`` and ``org_places``; shared words are in ``org_names``.
"""

from __future__ import annotations

from polgraph.core.model import OrgKind
from polgraph.extract.context import ArticleContext
from polgraph.extract.org_committees import _CommitteesMixin
from polgraph.extract.org_names import (
    _ANY_OWNER,
    _BARE_NAMES,
    _CENTRAL,
    _CENTRAL_BOARDS,
    _COMMUNE_STATE_BODIES,
    _PARTY_OWNERS,
    _SUB_BODY_OWNERS,
    BARE_PARTY_COMMITTEE,
    BARE_PARTY_GROUP,
    OrgMatch,
    _head_index,
    _kind,
)
from polgraph.extract.org_places import _PlacesMixin
from polgraph.extract.org_units import _UnitsMixin
from polgraph.extract.places import Place

_new = tuple.__new__


class OrgParser(_UnitsMixin, _CommitteesMixin, _PlacesMixin):
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
        self.cities: list[tuple[int, Place]] = []  # district-level cities named so far
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
        if i >= len(self.doc) or self.doc.spaces[i]:
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
            place = self._place or (Place(match.locality) if match.locality else None)
            surface = "" if bare else self.doc.span_text(match.start, match.end)
            # every field given: made at C level, without the named tuple's __new__
            explicit = not self._used_context
            match = _new(OrgMatch, (*match[:6], surface, explicit, place, match.owner))
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
        if k + 1 < len(doc) and doc.words[k + 1][:1].isupper():
            return None  # "Trung ương Hội X": a name of its own
        self._used_context = True
        entry = self.lex.national[self.last_association]
        return OrgMatch(i, k + 1, entry["name"], _kind(entry["kind"]), entry.get("parent"))

    def _ministry_in_context(self, i: int, k: int) -> OrgMatch | None:
        """'Văn phòng bộ': the office of the ministry the article last named."""
        doc = self.doc
        if self.last_ministry is None or self.ctx.lower(k) != "bộ":
            return None
        if k + 1 < len(doc) and doc.words[k + 1][:1].isupper():
            return None
        self._used_context = True
        name = f"Văn phòng {self.last_ministry}"
        return OrgMatch(i, k + 1, name, OrgKind.GOVERNMENT, self.last_ministry, None)

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
        span = self.ctx.first.get((i, "NATORG"))
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
        sub = self.ctx.first.get((i, "SUB"))
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
