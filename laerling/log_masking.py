"""No personal-link token reaches a log. SHA-256 of a token finds its participant
(surveys/links.py), so a logged `/s/<token>` beside a time and an address says who
answered, when and from where. Every log line is masked as it is written, whatever wrote
it: gunicorn's access and error logs (GunicornLogger, named in gunicorn.conf.py), Django's
logging (MaskingFormatter on the one handler settings.LOGGING sends everything to), and
the handlers Celery's worker and beat put in its place (laerling/celery.py).

Masking the finished line, not each place that logs a path, also covers the referrer of
a request made from a respondent page, tracebacks, and whatever logs a path tomorrow.
"""

from __future__ import annotations

import logging
import re

from gunicorn import glogging

MASK = "<token>"
# /s/<anything up to the next path, query or field boundary>, and the same percent-encoded
# (a ?next= address). A mistyped token is masked as well as a valid one: it is nearly one.
_TOKEN = re.compile(r"(/s/)[^/?#&\s\"'<>]+|(%2Fs%2F)[A-Za-z0-9_-]+", re.IGNORECASE)


def mask(text: str) -> str:
    return _TOKEN.sub(lambda match: (match[1] or match[2]) + MASK, text)


class MaskingFormatter(logging.Formatter):
    """Formats as `wrapped` does (or as logging.Formatter), then masks tokens in the whole
    text: the message, and the traceback below it."""

    def __init__(self, *args, wrapped: logging.Formatter | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.wrapped = wrapped

    def format(self, record: logging.LogRecord) -> str:
        text = self.wrapped.format(record) if self.wrapped else super().format(record)
        return mask(text)


def mask_handlers(logger: logging.Logger) -> None:
    """Makes each handler `logger` has mask what its own formatter writes."""
    for handler in logger.handlers:
        # Set up again (a configuration reload), a logger keeps handlers already masked.
        if not isinstance(handler.formatter, MaskingFormatter):
            handler.setFormatter(MaskingFormatter(wrapped=handler.formatter))


class GunicornLogger(glogging.Logger):
    """gunicorn's logger, each of its handlers (stream, file, syslog, logconfig) masked."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        mask_handlers(self.error_log)
        mask_handlers(self.access_log)
