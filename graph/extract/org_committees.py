"""Committees: party committees, people's committees and councils, steering boards,
and the names their kind and place give them.

A mixin of ``OrgParser`` (state lives there); split out to keep modules short.
"""

from __future__ import annotations

from polgraph.core.model import OrgKind
from polgraph.extract.org_names import _BLOC_WORDS, BARE_PARTY_COMMITTEE, OrgMatch, _kind
from polgraph.extract.places import Place, find_province
from polgraph.nlp import gazetteer


class _CommitteesMixin:
    """Party and state committees and their canonical names."""

    def _committee(self, i: int) -> OrgMatch | None:
        dept = self.ctx.first.get((i, "DEPT"))
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
        span = self.ctx.first.get((i, "COMMITTEE"))
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
        doc_type = self.ctx.first.get((j, "DOCTYPE"))
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
        level = self.ctx.first.get((j, "LOCWORD"))
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
                if self.ctx.first.get((end, "LOCWORD")) or self.ctx.first.get((end, "PROVINCE")):
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
        nested = self.ctx.first.get((j, "COMMITTEE"))
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
            if head == "Thành ủy" and province.kind != gazetteer.THANH_PHO:
                return None  # a city's committee in a province: which city, the text must say
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
