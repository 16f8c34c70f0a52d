"""The information sheets as PDF (public), the portal page counties and offices take them
from, and the public page about the survey for apprentices and supervisors."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.scoping import organisation_required
from surveys.information import sheets
from surveys.models import Round, Survey


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


def about(request):
    """Why the survey is asked, that it is voluntary, what happens to the answers and when."""
    round_ = Round.objects.filter(survey=Survey.APPRENTICE).order_by("-year").first()
    context = {
        "round": round_,
        "contact_days": settings.CONTACT_DATA_DAYS,
        "surveys": Survey.choices,
        "languages": sheets.LANGUAGE_NAMES,
    }
    return render(request, "surveys/about.html", context)
