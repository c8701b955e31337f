"""The researchers' tools in Chromium, on the shipped reference data: filter the transfer
register, export exactly what was filtered, pivot it, browse the catalogue."""

import csv
import re

import pytest

from missiles.models import Confidence, Transfer
from states.models import State
from tests.factories import SourceFactory, TransferFactory, cite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def korea_to_iran(reference_data):
    """North Korea's transfers to Iran as the reference data records them (or, should a
    future dataset lack them, two made here so the test still checks the register)."""
    transfers = Transfer.objects.filter(supplier="PRK", recipient="IRN")
    if not transfers.exists():
        prk = State.objects.get_or_create(code="PRK", defaults={"name": "North Korea"})[0]
        irn = State.objects.get_or_create(code="IRN", defaults={"name": "Iran"})[0]
        for year in (1987, 1993):
            cite(
                TransferFactory(supplier=prk, recipient=irn, year_from=year, confidence=Confidence.REPORTED),
                SourceFactory(key="browser-test"),
            )
    return transfers


def apply_filters(page):
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()


def test_register_filtered_by_north_korea_shows_iran_and_exports_the_same_rows(
    live_server, page, screenshot, korea_to_iran
):
    page.goto(f"{live_server.url}/missiles/transfers/")
    assert page.locator("h1").inner_text() == "Transfer register"
    page.get_by_label("Supplier", exact=True).select_option("PRK")
    apply_filters(page)
    assert "supplier=PRK" in page.url

    count = int(page.locator(".result-count strong").inner_text().replace(",", ""))
    assert count == Transfer.objects.filter(supplier="PRK").count()
    rows = page.locator("table.register tbody tr")
    suppliers = rows.locator("td:nth-child(2)").all_inner_texts()
    recipients = rows.locator("td:nth-child(3)").all_inner_texts()
    assert set(suppliers) == {"North Korea"}
    assert "Iran" in recipients
    screenshot("register-transfers")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "containment-transfers.csv"
    with open(download.path(), encoding="utf-8", newline="") as exported:
        exported_rows = list(csv.DictReader(exported))
    assert len(exported_rows) == count
    assert {row["supplier"] for row in exported_rows} == {"PRK"}
    assert sum(row["recipient"] == "IRN" for row in exported_rows) == korea_to_iran.count()
    assert all(row["sources"] for row in exported_rows)  # reference data: every row cites a source
    assert {row["supplier_mtcr"] for row in exported_rows} <= {"none", "uncertain", "partner", "unilateral_adherent"}

    # A sort link in a column header keeps the supplier filter.
    page.get_by_role("link", name="Quantity").click()
    page.wait_for_load_state()
    assert "supplier=PRK" in page.url and "ordering=quantity" in page.url
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Quantity")


def test_matrix_catalogue_and_system_page(live_server, page, screenshot, korea_to_iran):
    page.goto(f"{live_server.url}/missiles/transfers/matrix/")
    assert page.locator("h1").inner_text() == "Supplier × recipient matrix"
    cell = page.get_by_role("link", name=re.compile(r"^\d+ from North Korea to Iran$"))
    expected = korea_to_iran.count()
    assert cell.inner_text() == str(expected)
    screenshot("register-matrix")
    cell.click()
    page.wait_for_load_state()
    assert "supplier=PRK" in page.url and "recipient=IRN" in page.url
    assert page.locator(".result-count strong").inner_text() == str(expected)

    page.goto(f"{live_server.url}/missiles/systems/")
    assert page.locator("h1").inner_text() == "Missile catalogue"
    screenshot("register-catalogue")
    page.get_by_label("Name or alias").fill("Rodong")
    apply_filters(page)
    page.get_by_role("link", name="Nodong", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Nodong")
    lineage = page.locator("ol.lineage").inner_text()
    assert "Scud-B" in lineage and lineage.index("Scud-B") < lineage.index("Nodong")
    assert page.get_by_role("heading", name="Flight tests").is_visible()
    assert page.locator("section.citations li").count() >= 1
    screenshot("register-system")


def test_register_fits_a_phone(live_server, page, screenshot, korea_to_iran):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/missiles/transfers/?supplier=PRK")
    # The page itself never scrolls sideways; only the table scrolls inside its wrapper.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.get_by_role("link", name="Download CSV").is_visible()
    assert page.get_by_role("button", name="Apply filters").is_visible()
    screenshot("register-transfers-375")
