"""Where an operation lives is one rule: every state change is a @write function in a services
module of its feature (`app/<feature>/services.py` or `app/<feature>/services/<entity>.py`).
The live layer's own bookkeeping (presence, heartbeat) is the one exception, in app/live/."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _is_write(decorator: ast.expr) -> bool:
    return (isinstance(decorator, ast.Name) and decorator.id == "write") or (
        isinstance(decorator, ast.Attribute) and decorator.attr == "write"
    )


def _writes() -> dict[str, list[str]]:
    """Return file -> names of the @write functions in it."""
    found: dict[str, list[str]] = {}
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and any(map(_is_write, node.decorator_list)):
                found.setdefault(path.relative_to(APP).as_posix(), []).append(node.name)
    return found


def _in_services(path: str) -> bool:
    parts = path.split("/")
    return parts[-1] == "services.py" or (len(parts) > 2 and parts[-2] == "services")


def test_every_state_change_is_a_write_in_a_services_module():
    misplaced = {
        path: names
        for path, names in _writes().items()
        if not _in_services(path) and not path.startswith("live/")
    }
    assert not misplaced, f"@write outside a services module: {misplaced}"


def test_the_rule_finds_the_operations():
    writes = _writes()
    assert "create_card" in writes["cards/services.py"]
    assert "create_marker" in writes["reading/services/markers.py"]
