"""The supervisor sample: one professional supervisor per training company, from the same
extract as the apprentices.

Per company, the supervisor named on most of its in-sample contracts. A supervisor is
known by their case-folded e-mail address, else their mobile number, else their name; a
tie goes to the lowest key, so the same extract always gives the same supervisor. The
supervisor's county and office are those of most of the company's contracts (ties again to
the lowest). Companies where no contract names a supervisor are reported.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from surveys.sample import contact_checks
from surveys.sample.rules import InSample


@dataclass(frozen=True)
class Supervisor:
    company_orgnr: str
    key: str
    name: str
    email: str
    mobile: str
    county_id: int
    office_orgnr: str

    @property
    def person_key(self) -> str:
        """The participant's key in the supervisor round: one per company and supervisor
        (someone supervising in two companies answers for each), hashed so the key itself
        holds no contact data."""
        digest = hashlib.sha256(f"{self.company_orgnr}|{self.key}".encode()).hexdigest()
        return f"fl-{digest[:40]}"


def supervisor_key(name: str, email: str, mobile: str) -> str | None:
    valid_email = contact_checks.email(email) if email else None
    if valid_email:
        return "e:" + valid_email.casefold()
    valid_mobile = contact_checks.mobile(mobile) if mobile else None
    if valid_mobile:
        return "m:" + valid_mobile
    if name:
        return "n:" + name.casefold()
    return None


def _most(counter: Counter):
    """The most common value; a tie goes to the lowest."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def select(rows: Iterable[InSample]) -> tuple[list[Supervisor], list[str]]:
    """The supervisors, one per company, and the companies with no supervisor named."""
    named: dict[str, Counter] = defaultdict(Counter)
    first_seen: dict[tuple[str, str], InSample] = {}
    counties: dict[str, Counter] = defaultdict(Counter)
    offices: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        company = row.company_orgnr
        if not company:
            continue
        counties[company][row.county_id] += 1
        offices[company][row.office_orgnr] += 1
        key = supervisor_key(row.supervisor_name, row.supervisor_email, row.supervisor_mobile)
        if key is None:
            continue
        named[company][key] += 1
        first_seen.setdefault((company, key), row)

    supervisors = []
    for company in sorted(named):
        key = _most(named[company])
        row = first_seen[(company, key)]
        supervisors.append(
            Supervisor(
                company_orgnr=company,
                key=key,
                name=row.supervisor_name,
                email=row.supervisor_email,
                mobile=row.supervisor_mobile,
                county_id=_most(counties[company]),
                office_orgnr=_most(offices[company]),
            )
        )
    without = sorted(set(counties) - set(named))
    return supervisors, without
