/** Money, dates and instants in the app's language. */
import { i18n } from "./i18n";

const locale = () => (i18n.language === "ro" ? "ro-RO" : "en-GB");

// Minor units per currency as Intl knows them (JPY 0, EUR 2, KWD 3).
export function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(locale(), { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export function toMinor(major: string, currency: string): number {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;
  return Math.round(Number(major.replace(",", ".")) * 10 ** digits);
}

export function instant(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(), {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: timeZone ? "short" : undefined,
  }).format(new Date(iso));
}

export function day(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric" }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}
