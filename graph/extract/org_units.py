"""Organizations named by their own words: units of ministries and departments,
institutions, joint offices, bodies outside the lexicon.

A mixin of ``OrgParser`` (state lives there); split out to keep modules short.
"""

from __future__ import annotations

from polgraph.core.model import OrgKind
from polgraph.extract.org_names import (
    _BARE_UNITS,
    _BODY_LABELS,
    _EXPANSIONS,
    _INSTITUTION_WORDS,
    _INSTITUTIONS,
    _MAX_LOWER_WORDS,
    _MAX_NAME_WORDS,
    _MAX_UNIT_LOWER,
    _MAX_UNIT_WORDS,
    _NAME_JOINERS,
    _PREVENTION,
    _ROLE_HEAD_UNITS,
    _ROLE_LABEL,
    _UNIT_LINKS,
    _UNIT_STOPS,
    OrgMatch,
    _kind,
)
from polgraph.extract.tokens import Match


class _UnitsMixin:
    """Units, institutions and bodies read by their written name."""

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
            found = ctx.first.get((i, label))
            if found is not None:
                end = max(end, found.end)
        if end == i:
            for words in self._named_heads.get(doc[i].lower_, ()):
                if doc.lowers[i : i + len(words)] == words:
                    end = max(end, i + len(words))
        if end == i:
            return i
        end = self._name_end(end)
        unit = ctx.first.get((end, "LOCWORD"))
        if unit is not None:
            place = ctx.first.get((unit.end, "PROVINCE")) or ctx.first.get((unit.end, "DISTRICT"))
            if place is not None:
                return place.end
            _, after = self._capitalised_name(unit.end)
            return after if after > unit.end else unit.end
        place = ctx.first.get((end, "PROVINCE"))
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
                or ctx.first.get((end, "ROLE")) is not None
                or ctx.first.get((end, "HON")) is not None
                or ctx.first.get((end, "LOCWORD")) is not None
                or ctx.first.get((end, "PROVINCE")) is not None
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
        head = ctx.first.get((i, "UNIT"))
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
        paren = False
        while k < limit:
            token = doc[k]
            if token.text == "(" and ctx.first.get((k + 1, "DEPT")) is not None:
                paren = True  # "Cục Thuế (Bộ Tài chính)": the owner in parentheses
                k += 1
                dept = ctx.first.get((k, "DEPT"))
                break
            if token.text in _UNIT_STOPS or "\n" in token.text or k in ctx.person_tokens:
                break
            dept = ctx.first.get((k, "DEPT"))
            if dept is not None:
                break
            if k > head.end and (
                ctx.first.get((k, "ROLE")) is not None or ctx.first.get((k, "CUR")) is not None
            ):
                break
            k += 1
        if dept is None:
            return self._unit_of_ministry_in_context(i, head)
        owner_kind = "ministry" if dept.kb_id_.startswith("Bộ ") else "department"
        if head.kb_id_ not in self.lex.units.get(owner_kind, ()):
            return None
        name_end = k
        while name_end > head.end and (
            doc.lowers[name_end - 1] in _UNIT_LINKS or (paren and doc[name_end - 1].text == "(")
        ):
            name_end -= 1
        if name_end == head.end and head.kb_id_ not in _BARE_UNITS:
            return None  # "Vụ" with no name of its own
        owner = self._committee(k)
        if owner is None:
            return None
        if not self._used_context:
            # named with its place ("Sở Y tế tỉnh X"): a name of it; a bare "Sở Y tế" is not
            owner = owner._replace(surface=doc.span_text(owner.start, owner.end))
        words = doc.span_text(head.end, name_end)
        name = f"{head.kb_id_} {words} {owner.name}" if words else f"{head.kb_id_} {owner.name}"
        end = owner.end + (paren and owner.end < len(doc) and doc[owner.end].text == ")")
        return OrgMatch(i, end, name, OrgKind.GOVERNMENT, owner.name, owner.locality, owner=owner)

    def _unit_of_ministry_in_context(self, i: int, head: Match) -> OrgMatch | None:
        """A ministry's unit named without its ministry, in an article about one: 'Phó
        Chánh Thanh tra Bộ', 'Phó Vụ trưởng Vụ Tổ chức cán bộ' → the ministry
        the article last named."""
        ministry = self.last_ministry
        if ministry is None or head.kb_id_ not in self.lex.units.get("ministry", ()):
            return None
        agency = self.ctx.first.get((i, "COMMITTEE"))
        if agency is not None and agency.end > head.end:
            return None  # a province's agency of its own ("Cục Thuế"), not a ministry's unit
        doc = self.doc
        k = head.end
        if self.ctx.lower(k) == "bộ" and (k + 1 >= len(doc) or not doc[k + 1].text[:1].isupper()):
            end = k + 1  # "Thanh tra Bộ": the ministry itself, by its common noun
            words = ""
        else:
            end = self._name_end(k, lower_words=_MAX_UNIT_LOWER)
            office = self.ctx.first.get((i, "DEPT"))
            if office is not None and office.end >= end:
                return None  # a district's own office ("Phòng Nội vụ"), not a ministry's
            if (
                end == k
                or self.ctx.first.get((end, "LOCWORD"))
                or self.ctx.first.get((end, "PROVINCE"))
            ):
                return None  # no name, or a local body ("Cục Thuế tỉnh X")
            words = doc.span_text(k, end)
        self._used_context = True
        name = f"{head.kb_id_} {words} {ministry}" if words else f"{head.kb_id_} {ministry}"
        return OrgMatch(i, end, name, OrgKind.GOVERNMENT, ministry, None)

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
        unit = self.ctx.first.get((end, "LOCWORD"))
        if unit is None and self.ctx.first.get((end, "PROVINCE")) is None:
            return None  # the place must be written: a bare name is no body we can place
        place, place_end = self._locality(end, "any")
        if place is None or place_end == end or place.province is None:
            return None
        kind = _kind(self.lex.local_bodies[head])
        name = f"{head} {doc.span_text(k, end)} {self._state_suffix(place)}"
        return OrgMatch(i, place_end, name, kind, None, place.province)

    def _joint_office(self, i: int, j: int, first: OrgMatch) -> OrgMatch | None:
        """'Văn phòng Đoàn ĐBQH và HĐND tỉnh X': one office serving bodies listed
        by their heads, the place written once after the last."""
        heads: list[str] = []
        k = j
        last: OrgMatch | None = None
        while len(heads) < 4:
            head = self.ctx.first.get((k, "COMMITTEE"))
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
                if self.ctx.first.get((end, "LOCWORD")) or self.ctx.first.get((end, "COMMITTEE")):
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
