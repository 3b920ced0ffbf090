"""Regenerate the Python client in clients/python from openapi/openapi.json.

    python clients/generate.py

tests/test_client.py generates into a temporary directory and compares the trees, as
tests/test_openapi.py does for the document itself: commit the result of every spec change.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CLIENTS = Path(__file__).resolve().parent
SPEC = CLIENTS.parent / "openapi" / "openapi.json"
CONFIG = CLIENTS / "openapi-python-client.yaml"
OUTPUT = CLIENTS / "python"


def titled_by_key(document: dict[str, Any]) -> dict[str, Any]:
    """Litestar keys two structs of one name apart (`leads_Assignment`, `approvals_Assignment`)
    but titles both `Assignment`, and the generator names a class by its schema's title: two
    classes of one name fail the generation. Title every component by its unique key instead."""
    for key, schema in document["components"]["schemas"].items():
        if "title" in schema:
            schema["title"] = key
    return document


def generate(output: Path) -> None:
    """Write the client to `output`, replacing whatever was there: the generator's --overwrite
    keeps files that it no longer generates."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp, "openapi.json")
        spec.write_text(json.dumps(titled_by_key(json.loads(SPEC.read_text()))))
        generated = Path(tmp, "python")
        result = subprocess.run(  # noqa: S603 - a fixed argv of the pinned generator
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(spec),
                "--config",
                str(CONFIG),
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
