"""In-process domain events: a domain says what happened, and the domains that care follow.

cosmicpython's message bus, kept small. A publisher (registrations) emits a typed event that
carries the session; every handler subscribed to its type runs at once, in the order subscribed,
inside the caller's transaction, so what follows a change commits or rolls back with it. A
question (a `Query`) has one handler, whose answer the asker gets back: a lower domain learns what
a higher one decides without importing it.

Subscriptions are made in one module (subscriptions.py), installed by every entry point (the app,
the worker, the commands, the tests) before a service runs. An event or a question nobody
subscribed to is a wiring mistake, never "nothing to do": emitting or asking it raises, rather than
silently skipping a clock, a settlement or a lead's outcome.
"""

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar, cast

E = TypeVar("E")
R = TypeVar("R")


class Query(Generic[R]):
    """A question with one answer of type R (subclasses are the questions)."""


class NotSubscribed(RuntimeError):
    """Nothing handles this event or question: subscriptions.install() was not called."""


class MessageBus:
    def __init__(self) -> None:
        self._handlers: dict[type[Any], list[Callable[[Any], Awaitable[None]]]] = {}
        self._answers: dict[type[Any], Callable[[Any], Awaitable[Any]]] = {}

    def clear(self) -> None:
        self._handlers.clear()
        self._answers.clear()

    def subscribed(self, message: type[Any]) -> int:
        """How many handlers an event type (or a question: 0 or 1) has."""
        if message in self._answers:
            return 1
        return len(self._handlers.get(message, []))

    def subscribe(self, event: type[E], handler: Callable[[E], Awaitable[None]]) -> None:
        """Run `handler` on every `event`, after the handlers subscribed before it."""
        self._handlers.setdefault(event, []).append(handler)

    def answer(self, query: type[Query[R]], handler: Callable[[Any], Awaitable[R]]) -> None:
        if query in self._answers:
            raise ValueError(f"{query.__name__} already has its answer")
        self._answers[query] = handler

    async def emit(self, event: object) -> None:
        handlers = self._handlers.get(type(event))
        if not handlers:
            raise NotSubscribed(
                f"nothing follows {type(event).__name__}: subscriptions not installed"
            )
        for handler in handlers:
            await handler(event)

    async def ask(self, query: Query[R]) -> R:
        handler = self._answers.get(type(query))
        if handler is None:
            raise NotSubscribed(
                f"nobody answers {type(query).__name__}: subscriptions not installed"
            )
        return cast(R, await handler(query))


# The process's bus: subscriptions.install() fills it; the domains emit on it.
BUS = MessageBus()
