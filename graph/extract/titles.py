"""Title chains: a sentence's titles read with the bodies they name, and placed.

``TitleParser`` reads "Phó Bí thư Tỉnh ủy X" as (role, body); ``_placed`` gives every bare
body of a chain the place the chain names last. Shared by every holdings module.
"""

from __future__ import annotations

from functools import cached_property
from itertools import compress, count
from typing import NamedTuple

from polgraph.core.model import OrgKind
from polgraph.extract.context import ArticleContext
from polgraph.extract.org_names import BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP, OrgMatch
from polgraph.extract.orgs import OrgParser
from polgraph.extract.places import Place
from polgraph.extract.tokens import Match
from polgraph.nlp.lexicon import RoleInfo

_CHAIN_SEPARATORS = frozenset({",", "và", "kiêm", ";"})
_APPOSITION = frozenset({",", "-", "–", "—", "(", ":"})
_SEPARATOR_WORDS = _CHAIN_SEPARATORS | _APPOSITION | {")", ".", "!", "?"}


_TITLE_LABELS = frozenset({"ROLE", "ROLE_ABBR", "PREFIX_FORMER"})


class TitleMatch(NamedTuple):
    start: int
    end: int
    role: str
    org: OrgMatch | None
    former: bool = False


class _Item(NamedTuple):
    kind: str  # PERSON TITLE CUR FORMER DOIVOI SEP OTHER
    start: int
    end: int
    value: object = None


class TitleParser:
    def __init__(self, ctx: ArticleContext, orgs: OrgParser) -> None:
        self.ctx = ctx
        self.orgs = orgs
        self.lex = ctx.lexicon
        self._bare, self._bare_first, self.bare_openers = _bare_roles(self.lex.roles)

    @cached_property
    def starts(self) -> frozenset[int]:
        """The tokens ``parse`` can read a title at: where a role, an abbreviated role
        or 'nguyên' starts, 'tân', or the first word of a bare role stem.  Anywhere
        else it finds none, so the callers that try every token need not call it."""
        found = {start for start, label in self.ctx.first if label in _TITLE_LABELS}
        opening = self._bare_first | {"tân"}
        found.update(compress(count(), map(opening.__contains__, self.ctx.doc.lowers)))
        return frozenset(found)

    def parse(self, i: int, hint: str | Place | None = None) -> TitleMatch | None:
        """A title (optionally 'nguyên ...') starting at token i."""
        ctx = self.ctx
        start = i
        former = False
        if ctx.lower(i) == "tân" and ctx.first.get((i + 1, "ROLE")) is not None:
            i += 1  # "bà A, tân Giám đốc Sở Y tế": a new holder's title, current
        prefix = ctx.first.get((i, "PREFIX_FORMER"))
        if prefix is not None:
            former = True
            i = prefix.end
        role_span = ctx.first.get((i, "ROLE"))
        abbr = ctx.first.get((i, "ROLE_ABBR"))
        if role_span is None and abbr is None:
            return self._bare_title(start, i, former, hint)
        if role_span is None or (abbr is not None and abbr.end > role_span.end):
            return self._abbreviated(start, abbr, former)
        info = self.lex.roles[role_span.kb_id_]
        end = role_span.end
        qualifier = ctx.first.get((end, "ROLE_ABBR"))
        if qualifier is not None:
            # "Phó Bí thư TT Tỉnh ủy": an abbreviated qualifier completes the role
            combined = self.lex.roles.get(f"{role_span.kb_id_} {qualifier.kb_id_}")
            if combined is not None:
                info, end = combined, qualifier.end
        role = info.role
        org = None
        if info.head:
            # "Trưởng Ban Tổ chức Tỉnh ủy": the role's last word opens the organization
            head_start = end - len(info.head.split())
            if self.ctx.doc.span_text(head_start, end).lower() == info.head.lower():
                org = self.orgs.parse(head_start, hint=hint)
                if org is not None and not org.name.startswith(info.head):
                    org = None
        if org is None and not info.no_org:
            org = self.orgs.parse(end, after_role=True, hint=hint)
        in_charge = self.ctx.words_at(end, "phụ trách")
        if org is None and not info.no_org and in_charge:
            # "Phó Giám đốc phụ trách Sở Y tế": the deputy in charge of the body
            org = self.orgs.parse(end + 2, hint=hint)
        if org is None and info.member_of:
            org = self._member_of(info.member_of, end)
            if org is not None and org.start == org.end:
                org = OrgMatch(
                    org.start,
                    org.end,
                    org.name,
                    org.kind,
                    org.parent,
                    org.locality,
                    org.surface,
                    False,
                )
        if org is None and info.implied:
            org = OrgMatch(end, end, info.implied, _implied_kind(info.implied), surface="")
        if org is None and info.needs_org:
            return None
        if org is None and not info.no_org:
            # a body the lexicon cannot name or place ("Sở Ngoại thương", a "Thành ủy"
            # with no city in sight): the title is lost, not the chain it stands in
            end = max(end, self.orgs.unknown_body_end(end))
        if org is not None and info.only_with and org.name not in info.only_with:
            return None
        if org is not None:
            remapped = self.lex.remap.get((role, org.name))
            if remapped is not None:
                role = remapped[0]
                org = OrgMatch(
                    org.start,
                    org.end,
                    remapped[1],
                    OrgKind.PARTY_BODY,
                    "Ban Chấp hành Trung ương Đảng",
                    None,
                    "",  # "Trung ương Đảng" names the committee, not the body it maps to
                )
            end = max(end, org.end)
        return TitleMatch(start, end, role, org, former)

    def _bare_title(
        self, start: int, i: int, former: bool, hint: str | Place | None
    ) -> TitleMatch | None:
        """'Trưởng BTC Tỉnh ủy', 'Phó trưởng BTG Thành ủy': an abbreviated body swallows
        the head word the role shares with it ('Trưởng ban' + 'Ban Tổ chức'), so the
        role reads as its bare stem followed by a body whose full name opens with that head."""
        ctx = self.ctx
        if ctx.lower(i) not in self._bare_first:
            return None
        for stem, keys in self._bare:
            if not ctx.words_at(i, stem):
                continue
            at = i + len(stem.split())
            if at not in ctx.by_start:
                return None  # no lexicon entry opens there, so no body follows
            org = self.orgs.parse(at, after_role=True, hint=hint)
            if org is None or org.start != at:
                return None
            for key in keys:
                head = self.lex.roles[key].head or ""
                if org.name.startswith(head + " ") and ctx.lower(at) != head.lower():
                    # (the full form "Trưởng Ban ..." is the ROLE pattern's to read)
                    return TitleMatch(start, org.end, self.lex.roles[key].role, org, former)
            return None
        return None

    def _abbreviated(self, start: int, abbr: Match, former: bool) -> TitleMatch | None:
        expansion = abbr.kb_id_
        if expansion == "Đại biểu Quốc hội":
            org = OrgMatch(abbr.start, abbr.end, "Quốc hội", OrgKind.LEGISLATURE)
            return TitleMatch(start, abbr.end, "Đại biểu", org, former)
        if expansion == "Ủy viên Trung ương Đảng":
            org = OrgMatch(
                abbr.start, abbr.end, "Ban Chấp hành Trung ương Đảng", OrgKind.PARTY_COMMITTEE
            )
            return TitleMatch(start, abbr.end, "Ủy viên", org, former)
        if expansion not in self.lex.roles:
            return None
        info = self.lex.roles[expansion]
        org = self.orgs.parse(abbr.end, after_role=True)
        if org is None and info.member_of:
            # "TUV" (Tỉnh ủy viên): a member of the committee of the place in context
            org = self._member_of(info.member_of, abbr.end)
        if org is None:
            return None
        return TitleMatch(start, org.end, self.lex.roles[expansion].role, org, former)

    def _member_of(self, committee: str, end: int) -> OrgMatch | None:
        explicit = self.orgs.parse(end)
        if explicit is not None and explicit.kind == OrgKind.PARTY_COMMITTEE:
            return explicit
        # "Tỉnh ủy viên": the committee of the place in context
        return self.orgs.context_committee(committee, end)


def _implied_kind(name: str) -> OrgKind:
    if name == "Ban Chấp hành Trung ương Đảng":
        return OrgKind.PARTY_COMMITTEE
    if name == "Quốc hội":
        return OrgKind.LEGISLATURE
    return OrgKind.GOVERNMENT


def _words(ctx: ArticleContext, item: _Item) -> list[str]:
    return ctx.doc.span_text(item.start, item.end).lower().split()


_COMMITTEE_OWNERS = frozenset({OrgKind.GOVERNMENT, OrgKind.OTHER})
_GROUP_OWNERS = frozenset(
    {OrgKind.GOVERNMENT, OrgKind.OTHER, OrgKind.MASS_ORGANIZATION, OrgKind.LEGISLATURE}
)


def _commune_council(bare: str, body: OrgMatch) -> bool:
    """'Bí thư Đảng ủy, Chủ tịch HĐND phường X': a commune's council places its
    party committee as its people's committee does."""
    return (
        bare == BARE_PARTY_COMMITTEE
        and body.kind == OrgKind.LEGISLATURE
        and body.place is not None
        and body.place.commune is not None
    )


def _placed(items: list[_Item], chain: list[int], titles: TitleParser) -> list[TitleMatch]:
    """Titles of a chain, the bare ones placed by the chain's explicit locality."""
    placed: list[TitleMatch] = []
    values = [items[idx].value for idx in chain]
    for position, title in enumerate(values):
        org = title.org
        if org is not None and (
            org.name in {BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP}
            or org.name.endswith(" " + BARE_PARTY_COMMITTEE)
        ):
            # "Bí thư Đảng ủy, Giám đốc Sở X": the party committee of Sở X;
            # "Phó Bí thư Đảng đoàn, Phó Chủ tịch Hội X": the party group of Hội X
            owners = _GROUP_OWNERS if org.name == BARE_PARTY_GROUP else _COMMITTEE_OWNERS
            owner = next(
                (
                    t.org
                    for t in values[position + 1 :]
                    if t.org is not None
                    and (t.org.kind in owners or _commune_council(org.name, t.org))
                ),
                None,
            )
            if owner is None:
                continue
            kind = OrgKind.PARTY_COMMITTEE if org.name == BARE_PARTY_COMMITTEE else org.kind
            org = OrgMatch(
                org.start,
                org.end,
                titles.orgs.completed_name(org.name, owner),
                kind,
                None,
                owner.locality,
                org.surface,
                owner.explicit,
            )
            title = TitleMatch(title.start, title.end, title.role, org, title.former)
        unresolved = org is None and position + 1 < len(values)
        if unresolved or (org is not None and not org.explicit and org.start < org.end):
            # a body placed by context, or one whose place was not found ("Bí thư
            # Thành ủy, Chủ tịch HĐND thành phố X"): the chain's later place decides
            later = next(
                (
                    t.org.place or t.org.locality
                    for t in values[position + 1 :]
                    if t.org is not None and t.org.explicit and t.org.locality
                ),
                None,
            )
            if later and (org is None or later not in {org.locality, org.place}):
                reparsed = titles.parse(title.start, hint=later)
                if reparsed is not None and (org is not None or reparsed.end == title.end):
                    title = reparsed
        if title.org is None:
            # "Phó Bí thư, Phó Bí thư Thường trực Tỉnh ủy X": the same post's body
            later = next((t for t in values[position + 1 :] if t.org is not None), None)
            if later is not None and (
                _core_role(later.role) == _core_role(title.role)
                or _RANK_OF.get(later.role.lower()) == title.role.lower()
            ):
                title = title._replace(org=later.org)
            elif later is not None and later.org is not None:
                # "Phó Bí thư, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy X": a committee's post
                # before one of its boards is the committee's; "Ủy viên Ban Thường vụ,
                # Trưởng Ban Dân vận Tỉnh ủy X": a bare board is the same committee's
                written = titles.ctx.doc.span_text(title.start, title.end).lower()
                title = title._replace(
                    org=_board_of(written, later.org) or _committee_of(title.role, later.org)
                )
        placed.append(title)
    return placed


_COMMITTEE_ROLES = frozenset({"bí thư", "phó bí thư", "phó bí thư thường trực"})


def _committee_of(role: str, board: OrgMatch) -> OrgMatch | None:
    """The party committee a board belongs to, for a post only a committee has."""
    if (
        role.lower() not in _COMMITTEE_ROLES
        or board.kind != OrgKind.PARTY_BODY
        or not board.parent
        or board.parent == "Ban Chấp hành Trung ương Đảng"
    ):
        return None
    return OrgMatch(
        board.start,
        board.start,
        board.parent,
        OrgKind.PARTY_COMMITTEE,
        None,
        board.locality,
        "",
        board.explicit,
        board.place,
    )


_BARE_BOARDS = {"ban thường vụ": "Ban Thường vụ ", "ủy ban kiểm tra": "Ủy ban Kiểm tra "}


def _board_of(written: str, body: OrgMatch) -> OrgMatch | None:
    """A title ending in a bare board ("Ủy viên Ban Thường vụ") before a body of a
    party committee: that committee's board."""
    if body.kind == OrgKind.PARTY_COMMITTEE:
        committee = body.name
    elif body.kind == OrgKind.PARTY_BODY and body.parent:
        committee = body.parent
    else:
        return None
    if committee == "Ban Chấp hành Trung ương Đảng":
        return None
    written = written.replace("uỷ", "ủy")
    board = next((name for bare, name in _BARE_BOARDS.items() if written.endswith(bare)), None)
    if board is None:
        return None
    return OrgMatch(
        body.start,
        body.start,
        board + committee,
        OrgKind.PARTY_BODY,
        committee,
        body.locality,
        "",
        body.explicit,
        body.place,
    )


# heads of bodies of ministerial rank hold the minister's rank in the same body:
# "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "Thứ trưởng, Phó Chủ nhiệm Ủy ban Dân tộc"
_RANK_OF = {
    "chủ nhiệm": "bộ trưởng",
    "phó chủ nhiệm": "thứ trưởng",
    "tổng thanh tra": "bộ trưởng",
    "phó tổng thanh tra": "thứ trưởng",
    "thống đốc": "bộ trưởng",
    "phó thống đốc": "thứ trưởng",
}


def _core_role(role: str) -> str:
    """A role without its deputy and standing marks: 'Phó Bí thư Thường trực' -> 'bí thư'."""
    core = role.lower().removeprefix("phó ").removesuffix(" thường trực")
    return core.removeprefix("quyền ")


_BareRoles = tuple[tuple[tuple[str, tuple[str, ...]], ...], frozenset[str], frozenset[str]]
_BARE_CACHE: dict[int, _BareRoles] = {}


def _bare_roles(roles: dict[str, RoleInfo]) -> _BareRoles:
    """Lower-cased stems of the roles that end in their head word, longest first, each
    with those roles ('phó trưởng' for 'Phó Trưởng ban', 'Phó Trưởng phòng', ...); the
    stems' first words; and those words as written (a plain word there may open a title).
    The lexicon is loaded once, so this is worked out once."""
    cached = _BARE_CACHE.get(id(roles))
    if cached is not None:
        return cached
    by_stem: dict[str, list[str]] = {}
    for key, info in roles.items():
        head = info.head
        if head and key.lower().endswith(" " + head.lower()):
            by_stem.setdefault(key[: -len(head) - 1].lower(), []).append(key)
    ordered = sorted(by_stem, key=lambda stem: (-len(stem.split()), stem))
    first = frozenset(stem.split()[0] for stem in ordered)
    openers = first | {w.capitalize() for w in first}
    result = (tuple((stem, tuple(by_stem[stem])) for stem in ordered), first, openers)
    _BARE_CACHE[id(roles)] = result
    return result
