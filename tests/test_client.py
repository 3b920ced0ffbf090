"""The committed Python client in clients/python is what `python clients/generate.py` makes of the
committed OpenAPI document, and it type-checks."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "clients" / "python"
# What importing, installing (`pip install -e` leaves .pdm-build) or checking the client leaves
# beside it: no part of the generated tree.
ARTEFACTS = {"__pycache__", ".pdm-build", ".mypy_cache", "build", "dist"}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and not ARTEFACTS.intersection(path.relative_to(root).parts)
    }


def test_committed_client_matches_the_spec(tmp_path: Path) -> None:
    generated = tmp_path / "python"
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "clients" / "generate.py"), "--output", str(generated)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected, committed = _tree(generated), _tree(COMMITTED)
    stale = sorted(
        name
        for name in expected.keys() | committed.keys()
        if expected.get(name) != committed.get(name)
    )
    assert not stale, (
        "clients/python is stale: run `python clients/generate.py` and commit the result "
        f"({len(stale)} files differ, e.g. {stale[:5]})"
    )


def test_generated_client_passes_mypy_strict() -> None:
    result = subprocess.run(  # noqa: S603 - a fixed argv of our own tools
        [sys.executable, "-m", "mypy", "--strict", str(COMMITTED / "dealreg_client")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (COMMITTED / "dealreg_client" / "py.typed").exists()
