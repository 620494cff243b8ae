// End-to-end, backups in the real window: the day's automatic backup taken at login, one more
// from Configuración, Inicio saying when the last good one was, and a restore confirmed first
// (focused on «Cancelar») that brings the unit back as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, CLI, abrir, captura, comoJefe, entornoEn, iniciarDriver, ingresar, pararDriver, textoDe, textoQueAparece, until } from "./ventana.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "coactiva-e2e-respaldo-"));
const entorno = entornoEn(dir, "2026-11-24T10:00:00-05:00");
let driver;

function cli(args) {
  return execFileSync(CLI, args, { env: comoJefe(entorno) }).toString();
}

before(async () => {
  writeFileSync(path.join(dir, "cartera.csv"), "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\nT-1;02/01/2026;1714307103;COMERCIAL ANDINA;Aportes;100,00;0;100,00\n");
  writeFileSync(path.join(dir, "mas.csv"), "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\nT-2;02/01/2026;1714307103;TEXTILES DEL SUR;Aportes;200,00;0;200,00\n");
  cli(["init", "--provincia", "17", "--unidad", "Unidad de Pichincha", "--ciudad", "Quito", "--jefe", "jefe", "--nombres-jefe", "Dra. Ana Núñez"]);
  cli(["titulos", "importar", path.join(dir, "cartera.csv")]);
  driver = await iniciarDriver(entorno);
});

after(async () => {
  await pararDriver(driver);
});

test("the Jefe backs the unit up from Configuración and restores it after a confirmation", async () => {
  const w = await abrir();
  try {
    await ingresar(w);
    await w.findElement(By.id("nav-configuracion")).click();
    const hacer = await w.wait(until.elementLocated(By.id("hacer-respaldo")), 10000);
    await hacer.click();
    await textoQueAparece(w, By.id("mensajes-configuracion"), /Respaldo comprobado y guardado en .*respaldos.*coactiva-respaldo-17001-2026-11-24T10-00-00\.db/, 30000);
    await textoQueAparece(w, By.css("table[aria-label='Respaldos']"), /24\/11\/2026 10:00/);
    await captura(w, "60-respaldos");
    // Inicio says when the last good backup was.
    await w.findElement(By.id("nav-inicio")).click();
    assert.match(await textoDe(w, "ultimo-respaldo"), /Último respaldo comprobado: 24\/11\/2026 10:00\./);
    // Work done after the backup (here by the command), then the backup restored.
    cli(["titulos", "importar", path.join(dir, "mas.csv")]);
    assert.equal(JSON.parse(cli(["--json", "titulos", "listar"])).length, 2);
    await w.findElement(By.id("nav-configuracion")).click();
    await w.wait(until.elementLocated(By.id("restaurar-respaldo-0")), 10000).click();
    const no = await w.wait(until.elementLocated(By.id("confirmar-restaurar-respaldo-no")), 5000);
    assert.equal(await w.switchTo().activeElement().getAttribute("id"), "confirmar-restaurar-respaldo-no", "focused on «Cancelar»");
    await captura(w, "61-restaurar-respaldo");
    await w.findElement(By.id("confirmar-restaurar-respaldo-si")).click();
    await textoQueAparece(w, By.id("mensajes-configuracion"), /Respaldo del 24\/11\/2026 10:00 restaurado\. La base anterior quedó en .*antes-de-restaurar/, 30000);
    assert.equal(JSON.parse(cli(["--json", "titulos", "listar"])).length, 1, "the unit as it was at the backup");
    assert.equal(no !== null, true);
  } catch (e) {
    await captura(w, "fallo-respaldo");
    throw e;
  } finally {
    await w.quit();
  }
});
