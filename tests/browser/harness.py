"""Playwright driving Debian's Chromium against pytest-django's live server, with axe.

Use the `page` fixture (a fresh browser context per test; `admin_page` is logged in to the
admin) and `assert_accessible(page)`.
A page whose Content-Security-Policy refuses anything fails its test.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Chromium's background traffic would only be refused on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(request, _collected_static):
    """pytest-django's live server, but with static files served as a visitor gets them:
    by WhiteNoise (hashed, compressed, cached for good), not by Django's development
    handler, which it puts in front and which knows no hashed names."""
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or "localhost"
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


# Every page must work under its Content-Security-Policy (laerling/security_headers.py):
# whatever the policy refuses (an inline script or style, a script from elsewhere) fails
# the test that met it, on whichever page of the context it happened. Refusals with no
# source file come from code the test evaluates, not the page's: axe copies stylesheets
# into <style> elements to read them.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => event.sourceFile && console.error(
    `CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` on ${document.location.pathname} (${event.sourceFile}:${event.lineNumber})`));
"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    context.add_init_script(_REPORT_CSP_VIOLATIONS)
    violations = []

    def on_console(message):
        if message.text.startswith("CSP violation"):
            violations.append(message.text)

    context.on("console", on_console)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def admin_page(page, admin_client, live_server):
    """The browser with the admin client's session: logged in, TOTP verified."""
    cookie = admin_client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    return page


def assert_accessible(page) -> None:
    """Fails with axe's own words for every WCAG 2.1 A/AA violation on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = results.response["violations"]
    assert not violations, f"{page.url}:\n" + results.generate_report()
