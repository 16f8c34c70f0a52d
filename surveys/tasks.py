"""The surveys app's Celery tasks, one module per subdomain; imported here so Celery's
autodiscovery (which looks for `surveys.tasks`) registers them."""

from surveys.responses.tasks import mix_closed_rounds, mix_waiting_responses
from surveys.sample.tasks import import_upload, purge_rejected_rows

__all__ = ["import_upload", "mix_closed_rounds", "mix_waiting_responses", "purge_rejected_rows"]
