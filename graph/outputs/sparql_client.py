"""A SPARQL server seen from polgraph: Graph Store requests and SELECTs, with retries.

Split from ``polgraph.outputs.load`` so the loader reads as what it does (replace
graphs, check the result) and this as how it talks: which failures are transient
(dropped connections, answers cut short, timeouts, 408/425/429/5xx) and retried
with back-off, how credentials are sent (Basic as UTF-8 per RFC 7617, Digest
when the server asks), and that every message leaves without them
(``polgraph.outputs.redact``).
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from polgraph.core.vocab import ID
from polgraph.outputs.redact import redact_text, redact_url, secret_forms

__all__ = [
    "POLGRAPH_GRAPHS",
    "TRANSIENT",
    "Server",
    "ServerError",
    "iri",
    "query_url_for",
    "redact",
]

POLGRAPH_GRAPHS = ID
"""Named graphs whose IRI starts with this are polgraph's: a load makes them equal its input."""

TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})

redact = redact_url


def query_url_for(endpoint: str) -> str:
    """The SPARQL query URL next to a Graph Store URL, for the servers the README lists.

    >>> query_url_for("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_url_for("http://h:3030/ds/data")
    'http://h:3030/ds/sparql'
    >>> query_url_for("http://h:7200/repositories/pg/rdf-graphs/service")
    'http://h:7200/repositories/pg'
    >>> query_url_for("http://h:8890/sparql-graph-crud-auth")
    'http://h:8890/sparql'
    >>> query_url_for("https://h:8182/sparql/gsp/")
    'https://h:8182/sparql'
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for suffix, replacement in (
        ("/store", "/query"),
        ("/rdf-graphs/service", ""),
        ("/sparql-graph-crud-auth", "/sparql"),
        ("/sparql-graph-crud", "/sparql"),
        ("/sparql/gsp", "/sparql"),
        ("/data", "/sparql"),
    ):
        if path.endswith(suffix):
            new = path[: -len(suffix)] + replacement
            return urlunsplit((parts.scheme, parts.netloc, new, "", ""))
    raise ValueError(
        f"cannot tell the SPARQL query URL for {redact(endpoint)}; give it with --query-endpoint"
    )


class ServerError(Exception):
    """A request failed for good (after retries); the message carries no credentials."""


class Server:
    """A Graph Store endpoint plus its SPARQL query URL, with retries and optional auth."""

    def __init__(
        self,
        endpoint: str,
        *,
        query_endpoint: str | None = None,
        user: str | None = None,
        password: str | None = None,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 60.0,
    ) -> None:
        try:
            parts = urlsplit(endpoint)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
            parts.port  # noqa: B018  (raises ValueError on a bad port)
        except ValueError:
            valid = False
        if not valid:
            raise ValueError(f"endpoint must be an http(s) URL, got {redact(endpoint)!r}")
        if parts.username is not None and user is None:
            user, password = unquote(parts.username), unquote(parts.password or "")
        self.endpoint = redact(endpoint)
        self.query_endpoint = redact(query_endpoint or query_url_for(self.endpoint))
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies from the environment: talk to the URL given
        self._credentials = (user, password or "") if user is not None else None
        self._secrets = secret_forms(user, password or "") if user is not None else []
        if self._credentials:
            # bytes: requests would encode str as latin-1; RFC 7617 says UTF-8
            self.session.auth = HTTPBasicAuth(*(c.encode("utf-8") for c in self._credentials))
        self.product = ""

    def clean(self, text: str) -> str:
        """``text`` with credentials removed, on one line, for a message."""
        return " ".join(redact_text(text, self._secrets).split())

    # transport -----------------------------------------------------------

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One request, retried on transient failures with exponential back-off.

        Connection errors, timeouts, answers cut short and 408/425/429/5xx are
        transient; the body is read inside the retry loop, so a reply cut
        mid-chunk is retried like a dropped connection.
        """
        kwargs.setdefault("timeout", self.timeout)
        where = f"{method} {redact(url)}"
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(self.backoff * 2 ** (attempt - 1), 30.0))
            try:
                r = self.session.request(method, url, **kwargs)
                if self._wants_digest(r):
                    r = self.session.request(method, url, **kwargs)
                r.content  # noqa: B018  (read it all now: a cut body raises here)
            except requests.Timeout:
                last = f"no answer within {self.timeout:g} s (--timeout)"
                continue
            except (
                requests.ConnectionError,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
                http.client.HTTPException,
            ) as exc:
                last = f"connection failed or answer cut short ({type(exc).__name__})"
                continue
            except UnicodeError as exc:
                raise ServerError(f"{where}: cannot send the credentials ({exc.reason})") from None
            except (requests.RequestException, ValueError) as exc:
                raise ServerError(f"{where}: {self.clean(str(exc))[:300]}") from None
            if not self.product:
                self.product = r.headers.get("server", "")
            if r.status_code in TRANSIENT:  # keep what the server said, for the final error
                last = self.clean(f"HTTP {r.status_code} {r.text}")[:300]
                continue
            if r.status_code >= 400:
                raise ServerError(self.clean(f"{where}: HTTP {r.status_code} {r.text}")[:400])
            return r
        raise ServerError(f"{where}: {last} (gave up after {self.retries + 1} attempts)")

    def _wants_digest(self, r: requests.Response) -> bool:
        """After a 401 under Basic auth, switch to Digest once (Virtuoso wants Digest).

        Virtuoso answers Basic credentials with a bare 401 (no challenge), so
        the switch cannot wait for a ``WWW-Authenticate: Digest`` header.
        """
        if r.status_code != 401 or not self._credentials:
            return False
        if isinstance(self.session.auth, HTTPDigestAuth):
            return False
        user, password = self._credentials
        if not (user + password).isascii():  # Digest sends the user name in a header
            return False
        self.session.auth = HTTPDigestAuth(user, password)
        return True

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT on the query endpoint; each row maps variable → lexical value."""
        r = self.request(
            "POST",
            self.query_endpoint,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        return _bindings(r, self.clean, self.query_endpoint)

    def update(self, update: str) -> None:
        """Run a SPARQL update at the server's update URL (used on the Oxigraph fast path)."""
        url = self.query_endpoint.rsplit("/", 1)[0] + "/update"
        self.request(
            "POST",
            url,
            data=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )

    @property
    def is_oxigraph(self) -> bool:
        return "oxigraph/" in self.product.lower()

    def probe(self) -> None:
        """Check the query endpoint answers (and learn the server product)."""
        self.select("SELECT ?x WHERE { VALUES ?x { 1 } }")

    def polgraph_graphs(self) -> set[str]:
        """Names of the non-empty named graphs on the server that are polgraph's."""
        rows = self.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{POLGRAPH_GRAPHS}")) }}'
        )
        return {row["g"] for row in rows if row.get("g", "").startswith(POLGRAPH_GRAPHS)}

    def drop_graphs(self, graphs: Sequence[str], *, bulk: bool) -> None:
        """Remove whole graphs: one update on Oxigraph, else Graph Store ``DELETE``s."""
        if not graphs:
            return
        if bulk:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {iri(g)}" for g in graphs))
            return
        for g in graphs:
            try:
                self.request("DELETE", self.endpoint, params={"graph": g})
            except ServerError as exc:
                if "HTTP 404" not in str(exc):  # already gone
                    raise

    # graph store -----------------------------------------------------------

    def put_graph(self, graph: str, body: bytes, *, first: bool, bulk: bool = False) -> None:
        params = {"graph": graph}
        if bulk:
            params["no_transaction"] = ""
        self.request(
            "PUT" if first else "POST",
            self.endpoint,
            params=params,
            data=body,
            headers={"Content-Type": "application/n-triples"},
        )

    def post_quads(self, body: bytes) -> None:
        """Oxigraph: add an N-Quads body to the dataset without a transaction."""
        self.request(
            "POST",
            self.endpoint + "?no_transaction",
            data=body,
            headers={"Content-Type": "application/n-quads"},
        )

    def counts(self, graphs: Sequence[str], chunk: int = 200) -> dict[str, int]:
        """Number of triples the server holds in each of ``graphs`` (absent graphs: 0)."""
        out = dict.fromkeys(graphs, 0)
        for i in range(0, len(graphs), chunk):
            values = " ".join(iri(g) for g in graphs[i : i + chunk])
            rows = self.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { "
                + values
                + " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            )
            for row in rows:
                out[row["g"]] = int(row["n"])
        return out


def _bindings(
    r: requests.Response, clean: Callable[[str], str], where: str
) -> list[dict[str, str]]:
    """The rows of a SPARQL JSON SELECT answer; anything else is a ``ServerError``."""
    what = r.headers.get("content-type", "no content type")
    try:
        payload = r.json()
    except ValueError:
        head = clean(r.text)[:200]
        raise ServerError(
            f"{where} answered {r.status_code} with {what}, not SPARQL JSON results: {head}"
        ) from None
    if isinstance(payload, dict) and "boolean" in payload and "results" not in payload:
        raise ServerError(f"{where} answered a yes/no (ASK) result to a SELECT query")
    try:
        rows = payload["results"]["bindings"]
        return [{k: str(v["value"]) for k, v in row.items()} for row in rows]
    except (KeyError, TypeError, AttributeError):
        raise ServerError(f"{where} answered JSON that is not SPARQL SELECT results") from None


def iri(text: str) -> str:
    """An IRI as SPARQL text; pyoxigraph rejects anything that is not a valid IRI."""
    return str(ox.NamedNode(text))
