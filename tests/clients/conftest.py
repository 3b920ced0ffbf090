"""The generated client in clients/python, importable here as `pip install -e clients/python`
would make it: CI installs the project alone."""

import sys
from pathlib import Path

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "python"
sys.path.insert(0, str(CLIENT))
