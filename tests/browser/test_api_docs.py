"""The API's pages in Chromium: the interactive docs load from our own static files under the
Content Security Policy (no inline script, no CDN) and render every operation; the API page
is readable."""

import pytest
from django.core.cache import cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()


def test_api_docs_render_every_operation_under_the_csp(live_server, page, screenshot):
    problems, requests = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock-summary-path").first.wait_for(timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert len(paths) == 18
    assert "/api/v1/transfers/" in [path.replace("\u200b", "") for path in paths]
    assert not [problem for problem in problems if "Content Security Policy" in problem or "Refused" in problem]
    assert not problems, problems
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests
    page.locator(".opblock-summary-path", has_text="/api/v1/participations/").first.click()
    page.get_by_text("as_of").first.wait_for()
    screenshot("api-docs")


def test_api_page_and_twin_links(live_server, page, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API").click()
    assert page.locator("h1").inner_text() == "API"
    screenshot("api-page")
    page.goto(live_server.url + "/missiles/systems/?kind=ballistic")
    json_link = page.get_by_role("link", name="JSON", exact=True)
    assert "kind=ballistic" in json_link.get_attribute("href")
    screenshot("api-twins-systems")
