"""Jobs and the outbox: a job is registered by name and enqueued as an outbox row inside the
caller's transaction; the worker runtime (worker/) relays the rows to the broker and runs them.
Low in the layers: every domain enqueues its jobs through it."""
