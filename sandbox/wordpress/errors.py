"""The errors of the WordPress tier, one tree under `WordPressError`.

WordPressError          the tier could not start or be filled
├── MissingPackageError a Debian package it runs is not installed
└── ServiceError        a server did not start in time or died; carries its log's tail
"""

from __future__ import annotations


class WordPressError(RuntimeError):
    """The WordPress tier could not start or be filled."""


class MissingPackageError(WordPressError):
    """A program or file of a Debian package the tier needs is not on this machine."""


class ServiceError(WordPressError):
    """A server (MariaDB, PHP-FPM, nginx) did not become ready in time, or exited."""
