"""The extractor never crashes and never stalls, whatever the text.

Two kinds of test:

* property fuzzing with hypothesis over random and adversarial Unicode, mixed with
  the Vietnamese words the extractors look for (titles, committees, dates, document
  numbers), so the fuzzer reaches the extractors' branches rather than only the
  tokenizer.  The default run is short and derandomised; for a long run set
  ``POLGRAPH_FUZZ_SECONDS`` (e.g. ``POLGRAPH_FUZZ_SECONDS=600 pytest
  tests/test_fuzz_extract.py``) or use ``bench/fuzz_extract.py`` (hypothesis, or
  atheris when it is installed).
* pathological inputs with a time bound: 100,000-character sentences, deeply
  repeated titles.  The bound is relative to an ordinary text of the same length
  measured in the same run, so it holds on slow and loaded machines but catches
  a quadratic (or backtracking) slow path.
"""

from __future__ import annotations

import functools
import os
import time
import traceback
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from polgraph.build.extraction import ExtractionTimeout, _time_budget
from polgraph.core.model import Article, ArticleFacts
from polgraph.extract import extract_article

FUZZ_SECONDS = float(os.environ.get("POLGRAPH_FUZZ_SECONDS", "0") or 0)
LONG = FUZZ_SECONDS > 0
PER_ARTICLE_SECONDS = 30.0  # a fuzzed article is at most a few thousand characters

# Words and pieces the extractors react to (invented names only).
VOCAB = [
    "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Ban Thường vụ",
    "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "UBND", "HĐND", "Ủy ban nhân dân",
    "Hội đồng nhân dân", "tỉnh", "huyện", "xã", "thành phố", "Hà Nội", "Nghệ An", "TP.HCM",
    "Mặt trận Tổ quốc", "Sở Nội vụ", "đồng chí", "ông", "bà", "Nguyễn", "Trần", "Lê", "Văn",
    "Thị", "Đức", "An", "Bình", "Cường", "Nghị quyết", "Quyết định", "Kế hoạch", "Chỉ thị",
    "số", "12-NQ/TW", "05/2021/QĐ-UBND", "ngày", "tháng", "năm", "2021", "15/3", "1/2/2020",
    "hội nghị", "kỳ họp", "chủ trì", "dự", "được bầu", "giữ chức", "nguyên", "từng",
    "khóa XIV", "nhiệm kỳ 2020-2025", "(", ")", ",", ".", ";", ":", "-", "–", "\n", "\n\n",
    "T.Ư", "TW", "Trung ương", "Bộ Chính trị", "Quốc hội", "Chính phủ", "cho biết", "là",
]  # fmt: skip
ADVERSARIAL = [
    "\u0301", "\u0300\u0323\u0309", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2028",
    "\u00a0", "\x00", "\x1b[31m", "\r", "\t", "🙂", "👨‍👩‍👧", "𝐁í", "ǅ", "ﬁ", "İ", "ß",
    "\U0010ffff", "\ufffd", "\ufffe", '"', "'", "<script>", "\\", "%", "{", "}", "#",
    "ĐẢNG", "đảng", "Ð", "uỷ", "ủy", "ò", "o\u0300", "a" * 300, "1" * 60, "." * 50,
]  # fmt: skip

piece = st.one_of(
    st.sampled_from(VOCAB),
    st.sampled_from(ADVERSARIAL),
    st.text(max_size=12),  # any code point hypothesis can produce (no lone surrogates)
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=4),
)
separator = st.sampled_from([" ", " ", " ", "", "\n", ", ", ". "])
texts = st.one_of(
    st.lists(st.tuples(piece, separator), max_size=120).map(
        lambda parts: "".join(p + s for p, s in parts)
    ),
    st.text(max_size=400),
)
titles = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(VOCAB))


def check(facts: ArticleFacts, article: Article) -> None:
    """What every result must satisfy, whatever the input."""
    assert isinstance(facts, ArticleFacts)
    # offsets point into what extraction read (headline + body when the model says so)
    read = getattr(article, "full_text", article.text)
    groups = (facts.persons, facts.organizations, facts.documents, facts.holdings, facts.events)
    for group in groups:
        for item in group:
            for ev in getattr(item, "evidence", ()):
                assert ev.article_id == article.id
                assert 0 <= ev.start <= ev.end <= len(read), ev


# Long runs only: findings already reported, as "ExceptionType@file.py" (comma-separated),
# so the fuzzer looks for new ones instead of shrinking the same one again.
KNOWN = {k.strip() for k in os.environ.get("POLGRAPH_FUZZ_KNOWN", "").split(",") if k.strip()}


def _known(exc: Exception) -> bool:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__}@{os.path.basename(frame.filename)}" in KNOWN


def extract_checked(text: str, title: str | None = None) -> None:
    article = Article(id="fuzz", text=text, title=title)
    started = time.monotonic()
    try:
        facts = extract_article(article)
    except Exception as exc:
        if LONG and _known(exc):
            return
        raise
    elapsed = time.monotonic() - started
    check(facts, article)
    assert elapsed < PER_ARTICLE_SECONDS, f"{elapsed:.1f} s for {len(text)} characters"


_settings = settings(
    # a long run stops at POLGRAPH_FUZZ_SECONDS or after this many examples per test
    max_examples=int(os.environ.get("POLGRAPH_FUZZ_EXAMPLES", "5000")) if LONG else 60,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


def _fuzz_for(seconds: float) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """In a long run, stop testing examples ``seconds`` after the first one."""
    started: list[float] = []

    def wrap(test: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(test)
        def run(*args: object, **kwargs: object) -> None:
            started[:] = started or [time.monotonic()]
            if LONG and time.monotonic() - started[0] > seconds:
                return
            test(*args, **kwargs)

        return run

    return wrap


@seed(20240601)
@_settings
@given(text=texts, title=titles)
@_fuzz_for(FUZZ_SECONDS / 2)
def test_extractor_never_raises_on_any_text(text: str, title: str | None) -> None:
    extract_checked(text, title)


@seed(20240602)
@_settings
@given(
    unit=st.one_of(st.sampled_from(VOCAB), st.sampled_from(ADVERSARIAL), st.text(max_size=8)),
    count=st.integers(min_value=1, max_value=400),
    tail=st.sampled_from(["", ".", " Nguyễn Văn An.", "\n"]),
)
@_fuzz_for(FUZZ_SECONDS / 2)
def test_extractor_never_raises_on_repetition(unit: str, count: int, tail: str) -> None:
    """Repeated words are where slow paths and deep recursion hide."""
    extract_checked(unit * count + tail)


# ------------------------------------------------------------------ pathological inputs

SIZE = 100_000


def _seconds(text: str, limit: float | None = None) -> float:
    """Wall time of one extraction; ``inf`` when it exceeds ``limit``."""
    started = time.monotonic()
    try:
        with _time_budget(limit):
            extract_article(Article(id="p", text=text))
    except ExtractionTimeout:
        return float("inf")
    return time.monotonic() - started


def _repeat(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


_reference_cache: dict[int, float] = {}


def _reference(size: int) -> float:
    """Time for ordinary prose of that size in this run (the machine's speed today)."""
    if size not in _reference_cache:
        _seconds("Hội nghị.")  # load the pipeline outside the measurement
        prose = _repeat("Hội nghị cán bộ họp bàn công tác năm nay ", size)
        _reference_cache[size] = _seconds(prose)
    return _reference_cache[size]


def assert_linear(text: str) -> None:
    reference = _reference(len(text))
    bound = 6 * reference + 3.0  # generous: noise and a heavier word mix, not a slow path
    took = _seconds(text, limit=bound)
    assert took < bound, f"{took:.1f} s > {bound:.1f} s (ordinary text: {reference:.2f} s)"


SMALL = 30_000  # the other shapes: long enough to expose a quadratic path, short to run

PATHOLOGICAL = {
    "100k-char-sentence-no-period": _repeat("cán bộ đảng viên học tập và làm theo "),
    "repeated-deputy-secretary": "Phó Bí thư " * 5000,
    "repeated-deputy-secretary-then-name": "Phó Bí thư " * 5000 + "Nguyễn Văn An.",
    "one-100k-char-word": "a" * SIZE,
    "100k-combining-marks": "a" + "\u0301" * (SIZE - 1),
    "repeated-comrade": _repeat("đồng chí ", SMALL),
    "repeated-surname": _repeat("Nguyễn ", SMALL),
    "repeated-document-number": _repeat("Nghị quyết số 12-NQ/TW ", SMALL),
    "repeated-abbreviation": _repeat("TP.HCM", SMALL),
    "repeated-city-committee": _repeat("Thành ủy Hà Nội ", SMALL),
    "newlines": "\n" * SIZE,
    "digits-and-slashes": _repeat("1/", SMALL),
    "open-parentheses": "(" * SMALL,
    "emoji": "🙂" * SMALL,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_is_extracted_in_linear_time(name: str) -> None:
    assert_linear(PATHOLOGICAL[name])


# Quadratic before 3ad0446 (paragraph_start and _is_byline walked the line per mention).
# The full stop keeps these about speed: see test_text_ending_in_an_organization_phrase.
FORMER_SLOW_PATHS = {
    "repeated-provincial-committee": _repeat("Tỉnh ủy ", 64_000) + ".",
    "repeated-peoples-committee": _repeat("Ủy ban nhân dân ", 64_000) + ".",
    "repeated-department-of-province": _repeat("Sở Nội vụ tỉnh ", 64_000) + ".",
    "repeated-secretary-and-name": _repeat("Bí thư Nguyễn Văn An, ", 64_000) + ".",
}


@pytest.mark.parametrize("name", list(FORMER_SLOW_PATHS))
def test_former_slow_paths_stay_linear(name: str) -> None:
    assert_linear(FORMER_SLOW_PATHS[name])


# Found by atheris (bench/fuzz_extract.py): an article that ends in an organization
# phrase with no final full stop.
ENDS_IN_ORGANIZATION = [
    "UBND",
    "Tỉnh ủy",
    "Ủy ban nhân dân",
    "Tin từ UBND",
    # a place named earlier, then a bare body at the very end (random-text fuzzing)
    "Thành Hà Nội Ban huyện kỳ XI hành 5 hành tỉnh viên chức chủ Quận từng xã hoạch kỳ ương "
    "T.Ư Hội – đối 2020-2025 XI nguyên nghị gia 5 từng : Kỳ : Tổ TP.HCM . miễn Ủy ông Khối HĐND",
]


@pytest.mark.parametrize("text", ENDS_IN_ORGANIZATION)
def test_text_ending_in_an_organization_phrase(text: str) -> None:
    extract_checked(text)


# Found by atheris (bench/fuzz_extract.py --collect): each "Đảng ủy" of a repeated run
# opens one more level of orgs._committee -> orgs._party_committee_open recursion.
def test_repeated_party_committee_does_not_recurse_per_word() -> None:
    extract_checked("Đảng ủy " * 1000 + ".")
