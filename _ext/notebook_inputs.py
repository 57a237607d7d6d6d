"""What each chapter's execution depends on, for re-executing only the chapters whose inputs
changed: the data package's files and the code of the ``jingjinji`` modules the chapter imports,
directly or through other modules. Code is compared without its docstrings and comments, so an
edit to the documentation alone re-executes nothing."""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

PACKAGE = "jingjinji"


def _imports(tree: ast.AST, package_dir: Path) -> set[str]:
    """The package's modules an AST imports (the package itself for any import of it)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == PACKAGE and (len(parts) == 1 or _module_file(name, package_dir)):
                found.update({PACKAGE, name})
    return found


def _module_file(name: str, package_dir: Path) -> Path | None:
    parts = name.split(".")[1:]
    path = package_dir.joinpath(*parts).with_suffix(".py") if parts else (
        package_dir / "__init__.py")
    return path if path.is_file() else None


def modules_used(source: str, package_dir: Path) -> set[str]:
    """Every module of the package that code importing like ``source`` loads."""
    todo = _imports(ast.parse(source), package_dir)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        seen.add(name)
        path = _module_file(name, package_dir)
        if path is not None:
            todo |= _imports(ast.parse(path.read_text(encoding="utf-8")), package_dir) - seen
    return seen


def code_digest(source: str) -> str:
    """A digest of Python code that ignores docstrings, comments and layout."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()


def notebook_digest(notebook: Path, package_dir: Path, data_dir: Path,
                    files: tuple[Path, ...] = ()) -> str:
    """A digest of everything a chapter's execution reads besides its own file: the package
    modules it imports, ``data_dir``, and other ``files`` every chapter reads."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    digest = hashlib.sha256()
    for name in sorted(modules_used("\n".join(lines), package_dir)):
        path = _module_file(name, package_dir)
        if path is not None:
            digest.update(f"{name}:{code_digest(path.read_text(encoding='utf-8'))}".encode())
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(data_dir)).encode())
            digest.update(path.read_bytes())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
