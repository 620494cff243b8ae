// End-to-end: the real Coactiva window, driven through WebDriver (tauri-driver +
// WebKitWebDriver) under Xvfb, as a clerk would use it. Run by `tests/e2e/run.sh`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { By, CLI, Key, abrir, captura, comoJefe as jefe, entornoEn, escribir, iniciarDriver, ingresar, pararDriver, textoDe, textoQueAparece, until } from "./ventana.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "coactiva-e2e-"));
const entorno = entornoEn(dir, "2026-11-24T10:00:00-05:00");
const comoJefe = jefe(entorno);
let driver;

before(async () => {
  driver = await iniciarDriver(entorno);
});

after(async () => {
  await pararDriver(driver);
});

test("a new database asks for the unit and its jefe, then shows Inicio", async () => {
  const w = await abrir();
  try {
    await w.wait(until.elementLocated(By.id("nombre")), 15000);
    assert.equal(await w.getTitle(), "Coactiva");
    await captura(w, "01-nueva-base");
    await escribir(w, "nombre", "Unidad Provincial de Gestión de Coactiva de Pichincha");
    await escribir(w, "ciudad", "Quito");
    await escribir(w, "nombres", "Dra. Ana Núñez");
    // Her titles in the documents agree with her: «Funcionaria Ejecutora».
    await w.findElement(By.css("#genero-jefe option[value='femenino']")).click();
    await escribir(w, "usuario", "jefe");
    await escribir(w, "clave", "corta");
    await escribir(w, "clave2", "corta");
    await w.findElement(By.css("button[type=submit]")).click();
    // A short password is refused with a Spanish message, and the form stays on screen.
    const error = await w.wait(until.elementLocated(By.css("#error .aviso")), 10000);
    assert.match(await error.getText(), /al menos 10 caracteres/);
    assert.equal(await w.findElements(By.id("juzgado")).then((x) => x.length), 0);
    assert.equal(await w.findElements(By.id("nombre")).then((x) => x.length), 1);
    await escribir(w, "clave", "clave-del-jefe-1");
    await escribir(w, "clave2", "clave-del-jefe-1");
    await w.findElement(By.css("button[type=submit]")).click();
    // The base is created encrypted: the recovery code is shown once, with its sheet.
    await w.wait(until.elementLocated(By.id("codigo-recuperacion")), 15000);
    assert.match(await textoDe(w, "codigo"), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    assert.match(await textoDe(w, "codigo-recuperacion"), /Seguridad.*codigo-de-recuperacion-.*\.pdf/);
    await captura(w, "02a-codigo-recuperacion");
    await w.findElement(By.id("codigo-guardado")).click();
    assert.equal(await textoDe(w, "juzgado"), "Unidad Provincial de Gestión de Coactiva de Pichincha");
    assert.equal(await textoDe(w, "titulos-por-sortear"), "0");
    assert.match(await textoDe(w, "sesion-usuario"), /Dra\. Ana Núñez \(Jefe de la unidad\)/);
    await captura(w, "02-inicio-vacio");
  } finally {
    await w.quit();
  }
});

test("títulos imported with the command show up after logging in; a wrong password is refused", async () => {
  const csv = path.join(dir, "cartera.csv");
  writeFileSync(csv,
    "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\n" +
    "T-1;02/01/2026;1714307103;Pérez José;Aportes;1.000,00;10,00;1.010,00\n" +
    "T-2;02/01/2026;1792060346001;Cañar S.A.;Fondos de reserva;500;0;500\n" +
    "T-3;03/01/2026;1714307103;Pérez José;Aportes;20;1;21\n");
  execFileSync(CLI, ["titulos", "importar", csv], { env: comoJefe });
  const w = await abrir();
  try {
    await w.wait(until.elementLocated(By.id("usuario")), 15000);
    await captura(w, "03-ingreso");
    await escribir(w, "usuario", "jefe");
    await escribir(w, "clave", "equivocada");
    await w.findElement(By.css("button[type=submit]")).click();
    const alerta = await w.wait(until.elementLocated(By.css("[role=alert]")), 10000);
    assert.equal(await alerta.getText(), "Usuario o clave incorrectos");
    await captura(w, "04-clave-incorrecta");
    await escribir(w, "clave", "clave-del-jefe-1");
    await w.findElement(By.css("button[type=submit]")).click();
    assert.equal(await textoDe(w, "titulos-por-sortear"), "3");
    assert.match(await textoDe(w, "anclaje"), /Ningún cambio está anclado en la central/);
    await captura(w, "05-inicio-con-titulos");
    // The whole-database check, from Inicio.
    await w.findElement(By.id("verificar-base")).click();
    await w.wait(until.elementTextContains(w.findElement(By.id("resultado-verificacion")), "Íntegra"), 20000);
    await captura(w, "05b-inicio-verificada");
    // A code copied wrong from a sheet: a plain Spanish answer, no command text.
    await escribir(w, "codigo-sello", "17001-5-XXXX");
    await w.findElement(By.css("#form-sello button[type=submit]")).click();
    await w.wait(until.elementTextContains(w.findElement(By.id("resultado-sello")), "no es un código de integridad"), 10000);
    assert.doesNotMatch(await textoDe(w, "resultado-sello"), /coactiva |--/);
  } finally {
    await w.quit();
  }
});

test("the jefe runs the sorteo from the window, saves its acta and verifies it", async () => {
  execFileSync(CLI, ["abogados", "agregar", "--identificacion", "1714307103", "--nombres", "Ab. Raúl Pérez"], { env: comoJefe });
  execFileSync(CLI, ["abogados", "agregar", "--identificacion", "0102030400", "--nombres", "Ab. Lucía Ordóñez", "--externo"], { env: comoJefe });
  // The secretary who certifies the acta.
  execFileSync(CLI, ["usuarios", "agregar", "maria", "--nombres", "María Suárez", "--rol", "secretario"], { env: { ...comoJefe, COACTIVA_CLAVE_NUEVA: "clave-de-maria-1" } });
  execFileSync(CLI, ["usuarios", "genero", "maria", "femenino"], { env: comoJefe });
  const w = await abrir();
  try {
    await ingresar(w);
    await w.findElement(By.id("nav-sorteo")).click();
    const tablaElegibles = await w.wait(until.elementLocated(By.css("table[aria-label='Abogados elegibles']")), 10000);
    assert.match(await tablaElegibles.getText(), /Ab\. Lucía Ordóñez/);
    await captura(w, "06-sorteo-elegibles");
    await w.findElement(By.id("ejecutar-sorteo")).click();
    await w.wait(until.elementIsVisible(w.findElement(By.id("confirmar-sorteo"))), 5000);
    await captura(w, "07-sorteo-confirmar");
    await w.findElement(By.id("confirmar-si")).click();
    const resultado = await w.wait(until.elementLocated(By.css("table[aria-label='Resultado del sorteo']")), 15000);
    const filas = await resultado.findElements(By.css("tbody tr"));
    assert.equal(filas.length, 3, "los tres títulos quedan asignados");
    await captura(w, "08-sorteo-resultado");
    await w.findElement(By.xpath("//button[normalize-space()='Guardar el acta en PDF']")).click();
    const mensajes = await w.findElement(By.id("mensajes-sorteo"));
    await w.wait(until.elementTextContains(mensajes, "guardada en"), 15000);
    const mensaje = await mensajes.getText();
    const ruta = mensaje.replace(/^.* guardada en /, "");
    const texto = execFileSync("pdftotext", [ruta, "-"]).toString();
    assert.match(texto, /ACTA DE SORTEO N\.º 1/);
    assert.match(texto, /Ab\. Lucía Ordóñez|Ab\. Raúl Pérez/);
    assert.match(texto, /María Suárez/);
    assert.match(texto, /Secretaria que certifica/);
    assert.match(texto, /Jefa de la Unidad/);
    await w.findElement(By.xpath("//button[normalize-space()='Verificar todos']")).click();
    await w.wait(until.elementTextContains(w.findElement(By.id("mensajes-sorteo")), "íntegros"), 10000);
    await captura(w, "09-sorteo-verificado");
  } finally {
    await w.quit();
  }
});

test("a clerk imports títulos (one bad row, then fixed), opens a proceso, prints and foliates the orden de pago", async () => {
  const malo = path.join(dir, "malo.csv");
  const bueno = path.join(dir, "bueno.csv");
  const enc = "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total\n";
  writeFileSync(malo, enc + "T-10;05/01/2026;1714307103;Núñez Ana;Aportes;100,00;0;100,00\nT-11;05/01/2026;1714307104;Ruiz Luis;Aportes;50;0;50\n");
  writeFileSync(bueno, enc + "T-10;05/01/2026;1714307103;Núñez Ana;Aportes;100,00;0;100,00\nT-11;05/01/2026;1792060346001;Ruiz Luis S.A.;Aportes;50;0;50\n");
  const w = await abrir();
  try {
    await ingresar(w);
    await w.findElement(By.id("nav-titulos")).click();
    const archivo = await w.wait(until.elementLocated(By.id("archivo-titulos")), 10000);
    await archivo.sendKeys(malo);
    await w.findElement(By.id("importar")).click();
    const errores = await w.wait(until.elementLocated(By.css("table[aria-label='Errores de la importación']")), 15000);
    const texto = await errores.getText();
    assert.match(texto, /3\s*identificacion\s*la cédula «1714307104» tiene el dígito verificador incorrecto/, "la línea 3, la columna y el motivo");
    await captura(w, "10-titulos-error");
    await w.findElement(By.id("guardar-errores")).click();
    const avisoCsv = w.findElement(By.id("mensajes-titulos"));
    await w.wait(until.elementTextContains(avisoCsv, "guardado en"), 10000);
    const csvErrores = (await avisoCsv.getText()).replace(/^.*guardado en /, "");
    assert.match(readFileSync(csvErrores, "utf8"), /^linea;columna;mensaje\n3;identificacion;la cédula «1714307104» tiene el dígito verificador incorrecto/);
    await w.findElement(By.id("archivo-titulos")).sendKeys(bueno);
    await w.findElement(By.id("importar")).click();
    await w.wait(until.elementTextContains(w.findElement(By.id("informe-importacion")), "2 títulos importados"), 15000);
    await captura(w, "11-titulos-importados");
    // The jefe draws them.
    await w.findElement(By.id("nav-sorteo")).click();
    await w.wait(until.elementLocated(By.id("ejecutar-sorteo")), 10000).click();
    await w.findElement(By.id("confirmar-si")).click();
    await w.wait(until.elementLocated(By.css("table[aria-label='Resultado del sorteo']")), 15000);
    // Procesos: open the proceso of T-10 and see its expediente.
    await w.findElement(By.id("nav-procesos")).click();
    await escribir(w, "abrir-titulo", "T-10");
    await w.findElement(By.css("#form-abrir button")).click();
    const titulo = await w.wait(until.elementLocated(By.id("titulo-expediente")), 15000);
    assert.match(await titulo.getText(), /Expediente 17001-\d{4}-00001/);
    await captura(w, "12-expediente");
    // Print the orden de pago: the preview comes first and foliates nothing.
    await w.findElement(By.css("#documento option[value='orden-pago']")).click();
    await w.findElement(By.id("imprimir-documento")).click();
    const dialogo = await w.wait(until.elementLocated(By.css("#vista-previa[data-paginas]")), 20000);
    assert.equal(await dialogo.getAttribute("data-paginas"), "1");
    await w.wait(async () => (await w.findElements(By.css("#vista-paginas canvas"))).length === 1, 10000);
    assert.match(await w.findElement(By.id("cuenta-paginas")).getText(), /^1 página$/);
    await captura(w, "12b-vista-previa");
    // Foliating is a separate step that says fojas are permanent; «Cancelar» is the default.
    await w.findElement(By.id("foliar-documento")).click();
    const confirmar = await w.wait(until.elementLocated(By.id("confirmar-foliacion")), 5000);
    assert.match(await confirmar.getText(), /Las fojas son permanentes/);
    assert.equal(await w.switchTo().activeElement().getAttribute("id"), "foliar-cancelar");
    await captura(w, "12c-confirmar-foliacion");
    await w.findElement(By.id("foliar-cancelar")).click();
    assert.equal((await w.findElements(By.id("confirmar-foliacion"))).length, 0);
    assert.doesNotMatch(await w.findElement(By.id("indice-expediente")).getText(), /Orden de pago inmediato/, "cancelled: nothing foliated");
    await w.findElement(By.id("foliar-documento")).click();
    await w.wait(until.elementLocated(By.id("foliar-confirmar")), 5000).click();
    const foliado = await textoQueAparece(w, By.id("mensajes-vista"), /Foliado en el expediente: fojas 1 a 1\. Guardado en /);
    // A short título's orden de pago fits one page, signatures included.
    const ruta = foliado.replace(/^.*Guardado en /, "");
    assert.ok(existsSync(ruta), `el PDF existe en ${ruta}`);
    await w.findElement(By.id("cerrar-vista")).click();
    await textoQueAparece(w, By.css("#resultado-accion [role=status]"), /foliado en el expediente: fojas 1 a 1/);
    // Once in the expediente, printing it again warns before foliating a second copy.
    await w.findElement(By.css("#documento option[value='orden-pago']")).click();
    await w.findElement(By.id("imprimir-documento")).click();
    await w.wait(until.elementLocated(By.css("#vista-previa[data-paginas]")), 20000);
    await w.findElement(By.id("foliar-documento")).click();
    await textoQueAparece(w, By.id("advertencia-foliacion"), /ya tiene «Orden de pago inmediato» en las fojas 1 a 1/);
    await captura(w, "12d-ya-foliado");
    // Escape cancels the confirmation, then closes the preview.
    await w.findElement(By.id("foliar-cancelar")).sendKeys(Key.ESCAPE);
    assert.equal((await w.findElements(By.id("confirmar-foliacion"))).length, 0);
    await w.findElement(By.id("cerrar-vista")).sendKeys(Key.ESCAPE);
    await w.wait(async () => (await w.findElements(By.id("vista-previa"))).length === 0, 5000);
    const op = execFileSync("pdftotext", [ruta, "-"]).toString();
    assert.match(op, /ORDEN DE PAGO INMEDIATO/);
    assert.match(op, /Funcionaria Ejecutora/, "the jefe chosen as female signs as Funcionaria Ejecutora");
    assert.doesNotMatch(op, /Funcionario Ejecutor/);
    const indice = await w.findElement(By.id("indice-expediente")).getText();
    assert.match(indice, /Descripción\s*1\s*\d{2}\/\d{2}\/\d{4}\s*providencia\s*Orden de pago inmediato/);
    await captura(w, "13-expediente-foliado");
    // No mora rate yet: the liquidación says so in plain Spanish.
    const sinTasa = await textoQueAparece(w, By.css("#liquidacion-expediente .aviso"), /^No hay tasa de interés de mora registrada para el \d{2}\/\d{2}\/\d{4}/);
    assert.doesNotMatch(sinTasa, /--|coactiva /);
    // The jefe registers the rate in Configuración; the expediente then liquidates.
    await w.findElement(By.id("nav-configuracion")).click();
    await w.wait(until.elementLocated(By.id("tasa-desde")), 10000);
    await escribir(w, "tasa-desde", "01/01/2025");
    await escribir(w, "tasa-anual", "9,53");
    await w.findElement(By.css("#form-tasa button[type=submit]")).click();
    await textoQueAparece(w, By.css("table[aria-label='Tasas de interés de mora']"), /01\/01\/2025\s*9,53 %/);
    await captura(w, "13c-tasas");
    await w.findElement(By.id("nav-procesos")).click();
    await w.wait(until.elementLocated(By.css("#lista-procesos .fila-proceso")), 10000);
    await w.findElement(By.css("#lista-procesos .fila-proceso")).click();
    const saldoAntes = await textoQueAparece(w, By.id("saldo-liquidacion"), /^USD \d{1,3}(\.\d{3})*,\d{2}$/);
    await captura(w, "13d-liquidacion");
    // A payment recorded from the expediente: imputed, listed, and the saldo falls.
    await escribir(w, "pago-valor", "10,00");
    await escribir(w, "pago-fecha", "24/11/2026");
    await escribir(w, "pago-referencia", "BP-778812");
    await w.findElement(By.css("#form-pago button[type=submit]")).click();
    // The expediente re-renders after the payment: look elements up afresh each time.
    await textoQueAparece(w, By.id("resultado-accion"), /Pago 1 de USD 10,00 registrado/);
    await textoQueAparece(w, By.css("table[aria-label='Pagos']"), /24\/11\/2026\s*USD 10,00\s*deposito\s*BP-778812/);
    const saldoDespues = await textoQueAparece(w, By.id("saldo-liquidacion"), /^USD /);
    assert.notEqual(saldoDespues, saldoAntes, "the saldo falls by the payment");
    await captura(w, "13e-pago");
    // A gasto with its receipt: pending until the jefe approves it, then owed.
    await escribir(w, "costa-descripcion", "Publicación en El Comercio");
    await escribir(w, "costa-valor", "5,00");
    await escribir(w, "costa-fecha", "24/11/2026");
    await w.findElement(By.id("costa-comprobante")).sendKeys(ruta);
    await w.findElement(By.css("#form-costa button[type=submit]")).click();
    await textoQueAparece(w, By.css("table[aria-label='Costas']"), /Publicación en El Comercio\s*USD 5,00\s*pendiente/);
    await w.findElement(By.id("aprobar-costa-1")).click();
    await textoQueAparece(w, By.css("table[aria-label='Costas']"), /USD 5,00\s*aprobada/);
    const conCosta = await textoQueAparece(w, By.id("saldo-liquidacion"), /^USD /);
    assert.notEqual(conCosta, saldoDespues, "the approved gasto is owed");
    await captura(w, "13f-costas");
    // The orden de pago is dictated: the stage moves, and the citación and medidas follow.
    await w.findElement(By.css("#nueva-etapa option[value='orden_pago']")).click();
    await w.findElement(By.css("form[aria-labelledby='t-etapa'] button[type=submit]")).click();
    await textoQueAparece(w, By.id("etapa-actual"), /orden de pago inmediato/);
    // A diligencia de citación with its hour and who received it; the party is then cited.
    await escribir(w, "hora-citacion", "09:30");
    await escribir(w, "receptor-citacion", "Ana Núñez");
    await w.findElement(By.css("#relacion-citacion option[value='parte']")).click();
    await w.findElement(By.id("registrar-citacion")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Diligencia registrada: Personal a 1714307103 el 24\/11\/2026 a las 09:30 \(citado\)/);
    await textoQueAparece(w, By.id("seccion-citacion"), /citada desde el 24\/11\/2026/);
    await captura(w, "13h-citacion");
    // A medida cautelar: its oficio comes out numbered, foliated, and opens in the preview.
    await w.findElement(By.css("#medida-tipo option[value='retencion']")).click();
    await w.findElement(By.id("ordenar-medida")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Oficio N\.º 17001-2026-00001-OF a Superintendencia de Bancos emitido y foliado/);
    await w.wait(until.elementLocated(By.css("#vista-previa[data-paginas]")), 20000);
    await captura(w, "13i-oficio-medida");
    await w.findElement(By.id("cerrar-vista")).click();
    await textoQueAparece(w, By.css("table[aria-label='Medidas cautelares']"), /17001-2026-00001-OF/);
    await captura(w, "13j-medidas");
    // An impugnación that does not suspend, and a deprecatorio to another province.
    await w.findElement(By.css("#excepcion-clase option[value='impugnacion']")).click();
    await escribir(w, "excepcion-fecha", "24/11/2026");
    await escribir(w, "excepcion-fundamento", "Pago previo");
    await escribir(w, "excepcion-organo", "Comisión Provincial de Prestaciones y Controversias");
    await w.findElement(By.id("registrar-excepcion")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Impugnación 1 registrada\./);
    await escribir(w, "deprecatorio-unidad", "Unidad de Guayas");
    await escribir(w, "deprecatorio-detalle", "Citar al garante en Guayaquil");
    await escribir(w, "deprecatorio-fecha", "24/11/2026");
    await w.findElement(By.id("enviar-deprecatorio")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Deprecatorio 1 a Unidad de Guayas registrado\./);
    await textoQueAparece(w, By.css("table[aria-label='Deprecatorios']"), /Unidad de Guayas/);
    await captura(w, "13k-excepciones");
    // A guarantee for the proceso, with its expiry.
    await w.findElement(By.css("#garantia-tipo option[value='fianza']")).click();
    await escribir(w, "garantia-garante", "Luis Garante");
    await escribir(w, "garantia-identificacion", "0102030400");
    await escribir(w, "garantia-monto", "50,00");
    await escribir(w, "garantia-fecha", "24/11/2026");
    await escribir(w, "garantia-vence", "24/12/2026");
    await w.findElement(By.id("registrar-garantia")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Garantía 1 de Luis Garante por USD 50,00 registrada\./);
    await textoQueAparece(w, By.css("table[aria-label='Garantías']"), /24\/12\/2026/);
    // A vehicle offered by the coactivado, with the fields its kind needs, and a depositario.
    await escribir(w, "bien-descripcion", "Camioneta Chevrolet D-Max blanca");
    await escribir(w, "bien-fecha", "24/11/2026");
    await escribir(w, "bien-dato-placa", "PBA-1234");
    await escribir(w, "bien-dato-marca", "Chevrolet");
    await w.findElement(By.id("bien-dimision")).click();
    await w.findElement(By.id("registrar-bien")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Bien 1 registrado: Camioneta Chevrolet D-Max blanca\./);
    await textoQueAparece(w, By.css("table[aria-label='Bienes']"), /placa PBA-1234, marca Chevrolet\s*ofrecido/);
    await escribir(w, "depositario-identificacion", "0926687856");
    await escribir(w, "depositario-nombres", "Pedro Bodega");
    await w.findElement(By.id("agregar-depositario")).click();
    await textoQueAparece(w, By.id("resultado-bienes"), /Depositario Pedro Bodega registrado\./);
    await captura(w, "13l-bienes");
    // A convenio de pago from the expediente: the table of cuotas, and the stage it moves to.
    await escribir(w, "convenio-cuotas", "6");
    await escribir(w, "convenio-desde", "24/11/2026");
    await w.findElement(By.css("#form-convenio button[type=submit]")).click();
    await textoQueAparece(w, By.id("resultado-accion"), /Convenio 1 registrado: saldo USD [\d.]+,\d{2}/);
    await textoQueAparece(w, By.id("estado-convenio"), /en 6 cuotas al 9,53 % anual.*Vigente/);
    // The sixth cuota falls on 24 de mayo (Batalla de Pichincha): due the next business day.
    const cuotas = await textoQueAparece(w, By.id("convenio-expediente"), /25\/05\/2027/);
    assert.match(cuotas, /por pagar/);
    await textoQueAparece(w, By.id("etapa-actual"), /convenio de pago/);
    await captura(w, "13g-convenio");
    // Search as you type finds it by the debtor's name without accents.
    await escribir(w, "buscar-procesos", "nunez");
    await textoQueAparece(w, By.id("contador-procesos"), /^1 proceso coincide con la búsqueda y los filtros\.$/);
    await captura(w, "14-procesos-busqueda");
    const primera = await w.findElement(By.css("#lista-procesos .fila-proceso"));
    assert.match(await primera.getAttribute("data-numero"), /^17001-\d{4}-00001$/);
    await captura(w, "14-procesos-busqueda");
    await w.findElement(By.id("nav-inicio")).click();
    await w.wait(until.elementLocated(By.id("estado-sync")), 10000);
    await captura(w, "15-inicio-completo");
    // The Jefe follows the citadores and the medidas pending from Inicio.
    await textoQueAparece(w, By.id("citadores"), /Citadores-notificadores[\s\S]*Evaluación|No hay citadores activos/);
    await textoQueAparece(w, By.id("medidas-por-atender"), /Medidas cautelares por atender/);
    await textoQueAparece(w, By.id("garantias-por-vencer"), /Luis Garante/);
    await w.executeScript("document.getElementById('medidas-por-atender').scrollIntoView()");
    await captura(w, "15b-inicio-medidas-citadores");
  } finally {
    await w.quit();
  }
});
