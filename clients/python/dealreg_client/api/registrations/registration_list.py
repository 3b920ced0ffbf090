from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.registration_list import RegistrationList
from ...models.registration_status import RegistrationStatus
from ...models.sales_stage import SalesStage
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    status: list[RegistrationStatus] | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    stage: None | SalesStage | Unset = UNSET,
    expiring_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)


    else:
        json_status = status
    params["status"] = json_status

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_rep_id: None | str | Unset
    if isinstance(rep_id, Unset):
        json_rep_id = UNSET
    elif isinstance(rep_id, UUID):
        json_rep_id = str(rep_id)
    else:
        json_rep_id = rep_id
    params["rep_id"] = json_rep_id

    json_stage: None | str | Unset
    if isinstance(stage, Unset):
        json_stage = UNSET
    elif isinstance(stage, SalesStage):
        json_stage = stage.value
    else:
        json_stage = stage
    params["stage"] = json_stage

    json_expiring_before: None | str | Unset
    if isinstance(expiring_before, Unset):
        json_expiring_before = UNSET
    elif isinstance(expiring_before, datetime.datetime):
        json_expiring_before = expiring_before.isoformat()
    else:
        json_expiring_before = expiring_before
    params["expiring_before"] = json_expiring_before

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/registrations",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RegistrationList | None:
    if response.status_code == 200:
        response_200 = RegistrationList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | RegistrationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: list[RegistrationStatus] | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    stage: None | SalesStage | Unset = UNSET,
    expiring_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Response[Problem | RegistrationList]:
    """ List registrations: a vendor's incoming, a partner's (a rep's own)

     `q` finds those whose number or customer's name contains it. Each row carries its approval clock's
    summary (`sla`, as `GET /v1/registrations/{id}/sla` says) and, while it waits on the partner, the
    vendor's question (`open_question`).

    Args:
        status (list[RegistrationStatus] | None | Unset): In any of these statuses: repeat it
            (`status=submitted&status=in_review`), as a rep's home screen lists the open ones.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        stage (None | SalesStage | Unset):
        expiring_before (datetime.datetime | None | Unset):
        q (None | str | Unset): What a person typed in a search box: rows containing it, ignoring
            case (leading and trailing blanks are dropped; only blanks search nothing).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RegistrationList]
     """


    kwargs = _get_kwargs(
        status=status,
vendor_id=vendor_id,
partner_id=partner_id,
rep_id=rep_id,
stage=stage,
expiring_before=expiring_before,
q=q,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    status: list[RegistrationStatus] | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    stage: None | SalesStage | Unset = UNSET,
    expiring_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Problem | RegistrationList | None:
    """ List registrations: a vendor's incoming, a partner's (a rep's own)

     `q` finds those whose number or customer's name contains it. Each row carries its approval clock's
    summary (`sla`, as `GET /v1/registrations/{id}/sla` says) and, while it waits on the partner, the
    vendor's question (`open_question`).

    Args:
        status (list[RegistrationStatus] | None | Unset): In any of these statuses: repeat it
            (`status=submitted&status=in_review`), as a rep's home screen lists the open ones.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        stage (None | SalesStage | Unset):
        expiring_before (datetime.datetime | None | Unset):
        q (None | str | Unset): What a person typed in a search box: rows containing it, ignoring
            case (leading and trailing blanks are dropped; only blanks search nothing).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RegistrationList
     """


    return sync_detailed(
        client=client,
status=status,
vendor_id=vendor_id,
partner_id=partner_id,
rep_id=rep_id,
stage=stage,
expiring_before=expiring_before,
q=q,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: list[RegistrationStatus] | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    stage: None | SalesStage | Unset = UNSET,
    expiring_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Response[Problem | RegistrationList]:
    """ List registrations: a vendor's incoming, a partner's (a rep's own)

     `q` finds those whose number or customer's name contains it. Each row carries its approval clock's
    summary (`sla`, as `GET /v1/registrations/{id}/sla` says) and, while it waits on the partner, the
    vendor's question (`open_question`).

    Args:
        status (list[RegistrationStatus] | None | Unset): In any of these statuses: repeat it
            (`status=submitted&status=in_review`), as a rep's home screen lists the open ones.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        stage (None | SalesStage | Unset):
        expiring_before (datetime.datetime | None | Unset):
        q (None | str | Unset): What a person typed in a search box: rows containing it, ignoring
            case (leading and trailing blanks are dropped; only blanks search nothing).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RegistrationList]
     """


    kwargs = _get_kwargs(
        status=status,
vendor_id=vendor_id,
partner_id=partner_id,
rep_id=rep_id,
stage=stage,
expiring_before=expiring_before,
q=q,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    status: list[RegistrationStatus] | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    stage: None | SalesStage | Unset = UNSET,
    expiring_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Problem | RegistrationList | None:
    """ List registrations: a vendor's incoming, a partner's (a rep's own)

     `q` finds those whose number or customer's name contains it. Each row carries its approval clock's
    summary (`sla`, as `GET /v1/registrations/{id}/sla` says) and, while it waits on the partner, the
    vendor's question (`open_question`).

    Args:
        status (list[RegistrationStatus] | None | Unset): In any of these statuses: repeat it
            (`status=submitted&status=in_review`), as a rep's home screen lists the open ones.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        stage (None | SalesStage | Unset):
        expiring_before (datetime.datetime | None | Unset):
        q (None | str | Unset): What a person typed in a search box: rows containing it, ignoring
            case (leading and trailing blanks are dropped; only blanks search nothing).
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RegistrationList
     """


    return (await asyncio_detailed(
        client=client,
status=status,
vendor_id=vendor_id,
partner_id=partner_id,
rep_id=rep_id,
stage=stage,
expiring_before=expiring_before,
q=q,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    )).parsed
