from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("gjennomforinger/<int:pk>/forhandsvisning/", views.preview, name="preview"),
]
