from django.shortcuts import render

from accounts.models import Organisation


def home(request):
    orgs = Organisation.objects
    counts = {
        "counties": orgs.counties().filter(valid_to__isnull=True).count(),
        "offices": orgs.training_offices().count(),
        "companies": orgs.training_companies().count(),
    }
    return render(request, "accounts/home.html", {"counts": counts})
