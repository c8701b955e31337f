import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy_without_warnings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod", DJANGO_SECRET_KEY="x" * 30 + "-Qz7!pL0#v9@Rt4$wE2^mN8&bY6*cU1"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_script(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_form_carries_a_csrf_token(client):
    assert b"csrfmiddlewaretoken" in client.get("/accounts/login/").content


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_user("analyst", password="correct-horse-battery-staple")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "analyst", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "analyst", "password": "correct-horse-battery-staple"})
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_succeeds_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_user("analyst", password="correct-horse-battery-staple")
    response = client.post("/accounts/login/", {"username": "analyst", "password": "correct-horse-battery-staple"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_no_secret_key_is_committed():
    # A key written into a tracked file, SECRET_KEY = "...": the settings read it from the environment.
    assignment = re.compile(r"SECRET_KEY\s*=\s*[\"'][^\"']{8,}[\"']")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".py", ".txt", ".toml", ".example", ".cfg", ".ini", ".env"} and path.is_file():
            assert not assignment.search(path.read_text(errors="ignore")), name
