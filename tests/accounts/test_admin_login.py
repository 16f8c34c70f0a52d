"""The admin asks Udir staff for a password and a TOTP code, and locks out guessing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "et-langt-passord-for-udir"


@pytest.fixture
def staff():
    user = User.objects.create_user("ola.udir", password=PASSWORD, is_staff=True)
    user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="Autentiseringsapp", confirmed=True)


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _login(client, password=PASSWORD, token=""):
    # The login form lists the user's devices once the password is known; one is chosen.
    device = TOTPDevice.objects.filter(user__username="ola.udir").first()
    return client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "ola.udir",
            "password": password,
            "otp_device": device.persistent_id if device else "",
            "otp_token": token,
        },
    )


def test_staff_with_password_and_totp_code_reach_the_admin(client, device):
    response = _login(client, token=_code(device))

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_field_lets_a_phone_offer_the_code_and_a_digit_keypad(client):
    page = client.get("/admin/login/").content.decode()
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page


def test_staff_type_username_password_and_code_in_one_go_without_picking_a_device(client, device):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "ola.udir", "password": PASSWORD, "otp_token": _code(device)},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_password_without_the_second_factor_is_refused(client, device):
    response = _login(client)

    assert response.status_code == 200
    assert response.context["form"].errors
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith("/admin/login/")


def test_a_wrong_totp_code_is_refused(client, device):
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    _login(client, token=wrong)

    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_password_login_elsewhere_does_not_open_the_admin(client, staff, device):
    # A session logged in by password alone (say, a future staff page) is not verified.
    client.force_login(staff)

    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_too_many_wrong_passwords_lock_the_login_even_for_the_right_one(client, device, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, password="feil-passord", token=_code(device)).status_code == 200
    assert _login(client, password="feil-passord", token=_code(device)).status_code == 429

    response = _login(client, token=_code(device))

    assert response.status_code == 429
    assert "For mange innloggingsforsøk" in response.content.decode()
    assert "Prøv igjen om 15 minutter" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_few_wrong_passwords_do_not_lock_out(client, device, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, password="feil-passord")

    assert _login(client, token=_code(device)).status_code == 302


def test_behind_the_proxy_an_outsider_cannot_lock_a_known_administrator_out(device, settings):
    # Every request comes from the proxy (10.0.0.1), which appends the visitor's address.
    settings.LINK_TRUSTED_PROXIES = 1
    outsider = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(outsider, password="feil-passord")
    assert _login(outsider, token=_code(device)).status_code == 429

    # The administrator, from home, is not locked out, by username or by the proxy's address.
    at_home = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _login(at_home, token=_code(device)).status_code == 302
    assert at_home.get("/admin/").status_code == 200


def test_without_a_trusted_proxy_a_made_up_forwarded_address_does_not_get_round_the_lockout(
    device, settings
):
    settings.LINK_TRUSTED_PROXIES = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        guesser = Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
        _login(guesser, password="feil-passord")
    guesser = Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert _login(guesser, token=_code(device)).status_code == 429


def test_the_command_gives_a_staff_user_a_device_and_prints_its_address(staff, capsys):
    call_command("add_totp_device", "ola.udir")

    assert capsys.readouterr().out.startswith("otpauth://totp/")
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1
