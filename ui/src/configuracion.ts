// Configuración (jefe): the unit's settings and the holidays of the year.
import { api, type ErrorApp } from "./api";
import { aviso, campo, fechaCorta, h, nombreRol, selectorGenero, tabla, valor } from "./dom";

export async function pantallaConfiguracion(c: HTMLElement): Promise<void> {
  const mensajes = h("div", { id: "mensajes-configuracion", "aria-live": "polite" });
  const ajustes = await api.configuracionListar();
  const filas = ajustes.map((a) => {
    const entrada = h("input", { id: `ajuste-${a.clave}`, value: a.valor, "aria-label": a.clave });
    const guardar = h("button", { type: "button", onclick: async () => {
      try { await api.configuracionCambiar(a.clave, entrada.value); mensajes.replaceChildren(aviso(`Ajuste ${a.clave} guardado.`, "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
    } }, "Guardar");
    return [a.descripcion, entrada, guardar] as (string | Node)[];
  });
  const anio = new Date().getFullYear();
  const feriados = await api.feriados(anio);
  const usuarios = h("section", { id: "usuarios" });
  async function cargarUsuarios(): Promise<void> {
    const v = await api.usuariosListar();
    usuarios.replaceChildren(h("h2", {}, "Usuarios y roles"),
      tabla(["Usuario", "Nombres", "Rol", "Firma como", "Estado", "Clave"], v.map((u) => {
        const sel = selectorGenero(`genero-${u.usuario}`, "en masculino (Citador-Notificador)", "en femenino (Citadora-Notificadora)", u.genero, false);
        sel.setAttribute("aria-label", `Cargo con que firma ${u.nombres}`);
        sel.addEventListener("change", async () => {
          try { await api.registrarGenero("usuario", u.usuario, sel.value); mensajes.replaceChildren(aviso(`Cargo de ${u.nombres} guardado.`, "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
        });
        // The Jefe sets a new password for someone who forgot theirs (it also lifts a lock-out).
        const restablecer = h("button", { type: "button", id: `restablecer-${u.usuario}` }, "Nueva clave…");
        const celda = h("span", { class: "acciones" }, restablecer);
        restablecer.addEventListener("click", () => {
          const clave = h("input", { type: "password", id: `clave-${u.usuario}`, "aria-label": `Clave nueva de ${u.nombres}`, placeholder: "10 caracteres o más", autocomplete: "new-password" });
          const guardar = h("button", { type: "button", id: `guardar-clave-${u.usuario}` }, "Guardar");
          const cancelar = h("button", { type: "button" }, "Cancelar");
          const cerrar = () => { celda.replaceChildren(restablecer); restablecer.focus(); };
          cancelar.addEventListener("click", cerrar);
          clave.addEventListener("keydown", (e) => { if (e.key === "Escape") cerrar(); });
          guardar.addEventListener("click", async () => {
            try {
              await api.cambiarClave(null, clave.value, u.usuario);
              mensajes.replaceChildren(aviso(`Clave de ${u.nombres} cambiada${u.bloqueado_hasta ? " y su bloqueo levantado" : ""}: entréguesela en persona; podrá cambiarla con «Cambiar clave».`, "ok"));
              await cargarUsuarios();
            } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
          });
          celda.replaceChildren(clave, guardar, cancelar);
          clave.focus();
        });
        return [u.usuario, u.nombres, nombreRol[u.rol] ?? u.rol, sel, !u.activo ? "desactivado" : u.bloqueado_hasta ? "bloqueado" : "activo", celda];
      }), "Usuarios"));
  }
  const rol = h("select", { id: "us-rol" }, ...["secretario", "abogado", "citador", "consulta", "jefe"].map((r) => h("option", { value: r }, nombreRol[r])));
  // A Secretario-Abogado's user is linked to his abogado record (he acts only on his procesos).
  const abogados = await api.abogadosListar();
  const abogado = h("select", { id: "us-abogado" }, h("option", { value: "" }, "—"),
    ...abogados.map((a) => h("option", { value: a.identificacion }, `${a.nombres} (${a.identificacion})`)));
  const filaAbogado = h("div", { class: "campo", hidden: true }, h("label", { for: "us-abogado" }, "Abogado (solo para el rol abogado)"), abogado);
  rol.addEventListener("change", () => { filaAbogado.hidden = rol.value !== "abogado"; });
  const nuevo = h("form", { class: "tarjeta", "aria-labelledby": "t-nuevo-usuario" }, h("h3", { id: "t-nuevo-usuario" }, "Agregar un usuario"),
    campo("us-usuario", "Usuario", { required: true }), campo("us-nombres", "Nombres", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "us-rol" }, "Rol"), rol), filaAbogado,
    campo("us-clave", "Clave inicial (10 caracteres o más)", { type: "password", required: true }),
    h("button", { type: "submit" }, "Agregar"));
  nuevo.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.usuarioAgregar({ usuario: valor(nuevo, "us-usuario"), nombres: valor(nuevo, "us-nombres"), rol: rol.value, clave: valor(nuevo, "us-clave"),
        abogado: rol.value === "abogado" && abogado.value ? abogado.value : null });
      nuevo.reset();
      mensajes.replaceChildren(aviso("Usuario agregado.", "ok"));
      await cargarUsuarios();
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  await cargarUsuarios();
  const fer = h("form", { class: "tarjeta", "aria-labelledby": "t-feriado" }, h("h3", { id: "t-feriado" }, "Agregar o quitar un feriado"),
    campo("fer-fecha", "Fecha (dd/mm/aaaa)", { required: true }), campo("fer-nombre", "Nombre (provincial, decretado…)", {}),
    campo("fer-provincia", "Provincia (código, si es provincial)", {}),
    h("label", { class: "casilla" }, h("input", { type: "checkbox", id: "fer-quitar" }), " Quitar este día (un decreto lo trasladó)"),
    h("button", { type: "submit" }, "Guardar"));
  fer.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.feriadoAgregar(valor(fer, "fer-fecha"), valor(fer, "fer-nombre"), valor(fer, "fer-provincia") || null, (document.getElementById("fer-quitar") as HTMLInputElement).checked);
      await pantallaConfiguracion(c);
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  // The dated table of mora rates.
  const tasas = await api.tasasListar();
  const tasa = h("form", { class: "tarjeta", id: "form-tasa", "aria-labelledby": "t-tasa" }, h("h3", { id: "t-tasa" }, "Registrar una tasa de interés de mora"),
    h("p", {}, "La tasa anual rige desde la fecha indicada hasta la siguiente. Para corregir una, registre otra desde la misma fecha."),
    campo("tasa-desde", "Desde (dd/mm/aaaa)", { required: true }), campo("tasa-anual", "Tasa anual (%)", { required: true, inputmode: "decimal", placeholder: "9,53" }),
    h("button", { type: "submit" }, "Registrar"));
  tasa.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.tasaAgregar(valor(tasa, "tasa-desde"), valor(tasa, "tasa-anual"));
      await pantallaConfiguracion(c);
      document.getElementById("mensajes-configuracion")?.replaceChildren(aviso("Tasa registrada.", "ok"));
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const tablaTasas = tasas.length
    ? tabla(["Desde", "Tasa anual", "Registrada por", "Estado"], tasas.map((t) => [fechaCorta(t.desde), `${t.anual.replace(".", ",")} %`, t.registrada_por, t.reemplazada ? "corregida" : "vigente"]), "Tasas de interés de mora")
    : h("p", {}, "Aún no hay tasas registradas: sin ellas no se liquidan intereses de mora.");
  const plantillas = await api.plantillasListar();
  const selector = h("select", { id: "plantilla" }, ...plantillas.map((p) => h("option", { value: p.nombre }, `${p.nombre}${p.propia ? " (de la unidad)" : ""}`)));
  const editor = h("textarea", { id: "plantilla-texto", rows: "16", "aria-label": "Texto de la plantilla" });
  const mostrarPlantilla = () => { editor.value = plantillas.find((p) => p.nombre === selector.value)?.texto ?? ""; };
  selector.addEventListener("change", mostrarPlantilla);
  mostrarPlantilla();
  const guardarPlantilla = h("button", { type: "button", onclick: async () => {
    try { await api.plantillaGuardar(selector.value, editor.value); mensajes.replaceChildren(aviso(`Plantilla ${selector.value} guardada para la unidad.`, "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  } }, "Guardar la plantilla");
  const unidad = await api.resumen();
  const generoJefe = selectorGenero("genero-jefe", "Funcionario Ejecutor · Jefe de la Unidad", "Funcionaria Ejecutora · Jefa de la Unidad", unidad.unidad.jefe_genero, false);
  generoJefe.addEventListener("change", async () => {
    try { await api.registrarGenero("jefe", "", generoJefe.value); mensajes.replaceChildren(aviso("Cargo del jefe guardado: los documentos se firman así desde ahora.", "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const firmaJefe = h("div", { class: "tarjeta" }, h("h3", {}, `Firma de ${unidad.unidad.jefe_nombres}`),
    h("div", { class: "campo" }, h("label", { for: "genero-jefe" }, "Firma los documentos como"), generoJefe));
  c.replaceChildren(h("h1", {}, "Configuración"), mensajes, firmaJefe, usuarios, nuevo,
    tabla(["Ajuste", "Valor", ""], filas, "Ajustes de la unidad"),
    h("h2", {}, "Tasas de interés de mora"), tablaTasas, tasa,
    h("h2", {}, `Feriados ${anio}`), tabla(["Fecha", "Feriado"], feriados.map((f) => [fechaCorta(f.fecha), f.nombre]), "Feriados"), fer,
    h("h2", {}, "Plantillas de los documentos"),
    h("p", {}, "La redacción de cada documento; los campos disponibles están en assets/templates/CAMPOS.md. Se guarda una copia de la unidad."),
    h("div", { class: "campo" }, h("label", { for: "plantilla" }, "Documento"), selector), editor, guardarPlantilla);
}
