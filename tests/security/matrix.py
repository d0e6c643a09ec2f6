"""Build requests for any route from the URL map: concrete paths, example bodies, outcomes."""

import re
from pathlib import Path

from tests.plugin import PASSWORD
from tests.security.conftest import USERS

# Who may use an endpoint. READ/EDIT/MANAGE: the board role (docs/contract.md §4.1; share links act
# as viewers only through their own token routes). PUBLIC: anyone. AUTH: any signed-in user.
# SHARE: the holder of an active share token in the path. OWNER: the user who owns the entity
# in the path (here: the coordinator's spare API token). IGNORE: not an action (disconnect).
# ADMIN: an administrator of the installation (no actor of the matrix is one: all are refused).
PUBLIC, AUTH, READ, EDIT, MANAGE, SHARE, OWNER, IGNORE = (
    "public",
    "authenticated",
    "viewer",
    "partner",
    "coordinator",
    "share",
    "owner",
    "ignore",
)
ADMIN = "admin"
ALLOWED = {
    PUBLIC: set(USERS) | {"share", "revoked", "expired", "anonymous"},
    AUTH: set(USERS),
    READ: {"coordinator", "partner", "viewer"},
    EDIT: {"coordinator", "partner"},
    MANAGE: {"coordinator"},
    SHARE: {"share"},
    OWNER: {"coordinator"},
    ADMIN: set(),
}
# A read-only share link may or may not open other read routes (never one that writes).
MAY = {READ: {"share"}}
DENIED = {401, 403, 404, 410}
REFUSED_INPUT = {400, 422}

_PARAM = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")
# Path parameters by name, then by the collection segment in front of them.
BY_NAME = {
    "board_id": "board",
    "card_id": "card",
    "phase_id": "phase",
    "lane_id": "lane",
    "organisation_id": "organisation",
    "marker_id": "marker",
    "handover_id": "handover",
    "next_step_id": "next_step",
    "step_id": "next_step",
    "meeting_id": "meeting",
    "item_id": "item",
    "decision_id": "decision",
    "link_id": "share_link",
    "round_id": "round",
    "user_id": "member",
    "token_id": "api_token",
    "learning_id": "learning",
    "invite_id": "invitation",
    "vote_id": "vote",
    "comment_id": "comment",
    "group_id": "target_group",
    "region_id": "region",
}
BY_SEGMENT = {
    "cards": "card",
    "phases": "phase",
    "lanes": "lane",
    "organisations": "organisation",
    "markers": "marker",
    "handovers": "handover",
    "next-steps": "next_step",
    "meetings": "meeting",
    "items": "item",
    "decisions": "decision",
    "share-links": "share_link",
    "rounds": "round",
    "members": "member",
    "tokens": "api_token",
    "learnings": "learning",
    "s": "share_token",
    "invite": "invite_token",
    "link": "sign_in_token",
    "unsubscribe": "unsubscribe_token",
    "suggestions": "suggestion",
    "invitations": "invitation",
    "target-groups": "target_group",
    "regions": "region",
}
STATIC_FILE = next(
    p.relative_to(Path("static")).as_posix() for p in sorted(Path("static").rglob("*.css"))
)


def _value(world, actor: str, name: str, prefix: str) -> str:
    segment = prefix.rstrip("/").rsplit("/", 1)[-1]
    kind = BY_NAME.get(name) or BY_SEGMENT.get(segment)
    if name == "filename":
        return STATIC_FILE
    if kind == "board":
        return str(world.board_id)
    if kind == "share_token":
        # The token in the path is the actor's credential; everyone else brings an unknown one.
        return world.share_tokens.get(actor, "unknown-share-token-0000000000000000000000")
    if kind == "suggestion":
        return "gap-unknown"
    if kind is None or kind not in world.ids:
        raise LookupError(
            f"no value for path parameter <{name}> after /{segment}/: "
            "add it to BY_NAME/BY_SEGMENT and seed one in tests/security/conftest.py"
        )
    return str(world.ids[kind])


def concrete_paths(rule: str, world, actor: str) -> list[str]:
    """Return the rule with every parameter filled (one path per `any(...)` choice)."""
    paths, position = [""], 0
    for match in _PARAM.finditer(rule):
        literal = rule[position : match.start()]
        position = match.end()
        converter, args, name = match.groups()
        paths = [p + literal for p in paths]
        if converter == "any":
            choices = [c.strip().strip("'\"") for c in args.split(",")]
            paths = [p + c for p in paths for c in choices]
        else:
            paths = [p + _value(world, actor, name, p) for p in paths]
    return [p + rule[position:] for p in paths]


def example(schema: dict, defs: dict, world, name: str = "", path_kind: str | None = None):
    """Return a valid example for a JSON schema, using the seeded world's ids and versions."""
    if "$ref" in schema:
        return example(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, world, name, path_kind)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return example(options[0], defs, world, name, path_kind) if options else None
    if "enum" in schema:
        return "viewer" if "viewer" in schema["enum"] else schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {
            key: example(props[key], defs, world, key, path_kind)
            for key in schema.get("required", [])
            if example(props[key], defs, world, key, path_kind) is not None
        }
    if kind == "array":
        item = example(schema.get("items", {}), defs, world, name.removesuffix("s"), path_kind)
        return [item] if item is not None else []
    if kind == "integer":
        return _integer(world, name, path_kind)
    if kind == "boolean":
        return False
    if kind == "number":
        return 1
    return _string(schema, world, name)


def _integer(world, name: str, path_kind: str | None):
    if name == "version":
        return world.versions.get(path_kind) or 1
    ref = {
        "from_card_id": "card",
        "to_card_id": "card2",
        "owner_organisation_id": "organisation",
        "card_id": "card",
        "card_ids": "card",
        "marker_ids": "marker",
        "marker_id": "marker",
    }.get(name) or BY_NAME.get(name)
    if ref == "board":
        return world.board_id
    if ref in world.ids:
        return world.ids[ref]
    if name.endswith("_id"):
        return None
    return 1


def _string(schema: dict, world, name: str) -> str:
    if schema.get("format") == "email" or name == "email":
        return world.emails["extra"]
    if name == "password":
        return PASSWORD
    if schema.get("format") == "date":
        return "2030-01-01"
    if schema.get("format") == "date-time":
        return "2030-01-01T10:00:00Z"
    if "pattern" in schema and "#" in schema["pattern"]:
        return "#123456"
    return "Matrix"


def path_kind(rule: str) -> str | None:
    """Return the kind of the last entity in a path (whose `version` a body must state)."""
    kinds = [
        BY_NAME.get(name) or BY_SEGMENT.get(rule[: m.start()].rstrip("/").rsplit("/", 1)[-1])
        for m in _PARAM.finditer(rule)
        for name in [m.group(3)]
    ]
    kinds = [k for k in kinds if k]
    return kinds[-1] if kinds else None


def expect(level: str, actor: str) -> str:
    """Return 'allow', 'deny' or 'either' for an actor on an endpoint of a level."""
    if actor in ALLOWED[level]:
        return "allow"
    return "either" if actor in MAY.get(level, ()) else "deny"


def is_login_redirect(response) -> bool:
    """Tell whether the answer sends a signed-out visitor to the login page (with `next`)."""
    location = response.headers.get("Location", "")
    return response.status_code in (302, 303) and "/login?next=" in location
