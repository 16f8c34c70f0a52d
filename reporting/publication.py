"""Publishing a round's results: once its responses are stored, count every cell of every
table any organisation can see (reporting/figures.py), decide which are hidden
(reporting/anonymity.py) and store both (reporting/models), so pages and exports only read.

Beat runs publish_due() every night after the responses are stored, and
`manage.py publish_results --round YEAR` does the same; publishing again computes again
only if the stored responses changed (their fingerprint). Results then appear on the
round's publication date (27 November in 2024); before it only Udir sees them, as a
preview that every page says is one.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from reporting import anonymity, figures
from reporting.models import Cell, Publication
from surveys.models import Answer, Response, Round
from surveys.rounds import schedule

log = logging.getLogger(__name__)

PUBLISHED, PREVIEW = "published", "preview"


class NotStored(Exception):
    """The round's responses are not stored yet: there is nothing to publish."""


def fingerprint(round_: Round) -> str:
    responses = Response.objects.filter(round=round_).count()
    answers = Answer.objects.filter(response__round=round_).aggregate(
        n=Count("value"), total=Sum("value")
    )
    text = f"{round_.pk}:{responses}:{answers['n']}:{answers['total'] or 0}"
    return hashlib.sha256(text.encode()).hexdigest()


def publish(round_: Round, *, force: bool = False) -> Publication:
    """Computes and stores the round's cells, unless they are computed from the same data."""
    if round_.responses_stored_on is None:
        raise NotStored(_("Svarene i %(round)s er ikke lagret ennå.") % {"round": round_})
    current = fingerprint(round_)
    existing = Publication.objects.filter(round=round_).first()
    if existing and existing.fingerprint == current and not force:
        return existing
    limit = settings.DISCLOSURE_LIMIT
    cells, responses = compute(round_, limit)
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=round_.pk)
        Publication.objects.filter(round=round_).delete()
        publication = Publication.objects.create(
            round=round_,
            computed_at=timezone.now(),
            responses=responses,
            fingerprint=current,
            limit=limit,
        )
        for cell in cells:
            cell.publication = publication
        Cell.objects.bulk_create(cells, batch_size=5000)
    log.info("%s: %s cells published from %s responses", round_, len(cells), responses)
    return publication


def compute(round_: Round, limit: int) -> tuple[list[Cell], int]:
    """Every cell of the round, unsaved, with its figures or hidden."""
    form = figures.questionnaire(round_)
    counted = figures.count_atoms(round_, form)
    atoms = sorted(counted, key=repr)
    per_atom = [counted[atom] for atom in atoms]
    specs = figures.tables(atoms)
    unique = {spec.total for spec in specs} | {cell for spec in specs for _key, cell in spec.groups}
    summed = {cell: figures.cell_counts(cell, per_atom) for cell in unique}
    country = frozenset(range(len(atoms)))
    equations = [(spec.total, [cell for _key, cell in spec.groups]) for spec in specs if spec.by]
    hidden = {
        theme.pk: _hidden(theme, form, summed, equations, country, limit) for theme in form.themes
    }
    rows = []
    for spec in specs:
        entries = [("", spec.total)] if not spec.by else list(spec.groups)
        for group, cell in entries:
            rows += _cells(spec, group, summed[cell], hidden, cell, form)
    return rows, sum(count.responses for count in per_atom)


def _item_n(counts: figures.Counts, item_id: int) -> int:
    return sum(counts.items.get(item_id, ()))


def _hidden(theme, form, summed, equations, country, limit) -> frozenset:
    """One theme's hidden cells, shared by its index and its items: a cell is hidden where
    any of them has `limit` or fewer answers or a sensitive item was answered the bad way
    by all, and more by the secondary rules. One set for the theme and its items, so that
    no shown item fixes the hidden index or the reverse."""
    item_ids = form.items_of.get(theme.pk, [])
    n, also = {}, set()
    for cell, counts in summed.items():
        sizes = [counts.themes.get(theme.pk, figures.ThemeSums()).n]
        sizes += [_item_n(counts, item_id) for item_id in item_ids]
        n[cell] = min(sizes)
        for item_id in item_ids:
            item = form.items[item_id]
            if not figures.is_sensitive(item, theme.key):
                continue
            values = counts.items.get(item_id, [0] * 5)
            bad = sum(values[v - 1] for v in figures.bad_values(item))
            if bad and bad == sum(values):
                also.add(cell)
    return anonymity.hidden_cells(equations, n, limit=limit, also=also, never={country})


def _cells(spec, group: str, counts: figures.Counts, hidden, cell, form) -> list[Cell]:
    scope = spec.scope
    rows = []
    for theme in form.themes:
        secret = cell in hidden[theme.pk]
        base = {"scope_id": scope, "by": spec.by, "group": group, "theme_id": theme.pk}
        if secret:
            rows.append(Cell(**base, hidden=True))
        else:
            sums = counts.themes.get(theme.pk, figures.ThemeSums())
            if theme.key == figures.BULLYING:
                value = 100 * sums.bullied / sums.n if sums.n else None
            else:
                value = sums.score / sums.n if sums.n else None
            rows.append(Cell(**base, n=sums.n, value=value))
        for item_id in form.items_of.get(theme.pk, []):
            if secret:
                rows.append(Cell(**base, item_id=item_id, hidden=True))
                continue
            values = counts.items.get(item_id, [0] * 5)
            total = sum(values)
            _measure, top = figures.top_values(form.items[item_id], theme.key)
            share = 100 * sum(values[v - 1] for v in top) / total if total else None
            rows.append(Cell(**base, item_id=item_id, n=total, value=share, counts=values))
    return rows


def state(
    round_: Round, organisation: Organisation, day: datetime.date | None = None
) -> str | None:
    """What the organisation may see of the round's results: PUBLISHED, PREVIEW (Udir,
    before the publication date) or None (only response rates)."""
    if not Publication.objects.filter(round=round_).exists():
        return None
    return state_of_published(round_, organisation, day)


def state_of_published(
    round_: Round, organisation: Organisation, day: datetime.date | None = None
) -> str | None:
    """state() of a round known to have a publication: a page listing every published
    round asks once for them all instead of once per round (one query a year grew the
    time series page with every year)."""
    day = day or schedule.today()
    if day >= round_.publication_date:
        return PUBLISHED
    if organisation.kind == Organisation.Kind.DIRECTORATE:
        return PREVIEW
    return None


def rounds_to_publish():
    """Rounds whose responses are stored: publish() computes those not yet computed or
    whose data changed, and leaves the rest."""
    return Round.objects.filter(responses_stored_on__isnull=False)


def publish_due() -> int:
    done = 0
    for round_ in rounds_to_publish():
        publish(round_)
        done += 1
    return done
