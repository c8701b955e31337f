"""Anonymous clients are throttled: past the rate, 429 with Retry-After, and JSON."""

import pytest
from django.conf import settings
from django.test import override_settings

from config.env import env_rate


def _rate(rate):
    return {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": rate}}


def test_default_rate_is_120_a_minute(monkeypatch):
    monkeypatch.delenv("DJANGO_API_THROTTLE_ANON", raising=False)
    assert env_rate("DJANGO_API_THROTTLE_ANON", "120/min") == "120/min"
    monkeypatch.setenv("DJANGO_API_THROTTLE_ANON", "30/hour")
    assert env_rate("DJANGO_API_THROTTLE_ANON", "120/min") == "30/hour"


@pytest.mark.django_db
def test_past_the_limit_the_api_answers_429_with_retry_after(client):
    with override_settings(REST_FRAMEWORK=_rate("3/min")):
        statuses = [client.get("/api/v1/regimes/").status_code for _ in range(3)]
        refused = client.get("/api/v1/regimes/", {"format": "csv"})
        other_client = client.get("/api/v1/regimes/", REMOTE_ADDR="192.0.2.7")
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["Content-Type"] == "application/json"
    assert "detail" in refused.json()
    assert other_client.status_code == 200  # counted per client


@pytest.mark.django_db
def test_pages_of_the_site_are_not_throttled(client):
    with override_settings(REST_FRAMEWORK=_rate("1/min")):
        assert [client.get("/sources/").status_code for _ in range(3)] == [200, 200, 200]
