"""The exceptions of inspection, rooted in one class; their messages are Vietnamese, for users.

InspectionError
├── RunBusyError          another run holds the one-at-a-time slot (inspection.runs.lock)
├── UnknownAgencyError    an agency code asked for is not in the registry
└── RunFailedError        a run ended failed (a network outage): nothing was published
"""

from __future__ import annotations


class InspectionError(Exception):
    """Base of inspection's errors."""


class UnknownAgencyError(InspectionError, LookupError):
    """An agency code asked for is not in the registry."""
