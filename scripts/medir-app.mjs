// Measures issue 6's figures on the real window (run from the repository root, under Xvfb,
// with tauri-driver on PATH): cold start to an interactive login, login to an interactive
// Inicio, search-as-you-type latency, and memory (PSS of the app and its WebKit processes).
//   COACTIVA_DB=/ruta/200k.db COACTIVA_CLAVE=… node scripts/medir-app.mjs [binario]
import { spawn, execSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("ui/package.json"));
const { Builder, By, until } = require("selenium-webdriver");
const APP = process.argv[2] ?? path.resolve(process.env.CARGO_TARGET_DIR ?? "target", "release", "coactiva-app");

function pss() {
  let total = 0;
  const nombres = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const exe = cmd.split("\0")[0].split("/").pop();
      if (!/^(coactiva-app|WebKitWebProcess|WebKitNetworkProcess|WebKitGPUProcess)$/.test(exe)) continue;
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      if (m) { total += Number(m[1]); nombres.push(`${exe} ${Math.round(Number(m[1]) / 1024)} MB`); }
    } catch { /* process gone */ }
  }
  return { mb: total / 1024, procesos: nombres };
}

const driver = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], { stdio: "ignore", env: process.env });
await new Promise((r) => setTimeout(r, 800));
try {
  const t0 = performance.now();
  const w = await new Builder().usingServer("http://127.0.0.1:4444/").withCapabilities({ browserName: "wry", "tauri:options": { application: APP } }).build();
  await w.wait(until.elementLocated(By.id("usuario")), 30000);
  const t1 = performance.now();
  await w.findElement(By.id("usuario")).sendKeys(process.env.COACTIVA_USUARIO ?? "jefe");
  await w.findElement(By.id("clave")).sendKeys(process.env.COACTIVA_CLAVE ?? "");
  const t2 = performance.now();
  await w.findElement(By.css("button[type=submit]")).click();
  await w.wait(until.elementLocated(By.id("estado-sync")), 60000);
  const t3 = performance.now();
  await new Promise((r) => setTimeout(r, 2000));
  const memInicio = pss();
  await w.findElement(By.id("nav-procesos")).click();
  const buscar = await w.wait(until.elementLocated(By.id("buscar-procesos")), 30000);
  await w.wait(until.elementTextContains(w.findElement(By.id("contador-procesos")), "proceso"), 30000);
  // Measured inside the page: from the input event to the list showing the results.
  const tiempos = [];
  for (const q of ["perez", "andrade", "09001-2026-12345", "quishpe maria", "1710"]) {
    const ms = await w.executeAsyncScript(`
      const [q, listo] = arguments;
      const b = document.getElementById("buscar-procesos");
      const c = document.getElementById("contador-procesos");
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (c.textContent.includes("resultado")) { obs.disconnect(); listo(performance.now() - t0 - 50); }
      });
      c.textContent = "";
      obs.observe(c, { childList: true, characterData: true, subtree: true });
      b.value = q;
      b.dispatchEvent(new Event("input"));`, q);
    tiempos.push(ms);
  }
  // Scroll deep into the virtual list.
  await w.executeScript("const v = document.getElementById('lista-procesos'); v.scrollTop = v.scrollHeight / 2;");
  await new Promise((r) => setTimeout(r, 1500));
  const memLista = pss();
  console.log(JSON.stringify({
    arranque_hasta_ingreso_ms: Math.round(t1 - t0),
    ingreso_hasta_inicio_ms: Math.round(t3 - t2),
    busqueda_ms: tiempos.map(Math.round),
    memoria_inicio_mb: Math.round(memInicio.mb),
    memoria_lista_mb: Math.round(memLista.mb),
    procesos_medidos: memLista.procesos,
  }, null, 2));
  await w.quit();
} finally {
  driver.kill("SIGTERM");
}
