"""Background work on Dramatiq: the broker (Redis, or in-memory without one), the actor wrapper
that gives each job its own transaction, the outbox relay, and the scheduler of periodic jobs."""
