"""The layering contracts of `make lint` hold, and break on an import that goes the wrong way."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["laerling", "accounts", "surveys", "distribution", "reporting"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages, to add a wrong import to."""
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_import(tree: Path, module: str, target: str) -> None:
    path = tree / Path(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text() + f"\nimport {target}  # noqa\n")


def test_the_project_keeps_its_layers(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("reporting.apps", "distribution.models"),
        ("distribution.urls", "reporting.apps"),
        ("surveys.sample.importing", "reporting.apps"),
        ("surveys.models.participants", "distribution.models"),
        ("accounts.models", "surveys.models"),
        ("surveys.respondents.links", "laerling.settings"),
    ],
)
def test_an_import_against_the_layers_fails_the_lint(tree, module, target):
    _add_import(tree, module, target)
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert f"{module} -> {target}" in result.stdout
