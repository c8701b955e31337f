"""Schemathesis over the whole OpenAPI schema, against the WSGI app: for every operation,
generated requests (valid and invalid parameters) never give a 5xx, and every response's
status code, content type and body are those the schema declares. Bounded: a few
examples per operation, so the run takes well under a minute."""

import collections
import time

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.api.rows import grow

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Examples run per operation ("GET /api/v1/states/"), reported at the end of the run.
EXAMPLES_RUN = collections.Counter()


@pytest.fixture
def api_schema(db):
    """The schema as the app serves it, over a few rows of every kind."""
    # Django's test client keeps the test's database connection open across requests; the
    # WSGI app would close it at the end of each request (PostgreSQL: mid-test). Do as the client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        grow(5)
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _run(operation, mode, failures):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        cache.clear()  # the throttle's counts: this test sends more than a client may
        EXAMPLES_RUN[operation.label] += 1
        try:
            case.call_and_validate(checks=CHECKS)
        except (AssertionError, Exception, BaseExceptionGroup) as failure:  # collected and reported below
            failures.append(f"{operation.label} [{mode}] {case.as_curl_command()}: {failure}")

    run()


def test_api_conforms_to_its_schema(api_schema):
    # Schemathesis 4.32's pytest loader reads a node attribute pytest 9 removed (_nodeid), so
    # the operations are driven here with Hypothesis, as schemathesis.pytest would.
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    started = time.monotonic()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, failures)
    print(
        f"\nschemathesis: {len(operations)} operations, {sum(EXAMPLES_RUN.values())} examples, "
        f"{len(failures)} failures, {time.monotonic() - started:.1f} s"
    )
    assert len(operations) == 18
    assert not failures, "\n".join(failures[:20])


def test_schema_documents_every_operation_parameter_and_response(client, db):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    operations = [
        (path, method, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) == 18  # nine resources, each a list and a detail
    for path, method, operation in operations:
        assert method == "get"
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
        codes = set(operation["responses"])
        assert {"200", "404", "406", "429"} <= codes, path
        if path.endswith("/") and "{" not in path:
            assert "400" in codes, path
