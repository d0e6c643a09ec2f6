"""One set of routes for the board's entities that are created, edited from a version and deleted.

Markers, handovers, next steps and organisations differ only in their services, schemas and
words; their POST, PATCH and DELETE routes are made here, with endpoint names
`create_<name>`, `update_<name>` and `delete_<name>` (docs/contract.md §4.3).
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Response
from pydantic import BaseModel

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.validation import changed_fields, parse


@dataclass(frozen=True)
class Resource:
    """An entity of a board as the API edits it."""

    name: str  # singular, for endpoint names: "marker"
    path: str  # under /boards/<board_id>/: "markers"
    tag: str
    create_schema: type[BaseModel]
    update_schema: type[BaseModel]
    create: Callable  # fn(actor, board_id, **fields) -> entity
    update: Callable  # fn(actor, board_id, entity_id, version, fields) -> entity
    delete: Callable  # fn(actor, board_id, entity_id) -> None
    # Summaries of the create, update and delete routes, for the OpenAPI document.
    summaries: tuple[str, str, str]


def register(resource: Resource) -> None:
    """Add POST /boards/<b>/<path>, and PATCH and DELETE /boards/<b>/<path>/<id>."""
    create_summary, update_summary, delete_summary = resource.summaries

    @doc(create_summary, body=resource.create_schema, status=201, tag=resource.tag)
    def create(board_id: int) -> tuple[dict, int]:
        data = parse(resource.create_schema, body())
        return resource.create(actor(), board_id, **data.model_dump()).to_json(), 201

    @doc(update_summary, body=resource.update_schema, tag=resource.tag)
    def update(board_id: int, entity_id: int) -> dict:
        data = parse(resource.update_schema, body())
        entity = resource.update(actor(), board_id, entity_id, data.version, changed_fields(data))
        return entity.to_json()

    @doc(delete_summary, status=204, tag=resource.tag)
    def delete(board_id: int, entity_id: int) -> tuple[str | Response, int]:
        resource.delete(actor(), board_id, entity_id)
        return "", 204

    collection = f"/boards/<int:board_id>/{resource.path}"
    one = f"{collection}/<int:entity_id>"
    bp.add_url_rule(collection, f"create_{resource.name}", create, methods=["POST"])
    bp.add_url_rule(one, f"update_{resource.name}", update, methods=["PATCH"])
    bp.add_url_rule(one, f"delete_{resource.name}", delete, methods=["DELETE"])
