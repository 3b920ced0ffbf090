"""Lint and type checks run as part of the suite, so CI enforces them."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# clients/python, generated, is excluded in pyproject.toml; clients/generate.py is linted.
LINTED = ("src", "tests", "alembic", "bench", "examples", "clients", "tools")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed argv of our own tools
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("ruff", "check", *LINTED), id="ruff-check"),
        pytest.param(("ruff", "format", "--check", *LINTED), id="ruff-format"),
        pytest.param(("mypy",), id="mypy-strict"),
    ],
)
def test_tool_passes(argv: tuple[str, ...]) -> None:
    result = _run(*argv)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layers_hold() -> None:
    """import-linter's contracts (pyproject.toml): no domain imports the HTTP door, the worker
    runtime or the app; the worker and the HTTP door do not import each other; and the kernel
    imports no domain."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
