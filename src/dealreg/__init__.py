"""dealreg: one API for multi-vendor deal registration, approval SLAs, incentives and leads."""

__version__ = "0.1.0"
