"""The vendor's decision workflow: approve, reject, ask for information, assign; auto-approve
rules. A state machine over registrations, every transition recorded."""
