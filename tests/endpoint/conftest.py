"""Fixtures for the endpoint tests: real servers on 127.0.0.1 (see tests/conftest_servers.py)."""

from __future__ import annotations

from conftest_servers import oxigraph, published_oxigraph, record, served_record

__all__ = ["oxigraph", "published_oxigraph", "record", "served_record"]
