"""The accounts app's URLs: front page, login and logout, the portal and the organisation
switch."""

from django.urls import path

from accounts import views
from accounts.help import views as help_views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("logg-inn/", views.login_page, name="login"),
    path("logg-ut/", views.logout, name="logout"),
    path("portal/", views.portal, name="portal"),
    path("portal/organisasjon/", views.switch_organisation, name="switch_organisation"),
    path("ingen-tilgang/", views.no_access, name="no_access"),
    path("hjelp/", help_views.index, name="help_index"),
    path("hjelp/<slug:role>/", help_views.page, name="help"),
]
