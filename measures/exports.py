"""The CSV tables of each measure: the same rule, the same parameters and the same rows as
the page (which shows them a page at a page), written as they are read."""

from states.models import standing_annotation


def _standing(value):
    return value or ""


def holder_rows(rows, regime_codes=("MTCR", "HCOC")):
    """One line per state and system held: the page's state groups, flattened."""
    yield [
        "state",
        "state_name",
        "system",
        "range_km",
        "kind",
        "status",
        "held_as",
        "since",
        "certainty",
        *[f"state_{code.lower()}" for code in regime_codes],
    ]
    for row in rows:
        for holding in row.holdings:
            system = holding.system
            yield [
                row.state.code,
                row.state.name,
                system.name,
                system.range_km if system.range_km is not None else "",
                system.kind,
                system.status,
                holding.how,
                holding.since,
                holding.certainty,
                *[row.standing(code) for code in regime_codes],
            ]


def flight_test_rows(tests, extra=()):
    yield ["date", "system", "state", "system_range_km", "range_km", "outcome", "confirmation", "notified", *extra]
    for test in tests.iterator(chunk_size=2000):
        yield [
            test.date_partial.isoformat(),
            test.system.name,
            test.state_id,
            test.system.range_km if test.system.range_km is not None else "",
            test.range_km if test.range_km is not None else "",
            test.outcome,
            test.confirmation,
            test.notified,
            *[getattr(test, name) for name in extra],
        ]


def transfer_rows(transfers):
    yield [
        "id",
        "supplier",
        "recipient",
        "system",
        "kind",
        "annex_item",
        "description",
        "year_from",
        "year_to",
        "status",
        "confidence",
        "supplier_mtcr",
        "supplier_hcoc",
        "recipient_mtcr",
        "recipient_hcoc",
    ]
    for transfer in transfers.iterator(chunk_size=2000):
        yield [
            transfer.pk,
            transfer.supplier_id,
            transfer.recipient_id,
            transfer.system.name if transfer.system_id else "",
            transfer.kind,
            transfer.annex_item or "",
            transfer.description,
            transfer.year_from or "",
            transfer.year_to or "",
            transfer.status,
            transfer.confidence,
            *[
                _standing(getattr(transfer, name, ""))
                for name in ("supplier_mtcr", "supplier_hcoc", "recipient_mtcr", "recipient_hcoc")
            ],
        ]


def frozen_rows(programs):
    yield ["state", "state_name", "reached_system", "reached_range_km", "frozen_system", "frozen_range_km", "certainty"]
    for program in programs:
        for system in program.frozen:
            yield [
                program.state.code,
                program.state.name,
                program.reached.name if program.reached else "",
                program.reached.range_km if program.reached else "",
                system.name,
                system.range_km,
                program.certainty,
            ]


def state_rows(states, regime_codes):
    yield ["state", "state_name", "systems_held", "longest_range_km", *[f"state_{c.lower()}" for c in regime_codes]]
    for state in states:
        yield [
            state.code,
            state.name,
            state.systems_held,
            state.longest_range_km if state.longest_range_km is not None else "",
            *[getattr(state, standing_annotation(code)) for code in regime_codes],
        ]
