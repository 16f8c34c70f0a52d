"""The distribution app's URLs: the portal's dispatches and the development outbox."""

from django.urls import path

from distribution.views import dispatches, outbox, rates

app_name = "distribution"
urlpatterns = [
    path("utsending/", dispatches.dispatch_list, name="dispatches"),
    path("utsending/ny/", dispatches.compose, name="compose"),
    path("utsending/ny/oppsummering/", dispatches.summary, name="summary"),
    path("utsending/<int:pk>/", dispatches.dispatch_detail, name="dispatch"),
    path("svarprosent/", rates.response_rates, name="rates"),
    path("svarprosent/<slug:by>/", rates.rates_breakdown, name="rates_breakdown"),
    path("utboks/", outbox.outbox, name="outbox"),
]
