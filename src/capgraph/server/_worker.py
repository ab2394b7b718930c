"""A query worker process of ``capgraph serve``: queries in on stdin, answers out on stdout.

pyoxigraph cannot cancel a running query, and a thread cannot be stopped from
outside. A process can: the server runs each query in one of these workers and
kills the worker when the query's time is up. Each worker opens a snapshot of
the record: a small record (an N-Quads file, ``.nq``) is loaded into memory,
where pyoxigraph answers about three times faster than from disk; a large one
(a store folder) is opened read-only, so the workers share its pages instead of
each holding a copy.

Messages are frames: a 4-byte big-endian length, then that many bytes. Once
its store is open a worker sends a header ``{"kind": "ready"}`` and an empty
body. A request is one JSON frame ``{"query", "default", "named", "max_results"}``; an
answer is a JSON header frame ``{"kind", "status", "message", "boolean"}`` and
a body frame (SPARQL JSON for solutions, N-Triples for triples, else empty).

Run as ``python -P .../capgraph/query_worker.py SNAPSHOT``: by path, and importing
nothing of capgraph, so that a worker starts in the time Python and pyoxigraph
take to load (a replacement for a killed worker is needed quickly).
"""

from __future__ import annotations

import json
import os
import signal
import struct
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from typing import IO, Any

import pyoxigraph as ox

__all__ = ["answer", "main", "read_frame", "solutions_json", "write_frame"]

_LENGTH = struct.Struct(">I")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


def write_frame(stream: IO[bytes], data: bytes) -> None:
    """Write one length-prefixed frame."""
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)


def read_frame(stream: IO[bytes]) -> bytes | None:
    """Read one frame; None at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    return data if len(data) == length else None


def _term_json(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        datatype = term.datatype.value
        if term.language is not None:
            out["xml:lang"] = term.language
            if term.direction is not None:
                out["its:dir"] = str(term.direction)
        elif datatype not in (_XSD_STRING, _RDF_LANG_STRING, _RDF_DIR_LANG_STRING):
            out["datatype"] = datatype
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(variables: Sequence[str], rows: Iterable[Sequence[object | None]]) -> bytes:
    bindings = [
        {
            name: _term_json(term)
            for name, term in zip(variables, row, strict=True)
            if term is not None
        }
        for row in rows
    ]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error(status: int, message: str) -> tuple[dict[str, Any], bytes]:
    return {"kind": "error", "status": status, "message": message}, b""


def answer(store: ox.Store, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run one query; stop with a 503 past ``max_results`` rows or triples."""
    limit = int(request["max_results"])
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
    default = [ox.NamedNode(iri) for iri in request.get("default", [])]
    named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(i) for i in request.get("named", [])]
    try:
        result = store.query(
            request["query"],
            use_default_graph_as_union=not default,
            default_graph=default or None,
            named_graphs=named or None,
        )
        if isinstance(result, ox.QueryBoolean):
            return {"kind": "boolean", "boolean": bool(result)}, b""
        collected: list[Any] = []
        for item in result:
            if len(collected) >= limit:
                return _error(
                    503,
                    f"the query has more than {limit} results; add a LIMIT or ask the "
                    "server's operator to raise --max-results",
                )
            collected.append(item)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [[solution[i] for i in range(len(variables))] for solution in collected]
            return {"kind": "solutions"}, solutions_json(variables, rows)
        body = ox.serialize(collected, format=ox.RdfFormat.N_TRIPLES) or b""
        return {"kind": "triples"}, body
    except SyntaxError as error:
        return _error(400, f"not a SPARQL 1.1 query: {error}")
    except Exception as error:  # an engine failure must reach the client, not end the worker
        return _error(500, f"the query failed: {type(error).__name__}: {error}")


def _exit_with_parent(parent: int) -> None:
    """End this worker if the server dies (even mid-query, when stdin is not being read)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def main(argv: list[str] | None = None) -> int:
    """Serve queries from stdin until it closes."""
    args = sys.argv[1:] if argv is None else argv
    # Ctrl-C reaches the whole process group; the server decides when workers end.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    snapshot = args[0]
    if snapshot.endswith(".nq"):
        store = ox.Store()
        store.bulk_load(path=snapshot, format=ox.RdfFormat.N_QUADS)
    else:
        store = ox.Store.read_only(snapshot)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    write_frame(stdout, json.dumps({"kind": "ready"}).encode("utf-8"))
    write_frame(stdout, b"")
    stdout.flush()
    while (frame := read_frame(stdin)) is not None:
        header, body = answer(store, json.loads(frame))
        write_frame(stdout, json.dumps(header).encode("utf-8"))
        write_frame(stdout, body)
        stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
