"""Which value each query parameter gets in a benchmark, taken from the generated record.

Named queries declare parameters by name (``# param: process iri?``). The generator writes
typical values into ``benchmark.json`` under ``samples``; this table says which sample a
parameter name takes. A query may override the table (a parameter whose name alone is
ambiguous). A required parameter with no value here makes the query "not run", reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from capgraph.query import NamedQuery

#: parameter name → key of ``samples`` in benchmark.json
BY_PARAMETER: dict[str, str] = {
    "process": "process",
    "version": "version",
    "object": "version",
    "work": "work",
    "decision": "decision",
    "session": "session",
    "body": "body",
    "tool": "tool",
    "node": "tool",
    "plan": "plan",
    "document": "document",
    "paragraph": "paragraph",
    "kind": "kind",
    "status": "status",
}

#: (query name, parameter name) → sample key, where the table above is not right.
BY_QUERY: dict[tuple[str, str], str] = {}

#: Modes: "bound" binds every parameter it has a value for (a user asking about one thing);
#: "all" binds only the required ones (a user asking about the whole record). A query
#: without parameters runs once, as "all"; one whose parameters are all required, as "bound".
MODES = ("bound", "all")


@dataclass(frozen=True)
class Case:
    """One query run: the query, its mode and the parameter values (or why it cannot run)."""

    query: str
    mode: str
    params: dict[str, str]
    missing: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.query} [{self.mode}]"


def cases(query: NamedQuery, samples: dict[str, str], modes: tuple[str, ...]) -> list[Case]:
    """The cases of ``query`` in ``modes``; a query without parameters always runs, as "all"."""
    if not query.params:
        return [Case(query.name, "all", {})]
    found: list[Case] = []
    for mode in modes:
        if mode == "all" and all(not p.optional for p in query.params):
            continue
        params: dict[str, str] = {}
        missing: list[str] = []
        for param in query.params:
            if mode == "all" and param.optional:
                continue
            key = BY_QUERY.get((query.name, param.name), BY_PARAMETER.get(param.name))
            if key is not None and key in samples:
                params[param.name] = samples[key]
            elif not param.optional:
                missing.append(param.name)
        found.append(Case(query.name, mode, params, tuple(missing)))
    return found
