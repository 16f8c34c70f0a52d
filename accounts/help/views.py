"""The help pages: one per role, public (someone waiting for access reads how to get it),
in the language of the request."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from accounts.help import sections


def role_of(request) -> str | None:
    organisation = getattr(request, "organisation", None)
    if not organisation:  # a lazy object around None for someone with no organisation
        return None
    return sections.ROLE_OF_KIND.get(organisation.kind)


def index(request):
    """The active organisation's own help, or the choice of roles for anyone else."""
    role = role_of(request)
    if role:
        return redirect("accounts:help", role=role)
    language = _language()
    roles = [(role, sections.ROLE_TITLES[role][language]) for role in sections.ROLES]
    return render(request, "accounts/help/index.html", {"roles": roles})


def page(request, role: str):
    if role not in sections.SECTIONS:
        raise Http404
    language = _language()
    shown = [
        {
            "key": section.key,
            "title": section.title[language],
            "paragraphs": section.text[language],
            "pages": [(name, text[language]) for name, text in section.pages],
        }
        for section in sections.SECTIONS[role]
    ]
    context = {"role": role, "title": sections.ROLE_TITLES[role][language], "sections": shown}
    return render(request, "accounts/help/page.html", context)


def _language() -> str:
    language = (get_language() or "nb")[:2]
    return language if language in ("nb", "nn", "en") else "nb"
