"""Settings, read from environment variables through laerling.env's strict helpers.

With no variables set this is the embedded mode: a SQLite file, Celery on kombu's
SQLAlchemy transport (a second SQLite file), e-mail and SMS into the development outbox.
DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis. README.md lists every variable.
"""

import datetime
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from laerling import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.string("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.boolean("DEBUG", True)
# The embedded mode: development outbox, simulator login, filesystem broker.
EMBEDDED = env.boolean("EMBEDDED", DEBUG)
# The seed of `manage.py demo` (and of the simulator's demo persons).
DEMO_SEED = env.integer("DEMO_SEED", 2026)

_DEV_SECRET = "embedded-mode-only-" + "x" * 40
SECRET_KEY = env.string("SECRET_KEY", _DEV_SECRET if DEBUG else None, required=not DEBUG)
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", [])
# Our own page, in the visitor's language with a way back, instead of Django's English one.
CSRF_FAILURE_VIEW = "laerling.errors.csrf_failure"
SITE_URL = env.string("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # The admin site demands a second factor (TOTP) after the password: accounts.admin_site.
    "accounts.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver (the embedded mode) leaves static files to WhiteNoise, as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "accounts.third_party_apps.TOTPConfig",
    "accounts.third_party_apps.AxesConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "accounts",
    "accounts.idporten",
    "surveys",
    "distribution",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the policies too.
    "laerling.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.scoping.ActiveOrganisationMiddleware",
    # After messages and htmx: an expired session leaves a message and may redirect htmx.
    "accounts.session_limits.SessionLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "laerling.urls"
WSGI_APPLICATION = "laerling.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "laerling.context_processors.site",
                "surveys.rounds.context_processors.rounds",
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", str(VAR_DIR / "laerling.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out username before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",  # Udir staff in the admin
    "allauth.account.auth_backends.AuthenticationBackend",  # ID-porten via allauth
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:portal"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: bokmål is the default; nynorsk and English beside it.
LANGUAGE_CODE = "nb"
# Each language named in itself, as a language switch shows it: never translated.
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates, times and numbers as each language writes them (laerling/formats/).
FORMAT_MODULE_PATH = ["laerling.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
_NODE = BASE_DIR / "node_modules"
# Assets built at setup (`make setup`, the Dockerfile) before collectstatic: the
# respondent's Designsystemet subset (surveys/respondents/stylesheet.py).
BUILT_ASSETS = VAR_DIR / "assets"
DESIGNSYSTEMET_CSS = _NODE / "@digdir" / "designsystemet-css" / "dist" / "src" / "index.css"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    BUILT_ASSETS,
    ("ds", _NODE / "@digdir" / "designsystemet-css" / "dist" / "src"),
    ("ds-theme", _NODE / "@digdir" / "designsystemet-theme" / "brand"),
    ("fonts/inter", _NODE / "@fontsource" / "inter" / "files"),
]
# In every mode, the embedded one too: hashed names, cached for good (WhiteNoise gives a
# hashed file ten years, immutable), served gzip- or brotli-compressed from the copies
# collectstatic made. A respondent's first visit on mobile data depends on it. So
# collectstatic runs at setup, and WhiteNoise serves only what it collected (no finders:
# those would serve the source files uncompressed and uncached).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "laerling.staticfiles.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

# Celery: Redis when REDIS_URL is set, otherwise kombu's SQLAlchemy transport on a SQLite
# file, so the embedded mode runs a real worker and beat with no server at all. Not the
# filesystem transport: its worker can read a message file beat is still writing, and
# died of "Unrecoverable error: JSONDecodeError" after about 30 minutes of `make run`
# (docs/performance.md, "Embedded broker", has the measurements; README says why).
REDIS_URL = env.redis_url("REDIS_URL")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    from sqlalchemy.pool import NullPool

    (VAR_DIR / "celery").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "sqla+sqlite:///" + str(VAR_DIR / "celery" / "broker.sqlite3")
    # kombu keeps its engines in a class attribute, which the prefork pool's children
    # inherit: no pooled SQLite connection may cross a fork. A new connection per use
    # costs about 0.08 ms more than a pooled one (measured: 0.14 against 0.07 ms).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"poolclass": NullPool}
# No result backend in either mode: no code reads a task's result; progress and outcomes
# live in the database's own rows.
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The smallest group whose answers a page may count (surveys/disclosure.py): a group of this
# many or fewer in the sample shows no answered count (the counties' published rule).
DISCLOSURE_LIMIT = env.integer("DISCLOSURE_LIMIT", 5, minimum=1)
# Dispatches (distribution/): the seeds' SMS quotas per round, and the pipeline's timing.
SMS_DISPATCHES_COUNTY = env.integer("SMS_DISPATCHES_COUNTY", 7, minimum=0)
SMS_DISPATCHES_OFFICE = env.integer("SMS_DISPATCHES_OFFICE", 3, minimum=0)
# The lost-link page (distribution/lost_link.py): requests per contact address, and per
# network address (a gathering of 100 apprentices behind one address, some asking twice),
# within a window; past either, that address waits out the window.
LOST_LINK_PER_ADDRESS = env.integer("LOST_LINK_PER_ADDRESS", 5, minimum=1)
LOST_LINK_PER_NETWORK = env.integer("LOST_LINK_PER_NETWORK", 500, minimum=100)
LOST_LINK_WINDOW_SECONDS = env.integer("LOST_LINK_WINDOW_SECONDS", 3600, minimum=60)
# Messages per task: one SMTP connection is opened per batch.
SENDING_BATCH = env.integer("SENDING_BATCH", 200, minimum=1)
# SMS handed to the gateway in one request (its batch endpoint takes up to 1,000). A worker
# killed during that request may send these twice (recorded as possibly_duplicate).
SMS_GATEWAY_BATCH = env.integer("SMS_GATEWAY_BATCH", 100, minimum=1)
if SMS_GATEWAY_BATCH > 1000:
    raise ImproperlyConfigured("SMS_GATEWAY_BATCH is at most 1000 (LINK's batch endpoint).")
# Attempts before a temporary failure becomes permanent, and the first retry's delay
# (doubled each time).
SENDING_MAX_ATTEMPTS = env.integer("SENDING_MAX_ATTEMPTS", 6, minimum=1)
SENDING_RETRY_SECONDS = env.integer("SENDING_RETRY_SECONDS", 60, minimum=1)
# A message left "sending" this long was being handed over by a worker that died; one left
# "queued" this long lost its task. The sweep (every SENDING_SWEEP_SECONDS) re-queues both.
SENDING_STUCK_SECONDS = env.integer("SENDING_STUCK_SECONDS", 300, minimum=1)
SENDING_SWEEP_SECONDS = env.integer("SENDING_SWEEP_SECONDS", 60, minimum=1)
# SMS wait from this hour to that (Norwegian time); equal hours: no night.
SMS_NIGHT_STARTS = env.integer("SMS_NIGHT_STARTS", 21, minimum=0)
SMS_NIGHT_ENDS = env.integer("SMS_NIGHT_ENDS", 8, minimum=0)
if SMS_NIGHT_STARTS > 23 or SMS_NIGHT_ENDS > 23:
    raise ImproperlyConfigured("SMS_NIGHT_STARTS and SMS_NIGHT_ENDS must be hours, 0 to 23.")
# An SMS handed over this many days ago with no delivery report is marked unconfirmed.
SENDING_UNCONFIRMED_DAYS = env.integer("SENDING_UNCONFIRMED_DAYS", 3, minimum=1)
# A workbook whose breakdown by company has more groups than this is made in the background
# (reporting/exports/jobs.py), as Udir's national workbook always is; its file is kept this long.
EXPORT_BACKGROUND_COMPANIES = env.integer("EXPORT_BACKGROUND_COMPANIES", 300, minimum=0)
EXPORT_KEEP_HOURS = env.integer("EXPORT_KEEP_HOURS", 24, minimum=1)

CELERY_BEAT_SCHEDULE: dict = {
    # Re-queues messages that a lost task or a dead worker left (distribution/sending/).
    "sweep-messages": {
        "task": "distribution.sending.tasks.sweep",
        "schedule": SENDING_SWEEP_SECONDS,
    },
    # Dispatches planned for later start when their time comes (distribution/dispatching.py).
    "start-scheduled-dispatches": {
        "task": "distribution.tasks.start_scheduled",
        "schedule": SENDING_SWEEP_SECONDS,
    },
    # SMS handed over days ago with no delivery report (distribution/sending/reports.py).
    "mark-unconfirmed-messages": {
        "task": "distribution.sending.tasks.mark_unconfirmed",
        "schedule": 60 * 60,
    },
    # Rejected extract rows are personal data kept only until their round closes.
    "purge-rejected-rows": {
        "task": "surveys.sample.tasks.purge_rejected_rows",
        "schedule": 24 * 60 * 60,
    },
    # An upload nobody confirmed loses its file after UPLOAD_CONFIRM_HOURS.
    "discard-unconfirmed-uploads": {
        "task": "surveys.sample.tasks.discard_unconfirmed_uploads",
        "schedule": 60 * 60,
    },
    # A round's responses are stored, all at once, the night after its last day to answer
    # (surveys/responses/storing.py); a round already stored is skipped.
    "store-closed-rounds": {
        "task": "surveys.responses.tasks.store_closed_rounds",
        "schedule": crontab(hour=2, minute=15),
    },
    # Results' figures and suppression, once the responses are stored and again if they
    # change (reporting/publication.py); a round computed from the same data is skipped.
    "publish-results": {
        "task": "reporting.tasks.publish_due",
        "schedule": crontab(hour=2, minute=45),
    },
    # The counties' and Udir's PDF reports of the newest published rounds, made before they
    # are asked for (reporting/exports/report_files.py); beat also asks when it starts.
    "prepare-reports": {
        "task": "reporting.tasks.prepare_reports",
        "schedule": 60 * 60,
    },
    # Background exports' files go EXPORT_KEEP_HOURS after they were asked for.
    "purge-exports": {
        "task": "reporting.tasks.purge_exports",
        "schedule": 60 * 60,
    },
    # Contact data goes CONTACT_DATA_DAYS after the last day (surveys/rounds/retention.py).
    "delete-contact-data": {
        "task": "surveys.rounds.tasks.delete_contact_data",
        "schedule": crontab(hour=3, minute=15),
    },
}
# A trivial task every BEAT_TICK_SECONDS (laerling/tick.py), for the soak run
# (bench/embedded_soak.py) and the embedded-broker tests to count beat's messages by.
CELERY_IMPORTS = ["laerling.tick"]
BEAT_TICK_SECONDS = env.integer("BEAT_TICK_SECONDS", 0, minimum=0)
if BEAT_TICK_SECONDS:
    CELERY_BEAT_SCHEDULE["tick"] = {"task": "laerling.tick", "schedule": BEAT_TICK_SECONDS}
# An import that would withdraw more than this share of a round's sample (a county's rows
# alone, last year's file) waits until someone confirms it (surveys/sample/importing.py).
IMPORT_WITHDRAWAL_CONFIRM_SHARE = env.fraction("IMPORT_WITHDRAWAL_CONFIRM_SHARE", 0.10)
# An upload waiting for that confirmation is discarded, file and all, after this many hours.
UPLOAD_CONFIRM_HOURS = env.integer("UPLOAD_CONFIRM_HOURS", 48, minimum=1)
# Days after a round's last day to answer until its names, e-mail addresses, mobile numbers,
# link keys and the messages' addresses are deleted: time to answer questions about sending.
CONTACT_DATA_DAYS = env.integer("CONTACT_DATA_DAYS", 30, minimum=1)

# The cache: Redis when REDIS_URL is set; otherwise files, which the embedded mode's web,
# worker and beat processes share (local memory would give each its own tokens).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "laerling",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# E-mail and SMS. The embedded mode keeps both in the development outbox.
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "Lærlingundersøkelsen <ikke-svar@udir.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env.string(
    "EMAIL_BACKEND",
    "distribution.backends.outbox.backends.EmailBackend"
    if EMBEDDED
    else "django.core.mail.backends.smtp.EmailBackend",
)
# django-sms: the outbox when embedded, else LINK Mobility's SMS REST API
# (distribution/backends/sms_gateway/).
SMS_BACKEND = env.string(
    "SMS_BACKEND",
    "distribution.backends.outbox.backends.SmsBackend"
    if EMBEDDED
    else "distribution.backends.sms_gateway.backend.SmsBackend",
)
SMS_GATEWAY_URL = env.url("SMS_GATEWAY_URL")
SMS_GATEWAY_USERNAME = env.string("SMS_GATEWAY_USERNAME", "")
SMS_GATEWAY_PASSWORD = env.string("SMS_GATEWAY_PASSWORD", "")
SMS_GATEWAY_PLATFORM_ID = env.string("SMS_GATEWAY_PLATFORM_ID", "COMMON_API")
SMS_GATEWAY_PLATFORM_PARTNER_ID = env.string("SMS_GATEWAY_PLATFORM_PARTNER_ID", "")
# The gate (set up in LINK's portal) that posts delivery reports to our webhook.
SMS_GATEWAY_REPORT_GATE = env.string("SMS_GATEWAY_REPORT_GATE", "")
SMS_GATEWAY_TIMEOUT = env.integer("SMS_GATEWAY_TIMEOUT", 10, minimum=1)
# Shared secrets of the delivery-report and bounce webhooks (HTTP Basic password, any user
# name). Unset: the webhook refuses everything.
SMS_REPORT_SECRET = env.string("SMS_REPORT_SECRET", "embedded-sms-reports" if EMBEDDED else "")
EMAIL_BOUNCE_SECRET = env.string("EMAIL_BOUNCE_SECRET", "embedded-bounces" if EMBEDDED else "")
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
# django-sms reads DEFAULT_FROM_SMS as the sender name shown on the phone.
DEFAULT_FROM_SMS = env.string("SMS_SENDER", "Udir")

# Security. Production (DEBUG=false) gets HTTPS-only cookies, HSTS and a redirect;
# `manage.py check --deploy` is clean with these, which a test checks.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end no later than ID-porten's own: 30 minutes idle, 120 minutes in all
# (accounts.session_limits). The cookie never outlives the longest session.
SESSION_IDLE_MINUTES = env.integer("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_MINUTES = env.integer("SESSION_MAX_MINUTES", 120, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_MINUTES * 60

# The Django admin (Udir staff): password, then a TOTP code (django-otp); after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is
# locked out for AXES_COOLOFF_MINUTES (django-axes). README.md, "Going live".
# Only the pair, never the username alone, and the visitor's own address behind the
# proxies (LINK_TRUSTED_PROXIES), not the proxy's: else anyone who knows an
# administrator's username could keep them locked out.
OTP_TOTP_ISSUER = "Lærlingundersøkelsen"
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "accounts.admin_site.locked_out"

# National services: ID-porten (login), Maskinporten and Altinn (who may act for which
# organisation). README.md, "Going live", says where each value comes from. Embedded,
# all of them point at the local simulator and its keys are made on first use.
_SIMULATOR = "http://127.0.0.1:8001"
_KEYS = VAR_DIR / "keys"
NATIONAL_SERVICE_TIMEOUT = env.integer("NATIONAL_SERVICE_TIMEOUT", 5, minimum=1)
IDPORTEN_ISSUER = env.url("IDPORTEN_ISSUER", f"{_SIMULATOR}/idporten/" if EMBEDDED else None)
IDPORTEN_CLIENT_ID = env.string("IDPORTEN_CLIENT_ID", "laerling-embedded" if EMBEDDED else None)
# The simulator takes a client secret; real ID-porten gets private_key_jwt (below).
IDPORTEN_CLIENT_SECRET = env.string(
    "IDPORTEN_CLIENT_SECRET", "laerling-embedded-secret" if EMBEDDED else None
)
IDPORTEN_CLIENT_KEY = env.pem(
    "IDPORTEN_CLIENT_KEY", str(_KEYS / "idporten-client.pem") if EMBEDDED else None
)
IDPORTEN_CLIENT_KID = env.string(
    "IDPORTEN_CLIENT_KID", "laerling-embedded-idporten" if EMBEDDED else None
)
IDPORTEN_CLIENT_CERTIFICATE = env.pem("IDPORTEN_CLIENT_CERTIFICATE")
MASKINPORTEN_ISSUER = env.url(
    "MASKINPORTEN_ISSUER", f"{_SIMULATOR}/maskinporten/" if EMBEDDED else None
)
MASKINPORTEN_CLIENT_ID = env.string(
    "MASKINPORTEN_CLIENT_ID", "laerling-embedded-maskinporten" if EMBEDDED else None
)
MASKINPORTEN_KEY = env.pem(
    "MASKINPORTEN_KEY", str(_KEYS / "maskinporten-client.pem") if EMBEDDED else None
)
MASKINPORTEN_KID = env.string(
    "MASKINPORTEN_KID", "laerling-embedded-maskinporten" if EMBEDDED else None
)
MASKINPORTEN_CERTIFICATE = env.pem("MASKINPORTEN_CERTIFICATE")
ALTINN_PLATFORM_URL = env.url("ALTINN_PLATFORM_URL", _SIMULATOR if EMBEDDED else None)
ALTINN_SUBSCRIPTION_KEY = env.string(
    "ALTINN_SUBSCRIPTION_KEY", "embedded-subscription-key" if EMBEDDED else None
)
ALTINN_RESOURCE_ID = env.string("ALTINN_RESOURCE_ID", "laerlingundersokelsen-administrasjon")

# Login through ID-porten (OpenID Connect) with allauth and our provider, accounts.idporten.
# Administrators never sign up or log in with a password in the portal.
# How the login authenticates at ID-porten's token endpoint: Digdir recommends
# private_key_jwt (IDPORTEN_CLIENT_KEY); the embedded simulator takes a client secret.
IDPORTEN_CLIENT_AUTH = env.string(
    "IDPORTEN_CLIENT_AUTH", "client_secret_post" if EMBEDDED else "private_key_jwt"
)
if IDPORTEN_CLIENT_AUTH not in {"client_secret_post", "private_key_jwt"}:
    raise ImproperlyConfigured(
        "IDPORTEN_CLIENT_AUTH must be private_key_jwt or client_secret_post, "
        f"not {IDPORTEN_CLIENT_AUTH!r}."
    )
# Only these levels of assurance let a person in (ID-porten's acr values).
IDPORTEN_ACCEPTED_ACR = ["idporten-loa-substantial", "idporten-loa-high"]
SOCIALACCOUNT_PROVIDERS = {
    "idporten": {
        "APPS": [
            {
                "provider_id": "idporten",
                "name": "ID-porten",
                "client_id": IDPORTEN_CLIENT_ID,
                "secret": IDPORTEN_CLIENT_SECRET,
                "settings": {
                    "server_url": (IDPORTEN_ISSUER or "").rstrip("/"),
                    "token_auth_method": "client_secret_post",
                },
            }
        ]
    }
}
SOCIALACCOUNT_ADAPTER = "accounts.idporten.adapter.SocialAccountAdapter"
ACCOUNT_ADAPTER = "accounts.idporten.adapter.AccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_QUERY_EMAIL = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SIGNUP_FIELDS = ["username*"]
ACCOUNT_LOGIN_METHODS = {"username"}
# Personal links are HMACs under this key (surveys/respondents/links.py): kept outside the database.
LINK_SECRET_KEY = env.string(
    "LINK_SECRET_KEY", SECRET_KEY + "-links" if DEBUG else None, required=not DEBUG
)
# Wrong personal links per address: LINK_WRONG_LIMIT within LINK_WRONG_WINDOW seconds, then
# 429 for LINK_BLOCK_SECONDS (surveys/respondents/rate_limit.py). Behind proxies that append to
# X-Forwarded-For, LINK_TRUSTED_PROXIES says how many, so the visitor's address is found
# (accounts/client_address.py; django-axes uses it too).
LINK_WRONG_LIMIT = env.integer("LINK_WRONG_LIMIT", 20, minimum=1)
LINK_WRONG_WINDOW = env.integer("LINK_WRONG_WINDOW", 600, minimum=1)
LINK_BLOCK_SECONDS = env.integer("LINK_BLOCK_SECONDS", 600, minimum=1)
LINK_TRUSTED_PROXIES = env.integer("LINK_TRUSTED_PROXIES", 0, minimum=0)
# Switching to an organisation one does not hold: past SWITCH_REFUSED_LIMIT refusals within
# SWITCH_REFUSED_WINDOW seconds the person gets 429 for as long, and the burst is one audit
# row (accounts/views.py).
SWITCH_REFUSED_LIMIT = env.integer("SWITCH_REFUSED_LIMIT", 10, minimum=1)
SWITCH_REFUSED_WINDOW = env.integer("SWITCH_REFUSED_WINDOW", 600, minimum=1)
# Answers are sealed under a key derived from this secret while a round is open
# (surveys/responses/sealing.py): kept outside the database, never changed while a round is
# open unless the old one is kept as SEALING_SECRET_PREVIOUS until its rounds are stored.
# Required in production; surveys/checks.py refuses a short or reused one.
SEALING_SECRET = env.string("SEALING_SECRET", SECRET_KEY + "-sealing" if DEBUG else None)
SEALING_SECRET_PREVIOUS = env.string("SEALING_SECRET_PREVIOUS")
# The national identity number is hashed with this key before anything is stored.
PID_HASH_KEY = env.string("PID_HASH_KEY", SECRET_KEY if DEBUG else None, required=not DEBUG)

# Everything goes to one handler, whose formatter masks personal-link tokens: Django logs
# paths ("Not Found: /s/<token>"), and SHA-256 of a token finds its participant
# (laerling/log_masking.py; gunicorn's own logs: gunicorn.conf.py; Celery's: laerling/celery.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"masked": {"()": "laerling.log_masking.MaskingFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "masked"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "INFO")},
    "loggers": {
        # Named here so that Django's default handlers (console, mail_admins, runserver's
        # django.server), which would write the path unmasked, are taken off them.
        "django": {"level": "INFO"},
        "django.server": {"level": "INFO", "propagate": True},
        # WeasyPrint and fontTools narrate every step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
