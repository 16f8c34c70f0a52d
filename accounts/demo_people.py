"""The demo's test persons and what (simulated) Altinn says each may act for.

Pure Python, shared by the application (its first page lists them) and the simulator
(its person picker and authorized-parties table). Identity numbers are synthetic:
month + 80, as in the national test data (Tenor), with valid check digits, so they can
never be a real person's.
"""

from dataclasses import dataclass, field

from accounts.demo_orgs import generate

# A main unit in Enhetsregisteret whose sub-unit is a demo training office: Altinn lists
# rights on the main unit with its sub-units, and only the sub-unit is known here.
MAIN_UNIT_ORGNR = "811111112"


@dataclass(frozen=True)
class DemoRight:
    orgnr: str
    name: str
    unit_type: str
    subunits: tuple["DemoRight", ...] = ()


@dataclass(frozen=True)
class DemoPerson:
    pid: str
    name: str
    role: str  # bokmål, shown on the demo's first page
    rights: tuple[DemoRight, ...] = field(default=())
    # Former counties Udir grants locally (Altinn no longer lists them).
    local_grants: tuple[str, ...] = ()


def synthetic_pid(day: int, month: int, year: int, individual: int) -> str:
    """An 11-digit identity number with month + 80 (synthetic) and valid check digits."""
    base = f"{day:02d}{month + 80:02d}{year % 100:02d}{individual:03d}"
    weights1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    weights2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    k1 = 11 - sum(int(d) * w for d, w in zip(base, weights1, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return synthetic_pid(day, month, year, individual + 1)
    k2 = 11 - sum(int(d) * w for d, w in zip(base + str(k1), weights2, strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    if k2 == 10:
        return synthetic_pid(day, month, year, individual + 1)
    return f"{base}{k1}{k2}"


def persons(seed: int) -> list[DemoPerson]:
    offices, _ = generate(seed)
    office = [DemoRight(o.orgnr, o.name, "FLI") for o in offices if o.nor_approved]
    return [
        DemoPerson(
            synthetic_pid(12, 3, 1985, 401),
            "Kari Fylke",
            "fylkesadministrator i Vestland",
            (DemoRight("821311632", "Vestland fylkeskommune", "FYLK"),),
        ),
        DemoPerson(
            synthetic_pid(4, 7, 1979, 402),
            "Ola Kontor",
            "administrator i Rogaland fylkeskommune og i et opplæringskontor",
            (DemoRight("971045698", "Rogaland fylkeskommune", "FYLK"), office[0]),
        ),
        DemoPerson(
            synthetic_pid(23, 11, 1990, 403),
            "Ingrid To",
            "ansatt i to opplæringskontor (det ene som underenhet)",
            (
                office[1],
                DemoRight(
                    MAIN_UNIT_ORGNR,
                    "Opplæringsringen AS",
                    "AS",
                    (DemoRight(office[2].orgnr, office[2].name, "BEDR"),),
                ),
            ),
        ),
        DemoPerson(
            synthetic_pid(2, 2, 1970, 404),
            "Per Tidligere",
            "administrator i Akershus, med lokal tilgang til tidligere Viken",
            (DemoRight("930580783", "Akershus fylkeskommune", "FYLK"),),
            local_grants=("921693230",),
        ),
        DemoPerson(synthetic_pid(30, 9, 2000, 405), "Nora Ingen", "uten tilgang"),
    ]
