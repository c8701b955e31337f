"""The Measures pages in Chromium on the shipped reference dataset: each measure with its
defaults and with one parameter changed, its chart drawn, a screenshot of each."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

# (slug, a changed parameter as a query string)
CHANGED = [
    ("range-band", "as_of=2003-01-01"),
    ("flight-test-ban", "start=1998-01-01&min_range_km=1000&kinds=ballistic"),
    ("missile-free-zone", "regions=Southern+Asia&min_range_km=300"),
    ("space-service", "min_range_km=1000"),
    ("verification-gaps", "as_of=2003-01-01"),
    ("mtcr-cross-check", "first_year=1990&last_year=1999"),
]


def charts_drawn(page):
    expect(page.locator("html")).to_have_class(re.compile(r"\bcharts\b"))


def test_each_measure_with_its_defaults_and_a_changed_parameter(live_server, page, screenshot, reference_data):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Measures").click()
    expect(page.locator("h1")).to_have_text("Measures")
    expect(page.locator("td.headline")).to_have_count(6)
    screenshot("measures-index")
    for slug, changed in CHANGED:
        response = page.goto(f"{live_server.url}/measures/{slug}/")
        assert response.status == 200, slug
        charts_drawn(page)
        default_summary = page.locator("dl.counts").inner_text() if page.locator("dl.counts").count() else ""
        default_chart = page.locator("table.chart-table").text_content()
        screenshot(f"measures-{slug}")
        response = page.goto(f"{live_server.url}/measures/{slug}/?{changed}")
        assert response.status == 200, changed
        charts_drawn(page)
        changed_summary = page.locator("dl.counts").inner_text() if page.locator("dl.counts").count() else ""
        assert (changed_summary, page.locator("table.chart-table").text_content()) != (default_summary, default_chart)
        screenshot(f"measures-{slug}-changed")


def test_measure_form_submits_and_reports_a_bad_parameter(live_server, page, screenshot, reference_data):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/measures/range-band/")
    before = int(page.locator("dl.counts dd").first.inner_text())
    page.fill("#id_min_range_km", "1000")
    page.get_by_role("button", name="Run the measure").click()
    expect(page).to_have_url(re.compile(r"min_range_km=1000"))
    assert int(page.locator("dl.counts dd").first.inner_text()) < before
    response = page.goto(live_server.url + "/measures/range-band/?min_range_km=6000")
    assert response.status == 400
    expect(page.locator(".has-error .errors")).to_contain_text("The band must end above its start")
    screenshot("measures-range-band-error")
    # A zone of two states chosen in the multiple select, as a reader would.
    page.goto(live_server.url + "/measures/missile-free-zone/")
    page.select_option("#id_states", ["IRN", "ISR"])
    page.fill("#id_min_range_km", "1000")
    page.get_by_role("button", name="Run the measure").click()
    expect(page).to_have_url(re.compile(r"states=IRN&states=ISR"))
    expect(page.locator('[role="alert"]')).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Israel")
    screenshot("measures-missile-free-zone-two-states")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/measures/missile-free-zone/")
    charts_drawn(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot("measures-missile-free-zone-375")
