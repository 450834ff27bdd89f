"""The agency registry as staff keep it: import from XLSX, XLS or CSV, list, retire.

- `tables`: a file as tables of cells (every sheet; CSV encodings and delimiters).
- `headers`: which row is the header and which column holds which field.
- `values`: one cell's value (code, level, website, date) or what is wrong with it.
- `rows`: a sheet's rows as agencies, rejected rows or rows that are not agencies.
- `sheets`: which sheets of a file hold the list (used, or skipped and why), read.
- `importing`: the import itself (upsert by code; `replace` retires the absent).
- `membership`: listing agencies, retiring them.
- `report`: what an import did, with every place named as the file shows it.

Errors: `RegistryFileError` when a file cannot be used at all; everything else is a value
in the `ImportReport`.
"""

from inspection.registry.importing import import_registry
from inspection.registry.membership import Retirement, list_agencies, retire_codes
from inspection.registry.report import AgencyRef, ImportReport, Place, RowIssue, SheetUse
from inspection.registry.tables import RegistryFileError
from inspection.registry.values import LEVELS

__all__ = [
    "LEVELS",
    "AgencyRef",
    "ImportReport",
    "Place",
    "RegistryFileError",
    "Retirement",
    "RowIssue",
    "SheetUse",
    "import_registry",
    "list_agencies",
    "retire_codes",
]
