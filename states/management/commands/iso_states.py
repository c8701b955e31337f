"""Rewrite the ISO 3166-1 rows of a states.csv from maintained libraries.

Names come from django-countries (common English short names: "North Korea"),
alpha-3 codes from its ISO 3166-1 table, regions from the UN M49 sub-regions of
country_converter. Rows for historical states (codes not in ISO 3166-1) are kept
as curated. country_converter is a development requirement: the generated file
is committed under fixtures/, and a test checks it still matches the libraries.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand

from dataset.tables import TABLES_BY_FILE

ISO_SOURCES = "iso-3166-1;un-m49"


def iso_state_rows():
    import country_converter
    from django_countries import countries

    converter = country_converter.CountryConverter()
    codes = [countries.alpha3(country.code) for country in countries]
    regions = converter.convert(codes, src="ISO3", to="UNregion", not_found="")
    rows = []
    for country, code, region in zip(countries, codes, regions, strict=True):
        rows.append(
            {"code": code, "name": str(country.name), "region": region, "sources": ISO_SOURCES, "published": "true"}
        )
    return rows


class Command(BaseCommand):
    help = "Regenerate the ISO 3166-1 rows of a states.csv (default: the shipped reference dataset)."

    def add_arguments(self, parser):
        from django.conf import settings

        parser.add_argument("path", nargs="?", default=str(settings.DATASET_DIR / "states.csv"))

    def handle(self, path, **options):
        columns = [column.name for column in TABLES_BY_FILE["states.csv"].columns]
        path = Path(path)
        iso = iso_state_rows()
        iso_codes = {row["code"] for row in iso}
        kept = []
        if path.exists():
            with open(path, encoding="utf-8", newline="") as stream:
                kept = [row for row in csv.DictReader(stream) if row["code"] not in iso_codes]
        rows = sorted(iso + kept, key=lambda row: row["code"])
        with open(path, "w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, columns, lineterminator="\n", restval="")
            writer.writeheader()
            writer.writerows(rows)
        self.stdout.write(f"Wrote {len(iso)} ISO 3166-1 states and kept {len(kept)} historical states in {path}")
