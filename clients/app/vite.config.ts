import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// The build goes into the Python package, so `pip install dealreg` serves the app without node.
const outDir = fileURLToPath(new URL("../../src/dealreg/app_dist", import.meta.url));

export default defineConfig({
  base: "/app/",
  build: {
    outDir,
    emptyOutDir: true,
    // The committed build is compared byte for byte with a fresh one (tests/test_app_build.py):
    // no source maps (they carry absolute paths) and nothing that depends on the machine.
    sourcemap: false,
    target: "es2022",
    assetsInlineLimit: 0,
  },
  plugins: [
    VitePWA({
      registerType: "autoUpdate",
      // A file of its own rather than an inline script: the page's CSP allows no inline script.
      injectRegister: "script-defer",
      manifestFilename: "manifest.webmanifest",
      includeAssets: ["icon.svg"],
      manifest: {
        id: "/app/",
        name: "dealreg",
        short_name: "dealreg",
        description: "Register deals with every vendor at once, work your leads, see what you earn.",
        start_url: "/app/",
        scope: "/app/",
        display: "standalone",
        orientation: "portrait",
        background_color: "#ffffff",
        theme_color: "#1d4ed8",
        lang: "en",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell: every built file, so the app opens offline; client routes get index.html.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/app/index.html",
        navigateFallbackAllowlist: [/^\/app(\/|$)/],
        cleanupOutdatedCaches: true,
        // The SW's runtime inlined rather than a separate workbox-<hash>.js: one file, no chunk.
        inlineWorkboxRuntime: true,
        sourcemap: false,
        mode: "production",
      },
    }),
  ],
});
