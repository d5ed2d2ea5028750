"""Nothing from an article is executed or interpreted, from the input file to every output.

End to end: hostile pages and dump lines go through ingest, the real extractor and
the build; the page must run none of it, Turtle/TriG must carry it as data.  Then
property tests: any text survives Turtle and TriG unchanged, and SPARQL values are
bound, never spliced.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from polgraph.build import build
from polgraph.core.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    OrgKind,
    Person,
)
from polgraph.rdf import facts_to_dataset, iri_for, run_query, to_trig, to_turtle, union_graph

SCHEMA = "https://schema.org/"
BREAKOUTS = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "<!--<script>alert(4)//-->",
    "javascript:alert(5)",
    "\u2028\u2029`${alert(6)}`",
]


def hostile_inputs(root: Path) -> None:
    """An HTML page and a JSON Lines dump whose every field tries to get out."""
    root.mkdir(parents=True)
    text = " ".join(b.replace("<", "&lt;").replace(">", "&gt;") for b in BREAKOUTS)
    (root / "trang.html").write_text(
        "<html><head>"
        f'<meta property="og:title" content="Tin {BREAKOUTS[1].replace(chr(34), "&quot;")}">'
        '<link rel="canonical" href="javascript:alert(7)">'
        "<script>alert(8)</script></head><body><article>"
        "<p>Bí thư Tỉnh ủy Mẫu Sơn Hoàng Văn Thử chủ trì hội nghị.</p>"
        f"<p>{text}</p>"
        '<p><a href="javascript:alert(9)">Xem</a> <img src=x onerror="alert(10)"> '
        '<span onmouseover="alert(11)">Phó Bí thư Tỉnh ủy Lương Thị Ngát dự họp.</span></p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    lines = [
        {
            "id": f"dong-{i}",
            "title": breakout,
            "url": breakout if i % 2 else "javascript:alert(12)",
            "text": f"Bí thư Huyện ủy Bến Đá Quách Văn {chr(65 + i)}{breakout} chủ trì hội nghị.",
        }
        for i, breakout in enumerate(BREAKOUTS)
    ]
    (root / "dump.jsonl").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )


class _Tags(HTMLParser):
    """Every element and attribute a browser would create from the page's markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self._in_script = tag == "script"
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def parse_page(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    hostile_inputs(root / "in")
    report = build([root / "in"], root / "out")
    assert report.articles == 1 + len(BREAKOUTS), report.skipped
    benign = root / "benign"
    benign.mkdir()
    (benign / "a.txt").write_text(
        "Bí thư Tỉnh ủy Mẫu Sơn Hoàng Văn Thử chủ trì hội nghị.", encoding="utf-8"
    )
    build([benign], root / "benign-out")
    return root / "out", root / "benign-out"


def test_page_creates_no_element_or_handler_from_an_article(built: tuple[Path, Path]) -> None:
    out, benign_out = built
    page = (out / "graph.html").read_text(encoding="utf-8")
    benign = parse_page((benign_out / "graph.html").read_text(encoding="utf-8"))
    hostile = parse_page(page)
    # the same markup as for a harmless article: no extra <script>, <img>, <svg>, …
    assert set(hostile.tags) == set(benign.tags)
    assert hostile.tags["script"] == benign.tags["script"]
    assert {(t, n) for t, n, _ in hostile.attrs} <= {(t, n) for t, n, _ in benign.attrs}
    assert not [a for a in hostile.attrs if a[1].startswith("on")]
    assert not [a for a in hostile.attrs if a[2].strip().lower().startswith("javascript:")]
    # inside the page's scripts the strings are inert JSON: no way out of the element
    for script in hostile.scripts:
        assert "</script" not in script.lower() and "<!--" not in script
        assert "\u2028" not in script and "\u2029" not in script
    # …and the strings are still there as data (the test is not vacuous)
    assert "alert(2)" in page and "alert(6)" in page


def test_graph_files_hold_hostile_strings_as_exact_literals(built: tuple[Path, Path]) -> None:
    out, _ = built
    g = Graph().parse(out / "graph.ttl", format="turtle")
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert isomorphic(union_graph(ds), g)
    headlines = {str(o) for o in g.objects(None, URIRef(SCHEMA + "headline"))}
    assert {" ".join(b.split()) for b in BREAKOUTS} <= headlines  # titles are space-folded
    for s in g.subjects():  # every IRI minted from article text is still one IRI
        assert not re.search(r"[\s<>\"{}|\\^`]", str(s)), s
    # a javascript: "url" stays a literal value, never becomes a link in the page
    urls = {str(o) for o in g.objects(None, URIRef(SCHEMA + "url"))}
    assert "javascript:alert(12)" in urls or not urls


# -------------------------------------------------------------- property: any text

# Characters that break naive Turtle/TriG/IRI/SPARQL writers, plus all of Unicode.
_NASTY = st.sampled_from(
    [
        *"\"'\\<>{}|^`#%?&=/:;.,@_-~ \t\n\r\x00\x01\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\uffff",
        *['"""', "'''", "\\u0022", "\\n", "^^", "@en", "%2F", "%%"],
        *["🙂", "\U0010ffff", "e\u0301"],
    ]
)
_text = st.lists(st.one_of(_NASTY, st.text(max_size=6)), max_size=12).map("".join)
_name = _text.filter(lambda s: s.strip() != "")


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    person=_name, org=_name, role=_name, doc=_name, number=_text, sentence=_text,
    article_id=_name, title=_text, url=_text, event=_name,
)  # fmt: skip
def test_any_text_in_every_field_round_trips_through_turtle_and_trig(
    person: str, org: str, role: str, doc: str, number: str, sentence: str,
    article_id: str, title: str, url: str, event: str,
) -> None:  # fmt: skip
    ev = Evidence(article_id, sentence, 0, len(sentence))
    facts = ArticleFacts(
        Article(id=article_id, text=sentence, title=title or None, url=url or None,
                date=dt.date(2021, 3, 5)),
        persons=(Person(person, aliases=(sentence,) if sentence else (), evidence=(ev,)),),
        organizations=(Organization(org, OrgKind.PARTY_COMMITTEE, parent=event, locality=doc),),
        documents=(Document(doc, DocKind.RESOLUTION, number=number or None, issuer=org,
                            title=title or None, evidence=(ev,)),),
        holdings=(Holding(person, role, org, evidence=(ev,)),),
        events=(Event(event, dt.date(2021, 3, 5), org, chair=person, participants=(person,),
                      documents=(doc,), evidence=(ev,)),),
    )  # fmt: skip
    ds = facts_to_dataset([facts])
    g = union_graph(ds)
    back = Graph().parse(data=to_turtle(ds), format="turtle")
    assert isomorphic(back, g)
    trig = Dataset()
    trig.parse(data=to_trig(ds), format="trig")
    assert isomorphic(union_graph(trig), g)
    named = {c.identifier for c in ds.graphs() if len(c)}
    assert named == {c.identifier for c in trig.graphs() if len(c)}
    for term in {t for triple in g for t in triple if isinstance(t, URIRef)}:
        assert not re.search(r"[\x00-\x20<>\"{}|\\^`]", str(term)), term
    if sentence:
        assert Literal(sentence) in set(back.objects())


# ------------------------------------------------------------ SPARQL: bound values


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=_text)
def test_saved_queries_bind_any_value_as_data(value: str) -> None:
    """A name containing SPARQL syntax matches only itself, locally and over HTTP."""
    ev = Evidence("k", "câu", 0, 3)
    facts = [
        ArticleFacts(
            Article(id="k", text="câu"),
            persons=(Person("Quách Văn Tâm", evidence=(ev,)),),
            holdings=(Holding("Quách Văn Tâm", "Bí thư", "Huyện ủy Bến Đá", evidence=(ev,)),),
        )
    ]
    ds = facts_to_dataset(facts)
    rows = run_query(ds, "person-posts", person_name=value)
    assert rows == [] or value == "Quách Văn Tâm"
    assert run_query(ds, "person-posts", person_name="Quách Văn Tâm")

    ox = pytest.importorskip("pyoxigraph")
    from polgraph.outputs.load import with_values
    from polgraph.rdf import load_query

    query = with_values(load_query("person-posts"), {"person_name": value})
    store = ox.Store()
    store.load(to_turtle(ds).encode(), ox.RdfFormat.TURTLE)
    assert list(store.query(query)) == []  # parses, and the value is one literal


def test_iris_from_hostile_names_are_single_valid_iris() -> None:
    for text in [*BREAKOUTS, "a b", "x\ny", "🙂", "%41", "../../etc/passwd", "?q=1#f"]:
        iri = str(iri_for("person", text))
        assert not re.search(r"[\x00-\x20<>\"{}|\\^`#?]", iri), iri
        assert "/../" not in iri


# ------------------------------------------------------------ credentials in messages

_secret = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1)


@settings(max_examples=100, deadline=None)
@given(user=_secret, password=_secret, port=st.none() | st.integers(1, 65535))
@example(user="d", password="0", port=1)  # once flaky: "d:" is in "invalid:1"
def test_endpoint_urls_in_messages_never_carry_credentials(
    user: str, password: str, port: int | None
) -> None:
    """Whatever the user name and password (percent-encoded in the URL, as they must
    be), the URL printed in messages and logs has no user-info and is otherwise intact.

    (Checking that the user name is not a substring would be unsound: user "d" and
    password "0" are inside "example.invalid:10" by chance.)"""
    from urllib.parse import quote, urlsplit

    from polgraph.outputs.load import redact

    u, p = quote(user, safe=""), quote(password, safe="")
    rest = f"sparql.example.invalid{f':{port}' if port else ''}/store?x=1"
    shown = redact(f"https://{u}:{p}@{rest}")
    parts = urlsplit(shown)
    assert parts.username is None and parts.password is None and "@" not in shown
    assert shown == f"https://{rest}"


@settings(max_examples=100, deadline=None)
@given(user=_secret, password=_secret)
def test_echoed_credentials_are_redacted_from_any_message(user: str, password: str) -> None:
    """An error page echoing the request (headers, form, URL) loses every credential,
    and nothing else.  Examples whose password (or an encoding of it) happens to be
    part of the page's own wording are set aside: cutting it there is right too."""
    import base64
    from urllib.parse import quote

    from polgraph.outputs.redact import REDACTED, redact_text, secret_forms

    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    u, p = quote(user, safe=""), quote(password, safe="")
    template = [
        "HTTP 400 bad request, you sent:",
        "Authorization: Basic {token}",
        "Proxy-Authorization: Basic {token}",
        "body: password={p}",
        "url: https://{u}:{p}@sparql.example.invalid/store",
        "bare: Basic {token}",
    ]
    forms = secret_forms(user, password)
    wording = "\n".join(template) + REDACTED
    assume(not any(f in wording for f in forms))
    page = "\n".join(line.format(token=token, u=u, p=p) for line in template)
    assert redact_text(page, forms).split("\n") == [
        "HTTP 400 bad request, you sent:",
        f"Authorization: {REDACTED}",
        f"Proxy-Authorization: {REDACTED}",
        f"body: password={REDACTED}",
        "url: https://sparql.example.invalid/store",
        f"bare: Basic {REDACTED}",
    ]
