"""Property-based: arbitrary strings in every filter parameter of every list never give a 500."""

import pytest
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import StateFactory, SystemFactory, TransferFactory, cite

LISTS = [
    "/missiles/transfers/",
    "/missiles/transfers.csv",
    "/missiles/transfers/matrix/",
    "/missiles/systems/",
    "/missiles/programs/",
    "/missiles/flight-tests/",
    "/missiles/flight-tests.csv",
    "/states/",
    "/regimes/MTCR/",
    "/regimes/outside/",
    "/sources/",
]
EXTRA = {"/search/": ["q"], "/compare/": ["states"]}


def _parameters(url):
    view = resolve(url).func.view_class
    filterset = getattr(view, "filterset_class", None)
    names = list(filterset.base_filters) if filterset else []
    # Range filters take _min/_max or _after/_before suffixes; multiple-choice filters repeat.
    return [*names, *(f"{name}_{suffix}" for name in names for suffix in ("min", "max")), "page", "o", "as_of"]


PARAMETERS = [(url, name) for url in LISTS for name in _parameters(url)] + [
    (url, name) for url, names in EXTRA.items() for name in names
]
hostile = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["' OR 1=1 --", "<script>alert(1)</script>", "\x00", "9" * 40, "-1", "1e309", "PRK,IRN", "x" * 5000]
    ),
)


@pytest.fixture
def small_world(db):
    north_korea, iran = StateFactory(code="PRK", name="North Korea"), StateFactory(code="IRN", name="Iran")
    cite(TransferFactory(supplier=north_korea, recipient=iran, system=cite(SystemFactory(state=north_korea)).record))


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "name"), PARAMETERS)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile, repeat=st.booleans())
def test_arbitrary_filter_values_never_give_a_server_error(client, small_world, url, name, value, repeat):
    query = {name: [value, value] if repeat else value}
    response = client.get(url, query)
    assert response.status_code in (200, 400, 404), (url, name, value, response.status_code)
    if response.streaming:
        b"".join(response.streaming_content)
