"""What `dealreg serve --demo` prints: Acme's CRM client, whose secret each run replaces."""

import asyncio
import re
from pathlib import Path

import pytest

from dealreg.auth.service import InvalidClient, principal_for_client
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo import seed_and_describe
from dealreg.demo.crm import CRM_SCOPES
from dealreg.migrations import upgrade
from dealreg.orgs.models import Role

CREDENTIALS = re.compile(r"vendor_system +Acme CRM +client_id (\S+)  client_secret (\S+)")


async def test_each_run_prints_the_crm_client_with_a_new_secret(
    scratch_url: str, tmp_path: Path
) -> None:
    await asyncio.to_thread(upgrade, scratch_url)
    settings = Settings.from_env({}, data_dir=tmp_path)
    runs = []
    for _ in range(2):
        printed = CREDENTIALS.search(await seed_and_describe(settings, scratch_url, "http://demo"))
        assert printed
        runs.append(printed.groups())
    (first_id, first_secret), (second_id, second_secret) = runs
    assert first_id == second_id
    assert first_secret != second_secret

    engine = make_engine(scratch_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            with pytest.raises(InvalidClient):
                await principal_for_client(session, first_id, first_secret, None)
            crm = await principal_for_client(session, second_id, second_secret, None)
    finally:
        await engine.dispose()
    assert crm.role == Role.vendor_system
    assert crm.scopes == CRM_SCOPES
