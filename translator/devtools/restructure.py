"""Rewrite imports from the flat layout to the stage packages (issue #17).

The loose top-level modules moved into stage packages (``ingest/``,
``gate/``, ``lexicon/``, ``batch/``) and a few names moved between modules.
Code written against the old paths — on a branch merged after the move —
is brought over with::

    python -m translator.devtools.restructure translator tests benchmarks docs

Every ``import``/``from ... import`` that names an old module is rewritten
(relative imports stay relative, worked out from where the file stood
before the move and where it stands now), and so is every dotted
``translator.<old>`` reference in strings, docstrings and Markdown
(``monkeypatch.setattr("translator.checkrun.check_target", ...)``). Running
it twice changes nothing the second time. Afterwards run ``ruff check --fix``
and ``ruff format`` for import order.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

#: old module -> new module
MODULES: dict[str, str] = {
    "translator.load": "translator.ingest.load",
    "translator.sourcemap": "translator.ingest.sourcemap",
    "translator.segment": "translator.ingest.segment",
    "translator.detect": "translator.ingest.detect",
    "translator.langid": "translator.ingest.langid",
    "translator.fetch": "translator.ingest.fetch",
    "translator.pagecache": "translator.ingest.pagecache",
    "translator.smallfiles": "translator.ingest.smallfiles",
    "translator.languages": "translator.ingest.languages",
    "translator.checkrun": "translator.gate.checkrun",
    "translator.config": "translator.gate.config",
    "translator.baseline": "translator.gate.baseline",
    "translator.suppressions": "translator.gate.suppressions",
    "translator.anchors": "translator.lexicon.anchors",
    "translator.glossary": "translator.lexicon.terms",
    "translator.view": "translator.renderers.view",
    "translator.align.files": "translator.alignfiles",
    "translator.units": "translator.align.units",
    "translator.batch": "translator.batch.run",
    "translator.cluster": "translator.batch.cluster",
}

#: (old module, name) -> new module, for names that left their module
SYMBOLS: dict[tuple[str, str], str] = {
    **{
        ("translator.glossary", name): "translator.lexicon.markers"
        for name in ("Marker", "markers", "find_markers", "_marker_pattern")
    },
    **{
        ("translator.glossary", name): "translator.lexicon.names"
        for name in ("name_variants", "equivalent_names", "_territory_names")
    },
    # the flat batch.py became translator.batch.run, then split by job
    **{
        ("translator.batch", name): f"translator.batch.{module}"
        for module, names in {
            "items": ("BatchItem", "BatchSettings", "read_manifest", "item_key", "require_regular_files"),
            "report": ("run_item", "render_item", "save_report", "worker_failed"),
            "pool": ("TASKS_PER_WORKER", "Executor", "LocalPool"),
            "state": ("STATE_EVERY", "STATE_NAME", "STATE_FORMAT"),
            "outputs": ("BatchResult", "render_index", "summary_line", "iter_errors"),
        }.items()
        for name in names
    },
}

#: packages that exist only in the new layout
NEW_PACKAGES = {"translator.ingest", "translator.gate", "translator.lexicon"}

ROOT = Path(__file__).resolve().parents[2]


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _is_old(module: str) -> bool:
    """Whether ``module`` named a module of the flat layout."""
    if module in MODULES:
        return True
    if module in NEW_PACKAGES or module in MODULES.values():
        return False
    return _exists(module)


_NAMES: dict[str, set[str]] = {}


def _defines(module: str, name: str, *, follow: bool = True) -> bool:
    """Whether ``from module import name`` works in the tree as it is now."""
    if _exists(f"{module}.{name}") or f"{module}.{name}" in MODULES:
        return True
    if module not in _NAMES:
        path = ROOT.joinpath(*module.split("."))
        source = path / "__init__.py" if (path / "__init__.py").is_file() else path.with_suffix(".py")
        names: set[str] = set()
        if source.is_file():
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(node.name)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    names.update((a.asname or a.name).split(".")[0] for a in node.names)
        _NAMES[module] = names
    if name in _NAMES[module] or (module, name) in SYMBOLS:
        return True
    # an old module's names now stand in the module it moved to
    return follow and module in MODULES and MODULES[module] != module and _defines(MODULES[module], name)


def _new(module: str) -> str:
    return MODULES.get(module, module)


def _resolve(package: str, level: int, module: str | None) -> str | None:
    parts = package.split(".")
    if level - 1 >= len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _relative(package: str, target: str) -> str:
    """``target`` written relative to ``package`` (``from <this> import``)."""
    here, there = package.split("."), target.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    dots = "." * (len(here) - common + 1)
    return dots + ".".join(there[common:])


def _module_of(path: Path) -> str | None:
    try:
        rel = path.resolve().relative_to(ROOT)
    except ValueError:
        return None
    if rel.parts[0] != "translator" or rel.suffix != ".py":
        return None
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _packages(path: Path) -> tuple[str | None, str | None]:
    """(package the file stood in before the move, package it is in now)."""
    module = _module_of(path)
    if module is None:
        return None, None
    is_package = path.name == "__init__.py"
    now = module if is_package else module.rpartition(".")[0]
    old_module = next((old for old, new in MODULES.items() if new == module), module)
    before = old_module if is_package else old_module.rpartition(".")[0]
    return before, now


def _rewrite_from(node: ast.ImportFrom, before: str | None, now: str | None) -> list[str] | None:
    if node.level:
        if before is None or now is None:
            return None
        absolute = _resolve(before, node.level, node.module)
        if before != now and (
            absolute is None
            or not _is_old(absolute)
            or not all(_defines(absolute, a.name) for a in node.names if a.name != "*")
        ):
            return None  # already written for where the file is now
        if absolute is None:
            return None
    else:
        absolute = node.module or ""
        if not absolute.startswith("translator"):
            return None
        if (
            absolute in MODULES
            and _exists(absolute)
            and all(_defines(absolute, a.name, follow=False) for a in node.names)
        ):
            return None  # a new package that took an old module's name
    targets: dict[str, list[str]] = {}
    for alias in node.names:
        as_module = f"{absolute}.{alias.name}"
        spelled = alias.name + (f" as {alias.asname}" if alias.asname else "")
        if alias.name != "*" and _is_old(as_module) and as_module in MODULES:
            parent, _, leaf = _new(as_module).rpartition(".")
            leaf_spelled = leaf + (
                f" as {alias.asname or alias.name}" if leaf != (alias.asname or alias.name) else ""
            )
            targets.setdefault(parent, []).append(leaf_spelled)
            continue
        target = SYMBOLS.get((absolute, alias.name)) or _new(absolute)
        targets.setdefault(target, []).append(spelled)
    if list(targets) == [absolute] and (
        node.level == 0 or _relative(now, absolute) == "." * node.level + (node.module or "")
    ):
        return None
    lines = []
    for target, names in targets.items():
        where = _relative(now, target) if node.level else target
        lines.append(f"from {where} import {', '.join(names)}")
    return lines


SUFFIXES = {".py", ".md", ".toml", ".sh", ".cfg", ".txt", ".yml", ".yaml"}

_DOTTED = re.compile(r"\btranslator(?:\.\w+)+")


def _dotted(match: re.Match[str]) -> str:
    name = match.group(0)
    parts = name.split(".")
    for cut in range(len(parts), 1, -1):
        prefix = ".".join(parts[:cut])
        if prefix in MODULES.values() or prefix in NEW_PACKAGES:
            return name
        if prefix in MODULES:
            rest = parts[cut:]
            target = SYMBOLS.get((prefix, rest[0])) if rest else None
            return ".".join([target or MODULES[prefix], *rest])
    return name


def rewrite_source(text: str, path: Path) -> str:
    lines = text.splitlines(keepends=True)
    if path.suffix == ".py":
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return _DOTTED.sub(_dotted, text)
        before, now = _packages(path)
        edits: list[tuple[int, int, list[str]]] = []
        for node in ast.walk(tree):
            new: list[str] | None = None
            if isinstance(node, ast.ImportFrom):
                new = _rewrite_from(node, before, now)
            elif isinstance(node, ast.Import):
                names = [_new(a.name) + (f" as {a.asname}" if a.asname else "") for a in node.names]
                if any(a.name in MODULES for a in node.names):
                    new = [f"import {', '.join(names)}"]
            if new is not None:
                edits.append((node.lineno, node.end_lineno or node.lineno, new))
        for start, end, new in sorted(edits, reverse=True):
            first = lines[start - 1]
            indent = first[: len(first) - len(first.lstrip())]
            tail = lines[end - 1].rstrip("\n")
            comment = ""
            if "#" in tail and start == end:
                comment = "  " + tail[tail.index("#") :]
            lines[start - 1 : end] = [f"{indent}{line}{comment}\n" for line in new]
        imports = {
            number
            for node in ast.walk(ast.parse("".join(lines)))
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)
        }
        return "".join(
            line if number in imports else _DOTTED.sub(_dotted, line) for number, line in enumerate(lines, 1)
        )
    return _DOTTED.sub(_dotted, text)


def main(argv: list[str]) -> int:
    for arg in argv or ["translator", "tests", "benchmarks", "scripts", "docs"]:
        root = Path(arg)
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.suffix not in SUFFIXES or ".venv" in path.parts or not path.is_file():
                continue
            if path.resolve() == Path(__file__).resolve():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            new = rewrite_source(text, path)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
