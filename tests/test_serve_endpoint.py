"""`polgraph serve`: a read-only SPARQL endpoint on 127.0.0.1 that answers like the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from polgraph.outputs.load import Server, remote_select
from polgraph.outputs.serve import serve_in_thread
from polgraph.rdf import facts_to_dataset, run_query, write_trig

from .test_load_servers import corpus


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve")
    write_trig(facts_to_dataset(corpus("sv")), folder / "graph.trig")
    server, url = serve_in_thread(folder)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def test_binds_to_loopback_only(endpoint: str) -> None:
    assert endpoint.startswith("http://127.0.0.1:")


def test_office_holders_equal_the_embedded_answer(endpoint: str) -> None:
    org = "Tỉnh ủy Sông Lam sv"
    embedded = run_query(
        facts_to_dataset(corpus("sv")), "office-holders", role_label="Bí thư", org_label=org
    )
    remote = remote_select(
        Server("http://127.0.0.1:9/store", query_endpoint=endpoint),
        "office-holders",
        role_label="Bí thư",
        org_label=org,
    )
    assert [(r["person_name"], r["first_observed"]) for r in remote] == [
        (str(r["person_name"]), str(r["first_observed"])) for r in embedded
    ]


def test_default_graph_is_the_union_as_a_set(endpoint: str) -> None:
    """Each person is typed in several article graphs but counted once, as in rdflib."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }"
    r = requests.get(endpoint, params={"query": q}, headers={"Accept": "text/csv"}, timeout=10)
    assert r.text.split() == ["n", "3"]
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?p a foaf:Person } }"
    r = requests.get(endpoint, params={"query": q}, headers={"Accept": "text/csv"}, timeout=10)
    assert r.text.split() == ["n", "3"]


def test_content_negotiation(endpoint: str) -> None:
    q = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }"
    csv = requests.get(endpoint, params={"query": q}, headers={"Accept": "text/csv"}, timeout=10)
    assert csv.headers["Content-Type"].startswith("text/csv")
    assert csv.text.split() == ["n", "3"]
    ttl = requests.post(
        endpoint,
        data="CONSTRUCT WHERE { ?p a foaf:Person }",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"},
        timeout=10,
    )
    assert ttl.status_code == 200 and ttl.headers["Content-Type"].startswith("text/turtle")


def test_updates_and_writes_are_refused(endpoint: str) -> None:
    r1 = requests.post(endpoint, data={"update": "CLEAR ALL"}, timeout=10)
    r2 = requests.post(
        endpoint,
        data="CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
        timeout=10,
    )
    r3 = requests.put(endpoint, data=b"<a:b> <a:c> <a:d> .", timeout=10)
    assert (r1.status_code, r2.status_code, r3.status_code) == (403, 403, 403)
    still = requests.get(endpoint, params={"query": "ASK { ?s a foaf:Person }"}, timeout=10)
    assert still.json()["boolean"] is True
    bad = requests.get(endpoint, params={"query": "SELEKT nonsense"}, timeout=10)
    assert bad.status_code == 400


def test_missing_graph_is_a_clean_cli_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from polgraph.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["serve", str(empty), "--port", "0"])
    assert result.exit_code == 1 and "no graph.trig" in result.output
