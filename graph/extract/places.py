"""Places in an article: the provinces and districts it names, which of them are
birthplaces (never a locality), and the place a body without one is in.

``Place`` and the gazetteer look-ups are shared; ``_MentionsMixin`` (state in
``ArticleContext``) locates the mentions once per article and answers where a token is.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

from polgraph.extract.tokens import Match
from polgraph.nlp import gazetteer

# Words before a place name that make it a locality mention rather than part of
# something else ("Đoàn TNCS Hồ Chí Minh", "tư tưởng Hồ Chí Minh").
_CITY_ONLY_NAMES = frozenset({"Hồ Chí Minh"})
_CITY_WORDS = frozenset({"tp", "tp.", "thành phố", "thành ủy", "tp.hcm"})
_BIRTH_WORDS = frozenset({"quê", "sinh"})
_PLACE_LABELS = frozenset({"PROVINCE", "DISTRICT"})
_BIRTH_LINKS = frozenset({"tại", "ra", "ở"})
_ADDRESS_SPAN = 14  # tokens an address after "quê" may take: "xã X, huyện Y, tỉnh Z"
_ADDRESS_UNITS = frozenset(
    {"xã", "phường", "thị", "huyện", "quận", "thành", "tỉnh", "tp", "tp.", "tx.", "thôn", "xóm"}
)
_BIRTH_CUES = ("quê", "quê quán", "quê ở", "quê tại", "sinh tại", "sinh ra tại", "sinh ra ở")


@lru_cache(maxsize=4096)
def find_province(name: str) -> gazetteer.Province | None:
    """Gazetteer look-up, memoised: the extractors ask the same names many times."""
    return gazetteer.find_province(name)


@lru_cache(maxsize=8192)
def find_districts(name: str, kind: str | None = None) -> tuple[gazetteer.District, ...]:
    return gazetteer.find_districts(name, kind)


def _province_kind(name: str) -> str | None:
    province = find_province(name)
    return province.kind if province is not None else None


class Place(NamedTuple):
    """A resolved locality: a province, optionally a district or commune in it."""

    province: str | None
    district: str | None = None  # district name as in the gazetteer
    district_kind: str | None = None
    commune: str | None = None
    commune_kind: str | None = None  # "xã" | "phường" | "thị trấn"

    @property
    def level(self) -> str:
        if self.commune:
            return "commune"
        if self.district:
            return "district"
        return "province"


class _MentionsMixin:
    """Province and district mentions of one article, and what they place."""

    # -- localities -------------------------------------------------------
    def locate_mentions(self) -> None:
        """Collect explicit province and district mentions, in text order."""
        doc = self.doc
        # "quê", "sinh": the few tokens after which a place is someone's birthplace
        birth_cues = list(compress(count(), map(_BIRTH_WORDS.__contains__, doc.lowers)))
        first = self.first  # the first match of each label at a start, as by_start lists them
        placed = {start for start, label in first if label in _PLACE_LABELS}
        for i in sorted(placed):
            if i in self.person_tokens:
                continue
            province = first.get((i, "PROVINCE"))
            district = first.get((i, "DISTRICT"))
            if (province or district) and birth_cues and self._birthplace(i, birth_cues):
                continue
            if (
                district is not None
                and self._district_cued(district)
                and (province is None or self._district_unit_before(district.start))
            ):
                kind, name = district.kb_id_.split("|", 1)
                self.district_mentions.append((district.start, kind, name, ""))
                continue
            if province is not None:
                if (
                    province.kb_id_ in _CITY_ONLY_NAMES
                    and province.text == province.kb_id_
                    and self._before(province.start) not in _CITY_WORDS
                ):
                    continue
                self.province_mentions.append((province.start, province.kb_id_))
                if self._in_plural_list(province.start):
                    self.listed.add(province.start)
        counts = Counter(name for _, name in self.province_mentions)
        resolved = [
            self.resolve_district(name, kind) for _, kind, name, _ in self.district_mentions
        ]
        for district in resolved:
            if district is not None:
                counts[district.province] += 1
        if counts:
            best = max(counts.values())
            first_seen: dict[str, int] = {}
            for pos, name in self.province_mentions:
                first_seen.setdefault(name, pos)
            candidates = sorted(
                (name for name, n in counts.items() if n == best),
                key=lambda name: (first_seen.get(name, 10**9), name),
            )
            self.dominant_province = candidates[0]
        elif self.source_province is not None:
            # the text names no province: "UBND tỉnh" on a provincial publisher's site
            self.dominant_province = self.source_province
        del doc

    def _birthplace(self, i: int, cues: list[int]) -> bool:
        """'quê Hà Tĩnh', 'quê quán xã X, huyện Y', 'sinh tại Z': where a person comes
        from, never the place the article's bodies belong to."""
        at = bisect_left(cues, i)
        if at == 0 or cues[at - 1] < i - _ADDRESS_SPAN:
            return False
        words = [w for w in self.doc.lowers[max(0, i - _ADDRESS_SPAN) : i] if not w.isspace()]
        tail = " ".join(words[-3:])
        if any(tail.endswith(cue) for cue in _BIRTH_CUES):
            return True
        # the rest of an address after a birthplace cue: "quê xã X, huyện Y, tỉnh Z";
        # "sinh" only as "sinh tại/ra/ở" ("học sinh", "sinh năm 1970" are no cue)
        cut = -1
        for k, word in enumerate(words):
            if word == "quê" or (
                word == "sinh" and k + 1 < len(words) and words[k + 1] in _BIRTH_LINKS
            ):
                cut = k
        if cut < 0:
            return False
        rest = words[cut + 1 :]
        if any(w in {".", ";", "(", ")", ":"} for w in rest):
            return False
        # past a comma the address goes on only with a unit word: "quê Hà Tĩnh, Phó Bí
        # thư Huyện ủy X" ends the address at the comma, X is no birthplace
        return all(rest[k + 1] in _ADDRESS_UNITS for k, w in enumerate(rest[:-1]) if w == ",") and (
            not rest or rest[-1] != ","
        )

    def _before(self, i: int) -> str:
        """The lower-cased word or two before token i (skipping spaces)."""
        j = i - 1
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        if j < 0:
            return ""
        one = self.doc[j].lower_
        if j >= 1 and f"{self.doc[j - 1].lower_} {one}" in _CITY_WORDS:
            return f"{self.doc[j - 1].lower_} {one}"
        return one

    def _in_plural_list(self, i: int) -> bool:
        """'HĐND các tỉnh Nghệ An, Bắc Giang, Hà Giang': none of them is *the* province
        a later bare "tỉnh" means."""
        before = self.doc.span_text(max(0, i - 12), i).lower()
        cue = max(
            before.rfind("các tỉnh"), before.rfind("các thành phố"), before.rfind("các địa phương")
        )
        if cue < 0:
            return False
        between = before[cue:]
        return "." not in between and ";" not in between

    def _district_unit_before(self, i: int) -> bool:
        """'huyện X', 'Huyện ủy X', 'thị xã X': X is the district, even if a province
        shares its name (thành phố Bắc Giang, tỉnh Bắc Giang)."""
        before = self._before(i)
        if before in {"huyện", "quận", "thị xã", "tx", "tx.", "thành phố"}:
            return before != "thành phố" or self._before(i - 1) not in {"thành", ""}
        two = " ".join(t.lower_ for t in self.doc[max(0, i - 2) : i] if not t.is_space)
        return two in {"huyện ủy", "quận ủy", "thị ủy"}

    def _district_cued(self, span: Match) -> bool:
        """A district name counts only after a unit or committee word, or when numbered."""
        _kind, name = span.kb_id_.split("|", 1)
        if any(ch.isdigit() for ch in name):
            return True
        before = self._before(span.start)
        cues = {"huyện", "quận", "thị xã", "tx", "tx.", "thành phố", "tp", "tp.", "xã"}
        if before in cues or self._district_unit_before(span.start):
            return True
        two_before = " ".join(
            t.lower_ for t in self.doc[max(0, span.start - 2) : span.start] if not t.is_space
        )
        return two_before.endswith(("thị xã", "thành phố"))

    def resolve_district(self, name: str, kind: str | None = None) -> gazetteer.District | None:
        """The district of that name, using the article's provinces to disambiguate."""
        found = find_districts(name, kind) or find_districts(name)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        mentioned = {p for _, p in self.province_mentions}
        if not mentioned and self.source_province is not None:
            mentioned = {self.source_province}
        in_article = [d for d in found if d.province in mentioned]
        if len({d.province for d in in_article}) == 1:
            return in_article[0]
        return None

    def province_at(self, i: int, kind: str | None = None) -> str | None:
        """The province in force at token i: nearest preceding mention in the same
        paragraph, else the nearest before it, else the article's dominant province.

        ``kind`` ("tỉnh" or "thành phố") keeps only provinces of that kind: a
        "Tỉnh ủy" is never Hà Nội's, a "Thành ủy" never Nghệ An's.
        """
        mentions = self.province_mentions
        if kind is not None:
            mentions = [(p, n) for p, n in mentions if _province_kind(n) == kind]
        paragraph_start = self.paragraph_start(i)
        best: tuple[int, str] | None = None
        for pos, name in mentions:
            if pos >= i:
                break
            if pos >= paragraph_start and pos not in self.listed:
                best = (pos, name)
        for pos, unit, name, _ in self.district_mentions:
            if pos >= i or pos < paragraph_start:
                continue
            if best is None or pos > best[0]:
                district = self.resolve_district(name, unit)
                if district is not None and (
                    kind is None or _province_kind(district.province) == kind
                ):
                    best = (pos, district.province)
        if best is not None:
            return self._unless_aside(best, i)
        earlier = [name for pos, name in mentions if pos < i and pos not in self.listed]
        if earlier:
            return earlier[-1]
        if (
            kind is not None
            and self.dominant_province is not None
            and _province_kind(self.dominant_province) != kind
        ):
            return None
        return self.dominant_province

    def _unless_aside(self, best: tuple[int, str], i: int) -> str:
        """A province named once in passing ("làm việc với tỉnh bạn Hà Tĩnh") in an
        earlier sentence does not take over an article about another province."""
        position, name = best
        if self.dominant_province is None or name == self.dominant_province:
            return name
        sentence = self.doc.sent_at(position)
        here = self.doc.sent_at(i)  # i may be the end of the text
        if sentence is here or self.paragraph_start(position) >= sentence.start:
            return name  # same sentence, or the sentence that opens the paragraph
        counts = Counter(n for _, n in self.province_mentions)
        if counts[name] == 1 and counts[self.dominant_province] >= 3:
            return self.dominant_province
        return name

    def district_at(self, i: int, kind: str) -> gazetteer.District | None:
        """The nearest preceding district of that kind, else the only one in the article."""
        candidates = [
            (pos, name) for pos, k, name, _ in self.district_mentions if k == kind or kind == "any"
        ]
        before = [c for c in candidates if c[0] < i]
        pool = before[-1:] if before else candidates[:1]
        for _, name in pool:
            district = self.resolve_district(name, None if kind == "any" else kind)
            if district is not None:
                return district
        return None

    def paragraph_start(self, i: int) -> int:
        """First token of the line (paragraph) token i is in (i may be the end)."""
        if not self.doc.line_of:
            return 0
        return self.doc.lines[self.doc.line_of[min(i, len(self.doc.line_of) - 1)]][0]
