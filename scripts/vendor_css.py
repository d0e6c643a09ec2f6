"""Vendor only the NL Design System CSS the pages use: `make vendor-css`.

It installs the pinned npm packages into build/vendor-css/ (git-ignored) and writes two files:

- static/vendor/utrecht-components-9.0.4.css: the `@utrecht/*-css` packages of the components the
  templates and scripts use (each `utrecht-…` class names its component: `utrecht-form-field--text`
  → `@utrecht/form-field-css`), at the exact versions `@utrecht/component-library-css` 9.0.4 pins,
  in that library's order (so the cascade is the library's);
- static/vendor/voorbeeld-design-tokens-7.4.1-used.css: the Voorbeeld tokens' `dist/theme.css`
  with only the custom properties something shipped reads: the component CSS above and
  static/css/*.css, followed through `var(--…)` chains.

Running it again gives byte-identical files. Add a component class to a template, run it again;
tests/pages/test_shipped_css.py fails when that was forgotten.
"""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "vendor-css"
MODULES = WORK / "node_modules"
VENDOR = ROOT / "static" / "vendor"
LIBRARY = ("@utrecht/component-library-css", "9.0.4")
TOKENS = ("@nl-design-system-unstable/voorbeeld-design-tokens", "7.4.1")
COMPONENTS_CSS = VENDOR / f"utrecht-components-{LIBRARY[1]}.css"
TOKENS_CSS = VENDOR / f"voorbeeld-design-tokens-{TOKENS[1]}-used.css"
LICENCE = VENDOR / "LICENSE-EUPL-1.2.md"
# Where the pages name classes: templates and the scripts that build markup.
CLASS_SOURCES = ("templates/**/*.html", "static/js/*.js")
# Where the CSS a page ships reads tokens, besides the component CSS.
OWN_CSS = "static/css/*.css"

UNSET_HEADING = "Read without a fallback by the component CSS but defined by no token (so unset):"
# A class name; not a file name such as `utrecht-components-9.0.4.css`.
CLASS = re.compile(
    r"(?<![\w-])((?:utrecht|voorbeeld)-[a-z0-9]+(?:-[a-z0-9]+)*)((?:__|--)[a-z0-9_-]*)?(?![\w.-])"
)
VAR = re.compile(r"var\(\s*(--[\w-]+)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
SELECTOR_START = re.compile(r"\.([a-z0-9_-]+)[^{}]*{")


def used_classes() -> set[str]:
    """Every `utrecht-…`/`voorbeeld-…` class a template or script names (whole, with modifiers)."""
    found = set()
    for pattern in CLASS_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for match in CLASS.finditer(path.read_text()):
                found.add(match.group(0))
    return found


def variables_read(css: str) -> set[str]:
    """The custom properties that `var(…)` reads in this CSS (comments ignored)."""
    return set(VAR.findall(COMMENT.sub("", css)))


def _closing(css: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at `opening`."""
    depth = 0
    for index in range(opening, len(css)):
        depth += {"(": 1, ")": -1}.get(css[index], 0)
        if depth == 0:
            return index
    raise ValueError(f"unclosed parenthesis at {opening}")


def _vars(css: str):
    """(name, fallback or None) of each outermost var(…) in this CSS text."""
    index = 0
    while (index := css.find("var(", index)) != -1:
        end = _closing(css, index + 3)
        name, comma, fallback = css[index + 4 : end].partition(",")
        yield name.strip(), fallback.strip() if comma else None
        index = end


def _resolves(name: str, fallback: str | None, defined: set[str]) -> bool:
    """Whether a var(…) chain gives a value: a name in it is defined, or it ends in a literal."""
    if name in defined:
        return True
    if fallback is None:
        return False
    literal = re.sub(r"var\((?:[^()]|\([^()]*\))*\)", "", fallback).strip(" ,")
    return bool(literal) or any(_resolves(*chain, defined) for chain in _vars(fallback))


def unresolved(css: str, defined: set[str]) -> set[str]:
    """Custom properties that an ordinary property reads with nothing to fall back on.

    (A custom property whose own var(…) finds nothing is merely unset, and whoever reads it
    falls back; what must resolve is what a colour, a border, a margin reads.)
    """
    css = COMMENT.sub("", css)
    values = re.findall(r"(?:^|[;{])\s*[a-z][\w-]*\s*:([^;{}]*)", css, re.M)
    chains = [chain for value in values for chain in _vars(value)]
    return {name for name, fallback in chains if not _resolves(name, fallback, defined)}


def defined_in(css: str) -> set[str]:
    """The custom properties this CSS declares."""
    return set(re.findall(r"(--[\w-]+)\s*:", COMMENT.sub("", css)))


def install() -> None:
    """`npm i -E` the pinned library and tokens into build/vendor-css/."""
    WORK.mkdir(parents=True, exist_ok=True)
    manifest = {"private": True, "dependencies": dict([LIBRARY, TOKENS])}
    (WORK / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    subprocess.run(
        ["npm", "i", "-E", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=WORK, check=True
    )


def package_css(package: str) -> str:
    """A component package's dist/index.css without its `@charset` line."""
    text = (MODULES / package / "dist" / "index.css").read_text()
    return re.sub(r'^@charset "UTF-8";\n', "", text).strip() + "\n"


def components() -> list[tuple[str, str]]:
    """(package, version) of each used component, in the library's own order."""
    library = MODULES / LIBRARY[0]
    pinned = json.loads((library / "package.json").read_text())["dependencies"]
    blocks = {match.group(1) for match in map(CLASS.fullmatch, used_classes()) if match}
    wanted = [f"@utrecht/{block.removeprefix('utrecht-')}-css" for block in sorted(blocks)]
    chosen = [package for package in wanted if package in pinned]
    bundle = COMMENT.sub("", (library / "dist" / "index.css").read_text())

    def place(package: str) -> int:
        first = SELECTOR_START.search(COMMENT.sub("", package_css(package)))
        found = re.search(rf"\.{first.group(1)}(?![\w-])", bundle) if first else None
        return found.start() if found else len(bundle)

    return [(package, pinned[package]) for package in sorted(chosen, key=place)]


def write_components(chosen: list[tuple[str, str]]) -> str:
    listed = "\n".join(f" *   {package} {version}" for package, version in chosen)
    header = (
        f"/* The NL Design System component CSS Brugwerk's pages use, written by\n"
        f" * scripts/vendor_css.py from the packages {LIBRARY[0]} {LIBRARY[1]} pins\n"
        f" * (EUPL-1.2, see LICENSE-EUPL-1.2.md and each part's @license comment):\n{listed}\n */\n"
    )
    css = header + "\n".join(package_css(package) for package, _ in chosen)
    if not css.isascii():
        css = '@charset "UTF-8";\n' + css
    COMPONENTS_CSS.write_text(css)
    return css


def write_tokens(components_css: str) -> None:
    theme = (MODULES / TOKENS[0] / "dist" / "theme.css").read_text()
    block = re.fullmatch(r"\s*(?:/\*.*?\*/\s*)?(\.[\w-]+) \{\n(.*?)\n\}\s*", theme, re.S)
    scope, body = block.group(1), block.group(2).split("\n")
    definitions = {}
    for line in body:
        name = re.fullmatch(r"  (--[\w-]+): .*;(?: /\*[^*]*\*/)?", line)
        if not name:
            sys.exit(f"unexpected line in {TOKENS[0]} dist/theme.css: {line!r}")
        definitions[name.group(1)] = line
    own = "".join(path.read_text() for path in sorted(ROOT.glob(OWN_CSS)))
    wanted, todo = set(), variables_read(components_css + own)
    while todo:
        name = todo.pop()
        if name in definitions and name not in wanted:
            wanted.add(name)
            todo |= variables_read(definitions[name])
    kept = [line for name, line in definitions.items() if name in wanted]
    # Read without a fallback, yet no token defines them: unset, as with the whole library.
    shipped = components_css + own
    unset = sorted(unresolved(shipped, set(definitions) | defined_in(shipped)))
    listed = textwrap.fill(" ".join(unset), 96, break_on_hyphens=False, break_long_words=False)
    TOKENS_CSS.write_text(
        f"/* @license EUPL-1.2 (see LICENSE-EUPL-1.2.md)\n"
        f" * {TOKENS[0]} {TOKENS[1]}, dist/theme.css: only the {len(kept)} of its\n"
        f" * {len(definitions)} custom properties that Brugwerk's CSS reads, written by\n"
        f" * scripts/vendor_css.py.\n */\n"
        f"/* {UNSET_HEADING}\n{textwrap.indent(listed, ' * ')}\n */\n"
        f"{scope} {{\n" + "\n".join(kept) + "\n}\n"
    )


def main() -> None:
    install()
    css = write_components(components())
    write_tokens(css)
    LICENCE.write_text((MODULES / "@utrecht" / "button-css" / "LICENSE.md").read_text())
    for path in (COMPONENTS_CSS, TOKENS_CSS, LICENCE):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
