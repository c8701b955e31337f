import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django must allow its ORM beside it in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
# CI sets this so that a missing browser fails the run instead of skipping the browser tests.
BROWSER_REQUIRED = os.environ.get("CONTAINMENT_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if BROWSER_REQUIRED:
        raise pytest.UsageError(f"Browser tests are required but {CHROMIUM} is missing (apt-get install chromium).")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed: browser tests skipped (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    if not os.path.exists(CHROMIUM):
        return f"NOTE: {CHROMIUM} not found: the browser tests will be SKIPPED."
    return f"browser tests: {CHROMIUM}"


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Transactional tests flush the database and content types come back with new ids:
    never let a cached id from an earlier test leak into the next."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under var/screenshots/ (look at them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def reference_data(db):
    """The shipped reference dataset (fixtures/reference), imported as `make run` does."""
    from django.conf import settings

    from dataset.exchange import import_dataset, read_directory

    return import_dataset(read_directory(settings.DATASET_DIR))


@pytest.fixture(scope="module")
def reference_dataset(django_db_setup, django_db_blocker):
    """The shipped dataset, imported once for a module of read-only tests (which also use ``db``)
    and deleted after it. Not for transactional or browser tests: use ``reference_data`` there."""
    from django.conf import settings

    from dataset.exchange import clear_dataset, import_dataset, read_directory

    with django_db_blocker.unblock():
        report = import_dataset(read_directory(settings.DATASET_DIR))
    yield report
    with django_db_blocker.unblock():
        clear_dataset()


@pytest.fixture
def synthetic(db):
    """A synthetic dataset at a size the test chooses: synthetic(transfers=10_000)."""
    from dataset.synthetic import generate

    def make(**sizes):
        return generate(**sizes)

    return make


@pytest.fixture
def mtcr(db):
    from tests.factories import RegimeFactory

    return RegimeFactory(code="MTCR")


@pytest.fixture
def hcoc(db):
    from regime.models import RegimeKind
    from tests.factories import RegimeFactory

    return RegimeFactory(code="HCOC", kind=RegimeKind.CODE_OF_CONDUCT)
