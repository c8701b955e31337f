import os

# Tests run with debug off, as in production; they need a key, never a real one.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-not-secret")

from config.settings.base import *  # noqa: E402, F403

# Whitenoise's manifest storage needs collectstatic first; tests use plain storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
# No collected static files in tests: whitenoise serves from the finders, so skip STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
