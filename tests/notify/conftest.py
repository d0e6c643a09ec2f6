"""The real SMTP server of the mail tests, for the notify tests."""

from tests.mail.conftest import smtp  # noqa: F401 (the fixture)
