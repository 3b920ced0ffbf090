"""The pages behind the one-time links mailed to people: accept an invitation (set your name and
password), choose a new password after a reset, and ask for a reset.

Phone-first, server-rendered, under the report pages' policy (their own stylesheet and nothing
else loads or runs, forms post only here). A GET shows a form and spends nothing, so a mail
scanner that opens the link does no harm; the POST does the work. Forms carry a CSRF token that
matches the `dealreg_csrf` cookie set with the form (HttpOnly, SameSite=Strict, only for
`/account`; api/forms.py), and a POST from another origin is refused: another site cannot make a browser
accept an invitation or set a password it chose. A refusal is a page with the API's status
(nothing written: the unit of work rolls back every answer of 400 and above).
"""

from typing import Any

import msgspec
from litestar import Request, Response, get, post
from litestar.params import FromQuery, URLEncodedBody

from dealreg.api.deps import Db
from dealreg.api.forms import CsrfGuard
from dealreg.api.html import HTML_ERRORS, render_page
from dealreg.api.throttling import charge_address
from dealreg.auth import invitations, resets
from dealreg.auth.invitations import PAGE_PATH as INVITATION_PATH
from dealreg.auth.resets import PAGE_PATH as RESET_PATH
from dealreg.errors import DealRegError, Forbidden, InvalidInput, field_error
from dealreg.fields import Email

CSRF = CsrfGuard(form="account", cookie="dealreg_csrf", path="/account")
REQUEST_RESET_PATH = RESET_PATH + "/request"

_ACCOUNT: dict[str, Any] = {
    "opt": {"public": True},
    "include_in_schema": False,
    "exception_handlers": HTML_ERRORS,
}


class InvitationForm(msgspec.Struct):
    token: str = ""
    csrf: str = ""
    name: str = ""
    password: str = ""
    password_again: str = ""


class ResetForm(msgspec.Struct):
    token: str = ""
    csrf: str = ""
    password: str = ""
    password_again: str = ""


class ResetRequestForm(msgspec.Struct):
    csrf: str = ""
    email: str = ""


def _forged(request: Request[Any, Any, Any], sent: str) -> Response[str] | None:
    """The refusal (403) of a form this browser was not given here; None for one it was."""
    if CSRF.good(request, sent):
        return None
    return _refusal(
        Forbidden("This form has expired or was not sent from dealreg's page: open it again.")
    )


def _message(heading: str, text: str, status: int = 200) -> Response[str]:
    return render_page(
        "account_message.html", status, heading=heading, text=text, problem=False, code=None
    )


def _form(
    request: Request[Any, Any, Any], template: str, status: int = 200, **context: Any
) -> Response[str]:
    """A page with a form, its CSRF token in the form and its nonce in this browser's cookie."""
    csrf = CSRF.issue(request)
    page = render_page(template, status, csrf=csrf.value, **context)
    CSRF.set_cookie(request, page, csrf)
    return page


def _refusal(exc: DealRegError) -> Response[str]:
    return render_page(
        "account_message.html",
        exc.status,
        heading=exc.title,
        text=exc.detail,
        problem=True,
        code=exc.status,
    )


def _differ(data: InvitationForm | ResetForm) -> InvalidInput | None:
    if data.password == data.password_again:
        return None
    problem = "The two passwords differ; type the same one twice."
    error = field_error("mismatch", detail=problem, pointer="/password_again")
    return InvalidInput(problem, errors=[error])


async def _invitation_form(
    request: Request[Any, Any, Any],
    db: Db,
    token: str,
    *,
    name: str | None = None,
    refused: InvalidInput | None = None,
) -> Response[str]:
    try:
        _, user, org = await invitations.open_invitation(db, token)
    except DealRegError as exc:
        return _refusal(exc)
    return _form(
        request,
        "account_form.html",
        422 if refused else 200,
        heading=f"Join {org.name}",
        intro=f"You are invited to dealreg as a member of {org.name}. Choose your name and password.",
        action=INVITATION_PATH,
        token=token,
        email=user.email,
        ask_name=True,
        name=user.name if name is None else name,
        message=refused.detail if refused else None,
        button="Join",
    )


@get(INVITATION_PATH, **_ACCOUNT)
async def invitation_page(
    request: Request[Any, Any, Any], db: Db, token: FromQuery[str] = ""
) -> Response[str]:
    return await _invitation_form(request, db, token)


@post(INVITATION_PATH, status_code=200, **_ACCOUNT)
async def accept_invitation(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[InvitationForm]
) -> Response[str]:
    if forged := _forged(request, data.csrf):
        return forged
    refused = _differ(data)
    if refused is None:
        try:
            user = await invitations.accept(db, data.token, name=data.name, password=data.password)
        except InvalidInput as exc:
            refused = exc
        except DealRegError as exc:
            return _refusal(exc)
        else:
            return _message(
                "Welcome to dealreg",
                f"Your password is set. Sign in to dealreg with {user.email} and your new password.",
            )
    return await _invitation_form(request, db, data.token, name=data.name, refused=refused)


async def _reset_form(
    request: Request[Any, Any, Any], db: Db, token: str, *, refused: InvalidInput | None = None
) -> Response[str]:
    try:
        _, user = await resets.open_reset(db, token)
    except DealRegError as exc:
        return _refusal(exc)
    return _form(
        request,
        "account_form.html",
        422 if refused else 200,
        heading="Choose a new password",
        intro="Choose a new password. Setting it signs you out everywhere else.",
        action=RESET_PATH,
        token=token,
        email=user.email,
        ask_name=False,
        message=refused.detail if refused else None,
        button="Set password",
    )


@get(RESET_PATH, **_ACCOUNT)
async def reset_page(
    request: Request[Any, Any, Any], db: Db, token: FromQuery[str] = ""
) -> Response[str]:
    """With a link's token, the form for a new password; without, the form to ask for a link."""
    if not token:
        return _form(request, "account_request.html", action=REQUEST_RESET_PATH)
    return await _reset_form(request, db, token)


@post(RESET_PATH, status_code=200, **_ACCOUNT)
async def complete_reset(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[ResetForm]
) -> Response[str]:
    if forged := _forged(request, data.csrf):
        return forged
    refused = _differ(data)
    if refused is None:
        try:
            user = await resets.complete_reset(db, data.token, password=data.password)
        except InvalidInput as exc:
            refused = exc
        except DealRegError as exc:
            return _refusal(exc)
        else:
            return _message(
                "Password changed",
                "Your new password is set, and you are signed out everywhere else. Sign in "
                f"with {user.email} and your new password.",
            )
    return await _reset_form(request, db, data.token, refused=refused)


@post(REQUEST_RESET_PATH, status_code=202, **_ACCOUNT)
async def request_reset(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[ResetRequestForm]
) -> Response[str]:
    """The page's way to POST /v1/password-resets: the same answer whoever the email is."""
    if forged := _forged(request, data.csrf):
        return forged
    await charge_address(request.scope)
    try:
        email = msgspec.convert(data.email.strip(), Email)
    except msgspec.ValidationError:
        problem = "Type an email address."
        return _refusal(
            InvalidInput(
                problem,
                errors=[field_error("format", detail=problem, pointer="/email", format="email")],
            )
        )
    await resets.request_reset(db, email)
    return _message(
        "Check your mail",
        f"If {email} is a dealreg account's, a link to choose a new password is on its way. "
        "It works once, for 30 minutes.",
        status=202,
    )
