// A tiny element builder: enough for forms and lists without a framework.
type Hijo = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...hijos: Hijo[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of hijos) if (c) el.append(c);
  return el;
}

/** A labelled input: every field has a visible label tied to it. */
export function campo(id: string, etiqueta: string, attrs: Record<string, string | boolean> = {}): HTMLElement {
  return h("div", { class: "campo" }, h("label", { for: id }, etiqueta), h("input", { id, name: id, ...attrs }));
}

export function valor(form: HTMLFormElement, id: string): string {
  return (form.elements.namedItem(id) as HTMLInputElement | HTMLSelectElement).value;
}

export function montar(contenido: Node): void {
  const app = document.getElementById("app")!;
  app.replaceChildren(contenido);
  const primero = app.querySelector<HTMLElement>("[autofocus], input, button");
  primero?.focus();
}

/** A message for the user; the core writes sentences in lower case, the UI capitalises them. */
export function aviso(texto: string, tipo: "error" | "ok" = "error"): HTMLElement {
  const frase = texto.charAt(0).toLocaleUpperCase("es-EC") + texto.slice(1);
  return h("p", { class: `aviso ${tipo}`, role: tipo === "error" ? "alert" : "status" }, frase);
}

/** A simple accessible table. */
export function tabla(encabezado: string[], filas: (string | Node)[][], etiqueta: string): HTMLTableElement {
  return h("table", { "aria-label": etiqueta },
    h("thead", {}, h("tr", {}, ...encabezado.map((e) => h("th", { scope: "col" }, e)))),
    h("tbody", {}, ...filas.map((f) => h("tr", {}, ...f.map((c) => h("td", {}, c))))));
}

/** `aaaa-mm-dd` → `dd/mm/aaaa`. */
export function fechaCorta(iso: string): string {
  const [a, m, d] = iso.slice(0, 10).split("-");
  return d ? `${d}/${m}/${a}` : iso;
}

export async function leerArchivo(input: HTMLInputElement): Promise<{ nombre: string; bytes: Uint8Array } | null> {
  const f = input.files?.[0];
  if (!f) return null;
  return { nombre: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** A choice of the form a person's printed title takes: «Secretario-Abogado» or «Secretaria-Abogada». */
export function selectorGenero(id: string, masculino: string, femenino: string, actual: string | null, requerido: boolean): HTMLSelectElement {
  const sel = h("select", { id, name: id, required: requerido },
    h("option", { value: "", selected: !actual, disabled: requerido }, requerido ? "— elija —" : "— sin registrar —"),
    h("option", { value: "masculino", selected: actual === "masculino" }, masculino),
    h("option", { value: "femenino", selected: actual === "femenino" }, femenino));
  return sel;
}

/** «1234.56» (the core's decimal string) as people read it: «USD 1.234,56». No floats. */
export function usd(decimal: string): string {
  const negativo = decimal.startsWith("-");
  const [entero, fraccion = "00"] = (negativo ? decimal.slice(1) : decimal).split(".");
  const grupos = entero.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `USD ${negativo ? "-" : ""}${grupos},${fraccion.padEnd(2, "0").slice(0, 2)}`;
}

/** A count with its noun in the right number, thousands grouped: «1 proceso», «12.759 procesos». Never «proceso(s)». */
export function cuantos(n: number, singular: string, plural: string): string {
  return `${miles(n)} ${n === 1 ? singular : plural}`;
}

/** A whole number as the core writes it: «1.000», «150.300» (the browser's es locale leaves «1000» ungrouped). */
export function miles(n: number): string {
  const s = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return n < 0 ? `-${s}` : s;
}

/** Roles in words. */
export const nombreRol: Record<string, string> = {
  jefe: "Jefe de la unidad", secretario: "Secretario", abogado: "Secretario-Abogado", citador: "Citador-notificador", consulta: "Solo consulta",
};

/** The provinces by their code's order (01 Azuay … 24 Santa Elena). */
export const PROVINCIAS = [
  "Azuay", "Bolívar", "Cañar", "Carchi", "Cotopaxi", "Chimborazo", "El Oro", "Esmeraldas", "Guayas",
  "Imbabura", "Loja", "Los Ríos", "Manabí", "Morona Santiago", "Napo", "Pastaza", "Pichincha",
  "Tungurahua", "Zamora Chinchipe", "Galápagos", "Sucumbíos", "Orellana",
  "Santo Domingo de los Tsáchilas", "Santa Elena",
];

/** A `<select>` of provinces by name (value: the two-digit code). `vacia`: a first «—» option. */
export function selectorProvincia(id: string, actual: string | null, vacia: string | null = null): HTMLSelectElement {
  const s = h("select", { id, name: id },
    ...(vacia !== null ? [h("option", { value: "" }, vacia)] : []),
    ...PROVINCIAS.map((p, i) => {
      const codigo = String(i + 1).padStart(2, "0");
      return h("option", { value: codigo, selected: codigo === actual }, p);
    }));
  return s;
}


/**
 * An inline confirmation for an irreversible or weighty step: «Cancelar» has the focus and
 * Escape cancels. Resolves to whether the clerk confirmed.
 */
export function confirmar(donde: HTMLElement, id: string, texto: string, si: string): Promise<boolean> {
  return new Promise((resolver) => {
    const previo = document.activeElement as HTMLElement | null;
    const no = h("button", { type: "button", class: "primario", id: `${id}-no` }, "Cancelar");
    const ok = h("button", { type: "button", id: `${id}-si` }, si);
    const caja = h("div", { class: "tarjeta confirmar", id, role: "alertdialog", "aria-labelledby": `${id}-texto` },
      h("p", { id: `${id}-texto` }, texto), h("div", { class: "fila" }, no, ok));
    const fin = (r: boolean) => { caja.remove(); previo?.focus(); resolver(r); };
    no.addEventListener("click", () => fin(false));
    ok.addEventListener("click", () => fin(true));
    caja.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); fin(false); } });
    donde.replaceChildren(caja);
    no.focus();
  });
}

/** A date field with the system's date picker (its value is aaaa-mm-dd; shown as the system shows dates). */
export function campoFecha(id: string, etiqueta: string, attrs: Record<string, string | boolean> = {}): HTMLElement {
  return h("div", { class: "campo" }, h("label", { for: id }, etiqueta), h("input", { id, name: id, type: "date", lang: "es-EC", min: "1900-01-01", max: "2200-12-31", ...attrs }));
}
