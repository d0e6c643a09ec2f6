"""Hashes of bearer secrets (API, share and invite tokens): only the hash is ever stored."""

import hashlib


def hash_token(token: str) -> str:
    """Hash a bearer secret for storage and lookup."""
    return hashlib.sha256(token.encode()).hexdigest()
