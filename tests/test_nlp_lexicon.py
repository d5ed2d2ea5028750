"""The lexicon component: titles, bodies, cues and places as spans with canonical keys."""

from __future__ import annotations

from polgraph.nlp import load_pipeline


def _spans(text: str) -> set[tuple[str, str, str]]:
    doc = load_pipeline()(text)
    return {(s.label_, s.kb_id_, s.text) for s in doc.spans["lexicon"]}


def test_lexicon_marks_titles_and_bodies_case_insensitively() -> None:
    spans = _spans("nguyên phó bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")
    assert ("ROLE", "Phó Bí thư", "phó bí thư") in spans
    assert ("PREFIX_FORMER", "nguyên", "nguyên") in spans
    assert ("COMMITTEE", "Tỉnh ủy", "Tỉnh ủy") in spans
    assert ("COMMITTEE", "Ủy ban nhân dân", "UBND") in spans


def test_lexicon_expands_abbreviations_of_central_bodies() -> None:
    spans = _spans("Bí thư T.Ư Đoàn và Ủy viên BCH TW Đảng")
    assert ("NATORG", "Trung ương Đoàn TNCS Hồ Chí Minh", "T.Ư Đoàn") in spans
    assert ("NATORG", "Ban Chấp hành Trung ương Đảng", "BCH TW Đảng") in spans


def test_places_are_matched_with_their_case() -> None:
    spans = _spans("Huyện ủy Đại Từ và Thành ủy TP.HCM; hà nội viết thường")
    assert ("PROVINCE", "Hồ Chí Minh", "TP.HCM") in spans
    assert any(label == "DISTRICT" and text == "Đại Từ" for label, _, text in spans)
    assert not any(label == "PROVINCE" and text == "hà nội" for label, _, text in spans)
