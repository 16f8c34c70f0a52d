"""The Celery application: Redis in production and tests, a SQLite broker when embedded."""

import os

from celery import Celery, signals

from laerling.log_masking import mask_handlers

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")

app = Celery("laerling")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _mask_personal_link_tokens(logger, **kwargs) -> None:
    """The worker and beat replace the root logger's handlers (Django's masking one among
    them) with Celery's own, and give the task logger its own: those mask tokens too."""
    mask_handlers(logger)


@signals.beat_init.connect
def _prepare_reports_at_start(sender=None, **kwargs) -> None:
    """A release that changes the PDF report, or a demo just built, has its reports made
    now rather than at beat's first hourly run (reporting/exports/report_files.py)."""
    app.send_task("reporting.tasks.prepare_reports")
