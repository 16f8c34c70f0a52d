"""Every message is in nynorsk and English, none fuzzy, and the catalogues are current."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["nn", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalogue(root: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(root / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_is_untranslated_or_fuzzy(lang):
    catalogue = _catalogue(ROOT, lang)
    assert len(catalogue) > 50
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    for entry in _catalogue(ROOT, lang).translated_entries():
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for name in set(PLACEHOLDER.findall(entry.msgid)):
            for translated in translations:
                assert name in translated, (entry.msgid, translated)


def test_the_catalogues_hold_every_message_in_the_code(tmp_path):
    """makemessages on a copy of the tree finds no message the committed .po files lack."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "*.pyc", "*.mo"),
    )
    for lang in LANGUAGES:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                lang,
                "--no-obsolete",
                "--ignore",
                ".venv/*",
                "--ignore",
                "node_modules/*",
                "-v",
                "0",
            ],
            cwd=copy,
            check=True,
            timeout=120,
        )
        current = {e.msgid for e in _catalogue(copy, lang)}
        committed = {e.msgid for e in _catalogue(ROOT, lang)}
        assert current - committed == set(), f"{lang}: run `make makemessages` and translate"
