"""Odd input in any filter or URL of the researchers' pages answers with the form's error
(200 showing it, or 400 for a CSV) or a 404, never a server error."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import FlightTestFactory, ProgramFactory, StateFactory, SystemFactory, TransferFactory, cite

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "abc",
    "2000x",
    "-1",
    "0",
    "19.5",
    "1e3",
    "99999999999999999999",
    "ZZZ",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "x" * 5000,
    "\x00",
    "PRK\x00",
    "%00",
    " ",
    "☢",
]

# Each list with every parameter its filters and pagination read.
LISTS = {
    "missiles:transfers": [
        "supplier",
        "recipient",
        "system",
        "kind",
        "year_from",
        "year_to",
        "status",
        "confidence",
        "supplier_mtcr",
        "recipient_hcoc",
        "ordering",
        "page",
    ],
    "missiles:transfers_csv": [
        "supplier",
        "recipient",
        "system",
        "year_from",
        "year_to",
        "supplier_mtcr",
        "recipient_hcoc",
        "ordering",
    ],
    "missiles:transfer_matrix": ["supplier", "recipient", "system", "year_from", "supplier_mtcr", "ordering"],
    "missiles:systems": [
        "q",
        "state",
        "kind",
        "range_class",
        "mtcr_category",
        "propellant",
        "status",
        "range_min",
        "range_max",
        "payload_min",
        "payload_max",
        "ordering",
        "page",
    ],
    "missiles:programs": ["name", "state", "outcome", "ordering", "page"],
    "missiles:flight_tests": [
        "state",
        "system",
        "year_from",
        "year_to",
        "outcome",
        "confirmation",
        "notified",
        "ordering",
        "page",
    ],
    "missiles:flight_tests_csv": ["state", "system", "year_from", "year_to", "notified", "ordering"],
}

ANSWERS = {200, 400, 404}


@pytest.fixture
def records(db):
    prk = StateFactory(code="PRK", name="North Korea")
    irn = StateFactory(code="IRN", name="Iran")
    system = SystemFactory(name="Nodong", state=prk)
    program = ProgramFactory(name="Nodong program")
    program.states.add(prk)
    transfer = TransferFactory(supplier=prk, recipient=irn, system=system, quantity=12, quantity_estimated=True)
    cite(transfer)
    FlightTestFactory(system=system, date=datetime.date(1993, 5, 29))
    return {"system": system, "program": program, "transfer": transfer}


@pytest.mark.parametrize("value", ODD_VALUES, ids=lambda value: repr(value[:12]))
@pytest.mark.parametrize("name", LISTS)
def test_lists_answer_odd_filter_values_without_server_error(client, records, name, value):
    url = reverse(name)
    for parameter in LISTS[name]:
        response = client.get(url, {parameter: value})
        assert response.status_code in ANSWERS, (parameter, value[:20], response.status_code)
        if response.status_code == 200 and not response.streaming:
            assert b"<script>alert(1)</script>" not in response.content  # echoed input is escaped


@pytest.mark.parametrize("name", LISTS)
def test_lists_answer_every_odd_value_at_once_without_server_error(client, records, name):
    response = client.get(reverse(name), dict.fromkeys(LISTS[name], ODD_VALUES))
    assert response.status_code in ANSWERS


@pytest.mark.parametrize(
    "name", ["missiles:transfers", "missiles:transfer_matrix", "missiles:flight_tests", "missiles:transfers_csv"]
)
def test_lists_year_from_after_year_to_is_the_forms_error(client, records, name):
    response = client.get(reverse(name), {"year_from": "2001", "year_to": "1999"})
    assert response.status_code == (400 if name.endswith("_csv") else 200)
    assert "must not be after" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "parameter"),
    [("missiles:transfers", "year_from"), ("missiles:systems", "range_min"), ("missiles:flight_tests", "year_to")],
)
def test_lists_letters_in_numbers_show_the_error(client, records, name, parameter):
    response = client.get(reverse(name), {parameter: "abc"})
    assert response.status_code == 200
    assert "Enter a whole number" in response.content.decode()


def test_register_unknown_state_code_shows_the_error(client, records):
    response = client.get(reverse("missiles:transfers"), {"recipient": "ZZZ"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("page", ["999999", "99999999999999999999", "0", "-1", "abc", "\x00"])
@pytest.mark.parametrize(
    "name", ["missiles:transfers", "missiles:systems", "missiles:programs", "missiles:flight_tests"]
)
def test_lists_out_of_range_pages_are_404(client, records, name, page):
    assert client.get(reverse(name), {"page": page}).status_code == 404


@pytest.mark.parametrize("name", ["missiles:transfers", "missiles:systems", "missiles:flight_tests"])
def test_lists_last_page_by_name(client, records, name):
    assert client.get(reverse(name), {"page": "last"}).status_code == 200


@pytest.mark.parametrize("name", ["missiles:transfer", "missiles:system", "missiles:program"])
@pytest.mark.parametrize("pk", [0, 999999, 99999999999999999999])
def test_detail_pages_unknown_or_huge_ids_are_404(client, records, name, pk):
    assert client.get(reverse(name, args=[pk])).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/missiles/transfers/abc/",
        "/missiles/transfers/-1/",
        "/missiles/systems/%00/",
        "/missiles/programs/1%20OR%201=1/",
        "/missiles/transfers/matrix/x/",
    ],
)
def test_odd_paths_are_404(client, records, path):
    assert client.get(path).status_code == 404


def test_detail_pages_ignore_query_strings(client, records):
    for record in records.values():
        response = client.get(record.get_absolute_url(), {"page": "\x00", "ordering": "x" * 5000})
        assert response.status_code == 200
