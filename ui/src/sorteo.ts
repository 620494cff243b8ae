// The Sorteo screen (jefe only): who is eligible and their loads, run the draw, see the
// result, save the acta, verify past sorteos, and resorteo with a reason.
import { api, type ErrorApp, type SorteoHecho } from "./api";
import { aviso, campo, cuantos, h, valor } from "./dom";

function tabla(encabezado: string[], filas: (string | Node)[][], etiqueta: string): HTMLTableElement {
  return h("table", { "aria-label": etiqueta },
    h("thead", {}, h("tr", {}, ...encabezado.map((e) => h("th", { scope: "col" }, e)))),
    h("tbody", {}, ...filas.map((f) => h("tr", {}, ...f.map((c) => h("td", {}, c))))));
}

function fecha(iso: string): string {
  const [d, t] = iso.split("T");
  const [a, m, dia] = d.split("-");
  return `${dia}/${m}/${a} ${t?.slice(0, 5) ?? ""}`;
}

export async function pantallaSorteo(contenedor: HTMLElement): Promise<void> {
  const mensajes = h("div", { id: "mensajes-sorteo", "aria-live": "polite" });
  const resultado = h("section", { id: "resultado-sorteo" });
  const historial = h("section", { id: "historial-sorteos" });
  const elegibles = h("section", { id: "elegibles" });
  const boton = h("button", { type: "button", class: "primario", id: "ejecutar-sorteo" }, "Ejecutar sorteo");

  const mostrarError = (e: unknown) => mensajes.replaceChildren(aviso((e as ErrorApp).message));
  // The secretary who certifies the actas (the unit's secretarios).
  const secretarios = (await api.usuariosListar()).filter((u) => u.rol === "secretario" && u.activo);
  const certifica = h("select", { id: "certifica-acta" }, ...secretarios.map((u) => h("option", { value: u.usuario }, u.nombres)));
  const filaCertifica = secretarios.length > 0
    ? h("div", { class: "campo" }, h("label", { for: "certifica-acta" }, "Certifica las actas"), certifica)
    : h("p", { class: "aviso" }, "Para guardar un acta hace falta un secretario que la certifique: agréguelo en Configuración.");

  async function cargar(): Promise<void> {
    const [abogados, sorteos] = await Promise.all([api.sorteoElegibles(), api.sorteoListar()]);
    elegibles.replaceChildren(
      h("h2", {}, "Secretarios-Abogados y su carga en el año"),
      tabla(["Identificación", "Nombres", "Peso", "Carga", "Elegible hoy"],
        abogados.map((a) => [a.identificacion, a.nombres, a.peso.toLocaleString("es-EC"), String(a.carga), a.elegible ? "Sí" : `No: ${a.motivo}`]),
        "Abogados elegibles"));
    historial.replaceChildren(
      h("h2", {}, "Sorteos hechos"),
      sorteos.length === 0 ? h("p", {}, "Aún no se ha hecho ningún sorteo.") :
        tabla(["N.º", "Tipo", "Fecha", "Usuario", "Asignados", "Acciones"],
          sorteos.slice().reverse().map((s) => [String(s.numero), s.tipo, fecha(s.fecha), s.usuario, String(s.asignados),
            h("span", { class: "acciones" },
              h("button", { type: "button", onclick: () => acta(s.numero) }, "Guardar acta"),
              h("button", { type: "button", id: `abrir-procesos-${s.numero}`, onclick: () => abrirProcesos(s.numero) }, "Abrir sus procesos"),
              h("button", { type: "button", onclick: () => verificar(s.numero) }, "Verificar"))]),
          "Sorteos hechos"));
  }

  async function acta(numero: number): Promise<void> {
    try {
      const ruta = await api.sorteoActa(numero, certifica.value || null);
      mensajes.replaceChildren(aviso(`Acta del sorteo ${numero} guardada en ${ruta}`, "ok"));
    } catch (e) { mostrarError(e); }
  }

  async function abrirProcesos(numero: number): Promise<void> {
    mensajes.replaceChildren(h("p", { role: "status" }, `Abriendo los procesos del sorteo ${numero}…`));
    try {
      const a = await api.procesosAbrirSorteo(numero);
      mensajes.replaceChildren(aviso(`Sorteo N.º ${numero}: ${cuantos(a.abiertos.length, "proceso abierto", "procesos abiertos")}${a.ya_abiertos ? `; ${cuantos(a.ya_abiertos, "título ya tenía", "títulos ya tenían")} su proceso` : ""}.`, "ok"),
        a.fallidos.length ? tabla(["Título", "Motivo"], a.fallidos.map((f) => [f.proceso, f.mensaje]), "Títulos no abiertos") : "");
    } catch (e) { mostrarError(e); }
  }

  async function verificar(numero: number): Promise<void> {
    try {
      const h_ = await api.sorteoVerificar(numero);
      mensajes.replaceChildren(h_.length === 0
        ? aviso(`El sorteo ${numero} es íntegro: repetido desde su registro da el mismo resultado y su huella coincide.`, "ok")
        : aviso(`¡Atención! ${h_.map((x) => x.mensaje).join("; ")}`));
    } catch (e) { mostrarError(e); }
  }

  function mostrar(r: SorteoHecho, que: string): void {
    resultado.replaceChildren(
      h("h2", {}, `${que} N.º ${r.numero}: ${cuantos(r.asignaciones.length, "título asignado", "títulos asignados")}`),
      h("p", { class: "mono" }, `Semilla ${r.semilla}`), h("p", { class: "mono" }, `Huella ${r.digest}`),
      h("div", {}, r.sin_asignar.length ? aviso(`Quedan por sortear: ${r.sin_asignar.map((s) => `${s.titulo} (${s.motivo})`).join("; ")}`) : null),
      tabla(["Título", "Obligado", "Monto", "Secretario-Abogado"], r.asignaciones.map((a) => [a.titulo, a.obligado, `USD ${a.total}`, a.abogado]), "Resultado del sorteo"),
      h("div", { class: "fila" }, h("button", { type: "button", onclick: () => acta(r.numero) }, "Guardar el acta en PDF"),
        h("button", { type: "button", id: "abrir-procesos-resultado", onclick: () => abrirProcesos(r.numero) }, "Abrir los procesos de este sorteo")));
  }

  // The draw is final: ask in the page itself (keyboard-reachable, no native dialog).
  // «Cancelar» is the default (focused, first) and Escape cancels: the draw cannot be undone.
  const cancelarSorteo = () => { confirmar.hidden = true; boton.focus(); };
  const confirmar = h("div", { class: "tarjeta confirmar", id: "confirmar-sorteo", hidden: true, role: "alertdialog", "aria-labelledby": "t-confirmar" },
    h("p", { id: "t-confirmar" }, "El sorteo es definitivo: no se puede repetir ni editar. ¿Ejecutar el sorteo ahora?"),
    h("div", { class: "fila" },
      h("button", { type: "button", class: "primario", id: "confirmar-no", onclick: cancelarSorteo }, "Cancelar"),
      h("button", { type: "button", id: "confirmar-si", onclick: () => { confirmar.hidden = true; void sortear(); } }, "Sí, sortear ahora")));
  confirmar.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); cancelarSorteo(); } });
  boton.addEventListener("click", () => {
    confirmar.hidden = false;
    confirmar.querySelector<HTMLButtonElement>("#confirmar-no")?.focus();
  });

  async function sortear(): Promise<void> {
    boton.disabled = true;
    mensajes.replaceChildren(h("p", { role: "status" }, "Sorteando…"));
    try {
      const r = await api.sorteoEjecutar();
      mensajes.replaceChildren(aviso(`Sorteo N.º ${r.numero} hecho.`, "ok"));
      mostrar(r, "Sorteo");
      await cargar();
    } catch (e) { mostrarError(e); } finally { boton.disabled = false; }
  }

  const resorteo = h("form", { class: "tarjeta", "aria-labelledby": "t-resorteo" },
    h("h2", { id: "t-resorteo" }, "Resorteo de títulos ya sorteados"),
    campo("resorteo-titulos", "Números de título (separados por comas)", { required: true }),
    campo("resorteo-motivo", "Motivo", { required: true }),
    h("button", { type: "submit" }, "Resortear"));
  const confirmarResorteo = h("div", { class: "confirmar", id: "confirmar-resorteo", role: "alertdialog", "aria-labelledby": "t-confirmar-resorteo", hidden: true });
  resorteo.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const titulos = valor(resorteo, "resorteo-titulos").split(/[,;\s]+/).filter(Boolean);
    const no = h("button", { type: "button", class: "primario", id: "resorteo-no" }, "Cancelar");
    const si = h("button", { type: "button", id: "resorteo-si" }, "Sí, resortear");
    const cerrar = () => { confirmarResorteo.hidden = true; confirmarResorteo.replaceChildren(); };
    no.addEventListener("click", cerrar);
    si.addEventListener("click", () => { cerrar(); void resortear(titulos); });
    confirmarResorteo.onkeydown = (e) => { if (e.key === "Escape") { e.preventDefault(); cerrar(); } };
    confirmarResorteo.replaceChildren(
      h("p", { id: "t-confirmar-resorteo" }, `El resorteo es definitivo: ${titulos.length === 1 ? "el título" : `los ${titulos.length} títulos`} ${titulos.join(", ")} ${titulos.length === 1 ? "pasa" : "pasan"} al abogado que salga sorteado, y el motivo queda registrado. ¿Resortear ahora?`),
      h("div", { class: "fila" }, no, si));
    confirmarResorteo.hidden = false;
    no.focus();
  });
  async function resortear(titulos: string[]): Promise<void> {
    try {
      const r = await api.sorteoResortear(titulos, valor(resorteo, "resorteo-motivo"));
      mensajes.replaceChildren(aviso(`Resorteo N.º ${r.numero} hecho.`, "ok"));
      mostrar(r, "Resorteo");
      resorteo.reset();
      await cargar();
    } catch (e) { mostrarError(e); }
  }

  contenedor.replaceChildren(
    h("h1", {}, "Sorteo"),
    h("p", {}, "Sortea todos los títulos por sortear entre los abogados activos hoy, con una semilla aleatoria del sistema. Cada sorteo queda registrado, encadenado y verificable."),
    filaCertifica,
    h("div", { class: "fila" }, boton, h("button", { type: "button", onclick: async () => {
      try {
        const r = await api.sorteoVerificar(null);
        mensajes.replaceChildren(r.length === 0 ? aviso("Todos los sorteos son íntegros.", "ok") : aviso(`¡Atención! ${r.map((x) => `sorteo ${x.sorteo}: ${x.mensaje}`).join("; ")}`));
      } catch (e) { mostrarError(e); }
    } }, "Verificar todos")),
    confirmar, mensajes, resultado, elegibles, historial, resorteo, confirmarResorteo);
  await cargar();
}
