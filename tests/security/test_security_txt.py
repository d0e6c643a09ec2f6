"""`/.well-known/security.txt` (RFC 9116) from SECURITY_CONTACT, with an expiry; 404 without a
contact; a contact that is not a full mailto:/https: URI stops the app with the reason."""

from datetime import UTC, datetime

import pytest

from app import create_app
from app.config import TestConfig


def _app(tmp_path, **settings):
    return create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/t.db", **settings)


def test_security_txt_names_the_contact_and_expires_within_a_year(tmp_path):
    app = _app(
        tmp_path,
        SECURITY_CONTACT="mailto:security@testdorp.nl",
        SECURITY_POLICY_URL="https://testdorp.nl/kwetsbaarheid-melden",
    )
    response = app.test_client().get("/.well-known/security.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    fields = dict(line.split(": ", 1) for line in response.get_data(as_text=True).splitlines())
    assert fields["Contact"] == "mailto:security@testdorp.nl"
    assert fields["Policy"] == "https://testdorp.nl/kwetsbaarheid-melden"
    expires = datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    days = (expires - datetime.now(UTC)).days
    assert 30 < days < 365


def test_without_a_contact_there_is_no_file(client):
    assert client.get("/.well-known/security.txt").status_code == 404


@pytest.mark.parametrize(
    "contact", ["security@testdorp.nl", "http://testdorp.nl/security", "mailto:", "https://"]
)
def test_a_contact_that_is_not_a_full_uri_stops_the_start(tmp_path, contact):
    with pytest.raises(RuntimeError, match="SECURITY_CONTACT must be a full URI"):
        _app(tmp_path, SECURITY_CONTACT=contact)


def test_a_policy_that_is_not_https_stops_the_start(tmp_path):
    with pytest.raises(RuntimeError, match="SECURITY_POLICY_URL"):
        _app(tmp_path, SECURITY_CONTACT="https://testdorp.nl/s", SECURITY_POLICY_URL="ftp://x")
