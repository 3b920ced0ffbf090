/**
 * What a TypeScript developer writes against the generated types: a deal and a lead built with
 * only their required fields, and three calls. tests/test_typescript_client.py compiles it with
 * `tsc --strict --noEmit`, so a schema change that would break such code fails the suite.
 */
import { createDealregClient, type Problem, type Schemas } from "../src/index";

const api = createDealregClient({
  baseUrl: "http://localhost:8000",
  token: () => "<access token>",
});

const vendorId = "6f1c2a44-2f7e-4b0e-9d51-3c1f0d9a7b10";
const partnerId = "0b9e8a63-5d2c-4f7a-a1e4-8c6d2b3f9e21";

const deal: Schemas["DealInput"] = {
  customer: { legal_name: "Globex GmbH", country: "DE" },
  contact: { name: "Hank Scorpio" },
  opportunity: { title: "Data centre refresh", currency: "EUR", expected_close_date: "2027-03-31" },
  lines: [{ vendor_id: vendorId, sku: "SRV-42", quantity: 4, unit_price: 1_250_000 }],
};

const lead: Schemas["LeadInput"] = {
  partner_id: partnerId,
  customer: { legal_name: "Initech", country: "US" },
  contact: { name: "Bill Lumbergh" },
};

function explain(problem: Problem): string {
  return `${problem.status} ${problem.title}: ${problem.detail ?? ""}`;
}

export async function registerAndList(): Promise<string[]> {
  const registered = await api.POST("/v1/deals", {
    body: deal,
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  if (registered.error) {
    throw new Error(explain(registered.error));
  }
  const numbers = registered.data.registrations.map((registration) => registration.number);

  const forwarded = await api.POST("/v1/leads", {
    body: lead,
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  if (forwarded.error) {
    throw new Error(explain(forwarded.error));
  }

  const approved = await api.GET("/v1/registrations", {
    params: { query: { status: ["approved"], limit: 20 } },
  });
  if (approved.error) {
    throw new Error(explain(approved.error));
  }
  return [...numbers, ...approved.data.items.map((registration) => registration.number)];
}
