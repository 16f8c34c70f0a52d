"""The information sheets as PDF (public) and the portal page counties and offices take
them from."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.scoping import organisation_required
from surveys.information import sheets
from surveys.models import Survey


def information_sheet(request, survey: str, language: str):
    """The information sheet as PDF: public, as it is handed out on paper too."""
    if survey not in Survey.values or language not in sheets.LANGUAGES:
        raise Http404
    pdf = sheets.pdf(survey, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = sheets.filename(survey, language)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = language
    return response


@organisation_required
def information_sheets(request):
    """Where counties and training offices download the sheets to hand out in advance."""
    return render(
        request,
        "surveys/information_sheets.html",
        {"surveys": Survey.choices, "languages": sheets.LANGUAGE_NAMES},
    )
