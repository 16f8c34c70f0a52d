from django.contrib import admin
from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    # Behind the admin's own check (staff who have proved their second factor), so the
    # preview asks exactly what the admin asks; anyone else is sent to the admin's login.
    path(
        "gjennomforinger/<int:pk>/forhandsvisning/",
        admin.site.admin_view(views.preview),
        name="preview",
    ),
]
