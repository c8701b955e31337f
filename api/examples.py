"""The API's examples, shown on the API page and in the README, and run by the tests
(tests/api/test_examples.py) against a live server with the reference dataset."""

BASE_URL = "http://localhost:8000/api/v1"

CURL = f"""\
# North Korea's standing in every regime on 1 January 2003
curl "{BASE_URL}/states/PRK/?as_of=2003-01-01"

# Transfers to Iran by suppliers outside the MTCR at the time, as CSV
curl -o transfers.csv "{BASE_URL}/transfers/?recipient=IRN&supplier_mtcr=none&format=csv"

# Medium-range systems, CSV by content negotiation
curl -H "Accept: text/csv" "{BASE_URL}/systems/?range_class=mrbm"
"""

PYTHON = f"""\
import pandas as pd
import requests

BASE = "{BASE_URL}"

# Who was in the MTCR on 1 January 1997 (uncertain: a partial date leaves it open)?
response = requests.get(f"{{BASE}}/participations/", params={{"regime": "MTCR", "as_of": "1997-01-01"}}, timeout=30)
response.raise_for_status()
partners = [(p["state"]["name"], p["uncertain"]) for p in response.json()["results"]]

# Every transfer North Korea supplied: follow the cursor from page to page.
transfers, url = [], f"{{BASE}}/transfers/?supplier=PRK&page_size=100"
while url:
    page = requests.get(url, timeout=30).json()
    transfers += page["results"]
    url = page["next"]

# The same filters as CSV, straight into pandas (every row, no paging).
frame = pd.read_csv(f"{{BASE}}/transfers/?supplier=PRK&format=csv")
print(frame.groupby("recipient.name").size().sort_values(ascending=False))
"""
