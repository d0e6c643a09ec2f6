"""Schemathesis against /api/v1/openapi.json: no server error, every answer as documented.

Every operation is fuzzed twice on a freshly restored seeded board, as its coordinator: with
valid bodies on the seeded entities, and with invalid input everywhere. SCHEMATHESIS_EXAMPLES
sets the examples per operation and mode (small by default, so CI stays under a minute).
"""

import os

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.security.matrix import BY_NAME, BY_SEGMENT

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _seeded_parameters(operation, world) -> dict:
    values = {}
    for parameter in operation.path_parameters:
        name = parameter.name
        segment = operation.path.split("{" + name + "}")[0].rstrip("/").rsplit("/", 1)[-1]
        kind = BY_NAME.get(name) or BY_SEGMENT.get(segment)
        if kind == "board":
            values[name] = world.board_id
        elif kind in world.ids:
            values[name] = world.ids[kind]
    return values


def _fuzz(app, strategy, label: str, runs: dict, failures: list) -> None:
    """Run one operation's generated cases; collect what breaks the documented contract."""

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        runs["cases"] += 1
        with app.app_context():
            response = case.call()
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 (one report for all)
            failures.append(
                f"{label} {case.method} {case.formatted_path} "
                f"body={case.body!r}: {response.status_code} {str(exc)[:300]}"
            )

    fuzz()


def test_api_conforms_to_its_openapi_document(app, world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    # Plain answers: schemathesis's WSGI transport does not undo Content-Encoding (compression
    # is negotiated and tested in tests/core/test_compression_and_caching.py).
    headers = {
        "Authorization": f"Bearer {world.tokens['coordinator']}",
        "Accept-Encoding": "identity",
    }
    runs = {"cases": 0, "operations": 0}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        runs["operations"] += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            world.restore()
            fixed = _seeded_parameters(operation, world) if mode == GenerationMode.POSITIVE else {}
            strategy = operation.as_strategy(
                generation_mode=mode, headers=headers, path_parameters=fixed or None
            )
            try:
                _fuzz(app, strategy, f"{operation.label} [{mode.value}]", runs, failures)
            except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
                assert mode == GenerationMode.NEGATIVE, operation.label
    print(
        f"\nschemathesis: {runs['cases']} cases over {runs['operations']} operations, "
        f"{len(failures)} failures"
    )
    assert not failures, "\n".join(failures[:30])
