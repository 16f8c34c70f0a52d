"""The distribution app's URLs: the development outbox."""

from django.urls import path

from distribution import views

app_name = "distribution"
urlpatterns = [
    path("utboks/", views.outbox, name="outbox"),
]
