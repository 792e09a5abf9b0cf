"""The layers are a contract CI enforces (docs/architecture.md).

``lint-imports`` (import-linter, configured in pyproject.toml) runs in
``make test``; these tests show that it would catch a wrong-way import, that
no module escapes the contract, and that the imports left inside functions
each say why they are there.
"""

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("hub", "forum", "search")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return layers["layers"]


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_keeps_the_contract():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "wrong_way"),
    [
        ("forum/planted.py", "from search import facade"),  # the forum reaching up into search
        ("search/planted.py", "from hub.papers import analysts"),  # search reaching up into the papers
        ("hub/core/planted.py", "from hub.taxonomy import models"),  # a helper reaching up into the taxonomy
    ],
)
def test_a_wrong_way_import_fails_naming_its_path(copy_of_the_code, module, wrong_way):
    (copy_of_the_code / module).write_text(f'"""Planted by a test."""\n\n{wrong_way}\n')
    done = lint_imports(copy_of_the_code)
    assert done.returncode != 0
    planted = module.removesuffix(".py").replace("/", ".")
    target = wrong_way.split()[1] + "." + wrong_way.split()[3]
    assert f"{planted} -> {target}" in done.stdout
    assert "1 broken" in done.stdout


def test_every_module_of_the_hub_package_belongs_to_a_layer():
    named = {module.strip() for layer in contract() for module in layer.replace(":", "|").split("|")}
    children = {
        f"hub.{path.stem if path.suffix == '.py' else path.name}"
        for path in (ROOT / "hub").iterdir()
        if (path.suffix == ".py" and path.name != "__init__.py") or (path / "__init__.py").exists()
    }
    assert children - {"hub.migrations"} <= named, "hub modules without a layer in pyproject.toml"


def python_files():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_nothing_below_the_site_configuration_imports_it():
    for path in python_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("siteconf"), path
            elif isinstance(node, ast.Import):
                assert not any(alias.name.startswith("siteconf") for alias in node.names), path


def own_import(node):
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] in PACKAGES
    return isinstance(node, ast.Import) and any(a.name.split(".")[0] in PACKAGES for a in node.names)


def test_each_import_left_inside_a_function_says_why():
    unexplained = []
    for path in python_files():
        lines = path.read_text().splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if own_import(node):
                    # A comment on the line, or earlier in the same function, gives the reason.
                    said = lines[function.lineno - 1 : node.lineno]
                    if not any("#" in line for line in said):
                        unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not unexplained, unexplained
