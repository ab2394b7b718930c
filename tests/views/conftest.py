"""Fixtures for the view tests: the bundled record, and the procedure fixtures' record.

``fixture_record`` comes from ``tests/procedure`` (every step state the rules know, each in
its own process), so the views are checked on skipped, out-of-order and undecided steps too.
"""

from __future__ import annotations

from conftest_servers import record, served_record
from procedure.conftest import fixture_project, fixture_record

__all__ = ["fixture_project", "fixture_record", "record", "served_record"]
