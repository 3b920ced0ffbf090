"""The rep's app (clients/app) as committed in the package (src/dealreg/app_dist) is what its
sources build to: `npm ci && npm run build` (type check, then Vite) on a copy of the repository's
clients, compared file by file and byte for byte with the committed build. A change to the app,
the SDK or the generated types without a rebuild fails here; so would a build that depends on
the machine (a path, a time) rather than on the sources.

Node and npm are part of CI's machine: there, a missing one fails the test; elsewhere it is
skipped (as for the TypeScript client's checks)."""

import shutil
from pathlib import Path

import pytest

from tests.test_typescript_client import _npm, _run

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "src" / "dealreg" / "app_dist"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """clients/app and the SDK it depends on (clients/typescript) copied without node_modules,
    installed from the app's lock file and built; the folder the build wrote."""
    npm = _npm()
    root = tmp_path_factory.mktemp("repo")
    for package in ("app", "typescript"):
        shutil.copytree(
            ROOT / "clients" / package,
            root / "clients" / package,
            ignore=shutil.ignore_patterns("node_modules"),
        )
    app = root / "clients" / "app"
    installed = _run([npm, "ci", "--prefer-offline"], app)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    built = _run([npm, "run", "build"], app)
    assert built.returncode == 0, built.stdout + built.stderr
    return root / "src" / "dealreg" / "app_dist"


def test_the_committed_build_is_what_the_sources_build_to(rebuilt: Path) -> None:
    fresh, committed = _files(rebuilt), _files(COMMITTED)
    assert sorted(fresh) == sorted(committed), (
        "src/dealreg/app_dist is stale: run `npm ci && npm run build` in clients/app and commit it"
    )
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], f"rebuilt files differ from the committed ones: {changed}"


def test_the_build_holds_the_app_shell_and_its_worker(rebuilt: Path) -> None:
    names = set(_files(rebuilt))
    assert {"index.html", "sw.js", "registerSW.js", "manifest.webmanifest"} <= names
    assert any(name.startswith("assets/") and name.endswith(".js") for name in names)
