"""A respondent's first page, with everything it loads, is small enough for a phone on a
slow connection: under 50 KB as transferred (compressed), in a real Chromium. It was 101 KB
(Designsystemet's whole index.css and three weights of Inter): 7 seconds on slow 3G."""

import re

import pytest

from tests.browser.harness import PHONE, assert_accessible
from tests.respondents import a_participant, a_round, path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONE_YEAR = 365 * 24 * 60 * 60


def _transfers(page, url: str) -> list:
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return finished


@pytest.mark.parametrize("suffix", ["", "/side/1"])
def test_a_respondents_first_page_with_all_it_loads_is_under_50_kb_compressed(
    page, organisations, suffix
):
    person = a_participant(a_round())
    page.set_viewport_size(PHONE)
    requests = _transfers(page, path(person, suffix))
    sizes = {
        request.url: request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        for request in requests
    }
    assert any("/static/" in url for url in sizes), sizes  # styled, not bare
    assert sum(sizes.values()) < 50_000, sizes
    assert_accessible(page)


def test_static_files_are_compressed_and_cached_for_a_year(page, organisations):
    person = a_participant(a_round())
    statics = [request for request in _transfers(page, path(person)) if "/static/" in request.url]
    assert statics
    for request in statics:
        headers = request.response().all_headers()
        assert headers.get("content-encoding") in ("gzip", "br"), (request.url, headers)
        max_age = re.search(r"max-age=(\d+)", headers.get("cache-control", ""))
        assert max_age and int(max_age[1]) >= ONE_YEAR, (request.url, headers)
