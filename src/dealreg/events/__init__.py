"""Domain events: what happened, recorded in the transaction that made it happen, for the
webhooks and feeds that deliver it later (an event outbox)."""
