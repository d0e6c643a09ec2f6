"""Messages people read that come from Python (flash, refusals, field errors) go through `_()`."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
# Calls whose first argument, and whose `fields` values, a person reads.
MESSAGE_CALLS = {
    "flash",
    "ServiceError",
    "ValidationFailed",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "Gone",
}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _literal_text(node: ast.AST | None) -> str | None:
    """Return the text of a plain string literal with words in it (an f-string counts too)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if any(ch.isalpha() for ch in node.value) else None
    if isinstance(node, ast.JoinedStr):
        return ast.unparse(node)
    return None


def untranslated(source: str) -> list[tuple[int, str]]:
    """Return (line, text) for every literal message that skips translation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _name(node.func) in MESSAGE_CALLS):
            continue
        shown = [node.args[0]] if node.args else []
        shown += [kw.value for kw in node.keywords if kw.arg == "message"]
        for kw in node.keywords:
            if kw.arg == "fields" and isinstance(kw.value, ast.Dict):
                shown += kw.value.values
        found += [
            (value.lineno, text) for value in shown if (text := _literal_text(value)) is not None
        ]
    return found


def test_the_finder_flags_literal_messages_only():
    source = """
flash(_("Opgeslagen."), "success")
flash("Opgeslagen.", "success")
raise ValidationFailed(_("Controleer de invoer."), fields={"title": "Verplicht."})
raise errors.NotFound(f"Kaart {card_id} bestaat niet")
raise Forbidden(message)
"""
    assert untranslated(source) == [
        (3, "Opgeslagen."),
        (4, "Verplicht."),
        (5, "f'Kaart {card_id} bestaat niet'"),
    ]


@pytest.mark.parametrize(
    "module", sorted(APP.rglob("*.py")), ids=lambda path: str(path.relative_to(APP))
)
def test_python_messages_are_translated(module):
    problems = [
        f"{module.relative_to(APP)}:{line}: {text}"
        for line, text in untranslated(module.read_text())
    ]
    assert problems == [], "wrap these in _(...):\n" + "\n".join(problems)
