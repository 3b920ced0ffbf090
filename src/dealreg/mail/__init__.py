"""Mail to people (invitations, password resets): written with the change that needs it, its
text sealed in the database, sent by a worker job over SMTP, or written as `.eml` files when no
SMTP server is set."""
