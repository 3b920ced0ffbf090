"""Telling people what needs them, by mail: the SLA's thresholds to the vendor's approvers."""
