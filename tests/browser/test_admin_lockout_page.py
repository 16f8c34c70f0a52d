"""The page a locked-out admin login gets, in a real Chromium, passes WCAG 2.1 AA."""

import pytest

from accounts.models import User
from tests.browser.harness import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lockout_page_says_why_and_when_to_try_again_and_passes_axe(page, settings):
    User.objects.create_user("ola.udir", password="et-langt-passord-for-udir", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/admin/login/")
        page.fill("input[name=username]", "ola.udir")
        page.fill("input[name=password]", "feil-passord")
        page.locator("input[type=submit]").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == "For mange innloggingsforsøk"
    assert "Prøv igjen om 15 minutter" in page.locator("main").inner_text()
    assert_accessible(page)
