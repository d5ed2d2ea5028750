"""Where a body is: the locality written after it, or the one the article's context gives.

A mixin of ``OrgParser`` (state lives there); split out to keep modules short.
"""

from __future__ import annotations

from polgraph.extract.context import skip_qualifiers
from polgraph.extract.org_names import (
    _CAP_STOP,
    _DASH_JOINERS,
    _NUMBER_WORDS,
    _TERM_WORDS,
    _provincial_city,
)
from polgraph.extract.places import Place, find_province
from polgraph.nlp import gazetteer

_DISTRICT_LEVELS = frozenset({"city", "huyện", "quận", "thị xã"})
_COORDINATORS = frozenset({"và", ","})


class _PlacesMixin:
    """Localities of bodies, written or from context."""

    # -- localities -------------------------------------------------------
    def _locality(self, j: int, level: str) -> tuple[Place | None, int]:
        """``_locality_at``, remembering the place for the match being read."""
        place, end = self._locality_at(j, level)
        if place is not None:
            self._place = place
            if end > j and place.district and place.district_kind == gazetteer.THANH_PHO:
                self.cities.append((j, place))  # the city a later bare "thành phố" means
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
            ctx.first.get((after_term + 1, "LOCWORD"))
            or ctx.first.get((after_term + 1, "PROVINCE"))
        ):
            after_term += 1  # "Trưởng đoàn ĐBQH khóa XIII của tỉnh X"
        if after_term > j:
            place, end = self._locality(after_term, level)
            if end > after_term and place is not None:
                return place, end
        if j < len(doc) and not doc.spaces[j]:
            province = ctx.first.get((j, "PROVINCE"))
            if province is not None:
                if level == "city" and (city := _provincial_city(province.kb_id_)) is not None:
                    # "Thành ủy Bắc Ninh": the city of the province's name, not the province
                    return Place(city.province, city.name, city.kind), province.end
                return Place(province.kb_id_), province.end
            district = ctx.first.get((j, "DISTRICT"))
            if district is not None and level in {"huyện", "quận", "thị xã", "city", "any"}:
                kind, name = district.kb_id_.split("|", 1)
                resolved = ctx.resolve_district(name, kind)
                if resolved is not None:
                    unit = level if level in {"huyện", "quận", "thị xã"} else resolved.kind
                    return Place(resolved.province, resolved.name, unit), district.end
            word = ctx.first.get((j, "LOCWORD"))
            if word is not None:
                return self._after_unit_word(j, word.end, word.kb_id_, level)
            if ctx.lower(j) in _NUMBER_WORDS and j + 1 < len(doc) and doc[j + 1].is_digit:
                return self._numbered_district(j, j + 1)
            if level in _DISTRICT_LEVELS:
                # "Thành ủy Phù Vân", "Huyện ủy Tân Khê": a district the gazetteer lacks
                # (renamed, new) is named by two or three capitalised syllables
                name, end = self._capitalised_name(j)
                if (
                    name
                    and 2 <= len(name.split()) <= 3
                    and find_province(name) is None
                    and not self._person_like(name)
                ):
                    kind = gazetteer.THANH_PHO if level == "city" else level
                    return Place(ctx.province_at(j), name, kind), end
        shared = self._shared_locality(j, level)
        if shared is not None:
            return shared, j
        return self._from_context(j, level), j

    def _shared_locality(self, j: int, level: str) -> Place | None:
        """'HĐND và UBND tỉnh X', 'Tỉnh ủy, HĐND, UBND tỉnh X': bodies coordinated
        before one place share it; the place is not consumed (it is the last body's)."""
        ctx = self.ctx
        k = j
        while ctx.lower(k) in _COORDINATORS and k - j < 12:
            body = ctx.first.get((k + 1, "COMMITTEE"))
            if body is None:
                return None
            k = body.end
        if k == j or not (
            ctx.first.get((k, "LOCWORD"))
            or ctx.first.get((k, "PROVINCE"))
            or ctx.first.get((k, "DISTRICT"))
        ):
            return None
        place, end = self._locality_at(k, level)
        return place if end > k else None

    def _after_unit_word(self, j: int, k: int, unit: str, level: str) -> tuple[Place | None, int]:
        ctx = self.ctx
        doc = self.doc
        if unit in {"province", "city"}:
            province = ctx.first.get((k, "PROVINCE"))
            if province is not None:
                return Place(province.kb_id_), province.end
            district = ctx.first.get((k, "DISTRICT"))
            if district is not None and unit == "city":
                _, name = district.kb_id_.split("|", 1)
                resolved = ctx.resolve_district(name, "thành phố")
                if resolved is not None:
                    return Place(resolved.province, resolved.name, resolved.kind), district.end
            if (
                unit == "city"
                and self.doc.lowers[j] in {"thành", "tp", "tp."}
                and ctx.lower(k) not in _TERM_WORDS
            ):
                # a district-level city the gazetteer lacks (renamed, new): "thành phố Phù Vân"
                name, end = self._capitalised_name(k)
                if name and find_province(name) is None and not self._person_like(name):
                    return Place(ctx.province_at(j), name, gazetteer.THANH_PHO), end
            # bare "tỉnh": the province in context; a bare "thành phố"/"TP": the city in
            # context (the province itself only where it is a centrally-run city)
            place = self._from_context(j, "city" if unit == "city" else "province")
            return place, k
        if unit in {"huyện", "quận", "thị xã"}:
            if unit == "quận" and k < len(doc) and doc[k].is_digit:
                return self._numbered_district(j, k)
            district = ctx.first.get((k, "DISTRICT"))
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
        name = f"Quận {int(self.doc.words[k])}" if self.doc.words[k].isdigit() else None
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
                and self.doc.words[end + 1][:1].isupper()
                and self.doc.words[end + 1] not in _CAP_STOP
                and end + 1 not in self.ctx.person_tokens
            ):
                words.append(token.text)
                limit = len(words) + 3
                end += 1
                continue
            if token.is_space or not token.text[:1].isupper() or token.text in _CAP_STOP:
                break
            if end in self.ctx.person_tokens or self.ctx.first.get((end, "HON")) is not None:
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
        if self.hint is not None and level not in {"huyện", "quận", "thị xã", "district", "city"}:
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
        province = self.hint if level == "city" and self.hint else ctx.province_at(j, wanted)
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
                named = [place for pos, place in self.cities if pos < j]
                if named:
                    return named[-1]  # the city the article named last
                # a city's body in a province: the text must say which city, the
                # province is no city ("HĐND thành phố" is not the provincial council)
                return None
        return Place(province) if province else None
