from tests.mailbox import outbound, smtp, to_files, to_smtp  # noqa: F401
