"""Named-query parameters sent with a query: ``named=NAME`` and ``param.P=VALUE``.

The query page sends the text of its text area with the values of the picked query's
parameters; the values are typed by that query's ``# param:`` headers and bound by
the library's own binding (a ``VALUES`` block of RDF terms), never pasted into the
text. Any other client may send the same protocol parameters.
"""

from __future__ import annotations

from collections.abc import Mapping

from capgraph.errors import QueryError
from capgraph.query import NamedQuery, bind_params, with_values
from capgraph.server._pool import HttpError

__all__ = ["NAMED", "PARAM_PREFIX", "bind_request"]

#: The protocol parameter naming the query whose parameters the values are for.
NAMED = "named"
#: The prefix of a parameter value: ``param.tool=id:tool/ipm``.
PARAM_PREFIX = "param."


def bind_request(
    query: str, params: Mapping[str, list[str]], catalogue: Mapping[str, NamedQuery]
) -> str:
    """``query`` with the request's ``param.*`` values bound; unchanged when it has none.

    An empty value leaves an optional parameter unbound. Unknown names, a missing
    required value or a value of the wrong kind answer 400 with the library's message.
    """
    values = {k[len(PARAM_PREFIX) :]: v for k, v in params.items() if k.startswith(PARAM_PREFIX)}
    names = [name for name in params.get(NAMED, []) if name]  # the page's "(your own query)"
    if not names:
        if values:
            raise HttpError(400, f"parameter values need '{NAMED}=' the query they are for")
        return query
    if len(names) > 1:
        raise HttpError(400, f"more than one {NAMED!r} parameter")
    listed = catalogue.get(names[0])
    if listed is None:
        raise HttpError(404, f"no named query {names[0]!r}")
    for name, given in values.items():
        if len(given) > 1:
            raise HttpError(400, f"more than one value for parameter {name!r}")
    typed = NamedQuery(name=listed.name, text=query, params=listed.params)
    try:
        bindings = bind_params(typed, {k: v[0] for k, v in values.items() if v[0].strip()})
        return with_values(query, bindings)
    except QueryError as error:
        raise HttpError(400, str(error)) from None
