"""Stage 3, sources: records that grow. Draft a record from a document, list the sources,
find where sources disagree.

``extract`` reads a document (text, PDF, DOCX) with a rule-based grammar on a blank
spaCy pipeline and writes a draft TriG record whose claims are marked
``cap:reviewStatus cap:draft``. ``sources`` and ``conflicts`` ask the record through
SPARQL, so they run against a remote endpoint too.

May import: the query and store stages and the shared modules (not validation,
procedure or reason, its siblings).
"""

from capgraph.sources._conflicts import CONFLICT_QUERIES, Conflict, Side, conflicts
from capgraph.sources._documents import DOCUMENT_EXTENSIONS, read_document
from capgraph.sources._extract import Extraction, default_source_id, extract
from capgraph.sources._model import Claim, Draft, Unextracted
from capgraph.sources._passages import Passage, split_passages
from capgraph.sources._summary import SourceSummary, sources

__all__ = [
    "CONFLICT_QUERIES",
    "DOCUMENT_EXTENSIONS",
    "Claim",
    "Conflict",
    "Draft",
    "Extraction",
    "Passage",
    "Side",
    "SourceSummary",
    "Unextracted",
    "conflicts",
    "default_source_id",
    "extract",
    "read_document",
    "sources",
    "split_passages",
]
