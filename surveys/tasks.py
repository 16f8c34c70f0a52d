"""The surveys app's Celery tasks, one module per subdomain; imported here so Celery's
autodiscovery (which looks for `surveys.tasks`) registers them."""

from surveys.responses.tasks import store_closed_rounds
from surveys.rounds.tasks import delete_contact_data
from surveys.sample.tasks import import_upload, purge_rejected_rows

__all__ = [
    "delete_contact_data",
    "import_upload",
    "purge_rejected_rows",
    "store_closed_rounds",
]
