import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(path.resolve("ui/package.json"));
const { Builder, By, until } = require("selenium-webdriver");
const driver = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], { stdio: "ignore", env: process.env });
await new Promise((r) => setTimeout(r, 800));
const t0 = performance.now();
const w = await new Builder().usingServer("http://127.0.0.1:4444/").withCapabilities({ browserName: "wry", "tauri:options": { application: process.argv[2] } }).build();
await w.wait(until.elementLocated(By.id("nombre")), 30000);
const t1 = performance.now();
await new Promise((r) => setTimeout(r, 2000));
let total = 0;
for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
  try {
    const exe = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0].split("/").pop();
    if (!/^(coactiva-app|WebKitWebProcess|WebKitNetworkProcess|WebKitGPUProcess)$/.test(exe)) continue;
    total += Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m)[1]);
  } catch {}
}
console.log(JSON.stringify({ arranque_base_vacia_ms: Math.round(t1 - t0), memoria_base_vacia_mb: Math.round(total / 1024) }));
await w.quit();
driver.kill("SIGTERM");
