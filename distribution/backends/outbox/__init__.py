"""The development outbox of the embedded mode: e-mail and SMS backends that keep every
message in a table (backends.py) and the page that shows them (distribution/views/outbox.py)."""
