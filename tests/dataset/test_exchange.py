"""The CSV dataset interface: round trips, idempotence, and every malformed input."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from dataset.exchange import DatasetInvalid, clear_dataset, export_dataset, import_dataset, read_directory
from dataset.synthetic import generate
from dataset.tables import TABLES
from missiles.models import Transfer
from regime.models import Participation
from states.models import State


def _snapshot_counts():
    return {table.file: table.model.objects.count() for table in TABLES}


def _export_bytes(directory):
    export_dataset(directory)
    return {table.file: (directory / table.file).read_bytes() for table in TABLES}


@pytest.mark.django_db
def test_reference_dataset_round_trips_byte_for_byte(tmp_path):
    report = import_dataset(read_directory(settings.DATASET_DIR))
    assert report.ok
    first = _export_bytes(tmp_path / "first")
    clear_dataset()
    assert State.objects.count() == 0
    import_dataset(read_directory(tmp_path / "first"))
    assert _export_bytes(tmp_path / "second") == first
    # The shipped fixtures are exactly what export writes.
    for table in TABLES:
        shipped = settings.DATASET_DIR / table.file
        if shipped.exists():
            assert shipped.read_bytes() == first[table.file], table.file


@pytest.mark.django_db
def test_synthetic_dataset_round_trips_byte_for_byte(tmp_path):
    generate(states=12, systems=30, flight_tests=40, transfers=300, seed=7)
    first = _export_bytes(tmp_path / "first")
    clear_dataset()
    import_dataset(read_directory(tmp_path / "first"))
    assert Transfer.objects.count() == 300
    assert _export_bytes(tmp_path / "second") == first


@pytest.mark.django_db
def test_second_import_changes_nothing(tmp_path):
    generate(states=5, systems=10, flight_tests=10, transfers=50, seed=3)
    export_dataset(tmp_path)
    report = import_dataset(read_directory(tmp_path))
    assert report.changed == 0
    assert sum(report.unchanged.values()) == sum(_snapshot_counts().values())


@pytest.mark.django_db
def test_dry_run_checks_and_counts_but_writes_nothing():
    report = import_dataset(read_directory(settings.DATASET_DIR), dry_run=True)
    assert report.created["states.csv"] > 200
    assert State.objects.count() == 0


def _write(tmp_path, files):
    for name, content in files.items():
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    return read_directory(tmp_path)


SOURCES = "key,title,author,publisher,year,url\nsrc,A source,,,2003,\n"
STATES = (
    "code,name,region,existed_from,existed_to,successor,sources,note\n"
    "PRK,North Korea,Eastern Asia,,,,src,\n"
    "IRN,Iran,Southern Asia,,,,src,\n"
)
REGIMES = (
    "code,name,kind,established,legally_binding,sources,note\n"
    "MTCR,Missile Technology Control Regime,export_control_regime,1987-04-16,false,src,\n"
)
TRANSFER_HEADER = (
    "supplier,recipient,system,kind,annex_item,description,quantity,quantity_estimated,year_from,year_to,status,"
    "confidence,sources,note\n"
)
GOOD_TRANSFER = "PRK,IRN,,complete_missiles,1,Scud-B missiles,400,true,1987,1992,delivered,reported,src:p. 121,\n"
PARTICIPATION_HEADER = "state,regime,status,start,end,sources,note\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"states.csv": STATES.replace("PRK,North Korea", "XYZ9,Nowhere")}, "states.csv:2: code: Use a three-letter"),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("PRK,IRN", "QQQ,IRN")},
            "transfers.csv:2: supplier: unknown state 'QQQ'",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("PRK,IRN", "PRK,PRK")},
            "transfers.csv:2: The supplier and the recipient must be different states.",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("1987,1992", "1992,1987")},
            "transfers.csv:2: The last year cannot be before the first year.",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("1987,1992", "198x,")},
            "transfers.csv:2: year_from: '198x' is not a whole number",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("reported", "rumoured")},
            "transfers.csv:2: confidence: 'rumoured' is not one of confirmed, reported, suspected",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("src:p. 121", "")},
            "transfers.csv:2: sources: a published record must cite at least one source",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace("src:p. 121", "nosuch")},
            "transfers.csv:2: sources: unknown source key nosuch",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER + GOOD_TRANSFER},
            "transfers.csv:3: duplicate row: same supplier, recipient, system, kind, description, year_from as line 2",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER.replace(",confidence", "") + GOOD_TRANSFER.replace("reported,", "")},
            "transfers.csv:1: missing column: confidence",
        ),
        (
            {"transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER.replace(",src", ",src,extra")},
            "transfers.csv:2: has 15 cells but the header has 14",
        ),
        (
            {"participations.csv": PARTICIPATION_HEADER + "PRK,MTCR,partner,1998-3,,src,\n"},
            "participations.csv:2: start: '1998-3' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            {"participations.csv": PARTICIPATION_HEADER + "PRK,MTCR,partner,1998-02-30,,src,\n"},
            "participations.csv:2: start: '1998-02-30' is not a real date",
        ),
        (
            {"participations.csv": PARTICIPATION_HEADER + "PRK,MTCR,partner,1998,1990,src,\n"},
            "participations.csv:2: A participation must end after it starts.",
        ),
        (
            {"participations.csv": PARTICIPATION_HEADER + "PRK,MTCR,partner,1990,,src,\nPRK,MTCR,partner,1995,,src,\n"},
            "participations.csv:3:",
        ),
        (
            {
                "transfers.csv": TRANSFER_HEADER.encode() + b"PRK,IRN,,complete_missiles,1,Scud \xff,400,true,1987,,"
                b"delivered,reported,src,\n"
            },
            "transfers.csv:2: is not UTF-8 text",
        ),
        ({"transfers.csv": ""}, "transfers.csv:1: is empty: a header row is required"),
    ],
)
def test_malformed_input_is_reported_as_file_line_and_nothing_is_written(tmp_path, files, message):
    base = {"sources.csv": SOURCES, "states.csv": STATES, "regimes.csv": REGIMES}
    content = _write(tmp_path, base | files)
    with pytest.raises(DatasetInvalid) as invalid:
        import_dataset(content)
    assert any(error.startswith(message) for error in invalid.value.report.errors), invalid.value.report.errors
    assert _snapshot_counts() == {table.file: 0 for table in TABLES}


@pytest.mark.django_db
def test_every_bad_row_is_reported_not_only_the_first(tmp_path):
    bad = GOOD_TRANSFER.replace("PRK,IRN", "PRK,PRK")
    content = _write(
        tmp_path,
        {
            "sources.csv": SOURCES,
            "states.csv": STATES,
            "transfers.csv": TRANSFER_HEADER
            + bad
            + GOOD_TRANSFER.replace("1987", "1990")
            + bad.replace("1987", "1991"),
        },
    )
    with pytest.raises(DatasetInvalid) as invalid:
        import_dataset(content)
    assert [error.split(":")[1] for error in invalid.value.report.errors] == ["2", "4"]
    assert Transfer.objects.count() == 0 and State.objects.count() == 0


@pytest.mark.django_db
def test_a_good_import_keeps_partial_dates_and_estimates(tmp_path):
    content = _write(
        tmp_path,
        {
            "sources.csv": SOURCES,
            "states.csv": STATES,
            "regimes.csv": REGIMES,
            "participations.csv": PARTICIPATION_HEADER + "IRN,MTCR,applicant,1998-03,,src,\n",
            "transfers.csv": TRANSFER_HEADER + GOOD_TRANSFER,
        },
    )
    import_dataset(content)
    transfer = Transfer.objects.get()
    assert transfer.quantity_display == "~400"
    assert [str(c) for c in transfer.citations.all()] == ["src: p. 121"]
    assert str(Participation.objects.get().start_partial) == "March 1998"


@pytest.mark.django_db
def test_import_command_reports_errors_and_fails(tmp_path, capsys):
    shutil.copy(settings.DATASET_DIR / "sources.csv", tmp_path / "sources.csv")
    (tmp_path / "states.csv").write_text(STATES.replace("PRK,North", "PRK,,North"))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_dataset", str(tmp_path))
    assert "states.csv:2: has 9 cells but the header has 8" in capsys.readouterr().err


@pytest.mark.django_db
def test_import_command_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        call_command("import_dataset", str(tmp_path / "missing"))


@pytest.mark.django_db
def test_unknown_file_is_refused():
    with pytest.raises(DatasetInvalid, match="notes.csv:1: not a dataset file"):
        import_dataset({"notes.csv": b"anything\n", "sources.csv": SOURCES.encode()})
    assert _snapshot_counts()["sources.csv"] == 0
