// End-to-end, the Jefe's administration in the real window: the unit's data corrected (the
// header follows), a user deactivated after a confirmation that defaults to «Cancelar» (he
// can no longer log in) and given another role, next year's holidays with a provincial one
// picked by name, an abogado's peso corrected and his vacaciones given with dates, and a
// template tried on a real proceso before saving, then restored to the original.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, CLI, Key, abrir, captura, comoJefe, entornoEn, escribir, iniciarDriver, ingresar, pararDriver, textoQueAparece, until } from "./ventana.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "coactiva-e2e-admin-"));
const entorno = entornoEn(dir, "2026-11-24T10:00:00-05:00");
let driver;

function cli(args, extra = {}) {
  return execFileSync(CLI, args, { env: { ...comoJefe(entorno), ...extra } }).toString();
}

before(async () => {
  writeFileSync(path.join(dir, "cartera.csv"), "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\nT-1;02/01/2026;1714307103;COMERCIAL ANDINA;Aportes;100,00;0;100,00\n");
  cli(["init", "--provincia", "17", "--unidad", "Unidad de Pichincha", "--ciudad", "Quito", "--jefe", "jefe", "--nombres-jefe", "Dra. Ana Núñez"]);
  cli(["titulos", "importar", path.join(dir, "cartera.csv")]);
  cli(["abogados", "agregar", "--identificacion", "1710034065", "--nombres", "Ab. Raúl Pérez"]);
  cli(["sorteo", "ejecutar"]);
  cli(["procesos", "abrir", "T-1"]);
  cli(["usuarios", "agregar", "maria", "--nombres", "María Suárez", "--rol", "secretario"], { COACTIVA_CLAVE_NUEVA: "clave-maria-12" });
  driver = await iniciarDriver(entorno);
});

after(async () => {
  await pararDriver(driver);
});

const razonPropia = () => JSON.parse(cli(["--json", "configuracion", "plantillas"])).find((p) => p.nombre === "razon").propia;

async function ir(w, seccion, listo) {
  await w.findElement(By.id(`nav-${seccion}`)).click();
  return w.wait(until.elementLocated(By.id(listo)), 10000);
}

test("the Jefe administers the unit, its users, holidays, abogados and templates from the window", async () => {
  const w = await abrir();
  try {
    await ingresar(w);
    await ir(w, "configuracion", "form-unidad");
    await captura(w, "40a-configuracion");

    // The unit's data: corrected, the header follows, the command agrees.
    await escribir(w, "un-nombre", "Unidad Provincial de Gestión de Coactiva de Pichincha");
    await escribir(w, "un-jefe", "Dr. Luis Andrade");
    await w.findElement(By.id("guardar-unidad")).click();
    await textoQueAparece(w, By.id("mensajes-configuracion"), /Datos de la unidad guardados/);
    await textoQueAparece(w, By.id("juzgado"), /Unidad Provincial de Gestión de Coactiva de Pichincha/);
    assert.match(cli(["--json", "unidad"]), /"jefe_nombres":\s*"Dr. Luis Andrade"/);

    // A user deactivated: the confirmation's default is «Cancelar», Escape cancels.
    await w.findElement(By.id("desactivar-maria")).click();
    const no = await w.wait(until.elementLocated(By.id("confirmar-desactivar-maria-no")), 5000);
    assert.equal(await w.executeScript("return document.activeElement.id"), "confirmar-desactivar-maria-no");
    await captura(w, "40b-confirmar-desactivar");
    await no.sendKeys(Key.ESCAPE);
    await w.wait(until.elementLocated(By.id("desactivar-maria")), 5000);
    assert.match(cli(["--json", "usuarios", "listar"]), /"usuario":\s*"maria"[^}]*"activo":\s*true/s);
    await w.findElement(By.id("desactivar-maria")).click();
    await w.wait(until.elementLocated(By.id("confirmar-desactivar-maria-si")), 5000).click();
    await textoQueAparece(w, By.id("mensajes-configuracion"), /María Suárez queda desactivado/);
    assert.throws(() => execFileSync(CLI, ["unidad"], { env: { ...entorno, COACTIVA_USUARIO: "maria", COACTIVA_CLAVE: "clave-maria-12" }, stdio: "pipe" }), /desactivado/);
    // Back in, with another role.
    await w.wait(until.elementLocated(By.id("activar-maria")), 5000).click();
    await textoQueAparece(w, By.id("mensajes-configuracion"), /puede ingresar de nuevo/);
    await w.wait(until.elementLocated(By.id("editar-maria")), 5000).click();
    await w.wait(until.elementLocated(By.css("#ed-rol-maria option[value='consulta']")), 5000).click();
    await w.findElement(By.id("ed-guardar-maria")).click();
    await textoQueAparece(w, By.id("mensajes-configuracion"), /queda con el rol Solo consulta/);
    await textoQueAparece(w, By.id("usuarios"), /María Suárez\s*Solo consulta/);
    await captura(w, "40c-usuarios");

    // Holidays of another year, a provincial one picked by its name.
    await w.findElement(By.id("feriados-siguiente")).click();
    await textoQueAparece(w, By.id("t-feriados"), /Feriados 2027/);
    await textoQueAparece(w, By.css("table[aria-label='Feriados de 2027']"), /01\/01\/2027/);
    await w.executeScript("const f = document.getElementById('fer-fecha'); f.value = '2027-12-06'; f.dispatchEvent(new Event('input'));");
    await escribir(w, "fer-nombre", "Fundación de Quito");
    await w.findElement(By.css("#fer-provincia option[value='17']")).click();
    assert.equal(await w.findElement(By.css("#fer-provincia option[value='17']")).getText(), "Pichincha");
    await w.findElement(By.css("#form-feriado button[type=submit]")).click();
    await textoQueAparece(w, By.css("table[aria-label='Feriados de 2027']"), /06\/12\/2027\s*Fundación de Quito\s*provincial \(Pichincha\)/);
    await w.executeScript("document.getElementById('t-feriados').scrollIntoView()");
    await captura(w, "40d-feriados-2027");

    // A template tried on the real proceso, unsaved; then saved and restored.
    await w.findElement(By.css("#plantilla option[value='razon']")).click();
    await w.executeScript("const t = document.getElementById('plantilla-texto'); t.value = '# RAZÓN DE PRUEBA\\n\\nProceso {{ proceso.numero }}: {{ texto }}\\n';");
    await w.findElement(By.id("probar-plantilla")).click();
    await textoQueAparece(w, By.id("cuenta-paginas"), /1 página/);
    await textoQueAparece(w, By.id("mensajes-plantilla"), /Muestra sin valor legal con los datos del proceso 17001-2026-00001/);
    await captura(w, "40e-muestra-plantilla");
    await w.findElement(By.id("cerrar-vista")).click();
    await w.wait(async () => (await w.findElements(By.id("vista-previa"))).length === 0, 5000);
    assert.equal(razonPropia(), false);
    // A misspelled field is refused, naming it.
    await w.executeScript("document.getElementById('plantilla-texto').value = '{{ proceso.numerro }}';");
    await w.findElement(By.id("guardar-plantilla")).click();
    await textoQueAparece(w, By.id("mensajes-plantilla"), /proceso\.numerro/);
    await w.executeScript("document.getElementById('plantilla-texto').value = '# RAZÓN DE LA UNIDAD\\n\\n{{ texto }}\\n';");
    await w.findElement(By.id("guardar-plantilla")).click();
    await textoQueAparece(w, By.id("mensajes-plantilla"), /guardada para la unidad/);
    assert.equal(razonPropia(), true);
    await w.findElement(By.css("#plantilla option[value='razon']")).click();
    await w.wait(until.elementLocated(By.id("restaurar-plantilla")), 5000);
    await w.wait(async () => (await w.findElement(By.id("restaurar-plantilla")).isDisplayed()), 5000);
    await w.findElement(By.id("restaurar-plantilla")).click();
    assert.equal(await w.executeScript("return document.activeElement.id"), "confirmar-restaurar-no");
    await w.findElement(By.id("confirmar-restaurar-si")).click();
    await textoQueAparece(w, By.id("mensajes-plantilla"), /restaurada a la original/);
    assert.equal(razonPropia(), false);

    // Abogados: the peso corrected, vacaciones with dates.
    await ir(w, "abogados", "editar-abogado-1710034065");
    await w.findElement(By.id("editar-abogado-1710034065")).click();
    await escribir(w, "ed-peso-1710034065", "0,5");
    await w.findElement(By.id("editar-1710034065-guardar")).click();
    await textoQueAparece(w, By.css("table[aria-label='Secretarios-Abogados']"), /Ab\. Raúl Pérez[\s\S]*0,5/);
    await w.wait(until.elementLocated(By.id("licencia-1710034065")), 5000).click();
    await w.findElement(By.css("#lic-motivo-1710034065 option[value='vacaciones']")).click();
    await w.executeScript("for (const [k, v] of [['desde', '2026-12-01'], ['hasta', '2026-12-15']]) { const f = document.getElementById(`lic-${k}-1710034065`); f.value = v; f.dispatchEvent(new Event('input')); }");
    await captura(w, "40f-vacaciones");
    await w.findElement(By.id("licencia-form-1710034065-guardar")).click();
    await textoQueAparece(w, By.css("table[aria-label='Secretarios-Abogados']"), /vacaciones del 01\/12\/2026 al 15\/12\/2026/);
    await captura(w, "40g-abogados");
    const a = JSON.parse(cli(["--json", "abogados", "listar"]))[0];
    assert.equal(a.peso, 0.5);
    assert.equal(a.licencia_motivo, "vacaciones");
    // Everything the window did is in the change log.
    cli(["verificar"]);
  } catch (e) {
    await captura(w, "fallo-administracion");
    throw e;
  }
});
