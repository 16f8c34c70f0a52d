"""The pages that run scripts still work under the Content-Security-Policy, in a real
Chromium: htmx swaps a list in place, and the admin's own scripts (autocomplete, actions,
the QR code of a TOTP device) do their work. Any refusal fails the test (harness.py)."""

import re

import pytest
from django.core.mail import send_mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_htmx_brings_a_new_message_into_the_outbox_without_reloading_the_page(page):
    page.goto(reverse("distribution:outbox"))
    page.evaluate("window.sameDocument = true")
    send_mail("Påminnelse", "Svar her: https://example.no/s/def", None, ["kari@example.no"])

    # The list asks for itself every 3 seconds.
    expect(page.get_by_role("link", name="https://example.no/s/def")).to_be_visible(timeout=8000)
    assert page.evaluate("window.sameDocument") is True


def test_the_admins_autocomplete_and_actions_work(admin_page, organisations):
    office = Organisation.objects.training_offices().first()
    admin_page.goto(reverse("admin:accounts_organisation_change", args=[office.pk]))
    admin_page.locator(".field-main_unit .select2-selection").click()
    admin_page.locator(".select2-dropdown .select2-search__field").fill("Vestland")
    # select2 asks the admin's autocomplete view (connect-src) and lists what it answers.
    found = admin_page.locator(".select2-results__option", has_text="Vestland")
    expect(found.first).to_be_visible()

    admin_page.goto(reverse("admin:accounts_organisation_changelist") + "?kind__exact=county")
    admin_page.locator("#action-toggle").check()
    counter = admin_page.locator(".action-counter").inner_text()
    selected, shown = map(int, re.findall(r"\d+", counter)[:2])
    assert selected == shown > 0


def test_a_totp_devices_qr_code_is_shown(admin_page, admin_user):
    device = TOTPDevice.objects.get(user=admin_user)
    admin_page.goto(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))
    image = admin_page.locator("img.qrcode-image")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
