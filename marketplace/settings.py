"""Échoppe settings, read from environment variables.

Every variable has a default that runs the embedded demo (SQLite under ``var/``, Celery tasks run
in-process, no external service). Production overrides them; the README lists each one.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F401,F403  (Oscar's settings, overridden below)

from marketplace.cache import redis_cache_settings
from marketplace.customer.client_address import client_address_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env file is a convenience for developers; the environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------------------

# The default is the developer's machine; production sets DEBUG=0 (see the README).
DEBUG = env.bool("DEBUG", default=True)

LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=LOCAL_HOSTS)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if set(ALLOWED_HOSTS) - set(LOCAL_HOSTS):
        # A public host with the published development key would let anyone forge sessions.
        raise ImproperlyConfigured("SECRET_KEY must be set when ALLOWED_HOSTS names a public host.")
    SECRET_KEY = "django-insecure-echoppe-development-key-never-use-in-production"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    # Behind a TLS-terminating proxy (the production setup in the README).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # A marketplace taking payments is HTTPS-only for good: ask browsers to know it before the first visit.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

# The Content-Security-Policy (marketplace/csp.py builds it from the settings it depends on):
# browsers post what it blocked to this address (logged as warnings; empty: no report). With
# CSP_ENFORCED=0 the policy is only reported (Content-Security-Policy-Report-Only), e.g. to try a change.
CSP_REPORT_ENDPOINT = env.str("CSP_REPORT_ENDPOINT", default="/csp-report/")
CSP_ENFORCED = env.bool("CSP_ENFORCED", default=True)

# /health/ names the failing part only to callers from these networks (comma-separated; empty: none)
# or sending HEALTH_TOKEN (marketplace/health.py); anybody else gets the status code alone. Behind
# reverse proxies the caller's address is the one they forward (TRUSTED_PROXY_COUNT), not theirs.
HEALTH_INTERNAL_NETWORKS = env.list(
    "HEALTH_INTERNAL_NETWORKS", default=["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
)
for _network in HEALTH_INTERNAL_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"HEALTH_INTERNAL_NETWORKS: {_error}") from None
HEALTH_TOKEN = env.str("HEALTH_TOKEN", default="")

SITE_ID = 1
ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "phonenumber_field",
    "csp",
    # Our apps come before Oscar's so that their templates and translations win.
    "marketplace.apps.MarketplaceConfig",
    "geography.apps.GeographyConfig",
    "chamber.apps.ChamberConfig",
    "vouchers.apps.VouchersConfig",
    "collection.apps.CollectionConfig",
    "shops.apps.ShopsConfig",
    "themes.apps.ThemesConfig",
    "payments.apps.PaymentsConfig",
    "search.apps.RegionalSearchConfig",
    # Oscar, with our forks in place of the apps we override.
    # Oscar's root app: its password reset also lifts the account's login lock.
    "marketplace.customer.oscar_root.EchoppeShopConfig",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "oscar.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    # Reviews closed: every review URL answers 404 (see marketplace/closed_reviews.py).
    "marketplace.closed_reviews.ClosedReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shops.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "checkout.order.apps.OrderConfig",
    "marketplace.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shops.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shops.dashboard.orders.apps.OrdersDashboardConfig",
    "shops.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Uploaded pictures from the site's own disk with MEDIA_STORAGE=local, DEBUG off too (marketplace/media.py).
    "marketplace.media.MediaMiddleware",
    # The Content-Security-Policy header and its per-request nonce (marketplace/csp.py builds the policy).
    "marketplace.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    # Artisans work in /espace-artisan/: their old dashboard bookmarks lead there (shops/oscar_dashboard_exit.py).
    "shops.oscar_dashboard_exit.ArtisansLeaveOscarsDashboard",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last, as django-axes asks: turns a locked login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "themes.chrome.site_chrome",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "search.place_memory.search_place",
                "chamber.menu.chamber_menu",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    # First: refuses any login while its account or its address is locked (django-axes; the
    # standalone variant, as ModelBackend below already answers permissions).
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# --- Login throttling (django-axes; marketplace/customer/login_throttle.py) -----------------------
# After 5 failed logins within 15 minutes, an account is locked whatever the address, and an address
# is locked whatever the account (both: guessing one password from many addresses, or many accounts'
# passwords from one). The lock lasts 15 minutes after the last failure counted; attempts during a
# lock are refused without being counted, so a locked-out customer retrying does not extend it. A
# password reset by e-mail lifts an account's lock; `manage.py axes_reset` lifts any.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# An account counts under its e-mail address in lower case, however the login form named it.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "marketplace.customer.login_throttle.account_key_from_credentials"
# A successful login forgives the account's failures, not its address's (login_throttle.py says why).
AXES_HANDLER = "marketplace.customer.login_throttle.AccountThrottleHandler"
AXES_LOCKOUT_CALLABLE = "marketplace.customer.login_throttle.lockout_response"
# Axes keeps the POSTed fields of failed logins: never the password (Oscar's form prefixes "login-").
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login-username", "login-password"]
# No log of successful logins (addresses and browsers of every customer, kept forever, read by no one);
# failed attempts are deleted once their cool-off is over.
AXES_DISABLE_ACCESS_LOG = True
# The client's address: the connection's, or behind TRUSTED_PROXY_COUNT reverse proxies (the
# production setup: one TLS proxy) the one the outermost proxy wrote in X-Forwarded-For; what a client
# writes in that header itself is never read (marketplace/customer/client_address.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0 if DEBUG else 1)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the site (0 or more).")
globals().update(client_address_settings(TRUSTED_PROXY_COUNT))

# --- Database -------------------------------------------------------------------------------------

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'echoppe.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a demo with background work in-process: wait on locks
    # instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Cache, Celery --------------------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Shared by every app server: nothing a request needs is kept in one process. Redis down is a
    # cache miss (marketplace/cache.py), and sessions are read from the database then.
    CACHES = {"default": redis_cache_settings(REDIS_URL)}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
# Without a broker the embedded default runs every task in-process, at the moment it is queued
# (the in-memory transport is named only so that nothing tries to reach a broker on localhost).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="echoppe")
# A broker that is down or hung fails a publish in about a second, and the task waits in the outbox
# (marketplace/outbox.py) instead of holding the request. Nothing reads task results: not asking
# for them spares each publish the result store's reconnection loop (20 s with Redis down).
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE = {
    "resend-stalled-emails": {"task": "marketplace.tasks.resend_stalled_emails", "schedule": 300.0},
    "flush-task-outbox": {"task": "marketplace.tasks.flush_task_outbox", "schedule": 60.0},
    "expire-unpaid-checkouts": {"task": "payments.tasks.expire_unpaid_checkouts", "schedule": 300.0},
    "release-due-payouts": {"task": "payments.tasks.release_due_payouts", "schedule": 900.0},
    "reconcile-payments": {"task": "payments.tasks.reconcile_recent_payments", "schedule": 3600.0},
    "process-pending-stripe-events": {"task": "payments.tasks.process_pending_events", "schedule": 300.0},
    "rebuild-search-index": {"task": "search.tasks.rebuild_index_task", "schedule": crontab(hour=3, minute=30)},
    "send-artisan-reminders": {"task": "shops.tasks.send_artisan_reminders", "schedule": crontab(minute=0)},
    "cancel-unpaid-vouchers": {"task": "vouchers.tasks.cancel_unpaid_vouchers", "schedule": 600.0},
    "send-due-voucher-gifts": {"task": "vouchers.tasks.send_due_gifts", "schedule": crontab(minute=15)},
    "expire-vouchers": {"task": "vouchers.tasks.expire_vouchers", "schedule": crontab(hour=0, minute=20)},
    "pay-out-vouchers": {"task": "vouchers.tasks.pay_out_vouchers", "schedule": crontab(hour=1, minute=30)},
    "send-collection-notices": {"task": "collection.tasks.send_collection_notices", "schedule": crontab(minute=5)},
    "refresh-shops-with-expired-labels": {
        "task": "chamber.tasks.refresh_shops_with_expired_labels", "schedule": crontab(hour=0, minute=10),
    },
}
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"

# Oscar imports haystack; its simple backend keeps those imports working without an engine.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- Regional search (search/) --------------------------------------------------------------------
# "database" (PostgreSQL full-text + trigrams, or SQLite) or "elasticsearch" (an Elasticsearch or
# OpenSearch cluster, SEARCH_CLUSTER_FLAVOUR); the database engine is the fallback when the cluster fails.
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="database")
SEARCH_CLUSTER_URL = env.str("SEARCH_CLUSTER_URL", default="http://127.0.0.1:9200")
SEARCH_CLUSTER_FLAVOUR = env.str("SEARCH_CLUSTER_FLAVOUR", default="elasticsearch")
if SEARCH_ENGINE not in ("database", "elasticsearch") or SEARCH_CLUSTER_FLAVOUR not in ("elasticsearch", "opensearch"):
    raise ImproperlyConfigured("SEARCH_ENGINE is database or elasticsearch; SEARCH_CLUSTER_FLAVOUR is elasticsearch or opensearch.")
SEARCH_CLUSTER_TIMEOUT_SECONDS = env.float("SEARCH_CLUSTER_TIMEOUT_SECONDS", default=2.0)
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="echoppe")
# The search map's background tiles ({z}/{x}/{y} template) and their attribution; empty (the offline
# demo): the points show on a plain background with the region's outline. The IGN's Plan IGN: see README.
MAP_TILES_URL = env.str("MAP_TILES_URL", default="")
MAP_TILES_ATTRIBUTION = env.str("MAP_TILES_ATTRIBUTION", default="")

# --- Payments -------------------------------------------------------------------------------------

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Points the stripe library at another server, e.g. localstripe for the demo and the tests.
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# Where the browser loads Stripe.js from; localstripe serves a stand-in at <its address>/js.stripe.com/v3/.
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# The chamber's commission on each shop order paid by card: a percentage plus a fixed amount (EUR);
# per-shop overrides (e.g. 0 % during a campaign) are CommissionRule rows.
COMMISSION_PERCENT = env.str("COMMISSION_PERCENT", default="5.00")
COMMISSION_FIXED = env.str("COMMISSION_FIXED", default="0.25")
# Stock and pickup slots held for a card payment are released after this many minutes without payment.
PAYMENT_TIMEOUT_MINUTES = env.int("PAYMENT_TIMEOUT_MINUTES", default=30)
# Shipped orders are paid out to the artisan this many days after shipping (collected or delivered
# orders at once).
PAYOUT_DELAY_DAYS_SHIPPED = env.int("PAYOUT_DELAY_DAYS_SHIPPED", default=7)

# --- Internationalisation -------------------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

OSCAR_SHOP_NAME = env.str("SHOP_NAME", default="Échoppe")
OSCAR_SHOP_TAGLINE = _("Local craftspeople, online")
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_CURRENCY_FORMAT = {"EUR": {"currency_digits": True, "format_type": "standard"}}
OSCAR_HOMEPAGE = "/"
OSCAR_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Échoppe <ne-pas-repondre@echoppe.localhost>")
OSCAR_SLUG_ALLOW_UNICODE = False
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_PRODUCTS_PER_PAGE = 24
# Oscar's product reviews are closed until the marketplace's verified reviews replace them: hidden
# from every template, their URLs answer 404 (marketplace/closed_reviews.py), and were one posted
# anyway it would wait for moderation; never anonymous.
OSCAR_HIDDEN_FEATURES = ["reviews"]
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True

# --- Files ----------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Media on local disk by default; on S3-compatible object storage (AWS, Scaleway, OVH, MinIO…) with
# MEDIA_STORAGE=s3, so that several app servers share the uploaded pictures.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured("MEDIA_STORAGE is local or s3.")
MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_STORAGE == "s3":
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env.str("S3_CUSTOM_DOMAIN", default=None),
            "location": env.str("S3_PREFIX", default="media"),
            # Public pictures at stable addresses; uploads never overwrite one another.
            "querystring_auth": env.bool("S3_SIGNED_URLS", default=False),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_PRESERVE_FORMAT = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Logging --------------------------------------------------------------------------------------

# LOG_FORMAT=json (production): one JSON object per line on standard output, for the log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
# The Celery worker logs through the same configuration (JSON too) instead of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "marketplace.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "sorl.thumbnail": {"level": "WARNING"},
    },
}

# --- Marketplace ----------------------------------------------------------------------------------

# The communes gazetteer the project carries (see geography/data/README.md).
COMMUNES_DATA_FILE = BASE_DIR / "geography" / "data" / "fr_communes.csv.gz"
PHONENUMBER_DEFAULT_REGION = "FR"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"
# The public address of the site, for links in e-mails (which have no request to build them from).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Oscar's dashboard is for the chamber's staff at most (artisans have /espace-artisan/): its menu
# leads to the chamber's own back-office first.
OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION = "shops.roles.dashboard_access"
OSCAR_DASHBOARD_NAVIGATION = [
    {"label": _("Chamber of Trades"), "icon": "fas fa-landmark", "url_name": "chamber:home"},
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405 (from oscar.defaults)
]

# A shop order's life (checkout/lifecycle.py adds the rules that depend on its fulfilment).
OSCAR_INITIAL_ORDER_STATUS = "new"
OSCAR_INITIAL_LINE_STATUS = "new"
OSCAR_ORDER_STATUS_PIPELINE = {
    # A checkout with a card payment waits for it; it becomes "new" once the payment succeeded.
    "pending_payment": ("new", "cancelled"),
    "new": ("accepted", "cancelled"),
    "accepted": ("ready", "out_for_delivery", "shipped", "cancelled"),
    "ready": ("collected", "cancelled"),
    "out_for_delivery": ("delivered", "cancelled"),
    "shipped": ("delivered",),
    "collected": (),
    "delivered": (),
    "cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = {"new": ("cancelled",), "cancelled": ()}
OSCAR_ORDER_STATUS_CASCADE = {"cancelled": "cancelled"}
