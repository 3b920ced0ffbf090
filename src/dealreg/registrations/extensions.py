"""Extensions of a registration's protection: the partner asks, the vendor grants or refuses."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import flush_unique
from dealreg.errors import InvalidInput, field_error
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch
from dealreg.registrations import repository, states
from dealreg.registrations.changes import record
from dealreg.registrations.errors import ExtensionNotAllowed, ExtensionNotFound
from dealreg.registrations.models import ExtensionRequest, ExtensionStatus, Registration
from dealreg.registrations.permissions import require_partner_side, require_vendor_decider
from dealreg.registrations.service import get_registration


def _lapsed(registration: Registration) -> bool:
    """Protection has run out, though the hourly sweep may not have expired it yet."""
    return registration.expires_at is not None and registration.expires_at <= datetime.now(UTC)


async def request_extension(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    days: int,
    reason: str,
) -> tuple[Registration, ExtensionRequest]:
    registration = await get_registration(session, actor, registration_id, for_update=True)
    require_partner_side(actor, "ask for an extension")
    if_match.check(registration.version)
    states.require_protected(registration)
    program = await repository.program_terms(session, registration.program_id)
    if days > program.extension_days:
        raise InvalidInput(
            f"The program extends protection by at most {program.extension_days} days.",
            errors=[
                field_error(
                    "maximum",
                    pointer="/days",
                    detail=f"at most {program.extension_days}",
                    maximum=program.extension_days,
                )
            ],
        )
    if registration.extensions_granted >= program.max_extensions:
        raise ExtensionNotAllowed(
            f"The program allows {program.max_extensions} extension(s); "
            f"{registration.number} has had {registration.extensions_granted}."
        )
    if registration.extension_pending:
        raise ExtensionNotAllowed(
            f"An extension of {registration.number} is already waiting for the vendor's decision."
        )
    if _lapsed(registration):
        raise ExtensionNotAllowed(f"The protection of {registration.number} has already lapsed.")
    request = ExtensionRequest(
        registration_id=registration.id, requested_by=actor.subject_id, days=days, reason=reason
    )
    registration.extension_pending = True
    await flush_unique(
        session,
        {
            "uq_extension_requests_pending": lambda: ExtensionNotAllowed(
                f"An extension of {registration.number} is already waiting for a decision."
            )
        },
        request,
    )
    change = states.unchanged(registration, action="extension_requested", reason=reason)
    await record(
        session, actor, registration, change, {"request_id": str(request.id), "days": days}
    )
    await session.flush()
    return registration, request


async def list_extensions(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID
) -> Sequence[ExtensionRequest]:
    registration = await get_registration(session, actor, registration_id)
    return await repository.extension_requests(session, registration.id)


async def decide_extension(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    request_id: uuid.UUID,
    *,
    if_match: IfMatch,
    grant: bool,
    days: int | None,
    reason: str | None,
) -> tuple[Registration, ExtensionRequest]:
    registration = await get_registration(session, actor, registration_id, for_update=True)
    request = await repository.get_extension_request(session, registration.id, request_id)
    if request is None:
        raise ExtensionNotFound(f"No extension request {request_id} of this registration.")
    require_vendor_decider(actor, "decide an extension")
    if_match.check(registration.version)
    if request.status is not ExtensionStatus.pending:
        raise ExtensionNotAllowed(f"This extension request was already {request.status.value}.")
    if days is not None and days > request.days:
        raise InvalidInput(
            f"The partner asked for {request.days} days; grant at most that.",
            errors=[
                field_error(
                    "maximum",
                    pointer="/days",
                    detail=f"at most {request.days}",
                    maximum=request.days,
                )
            ],
        )
    if grant and _lapsed(registration):
        raise ExtensionNotAllowed(
            f"The protection of {registration.number} lapsed before this decision."
        )
    if not grant and reason is None:
        raise InvalidInput(
            "Say why the extension is refused.",
            errors=[field_error("required", pointer="/reason", detail="required when refusing")],
        )
    request.decided_by = actor.subject_id
    request.decided_at = datetime.now(UTC)
    request.decision_reason = reason
    registration.extension_pending = False
    if grant:
        granted = days or request.days
        change = states.extend(registration, days=granted, reason=reason)
        request.status, request.granted_days = ExtensionStatus.granted, granted
    else:
        request.status = ExtensionStatus.refused
        change = states.unchanged(registration, action="extension_refused", reason=reason)
    data: dict[str, Any] = {"request_id": str(request.id), "days": request.granted_days}
    if registration.expires_at is not None:
        data["expires_at"] = registration.expires_at.isoformat()
    await record(session, actor, registration, change, data)
    await session.flush()
    return registration, request
