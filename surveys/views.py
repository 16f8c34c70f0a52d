from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from accounts.scoping import organisation_required
from surveys import comparability, presentation
from surveys import information_sheet as information_sheet_module
from surveys.models import Round, Survey

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def preview(request, pk: int):
    """Udir's preview of a round's questionnaire as respondents will see it, in the language
    chosen on the page (`?sprak=nn`), with the items that break a time series marked.
    Behind the admin's own login check (see urls.py)."""
    round_ = get_object_or_404(Round.objects.select_related("questionnaire"), pk=pk)
    language = request.GET.get("sprak")
    if language not in LANGUAGE_CODES:
        language = get_language() if get_language() in LANGUAGE_CODES else "nb"
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


def information_sheet(request, survey: str, language: str):
    """The information sheet as PDF: public, as it is handed out on paper too."""
    if survey not in Survey.values or language not in information_sheet_module.LANGUAGES:
        raise Http404
    pdf = information_sheet_module.pdf(survey, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = information_sheet_module.filename(survey, language)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = language
    return response


@organisation_required
def information_sheets(request):
    """Where counties and training offices download the sheets to hand out in advance."""
    return render(
        request,
        "surveys/information_sheets.html",
        {"surveys": Survey.choices, "languages": information_sheet_module.LANGUAGE_NAMES},
    )
