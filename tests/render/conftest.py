"""Fixtures for the renderer tests: the bundled record, opened once per session."""

from __future__ import annotations

from conftest_servers import record

__all__ = ["record"]
