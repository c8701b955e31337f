"""Export and import of the dataset as CSV files (DESIGN.md, "The dataset interface").

Import validates every row with the models' own rules (``full_clean``), reports
every problem as ``file:line: message``, writes nothing unless every row is good,
and changes nothing when a file is imported again.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from dataset.tables import TABLES, TABLES_BY_FILE, Reference, ReferenceList, Sources
from sources.models import Citation, Source

# ---------------------------------------------------------------- export


def export_rows(table):
    """The table's rows as lists of cells, in a stable order (by natural key)."""
    records = table.model.objects.select_related(*table.select).prefetch_related(*table.prefetch)
    if table.cited:
        records = records.prefetch_related("citations__source")
    rows = [[column.format(column.read(record)) for column in table.columns] for record in records.iterator(2000)]
    key_positions = [i for i, column in enumerate(table.columns) if column.name in table.key]
    rows.sort(key=lambda row: [row[i] for i in key_positions] + row)
    return rows


def write_csv(stream, table):
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows(export_rows(table))


def export_dataset(directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with open(directory / table.file, "w", encoding="utf-8", newline="") as stream:
            write_csv(stream, table)


def clear_dataset():
    """Delete every record of the dataset (for a restore into a clean database, and for tests)."""
    with transaction.atomic():
        Citation.objects.all().delete()
        for table in reversed(TABLES):
            self_references = {
                column.attribute: None
                for column in table.columns
                if isinstance(column, Reference) and column.self_reference
            }
            if self_references:
                table.model.objects.update(**self_references)
            table.model.objects.all().delete()


# ---------------------------------------------------------------- import


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def changed(self):
        return sum(self.created.values()) + sum(self.updated.values())

    def rows(self):
        """[(file, created, updated, unchanged)] for each file imported."""
        return [
            (file, self.created.get(file, 0), self.updated.get(file, 0), unchanged)
            for file, unchanged in self.unchanged.items()
        ]

    def summary(self):
        return ", ".join(
            f"{file}: {self.created.get(file, 0)} created, {self.updated.get(file, 0)} updated, "
            f"{self.unchanged.get(file, 0)} unchanged"
            for file in self.unchanged
        )


class DatasetInvalid(Exception):
    def __init__(self, report):
        self.report = report
        super().__init__("\n".join(report.errors))


class _Rollback(Exception):
    pass


@dataclass
class _Row:
    line: int
    values: dict


def read_directory(directory):
    """The dataset files found in ``directory``, as {file name: bytes}."""
    directory = Path(directory)
    return {table.file: (directory / table.file).read_bytes() for table in TABLES if (directory / table.file).exists()}


def import_dataset(files, dry_run=False, change_reason="Dataset import"):
    """Import ``files`` ({file name: bytes}) all or nothing. Returns an ImportReport;
    raises DatasetInvalid (and writes nothing) if any row is bad. With ``dry_run``
    everything is checked and counted, then rolled back."""
    report = ImportReport()
    for name in sorted(set(files) - set(TABLES_BY_FILE)):
        report.errors.append(f"{name}:1: not a dataset file (expected one of {', '.join(TABLES_BY_FILE)})")
    parsed = {}
    for table in TABLES:
        if table.file in files:
            parsed[table.file] = _parse_file(table, files[table.file], report)
    try:
        with transaction.atomic():
            for table in TABLES:
                if table.file in parsed:
                    _write_table(table, parsed[table.file], report, change_reason)
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if report.errors:
        raise DatasetInvalid(report)
    return report


def _parse_file(table, content, report):
    error = _error_reporter(table.file, report)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = content[: problem.start].count(b"\n") + 1
        error(line, f"is not UTF-8 text (byte 0x{content[problem.start]:02x} at position {problem.start})")
        return []
    if "\x00" in text:
        error(text[: text.index("\x00")].count("\n") + 1, "contains a NUL byte: not a CSV text file")
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        error(1, "is empty: a header row is required")
        return []
    except csv.Error as problem:
        error(1, f"is not valid CSV ({problem})")
        return []
    missing = [column.name for column in table.importable if column.name not in header and not column.added_later]
    if missing:
        error(1, f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
        return []
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        error(1, f"column named twice: {', '.join(duplicated)}")
        return []
    rows, seen = [], {}
    line = reader.line_num
    while True:
        start_line = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:
            error(start_line, f"is not valid CSV ({problem})")
            break
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            error(start_line, f"has {len(cells)} cells but the header has {len(header)}")
            continue
        raw = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        for column in table.importable:
            raw.setdefault(column.name, "")
        values, good = {}, True
        for column in table.importable:
            try:
                values[column.name] = column.parse(raw[column.name])
            except ValueError as problem:
                error(start_line, f"{column.name}: {problem}")
                good = False
        if good and table.cited and not values["sources"] and values.get("published", True):
            error(start_line, "sources: a published record must cite at least one source (key or key:locator)")
            good = False
        if not good:
            continue
        key = tuple(values[name] for name in table.key)
        if key in seen:
            error(start_line, f"duplicate row: same {', '.join(table.key)} as line {seen[key]}")
            continue
        seen[key] = start_line
        rows.append(_Row(start_line, values))
    return rows


def _error_reporter(file, report):
    def error(line, message):
        report.errors.append(f"{file}:{line}: {message}")

    return error


def _known(column):
    return {getattr(record, column.key): record for record in column.model.objects.all()}


def _write_table(table, rows, report, change_reason):
    error = _error_reporter(table.file, report)
    references = {
        column.name: _known(column)
        for column in table.importable
        if isinstance(column, Reference) and not column.self_reference
    }
    sources = {source.key: source for source in Source.objects.all()} if table.cited else {}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    saved = []
    for row in rows:
        try:
            resolved = _resolve(table, row.values, references, sources)
        except ValidationError as problem:
            for message in problem.messages:
                error(row.line, message)
            continue
        record, created = _find(table, resolved)
        before = _snapshot(table, record)
        for column in table.importable:
            if isinstance(column, (Sources, ReferenceList)) or column.name not in resolved:
                continue
            if isinstance(column, Reference) and column.self_reference:
                continue
            column.assign(record, resolved[column.name])
        if created or _snapshot(table, record) != before:
            try:
                record.full_clean(validate_unique=created)
            except ValidationError as problem:
                for message in _messages(problem):
                    error(row.line, message)
                continue
            record._change_reason = change_reason[:100]  # the history keeps at most 100 characters
            record.save()
        changed = _set_many(table, record, resolved)
        counts[
            "created" if created else "updated" if (changed or _snapshot(table, record) != before) else "unchanged"
        ] += 1
        saved.append((row, record, resolved))
    _set_self_references(table, saved, error)
    report.created[table.file] = counts["created"]
    report.updated[table.file] = counts["updated"]
    report.unchanged[table.file] = counts["unchanged"]


def _resolve(table, values, references, sources):
    resolved, problems = dict(values), []
    for column in table.importable:
        if isinstance(column, Reference) and not column.self_reference:
            try:
                resolved[column.name] = column.resolve(values[column.name], references[column.name])
            except ValueError as problem:
                problems.append(f"{column.name}: {problem}")
        elif isinstance(column, Sources):
            unknown = [key for key, _ in values["sources"] if key not in sources]
            if unknown:
                problems.append(f"sources: unknown source key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
            resolved["sources"] = [(sources.get(key), locator) for key, locator in values["sources"]]
    if problems:
        raise ValidationError(problems)
    return resolved


def _natural_key_lookup(table, resolved):
    lookup = {}
    for name in table.key:
        column = table.column(name)
        value = resolved[name]
        if hasattr(value, "first_day"):
            value = value.first_day
        lookup[column.attribute] = value
    return lookup


def _find(table, resolved):
    lookup = _natural_key_lookup(table, resolved)
    record = table.model.objects.filter(**lookup).first()
    return (record, False) if record else (table.model(), True)


def _snapshot(table, record):
    return {field.attname: getattr(record, field.attname) for field in table.model._meta.concrete_fields}


def _messages(problem):
    if hasattr(problem, "message_dict"):
        return [
            message if name == "__all__" else f"{name}: {message}"
            for name, messages in problem.message_dict.items()
            for message in messages
        ]
    return problem.messages


def _set_many(table, record, resolved):
    """Set many-to-many values and citations; True if anything changed."""
    changed = False
    for column in table.importable:
        if isinstance(column, ReferenceList):
            wanted = {related.pk for related in resolved[column.name]}
            manager = getattr(record, column.attribute)
            if {related.pk for related in manager.all()} != wanted:
                manager.set(wanted)
                changed = True
        elif isinstance(column, Sources):
            changed |= _set_citations(record, resolved["sources"])
    return changed


def _set_citations(record, wanted):
    content_type = ContentType.objects.get_for_model(record)
    existing = Citation.objects.filter(content_type=content_type, object_id=str(record.pk))
    current = {(citation.source_id, citation.locator): citation for citation in existing}
    wanted_keys = {(source.pk, locator) for source, locator in wanted}
    stale = [citation.pk for key, citation in current.items() if key not in wanted_keys]
    missing = [key for key in wanted_keys if key not in current]
    if stale:
        Citation.objects.filter(pk__in=stale).delete()
    Citation.objects.bulk_create(
        Citation(content_type=content_type, object_id=str(record.pk), source_id=source_id, locator=locator)
        for source_id, locator in missing
    )
    return bool(stale or missing)


def _set_self_references(table, saved, error):
    columns = [column for column in table.importable if isinstance(column, Reference) and column.self_reference]
    if not columns:
        return
    for column in columns:
        known = _known(column)
        for row, record, resolved in saved:
            try:
                target = column.resolve(resolved[column.name], known)
            except ValueError as problem:
                error(row.line, f"{column.name}: {problem}")
                continue
            if getattr(record, f"{column.attribute}_id") == (target.pk if target else None):
                continue
            column.assign(record, target)
            try:
                record.full_clean(validate_unique=False)
            except ValidationError as problem:
                for message in _messages(problem):
                    error(row.line, message)
                continue
            record.save()
