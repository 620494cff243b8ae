// The in-app preview of a PDF Coactiva printed (pdf.js, bundled: no network). Every page is
// reachable: only the pages near the visible area are drawn, and those scrolled far away are
// released, so a 700-page expediente does not hold 700 bitmaps. Closing — the button or Escape
// — destroys the document and frees everything. Buttons: print on the system's printer, open
// in the system's viewer, and, when the document can go into the expediente, foliate it after
// an explicit confirmation (fojas are permanent).
import * as pdfjs from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { invoke } from "@tauri-apps/api/core";
import { aviso, h, miles } from "./dom";

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

const ESCALA = 1.2;
/** Pages drawn beyond the visible ones, above and below (in page heights). */
const MARGEN = "150%";

export interface Foliacion {
  /** What the confirmation says, besides that fojas are permanent (e.g. the same document is already in the expediente). */
  advertencia: string | null;
  /** Foliates; resolves to the foliated document's path and fojas. */
  foliar: () => Promise<{ ruta: string; desde: number | null; hasta: number | null }>;
  /** After foliating (e.g. reload the expediente behind the dialog). */
  hecho?: (r: { ruta: string; desde: number | null; hasta: number | null }) => Promise<void> | void;
}

export async function vistaPrevia(ruta: string, foliacion: Foliacion | null = null): Promise<void> {
  document.getElementById("vista-previa")?.remove();
  const paginas = h("div", { class: "paginas", id: "vista-paginas" });
  const mensajes = h("div", { "aria-live": "polite", id: "mensajes-vista" });
  const cuenta = h("span", { id: "cuenta-paginas" }, "Cargando…");
  const cerrar = h("button", { type: "button", id: "cerrar-vista" }, "Cerrar");
  const imprimir = h("button", { type: "button", class: "primario", id: "imprimir-pdf" }, "Imprimir");
  const visor = h("button", { type: "button", id: "abrir-visor" }, "Abrir en el visor de PDF");
  const foliarBoton = foliacion ? h("button", { type: "button", id: "foliar-documento" }, "Foliar en el expediente…") : null;
  const nombre = h("strong", { id: "nombre-vista" }, ruta.split(/[\\/]/).pop() ?? ruta);
  const dialogo = h("dialog", { class: "vista", id: "vista-previa", "aria-label": "Vista previa del documento" },
    h("div", { class: "fila barra-vista" }, nombre, cuenta, imprimir, visor, foliarBoton, cerrar), mensajes, paginas);
  let actual = ruta;
  let pdf: pdfjs.PDFDocumentProxy | null = null;
  let observador: IntersectionObserver | null = null;
  const dibujadas = new Map<number, pdfjs.RenderTask>();

  const liberar = () => {
    observador?.disconnect();
    observador = null;
    for (const t of dibujadas.values()) t.cancel();
    dibujadas.clear();
    for (const c of Array.from(paginas.querySelectorAll("canvas"))) { c.width = 0; c.height = 0; }
    paginas.replaceChildren();
    void pdf?.destroy();
    pdf = null;
  };
  const cerrarTodo = () => {
    liberar();
    if (dialogo.open) dialogo.close();
    dialogo.remove();
    // Once pdf.js has let go of it, what the document took goes back to the system.
    setTimeout(() => { void invoke("liberar_memoria").catch(() => undefined); }, 300);
  };
  cerrar.addEventListener("click", cerrarTodo);
  // Escape closes a <dialog> through «cancel»: free everything the same way.
  dialogo.addEventListener("cancel", (e) => { e.preventDefault(); cerrarTodo(); });
  imprimir.addEventListener("click", async () => {
    mensajes.replaceChildren(h("p", { role: "status" }, "Enviando a la impresora…"));
    try {
      const m = await invoke<string>("imprimir_pdf", { ruta: actual });
      mensajes.replaceChildren(aviso(m, "ok"));
    } catch (e) { mensajes.replaceChildren(aviso((e as { message: string }).message)); }
  });
  visor.addEventListener("click", async () => {
    try { await invoke("abrir_en_visor", { ruta: actual }); } catch (e) { mensajes.replaceChildren(aviso((e as { message: string }).message)); }
  });
  if (foliacion && foliarBoton) foliarBoton.addEventListener("click", () => confirmarFoliacion(foliacion));

  function confirmarFoliacion(f: Foliacion): void {
    const no = h("button", { type: "button", id: "foliar-cancelar", class: "primario" }, "Cancelar");
    const si = h("button", { type: "button", id: "foliar-confirmar" }, "Sí, foliar");
    const panel = h("div", { class: "tarjeta confirmar", id: "confirmar-foliacion", role: "alertdialog", "aria-labelledby": "t-confirmar-foliacion" },
      h("p", { id: "t-confirmar-foliacion" }, "Las fojas son permanentes: el documento entra al expediente como la siguiente actuación, con sus fojas impresas, y no se puede quitar ni renumerar."),
      f.advertencia ? h("p", { class: "advertencia", id: "advertencia-foliacion" }, f.advertencia) : null,
      h("div", { class: "fila" }, no, si));
    const volver = () => { panel.remove(); foliarBoton?.focus(); };
    no.addEventListener("click", volver);
    panel.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.stopPropagation(); e.preventDefault(); volver(); } });
    si.addEventListener("click", async () => {
      si.disabled = no.disabled = true;
      try {
        const r = await f.foliar();
        panel.remove();
        foliarBoton?.remove();
        await f.hecho?.(r);
        await mostrar(r.ruta);
        mensajes.replaceChildren(aviso(`Foliado en el expediente${r.desde ? `: fojas ${r.desde} a ${r.hasta}` : ""}. Guardado en ${r.ruta}`, "ok"));
      } catch (e) {
        panel.remove();
        mensajes.replaceChildren(aviso((e as { message: string }).message));
      }
    });
    mensajes.replaceChildren(panel);
    no.focus();
  }

  async function mostrar(r: string): Promise<void> {
    liberar();
    actual = r;
    nombre.textContent = r.split(/[\\/]/).pop() ?? r;
    delete dialogo.dataset.paginas;
    const bytes = new Uint8Array(await invoke<ArrayBuffer>("pdf_vista", { ruta: r }));
    const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
    pdf = doc;
    const primera = (await doc.getPage(1)).getViewport({ scale: ESCALA });
    const n = doc.numPages;
    const huecos = [...Array(n).keys()].map((i) => {
      const d = h("div", { class: "pagina", "data-pagina": String(i + 1), "aria-label": `Página ${i + 1} de ${n}` });
      d.style.width = `${primera.width}px`;
      d.style.height = `${primera.height}px`;
      return d;
    });
    paginas.replaceChildren(...huecos);
    cuenta.textContent = n === 1 ? "1 página" : `${miles(n)} páginas`;
    observador = new IntersectionObserver((entradas) => {
      for (const e of entradas) {
        const k = Number((e.target as HTMLElement).dataset.pagina);
        if (e.isIntersecting) void dibujar(doc, k, e.target as HTMLElement);
        else soltar(k, e.target as HTMLElement);
      }
    }, { root: paginas, rootMargin: `${MARGEN} 0px` });
    for (const d of huecos) observador.observe(d);
    dialogo.dataset.paginas = String(n);
  }

  async function dibujar(doc: pdfjs.PDFDocumentProxy, k: number, hueco: HTMLElement): Promise<void> {
    if (dibujadas.has(k) || pdf !== doc) return;
    const pagina = await doc.getPage(k);
    if (pdf !== doc) return;
    const vp = pagina.getViewport({ scale: ESCALA });
    const lienzo = h("canvas", { "aria-label": `Página ${k}` });
    lienzo.width = vp.width;
    lienzo.height = vp.height;
    hueco.replaceChildren(lienzo);
    const tarea = pagina.render({ canvasContext: lienzo.getContext("2d")!, viewport: vp });
    dibujadas.set(k, tarea);
    try { await tarea.promise; } catch { /* cancelled: scrolled away or closed */ }
    pagina.cleanup();
  }

  function soltar(k: number, hueco: HTMLElement): void {
    const t = dibujadas.get(k);
    if (!t) return;
    t.cancel();
    dibujadas.delete(k);
    const c = hueco.querySelector("canvas");
    if (c) { c.width = 0; c.height = 0; }
    hueco.replaceChildren();
  }

  document.body.append(dialogo);
  dialogo.showModal();
  cerrar.focus();
  try {
    await mostrar(ruta);
  } catch (e) {
    console.error(e);
    mensajes.replaceChildren(aviso("No se pudo mostrar el PDF en la ventana: ábralo en el visor de PDF o imprímalo."));
  }
}
