"""The package layout keeps its promises: no import cycles, the layering rules hold, every
module imports on its own in a fresh interpreter, and every package ships."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "promptguard"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every promptguard module `module` imports, at import time or inside a function, except
    under `if TYPE_CHECKING:` (never executed)."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = module.split(".")
                    if not is_package:
                        anchor = anchor[:-1]
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    candidate = f"{base}.{alias.name}"
                    found.add(candidate if candidate in MODULES else base)
            stack.append(child)
    resolved = set()
    for name in found:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name.startswith("promptguard") and name != module:
            resolved.add(name)
    return resolved


GRAPH: dict[str, set[str]] = {
    name: _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
    for name, path in MODULES.items()
}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in GRAPH[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_no_import_cycles() -> None:
    """Counting imports inside functions too: a cycle hidden in a function is still one."""
    assert _cycles(GRAPH) == []


#: (importer package, forbidden package, why)
LAYERS = [
    (
        "promptguard.gate",
        "promptguard.analyzers",
        "the gate knows nothing about how findings were made",
    ),
    ("promptguard.readers", "promptguard.analyzers", "readers know nothing about analyzers"),
    ("promptguard.config", "promptguard.nlp", "configuration needs no NLP code"),
    ("promptguard.nlp", "promptguard.analyzers", "the NLP layer serves analyzers, not the reverse"),
    ("promptguard.reports", "promptguard.analyzers", "reports render findings, whoever made them"),
    ("promptguard.findings", "promptguard.analyzers", "findings are the analyzers' output type"),
    ("promptguard.errors", "promptguard", "the error root imports nothing"),
]


@pytest.mark.parametrize(("importer", "forbidden", "why"), LAYERS)
def test_layering(importer: str, forbidden: str, why: str) -> None:
    """Direct or indirect: a layer may not reach a forbidden one through a third module."""
    broken = {}
    for name in MODULES:
        if name == importer or name.startswith(importer + "."):
            bad = sorted(
                t for t in _reachable(name) if t == forbidden or t.startswith(forbidden + ".")
            )
            if bad:
                broken[name] = bad
    assert broken == {}, why


def test_service_client_stays_light() -> None:
    """`promptguard check` answered by a service imports only these (see docs/PERFORMANCE.md)."""
    allowed = {
        "promptguard",
        "promptguard.config",
        "promptguard.config.files",
        "promptguard.errors",
        "promptguard.reports",
        "promptguard.reports.masking",
        "promptguard.service",
    }
    assert _reachable("promptguard.service.client") <= allowed


#: Packages that need an optional extra: (package, module the extra installs).
OPTIONAL = [("promptguard.spark", "pyspark")]


def _extra_installed(name: str) -> bool:
    """False for a module of an optional extra that is not installed here."""
    import importlib.util

    for package, dependency in OPTIONAL:
        if name == package or name.startswith(package + "."):
            return importlib.util.find_spec(dependency) is not None
    return True


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    code = (
        "import importlib, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {type(error).__name__}: {error}')\n"
        "print('\\n'.join(failed))\n"
        "sys.exit(1 if failed else 0)\n"
    )
    names = [n for n in MODULES if not n.endswith("__main__") and _extra_installed(n)]
    result = subprocess.run(
        [sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert on_disk <= listed


#: Modules may grow a little past this before they are split again.
MAX_LINES = 420


def test_no_module_is_too_long() -> None:
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_module_says_why_it_exists() -> None:
    """A docstring whose first line is a sentence, not a placeholder."""
    missing = []
    for name, path in MODULES.items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        first = (doc or "").strip().splitlines()[0] if doc and doc.strip() else ""
        if len(first) < 20 or first.upper().startswith("TODO"):
            missing.append(name)
    assert missing == []


def test_config_names_import_from_the_package_in_a_fresh_interpreter() -> None:
    """`from promptguard.config import Config` works before anything imported config.load."""
    result = subprocess.run(
        [sys.executable, "-c", "from promptguard.config import Config, load_config; print('ok')"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"
