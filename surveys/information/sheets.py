"""The information sheets ("Informasjon om Lærlingundersøkelsen"), as PDF in bokmål,
nynorsk and English (apprentices answer in all three): what the survey is, that answering
is voluntary, the legal basis, the data controller and whom to ask, as Udir's 2023 page
says. Rendered by WeasyPrint from a template with Inter
from our own node_modules (DejaVu, a system font, as fallback): nothing is fetched from the
network. The PDF for a survey and language is made once per process and kept in memory;
the text only changes with a deployment.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

LANGUAGES = ("nb", "nn", "en")
# As the portal's list of sheets names them; English in itself, as the language switch does.
LANGUAGE_NAMES = (("nb", "bokmål"), ("nn", "nynorsk"), ("en", "English"))
FONT_DIR = settings.BASE_DIR / "node_modules" / "@fontsource" / "inter" / "files"


def html(survey: str, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "surveys/information_sheet.html",
            {"survey": survey, "language": language, "font_dir": FONT_DIR.as_uri()},
        )


@lru_cache(maxsize=8)
def pdf(survey: str, language: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a sheet is made

    return HTML(string=html(survey, language), base_url=str(settings.BASE_DIR)).write_pdf()


def filename(survey: str, language: str) -> str:
    name = "laerlingundersokelsen" if survey == "apprentice" else "faglig-leder-undersokelsen"
    return f"informasjon-{name}-{language}.pdf"
