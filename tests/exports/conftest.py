"""Fixtures for the export tests."""

from live_clients import api, in_request, quick_password_hashes, sample_board, sio, web  # noqa: F401
