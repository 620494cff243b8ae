// End-to-end, the clerk's day after a sorteo in the real window: the Jefe opens the procesos of
// the whole sorteo in one action; the list counts them all, sorts names in Spanish order and
// filters by abogado; the orden de pago is printed and foliated for all of them in one batch,
// with its progress, one PDF with all and one per proceso; run again, nothing is foliated twice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, CLI, Key, abrir, captura, comoJefe, entornoEn, iniciarDriver, ingresar, pararDriver, textoQueAparece, until } from "./ventana.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "coactiva-e2e-lote-"));
const entorno = entornoEn(dir, "2026-11-24T10:00:00-05:00");
const N = 24;
let driver;

function cli(...args) {
  return execFileSync(CLI, args, { env: comoJefe(entorno) }).toString();
}

before(async () => {
  const obligados = ["CARRIÓN LUNA", "CAÑIZARES PAZ", "ÁLVAREZ RÍOS", "ZAMBRANO VERA", "ÑAUPARI SOSA", "BENÍTEZ ORO"];
  let csv = "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\n";
  for (let i = 1; i <= N; i++) csv += `T-${i};02/01/2026;1714307103;${obligados[i % obligados.length]} ${i};Aportes;${100 + i},00;0;${100 + i},00\n`;
  writeFileSync(path.join(dir, "cartera.csv"), csv);
  cli("init", "--provincia", "17", "--unidad", "Unidad de Pichincha", "--ciudad", "Quito", "--jefe", "jefe", "--nombres-jefe", "Dra. Ana Núñez");
  cli("titulos", "importar", path.join(dir, "cartera.csv"));
  cli("abogados", "agregar", "--identificacion", "1710034065", "--nombres", "Ab. Raúl Pérez");
  cli("abogados", "agregar", "--identificacion", "0926687856", "--nombres", "Ab. Carmen Ñauta");
  cli("sorteo", "ejecutar");
  driver = await iniciarDriver(entorno);
});

after(async () => {
  await pararDriver(driver);
});

test("the procesos of a whole sorteo are opened, listed honestly, and their órdenes de pago printed and foliated in one batch", async () => {
  const w = await abrir();
  try {
    await ingresar(w);
    // Sorteo: «Abrir sus procesos» on sorteo 1.
    await w.findElement(By.id("nav-sorteo")).click();
    await w.wait(until.elementLocated(By.id("abrir-procesos-1")), 10000).click();
    await textoQueAparece(w, By.id("mensajes-sorteo"), new RegExp(`Sorteo N\\.º 1: ${N} procesos abiertos\\.`));
    await captura(w, "30a-sorteo-abrir-procesos");

    // Procesos: the real total, the abogado's name, Spanish order when sorting by obligado.
    await w.findElement(By.id("nav-procesos")).click();
    await textoQueAparece(w, By.id("contador-procesos"), new RegExp(`^${N} procesos en total\\.$`));
    await w.findElement(By.css(".cabecera-lista button[data-orden='obligado']")).click();
    // The rows are redrawn as pages arrive: read them in one go, in the page.
    const leer = () => w.executeScript("return [...document.querySelectorAll('#lista-procesos .fila-proceso')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((f) => f.children[2].textContent + ' | ' + f.children[6].textContent)");
    await w.wait(async () => ((await leer())[0] ?? "").startsWith("ÁLVAREZ"), 10000);
    const filasTexto = await leer();
    const nombres = filasTexto.map((t) => t.split(" | ")[0]);
    const primera = (p) => nombres.findIndex((n) => n.startsWith(p));
    // In bytes «R» comes before «Ñ»: CARRIÓN would show before every CAÑIZARES.
    assert.ok(primera("CAÑIZARES") >= 0 && (primera("CARRIÓN") === -1 || primera("CAÑIZARES") < primera("CARRIÓN")), `Ñ before R: ${nombres.join(" | ")}`);
    assert.ok(primera("BENÍTEZ") < primera("CAÑIZARES"));
    assert.match(filasTexto[0], /\| Ab\. (Raúl Pérez|Carmen Ñauta)$/);
    await captura(w, "30b-lista-por-obligado");
    // A filter by abogado counts all of his.
    await w.findElement(By.css("#filtro-abogado option[value='1710034065']")).click();
    const suyos = await textoQueAparece(w, By.id("contador-procesos"), /^\d+ procesos? coincid/);
    const n1 = Number(suyos.split(" ")[0]);
    assert.ok(n1 > 0 && n1 < N, suyos);
    await captura(w, "30c-filtro-abogado");
    await w.findElement(By.id("limpiar-filtros")).click();
    await textoQueAparece(w, By.id("contador-procesos"), new RegExp(`^${N} procesos en total\\.$`));

    // The batch: orden de pago for the sorteo, foliated; «Cancelar» is the default.
    await w.findElement(By.css("#lote summary")).click();
    await w.findElement(By.css("#lote-documento option[value='orden-pago']")).click();
    await w.findElement(By.css("#lote-origen option[value='sorteo']")).click();
    await w.findElement(By.id("lote-foliar")).click();
    await w.findElement(By.id("lote-preparar")).click();
    const confirmar = await w.wait(until.elementLocated(By.id("lote-confirmacion")), 10000);
    assert.match(await confirmar.getText(), new RegExp(`«Orden de pago inmediato» para ${N} procesos`));
    assert.match(await confirmar.getText(), /las fojas son permanentes/);
    assert.equal(await w.switchTo().activeElement().getAttribute("id"), "lote-no");
    await captura(w, "30d-lote-confirmar");
    await w.switchTo().activeElement().sendKeys(Key.ESCAPE);
    assert.equal((await w.findElements(By.id("lote-confirmacion"))).length, 0, "Escape cancels");
    await w.findElement(By.id("lote-preparar")).click();
    await w.wait(until.elementLocated(By.id("lote-confirmar")), 10000).click();
    const resumen = await textoQueAparece(w, By.id("zona-lote"), new RegExp(`impreso y foliado para ${N} de ${N} procesos \\(\\d+ páginas?\\)\\. Todos en `), 60000);
    await captura(w, "30e-lote-hecho");
    const ruta = resumen.match(/Todos en (.+?\.pdf)/)[1];
    assert.ok(existsSync(ruta), ruta);
    const texto = execFileSync("pdftotext", [ruta, "-"]).toString();
    assert.equal(texto.match(/ORDEN DE PAGO INMEDIATO/g)?.length, N);
    // One per proceso, in its folder.
    const carpeta = path.join(dir, "documentos", "Procesos", "17001-2026-00007");
    assert.ok(readdirSync(carpeta).some((f) => f.startsWith("orden-pago-")), readdirSync(carpeta).join(", "));
    // The merged PDF in the preview.
    await w.findElement(By.id("lote-ver")).click();
    const vista = await w.wait(until.elementLocated(By.css("#vista-previa[data-paginas]")), 20000);
    assert.ok(Number(await vista.getAttribute("data-paginas")) >= N);
    await captura(w, "30f-lote-vista");
    await w.findElement(By.id("cerrar-vista")).click();

    // Again: nothing is foliated twice; each one says why.
    await w.findElement(By.id("lote-preparar")).click();
    await w.wait(until.elementLocated(By.id("lote-confirmar")), 10000).click();
    await textoQueAparece(w, By.id("zona-lote"), new RegExp(`${N} procesos no se imprimieron \\(${N} porque su expediente ya tenía el documento\\)`), 60000);
    await captura(w, "30g-lote-repetido");
  } finally {
    await w.quit();
  }
  const v = execFileSync(CLI, ["verificar"], { env: comoJefe(entorno) }).toString();
  assert.match(v, /Verificación correcta/);
  const j = JSON.parse(cli("--json", "procesos", "ver", "17001-2026-00001"));
  assert.equal(j.fojas > 0, true, "foliated");
});
