"""Fixtures for the SSO tests: real OpenID Connect providers (tests/auth/oidc_provider.py) that
know the Flask test client's callback, and the app pointed at one."""

import pytest

from tests.auth.oidc_provider import TEST_CALLBACK, Provider, need_node


@pytest.fixture(scope="session")
def oidc_provider():
    """A provider that knows the test client's callback; e-mail from the userinfo endpoint."""
    need_node()
    provider = Provider([TEST_CALLBACK])
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def oidc_provider_id_token():
    """A provider that puts the e-mail address in the ID token itself."""
    need_node()
    provider = Provider([TEST_CALLBACK], claims_in="id_token")
    yield provider
    provider.stop()


@pytest.fixture
def sso(app, oidc_provider):
    """The app with SSO against the provider."""
    app.config.update(oidc_provider.settings())
    return oidc_provider
