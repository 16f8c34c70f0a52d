"""The reporting app's URLs: the portal's results pages."""

from django.urls import path

from reporting.views import pdf, results

app_name = "reporting"
urlpatterns = [
    path("resultater/", results.overview, name="overview"),
    path("resultater/tema/<slug:key>/", results.theme, name="theme"),
    path("resultater/fordelt/<slug:by>/", results.breakdown, name="breakdown"),
    path("resultater/pdf/", pdf.download, name="pdf"),
]
