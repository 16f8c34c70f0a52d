"""Settings of the local ID-porten / Maskinporten / Altinn simulator: its own process.

Run with DJANGO_SETTINGS_MODULE=accounts.simulator.settings (see the Procfile). It has its
own SQLite database and session cookie, so logging in here is a login at "ID-porten",
separate from the application's session, as in real life. Development and tests only.
"""

from pathlib import Path

from laerling import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.string("VAR_DIR", str(BASE_DIR / "var")))
SIM_DIR = Path(env.string("SIMULATOR_DIR", str(VAR_DIR / "simulator")))
SIM_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = True
SECRET_KEY = "simulator-only-" + "s" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SIMULATOR_URL = env.string("SIMULATOR_URL", "http://127.0.0.1:8001")
# The application's Maskinporten key (the embedded mode makes it in VAR_DIR/keys): the
# simulator verifies the app's JWT grants with its public half, as Maskinporten does with
# the key registered in Digdir's self-service portal.
MASKINPORTEN_CLIENT_KEY = env.string(
    "SIMULATOR_MASKINPORTEN_KEY", str(VAR_DIR / "keys" / "maskinporten-client.pem")
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
    "accounts.simulator",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "accounts.simulator.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(SIM_DIR / "simulator.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_NAME = "idporten_sim_session"
CSRF_COOKIE_NAME = "idporten_sim_csrf"
LOGIN_URL = "/idporten/login/"
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
LANGUAGE_CODE = "nb"


def _signing_key() -> str:
    """The simulator's RS256 key for ID tokens, made on first start and kept in SIM_DIR."""
    path = SIM_DIR / "oidc-signing-key.pem"
    if not path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return path.read_text()


OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _signing_key(),
    "OIDC_ISS_ENDPOINT": f"{SIMULATOR_URL}/idporten",
    "PKCE_REQUIRED": True,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
    "OAUTH2_VALIDATOR_CLASS": "accounts.simulator.validator.IDPortenValidator",
    "SCOPES": {"openid": "OpenID Connect", "profile": "Profil"},
    "ID_TOKEN_EXPIRE_SECONDS": 120,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 120,
}
