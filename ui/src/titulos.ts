// Títulos: import a CSV/XLSX (validate first, then import), the error table, the inbox.
import { listen } from "@tauri-apps/api/event";
import { api, type ErrorApp, type Informe } from "./api";
import { aviso, cuantos, fechaCorta, h, leerArchivo, tabla, miles, usd } from "./dom";

export async function pantallaTitulos(c: HTMLElement): Promise<void> {
  const archivo = h("input", { type: "file", id: "archivo-titulos", accept: ".csv,.txt,.xlsx,.xls,.ods" });
  const mensajes = h("div", { id: "mensajes-titulos", "aria-live": "polite" });
  const informe = h("section", { id: "informe-importacion" });
  const bandeja = h("section", { id: "bandeja" });
  const progreso = h("progress", { id: "progreso-importacion", hidden: true, max: "1", "aria-label": "Importando" });
  const boton = h("button", { type: "button", class: "primario", id: "importar" }, "Importar");
  const validar = h("button", { type: "button", id: "validar" }, "Solo validar");

  async function cargarBandeja(): Promise<void> {
    const { total, titulos: v } = await api.titulosListar("por_sortear");
    bandeja.replaceChildren(h("h2", { id: "total-bandeja" }, `Bandeja: ${cuantos(total, "título por sortear", "títulos por sortear")}${total > v.length ? ` (se muestran los primeros ${miles(v.length)})` : ""}`),
      tabla(["Número", "Emisión", "Identificación", "Obligado", "Total"], v.map((t) => [t.numero, fechaCorta(t.fecha_emision), t.identificacion, t.obligado, usd(t.total)]), "Títulos por sortear"));
  }

  function mostrar(inf: Informe, nombre: string): void {
    const partes: Node[] = [];
    if (inf.errores.length) {
      partes.push(aviso(`El archivo tiene ${cuantos(inf.errores.length, "error", "errores")} en ${cuantos(inf.filas, "fila", "filas")}. No se importó nada: corrija el archivo y vuelva a importarlo.`));
      partes.push(tabla(["Línea", "Columna", "Motivo"], inf.errores.map((e) => [String(e.linea), e.columna, e.mensaje]), "Errores de la importación"));
      partes.push(h("button", { type: "button", id: "guardar-errores", onclick: async () => {
        try { mensajes.replaceChildren(aviso(`Informe de errores guardado en ${await api.informeGuardar(nombre, inf.errores)}`, "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
      } }, "Guardar el informe de errores (CSV)"));
    } else if (inf.simulado) {
      partes.push(aviso(inf.filas === 1 ? "La fila es correcta. No se escribió nada." : `Las ${miles(inf.filas)} filas son correctas. No se escribió nada.`, "ok"));
    } else {
      partes.push(aviso(`${cuantos(inf.importados, "título importado", "títulos importados")}, en estado por sortear.`, "ok"));
    }
    if (inf.advertencias.length) {
      partes.push(h("h3", {}, "Advertencias"), tabla(["Línea", "Columna", "Advertencia"], inf.advertencias.map((e) => [String(e.linea), e.columna, e.mensaje]), "Advertencias de la importación"));
    }
    informe.replaceChildren(...partes);
  }

  async function importar(simular: boolean): Promise<void> {
    const f = await leerArchivo(archivo);
    if (!f) { mensajes.replaceChildren(aviso("Elija primero el archivo de títulos.")); return; }
    boton.disabled = validar.disabled = true;
    progreso.hidden = false;
    progreso.removeAttribute("value");
    const dejar = await listen<number>("importacion-progreso", (e) => { progreso.value = e.payload; });
    mensajes.replaceChildren(h("p", { role: "status" }, `Leyendo ${f.nombre}…`));
    try {
      mostrar(await api.titulosImportar(f.nombre, f.bytes, simular), f.nombre);
      mensajes.replaceChildren();
      await cargarBandeja();
    } catch (e) {
      mensajes.replaceChildren(aviso((e as ErrorApp).message));
    } finally {
      dejar();
      boton.disabled = validar.disabled = false;
      progreso.hidden = true;
    }
  }
  boton.addEventListener("click", () => importar(false));
  validar.addEventListener("click", () => importar(true));
  c.replaceChildren(
    h("h1", {}, "Títulos de crédito"),
    h("section", { class: "tarjeta" },
      h("h2", {}, "Importar los títulos que envió Cartera"),
      h("p", {}, "CSV (coma, punto y coma o tabulador; UTF-8 o Windows-1252) o XLSX. Si una fila tiene un error no se importa nada."),
      h("div", { class: "campo" }, h("label", { for: "archivo-titulos" }, "Archivo"), archivo),
      h("div", { class: "fila" }, boton, validar, progreso)),
    mensajes, informe, bandeja);
  await cargarBandeja();
}
