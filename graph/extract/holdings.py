"""Holdings: who holds which role in which organization, from title chains.

A sentence is read as a sequence of items — persons, titles (role +
organization), cues ("giữ chức", "miễn nhiệm ... đối với"), separators — and
titles are attached to persons by position:
- a chain right before a name belongs to it ("Bí thư Tỉnh ủy Lê Văn A");
- a chain right after a name, set off by a comma or dash, belongs to it
  ("ông A, Phó Chủ tịch UBND tỉnh");
- a title after an appointment cue belongs to the person the cue is about
  ("được bầu giữ chức Chủ tịch HĐND tỉnh");
- a title after a dismissal cue is former, for the person after "đối với".
"nguyên"/"cựu" before a title marks it former.

The sentence's items come from ``items``, chains from ``titles``; which names a chain
belongs to is decided with ``holder_lists`` and ``holder_subjects``.
"""

from __future__ import annotations

from polgraph.core.model import OrgKind
from polgraph.extract.holder_cues import (
    _bare_names_after,
    _filler,
    _nominated,
    _nominated_since,
    _now,
    _transferred,
)
from polgraph.extract.holder_lists import (
    _list_opener,
    _listed,
    _places_listed,
    _plural_before,
    _respectively,
)
from polgraph.extract.holder_rosters import _roster, members_listed
from polgraph.extract.holder_subjects import (
    _BEFORE_NAME,
    _apposed_to,
    _bare_group_before,
    _clause_subject,
    _passive_agent_start,
    _past_unknown_body,
    _replaced,
    _subject_before,
    replaced_before_cue,
)
from polgraph.extract.org_names import BARE_PARTY_COMMITTEE, OrgMatch
from polgraph.extract.persons import PersonMention
from polgraph.extract.titles import (
    _CHAIN_SEPARATORS,
    TitleMatch,
    TitleParser,
    _Item,
    _placed,
    _words,
)

_DASHES = frozenset({"-", "–", "—"})  # "A - Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy"


def attach_titles(
    items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """(person, title, former) for every title the sentence attaches to a person."""
    results: list[tuple[PersonMention, TitleMatch, bool]] = []
    used: set[int] = set()
    n = len(items)

    def chain_from(k: int) -> tuple[list[int], int]:
        """Indexes of TITLE items in a chain starting at k, and the index after it."""
        chain = [k]
        m = _past_unknown_body(items, k, titles)
        while (
            m + 1 < n
            and items[m].kind == "SEP"
            and (items[m].value in _CHAIN_SEPARATORS or items[m].value in _DASHES)
            and (items[m + 1].kind == "TITLE")
        ):
            chain.append(m + 1)
            m = _past_unknown_body(items, m + 1, titles)
        while m < n and items[m].kind == "TITLE":  # titles run together without commas
            chain.append(m)
            m += 1
        return chain, m

    owners_of: dict[int, list[PersonMention]] = {}  # last title of a chain -> its holders
    k = 0
    while k < n:
        item = items[k]
        if item.kind != "TITLE" or k in used:
            k += 1
            continue
        chain, after = chain_from(k)
        before = k - 1
        # what precedes the chain: a person set off by apposition?
        prev_person = None
        prev_idx = _apposed_to(items, before, titles)
        if prev_idx >= 0:
            prev_person = items[prev_idx].value
        # what follows: a person directly, or after a comma / honorific
        if before >= 0 and items[before].kind == "VACANT":
            used.update(chain)  # "chờ kiện toàn chức vụ Bí thư": nobody holds it
            k = after
            continue
        next_person = None
        direct = False
        m = after
        if m < n and items[m].kind == "PERSON":
            next_person, direct = items[m].value, True
        elif m < n and items[m].kind == "HON" and m + 1 < n and items[m + 1].kind == "PERSON":
            next_person, direct = items[m + 1].value, True
        elif m + 1 < n and items[m].kind == "SEP" and items[m].value in _BEFORE_NAME:
            if items[m + 1].kind == "PERSON":
                next_person = items[m + 1].value
            elif items[m + 1].kind == "HON" and m + 2 < n and items[m + 2].kind == "PERSON":
                next_person = items[m + 2].value
        owner = None
        listed = -1
        if prev_person is None:
            listed = _list_opener(items, after, titles, _plural_before(items, k, titles))
        if listed >= 0:
            # "các đồng chí Ủy viên Ban Thường vụ: A, ...; B, ...", "R là ông A và ông B"
            owners = _listed(items, listed, titles, clauses=True)
        else:
            after_cue = before >= 0 and items[before].kind in {"CUR", "FORMER"}
            if next_person is not None and (direct or (prev_person is None and not after_cue)):
                # "làm Tổng Thư ký Quốc hội, ông B giữ chức ...": a post after a cue is
                # the cue's, not the next person's
                owner = next_person
            elif prev_person is not None and not _clause_subject(items, chain, after):
                owner = prev_person
            elif prev_person is not None and len(chain) > 1:
                # "ông A, Ủy viên Trung ương Đảng, Giám đốc <unknown body>, được ...":
                # the bodiless last title is dropped, not the chain
                owner = prev_person
                chain = chain[:-1]
            owners = [owner] if owner is not None else []
            if owner is not None and owner is next_person and _plural_before(items, k, titles):
                start = m if items[m].kind != "SEP" else m + 1
                owners = _listed(items, start, titles) or owners
            elif owner is not None and owner is next_person and direct:
                # "Phó Chủ tịch UBND tỉnh A, B cùng dự": a deputy's post before bare names
                owners += _bare_names_after(items, m + (items[m].kind == "HON"), chain)
            elif owner is not None and owner is prev_person:
                # "ông A, ông B, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh": the chain is each one's
                owners = _bare_group_before(items, prev_idx)
        placed = _placed(items, chain, titles)
        for person in owners:
            for title in placed:
                results.append((person, title, title.former))
        if owners:
            used.update(chain)
            results.extend(_replaced(items, after, placed, titles))
            owners_of[chain[-1]] = owners
        k = after

    # cues: appointment (current) and dismissal (former); "bãi nhiệm chức vụ R1 đối với
    # ông A; R2 đối với bà B": after ';' a post with its own 'đối với' continues the cue
    cues: list[tuple[int, _Item]] = []
    last_cue: _Item | None = None
    for k, item in enumerate(items):
        if item.kind in {"CUR", "FORMER"}:
            last_cue = item
            cues.append((k, item))
        elif (
            item.kind == "SEP"
            and item.value == ";"
            and last_cue is not None
            and k + 1 < n
            and items[k + 1].kind == "TITLE"
        ):
            _, ends = chain_from(k + 1)
            if ends < n and items[ends].kind == "DOIVOI":
                cues.append((k, last_cue))
    for k, item in cues:
        if item.kind == "CUR" and _nominated(items, k, titles):
            continue
        m = k + 1
        while m < n and (
            (items[m].kind in {"OTHER", "CUR"} and _filler(items[m], titles))
            or (items[m].kind == "SEP" and items[m].value == ":")
        ):
            m += 1
        if m >= n or items[m].kind != "TITLE":
            continue
        chain, after = chain_from(m)
        if item.value == "từng":
            # a career list runs to the end of the sentence, whatever stands between titles
            chain += [idx for idx in range(after, n) if items[idx].kind == "TITLE"]
        subjects: list[PersonMention] = []
        for idx in range(after, n):
            if items[idx].kind == "DOIVOI":
                first = idx + 1
                if (
                    first < n
                    and items[first].kind == "OTHER"
                    and (items[first].end - items[first].start == 1)
                ):
                    first += 1  # "đối với hai đồng chí A và B"
                subjects = _listed(items, first, titles)
                break
            if items[idx].kind in {"FORMER", "TITLE", "PERSON"} or (
                items[idx].kind == "SEP" and items[idx].value in {";", ".", "!", "?"}
            ):
                break
        back = k - 1
        while back >= 0 and items[back].kind == "SEP" and items[back].value in _BEFORE_NAME:
            back -= 1
        if not subjects and back >= 0 and back not in owners_of:
            back = _passive_agent_start(items, back, owners_of, titles)
        if not subjects and back >= 0 and back in owners_of:
            # "A, <chain>, giữ chức R": the cue is about the chain's holders
            subjects = owners_of[back]
            listed = _subject_before(items, k, titles)
            if len(listed) > len(subjects) and subjects[-1] in listed:
                subjects = listed  # "Các ông A, R1; B, R2 được bầu ..."
        if not subjects:
            # "A đã để xảy ra vi phạm trong thời gian giữ chức vụ R", "A ..., nay là R":
            # a longer clause about A
            reach = 14 if item.value == "during" or _now(items, k, titles) else 6
            subjects = _subject_before(items, k, titles, reach)
        if not subjects:
            continue
        if item.kind == "CUR" and _nominated_since(items, k, subjects[0], titles):
            continue
        fresh = [idx for idx in chain if idx not in used]
        placed = _placed(items, fresh, titles)
        former = item.kind == "FORMER"
        respectively = len(subjects) > 1 and _respectively(items, k, titles)
        if respectively and len(placed) == 1:
            # "A, B lần lượt ... Bí thư Tỉnh ủy X, Y": the same post in each place listed
            placed = _places_listed(items, after, placed[0], titles) or placed
        if respectively and len(placed) == len(subjects):
            # "A, B lần lượt được bầu giữ chức R1, R2": paired in order
            for subject, title in zip(subjects, placed, strict=True):
                results.append((subject, title, former or title.former))
        else:
            for subject in subjects:
                for title in placed:
                    results.append((subject, title, former or title.former))
        used.update(chain)
        results.extend(_replaced(items, after, placed, titles))
        results.extend(replaced_before_cue(items, k, placed, titles))
    # "tham gia Ban Chấp hành ..., Ban Thường vụ ...": membership of each body
    for k, item in enumerate(items):
        if item.kind != "CUR" or item.value not in {"tham gia", "bầu", "được bầu"}:
            continue
        subjects = _subject_before(items, k, titles)
        m = k + 1
        if m < n and items[m].kind == "OTHER" and _joining_words(items[m], titles):
            m += 1  # "được bầu bổ sung vào Ban Chấp hành ..."
        bare: list[_Item] = []  # "Ban Chấp hành", "Ban Thường vụ" named without their committee
        while m < n and (items[m].kind == "ORG" or _bare_body(items[m], titles)):
            org = items[m].value
            if items[m].kind == "OTHER":
                bare.append(items[m])
            elif org.kind in {OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BODY}:
                for subject in subjects:
                    results.append((subject, TitleMatch(org.start, org.end, "Ủy viên", org), False))
            if m + 1 < n and items[m + 1].kind == "SEP" and items[m + 1].value in {",", "và"}:
                m += 2
            else:
                break
        if bare:
            # "... và giữ chức Phó Bí thư Huyện ủy X": the bodies are those of Huyện ủy X
            results.extend(_joined_bodies(items, m, bare, subjects, titles))
    results.extend(_roster(items, titles))
    results.extend(members_listed(items, titles))
    return _transferred(_bodies_named_before(results, items, titles), items, titles)


def _bodies_named_before(
    results: list[tuple[PersonMention, TitleMatch, bool]], items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'Bộ Công Thương hiện có 3 Thứ trưởng: A, B, C': a title written without its
    body takes the body of its head word ('Bộ') named earlier in the sentence."""
    placed: list[tuple[PersonMention, TitleMatch, bool]] = []
    for person, title, former in results:
        if title.org is None:
            info = titles.lex.roles.get(title.role)
            if info is not None and info.head:
                prefix = info.head + " "
                for item in items:
                    if item.start >= title.start:
                        break
                    org = item.value.org if item.kind == "TITLE" else item.value  # type: ignore[union-attr]
                    if (
                        item.kind in {"ORG", "TITLE"}
                        and org is not None
                        and org.name.startswith(prefix)
                    ):
                        body = org  # the nearest before the title
                        title = TitleMatch(title.start, title.end, title.role, body, title.former)
        placed.append((person, title, former))
    return placed


_BARE_BODIES = {"ban chấp hành": "", "ban thường vụ": "Ban Thường vụ "}


def _bare_body(item: _Item, titles: TitleParser) -> bool:
    return item.kind == "OTHER" and " ".join(_words(titles.ctx, item)) in _BARE_BODIES


def _joined_bodies(
    items: list[_Item],
    m: int,
    bare: list[_Item],
    subjects: list[PersonMention],
    titles: TitleParser,
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """Membership of the committee (and its standing board) that the title after
    the list names: "tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Phó Bí thư Huyện
    ủy X" gives Ủy viên of Huyện ủy X and of Ban Thường vụ Huyện ủy X."""
    for idx in range(m, min(m + 4, len(items))):
        if items[idx].kind != "TITLE":
            continue
        committee = items[idx].value.org
        if (
            committee is None
            or committee.kind != OrgKind.PARTY_COMMITTEE
            or committee.name == BARE_PARTY_COMMITTEE
            or committee.name.endswith(" " + BARE_PARTY_COMMITTEE)
        ):
            return []  # a committee named without its place is no organization
        title = items[idx].value
        # "... và giữ chức R": R too; "... và giới thiệu để bầu giữ chức R" is a nomination
        direct = all(items[j].kind in {"CUR", "SEP"} for j in range(m, idx))
        found = [(subject, title, title.former) for subject in subjects] if direct else []
        for item in bare:
            prefix = _BARE_BODIES[" ".join(_words(titles.ctx, item))]
            org = committee
            if prefix:
                org = OrgMatch(
                    item.start,
                    item.end,
                    prefix + committee.name,
                    OrgKind.PARTY_BODY,
                    committee.name,
                    committee.locality,
                )
            for subject in subjects:
                found.append((subject, TitleMatch(item.start, item.end, "Ủy viên", org), False))
        return found
    return []


_JOINING = frozenset({"bổ sung", "vào", "bổ sung vào", "làm ủy viên", "tham gia"})


def _joining_words(item: _Item, titles: TitleParser) -> bool:
    """'bổ sung vào' between 'được bầu' and the committee it joins."""
    return " ".join(_words(titles.ctx, item)) in _JOINING
