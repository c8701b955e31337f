"""The CSV twins each measure offers (``/measures/<slug>/<table>.csv``), as the tests expect them."""

CSV_TABLES = {
    "range-band": ["states"],
    "flight-test-ban": ["breaches", "frozen"],
    "missile-free-zone": ["holders", "transfers"],
    "space-service": ["candidates"],
    "verification-gaps": ["unnotified", "outside", "suspected-transfers", "suspected-tests"],
    "mtcr-cross-check": ["category-i", "unreached"],
}
