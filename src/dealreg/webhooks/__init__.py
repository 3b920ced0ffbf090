"""Webhooks: an organization's events pushed to its endpoints, signed per the Standard Webhooks
specification, retried for about three days, logged per attempt."""
