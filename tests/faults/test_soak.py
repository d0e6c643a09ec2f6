"""The soak in its short CI form (SOAK_SECONDS, SOAK_CLIENTS; bench/soak.py runs the long one)."""

import os

import pytest

from bench.soak import passed, run

pytestmark = pytest.mark.live


def test_short_soak_converges_without_loss_or_errors(tmp_path):
    seconds = float(os.environ.get("SOAK_SECONDS", "30"))
    clients = int(os.environ.get("SOAK_CLIENTS", "10"))
    figures = run(seconds, clients, tmp_path)
    print(f"\nsoak: {figures}")
    assert figures["operations"] > clients  # everyone did something
    assert figures["lost_writes"] == 0, figures
    assert figures["errors"] == 0, figures["error_samples"]
    assert not figures["diverged_clients"], figures
    assert passed(figures), figures
