"""The respondent's stylesheet: only the Designsystemet rules the respondent's templates use.

Designsystemet's index.css is 147 KB (21 KB compressed); with the theme and three weights
of Inter, a first visit took 101 KB compressed, 7 seconds on a slow 3G connection before
the first question showed. An apprentice answers on a phone, often on mobile data, so the
respondent's pages load the theme, this subset (about 9 KB compressed) and our own small
CSS, and no web font (the system's own, in surveys/static/surveys/respondent.css).

`manage.py build_respondent_css` writes it at setup (the Makefile's `setup`, the
Dockerfile), from the installed Designsystemet and the templates as they are, so a class
added to a respondent template is styled after the next setup with nothing else to keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

# Where the class names come from: the respondent's templates, the public pages for those
# without a link (distribution/public: lost link, gatherings), and what they include from
# the site's base (the skip link, the language switch).
TEMPLATE_DIRS = ("surveys/respondent", "distribution/public")
TEMPLATE_FILES = ("base.html", "_language_switch.html")
OUTPUT_NAME = "surveys/respondent-ds.css"

_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_DS_CLASS = re.compile(r"\.(ds-[A-Za-z0-9_-]+)")
# :is() and :where() match if one of their alternatives can; what is inside :not() and
# :has() need not be on the element itself.
_FUNCTIONAL = re.compile(r":(is|where|not|has)\(")


def classes_in(templates: Iterable[Path]) -> set[str]:
    """Every Designsystemet class (ds-…) named in a class attribute of these templates."""
    found = set()
    for template in templates:
        for attribute in _CLASS_ATTRIBUTE.findall(template.read_text(encoding="utf-8")):
            found.update(name for name in attribute.split() if name.startswith("ds-"))
    return found


def _top_level(selector: str, separator: str = ",") -> list[str]:
    """The selector split at commas outside parentheses."""
    parts, depth, current = [], 0, []
    for char in selector:
        depth += char == "("
        depth -= char == ")"
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _can_match(selector: str, used: set[str]) -> bool:
    """Whether an element whose ds- classes are all in `used` can match the selector (a
    comma list), so that a rule for unused components is left out."""
    return any(_part_can_match(part, used) for part in _top_level(selector))


def _part_can_match(part: str, used: set[str]) -> bool:
    outside, index = [], 0
    while index < len(part):
        match = _FUNCTIONAL.match(part, index)
        if not match:
            outside.append(part[index])
            index += 1
            continue
        depth, end = 1, match.end()
        while end < len(part) and depth:
            depth += (part[end] == "(") - (part[end] == ")")
            end += 1
        inner = part[match.end() : end - 1]
        if match[1] in ("is", "where") and not _can_match(inner, used):
            return False
        index = end
    return set(_DS_CLASS.findall("".join(outside))) <= used


def _filtered(rules, used: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                part.strip()
                for part in _top_level(tinycss2.serialize(rule.prelude))
                if _can_match(part, used)
            ]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule":
            grouping = rule.content is not None and rule.lower_at_keyword in (
                "layer",
                "media",
                "supports",
                "container",
            )
            if not grouping:  # @layer statements, @property, @keyframes, @font-face: as they are
                kept.append(tinycss2.serialize([rule]))
                continue
            inner = _filtered(
                tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True),
                used,
            )
            if inner:
                prelude = tinycss2.serialize(rule.prelude)
                kept.append(f"@{rule.at_keyword}{prelude}{{{''.join(inner)}}}")
    return kept


def subset(css: str, used: set[str]) -> str:
    """The rules of `css` that can match an element whose ds- classes are all in `used`,
    in their order and layers."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "".join(_filtered(rules, used))


def build(designsystemet_css: Path, template_root: Path, output_dir: Path) -> Path:
    templates = [template_root / name for name in TEMPLATE_FILES]
    for directory in TEMPLATE_DIRS:
        templates.extend(sorted((template_root / directory).glob("*.html")))
    css = subset(designsystemet_css.read_text(encoding="utf-8"), classes_in(templates))
    target = output_dir / OUTPUT_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    text = "/* Built by manage.py build_respondent_css from Designsystemet; do not edit. */\n" + css
    # Unchanged, it is left alone, so collectstatic and the tests see nothing new.
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target
