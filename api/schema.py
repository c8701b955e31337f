"""Adjustments to the generated OpenAPI schema: what each parameter means and accepts
(beside the label and choices the FilterSets give), and CSV bodies described as text."""

YEAR = "A year, 1900 to 2100."
TEXT = "Searched for in any case; at most 200 characters."
STATE_CODE = "A state code, ISO 3166-1 alpha-3 (ISO 3166-3 for historical states), e.g. `PRK`."

# Notes added to the description of query parameters of these names, in every list that has them.
QUERY_NOTES = {
    "q": TEXT,
    "name": "Part of the program's name. " + TEXT,
    "state": STATE_CODE,
    "regime": "A regime code, e.g. `MTCR`, `HCOC`.",
    "supplier": STATE_CODE + " Repeat the parameter for several states (any of them).",
    "recipient": STATE_CODE + " Repeat the parameter for several states (any of them).",
    "system": "A missile system's id (see `/api/v1/systems/`).",
    "confidence": "Repeat the parameter for several values (any of them).",
    "supplier_mtcr": "At the time of the transfer (1 January of its first year). Repeat for several values.",
    "recipient_hcoc": "At the time of the transfer (1 January of its first year). Repeat for several values.",
    "range_min": "Kilometres, a whole number from 0 to 1,000,000.",
    "range_max": "Kilometres, a whole number from 0 to 1,000,000, not below `range_min`.",
    "payload_min": "Kilograms, a whole number from 0 to 1,000,000.",
    "payload_max": "Kilograms, a whole number from 0 to 1,000,000, not below `payload_min`.",
    "ordering": "One of the values listed; several may be given, separated by commas. A `-` sorts descending.",
}
LIST_NOTES = {
    "/api/v1/participations/": {
        "as_of": "A day, YYYY-MM-DD, 1900-01-01 to 2100-12-31: the participations in force that day (start "
        "included, end excluded) and those a partial or unknown date leaves open (then `uncertain` is true). "
        "Without it, every participation.",
    },
    "/api/v1/transfers/": {
        "year_from": YEAR + " Transfers whose years reach this year or later.",
        "year_to": YEAR + " Transfers whose years begin by this year (one known as “by <year>” counts); "
        "not before `year_from`.",
    },
    "/api/v1/flight-tests/": {
        "year_from": YEAR + " Tests in this year or later.",
        "year_to": YEAR + " Tests in this year or earlier; not before `year_from`.",
    },
}
PATH_NOTES = {
    "id": "The record's id, as in its `url`.",
    "key": "The source's key, e.g. `mistry2003`.",
}
CODE_NOTES = {
    "/api/v1/states/{code}/": STATE_CODE + " Any case.",
    "/api/v1/regimes/{code}/": "A regime code, e.g. `MTCR`; any case.",
}


CSV_DESCRIPTION = "CSV: the JSON's fields flattened, one row a record."


def _describe(parameter, note):
    if note and note not in parameter.get("description", ""):
        label = parameter.get("description", "").strip()
        parameter["description"] = f"{label}\n\n{note}" if label else note


def csv_and_error_media_types(result, generator, request, public):
    """A 200 in CSV is text (a header row, then one row per record), not the JSON schema
    drf-spectacular would repeat for it; errors are always JSON. Every parameter says what
    it means and what it accepts."""
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                if parameter["in"] == "path":
                    _describe(parameter, CODE_NOTES.get(path) if name == "code" else PATH_NOTES.get(name))
                elif name in LIST_NOTES.get(path, {}):
                    _describe(parameter, LIST_NOTES[path][name])
                else:
                    _describe(parameter, QUERY_NOTES.get(name))
            for code, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if "text/csv" not in content:
                    continue
                if code.startswith("2"):
                    content["text/csv"] = {"schema": {"type": "string", "description": CSV_DESCRIPTION}}
                else:
                    del content["text/csv"]
    return result
