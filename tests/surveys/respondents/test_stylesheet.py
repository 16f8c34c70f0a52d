"""The respondent's stylesheet keeps the Designsystemet rules its templates can use, and
drops the rest (surveys/respondents/stylesheet.py)."""

from django.conf import settings

from surveys.respondents import stylesheet

CSS = (
    "@layer ds.base, ds.components;"
    "@layer ds.base{:root{--x:1}.ds-sr-only{clip:rect(0 0 0 0)}}"
    "@layer ds.components{.ds-button{color:red}.ds-table td{color:blue}"
    ":is(.ds-heading,.ds-spinner)[data-size]{margin:0}:is(.ds-tabs,.ds-card) p{margin:1px}"
    ".ds-button:not(.ds-table){gap:1px}@media (min-width:1px){.ds-table{all:unset}}}"
)


def test_a_rule_is_kept_when_an_element_with_the_used_classes_can_match_it():
    out = stylesheet.subset(CSS, {"ds-button", "ds-heading"})
    assert "@layer ds.base, ds.components;" in out
    assert ":root{--x:1}" in out
    assert ".ds-button{color:red}" in out
    assert ":is(.ds-heading,.ds-spinner)[data-size]{margin:0}" in out
    assert ".ds-button:not(.ds-table){gap:1px}" in out
    for dropped in ("ds-sr-only", ".ds-table td", "ds-tabs", "@media"):
        assert dropped not in out


def test_the_built_stylesheet_styles_every_class_of_the_respondent_templates():
    built = (settings.BUILT_ASSETS / stylesheet.OUTPUT_NAME).read_text()
    templates = [settings.BASE_DIR / "templates" / name for name in stylesheet.TEMPLATE_FILES]
    templates += (settings.BASE_DIR / "templates" / "surveys" / "respondent").glob("*.html")
    used = stylesheet.classes_in(templates)
    assert {"ds-button", "ds-input", "ds-heading", "ds-alert"} <= used
    for name in used:
        assert f".{name}" in built, name
    assert ".ds-table" not in built and ".ds-tabs" not in built
