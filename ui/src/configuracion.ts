// Configuración (jefe): the unit's settings and the holidays of the year.
import { api, type ErrorApp, type Usuario } from "./api";
import { aviso, campo, campoFecha, confirmar, fechaCorta, h, nombreRol, PROVINCIAS, selectorGenero, selectorProvincia, tabla, valor } from "./dom";
import { vistaPrevia } from "./vista";

const ROLES = ["secretario", "abogado", "citador", "consulta", "jefe"];

/** Respaldos: one now (to the unit's folder, and to another if given), the list, and a
 *  restore confirmed first (focused on «Cancelar»); the current base stays aside. */
function respaldos(mensajes: HTMLElement): HTMLElement {
  const s = h("section", { id: "respaldos", "aria-labelledby": "t-respaldos" });
  const destino = h("input", { id: "respaldo-destino", placeholder: "Opcional: otra carpeta (un disco USB, la red)", autocomplete: "off" }) as HTMLInputElement;
  const confirmacion = h("div", { id: "confirmacion-respaldo" });
  const pintar = async () => {
    const v = await api.respaldosListar();
    const hacer = h("button", { type: "button", class: "primario", id: "hacer-respaldo" }, "Hacer un respaldo ahora") as HTMLButtonElement;
    hacer.onclick = async () => {
      hacer.disabled = true;
      mensajes.replaceChildren(aviso("Haciendo el respaldo y comprobándolo…", "ok"));
      try {
        const r = await api.respaldoCrear(destino.value.trim() || null);
        mensajes.replaceChildren(aviso(`Respaldo comprobado y guardado en ${r.map((x) => x.ruta).join(" y en ")}.`, "ok"));
        await pintar();
      } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); hacer.disabled = false; }
    };
    s.replaceChildren(h("h2", { id: "t-respaldos" }, "Respaldos de la base"),
      h("p", {}, "Cada día, al ingresar y al cerrar, la aplicación guarda un respaldo cifrado y comprobado en la carpeta de la unidad; se conservan el último de cada uno de los 7 días, 4 semanas y 12 meses anteriores. Guarde además una copia fuera de esta computadora."),
      h("div", { class: "fila" }, h("div", { class: "campo" }, h("label", { for: "respaldo-destino" }, "Copiar también a"), destino), hacer),
      confirmacion,
      v.length ? tabla(["Fecha", "Tamaño", "Archivo", ""], v.map((r, k) => {
        const restaurar = h("button", { type: "button", id: `restaurar-respaldo-${k}` }, "Restaurar…") as HTMLButtonElement;
        restaurar.onclick = async () => {
          if (!(await confirmar(confirmacion, "confirmar-restaurar-respaldo", `La base se reemplazará por el respaldo del ${r.fecha}; lo hecho después se pierde en este equipo (la base actual queda aparte). ¿Restaurarlo?`, "Sí, restaurar el respaldo"))) return;
          try {
            const x = await api.respaldoRestaurar(r.ruta);
            const avisos = [aviso(`Respaldo del ${r.fecha} restaurado. La base anterior quedó en ${x.anterior}.`, "ok")];
            if (x.al_dia) {
              avisos.push(aviso(x.al_dia.mensaje, x.al_dia.estado === "al_dia" || x.al_dia.estado === "recuperado" ? "ok" : undefined));
              for (const c of x.al_dia.cambios_perdidos) avisos.push(aviso(`Cambio que solo tenía el respaldo y no quedó (vuelva a registrarlo): ${c}`));
              for (const d of x.al_dia.documentos_faltantes) avisos.push(aviso(`Documento que falta (tráigalo de nuevo): ${d}`));
            }
            mensajes.replaceChildren(...avisos);
            await pintar();
          } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
        };
        return [r.fecha, `${(r.bytes / 1e6).toLocaleString("es-EC", { maximumFractionDigits: 1 })} MB`, r.ruta, restaurar];
      }), "Respaldos") : h("p", { id: "sin-respaldos" }, "Todavía no hay respaldos."));
  };
  void pintar().catch((e) => s.replaceChildren(aviso((e as ErrorApp).message)));
  return s;
}

export async function pantallaConfiguracion(c: HTMLElement, anioFeriados: number | null = null): Promise<void> {
  // Sticky: a message about a row far down the page is seen where the Jefe is.
  const mensajes = h("div", { id: "mensajes-configuracion", class: "mensajes-fijos", "aria-live": "polite" });
  const ajustes = await api.configuracionListar();
  const filas = ajustes.map((a) => {
    const entrada = h("input", { id: `ajuste-${a.clave}`, value: a.valor, "aria-label": a.clave });
    const guardar = h("button", { type: "button", onclick: async () => {
      try { await api.configuracionCambiar(a.clave, entrada.value); mensajes.replaceChildren(aviso(`Ajuste ${a.clave} guardado.`, "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
    } }, "Guardar");
    return [a.descripcion, entrada, guardar] as (string | Node)[];
  });
  const unidad = await api.resumen();
  const anio = anioFeriados ?? Number((await api.hoy()).slice(0, 4));
  const feriados = await api.feriados(anio);
  // A Secretario-Abogado's user is linked to his abogado record (he acts only on his procesos).
  const abogados = await api.abogadosListar();
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
        const editar = h("button", { type: "button", id: `editar-${u.usuario}` }, "Editar…");
        editar.addEventListener("click", () => editarUsuario(u, celda, restablecer));
        const activar = h("button", { type: "button", id: `${u.activo ? "desactivar" : "activar"}-${u.usuario}` }, u.activo ? "Desactivar…" : "Activar");
        activar.addEventListener("click", async () => {
          if (u.activo && !(await confirmar(celda, `confirmar-desactivar-${u.usuario}`,
            `${u.nombres} no podrá ingresar desde ahora (si está trabajando, su sesión termina en su próxima acción). Su historia se conserva y puede activarlo de nuevo. ¿Desactivarlo?`, "Sí, desactivar"))) {
            await cargarUsuarios();
            return;
          }
          try {
            await api.usuarioEditar(u.usuario, { nombres: u.nombres, rol: u.rol, activo: !u.activo, abogado: u.abogado });
            mensajes.replaceChildren(aviso(u.activo ? `${u.nombres} queda desactivado: ya no puede ingresar.` : `${u.nombres} puede ingresar de nuevo.`, "ok"));
          } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
          await cargarUsuarios();
        });
        celda.append(editar, activar);
        const vinculo = u.abogado ? abogados.find((a) => a.identificacion === u.abogado) : null;
        return [u.usuario, u.nombres, `${nombreRol[u.rol] ?? u.rol}${vinculo ? ` (${vinculo.nombres})` : ""}`, sel, !u.activo ? "desactivado" : u.bloqueado_hasta ? "bloqueado" : "activo", celda];
      }), "Usuarios"));
  }
  // Names, role and the abogado he is: one form in the row, «Cancelar» or Escape leave it.
  function editarUsuario(u: Usuario, celda: HTMLElement, volver: HTMLElement): void {
    const nombres = h("input", { id: `ed-nombres-${u.usuario}`, value: u.nombres, "aria-label": `Nombres de ${u.usuario}` });
    const rolSel = h("select", { id: `ed-rol-${u.usuario}`, "aria-label": `Rol de ${u.usuario}` },
      ...ROLES.map((r) => h("option", { value: r, selected: r === u.rol }, nombreRol[r])));
    const abo = h("select", { id: `ed-abogado-${u.usuario}`, "aria-label": `Abogado que es ${u.usuario}`, hidden: u.rol !== "abogado" }, h("option", { value: "" }, "— elija el abogado —"),
      ...abogados.map((a) => h("option", { value: a.identificacion, selected: a.identificacion === u.abogado }, `${a.nombres} (${a.identificacion})`)));
    rolSel.addEventListener("change", () => { abo.hidden = rolSel.value !== "abogado"; });
    const guardar = h("button", { type: "button", class: "primario", id: `ed-guardar-${u.usuario}` }, "Guardar");
    const cancelar = h("button", { type: "button" }, "Cancelar");
    const cerrar = () => { void cargarUsuarios().then(() => document.getElementById(`editar-${u.usuario}`)?.focus()); };
    cancelar.addEventListener("click", cerrar);
    celda.addEventListener("keydown", (e) => { if (e.key === "Escape") cerrar(); });
    guardar.addEventListener("click", async () => {
      try {
        const r = await api.usuarioEditar(u.usuario, { nombres: nombres.value, rol: rolSel.value, activo: u.activo, abogado: rolSel.value === "abogado" ? abo.value || null : null });
        mensajes.replaceChildren(aviso(`${r.nombres} queda con el rol ${nombreRol[r.rol] ?? r.rol}.`, "ok"));
        cerrar();
      } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
    });
    void volver;
    celda.replaceChildren(nombres, rolSel, abo, guardar, cancelar);
    nombres.focus();
  }
  const rol = h("select", { id: "us-rol" }, ...ROLES.map((r) => h("option", { value: r }, nombreRol[r])));
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
  const fer = h("form", { class: "tarjeta", id: "form-feriado", "aria-labelledby": "t-feriado" }, h("h3", { id: "t-feriado" }, "Agregar o quitar un feriado"),
    campoFecha("fer-fecha", "Fecha", { required: true }), campo("fer-nombre", "Nombre (provincial, decretado…)", {}),
    h("div", { class: "campo" }, h("label", { for: "fer-provincia" }, "Provincia (solo si es provincial)"), selectorProvincia("fer-provincia", null, "— feriado nacional —")),
    h("label", { class: "casilla" }, h("input", { type: "checkbox", id: "fer-quitar" }), " Quitar este día (un decreto lo trasladó)"),
    h("button", { type: "submit" }, "Guardar"));
  fer.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const fecha = valor(fer, "fer-fecha");
      await api.feriadoAgregar(fecha, valor(fer, "fer-nombre"), valor(fer, "fer-provincia") || null, (document.getElementById("fer-quitar") as HTMLInputElement).checked);
      await pantallaConfiguracion(c, Number(fecha.slice(0, 4)) || anio);
      document.getElementById("mensajes-configuracion")?.replaceChildren(aviso(`Feriados de ${fecha.slice(0, 4)} actualizados.`, "ok"));
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
  const mensajesPlantilla = h("div", { id: "mensajes-plantilla", "aria-live": "polite" });
  const guardarPlantilla = h("button", { type: "button", class: "primario", id: "guardar-plantilla", onclick: async () => {
    try {
      await api.plantillaGuardar(selector.value, editor.value);
      await pantallaConfiguracion(c, anio);
      document.getElementById("mensajes-plantilla")?.replaceChildren(aviso(`Plantilla ${selector.value} guardada para la unidad: los documentos se imprimen con ella desde ahora.`, "ok"));
    } catch (e) { mensajesPlantilla.replaceChildren(aviso((e as ErrorApp).message)); }
  } }, "Guardar la plantilla");
  const procesoMuestra = h("input", { id: "plantilla-proceso", placeholder: "el más reciente", "aria-label": "Proceso cuyos datos usa la vista previa" });
  const probar = h("button", { type: "button", id: "probar-plantilla", onclick: async () => {
    mensajesPlantilla.replaceChildren(h("p", {}, "Preparando la muestra…"));
    try {
      const [ruta, numero] = await api.plantillaProbar(selector.value, editor.value, procesoMuestra.value.trim() || null);
      mensajesPlantilla.replaceChildren(aviso(`Muestra sin valor legal con los datos del proceso ${numero}: nada se guardó ni se folió.`, "ok"));
      await vistaPrevia(ruta);
    } catch (e) { mensajesPlantilla.replaceChildren(aviso((e as ErrorApp).message)); }
  } }, "Vista previa con un proceso");
  const confirmacionPlantilla = h("div", {});
  const restaurar = h("button", { type: "button", id: "restaurar-plantilla", onclick: async () => {
    if (!(await confirmar(confirmacionPlantilla, "confirmar-restaurar", `La plantilla ${selector.value} vuelve a la original; la versión de la unidad queda en el registro de cambios. ¿Restaurarla?`, "Sí, restaurar la original"))) return;
    const nombre = selector.value;
    try {
      await api.plantillaRestaurar(nombre);
      await pantallaConfiguracion(c, anio);
      (document.getElementById("plantilla") as HTMLSelectElement | null)?.dispatchEvent(new Event("change"));
      document.getElementById("mensajes-plantilla")?.replaceChildren(aviso(`Plantilla ${nombre} restaurada a la original.`, "ok"));
    } catch (e) { mensajesPlantilla.replaceChildren(aviso((e as ErrorApp).message)); }
  } }, "Restaurar la original…");
  const actualizarRestaurar = () => { restaurar.hidden = !plantillas.find((p) => p.nombre === selector.value)?.propia; };
  selector.addEventListener("change", actualizarRestaurar);
  actualizarRestaurar();
  const generoJefe = selectorGenero("genero-jefe", "Funcionario Ejecutor · Jefe de la Unidad", "Funcionaria Ejecutora · Jefa de la Unidad", unidad.unidad.jefe_genero, false);
  generoJefe.addEventListener("change", async () => {
    try { await api.registrarGenero("jefe", "", generoJefe.value); mensajes.replaceChildren(aviso("Cargo del jefe guardado: los documentos se firman así desde ahora.", "ok")); } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const firmaJefe = h("div", { class: "tarjeta" }, h("h3", {}, `Firma de ${unidad.unidad.jefe_nombres}`),
    h("div", { class: "campo" }, h("label", { for: "genero-jefe" }, "Firma los documentos como"), generoJefe));
  // The unit's own data: province and office are in every proceso's number and do not change.
  const u = unidad.unidad;
  const nivel = h("select", { id: "un-nivel" }, h("option", { value: "unidad", selected: u.nivel === "unidad" }, "Unidad Provincial"),
    h("option", { value: "grupo", selected: u.nivel === "grupo" }, "Grupo de Trabajo"));
  const datosUnidad = h("form", { class: "tarjeta", id: "form-unidad", "aria-labelledby": "t-unidad" }, h("h3", { id: "t-unidad" }, "Datos de la unidad"),
    h("p", {}, `Código ${u.codigo} · provincia de ${u.provincia_nombre} · oficina ${u.oficina} (no cambian: están en el número de cada proceso).`),
    campo("un-nombre", "Nombre de la unidad", { required: true, value: u.nombre }),
    h("div", { class: "campo" }, h("label", { for: "un-nivel" }, "Nivel"), nivel),
    campo("un-ciudad", "Ciudad sede", { required: true, value: u.ciudad }),
    campo("un-jefe", "Jefe que firma (nombres y apellidos, como se imprimen)", { required: true, value: u.jefe_nombres }),
    h("button", { type: "submit", id: "guardar-unidad" }, "Guardar los datos"));
  datosUnidad.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.unidadEditar({ nombre: valor(datosUnidad, "un-nombre"), nivel: nivel.value, ciudad: valor(datosUnidad, "un-ciudad"), jefe_nombres: valor(datosUnidad, "un-jefe") });
      const juzgado = document.getElementById("juzgado");
      if (juzgado) juzgado.textContent = valor(datosUnidad, "un-nombre").trim();
      mensajes.replaceChildren(aviso("Datos de la unidad guardados: los documentos nuevos los llevan desde ahora.", "ok"));
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const nombreProvincia = (codigo: string | null) => codigo ? `provincial (${PROVINCIAS[Number(codigo) - 1] ?? codigo})` : "nacional";
  const cambiarAnio = (n: number) => h("button", { type: "button", id: n < anio ? "feriados-anterior" : "feriados-siguiente", onclick: () => pantallaConfiguracion(c, n) }, n < anio ? `← ${n}` : `${n} →`);
  const irAnio = h("input", { id: "feriados-anio", type: "number", min: "1900", max: "2200", value: String(anio), "aria-label": "Año de los feriados", style: "width: 6rem" });
  irAnio.addEventListener("change", () => { const n = Number(irAnio.value); if (n >= 1900 && n <= 2200) void pantallaConfiguracion(c, n); });
  c.replaceChildren(h("h1", {}, "Configuración"), mensajes, respaldos(mensajes), datosUnidad, firmaJefe, usuarios, nuevo,
    tabla(["Ajuste", "Valor", ""], filas, "Ajustes de la unidad"),
    h("h2", {}, "Tasas de interés de mora"), tablaTasas, tasa,
    h("h2", { id: "t-feriados" }, `Feriados ${anio}`),
    h("div", { class: "fila" }, cambiarAnio(anio - 1), h("label", { for: "feriados-anio" }, "Año"), irAnio, cambiarAnio(anio + 1)),
    tabla(["Fecha", "Feriado", "Alcance"], feriados.map((f) => [fechaCorta(f.fecha), f.nombre, nombreProvincia(f.provincia ?? null)]), `Feriados de ${anio}`), fer,
    h("h2", {}, "Plantillas de los documentos"),
    h("p", {}, "La redacción de cada documento; los campos disponibles están en assets/templates/CAMPOS.md. Se guarda una copia de la unidad."),
    h("div", { class: "campo" }, h("label", { for: "plantilla" }, "Documento"), selector), editor,
    h("div", { class: "fila" }, guardarPlantilla, probar, h("label", { for: "plantilla-proceso" }, "con los datos del proceso"), procesoMuestra, restaurar),
    confirmacionPlantilla, mensajesPlantilla);
}
