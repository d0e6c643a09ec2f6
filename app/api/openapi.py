"""GET /api/v1/openapi.json, built from the registered routes and their schemas."""

import re

from flask import current_app, jsonify
from flask.typing import ResponseReturnValue

from app.api.base import bp

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object"},
            },
        }
    },
}


# Downloads answer in their file's type; everything else is JSON.
FILE_TYPES = {
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}


def _query_schema(schema: dict | str) -> dict:
    """Accept a JSON schema, or a shorthand text: "a|b|c" (a choice) or a description."""
    if isinstance(schema, dict):
        return schema
    if "|" in schema and " " not in schema:
        return {"type": "string", "enum": schema.split("|")}
    return {"type": "string", "description": schema}


def _operation(rule, view, method: str, schemas: dict) -> dict:
    meta = view.openapi
    params = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer" if conv == "int" else "string"},
        }
        for conv, name in _PARAM.findall(rule.rule)
    ]
    params += [
        {"name": name, "in": "query", "required": False, "schema": _query_schema(schema)}
        for name, schema in meta["query"].items()
    ]
    success: dict = {"description": "OK"}
    if meta["status"] != 204:
        media = next(
            (m for suffix, m in FILE_TYPES.items() if rule.rule.endswith(suffix)),
            "application/json",
        )
        success["content"] = {media: {"schema": {}}}
    responses = {str(meta["status"]): success}
    for status in meta["also"]:
        responses[str(status)] = {"description": "OK"} if status == 204 else success
    for status in ("400", "401", "403", "404", "409", "410", "413", "422", "429"):
        responses[status] = {
            "description": "Error",
            "content": {"application/json": {"schema": ERROR}},
        }
    operation = {
        "summary": meta["summary"],
        "tags": [meta["tag"]],
        "parameters": params,
        "responses": responses,
        "operationId": f"{method.lower()}_{rule.endpoint.split('.')[-1]}",
    }
    model = meta["body"]
    if model is not None and method in ("POST", "PATCH", "PUT"):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        operation["requestBody"] = {
            "required": True,
            "content": {
                meta.get("media", "application/json"): {
                    "schema": {"$ref": f"#/components/schemas/{model.__name__}"}
                }
            },
        }
    return operation


def build_spec() -> dict:
    """Return the OpenAPI document of every documented /api/v1 route."""
    paths: dict = {}
    schemas: dict = {}
    for rule in current_app.url_map.iter_rules():
        view = current_app.view_functions[rule.endpoint]
        if not rule.rule.startswith("/api/v1") or not hasattr(view, "openapi"):
            continue
        path = _PARAM.sub(r"{\2}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, view, method, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Brugwerk API",
            "version": "1.0.0",
            "description": "The live bridge canvas: boards, phases, lanes, organisations, "
            "cards, markers, handovers, next steps, rounds, meetings.",
        },
        "servers": [{"url": "/"}],
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
        "paths": paths,
    }


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """Serve the OpenAPI document."""
    return jsonify(build_spec())
