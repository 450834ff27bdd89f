"""A simulated province: agency websites on loopback, with a registry and known truth.

`generate_province` builds the data (pure, deterministic for a seed and port),
`write_province` puts registry.csv, truth.json and a mirror of the sites on disk,
`serve_province` / `start_sandbox` serve it; `python -m sandbox serve|generate` does the
same from the command line (see `sandbox.cli`).

Two presets: "skeleton" (the default for now) is the fixed 17-agency province described
below; "province" generates N agencies (`sandbox.generated_roster`: the first ones cover
every scenario, the rest are drawn from the seed) with three vendor looks, seven ways of
publishing, legacy formats and encodings, hard negatives and faults, each a tag in the
truth; its pages and files are rendered on first request (`sandbox.lazy`).

Every site is a virtual host under `tinhdemo.localhost` on one port; communes share the
portal `congdichvu.tinhdemo.localhost` under `/xa-…/` prefixes. The agencies and the
scenario each plays are in `sandbox.roster`; what each scenario publishes is in
`sandbox.scenarios`. The truth lists, per agency, its status and the QMS documents of its
own that a careful crawler reaches (obeying robots.txt, staying inside its path prefix
but following its links to files elsewhere on the host). So an unreachable agency lists
no documents, even the one whose robots.txt hides a complete set; hard negatives (ISO
conference news, a consultancy advert, a "công bố hợp quy" notice) are served but never
listed, and are tagged on the agency. The agencies of `sandbox.rule_cases` (an abolished
district's declaration, a procedure citing a replaced decree, last year's audit report, a
QMS on ISO 9001:2026) also state the exact rule codes of their findings.

`generate_province(..., preset="province", platforms=N)` adds N agencies per CMS tier
(`sandbox.platforms`: NukeViet, DotNetNuke, SharePoint, Liferay, Joomla, an ISO platform),
each site built after its CMS's own markup and URL shapes, with the habits it shows as tags.
"""

from sandbox.files import ProvinceFiles, read_registry, write_province
from sandbox.launch import start_sandbox
from sandbox.model import (
    Province,
    RegistryRow,
    Resource,
    Site,
    SiteBehaviour,
    Stream,
    TruthAgency,
    TruthDocument,
)
from sandbox.province import PRESETS, generate_province
from sandbox.scenarios import required_objectives_year
from sandbox.server import RunningSandbox, open_listener, reserve_closed_port, serve_province

__all__ = [
    "PRESETS",
    "Province",
    "ProvinceFiles",
    "RegistryRow",
    "Resource",
    "RunningSandbox",
    "Site",
    "SiteBehaviour",
    "Stream",
    "TruthAgency",
    "TruthDocument",
    "generate_province",
    "open_listener",
    "read_registry",
    "required_objectives_year",
    "reserve_closed_port",
    "serve_province",
    "start_sandbox",
    "write_province",
]
