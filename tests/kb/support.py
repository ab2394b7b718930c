"""Shared constants and helpers of the knowledge-base tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
ONTOLOGY = ROOT / "ontology" / "capgraph.ttl"
SOURCE_TEXT = DATA / "sources" / "000_b0be07e943ed1eb1.txt"

CAP = "https://w3id.org/capgraph/ontology#"
ID = "https://w3id.org/capgraph/id/"
DOC = ID + "document/ptc-item-iii-k"
SOURCE_GRAPH = ID + "source/ptc-item-iii-k"

PREFIXES = """
PREFIX cap: <https://w3id.org/capgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space (PDF line breaks fall inside sentences)."""
    return re.sub(r"\s+", " ", text).strip()


def data_files() -> list[Path]:
    """The record's data files (the source text folder holds no RDF)."""
    return sorted(DATA.glob("*.trig"))


def short(iri: str) -> str:
    """``id:…`` / ``cap:…`` for readable expected values."""
    if iri.startswith(ID):
        return "id:" + iri[len(ID) :]
    if iri.startswith(CAP):
        return "cap:" + iri[len(CAP) :]
    return iri
