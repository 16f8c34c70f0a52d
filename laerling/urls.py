"""The project's URLs: each app's, the admin, the language switch and the health check."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from accounts import views as accounts_views
from accounts.idporten import urls as idporten_urls


def health(request):
    """For load balancers and the benchmarks' trivial view: the full middleware, no query."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("helse/", health, name="health"),
    path("", include("accounts.urls")),
    path("", include("distribution.urls")),
    path("", include("reporting.urls")),
    path("", include("surveys.urls")),
    # Only the ID-porten provider's login and callback: no password or sign-up pages.
    path("accounts/", include(idporten_urls)),
    # allauth redirects an inactive user here by this name.
    path("ingen-tilgang/deaktivert/", accounts_views.no_access, name="account_inactive"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
