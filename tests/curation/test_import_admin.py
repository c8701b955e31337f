"""Bulk import in the admin: preview with per-row errors, all or nothing, size and kind limits."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from curation import views
from missiles.models import Transfer
from states.models import State

SOURCES = b"key,title,author,publisher,year,url\nsrc,A source,,,2003,\n"
STATES = (
    b"code,name,region,existed_from,existed_to,successor,sources,note\n"
    b"PRK,North Korea,Eastern Asia,,,,src,\nIRN,Iran,Southern Asia,,,,src,\n"
)
HEADER = (
    b"supplier,recipient,system,kind,annex_item,description,quantity,quantity_estimated,year_from,year_to,status,"
    b"confidence,sources,note\n"
)


def _transfers(count, bad_line=None):
    rows = []
    for n in range(count):
        supplier = b"PRK" if n + 2 != bad_line else b"XXX"
        rows.append(supplier + b",IRN,,components,,Batch %d,,false,1990,,delivered,reported,src,\n" % n)
    return HEADER + b"".join(rows)


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _upload(client, *files):
    return client.post("/admin/import/", {"files": list(files)})


@pytest.mark.django_db
def test_one_bad_row_among_a_thousand_changes_nothing_and_is_reported(client, curator):
    client.force_login(curator)
    archive = _zip({"sources.csv": SOURCES, "states.csv": STATES, "transfers.csv": _transfers(1000, bad_line=640)})
    response = _upload(client, SimpleUploadedFile("dataset.zip", archive, "application/zip"))
    text = response.content.decode()
    assert "transfers.csv:640: supplier: unknown state &#x27;XXX&#x27;" in text
    assert "1 problem found" in text and 'name="apply"' not in text
    assert Transfer.objects.count() == 0 and State.objects.count() == 0


@pytest.mark.django_db
def test_preview_then_apply_imports_everything(client, curator):
    client.force_login(curator)
    files = [
        SimpleUploadedFile("sources.csv", SOURCES, "text/csv"),
        SimpleUploadedFile("states.csv", STATES, "text/csv"),
        SimpleUploadedFile("transfers.csv", _transfers(3), "text/csv"),
    ]
    preview = _upload(client, *files)
    assert preview.context["report"].ok and Transfer.objects.count() == 0
    token = preview.context["token"]
    done = client.post("/admin/import/", {"apply": "1", "token": token}, follow=True)
    assert "Imported" in done.content.decode()
    assert Transfer.objects.count() == 3
    assert Transfer.objects.first().history.first().history_change_reason == f"Bulk import by {curator}"


@pytest.mark.django_db
def test_apply_with_a_forged_token_does_nothing(client, curator):
    client.force_login(curator)
    response = client.post("/admin/import/", {"apply": "1", "token": "../../etc/passwd"}, follow=True)
    assert "expired" in response.content.decode()


@pytest.mark.django_db
def test_oversized_upload_is_refused(client, curator, monkeypatch):
    client.force_login(curator)
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 1000)
    response = _upload(client, SimpleUploadedFile("transfers.csv", _transfers(100), "text/csv"))
    assert "The upload is larger than" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("transfers.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content, not a CSV text file"),
        ("picture.png", b"\x89PNG\r\n", "not a dataset file"),
        ("dataset.zip", b"PK\x03\x04 not really a zip", "not a readable ZIP archive"),
        ("dataset.zip", None, "evil.exe is not a dataset file"),
    ],
)
def test_non_csv_upload_is_refused_with_a_clear_message(client, curator, name, content, message):
    client.force_login(curator)
    if content is None:
        content = _zip({"evil.exe": b"MZ\x00\x00"})
    response = _upload(client, SimpleUploadedFile(name, content))
    assert message in response.content.decode()
    assert State.objects.count() == 0
