"""Udir's preview of a round's questionnaire, as respondents will see it."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from surveys.models import Round
from surveys.questionnaires import comparability, languages, presentation


def preview(request, pk: int):
    """Udir's preview of a round's questionnaire as respondents will see it, in the language
    chosen on the page (`?sprak=nn`), with the items that break a time series marked.
    Behind the admin's own login check (see urls.py)."""
    round_ = get_object_or_404(Round.objects.select_related("questionnaire"), pk=pk)
    language = languages.supported(request.GET.get("sprak"), languages.supported(get_language()))
    version = round_.questionnaire
    marked = comparability.not_comparable(version)
    pages = presentation.theme_pages(version, language, mark=marked)
    return render(
        request,
        "surveys/preview.html",
        {
            "round": round_,
            "version": version,
            "previous": version.previous(),
            "language": language,
            "languages": settings.LANGUAGES,
            "pages": pages,
            "item_count": sum(len(page.items) for page in pages),
            "marked_count": len(marked),
        },
    )
