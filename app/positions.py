"""Fractional indexing: order keys that always have room between any two neighbours.

Keys are base-36 strings read as fractions (0.k1k2...), never ending in '0'. A move computes one
new key between its neighbours, so no other card changes and stale clients cannot reorder a cell.
Only digits and lower-case letters are used, so byte order and locale collation agree.
"""

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)


def _midpoint(low: str, high: str | None) -> str:
    if high is not None:
        shared = 0
        while shared < len(high) and (low[shared] if shared < len(low) else "0") == high[shared]:
            shared += 1
        if shared:
            return high[:shared] + _midpoint(low[shared:], high[shared:])
    lo = DIGITS.index(low[0]) if low else 0
    hi = DIGITS.index(high[0]) if high else BASE
    if hi - lo > 1:
        return DIGITS[(lo + hi) // 2]
    if high and len(high) > 1:
        return high[0]
    return DIGITS[lo] + _midpoint(low[1:], None)


def _increment(key: str) -> str:
    """Return the shortest key after `key`: bump the first digit that has room."""
    for index, digit in enumerate(key):
        if digit != DIGITS[-1]:
            return key[:index] + DIGITS[DIGITS.index(digit) + 1]
    return key + DIGITS[1]


def _decrement(key: str) -> str:
    """Return a short key before `key` (and after the empty key)."""
    for index, digit in enumerate(key):
        if DIGITS.index(digit) > 1:
            return key[:index] + DIGITS[DIGITS.index(digit) - 1]
    return key[:-1] + DIGITS[0] + DIGITS[-1]  # "..1" -> "..0z"


def key_between(before: str | None, after: str | None) -> str:
    """Return a key that sorts after `before` and before `after` (None: the open end)."""
    if before is not None and after is not None and before >= after:
        raise ValueError(f"{before!r} must sort before {after!r}")
    # At an open end step by one digit instead of halving the rest of the range: appending
    # (a new card goes last) then grows a key by one character per ~35 cards, not per ~6.
    if after is None and before:
        return _increment(before)
    if before is None and after:
        return _decrement(after)
    return _midpoint(before or "", after)


def keys_after(last: str | None, count: int) -> list[str]:
    """Return `count` increasing keys after `last`, for bulk appends."""
    keys, current = [], last
    for _ in range(count):
        current = key_between(current, None)
        keys.append(current)
    return keys
