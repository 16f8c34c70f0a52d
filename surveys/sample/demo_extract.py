"""A realistic national VIGO extract, generated from a seed: the demo imports one for the
current round, `manage.py demo_extract FILE` writes one for a manual import, and the
benchmark (bench/sample_import.py) writes a larger one.

National scale by default: the 15 counties, the demo's 200 training offices and 5,000
companies (accounts/demo_orgs.py), 30,000 rows. The error rates below are what the real
extracts show roughly, so the quality report and the rejection counts have something in
them. All names, e-mail domains (example.no, example.com) and numbers are made up.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

from accounts.counties import COUNTIES
from accounts.demo_orgs import CompanyRow, OfficeRow
from accounts.demo_orgs import generate as generate_organisations
from accounts.orgnr import complete
from surveys.sample.extract_file import COLUMNS
from surveys.sample.rules import start_cutoff

ROWS = 30_000

# Error rates, as shares of all rows.
NO_EMAIL = 0.03  # e-mail field empty
INVALID_EMAIL = 0.005  # e-mail written wrong ("ola.nordmann@", no domain...)
INVALID_MOBILE = 0.02  # a fixed-line number or a wrong number of digits
NO_MOBILE = 0.02  # mobile field empty
# About 1% of rows each for the common rejection reasons...
DUPLICATE = 0.01
TOO_SHORT = 0.01
INTERRUPTED = 0.01
TERMINATED = 0.01
ENDS_BEFORE_CLOSE = 0.01
# ...and a few of the rare ones.
NOT_A_CONTRACT = 0.003  # contract type neither Lærling nor Lærekandidat
UNKNOWN_COUNTY = 0.002
INVALID_ORGNR = 0.002
NO_WORKPLACE = 0.002
INVALID_ROW = 0.002
# Companies not approved in NLR and offices not in NOR come from the demo organisations
# (2% each, accounts/demo_orgs.py); their apprentices are rejected too.
OFFICE_ONLY = 0.02  # the office itself is the training company
CANDIDATE = 0.12  # lærekandidat rather than lærling
NO_SUPERVISOR = 0.05  # rows that name no professional supervisor

# Rough shares of apprentices per county (2024 counties), by SSB county number.
COUNTY_WEIGHTS = {
    "03": 7, "11": 10, "15": 6, "18": 5, "31": 6, "32": 9, "33": 5, "34": 8, "39": 5,
    "40": 4, "42": 7, "46": 12, "50": 10, "55": 3, "56": 1,
}  # fmt: skip
TRADES = [
    ("ELELE3----", "Elektrikerfaget"), ("BABTM3----", "Tømrerfaget"),
    ("TPKJT3----", "Kjøretøyfaget"), ("HSHEA3----", "Helsearbeiderfaget"),
    ("HSBUA3----", "Barne- og ungdomsarbeiderfaget"), ("RMKOK3----", "Kokkfaget"),
    ("HDFRI3----", "Frisørfaget"), ("BAMAL3----", "Maler- og overflateteknikkfaget"),
    ("BABET3----", "Betongfaget"), ("TPIMK3----", "Industrimekanikerfaget"),
    ("ELAUT3----", "Automatiseringsfaget"), ("SRSAL3----", "Salgsfaget"),
    ("SRLOG3----", "Logistikkfaget"), ("IMITK3----", "IT-utviklerfaget"),
    ("BAAMF3----", "Anleggsmaskinførerfaget"), ("BAMUR3----", "Murer- og flisleggerfaget"),
    ("BAVEN3----", "Ventilasjons- og blikkenslagerfaget"), ("RMKJS3----", "Kjøttskjærerfaget"),
    ("RMBAK3----", "Bakerfaget"), ("SRREI3----", "Reiselivsfaget"),
    ("SRKON3----", "Kontor- og administrasjonsfaget"), ("NALBR3----", "Landbruksfaget"),
    ("TPSVE3----", "Sveisefaget"), ("TPPLA3----", "Platearbeiderfaget"),
    ("BARLF3----", "Rørleggerfaget"), ("ELDAT3----", "Dataelektronikerfaget"),
]  # fmt: skip
FIRST_NAMES = [
    "Emma", "Nora", "Sofie", "Ella", "Olivia", "Ingrid", "Sara", "Maja", "Leah", "Åse",
    "Jakob", "Emil", "Noah", "Oliver", "Filip", "William", "Lucas", "Henrik", "Kasper",
    "Mathias", "Ådne", "Øyvind", "Bjørn", "Sigurd", "Tiril", "Marte", "Jørgen", "Sølvi",
    "Mohammed", "Aisha", "Ali", "Amina", "Jonas", "Tobias", "Eirik", "Mari", "Thea", "Ida",
]  # fmt: skip
SURNAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Lund", "Moen",
    "Solberg", "Bakken", "Kristoffersen", "Sæther", "Strøm", "Løken", "Aasen", "Ødegård",
]  # fmt: skip
TERMINATION_CODES = ["HE", "FU", "AV", "OP"]
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


@dataclass(frozen=True)
class Frame:
    year: int
    reference_date: datetime.date
    last_answer_day: datetime.date


def _email(rng: random.Random, first: str, last: str) -> str:
    local = f"{first}.{last}".lower().translate(_ASCII)
    return f"{local}{rng.randrange(100)}@{rng.choice(['example.no', 'example.com'])}"


def _mobile(rng: random.Random) -> str:
    # Norwegian mobile numbers begin with 9, or with 40, 41, 46, 47 or 48.
    number = rng.choice(["9", "40", "41", "46", "47", "48"])
    number += f"{rng.randrange(10 ** (8 - len(number))):0{8 - len(number)}d}"
    writing = rng.random()
    if writing < 0.5:
        return number
    if writing < 0.75:
        return f"+47 {number[:3]} {number[3:5]} {number[5:]}"
    if writing < 0.9:
        return f"{number[:3]} {number[3:5]} {number[5:]}"
    return f"0047 {number}"


def _bad_mobile(rng: random.Random) -> str:
    return rng.choice(
        [
            f"2{rng.randrange(10**7):07d}",  # a fixed-line (Oslo) number
            f"9{rng.randrange(10**6):06d}",  # a digit short
            f"+47 9{rng.randrange(10**8):08d}",  # a digit too many
        ]
    )


def _day(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def extra_organisations(seed: int, offices: int, companies: int):
    """More offices and companies than the demo has, for extracts beyond national scale
    (the benchmark's). Numbers start with 7, unlike the demo's 8 and 9."""
    rng = random.Random(f"extra-orgs-{seed}")
    taken: set[str] = set()

    def numbers(count: int) -> list[str]:
        found = []
        while len(found) < count:
            number = complete(f"7{rng.randrange(10**7):07d}")
            if number and number not in taken:
                taken.add(number)
                found.append(number)
        return found

    office_rows = [
        OfficeRow(number, f"Opplæringskontoret {i}", rng.random() >= 0.02)
        for i, number in enumerate(numbers(offices))
    ]
    company_rows = [
        CompanyRow(
            number,
            f"{rng.choice(SURNAMES)} {rng.choice(TRADES)[1].removesuffix('faget')} AS",
            rng.random() >= 0.02,
            rng.choice(office_rows).orgnr if rng.random() < 0.7 else None,
        )
        for number in numbers(companies)
    ]
    return office_rows, company_rows


def generate(
    seed: int,
    frame: Frame,
    rows: int = ROWS,
    organisations: tuple[list[OfficeRow], list[CompanyRow]] | None = None,
) -> Iterator[list[str]]:
    """`rows` rows of values in extract_file.COLUMNS order (the header not included)."""
    rng = random.Random(f"extract-{seed}-{frame.year}")
    offices, companies = organisations or generate_organisations(seed)
    office_by_orgnr = {office.orgnr: office for office in offices}
    counties = [number for number, *_rest in COUNTIES if number in COUNTY_WEIGHTS]
    weights = [COUNTY_WEIGHTS[number] for number in counties]
    cutoff = start_cutoff(frame.reference_date)
    supervisors: dict[str, list[tuple[str, str, str]]] = {}
    earlier: list[list[str]] = []

    for index in range(rows):
        if earlier and rng.random() < DUPLICATE:
            yield list(rng.choice(earlier))
            continue
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        start = cutoff - datetime.timedelta(days=rng.randint(1, 3 * 365))
        end = max(
            start + datetime.timedelta(days=rng.choice([730, 912, 1095, 1460])),
            frame.last_answer_day,
        )
        if rng.random() < TOO_SHORT:
            start = cutoff + datetime.timedelta(days=rng.randint(0, 300))
        if rng.random() < ENDS_BEFORE_CLOSE:
            end = frame.last_answer_day - datetime.timedelta(days=rng.randint(1, 60))
        company = rng.choice(companies)
        office = office_by_orgnr.get(company.office_orgnr) if company.office_orgnr else None
        company_fields = [company.orgnr, company.name, "J" if company.nlr_approved else "N"]
        if rng.random() < OFFICE_ONLY:
            office = rng.choice(offices)
            company_fields = ["", "", ""]
        office_fields = (
            [office.orgnr, office.name, "J" if office.nor_approved else "N"]
            if office
            else ["", "", ""]
        )
        pool = supervisors.setdefault(company.orgnr, [])
        if not pool:
            for _n in range(rng.choice([1, 1, 2, 3])):
                name_first, name_last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
                pool.append(
                    (f"{name_first} {name_last}", _email(rng, name_first, name_last), _mobile(rng))
                )
        supervisor = ("", "", "")
        if company_fields[0] and rng.random() >= NO_SUPERVISOR:
            supervisor = pool[0] if rng.random() < 0.75 else rng.choice(pool)
        code, trade = rng.choice(TRADES)
        email = "" if rng.random() < NO_EMAIL else _email(rng, first, last)
        if email and rng.random() < INVALID_EMAIL:
            email = email.split("@")[0] + "@"
        mobile = _mobile(rng)
        roll = rng.random()
        if roll < INVALID_MOBILE:
            mobile = _bad_mobile(rng)
        elif roll < INVALID_MOBILE + NO_MOBILE:
            mobile = ""
        contract_type = "Lærekandidat" if rng.random() < CANDIDATE else "Lærling"
        if rng.random() < 0.1:
            contract_type = contract_type.upper()
        values = {
            "person_id": f"{seed % 100:02d}{frame.year % 100:02d}{index:08d}",
            "fodselsaar": str(frame.year - rng.choice([17, 18, 18, 19, 19, 20, 21, 23, 27])),
            "kjonn": rng.choice("MK"),
            "fornavn": first,
            "etternavn": last,
            "epost": email,
            "mobil": mobile,
            "kontrakteier": rng.choices(counties, weights)[0],
            "kontraktstype": contract_type,
            "programomraade_kode": code,
            "programomraade_navn": trade,
            "kontrakt_start": _day(start) if rng.random() < 0.8 else start.isoformat(),
            "kontrakt_slutt": _day(end),
            "avbrudd": "J" if rng.random() < INTERRUPTED else rng.choice(["N", ""]),
            "avslutningskode": rng.choice(TERMINATION_CODES) if rng.random() < TERMINATED else "",
            "laerebedrift_orgnr": company_fields[0],
            "laerebedrift_navn": company_fields[1],
            "laerebedrift_nlr": company_fields[2],
            "opplaeringskontor_orgnr": office_fields[0],
            "opplaeringskontor_navn": office_fields[1],
            "opplaeringskontor_nor": office_fields[2],
            "faglig_leder_navn": supervisor[0],
            "faglig_leder_epost": supervisor[1],
            "faglig_leder_mobil": supervisor[2],
        }
        _rare_errors(rng, values)
        row = [values[column] for column in COLUMNS]
        if len(earlier) < 2000:
            earlier.append(row)
        yield row


def _rare_errors(rng: random.Random, values: dict[str, str]) -> None:
    roll = rng.random()
    rates = [NOT_A_CONTRACT, UNKNOWN_COUNTY, INVALID_ORGNR, NO_WORKPLACE, INVALID_ROW]
    if roll >= sum(rates):
        return
    if roll < NOT_A_CONTRACT:
        values["kontraktstype"] = "Elev"
    elif roll < sum(rates[:2]):
        values["kontrakteier"] = "99"
    elif roll < sum(rates[:3]):
        number = values["laerebedrift_orgnr"] or values["opplaeringskontor_orgnr"]
        wrong = (int(number[-1]) + 1) % 10
        key = "laerebedrift_orgnr" if values["laerebedrift_orgnr"] else "opplaeringskontor_orgnr"
        values[key] = number[:-1] + str(wrong)
    elif roll < sum(rates[:4]):
        for key in ("laerebedrift_orgnr", "laerebedrift_navn", "laerebedrift_nlr"):
            values[key] = ""
        for key in ("opplaeringskontor_orgnr", "opplaeringskontor_navn", "opplaeringskontor_nor"):
            values[key] = ""
    else:
        values["kontrakt_start"] = "31.02.2025"  # no such day


def to_csv(rows: Iterator[list[str]], encoding: str = "utf-8") -> bytes:
    """The extract as VIGO delivers it: `;`-separated with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def to_xlsx(rows: Iterator[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Uttrekk")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
