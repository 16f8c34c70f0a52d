"""The active organisation, resolved once per request and used by every query.

`request.organisations` are those the person may act for now; `request.organisation` is
the one chosen (remembered in the session), or the only one. Views that show an
organisation's data take it from `request.organisation` through `organisation_required`,
and fetch objects through it, so another organisation's object is a 404.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from accounts.grants import granted_organisations

SESSION_KEY = "active_organisation_id"


def _organisations(request):
    if not hasattr(request, "_organisations"):
        request._organisations = list(granted_organisations(request.user))
    return request._organisations


def _active(request):
    organisations = _organisations(request)
    chosen = request.session.get(SESSION_KEY)
    for organisation in organisations:
        if organisation.pk == chosen:
            return organisation
    return organisations[0] if organisations else None


class ActiveOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisations = SimpleLazyObject(lambda: _organisations(request))
        request.organisation = SimpleLazyObject(lambda: _active(request))
        response = self.get_response(request)
        if request.user.is_authenticated:
            # A logged-in page may hold personal data: never kept by a (shared) browser.
            patch_cache_control(response, private=True, no_store=True)
        return response


def organisation_required(view):
    """Logged in, with at least one organisation: else login, or the page on getting access."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not _organisations(request):
            return redirect("accounts:no_access")
        request.organisation = _active(request)
        return view(request, *args, **kwargs)

    return wrapped


def choose(request, organisation_id: int):
    """Makes one of the person's organisations the active one; None if it is not theirs."""
    for organisation in _organisations(request):
        if organisation.pk == organisation_id:
            request.session[SESSION_KEY] = organisation.pk
            request.organisation = organisation
            return organisation
    return None
