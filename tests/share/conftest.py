"""Fixtures for the share-link tests."""

from live_clients import api, in_request, sample_board, sio, web  # noqa: F401
