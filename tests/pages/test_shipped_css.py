"""The trimmed NL Design System CSS (scripts/vendor_css.py) still covers what the pages use.

A template that starts using another Utrecht component, or CSS that reads another token, fails
here until `make vendor-css` has vendored it.
"""

import re

from scripts.vendor_css import COMMENT, ROOT, UNSET_HEADING, defined_in, unresolved, used_classes

SHIPPED = [
    *sorted(ROOT.glob("static/vendor/utrecht-components-*.css")),
    *sorted(ROOT.glob("static/vendor/voorbeeld-design-tokens-*-used.css")),
    *sorted(ROOT.glob("static/css/*.css")),
]
# Theme hooks: a municipality's own token CSS (THEME_CSS) may scope its tokens to either class.
THEME_HOOKS = {"utrecht-theme"}


def shipped_css() -> str:
    return "\n".join(COMMENT.sub("", path.read_text()) for path in SHIPPED)


def test_the_shipped_css_is_the_trimmed_set():
    names = {path.name for path in ROOT.glob("static/vendor/*.css")}
    assert "utrecht-component-library-css-9.0.4.css" not in names
    assert "voorbeeld-design-tokens-7.4.1.css" not in names
    assert len(SHIPPED) > 2


def test_every_design_system_class_a_template_uses_has_a_rule():
    css = shipped_css()
    without_rule = sorted(
        name
        for name in used_classes() - THEME_HOOKS
        if not name.endswith(("-", "_")) and not re.search(rf"\.{name}(?![\w-])", css)
    )
    assert without_rule == [], "run `make vendor-css` (scripts/vendor_css.py)"


def test_every_token_the_shipped_css_reads_is_defined_or_has_a_fallback():
    """Except those the token package itself leaves unset, as vendor_css.py lists them."""
    css = shipped_css()
    tokens = next(ROOT.glob("static/vendor/voorbeeld-design-tokens-*-used.css")).read_text()
    listed = re.search(rf"{re.escape(UNSET_HEADING)}\n(.*?)\*/", tokens, re.S).group(1)
    unset = set(re.findall(r"--[\w-]+", listed))
    assert len(re.findall(r"var\(", css)) > 100, "the check reads the var(…) chains at all"
    missing = sorted(unresolved(css, defined_in(css)) - unset)
    assert missing == [], "run `make vendor-css` (scripts/vendor_css.py)"
