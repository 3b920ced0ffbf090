from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.policy_body import PolicyBody
from ...models.policy_out import PolicyOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    vendor_id: UUID,
    *,
    body: PolicyBody,
    program_id: None | Unset | UUID = UNSET,
    if_match: str,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match



    

    params: dict[str, Any] = {}

    json_program_id: None | str | Unset
    if isinstance(program_id, Unset):
        json_program_id = UNSET
    elif isinstance(program_id, UUID):
        json_program_id = str(program_id)
    else:
        json_program_id = program_id
    params["program_id"] = json_program_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/vendors/{vendor_id}/sla-policy".format(vendor_id=quote(str(vendor_id), safe=""),),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PolicyOut | Problem | None:
    if response.status_code == 200:
        response_200 = PolicyOut.from_dict(response.json())



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

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PolicyOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PolicyBody,
    program_id: None | Unset | UUID = UNSET,
    if_match: str,

) -> Response[PolicyOut | Problem]:
    """ Set a vendor's (or a program's) approval SLA; it applies to clocks started later

    Args:
        vendor_id (UUID):
        program_id (None | Unset | UUID):
        if_match (str):
        body (PolicyBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyOut | Problem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
body=body,
program_id=program_id,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PolicyBody,
    program_id: None | Unset | UUID = UNSET,
    if_match: str,

) -> PolicyOut | Problem | None:
    """ Set a vendor's (or a program's) approval SLA; it applies to clocks started later

    Args:
        vendor_id (UUID):
        program_id (None | Unset | UUID):
        if_match (str):
        body (PolicyBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyOut | Problem
     """


    return sync_detailed(
        vendor_id=vendor_id,
client=client,
body=body,
program_id=program_id,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PolicyBody,
    program_id: None | Unset | UUID = UNSET,
    if_match: str,

) -> Response[PolicyOut | Problem]:
    """ Set a vendor's (or a program's) approval SLA; it applies to clocks started later

    Args:
        vendor_id (UUID):
        program_id (None | Unset | UUID):
        if_match (str):
        body (PolicyBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyOut | Problem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
body=body,
program_id=program_id,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PolicyBody,
    program_id: None | Unset | UUID = UNSET,
    if_match: str,

) -> PolicyOut | Problem | None:
    """ Set a vendor's (or a program's) approval SLA; it applies to clocks started later

    Args:
        vendor_id (UUID):
        program_id (None | Unset | UUID):
        if_match (str):
        body (PolicyBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyOut | Problem
     """


    return (await asyncio_detailed(
        vendor_id=vendor_id,
client=client,
body=body,
program_id=program_id,
if_match=if_match,

    )).parsed
