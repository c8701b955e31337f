"""The dataset's CSV interface: one file per table, its columns, and how each
column maps to the model. Import and export both read these declarations, so the
two directions cannot drift apart. File and column names are stable: other tools
read them (see DESIGN.md); new columns are only ever appended.
"""

from dataclasses import dataclass

from missiles.models import (
    Confidence,
    FlightTest,
    MissileProgram,
    MissileSystem,
    Notified,
    Outcome,
    Propellant,
    SystemKind,
    SystemStatus,
    TestOutcome,
    Transfer,
    TransferKind,
    TransferStatus,
)
from regime.models import Participation, Regime, RegimeKind, RegimeTotal, Status
from sources.models import Source
from states.models import State
from states.partial_dates import partial_date

LIST_SEPARATOR = ";"


class Column:
    """A CSV column bound to a model attribute. ``parse`` turns a cell into a value or
    raises ValueError with a message for the curator; ``format`` does the reverse."""

    def __init__(self, name, attribute=None, required=False, export_only=False, added_later=False):
        self.name = name
        self.attribute = attribute or name
        self.required = required
        self.export_only = export_only
        # A column appended after the interface was first published: files without it still import.
        self.added_later = added_later

    def parse(self, cell):
        if self.required and not cell:
            raise ValueError("is required")
        return cell

    def read(self, record):
        return getattr(record, self.attribute)

    def format(self, value):
        return "" if value is None else str(value)

    def assign(self, record, value):
        setattr(record, self.attribute, value)


class Text(Column):
    pass


class Integer(Column):
    def __init__(self, name, default=None, **kwargs):
        super().__init__(name, **kwargs)
        self.default = default

    def parse(self, cell):
        super().parse(cell)
        if not cell:
            return self.default
        if not cell.lstrip("-").isdigit():
            raise ValueError(f"{cell!r} is not a whole number")
        return int(cell)


class Boolean(Column):
    def __init__(self, name, default=None, **kwargs):
        super().__init__(name, **kwargs)
        self.default = default

    def parse(self, cell):
        if not cell and self.default is not None:
            return self.default
        if cell not in {"true", "false"}:
            raise ValueError(f"{cell!r} must be true or false")
        return cell == "true"

    def format(self, value):
        return "true" if value else "false"


class Choice(Column):
    def __init__(self, name, choices, **kwargs):
        super().__init__(name, **kwargs)
        self.choices = choices

    def parse(self, cell):
        super().parse(cell)
        if cell and cell not in self.choices.values:
            raise ValueError(f"{cell!r} is not one of {', '.join(self.choices.values)}")
        return cell


class PartialDate(Column):
    def parse(self, cell):
        super().parse(cell)
        return partial_date(cell)

    def read(self, record):
        return getattr(record, f"{self.attribute}_partial")

    def format(self, value):
        return value.isoformat() if value else ""

    def assign(self, record, value):
        setattr(record, f"{self.attribute}_partial", value)


class Reference(Column):
    """A foreign key written as the related record's natural key (a state code, a system name)."""

    def __init__(self, name, model, key, self_reference=False, **kwargs):
        super().__init__(name, **kwargs)
        self.model, self.key, self.self_reference = model, key, self_reference

    def read(self, record):
        return getattr(record, f"{self.attribute}_id") and getattr(getattr(record, self.attribute), self.key)

    def resolve(self, value, known):
        if not value:
            return None
        if value not in known:
            raise ValueError(f"unknown {self.model._meta.verbose_name} {value!r}")
        return known[value]

    def format(self, value):
        return value or ""


class ReferenceList(Reference):
    """A many-to-many written as natural keys separated by ';'."""

    def parse(self, cell):
        values = [value.strip() for value in cell.split(LIST_SEPARATOR) if value.strip()]
        if self.required and not values:
            raise ValueError("is required")
        return values

    def read(self, record):
        return sorted(getattr(related, self.key) for related in getattr(record, self.attribute).all())

    def resolve(self, values, known):
        return [super(ReferenceList, self).resolve(value, known) for value in values]

    def format(self, value):
        return LIST_SEPARATOR.join(value)


class Computed(Column):
    """Written by export for readers (range class, MTCR category); ignored by import."""

    def __init__(self, name, attribute):
        super().__init__(name, attribute, export_only=True)

    def format(self, value):
        return getattr(value, "value", value) or ""


class Sources(Column):
    """Citations, written as ``key`` or ``key:locator`` separated by ';'."""

    def __init__(self):
        super().__init__("sources", "citations")

    def parse(self, cell):
        citations = []
        for token in cell.split(LIST_SEPARATOR):
            key, _, locator = token.strip().partition(":")
            if key.strip():
                citations.append((key.strip(), locator.strip()))
        # Whether a record may go without (a draft may) is decided with its other cells: see exchange.
        if len(set(citations)) != len(citations):
            raise ValueError("cites the same source and locator twice")
        return citations

    def read(self, record):
        return sorted((citation.source.key, citation.locator) for citation in record.citations.all())

    def format(self, value):
        return LIST_SEPARATOR.join(f"{key}:{locator}" if locator else key for key, locator in value)


@dataclass
class Table:
    file: str
    model: type
    columns: list
    key: tuple  # the CSV columns that identify a row (its natural key)
    prefetch: tuple = ()
    select: tuple = ()

    @property
    def cited(self):
        return any(isinstance(column, Sources) for column in self.columns)

    def column(self, name):
        return next(column for column in self.columns if column.name == name)

    @property
    def importable(self):
        return [column for column in self.columns if not column.export_only]


def _note():
    return Text("note")


def _published():
    # Drafts travel with backups; files without the column hold published records.
    return Boolean("published", attribute="is_published", default=True, added_later=True)


STATE = {"model": State, "key": "code"}
SYSTEM = {"model": MissileSystem, "key": "name"}

TABLES = [
    Table(
        "sources.csv",
        Source,
        [
            Text("key", required=True),
            Text("title", required=True),
            Text("author"),
            Text("publisher"),
            Integer("year"),
            Text("url"),
        ],
        key=("key",),
    ),
    Table(
        "states.csv",
        State,
        [
            Text("code", required=True),
            Text("name", required=True),
            Text("region"),
            PartialDate("existed_from"),
            PartialDate("existed_to"),
            Reference("successor", **STATE, self_reference=True),
            Sources(),
            _note(),
            _published(),
        ],
        key=("code",),
        select=("successor",),
    ),
    Table(
        "regimes.csv",
        Regime,
        [
            Text("code", required=True),
            Text("name", required=True),
            Choice("kind", RegimeKind, required=True),
            PartialDate("established"),
            Boolean("legally_binding"),
            Sources(),
            _note(),
            _published(),
        ],
        key=("code",),
    ),
    Table(
        "participations.csv",
        Participation,
        [
            Reference("state", **STATE, required=True),
            Reference("regime", Regime, "code", required=True),
            Choice("status", Status, required=True),
            PartialDate("start"),
            PartialDate("end"),
            Sources(),
            _note(),
            PartialDate("known_on", added_later=True),
            _published(),
        ],
        key=("state", "regime", "status", "start"),
        select=("state", "regime"),
    ),
    Table(
        "regime_totals.csv",
        RegimeTotal,
        [
            Reference("regime", Regime, "code", required=True),
            PartialDate("date", required=True),
            Integer("total", required=True),
            Sources(),
            _note(),
            _published(),
        ],
        key=("regime", "date", "total"),
        select=("regime",),
    ),
    Table(
        "programs.csv",
        MissileProgram,
        [
            Text("name", required=True),
            ReferenceList("states", **STATE, required=True),
            PartialDate("start"),
            PartialDate("end"),
            Choice("outcome", Outcome, required=True),
            Sources(),
            _note(),
            _published(),
        ],
        key=("name",),
        prefetch=("states",),
    ),
    Table(
        "systems.csv",
        MissileSystem,
        [
            Text("name", required=True),
            Text("aliases"),
            Reference("state", **STATE, required=True),
            Reference("program", MissileProgram, "name"),
            Reference("derived_from", **SYSTEM, self_reference=True),
            Choice("kind", SystemKind, required=True),
            Choice("propellant", Propellant),
            Integer("stages"),
            Integer("range_km"),
            Integer("payload_kg"),
            Choice("status", SystemStatus),
            PartialDate("first_flight"),
            Computed("range_class", "range_class"),
            Computed("mtcr_category", "mtcr_category"),
            Sources(),
            _note(),
            _published(),
        ],
        key=("name",),
        select=("state", "program", "derived_from"),
    ),
    Table(
        "flight_tests.csv",
        FlightTest,
        [
            Reference("system", **SYSTEM, required=True),
            Reference("state", **STATE, required=True),
            PartialDate("date", required=True),
            Text("site"),
            Integer("apogee_km"),
            Integer("range_km"),
            Choice("outcome", TestOutcome, required=True),
            Choice("confirmation", Confidence, required=True),
            Choice("notified", Notified, required=True),
            Sources(),
            _note(),
            Integer("sequence", default=1, added_later=True),
            _published(),
        ],
        key=("system", "state", "date", "site", "sequence"),
        select=("system", "state"),
    ),
    Table(
        "transfers.csv",
        Transfer,
        [
            Reference("supplier", **STATE, required=True),
            Reference("recipient", **STATE, required=True),
            Reference("system", **SYSTEM),
            Choice("kind", TransferKind, required=True),
            Integer("annex_item"),
            Text("description"),
            Integer("quantity"),
            Boolean("quantity_estimated"),
            Integer("year_from"),
            Integer("year_to"),
            Choice("status", TransferStatus, required=True),
            Choice("confidence", Confidence, required=True),
            Sources(),
            _note(),
            _published(),
        ],
        key=("supplier", "recipient", "system", "kind", "description", "year_from"),
        select=("supplier", "recipient", "system"),
    ),
]

TABLES_BY_FILE = {table.file: table for table in TABLES}
