"""Idempotency keys: the first response to a POST, kept 24 hours per (caller, key), so that a
retried request is answered, not done again."""
