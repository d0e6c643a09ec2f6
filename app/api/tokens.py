"""POST /api/v1/tokens: exchange e-mail and password for a bearer token."""

from pydantic import EmailStr

from app.api import body, bp
from app.api.spec import doc
from app.auth.services import authenticate, issue_token
from app.validation import Schema, parse, text


class TokenCreate(Schema):
    email: EmailStr
    password: text(200)
    label: text(100, min_length=0) = ""


@bp.post("/tokens")
@doc("Create an API token", body=TokenCreate, status=201, tag="auth")
def create_token():
    """Create a token for the given credentials."""
    data = parse(TokenCreate, body())
    user = authenticate(data.email, data.password)
    return {"token": issue_token(user, data.label or "api")}, 201
