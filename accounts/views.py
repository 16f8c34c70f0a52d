"""The front page, the login and logout pages, the portal, the no-access page and the
switch of active organisation."""

from urllib.parse import urlencode

from allauth.socialaccount.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import audit, throttle
from accounts.demo_people import persons
from accounts.idporten.signals import ID_TOKEN_SESSION_KEY
from accounts.models import Organisation
from accounts.scoping import choose, organisation_required


def home(request):
    orgs = Organisation.objects
    counts = {
        "counties": orgs.counties().filter(valid_to__isnull=True).count(),
        "offices": orgs.training_offices().count(),
        "companies": orgs.training_companies().count(),
    }
    demo_persons = persons(settings.DEMO_SEED) if settings.EMBEDDED else []
    return render(request, "accounts/home.html", {"counts": counts, "demo_persons": demo_persons})


def login_page(request):
    if request.user.is_authenticated:
        return redirect("accounts:portal")
    return render(request, "accounts/login.html", {"next": request.GET.get("next", "")})


def logout(request):
    """Ends our session, then ID-porten's (RP-initiated logout with the ID token as hint).
    A GET (a bookmarked or typed address) only shows the button: logging out is a POST."""
    if request.method != "POST":
        return render(request, "accounts/logout.html")
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    auth_logout(request)
    messages.success(request, _("Du er logget ut."))
    if not id_token:
        return redirect("accounts:home")
    try:
        adapter = get_adapter().get_provider(request, "idporten").get_oauth2_adapter(request)
        end_session = adapter.openid_config["end_session_endpoint"]
    except Exception:  # noqa: BLE001 - ID-porten unreachable: our own session is ended anyway
        return redirect("accounts:home")
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": f"{settings.SITE_URL}/"}
    )
    return redirect(f"{end_session}?{query}")


@organisation_required
def portal(request):
    return render(request, "accounts/portal.html")


@require_POST
@organisation_required
def switch_organisation(request):
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404 from None
    organisation = choose(request, organisation_id)
    if organisation is None:
        return _refused_switch(request, organisation_id)
    audit.record("accounts.organisation.switched", actor=request.user, organisation=organisation)
    messages.success(request, _("Du handler nå for %(name)s.") % {"name": organisation.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("accounts:portal")
    return redirect(next_url)


def _refused_switch(request, organisation_id: int):
    """A 404 and an audit row; past SWITCH_REFUSED_LIMIT refusals within SWITCH_REFUSED_WINDOW
    seconds, 429 for as long, and the burst is one audit row instead of one per refusal
    (someone once tried 5,236 organisations, unhindered, and wrote as many rows)."""
    window = settings.SWITCH_REFUSED_WINDOW
    refused = throttle.hit(
        f"switch:refused:{request.user.pk}",
        f"switch:blocked:{request.user.pk}",
        limit=settings.SWITCH_REFUSED_LIMIT,
        window=window,
        block=window,
    )
    if refused is throttle.Hit.COUNTED:
        audit.record(
            "accounts.organisation.switch_refused",
            actor=request.user,
            organisation_id=organisation_id
            if Organisation.objects.filter(pk=organisation_id).exists()
            else None,
        )
        raise Http404
    if refused is throttle.Hit.LIMIT_PASSED:
        audit.record(
            "accounts.organisation.switch_throttled",
            actor=request.user,
            refused=settings.SWITCH_REFUSED_LIMIT + 1,
            within_seconds=window,
        )
    minutes = max(1, window // 60)
    return render(request, "accounts/too_many_switches.html", {"minutes": minutes}, status=429)


def no_access(request):
    return render(request, "accounts/no_access.html")
