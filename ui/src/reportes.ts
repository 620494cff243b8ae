// Reportes: every report of the unit in one shape (the core's `Reporte`: a summary, notes and
// tables with their totals), each table with a bar chart where the core names the figure to
// draw (SVG drawn here, no network); a line that stands for procesos opens their list; the same
// report saved as PDF or XLSX.
import { api, type CeldaReporte, type ErrorApp, type Reporte, type SeccionReporte, type TipoColumna } from "./api";
import { aviso, campoFecha, h, tabla } from "./dom";
import { barras } from "./grafico";

/** What a cell shows on screen: amounts with their currency. */
function mostrarCelda(c: CeldaReporte, tipo: TipoColumna): string {
  return tipo === "dinero" && c.texto !== "" && c.numero !== null ? `USD ${c.texto}` : c.texto;
}

/** The first and last day of month `clave` («2026-11»), ISO. */
function mesCompleto(clave: string): [string, string] {
  const [a, m] = clave.split("-").map(Number);
  const ultimo = new Date(Date.UTC(a, m, 0)).getUTCDate();
  return [`${clave}-01`, `${clave}-${String(ultimo).padStart(2, "0")}`];
}

export interface Pedido { nombre: string; desde?: string | null; hasta?: string | null }

/** A section: its title, its chart, its table (a line that opens a list has a link). */
export function seccionReporte(s: SeccionReporte, abrir: (lista: string, clave: string) => void): HTMLElement {
  const partes: (HTMLElement | SVGSVGElement)[] = [h("h2", {}, s.titulo)];
  const g = s.grafico;
  if (g !== null && s.filas.length > 0) {
    const tipo = s.columnas[g].tipo;
    partes.push(barras(s.filas.map((f) => ({
      nombre: f.celdas[0].texto,
      valor: f.celdas[g].numero ?? 0,
      cifra: mostrarCelda(f.celdas[g], tipo),
      abrir: s.lista && f.clave ? () => abrir(s.lista!, f.clave!) : undefined,
    })), `${s.titulo}: ${s.columnas[g].nombre.replace(" (USD)", "")}`));
  }
  const filas = s.filas.map((f) => f.celdas.map((c, i) => {
    const t = mostrarCelda(c, s.columnas[i].tipo);
    return i === 0 && s.lista && f.clave
      ? h("button", { type: "button", class: "enlace", onclick: () => abrir(s.lista!, f.clave!) }, t) as Node
      : t;
  }));
  if (s.total) filas.push(s.total.celdas.map((c, i) => h("strong", {}, mostrarCelda(c, s.columnas[i].tipo))));
  if (!filas.length) {
    partes.push(h("p", {}, "Ninguno."));
  } else {
    const t = tabla(s.columnas.map((c) => c.nombre.replace(" (USD)", "")), filas, s.titulo);
    // Figures line up on the right, as on paper.
    for (const fila of t.rows) {
      [...fila.cells].forEach((celda, i) => { if (s.columnas[i] && s.columnas[i].tipo !== "texto") celda.classList.add("cifra-celda"); });
    }
    partes.push(t);
  }
  return h("section", { class: "tarjeta" }, ...partes);
}

export async function pantallaReportes(c: HTMLElement, abrirLista: (filtro: string) => void, inicial: Pedido | null = null): Promise<void> {
  const lista = await api.reportesLista();
  const deUnPeriodo = new Set(lista.filter(([, , p]) => p).map(([k]) => k));
  const selector = h("select", { id: "reporte-nombre" }, ...lista.map(([k, t]) => h("option", { value: k, selected: k === inicial?.nombre }, t)));
  const mensajes = h("div", { id: "mensajes-reportes", class: "mensajes-fijos", "aria-live": "polite" });
  const resultado = h("div", { id: "reporte" });
  // The dates are checked here and by the core, in Spanish: the browser's own validation
  // (in the system's language) is off.
  const form = h("form", { class: "fila", id: "form-reporte", novalidate: true, "aria-label": "Qué reporte y de qué fechas" },
    h("div", { class: "campo" }, h("label", { for: "reporte-nombre" }, "Reporte"), selector),
    campoFecha("reporte-desde", "Desde (vacío: el comienzo del período)"),
    campoFecha("reporte-hasta", "Al día o hasta (vacío: hoy)"),
    h("button", { type: "submit", class: "primario", id: "ver-reporte" }, "Ver"),
    h("button", { type: "button", id: "reporte-pdf" }, "Guardar en PDF"),
    h("button", { type: "button", id: "reporte-xlsx" }, "Guardar en XLSX"));
  const campo = (id: string) => document.getElementById(id) as HTMLInputElement | null;
  const fecha = (id: string) => campo(id)?.value || null;
  const hasta = () => fecha("reporte-hasta");
  const desde = () => (deUnPeriodo.has(selector.value) ? fecha("reporte-desde") : null);
  // «Desde» only for a report of a period.
  const mostrarDesde = () => { form.querySelector<HTMLElement>("#reporte-desde")!.parentElement!.hidden = !deUnPeriodo.has(selector.value); };
  // Choosing a report shows it.
  selector.addEventListener("change", () => { mostrarDesde(); void mostrar(); });
  const falla = (e: unknown) => mensajes.replaceChildren(aviso((e as ErrorApp).message));
  const abrir = (filtro: string, clave: string) => {
    if (filtro === "mes") {
      // A month of the recaudación: the same report, for that month.
      // Never past the day the report was cut (the core refuses the future).
      const [d, hs] = mesCompleto(clave);
      campo("reporte-desde")!.value = d;
      campo("reporte-hasta")!.value = ultimo && ultimo.hasta < hs ? ultimo.hasta : hs;
      void mostrar();
      return;
    }
    abrirLista(`${filtro}:${clave}`);
  };
  /** A date half typed («12/__/2026»): the clerk is told which, nothing is asked. */
  const incompleta = (): string | null => {
    for (const [id, nombre] of [["reporte-desde", "Desde"], ["reporte-hasta", "Al día o hasta"]]) {
      const f = campo(id);
      if (f && !f.parentElement!.hidden && f.validity.badInput) return `La fecha «${nombre}» está incompleta: escríbala completa (día, mes y año) o déjela vacía.`;
    }
    return null;
  };
  let ultimo: Reporte | null = null;
  const mostrar = async () => {
    const falta = incompleta();
    if (falta) { mensajes.replaceChildren(aviso(falta)); return; }
    try {
      const r: Reporte = await api.reporte(selector.value, desde(), hasta());
      ultimo = r;
      resultado.replaceChildren(
        h("p", { id: "reporte-total" }, r.resumen),
        ...r.notas.map((n) => h("p", { class: "nota" }, n)),
        ...r.secciones.map((s) => seccionReporte(s, abrir)));
      mensajes.replaceChildren();
    } catch (e) { falla(e); }
  };
  const guardar = async (formato: "pdf" | "xlsx") => {
    const falta = incompleta();
    if (falta) { mensajes.replaceChildren(aviso(falta)); return; }
    try {
      const ruta = await api.reporteGuardar(selector.value, desde(), hasta(), formato);
      mensajes.replaceChildren(aviso(`Reporte guardado en ${ruta}`, "ok"));
    } catch (e) { falla(e); }
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); void mostrar(); });
  form.querySelector("#reporte-pdf")!.addEventListener("click", () => void guardar("pdf"));
  form.querySelector("#reporte-xlsx")!.addEventListener("click", () => void guardar("xlsx"));
  c.replaceChildren(h("h1", {}, "Reportes"), mensajes, form, resultado);
  if (inicial?.desde) campo("reporte-desde")!.value = inicial.desde;
  if (inicial?.hasta) campo("reporte-hasta")!.value = inicial.hasta;
  mostrarDesde();
  await mostrar();
}
