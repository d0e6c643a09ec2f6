"""A real OpenID Connect provider for the SSO tests: npm `oidc-provider` (OpenID Certified), run
with Node on a free loopback port from tests/auth/oidc/provider.js, and a person who signs in at
it over plain HTTP (its development sign-in form: any login, the login is the e-mail address).
The fixtures are in tests/auth/conftest.py; the browser test
(tests/browser/test_sso_in_browser.py) starts its own provider with the live server's callback.

Node and npm missing: the tests are skipped with the reason, except under CI=true, where they
must run. The provider's packages are installed with `npm ci` into tests/auth/oidc/node_modules
(ignored by git) the first time.
"""

import os
import re
import shutil
import socket
import subprocess
import time
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "brugwerk-test"
CLIENT_SECRET = "test-client-secret-for-brugwerk-sso-0123456789"
TEST_CALLBACK = "http://localhost/login/oidc/callback"  # the Flask test client's base URL


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def need_node() -> None:
    """Skip (or, under CI, fail) when Node or npm is missing; install the provider's packages."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        reason = f"the SSO tests run oidc-provider with Node; missing: {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    if not (HERE / "node_modules" / "oidc-provider").exists():
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            pytest.fail(f"npm ci in {HERE} failed:\n{done.stderr[-3000:]}")


class Provider:
    """One oidc-provider process on 127.0.0.1; `claims_in` says where it puts the e-mail."""

    def __init__(self, redirect_uris: list[str], claims_in: str = "userinfo"):
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "PORT": str(self.port),
            "REDIRECT_URIS": ",".join(redirect_uris),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "CLAIMS_IN": claims_in,
        }
        self.process = subprocess.Popen(
            ["node", "provider.js"],
            cwd=HERE,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith("listening"):
                return
            if not line and self.process.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"oidc-provider did not start: {self.process.stdout.read()[-2000:]}")

    def settings(self, **extra) -> dict:
        """The app settings that point at this provider."""
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            **extra,
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()

    def _until_back(self, session: requests.Session, response) -> str:
        """Follow the provider's own redirects; return the first URL that leaves it."""
        for _ in range(10):
            location = response.headers.get("Location")
            if not location:
                raise AssertionError(f"provider stopped at {response.url}: {response.text[:500]}")
            location = urljoin(response.url, location)
            if not location.startswith(self.issuer):
                return location
            response = session.get(location, allow_redirects=False, timeout=5)
        raise AssertionError("the provider redirected in circles")

    def sign_in(self, authorize_url: str, login: str) -> str:
        """Sign in as `login` at the provider's sign-in form; return the callback URL it sends
        the browser back to (not followed: that is the app's part)."""
        session = requests.Session()
        page = self._interaction(session, authorize_url)
        action = unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
        answer = session.post(
            urljoin(page.url, action),
            data={"prompt": "login", "login": login, "password": "wat-dan-ook"},
            allow_redirects=False,
            timeout=5,
        )
        return self._until_back(session, answer)

    def cancel(self, authorize_url: str) -> str:
        """Press the provider's "[ Cancel ]"; return the callback URL (with an error)."""
        session = requests.Session()
        page = self._interaction(session, authorize_url)
        abort = unescape(re.search(r'<a href="([^"]+)">\[ Cancel \]', page.text).group(1))
        answer = session.get(urljoin(page.url, abort), allow_redirects=False, timeout=5)
        return self._until_back(session, answer)

    def _interaction(self, session: requests.Session, authorize_url: str):
        page = session.get(authorize_url, timeout=5)
        assert page.status_code == 200 and "<form" in page.text, page.text[:500]
        return page
