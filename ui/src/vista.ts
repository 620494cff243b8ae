// In-app preview of a PDF Coactiva printed (pdf.js, bundled: no network), with buttons to open
// it in the system's PDF viewer (where it is printed) or close.
import * as pdfjs from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { invoke } from "@tauri-apps/api/core";
import { aviso, h } from "./dom";

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export async function vistaPrevia(ruta: string): Promise<void> {
  const paginas = h("div", { class: "paginas", id: "vista-paginas" });
  const mensajes = h("div", { "aria-live": "polite" });
  const cerrar = h("button", { type: "button", id: "cerrar-vista" }, "Cerrar");
  const visor = h("button", { type: "button", class: "primario", id: "abrir-visor" }, "Abrir en el visor para imprimir");
  const dialogo = h("dialog", { class: "vista", id: "vista-previa", "aria-label": "Vista previa del documento" },
    h("div", { class: "fila" }, h("strong", {}, ruta.split(/[\\/]/).pop() ?? ruta), visor, cerrar), mensajes, paginas);
  cerrar.addEventListener("click", () => { dialogo.close(); dialogo.remove(); });
  visor.addEventListener("click", async () => {
    try { await invoke("abrir_en_visor", { ruta }); } catch (e) { mensajes.replaceChildren(aviso((e as { message: string }).message)); }
  });
  document.body.append(dialogo);
  dialogo.showModal();
  try {
    const bytes = new Uint8Array(await invoke<ArrayBuffer>("pdf_vista", { ruta }));
    const pdf = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
    for (let n = 1; n <= Math.min(pdf.numPages, 50); n++) {
      const pagina = await pdf.getPage(n);
      const vp = pagina.getViewport({ scale: 1.2 });
      const lienzo = h("canvas", { "aria-label": `Página ${n}` });
      lienzo.width = vp.width;
      lienzo.height = vp.height;
      paginas.append(lienzo);
      await pagina.render({ canvasContext: lienzo.getContext("2d")!, viewport: vp }).promise;
    }
    dialogo.dataset.paginas = String(pdf.numPages);
  } catch (e) {
    mensajes.replaceChildren(aviso(`No se pudo mostrar el PDF: ${(e as Error).message ?? e}`));
  }
}
