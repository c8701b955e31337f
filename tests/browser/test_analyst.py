"""The analysts' pages in Chromium, on the shipped reference dataset: follow a footnote to its
source, move the MTCR's as-of date, search by an alias; and screenshots of every page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from missiles.models import MissileSystem, Transfer
from regime.models import Participation, Status
from states.models import State
from tests.factories import (
    ParticipationFactory,
    RegimeFactory,
    SourceFactory,
    StateFactory,
    SystemFactory,
    TransferFactory,
    cite,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def ensure_korea():
    """North Korea with a cited Nodong (alias Rodong) sent to Iran, from the reference data or,
    where it lacks them, from factories."""
    prk = StateFactory(code="PRK", name="North Korea")
    irn = StateFactory(code="IRN", name="Iran")
    nodong = MissileSystem.objects.search("Rodong").first()
    if nodong is None:
        nodong = SystemFactory(state=prk, name="Nodong", aliases="Rodong;Nodong-1", range_km=1300)
        cite(nodong, SourceFactory(key="mistry2003", title="Beyond the MTCR"), "p. 121")
    if not Transfer.objects.filter(supplier=prk, recipient=irn).exists():
        cite(
            TransferFactory(supplier=prk, recipient=irn, system=nodong, year_from=1993), SourceFactory(key="mistry2003")
        )
    if not prk.citations.exists():
        cite(prk, SourceFactory(key="mistry2003"))
    return prk, nodong


def ensure_mtcr_history():
    """MTCR partners whose number differs between 1 January 1997 and today."""
    mtcr = RegimeFactory(code="MTCR", name="Missile Technology Control Regime")
    partners = Participation.objects.filter(regime=mtcr, status=Status.PARTNER)
    if partners.active_on(datetime.date(1997, 1, 1)).count() == partners.active_on().count():
        ParticipationFactory(state=StateFactory(code="XAA"), regime=mtcr, start=datetime.date(1987, 4, 16))
        ParticipationFactory(state=StateFactory(code="XAB"), regime=mtcr, start=datetime.date(2016, 6, 27))
    return mtcr


def charts_drawn(page):
    expect(page.locator("html")).to_have_class(re.compile(r"\bcharts\b"))


def test_state_profile_footnote_leads_to_its_source(live_server, page, reference_data):
    ensure_korea()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/states/PRK/")
    expect(page.locator("h1")).to_contain_text("North Korea")
    first = page.locator("sup.fn a").first
    number = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(rf"#fn-{number}$"))
    footnote = page.locator(f"li#fn-{number}")
    expect(footnote).to_be_visible()
    source_link = footnote.locator("a").first
    href = source_link.get_attribute("href")
    assert re.fullmatch(r"/sources/[a-z0-9][a-z0-9._-]*/", href)
    source_link.click()
    expect(page).to_have_url(live_server.url + href)
    expect(page.locator("h2#citing")).to_have_text("Records citing this source")
    # The source page leads back to a record it supports.
    expect(page.locator("ul.citing a").first).to_be_visible()


def test_mtcr_as_of_date_changes_the_partner_count(live_server, page, reference_data):
    ensure_mtcr_history()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/regimes/MTCR/")

    def partners_on(day):
        page.fill("#id_as_of", day)
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(rf"as_of={day}"))
        return int(page.locator(".member-count").inner_text())

    in_1997 = partners_on("1997-01-01")
    expect(page.locator(".as-of-summary")).to_contain_text("1 January 1997")
    today = partners_on(datetime.date.today().isoformat())
    expected = Participation.objects.filter(regime="MTCR", status=Status.PARTNER)
    assert in_1997 == expected.active_on(datetime.date(1997, 1, 1)).count()
    assert today == expected.active_on().count()
    assert in_1997 < today
    # A date that is not a date answers with the form's error, not a failure.
    page.goto(live_server.url + "/regimes/MTCR/?as_of=1997-02-30")
    expect(page.locator(".errors")).to_contain_text("Enter a date")


def test_search_rodong_finds_the_nodong(live_server, page, reference_data):
    _, nodong = ensure_korea()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.fill("#home-search-q", "Rodong")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Rodong"))
    systems = page.locator("section.search-group", has=page.locator("h2#missile-systems"))
    expect(systems.get_by_role("link", name=nodong.name, exact=True)).to_be_visible()
    systems.get_by_role("link", name=nodong.name, exact=True).click()
    expect(page).to_have_url(live_server.url + nodong.get_absolute_url())


def test_screenshots_of_the_analyst_pages(live_server, page, screenshot, reference_data):
    ensure_korea()
    ensure_mtcr_history()
    codes = [code for code in ("PRK", "IRN", "PAK") if State.objects.filter(code=code).exists()]
    source = "mistry2003" if State.objects.exists() else ""
    page.set_viewport_size(DESKTOP)
    shots = [
        ("analyst-home", "/", True),
        ("analyst-states", "/states/", False),
        ("analyst-state-profile", "/states/PRK/", True),
        ("analyst-regime", "/regimes/MTCR/?as_of=1997-01-01", True),
        ("analyst-regimes", "/regimes/", False),
        ("analyst-outside", "/regimes/outside/", False),
        ("analyst-compare", "/compare/?" + "&".join(f"states={code}" for code in codes), False),
        ("analyst-search", "/search/?q=Rodong", False),
        ("analyst-sources", "/sources/", False),
        ("analyst-source", f"/sources/{source}/", False),
    ]
    for name, path, has_chart in shots:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if has_chart:
            charts_drawn(page)
        screenshot(name)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/states/PRK/")
    charts_drawn(page)
    # Nothing wider than the screen but the scrolling tables themselves.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot("analyst-state-profile-375")
