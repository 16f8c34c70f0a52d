from django.urls import path

from accounts.idporten import views

# allauth includes this module's urlpatterns under /accounts/ (see laerling/urls.py).
urlpatterns = [
    path("idporten/login/", views.login, name="idporten_login"),
    path("idporten/login/callback/", views.callback, name="idporten_callback"),
    path(
        "idporten/logout/frontchannel/",
        views.frontchannel_logout,
        name="idporten_frontchannel_logout",
    ),
]
