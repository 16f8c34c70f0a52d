"""Every URL pattern, walked as an anonymous visitor and as a person of another
organisation: a 404, a refusal or a redirect to login, never the other organisation's data.

A new URL pattern fails this test until it is either PUBLIC (with a reason) or has
arguments in ARGS that point at an object of the victim organisation. Later issues add
their URLs here, so none can forget its scoping.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Organisation

# Pages anyone may see, and why.
PUBLIC = {
    "accounts:home": "the front page",
    "accounts:login": "the login page",
    "accounts:no_access": "how to get access",
    "account_inactive": "how to get access (allauth's name)",
    "set_language": "the language switch",
    "idporten_login": "starts the ID-porten login",
    "idporten_callback": "ID-porten's callback; refuses without a valid state",
    "idporten_frontchannel_logout": "ID-porten ends a session by its sid; shows nothing",
    "distribution:outbox": "the embedded mode's outbox; 404 outside it (tested)",
    "distribution:outbox_report": "the outbox's simulated reports; 404 outside it",
    "distribution:sms_report": "the gateway's delivery reports; 403 without the secret (tested)",
    "distribution:email_bounce": "bounces of e-mail; 403 without the secret (tested)",
    "admin:login": "the admin's login",
    "accounts:logout": "ends the session; shows nothing",
    "admin:logout": "ends the session; shows nothing",
    "health": "a load balancer's health check; says only 'ok'",
    "surveys:information_sheet": "the information sheets, handed out on paper too",
    "surveys:about": "about the survey, for apprentices and supervisors",
    "accounts:help_index": "the help: how to get access is read before access",
    "accounts:help": "the help for a role: prose, no organisation's data",
    # One answer whatever the address matched (tests/distribution/test_lost_link.py).
    "distribution:lost_link": "the lost-link page: says the same whatever matched",
    "distribution:gathering_public": "a gathering's page by its code (a wrong code: 404)",
    # Personal links: public, but token-gated; a wrong token gets one page that tells
    # nothing, and is rate-limited (tests/surveys/respondents/test_link_access.py).
    "surveys:respondent_start": "a personal link (token-gated)",
    "surveys:respondent_language": "a personal link (token-gated)",
    "surveys:respondent_page": "a personal link (token-gated)",
    "surveys:respondent_summary": "a personal link (token-gated)",
    "surveys:respondent_submit": "a personal link (token-gated)",
    "surveys:respondent_saved": "a personal link (token-gated)",
    "surveys:respondent_opt_out": "a personal link (token-gated)",
    "surveys:respondent_withdraw": "a personal link (token-gated)",
    "surveys:respondent_trailing_slash": "a personal link with a slash at its end: redirects",
}

# URL arguments pointing at the victim organisation's objects: name -> f(victim) -> kwargs.
ARGS: dict = {
    # Rounds are national, not an organisation's; the preview is for Udir staff only.
    "surveys:preview": lambda victim: {"pk": _a_round().pk},
    # The victim county's sample, with its name in every personal field, so any leak of
    # the victim's participants or rejected rows to another county shows.
    "surveys:sample": lambda victim: _a_sample(victim) or {},
    "surveys:quality_report": lambda victim: _a_sample(victim) or {},
    "surveys:quality_report_download": lambda victim: _a_sample(victim) or {"file_format": "csv"},
    # The victim county's own dispatch, to its sample.
    "distribution:dispatch": lambda victim: {"pk": _a_dispatch(victim).pk},
    # Cancelling, moving and testing the victim's dispatch: 404 to anyone else.
    "distribution:dispatch_cancel": lambda victim: {"pk": _a_dispatch(victim).pk},
    "distribution:dispatch_reschedule": lambda victim: {"pk": _a_dispatch(victim).pk},
    "distribution:dispatch_test": lambda victim: {"pk": _a_dispatch(victim).pk},
    # The victim county's sample and dispatch behind a breakdown by company: another
    # organisation sees its own (empty) table, never the victim's companies.
    "distribution:rates_breakdown": lambda victim: _a_dispatch(victim) and {"by": "company"},
    # The victim county's published results, its company named after it: another county
    # reads its own (empty) tables and the country's own figures, never the victim's.
    "reporting:overview": lambda victim: _a_result(victim) or {},
    "reporting:theme": lambda victim: _a_result(victim) or {"key": "motivation"},
    "reporting:breakdown": lambda victim: _a_result(victim) or {"by": "company"},
    # A theme of the victim's results over time: another county reads its own (empty)
    # series and the country's, never the victim's years.
    "reporting:series_theme": lambda victim: _a_result(victim) or {"key": "motivation"},
    # A download of the victim's results as CSV (plain text, so a leak shows): another
    # county gets its own tables. The victim's own background export, its file holding the
    # victim's name: anyone else's is a 404, on the progress page and the file alike.
    "reporting:download": lambda victim: _a_result(victim) or {"format": "csv"},
    "reporting:export": lambda victim: {"pk": _an_export(victim).pk},
    "reporting:export_file": lambda victim: {"pk": _an_export(victim).pk},
    # The expectations page reads the active organisation's own plan and last year's own
    # figures: another county sees its own, never the victim's.
    "reporting:expectations": lambda victim: _an_expectation(victim) or {},
    # The victim county's gathering, named after it.
    "distribution:gathering": lambda victim: {"pk": _a_gathering(victim).pk},
}


# Arguments of public patterns: a wrong personal link (a right one is its holder's own page).
WRONG_TOKEN = "A" * 22
for _name in [name for name in PUBLIC if name.startswith("surveys:respondent_")]:
    ARGS[_name] = lambda victim: {"token": WRONG_TOKEN}
ARGS["surveys:respondent_page"] = lambda victim: {"token": WRONG_TOKEN, "number": 1}
ARGS["surveys:respondent_trailing_slash"] = lambda victim: {"rest": WRONG_TOKEN}
ARGS["distribution:outbox_report"] = lambda victim: {"pk": 1}
ARGS["distribution:gathering_public"] = lambda victim: {"code": "zzzzzz"}
ARGS["surveys:information_sheet"] = lambda victim: {"survey": "apprentice", "language": "nb"}
ARGS["accounts:help"] = lambda victim: {"role": "fylke"}


def _a_sample(victim) -> None:
    from surveys.sample.importing import import_extract
    from tests.sample_helpers import csv_bytes, open_round, row

    named = {"fornavn": victim.name, "etternavn": victim.orgnr, "laerebedrift_navn": victim.name}
    rows = [
        row(person_id="V1", kontrakteier=victim.county_number, epost="", **named),
        row(person_id="V2", kontrakteier=victim.county_number, avbrudd="J", **named),
    ]
    import_extract(csv_bytes(rows), round_=open_round(2026), file_name="walk.csv")


def _a_dispatch(victim):
    from distribution import dispatching
    from distribution.models import Dispatch
    from surveys.models import Round

    made = Dispatch.objects.filter(organisation=victim).first()
    if made is not None:
        return made
    _a_sample(victim)
    request = dispatching.Request(
        organisation=victim,
        round=Round.objects.get(survey="apprentice", year=2026),
        purpose="invitation",
        channels=("sms",),
    )
    return dispatching.confirm(request, request_key=dispatching.new_request_key())


def _a_result(victim) -> None:
    from reporting.models import Publication
    from tests.reporting.helpers import publish, respond, stored_round
    from tests.sample_helpers import COMPANY

    if Publication.objects.exists():
        return
    round_ = stored_round(2025)
    company = Organisation.objects.get_or_create(
        orgnr=COMPANY, defaults={"kind": "company", "name": victim.name}
    )[0]
    respond(round_, 30, county=victim, company=company, trade_code="ELELE3", programme="EL")
    respond(round_, 3, county=victim, trade_code="BABYG3", programme="BA")
    publish(round_)


def _an_export(victim):
    from reporting.models import Export, Publication

    _a_result(victim)
    made = Export.objects.filter(organisation=victim).first()
    if made is None:
        made = Export.objects.create(
            organisation=victim,
            round=Publication.objects.get().round,
            scope=victim,
            format="csv",
            language="nb",
            status=Export.Status.DONE,
            content=f"{victim.name} {victim.orgnr}".encode(),
        )
    return made


def _an_expectation(victim) -> None:
    """The victim's expectation for next year, typed as its name would be seen: its value
    4.37 (no figure of the walk's results is that)."""
    import datetime
    from decimal import Decimal

    from surveys.models import Expectation
    from surveys.rounds import plan as round_plan

    if victim.kind not in ("county", "office"):
        return  # only counties and offices plan; the page is a 404 for anyone else
    plan = round_plan.plan_for(victim, _a_round())
    Expectation.objects.get_or_create(
        plan=plan,
        theme_key="motivation",
        defaults={"value": Decimal("4.37"), "recorded_at": datetime.datetime.now(datetime.UTC)},
    )


def _a_gathering(victim):
    from distribution.models import Gathering
    from surveys.rounds import schedule
    from tests.sample_helpers import open_round

    return Gathering.objects.create(
        organisation=victim, round=open_round(2026), title=victim.name, day=schedule.today()
    )


def _a_round():
    from surveys.rounds.creation import create_rounds

    return create_rounds(2027)[0].round


LOGIN_PATHS = ("/logg-inn/", "/admin/login/")


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if pattern.namespace and namespace:
                ns = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


ROUTES = {name or route: route for name, route in _walk(get_resolver().url_patterns)}
ALL = sorted(ROUTES)
NOT_PUBLIC = [name for name in ALL if name not in PUBLIC]


def _fill(route: str) -> str:
    """A concrete path for a pattern whose view refuses before it reads its arguments
    (the admin refuses anyone who is not staff): each argument gets a harmless value."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "accounts" if m[1] == "app_label" else "1", route)
    path = re.sub(r"\(\?P<app_label>[^)]*\)", "accounts", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path.lstrip("^").rstrip("$")


def _is_admin(key: str) -> bool:
    return key.startswith(("admin:", "admin/"))


def _url(key: str, victim: Organisation) -> str:
    if key in ARGS:
        return reverse(key, kwargs=ARGS[key](victim))
    if _is_admin(key) or not _no_args(key):
        return _fill(ROUTES[key])
    return reverse(key)


@pytest.fixture
def victim(db):
    return Organisation.objects.get(county_number="46")  # Vestland


@pytest.fixture
def outsider(other_admin):
    return other_admin.client


def _body(response) -> str:
    # A download (reporting:download) streams its file.
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def _assert_refused_or_own(response, victim: Organisation):
    if response.status_code in (302, 303):
        assert response["Location"].split("?")[0].endswith(LOGIN_PATHS) or response[
            "Location"
        ] == reverse("accounts:no_access"), response["Location"]
        return
    assert response.status_code in (403, 404, 405), response.status_code
    assert victim.name not in _body(response)


def _assert_shows_nothing_of(response, victim: Organisation):
    assert response.status_code < 500, response.status_code
    body = _body(response)
    assert victim.name not in body and victim.orgnr not in body


def test_every_public_name_is_a_url():
    assert set(PUBLIC) <= set(ALL), set(PUBLIC) - set(ALL)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_a_public_url_shows_a_visitor_nothing_of_an_organisations_data(
    simulator, organisations, questionnaires, client, victim, name
):
    """Public pages answer anyone, but with nothing of an organisation's sample (the login
    pages talk to the ID-porten simulator)."""
    _a_sample(victim)
    for method in (client.get, client.post):
        _assert_shows_nothing_of(method(_url(name, victim)), victim)


@pytest.mark.parametrize("name", NOT_PUBLIC)
def test_every_url_is_public_or_refuses_an_anonymous_visitor(client, victim, name):
    assert name in ARGS or _is_admin(name) or _no_args(name), (
        f"{name}: add it to PUBLIC with a reason, or to ARGS"
    )
    for method in (client.get, client.post):
        _assert_refused_or_own(method(_url(name, victim)), victim)


@pytest.mark.parametrize("name", NOT_PUBLIC)
def test_every_url_shows_a_person_of_another_organisation_nothing_of_the_victims(
    outsider, victim, name
):
    response = outsider.get(_url(name, victim))
    body = _body(response)
    if response.status_code == 200:
        assert victim.name not in body and victim.orgnr not in body, name
    else:
        _assert_refused_or_own(response, victim)


@pytest.mark.parametrize("name", NOT_PUBLIC)
def test_every_url_shows_a_person_with_no_access_nothing(no_access, victim, name):
    response = no_access.client.get(_url(name, victim))
    if response.status_code == 200:
        _assert_shows_nothing_of(response, victim)
    else:
        _assert_refused_or_own(response, victim)


def _no_args(name: str) -> bool:
    try:
        reverse(name)
    except Exception:  # noqa: BLE001 - NoReverseMatch: the pattern needs arguments
        return False
    return True


def test_the_walk_covers_the_portal_and_the_admin():
    assert "accounts:portal" in ALL and "admin:index" in ALL
    assert len(ALL) > 20


def assert_security_headers(response) -> None:
    """A Content-Security-Policy that lets no inline or injected script run, and a
    Permissions-Policy that turns off what no page of ours uses."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = [directive.split() for directive in header.split(";") if directive.strip()]
    policy = {directive[0]: directive[1:] for directive in directives}
    assert policy.get("default-src") == ["'self'"], response.headers
    assert policy.get("script-src") == ["'self'"], policy
    assert policy.get("object-src") == ["'none'"] and policy.get("base-uri") == ["'none'"]
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), response.headers


@pytest.mark.parametrize("name", ALL)
def test_every_url_answers_with_a_content_security_policy_and_a_permissions_policy(
    client, victim, request, name
):
    if name == "idporten_login":
        request.getfixturevalue("idporten")  # a POST there reads ID-porten's configuration
    for method in (client.get, client.post):
        assert_security_headers(method(_url(name, victim)))


@pytest.mark.django_db
def test_the_policy_lets_the_login_form_go_on_to_id_porten(client, idporten):
    response = client.post(reverse("idporten_login"))
    assert response.status_code == 302 and response["Location"].startswith(idporten.url)
    form_action = response.headers["Content-Security-Policy"].split("form-action ")[1]
    assert urlsplit(idporten.url)._replace(path="").geturl() in form_action.split(";")[0].split()


def test_every_url_answers_a_staff_user_with_them_too(admin_client, victim):
    # Some admin views answer an object that is not there with an error (django-otp's TOTP
    # device pages): an error page must carry the headers as well.
    admin_client.raise_request_exception = False
    for name in ALL:
        assert_security_headers(admin_client.get(_url(name, victim)))


def test_static_files_and_unknown_addresses_carry_them_too(client):
    assert_security_headers(client.get("/static/css/app.css"))
    assert_security_headers(client.get("/finnes-ikke/"))
