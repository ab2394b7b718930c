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

Run as ``python -P .../capgraph/server/_worker.py SNAPSHOT OPTIONS``: by path,
and importing nothing of capgraph but ``capgraph/store/_confine.py`` (loaded by its
path), so that a worker starts in the time Python and pyoxigraph take to load
(a replacement for a killed worker is needed quickly). OPTIONS is a JSON object:

- ``confine`` (true unless ``--allow-service-to`` was given): before anything
  else the worker forbids itself network sockets (``capgraph.store._confine``); if
  the kernel refuses, the worker answers ``{"kind": "error"}`` instead of
  ready, and the server does not start;
- ``max_memory``: bytes of address space (``RLIMIT_AS``); a query that needs
  more fails its allocation and the worker dies, which the server reports as
  503 and replaces the worker;
- ``max_bytes``: the most bytes an answer may have (503 past it).
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
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


def _confine_module() -> Any:
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(package, "store", "_confine.py")
    spec = importlib.util.spec_from_file_location("capgraph_worker_confine", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _term_size(term: object) -> int:
    if isinstance(term, ox.Triple):
        return _term_size(term.subject) + _term_size(term.predicate) + _term_size(term.object)
    return len(getattr(term, "value", "")) + 16


def _too_big(limit: int) -> tuple[dict[str, Any], bytes]:
    return _error(
        503,
        f"the answer is over {limit} bytes (--max-bytes); add a LIMIT, select fewer "
        "variables, or ask the server's operator to raise --max-bytes",
    )


def _error(status: int, message: str) -> tuple[dict[str, Any], bytes]:
    return {"kind": "error", "status": status, "message": message}, b""


def answer(store: ox.Store, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run one query; stop with a 503 past ``max_results`` rows or ``max_bytes`` bytes."""
    limit = int(request["max_results"])
    max_bytes = int(request.get("max_bytes") or sys.maxsize)
    size = 0
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
            size += sum(_term_size(term) for term in item if term is not None)
            if size > max_bytes:
                return _too_big(max_bytes)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [[solution[i] for i in range(len(variables))] for solution in collected]
            body = solutions_json(variables, rows)
            return ({"kind": "solutions"}, body) if len(body) <= max_bytes else _too_big(max_bytes)
        body = ox.serialize(collected, format=ox.RdfFormat.N_TRIPLES) or b""
        return ({"kind": "triples"}, body) if len(body) <= max_bytes else _too_big(max_bytes)
    except SyntaxError as error:
        return _error(400, f"not a SPARQL 1.1 query: {error}")
    except RuntimeError as error:
        if "is not supported" not in str(error):  # e.g. an unknown function <urn:f>(1)
            raise
        return _error(400, f"the query asks for what this endpoint cannot do: {error}")
    except MemoryError:
        return _error(503, "the query needed more memory than --max-memory allows")
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
    snapshot = args[0]
    options = json.loads(args[1]) if len(args) > 1 else {}
    stdout = sys.stdout.buffer
    try:
        if options.get("confine", True):
            _confine_module().confine()
        if options.get("max_memory"):
            limit = int(options["max_memory"])
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError) as error:
        message = f"cannot confine the query worker: {error}"
        write_frame(stdout, json.dumps({"kind": "error", "message": message}).encode("utf-8"))
        write_frame(stdout, b"")
        stdout.flush()
        return 2
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if snapshot.endswith(".nq"):
        store = ox.Store()
        store.bulk_load(path=snapshot, format=ox.RdfFormat.N_QUADS)
    else:
        store = ox.Store.read_only(snapshot)
    stdin = sys.stdin.buffer
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
