"""Settings of Gongkai, read from the environment.

The defaults make the embedded deployment: one SQLite database in WAL mode, a tantivy index
on local disk, local-memory cache, the database task queue. Set DATABASE_URL (PostgreSQL),
REDIS_URL (cache and rate limits) and SEARCH_BACKEND=postgres for several app servers.
"""

import os
from pathlib import Path

import dj_database_url

from gongkai.core.secrets import create_private_file, local_secret_key, private_dir

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The data folder holds personal data and keys: created readable by its owner only.
private_dir(DATA_DIR)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # The embedded set-up keeps a generated key beside its database, so sessions survive restarts.
    SECRET_KEY = local_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],::1,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "gongkai.core",
    "gongkai.documents",
    "gongkai.search",
    "gongkai.portal",
    "gongkai.api",
    "gongkai.disclosure",
    "gongkai.reports",
    "gongkai.execution",
    "gongkai.accounts",
    "gongkai.consultations",
    "gongkai.interaction",
    "gongkai.concerns",
    "gongkai.knowledge",
    "gongkai.enforcement",
    "gongkai.enterprise",
    "gongkai.subscriptions",
    "gongkai.audio",
    "gongkai.assessment",
    "gongkai.areas",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v3",
    "modelcluster",
    "taggit",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "gongkai.secondfactor",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # OpClass in index expressions (the enforcement list's trigram indexes); nothing on SQLite.
    "django.contrib.postgres",
]

# What the middlewares before PageCacheMiddleware add to a page-cache hit is replayed by the
# WSGI layer (gongkai.core.pagecache.wsgi) to every later request with the same page key: none of
# them may add what varies by request (a nonce, a request id) to a hit.
MIDDLEWARE = [
    "gongkai.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gongkai.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.otp_device and is_verified() from the session (gongkai.secondfactor).
    "django_otp.middleware.OTPMiddleware",
    # After the password, reviewers and administrators pass the second factor before the rest of
    # the back office; it never reads the session of a public page.
    "gongkai.secondfactor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The reverse proxy whose X-Forwarded-For/-Proto are believed (`gongkai serve --trusted-proxy`).
TRUSTED_PROXY = os.environ.get("GONGKAI_TRUSTED_PROXY", "")

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite (WAL, IMMEDIATE transactions, busy timeout) unless DATABASE_URL is set.
SQLITE_PATH = DATA_DIR / "gongkai.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    # Created owner-only before SQLite opens it: SQLite gives its -wal and -shm files the
    # database file's mode.
    create_private_file(SQLITE_PATH)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Kept open by each server thread: opening one costs more than most requests (the
            # file opened, the pragmas run, and the schema of ~700 tables and indexes parsed
            # again on the first query: about 6 ms of processor), and no server times it out.
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    # One host without Redis: the server's processes and the worker share one cache in SQLite
    # files (diskcache), so a rate limit holds across them and a new holiday arrangement
    # reaches every process's calendar. Writes wait for the file lock (DATABASE_TIMEOUT, then
    # retried) instead of being dropped.
    CACHES = {
        "default": {
            "BACKEND": "gongkai.core.filecache.KeptOpenDiskCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.25,
            "OPTIONS": {"size_limit": 256 * 2**20},
        }
    }

# Page cache of public pages (gongkai/core/pagecache): one SQLite file per host, or Redis with
# REDIS_URL. GONGKAI_PAGE_MAX_AGE: seconds a browser or proxy may keep a page without asking.
PAGE_CACHE_ENABLED = env_bool("GONGKAI_PAGE_CACHE", True)
PAGE_CACHE_DIR = Path(os.environ.get("GONGKAI_PAGE_CACHE_DIR", DATA_DIR / "pagecache"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("GONGKAI_PAGE_MAX_AGE", "0"))
PAGE_CACHE_MEMORY_MB = int(os.environ.get("GONGKAI_PAGE_CACHE_MEMORY_MB", "64"))
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("GONGKAI_PAGE_CACHE_MAX_ENTRIES", "50000"))
# Cookies that change the page (language, large-text mode), with the values that do: part of
# the key. Any other value is the default page ("-").
PAGE_CACHE_VARY_COOKIES = {"django_language": ("en",), "gongkai_display": ("large",)}
# Also write each HTML page without a query string under this folder, as
# <language>/<display><path>index.html, for nginx to send with try_files (docs/operations.md).
PAGE_CACHE_FILES_DIR = os.environ.get("GONGKAI_PAGE_FILES_DIR", "")
# Cookies that mean the visitor is not anonymous: they bypass the cache.
PAGE_CACHE_BYPASS_COOKIES = ("sessionid", "messages")
# View counts are written every this many seconds by each server process (0: at every view).
PAGE_VIEW_FLUSH_SECONDS = float(os.environ.get("GONGKAI_VIEW_FLUSH_SECONDS", "10"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Public accounts log in on the portal; staff at /admin/ (Wagtail's own login).
LOGIN_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Repeated failed logins lock the account for a while, from the address they came from only:
# counting per user name alone would let anyone lock `admin` out, and per address alone would
# lock a whole office behind one NAT address out after a few typos.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongkai.core.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
# Second factor (gongkai.secondfactor, django-otp): TOTP for reviewers and administrators,
# optional for other staff. The issuer names the site in the authenticator app.
# GONGKAI_OTP_REQUIRED=0 lifts the obligation (nobody must enrol; whoever enrolled is still asked).
GONGKAI_OTP_REQUIRED = env_bool("GONGKAI_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_SITE_NAME", "公开 Gongkai")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Uploads are served by Django after it checks their owner (gongkai.core.media). Behind nginx,
# set GONGKAI_MEDIA_ACCEL_REDIRECT to an internal location's prefix (e.g. /protected-media/): the
# answer then carries X-Accel-Redirect and nginx sends the file (docs/operations.md).
MEDIA_ACCEL_REDIRECT = os.environ.get("GONGKAI_MEDIA_ACCEL_REDIRECT", "")
if MEDIA_ACCEL_REDIRECT:
    SENDFILE_BACKEND = "gongkai.core.fileserve"
# Hashed, compressed static files once `collectstatic` has run (gongkai serve does); before
# that (development, tests) files are served straight from the apps.
_STATIC_MANIFEST = STATIC_ROOT / "staticfiles.json"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_MANIFEST.exists()
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not _STATIC_MANIFEST.exists()
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_MB", "50")) * 1024 * 1024
INTERPRETATION_MEDIA_MAX_BYTES = (
    int(os.environ.get("INTERPRETATION_MEDIA_MAX_MB", "500")) * 1024 * 1024
)
# 每日一听: the text-to-speech engine (gongkai.audio.engines), a dotted path to its class.
GONGKAI_TTS_ENGINE = os.environ.get("GONGKAI_TTS_ENGINE", "gongkai.audio.engines.EspeakEngine")
# A recording staff upload in place of the engine's reading (MP3, M4A, WAV or OGG).
AUDIO_RECORDING_MAX_BYTES = int(os.environ.get("AUDIO_RECORDING_MAX_MB", "100")) * 1024 * 1024

# Content-Security-Policy (django-csp, gongkai.core.csp): pages run only scripts and styles
# served from the site itself; no inline script, no handler attributes, no inline style.
# Outside the page cache, so cached pages carry it too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The back office (Wagtail's admin, /admin/) needs more, and gets it there only: Wagtail's
# edit forms render inline <script> elements (the date and time widgets,
# wagtailadmin/widgets/date_input.html, inline and multiple-chooser panels) and style
# attributes (progress bars, column widths, the rich-text editor). Only staff who have signed in
# reach those pages; everything else keeps the policy above.
ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Served over HTTPS (GONGKAI_HTTPS=1, TLS usually ended by the proxy): cookies go over HTTPS only,
# browsers are told to use HTTPS for a year (HSTS) and plain HTTP is redirected. Behind a proxy,
# the scheme is taken from X-Forwarded-Proto by TrustedProxyMiddleware, from GONGKAI_TRUSTED_PROXY
# only; SECURE_PROXY_SSL_HEADER stays unset, as it would believe that header from anyone.
HTTPS = env_bool("GONGKAI_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "31536000")) if HTTPS else 0
# Opt-ins: they bind every subdomain of the site's domain to HTTPS, for a long time.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("GONGKAI_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "same-origin"

WAGTAIL_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "公开 Gongkai")
# The site's public address for links in mail. Unset, mails written while answering a visitor
# use the address that visitor reached (see gongkai.core.siteurl), and the rest this default.
SITE_URL = os.environ.get("GONGKAI_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "jpg", "jpeg", "png", "zip"]
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
# Documents and interpretations go live only when their sign-off workflow finishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.documents.workflow_finish.publish_signed_off"
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILADMIN_USER_LOGIN_FORM = "gongkai.core.forms.AdminLoginForm"
# The back office does not ask Wagtail's servers for new releases nor announce Wagtail's news:
# it may have no internet access, and staff cannot act on either.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Search: tantivy on local disk by default; "postgres" for several app servers.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "tantivy")
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", DATA_DIR / "search-index"))
SEARCH_SOURCE = "gongkai.documents.search_source"

# Searches (portal and API) per client address and window (seconds); 0 lifts the limit.
SEARCH_RATE_LIMIT = int(os.environ.get("SEARCH_RATE_LIMIT", "120"))
SEARCH_RATE_WINDOW = int(os.environ.get("SEARCH_RATE_WINDOW", "60"))

# 索引号 pattern: {dept} department code, {year}, {seq} the department's yearly sequence.
INDEX_NUMBER_PATTERN = os.environ.get("INDEX_NUMBER_PATTERN", "{dept}/{year}-{seq:05d}")

# Personal data of disclosure requests is encrypted at rest. Comma-separated keys rotate (the first
# encrypts); empty: a key generated once in DATA_DIR/field_encryption_key (back it up).
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
# Public request submissions per address and window (seconds); 0 lifts the limit.
DISCLOSURE_SUBMIT_LIMIT = int(os.environ.get("DISCLOSURE_SUBMIT_LIMIT", "5"))
DISCLOSURE_SUBMIT_WINDOW = int(os.environ.get("DISCLOSURE_SUBMIT_WINDOW", "600"))
DISCLOSURE_PDF_FONT = os.environ.get("DISCLOSURE_PDF_FONT") or None
# Who answers requests made through this site and signs the reply letters and mails (e.g.
# 贵阳国家高新区管理委员会; unset: the responsible department, else the openness office), and where
# an applicant may seek 行政复议 and bring 行政诉讼 against a reply (unset: named generically).
GONGKAI_BODY_NAME = os.environ.get("GONGKAI_BODY_NAME", "")
GONGKAI_RECONSIDERATION_BODY = os.environ.get("GONGKAI_RECONSIDERATION_BODY", "")
GONGKAI_COURT = os.environ.get("GONGKAI_COURT", "")

# Audit log (gongkai.core.audit): events older than GONGKAI_AUDIT_SEAL_MARGIN seconds are sealed
# into the hash chain even after a gap in the ids (a transaction that may still commit, or
# one rolled back); a checkpoint of the chain's head every GONGKAI_AUDIT_CHECKPOINT_MINUTES,
# kept in the database and appended to GONGKAI_AUDIT_CHECKPOINT_FILE (publish or copy it
# elsewhere: a rewritten or truncated log no longer matches it).
AUDIT_SEAL_MARGIN = float(os.environ.get("GONGKAI_AUDIT_SEAL_MARGIN", "10"))
AUDIT_CHECKPOINT_MINUTES = float(os.environ.get("GONGKAI_AUDIT_CHECKPOINT_MINUTES", "60"))
AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("GONGKAI_AUDIT_CHECKPOINT_FILE", DATA_DIR / "audit-checkpoints.jsonl")
)

# Mail: written to owner-only files in DATA_DIR/mail by default (never to the log: messages
# hold applicants' names and private links); set Django's SMTP backend to send for real.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "gongkai.core.mail.PrivateFileEmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# Text messages (verification codes): the default writes them to the log, the number masked.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "gongkai.accounts.sms.LogSmsBackend")
# Public accounts: registrations and mails asked for per address and hour (0 lifts a limit).
ACCOUNT_REGISTER_LIMIT = int(os.environ.get("ACCOUNT_REGISTER_LIMIT", "5"))
ACCOUNT_REGISTER_WINDOW = 3600
ACCOUNT_MAIL_LIMIT = int(os.environ.get("ACCOUNT_MAIL_LIMIT", "5"))
ACCOUNT_MAIL_WINDOW = 3600

# The site's own health check (网站自查, gongkai.assessment): pages crawled at most; external
# links are checked only when asked (GONGKAI_HEALTH_EXTERNAL=1), politely: at most
# HEALTH_CHECK_EXTERNAL_PER_HOST links of one host a run, a pause between them.
HEALTH_CHECK_MAX_PAGES = int(os.environ.get("GONGKAI_HEALTH_MAX_PAGES", "2000"))
HEALTH_CHECK_EXTERNAL_LINKS = env_bool("GONGKAI_HEALTH_EXTERNAL", False)
HEALTH_CHECK_EXTERNAL_PER_HOST = 20
HEALTH_CHECK_EXTERNAL_PAUSE = 1.0

# Every log line passes the redaction filter (gongkai.core.logfilters): tracking tokens, e-mail
# addresses, identity and phone numbers are masked whatever logged them. Django's own console
# handler (DEBUG only) is replaced so that nothing bypasses the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "gongkai.core.logfilters.RedactPersonalData"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "loggers": {
        "django": {"handlers": []},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
