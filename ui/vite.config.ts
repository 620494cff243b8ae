import { defineConfig } from "vite";

// Everything is bundled locally: the app must work with no network.
export default defineConfig({
  clearScreen: false,
  publicDir: "../assets/logo",
  build: { outDir: "dist", target: "safari15", sourcemap: false, emptyOutDir: true },
  server: { port: 1420, strictPort: true },
});
