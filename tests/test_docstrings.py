"""The examples in the docstrings of the package run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import gomus_customers


def _modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(gomus_customers.__path__, "gomus_customers.")
        if not info.name.endswith("__main__")
    ]
    modules = [gomus_customers, *(importlib.import_module(name) for name in names)]
    finder = doctest.DocTestFinder()
    # Only modules that have examples: a module without any has nothing to fail.
    return [m for m in modules if any(test.examples for test in finder.find(m))]


@pytest.mark.parametrize("module", _modules(), ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_readme_example_runs() -> None:
    readme = Path(__file__).parent.parent / "README.md"
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, str(readme), "exec"), {})  # noqa: S102 - our own README's example
