"""The round people ask about ("when can we send?"), for any page that shows its dates.

Lazy: no query unless a template uses it. Wired in settings, so accounts' templates can
show round dates without accounts importing surveys.
"""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from surveys.models import Round, Survey


def current_round():
    """The apprentice survey's round not yet published, else the latest one."""
    today = timezone.localdate()
    rounds = Round.objects.filter(survey=Survey.APPRENTICE)
    return (
        rounds.filter(publication_date__gte=today).order_by("year").first()
        or rounds.order_by("-year").first()
    )


def rounds(request):
    return {"current_round": SimpleLazyObject(current_round)}
