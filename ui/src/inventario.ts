// Bienes: the Dirección Nacional's «control de los bienes embargados» (every seized bien with
// its state, place, depositario and valuation, filtered, and saved as XLSX) and the
// depositarios judiciales: what each keeps, whose report is due, and how each did in a period.
import { api, type ErrorApp, type Inventario } from "./api";
import { aviso, campo, fechaCorta, h, tabla, usd, valor, cuantos } from "./dom";

const estados: [string, string][] = [
  ["embargado", "Embargado"], ["en_deposito", "En depósito"], ["avaluado", "Avaluado"], ["en_remate", "En remate"],
  ["rematado", "Rematado"], ["adjudicado", "Adjudicado"], ["levantado", "Embargo levantado"],
];
/** The kinds of bien, as people name them (the expediente's form offers them in this order). */
export const clases: Record<string, string> = { vehiculo: "Vehículo", inmueble: "Inmueble", cuenta: "Cuenta o valores", mueble: "Mueble", semoviente: "Semoviente", otro: "Otro" };
const nombre = (e: string | null) => estados.find(([k]) => k === e)?.[1] ?? e ?? "";

export async function pantallaBienes(c: HTMLElement, abrir: (numero: string) => void): Promise<void> {
  const deps = await api.depositariosListar();
  const estado = h("select", { id: "inventario-estado", name: "inventario-estado" }, h("option", { value: "" }, "Todos"), ...estados.map(([k, t]) => h("option", { value: k }, t)));
  const depositario = h("select", { id: "inventario-depositario", name: "inventario-depositario" }, h("option", { value: "" }, "Todos"),
    ...deps.map((d) => h("option", { value: d.identificacion }, `${d.nombres} (${cuantos(d.bienes, "bien", "bienes")})`)));
  const filtros = h("form", { class: "fila", id: "form-inventario", "aria-label": "Filtrar el inventario" },
    h("div", { class: "campo" }, h("label", { for: "inventario-estado" }, "Estado"), estado),
    h("div", { class: "campo" }, h("label", { for: "inventario-depositario" }, "Depositario"), depositario),
    campo("inventario-lugar", "Lugar (parte del nombre)", {}),
    h("button", { type: "submit", id: "filtrar-inventario" }, "Filtrar"),
    h("button", { type: "button", id: "descargar-inventario" }, "Descargar XLSX"));
  const filtro = () => ({ estado: estado.value || null, depositario: depositario.value || null, lugar: valor(filtros, "inventario-lugar").trim() || null });
  const mensaje = h("div", { id: "resultado-inventario", "aria-live": "polite" });
  const resultado = h("div", { id: "inventario" });
  const pintar = (inv: Inventario) => resultado.replaceChildren(
    h("p", { id: "inventario-total" }, `${cuantos(inv.bienes, "bien", "bienes")}, avaluados en ${usd(inv.avaluo)}.`),
    inv.por_estado.length ? tabla(["Estado", "Bienes", "Avalúo"], inv.por_estado.map((t) => [nombre(t.estado), String(t.bienes), usd(t.avaluo)]), "Bienes por estado") : "",
    inv.filas.length
      ? tabla(["Proceso", "Bien", "Clase", "Descripción", "Estado", "Desde", "Depositario", "Lugar", "Avalúo"], inv.filas.map((f) => [
          h("button", { type: "button", class: "enlace", onclick: () => abrir(f.bien.proceso) }, f.bien.proceso), String(f.bien.id), clases[f.bien.clase] ?? f.bien.clase, f.bien.descripcion,
          nombre(f.bien.estado), f.desde ? fechaCorta(f.desde) : "", f.depositario_nombres ?? "", f.bien.lugar ?? "", f.avaluo ? usd(f.avaluo) : "sin avalúo"]), "Inventario de bienes embargados")
      : h("p", {}, "Ningún bien embargado cumple el filtro."));
  const cargar = async () => {
    try { pintar(await api.inventarioBienes(filtro())); mensaje.replaceChildren(); } catch (e) { mensaje.replaceChildren(aviso((e as ErrorApp).message)); }
  };
  filtros.addEventListener("submit", (ev) => { ev.preventDefault(); void cargar(); });
  filtros.querySelector("#descargar-inventario")!.addEventListener("click", async () => {
    try {
      const ruta = await api.inventarioXlsx(filtro());
      mensaje.replaceChildren(aviso(`Inventario guardado en ${ruta}`, "ok"));
    } catch (e) { mensaje.replaceChildren(aviso((e as ErrorApp).message)); }
  });

  // The depositarios: evaluation over a period (this month by default).
  const periodo = h("form", { class: "fila", id: "form-evaluacion-depositarios", "aria-label": "Período de la evaluación" },
    campo("depositarios-desde", "Desde (dd/mm/aaaa; vacío: el primero del mes)", {}),
    campo("depositarios-hasta", "Hasta (vacío: hoy)", {}),
    h("button", { type: "submit" }, "Evaluar"));
  const evaluacion = h("div", { id: "evaluacion-depositarios", "aria-live": "polite" });
  const evaluar = async () => {
    try {
      const v = await api.depositariosEvaluacion(valor(periodo, "depositarios-desde").trim() || null, valor(periodo, "depositarios-hasta").trim() || null);
      evaluacion.replaceChildren(v.length
        ? tabla(["Depositario", "Bienes en custodia", "Procesos", "Informes", "A tiempo", "Atrasados hoy", "Incidentes"], v.map((e) => [
            `${e.nombres} (${e.depositario})`, String(e.bienes), String(e.procesos), String(e.informes), String(e.a_tiempo), String(e.atrasados), String(e.incidentes)]), "Evaluación de depositarios")
        : h("p", {}, "No hay depositarios registrados."));
    } catch (e) { evaluacion.replaceChildren(aviso((e as ErrorApp).message)); }
  };
  periodo.addEventListener("submit", (ev) => { ev.preventDefault(); void evaluar(); });

  c.className = "";
  c.replaceChildren(
    h("h1", {}, "Bienes embargados"),
    h("section", { "aria-labelledby": "t-inventario" }, h("h2", { id: "t-inventario" }, "Control de los bienes embargados"), filtros, mensaje, resultado),
    h("section", { "aria-labelledby": "t-depositarios" }, h("h2", { id: "t-depositarios" }, "Depositarios judiciales"), periodo, evaluacion));
  await Promise.all([cargar(), evaluar()]);
}
