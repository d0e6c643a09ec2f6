"""Every human-readable string in a template goes through translation (`_()` or `{% trans %}`)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Words that are the same in every language: the brand and the names of the languages themselves.
UNTRANSLATED_OK = {"Brugwerk", "English", "Nederlands"}
# Attributes a person reads or hears (screen readers read aria-label, title and alt).
READ_ATTRIBUTES = {
    "title",
    "aria-label",
    "aria-placeholder",
    "aria-roledescription",
    "aria-valuetext",
    "placeholder",
    "alt",
    "label",
    "summary",
    "hx-confirm",
    "hx-prompt",
}
# data-* attributes that scripts show as text (e.g. data-label-reconnecting).
READ_DATA = re.compile(r"^data-(.*-)?(label|text|msg|message|title|confirm|announce)(-.*)?$")
SHOWN_VALUE_INPUTS = {"submit", "button", "reset"}
# Literal strings handed to an include or macro as what it shows: {% with label="Naam" %}.
LITERAL_ARGUMENT = re.compile(
    r"\b(label|title|text|placeholder|hint|message|legend|caption|heading|description)"
    r"\s*=\s*(['\"])(.*?)\2"
)

JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA_TRANS = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S)
# Blocks that fill in attributes of base.html's tags (body_class, body_data), not text.
JINJA_ATTRIBUTE_BLOCK = re.compile(
    r"\{%-?\s*block\s+(\w+_(class|data|attrs))\s*-?%\}.*?\{%-?\s*endblock\b.*?%\}", re.S
)
JINJA_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)


def _blank(match: re.Match) -> str:
    """Remove a Jinja construct but keep its line breaks, so line numbers stay right."""
    return "\n" * match.group(0).count("\n")


def _readable(text: str) -> str | None:
    """Return the text when a person would read it as words, else None."""
    words = re.sub(r"&\w+;|&#\w+;", " ", text)
    for word in UNTRANSLATED_OK:
        words = words.replace(word, " ")
    return text.strip() if re.search(r"[^\W\d_]{2,}", words) else None


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[int, str]] = []
        self.skip = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        values = dict(attrs)
        for name, value in attrs:
            shown = (
                name in READ_ATTRIBUTES
                or READ_DATA.match(name)
                or (name == "value" and tag == "input" and values.get("type") in SHOWN_VALUE_INPUTS)
            )
            if shown and value and _readable(value):
                self.found.append((self.getpos()[0], f'{name}="{value.strip()}"'))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and _readable(data):
            self.found.append((self.getpos()[0], data.strip()))


def untranslated(source: str) -> list[tuple[int, str]]:
    """Return (line, text) for every readable string that is not inside a translation call."""
    found = []
    without_comments = JINJA_COMMENT.sub(_blank, source)
    for match in re.finditer(r"\{%.*?%\}", without_comments, re.S):
        line = without_comments.count("\n", 0, match.start()) + 1
        for literal in LITERAL_ARGUMENT.finditer(match.group(0)):
            if _readable(literal.group(3)):
                found.append(
                    (
                        line,
                        f"{literal.group(1)}={literal.group(2)}{literal.group(3)}"
                        f"{literal.group(2)}",
                    )
                )
    html = JINJA_ATTRIBUTE_BLOCK.sub(_blank, JINJA_TRANS.sub(_blank, without_comments))
    html = JINJA_TAG.sub(_blank, html)
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return found + finder.found


def test_the_finder_flags_text_attributes_and_literals_but_not_translated_strings():
    source = """{# Niet vertaald commentaar #}
<h1>{{ _("Mijn borden") }}</h1>
<p>Nieuwe kaart</p>
<button aria-label="Sluiten">×</button>
<input type="submit" value="Opslaan"> <button name="locale" value="en">English</button>
<img alt="{{ _('Logo') }}" src="x.png"> <span title="Kaart {{ card.title }}">{{ n }} · 12%</span>
{% trans %}Vertaald blok{% endtrans %} Brugwerk
{% block body_class %}bw-board-page{% endblock %}{% block body_data %} data-x="1"{% endblock %}
{% with label="Naam" %}{% include "x.html" %}{% endwith %}
<div data-label-reconnecting="Opnieuw verbinden…" data-card-id="3"></div>
<script src="a.js"></script>"""
    assert untranslated(source) == [
        (9, 'label="Naam"'),
        (3, "Nieuwe kaart"),
        (4, 'aria-label="Sluiten"'),
        (5, 'value="Opslaan"'),
        (6, 'title="Kaart"'),
        (10, 'data-label-reconnecting="Opnieuw verbinden…"'),
    ]


@pytest.mark.parametrize(
    "template",
    sorted([*TEMPLATES.rglob("*.html"), *TEMPLATES.rglob("*.svg")]),
    ids=lambda path: str(path.relative_to(TEMPLATES)),
)
def test_template_has_no_untranslated_string(template):
    problems = [
        f"{template.relative_to(TEMPLATES)}:{line}: {text}"
        for line, text in untranslated(template.read_text())
    ]
    assert problems == [], "wrap these in {{ _(...) }}:\n" + "\n".join(problems)
