"""The examples of docs/values.md and of the date and renderer modules run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from types import ModuleType

import pytest

from capgraph import _dates
from capgraph.render import _registry

VALUES = Path(__file__).resolve().parents[2] / "docs" / "values.md"


def test_the_examples_of_docs_values_md() -> None:
    blocks = re.findall(r"```python\n(.*?)```", VALUES.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    # One session: later blocks use the names earlier ones define.
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "values.md", str(VALUES), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


@pytest.mark.parametrize("module", [_dates, _registry], ids=lambda m: m.__name__)
def test_module_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
