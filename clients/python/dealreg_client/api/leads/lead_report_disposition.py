from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.disposition_input import DispositionInput
from ...models.disposition_result import DispositionResult
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    lead_id: UUID,
    *,
    body: DispositionInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/leads/{lead_id}/dispositions".format(lead_id=quote(str(lead_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DispositionResult | Problem | None:
    if response.status_code == 201:
        response_201 = DispositionResult.from_dict(response.json())



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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())



        return response_412

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DispositionResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    lead_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DispositionInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[DispositionResult | Problem]:
    """ Report what happened with an accepted lead, and when

     In order: `first_touch` first and once; `follow_up` any number of times; `qualified` once; then one
    final `won`, `lost` (with `lost_reason`) or `no_decision`. `converted` comes from `POST
    /v1/leads/{id}/convert`. Each happens no earlier than the acceptance and the disposition before it.
    If-Match is optional: a disposition adds to the lead's record and overwrites nothing, and an
    Idempotency-Key makes a retry safe.

    Args:
        lead_id (UUID):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (DispositionInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DispositionResult | Problem]
     """


    kwargs = _get_kwargs(
        lead_id=lead_id,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    lead_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DispositionInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> DispositionResult | Problem | None:
    """ Report what happened with an accepted lead, and when

     In order: `first_touch` first and once; `follow_up` any number of times; `qualified` once; then one
    final `won`, `lost` (with `lost_reason`) or `no_decision`. `converted` comes from `POST
    /v1/leads/{id}/convert`. Each happens no earlier than the acceptance and the disposition before it.
    If-Match is optional: a disposition adds to the lead's record and overwrites nothing, and an
    Idempotency-Key makes a retry safe.

    Args:
        lead_id (UUID):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (DispositionInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DispositionResult | Problem
     """


    return sync_detailed(
        lead_id=lead_id,
client=client,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    lead_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DispositionInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> Response[DispositionResult | Problem]:
    """ Report what happened with an accepted lead, and when

     In order: `first_touch` first and once; `follow_up` any number of times; `qualified` once; then one
    final `won`, `lost` (with `lost_reason`) or `no_decision`. `converted` comes from `POST
    /v1/leads/{id}/convert`. Each happens no earlier than the acceptance and the disposition before it.
    If-Match is optional: a disposition adds to the lead's record and overwrites nothing, and an
    Idempotency-Key makes a retry safe.

    Args:
        lead_id (UUID):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (DispositionInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DispositionResult | Problem]
     """


    kwargs = _get_kwargs(
        lead_id=lead_id,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    lead_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DispositionInput,
    if_match: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,

) -> DispositionResult | Problem | None:
    """ Report what happened with an accepted lead, and when

     In order: `first_touch` first and once; `follow_up` any number of times; `qualified` once; then one
    final `won`, `lost` (with `lost_reason`) or `no_decision`. `converted` comes from `POST
    /v1/leads/{id}/convert`. Each happens no earlier than the acceptance and the disposition before it.
    If-Match is optional: a disposition adds to the lead's record and overwrites nothing, and an
    Idempotency-Key makes a retry safe.

    Args:
        lead_id (UUID):
        if_match (str | Unset):
        idempotency_key (str | Unset):
        body (DispositionInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DispositionResult | Problem
     """


    return (await asyncio_detailed(
        lead_id=lead_id,
client=client,
body=body,
if_match=if_match,
idempotency_key=idempotency_key,

    )).parsed
