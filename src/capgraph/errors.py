"""The capgraph error tree; each error carries the exit code the CLI uses.

::

    CapgraphError (Exception)                 exit 2
     ├── InputError (ValueError)              a file could not be read or parsed
     │    └── ProjectNotFoundError (FileNotFoundError)
     ├── QueryError (ValueError)              unknown query, bad SPARQL
     │    └── ParameterError                  missing / unknown / malformed parameter
     ├── OutputError (OSError)                a report or export could not be written
     ├── EndpointError (ConnectionError)      a remote SPARQL endpoint failed
     ├── ReasonerError (RuntimeError)         no Java runtime, reasoner crashed
     └── NothingToShow (LookupError)          exit 0: the record holds none of what was
                                              asked for (no processes, tools, versions)

``NothingToShow`` is not a failure: a records repository without processes or tools is
a valid one. The CLI prints its one line and exits 0.

Exit code 1 is never an error: it means "the record does not conform" and is
returned by the commands that check the record.
"""

from __future__ import annotations

__all__ = [
    "EXIT_ERROR",
    "EXIT_NONCONFORMING",
    "EXIT_OK",
    "CapgraphError",
    "EndpointError",
    "InputError",
    "NothingToShow",
    "OutputError",
    "ParameterError",
    "ProjectNotFoundError",
    "QueryError",
    "ReasonerError",
    "one_line",
]

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


def one_line(text: str) -> str:
    """``text`` on one line: control characters (a newline a parser quotes) are escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class CapgraphError(Exception):
    """Base of every error capgraph raises on purpose."""

    exit_code: int = EXIT_ERROR


class InputError(CapgraphError, ValueError):
    """A project file could not be read or parsed.

    ``file``, ``line`` and ``column`` say where, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        where = ""
        if file is not None:
            where = file
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + one_line(message))


class ProjectNotFoundError(InputError, FileNotFoundError):
    """The project directory, or a folder it needs, does not exist."""


class QueryError(CapgraphError, ValueError):
    """A query is unknown or is not valid SPARQL."""


class ParameterError(QueryError):
    """A query parameter is missing, unknown or malformed."""


class OutputError(CapgraphError, OSError):
    """A report or export could not be written; the previous file is left as it was."""


class EndpointError(CapgraphError, ConnectionError):
    """A remote SPARQL endpoint or graph store could not be used."""


class ReasonerError(CapgraphError, RuntimeError):
    """The OWL reasoner could not run (for example, no Java runtime)."""


class NothingToShow(CapgraphError, LookupError):
    """The record holds none of what was asked for: no processes, tools or ToR versions."""

    exit_code = EXIT_OK
