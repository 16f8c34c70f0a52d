"""`{% help_link "key" %}`: a portal page's link to its section of the help for the role of
the active organisation (accounts/help/sections.py)."""

import logging

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from accounts.help import sections
from accounts.help.views import role_of

register = template.Library()
log = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def help_link(context, key: str) -> str:
    request = context.get("request")
    role = (role_of(request) if request is not None else None) or sections.COUNTY
    url = reverse("accounts:help", kwargs={"role": role})
    if key in sections.keys(role):
        url += f"#{key}"
    else:
        # Still a link to the role's help; tests/accounts/test_help.py fails on it.
        log.warning("help section %r does not exist for %s", key, role)
    return format_html(
        '<p class="help-link ds-paragraph" data-size="sm"><a class="ds-link" href="{}">{}</a></p>',
        url,
        _("Hjelp til denne siden"),
    )
