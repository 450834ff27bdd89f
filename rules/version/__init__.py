"""Version rules: which TCVN ISO 9001 edition the agency's documents adopt."""

from rules.version.iso_2008_only import Iso2008Only
from rules.version.mixed_iso_versions import MixedIsoVersions

__all__ = ["Iso2008Only", "MixedIsoVersions"]
