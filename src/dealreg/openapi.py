"""The OpenAPI document as committed at `openapi/openapi.json`: generated from the code, stable
bytes (sorted keys, fixed indentation) so a diff means the API changed."""

import json
import tempfile
from pathlib import Path

from dealreg.app import create_app
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker


def render_openapi() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        # The document depends on no setting; a throwaway key and a never-opened engine keep the
        # command free of the database and of the installation's key.
        offline = Settings.from_env({}, data_dir=Path(tmp))
        engine = make_engine("postgresql://unused@localhost/unused")
        app = create_app(offline, sessionmaker=make_sessionmaker(engine))
        schema = app.openapi_schema.to_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
