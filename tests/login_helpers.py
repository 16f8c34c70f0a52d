"""Logging in through the simulator from a test, without a browser: the Django test client
plays the application's side, `requests` plays the person's browser at ID-porten."""

import re
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.urls import reverse

from accounts.demo_people import persons


def demo_person(name: str, seed: int = 2026):
    return next(p for p in persons(seed) if p.name == name)


def login_through_simulator(client, name: str, acr: str = "idporten-loa-substantial"):
    """Returns the application's response to the callback (after the real code flow)."""
    # The callback URL the simulator knows is the live server's: speak as that host.
    client.defaults["HTTP_HOST"] = urlsplit(settings.SITE_URL).netloc
    start = client.post(reverse("idporten_login"))
    assert start.status_code == 302, start
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    person_id = re.search(r'value="(\d+)"[^>]*> ' + re.escape(name), page.text).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', page.text).group(1)
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": csrf,
            "person": person_id,
            "acr": acr,
            "next": next_url.replace("&amp;", "&"),
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, (answer.status_code, answer.text[:3000])
    # Follow the simulator's redirects until it sends the browser back to the application.
    location = answer.headers["Location"]
    while location.startswith("/") or urlsplit(location).port == urlsplit(page.url).port:
        answer = browser.get(
            location
            if location.startswith("http")
            else f"{urlsplit(page.url).scheme}://{urlsplit(page.url).netloc}{location}",
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, (answer.status_code, answer.text[:2000])
        location = answer.headers["Location"]
    callback = urlsplit(location)
    return client.get(f"{callback.path}?{callback.query}")
