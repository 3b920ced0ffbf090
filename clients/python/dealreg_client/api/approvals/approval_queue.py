from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.assigned import Assigned
from ...models.problem import Problem
from ...models.queue import Queue
from ...models.sla_state import SlaState
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    approver_id: None | Unset | UUID = UNSET,
    assigned: Assigned | None | Unset = UNSET,
    program_id: None | Unset | UUID = UNSET,
    sla_state: list[SlaState] | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_approver_id: None | str | Unset
    if isinstance(approver_id, Unset):
        json_approver_id = UNSET
    elif isinstance(approver_id, UUID):
        json_approver_id = str(approver_id)
    else:
        json_approver_id = approver_id
    params["approver_id"] = json_approver_id

    json_assigned: None | str | Unset
    if isinstance(assigned, Unset):
        json_assigned = UNSET
    elif isinstance(assigned, Assigned):
        json_assigned = assigned.value
    else:
        json_assigned = assigned
    params["assigned"] = json_assigned

    json_program_id: None | str | Unset
    if isinstance(program_id, Unset):
        json_program_id = UNSET
    elif isinstance(program_id, UUID):
        json_program_id = str(program_id)
    else:
        json_program_id = program_id
    params["program_id"] = json_program_id

    json_sla_state: list[str] | None | Unset
    if isinstance(sla_state, Unset):
        json_sla_state = UNSET
    elif isinstance(sla_state, list):
        json_sla_state = []
        for sla_state_type_0_item_data in sla_state:
            sla_state_type_0_item = sla_state_type_0_item_data.value
            json_sla_state.append(sla_state_type_0_item)


    else:
        json_sla_state = sla_state
    params["sla_state"] = json_sla_state

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
        "url": "/v1/approvals/queue",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Queue | None:
    if response.status_code == 200:
        response_200 = Queue.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Queue]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    approver_id: None | Unset | UUID = UNSET,
    assigned: Assigned | None | Unset = UNSET,
    program_id: None | Unset | UUID = UNSET,
    sla_state: list[SlaState] | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[Problem | Queue]:
    """ The vendor's open registrations, the most urgent SLA first, with their conflicts

     Breached first (the longest overdue first), then at risk, then by when the next SLA
    threshold falls due; those waiting on the partner last.

    Args:
        approver_id (None | Unset | UUID):
        assigned (Assigned | None | Unset): Only those assigned to you (`me`) or to nobody
            (`nobody`).
        program_id (None | Unset | UUID):
        sla_state (list[SlaState] | None | Unset): Only those in these SLA states (repeat the
            parameter for several).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Queue]
     """


    kwargs = _get_kwargs(
        approver_id=approver_id,
assigned=assigned,
program_id=program_id,
sla_state=sla_state,
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
    approver_id: None | Unset | UUID = UNSET,
    assigned: Assigned | None | Unset = UNSET,
    program_id: None | Unset | UUID = UNSET,
    sla_state: list[SlaState] | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Problem | Queue | None:
    """ The vendor's open registrations, the most urgent SLA first, with their conflicts

     Breached first (the longest overdue first), then at risk, then by when the next SLA
    threshold falls due; those waiting on the partner last.

    Args:
        approver_id (None | Unset | UUID):
        assigned (Assigned | None | Unset): Only those assigned to you (`me`) or to nobody
            (`nobody`).
        program_id (None | Unset | UUID):
        sla_state (list[SlaState] | None | Unset): Only those in these SLA states (repeat the
            parameter for several).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Queue
     """


    return sync_detailed(
        client=client,
approver_id=approver_id,
assigned=assigned,
program_id=program_id,
sla_state=sla_state,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    approver_id: None | Unset | UUID = UNSET,
    assigned: Assigned | None | Unset = UNSET,
    program_id: None | Unset | UUID = UNSET,
    sla_state: list[SlaState] | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[Problem | Queue]:
    """ The vendor's open registrations, the most urgent SLA first, with their conflicts

     Breached first (the longest overdue first), then at risk, then by when the next SLA
    threshold falls due; those waiting on the partner last.

    Args:
        approver_id (None | Unset | UUID):
        assigned (Assigned | None | Unset): Only those assigned to you (`me`) or to nobody
            (`nobody`).
        program_id (None | Unset | UUID):
        sla_state (list[SlaState] | None | Unset): Only those in these SLA states (repeat the
            parameter for several).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Queue]
     """


    kwargs = _get_kwargs(
        approver_id=approver_id,
assigned=assigned,
program_id=program_id,
sla_state=sla_state,
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
    approver_id: None | Unset | UUID = UNSET,
    assigned: Assigned | None | Unset = UNSET,
    program_id: None | Unset | UUID = UNSET,
    sla_state: list[SlaState] | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Problem | Queue | None:
    """ The vendor's open registrations, the most urgent SLA first, with their conflicts

     Breached first (the longest overdue first), then at risk, then by when the next SLA
    threshold falls due; those waiting on the partner last.

    Args:
        approver_id (None | Unset | UUID):
        assigned (Assigned | None | Unset): Only those assigned to you (`me`) or to nobody
            (`nobody`).
        program_id (None | Unset | UUID):
        sla_state (list[SlaState] | None | Unset): Only those in these SLA states (repeat the
            parameter for several).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Queue
     """


    return (await asyncio_detailed(
        client=client,
approver_id=approver_id,
assigned=assigned,
program_id=program_id,
sla_state=sla_state,
limit=limit,
cursor=cursor,

    )).parsed
