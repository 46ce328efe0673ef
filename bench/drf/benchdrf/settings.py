"""Settings of the DRF reference: a production setup (DEBUG off, JSON
renderer only, persistent connections with CONN_MAX_AGE = None), no
authentication (the reference, like bench/ref's, has none). The database
comes from the environment bench/speed passes: BENCH_DB_SOCKET,
BENCH_DB_USER, BENCH_DB_PASSWORD, BENCH_DB_NAME."""
import os

SECRET_KEY = "bench-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "benchdrf.urls"
WSGI_APPLICATION = "benchdrf.wsgi.application"
USE_TZ = False
USE_I18N = False
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "benchdrf",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ.get("BENCH_DB_NAME", "clientele"),
        "USER": os.environ.get("BENCH_DB_USER", "clientele"),
        "PASSWORD": os.environ.get("BENCH_DB_PASSWORD", ""),
        # A HOST starting with "/" is the Unix socket.
        "HOST": os.environ.get("BENCH_DB_SOCKET", ""),
        # Persistent: each gunicorn thread keeps its connection.
        "CONN_MAX_AGE": None,
        "OPTIONS": {"charset": "utf8mb4"},
    }
}
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
