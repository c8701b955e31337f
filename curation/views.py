"""Bulk import in the admin: upload CSVs or a ZIP of them, preview every row's problems,
then apply all or nothing. One implementation: dataset.exchange.import_dataset."""

import io
import secrets
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from curation.permissions import IMPORT
from dataset.exchange import DatasetInvalid, import_dataset
from dataset.tables import TABLES_BY_FILE

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
STAGING = Path(settings.BASE_DIR) / "var" / "imports"


class UploadRejected(Exception):
    pass


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.zip,text/csv,application/zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        return [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Dataset files",
        help_text=f"CSV files named as in the dataset ({', '.join(TABLES_BY_FILE)}) or one ZIP of them; "
        f"at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB in all.",
    )


def read_upload(uploaded_files):
    """{dataset file name: bytes} from uploaded CSVs or ZIPs; UploadRejected with a clear reason."""
    if sum(upload.size for upload in uploaded_files) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"The upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    files = {}
    for upload in uploaded_files:
        content = upload.read()
        name = Path(upload.name).name
        if name.lower().endswith(".zip") or content[:4] == b"PK\x03\x04":
            files.update(_read_zip(name, content))
        elif name in TABLES_BY_FILE:
            files[name] = _text(name, content)
        else:
            raise UploadRejected(f"{name}: not a dataset file; expected a ZIP or one of {', '.join(TABLES_BY_FILE)}.")
    if not files:
        raise UploadRejected("The upload holds none of the dataset files.")
    return files


def _read_zip(name, content):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise UploadRejected(f"{name}: not a readable ZIP archive.") from None
    members = [member for member in archive.infolist() if not member.is_dir()]
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise UploadRejected(f"{name}: unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB.")
    files = {}
    for member in members:
        inner = Path(member.filename).name
        if inner.startswith(".") or member.filename.startswith("__MACOSX"):
            continue
        if inner not in TABLES_BY_FILE:
            raise UploadRejected(f"{name}: {member.filename} is not a dataset file.")
        files[inner] = _text(f"{name}/{member.filename}", archive.read(member))
    return files


def _text(name, content):
    if b"\x00" in content[:8192]:
        raise UploadRejected(f"{name}: binary content, not a CSV text file.")
    return content


def _stage(files):
    STAGING.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(16)
    with zipfile.ZipFile(STAGING / f"{token}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return token


def _staged(token):
    path = STAGING / f"{token}.zip"
    if not token or not token.replace("-", "").replace("_", "").isalnum() or not path.exists():
        return None, path
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}, path


def import_view(request):
    if not request.user.has_perm(IMPORT):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": "Import dataset files"}
    if request.method == "POST" and "apply" in request.POST:
        token = request.POST.get("token", "")
        if token != request.session.get("import_token"):
            messages.error(request, "That preview has expired; upload the files again.")
            return redirect("curation_import")
        files, path = _staged(token)
        if files is None:
            messages.error(request, "That preview has expired; upload the files again.")
            return redirect("curation_import")
        try:
            report = import_dataset(files, change_reason=f"Bulk import by {request.user}")
        except DatasetInvalid as invalid:
            return render(request, "curation/import.html", {**context, "form": UploadForm(), "report": invalid.report})
        path.unlink(missing_ok=True)
        request.session.pop("import_token", None)
        messages.success(request, f"Imported: {report.summary()}")
        return redirect("curation_import")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files = read_upload(form.cleaned_data["files"])
        except UploadRejected as rejected:
            form.add_error("files", str(rejected))
        else:
            try:
                report = import_dataset(files, dry_run=True)
            except DatasetInvalid as invalid:
                report = invalid.report
            token = _stage(files) if report.ok else None
            request.session["import_token"] = token
            context.update(report=report, token=token, file_names=sorted(files))
    return render(request, "curation/import.html", {**context, "form": form})
