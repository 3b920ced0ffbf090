"""The event types dealreg emits: one catalogue, which the event log refuses to go beyond
(`event_row`), webhook endpoints and the feed's `types` are checked against, and the OpenAPI
document lists (its `EventType` enum and its `webhooks`).

A subscription names an event type exactly or all of one resource's with `prefix.*`
(`registration.*`); an empty list is every event.
"""

import difflib
import enum

from dealreg.errors import FieldError, field_error


class EventType(enum.StrEnum):
    registration_submitted = "registration.submitted"
    registration_conflict_detected = "registration.conflict_detected"
    registration_review_started = "registration.review_started"
    registration_assigned = "registration.assigned"
    registration_info_requested = "registration.info_requested"
    registration_resubmitted = "registration.resubmitted"
    registration_approved = "registration.approved"
    registration_rejected = "registration.rejected"
    registration_withdrawn = "registration.withdrawn"
    registration_stage_changed = "registration.stage_changed"
    registration_won = "registration.won"
    registration_lost = "registration.lost"
    registration_cancelled = "registration.cancelled"
    registration_extension_requested = "registration.extension_requested"
    registration_extension_granted = "registration.extension_granted"
    registration_extension_refused = "registration.extension_refused"
    registration_expiring = "registration.expiring"
    registration_expired = "registration.expired"
    sla_reminder = "sla.reminder"
    sla_at_risk = "sla.at_risk"
    sla_breached = "sla.breached"
    sla_escalated = "sla.escalated"
    lead_created = "lead.created"
    lead_forwarded = "lead.forwarded"
    lead_assigned = "lead.assigned"
    lead_accepted = "lead.accepted"
    lead_rejected = "lead.rejected"
    lead_recalled = "lead.recalled"
    lead_disposition = "lead.disposition"
    lead_converted = "lead.converted"
    lead_first_touch_overdue = "lead.first_touch_overdue"
    partner_engagement_threshold_reached = "partner.engagement_threshold_reached"
    webhook_endpoint_disabled = "webhook_endpoint.disabled"


# What each type says happened, for the document's `webhooks` and the registry of types.
MEANINGS: dict[EventType, str] = {
    EventType.registration_submitted: "A partner submitted a deal: this registration, one per "
    "vendor on the deal, was created.",
    EventType.registration_conflict_detected: "The registration was found to overlap another "
    "partner's active registration at the same vendor (same customer, a shared product).",
    EventType.registration_review_started: "The vendor started reviewing the registration.",
    EventType.registration_assigned: "The vendor assigned the registration to an approver.",
    EventType.registration_info_requested: "The vendor asked the partner a question; the SLA "
    "clock is paused until the partner resubmits.",
    EventType.registration_resubmitted: "The partner answered the vendor's question; review "
    "resumes.",
    EventType.registration_approved: "The vendor approved the registration (or a rule or the "
    "SLA's breach action did): it is protected until `expires_at`.",
    EventType.registration_rejected: "The vendor rejected the registration.",
    EventType.registration_withdrawn: "The partner withdrew the registration before a decision.",
    EventType.registration_stage_changed: "The sales stage of an approved registration moved "
    "forward (proposal, negotiation).",
    EventType.registration_won: "The deal was closed won.",
    EventType.registration_lost: "The deal was closed lost.",
    EventType.registration_cancelled: "The vendor cancelled an approved registration.",
    EventType.registration_extension_requested: "The partner asked for the protection to be "
    "extended.",
    EventType.registration_extension_granted: "The vendor extended the protection.",
    EventType.registration_extension_refused: "The vendor refused to extend the protection.",
    EventType.registration_expiring: "The protection ends soon (within 14 days).",
    EventType.registration_expired: "The protection lapsed.",
    EventType.sla_reminder: "Half of the approval target has passed without a decision.",
    EventType.sla_at_risk: "The approval target passed without a decision.",
    EventType.sla_breached: "The hard limit passed without a decision: a breach was recorded "
    "and the policy's breach action applied.",
    EventType.sla_escalated: "A breach was escalated to the vendor's escalation contact.",
    EventType.lead_created: "The vendor created a lead (not yet forwarded).",
    EventType.lead_forwarded: "The vendor forwarded the lead to a partner.",
    EventType.lead_assigned: "The partner's admin assigned the lead to a rep.",
    EventType.lead_accepted: "The partner accepted the lead.",
    EventType.lead_rejected: "The partner rejected the lead, with a reason.",
    EventType.lead_recalled: "The lead went back to the vendor (not accepted in time, or "
    "recalled).",
    EventType.lead_disposition: "The partner reported what it did with the lead (first touch, "
    "follow-up, qualified, won, lost...).",
    EventType.lead_converted: "The lead became a deal registration.",
    EventType.lead_first_touch_overdue: "The partner has not reported a first touch in time.",
    EventType.partner_engagement_threshold_reached: "A partner's engagement score crossed the "
    "vendor's threshold and a call task was made for its channel team (the vendor's alone; "
    "`details` names the task, the score and the threshold).",
    EventType.webhook_endpoint_disabled: "A webhook endpoint failed every delivery for days and "
    "was disabled.",
}

# The resources whose every type a `prefix.*` subscription names.
RESOURCES: tuple[str, ...] = tuple(dict.fromkeys(t.value.split(".", 1)[0] for t in EventType))
WILDCARDS: tuple[str, ...] = tuple(f"{resource}.*" for resource in RESOURCES)
SUBSCRIBABLE: tuple[str, ...] = (*(t.value for t in EventType), *WILDCARDS)


def is_known(type_: str) -> bool:
    return type_ in EventType._value2member_map_


def matches(wanted: str, type_: str) -> bool:
    """Whether a subscription to `wanted` (a type, or `prefix.*`) takes events of `type_`."""
    return wanted == type_ or (wanted.endswith(".*") and type_.startswith(wanted[:-1]))


def unknown_error(wanted: str, *, pointer: str | None = None) -> FieldError | None:
    """Why `wanted` is not something to subscribe to (with the nearest type, as a misspelling
    usually is one), None when it is."""
    if wanted in SUBSCRIBABLE:
        return None
    near = difflib.get_close_matches(wanted, SUBSCRIBABLE, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else " (see the EventType enum)."
    detail = f"{wanted!r} is not an event type{hint}"
    suggestion = near[0] if near else None
    if pointer is None:
        return field_error(
            "enum",
            detail=detail,
            parameter="types",
            location="query",
            value=wanted,
            suggestion=suggestion,
        )
    return field_error("enum", detail=detail, pointer=pointer, value=wanted, suggestion=suggestion)
