"""The pages behind a personal link, /s/<token>: server-rendered, no JavaScript, no session.

Every view goes through `behind_link`, which resolves the token once
(surveys/respondents/answering.py) and answers an unknown, withdrawn or expired token with one
and the same page, counting it against the visitor's address
(surveys/respondents/rate_limit.py). The answers so far live in the
participant's draft, so the same link continues where the person left off on any device.
"""

from __future__ import annotations

from dataclasses import replace
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.client_address import client_address
from surveys.questionnaires import languages, presentation
from surveys.respondents import answering, item_markup, rate_limit
from surveys.respondents.answering import Access


def _render(request, template: str, context: dict, language: str, status: int = 200):
    with translation.override(language):
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    # Personal pages: never kept by a shared cache or shown from the browser's history.
    # (The site's Referrer-Policy, same-origin, already keeps the token from other sites;
    # no-referrer would make browsers send "Origin: null", which CSRF checking refuses.)
    response.headers["Cache-Control"] = "no-store"
    return response


def _browser_language(request) -> str:
    return languages.supported(getattr(request, "LANGUAGE_CODE", None))


def invalid_link(request):
    """The one page for every token that does not work, whatever the reason."""
    address = client_address(request)
    if rate_limit.record_wrong(address):
        return _render(
            request, "surveys/respondent/too_many.html", {}, _browser_language(request), 429
        )
    return _render(request, "surveys/respondent/invalid.html", {}, _browser_language(request), 404)


def without_trailing_slash(request, rest: str):
    """/s/<token>/ and /s/<token>/side/1/ go to the link's page without the slash."""
    target = f"/s/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    response = redirect(target)
    if request.method not in ("GET", "HEAD"):
        response.status_code = 307  # a POST stays a POST, with what was entered
    # The address holds a token: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


def behind_link(*allowed: Access):
    """Resolves the token; the view runs only for the states in `allowed`. A valid link in
    another state goes to its start page, which says what applies (not open yet, answered)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, token: str, *args, **kwargs):
            link = answering.resolve(token)
            if link.access == Access.INVALID:
                return invalid_link(request)
            request.link_token = token
            if link.access not in allowed:
                return redirect("surveys:respondent_start", token=token)
            return view(request, link, *args, **kwargs)

        return wrapped

    return decorator


# Why the pages behind a link need no CSRF cookie. CSRF lets another site make a visitor's
# browser send a request that carries the visitor's ambient credentials (cookies). Here
# nothing ambient grants anything: the authority is the 128-bit token in the address itself
# (DESIGN.md, Reliability and security), and a site that does not know it cannot aim a form
# at anyone's link. A site that does know it can post to it from anywhere without a browser,
# so a CSRF token would guard nothing its holder could not do anyway. Django's cookie check
# only ever hurt the people it did not protect: an apprentice whose cookie was lost (another
# browser, private mode, a cleaner) got an English error page and lost the page's answers.
# What is left to guard is the visitor's own browser being used from elsewhere, e.g. a page
# that learned a link and sends its half-finished answers in (irreversible) behind the
# person's back: a POST whose Origin (or, without one, Referer) names another site is
# refused. A POST with neither header (old browsers, some privacy tools) is accepted.
def _from_this_site(request) -> bool:
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if source is None:
        return True
    if source == "null":  # a sandboxed frame or a redirect across sites
        return False
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


def answered_through_link(view):
    """For the POST views behind a link: no CSRF cookie needed, but a form from another site
    is refused with our own page in the person's language (see _from_this_site)."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, token: str, *args, **kwargs):
        if request.method == "POST" and not _from_this_site(request):
            link = answering.resolve(token)
            if link.access == Access.INVALID:
                return invalid_link(request)
            language = _language(request, answering.draft_of(link.participant))
            context = {"round": link.participant.round, "token": token, "language": language}
            return _render(request, "surveys/respondent/other_site.html", context, language, 403)
        return view(request, token, *args, **kwargs)

    return wrapped


def _context(request, link, draft, language: str, **extra) -> dict:
    participant = link.participant
    return {
        "participant": participant,
        "round": participant.round,
        "token": request.link_token,
        "language": language,
        "draft": draft,
        **extra,
    }


def _language(request, draft) -> str:
    if draft is not None and draft.language in languages.CODES:
        return draft.language
    return _browser_language(request)


def _pages(link, language: str, draft, only: int | None = None) -> list[presentation.ThemePage]:
    """The theme pages with the draft's answers filled in (on page `only` alone, if given:
    a theme page shows one page, and the rest need not be copied)."""
    # The round is open (behind_link saw to that), so its questionnaire is frozen.
    version_id = link.participant.round.questionnaire_id
    pages = presentation.frozen_theme_pages(version_id, language)
    answers = draft.answers if draft else {}
    if only is None:
        return presentation.with_answers(pages, answers)
    return [
        _with_markup(presentation.with_answers([page], answers)[0], version_id, language)
        if page.number == only
        else page
        for page in pages
    ]


def _with_markup(page: presentation.ThemePage, version_id: int, language: str):
    """The page with each item's markup already rendered: the same HTML the template would
    make, kept per frozen version, language, item and chosen option
    (surveys/respondents/item_markup.py)."""
    return replace(
        page,
        items=[
            replace(item, markup=item_markup.item_markup(version_id, language, item))
            for item in page.items
        ],
    )


@behind_link(Access.OPEN, Access.NOT_OPEN, Access.ANSWERED)
def start(request, link):
    draft = answering.draft_of(link.participant)
    language = _language(request, draft)
    template = {
        Access.OPEN: "surveys/respondent/start.html",
        Access.NOT_OPEN: "surveys/respondent/not_open.html",
        Access.ANSWERED: "surveys/respondent/thanks.html",
    }[link.access]
    return _render(request, template, _context(request, link, draft, language), language)


@answered_through_link
@require_POST
@behind_link(Access.OPEN, Access.NOT_OPEN, Access.ANSWERED)
def choose_language(request, link):
    language = request.POST.get("language")
    if language in languages.CODES:
        answering.choose_language(link.participant, language)
    target = request.POST.get("next", "")
    if not target.startswith(f"/s/{request.link_token}"):
        target = reverse("surveys:respondent_start", kwargs={"token": request.link_token})
    return redirect(target)


@answered_through_link
@behind_link(Access.OPEN)
def theme_page(request, link, number: int):
    draft = answering.draft_of(link.participant)
    language = _language(request, draft)
    pages = _pages(link, language, draft, only=number)
    if not 1 <= number <= len(pages):
        return redirect("surveys:respondent_page", token=request.link_token, number=1)
    page = pages[number - 1]
    error = False
    if request.method == "POST":
        try:
            answers = answering.answers_on_page(page, request.POST)
        except answering.BadAnswer:
            error = True
        else:
            navigate = request.POST.get("navigate")
            resume_at = _next_page(navigate, number, len(pages))
            if not answering.save_page(link.participant, page, answers, resume_at):
                return redirect("surveys:respondent_start", token=request.link_token)
            return _after_saving(request, navigate, number, resume_at)
    context = _context(request, link, draft, language, page=page, total=len(pages), error=error)
    return _render(
        request, "surveys/respondent/page.html", context, language, status=400 if error else 200
    )


def _next_page(navigate: str | None, number: int, total: int) -> int:
    if navigate == "previous":
        return max(number - 1, 1)
    if navigate == "next":
        return min(number + 1, total)
    return number


def _after_saving(request, navigate: str | None, number: int, resume_at: int):
    token = request.link_token
    if navigate == "save":
        return redirect("surveys:respondent_saved", token=token)
    if navigate == "summary":
        return redirect("surveys:respondent_summary", token=token)
    return redirect("surveys:respondent_page", token=token, number=resume_at)


# After submitting too: until the round closes, the person can see what they sent in.
@behind_link(Access.OPEN, Access.ANSWERED)
def summary(request, link):
    draft = answering.draft_of(link.participant)
    language = _language(request, draft)
    pages = _pages(link, language, draft)
    answered = sum(1 for page in pages for item in page.items if item.answer is not None)
    total = sum(len(page.items) for page in pages)
    context = _context(
        request,
        link,
        draft,
        language,
        pages=pages,
        answered=answered,
        item_count=total,
        submitted=link.access == Access.ANSWERED,
    )
    return _render(request, "surveys/respondent/summary.html", context, language)


@answered_through_link
@require_POST
@behind_link(Access.OPEN, Access.ANSWERED)
def submit(request, link):
    # A second submit (or one racing the first) finds the mark and changes nothing more.
    if link.access == Access.OPEN:
        answering.submit(link.participant)
    return redirect("surveys:respondent_start", token=request.link_token)


@behind_link(Access.OPEN)
def saved(request, link):
    draft = answering.draft_of(link.participant)
    language = _language(request, draft)
    return _render(
        request, "surveys/respondent/saved.html", _context(request, link, draft, language), language
    )


# RFC 8058: a mail client unsubscribes with a POST carrying no cookie and no CSRF token, so
# this one POST is exempt; it only ever stops messages, which anyone holding the link may do.
@csrf_exempt
@behind_link(Access.OPEN, Access.NOT_OPEN, Access.ANSWERED)
def opt_out(request, link):
    draft = answering.draft_of(link.participant)
    language = _language(request, draft)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        answering.opt_out(link.participant)
    # Each state says what is true: someone who has answered gets no reminders anyway and
    # cannot answer again; someone who opted out can still answer.
    context = _context(
        request,
        link,
        draft,
        language,
        done=request.method == "POST" or link.participant.opted_out_at is not None,
        answered=link.access == Access.ANSWERED,
    )
    return _render(request, "surveys/respondent/opt_out.html", context, language)


@behind_link(Access.OPEN, Access.ANSWERED)
def withdraw(request, link):
    """ "Delete my answers": the sealed draft and the answered mark go, before the round
    closes (after it, nothing leads from the link to the answers any more)."""
    draft = answering.draft_of(link.participant)
    language = _language(request, draft)
    if request.method == "POST":
        answering.withdraw(link.participant)
        context = _context(request, link, None, language, done=True)
        return _render(request, "surveys/respondent/withdraw.html", context, language)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = _context(request, link, draft, language, done=False)
    return _render(request, "surveys/respondent/withdraw.html", context, language)
