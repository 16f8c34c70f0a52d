"""The embedded mode on kombu's filesystem transport, as it was before the SQLAlchemy one:
only for `bench/embedded_soak.py --broker filesystem`, to measure the two side by side."""

from laerling.settings import *  # noqa: F403
from laerling.settings import VAR_DIR

_queue = VAR_DIR / "celery"
CELERY_BROKER_URL = "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(_queue / "out"),
    "data_folder_out": str(_queue / "out"),
    "processed_folder": str(_queue / "processed"),
    "store_processed": False,
    "control_folder": str(_queue / "control"),
}
for _folder in ("out", "processed", "control"):
    (_queue / _folder).mkdir(parents=True, exist_ok=True)
