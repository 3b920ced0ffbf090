import uuid
from typing import Any, Literal

import msgspec
from litestar import Request, get, put
from litestar.params import JSONBody

from dealreg.api.deps import Caller, Db
from dealreg.api.organizations import OrganizationOut
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY
from dealreg.api.throttling import refusal, sign_in_failure_checks, throttle_of
from dealreg.api.unit_of_work import ON_READS_ONLY
from dealreg.auth.credentials import Outcome, check_credentials
from dealreg.auth.service import current_user, set_password
from dealreg.errors import DealRegError, Forbidden
from dealreg.orgs import service
from dealreg.orgs.models import Role


class MeOut(msgspec.Struct, kw_only=True):
    kind: Literal["user", "client"]
    id: uuid.UUID
    role: Role
    scopes: list[str]
    organization: OrganizationOut
    email: str | None = None
    name: str | None = None


@get(
    "/v1/me",
    operation_id="meRead",
    tags=["me"],
    security=BEARER_SECURITY,
    responses=problems(),
    summary="Who the access token belongs to",
    opt=ON_READS_ONLY,
)
async def me(db: Db, principal: Caller) -> MeOut:
    org = await service.caller_organization(db, principal)
    user = current_user(db) if principal.kind == "user" else None
    return MeOut(
        kind=principal.kind,
        id=principal.subject_id,
        role=principal.role,
        scopes=sorted(principal.scopes),
        organization=OrganizationOut.of(org),
        email=user.email if user else None,
        name=user.name if user else None,
    )


class PasswordChange(msgspec.Struct, kw_only=True):
    current_password: str
    # The new one: the rules of auth/passwords.py (length, not a known or obvious one).
    password: str


class WrongPassword(DealRegError):
    status, type, title = 403, "wrong-password", "The current password is wrong"


@put(
    "/v1/me/password",
    operation_id="passwordChange",
    tags=["me"],
    security=BEARER_SECURITY,
    status_code=204,
    responses=problems(),
    summary="Change your password",
    description=(
        "Give the current password and a new one. Your other sessions end (every app there must "
        "sign you in again); this one goes on. A token of no session (`dealreg token`) ends too. "
        "Wrong current passwords count against the limits of failed sign-ins to your account."
    ),
)
async def change_my_password(
    request: Request[Any, Any, Any], db: Db, principal: Caller, data: JSONBody[PasswordChange]
) -> None:
    if principal.kind != "user":
        raise Forbidden("A machine client has no password.")
    user = await service.get_user(db, principal.subject_id)
    throttle = throttle_of(request.scope)
    address = throttle.address(request.scope)
    account = user.email.lower()
    checks = sign_in_failure_checks(request.app.state.settings, account, address)
    # The sign-in's own counts: a stolen token gains no second budget for guessing the password.
    async with throttle.serially("sign-in", f"{account} {address}"):
        counted = await throttle.sign_in_failures_left(checks)
        if any(usage.refused for usage in counted):
            raise refusal(counted, "Too many wrong passwords.")
        outcome, _ = await check_credentials(db, user.email, data.current_password)
        if outcome is Outcome.wrong:
            await throttle.sign_in_failed(checks)
    if outcome is not Outcome.signed_in:
        raise WrongPassword("The current password is wrong.")
    await set_password(db, user.email, data.password, keep_session=principal.session_id)
