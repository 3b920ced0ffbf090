"""Mail to people (invitations, password resets): written to the outbox with the change that
needs it, sent by a worker job over SMTP, or written as `.eml` files when no SMTP server is set."""
