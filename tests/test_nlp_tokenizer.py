"""The syllable tokenizer: one token per syllable, kept units whole, text preserved."""

from __future__ import annotations

import pytest

from polgraph.nlp.pipeline import make_pipeline
from polgraph.nlp.tokenizer import tokenize


@pytest.mark.parametrize(
    "unit",
    [
        "TP.HCM",
        "T.Ư",
        "21/7",
        "24-6-2024",
        "48-KH/QU",
        "70/NQ-HĐND",
        "1674-QĐNS/TW",
        "TT&TT",
        "LĐ-TB&XH",
        "TƯ4",
        "H'Mông",
    ],
)
def test_tokenizer_keeps_units_whole(unit: str) -> None:
    words = [w for w, _ in tokenize(f"Theo {unit}, ông A.")]
    assert unit in words


def test_tokenizer_splits_syllables_and_punctuation() -> None:
    words = [w for w, _ in tokenize("Bí thư Tỉnh ủy, ông Lê Văn A.")]
    assert words == ["Bí", "thư", "Tỉnh", "ủy", ",", "ông", "Lê", "Văn", "A", "."]


def test_tokenizer_prefix_abbreviation_keeps_its_dot() -> None:
    assert [w for w, _ in tokenize("TP. Hà Nội")] == ["TP.", "Hà", "Nội"]


def test_doc_text_is_the_input_text() -> None:
    nlp = make_pipeline(places=False)
    text = "Ngày 3/8,  Ban Thường vụ\n\nThành ủy   họp.\t"
    doc = nlp(text)
    assert doc.text == text
    assert [t.idx for t in doc if not t.is_space] == [start for _, start in tokenize(text)]


def test_sentences_end_at_line_breaks_and_full_stops() -> None:
    nlp = make_pipeline(places=False)
    doc = nlp("Sáng 21/7, Thành ủy họp. Ông A phát biểu\nTin đọc nhiều")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Sáng 21/7, Thành ủy họp.", "Ông A phát biểu", "Tin đọc nhiều"]


def test_abbreviation_dot_does_not_end_a_sentence() -> None:
    nlp = make_pipeline(places=False)
    doc = nlp("Quận ủy Q. 5 và TP. Hồ Chí Minh họp.")
    assert len([s for s in doc.sents if s.text.strip()]) == 1


def test_abbreviation_dot_before_a_sentence_opener_ends_the_sentence() -> None:
    nlp = make_pipeline(places=False)
    doc = nlp("Ông A làm chủ tịch HĐND TP. Ông B tái đắc cử.")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Ông A làm chủ tịch HĐND TP.", "Ông B tái đắc cử."]
