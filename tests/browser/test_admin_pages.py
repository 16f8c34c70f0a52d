"""The admin pages Udir works in, in a real Chromium with axe: the extract upload, rounds,
questionnaires (versions, themes, items), organisations, grants and users. Every page is
checked and every page's findings are reported together."""

import datetime

import pytest

from accounts.models import AltinnGrant, LocalGrant, Organisation
from surveys.models import Item, QuestionnaireVersion, ResearchExtract, Round, Theme
from surveys.questionnaires.loading import load_shipped
from surveys.rounds.creation import create_rounds
from tests.browser.harness import assert_accessible
from tests.browser.test_preview import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def udir(django_user_model, organisations):
    load_shipped(QuestionnaireVersion, Theme, Item)  # an earlier transactional test may flush
    create_rounds(2027)
    user = django_user_model.objects.create_superuser("udir", "udir@example.no", "langt 123 pass")
    vestland = Organisation.objects.get(county_number="46")
    AltinnGrant.objects.create(user=user, organisation=vestland)
    grant = LocalGrant.objects.create(
        pid_hash="0" * 64,
        organisation=Organisation.objects.get(name="Viken fylkeskommune"),
        valid_until=datetime.date(2027, 6, 30),
        reason="Resultater for Viken",
    )
    return user, grant


def admin_pages(user, grant) -> list[str]:
    round_ = Round.objects.filter(year=2027).first()
    version = QuestionnaireVersion.objects.order_by("-year").first()
    theme = Theme.objects.filter(version=version).first()
    item = Item.objects.filter(theme=theme).first()
    county = Organisation.objects.get(county_number="46")
    research = ResearchExtract.objects.create(
        project="Veiledning",
        institution="NIFU",
        researchers="Kari Forsker",
        purpose="Forskning",
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2027, 12, 31),
        declaration_reference="26/1",
    )
    return [
        "/admin/surveys/sampleimport/upload/",
        "/admin/surveys/round/",
        "/admin/surveys/round/personopplysninger/",
        "/admin/surveys/round/add/",
        "/admin/surveys/researchextract/",
        "/admin/surveys/researchextract/add/",
        f"/admin/surveys/researchextract/{research.pk}/change/",
        f"/admin/surveys/round/{round_.pk}/change/",
        "/admin/surveys/questionnaireversion/",
        f"/admin/surveys/questionnaireversion/{version.pk}/change/",
        "/admin/surveys/theme/",
        f"/admin/surveys/theme/{theme.pk}/change/",
        "/admin/surveys/item/",
        f"/admin/surveys/item/{item.pk}/change/",
        "/admin/accounts/organisation/",
        f"/admin/accounts/organisation/{county.pk}/change/",
        "/admin/accounts/localgrant/",
        "/admin/accounts/localgrant/add/",
        f"/admin/accounts/localgrant/{grant.pk}/change/",
        "/admin/accounts/altinngrant/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{user.pk}/change/",
        "/admin/distribution/messagetemplate/",
        "/admin/distribution/messagetemplate/add/?channel=email&purpose=information",
    ]


def test_axe_finds_nothing_on_the_admin_pages_udir_uses(page, udir):
    user, grant = udir
    page.goto("/")
    _log_in(page, user)
    findings = []
    for url in admin_pages(user, grant):
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        try:
            assert_accessible(page)
        except AssertionError as error:
            findings.append(str(error))
    assert not findings, "\n\n".join(findings)
