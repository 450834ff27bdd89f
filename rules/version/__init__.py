"""Version rules: which TCVN ISO 9001 edition the agency's documents adopt, and in what words."""

from rules.version.converted_on_paper_only import ConvertedOnPaperOnly
from rules.version.iso_2008_only import Iso2008Only
from rules.version.mixed_iso_versions import MixedIsoVersions
from rules.version.upcoming_edition import UpcomingEdition

__all__ = ["ConvertedOnPaperOnly", "Iso2008Only", "MixedIsoVersions", "UpcomingEdition"]
