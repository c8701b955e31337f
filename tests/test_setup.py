"""The two-command set-up: configuration from the environment, and `make setup` run twice."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _django(env, code):
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _env(**values):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    env.update(values)
    return env


def test_start_up_without_secret_key_and_debug_off_fails_clearly():
    result = _django(_env(DJANGO_DEBUG="false"), "print('started')")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_start_up_with_a_secret_key_runs_with_debug_off():
    result = _django(_env(DJANGO_SECRET_KEY="k" * 50), "from django.conf import settings; print(settings.DEBUG)")
    assert result.stdout.strip() == "False", result.stderr


def test_database_url_selects_the_database_and_empty_means_sqlite():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    pg = _django(_env(DJANGO_DEBUG="true", DATABASE_URL="postgres://u@127.0.0.1:5432/x"), code)
    assert pg.stdout.strip() == "django.db.backends.postgresql"
    empty = _django(_env(DJANGO_DEBUG="true", DATABASE_URL=""), code)
    assert empty.stdout.strip() == "django.db.backends.sqlite3"


def test_production_settings_refuse_to_start_without_a_key():
    env = _env(DJANGO_SETTINGS_MODULE="config.settings.prod")
    result = _django(env, "print('started')")
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_setup_twice_is_idempotent(tmp_path):
    database = tmp_path / "setup.sqlite3"
    env = _env(DATABASE_URL=f"sqlite:///{database}")
    runs = [
        subprocess.run(["make", "setup"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
    first, second = (
        re.findall(r"(\w+\.csv): (\d+) created, (\d+) updated, (\d+) unchanged", run.stdout) for run in runs
    )
    assert sum(int(created) for _, created, _, _ in first) > 0
    assert "No migrations to apply" in runs[1].stdout
    assert second and all(created == updated == "0" for _, created, updated, _ in second), runs[1].stdout


def test_manage_py_defaults_to_development_settings_and_wsgi_to_production():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "no issues" in result.stdout, result.stderr
    assert 'setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")' in (ROOT / "config" / "wsgi.py").read_text()
