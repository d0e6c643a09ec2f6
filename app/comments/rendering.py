"""A comment's text as HTML: escaped first, then its http(s) links and @mentions marked up."""

import re

from markupsafe import Markup, escape

from app.comments.mentions import mention_pattern

# A link runs to the next space or quote; the punctuation that ends a sentence is not part of it.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def _links(text: str) -> Markup:
    out, last = Markup(""), 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        end = match.start() + len(url)
        out += escape(text[last : match.start()])
        out += Markup(
            '<a class="utrecht-link" href="{0}" rel="noopener nofollow ugc">{0}</a>'
        ).format(url)
        last = end
    return out + escape(text[last:])


def comment_html(body: str, names: list[str] = ()) -> Markup:
    """Render a comment: the text as text (line breaks kept by the CSS), links clickable,
    mentions of these names marked."""
    pattern = mention_pattern(list(names))
    if pattern is None:
        return _links(body)
    out, last = Markup(""), 0
    for match in pattern.finditer(body):
        out += _links(body[last : match.start()])
        out += Markup('<strong class="bw-mention">{}</strong>').format(match.group())
        last = match.end()
    return out + _links(body[last:])
