// Abogados: the registry with states, pesos, loads; add one; change a state.
import { api, type ErrorApp } from "./api";
import { aviso, campo, h, selectorGenero, tabla, valor } from "./dom";

export async function pantallaAbogados(c: HTMLElement, jefe: boolean, verProcesos: (identificacion: string) => void): Promise<void> {
  const mensajes = h("div", { "aria-live": "polite" });
  const lista = h("section", {});
  async function cargar(): Promise<void> {
    const v = await api.abogadosListar();
    const firmaComo = (a: (typeof v)[number]): Node | string => {
      if (!jefe) return a.cargo;
      const sel = selectorGenero(`genero-${a.identificacion}`, "Secretario-Abogado", "Secretaria-Abogada", a.genero, false);
      sel.setAttribute("aria-label", `Cargo con que firma ${a.nombres}`);
      sel.addEventListener("change", async () => {
        try { await api.registrarGenero("abogado", a.identificacion, sel.value); mensajes.replaceChildren(aviso(`${a.nombres} firma desde ahora como ${sel.selectedOptions[0].text}.`, "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
      });
      return sel;
    };
    lista.replaceChildren(tabla(["Identificación", "Nombres", "Firma como", "Peso", "Carga del año", "Estado hoy", "Procesos", ""],
      v.map((a) => [a.identificacion, a.nombres, firmaComo(a), a.peso.toLocaleString("es-EC"), String(a.carga), a.elegible ? "activo" : a.motivo ?? "",
        h("button", { type: "button", class: "enlace", onclick: () => verProcesos(a.identificacion) }, "Ver sus procesos"),
        jefe ? h("button", { type: "button", onclick: async () => {
          try { await api.abogadoEstado(a.identificacion, a.elegible ? "inactivo" : "activo"); await cargar(); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
        } }, a.elegible ? "Desactivar" : "Activar") : ""]), "Secretarios-Abogados"));
  }
  const form = h("form", { class: "tarjeta", "aria-labelledby": "t-nuevo-abogado" }, h("h2", { id: "t-nuevo-abogado" }, "Registrar un Secretario-Abogado"),
    campo("ab-identificacion", "Cédula", { required: true, inputmode: "numeric" }), campo("ab-nombres", "Nombres", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "ab-genero" }, "Firma como"), selectorGenero("ab-genero", "Secretario-Abogado", "Secretaria-Abogada", null, true)),
    campo("ab-peso", "Peso (1 = carga completa)", { value: "1" }),
    h("label", { class: "casilla" }, h("input", { type: "checkbox", id: "ab-externo" }), " Externo (cobra honorarios)"),
    h("button", { type: "submit" }, "Registrar"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.abogadoAgregar({ identificacion: valor(form, "ab-identificacion"), nombres: valor(form, "ab-nombres"), peso: valor(form, "ab-peso"), genero: valor(form, "ab-genero"), externo: (document.getElementById("ab-externo") as HTMLInputElement).checked });
      form.reset();
      mensajes.replaceChildren(aviso("Abogado registrado.", "ok"));
      await cargar();
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const imp = h("form", { class: "tarjeta", "aria-labelledby": "t-impedimento" }, h("h2", { id: "t-impedimento" }, "Registrar un impedimento"),
    h("p", {}, "El abogado nunca recibirá en el sorteo títulos de ese obligado."),
    campo("imp-abogado", "Cédula del abogado", { required: true }), campo("imp-obligado", "Cédula o RUC del obligado", { required: true }),
    campo("imp-motivo", "Motivo", {}), h("button", { type: "submit" }, "Registrar"));
  imp.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.abogadoImpedimento(valor(imp, "imp-abogado"), valor(imp, "imp-obligado"), valor(imp, "imp-motivo") || null);
      imp.reset();
      mensajes.replaceChildren(aviso("Impedimento registrado.", "ok"));
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  c.replaceChildren(h("h1", {}, "Secretarios-Abogados"), mensajes, lista, jefe ? h("div", { class: "acciones-expediente" }, form, imp) : h("span", {}));
  await cargar();
}
