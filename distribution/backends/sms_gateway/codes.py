"""LINK Mobility's result codes, in one table, as GOV.UK Notify maps its providers' answers
to "temporary" and "permanent" failure.

The same codes come back in the answer to /sms/send (the message was taken, or why not)
and in a delivery report (what finally became of it). Source: LINK Mobility's "SMS REST API
MT and DLR" (version 1.18; its result-code table, as re-published with the OpenAPI document
in github.com/deveel/deveel.lm.client, `Models/ResultCodes.cs`, and used by
github.com/digitalcreations/sms_link `DeliveryReport.php`): 1000-1013 are the message's
progress, 0-105 transport errors, 2000-2207 refusals of the source, destination or
subscriber, 3000-4007 refusals of the content.

A code not in the table is permanent: the gateway answered, so the message may have gone,
and sending it again could send it twice; it is logged with its code for us to add here.
"""

from __future__ import annotations

from distribution.backends.results import Outcome

CODES: dict[int, tuple[Outcome, str]] = {
    # Transport errors.
    0: (Outcome.TEMPORARY, "unknown_error"),
    1: (Outcome.TEMPORARY, "temporary_routing_error"),
    2: (Outcome.PERMANENT, "permanent_routing_error"),
    3: (Outcome.TEMPORARY, "throttled"),
    4: (Outcome.TEMPORARY, "timeout"),
    5: (Outcome.TEMPORARY, "operator_unknown_error"),
    6: (Outcome.TEMPORARY, "operator_error"),
    104: (Outcome.PERMANENT, "configuration_error"),
    105: (Outcome.TEMPORARY, "gateway_internal_error"),
    # The message's progress.
    1000: (Outcome.ACCEPTED, "sent_to_operator"),
    1001: (Outcome.DELIVERED, "delivered"),
    1002: (Outcome.PERMANENT, "expired"),
    1003: (Outcome.PERMANENT, "deleted"),
    1004: (Outcome.PERMANENT, "mobile_full"),
    1005: (Outcome.ACCEPTED, "queued"),
    1006: (Outcome.PERMANENT, "not_delivered"),
    1007: (Outcome.DELIVERED, "delivered"),
    1008: (Outcome.ACCEPTED, "billed"),
    1009: (Outcome.PERMANENT, "not_delivered"),
    1010: (Outcome.PERMANENT, "expired_no_operator_report"),
    1011: (Outcome.ACCEPTED, "sent_to_operator"),
    1012: (Outcome.ACCEPTED, "delayed"),  # the gateway itself tries again
    1013: (Outcome.ACCEPTED, "sent_to_operator"),
    # The source (our sender id) refused: a configuration error, the same for every message.
    2000: (Outcome.PERMANENT, "invalid_source"),
    2001: (Outcome.PERMANENT, "source_not_supported"),
    2002: (Outcome.PERMANENT, "source_not_supported"),
    2003: (Outcome.PERMANENT, "source_not_supported"),
    # The destination.
    2100: (Outcome.UNKNOWN_NUMBER, "destination_not_supported"),
    2101: (Outcome.UNKNOWN_NUMBER, "destination_not_supported"),
    2102: (Outcome.UNKNOWN_NUMBER, "destination_not_supported"),
    2103: (Outcome.PERMANENT, "operation_blocked"),
    2104: (Outcome.UNKNOWN_NUMBER, "unknown_subscriber"),
    2105: (Outcome.PERMANENT, "destination_blocked"),
    2106: (Outcome.UNKNOWN_NUMBER, "number_error"),
    2107: (Outcome.TEMPORARY, "destination_temporarily_blocked"),
    # Charging (premium messages; ours are not, but the codes may come).
    2200: (Outcome.PERMANENT, "charging_error"),
    2201: (Outcome.PERMANENT, "subscriber_low_balance"),
    2202: (Outcome.PERMANENT, "subscriber_barred_premium"),
    2203: (Outcome.PERMANENT, "subscriber_too_young"),
    2204: (Outcome.PERMANENT, "prepaid_not_allowed"),
    2205: (Outcome.PERMANENT, "rejected_by_subscriber"),
    2206: (Outcome.PERMANENT, "subscriber_not_registered"),
    2207: (Outcome.PERMANENT, "subscriber_max_balance"),
    # The content.
    3000: (Outcome.PERMANENT, "encoding_not_supported"),
    3001: (Outcome.PERMANENT, "encoding_not_supported"),
    3002: (Outcome.PERMANENT, "encoding_not_supported"),
    4000: (Outcome.PERMANENT, "report_not_supported"),
    4001: (Outcome.PERMANENT, "invalid_content"),
    4002: (Outcome.PERMANENT, "invalid_tariff"),
    4003: (Outcome.PERMANENT, "invalid_user_data"),
    4004: (Outcome.PERMANENT, "invalid_user_data_header"),
    4005: (Outcome.PERMANENT, "invalid_data_coding"),
    4006: (Outcome.PERMANENT, "invalid_vat"),
    4007: (Outcome.PERMANENT, "content_not_supported"),
}


def outcome(code: int) -> tuple[Outcome, str]:
    """What `code` means for the message, and a reason (at most 40 characters with its code)."""
    return CODES.get(code, (Outcome.PERMANENT, "unknown_code"))
