"""The Celery application: Redis in production and tests, a SQLite broker when embedded."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laerling.settings")

app = Celery("laerling")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
