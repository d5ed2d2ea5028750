"""A deterministic synthetic corpus of Vietnamese party/state news, with its own gold.

Speed and accuracy at scale must be measured on the same run, and no real corpus
of 100,000 annotated articles exists, so this writes one: articles about the
provinces and districts of the gazetteer, whose people are *invented* (surname
from ``graph/data/lexicon/surnames.txt``, middle and given names from the short
lists below), holding real titles in real bodies, with title chains ("Ủy viên
Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh X"), short back-references
("ông Khải", "đồng chí Bí thư Tỉnh ủy"), former titles, documents with numbers
and issuers, meeting dates, and filler paragraphs so that word counts look like
news.  Each province has a cast per five-year term, so the same people recur
across articles (what resolution has to merge) and namesakes occur across
provinces (what it must keep apart).

Every article ``i`` is generated from ``Random(f"{seed}:{i}")`` alone: the same
seed gives byte-identical files, and the first 1,000 articles of the
100,000-article corpus are the 1,000-article corpus.  The gold follows
``../shared/eval/FORMAT.md`` (one JSON per article in ``gold/``).

    python bench/generate_corpus.py OUT_DIR --articles 10000 [--seed 1] [--per-file 1000]

writes ``OUT_DIR/articles/part-00000.jsonl`` …, ``OUT_DIR/gold/<id>.json`` and
``OUT_DIR/corpus.json`` (size, seed, words).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from polgraph.nlp import gazetteer  # noqa: E402
from polgraph.resolve import to_roman  # noqa: E402

__all__ = ["SyntheticArticle", "generate", "write_corpus"]

# Invented-name material: common syllables, not anyone's name.
MIDDLE_M = ("Văn", "Minh", "Đức", "Quang", "Hữu", "Công", "Xuân", "Đình", "Bá", "Trọng",
            "Quốc", "Tiến", "Thế", "Việt", "Mạnh", "Ngọc", "Thanh", "Hồng")  # fmt: skip
MIDDLE_F = ("Thị", "Thu", "Ngọc", "Minh", "Hồng", "Kim", "Thanh", "Mai")
GIVEN_M = ("Hùng", "Dũng", "Cường", "Tuấn", "Thắng", "Hải", "Sơn", "Long", "Phong", "Quân",
           "Khánh", "Thành", "Trung", "Hiếu", "Tâm", "Lâm", "Toàn", "Phúc", "Lợi", "Thịnh",
           "Tùng", "Đạt", "Kiên", "Nghĩa", "Hưng", "Luận", "Tài", "Chiến", "Định", "Khải",
           "Lực", "Nhân", "Quyết", "Tuyên", "Hoan", "Vượng", "Thuận", "Cảnh", "Duy",
           "Khôi")  # fmt: skip
GIVEN_F = ("Hoa", "Lan", "Hương", "Nga", "Hằng", "Thảo", "Yến", "Nhung", "Phương", "Trang",
           "Vân", "Loan", "Huyền", "Thủy", "Ngân", "Liên", "Dung", "Xuyến")  # fmt: skip

TERMS = ((2011, 2015), (2016, 2020), (2021, 2025))
CENTRAL_TERMS = ("XI", "XII", "XIII")
ORDINALS = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "thứ tám",
            "thứ chín", "thứ mười", "thứ mười một", "thứ mười hai")  # fmt: skip

PURPOSES = (
    "đánh giá kết quả lãnh đạo, chỉ đạo 6 tháng đầu năm",
    "tổng kết công tác xây dựng Đảng và hệ thống chính trị",
    "cho ý kiến về dự thảo báo cáo chính trị trình đại hội",
    "đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "bàn giải pháp đẩy nhanh giải ngân vốn đầu tư công",
    "sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội",
)
TOPICS = ("công tác cán bộ", "chuyển đổi số", "xây dựng nông thôn mới", "cải cách hành chính",
          "phòng, chống tham nhũng", "thu hút đầu tư", "giảm nghèo bền vững")  # fmt: skip
FILLER = (
    "Theo báo cáo, tăng trưởng kinh tế của {place} ước đạt {pct}%, thu ngân sách đạt hơn "
    "{half} dự toán năm.",
    "Tuy vậy, tiến độ một số dự án trọng điểm còn chậm, công tác giải phóng mặt bằng còn nhiều "
    "vướng mắc cần sớm tháo gỡ.",
    "Các đại biểu tập trung thảo luận, làm rõ nguyên nhân của những hạn chế và đề xuất nhiều "
    "giải pháp cụ thể cho những tháng cuối năm.",
    "Công tác {topic} được triển khai đồng bộ, tạo chuyển biến rõ nét ở cơ sở.",
    "Năm {year}, toàn Đảng bộ kết nạp {members} đảng viên mới, vượt chỉ tiêu đề ra.",
    "Hội nghị thống nhất cao với các chỉ tiêu chủ yếu và nhóm nhiệm vụ trọng tâm của năm {next}.",
    "Nhiều địa phương đã chủ động rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn, hoạt "
    "động hiệu lực, hiệu quả.",
    "Lĩnh vực văn hóa - xã hội có nhiều chuyển biến; an sinh xã hội được bảo đảm, quốc phòng, "
    "an ninh được giữ vững.",
    "Việc học tập, quán triệt các nghị quyết của Đảng được tổ chức nghiêm túc, đúng kế hoạch.",
    "Các cấp ủy cần nâng cao chất lượng sinh hoạt chi bộ, gắn trách nhiệm người đứng đầu với "
    "kết quả thực hiện nhiệm vụ.",
    "Tỷ lệ hộ nghèo giảm còn {poor}%, thu nhập bình quân đầu người tăng so với cùng kỳ.",
    "Đến nay đã có {communes} xã đạt chuẩn nông thôn mới, {adv} xã đạt chuẩn nông thôn mới "
    "nâng cao.",
)
CENTRAL_DOCS = (  # (kind word, number code, issuer, kind)
    ("Nghị quyết", "NQ/TW", "Bộ Chính trị", "resolution"),
    ("Chỉ thị", "CT/TW", "Ban Bí thư", "directive"),
    ("Kết luận", "KL/TW", "Bộ Chính trị", "conclusion"),
    ("Quy định", "QĐ/TW", "Ban Chấp hành Trung ương Đảng", "regulation"),
)


@cache
def _surnames() -> tuple[tuple[str, ...], tuple[float, ...]]:
    path = ROOT / "graph" / "data" / "lexicon" / "surnames.txt"
    names = tuple(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and " " not in line.strip()
    )
    weights = tuple(1.0 / (rank + 1) ** 1.1 for rank in range(len(names)))  # Zipf-like
    return names, weights


@cache
def _places() -> tuple[tuple[Any, tuple[Any, ...]], ...]:
    """Provinces (pre-2025) with their current, numbered-or-named districts."""
    out = []
    for p in gazetteer.provinces():
        ds = tuple(d for d in gazetteer.districts_of(p.name) if not d.abolished)
        if ds:
            out.append((p, ds))
    return tuple(out)


@dataclass(frozen=True)
class Person:
    name: str
    female: bool

    @property
    def given(self) -> str:
        return self.name.rsplit(" ", 1)[1]

    @property
    def honorific(self) -> str:
        return "bà" if self.female else "ông"


def _person(rng: random.Random, taken: set[str]) -> Person:
    names, weights = _surnames()
    while True:
        female = rng.random() < 0.25
        surname = rng.choices(names, weights)[0]
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        name = f"{surname} {middle} {given}"
        if name not in taken:
            taken.add(name)
            return Person(name, female)


@dataclass(frozen=True)
class Cast:
    """Who holds what in one province for one five-year term."""

    secretary: Person
    standing: Person  # Phó Bí thư Thường trực
    chairman: Person  # Phó Bí thư, Chủ tịch UBND
    organization: Person  # Trưởng Ban Tổ chức
    propaganda: Person  # Trưởng Ban Tuyên giáo
    district_heads: tuple[tuple[Any, Person], ...]  # (District, Bí thư)
    central_member: bool  # is the secretary a Central Committee member
    council_chair: bool  # is the secretary also chair of the HĐND


@cache
def _cast(seed: int, province_index: int, term: int) -> Cast:
    rng = random.Random(f"{seed}:cast:{province_index}:{term}")
    _p, districts = _places()[province_index]
    taken: set[str] = set()
    heads = tuple((d, _person(rng, taken)) for d in rng.sample(districts, min(4, len(districts))))
    return Cast(
        secretary=_person(rng, taken),
        standing=_person(rng, taken),
        chairman=_person(rng, taken),
        organization=_person(rng, taken),
        propaganda=_person(rng, taken),
        district_heads=heads,
        central_member=rng.random() < 0.7,
        council_chair=rng.random() < 0.5,
    )


@dataclass
class _Gold:
    """Accumulates one article's gold in FORMAT.md shape, without duplicates."""

    persons: dict[str, list[str]] = field(default_factory=dict)
    orgs: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    holdings: list[dict[str, Any]] = field(default_factory=list)

    def person(self, p: Person, *aliases: str) -> None:
        known = self.persons.setdefault(p.name, [])
        known.extend(a for a in aliases if a not in known)

    def org(self, name: str, kind: str, *aliases: str) -> None:
        _kind, known = self.orgs.setdefault(name, (kind, []))
        known.extend(a for a in aliases if a not in known and a != name)

    def hold(self, p: Person, role: str, org: str, kind: str, *, former: bool = False) -> None:
        self.person(p)
        self.org(org, kind)
        entry: dict[str, Any] = {"person": p.name, "role": role, "organization": org}
        if former:
            entry["former"] = True
        if entry not in self.holdings:
            self.holdings.append(entry)

    def doc(self, name: str, kind: str, issuer: str | None, aliases: list[str]) -> None:
        self.docs[name] = {
            "name": name,
            "kind": kind,
            "issuer": issuer,
            "title": None,
            "aliases": aliases,
        }


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article (JSON Lines record) and its gold (FORMAT.md)."""

    record: dict[str, Any]
    gold: dict[str, Any]

    @property
    def words(self) -> int:
        return len(self.record["title"].split()) + len(self.record["text"].split())


def _central_doc(rng: random.Random, term: int) -> tuple[str, str, str, list[str], str]:
    word, code, issuer, kind = rng.choice(CENTRAL_DOCS)
    number = rng.randint(1, 60) + 10 * term
    khoa = CENTRAL_TERMS[term]
    name = f"{word} {number} của {issuer}"
    surface = f"{word} số {number:02d}-{code}"
    aliases = [surface, f"{word} số {number:02d}-{code} của {issuer}", f"{word} {number}"]
    cite = f"{surface} của {issuer} khóa {khoa}"
    return name, kind, issuer, aliases, cite


def article(seed: int, i: int) -> SyntheticArticle:
    """Article number ``i`` of the corpus with this ``seed`` (independent of the others)."""
    rng = random.Random(f"{seed}:{i}")
    places = _places()
    pi = rng.randrange(len(places))
    province, _districts = places[pi]
    term = rng.randrange(len(TERMS))
    cast = _cast(seed, pi, term)
    year = rng.randint(*TERMS[term])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    committee = province.party_committee_name  # Tỉnh ủy X / Thành ủy X
    committee_word = committee.split(" ", 2)[0] + " " + committee.split(" ", 2)[1]  # Tỉnh ủy
    level = "thành phố" if province.kind == "thành phố" else "tỉnh"
    short = f"{level} {province.name}" if level == "tỉnh" else f"Thành phố {province.name}"
    people_council = f"Hội đồng nhân dân {short}"
    people_committee = f"Ủy ban nhân dân {short}"
    standing_body = f"Ban Thường vụ {committee}"
    org_board = f"Ban Tổ chức {committee}"
    prop_board = f"Ban Tuyên giáo {committee}"
    party_term = to_roman(15 + pi % 4 + term) or "XX"

    g = _Gold()
    g.org(committee, "party_committee", f"Ban Chấp hành Đảng bộ {short}")
    sec, std, chm = cast.secretary, cast.standing, cast.chairman
    paras: list[str] = []

    filler = rng.sample(FILLER, len(FILLER))  # no sentence twice in one article

    def fill(n: int) -> None:
        for _ in range(n):
            paras.append(
                (filler.pop() if filler else rng.choice(FILLER)).format(
                    place=short,
                    pct=f"{rng.randint(5, 9)},{rng.randint(0, 9)}",
                    half=rng.choice(("một nửa", "60%", "70%")),
                    topic=rng.choice(TOPICS),
                    year=year,
                    next=year + 1,
                    members=rng.randint(300, 3000),
                    poor=f"{rng.randint(1, 9)},{rng.randint(0, 9)}",
                    communes=rng.randint(20, 150),
                    adv=rng.randint(2, 30),
                )
            )

    kind = rng.random()
    organizer = committee if kind < 0.6 else standing_body
    when = rng.choice(("Sáng", "Chiều"))
    if organizer == committee:
        ordinal = rng.choice(ORDINALS)
        purpose = rng.choice(PURPOSES)
        title = f"{committee} {purpose} năm {year}"
        paras.append(
            f"{when} {day}/{month}, tại {short}, Ban Chấp hành Đảng bộ {short} khóa "
            f"{party_term} tổ chức hội nghị lần {ordinal} để {purpose} năm {year}."
        )
        event_name = f"Hội nghị lần {ordinal} Ban Chấp hành Đảng bộ {short} khóa {party_term}"
    else:
        topic = rng.choice(TOPICS)
        title = f"Ban Thường vụ {committee} cho ý kiến về {topic}"
        paras.append(
            f"{when} {day}/{month}/{year}, Ban Thường vụ {committee} họp cho ý kiến về công tác "
            f"{topic} trong thời gian tới."
        )
        event_name = f"Hội nghị Ban Thường vụ {committee} về {topic}"
        g.org(standing_body, "party_body")

    # chair with a title chain
    chain = []
    if cast.central_member:
        chain.append("Ủy viên Trung ương Đảng")
        g.hold(sec, "Ủy viên", "Ban Chấp hành Trung ương Đảng", "party_committee")
    chain.append(f"Bí thư {committee_word}")
    g.hold(sec, "Bí thư", committee, "party_committee")
    if cast.council_chair:
        chain.append(f"Chủ tịch HĐND {level}")
        g.hold(sec, "Chủ tịch", people_council, "legislature")
    paras.append(f"{', '.join(chain)} {sec.name} chủ trì hội nghị.")
    participants = [sec]

    # attendance with apposition
    g.hold(chm, "Phó Bí thư", committee, "party_committee")
    g.hold(chm, "Chủ tịch", people_committee, "government")
    attend = (
        f"Cùng dự có {chm.honorific} {chm.name}, Phó Bí thư {committee_word}, Chủ tịch UBND {level}"
    )
    participants.append(chm)
    if rng.random() < 0.6:
        g.hold(std, "Phó Bí thư Thường trực", committee, "party_committee")
        attend += f"; {std.honorific} {std.name}, Phó Bí thư Thường trực {committee_word}"
        participants.append(std)
    paras.append(
        attend + f"; các đồng chí Ủy viên Ban Thường vụ {committee_word}, lãnh đạo các sở, ban, "
        "ngành, đoàn thể."
    )
    fill(rng.randint(1, 2))

    # a report by the chairman, referred back to by given name
    paras.append(
        f"Trình bày báo cáo, {chm.honorific} {chm.given} cho biết {rng.choice(TOPICS)} "
        f"tiếp tục được quan tâm chỉ đạo, nhiều chỉ tiêu đạt và vượt kế hoạch."
    )
    fill(rng.randint(2, 4))

    # a document, presented by the head of a board
    head, board, board_word = (
        (cast.organization, org_board, "Ban Tổ chức")
        if rng.random() < 0.5
        else (cast.propaganda, prop_board, "Ban Tuyên giáo")
    )
    g.hold(head, "Ủy viên", standing_body, "party_body")
    g.hold(head, "Trưởng ban", board, "party_body")
    participants.append(head)
    cdoc, ckind, cissuer, caliases, cite = _central_doc(rng, term)
    number = rng.randint(10, 250)
    plan_surface = f"Kế hoạch số {number}-KH/TU"
    plan_name = f"{plan_surface} của Ban Thường vụ {committee}"
    g.doc(plan_name, "plan", standing_body, [plan_surface, f"Kế hoạch {number}-KH/TU"])
    g.doc(cdoc, ckind, cissuer, caliases)
    g.org(standing_body, "party_body")
    g.org(cissuer, "party_committee" if cissuer.startswith("Ban Chấp hành") else "party_body")
    paras.append(
        f"Về công tác xây dựng Đảng, Ủy viên Ban Thường vụ {committee_word}, Trưởng {board_word} "
        f"{committee_word} {head.name} trình bày dự thảo {plan_surface} của Ban Thường vụ "
        f"{committee_word} thực hiện {cite}. Theo {head.honorific} {head.given}, mỗi cơ quan, "
        "đơn vị phải xác định rõ việc cần làm, người chịu trách nhiệm và thời hạn hoàn thành."
    )
    fill(rng.randint(1, 3))

    # a district secretary speaks
    district, dhead = rng.choice(cast.district_heads)
    dcommittee = district.committee_name
    g.hold(dhead, "Ủy viên", standing_body, "party_body")
    g.hold(dhead, "Bí thư", dcommittee, "party_committee")
    participants.append(dhead)
    paras.append(
        f"Thảo luận tại hội nghị, {dhead.honorific} {dhead.name}, Ủy viên Ban Thường vụ "
        f"{committee_word}, Bí thư {dcommittee}, đề nghị {level} sớm phân cấp mạnh hơn cho cơ sở "
        f"trong {rng.choice(TOPICS)}."
    )

    # a former secretary, from the previous term
    if term > 0 and rng.random() < 0.3:
        old = _cast(seed, pi, term - 1).secretary
        if old.name not in g.persons:
            g.hold(old, "Bí thư", committee, "party_committee", former=True)
            participants.append(old)
            paras.append(
                f"Dự hội nghị còn có {old.honorific} {old.name}, nguyên Bí thư {committee_word}."
            )
    fill(rng.randint(1, 3))

    paras.append(
        f"Kết luận hội nghị, đồng chí Bí thư {committee_word} yêu cầu các cấp ủy, tổ chức đảng "
        f"tập trung lãnh đạo thực hiện thắng lợi nhiệm vụ năm {year}. {sec.honorific.capitalize()} "
        f"{sec.given} nhấn mạnh {rng.choice(TOPICS)} phải được cụ thể hóa bằng chương trình hành "
        "động."
    )

    aid = f"syn{seed}-{i:06d}"
    record = {"id": aid, "title": title, "date": date, "text": "\n\n".join(paras)}
    gold = {
        "article": aid,
        "date": date,
        "date_basis": "meeting date in the first paragraph (generated)",
        "persons": [{"name": n, "aliases": a} for n, a in g.persons.items()],
        "organizations": [{"name": n, "kind": k, "aliases": a} for n, (k, a) in g.orgs.items()],
        "documents": list(g.docs.values()),
        "holdings": g.holdings,
        "events": [
            {
                "name": event_name,
                "date": date,
                "organizer": organizer,
                "chair": sec.name,
                "participants": [p.name for p in participants],
                "documents": [plan_name],
            }
        ],
    }
    return SyntheticArticle(record, gold)


def generate(n: int, seed: int = 1, start: int = 0) -> Iterator[SyntheticArticle]:
    """Articles ``start`` … ``start + n - 1`` of the corpus with this seed."""
    for i in range(start, start + n):
        yield article(seed, i)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_corpus(
    out_dir: str | os.PathLike[str],
    n: int,
    seed: int = 1,
    *,
    per_file: int = 1000,
    gold: bool = True,
) -> dict[str, Any]:
    """Write ``n`` articles as JSON Lines shards (+ gold); returns the ``corpus.json`` summary."""
    out = Path(out_dir)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    if gold:
        (out / "gold").mkdir(parents=True, exist_ok=True)
    words = 0
    for part, start in enumerate(range(0, n, per_file)):
        lines = []
        for a in generate(min(per_file, n - start), seed, start):
            words += a.words
            lines.append(json.dumps(a.record, ensure_ascii=False, sort_keys=True))
            if gold:
                _write(
                    out / "gold" / f"{a.record['id']}.json",
                    json.dumps(a.gold, ensure_ascii=False, indent=1) + "\n",
                )
        _write(out / "articles" / f"part-{part:05d}.jsonl", "\n".join(lines) + "\n")
    summary = {"articles": n, "seed": seed, "words": words, "per_file": per_file}
    _write(out / "corpus.json", json.dumps(summary, indent=1) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--no-gold", action="store_true", help="Articles only.")
    args = parser.parse_args(argv)
    summary = write_corpus(
        args.out_dir, args.articles, args.seed, per_file=args.per_file, gold=not args.no_gold
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
