"""The registry of problem types: every `type` the API answers with, what it means, what a client
does about it, and the extension members it may carry beside the standard ones.

The pages at `/problems` and the problem schemas of the OpenAPI document are made from it
(api/problems.py); tests/api/test_problems.py holds it to the code: every `DealRegError` subclass
and every type Litestar's own errors are given (errors.py `HTTP_TYPES`) has an entry here, with
the same status and title.

Each `type` is `https://dealreg.dev/problems/<name>`: one identifier on every installation (RFC 9457
§3.1.1 asks types to be stable; a client compares them, and one keyed to each installation's host
would differ between a staging and a production server). The same page is served by every
installation at `/problems/<name>`, so a person can read it without the internet.
"""

from typing import Any

import msgspec

from dealreg.incentives.models import PayoutStatus
from dealreg.leads.models import LeadStatus
from dealreg.registrations.models import RegistrationStatus, SalesStage


class Member(msgspec.Struct, frozen=True):
    """An extension member: its JSON Schema and what it says."""

    schema: dict[str, Any]
    description: str


class ProblemType(msgspec.Struct, frozen=True, kw_only=True):
    type: str
    status: int | None
    title: str
    meaning: str
    action: str
    members: dict[str, Member] = {}


def _enum(values: type[Any]) -> dict[str, Any]:
    return {"type": "string", "enum": [v.value for v in values]}


_OAUTH = {
    "error": Member(
        {"type": "string"}, "The RFC 6749 §5.2 error code (`invalid_grant`, `invalid_client`...)."
    ),
    "error_description": Member({"type": "string"}, "The same as `detail`, for OAuth2 clients."),
}
_REGISTRATION_STATUS = Member(
    _enum(RegistrationStatus), "The registration's status, which did not allow the action."
)

_TYPES = [
    # --- the request itself -------------------------------------------------------------------
    ProblemType(
        type="bad-request",
        status=400,
        title="Bad request",
        meaning="The request cannot be served as sent.",
        action="Read `detail`, correct the request and send it again.",
    ),
    ProblemType(
        type="malformed-body",
        status=400,
        title="Malformed request body",
        meaning="The body is not JSON, or nests deeper than the API reads.",
        action="Send a JSON document of the operation's request schema.",
    ),
    ProblemType(
        type="invalid-parameter",
        status=400,
        title="Invalid parameter",
        meaning="A path, query or header parameter is not valid, or the query carries a "
        "parameter the operation does not take.",
        action="Each item of `errors` names the parameter (`parameter`, `location`) and why; "
        "correct it. A misspelt query parameter is refused rather than ignored.",
    ),
    ProblemType(
        type="invalid-cursor",
        status=400,
        title="Invalid cursor",
        meaning="The `cursor` (or `after`) is not one this list handed out, or belongs to "
        "another way of paging.",
        action="Start again from the first page, without a cursor, and follow `next_cursor`.",
    ),
    ProblemType(
        type="invalid-idempotency-key",
        status=400,
        title="Invalid Idempotency-Key",
        meaning="The Idempotency-Key header is empty, too long or not printable ASCII.",
        action="Send a fresh random key (a UUID) per operation, the same one on its retries.",
    ),
    ProblemType(
        type="unsupported-media-type",
        status=415,
        title="Unsupported media type",
        meaning="The body is sent as something other than JSON.",
        action="Send the body with `Content-Type: application/json`.",
    ),
    ProblemType(
        type="payload-too-large",
        status=413,
        title="Request body too large",
        meaning="The body is over the installation's size limit.",
        action="Send less in one request (fewer items of a bulk import, shorter texts).",
    ),
    ProblemType(
        type="validation-error",
        status=422,
        title="The request is not valid",
        meaning="The body is well-formed JSON but does not match the schema, or a field breaks "
        "a rule (an unknown time zone, a role that does not fit the organization...).",
        action="Each item of `errors` points at the field (`pointer`, a JSON Pointer into the "
        "body) and says why; show it beside the field and let the person correct it.",
    ),
    ProblemType(
        type="method-not-allowed",
        status=405,
        title="Method not allowed",
        meaning="The URL exists but does not take this HTTP method.",
        action="Use a method the `Allow` header lists.",
    ),
    ProblemType(
        type="not-acceptable",
        status=406,
        title="Not acceptable",
        meaning="The `Accept` header asks for a representation the operation does not offer.",
        action="Accept `application/json` (or the media type the operation documents).",
    ),
    ProblemType(
        type="http-error",
        status=None,
        title="HTTP error",
        meaning="An HTTP error with no more specific type; `status` and `title` say which.",
        action="Read `detail`; treat it by its status.",
    ),
    # --- who is asking -------------------------------------------------------------------------
    ProblemType(
        type="unauthenticated",
        status=401,
        title="Authentication required",
        meaning="No access token, or one that is expired, revoked, malformed or no longer "
        "valid for its holder.",
        action="Refresh the token (or sign in again) and retry with `Authorization: Bearer`.",
    ),
    ProblemType(
        type="forbidden",
        status=403,
        title="Not allowed",
        meaning="The caller's role or the token's scopes do not allow this.",
        action="Do not retry as is: ask an administrator for the role or the scope.",
    ),
    ProblemType(
        type="account-disabled",
        status=403,
        title="This account is disabled",
        meaning="The account the link or sign-in is for has been disabled.",
        action="Ask the organization's administrator to enable it again.",
    ),
    ProblemType(
        type="wrong-password",
        status=403,
        title="The current password is wrong",
        meaning="Changing a password needs the current one, and the one given is not it.",
        action="Ask the person for their current password again.",
    ),
    ProblemType(
        type="too-many-requests",
        status=429,
        title="Too many requests",
        meaning="The caller used up a rate limit (per token, per address or per account).",
        action="Wait the `Retry-After` seconds before retrying; the `RateLimit` headers say "
        "how much is left.",
    ),
    # --- OAuth2 token endpoint -------------------------------------------------------------
    ProblemType(
        type="invalid-client",
        status=401,
        title="Client authentication failed",
        meaning="The client id or secret is wrong, or the client is disabled.",
        action="Check the client's credentials; a rotated secret must be updated.",
        members=_OAUTH,
    ),
    ProblemType(
        type="invalid-scope",
        status=400,
        title="Scope not allowed",
        meaning="The token request asks for a scope the client or user may not have.",
        action="Ask for the scopes the client was granted (or fewer).",
        members=_OAUTH,
    ),
    ProblemType(
        type="unsupported-grant-type",
        status=400,
        title="Unsupported grant type",
        meaning="The token endpoint does not serve this `grant_type`.",
        action="Use a grant type the server's metadata lists (`grant_types_supported`).",
        members=_OAUTH,
    ),
    ProblemType(
        type="invalid-token-request",
        status=400,
        title="Invalid token request",
        meaning="The token request lacks a parameter or carries a malformed one.",
        action="Send the parameters RFC 6749 asks for this grant.",
        members=_OAUTH,
    ),
    ProblemType(
        type="invalid-grant",
        status=400,
        title="Invalid grant",
        meaning="The authorization code or refresh token is invalid, expired, used or revoked, "
        "or the PKCE verifier does not match.",
        action="Start the sign-in again; a refresh token is used once and then replaced.",
        members=_OAUTH,
    ),
    ProblemType(
        type="unauthorized-client",
        status=400,
        title="Client not allowed this grant",
        meaning="This client may not use this grant type.",
        action="Use the grant the client was registered for.",
        members=_OAUTH,
    ),
    ProblemType(
        type="unsupported-token-type",
        status=400,
        title="Unsupported token type",
        meaning="Revocation was asked for a kind of token it does not handle.",
        action="Revoke a refresh token or an access token.",
        members=_OAUTH,
    ),
    # --- what is not there ---------------------------------------------------------------------
    *(
        ProblemType(
            type=type_,
            status=404,
            title=title,
            meaning=f"No {what} with this identifier is visible to the caller: none exists, "
            "or it belongs to another organization.",
            action="Check the identifier; do not retry as is.",
        )
        for type_, title, what in [
            ("not-found", "Not found", "resource at this URL"),
            ("api-client-not-found", "Not found", "API client"),
            ("call-task-not-found", "Not found", "call task"),
            (
                "capability-assessment-not-found",
                "Not found",
                "capability assessment of this partner for this quarter",
            ),
            ("capability-template-not-found", "Not found", "capability template of this vendor"),
            ("deal-not-found", "Not found", "deal"),
            ("extension-request-not-found", "Not found", "extension request"),
            ("incentive-plan-not-found", "Incentive plan not found", "incentive plan"),
            ("invitation-not-found", "Not found", "invitation"),
            ("lead-not-found", "Not found", "lead"),
            ("oauth-app-not-found", "Not found", "OAuth app"),
            ("offer-not-found", "Not found", "offer"),
            ("organization-not-found", "Not found", "organization"),
            ("partnership-not-found", "Not found", "partnership"),
            ("payout-not-found", "Payout not found", "payout"),
            ("plan-not-found", "Not found", "partner plan for this quarter"),
            ("program-not-found", "Not found", "program"),
            ("registration-not-found", "Not found", "registration"),
            ("session-not-found", "Not found", "sign-in session"),
            ("sla-clock-not-found", "Not found", "approval clock"),
            ("user-not-found", "Not found", "user"),
            ("webhook-delivery-not-found", "Not found", "webhook delivery"),
            ("webhook-endpoint-not-found", "Not found", "webhook endpoint"),
        ]
    ),
    ProblemType(
        type="link-not-found",
        status=404,
        title="This link is not valid",
        meaning="The invitation or password-reset link is not one dealreg sent.",
        action="Ask for a new invitation or reset.",
    ),
    ProblemType(
        type="link-used",
        status=410,
        title="This link was already used",
        meaning="The invitation or password-reset link was used once already.",
        action="Sign in, or ask for a new reset.",
    ),
    ProblemType(
        type="link-expired",
        status=410,
        title="This link has expired",
        meaning="The invitation or password-reset link is past its time.",
        action="Ask for a new invitation or reset.",
    ),
    ProblemType(
        type="link-revoked",
        status=410,
        title="This link was withdrawn",
        meaning="A newer invitation or reset replaced this link, or it was withdrawn.",
        action="Use the newest link sent, or ask for a new one.",
    ),
    # --- state -----------------------------------------------------------------------------
    ProblemType(
        type="conflict",
        status=409,
        title="Conflict",
        meaning="The request conflicts with the resource's current state.",
        action="Read the resource again and decide whether the change still applies.",
    ),
    ProblemType(
        type="stale-version",
        status=412,
        title="The resource has changed",
        meaning="`If-Match` names a version that is no longer current: someone else changed "
        "the resource since it was read.",
        action="GET it again (new `ETag`), reapply the change if it still makes sense, and send "
        "it with the new `If-Match`.",
    ),
    ProblemType(
        type="precondition-required",
        status=428,
        title="If-Match required",
        meaning="The change needs `If-Match` with the `ETag` of the version it was made against.",
        action="GET the resource and send its `ETag` as `If-Match`.",
    ),
    ProblemType(
        type="illegal-transition",
        status=409,
        title="Not allowed in the registration's current state",
        meaning="The registration's status (or sales stage) does not allow this action: an "
        "approval of a rejected registration, a stage that does not move forward...",
        action="Read the registration again; `registration_status` says where it is now.",
        members={
            "registration_status": _REGISTRATION_STATUS,
            "registration_stage": Member(
                _enum(SalesStage), "The registration's sales stage, where that is the obstacle."
            ),
        },
    ),
    ProblemType(
        type="duplicate-registration",
        status=409,
        title="Already registered",
        meaning="The partner already holds an active registration at this vendor for the same "
        "customer and product.",
        action="Work on the existing registration. It is named when the caller may read it.",
        members={
            "registration_id": Member(
                {"type": "string", "format": "uuid"}, "The existing registration."
            ),
            "number": Member({"type": "string"}, "The existing registration's number."),
        },
    ),
    ProblemType(
        type="extension-not-allowed",
        status=409,
        title="No extension possible",
        meaning="The program allows no more extensions of this registration, or one is pending.",
        action="Wait for the pending request's decision; otherwise register again when it ends.",
    ),
    ProblemType(
        type="illegal-lead-transition",
        status=409,
        title="Not allowed in the lead's current state",
        meaning="The lead's status does not allow this action (accepting a recalled lead, a "
        "disposition before acceptance...).",
        action="Read the lead again; `lead_status` says where it is now.",
        members={
            "lead_status": Member(_enum(LeadStatus), "The lead's status."),
        },
    ),
    ProblemType(
        type="disposition-out-of-order",
        status=409,
        title="Not allowed after the lead's dispositions so far",
        meaning="The disposition would go back in the lead's progression (a first touch after "
        "`qualified`).",
        action="Report the dispositions in the order they happen.",
    ),
    ProblemType(
        type="fiscal-year-start-locked",
        status=409,
        title="The fiscal year start cannot move while plans exist",
        meaning="The vendor has partner plans, named by fiscal quarter; moving the fiscal year "
        "start would move the months of every one of them.",
        action="Keep the fiscal year start as it is (`fiscal_year_start_month` says what it is).",
        members={
            "fiscal_year_start_month": Member(
                {"type": "integer", "minimum": 1, "maximum": 12}, "The start month in force."
            )
        },
    ),
    ProblemType(
        type="no-capability-template",
        status=409,
        title="The vendor has no capability template yet",
        meaning="A partner is assessed on the attributes of its vendor's capability template, "
        "and the vendor has not defined one.",
        action="The vendor's admin puts the template first "
        "(`PUT /v1/vendors/{vendor_id}/capability-template`).",
    ),
    ProblemType(
        type="lead-accept-deadline-passed",
        status=409,
        title="The lead's accept deadline has passed",
        meaning="The lead was not accepted in time and goes back to the vendor.",
        action="Nothing to retry; ask the vendor to forward it again.",
        members={
            "accept_due_at": Member(
                {"type": "string", "format": "date-time"}, "When it had to be accepted."
            )
        },
    ),
    ProblemType(
        type="payout-not-ready",
        status=409,
        title="The payout cannot be paid now",
        meaning="Only a ready payout is paid; this one is paid or void already.",
        action="Read the payout again; `payout_status` says where it is.",
        members={"payout_status": Member(_enum(PayoutStatus), "The payout's status.")},
    ),
    ProblemType(
        type="idempotency-key-in-use",
        status=409,
        title="Request in progress",
        meaning="A request with this Idempotency-Key is still being processed.",
        action="Retry after `Retry-After` seconds with the same key: the first answer is then "
        "replayed.",
    ),
    ProblemType(
        type="idempotency-key-reused",
        status=422,
        title="Idempotency-Key reused",
        meaning="The Idempotency-Key was used before with a different request.",
        action="Use a new key for a new request; keep a key only for retries of the same one.",
    ),
    ProblemType(
        type="invitation-accepted",
        status=409,
        title="The invitation was accepted",
        meaning="The person already accepted this invitation.",
        action="Sign in instead.",
    ),
    *(
        ProblemType(
            type=type_,
            status=409,
            title="Conflict",
            meaning=meaning,
            action=action,
        )
        for type_, meaning, action in [
            (
                "cannot-disable-yourself",
                "An administrator cannot disable their own account.",
                "Ask another administrator.",
            ),
            (
                "duplicate-oauth-app",
                "An OAuth app with this client id exists already.",
                "Choose another client id.",
            ),
            (
                "duplicate-organization",
                "An organization with this name exists already.",
                "Use the existing organization, or another name.",
            ),
            (
                "duplicate-user",
                "A user with this email exists already.",
                "Use the existing user.",
            ),
            (
                "duplicate-partnership",
                "The partner is enrolled with this vendor already.",
                "Change the existing partnership.",
            ),
            (
                "duplicate-program",
                "The vendor has a program of this name already.",
                "Choose another name.",
            ),
            (
                "duplicate-product",
                "The program's catalogue has a product with this SKU already.",
                "Choose another SKU.",
            ),
        ]
    ),
    # --- rules -----------------------------------------------------------------------------
    ProblemType(
        type="invalid-deal",
        status=422,
        title="The deal does not meet the vendors' rules",
        meaning="The deal breaks a rule of a vendor on it: a product outside its catalogue, a "
        "missing extra field, a deal under the minimum size, no active partnership...",
        action="Each item of `errors` points at the field and names the vendor (`vendor_id`) "
        "whose rule it breaks; correct them, or drop that vendor's lines.",
    ),
    ProblemType(
        type="invalid-lead",
        status=422,
        title="The lead does not meet the vendor's rules",
        meaning="The lead breaks one of the vendor's rules (no active partnership with the "
        "partner, a rep outside it...).",
        action="Each item of `errors` points at the field; correct it.",
    ),
    ProblemType(
        type="lead-below-threshold",
        status=422,
        title="The lead's score is below the forwarding threshold",
        meaning="The vendor forwards only leads scoring at least its threshold.",
        action="Create the lead with `forward: false` and forward it once its engagements "
        "reach the threshold.",
        members={
            "score": Member({"type": "integer"}, "The lead's score."),
            "forward_threshold": Member({"type": "integer"}, "The vendor's threshold."),
        },
    ),
    # --- the server ------------------------------------------------------------------------
    ProblemType(
        type="internal-error",
        status=500,
        title="Internal server error",
        meaning="Something failed on the server; nothing was written.",
        action="Retry later; if it persists, report it with the response's `X-Request-ID`.",
    ),
    ProblemType(
        type="service-unavailable",
        status=503,
        title="Service unavailable",
        meaning="The service cannot serve now: no database connection came free in time, the "
        "database is away, or the request ran past its time limit. Nothing was written.",
        action="Retry after `Retry-After` seconds (with the same Idempotency-Key), or ask for "
        "less.",
    ),
    ProblemType(
        type="not-ready",
        status=503,
        title="Not ready",
        meaning="The process cannot reach its database: a load balancer should not send it "
        "requests.",
        action="Retry after `Retry-After` seconds.",
    ),
]

PROBLEM_TYPES: dict[str, ProblemType] = {problem.type: problem for problem in _TYPES}
