"""Keep a vendor's CRM in step with dealreg: a delta sync of the vendor's registrations, and a
receiver of dealreg's signed webhooks.

    pip install -e clients/python standardwebhooks
    # Acme CRM's credentials, as `dealreg serve --demo` prints them:
    export DEALREG_CLIENT_ID=drc_... DEALREG_CLIENT_SECRET=drs_...
    python examples/vendor_crm_sync.py sync      # every registration, the first time
    python examples/vendor_crm_sync.py sync      # then only what changed since
    # The secret POST /v1/webhook-endpoints showed for an endpoint at this address:
    export DEALREG_WEBHOOK_SECRET=whsec_...
    python examples/vendor_crm_sync.py receive --listen 127.0.0.1:8765

`sync` signs in as the vendor's machine client (OAuth2 client credentials), pages through the
registrations changed since its last run and keeps its place, the last page's cursor, in a state
file. `receive` answers webhook deliveries, accepting only those whose Standard Webhooks
signature verifies and whose timestamp is recent.
"""

import argparse
import contextlib
import json
import os
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from dealreg_client import AuthenticatedClient, Client
from dealreg_client.api.oauth import token_issue
from dealreg_client.api.registrations import registration_list
from dealreg_client.models import RegistrationList, TokenRequest, TokenResponse
from standardwebhooks import Webhook, WebhookVerificationError

# The first sync asks for every change since before any registration was made.
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)

T = TypeVar("T")


@runtime_checkable
class Reported(Protocol):
    """A problem dealreg reported: the client has a class per problem type
    (`RegistrationNotFoundProblem`, `StaleVersionProblem`...), each with these members."""

    status: int
    title: str
    detail: str


def expect(answer: object, kind: type[T]) -> T:
    """The answer, or exit with the problem dealreg reported."""
    if isinstance(answer, kind):
        return answer
    if isinstance(answer, Reported):
        raise SystemExit(f"dealreg: {answer.status} {answer.title}: {answer.detail}")
    raise SystemExit(f"dealreg: an answer that is not a {kind.__name__}")


def access_token(args: argparse.Namespace) -> str:
    """A token of the vendor's machine client, narrowed to what a sync needs."""
    request = TokenRequest(
        grant_type="client_credentials",
        client_id=args.client_id,
        client_secret=args.client_secret,
        scope="registrations:read",
    )
    with Client(base_url=args.base_url, raise_on_unexpected_status=True) as anonymous:
        return expect(token_issue.sync(client=anonymous, body=request), TokenResponse).access_token


def save_cursor(state: Path, cursor: str | None) -> None:
    # Written aside, then renamed over the old: a sync killed mid-write keeps its last place.
    partial = state.with_name(state.name + ".partial")
    partial.write_text(json.dumps({"cursor": cursor}))
    partial.replace(state)


def sync(args: argparse.Namespace) -> None:
    state: Path = args.state
    cursor = json.loads(state.read_text())["cursor"] if state.exists() else None
    changed = 0
    with AuthenticatedClient(
        base_url=args.base_url, token=access_token(args), raise_on_unexpected_status=True
    ) as api:
        # Until an empty page: a page can end short of the limit before a transaction still
        # open, and its cursor resumes there, so nothing committed late is skipped.
        while True:
            page = expect(
                registration_list.sync(
                    client=api,
                    limit=200,
                    cursor=cursor,
                    updated_since=None if cursor else BEGINNING,
                ),
                RegistrationList,
            )
            for registration in page.items:
                # A CRM would upsert its opportunity keyed by the registration's id here.
                print(
                    f"{registration.id}  {registration.number}  {registration.status.value:<14}"
                    f"  {registration.customer_name}"
                )
            changed += len(page.items)
            # A delta page always carries a cursor, even an empty one: the next sync polls it.
            cursor = page.next_cursor
            save_cursor(state, cursor)
            if not page.items:
                break
    print(f"synced {changed} changed registration(s); the next sync resumes from {state}")


def receive(args: argparse.Namespace) -> None:
    verifier = Webhook(args.webhook_secret)
    # Retries of one message share its webhook-id: act on each once. A CRM would keep these.
    acted_on: set[str] = set()

    class Deliveries(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            try:
                # Checks the signature of id, timestamp and body, and refuses a timestamp more
                # than five minutes away: a captured delivery cannot be replayed later.
                event = verifier.verify(body, dict(self.headers))
            except WebhookVerificationError as exc:
                print(f"rejected a delivery: {exc}", flush=True)
                self.send_response(400)
                self.end_headers()
                return
            if self.headers["webhook-id"] not in acted_on:
                acted_on.add(self.headers["webhook-id"])
                # Only `type` and `id` are read here; `data` carries the resource itself.
                print(f"verified {event['type']} {event['id']}", flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the handler prints what matters."""

    host, _, port = args.listen.rpartition(":")
    with HTTPServer((host, int(port)), Deliveries) as server:
        print(f"listening on http://{args.listen}/", flush=True)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends it quietly
            server.serve_forever()


def option_from_env(parser: argparse.ArgumentParser, flag: str, variable: str) -> None:
    # Secrets are best passed in the environment: a command line shows in `ps` and the history.
    value = os.environ.get(variable)
    parser.add_argument(flag, default=value, required=value is None, help=f"default: ${variable}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    sync_command = commands.add_parser("sync", help="fetch what changed since the last sync")
    sync_command.add_argument("--base-url", default="http://localhost:8000")
    option_from_env(sync_command, "--client-id", "DEALREG_CLIENT_ID")
    option_from_env(sync_command, "--client-secret", "DEALREG_CLIENT_SECRET")
    sync_command.add_argument(
        "--state", type=Path, default=Path("crm-sync-state.json"), help="where the sync's place is"
    )
    sync_command.set_defaults(run=sync)

    receive_command = commands.add_parser("receive", help="verify and print webhook deliveries")
    receive_command.add_argument("--listen", default="127.0.0.1:8765", help="host:port")
    option_from_env(receive_command, "--webhook-secret", "DEALREG_WEBHOOK_SECRET")
    receive_command.set_defaults(run=receive)

    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
