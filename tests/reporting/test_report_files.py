"""The PDF report served from its stored file (reporting/exports/report_files.py): made
before it is asked for, served again while it shows the same, never once it does not."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, timezone, translation

from accounts.models import Organisation
from reporting import publication
from reporting.exports import report_files
from reporting.models import FindingRule, ReportFile
from surveys.rounds import schedule
from tests.distribution.rates_helpers import county
from tests.reporting.test_pdf import _download, _published, _text

pytestmark = pytest.mark.django_db


def _made_today(language: str = "nb") -> str:
    with translation.override(language):
        return "Laget " + formats.date_format(schedule.today(), "DATE_FORMAT")


def _prepare_and_wait_a_day(monkeypatch) -> tuple[int, str]:
    """Prepares the reports today; then it is tomorrow. What the front page said today."""
    made, today = report_files.prepare(), _made_today()
    tomorrow = schedule.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    return made, today


def test_a_report_made_before_it_is_asked_for_is_the_one_downloaded(county_admin, monkeypatch):
    _published()
    made, today = _prepare_and_wait_a_day(monkeypatch)
    assert made > 0 and _made_today() != today
    # The front page's day is the day the file was made, not the day of the download.
    assert today in _text(_download(county_admin, sprak="nb"))
    nynorsk = today.replace("Laget", "Laga")  # a date in nynorsk is as in bokmål
    assert nynorsk in _text(_download(county_admin, sprak="nn"))


def test_each_countys_and_udirs_reports_are_made_once_in_both_languages(monkeypatch):
    round_, _o = _published()
    counties = {
        cell_scope
        for cell_scope in round_.publication.cells.filter(scope__kind="county").values_list(
            "scope", flat=True
        )
    }
    udir = Organisation.objects.filter(kind="directorate").count()
    assert udir >= 1 and counties
    # Each county's own, Udir's national one and each county's as Udir reads it.
    assert report_files.prepare() == 2 * (len(counties) + udir * (1 + len(counties)))
    assert set(ReportFile.objects.values_list("language", flat=True)) == {"nb", "nn"}
    assert report_files.prepare() == 0  # nothing changed: nothing made


def test_a_changed_finding_rule_is_never_served_from_the_old_file(county_admin, monkeypatch):
    _round, o = _published()
    FindingRule.objects.update(active=False)
    _made, today = _prepare_and_wait_a_day(monkeypatch)
    before = _text(_download(county_admin))
    assert today in before and o["company"].name not in before.split("Svarprosent")[0]
    FindingRule.objects.create(theme="motivation", threshold=4, direction="below")
    after = _text(_download(county_admin))
    assert today not in after and _made_today() in after
    assert o["company"].name in after.split("Svarprosent", 1)[0]  # the finding, first
    # The old file is gone with what it showed: one file per report.
    mine = ReportFile.objects.filter(organisation=county_admin.organisation, language="nb")
    assert mine.count() == 1


def test_a_round_computed_again_takes_its_reports_files_with_it(county_admin, monkeypatch):
    round_, _o = _published()
    _made, today = _prepare_and_wait_a_day(monkeypatch)
    assert ReportFile.objects.exists()
    publication.publish(round_, force=True)
    assert not ReportFile.objects.exists()
    assert today not in _text(_download(county_admin))


def test_two_downloads_at_once_store_one_file_and_both_get_the_report(county_admin):
    round_, _o = _published()
    viewer = county_admin.organisation
    first = report_files.download(viewer, round_, viewer, "nb")
    # The second request finished laying out the same report just after the first stored it.
    digest = ReportFile.objects.get().digest
    shown = {round_.pk: round_.publication.pk}
    report_files._store(viewer, round_, viewer, "nb", digest, first, shown)
    assert ReportFile.objects.count() == 1
    assert report_files.download(viewer, round_, viewer, "nb") == first


def test_a_report_of_a_publication_computed_again_meanwhile_is_not_stored(county_admin):
    round_, _o = _published()
    viewer = county_admin.organisation
    shown = {round_.pk: round_.publication.pk}  # read before the report was laid out
    publication.publish(round_, force=True)  # meanwhile, the round computed again
    report_files._store(viewer, round_, viewer, "nb", "0" * 64, b"%PDF-old", shown)
    assert not ReportFile.objects.exists()


def test_a_new_renderer_makes_every_report_again(monkeypatch):
    _published()
    made = report_files.prepare()
    assert made > 0 and report_files.prepare() == 0
    monkeypatch.setattr(report_files, "REPORT_VERSION", report_files.REPORT_VERSION + "-next")
    assert report_files.prepare() == made


def test_no_organisation_is_served_another_ones_file(county_admin):
    round_, _o = _published()
    viewer = county_admin.organisation
    mine = report_files.download(viewer, round_, viewer, "nb")
    # Another county's file with the very digest of this one's report, as a copy of it.
    ReportFile.objects.update(organisation=county("11"), content=b"%PDF-theirs")
    assert report_files.download(viewer, round_, viewer, "nb") != b"%PDF-theirs"
    assert ReportFile.objects.for_organisation(viewer).get().content == mine
