"""Settings shared by every profile, read from the environment.

Every value a deployment may change comes from an environment variable with
an embedded default that works on a laptop (SQLite, local-memory cache,
console e-mail, database search). The README lists every variable.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

from siteconf.security import SITE_POLICY

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------- applications

INSTALLED_APPS = [
    # Ours first so our templates, static files and commands win; the
    # regional forum app must come after machina's (see below).
    "hub.apps.HubConfig",
    "search.apps.SearchConfig",
    # Wagtail and wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    # Wagtail's own read-only API for public pages (/api/v2/pages/, hub/pages_api.py).
    "wagtail.api.v2",
    "rest_framework",
    "drf_spectacular",  # the JSON API's OpenAPI document (search/http/json_api.py)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    # django-allauth: the only way in
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # django-machina, without machina.apps.forum_search: that app imports
    # django-haystack, whose search never returns results here and whose
    # Elasticsearch backends conflict with elasticsearch 8. Its URL namespace
    # is served by our own search view (forum/urls.py).
    "mptt",
    "widget_tweaks",
    "machina",
    "machina.apps.forum",
    "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "machina.apps.forum_permission",
    # machina owns the app label "forum"; ours is "regional_forum" and must be
    # listed after machina's apps, or machina's class loader takes our package
    # for an override of its own forum app.
    "forum.apps.RegionalForumConfig",
    # Bootstrap 5 (with its right-to-left build) and Font Awesome, served
    # from a Python package: no CDN, nothing fetched at run time.
    "bootstrap",
    "fontawesome",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, static files included (site/security.py).
    "siteconf.security.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages, spaces and topics from the shared "pages" cache (hub/page_cache.py):
    # before the session, so a hit costs no session, locale or user lookup.
    "hub.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A write that finds SQLite locked past the busy timeout: 503, not 500.
    "hub.core.busy.DatabaseBusyMiddleware",
    "forum.middleware.ForumPermissionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "siteconf.urls"
WSGI_APPLICATION = "siteconf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our templates first (they override machina's and allauth's), then
        # machina's un-namespaced templates.
        "DIRS": [BASE_DIR / "templates", MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.i18n",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]

# ---------------------------------------------------------------- data

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'hub.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE transactions
    # take the write lock up front so concurrent writers wait (busy timeout)
    # instead of failing with "database is locked" mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for another's lock before the 503 page.
            "timeout": env.float("SQLITE_BUSY_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the search's facet statement crosses its cost
    # threshold and spent 55 ms of a broad query's 250 compiling at 100k
    # contributions; a web request's statements are too short to win it back.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))

# machina's models set no default; a BigAutoField default would make
# makemigrations want new migrations inside machina. Our own apps use
# BigAutoField through their AppConfig.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Rate limits keep their counters in the default cache, which must forget
# nothing before an entry expires (hub/core/cache.py): without CACHE_URL (Redis,
# for several machines) a file cache shared by the machine's processes.
DURABLE_CACHE = {
    "BACKEND": "hub.core.cache.DurableFileCache",
    "LOCATION": str(VAR_DIR / "cache"),
    # Past this many files, writes sweep the expired ones (never live ones).
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
CACHES = {
    "default": env.cache("CACHE_URL") if env("CACHE_URL", default="") else DURABLE_CACHE,
    # Anonymous pages (hub/page_cache.py): shared by the machine's processes,
    # or by every machine through CACHE_URL's Redis under its own prefix.
    "pages": (
        {**env.cache("CACHE_URL"), "KEY_PREFIX": "pages"}
        if env("CACHE_URL", default="")
        else {
            "BACKEND": "hub.core.cache.PageFileCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    ),
    # machina keeps uploaded attachments here between a preview and a post.
    "machina_attachments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "machina-attachments-cache"),
    },
}

# How long an anonymous page may be served from the cache at most; changes to
# what it shows end it at once (hub/page_cache.py). 0 turns the cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How long an expired page may still be served while one reader renders it again.
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=60)

# Background tasks. Wagtail's own tasks stay immediate (editors see a
# published page in search at once); ours go to the "background" queue in the
# database, run by `manage.py db_worker --backend background`, so a reminder
# can wait for its date and a slow job never holds a request.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# ---------------------------------------------------------------- languages

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية"),
    ("fr", "Français"),
]
# Ours first so the project's wording wins; machina_locale completes machina's own ar and fr;
# vendor_locale corrects allauth's Arabic and django-countries' names (the UN's). Every
# LOCALE_PATHS catalogue comes before the apps' own, and makemessages writes only to the
# first (its folder holds all our code), so neither of the other two is ever rewritten.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "forum" / "machina_locale",
    BASE_DIR / "hub" / "vendor_locale",
]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# "Translate this page" makes a draft in the target language, whatever the
# source's status: it goes live when its translator publishes it, never in
# the source language's words (wagtail_localize/operations.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# ---------------------------------------------------------------- static and media

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# ---------------------------------------------------------------- accounts (django-allauth)

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# machina and the Wagtail admin send anonymous people to the allauth login.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages ("signed-in visitors only") send visitors to allauth too.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # password resets go through allauth

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The stakeholder profile (display name, organisation, group, country,
# languages) is asked on the same sign-up form.
ACCOUNT_SIGNUP_FORM_CLASS = "forum.profiles.forms.SignupProfileForm"
# A mail server that is down never fails sign-up or a password reset (forum/profiles/adapter.py).
ACCOUNT_ADAPTER = "forum.profiles.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's e-mails name the Hub, not the request's host, in the reader's
# language, subject prefix included (forum/profiles/adapter.py, hub/core/site_name.py).
# People are named by their public name, never by username or address
# (forum/profiles/names.py; machina and Wagtail ask get_full_name).
ACCOUNT_USER_DISPLAY = "forum.profiles.names.public_name"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# allauth's rate limits (login failures, sign-up, confirmation mail) are on
# by default and kept in the default cache, which must not be a dummy cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Migration Network Hub"

# ---------------------------------------------------------------- e-mail

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Migration Network Hub <hub@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# ---------------------------------------------------------------- Wagtail

WAGTAIL_SITE_NAME = "Migration Network Hub"
# The taxonomy has its own "Taxonomy" menu; without this, Wagtail's Snippets
# index (/admin/snippets/) would list nothing and refuse even a superuser.
WAGTAILSNIPPETS_MENU_SHOW_ALL = True
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no network at run time
# Admin avatars from Gravatar would be requests to another origin (and tell it
# who uses the admin); Wagtail then shows its default avatar, from this server.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# ---------------------------------------------------------------- django-machina

MACHINA_FORUM_NAME = _("Regional discussion spaces")
MACHINA_BASE_TEMPLATE_NAME = "base.html"
# A person's public name (forum/profiles/names.py installs it as get_full_name).
MACHINA_USER_DISPLAY_NAME_METHOD = "get_full_name"
# Post bodies, forum descriptions and signatures: Markdown, sanitised by nh3
# (see forum/markup.py); machina's default, markdown2's safe_mode, has bypasses.
MACHINA_MARKUP_LANGUAGE = ("forum.markup.render_markdown", {})
MACHINA_MARKUP_WIDGET = "forum.widgets.MarkdownTextarea"
# Posts are capped at 32,000 characters (Discourse's cap) by our post forms.
# MACHINA_POST_CONTENT_MAX_LENGTH is not used for it: it alters machina's
# model field and so would need a migration inside machina.
CONTRIBUTION_MAX_LENGTH = 32_000
# Authors may edit their own posts for this long; the space's moderators any time.
CONTRIBUTION_EDIT_WINDOW_HOURS = env.int("CONTRIBUTION_EDIT_WINDOW_HOURS", default=24)
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = [
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    # Established accounts publish at once; new accounts' first posts are
    # held by forum.policy.needs_approval (per-space premoderate_new_accounts).
    "can_post_without_approval",
    "can_edit_own_posts",
    "can_create_polls",
    "can_vote_in_polls",
    "can_download_file",
    # Reports come as files (checked and served by forum.attachments).
    "can_attach_file",
]
# Posting limits and moderation (forum/policy.py, forum/flags/), modelled on
# Discourse's trust-level-0 limits and Decidim's auto-hide. An account is
# "new" while it is younger than FORUM_NEW_ACCOUNT_DAYS or has fewer than
# FORUM_NEW_ACCOUNT_APPROVED_POSTS approved posts; staff and moderators never are.
FORUM_NEW_ACCOUNT_DAYS = env.int("FORUM_NEW_ACCOUNT_DAYS", default=3)
FORUM_NEW_ACCOUNT_APPROVED_POSTS = env.int("FORUM_NEW_ACCOUNT_APPROVED_POSTS", default=3)
# A new account's posts wait for a moderator until this many were approved
# (in spaces whose premoderate_new_accounts is on).
FORUM_PREMODERATE_APPROVED_POSTS = env.int("FORUM_PREMODERATE_APPROVED_POSTS", default=1)
# Distinct reports that hide a post until a moderator reviews it.
FORUM_FLAGS_TO_HIDE = env.int("FORUM_FLAGS_TO_HIDE", default=3)
# Reports one account may file in an hour.
FORUM_FLAGS_PER_HOUR = env.int("FORUM_FLAGS_PER_HOUR", default=20)
# Attachment files live outside MEDIA_ROOT, where no URL reaches them; the
# forum serves them through a permission-checked view.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# The task worker reads each attachment's text in a process limited to this
# CPU time and address space (forum.attachments.extraction).
ATTACHMENT_EXTRACTION_SECONDS = env.int("ATTACHMENT_EXTRACTION_SECONDS", default=20)
ATTACHMENT_EXTRACTION_MEMORY = env.int("ATTACHMENT_EXTRACTION_MEMORY", default=768 * 1024 * 1024)

# ---------------------------------------------------------------- search

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
# JSON API (/api/v1/) and exports: requests allowed per address (anonymous) or
# per account (session or API token), written like "60/m" or "2/s,60/m".
SEARCH_API_RATE_LIMITS = {
    "anonymous": env("SEARCH_API_RATE_ANONYMOUS", default="60/m"),
    "authenticated": env("SEARCH_API_RATE_AUTHENTICATED", default="600/m"),
}
SEARCH_EXPORT_RATE_LIMITS = {
    "anonymous": env("SEARCH_EXPORT_RATE_ANONYMOUS", default="10/h"),
    "authenticated": env("SEARCH_EXPORT_RATE_AUTHENTICATED", default="60/h"),
}
# Objective suggestions (search.suggestions): the trained model's file, how
# often the task worker trains it again, and the suggestion API's limits per
# account (it answers signed-in accounts and API tokens only).
OBJECTIVE_SUGGESTER_PATH = env.path(
    "OBJECTIVE_SUGGESTER_PATH", default=str(VAR_DIR / "objective-suggester.joblib")
)
OBJECTIVE_SUGGESTER_RETRAIN_HOURS = env.int("OBJECTIVE_SUGGESTER_RETRAIN_HOURS", default=24)
OBJECTIVE_SUGGESTION_RATE_LIMIT = env("OBJECTIVE_SUGGESTION_RATE_LIMIT", default="5/s,120/m")
# Rows in one CSV/XLSX export; a longer result set is cut, with a note row.
EXPORT_MAX_ROWS = env.int("EXPORT_MAX_ROWS", default=100_000)
# The open data (hub/opendata/): where the nightly dump of the public
# contributions is written, and the hour (UTC) the task worker writes it.
OPEN_DATA_DIR = env.path("OPEN_DATA_DIR", default=str(VAR_DIR / "open-data"))
OPEN_DATA_DUMP_HOUR = env.int("OPEN_DATA_DUMP_HOUR", default=2)
# Papers resting on more contributions have their PDF drawn by the task
# worker (about 50 s for 10,000 here), never in a request (hub.papers.pdf).
PAPER_PDF_INLINE_MAX_CONTRIBUTIONS = env.int("PAPER_PDF_INLINE_MAX_CONTRIBUTIONS", default=500)

# ---------------------------------------------------------------- security common to all profiles

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views set SAMEORIGIN on themselves; nothing else is framed.
# (Browsers that know CSP follow its frame-ancestors 'self' instead.)
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_HTTPONLY = True  # no script reads it
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy (django-csp): strict for the site, two relaxations
# for the admin; site/security.py says what each directive allows and why.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": SITE_POLICY}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# As Wagtail's project template sets it: a page editor's StreamField posts a
# few fields per block (Django's default, 1,000, refuses a long page's save).
# A generated paper's blocks read their rows from its frozen set, so its
# editor stays far below either.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}


# Django REST framework: the JSON API (/api/v1/) and Wagtail's pages API (/api/v2/).
# JSON only (no browsable pages), and no HTTP Basic sign-in, which would take
# passwords past allauth's rate limits: the session, or the JSON API's tokens.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Migration Network Hub contributions API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Search the stakeholder contributions to the regional reviews of the Global Compact "
        "for Migration. Anonymous callers see approved contributions in public spaces; signed-in "
        "users (browser session) and API tokens see what their account may read. Requests are "
        "rate-limited per address (anonymous) or per account; over the limit the answer is 429 "
        "with Retry-After."
    ),
    "OAS_VERSION": "3.1.0",
    "SERVERS": [{"url": "/api/v1"}],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
    # The document describes the API: it is the same for every caller.
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Its deployment check describes every DRF view of the site (Wagtail's admin API
    # too) and warns about theirs; the JSON API's own document is tested instead
    # (tests/test_search_json_api.py: valid OpenAPI 3.1, every parameter, real answers).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
