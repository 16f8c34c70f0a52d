"""No template served as HTML has what the Content-Security-Policy refuses: an inline
script, a style element or attribute, an on...= handler or a javascript: address
(laerling/security_headers.py; the browser tests fail on any refusal they meet)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Rendered to PDF by WeasyPrint, never sent to a browser: the information sheets and the
# results report (whose charts the pages share, drawing their style only when given one of
# these: templates/reporting/pdf/_*_style.html).
NOT_HTML_PAGES = {"templates/surveys/information_sheet.html"}
NOT_HTML_FOLDERS = ("templates/reporting/pdf/",)
TEMPLATES = sorted(
    str(path.relative_to(ROOT))
    for path in (ROOT / "templates").rglob("*.html")
    if str(path.relative_to(ROOT)) not in NOT_HTML_PAGES
    and not str(path.relative_to(ROOT)).startswith(NOT_HTML_FOLDERS)
)
REFUSED = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+=", re.IGNORECASE),
    "javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_template_has_inline_code_the_policy_refuses(template):
    text = (ROOT / template).read_text()
    found = [what for what, pattern in REFUSED.items() if pattern.search(text)]
    assert not found, f"{template}: {', '.join(found)}"
