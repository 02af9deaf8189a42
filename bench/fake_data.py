"""How fast generate_fake_data fills an empty database."""

import time

from cases.fake_data import generate_fake_data

from .database import empty_database
from .report import Section, peak_memory_mib

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 10_000, 100_000]}


def run(*, scale: str) -> Section:
    """Generate each size of fake data into an emptied database, and time it."""
    section = Section(
        name="fake_data",
        title="Generating fake data",
        intro=(
            "`generate_fake_data(persons=N, seed=1)` into an empty database: each "
            "missing person has three name forms, a case, 0-2 relatives (persons "
            "with names) and 0-2 detentions. Rows counts every inserted row."
        ),
        headers=["Persons", "Rows", "Seconds", "Persons/s", "Rows/s", "Peak RSS"],
    )
    for size in SIZES[scale]:
        empty_database()
        started = time.perf_counter()
        summary = generate_fake_data(persons=size, seed=1)
        seconds = time.perf_counter() - started
        # Subjects and cases, relatives as persons and as links, names,
        # detentions, and each facility with its two names.
        rows = (
            2 * summary.persons
            + 2 * summary.relatives
            + summary.names
            + summary.detentions
            + 3 * summary.facilities
        )
        section.rows.append(
            [
                f"{size:,}",
                f"{rows:,}",
                f"{seconds:.1f}",
                f"{size / seconds:,.0f}",
                f"{rows / seconds:,.0f}",
                f"{peak_memory_mib():,.0f} MiB",
            ]
        )
    section.notes.append(
        "Peak RSS is the process's high-water mark (getrusage ru_maxrss) after "
        "that size, so it never goes down; batches of 2,000 persons keep it flat."
    )
    return section
