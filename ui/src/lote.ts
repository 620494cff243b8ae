// Work on many procesos at once: open the procesos of a whole sorteo, and print — and, when
// asked, foliate — the same document for a selection of procesos, as one PDF with all of them
// and one per proceso, with a progress bar and a cancel button. A proceso that is refused is
// listed with why; the others are done.
import { listen } from "@tauri-apps/api/event";
import { api, type ErrorApp, type Filtro, type LoteImpreso } from "./api";
import { aviso, cuantos, h, tabla, miles } from "./dom";

export interface Contexto {
  /** The search and filters of the list below, when it has any. */
  deLaLista: () => Filtro | null;
  /** After procesos were opened or foliated: refresh the list. */
  cambio: () => Promise<void>;
}

export async function panelLote(ctx: Contexto): Promise<HTMLElement> {
  const [sorteos, documentos] = await Promise.all([api.sorteoListar().catch(() => []), api.loteDocumentos()]);
  const mensajes = h("div", { id: "mensajes-lote", "aria-live": "polite" });
  const sorteo = h("select", { id: "lote-sorteo" },
    ...sorteos.slice().reverse().map((s) => h("option", { value: String(s.numero) }, `N.º ${s.numero} del ${s.fecha.slice(8, 10)}/${s.fecha.slice(5, 7)}/${s.fecha.slice(0, 4)} (${cuantos(s.asignados, "título", "títulos")})`)));
  const abrirSorteo = h("button", { type: "button", id: "abrir-sorteo", disabled: sorteos.length === 0 }, "Abrir los procesos del sorteo");
  abrirSorteo.addEventListener("click", async () => {
    abrirSorteo.disabled = true;
    mensajes.replaceChildren(h("p", { role: "status" }, "Abriendo los procesos…"));
    try {
      const a = await api.procesosAbrirSorteo(Number(sorteo.value));
      const partes = [`Sorteo N.º ${a.sorteo}: ${cuantos(a.abiertos.length, "proceso abierto", "procesos abiertos")}`];
      if (a.ya_abiertos) partes.push(`${cuantos(a.ya_abiertos, "título ya tenía", "títulos ya tenían")} su proceso`);
      mensajes.replaceChildren(aviso(`${partes.join("; ")}.`, "ok"),
        a.fallidos.length ? tabla(["Título", "Motivo"], a.fallidos.map((f) => [f.proceso, f.mensaje]), "Títulos no abiertos") : "");
      await ctx.cambio();
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
    abrirSorteo.disabled = false;
  });

  const documento = h("select", { id: "lote-documento" }, ...documentos.map(([v, t]) => h("option", { value: v, selected: v === "orden-pago" }, t)));
  const origen = h("select", { id: "lote-origen" },
    h("option", { value: "sorteo" }, "Los procesos del sorteo elegido arriba"),
    h("option", { value: "lista" }, "Los que muestra la búsqueda de abajo"),
    h("option", { value: "todos" }, "Todos los procesos en cuya etapa corresponde el documento"));
  const texto = h("textarea", { id: "lote-texto", rows: "2", placeholder: "Solo para una providencia o razón: su texto, el mismo para todos" });
  const foliar = h("input", { type: "checkbox", id: "lote-foliar" });
  const preparar = h("button", { type: "submit", id: "lote-preparar" }, "Preparar la impresión");
  const zona = h("div", { id: "zona-lote" });
  const form = h("form", { class: "tarjeta", id: "form-lote", "aria-labelledby": "t-lote-imprimir" },
    h("h3", { id: "t-lote-imprimir" }, "Imprimir un documento para varios procesos"),
    h("div", { class: "campo" }, h("label", { for: "lote-documento" }, "Documento"), documento),
    h("div", { class: "campo" }, h("label", { for: "lote-origen" }, "Para"), origen),
    h("div", { class: "campo" }, h("label", { for: "lote-texto" }, "Texto"), texto),
    h("label", { class: "casilla" }, foliar, " Foliar cada documento en su expediente (las fojas son permanentes)"),
    preparar, zona);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    zona.replaceChildren();
    let procesos: string[];
    try {
      const lista = origen.value === "lista" ? ctx.deLaLista() : null;
      if (origen.value === "lista" && !lista) {
        zona.replaceChildren(aviso("La lista de abajo no tiene búsqueda ni filtros: busque o filtre primero los procesos que quiere imprimir."));
        return;
      }
      if (origen.value === "sorteo" && !sorteo.value) { zona.replaceChildren(aviso("Aún no hay sorteos.")); return; }
      procesos = await api.loteProcesos(documento.value, origen.value === "sorteo" ? Number(sorteo.value) : null, null, lista);
    } catch (e) { zona.replaceChildren(aviso((e as ErrorApp).message)); return; }
    const nombre = documento.selectedOptions[0]?.textContent ?? documento.value;
    if (procesos.length === 0) { zona.replaceChildren(aviso(`Ningún proceso de la selección está en una etapa en que corresponda «${nombre}».`)); return; }
    const no = h("button", { type: "button", class: "primario", id: "lote-no" }, "Cancelar");
    const si = h("button", { type: "button", id: "lote-confirmar" }, foliar.checked ? `Imprimir y foliar ${miles(procesos.length)}` : `Imprimir ${miles(procesos.length)}`);
    const panel = h("div", { class: "confirmar", role: "alertdialog", "aria-labelledby": "t-lote-confirmar", id: "lote-confirmacion" },
      h("p", { id: "t-lote-confirmar" }, `«${nombre}» para ${cuantos(procesos.length, "proceso", "procesos")}: un PDF con todos y uno en la carpeta de cada proceso.`),
      foliar.checked ? h("p", { class: "advertencia" }, "Cada documento entra a su expediente con sus fojas, y las fojas son permanentes. Un proceso cuyo expediente ya tiene este documento no se folia otra vez: se lista aparte.") : h("p", {}, "Son copias: no se folian."),
      h("div", { class: "fila" }, no, si));
    panel.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); zona.replaceChildren(); preparar.focus(); } });
    no.addEventListener("click", () => { zona.replaceChildren(); preparar.focus(); });
    si.addEventListener("click", () => void imprimir(procesos));
    zona.replaceChildren(panel);
    no.focus();
  });

  async function imprimir(procesos: string[]): Promise<void> {
    const barra = h("progress", { id: "lote-progreso", max: String(procesos.length), value: "0", "aria-label": "Imprimiendo" });
    const cuenta = h("span", { id: "lote-cuenta" }, `0 de ${miles(procesos.length)}`);
    const cancelar = h("button", { type: "button", id: "lote-cancelar" }, "Cancelar");
    cancelar.addEventListener("click", () => { cancelar.disabled = true; cuenta.textContent += " — cancelando…"; void api.loteCancelar(); });
    zona.replaceChildren(h("div", { class: "fila" }, barra, cuenta, cancelar));
    cancelar.focus();
    preparar.disabled = true;
    const dejar = await listen<[number, number]>("lote-progreso", (e) => {
      barra.value = e.payload[0];
      if (!cancelar.disabled) cuenta.textContent = `${miles(e.payload[0])} de ${miles(e.payload[1])}`;
    });
    try {
      const l = await api.loteImprimir(documento.value, procesos, foliar.checked, texto.value.trim() || null);
      zona.replaceChildren(...resumen(l));
      if (l.foliado && l.hechos.length) await ctx.cambio();
    } catch (e) { zona.replaceChildren(aviso((e as ErrorApp).message)); }
    finally { dejar(); preparar.disabled = false; }
  }

  function resumen(l: LoteImpreso): Node[] {
    const hechos = `${miles(l.hechos.length)} de ${cuantos(l.pedidos, "proceso", "procesos")}`;
    const partes: Node[] = [aviso(`${l.cancelado ? "Cancelado: " : ""}«${l.nombre}» impreso${l.foliado ? " y foliado" : ""} para ${hechos} (${cuantos(l.paginas, "página", "páginas")}).${l.ruta ? ` Todos en ${l.ruta}` : ""}`, l.hechos.length ? "ok" : "error")];
    if (l.ruta) {
      const ruta = l.ruta;
      partes.push(h("button", { type: "button", id: "lote-ver", onclick: async () => (await import("./vista")).vistaPrevia(ruta) }, "Ver el PDF de todos"));
    }
    if (l.fallidos.length) {
      const repetidos = l.fallidos.filter((f) => f.codigo === "conflicto").length;
      partes.push(aviso(`${cuantos(l.fallidos.length, "proceso no se imprimió", "procesos no se imprimieron")}${repetidos ? ` (${miles(repetidos)} porque su expediente ya tenía el documento)` : ""}:`),
        tabla(["Proceso", "Motivo"], l.fallidos.slice(0, 500).map((f) => [f.proceso, f.mensaje]), "Procesos no impresos"));
    }
    return partes;
  }

  return h("details", { class: "tarjeta ancho", id: "lote" },
    h("summary", {}, "Trabajar con varios procesos a la vez"),
    h("div", { class: "fila" }, h("label", { for: "lote-sorteo" }, "Sorteo"), sorteo, abrirSorteo),
    mensajes, form);
}
