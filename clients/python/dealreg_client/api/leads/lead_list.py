from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.lead_list import LeadList
from ...models.lead_status import LeadStatus
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    status: LeadStatus | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, LeadStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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

    json_campaign: None | str | Unset
    if isinstance(campaign, Unset):
        json_campaign = UNSET
    else:
        json_campaign = campaign
    params["campaign"] = json_campaign

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
        "url": "/v1/leads",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LeadList | Problem | None:
    if response.status_code == 200:
        response_200 = LeadList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[LeadList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: LeadStatus | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Response[LeadList | Problem]:
    """ List leads: a vendor's, a partner's forwarded ones (a rep's own)

     `q` finds those whose customer, contact name or contact email contains it.

    Args:
        status (LeadStatus | None | Unset):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        campaign (None | str | Unset):
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
        Response[LeadList | Problem]
     """


    kwargs = _get_kwargs(
        status=status,
partner_id=partner_id,
rep_id=rep_id,
campaign=campaign,
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
    status: LeadStatus | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> LeadList | Problem | None:
    """ List leads: a vendor's, a partner's forwarded ones (a rep's own)

     `q` finds those whose customer, contact name or contact email contains it.

    Args:
        status (LeadStatus | None | Unset):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        campaign (None | str | Unset):
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
        LeadList | Problem
     """


    return sync_detailed(
        client=client,
status=status,
partner_id=partner_id,
rep_id=rep_id,
campaign=campaign,
q=q,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: LeadStatus | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Response[LeadList | Problem]:
    """ List leads: a vendor's, a partner's forwarded ones (a rep's own)

     `q` finds those whose customer, contact name or contact email contains it.

    Args:
        status (LeadStatus | None | Unset):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        campaign (None | str | Unset):
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
        Response[LeadList | Problem]
     """


    kwargs = _get_kwargs(
        status=status,
partner_id=partner_id,
rep_id=rep_id,
campaign=campaign,
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
    status: LeadStatus | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    rep_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> LeadList | Problem | None:
    """ List leads: a vendor's, a partner's forwarded ones (a rep's own)

     `q` finds those whose customer, contact name or contact email contains it.

    Args:
        status (LeadStatus | None | Unset):
        partner_id (None | Unset | UUID):
        rep_id (None | Unset | UUID):
        campaign (None | str | Unset):
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
        LeadList | Problem
     """


    return (await asyncio_detailed(
        client=client,
status=status,
partner_id=partner_id,
rep_id=rep_id,
campaign=campaign,
q=q,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    )).parsed
