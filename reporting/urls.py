"""The reporting app's URLs: the portal's results pages."""

from django.urls import path

from reporting.views import expectations, exports, pdf, results
from reporting.views import series as series_views

app_name = "reporting"
urlpatterns = [
    path("resultater/", results.overview, name="overview"),
    path("resultater/tema/<slug:key>/", results.theme, name="theme"),
    path("resultater/fordelt/<slug:by>/", results.breakdown, name="breakdown"),
    path("resultater/last-ned/<slug:format>/", exports.download, name="download"),
    path("resultater/eksport/<uuid:pk>/", exports.export, name="export"),
    path("resultater/eksport/<uuid:pk>/fil/", exports.export_file, name="export_file"),
    path("resultater/forventninger/", expectations.expectations_page, name="expectations"),
    path("resultater/pdf/", pdf.download, name="pdf"),
    path("resultater/over-tid/", series_views.series_page, name="series"),
    path("resultater/over-tid/<slug:key>/", series_views.series_page, name="series_theme"),
]
