"""The quality report of a sample: whom the county or training office cannot reach (no
valid e-mail address or mobile number), whom a dispatch could not reach (an address that
bounced, a number the SMS gateway does not know: the participant's `email_refused` and
`mobile_refused`, marked by distribution/, which this app never imports), and whom the
extract left out and why, so they can fix it in VIGO before the deadline. Scoped like the
sample itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext as _

from accounts.models import Organisation
from surveys.models import Participant, RejectedRow, Round, Survey
from surveys.sample import contact_checks
from surveys.sample.rules import REASONS


@dataclass(frozen=True)
class Line:
    group: str  # what kind of problem: "warning", "unreachable" or "rejected"
    who: str  # apprentice or supervisor
    person_key: str
    first_name: str
    last_name: str
    email: str  # as written in the extract
    mobile: str
    company: str
    office: str
    trade: str
    problem: str  # in words
    row_number: int | None = None


def _contact_lines(organisation: Organisation, round_: Round) -> list[Line]:
    people = (
        Participant.objects.for_organisation(organisation)
        .filter(round__year=round_.year)
        .active()
        .exclude(warnings=[])
        .select_related("round", "company", "office")
        .order_by("round__survey", "last_name", "first_name", "pk")
    )
    lines = []
    for person in people:
        supervisor = person.round.survey == Survey.SUPERVISOR
        lines.append(
            Line(
                group="warning",
                who=_("Faglig leder") if supervisor else person.get_contract_type_display(),
                person_key="" if supervisor else person.person_key,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email or person.email_in_extract,
                mobile=person.mobile or person.mobile_in_extract,
                company=person.company.name if person.company else "",
                office=person.office.name if person.office else "",
                trade=person.trade_name,
                problem=_contact_problem(
                    person.warnings,
                    person.email or person.email_in_extract,
                    person.mobile or person.mobile_in_extract,
                ),
            )
        )
    return lines


def _contact_problem(warnings: list[str], email: str, mobile: str) -> str:
    """One sentence per person, saying why each value will not do. The warnings overlap
    (an invalid e-mail address and an invalid number also mean "no valid contact"), and a
    row showing all three said the same thing three times."""
    parts = []
    if "invalid_email" in warnings:
        parts.append(
            _("e-postadressen %(value)s: %(why)s")
            % {"value": email, "why": contact_checks.why_not_email(email)}
        )
    if "invalid_mobile" in warnings:
        parts.append(
            _("mobilnummeret %(value)s: %(why)s")
            % {"value": mobile, "why": contact_checks.why_not_mobile(mobile)}
        )
    if "no_contact" in warnings:
        if not parts:
            return _("Kan ikke nås: mangler både e-postadresse og mobilnummer.")
        if not email:
            parts.append(_("ingen e-postadresse"))
        if not mobile:
            parts.append(_("ingen mobilnummer"))
        reasons = "; ".join(parts)
        return _("Kan ikke nås: %(reasons)s.") % {"reasons": reasons}
    reasons = "; ".join(parts)
    if "invalid_mobile" in warnings:
        return _("Kan nås på e-post, ikke på SMS: %(reasons)s.") % {"reasons": reasons}
    return _("Kan nås på SMS, ikke på e-post: %(reasons)s.") % {"reasons": reasons}


def _unreachable_lines(organisation: Organisation, round_: Round) -> list[Line]:
    """Those whose address or number a dispatch found wrong, while it is still the one the
    sample holds (a corrected one in a later extract is tried again)."""
    people = (
        Participant.objects.for_organisation(organisation)
        .filter(round__year=round_.year)
        .active()
        .filter(
            (~Q(email_refused="") & Q(email_refused=F("email")))
            | (~Q(mobile_refused="") & Q(mobile_refused=F("mobile")))
        )
        .select_related("round", "company", "office")
        .order_by("round__survey", "last_name", "first_name", "pk")
    )
    lines = []
    for person in people:
        supervisor = person.round.survey == Survey.SUPERVISOR
        parts = []
        if person.email_refused and person.email_refused == person.email:
            parts.append(
                _(
                    "e-postadressen %(value)s ble avvist av mottakerens e-posttjeneste; rett "
                    "e-postadressen i VIGO"
                )
                % {"value": person.email}
            )
        if person.mobile_refused and person.mobile_refused == person.mobile:
            parts.append(
                _(
                    "mobilnummeret %(value)s finnes ikke, ifølge SMS-tjenesten; rett "
                    "mobilnummeret i VIGO"
                )
                % {"value": person.mobile}
            )
        lines.append(
            Line(
                group="unreachable",
                who=_("Faglig leder") if supervisor else person.get_contract_type_display(),
                person_key="" if supervisor else person.person_key,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                mobile=person.mobile,
                company=person.company.name if person.company else "",
                office=person.office.name if person.office else "",
                trade=person.trade_name,
                problem=_("Kunne ikke nås: %(reasons)s.") % {"reasons": "; ".join(parts)},
            )
        )
    return lines


def _rejected_lines(organisation: Organisation, round_: Round) -> list[Line]:
    rows = RejectedRow.objects.for_organisation(organisation).filter(round=round_)
    return [
        Line(
            group="rejected",
            who=_("Avvist fra utvalget"),
            person_key=row.person_key,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            mobile=row.mobile,
            company=row.company_name,
            office=row.office_name,
            trade=row.trade_name,
            problem=str(REASONS.get(row.reason, row.reason)),
            row_number=row.row_number,
        )
        # By the person, as the county knows them: a line of a file it never sees says nothing.
        for row in rows.order_by("last_name", "first_name", "person_key", "row_number")
    ]


def lines(organisation: Organisation, round_: Round) -> list[Line]:
    """Those in the sample who cannot be reached, those a dispatch could not reach, then the
    rows left out of it."""
    return (
        _contact_lines(organisation, round_)
        + _unreachable_lines(organisation, round_)
        + _rejected_lines(organisation, round_)
    )
