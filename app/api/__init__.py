"""The JSON API /api/v1 (contract: docs/contract.md §4, described at /api/v1/openapi.json)."""

# Each module adds its routes to the blueprint.
from app.api import (  # noqa: F401
    audit,
    boards,
    cards,
    comments,
    exports,
    intake,
    meetings,
    monitor,
    notify,
    openapi,
    reading,
    regions,
    share,
    templates,
    tokens,
    votes,
)
from app.api.base import bp  # noqa: F401 (create_app registers it)
