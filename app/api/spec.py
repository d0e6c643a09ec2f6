"""A small registry that describes API routes for the OpenAPI document."""

from collections.abc import Callable

from pydantic import BaseModel


def doc(
    summary: str,
    body: type[BaseModel] | None = None,
    status: int = 200,
    tag: str = "boards",
    query: dict | None = None,
    media: str = "application/json",
) -> Callable[[Callable], Callable]:
    """Describe a route: its summary, request schema (sent as `media`) and success status."""

    def decorate(fn: Callable) -> Callable:
        fn.openapi = {
            "summary": summary,
            "body": body,
            "status": status,
            "tag": tag,
            "query": query or {},
            "media": media,
        }
        return fn

    return decorate
