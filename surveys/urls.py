from django.contrib import admin
from django.urls import path

from surveys import sample_views, views

app_name = "surveys"
urlpatterns = [
    # Behind the admin's own check (staff who have proved their second factor), so the
    # preview asks exactly what the admin asks; anyone else is sent to the admin's login.
    path(
        "gjennomforinger/<int:pk>/forhandsvisning/",
        admin.site.admin_view(views.preview),
        name="preview",
    ),
    # A county's or training office's sample and quality report (surveys/sample_views.py).
    path("utvalg/", sample_views.sample, name="sample"),
    path("utvalg/kvalitet/", sample_views.quality, name="quality_report"),
    path(
        "utvalg/kvalitet/last-ned.<str:file_format>",
        sample_views.quality_download,
        name="quality_report_download",
    ),
]
