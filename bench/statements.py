"""A report call of dealreg against the very SQL it sent, run on raw asyncpg: the baseline of the
report benchmarks (bench/sla.py, bench/plans.py).

`measure` runs the call once with its engine's statements captured, then times `runs` runs of
each side after that uncounted one: dealreg's call through its session (ORM, building and
compiling included), and the captured statements sent one after another on a plain asyncpg
connection in a transaction, as dealreg sends them. Every SELECT that took long on the raw side is
explained (EXPLAIN (ANALYZE, BUFFERS), after the statements sent before it) and summed up on one
line.
"""

import contextlib
import json
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.db import make_sessionmaker

Statement = tuple[str, tuple[Any, ...]]  # SQL as asyncpg receives it, and its arguments
Call = Callable[[AsyncSession], Awaitable[int]]  # a report's call; the rows it answered
# A statement of the raw side slower than this has its plan printed.
EXPLAIN_FROM_MS = 20.0


@contextlib.contextmanager
def captured(engine: AsyncEngine) -> Iterator[list[Statement]]:
    """The statements dealreg sends while the block runs, as asyncpg receives them."""
    statements: list[Statement] = []

    def record(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        statements.append((statement, tuple(parameters or ())))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def plan_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def node_name(node: dict[str, Any]) -> str:
    name = str(node["Node Type"])
    if name == "Aggregate":
        strategies = {"Sorted": "GroupAggregate", "Hashed": "HashAggregate"}
        name = strategies.get(node.get("Strategy", ""), name)
    if node.get("Parallel Aware"):
        name = f"Parallel {name}"
    if "Relation Name" in node:
        name += f" on {node['Relation Name']}"
    if "Index Name" in node:
        name += f" using {node['Index Name']}"
    return name


def scanned(node: dict[str, Any]) -> str:
    """What a scan did: its rows, or, run once per outer row, how many times (EXPLAIN rounds
    such a scan's rows to an average per loop, often 0)."""
    loops = node["Actual Loops"]
    if loops > 1 and not node.get("Parallel Aware"):
        return f"{loops:,} loops"
    return f"{node['Actual Rows'] * loops:,} rows"


def plan_line(explained: str) -> str:
    """From EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): the nodes from the top down to the first
    join, each scan with the rows it returned, parallel workers, sorts that spilled to disk, the
    shared buffers the statement touched, and its execution time (with JIT's share)."""
    document = json.loads(explained)[0]
    top = document["Plan"]
    path, node = [top], top
    while len(node.get("Plans", [])) == 1:
        node = node["Plans"][0]
        path.append(node)
    nodes = list(plan_nodes(top))
    scans = [
        f"{node_name(n)} ({scanned(n)})" for n in nodes if "Relation Name" in n or "Index Name" in n
    ]
    parts = [" > ".join(node_name(n) for n in path), "; ".join(scans)]
    parts += [f"{n['Workers Launched']} workers" for n in nodes if "Workers Launched" in n]
    parts += [
        f"sort spilled {n['Sort Space Used']:,} kB"
        for n in nodes
        if n.get("Sort Space Type") == "Disk"
    ]
    parts.append(f"shared hit={top['Shared Hit Blocks']:,} read={top['Shared Read Blocks']:,}")
    execution = f"execution {document['Execution Time']:.1f} ms"
    jit = document.get("JIT", {}).get("Timing", {}).get("Total")
    parts.append(execution + (f" (JIT {jit:.0f} ms)" if jit else ""))
    return " | ".join(parts)


async def explain(conn: asyncpg.Connection, statements: list[Statement]) -> str:
    """The plan of the last statement as it runs after the others (settings), in a transaction
    rolled back (a sweep's takes locks)."""
    *settings, (sql, arguments) = statements
    tr = conn.transaction()
    await tr.start()
    try:
        for setting, setting_arguments in settings:
            await conn.execute(setting, *setting_arguments)
        return plan_line(
            await conn.fetchval(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", *arguments)
        )
    finally:
        await tr.rollback()


async def raw_run(conn: asyncpg.Connection, statements: list[Statement]) -> tuple[float, list[int]]:
    """The statements sent one after another in a transaction, timed together; each one's rows
    (a SET's: 0). Rolled back, as dealreg's session is (never committed here): a write measured
    leaves nothing behind, so every run does the same work, and the captured rows' ids can be
    sent again."""
    tr = conn.transaction()
    await tr.start()
    try:
        started = time.perf_counter()
        rows = [len(await conn.fetch(sql, *arguments)) for sql, arguments in statements]
        return time.perf_counter() - started, rows
    finally:
        await tr.rollback()


async def dealreg_run(engine: AsyncEngine, call: Call) -> tuple[float, int]:
    async with make_sessionmaker(engine)() as session:
        # BEGIN and the pool's checkout go out before the clock starts, as the baseline's BEGIN
        # does.
        await session.execute(text("SELECT 1"))
        started = time.perf_counter()
        rows = await call(session)
        return time.perf_counter() - started, rows


@dataclass(frozen=True)
class Figures:
    rows: int  # what dealreg's call answered
    statements: int
    dealreg_ms: float  # medians
    raw_ms: float
    plans: list[str]  # of the raw side's slow statements

    @property
    def ratio(self) -> float:
        return self.dealreg_ms / self.raw_ms if self.raw_ms else float("inf")


async def measure(
    engine: AsyncEngine,
    conn: asyncpg.Connection,
    call: Call,
    runs: int,
    *,
    explain_from_ms: float = EXPLAIN_FROM_MS,
) -> Figures:
    """`explain_from_ms`: 0 explains every SELECT."""
    with captured(engine) as statements:
        _, rows = await dealreg_run(engine, call)
    sent = [s for s in statements if s[0] != "SELECT 1"]
    await raw_run(conn, sent)
    dealreg, raw = [], []
    for _ in range(runs):
        dealreg.append((await dealreg_run(engine, call))[0])
        raw.append((await raw_run(conn, sent))[0])
    plans = []
    for i, statement in enumerate(sent):
        if statement[0].lstrip().upper().startswith("SELECT"):
            started = time.perf_counter()
            await raw_run(conn, [statement])
            if 1000 * (time.perf_counter() - started) >= explain_from_ms:
                plans.append(await explain(conn, [*sent[:i], statement]))
    return Figures(
        rows=rows,
        statements=len(sent),
        dealreg_ms=1000 * statistics.median(dealreg),
        raw_ms=1000 * statistics.median(raw),
        plans=plans,
    )
