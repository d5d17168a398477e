"""The quickstart page runs on SQLite too (Sybil runs it on the in-memory store)."""

from __future__ import annotations

import re
from pathlib import Path

QUICKSTART = Path(__file__).parent.parent / "docs" / "quickstart.md"


def test_the_quickstart_runs_on_sqlite(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", QUICKSTART.read_text(encoding="utf-8"), re.DOTALL)
    code = "\n".join(blocks)
    on_sqlite = code.replace(
        "CustomerModule.in_memory()", f"CustomerModule.sqlite({str(tmp_path / 'q.sqlite3')!r})"
    )
    assert on_sqlite != code
    namespace: dict[str, object] = {}
    exec(compile(on_sqlite, str(QUICKSTART), "exec"), namespace)  # noqa: S102 - our own docs
    module = namespace["module"]
    assert type(module).__name__ == "CustomerModule"
    module.close()  # type: ignore[attr-defined]  # the quickstart's module
    assert (tmp_path / "q.sqlite3").exists()
