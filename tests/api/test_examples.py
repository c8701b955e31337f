"""The README's API examples (the same as the API page's, from api/examples.py) run against a
live server holding the reference dataset: curl, requests, and pandas.read_csv on a CSV twin."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache

from api import examples

README = Path(__file__).resolve().parents[2] / "README.md"


def _block(language):
    blocks = re.findall(rf"```{language}\n(.*?)```", README.read_text(), flags=re.S)
    return next(block for block in blocks if examples.BASE_URL in block)


def test_readme_shows_the_examples_the_tests_run():
    assert _block("python") == examples.PYTHON
    assert _block("sh") == examples.CURL


@pytest.mark.django_db(transaction=True)
def test_readme_examples_run_against_the_api(live_server, reference_data, capsys):
    cache.clear()
    base = f"{live_server.url}/api/v1"
    namespace = {}
    exec(_block("python").replace(examples.BASE_URL, base), namespace)  # noqa: S102 - our own README
    partners = dict(namespace["partners"])
    assert partners["Canada"] is False and "North Korea" not in partners
    assert len(partners) >= 25  # the MTCR had about 29 partners then
    transfers, frame = namespace["transfers"], namespace["frame"]
    assert transfers and all(transfer["supplier"]["code"] == "PRK" for transfer in transfers)
    # The CSV twin holds the rows the JSON pages hold.
    assert sorted(frame["id"]) == sorted(transfer["id"] for transfer in transfers)
    assert set(frame["supplier.code"]) == {"PRK"}
    assert "Iran" in capsys.readouterr().out

    if not shutil.which("curl"):
        pytest.skip("curl is not installed")
    commands = [line for line in _block("sh").splitlines() if line.startswith("curl ")]
    assert len(commands) == 3
    state = subprocess.run(
        ["curl", "-sf", f"{base}/states/PRK/?as_of=2003-01-01"], capture_output=True, text=True, check=True
    )
    assert '"standing":"none"' in state.stdout and '"code":"MTCR"' in state.stdout
    as_csv = subprocess.run(
        ["curl", "-sf", f"{base}/transfers/?recipient=IRN&supplier_mtcr=none&format=csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert as_csv.stdout.startswith("id,supplier.code,") and "IRN" in as_csv.stdout
    negotiated = subprocess.run(
        ["curl", "-sf", "-H", "Accept: text/csv", f"{base}/systems/?range_class=mrbm"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert negotiated.stdout.startswith("id,name,aliases,") and "mrbm" in negotiated.stdout


@pytest.mark.django_db
def test_api_page_lists_endpoints_and_examples(client):
    page = client.get("/api/v1/")
    assert page.status_code == 200
    html = page.content.decode()
    for endpoint in (
        "states",
        "regimes",
        "participations",
        "regime-totals",
        "programs",
        "systems",
        "flight-tests",
        "transfers",
        "sources",
    ):
        assert f'href="/api/v1/{endpoint}/"' in html
    assert 'href="/api/v1/docs/"' in html and 'href="/api/v1/schema/"' in html
    assert "pd.read_csv" in html and "curl -H" in html
    assert "120/min" in html
    home = client.get("/")
    assert 'href="/api/v1/">API</a>' in home.content.decode()
