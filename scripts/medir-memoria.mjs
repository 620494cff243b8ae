// Issue 17's memory figure on the real window (run from the repository root, under Xvfb, with
// tauri-driver on PATH): the memory (PSS of the app and its WebKit processes) at Inicio, and
// after «a day's use» — every screen walked twice, each time previewing a 700-page expediente
// and scrolling through it, closed once with Escape and once with «Cerrar». Prints both and
// their ratio (the issue asks for at most 1,3).
//   COACTIVA_DB=/ruta/base.db COACTIVA_CLAVE=… node scripts/medir-memoria.mjs [binario]
// The base needs a proceso with a 700-foja expediente: `coactiva demo --procesos 1 --fojas 700`.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("ui/package.json"));
const { Builder, By, Key, until } = require("selenium-webdriver");
const APP = process.argv[2] ?? path.resolve(process.env.CARGO_TARGET_DIR ?? "target", "release", "coactiva-app");
const PROCESO = process.env.COACTIVA_PROCESO ?? "17001-2026-00001";

/** PSS in MB of the app and its WebKit processes; `detalle` gets each one's. */
function pss(detalle = null) {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const exe = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0].split("/").pop();
      if (!/^(coactiva-app|WebKitWebProcess|WebKitNetworkProcess|WebKitGPUProcess)$/.test(exe)) continue;
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      if (m) { total += Number(m[1]); detalle?.push(`${exe} ${Math.round(Number(m[1]) / 1024)} MB`); }
    } catch { /* process gone */ }
  }
  return Math.round(total / 1024);
}
const pausa = (ms) => new Promise((r) => setTimeout(r, ms));

const driver = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], { stdio: "ignore", env: process.env });
await pausa(800);
try {
  const w = await new Builder().usingServer("http://127.0.0.1:4444/").withCapabilities({ browserName: "wry", "tauri:options": { application: APP } }).build();
  await w.wait(until.elementLocated(By.id("usuario")), 30000);
  await w.findElement(By.id("usuario")).sendKeys(process.env.COACTIVA_USUARIO ?? "jefe");
  await w.findElement(By.id("clave")).sendKeys(process.env.COACTIVA_CLAVE ?? "");
  await w.findElement(By.css("button[type=submit]")).click();
  await w.wait(until.elementLocated(By.id("estado-sync")), 60000);
  await pausa(3000);
  const enInicio = [];
  const inicio = pss(enInicio);
  let pico = inicio;
  const ir = async (s) => {
    await w.findElement(By.id(`nav-${s}`)).click();
    await w.wait(until.elementLocated(By.css("main h1")), 30000);
    await pausa(700);
    pico = Math.max(pico, pss());
  };
  for (const vuelta of [1, 2]) {
    for (const s of ["inicio", "titulos", "sorteo", "bienes", "abogados", "configuracion", "procesos"]) await ir(s);
    const buscar = await w.wait(until.elementLocated(By.id("buscar-procesos")), 30000);
    await buscar.clear();
    await buscar.sendKeys(PROCESO);
    const fila = await w.wait(until.elementLocated(By.css(`.fila-proceso[data-numero='${PROCESO}']`)), 30000);
    await fila.click();
    await w.wait(until.elementLocated(By.css("#documento option[value='expediente']")), 30000).click();
    await w.findElement(By.id("imprimir-documento")).click();
    await w.wait(async () => Number((await w.findElements(By.css("#vista-previa[data-paginas]"))).length) > 0, 120000);
    const paginas = Number(await w.findElement(By.id("vista-previa")).getAttribute("data-paginas"));
    // Through the whole document, as someone looking for a page would.
    for (const f of [0.1, 0.3, 0.5, 0.7, 0.9, 1]) {
      await w.executeScript(`const p = document.getElementById('vista-paginas'); p.scrollTop = p.scrollHeight * ${f};`);
      await pausa(1200);
      pico = Math.max(pico, pss());
    }
    if (vuelta === 1) await w.findElement(By.id("vista-previa")).sendKeys(Key.ESCAPE);
    else await w.findElement(By.id("cerrar-vista")).click();
    await w.wait(async () => (await w.findElements(By.id("vista-previa"))).length === 0, 10000);
    await ir("inicio");
    await pausa(5000);
    console.error(`vuelta ${vuelta}: vista previa de ${paginas} páginas cerrada; en Inicio ${pss()} MB`);
  }
  await ir("inicio");
  await pausa(Number(process.env.ESPERA_MS ?? 5000));
  const alFinal = [];
  const despues = pss(alFinal);
  console.log(JSON.stringify({
    memoria_inicio_mb: inicio,
    memoria_pico_mb: pico,
    memoria_despues_mb: despues,
    razon: Math.round((despues / inicio) * 100) / 100,
    en_inicio: enInicio,
    al_final: alFinal,
  }, null, 2));
  await w.quit();
} finally {
  driver.kill("SIGTERM");
}
