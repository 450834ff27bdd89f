"""The shape shared by the rules that look for one required item on the agency's site."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from rules.documents import of_type, unreadable_of_type
from rules.facts import AgencyFacts
from rules.findings import Finding
from rules.rule import AuditContext, Rule


class RequiredItemRule(Rule):
    """Fires when the profile requires `item` of the agency's level and no document of the
    types in `satisfied_by` is published. A link named as such a document that could not be
    downloaded or read counts as present but unverified (DOC006 says so), not as missing.
    Subclasses say what to write."""

    item: ClassVar[str]  # the profile's name of the required item
    satisfied_by: ClassVar[frozenset[str]]  # document types that count as the item

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        if self.item not in context.level.required:
            return
        if of_type(agency, *self.satisfied_by):
            return
        if unreadable_of_type(agency, *self.satisfied_by):
            return
        yield self.about_site(agency, self.missing_message(agency))

    @abstractmethod
    def missing_message(self, agency: AgencyFacts) -> str:
        """The Vietnamese message naming the missing item."""
