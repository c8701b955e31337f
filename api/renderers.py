"""CSV, the JSON flattened: a related record {code, name, url} becomes the columns
``<field>.code``, ``<field>.name`` and ``<field>.url``; a list (the states of a program,
a record's sources) becomes one cell, its items separated by ';' (a source written
``key`` or ``key:locator``, as in the dataset's CSV files); null is an empty cell.

A list endpoint asked for CSV (``?format=csv`` or ``Accept: text/csv``) is not paged:
``stream_csv`` writes every row that matches the filters as the query is read, in
chunks, so a large export never sits in memory.
"""

import csv
import json

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from api.serializers import RecordRef

LIST_SEPARATOR = ";"
CHUNK_SIZE = 2000


def _token(item):
    if isinstance(item, dict):
        if "code" in item:
            return str(item["code"])
        if "key" in item:
            return f"{item['key']}:{item['locator']}" if item.get("locator") else item["key"]
        return json.dumps(item, ensure_ascii=False)
    return str(item)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_token(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_columns(serializer):
    for name, field in serializer.fields.items():
        if isinstance(field, RecordRef):
            yield from (f"{name}.{key}" for key in RecordRef.csv_keys)
        else:
            yield name


def csv_row(serializer, data):
    for name, field in serializer.fields.items():
        value = data.get(name)
        if isinstance(field, RecordRef):
            yield from ("" if value is None else _cell(value[key]) for key in RecordRef.csv_keys)
        else:
            yield _cell(value)


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value):
        return value


def _lines(serializer, records):
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(list(csv_columns(serializer)))
    for record in records:
        yield writer.writerow(list(csv_row(serializer, serializer.to_representation(record))))


def stream_csv(serializer, queryset, filename):
    """Every record of ``queryset`` as CSV, streamed; related rows are prefetched per chunk."""
    response = StreamingHttpResponse(
        _lines(serializer, queryset.iterator(chunk_size=CHUNK_SIZE)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CSVRenderer(BaseRenderer):
    """``text/csv``: lists are streamed by the views (``stream_csv``); this renders what is
    not streamed, a single record, as a header and one row."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        serializer = view.get_serializer() if view is not None and hasattr(view, "get_serializer") else None
        writer_lines = []
        writer = csv.writer(_Echo(), lineterminator="\n")
        if serializer is not None and isinstance(data, dict) and set(serializer.fields) <= set(data):
            writer_lines.append(writer.writerow(list(csv_columns(serializer))))
            writer_lines.append(writer.writerow(list(csv_row(serializer, data))))
        elif isinstance(data, dict):
            writer_lines.append(writer.writerow(list(data)))
            writer_lines.append(writer.writerow([_cell(value) for value in data.values()]))
        return "".join(writer_lines).encode(self.charset)
