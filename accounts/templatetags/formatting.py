"""`{{ n|count }}` and `{{ number|mobile }}`: see accounts.formatting. For what people read
only; a number a machine reads (a form value, a URL, an export) is printed as it is."""

from django import template

from accounts import formatting

register = template.Library()


@register.filter
def count(value):
    if value is None or value == "":
        return value
    return formatting.count(value)


@register.filter
def mobile(value):
    if not value:
        return value
    return formatting.mobile(str(value))
