"""Settings, read from environment variables through laerling.env's strict helpers.

With no variables set this is the embedded mode: a SQLite file, Celery on kombu's
filesystem transport, e-mail and SMS into the development outbox. DATABASE_URL and
REDIS_URL switch to PostgreSQL and Redis. README.md lists every variable.
"""

from pathlib import Path

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
SITE_URL = env.string("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.scoping.ActiveOrganisationMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", str(VAR_DIR / "laerling.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # Udir staff in the admin
    "allauth.account.auth_backends.AuthenticationBackend",  # ID-porten via allauth
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:portal"

# Login through ID-porten (OpenID Connect) with allauth and our provider, accounts.idporten.
# Administrators never sign up or log in with a password in the portal.
IDPORTEN_ISSUER = env.string("IDPORTEN_ISSUER", "http://127.0.0.1:8001/idporten")
IDPORTEN_CLIENT_ID = env.string("IDPORTEN_CLIENT_ID", "laerling-local")
IDPORTEN_CLIENT_SECRET = env.string("IDPORTEN_CLIENT_SECRET", "laerling-local-secret")
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
                    "server_url": IDPORTEN_ISSUER,
                    "token_auth_method": "client_secret_post",
                },
            }
        ]
    }
}
SOCIALACCOUNT_ADAPTER = "accounts.idporten.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_QUERY_EMAIL = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SIGNUP_FIELDS = ["username*"]
ACCOUNT_LOGIN_METHODS = {"username"}
# The national identity number is hashed with this key before anything is stored.
PID_HASH_KEY = env.string("PID_HASH_KEY", SECRET_KEY if DEBUG else None, required=not DEBUG)
ALTINN_RESOURCE_ID = env.string("ALTINN_RESOURCE_ID", "laerlingundersokelsen-administrasjon")

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
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("ds", _NODE / "@digdir" / "designsystemet-css" / "dist" / "src"),
    ("ds-theme", _NODE / "@digdir" / "designsystemet-theme" / "brand"),
    ("fonts/inter", _NODE / "@fontsource" / "inter" / "files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport so the
# embedded mode runs a real worker and beat with no server at all.
REDIS_URL = env.redis_url("REDIS_URL")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    _queue = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "out"),
        "data_folder_out": str(_queue / "out"),
        "processed_folder": str(_queue / "processed"),
        "store_processed": False,
    }
    # kombu's filesystem transport expects its folders to exist already.
    for _folder in ("out", "processed"):
        (_queue / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}

# E-mail and SMS. The embedded mode keeps both in the development outbox.
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "Lærlingundersøkelsen <ikke-svar@udir.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env.string(
    "EMAIL_BACKEND",
    "distribution.outbox.EmailBackend"
    if EMBEDDED
    else "django.core.mail.backends.smtp.EmailBackend",
)
# django-sms; the gateway backend comes with the distribution issue.
SMS_BACKEND = env.string("SMS_BACKEND", "distribution.outbox.SmsBackend")
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "INFO")},
}
