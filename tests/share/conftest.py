"""Fixtures for the share-link tests."""

from live_clients import api, sio, web  # noqa: F401
