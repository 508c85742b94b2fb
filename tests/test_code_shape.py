"""Functions short enough to read at once: none in src/ is longer than 50 lines."""

from __future__ import annotations

import ast

from tests.conftest import REPO

LIMIT = 50


def test_no_function_is_longer_than_the_limit() -> None:
    long = []
    for path in sorted((REPO / "src" / "licencecheck").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []
