"""API tokens: exchange e-mail and password for a bearer token; list and revoke your own."""

from flask.typing import ResponseReturnValue
from pydantic import EmailStr

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.auth.services import authenticate, issue_token, revoke_token, tokens_of
from app.models._types import iso
from app.validation import Schema, parse, text


class TokenCreate(Schema):
    email: EmailStr
    password: text(200)
    label: text(100, min_length=0) = ""


@bp.post("/tokens")
@doc("Create an API token", body=TokenCreate, status=201, tag="auth")
def create_token() -> ResponseReturnValue:
    """Create a token for the given credentials."""
    data = parse(TokenCreate, body())
    user = authenticate(data.email, data.password, via="api-token")
    return {"token": issue_token(user, data.label or "api")}, 201


@bp.get("/tokens")
@doc("List my API tokens (their secrets are never shown again)", tag="auth")
def list_tokens() -> ResponseReturnValue:
    """List the caller's tokens."""
    return {
        "tokens": [
            {
                "id": t.id,
                "label": t.label,
                "created_at": iso(t.created_at),
                "last_used_at": iso(t.last_used_at),
                "revoked_at": iso(t.revoked_at),
            }
            for t in tokens_of(actor().user)
        ]
    }


@bp.delete("/tokens/<int:token_id>")
@doc("Revoke one of my API tokens", status=204, tag="auth")
def delete_token(token_id: int) -> ResponseReturnValue:
    """Revoke a token; it stops working at once."""
    revoke_token(actor().user, token_id)
    return "", 204
