// Abogados: the registry with states, pesos, loads; add one; change a state.
import { api, type Abogado, type ErrorApp } from "./api";
import { aviso, campo, campoFecha, fechaCorta, h, selectorGenero, tabla, valor } from "./dom";

export async function pantallaAbogados(c: HTMLElement, jefe: boolean, verProcesos: (identificacion: string) => void): Promise<void> {
  const mensajes = h("div", { id: "mensajes-abogados", class: "mensajes-fijos", "aria-live": "polite" });
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
    const fichas = jefe ? await api.abogadosFichas() : [];
    const ficha = (id: string) => fichas.find((f) => f.identificacion === id);
    const estadoHoy = (a: (typeof v)[number]): string => {
      const f = ficha(a.identificacion);
      if (f?.estado === "licencia") {
        const fechas = `${f.licencia_desde ? `del ${fechaCorta(f.licencia_desde)}` : ""}${f.licencia_hasta ? ` al ${fechaCorta(f.licencia_hasta)}` : " sin fecha de fin"}`;
        return `${f.licencia_motivo ? f.licencia_motivo : "licencia"} ${fechas}${a.elegible ? " (hoy recibe títulos)" : ""}`;
      }
      return a.elegible ? "activo" : a.motivo ?? "";
    };
    const acciones = (a: (typeof v)[number]): Node | string => {
      if (!jefe) return "";
      const f = ficha(a.identificacion);
      const celda = h("span", { class: "acciones" });
      const editar = h("button", { type: "button", id: `editar-abogado-${a.identificacion}` }, "Editar…");
      const licencia = h("button", { type: "button", id: `licencia-${a.identificacion}` }, "Licencia o vacaciones…");
      const activo = f?.estado === "activo";
      // On a licencia, «activar» ends it early: the button says so.
      const cambiar = h("button", { type: "button", id: `${activo ? "desactivar" : "activar"}-abogado-${a.identificacion}` },
        activo ? "Desactivar" : f?.estado === "licencia" ? "Terminar la licencia" : "Activar");
      cambiar.addEventListener("click", async () => {
        try {
          await api.abogadoEstado(a.identificacion, activo ? "inactivo" : "activo");
          mensajes.replaceChildren(aviso(activo ? `${a.nombres} queda inactivo: no entra en los sorteos.` : `${a.nombres} queda activo.`, "ok"));
          await cargar();
        } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
      });
      if (f) {
        editar.addEventListener("click", () => editarAbogado(f, celda));
        licencia.addEventListener("click", () => darLicencia(f, celda));
      }
      celda.append(editar, licencia, cambiar);
      return celda;
    };
    lista.replaceChildren(tabla(["Identificación", "Nombres", "Firma como", "Peso", "Carga del año", "Estado hoy", "Impedimentos", "Procesos", ""],
      v.map((a) => [a.identificacion, a.nombres, firmaComo(a), a.peso.toLocaleString("es-EC"), String(a.carga), estadoHoy(a),
        jefe ? (ficha(a.identificacion)?.impedimentos.join(", ") || "—") : "",
        h("button", { type: "button", class: "enlace", onclick: () => verProcesos(a.identificacion) }, "Ver sus procesos"),
        acciones(a)]), "Secretarios-Abogados"));
  }
  // Escape or «Cancelar» leave a row's form as it was.
  function formularioEnFila(celda: HTMLElement, campos: Node[], guardar: () => Promise<void>, id: string): void {
    const ok = h("button", { type: "button", class: "primario", id: `${id}-guardar` }, "Guardar");
    const no = h("button", { type: "button", id: `${id}-cancelar` }, "Cancelar");
    const caja = h("div", { class: "tarjeta en-fila", id }, ...campos, h("div", { class: "fila" }, ok, no));
    const cerrar = () => { void cargar(); };
    no.addEventListener("click", cerrar);
    caja.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); cerrar(); } });
    ok.addEventListener("click", async () => {
      try { await guardar(); await cargar(); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
    });
    celda.replaceChildren(caja);
    caja.querySelector<HTMLElement>("input, select")?.focus();
  }
  function editarAbogado(f: Abogado, celda: HTMLElement): void {
    const id = f.identificacion;
    formularioEnFila(celda, [
      campo(`ed-nombres-${id}`, "Nombres", { value: f.nombres, required: true }),
      campo(`ed-peso-${id}`, "Peso (1 = carga completa; cuenta desde el próximo sorteo)", { value: f.peso.toLocaleString("es-EC"), inputmode: "decimal" }),
      campo(`ed-registro-${id}`, "Matrícula profesional", { value: f.registro_profesional ?? "" }),
      campo(`ed-email-${id}`, "Correo", { value: f.email ?? "", type: "email" }),
      campo(`ed-telefono-${id}`, "Teléfono", { value: f.telefono ?? "" }),
    ], async () => {
      const leer = (k: string) => (document.getElementById(`ed-${k}-${id}`) as HTMLInputElement).value;
      const r = await api.abogadoEditar(id, { nombres: leer("nombres"), peso: leer("peso"), registro_profesional: leer("registro") || null, email: leer("email") || null, telefono: leer("telefono") || null });
      mensajes.replaceChildren(aviso(`${r.nombres}: datos guardados.`, "ok"));
    }, `editar-${id}`);
  }
  function darLicencia(f: Abogado, celda: HTMLElement): void {
    const id = f.identificacion;
    const motivo = h("select", { id: `lic-motivo-${id}` }, ...["vacaciones", "licencia médica", "licencia por maternidad o paternidad", "comisión de servicios", "otra licencia"]
      .map((m) => h("option", { value: m, selected: m === f.licencia_motivo }, m)));
    formularioEnFila(celda, [
      h("div", { class: "campo" }, h("label", { for: `lic-motivo-${id}` }, "Motivo"), motivo),
      campoFecha(`lic-desde-${id}`, "Desde", { required: true, value: f.licencia_desde ?? "" }),
      campoFecha(`lic-hasta-${id}`, "Hasta (inclusive)", { value: f.licencia_hasta ?? "" }),
      h("p", {}, "Mientras dure no recibe títulos en los sorteos; al terminar vuelve a recibirlos sin hacer nada."),
    ], async () => {
      const leer = (k: string) => (document.getElementById(`lic-${k}-${id}`) as HTMLInputElement).value;
      if (!leer("desde")) throw { code: "entrada_invalida", message: "indique desde qué día rige" };
      await api.abogadoEstado(id, "licencia", leer("desde"), leer("hasta") || null, motivo.value);
      const hasta = leer("hasta");
      mensajes.replaceChildren(aviso(`${f.nombres}: ${motivo.value} desde el ${fechaCorta(leer("desde"))}${hasta ? ` hasta el ${fechaCorta(hasta)}` : ""}, registrado.`, "ok"));
    }, `licencia-form-${id}`);
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
