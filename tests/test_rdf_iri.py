"""IRIs minted from names: readable, stable, and valid whatever the name contains."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from polgraph.core.vocab import ID
from polgraph.rdf import KINDS, iri_for, post_iri, to_turtle

# RFC 3987 path characters after our prefix: unreserved ASCII, pct-encoded, "/" and ucschar
_PCT = re.compile(r"%[0-9A-F]{2}")


def assert_valid_iri(iri: str) -> None:
    assert iri.startswith(ID)
    rest = _PCT.sub("", iri[len(ID) :])
    for ch in rest:
        code = ord(ch)
        ascii_ok = ch.isascii() and (ch.isalnum() or ch in "-._~/")
        ucschar = 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
        assert ascii_ok or ucschar, f"{ch!r} (U+{code:04X}) not allowed in {iri!r}"
    assert unicodedata.is_normalized("NFC", iri)


def test_readable_vietnamese_iris() -> None:
    assert iri_for("person", "Nguyễn Văn An") == URIRef(ID + "person/Nguyễn_Văn_An")
    assert iri_for("org", "Thành ủy Hà Nội") == URIRef(ID + "org/Thành_ủy_Hà_Nội")
    assert post_iri("Phó Bí thư", "Huyện ủy Bến Đá") == URIRef(
        ID + "post/Huyện_ủy_Bến_Đá/phó_bí_thư"
    )


def test_spelling_variants_meet_in_one_iri() -> None:
    nfd = unicodedata.normalize("NFD", "Thành ủy Hà Nội")
    assert (
        iri_for("org", nfd)
        == iri_for("org", "Thành uỷ  Hà Nội")
        == iri_for("org", "Thành ủy Hà Nội")
    )
    assert iri_for("role", "PHÓ BÍ THƯ") == iri_for("role", "Phó bí thư")


def test_hostile_names_are_made_safe() -> None:
    for name in ['a"b', "<script>", "x\ny", "🙂 Trần", "a/b?c#d", "%41", "", "   "]:
        iri = iri_for("person", name)
        assert_valid_iri(iri)
        assert "<" not in iri and '"' not in iri and "#" not in iri and "?" not in iri


def test_article_ids_are_kept_but_encoded() -> None:
    assert iri_for("article", "000_fb3bf89c") == URIRef(ID + "article/000_fb3bf89c")
    assert iri_for("article", "a b/c") == URIRef(ID + "article/a%20b%2Fc")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        iri_for("people", "x")


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)), name=st.text(max_size=40))
def test_any_name_gives_a_valid_iri_that_round_trips(kind: str, name: str) -> None:
    iri = iri_for(kind, name)
    assert_valid_iri(iri)
    assert iri_for(kind, name) == iri  # stable
    g = Graph()
    g.add((iri, URIRef("http://xmlns.com/foaf/0.1/name"), Literal(name)))
    back = Graph().parse(data=to_turtle(g), format="turtle")
    assert set(back) == set(g)
