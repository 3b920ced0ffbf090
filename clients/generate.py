"""Regenerate the Python client in clients/python from openapi/openapi.json.

    python clients/generate.py

tests/test_client.py generates into a temporary directory and compares the trees, as
tests/test_openapi.py does for the document itself: commit the result of every spec change.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default: clients/python")
    generate(parser.parse_args().output)


if __name__ == "__main__":
    main()
