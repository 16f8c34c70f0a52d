"""The surveys app's URLs: Udir's preview, the sample pages, the information sheets and
the personal links. Each subpackage keeps its views; their names stay in one namespace."""

from django.contrib import admin
from django.urls import path, re_path

from surveys.information import views as information_views
from surveys.questionnaires import views as questionnaire_views
from surveys.respondents import views as respondent_views
from surveys.sample import views as sample_views

app_name = "surveys"
urlpatterns = [
    # Behind the admin's own check (staff who have proved their second factor), so the
    # preview asks exactly what the admin asks; anyone else is sent to the admin's login.
    path(
        "gjennomforinger/<int:pk>/forhandsvisning/",
        admin.site.admin_view(questionnaire_views.preview),
        name="preview",
    ),
    # A county's or training office's sample and quality report (surveys/sample/views.py).
    path("utvalg/", sample_views.sample, name="sample"),
    path("utvalg/kvalitet/", sample_views.quality, name="quality_report"),
    path(
        "utvalg/kvalitet/last-ned.<str:file_format>",
        sample_views.quality_download,
        name="quality_report_download",
    ),
    # Information sheets: public PDFs, and the page counties and offices download them from.
    path(
        "informasjonsark/<str:survey>-<str:language>.pdf",
        information_views.information_sheet,
        name="information_sheet",
    ),
    path(
        "portal/informasjonsark/", information_views.information_sheets, name="information_sheets"
    ),
    path("om-undersokelsen/", information_views.about, name="about"),
    # Personal links (surveys/respondents/links.py): public, but every page needs a valid token.
    path("s/<str:token>", respondent_views.start, name="respondent_start"),
    path("s/<str:token>/sprak", respondent_views.choose_language, name="respondent_language"),
    path("s/<str:token>/side/<int:number>", respondent_views.theme_page, name="respondent_page"),
    path("s/<str:token>/oppsummering", respondent_views.summary, name="respondent_summary"),
    path("s/<str:token>/send-inn", respondent_views.submit, name="respondent_submit"),
    path("s/<str:token>/lagret", respondent_views.saved, name="respondent_saved"),
    path("s/<str:token>/reserver", respondent_views.opt_out, name="respondent_opt_out"),
    path("s/<str:token>/slett-svar", respondent_views.withdraw, name="respondent_withdraw"),
    # A link copied with a slash at its end (mail clients and people add one) still works.
    re_path(
        r"^s/(?P<rest>[^/].*?)/+$",
        respondent_views.without_trailing_slash,
        name="respondent_trailing_slash",
    ),
]
