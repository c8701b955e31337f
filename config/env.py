"""The environment, read in one place. See .env.example for the variables."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env():
    # dj_database_url.config() returns {} when DATABASE_URL is set but empty: parse instead.
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'containment.sqlite3'}"
    return dj_database_url.parse(url, conn_max_age=60)


def secret_key(debug):
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if key:
        return key
    if debug:
        return "django-insecure-development-only-key-never-use-in-production"
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off, Containment refuses to start with a known key: "
        "set DJANGO_SECRET_KEY to a long random string (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )


def env_int(name, default=None):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_rate(name, default):
    """A throttle rate such as "120/min" (DRF's form: a number, "/", then s, min, hour or day)."""
    value = os.environ.get(name, "").strip() or default
    number, _, period = value.partition("/")
    if not number.isdigit() or period[:1] not in {"s", "m", "h", "d"}:
        raise ImproperlyConfigured(f"{name} must be a rate such as 120/min, not {value!r}.")
    return value
