"""The English catalog translates every Dutch string in the code and templates, and is compiled."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "app" / "translations" / "en" / "LC_MESSAGES"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "lazy_ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _po():
    with (CATALOG / "messages.po").open("rb") as handle:
        return read_po(handle)


def _source_msgids() -> dict[str, str]:
    """Extract the msgids from app/ and templates/ as `make messages` does: msgid -> file."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.setdefault(message if isinstance(message, str) else message[0], filename)
    return found


def test_every_string_in_the_source_has_an_english_translation():
    translated = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in _po() if m.id}
    missing = sorted(
        f"{where}: {msgid!r}"
        for msgid, where in _source_msgids().items()
        if msgid not in translated
        or not translated[msgid].string
        or "fuzzy" in translated[msgid].flags
    )
    assert missing == [], "add these to app/translations/en (make messages):\n" + "\n".join(missing)


def test_no_translation_is_empty_and_placeholders_survive():
    for message in _po():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"empty translation for {message.id!r}"
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == sorted(PLACEHOLDER.findall(ids[0])), (
                f"{message.id!r} -> {string!r} loses or adds a placeholder"
            )


def _key(text):
    """A plural message (ngettext) is a sequence of forms; make it comparable either way."""
    return text if isinstance(text, str) else tuple(text)


def test_the_compiled_catalog_matches_the_po_file():
    with (CATALOG / "messages.mo").open("rb") as handle:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    written = {_key(m.id): _key(m.string) for m in _po() if m.id and "fuzzy" not in m.flags}
    assert compiled == written, "run `make catalogs` and commit messages.mo"
