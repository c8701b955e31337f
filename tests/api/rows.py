"""Cheap bulk rows for the API's size tests: ``grow(n)`` brings every kind of record the
API lists up to ``n`` rows (bulk inserts, each record cited), with related records set so
that every serialized relation is exercised."""

import datetime
import itertools
import string

from django.contrib.contenttypes.models import ContentType

from missiles.models import (
    Confidence,
    FlightTest,
    MissileProgram,
    MissileSystem,
    Outcome,
    SystemKind,
    Transfer,
    TransferKind,
)
from regime.models import Participation, Regime, RegimeKind, RegimeTotal, Status
from sources.models import Citation, Source
from states.models import State
from states.partial_dates import Precision

MODELS = (Source, State, Regime, Participation, RegimeTotal, MissileProgram, MissileSystem, FlightTest, Transfer)


def _codes():
    # Q.. and Y.. are not ISO 3166 codes: 1,352 test states at most.
    for first in "QY":
        for second, third in itertools.product(string.ascii_uppercase, repeat=2):
            yield first + second + third


def _cite(source, records):
    if records:
        content_type = ContentType.objects.get_for_model(records[0])
        Citation.objects.bulk_create(
            Citation(source=source, content_type=content_type, object_id=str(record.pk), locator="p. 1")
            for record in records
        )


def grow(n):
    source, _ = Source.objects.get_or_create(key="rows", defaults={"title": "Rows for size tests"})
    sources = Source.objects.bulk_create(
        Source(key=f"rows-{i:05d}", title=f"Row source {i}", year=2000) for i in range(Source.objects.count(), n)
    )
    have = State.objects.count()
    codes = list(itertools.islice(_codes(), have, n))
    states = State.objects.bulk_create(
        State(code=code, name=f"Row state {code}", region="Row region") for code in codes
    )
    _cite(source, states)
    states = list(State.objects.order_by("code")[:n])
    regimes = Regime.objects.bulk_create(
        Regime(
            code=f"R{i:05d}",
            name=f"Row regime {i}",
            kind=RegimeKind.TREATY,
            established=datetime.date(1990, 1, 1),
            established_precision=Precision.YEAR,
        )
        for i in range(Regime.objects.count(), n)
    )
    _cite(source, regimes)
    regimes = list(Regime.objects.order_by("code")[:n])
    participations = Participation.objects.bulk_create(
        Participation(
            state=states[i % len(states)],
            regime=regimes[i % len(regimes)],
            status=Status.PARTY,
            start=datetime.date(1990 + i % 30, 1, 1),
            start_precision=Precision.YEAR,
        )
        for i in range(Participation.objects.count(), n)
    )
    _cite(source, participations)
    totals = RegimeTotal.objects.bulk_create(
        RegimeTotal(
            regime=regimes[i % len(regimes)],
            date=datetime.date(2000, 1, 1) + datetime.timedelta(days=i),
            date_precision=Precision.DAY,
            total=i,
        )
        for i in range(RegimeTotal.objects.count(), n)
    )
    _cite(source, totals)
    offset = MissileProgram.objects.count()
    programs = MissileProgram.objects.bulk_create(
        MissileProgram(name=f"Row program {i}", outcome=Outcome.ACTIVE) for i in range(offset, n)
    )
    MissileProgram.states.through.objects.bulk_create(
        MissileProgram.states.through(missileprogram=program, state=states[i % len(states)])
        for i, program in enumerate(programs)
    )
    _cite(source, programs)
    programs = list(MissileProgram.objects.order_by("pk")[:n])
    first = MissileSystem.objects.order_by("pk").first()
    systems = MissileSystem.objects.bulk_create(
        MissileSystem(
            name=f"Row system {i}",
            state=states[i % len(states)],
            program=programs[i % len(programs)],
            derived_from=first,
            kind=SystemKind.BALLISTIC,
            range_km=100 + i * 13,
            payload_kg=None if i % 3 else 600,
            first_flight=datetime.date(1980 + i % 40, 1 + i % 12, 1),
            first_flight_precision=Precision.MONTH,
        )
        for i in range(MissileSystem.objects.count(), n)
    )
    _cite(source, systems)
    systems = list(MissileSystem.objects.order_by("pk")[:n])
    tests = FlightTest.objects.bulk_create(
        FlightTest(
            system=systems[i % len(systems)],
            state=systems[i % len(systems)].state,
            date=datetime.date(1990, 1, 1) + datetime.timedelta(days=i),
            date_precision=Precision.DAY,
            sequence=1 + i // len(systems),
        )
        for i in range(FlightTest.objects.count(), n)
    )
    _cite(source, tests)
    transfers = Transfer.objects.bulk_create(
        Transfer(
            supplier=states[i % len(states)],
            recipient=states[(i + 1) % len(states)],
            system=systems[i % len(systems)],
            kind=TransferKind.COMPLETE_MISSILES,
            year_from=1960 + i % 60,
            description=f"row {i}",
            confidence=Confidence.REPORTED,
        )
        for i in range(Transfer.objects.count(), n)
    )
    _cite(source, transfers)
    return sources
