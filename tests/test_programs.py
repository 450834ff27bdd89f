"""Every program the code runs is installed by the Makefile, so `make test` works on a
fresh clone.

The sources of every package (tests and benchmarks too: `make test` runs the tests) are
parsed for the places that start a program: subprocess, os.exec*/spawn*/system,
shutil.which, asyncio subprocesses, an `executable=` argument. Each program is read from
the call where the code names it; a call that builds its command elsewhere must be listed
in INDIRECT with what it runs, so a new program cannot slip by. Each program maps to its
Debian package, which must be in the Makefile's APT_PACKAGES or be Essential; the map
itself is checked against dpkg.
"""

from __future__ import annotations

import ast
import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
SCANNED = ("crawler", "extractors", "inspection", "rules", "store", "sandbox", "bench", "tests")
PYTHON = "python"  # sys.executable: the virtualenv's interpreter, not a Debian package

# The Debian package that installs each program.
PACKAGE_OF = {
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "tesseract": "tesseract-ocr",
    "antiword": "antiword",
    "catdoc": "catdoc",
    "initdb": "postgresql",
    "pg_ctl": "postgresql",
    "createdb": "postgresql",
    "redis-server": "redis-server",
    "runuser": "util-linux",
    "iconv": "libc-bin",
    "dpkg-query": "dpkg",
    "mariadb-install-db": "mariadb-server",
    "mariadbd": "mariadb-server",
    "php-fpm": "php-fpm",
    "nginx": "nginx",
    "chromium": "chromium",
}
# Programs a feature uses only when the machine has them, saying so when it has not: the
# official report's PDF (`report --format pdf` converts the DOCX with LibreOffice).
OPTIONAL = {"soffice", "libreoffice"}
# On every Debian system (`Essential: yes`): never in APT_PACKAGES.
ESSENTIAL = {"util-linux", "libc-bin", "dpkg"}
# Calls whose program the scan cannot read where they are: (file, function) -> programs.
INDIRECT = {
    ("extractors/doc.py", "_tool_command"): {"antiword", "catdoc"},  # shutil.which(tool)
    ("extractors/doc.py", "_run"): {"antiword", "catdoc"},  # the command of _tool_command
    ("tests/postgres.py", "running_postgres"): {"runuser", "initdb", "pg_ctl"},  # as postgres
    ("tests/test_programs.py", "_location"): set(),  # looks up the programs above, runs none
    ("inspection/official_report/pdf.py", "convert_to_pdf"): {"soffice"},  # which() found
    ("sandbox/wordpress/services.py", "start"): {"mariadbd", "php-fpm", "nginx"},  # the tier
    ("sandbox/wordpress/stack.py", "_install_db"): {"mariadb-install-db"},
    ("tests/web/test_browser.py", "_add_user"): set(),  # QMSAUDIT: this virtualenv's python
    ("tests/web/test_browser.py", "workplace"): set(),  # QMSAUDIT; Chromium is `executable_path`
    ("inspection/distributed/worker.py", "_child"): set(),  # `python -m inspection runs agency`
}

_SUBPROCESS = {"run", "Popen", "call", "check_call", "check_output", "getoutput"}
_ASYNCIO = {"create_subprocess_exec", "create_subprocess_shell"}


@dataclass(frozen=True)
class CallSite:
    path: str  # relative to the repository
    function: str  # the enclosing function ("<module>" at the top level)
    line: int
    program: str | None  # None: not readable from the call
    arguments: tuple[str, ...]  # the string constants of its command, for `-l LANG`


def _starts_program(call: ast.Call) -> bool:
    function = call.func
    if not isinstance(function, ast.Attribute) or not isinstance(function.value, ast.Name):
        return False
    module, name = function.value.id, function.attr
    return (
        (module == "subprocess" and name in _SUBPROCESS)
        or (module == "os" and (name.startswith(("exec", "spawn")) or name in ("system", "popen")))
        or (module == "shutil" and name == "which")
        or (module == "asyncio" and name in _ASYNCIO)
    )


def _command(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg in ("args", "cmd")), None)


def _first_word(node: ast.expr | None, assigned: dict[str, ast.expr]) -> str | None:
    """The program a command expression starts, when the code spells it out."""
    if isinstance(node, ast.Name) and node.id in assigned:
        return _first_word(assigned[node.id], {})
    if isinstance(node, ast.List | ast.Tuple) and node.elts:
        return _first_word(node.elts[0], assigned)
    if isinstance(node, ast.Starred):
        return _first_word(node.value, assigned)
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.split():
        return Path(node.value.split()[0]).name
    if isinstance(node, ast.Attribute) and node.attr == "executable":
        return PYTHON  # sys.executable
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return _first_word(node.args[0], assigned) if node.args else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _first_word(node.right, assigned)  # bin_dir / "initdb"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _first_word(node.left, assigned)  # QMSAUDIT + args
    return None


def _strings(node: ast.AST | None) -> tuple[str, ...]:
    if node is None:
        return ()
    found = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
    return tuple(value for value in found if isinstance(value, str))


def _assignments(scope: ast.AST) -> dict[str, ast.expr]:
    """Each name's first assigned value in `scope`: a command built in a variable."""
    assigned: dict[str, ast.expr] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, node.value)
    return assigned


class _Scanner(ast.NodeVisitor):
    """The call sites of one file, each with its enclosing function."""

    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path
        self.function = "<module>"
        self.assigned = _assignments(tree)
        self.sites: list[CallSite] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self.function, self.assigned
        self.function, self.assigned = node.name, {**outer[1], **_assignments(node)}
        self.generic_visit(node)
        self.function, self.assigned = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        self.sites += _sites_of(node, self.path, self.function, self.assigned)
        self.generic_visit(node)


def _call_sites(path: Path) -> list[CallSite]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    scanner = _Scanner(path.relative_to(REPOSITORY).as_posix(), tree)
    scanner.visit(tree)
    return scanner.sites


def _sites_of(
    call: ast.Call, relative: str, function: str, assigned: dict[str, ast.expr]
) -> Iterator[CallSite]:
    if _starts_program(call):
        command = _command(call)
        arguments = _strings(assigned.get(command.id) if isinstance(command, ast.Name) else command)
        yield CallSite(relative, function, call.lineno, _first_word(command, assigned), arguments)
    for keyword in call.keywords:
        if keyword.arg in ("executable", "executable_path"):
            program = _first_word(keyword.value, assigned)
            yield CallSite(relative, function, call.lineno, program, ())


@pytest.fixture(scope="module")
def call_sites() -> list[CallSite]:
    sources = sorted(p for package in SCANNED for p in (REPOSITORY / package).rglob("*.py"))
    sites = [site for source in sources for site in _call_sites(source)]
    assert sites, "the scan found no program at all"
    return sites


def _programs(call_sites: list[CallSite]) -> set[str]:
    named = {site.program for site in call_sites if site.program not in (None, PYTHON)}
    indirect = {site for site in call_sites if site.program is None}
    listed = set().union(*(INDIRECT.get((site.path, site.function), set()) for site in indirect))
    return {program for program in named | listed if program is not None}


def _apt_packages() -> set[str]:
    makefile = (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^APT_PACKAGES\s*:?=((?:.*\\\n)*.*)$", makefile, re.MULTILINE)
    assert match is not None, "no APT_PACKAGES in the Makefile"
    return set(match.group(1).replace("\\\n", " ").split())


def test_the_scan_sees_the_programs_it_knows(call_sites: list[CallSite]) -> None:
    named = {site.program for site in call_sites}
    assert {"pdftoppm", "tesseract", "createdb", PYTHON} <= named
    assert ("extractors/doc.py", "_run") in {(s.path, s.function) for s in call_sites}


def test_every_call_names_its_program_or_is_listed(call_sites: list[CallSite]) -> None:
    unreadable = {(s.path, s.function) for s in call_sites if s.program is None}
    unlisted = sorted(unreadable - set(INDIRECT))
    assert unlisted == [], "say in INDIRECT which programs these calls run"
    assert sorted(set(INDIRECT) - unreadable) == [], "stale INDIRECT entries"


def test_every_program_has_a_debian_package(call_sites: list[CallSite]) -> None:
    assert sorted(_programs(call_sites) - set(PACKAGE_OF) - OPTIONAL) == []


def test_every_package_is_installed_by_the_makefile(call_sites: list[CallSite]) -> None:
    needed = {PACKAGE_OF[program] for program in _programs(call_sites) if program in PACKAGE_OF}
    assert sorted(needed - _apt_packages() - ESSENTIAL) == []


def test_every_tesseract_language_is_installed(call_sites: list[CallSite]) -> None:
    languages = set()
    for source in {site.path for site in call_sites if site.program == "tesseract"}:
        tree = ast.parse((REPOSITORY / source).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            values = _tesseract_arguments(node)
            languages |= {
                language
                for flag, value in itertools.pairwise(values)
                if flag == "-l" and value is not None
                for language in value.split("+")
            }
    assert "vie" in languages
    assert sorted({f"tesseract-ocr-{lang}" for lang in languages} - _apt_packages()) == []


def _tesseract_arguments(node: ast.AST) -> list[str | None]:
    """The arguments of a tesseract command (`["tesseract", …]`, or a call of a helper
    named after it), None where one is not a string constant."""
    if isinstance(node, ast.List | ast.Tuple) and _first_word(node, {}) == "tesseract":
        items: list[ast.expr] = list(node.elts)
    elif isinstance(node, ast.Call) and "tesseract" in ast.unparse(node.func).lower():
        items = list(node.args)
    else:
        return []
    return [
        item.value if isinstance(item, ast.Constant) and isinstance(item.value, str) else None
        for item in items
    ]


# --- the map is right: dpkg says which package ships each program ---------------------


def _dpkg_query(*arguments: str) -> str:
    done = subprocess.run(
        ["dpkg-query", *arguments], capture_output=True, text=True, timeout=30, check=False
    )
    return done.stdout if done.returncode == 0 else ""


def _location(program: str) -> Path | None:
    # tests/postgres.py runs the server's own programs, which Debian keeps out of PATH
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{program}"))
    if versions:
        return versions[-1]
    found = shutil.which(program)
    if found is not None:
        return Path(found)
    # php-fpm is installed versioned (/usr/sbin/php-fpm8.2), as the WordPress tier finds it
    versioned = sorted(Path("/usr/sbin").glob(f"{program}[0-9]*"))
    return versioned[-1] if versioned else None


def _owner_package(path: Path) -> str | None:
    real = path.resolve()
    # merged /usr: dpkg may know /usr/sbin/runuser as /sbin/runuser
    for candidate in (str(real), str(path), str(real).removeprefix("/usr")):
        answer = _dpkg_query("-S", candidate)
        if answer:
            return answer.split(":", 1)[0].split(",")[0].strip()
    return None


def _depends(package: str) -> set[str]:
    names = re.split(r"[,|]", _dpkg_query("-W", "-f", "${Depends}", package))
    return {re.sub(r"\(.*?\)|:\w+", "", name).strip() for name in names if name.strip()}


@pytest.mark.parametrize("program", sorted(PACKAGE_OF))
def test_the_package_map_agrees_with_dpkg(program: str) -> None:
    location = _location(program)
    assert location is not None, f"{program} is not installed: `make test` installs it"
    package = PACKAGE_OF[program]
    # a metapackage (postgresql) ships its programs through the packages it depends on
    shipping = {package} | _depends(package)
    shipping |= {name for dependency in set(shipping) for name in _depends(dependency)}
    assert _owner_package(location) in shipping
    if package in ESSENTIAL:
        assert _dpkg_query("-W", "-f", "${Essential}", package) == "yes"
