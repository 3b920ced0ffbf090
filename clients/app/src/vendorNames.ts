/** Vendors' names by id, kept from the home screen's answer: a lead or an earning read from the
 * phone names its vendor without another request (and offline). */
const KEY = "dealreg.vendors";

export function keepVendorNames(vendors: { id: string; name: string }[]): void {
  const kept = { ...readAll(), ...Object.fromEntries(vendors.map((v) => [v.id, v.name])) };
  localStorage.setItem(KEY, JSON.stringify(kept));
}

export const vendorName = (id: string): string => readAll()[id] ?? "";

function readAll(): Record<string, string> {
  return JSON.parse(localStorage.getItem(KEY) ?? "{}") as Record<string, string>;
}
