// End-to-end, the Jefe's reports in the real window: Inicio's charts, each opening the list
// behind it; the inventario of procesos with a bar chart for each grouping and its totals, the
// antigüedad, the recaudación, the bimonthly report, and reports saved as PDF and XLSX in
// Documentos/Coactiva/Informes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, CLI, abrir, captura, comoJefe, entornoEn, iniciarDriver, ingresar, pararDriver, textoQueAparece, until } from "./ventana.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "coactiva-e2e-reportes-"));
const entorno = entornoEn(dir, "2026-11-24T10:00:00-05:00");
let driver;

function cli(args) {
  return execFileSync(CLI, args, { env: comoJefe(entorno) }).toString();
}

before(async () => {
  writeFileSync(path.join(dir, "cartera.csv"), "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total;fecha_exigibilidad\n" +
    "T-1;02/01/2026;1714307103;COMERCIAL ANDINA;Aportes;500,00;0;500,00;01/11/2026\n" +
    "T-2;02/01/2026;1714307103;TEXTILES DEL SUR;Aportes;4.000,00;500,00;4.500,00;01/07/2026\n" +
    "T-3;02/01/2025;1714307103;ÑANDÚ S.A.;Aportes;150.000,00;10.000,00;160.000,00;01/03/2025\n");
  cli(["init", "--provincia", "17", "--unidad", "Unidad de Pichincha", "--ciudad", "Quito", "--jefe", "jefe", "--nombres-jefe", "Dra. Ana Núñez"]);
  cli(["titulos", "importar", path.join(dir, "cartera.csv")]);
  cli(["abogados", "agregar", "--identificacion", "1710034065", "--nombres", "Ab. Raúl Pérez"]);
  cli(["sorteo", "ejecutar"]);
  cli(["procesos", "abrir", "--sorteo", "1"]);
  cli(["tasas", "agregar", "--desde", "01/01/2025", "--anual", "9,53"]);
  cli(["pagos", "registrar", "T-1", "--valor", "100,00", "--fecha", "10/11/2026", "--forma", "deposito", "--referencia", "BP-1"]);
  driver = await iniciarDriver(entorno);
});

after(async () => {
  await pararDriver(driver);
});

test("Inicio is the Jefe's dashboard: every chart opens the procesos behind it", async () => {
  const w = await abrir();
  try {
    await ingresar(w);
    await textoQueAparece(w, By.id("tablero-total"), /3 procesos en trámite por USD 165\.000,00; recuperado en los últimos doce meses: USD 100,00\./);
    for (const id of ["grafico-etapas", "grafico-antiguedad", "grafico-recaudacion", "grafico-abogados"]) {
      assert.equal((await w.findElements(By.css(`#${id} svg.grafico`))).length, 1, id);
    }
    // Twelve months, November with its payment.
    assert.equal((await w.findElements(By.css("#grafico-recaudacion .barra-enlace"))).length, 12);
    await captura(w, "53-inicio-tablero");
    // The bar «más de 360 días» opens the procesos in force that old: T-3 only.
    await w.findElement(By.css("#grafico-antiguedad .barra-enlace[aria-label^='más de 360 días'] rect")).click();
    await w.wait(until.elementLocated(By.id("filtro-antiguedad")), 10000);
    assert.equal(await w.findElement(By.id("filtro-antiguedad")).getAttribute("value"), "360+");
    await textoQueAparece(w, By.id("contador-procesos"), /^1 proceso/);
    await w.wait(until.elementLocated(By.css("#lista-procesos .fila-proceso")), 10000);
    const obligados = await w.executeScript("return [...document.querySelectorAll('#lista-procesos .fila-proceso')].map((f) => f.textContent).join(' | ')");
    assert.match(obligados, /ÑANDÚ S\.A\./);
    // Back at Inicio, the abogado's bar opens his procesos (all three).
    await w.findElement(By.id("nav-inicio")).click();
    await w.wait(until.elementLocated(By.css("#grafico-abogados .barra-enlace rect")), 10000).click();
    await w.wait(until.elementLocated(By.id("filtro-abogado")), 10000);
    assert.equal(await w.findElement(By.id("filtro-abogado")).getAttribute("value"), "1710034065");
    await textoQueAparece(w, By.id("contador-procesos"), /^3 procesos/);
    // The month opens the recaudación of that month.
    await w.findElement(By.id("nav-inicio")).click();
    await w.wait(until.elementLocated(By.css("#grafico-recaudacion .barra-enlace[aria-label^='Noviembre de 2026'] rect")), 10000).click();
    await textoQueAparece(w, By.id("reporte-total"), /Del 1 de noviembre de 2026 al 24 de noviembre de 2026: USD 100,00 en 1 pago de 1 proceso/);
  } catch (e) {
    await captura(w, "fallo-tablero");
    throw e;
  } finally {
    await w.quit();
  }
});

test("the Jefe reads the inventory with its charts and saves it as PDF and XLSX", async () => {
  const w = await abrir();
  try {
    await ingresar(w);
    await w.findElement(By.id("nav-reportes")).click();
    await textoQueAparece(w, By.id("reporte-total"), /Al 24 de noviembre de 2026: 3 procesos en trámite, capital USD 154\.500,00, total de los títulos USD 165\.000,00\./);
    assert.equal((await w.findElements(By.css("svg.grafico"))).length, 4, "a chart for each grouping");
    await textoQueAparece(w, By.css("table[aria-label='Por antigüedad desde la exigibilidad']"), /de 0 a 90 días\s*1[\s\S]*más de 360 días\s*1/);
    await captura(w, "50-reportes");
    await w.findElement(By.id("reporte-pdf")).click();
    const pdf = (await textoQueAparece(w, By.id("mensajes-reportes"), /Reporte guardado en .*\.pdf/)).replace(/^.*Reporte guardado en /s, "").trim();
    assert.ok(existsSync(pdf), pdf);
    await w.findElement(By.id("reporte-xlsx")).click();
    await textoQueAparece(w, By.id("mensajes-reportes"), /Reporte guardado en .*inventario-al-2026-11-24.*\.xlsx/);
    // The antigüedad alone.
    await w.wait(until.elementLocated(By.css("#reporte-nombre option[value='antiguedad']")), 5000).click();
    await w.findElement(By.id("ver-reporte")).click();
    await w.wait(async () => (await w.findElements(By.css("svg.grafico"))).length === 1, 10000);
    await captura(w, "51-reporte-antiguedad");
    // The recaudación of November, by month and abogado.
    await w.findElement(By.css("#reporte-nombre option[value='recaudacion']")).click();
    assert.equal(await w.findElement(By.id("reporte-desde")).isDisplayed(), true, "a period report asks from when");
    await w.executeScript("const f = document.getElementById('reporte-desde'); f.value = '2026-11-01'; f.dispatchEvent(new Event('input'));");
    await w.findElement(By.id("ver-reporte")).click();
    await textoQueAparece(w, By.id("reporte-total"), /Del 1 de noviembre de 2026 al 24 de noviembre de 2026: USD 100,00 en 1 pago de 1 proceso;/);
    await textoQueAparece(w, By.css("table[aria-label='Por mes']"), /Noviembre de 2026\s*1\s*1\s*USD 100,00/);
    await captura(w, "52-reporte-recaudacion");
    await w.findElement(By.id("reporte-xlsx")).click();
    await textoQueAparece(w, By.id("mensajes-reportes"), /Reporte guardado en .*recaudacion-al-2026-11-24.*\.xlsx/);
    // The bimonthly report to the Dirección Nacional: November and December so far.
    await w.executeScript("const s = document.getElementById('reporte-nombre'); s.value = 'bimestral'; s.dispatchEvent(new Event('change')); const f = document.getElementById('reporte-desde'); f.value = ''; f.dispatchEvent(new Event('input')); f.blur();");
    await w.findElement(By.id("ver-reporte")).click();
    await textoQueAparece(w, By.id("reporte-total"), /Del 1 de noviembre de 2026 al 24 de noviembre de 2026: 3 procesos iniciados, 0 citados, 0 pagados y USD 100,00 recuperados\./);
    await textoQueAparece(w, By.css("table[aria-label='Gestión del período']"), /Procesos coactivos iniciados\s*3\s*USD 165\.000,00/);
    await captura(w, "54-reporte-bimestral");
    // A stage of the inventory opens its procesos.
    // Choosing a report shows it.
    await w.executeScript("const s = document.getElementById('reporte-nombre'); s.value = 'inventario'; s.dispatchEvent(new Event('change'));");
    await textoQueAparece(w, By.id("reporte-total"), /^Al 24 de noviembre de 2026/);
    await w.wait(until.elementLocated(By.css("table[aria-label='Por etapa'] button.enlace")), 10000).click();
    await w.wait(until.elementLocated(By.id("filtro-etapa")), 10000);
    assert.equal(await w.findElement(By.id("filtro-etapa")).getAttribute("value"), "orden_cobro");
    await textoQueAparece(w, By.id("contador-procesos"), /^3 procesos/);
  } catch (e) {
    await captura(w, "fallo-reportes");
    throw e;
  } finally {
    await w.quit();
  }
});
