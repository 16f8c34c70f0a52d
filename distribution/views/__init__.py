"""The distribution app's pages: dispatches (dispatches.py) and the development outbox
(outbox.py)."""
