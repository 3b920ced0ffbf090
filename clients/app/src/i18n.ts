/**
 * English and Romanian through i18next: the language is the one chosen in the app (kept in
 * localStorage), else the first of the browser's languages that the app speaks, else English.
 * The API is asked in the same language (`Accept-Language`), so its problems read the same.
 */
import i18next from "i18next";
import { useEffect, useState } from "preact/hooks";
import en from "./locales/en.json";
import ro from "./locales/ro.json";

export const LANGUAGES = ["en", "ro"] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = "dealreg.language";

function spoken(tag: string | null | undefined): Language | undefined {
  const base = tag?.toLowerCase().split("-")[0];
  return LANGUAGES.find((language) => language === base);
}

export function preferredLanguage(): Language {
  const chosen = spoken(localStorage.getItem(KEY));
  if (chosen) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const found = spoken(tag);
    if (found) return found;
  }
  return "en";
}

export const i18n = i18next.createInstance();
void i18n.init({
  lng: preferredLanguage(),
  fallbackLng: "en",
  resources: { en: { translation: en }, ro: { translation: ro } },
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export const t = i18n.t.bind(i18n);

/** Re-renders the caller when the language changes. */
export function useLanguage(): Language {
  const [language, set] = useState(i18n.language as Language);
  useEffect(() => {
    const changed = (next: string) => set(next as Language);
    i18n.on("languageChanged", changed);
    return () => i18n.off("languageChanged", changed);
  }, []);
  return language;
}
