from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.api_client_with_secret import ApiClientWithSecret
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    api_client_id: UUID,
    *,
    if_match: str,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/api-clients/{api_client_id}/rotate-secret".format(api_client_id=quote(str(api_client_id), safe=""),),
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiClientWithSecret | Problem | None:
    if response.status_code == 200:
        response_200 = ApiClientWithSecret.from_dict(response.json())



        return response_200

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())



        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ApiClientWithSecret | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    api_client_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
    idempotency_key: str | Unset = UNSET,

) -> Response[ApiClientWithSecret | Problem]:
    """ Replace the client's secret; the old one stops working at once

    Args:
        api_client_id (UUID):
        if_match (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiClientWithSecret | Problem]
     """


    kwargs = _get_kwargs(
        api_client_id=api_client_id,
if_match=if_match,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    api_client_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
    idempotency_key: str | Unset = UNSET,

) -> ApiClientWithSecret | Problem | None:
    """ Replace the client's secret; the old one stops working at once

    Args:
        api_client_id (UUID):
        if_match (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiClientWithSecret | Problem
     """


    return sync_detailed(
        api_client_id=api_client_id,
client=client,
if_match=if_match,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    api_client_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
    idempotency_key: str | Unset = UNSET,

) -> Response[ApiClientWithSecret | Problem]:
    """ Replace the client's secret; the old one stops working at once

    Args:
        api_client_id (UUID):
        if_match (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiClientWithSecret | Problem]
     """


    kwargs = _get_kwargs(
        api_client_id=api_client_id,
if_match=if_match,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    api_client_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
    idempotency_key: str | Unset = UNSET,

) -> ApiClientWithSecret | Problem | None:
    """ Replace the client's secret; the old one stops working at once

    Args:
        api_client_id (UUID):
        if_match (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiClientWithSecret | Problem
     """


    return (await asyncio_detailed(
        api_client_id=api_client_id,
client=client,
if_match=if_match,
idempotency_key=idempotency_key,

    )).parsed
