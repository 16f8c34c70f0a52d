"""What a personal link gives: unknown, withdrawn and expired links get the one same page
after the same work, and wrong links are rate-limited per address - never a valid one."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.respondents import a_participant, a_round, path

pytestmark = pytest.mark.django_db

UNKNOWN = "/s/AAAAAAAAAAAAAAAAAAAAAA"


def _visit(url: str, address: str = "192.0.2.1"):
    client = Client(REMOTE_ADDR=address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
    return response, len(queries)


def test_unknown_withdrawn_and_expired_links_get_the_identical_page_after_one_lookup():
    withdrawn = a_participant(a_round(), withdrawn_at=timezone.now())
    expired = a_participant(a_round("supervisor", opens_in=-30, closes_in=-1))
    seen = [
        _visit(UNKNOWN, "192.0.2.1"),
        _visit(path(withdrawn), "192.0.2.2"),
        _visit(path(expired), "192.0.2.3"),
    ]
    pages = {(r.status_code, r.content, r.headers.get("Set-Cookie")) for r, _q in seen}
    assert len(pages) == 1
    status, content, _cookie = pages.pop()
    assert status == 404 and "Lenken virker ikke" in content.decode()
    assert [queries for _r, queries in seen] == [1, 1, 1]


def test_every_page_behind_a_wrong_link_is_the_same_page():
    for suffix in ("/side/1", "/oppsummering", "/lagret", "/reserver"):
        response, queries = _visit(UNKNOWN + suffix)
        assert response.status_code == 404 and queries == 1
        assert "Lenken virker ikke" in response.content.decode()


def test_a_valid_link_is_found_with_one_lookup_before_its_page_is_made():
    person = a_participant(a_round())
    response, queries = _visit(path(person))
    assert response.status_code == 200
    assert queries == 1  # the link with its draft; nothing per theme or item


def test_twenty_wrong_links_in_ten_minutes_then_429_but_a_valid_link_still_works():
    person = a_participant(a_round())
    for number in range(20):
        assert _visit(f"/s/wrong{number:017d}")[0].status_code == 404
    blocked, _queries = _visit("/s/wrong-number-twenty-one")
    assert blocked.status_code == 429
    assert "For mange forsøk" in blocked.content.decode()
    # Apprentices at a gathering share the address: a valid link is never blocked.
    assert _visit(path(person))[0].status_code == 200
    assert _visit(path(person, "/side/1"))[0].status_code == 200
    # A withdrawn link is as wrong as an unknown one: blocked too, not told apart.
    withdrawn = a_participant(person.round, withdrawn_at=timezone.now())
    assert _visit(path(withdrawn))[0].status_code == 429
    # Another address is not affected.
    assert _visit("/s/wrong-from-elsewhere", "198.51.100.7")[0].status_code == 404


def test_the_block_ends_after_its_time(settings):
    settings.LINK_WRONG_LIMIT = 2
    settings.LINK_BLOCK_SECONDS = 1
    for _ in range(2):
        assert _visit(UNKNOWN)[0].status_code == 404
    assert _visit(UNKNOWN)[0].status_code == 429
    time.sleep(1.2)
    assert _visit(UNKNOWN)[0].status_code == 404


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(settings):
    settings.LINK_TRUSTED_PROXIES = 1
    settings.LINK_WRONG_LIMIT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    assert proxy.get(UNKNOWN, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 404
    assert proxy.get(UNKNOWN, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # Someone else behind the same proxy is another address.
    assert proxy.get(UNKNOWN, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 404


def test_the_addresses_of_one_ipv6_64_are_counted_together():
    # One household, phone or server gets a whole /64: 200 of its addresses are one visitor.
    refused = [_visit(UNKNOWN, f"2001:db8:1:2::{n:x}")[0].status_code for n in range(1, 201)]
    assert refused[:20] == [404] * 20 and set(refused[20:]) == {429}
    # The next /64 is someone else.
    assert _visit(UNKNOWN, "2001:db8:1:3::1")[0].status_code == 404


def test_ipv4_addresses_are_counted_one_by_one_also_when_written_as_ipv6():
    # A server listening on IPv6 sees IPv4 visitors as ::ffff:a.b.c.d, all in one /64.
    for _ in range(20):
        _visit(UNKNOWN, "::ffff:192.0.2.1")
    assert _visit(UNKNOWN, "192.0.2.1")[0].status_code == 429
    assert _visit(UNKNOWN, "::ffff:192.0.2.2")[0].status_code == 404
    assert _visit(UNKNOWN, "192.0.2.3")[0].status_code == 404
