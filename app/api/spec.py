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
    also: tuple[int, ...] = (),
) -> Callable[[Callable], Callable]:
    """Describe a route: its summary, request schema (sent as `media`) and success status.

    `also` names further success statuses the route answers, such as 200 for a dry run
    beside 201 for the real one, so that clients (and the fuzz test) expect them.
    """

    def decorate(fn: Callable) -> Callable:
        fn.openapi = {
            "summary": summary,
            "body": body,
            "status": status,
            "tag": tag,
            "query": query or {},
            "media": media,
            "also": also,
        }
        return fn

    return decorate
