"""Stage-aligned rep incentives: versioned plans, the append-only earnings ledger (integer minor
units), previews, clawback and payouts."""
