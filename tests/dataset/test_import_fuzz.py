"""Arbitrary bytes and strings fed to the import parser: it answers with file:line errors, never crashes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataset.exchange import DatasetInvalid, import_dataset
from dataset.tables import TABLES
from missiles.models import Transfer

HEADERS = {table.file: ",".join(column.name for column in table.columns) for table in TABLES}
cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


def _row(values):
    return ",".join('"' + value.replace('"', '""') + '"' for value in values)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(sorted(HEADERS)), rows=st.lists(st.lists(cells, min_size=0, max_size=16), max_size=4))
def test_import_of_arbitrary_rows_reports_errors_and_writes_nothing(file, rows):
    content = (HEADERS[file] + "\n" + "\n".join(_row(row) for row in rows) + "\n").encode()
    try:
        import_dataset({file: content})
    except DatasetInvalid as invalid:
        assert all(error.startswith(f"{file}:") for error in invalid.report.errors)
    assert Transfer.objects.count() == 0


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400))
def test_import_of_arbitrary_bytes_never_crashes(content):
    try:
        import_dataset({"transfers.csv": content})
    except DatasetInvalid as invalid:
        assert invalid.report.errors
