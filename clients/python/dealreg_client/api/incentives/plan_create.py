from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.plan_in import PlanIn
from ...models.plan_out import PlanOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    program_id: UUID,
    *,
    body: PlanIn,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/programs/{program_id}/incentive-plans".format(program_id=quote(str(program_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlanOut | Problem | None:
    if response.status_code == 201:
        response_201 = PlanOut.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PlanOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanIn,
    idempotency_key: str | Unset = UNSET,

) -> Response[PlanOut | Problem]:
    """ Make the next version of the program's incentive plan

     Registrations submitted from now on earn by this version; those submitted before keep theirs. Rates,
    shares and multipliers are basis points (2500 = 25 %, 12500 = 1.25x); amounts are minor units of the
    program's currency. A milestone pays `fixed` or `margin_share_bp` of the deal margin (amount x
    `margin_rate_bp`), times the partner's tier multiplier, rounded half-even to the minor unit once,
    within `per_deal_cap` over the registration.

    Args:
        program_id (UUID):
        idempotency_key (str | Unset):
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanOut | Problem]
     """


    kwargs = _get_kwargs(
        program_id=program_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanIn,
    idempotency_key: str | Unset = UNSET,

) -> PlanOut | Problem | None:
    """ Make the next version of the program's incentive plan

     Registrations submitted from now on earn by this version; those submitted before keep theirs. Rates,
    shares and multipliers are basis points (2500 = 25 %, 12500 = 1.25x); amounts are minor units of the
    program's currency. A milestone pays `fixed` or `margin_share_bp` of the deal margin (amount x
    `margin_rate_bp`), times the partner's tier multiplier, rounded half-even to the minor unit once,
    within `per_deal_cap` over the registration.

    Args:
        program_id (UUID):
        idempotency_key (str | Unset):
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanOut | Problem
     """


    return sync_detailed(
        program_id=program_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanIn,
    idempotency_key: str | Unset = UNSET,

) -> Response[PlanOut | Problem]:
    """ Make the next version of the program's incentive plan

     Registrations submitted from now on earn by this version; those submitted before keep theirs. Rates,
    shares and multipliers are basis points (2500 = 25 %, 12500 = 1.25x); amounts are minor units of the
    program's currency. A milestone pays `fixed` or `margin_share_bp` of the deal margin (amount x
    `margin_rate_bp`), times the partner's tier multiplier, rounded half-even to the minor unit once,
    within `per_deal_cap` over the registration.

    Args:
        program_id (UUID):
        idempotency_key (str | Unset):
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanOut | Problem]
     """


    kwargs = _get_kwargs(
        program_id=program_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PlanIn,
    idempotency_key: str | Unset = UNSET,

) -> PlanOut | Problem | None:
    """ Make the next version of the program's incentive plan

     Registrations submitted from now on earn by this version; those submitted before keep theirs. Rates,
    shares and multipliers are basis points (2500 = 25 %, 12500 = 1.25x); amounts are minor units of the
    program's currency. A milestone pays `fixed` or `margin_share_bp` of the deal margin (amount x
    `margin_rate_bp`), times the partner's tier multiplier, rounded half-even to the minor unit once,
    within `per_deal_cap` over the registration.

    Args:
        program_id (UUID):
        idempotency_key (str | Unset):
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanOut | Problem
     """


    return (await asyncio_detailed(
        program_id=program_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
