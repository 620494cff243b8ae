// The Dirección Nacional's page in a real browser (Debian's Chromium, headless): three units
// deliver to the centre, the director logs in (a wrong password first), reads the national
// summary with its charts, downloads the workbook, and logs out. Screenshots in
// artifacts/screens/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { CLI, CAPTURAS, By, until } from "./ventana.mjs";

const require = createRequire(path.resolve("ui/package.json"));
const chrome = require("selenium-webdriver/chrome");
const { Builder } = require("selenium-webdriver");

const RELOJ = "2026-11-24T10:00:00-05:00";

function coactiva(entorno, args, extra = {}) {
  const r = spawnSync(CLI, args, { env: { ...entorno, ...extra }, encoding: "utf8" });
  assert.equal(r.status, 0, `coactiva ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

async function puertoLibre() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => ok(p));
    });
  });
}

test("la directora nacional ve el resumen de las unidades y lo descarga", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "coactiva-nacional-"));
  const base = {
    ...process.env,
    XDG_DATA_HOME: path.join(dir, "datos"),
    COACTIVA_DOCUMENTOS: path.join(dir, "documentos"),
    COACTIVA_RELOJ: RELOJ,
  };
  delete base.COACTIVA_DB;
  const central = path.join(dir, "central.db");
  const clave = coactiva(base, ["central", "clave-publica", "--db", central]).trim();
  const usb = path.join(dir, "usb");
  mkdirSync(usb);
  for (const [provincia, ciudad, semilla] of [["17", "Quito", "1"], ["09", "Guayaquil", "2"], ["01", "Cuenca", "3"]]) {
    const u = { ...base, COACTIVA_DB: path.join(dir, `${provincia}.db`), COACTIVA_USUARIO: "jefe", COACTIVA_CLAVE: "clave-del-jefe-1", COACTIVA_CLAVE_NUEVA: "clave-del-jefe-1" };
    coactiva(u, ["init", "--provincia", provincia, "--unidad", `Unidad de ${ciudad}`, "--ciudad", ciudad, "--jefe", "jefe"]);
    coactiva(u, ["configuracion", "cambiar", "clave_central", clave]);
    coactiva(u, ["demo", "--titulos", String(8 * Number(semilla)), "--abogados", "2", "--procesos", String(3 * Number(semilla)), "--semilla", semilla]);
    const propia = coactiva(u, ["clave-publica"]).trim();
    coactiva(base, ["central", "unidades", "agregar", "--db", central, "--unidad", `${provincia}001`, "--clave", propia]);
    coactiva(u, ["sincronizar", "--destino", usb]);
  }
  coactiva(base, ["central", "recibir", "--db", central, usb]);
  coactiva(base, ["central", "usuarios", "agregar", "--db", central, "directora", "--nombres", "Ing. María Torres"], { COACTIVA_CLAVE_NUEVA: "clave-nacional-7" });

  const puerto = await puertoLibre();
  const servidor = spawn(CLI, ["central", "servir", "--db", central, "--puerto", String(puerto), "--sin-tls"], { env: base, stdio: "ignore" });
  const url = `http://127.0.0.1:${puerto}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${url}/estado`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const opciones = new chrome.Options()
    .setChromeBinaryPath("/usr/bin/chromium")
    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--window-size=1366,1400", "--lang=es-EC", `--user-data-dir=${path.join(dir, "chromium")}`);
  const w = await new Builder().forBrowser("chrome").setChromeOptions(opciones)
    .setChromeService(new chrome.ServiceBuilder("/usr/bin/chromedriver")).build();
  try {
    mkdirSync(CAPTURAS, { recursive: true });
    await w.get(`${url}/`);
    await w.wait(until.elementLocated(By.id("usuario")), 10000);
    // A wrong password first: refused in Spanish, nothing shown.
    await w.findElement(By.id("usuario")).sendKeys("directora");
    await w.findElement(By.id("clave")).sendKeys("no-es-la-clave");
    await w.findElement(By.id("ingresar")).click();
    const aviso = await w.wait(until.elementLocated(By.id("aviso")), 10000);
    assert.match(await aviso.getText(), /usuario o clave incorrectos/i);
    assert.equal((await w.findElements(By.id("tabla-etapas"))).length, 0);
    await w.findElement(By.id("usuario")).sendKeys("directora");
    await w.findElement(By.id("clave")).sendKeys("clave-nacional-7");
    await w.findElement(By.id("ingresar")).click();
    await w.wait(until.elementLocated(By.id("tabla-etapas")), 10000);
    const texto = await w.findElement(By.css("body")).getText();
    assert.match(texto, /Resumen nacional al 24 de noviembre de 2026/);
    assert.match(texto, /Ing\. María Torres/);
    for (const p of ["Pichincha", "Guayas", "Azuay"]) assert.match(texto, new RegExp(p));
    // 3 + 6 + 9 procesos in all, counted the way the units count them.
    assert.match(await w.findElement(By.css("#tabla-etapas tfoot")).getText(), /Total nacional.*18/s);
    assert.equal((await w.findElements(By.css("#grafico-provincias rect"))).length, 3);
    assert.equal((await w.findElements(By.css("#grafico-antiguedad rect"))).length, 4);
    assert.equal((await w.findElements(By.css("#tabla-entregas tbody tr"))).length, 3);
    assert.match(await w.findElement(By.id("tabla-entregas")).getText(), /ninguna/);
    writeFileSync(path.join(CAPTURAS, "nacional.png"), await w.takeScreenshot(), "base64");
    // The workbook, with the session's cookie; without it, no data.
    const cookie = await w.manage().getCookie("coactiva_sesion");
    const xlsx = await fetch(`${url}/nacional/resumen.xlsx`, { headers: { cookie: `coactiva_sesion=${cookie.value}` } });
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get("content-type"), /spreadsheetml/);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), "PK");
    const ajeno = await fetch(`${url}/nacional/resumen.xlsx`, { redirect: "manual" });
    assert.equal(ajeno.status, 303);
    // Logging out ends the session.
    await w.findElement(By.id("salir")).click();
    await w.wait(until.elementLocated(By.id("usuario")), 10000);
    const despues = await fetch(`${url}/nacional/resumen.xlsx`, { headers: { cookie: `coactiva_sesion=${cookie.value}` }, redirect: "manual" });
    assert.equal(despues.status, 303);
    writeFileSync(path.join(CAPTURAS, "nacional-ingreso.png"), await w.takeScreenshot(), "base64");
  } finally {
    await w.quit();
    servidor.kill();
  }
});
