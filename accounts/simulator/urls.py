from django.urls import include, path
from oauth2_provider import urls as oauth2_urls

from accounts.simulator import views

urlpatterns = [
    path("", views.person_picker),
    path("idporten/login/", views.person_picker, name="login"),
    path(
        "idporten/",
        include((oauth2_urls.base_urlpatterns + oauth2_urls.oidc_urlpatterns, "oauth2_provider")),
    ),
    path("maskinporten/token", views.maskinporten_token),
    path("authentication/api/v1/exchange/maskinporten", views.altinn_exchange),
    path(
        "accessmanagement/api/v1/resourceowner/authorizedparties",
        views.authorized_parties,
    ),
]
