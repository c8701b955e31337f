from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dataset.synthetic import MAX_STATES, database_is_empty, generate


class Command(BaseCommand):
    help = (
        "Create deterministic synthetic states (codes XAA-XZZ), systems, flight tests and transfers for tests and "
        "benchmarks. Refuses to write into a database that holds any data unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--transfers", type=int, default=10_000, help="How many transfers (up to 1,000,000).")
        parser.add_argument("--states", type=int, default=50, help=f"How many states (up to {MAX_STATES}).")
        parser.add_argument("--systems", type=int, default=200)
        parser.add_argument("--flight-tests", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="Write even though the database holds data.")

    def handle(self, transfers, states, systems, flight_tests, seed, force, **options):
        if not 0 <= transfers <= 1_000_000:
            raise CommandError("--transfers must be between 0 and 1,000,000.")
        if not 2 <= states <= MAX_STATES:
            raise CommandError(f"--states must be between 2 and {MAX_STATES}.")
        if systems < 1 or flight_tests < 0:
            raise CommandError("--systems must be at least 1 and --flight-tests at least 0.")
        if not force and not database_is_empty():
            raise CommandError(
                "The database already holds data: synthetic records would mix with it. "
                "Use an empty database, or --force if you really mean it."
            )
        with tqdm(total=transfers, unit="transfers", file=self.stderr, disable=None) as bar:
            counts = generate(
                states=states,
                systems=systems,
                flight_tests=flight_tests,
                transfers=transfers,
                seed=seed,
                progress=bar.update,
            )
        self.stdout.write("Created " + ", ".join(f"{count} {name}" for name, count in counts.items()))
