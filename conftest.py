"""Test configuration: PostgreSQL and Redis only, a real Celery worker, headless Chromium."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise
# refuse database access from it. The live server runs in its own thread regardless.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "tests.browser.harness",
    "tests.worker",
    "tests.simulator",
    "tests.fakes.national",
    "tests.idporten_fake",
    "tests.people",
    "tests.smtp_sink",
    "tests.fakes.sms_gateway",
]


def pytest_configure(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        raise pytest.UsageError(
            "The tests run on PostgreSQL only, not "
            f"{engine}. Set DATABASE_URL=postgres://... or run `make test`."
        )
    if not settings.REDIS_URL:
        raise pytest.UsageError("The tests need Redis: set REDIS_URL or run `make test`.")


@pytest.fixture(scope="session", autouse=True)
def _collected_static():
    """Static files are served hashed and compressed in every mode (laerling/settings.py),
    so every page needs collectstatic's manifest: `make setup` makes it, and a bare pytest
    run after a CSS change brings it up to date here (only then: it takes seconds)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.management import call_command

    call_command("build_respondent_css")
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    newest_source = max(
        os.stat(storage.path(name)).st_mtime
        for finder in finders.get_finders()
        for name, storage in finder.list([])
    )
    if not manifest.exists() or manifest.stat().st_mtime < newest_source:
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _configured_email_backend(settings):
    """Django's test setup swaps in its in-memory e-mail backend; we test the configured one
    (the development outbox in these settings), as a user of the embedded mode sees it."""
    from laerling import settings as configured

    settings.EMAIL_BACKEND = configured.EMAIL_BACKEND


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached national-service tokens and rate-limit counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, also verified by a TOTP device, as our admin requires."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=admin_user, name="test", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def organisations(transactional_db, settings):
    """The counties and the demo's offices and companies. Transactional tests (live server,
    worker) empty the database after each test, the counties of the data migration too,
    so such tests ask for them with this fixture."""
    from accounts import counties, demo
    from accounts.models import Organisation

    counties.load(Organisation)
    demo.build(settings.DEMO_SEED, lambda message: None)


@pytest.fixture
def questionnaires(transactional_db):
    """The shipped questionnaires, which a transactional test's flush removes as it does the
    counties (both come from data migrations)."""
    from surveys.models import Item, QuestionnaireVersion, Theme
    from surveys.questionnaires.loading import load_shipped

    load_shipped(QuestionnaireVersion, Theme, Item)
