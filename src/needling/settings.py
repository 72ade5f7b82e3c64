"""The one settings module. Everything that differs between installs comes from the environment.

Zero configuration gives a working single-machine install: SQLite in ./var, a generated secret key.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.csp import CSP

from needling.config import (
    database,
    env_bool,
    env_int,
    env_list,
    env_str,
    outside,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("NEEDLING_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("NEEDLING_DEBUG", False)
SECRET_KEY = secret_key(None, VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("NEEDLING_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("NEEDLING_CSRF_TRUSTED_ORIGINS", [])

# Behind TLS (any real deployment) cookies are secure-only and HSTS is sent.
HTTPS = env_bool("NEEDLING_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("NEEDLING_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("NEEDLING_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "needling.accounts",
    "needling.clinics",
    "needling.clients",
    "needling.intake",
    "needling.audit",
    "needling.web",
    "needling.consent",
    "needling.equipment",
    "needling.plans",
    "needling.charting",
    "needling.photos",
    "needling.outcomes",
    "needling.scheduling",
    "needling.backups",
    "needling.fhir",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "needling.web.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Closed by default: a view open to anonymous users says so with login_not_required.
    "needling.web.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "needling.accounts.middleware.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "needling.accounts.middleware.RequireStaffMfaMiddleware",
    "needling.accounts.middleware.LockoutStatusMiddleware",
    "needling.audit.middleware.DeniedAccessAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "needling.web.middleware.NoStoreMiddleware",
    "needling.web.middleware.FriendlyErrorMiddleware",
]

ROOT_URLCONF = "needling.urls"
WSGI_APPLICATION = "needling.wsgi.application"

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
                "django.template.context_processors.csp",
                "needling.web.context_processors.shell",
            ],
        },
    }
]

# The end of the audit log is anchored (issue 16): a head row signed with a key that is not in
# the database, and an append-only anchor log the worker writes. Both live outside the var folder
# (put them on another disk or mount), so whoever can write var/ cannot forge or cut them.
AUDIT_KEY = env_str("NEEDLING_AUDIT_KEY", "")
AUDIT_KEY_FILE = outside(
    "NEEDLING_AUDIT_KEY_FILE", env_str("NEEDLING_AUDIT_KEY_FILE", ""), VAR_DIR, "needling-audit.key"
)
AUDIT_ANCHOR_DIR = outside(
    "NEEDLING_AUDIT_ANCHOR_DIR",
    env_str("NEEDLING_AUDIT_ANCHOR_DIR", ""),
    VAR_DIR,
    "needling-audit-anchors",
)
AUDIT_ANCHOR_DIR_IS_DEFAULT = not env_str("NEEDLING_AUDIT_ANCHOR_DIR", "")
AUDIT_ANCHOR_MINUTES = env_int("NEEDLING_AUDIT_ANCHOR_MINUTES", 2, minimum=1, maximum=60)

DATABASES = {"default": database(None, VAR_DIR / "needling.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # In the database so login rate limits hold across several app processes.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "needling_cache",
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Sessions: idle timeout and absolute lifetime are enforced by SessionLifetimeMiddleware.
SESSION_IDLE_SECONDS = env_int("NEEDLING_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60) * 60
SESSION_ABSOLUTE_SECONDS = env_int("NEEDLING_SESSION_HOURS", 12, minimum=1, maximum=72) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_FAILURE_VIEW = "needling.web.views.errors.csrf_failure"

# django-allauth: e-mail logins, no public sign-up (staff are added by the owner, clients invited).
ACCOUNT_ADAPTER = "needling.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Needling] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Needling"
USERSESSIONS_TRACK_ACTIVITY = False
# Staff must enrol in MFA before they can use the app. The demo turns it off so its logins work.
NEEDLING_MFA_REQUIRED_FOR_STAFF = env_bool("NEEDLING_MFA_REQUIRED", True)

_MAIL_BACKEND = env_str("NEEDLING_EMAIL_BACKEND", "console")
if _MAIL_BACKEND == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("NEEDLING_EMAIL_HOST", "localhost"),
                "port": env_int("NEEDLING_EMAIL_PORT", 25, minimum=1, maximum=65535),
                "username": env_str("NEEDLING_EMAIL_USER", ""),
                "password": env_str("NEEDLING_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("NEEDLING_EMAIL_TLS", False),
                "timeout": 10,
            },
        }
    }
elif _MAIL_BACKEND == "console":
    # Zero configuration: e-mails (password resets) are printed where the server runs.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    raise ValueError(f"NEEDLING_EMAIL_BACKEND must be smtp or console, not {_MAIL_BACKEND!r}")
DEFAULT_FROM_EMAIL = env_str("NEEDLING_FROM_EMAIL", "Needling <no-reply@localhost>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("NEEDLING_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# Backups (`needling backup`, and daily from the worker): archives go to this folder, encrypted
# to the age public key(s) in NEEDLING_BACKUP_RECIPIENT or in the recipients file. The matching
# secret key (identity) stays with the owner, never on this machine.
BACKUP_DIR = Path(env_str("NEEDLING_BACKUP_DIR", str(VAR_DIR / "backups"))).resolve()
BACKUP_RECIPIENT = env_str("NEEDLING_BACKUP_RECIPIENT", "")
BACKUP_RECIPIENTS_FILE = VAR_DIR / "backup-recipients.txt"
BACKUP_SCHEDULE = env_bool("NEEDLING_BACKUP_SCHEDULE", True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("NEEDLING_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and its font tools narrate every PDF step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
