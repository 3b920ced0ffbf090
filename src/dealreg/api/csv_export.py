"""CSV as an alternative representation of a list: `format=csv` or `Accept: text/csv`."""

import csv
import io
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec
from litestar import Request, Response
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import QueryParameter

Format = Annotated[
    Literal["json", "csv"] | None,
    QueryParameter(
        name="format", description="`csv` for CSV; else by the Accept header (JSON by default)."
    ),
]

CSV_MEDIA_TYPE = "text/csv"


def json_or_csv(container: type[msgspec.Struct], description: str) -> dict[int, ResponseSpec]:
    """The 200 of a route that answers JSON or CSV, documented as its JSON shape; the route's
    `operation_class=JsonOrCsv` adds the CSV. The handler's return type (a union of responses)
    would otherwise document an empty schema, which any body conforms to."""
    return {
        200: ResponseSpec(
            data_container=container, description=description, generate_examples=False
        )
    }


@dataclass
class JsonOrCsv(Operation):
    """An operation whose 200 is also CSV: Litestar documents one media type per response."""

    def __post_init__(self) -> None:
        ok = (self.responses or {}).get("200")
        if isinstance(ok, OpenAPIResponse) and ok.content is not None:
            ok.content[CSV_MEDIA_TYPE] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))


async def rows_of(rows: Iterable[Any]) -> AsyncIterator[Any]:
    """Rows already in memory, as the stream `csv_response` takes."""
    for row in rows:
        yield row


def wants_csv(request: Request[Any, Any, Any], format_: str | None) -> bool:
    if format_ is not None:
        return format_ == "csv"
    return request.accept.best_match(["application/json", CSV_MEDIA_TYPE]) == CSV_MEDIA_TYPE


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(_cell(item)) for item in value)
    if isinstance(value, dict):
        return ";".join(f"{key}:{_cell(item)}" for key, item in value.items())
    # Names come from users; a spreadsheet would run one starting like a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_line(values: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([_cell(value) for value in values])
    return buffer.getvalue()


async def csv_response(
    fields: tuple[str, ...], rows: AsyncIterator[msgspec.Struct], name: str
) -> Response[bytes]:
    # Built whole, not streamed: every response is held until its transaction has committed
    # (api/unit_of_work.py), so a stream would be buffered there anyway. Rows are read from the
    # database as a stream all the same, so only the CSV text is held, not the ORM rows.
    lines = [_csv_line(fields)]
    async for row in rows:
        lines.append(_csv_line(msgspec.to_builtins(getattr(row, field)) for field in fields))
    return Response(
        "".join(lines).encode(),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
