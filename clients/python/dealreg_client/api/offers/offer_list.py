from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.account_disabled_problem import AccountDisabledProblem
from ...models.bad_request_problem import BadRequestProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.idempotency_key_reused_problem import IdempotencyKeyReusedProblem
from ...models.invalid_client_problem import InvalidClientProblem
from ...models.invalid_cursor_problem import InvalidCursorProblem
from ...models.invalid_deal_problem import InvalidDealProblem
from ...models.invalid_grant_problem import InvalidGrantProblem
from ...models.invalid_idempotency_key_problem import InvalidIdempotencyKeyProblem
from ...models.invalid_lead_problem import InvalidLeadProblem
from ...models.invalid_parameter_problem import InvalidParameterProblem
from ...models.invalid_scope_problem import InvalidScopeProblem
from ...models.invalid_token_request_problem import InvalidTokenRequestProblem
from ...models.lead_below_threshold_problem import LeadBelowThresholdProblem
from ...models.malformed_body_problem import MalformedBodyProblem
from ...models.not_ready_problem import NotReadyProblem
from ...models.offer_list import OfferList
from ...models.offer_state import OfferState
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.too_many_requests_problem import TooManyRequestsProblem
from ...models.unauthenticated_problem import UnauthenticatedProblem
from ...models.unauthorized_client_problem import UnauthorizedClientProblem
from ...models.unsupported_grant_type_problem import UnsupportedGrantTypeProblem
from ...models.unsupported_token_type_problem import UnsupportedTokenTypeProblem
from ...models.validation_error_problem import ValidationErrorProblem
from ...models.wrong_password_problem import WrongPasswordProblem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    partner_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    state: None | OfferState | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, OfferState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/offers",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem | None:
    if response.status_code == 200:
        response_200 = OfferList.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        def _parse_response_400(data: object) -> BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_0 = BadRequestProblem.from_dict(data)



                return componentsschemas_problem_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_1 = MalformedBodyProblem.from_dict(data)



                return componentsschemas_problem_400_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_2 = InvalidParameterProblem.from_dict(data)



                return componentsschemas_problem_400_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_3 = InvalidCursorProblem.from_dict(data)



                return componentsschemas_problem_400_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_4 = InvalidIdempotencyKeyProblem.from_dict(data)



                return componentsschemas_problem_400_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_5 = InvalidScopeProblem.from_dict(data)



                return componentsschemas_problem_400_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_6 = UnsupportedGrantTypeProblem.from_dict(data)



                return componentsschemas_problem_400_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_7 = InvalidTokenRequestProblem.from_dict(data)



                return componentsschemas_problem_400_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_8 = InvalidGrantProblem.from_dict(data)



                return componentsschemas_problem_400_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_9 = UnauthorizedClientProblem.from_dict(data)



                return componentsschemas_problem_400_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_400_type_10 = UnsupportedTokenTypeProblem.from_dict(data)



            return componentsschemas_problem_400_type_10

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:
        def _parse_response_401(data: object) -> InvalidClientProblem | UnauthenticatedProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_401_type_0 = UnauthenticatedProblem.from_dict(data)



                return componentsschemas_problem_401_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_401_type_1 = InvalidClientProblem.from_dict(data)



            return componentsschemas_problem_401_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:
        def _parse_response_403(data: object) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_403_type_0 = ForbiddenProblem.from_dict(data)



                return componentsschemas_problem_403_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_403_type_1 = AccountDisabledProblem.from_dict(data)



                return componentsschemas_problem_403_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_403_type_2 = WrongPasswordProblem.from_dict(data)



            return componentsschemas_problem_403_type_2

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 422:
        def _parse_response_422(data: object) -> IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_0 = ValidationErrorProblem.from_dict(data)



                return componentsschemas_problem_422_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_1 = IdempotencyKeyReusedProblem.from_dict(data)



                return componentsschemas_problem_422_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_2 = InvalidDealProblem.from_dict(data)



                return componentsschemas_problem_422_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_3 = InvalidLeadProblem.from_dict(data)



                return componentsschemas_problem_422_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_422_type_4 = LeadBelowThresholdProblem.from_dict(data)



            return componentsschemas_problem_422_type_4

        response_422 = _parse_response_422(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = TooManyRequestsProblem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        def _parse_response_503(data: object) -> NotReadyProblem | ServiceUnavailableProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_503_type_0 = ServiceUnavailableProblem.from_dict(data)



                return componentsschemas_problem_503_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_503_type_1 = NotReadyProblem.from_dict(data)



            return componentsschemas_problem_503_type_1

        response_503 = _parse_response_503(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    state: None | OfferState | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem]:
    """ List offers: the vendor's, a partner's own from every vendor, or all (channel ops)

    Args:
        partner_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        state (None | OfferState | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        partner_id=partner_id,
vendor_id=vendor_id,
state=state,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    state: None | OfferState | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem | None:
    """ List offers: the vendor's, a partner's own from every vendor, or all (channel ops)

    Args:
        partner_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        state (None | OfferState | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem
     """


    return sync_detailed(
        client=client,
partner_id=partner_id,
vendor_id=vendor_id,
state=state,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    state: None | OfferState | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem]:
    """ List offers: the vendor's, a partner's own from every vendor, or all (channel ops)

    Args:
        partner_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        state (None | OfferState | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        partner_id=partner_id,
vendor_id=vendor_id,
state=state,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    partner_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    state: None | OfferState | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem | None:
    """ List offers: the vendor's, a partner's own from every vendor, or all (channel ops)

    Args:
        partner_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        state (None | OfferState | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | OfferList | TooManyRequestsProblem
     """


    return (await asyncio_detailed(
        client=client,
partner_id=partner_id,
vendor_id=vendor_id,
state=state,
limit=limit,
cursor=cursor,

    )).parsed
