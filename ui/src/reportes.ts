// Reportes: the unit's figures at a date (the inventario of procesos in force by stage,
// abogado, amount and age; the antigüedad of the portfolio), each grouping with a bar chart
// drawn here (SVG, no network), and the same report saved as PDF or XLSX.
import { api, type ErrorApp, type GrupoRecaudado, type GrupoReporte, type InventarioProcesos, type Recaudacion } from "./api";
import { aviso, campoFecha, cuantos, h, miles, tabla, usd } from "./dom";

const SVG = "http://www.w3.org/2000/svg";

/** Horizontal bars, one a line, as long as its share of `total`; `cifra` is what each says. */
function barras(grupos: { nombre: string; valor: number; cifra: string }[], total: number, etiqueta: string): SVGSVGElement {
  const alto = 22;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 600 ${grupos.length * alto + 4}`);
  svg.setAttribute("class", "grafico");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", etiqueta);
  grupos.forEach((g, i) => {
    const y = i * alto + 2;
    const nombre = document.createElementNS(SVG, "text");
    nombre.setAttribute("x", "0");
    nombre.setAttribute("y", String(y + 15));
    nombre.textContent = g.nombre.length > 34 ? `${g.nombre.slice(0, 33)}…` : g.nombre;
    const barra = document.createElementNS(SVG, "rect");
    // Room after the longest bar for its figure («USD 1.234.567,89»).
    const ancho = total > 0 ? Math.max((g.valor / total) * 240, g.valor > 0 ? 2 : 0) : 0;
    barra.setAttribute("x", "230");
    barra.setAttribute("y", String(y + 3));
    barra.setAttribute("width", String(ancho));
    barra.setAttribute("height", String(alto - 8));
    barra.setAttribute("class", "barra-grafico");
    const cifra = document.createElementNS(SVG, "text");
    cifra.setAttribute("x", String(236 + ancho));
    cifra.setAttribute("y", String(y + 15));
    cifra.textContent = g.cifra;
    svg.append(nombre, barra, cifra);
  });
  return svg;
}

export async function pantallaReportes(c: HTMLElement): Promise<void> {
  const lista = await api.reportesLista();
  const selector = h("select", { id: "reporte-nombre" }, ...lista.map(([k, t]) => h("option", { value: k }, t)));
  const mensajes = h("div", { id: "mensajes-reportes", class: "mensajes-fijos", "aria-live": "polite" });
  const resultado = h("div", { id: "reporte" });
  const form = h("form", { class: "fila", id: "form-reporte", "aria-label": "Qué reporte y a qué fecha" },
    h("div", { class: "campo" }, h("label", { for: "reporte-nombre" }, "Reporte"), selector),
    campoFecha("reporte-desde", "Desde (vacío: el 1 de enero)"),
    campoFecha("reporte-hasta", "Al día o hasta (vacío: hoy)"),
    h("button", { type: "submit", class: "primario", id: "ver-reporte" }, "Ver"),
    h("button", { type: "button", id: "reporte-pdf" }, "Guardar en PDF"),
    h("button", { type: "button", id: "reporte-xlsx" }, "Guardar en XLSX"));
  const fecha = (id: string) => (document.getElementById(id) as HTMLInputElement).value || null;
  const hasta = () => fecha("reporte-hasta");
  const desde = () => (selector.value === "recaudacion" ? fecha("reporte-desde") : null);
  // «Desde» only for a report of a period.
  const mostrarDesde = () => { form.querySelector<HTMLElement>("#reporte-desde")!.parentElement!.hidden = selector.value !== "recaudacion"; };
  selector.addEventListener("change", mostrarDesde);
  const falla = (e: unknown) => mensajes.replaceChildren(aviso((e as ErrorApp).message));
  const seccion = (titulo: string, primera: string, grupos: GrupoReporte[], r: InventarioProcesos) =>
    h("section", { class: "tarjeta" }, h("h2", {}, titulo),
      barras(grupos.map((g) => ({ nombre: g.nombre, valor: g.procesos, cifra: miles(g.procesos) })), r.procesos, `${titulo}: procesos`),
      tabla([primera, "Procesos", "Capital", "Total"], [
        ...grupos.map((g) => [g.nombre, miles(g.procesos), usd(g.capital), usd(g.total)]),
        [h("strong", {}, "Total"), h("strong", {}, miles(r.procesos)), h("strong", {}, usd(r.capital)), h("strong", {}, usd(r.total))],
      ], titulo));
  const centavos = (d: string) => Math.round(Number(d) * 100);
  const seccionRecaudada = (titulo: string, primera: string, grupos: GrupoRecaudado[], r: Recaudacion) =>
    h("section", { class: "tarjeta" }, h("h2", {}, titulo),
      barras(grupos.map((g) => ({ nombre: g.nombre, valor: centavos(g.valor), cifra: usd(g.valor) })), centavos(r.total.valor), `${titulo}: recaudado`),
      tabla([primera, "Pagos", "Procesos", "Recaudado", "Capital", "Intereses"], [...grupos, r.total].map((g) =>
        [g.nombre, miles(g.pagos), miles(g.procesos), usd(g.valor), usd(g.capital), usd(g.intereses)]), titulo));
  const corta = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const mostrar = async () => {
    if (selector.value === "recaudacion") {
      try {
        const r = await api.reporteRecaudacion(desde(), hasta());
        resultado.replaceChildren(
          h("p", { id: "reporte-total" }, `Del ${corta(r.desde)} al ${corta(r.hasta)}: ${usd(r.total.valor)} en ${cuantos(r.total.pagos, "pago", "pagos")} de ${cuantos(r.total.procesos, "proceso", "procesos")}.`),
          seccionRecaudada("Por mes", "Mes", r.por_mes, r), seccionRecaudada("Por Secretario-Abogado", "Secretario-Abogado", r.por_abogado, r));
        mensajes.replaceChildren();
      } catch (e) { falla(e); }
      return;
    }
    try {
      const r = await api.reporte(selector.value, hasta());
      const partes: HTMLElement[] = [h("p", { id: "reporte-total" }, `Al ${corta(r.al)}: ${cuantos(r.procesos, "proceso en trámite", "procesos en trámite")}, capital ${usd(r.capital)}, total de los títulos ${usd(r.total)}.`)];
      if (selector.value === "inventario") {
        partes.push(seccion("Por etapa", "Etapa", r.por_etapa, r), seccion("Por Secretario-Abogado", "Secretario-Abogado", r.por_abogado, r),
          seccion("Por monto del título", "Monto", r.por_monto, r));
      }
      partes.push(seccion("Por antigüedad desde la exigibilidad", "Antigüedad", r.por_antiguedad, r));
      resultado.replaceChildren(...partes);
      mensajes.replaceChildren();
    } catch (e) { falla(e); }
  };
  const guardar = async (formato: "pdf" | "xlsx") => {
    try {
      const ruta = await api.reporteGuardar(selector.value, desde(), hasta(), formato);
      mensajes.replaceChildren(aviso(`Reporte guardado en ${ruta}`, "ok"));
    } catch (e) { falla(e); }
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); void mostrar(); });
  form.querySelector("#reporte-pdf")!.addEventListener("click", () => void guardar("pdf"));
  form.querySelector("#reporte-xlsx")!.addEventListener("click", () => void guardar("xlsx"));
  c.replaceChildren(h("h1", {}, "Reportes"), mensajes, form, resultado);
  mostrarDesde();
  await mostrar();
}
