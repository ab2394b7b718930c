"""capgraph benchmarks: a synthetic governance-record generator and a side-by-side harness.

``python -m benchmarks --size 100k`` generates a record, then measures capgraph against
rdflib and plain pySHACL on it (see docs/benchmarks.md).
"""
