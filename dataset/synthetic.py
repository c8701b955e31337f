"""Deterministic synthetic data for tests and benchmarks.

Synthetic states use ISO 3166-1's user-assigned codes XAA-XZZ, so they can never
be mistaken for real states, and every record cites the source ``synthetic``.
The same seed and sizes always give the same records.
"""

import datetime
import itertools
import random
import string

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

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
from sources.models import Citation, Source
from states.models import State
from states.partial_dates import PartialDate, Precision

SYNTHETIC_SOURCE = "synthetic"
BATCH = 5000
MAX_STATES = 26 * 26
REGIONS = [f"Synthetic region {n}" for n in range(1, 9)]
DOMAIN_MODELS = [Source, State, Regime, Participation, RegimeTotal, MissileProgram, MissileSystem, FlightTest, Transfer]


def database_is_empty():
    return not any(model.objects.exists() for model in DOMAIN_MODELS)


def _codes(count):
    letters = itertools.product(string.ascii_uppercase, repeat=2)
    return ["X" + a + b for a, b in itertools.islice(letters, count)]


def _cite(source, records):
    if not records:
        return
    content_type = ContentType.objects.get_for_model(records[0])
    Citation.objects.bulk_create(
        (Citation(source=source, content_type=content_type, object_id=str(r.pk), locator="") for r in records),
        batch_size=BATCH,
    )


def _partial(rng, year):
    precision = rng.choice([Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.DAY])
    if precision == Precision.YEAR:
        return PartialDate(datetime.date(year, 1, 1), precision)
    if precision == Precision.MONTH:
        return PartialDate(datetime.date(year, rng.randint(1, 12), 1), precision)
    return PartialDate(datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), precision)


@transaction.atomic
def generate(states=50, systems=200, flight_tests=500, transfers=10_000, seed=1, progress=None):
    """Create the synthetic records; ``progress(n)`` is called as transfers are written."""
    rng = random.Random(seed)
    states = min(states, MAX_STATES)
    source, _ = Source.objects.get_or_create(
        key=SYNTHETIC_SOURCE, defaults={"title": "Synthetic data for tests and benchmarks (not real)"}
    )
    # Forced into a database that already has synthetic records, reuse their states and number on from them.
    codes = _codes(states)
    existing = set(State.objects.filter(code__in=codes).values_list("code", flat=True))
    new_states = State.objects.bulk_create(
        State(code=code, name=f"Synthetic state {code}", region=rng.choice(REGIONS))
        for code in codes
        if code not in existing
    )
    _cite(source, new_states)
    state_rows = list(State.objects.filter(code__in=codes).order_by("code"))
    offset = MissileSystem.objects.filter(name__startswith="Synthetic system").count()

    regimes = []
    for code, kind, status in (
        ("MTCR", RegimeKind.EXPORT_CONTROL_REGIME, Status.PARTNER),
        ("HCOC", RegimeKind.CODE_OF_CONDUCT, Status.SUBSCRIBING_STATE),
    ):
        regime, created = Regime.objects.get_or_create(code=code, defaults={"name": f"Synthetic {code}", "kind": kind})
        if created:
            _cite(source, [regime])
        regimes.append((regime, status))
    participations = []
    for state in new_states:
        for regime, status in regimes:
            if rng.random() < 0.5:
                start = _partial(rng, rng.randint(1987, 2015))
                ended = rng.random() < 0.1
                end = PartialDate(datetime.date(start.first_day.year + rng.randint(1, 8), 6, 30)) if ended else None
                participation = Participation(state=state, regime=regime, status=status)
                participation.start_partial, participation.end_partial = start, end
                participations.append(participation)
    _cite(source, Participation.objects.bulk_create(participations, batch_size=BATCH))

    programs = MissileProgram.objects.bulk_create(
        MissileProgram(name=f"Synthetic program {offset + n}", outcome=rng.choice(Outcome.values))
        for n in range(max(1, systems // 5))
    )
    for program in programs:
        program.states.add(rng.choice(state_rows))
    _cite(source, programs)

    system_rows = []
    for n in range(systems):
        system = MissileSystem(
            name=f"Synthetic system {offset + n}",
            aliases=f"SYN-{offset + n}",
            state=rng.choice(state_rows),
            program=rng.choice(programs) if rng.random() < 0.5 else None,
            kind=rng.choice(SystemKind.values),
            propellant=rng.choice(Propellant.values),
            stages=rng.randint(1, 3),
            range_km=rng.choice([None, rng.randint(50, 13000)]),
            payload_kg=rng.choice([None, rng.randint(100, 2000)]),
            status=rng.choice(SystemStatus.values),
        )
        system.first_flight_partial = _partial(rng, rng.randint(1960, 2024))
        system_rows.append(system)
    system_rows = MissileSystem.objects.bulk_create(system_rows, batch_size=BATCH)
    _cite(source, system_rows)

    tests = []
    for system in rng.sample(system_rows * (flight_tests // max(1, len(system_rows)) + 1), flight_tests):
        test = FlightTest(
            system=system,
            state=system.state,
            site=f"Synthetic site {offset}-{len(tests)}",
            apogee_km=rng.randint(10, 4000),
            range_km=rng.randint(10, 10000),
            outcome=rng.choice(TestOutcome.values),
            confirmation=rng.choice(Confidence.values),
            notified=rng.choice(Notified.values),
        )
        test.date_partial = _partial(rng, rng.randint(1970, 2024))
        tests.append(test)
    _cite(source, FlightTest.objects.bulk_create(tests, batch_size=BATCH))

    written = 0
    while written < transfers:
        batch = []
        for n in range(written, min(transfers, written + BATCH)):
            supplier, recipient = rng.sample(state_rows, 2)
            year = rng.randint(1970, 2024)
            batch.append(
                Transfer(
                    supplier=supplier,
                    recipient=recipient,
                    system=rng.choice(system_rows) if rng.random() < 0.8 else None,
                    kind=rng.choice(TransferKind.values),
                    annex_item=rng.choice([None, 1, 2, rng.randint(3, 20)]),
                    description=f"Synthetic transfer {offset}-{n}",
                    quantity=rng.choice([None, rng.randint(1, 500)]),
                    quantity_estimated=rng.random() < 0.3,
                    year_from=year,
                    year_to=rng.choice([None, year + rng.randint(0, 6)]),
                    status=rng.choice(TransferStatus.values),
                    confidence=rng.choice(Confidence.values),
                )
            )
        _cite(source, Transfer.objects.bulk_create(batch))
        written += len(batch)
        if progress:
            progress(len(batch))
    return {"states": len(state_rows), "systems": len(system_rows), "flight tests": len(tests), "transfers": written}
