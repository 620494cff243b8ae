// End-to-end, from the embargo to the adjudicación in the real window, on two days: on 24 de
// noviembre the clerk seizes a vehículo, records the perito's avalúo, calls the remate for
// 8 de enero and records the publication; on 11 de enero Inicio shows the depositario's overdue
// report, and the clerk records it, a bodegaje contract, a postura, the acta de remate and the
// adjudicación, then the inventory and its XLSX. Bad input is refused on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, CLI, abrir, captura, comoJefe, entornoEn, escribir, iniciarDriver, ingresar, pararDriver, textoQueAparece, until } from "./ventana.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "coactiva-e2e-remate-"));
const noviembre = entornoEn(dir, "2026-11-24T10:00:00-05:00");
const enero = entornoEn(dir, "2027-01-11T10:00:00-05:00");
const NUMERO = "17001-2026-00001";
const pdf = path.join(dir, "documento.pdf");
let driver;

function cli(entorno, ...args) {
  return execFileSync(CLI, args, { env: comoJefe(entorno) }).toString();
}

before(async () => {
  // The unit, a título drawn to its abogado, the proceso in embargo with a vehículo registered
  // and a depositario judicial: what the earlier screens already cover.
  const csv = path.join(dir, "cartera.csv");
  writeFileSync(csv, "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\n" +
    "T-1;02/01/2026;1714307103;Comercial Andina;Aportes;1.500,00;0;1.500,00\n");
  cli(noviembre, "init", "--provincia", "17", "--unidad", "Unidad de Pichincha", "--ciudad", "Quito", "--jefe", "jefe", "--nombres-jefe", "Dra. Ana Núñez");
  cli(noviembre, "titulos", "importar", csv);
  cli(noviembre, "abogados", "agregar", "--identificacion", "1710034065", "--nombres", "Ab. Raúl Pérez");
  cli(noviembre, "sorteo", "ejecutar");
  cli(noviembre, "procesos", "abrir", "T-1");
  cli(noviembre, "tasas", "agregar", "--desde", "01/01/2026", "--anual", "12");
  for (const etapa of ["orden_pago", "citacion", "embargo"]) cli(noviembre, "procesos", "etapa", NUMERO, etapa);
  cli(noviembre, "depositarios", "agregar", "--identificacion", "0926687856", "--nombres", "Pedro Bodega");
  cli(noviembre, "bienes", "registrar", NUMERO, "--clase", "vehiculo", "--descripcion", "Camioneta Chevrolet D-Max blanca",
    "--dato", "placa=PBA-1234", "--dato", "marca=Chevrolet", "--fecha", "24/11/2026");
  // A PDF to stand for the scanned reports the clerk attaches.
  cli(noviembre, "imprimir", "providencia", NUMERO, "--texto", "Documento escaneado de prueba", "--salida", pdf);
});

after(async () => {
  await pararDriver(driver);
});

async function expediente(w) {
  await w.findElement(By.id("nav-procesos")).click();
  await w.wait(until.elementLocated(By.css("#lista-procesos .fila-proceso")), 10000);
  await w.findElement(By.css("#lista-procesos .fila-proceso")).click();
  await w.wait(until.elementLocated(By.id("t-bienes")), 15000);
}

/** Clicks through the page's script: a checkbox far down a long expediente. */
async function marcar(w, css) {
  await w.executeScript(`const x = document.querySelector(${JSON.stringify(css)}); x.scrollIntoView(); x.click();`);
}

async function enviar(w, boton) {
  await w.executeScript(`document.getElementById(${JSON.stringify(boton)}).scrollIntoView({ block: "center" })`);
  await w.findElement(By.id(boton)).click();
}

async function cerrarVista(w) {
  await w.wait(until.elementLocated(By.css("#vista-previa[data-paginas]")), 20000);
  await w.findElement(By.id("cerrar-vista")).click();
}

test("on 24 de noviembre: the embargo, the avalúo and the call to remate with its publication", async () => {
  driver = await iniciarDriver(noviembre);
  const w = await abrir();
  try {
    await ingresar(w);
    await expediente(w);
    // The diligencia de embargo puts the vehículo in Pedro Bodega's custody; its acta opens.
    await marcar(w, ".embargo-bien[value='1']");
    await escribir(w, "embargo-fecha", "24/11/2026");
    await escribir(w, "embargo-hora", "10:30");
    await escribir(w, "embargo-direccion", "Av. Amazonas N24-100, Quito");
    await escribir(w, "embargo-lugar", "Bodega de la Unidad");
    await enviar(w, "registrar-embargo");
    await textoQueAparece(w, By.id("resultado-accion"), /Embargo 1 registrado: el acta se guardó en .+ y se folió\./);
    await cerrarVista(w);
    await textoQueAparece(w, By.css("table[aria-label='Bienes']"), /en depósito\s*Pedro Bodega\s*Bodega de la Unidad/);
    // An avalúo of zero is refused in Spanish and nothing is recorded; then the perito's value.
    await escribir(w, "avaluo-perito", "1100456787");
    await escribir(w, "avaluo-nombres", "Ing. Pedro Perito");
    await escribir(w, "avaluo-fecha", "24/11/2026");
    await escribir(w, "avaluo-valor", "0");
    await w.findElement(By.id("avaluo-informe")).sendKeys(pdf);
    await enviar(w, "registrar-avaluo");
    await textoQueAparece(w, By.id("resultado-bienes"), /El valor del avalúo debe ser mayor que cero/);
    assert.match(await w.findElement(By.id("sin-avaluos")).getText(), /No hay avalúos/);
    await escribir(w, "avaluo-valor", "15.000,00");
    await enviar(w, "registrar-avaluo");
    await textoQueAparece(w, By.id("resultado-accion"), /Avalúo del bien 1 por USD 15\.000,00 registrado; el informe del perito quedó foliado\./);
    await textoQueAparece(w, By.css("table[aria-label='Avalúos']"), /Ing\. Pedro Perito \(1100456787\)\s*24\/11\/2026\s*USD 15\.000,00/);
    await textoQueAparece(w, By.id("etapa-actual"), /avalúo/);
    // The remate cannot be a week away: the publications need their días hábiles.
    await marcar(w, ".convocar-bien[value='1']");
    await escribir(w, "convocar-fecha", "01/12/2026");
    await escribir(w, "convocar-hora", "10:00");
    await escribir(w, "convocar-lugar", "Sala de audiencias de la Unidad");
    await enviar(w, "convocar-remate");
    const pronto = await textoQueAparece(w, By.id("resultado-bienes"), /días hábiles de anticipación/);
    assert.doesNotMatch(pronto, /--|error:/);
    await escribir(w, "convocar-fecha", "08/01/2027");
    await enviar(w, "convocar-remate");
    await textoQueAparece(w, By.id("resultado-accion"), /Remate N\.º 1 convocado para el 08\/01\/2027: base USD 10\.000,50 \(66,67 % del avalúo de USD 15\.000,00\)\./);
    await escribir(w, "publicar-fecha", "24/11/2026");
    await escribir(w, "publicar-medio", "Diario El Comercio");
    await escribir(w, "publicar-detalle", "Página 12, sección judicial");
    await enviar(w, "registrar-publicacion");
    await textoQueAparece(w, By.id("resultado-accion"), /Publicación registrada: el remate N\.º 1 tiene 1 publicación/);
    await textoQueAparece(w, By.css("table[aria-label='Publicaciones del remate 1']"), /24\/11\/2026\s*Diario El Comercio/);
    await w.executeScript("document.getElementById('remate-expediente').scrollIntoView()");
    await captura(w, "20a-remate-convocado");
  } finally {
    await w.quit();
    await pararDriver(driver);
  }
});

test("on 11 de enero: the overdue report on Inicio, the report, a bodegaje, the remate and its adjudicación, the inventory", async () => {
  driver = await iniciarDriver(enero);
  const w = await abrir();
  try {
    await ingresar(w);
    // Thirty days have passed without the depositario's report: Inicio says so.
    const atrasados = await textoQueAparece(w, By.id("informes-atrasados"), /17001-2026-00001\s*Pedro Bodega\s*1\s*ninguno\s*24\/12\/2026/);
    assert.match(atrasados, /\d+ días?/);
    await w.executeScript("document.getElementById('informes-atrasados').scrollIntoView()");
    await captura(w, "20b-inicio-informes-atrasados");
    await w.findElement(By.css("#informes-atrasados button.enlace")).click();
    await w.wait(until.elementLocated(By.id("t-custodia")), 15000);
    // The depositario's report, foliated; and the storage contract, a costa of the proceso.
    await escribir(w, "informe-fecha", "11/01/2027");
    await escribir(w, "informe-detalle", "El vehículo se conserva en buen estado, sin novedad");
    await w.findElement(By.id("informe-documento")).sendKeys(pdf);
    await enviar(w, "registrar-informe");
    await textoQueAparece(w, By.id("resultado-accion"), /Informe del depositario del 11\/01\/2027 registrado y foliado\./);
    await textoQueAparece(w, By.css("table[aria-label='Depositarios del proceso']"), /Pedro Bodega\s*1\s*24\/11\/2026\s*11\/01\/2027/);
    await marcar(w, ".bodegaje-bien[value='1']");
    await escribir(w, "bodegaje-proveedor", "Bodegas del Norte S.A.");
    await escribir(w, "bodegaje-identificacion", "1790012345001");
    await escribir(w, "bodegaje-desde", "24/11/2026");
    await escribir(w, "bodegaje-hasta", "31/12/2026");
    await escribir(w, "bodegaje-costo", "150,00");
    await w.findElement(By.id("bodegaje-contrato")).sendKeys(pdf);
    await enviar(w, "registrar-bodegaje");
    await textoQueAparece(w, By.id("resultado-accion"), /Contrato de bodegaje con Bodegas del Norte S\.A\. por USD 150,00 registrado/);
    await textoQueAparece(w, By.css("table[aria-label='Contratos de bodegaje']"), /24\/11\/2026 a 31\/12\/2026\s*USD 150,00\s*pendiente/);
    // A postura with too small a deposit is refused; then a good one.
    await escribir(w, "postura-postor", "María Compradora");
    await escribir(w, "postura-identificacion", "1100456787");
    await escribir(w, "postura-valor", "12.000,00");
    await escribir(w, "postura-deposito", "500,00");
    await escribir(w, "postura-fecha", "07/01/2027");
    await enviar(w, "registrar-postura");
    await textoQueAparece(w, By.id("resultado-bienes"), /se consigna al menos USD 1\.200,00/);
    await escribir(w, "postura-deposito", "1.200,00");
    await enviar(w, "registrar-postura");
    await textoQueAparece(w, By.id("resultado-accion"), /Postura registrada: el remate N\.º 1 tiene 1 postura/);
    // The remate is held: its acta opens, and the winning postura is marked.
    await escribir(w, "realizar-fecha", "08/01/2027");
    await enviar(w, "realizar-remate");
    await textoQueAparece(w, By.id("resultado-accion"), /la mejor postura es de María Compradora por USD 12\.000,00; el acta se guardó en .+ y se folió\./);
    await cerrarVista(w);
    await textoQueAparece(w, By.css("table[aria-label='Posturas del remate 1']"), /María Compradora\s*1100456787\s*USD 12\.000,00\s*USD 1\.200,00\s*07\/01\/2027\s*ganadora/);
    // The adjudicación: the price pays the debt; what is left over is the coactivado's.
    await escribir(w, "adjudicar-fecha", "11/01/2027");
    await escribir(w, "adjudicar-referencia", "BP-990011");
    await enviar(w, "adjudicar-remate");
    await textoQueAparece(w, By.id("resultado-accion"), /Remate N\.º 1 adjudicado: USD [\d.]+,\d{2} aplicados como pago al proceso; sobrante para el coactivado USD [\d.]+,\d{2}\./);
    await textoQueAparece(w, By.css("table[aria-label='Pagos']"), /11\/01\/2027/);
    await textoQueAparece(w, By.css("#remate-1 .adjudicacion"), /Adjudicado el 11\/01\/2027 \(depósito BP-990011\)/);
    await w.executeScript("document.getElementById('remate-expediente').scrollIntoView()");
    await captura(w, "20c-remate-adjudicado");
    // The inventory of goods seized, in the window and as XLSX.
    await w.findElement(By.id("nav-bienes")).click();
    await textoQueAparece(w, By.css("table[aria-label='Inventario de bienes embargados']"), /17001-2026-00001\s*1\s*Vehículo\s*Camioneta Chevrolet D-Max blanca\s*Adjudicado/);
    await textoQueAparece(w, By.id("evaluacion-depositarios"), /Pedro Bodega \(0926687856\)/);
    await w.findElement(By.css("#inventario-estado option[value='en_deposito']")).click();
    await w.findElement(By.id("filtrar-inventario")).click();
    await textoQueAparece(w, By.id("inventario"), /Ningún bien embargado cumple el filtro\./);
    await w.findElement(By.css("#inventario-estado option[value='']")).click();
    await w.findElement(By.id("filtrar-inventario")).click();
    await textoQueAparece(w, By.id("inventario-total"), /^1 bien, avaluados en USD 15\.000,00\.$/);
    await captura(w, "20d-inventario");
    await w.findElement(By.id("descargar-inventario")).click();
    const guardado = await textoQueAparece(w, By.id("resultado-inventario"), /Inventario guardado en .+\.xlsx$/);
    const xlsx = guardado.replace(/^Inventario guardado en /, "");
    assert.ok(existsSync(xlsx), `el XLSX existe en ${xlsx}`);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK", "an XLSX is a zip");
  } catch (e) {
    await captura(w, "fallo-remate");
    const msg = await w.findElements(By.id("resultado-bienes")).then((x) => (x[0] ? x[0].getText() : ""));
    throw new Error(`${e.message}; la sección de bienes dice: ${msg}`, { cause: e });
  } finally {
    await w.quit();
  }
  // Everything the window recorded is in the change log and verifies.
  assert.match(cli(enero, "verificar"), /ntegr/);
});
