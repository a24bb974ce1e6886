"""The layers: ``kb`` (the library) imports neither ``ingest`` nor ``webapp`` nor the command."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPPER_LAYERS = ("ingest", "webapp", "lawkb")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_kb_imports_no_upper_layer():
    offenders = []
    for path in sorted((ROOT / "kb").rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in UPPER_LAYERS:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_ingest_and_webapp_do_not_import_the_command():
    offenders = []
    for package in ("ingest", "webapp"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for module in imported_modules(path):
                if module.split(".")[0] == "lawkb":
                    offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_checker_sees_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom webapp.state import state\ndef f():\n    import ingest.pipeline\n", encoding="utf-8")
    assert imported_modules(sample) == {"os", "webapp.state", "ingest.pipeline"}


def probes(path: Path) -> list[int]:
    """Lines calling hasattr(): a capability probe instead of a typed interface."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "hasattr"]


def test_search_uses_typed_interfaces_not_hasattr_probes():
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in sorted((ROOT / "kb" / "search").rglob("*.py"))
                 for line in probes(path)]
    assert offenders == []


def test_the_probe_checker_sees_hasattr(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(m):\n    return hasattr(m, 'nearest')\n", encoding="utf-8")
    assert probes(sample) == [2]
