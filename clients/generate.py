"""Regenerate the clients from openapi/openapi.json: the Python client in clients/python and the
TypeScript types in clients/typescript/src/schema.d.ts.

    python clients/generate.py

tests/test_client.py and tests/test_typescript_client.py generate into temporary directories
and compare, as tests/test_openapi.py does for the document itself: commit the result of every
spec change. The TypeScript types need Node.js 20+ with npm (the generator is an npm package,
pinned in clients/typescript/package-lock.json).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
SPEC = CLIENTS.parent / "openapi" / "openapi.json"
CONFIG = CLIENTS / "openapi-python-client.yaml"
# Templates of ours that replace the generator's: the README says how to use this API's client.
TEMPLATES = CLIENTS / "templates"
OUTPUT = CLIENTS / "python"
TYPESCRIPT = CLIENTS / "typescript"


def generate(output: Path) -> None:
    """Write the client to `output`, replacing whatever was there: the generator's --overwrite
    keeps files that it no longer generates."""
    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp, "python")
        result = subprocess.run(  # noqa: S603 - a fixed argv of the pinned generator
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(SPEC),
                "--config",
                str(CONFIG),
                "--custom-template-path",
                str(TEMPLATES),
                "--meta",
                "pdm",
                "--output-path",
                str(generated),
                "--fail-on-warning",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(generated, output)
    print(f"wrote {output}")


def generate_typescript() -> None:
    """Install the package's pinned tools from its lock file, then run its `generate` script
    (openapi-typescript with its default options)."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("clients/typescript needs Node.js 20+ with npm on PATH")
    for step in (["ci", "--prefer-offline", "--no-audit", "--no-fund"], ["run", "generate"]):
        result = subprocess.run(  # noqa: S603 - npm with fixed arguments
            [npm, *step], cwd=TYPESCRIPT, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
    print(f"wrote {TYPESCRIPT / 'src' / 'schema.d.ts'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output",
        type=Path,
        help="write only the Python client, to this directory (default: both clients, in place)",
    )
    output = parser.parse_args().output
    generate(output or OUTPUT)
    if output is None:
        generate_typescript()


if __name__ == "__main__":
    main()
