import pytest


@pytest.fixture(autouse=True)
def _no_sms_night(settings, monkeypatch):
    """The sending tests run at any hour: no night unless a test sets one (test_night.py)."""
    settings.SMS_NIGHT_STARTS = settings.SMS_NIGHT_ENDS = 0
    monkeypatch.setenv("SMS_NIGHT_STARTS", "0")  # for workers started as processes
    monkeypatch.setenv("SMS_NIGHT_ENDS", "0")
