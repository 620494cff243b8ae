// What the end-to-end tests share: the paths of what they drive, a driver started with the
// window's environment (its "today" among it), and the steps a person takes in the window.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("ui/package.json"));
export const { Builder, By, Key, until } = require("selenium-webdriver");

const raiz = path.resolve(".");
const destino = process.env.CARGO_TARGET_DIR ?? path.join(raiz, "target");
export const APP = process.env.COACTIVA_APP ?? path.join(destino, "debug", "coactiva-app");
export const CLI = process.env.COACTIVA_CLI ?? path.join(destino, "debug", "coactiva");
export const CAPTURAS = path.join(raiz, "artifacts", "screens");

/** The environment of a unit kept in `dir`, with the window's and the command's "today". */
export function entornoEn(dir, reloj) {
  return {
    ...process.env,
    XDG_DATA_HOME: path.join(dir, "datos"),
    XDG_CACHE_HOME: path.join(dir, "cache"),
    XDG_CONFIG_HOME: path.join(dir, "config"),
    COACTIVA_DB: path.join(dir, "coactiva.db"),
    COACTIVA_DOCUMENTOS: path.join(dir, "documentos"),
    // "Today" for the window and the command alike (a test build honours it; a release never does).
    COACTIVA_RELOJ: reloj,
  };
}

export const comoJefe = (entorno) => ({ ...entorno, COACTIVA_USUARIO: "jefe", COACTIVA_CLAVE: "clave-del-jefe-1" });

/** Starts tauri-driver: the windows it opens inherit `entorno`. Stop it with `pararDriver`. */
export async function iniciarDriver(entorno) {
  mkdirSync(CAPTURAS, { recursive: true });
  const d = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], { env: entorno, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  return d;
}

export async function pararDriver(d) {
  if (!d || d.exitCode !== null) return;
  // SIGTERM, not SIGKILL: a killed tauri-driver leaves WebKitWebDriver running.
  const fin = new Promise((r) => d.once("exit", r));
  d.kill("SIGTERM");
  await Promise.race([fin, new Promise((r) => setTimeout(r, 5000))]);
}

export async function abrir() {
  return new Builder()
    .usingServer("http://127.0.0.1:4444/")
    .withCapabilities({ browserName: "wry", "tauri:options": { application: APP } })
    .build();
}

export async function captura(w, nombre) {
  writeFileSync(path.join(CAPTURAS, `${nombre}.png`), await w.takeScreenshot(), "base64");
}

// Types into a field and checks it holds exactly that: WebKitWebDriver can lose keys while the
// page applies `autofocus`, and a password typed half into the wrong field fails the login.
export async function escribir(w, id, texto) {
  for (let intento = 0; intento < 3; intento++) {
    // The screen may still be loading its lists: wait for the field to be there.
    const el = await w.wait(until.elementLocated(By.id(id)), 10000);
    await el.clear();
    await el.sendKeys(texto);
    if ((await el.getAttribute("value")) === texto) return;
  }
  throw new Error(`el campo #${id} no quedó con el texto escrito`);
}

export async function ingresar(w) {
  await w.wait(until.elementLocated(By.id("usuario")), 15000);
  for (let intento = 0; intento < 3; intento++) {
    await escribir(w, "usuario", "jefe");
    await escribir(w, "clave", "clave-del-jefe-1");
    const usuario = await w.findElement(By.id("usuario")).getAttribute("value");
    if (usuario === "jefe") break;
  }
  await w.findElement(By.css("button[type=submit]")).click();
  try {
    await w.wait(until.elementLocated(By.id("juzgado")), 10000);
  } catch (e) {
    await captura(w, "fallo-ingreso");
    const cuerpo = await w.findElement(By.css("body")).getText();
    throw new Error(`no se llegó al Inicio; la ventana muestra: ${cuerpo}`, { cause: e });
  }
}

/** Waits until the element at `como` shows text matching `patron`, looking it up afresh on
 * each try (a screen that re-renders replaces its elements); returns the text. */
export async function textoQueAparece(w, como, patron, ms = 15000) {
  let ultimo = "";
  try {
    await w.wait(async () => {
      try {
        ultimo = await (await w.findElement(como)).getText();
        return patron.test(ultimo);
      } catch {
        return false;
      }
    }, ms);
  } catch (e) {
    // The message is built after the wait, with the text last seen, not the empty one before it.
    throw new Error(`no apareció ${patron} (último texto: ${ultimo.slice(0, 2000)})`, { cause: e });
  }
  return ultimo;
}

export async function textoDe(w, id) {
  const el = await w.wait(until.elementLocated(By.id(id)), 10000);
  return el.getText();
}

