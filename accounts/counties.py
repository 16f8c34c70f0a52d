"""Norway's counties since 1972, by SSB's classification, with their reforms.

Each county is an organisation of its own, valid for a period; a merged or split
county lists its predecessors. Counting the counties valid on a day gives 19
before 2018, 18 in 2018-2019, 11 in 2020-2023 and 15 from 2024.

Organisation numbers of the counties that exist from 2018 on are those in
Enhetsregisteret. The counties dissolved in 2018 or 2020 get placeholder numbers
(prefix 99990, a valid check digit): no one logs in for them through Altinn any
more, and Udir replaces them in the admin where a local grant needs the real one.
"""

import datetime

from accounts.orgnr import complete

D = datetime.date
REFORM_2018 = D(2018, 1, 1)
REFORM_2020 = D(2020, 1, 1)
REFORM_2024 = D(2024, 1, 1)


def _placeholder(number: str) -> str:
    for last in "0123456789":
        candidate = complete(f"99990{number}{last}")
        if candidate:
            return candidate
    raise AssertionError(number)  # pragma: no cover - some last digit always fits


# (county number, name, orgnr, valid from, valid to, predecessor numbers)
COUNTIES: list[tuple[str, str, str, D | None, D | None, tuple[str, ...]]] = [
    # Before 2020 (19 until 2018, when the two Trøndelag counties merged).
    ("01", "Østfold fylkeskommune", _placeholder("01"), None, D(2019, 12, 31), ()),
    ("02", "Akershus fylkeskommune", _placeholder("02"), None, D(2019, 12, 31), ()),
    ("04", "Hedmark fylkeskommune", _placeholder("04"), None, D(2019, 12, 31), ()),
    ("05", "Oppland fylkeskommune", _placeholder("05"), None, D(2019, 12, 31), ()),
    ("06", "Buskerud fylkeskommune", _placeholder("06"), None, D(2019, 12, 31), ()),
    ("07", "Vestfold fylkeskommune", _placeholder("07"), None, D(2019, 12, 31), ()),
    ("08", "Telemark fylkeskommune", _placeholder("08"), None, D(2019, 12, 31), ()),
    ("09", "Aust-Agder fylkeskommune", _placeholder("09"), None, D(2019, 12, 31), ()),
    ("10", "Vest-Agder fylkeskommune", _placeholder("10"), None, D(2019, 12, 31), ()),
    ("12", "Hordaland fylkeskommune", _placeholder("12"), None, D(2019, 12, 31), ()),
    ("14", "Sogn og Fjordane fylkeskommune", _placeholder("14"), None, D(2019, 12, 31), ()),
    ("16", "Sør-Trøndelag fylkeskommune", _placeholder("16"), None, D(2017, 12, 31), ()),
    ("17", "Nord-Trøndelag fylkeskommune", _placeholder("17"), None, D(2017, 12, 31), ()),
    ("19", "Troms fylkeskommune", _placeholder("19"), None, D(2019, 12, 31), ()),
    ("20", "Finnmark fylkeskommune", _placeholder("20"), None, D(2019, 12, 31), ()),
    # Unchanged through every reform.
    ("03", "Oslo kommune", "958935420", None, None, ()),
    ("11", "Rogaland fylkeskommune", "971045698", None, None, ()),
    ("15", "Møre og Romsdal fylkeskommune", "944183779", None, None, ()),
    ("18", "Nordland fylkeskommune", "964982953", None, None, ()),
    # 2018: Trøndelag.
    ("50", "Trøndelag fylkeskommune", "817920632", REFORM_2018, None, ("16", "17")),
    # 2020: the regional reform.
    ("30", "Viken fylkeskommune", "921693230", REFORM_2020, D(2023, 12, 31), ("01", "02", "06")),
    ("34", "Innlandet fylkeskommune", "920717152", REFORM_2020, None, ("04", "05")),
    (
        "38",
        "Vestfold og Telemark fylkeskommune",
        "821227062",
        REFORM_2020,
        D(2023, 12, 31),
        ("07", "08"),
    ),
    ("42", "Agder fylkeskommune", "921707134", REFORM_2020, None, ("09", "10")),
    ("46", "Vestland fylkeskommune", "821311632", REFORM_2020, None, ("12", "14")),
    (
        "54",
        "Troms og Finnmark fylkeskommune",
        "922420866",
        REFORM_2020,
        D(2023, 12, 31),
        ("19", "20"),
    ),
    # 2024: Viken, Vestfold og Telemark and Troms og Finnmark split.
    ("31", "Østfold fylkeskommune", "930580260", REFORM_2024, None, ("30",)),
    ("32", "Akershus fylkeskommune", "930580783", REFORM_2024, None, ("30",)),
    ("33", "Buskerud fylkeskommune", "930580694", REFORM_2024, None, ("30",)),
    ("39", "Vestfold fylkeskommune", "929882385", REFORM_2024, None, ("38",)),
    ("40", "Telemark fylkeskommune", "929882989", REFORM_2024, None, ("38",)),
    ("55", "Troms fylkeskommune", "930068128", REFORM_2024, None, ("54",)),
    ("56", "Finnmark fylkeskommune", "930580457", REFORM_2024, None, ("54",)),
]

DIRECTORATE = ("970018131", "Utdanningsdirektoratet")


def load(Organisation) -> None:
    """Creates or updates the counties and the directorate; used by a data migration."""
    by_number = {}
    for number, name, orgnr, valid_from, valid_to, _ in COUNTIES:
        county, _created = Organisation.objects.update_or_create(
            orgnr=orgnr,
            defaults={
                "kind": "county",
                "name": name,
                "county_number": number,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
        by_number[number] = county
    for number, *_rest, predecessors in COUNTIES:
        by_number[number].predecessors.set([by_number[p] for p in predecessors])
    Organisation.objects.update_or_create(
        orgnr=DIRECTORATE[0], defaults={"kind": "directorate", "name": DIRECTORATE[1]}
    )
