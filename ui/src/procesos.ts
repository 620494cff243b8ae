// Procesos: search as you type, a virtualized list that stays smooth with 200 000 procesos,
// and the expediente view with the actions its stage allows.
import { api, type ErrorApp, type Filtro, type Proceso } from "./api";
import { panelLote } from "./lote";
import { aviso, campo, cuantos, fechaCorta, h, leerArchivo, tabla, usd, valor } from "./dom";
import { seccionesRemate } from "./remates";
import { clases } from "./inventario";

const ALTO_FILA = 34;
const PAGINA = 200;

/** Stage names in words, from the core (filled once). */
const nombresEtapa = new Map<string, string>();
export const nombreEtapa = (codigo: string) => nombresEtapa.get(codigo) ?? codigo.replace(/_/g, " ");
const conMayuscula = (t: string) => t.charAt(0).toLocaleUpperCase("es-EC") + t.slice(1);

function fila(p: Proceso, abrir: (n: string) => void): HTMLElement {
  return h("div", { class: "fila-proceso", role: "row", tabindex: "0", "data-numero": p.numero,
    onclick: () => abrir(p.numero), onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Enter") abrir(p.numero); } },
    h("span", { role: "cell" }, p.numero), h("span", { role: "cell", title: p.titulo }, p.titulo), h("span", { role: "cell", title: p.obligado }, p.obligado),
    h("span", { role: "cell" }, p.identificacion), h("span", { role: "cell", class: "num" }, `USD ${p.total}`), h("span", { role: "cell" }, conMayuscula(nombreEtapa(p.etapa))),
    h("span", { role: "cell", title: p.abogado_nombres }, p.abogado_nombres || p.abogado));
}

const COLUMNAS: [string, string, string][] = [
  ["numero", "Proceso", ""], ["titulo", "Título", ""], ["obligado", "Obligado", ""], ["identificacion", "Identificación", ""],
  ["total", "Total", "num"], ["etapa", "Etapa", ""], ["abogado", "Abogado", ""],
];

export async function pantallaProcesos(c: HTMLElement, etapa: string | null = null, abrirNumero: string | null = null, buscarTexto: string | null = null, abogado: string | null = null, antiguedad: string | null = null): Promise<void> {
  if (nombresEtapa.size === 0) for (const [k, v] of await api.etapas()) nombresEtapa.set(k, v);
  const abogados = await api.abogadosListar().catch(() => []);
  const mensajes = h("div", { id: "mensajes-procesos", "aria-live": "polite" });
  const buscar = h("input", { id: "buscar-procesos", type: "search", placeholder: "Número de proceso o título, obligado, cédula/RUC o abogado", autocomplete: "off", autofocus: true });
  const selEtapa = h("select", { id: "filtro-etapa" }, h("option", { value: "" }, "Todas"),
    ...[...nombresEtapa].map(([k, v]) => h("option", { value: k, selected: k === etapa }, conMayuscula(v))));
  const selAbogado = h("select", { id: "filtro-abogado" }, h("option", { value: "" }, "Todos"),
    ...abogados.map((a) => h("option", { value: a.identificacion, selected: a.identificacion === abogado }, a.nombres)));
  // The inventory's age bands: procesos in force whose título became exigible so long ago.
  const selEdad = h("select", { id: "filtro-antiguedad" }, h("option", { value: "" }, "Cualquiera"),
    ...[["0-90", "de 0 a 90 días"], ["91-180", "de 91 a 180 días"], ["181-360", "de 181 a 360 días"], ["360+", "más de 360 días"]]
      .map(([k, v]) => h("option", { value: k, selected: k === antiguedad }, `En trámite, ${v}`)));
  const entrada = (id: string, etiqueta: string, ph: string) => h("div", { class: "campo" }, h("label", { for: id }, etiqueta), h("input", { id, placeholder: ph, autocomplete: "off" }));
  const filtros = h("form", { class: "filtros", id: "filtros-procesos", "aria-label": "Búsqueda y filtros de la lista" },
    h("div", { class: "campo buscar" }, h("label", { for: "buscar-procesos" }, "Buscar"), buscar),
    h("div", { class: "campo" }, h("label", { for: "filtro-etapa" }, "Etapa"), selEtapa),
    h("div", { class: "campo" }, h("label", { for: "filtro-abogado" }, "Abogado"), selAbogado),
    h("div", { class: "campo" }, h("label", { for: "filtro-antiguedad" }, "Antigüedad desde la exigibilidad"), selEdad),
    entrada("filtro-minimo", "Total desde (USD)", "0,00"), entrada("filtro-maximo", "Total hasta (USD)", ""),
    entrada("filtro-desde", "Abierto desde", "dd/mm/aaaa"), entrada("filtro-hasta", "Abierto hasta", "dd/mm/aaaa"),
    h("button", { type: "reset", id: "limpiar-filtros" }, "Quitar filtros"));
  const ventana = h("div", { class: "lista-virtual", id: "lista-procesos", role: "table", "aria-label": "Procesos", tabindex: "0" });
  const relleno = h("div", { class: "relleno" });
  ventana.append(relleno);
  const contador = h("p", { id: "contador-procesos", role: "status" });
  const detalle = h("section", { id: "expediente" });
  let cache = new Map<number, Proceso>();
  let total = 0;
  let orden = "numero";
  let descendente = false;
  let version = 0;

  const abrir = (n: string) => void verExpediente(detalle, n, mensajes);
  const texto = (id: string) => (filtros.querySelector<HTMLInputElement>(`#${id}`)?.value.trim() || null);
  const filtro = (): Filtro => ({
    texto: buscar.value.trim() || null, etapa: selEtapa.value || null, abogado: selAbogado.value || null, antiguedad: selEdad.value || null,
    minimo: texto("filtro-minimo"), maximo: texto("filtro-maximo"), desde: texto("filtro-desde"), hasta: texto("filtro-hasta"),
    orden, descendente,
  });
  const hayFiltro = () => { const f = filtro(); return Boolean(f.texto || f.etapa || f.abogado || f.antiguedad || f.minimo || f.maximo || f.desde || f.hasta); };

  async function pagina(desde: number, v: number): Promise<void> {
    const r = await api.procesosPagina(desde, PAGINA, filtro());
    if (v !== version) return;
    total = r.total;
    r.procesos.forEach((p, i) => cache.set(desde + i, p));
  }

  async function pintar(): Promise<void> {
    const v = version;
    const primero = Math.floor(ventana.scrollTop / ALTO_FILA);
    const visibles = Math.ceil(ventana.clientHeight / ALTO_FILA) + 2;
    const falta = [...Array(visibles).keys()].map((k) => primero + k).find((k) => k < total && !cache.has(k));
    if (falta !== undefined) await pagina(Math.floor(falta / PAGINA) * PAGINA, v);
    if (v !== version) return;
    relleno.style.height = `${total * ALTO_FILA}px`;
    const filas: HTMLElement[] = [];
    for (let k = primero; k < Math.min(total, primero + visibles); k++) {
      const p = cache.get(k);
      if (!p) continue;
      const f = fila(p, abrir);
      f.style.top = `${k * ALTO_FILA}px`;
      filas.push(f);
    }
    relleno.replaceChildren(...filas);
    contador.textContent = hayFiltro()
      ? (total === 0 ? "Ningún proceso coincide con la búsqueda y los filtros." : `${cuantos(total, "proceso coincide", "procesos coinciden")} con la búsqueda y los filtros.`)
      : `${cuantos(total, "proceso", "procesos")} en total.`;
  }

  async function recargar(): Promise<void> {
    version++;
    cache = new Map();
    const v = version;
    try {
      await pagina(0, v);
      mensajes.replaceChildren();
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); total = 0; cache = new Map(); }
    ventana.scrollTop = 0;
    await pintar();
  }

  let reloj: number | undefined;
  const alCambiar = () => { clearTimeout(reloj); reloj = window.setTimeout(() => void recargar(), 120); };
  buscar.addEventListener("input", alCambiar);
  filtros.addEventListener("input", alCambiar);
  filtros.addEventListener("change", alCambiar);
  filtros.addEventListener("reset", () => window.setTimeout(() => void recargar(), 0));
  filtros.addEventListener("submit", (e) => e.preventDefault());
  ventana.addEventListener("scroll", () => void pintar());

  const cabecera = h("div", { class: "cabecera-lista", role: "row" }, ...COLUMNAS.map(([k, t, clase]) => {
    const b = h("button", { type: "button", class: clase, "data-orden": k, "aria-sort": k === orden ? "ascending" : "none" }, t);
    b.addEventListener("click", () => {
      descendente = orden === k ? !descendente : false;
      orden = k;
      for (const x of Array.from(cabecera.querySelectorAll("button"))) x.setAttribute("aria-sort", x.dataset.orden === orden ? (descendente ? "descending" : "ascending") : "none");
      void recargar();
    });
    return h("span", { role: "columnheader" }, b);
  }));

  const abrirForm = h("form", { class: "fila", id: "form-abrir" },
    h("label", { for: "abrir-titulo" }, "Abrir el proceso del título"),
    h("input", { id: "abrir-titulo", name: "abrir-titulo", required: true, placeholder: "TC-2026-0000001" }),
    h("button", { type: "submit" }, "Abrir proceso"));
  abrirForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const p = await api.procesoAbrir(valor(abrirForm, "abrir-titulo"));
      mensajes.replaceChildren(aviso(`Proceso ${p.numero} abierto.`, "ok"));
      await recargar();
      abrir(p.numero);
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });

  const lote = await panelLote({ deLaLista: () => (hayFiltro() ? filtro() : null), cambio: recargar });

  c.replaceChildren(h("h1", {}, "Procesos"), abrirForm, lote, filtros, mensajes, contador, cabecera, ventana, detalle);
  await recargar();
  if (abrirNumero) abrir(abrirNumero);
  if (buscarTexto) {
    buscar.value = buscarTexto;
    await recargar();
  }
}

async function verExpediente(c: HTMLElement, numero: string, mensajes: HTMLElement): Promise<void> {
  const recargar = () => verExpediente(c, numero, mensajes);
  const falla = (e: unknown) => mensajes.replaceChildren(aviso((e as ErrorApp).message));
  let x;
  try { x = await api.procesoVer(numero); } catch (e) { falla(e); return; }
  const d = x.detalle;
  const resultado = h("div", { id: "resultado-accion", "aria-live": "polite" });

  // Print a document: the preview comes first; foliating it is a separate, confirmed step in
  // the preview (fojas are permanent), warned when the expediente already has it.
  const doc = h("select", { id: "documento", name: "documento" }, ...x.documentos.map(([k, t]) => h("option", { value: k }, t)));
  const texto = h("textarea", { id: "texto-documento", name: "texto-documento", rows: "3", placeholder: "Texto de la providencia o razón" });
  const imprimir = h("form", { class: "tarjeta", "aria-labelledby": "t-imprimir" }, h("h3", { id: "t-imprimir" }, "Imprimir un documento"),
    h("div", { class: "campo" }, h("label", { for: "documento" }, "Documento"), doc),
    h("div", { class: "campo" }, h("label", { for: "texto-documento" }, "Texto (providencia, razón, acta de embargo)"), texto),
    h("p", { class: "nota" }, "Primero se ve el documento; desde la vista previa se imprime y, si corresponde, se folia en el expediente."),
    h("button", { type: "submit", id: "imprimir-documento" }, "Vista previa"));
  imprimir.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const documento = doc.value;
    const t = texto.value.trim() || null;
    try {
      const r = await api.documentoImprimir(documento, numero, false, t);
      const foliable = documento !== "expediente" && document.body.dataset.rol !== "consulta";
      const anterior = foliable ? await api.documentoYaFoliado(documento, numero, t) : null;
      const { vistaPrevia } = await import("./vista");
      await vistaPrevia(r.ruta, foliable ? {
        advertencia: anterior ? `Este expediente ya tiene «${anterior.descripcion}» en las fojas ${anterior.desde} a ${anterior.hasta}, foliado el ${fechaCorta(anterior.fecha)}: foliarlo otra vez agrega otra copia con fojas nuevas.` : null,
        foliar: () => api.documentoImprimir(documento, numero, true, t, anterior !== null),
        hecho: async (f) => {
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Documento foliado en el expediente: fojas ${f.desde} a ${f.hasta}. Guardado en ${f.ruta}`, "ok"));
        },
      } : null);
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });

  // Add a scanned PDF.
  const pdf = h("input", { type: "file", id: "archivo-pdf", accept: "application/pdf,.pdf" });
  const tipo = h("select", { id: "tipo-actuacion" }, ...["escrito", "providencia", "razon", "oficio", "acta", "evidencia", "otro"].map((t) => h("option", { value: t }, t)));
  const agregar = h("form", { class: "tarjeta", "aria-labelledby": "t-agregar" }, h("h3", { id: "t-agregar" }, "Agregar un documento escaneado"),
    h("div", { class: "campo" }, h("label", { for: "archivo-pdf" }, "PDF"), pdf),
    h("div", { class: "campo" }, h("label", { for: "tipo-actuacion" }, "Tipo"), tipo),
    campo("descripcion-actuacion", "Descripción", {}),
    h("button", { type: "submit" }, "Foliar"));
  agregar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = await leerArchivo(pdf);
    if (!f) { resultado.replaceChildren(aviso("Elija el PDF.")); return; }
    try {
      const a = await api.procesoAgregar(numero, tipo.value, valor(agregar, "descripcion-actuacion"), f.bytes);
      await recargar();
      document.getElementById("resultado-accion")?.replaceChildren(aviso(`Foliado: fojas ${a.desde} a ${a.hasta}.`, "ok"));
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });

  // Change stage: only where the procedure allows.
  const etapa = h("select", { id: "nueva-etapa" }, ...d.siguientes.map((e) => h("option", { value: e }, conMayuscula(nombreEtapa(e)))));
  const cambiar = h("form", { class: "tarjeta", "aria-labelledby": "t-etapa" }, h("h3", { id: "t-etapa" }, "Cambiar de etapa"),
    h("div", { class: "campo" }, h("label", { for: "nueva-etapa" }, "Pasar a"), etapa),
    campo("motivo-etapa", "Motivo (obligatorio para suspender o anular)", {}),
    h("button", { type: "submit", disabled: d.siguientes.length === 0 }, "Cambiar"));
  cambiar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api.procesoEtapa(numero, etapa.value, valor(cambiar, "motivo-etapa") || null); await recargar(); } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });

  // Citación: the parties' state, the diligencias in order, the citador, and the form of a
  // diligencia as the citador reports it (date and hour, who received it, GPS, photographs).
  const nombreTipo: Record<string, string> = { personal: "Personal", boleta1: "Primera boleta", boleta2: "Segunda boleta", prensa: "Prensa", electronica: "Electrónica" };
  const nombreResultado: Record<string, string> = { citado: "Citado", no_encontrado: "No encontrado", negativa: "Se negó a recibir" };
  const resultadoDe = (c: { tipo: string; resultado: string }) => (c.tipo.startsWith("boleta") && c.resultado === "citado" ? "Boleta dejada" : nombreResultado[c.resultado] ?? c.resultado);
  const parte = h("select", { id: "parte-citada" }, ...d.partes.map((p) => h("option", { value: p.identificacion }, `${p.nombres} (${p.rol})`)));
  const tipoCit = h("select", { id: "tipo-citacion" }, ...Object.entries(nombreTipo).map(([v, t]) => h("option", { value: v }, t)));
  const resultadoCit = h("select", { id: "resultado-citacion" }, ...Object.entries(nombreResultado).map(([v, t]) => h("option", { value: v }, t)));
  const relacion = h("select", { id: "relacion-citacion" }, h("option", { value: "" }, "—"),
    ...[["parte", "La misma parte"], ["familiar", "Familiar"], ["empleado", "Empleado o dependiente"], ["otro", "Otra persona"]].map(([v, t]) => h("option", { value: v }, t)));
  const citadorSel = h("select", { id: "citador-citacion" }, h("option", { value: "" }, d.citador ? `El asignado (${d.citador})` : "Quien registra"));
  const fotos = h("input", { type: "file", id: "fotos-citacion", accept: "image/jpeg,image/png,application/pdf", multiple: true }) as HTMLInputElement;
  const citar = h("form", { class: "tarjeta", id: "form-citacion", "aria-labelledby": "t-citar" }, h("h3", { id: "t-citar" }, "Registrar una diligencia de citación"),
    h("div", { class: "campo" }, h("label", { for: "parte-citada" }, "Parte"), parte),
    h("div", { class: "campo" }, h("label", { for: "tipo-citacion" }, "Forma"), tipoCit),
    h("div", { class: "campo" }, h("label", { for: "resultado-citacion" }, "Resultado"), resultadoCit),
    campo("fecha-citacion", "Fecha (dd/mm/aaaa; hoy si se deja en blanco)", {}),
    campo("hora-citacion", "Hora (15:40)", { required: true, placeholder: "15:40" }),
    campo("direccion-citacion", "Dirección donde se practicó (la de la parte si se deja en blanco)", {}),
    campo("receptor-citacion", "Quién recibió (nombres)", {}),
    campo("cedula-receptor", "Cédula de quien recibió", { inputmode: "numeric" }),
    h("div", { class: "campo" }, h("label", { for: "relacion-citacion" }, "Relación con la parte"), relacion),
    campo("latitud-citacion", "Latitud (GPS)", { placeholder: "-2,170998" }),
    campo("longitud-citacion", "Longitud (GPS)", { placeholder: "-79,922359" }),
    h("div", { class: "campo" }, h("label", { for: "citador-citacion" }, "Citador que la practicó"), citadorSel),
    campo("detalle-citacion", "Detalle (lo que el citador observó)", {}),
    h("div", { class: "campo" }, h("label", { for: "fotos-citacion" }, "Fotografías (se folian con la diligencia)"), fotos),
    h("button", { type: "submit", id: "registrar-citacion" }, "Registrar la diligencia"));
  citar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const v = (id: string) => { const t = valor(citar, id).trim(); return t === "" ? null : t; };
    try {
      const bytes: Uint8Array[] = [];
      for (const f of Array.from(fotos.files ?? [])) bytes.push(new Uint8Array(await f.arrayBuffer()));
      const c = await api.procesoCitar(numero, {
        parte: parte.value, tipo: tipoCit.value, resultado: resultadoCit.value, fecha: v("fecha-citacion"), hora: v("hora-citacion"),
        direccion: v("direccion-citacion"), receptor: v("receptor-citacion"), receptor_identificacion: v("cedula-receptor"),
        relacion: relacion.value || null, latitud: v("latitud-citacion"), longitud: v("longitud-citacion"),
        citador: citadorSel.value || null, detalle: v("detalle-citacion"),
      }, bytes);
      await recargar();
      document.getElementById("resultado-accion")?.replaceChildren(aviso(
        `Diligencia registrada: ${nombreTipo[c.tipo] ?? c.tipo} a ${c.parte} el ${fechaCorta(c.fecha)} a las ${c.hora ?? ""} (${resultadoDe(c).toLowerCase()}), por ${c.citador_nombres}.${c.fotos.length ? ` ${cuantos(c.fotos.length, "fotografía foliada", "fotografías foliadas")}.` : ""}`, "ok"));
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const asignar = h("form", { class: "fila-form", id: "form-citador" },
    h("label", { for: "citador-asignar" }, "Citador del proceso"),
    h("select", { id: "citador-asignar" }, h("option", { value: "" }, "Por turno (el de menos pendientes)")),
    h("button", { type: "submit", id: "asignar-citador" }, "Asignar"));
  asignar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const a = await api.citadorAsignar(numero, (document.getElementById("citador-asignar") as HTMLSelectElement).value || null);
      await recargar();
      document.getElementById("resultado-accion")?.replaceChildren(aviso(`El proceso queda a cargo de ${a.nombres}${a.por_turno ? ", por turno" : ""}.`, "ok"));
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  if (x.puede_citar || document.body.dataset.rol === "jefe") {
    api.citadoresCarga().then((cs) => {
      for (const c of cs) {
        citadorSel.append(h("option", { value: c.usuario }, c.nombres));
        document.getElementById("citador-asignar")?.append(h("option", { value: c.usuario }, `${c.nombres} (${c.pendientes} por citar)`));
      }
    }).catch(() => { /* the list is a convenience: the form still works without it */ });
  }
  const citacion = h("section", { id: "seccion-citacion", "aria-labelledby": "t-citacion" },
    h("h3", { id: "t-citacion" }, "Citación"),
    h("p", { id: "citador-actual" }, d.citador ? `Citador: ${d.citador}` : "Sin citador asignado."),
    document.body.dataset.rol === "jefe" ? asignar : h("span", {}),
    tabla(["Parte", "Rol", "Estado"], d.partes.map((p) => [p.nombres, p.rol, p.citada_desde ? `citada desde el ${fechaCorta(p.citada_desde)}` : "sin citar"]), "Partes y su citación"),
    d.citaciones.length
      ? tabla(["Fecha", "Hora", "Parte", "Forma", "Resultado", "Recibió", "Citador"], d.citaciones.map((c) => [
          fechaCorta(c.fecha), c.hora ?? "", d.partes.find((p) => p.identificacion === c.parte)?.nombres ?? c.parte, nombreTipo[c.tipo] ?? c.tipo,
          resultadoDe(c), c.receptor ? `${c.receptor}${c.relacion ? ` (${c.relacion})` : ""}` : "", c.citador_nombres]), "Diligencias de citación")
      : h("p", { id: "sin-diligencias" }, "Aún no hay diligencias de citación."));

  // A correction names what it corrects by its fojas, as the printed índice does.
  const fojasDe = (orden: number): string => {
    const c = x.indice.find((b) => b.orden === orden);
    return !c ? `la actuación ${orden}` : c.desde === c.hasta ? `la foja ${c.desde}` : `las fojas ${c.desde}–${c.hasta}`;
  };
  const indice = tabla(["Fojas", "Fecha", "Tipo", "Descripción", ""],
    x.indice.map((a) => [a.desde === a.hasta ? String(a.desde) : `${a.desde}–${a.hasta}`, fechaCorta(a.fecha), a.tipo,
      a.corrige ? `${a.descripcion} (corrige ${fojasDe(a.corrige)})` : a.descripcion,
      h("button", { type: "button", onclick: async () => {
        try {
          const ruta = await api.documentoGuardar(numero, a.orden);
          resultado.replaceChildren(aviso(`Guardado en ${ruta}`, "ok"));
          await (await import("./vista")).vistaPrevia(ruta);
        } catch (e) { falla(e); }
      } }, "Ver")]), "Índice del expediente");
  indice.id = "indice-expediente";

  // What is owed today (or at a date the clerk asks).
  const liquidacion = h("section", { id: "liquidacion-expediente", "aria-labelledby": "t-liquidacion" });
  async function liquidar(al: string | null): Promise<void> {
    const cabeza = h("h3", { id: "t-liquidacion" }, "Liquidación");
    const fecha = h("form", { class: "fila" }, campo("liquidar-al", "A la fecha (dd/mm/aaaa; vacío: hoy)", { value: al ?? "" }), h("button", { type: "submit" }, "Liquidar"));
    fecha.addEventListener("submit", (ev) => { ev.preventDefault(); void liquidar(valor(fecha, "liquidar-al") || null); });
    try {
      const l = await api.procesoLiquidar(numero, al);
      liquidacion.replaceChildren(cabeza, fecha,
        h("p", {}, `Título por ${usd(l.capital_titulo)} de capital y ${usd(l.intereses_titulo)} de intereses; intereses de mora causados${l.mora_desde ? ` desde ${fechaCorta(l.mora_desde)}` : ""}: ${usd(l.mora)}; pagado hasta la fecha: ${usd(l.pagado)}.`),
        tabla(["Pendiente", "Valor"], [
          ["Capital", usd(l.capital)], ["Intereses (del título y de mora)", usd(l.intereses)],
          ["Costas", usd(l.costas)], ["Honorarios", usd(l.honorarios)],
          [h("strong", {}, `Saldo al ${fechaCorta(l.fecha)}`), h("strong", { id: "saldo-liquidacion" }, usd(l.saldo))],
          ...(l.retenido !== "0.00" ? [["Retenido por los bancos, pendiente de transferencia (aún no es pago)", usd(l.retenido)]] : []),
        ], "Liquidación"),
        l.tramos.length ? tabla(["Desde", "Hasta", "Días", "Tasa anual", "Capital", "Interés"],
          l.tramos.map((t) => [fechaCorta(t.desde), fechaCorta(t.hasta), String(t.dias), `${t.tasa.replace(".", ",")} %`, usd(t.capital), usd(t.interes)]), "Intereses de mora por tramo") : h("span", {}));
    } catch (e) {
      liquidacion.replaceChildren(cabeza, fecha, aviso((e as ErrorApp).message));
    }
  }
  void liquidar(null);

  // Medidas cautelares: each with its numbered oficio, the answers and the lifting; a form to
  // order one (its oficio is printed, foliated and previewed), to record an answer, to lift it.
  const medidas = h("section", { id: "medidas-expediente", "aria-labelledby": "t-medidas" });
  async function verMedidas(): Promise<void> {
    const cabeza = h("h3", { id: "t-medidas" }, "Medidas cautelares");
    const msg = h("div", { id: "resultado-medidas", "aria-live": "polite" });
    const previa = async (ruta: string) => (await import("./vista")).vistaPrevia(ruta);
    try {
      const [v, tipos] = await Promise.all([api.medidasListar(numero), api.medidasTipos()]);
      const lista = v.length
        ? tabla(["Oficio", "Fecha", "Medida", "Entidad", "Hasta por", "Retenido", "Estado"], v.map((m) => [
            m.oficio, fechaCorta(m.fecha), m.nombre, m.entidad, usd(m.monto), usd(m.retenido),
            m.levantamiento ? `levantada el ${fechaCorta(m.levantamiento.fecha)} (oficio ${m.levantamiento.oficio})` : m.atrasada ? `${m.estado} (atrasada)` : m.estado]), "Medidas cautelares")
        : h("p", { id: "sin-medidas" }, "No hay medidas cautelares ordenadas.");
      const tipo = h("select", { id: "medida-tipo" }, ...tipos.map((t) => h("option", { value: t.codigo }, t.nombre)));
      const ordenar = h("form", { class: "fila", id: "form-medida" },
        h("div", { class: "campo" }, h("label", { for: "medida-tipo" }, "Medida"), tipo),
        campo("medida-entidad", "Dirigido a (vacío: la entidad de la medida)", {}),
        campo("medida-monto", "Hasta por (USD; vacío: el saldo de hoy)", { inputmode: "decimal" }),
        campo("medida-detalle", "Detalle (bienes, cantón…)", {}),
        h("button", { type: "submit", id: "ordenar-medida" }, "Ordenar y emitir el oficio"));
      ordenar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const t = (id: string) => valor(ordenar, id).trim() || null;
        try {
          const [m, ruta] = await api.medidaOrdenar(numero, tipo.value, t("medida-entidad"), t("medida-detalle"), t("medida-monto"));
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Oficio N.º ${m.oficio} a ${m.entidad} emitido y foliado; guardado en ${ruta}.`, "ok"));
          await previa(ruta);
        } catch (e) { msg.replaceChildren(aviso((e as ErrorApp).message)); }
      });
      const vigentes = v.filter((m) => !m.levantamiento);
      const cual = h("select", { id: "medida-cual" }, ...vigentes.map((m) => h("option", { value: String(m.id) }, `${m.oficio} — ${m.nombre}`)));
      const responder = h("form", { class: "fila", id: "form-respuesta-medida" },
        h("div", { class: "campo" }, h("label", { for: "medida-cual" }, "Oficio"), cual),
        campo("respuesta-fecha", "Fecha de la respuesta (dd/mm/aaaa)", { required: true }),
        campo("respuesta-texto", "Qué respondió", { required: true }),
        campo("respuesta-banco", "Banco (retención)", {}), campo("respuesta-cuenta", "Cuenta", {}),
        campo("respuesta-retenido", "Valor retenido (USD)", { inputmode: "decimal" }),
        h("div", { class: "campo" }, h("label", { for: "respuesta-documento" }, "Respuesta escaneada en PDF (se folia)"), h("input", { type: "file", id: "respuesta-documento", accept: "application/pdf" })),
        h("button", { type: "submit", id: "registrar-respuesta" }, "Registrar la respuesta"));
      responder.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const t = (id: string) => valor(responder, id).trim() || null;
        try {
          const doc = await leerArchivo(document.getElementById("respuesta-documento") as HTMLInputElement);
          const m = await api.medidaResponder(Number(cual.value), valor(responder, "respuesta-fecha"), valor(responder, "respuesta-texto"), t("respuesta-banco"), t("respuesta-cuenta"), t("respuesta-retenido"), doc?.bytes ?? null);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Respuesta al oficio N.º ${m.oficio} registrada; retenido en total ${usd(m.retenido)}.`, "ok"));
        } catch (e) { msg.replaceChildren(aviso((e as ErrorApp).message)); }
      });
      const motivo = h("select", { id: "levantar-motivo" }, ...[["pago", "Pago total"], ["convenio", "Convenio de pago vigente"], ["orden", "Orden (providencia)"]].map(([a, b]) => h("option", { value: a }, b)));
      if (d.etapa === "pagado") (motivo as HTMLSelectElement).value = "pago";
      const levantar = h("form", { class: "fila", id: "form-levantar-medida" },
        h("div", { class: "campo" }, h("label", { for: "levantar-motivo" }, "Levantar por"), motivo),
        campo("levantar-detalle", "Providencia que lo dispone (para «orden»)", {}),
        h("button", { type: "submit", id: "levantar-medida" }, "Levantar y emitir el oficio"));
      levantar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const [m, ruta] = await api.medidaLevantar(numero, Number(cual.value), motivo.value, valor(levantar, "levantar-detalle").trim() || null);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Medida levantada: oficio N.º ${m.levantamiento?.oficio ?? ""} emitido y foliado; guardado en ${ruta}.`, "ok"));
          await previa(ruta);
        } catch (e) { msg.replaceChildren(aviso((e as ErrorApp).message)); }
      });
      const porLevantar = d.etapa === "pagado" && vigentes.length
        ? aviso(`El proceso está pagado: ${vigentes.length === 1 ? "levante la medida vigente" : `levante las ${vigentes.length} medidas vigentes`} (motivo «Pago total»).`) : h("span", {});
      medidas.replaceChildren(cabeza, porLevantar, lista, msg, ordenar, vigentes.length ? h("div", {}, responder, levantar) : h("span", {}));
    } catch (e) {
      medidas.replaceChildren(cabeza, aviso((e as ErrorApp).message));
    }
  }

  // Bienes: registered with the fields their kind needs; the diligencia de embargo puts the
  // chosen ones in a depositario's custody and its acta is printed, foliated and previewed.
  const bienes = h("section", { id: "bienes-expediente", "aria-labelledby": "t-bienes" });
  async function verBienes(): Promise<void> {
    const cabeza = h("h3", { id: "t-bienes" }, "Bienes y embargo");
    const msg = h("div", { id: "resultado-bienes", "aria-live": "polite" });
    const falla = (e: unknown) => msg.replaceChildren(aviso((e as ErrorApp).message));
    const estados: Record<string, string> = { embargado: "embargado", en_deposito: "en depósito", avaluado: "avaluado", en_remate: "en remate", rematado: "rematado", adjudicado: "adjudicado", levantado: "embargo levantado" };
    try {
      const [bs, deps] = await Promise.all([api.bienesListar(numero), api.depositariosListar()]);
      const lista = bs.length
        ? tabla(["N.º", "Clase", "Descripción", "Datos", "Estado", "Depositario", "Lugar"], bs.map((b) => [String(b.id), clases[b.clase] ?? b.clase, b.descripcion,
            b.datos.map(([k, v]) => `${k} ${v}`).join(", "), b.estado ? estados[b.estado] ?? b.estado : b.origen === "dimision" ? "ofrecido" : "registrado",
            deps.find((d) => d.identificacion === b.depositario)?.nombres ?? b.depositario ?? "", b.lugar ?? ""]), "Bienes")
        : h("p", { id: "sin-bienes" }, "No hay bienes registrados.");
      const campos: Record<string, [string, string][]> = {
        vehiculo: [["placa", "Placa"], ["marca", "Marca"], ["modelo", "Modelo"], ["anio", "Año"], ["chasis", "Chasis"], ["motor", "Motor"]],
        inmueble: [["ficha", "Ficha registral"], ["canton", "Cantón"], ["direccion", "Dirección"], ["area", "Área"]],
        cuenta: [["banco", "Banco"], ["cuenta", "Cuenta"], ["valor", "Valor"]],
      };
      const clase = h("select", { id: "bien-clase" }, ...Object.entries(clases).map(([a, b]) => h("option", { value: a }, b))) as HTMLSelectElement;
      const datos = h("div", { class: "fila", id: "bien-datos" });
      const pintarDatos = () => datos.replaceChildren(...(campos[clase.value] ?? []).map(([k, t]) => campo(`bien-dato-${k}`, t, {})));
      clase.addEventListener("change", pintarDatos);
      pintarDatos();
      const dimision = h("input", { type: "checkbox", id: "bien-dimision" }) as HTMLInputElement;
      const registrar = h("form", { class: "fila", id: "form-bien" },
        h("div", { class: "campo" }, h("label", { for: "bien-clase" }, "Clase"), clase),
        campo("bien-descripcion", "Descripción (qué es, su estado)", { required: true }),
        campo("bien-ubicacion", "Ubicación", {}),
        campo("bien-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
        h("label", { class: "casilla" }, dimision, " Lo ofreció el coactivado (dimisión)"),
        datos,
        h("button", { type: "submit", id: "registrar-bien" }, "Registrar el bien"));
      registrar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const pares: [string, string][] = (campos[clase.value] ?? []).map(([k]) => [k, valor(registrar, `bien-dato-${k}`).trim()] as [string, string]).filter(([, v]) => v !== "");
          const b = await api.bienRegistrar(numero, { clase: clase.value, descripcion: valor(registrar, "bien-descripcion"), ubicacion: valor(registrar, "bien-ubicacion").trim() || null,
            datos: pares, dimision: dimision.checked, fecha: valor(registrar, "bien-fecha") });
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Bien ${b.id} registrado: ${b.descripcion}.`, "ok"));
        } catch (e) { falla(e); }
      });
      const libres = bs.filter((b) => !b.estado || b.estado === "levantado");
      const dep = h("select", { id: "embargo-depositario" }, ...deps.map((d) => h("option", { value: d.identificacion }, `${d.nombres} (${d.identificacion})`)));
      const marcar = h("div", { class: "fila", id: "embargo-bienes" }, ...libres.map((b) =>
        h("label", { class: "casilla" }, h("input", { type: "checkbox", value: String(b.id), class: "embargo-bien" }), ` ${b.id}: ${b.descripcion}`)));
      const embargar = h("form", { class: "fila", id: "form-embargo" },
        marcar,
        campo("embargo-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
        campo("embargo-hora", "Hora (10:30)", { required: true }),
        campo("embargo-direccion", "Dónde se practicó", { required: true }),
        h("div", { class: "campo" }, h("label", { for: "embargo-depositario" }, "Depositario judicial"), dep),
        campo("embargo-lugar", "Dónde quedan en depósito", { required: true }),
        campo("embargo-comparecientes", "Quiénes comparecieron", {}),
        h("button", { type: "submit", id: "registrar-embargo" }, "Registrar el embargo y emitir el acta"));
      embargar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const elegidos = Array.from(embargar.querySelectorAll<HTMLInputElement>(".embargo-bien:checked")).map((x) => Number(x.value));
          const [id, ruta] = await api.embargoRegistrar(numero, { bienes: elegidos, fecha: valor(embargar, "embargo-fecha"), hora: valor(embargar, "embargo-hora"),
            direccion: valor(embargar, "embargo-direccion"), depositario: dep.value, lugar: valor(embargar, "embargo-lugar"), comparecientes: valor(embargar, "embargo-comparecientes").trim() || null });
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Embargo ${id} registrado: el acta se guardó en ${ruta} y se folió.`, "ok"));
          await (await import("./vista")).vistaPrevia(ruta);
        } catch (e) { falla(e); }
      });
      const nuevoDep = h("form", { class: "fila", id: "form-depositario" },
        campo("depositario-identificacion", "Cédula del depositario", { required: true }),
        campo("depositario-nombres", "Nombres", { required: true }),
        campo("depositario-telefono", "Teléfono", {}),
        h("button", { type: "submit", id: "agregar-depositario" }, "Agregar al registro de depositarios"));
      nuevoDep.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const d = await api.depositarioAgregar(valor(nuevoDep, "depositario-identificacion"), valor(nuevoDep, "depositario-nombres"), valor(nuevoDep, "depositario-telefono").trim() || null);
          await verBienes();
          document.getElementById("resultado-bienes")?.replaceChildren(aviso(`Depositario ${d.nombres} registrado.`, "ok"));
        } catch (e) { falla(e); }
      });
      const puedeEmbargar = ["embargo", "avaluo", "remate"].includes(d.etapa);
      const despues = bs.some((b) => b.estado) ? await seccionesRemate(numero, d.etapa, bs, recargar) : [];
      bienes.replaceChildren(cabeza, lista, msg, registrar,
        puedeEmbargar && libres.length ? embargar : h("p", {}, puedeEmbargar ? "Registre los bienes para embargarlos." : "El embargo se registra cuando el proceso está en la etapa de embargo."),
        nuevoDep, ...despues);
    } catch (e) {
      bienes.replaceChildren(cabeza, aviso((e as ErrorApp).message));
    }
  }

  // Garantías in favour of the IESS: registered, listed with their expiry, executed.
  const garantias = h("section", { id: "garantias-expediente", "aria-labelledby": "t-garantias" });
  async function verGarantias(): Promise<void> {
    const cabeza = h("h3", { id: "t-garantias" }, "Garantías");
    const msg = h("div", { id: "resultado-garantias", "aria-live": "polite" });
    const falla = (e: unknown) => msg.replaceChildren(aviso((e as ErrorApp).message));
    try {
      const gs = await api.garantiasListar(numero);
      const nombres: Record<string, string> = { hipoteca: "Hipoteca", prenda: "Prenda", bancaria: "Garantía bancaria", poliza: "Póliza", fianza: "Fianza" };
      const lista = gs.length
        ? tabla(["N.º", "Tipo", "Garante", "Monto", "Emisor", "Vence", "Estado"], gs.map((g) => [String(g.id), nombres[g.tipo] ?? g.tipo, g.garante, usd(g.monto), g.emisor ?? "",
            g.vence ? fechaCorta(g.vence) : "", g.ejecucion ? `${g.ejecucion.resultado} (${usd(g.ejecucion.valor)})` : g.estado]), "Garantías")
        : h("p", { id: "sin-garantias" }, "No hay garantías registradas.");
      const tipo = h("select", { id: "garantia-tipo" }, ...Object.entries(nombres).map(([a, b]) => h("option", { value: a }, b)));
      const registrar = h("form", { class: "fila", id: "form-garantia" },
        h("div", { class: "campo" }, h("label", { for: "garantia-tipo" }, "Tipo"), tipo),
        campo("garantia-garante", "Garante", { required: true }),
        campo("garantia-identificacion", "Cédula o RUC del garante", { required: true }),
        campo("garantia-monto", "Monto (USD)", { required: true, inputmode: "decimal" }),
        campo("garantia-emisor", "Banco o aseguradora", {}),
        campo("garantia-documento", "N.º de póliza o documento", {}),
        campo("garantia-fecha", "Otorgada el (dd/mm/aaaa)", { required: true }),
        campo("garantia-vence", "Vence el (dd/mm/aaaa)", {}),
        h("button", { type: "submit", id: "registrar-garantia" }, "Registrar la garantía"));
      registrar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const v = (id: string) => valor(registrar, id).trim() || null;
        try {
          const g = await api.garantiaRegistrar(numero, { tipo: tipo.value, garante: v("garantia-garante"), identificacion: v("garantia-identificacion"), monto: v("garantia-monto"),
            emisor: v("garantia-emisor"), documento: v("garantia-documento"), fecha: v("garantia-fecha"), vence: v("garantia-vence"), detalle: null });
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Garantía ${g.id} de ${g.garante} por ${usd(g.monto)} registrada.`, "ok"));
        } catch (e) { falla(e); }
      });
      const vigentes = gs.filter((g) => !g.ejecucion);
      const cual = h("select", { id: "garantia-cual" }, ...vigentes.map((g) => h("option", { value: String(g.id) }, `N.º ${g.id} — ${g.garante}`)));
      const resultadoSel = h("select", { id: "garantia-resultado" }, ...[["cobrada", "Cobrada"], ["parcial", "Cobrada en parte"], ["rechazada", "Rechazada"]].map(([a, b]) => h("option", { value: a }, b)));
      const ejecutar = h("form", { class: "fila", id: "form-ejecutar-garantia" },
        h("div", { class: "campo" }, h("label", { for: "garantia-cual" }, "Garantía"), cual),
        h("div", { class: "campo" }, h("label", { for: "garantia-resultado" }, "Resultado"), resultadoSel),
        campo("ejecucion-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
        campo("ejecucion-valor", "Valor obtenido (USD)", { inputmode: "decimal" }),
        campo("ejecucion-detalle", "Detalle", {}),
        h("button", { type: "submit", id: "ejecutar-garantia" }, "Registrar la ejecución"));
      ejecutar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const g = await api.garantiaEjecutar(Number(cual.value), valor(ejecutar, "ejecucion-fecha"), resultadoSel.value, valor(ejecutar, "ejecucion-valor"), valor(ejecutar, "ejecucion-detalle").trim() || null);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Garantía ${g.id}: ${g.estado}.`, "ok"));
        } catch (e) { falla(e); }
      });
      garantias.replaceChildren(cabeza, lista, msg, registrar, vigentes.length ? ejecutar : h("span", {}));
    } catch (e) {
      garantias.replaceChildren(cabeza, aviso((e as ErrorApp).message));
    }
  }

  // Excepciones and impugnaciones: one that suspends stops the proceso and its términos; its
  // resolution resumes it (or annuls it, accepted). Deprecatorios sent from this proceso.
  const oposicion = h("section", { id: "excepciones-expediente", "aria-labelledby": "t-excepciones" });
  async function verExcepciones(): Promise<void> {
    const cabeza = h("h3", { id: "t-excepciones" }, "Excepciones, impugnaciones y deprecatorios");
    const msg = h("div", { id: "resultado-excepciones", "aria-live": "polite" });
    const falla = (e: unknown) => msg.replaceChildren(aviso((e as ErrorApp).message));
    try {
      const [xs, ds] = await Promise.all([api.excepcionesListar(numero), api.deprecatoriosListar(numero)]);
      const lista = xs.length
        ? tabla(["N.º", "Clase", "Fecha", "Órgano", "Causa", "Fundamento", "Estado"], xs.map((x) => [String(x.id), x.clase === "impugnacion" ? "impugnación" : "excepción",
            fechaCorta(x.fecha), x.organo, x.causa ?? "", x.fundamento, x.resolucion ? `${x.resolucion.resultado} el ${fechaCorta(x.resolucion.fecha)}` : x.suspende ? "pendiente (suspende)" : "pendiente"]), "Excepciones e impugnaciones")
        : h("p", { id: "sin-excepciones" }, "No hay excepciones ni impugnaciones.");
      const clase = h("select", { id: "excepcion-clase" }, h("option", { value: "excepcion" }, "Excepción (contencioso-administrativo)"), h("option", { value: "impugnacion" }, "Impugnación administrativa"));
      const suspende = h("input", { type: "checkbox", id: "excepcion-suspende" }) as HTMLInputElement;
      const registrar = h("form", { class: "fila", id: "form-excepcion" },
        h("div", { class: "campo" }, h("label", { for: "excepcion-clase" }, "Clase"), clase),
        campo("excepcion-fecha", "Presentada el (dd/mm/aaaa)", { required: true }),
        campo("excepcion-fundamento", "Fundamento", { required: true }),
        campo("excepcion-organo", "Tribunal u órgano", { required: true }),
        campo("excepcion-causa", "N.º de causa", {}),
        h("label", { class: "casilla" }, suspende, " Suspende el proceso"),
        h("button", { type: "submit", id: "registrar-excepcion" }, "Registrar"));
      registrar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const x = await api.excepcionRegistrar(numero, clase.value, valor(registrar, "excepcion-fecha"), valor(registrar, "excepcion-fundamento"), valor(registrar, "excepcion-organo"), valor(registrar, "excepcion-causa").trim() || null, suspende.checked);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`${x.clase === "impugnacion" ? "Impugnación" : "Excepción"} ${x.id} registrada${x.suspende ? ": el proceso queda suspendido y sus términos se detienen" : ""}.`, "ok"));
        } catch (e) { falla(e); }
      });
      const pendientes = xs.filter((x) => !x.resolucion);
      const cual = h("select", { id: "excepcion-cual" }, ...pendientes.map((x) => h("option", { value: String(x.id) }, `N.º ${x.id} — ${x.organo}`)));
      const resultadoSel = h("select", { id: "excepcion-resultado" }, ...[["rechazada", "Rechazada"], ["desistida", "Desistida"], ["aceptada", "Aceptada (el proceso se anula)"]].map(([a, b]) => h("option", { value: a }, b)));
      const resolver = h("form", { class: "fila", id: "form-resolver-excepcion" },
        h("div", { class: "campo" }, h("label", { for: "excepcion-cual" }, "Excepción"), cual),
        h("div", { class: "campo" }, h("label", { for: "excepcion-resultado" }, "Resultado"), resultadoSel),
        campo("resolucion-fecha", "Resuelta el (dd/mm/aaaa)", { required: true }),
        campo("resolucion-detalle", "Detalle (sentencia, resolución)", {}),
        h("button", { type: "submit", id: "resolver-excepcion" }, "Registrar la resolución"));
      resolver.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const x = await api.excepcionResolver(Number(cual.value), valor(resolver, "resolucion-fecha"), resultadoSel.value, valor(resolver, "resolucion-detalle").trim() || null);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Excepción ${x.id} ${x.estado}.`, "ok"));
        } catch (e) { falla(e); }
      });
      const listaD = ds.length
        ? tabla(["N.º", "Unidad", "Pedido", "Fecha", "Detalle", "Estado"], ds.map((d) => [String(d.id), d.unidad, d.pedido, fechaCorta(d.fecha), d.detalle, d.estado.replace("_", " ")]), "Deprecatorios")
        : h("p", { id: "sin-deprecatorios" }, "No hay deprecatorios enviados desde este proceso.");
      const pedido = h("select", { id: "deprecatorio-pedido" }, ...[["citacion", "Citación"], ["embargo", "Embargo de bienes"], ["otro", "Otra diligencia"]].map(([a, b]) => h("option", { value: a }, b)));
      const enviar = h("form", { class: "fila", id: "form-deprecatorio" },
        campo("deprecatorio-unidad", "Unidad comisionada", { required: true }),
        h("div", { class: "campo" }, h("label", { for: "deprecatorio-pedido" }, "Pedido"), pedido),
        campo("deprecatorio-detalle", "Qué se pide", { required: true }),
        campo("deprecatorio-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
        h("div", { class: "campo" }, h("label", { for: "deprecatorio-pdf" }, "Deprecatorio en PDF (se folia)"), h("input", { type: "file", id: "deprecatorio-pdf", accept: "application/pdf" })),
        h("button", { type: "submit", id: "enviar-deprecatorio" }, "Registrar el deprecatorio"));
      enviar.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const f = await leerArchivo(document.getElementById("deprecatorio-pdf") as HTMLInputElement);
          const d = await api.deprecatorioEnviar(numero, valor(enviar, "deprecatorio-unidad"), pedido.value, valor(enviar, "deprecatorio-detalle"), valor(enviar, "deprecatorio-fecha"), f?.bytes ?? null);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Deprecatorio ${d.id} a ${d.unidad} registrado.`, "ok"));
        } catch (e) { falla(e); }
      });
      const abiertos = ds.filter((d) => !["diligenciado", "devuelto"].includes(d.estado));
      const cualD = h("select", { id: "deprecatorio-cual" }, ...abiertos.map((d) => h("option", { value: String(d.id) }, `N.º ${d.id} — ${d.unidad}`)));
      const estadoD = h("select", { id: "deprecatorio-estado" }, ...[["en_tramite", "En trámite"], ["diligenciado", "Diligenciado"], ["devuelto", "Devuelto sin diligenciar"]].map(([a, b]) => h("option", { value: a }, b)));
      const novedad = h("form", { class: "fila", id: "form-novedad-deprecatorio" },
        h("div", { class: "campo" }, h("label", { for: "deprecatorio-cual" }, "Deprecatorio"), cualD),
        h("div", { class: "campo" }, h("label", { for: "deprecatorio-estado" }, "Estado"), estadoD),
        campo("novedad-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
        campo("novedad-detalle", "Detalle", {}),
        h("div", { class: "campo" }, h("label", { for: "novedad-pdf" }, "Documento recibido en PDF (se folia)"), h("input", { type: "file", id: "novedad-pdf", accept: "application/pdf" })),
        h("button", { type: "submit", id: "registrar-novedad" }, "Registrar la novedad"));
      novedad.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        try {
          const f = await leerArchivo(document.getElementById("novedad-pdf") as HTMLInputElement);
          const d = await api.deprecatorioNovedad(Number(cualD.value), estadoD.value, valor(novedad, "novedad-fecha"), valor(novedad, "novedad-detalle").trim() || null, f?.bytes ?? null);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Deprecatorio ${d.id}: ${d.estado.replace("_", " ")}.`, "ok"));
        } catch (e) { falla(e); }
      });
      oposicion.replaceChildren(cabeza, lista, msg, registrar, pendientes.length ? resolver : h("span", {}),
        h("h4", {}, "Deprecatorios"), listaD, enviar, abiertos.length ? novedad : h("span", {}));
    } catch (e) {
      oposicion.replaceChildren(cabeza, aviso((e as ErrorApp).message));
    }
  }
  // Filled before the expediente is shown: sections that grow later would move what the clerk
  // is about to click.
  await Promise.all([verMedidas(), verExcepciones(), verGarantias(), verBienes()]);

  // Payments: the list with their imputation, and a form to record one with its receipt.
  const pagos = h("section", { id: "pagos-expediente", "aria-labelledby": "t-pagos" });
  async function cargarPagos(): Promise<void> {
    try {
      const v = await api.pagosListar(numero);
      pagos.replaceChildren(h("h3", { id: "t-pagos" }, "Pagos y abonos"),
        v.length ? tabla(["N.º", "Fecha", "Valor", "Forma", "Referencia", "Costas", "Honorarios", "Intereses", "Capital", "Estado"],
          v.map((p) => [String(p.id), fechaCorta(p.fecha), usd(p.valor), p.forma, p.referencia, usd(p.costas), usd(p.honorarios), usd(p.intereses), usd(p.capital),
            p.anula ? `anula el pago ${p.anula}` : p.anulado ? "anulado" : "vigente"]), "Pagos") : h("p", {}, "Aún no hay pagos registrados."));
    } catch (e) { pagos.replaceChildren(aviso((e as ErrorApp).message)); }
  }
  void cargarPagos();

  // Costas and gastos: listed with their state; the Jefe approves or rejects each.
  const costas = h("section", { id: "costas-expediente", "aria-labelledby": "t-costas" });
  const esJefe = document.body.dataset.rol === "jefe";
  async function cargarCostas(): Promise<void> {
    try {
      const v = await api.costasListar(numero);
      const decidir = (id: number, aprobada: boolean) => async () => {
        const motivo = aprobada ? null : (document.getElementById(`motivo-costa-${id}`) as HTMLInputElement | null)?.value.trim() || null;
        try { await api.costaDecidir(id, aprobada, motivo); await recargar(); } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
      };
      costas.replaceChildren(h("h3", { id: "t-costas" }, "Costas y gastos"),
        v.length ? tabla(["N.º", "Fecha", "Concepto", "Descripción", "Valor", "Estado", ""],
          v.map((k) => [String(k.id), fechaCorta(k.fecha), k.concepto, k.descripcion, usd(k.valor), k.motivo ? `${k.estado}: ${k.motivo}` : k.estado,
            esJefe && k.estado === "pendiente" ? h("span", { class: "acciones" },
              h("button", { type: "button", id: `aprobar-costa-${k.id}`, onclick: decidir(k.id, true) }, "Aprobar"),
              h("input", { id: `motivo-costa-${k.id}`, "aria-label": `Motivo para rechazar el gasto ${k.id}`, placeholder: "motivo del rechazo" }),
              h("button", { type: "button", onclick: decidir(k.id, false) }, "Rechazar")) : ""]), "Costas") : h("p", {}, "Sin gastos registrados."));
    } catch (e) { costas.replaceChildren(aviso((e as ErrorApp).message)); }
  }
  void cargarCostas();
  // «12.34» + «0.56» in integer cents (the amounts arrive as decimal strings).
  const sumar = (a: string, b: string): string => {
    const n = parseInt(a.replace(".", ""), 10) + parseInt(b.replace(".", ""), 10);
    return `${Math.trunc(n / 100)}.${String(Math.abs(n % 100)).padStart(2, "0")}`;
  };
  // The convenio de pago: its table with what is paid and overdue, or a form to make one.
  const convenio = h("section", { id: "convenio-expediente", "aria-labelledby": "t-convenio" });
  async function cargarConvenio(): Promise<void> {
    try {
      const v = await api.conveniosVer(numero);
      const ultimo = v[v.length - 1];
      const partes: (HTMLElement | string)[] = [h("h3", { id: "t-convenio" }, "Convenio de pago")];
      if (ultimo) {
        const e = ultimo.estado;
        partes.push(h("p", { id: "estado-convenio" },
          `Convenio ${ultimo.id} desde ${fechaCorta(ultimo.desde)}: saldo ${usd(ultimo.saldo)} en ${cuantos(ultimo.cuotas, "cuota", "cuotas")} al ${ultimo.tasa.replace(".", ",")} % anual, total ${usd(ultimo.total)}. `,
          h("strong", {}, e.estado === "incumplido" ? `INCUMPLIDO desde ${fechaCorta(e.incumplido_desde ?? ultimo.desde)}: el saldo es exigible de inmediato.`
            : e.estado === "cumplido" ? "Cumplido." : `Vigente; pagado ${usd(e.pagado)}, vencido ${usd(e.vencido)}.`)));
        partes.push(tabla(["Cuota", "Vence", "Capital", "Interés", "Valor", "Estado"],
          ultimo.tabla.map((q, i) => [q.numero === 0 ? "Entrada" : String(q.numero), fechaCorta(q.vence), usd(q.amortizacion), usd(q.interes),
            usd(sumar(q.amortizacion, q.interes)),
            i < e.pagadas ? "pagada" : e.vencidas.includes(q.numero) ? "VENCIDA" : "por pagar"]), "Cuotas del convenio"));
      }
      if (!ultimo || ultimo.estado.estado === "incumplido") {
        if (d.siguientes.includes("convenio_pago")) {
          const f = h("form", { class: "fila", id: "form-convenio" },
            campo("convenio-cuotas", "Cuotas mensuales", { required: true, inputmode: "numeric" }),
            campo("convenio-entrada", "Entrada (USD, opcional)", { inputmode: "decimal" }),
            campo("convenio-desde", "Fecha del convenio (dd/mm/aaaa)", { required: true }),
            h("button", { type: "submit" }, "Registrar el convenio"));
          f.addEventListener("submit", async (ev) => {
            ev.preventDefault();
            try {
              const k = await api.convenioCrear(numero, valor(f, "convenio-cuotas"), valor(f, "convenio-entrada"), valor(f, "convenio-desde"));
              await recargar();
              document.getElementById("resultado-accion")?.replaceChildren(aviso(`Convenio ${k.id} registrado: saldo ${usd(k.saldo)}, total ${usd(k.total)}. Imprima el convenio para firmarlo y foliarlo.`, "ok"));
            } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
          });
          partes.push(f);
        } else if (!ultimo) {
          partes.push(h("p", {}, "Sin convenio de pago."));
        }
      }
      convenio.replaceChildren(...partes);
    } catch (e) { convenio.replaceChildren(aviso((e as ErrorApp).message)); }
  }
  void cargarConvenio();

  // Honorarios of an external abogado: the requests, and asking for a new one.
  const honorarios = h("section", { id: "honorarios-expediente", "aria-labelledby": "t-honorarios" });
  async function cargarHonorarios(): Promise<void> {
    try {
      const v = await api.honorariosListar(numero, false);
      const pedir = h("button", { type: "button", id: "solicitar-honorarios", onclick: async () => {
        try {
          const k = await api.honorarioSolicitar(numero);
          await recargar();
          document.getElementById("resultado-accion")?.replaceChildren(aviso(`Honorarios solicitados: ${usd(k.valor)} (${k.porcentaje.replace(".", ",")} % de ${usd(k.recuperado)} recuperados); esperan la revisión del jefe.`, "ok"));
        } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
      } }, "Solicitar honorarios");
      honorarios.replaceChildren(h("h3", { id: "t-honorarios" }, "Honorarios"),
        v.length ? tabla(["N.º", "Fecha", "Recuperado", "Honorarios", "Estado"],
          v.map((k) => [String(k.id), fechaCorta(k.fecha), usd(k.recuperado), usd(k.valor), k.motivo ? `${k.estado}: ${k.motivo}` : k.estado]), "Honorarios") : h("p", {}, "Sin solicitudes de honorarios."),
        pedir);
    } catch (e) { honorarios.replaceChildren(aviso((e as ErrorApp).message)); }
  }
  void cargarHonorarios();

  const concepto = h("select", { id: "costa-concepto" }, ...[["publicacion", "Publicación"], ["perito", "Perito"], ["bodegaje", "Bodegaje"], ["movilizacion", "Movilización"], ["otro", "Otro"]].map(([v, t]) => h("option", { value: v }, t)));
  const gasto = h("form", { class: "tarjeta", id: "form-costa", "aria-labelledby": "t-gasto" }, h("h3", { id: "t-gasto" }, "Registrar un gasto"),
    h("div", { class: "campo" }, h("label", { for: "costa-concepto" }, "Concepto"), concepto),
    campo("costa-descripcion", "Descripción", { required: true }),
    campo("costa-valor", "Valor (USD)", { required: true, inputmode: "decimal" }),
    campo("costa-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "costa-comprobante" }, "Comprobante en PDF (se folia)"), h("input", { type: "file", id: "costa-comprobante", accept: "application/pdf", required: true })),
    h("button", { type: "submit" }, "Registrar el gasto"));
  gasto.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const archivo = await leerArchivo(document.getElementById("costa-comprobante") as HTMLInputElement);
      if (!archivo) throw { code: "entrada_invalida", message: "adjunte el comprobante del gasto en PDF" };
      await api.costaRegistrar(numero, concepto.value, valor(gasto, "costa-descripcion"), valor(gasto, "costa-valor"), valor(gasto, "costa-fecha"), archivo.bytes);
      await recargar();
      document.getElementById("resultado-accion")?.replaceChildren(aviso("Gasto registrado y foliado; espera la aprobación del jefe.", "ok"));
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  const forma = h("select", { id: "pago-forma" }, ...[["deposito", "Depósito"], ["transferencia", "Transferencia"], ["cheque", "Cheque"], ["ventanilla", "Ventanilla"]].map(([v, t]) => h("option", { value: v }, t)));
  const pagar = h("form", { class: "tarjeta", id: "form-pago", "aria-labelledby": "t-pagar" }, h("h3", { id: "t-pagar" }, "Registrar un pago"),
    campo("pago-valor", "Valor (USD)", { required: true, inputmode: "decimal", placeholder: "1.000,00" }),
    campo("pago-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "pago-forma" }, "Forma"), forma),
    campo("pago-referencia", "Referencia (número de depósito, transferencia…)", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "pago-comprobante" }, "Comprobante en PDF (se folia)"), h("input", { type: "file", id: "pago-comprobante", accept: "application/pdf" })),
    h("button", { type: "submit" }, "Registrar el pago"));
  pagar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const archivo = await leerArchivo(document.getElementById("pago-comprobante") as HTMLInputElement);
      const p = await api.pagoRegistrar(numero, valor(pagar, "pago-valor"), valor(pagar, "pago-fecha"), forma.value, valor(pagar, "pago-referencia"), archivo?.bytes ?? null);
      await recargar();
      document.getElementById("resultado-accion")?.replaceChildren(aviso(`Pago ${p.id} de ${usd(p.valor)} registrado: intereses ${usd(p.intereses)}, capital ${usd(p.capital)}.`, "ok"));
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  });

  c.replaceChildren(
    h("h2", { id: "titulo-expediente" }, `Expediente ${d.numero}`),
    h("p", {}, `Título ${d.titulo} · ${d.obligado} (${d.identificacion}) · USD ${d.total}`),
    h("p", {}, h("strong", { id: "etapa-actual" }, `Etapa: ${nombreEtapa(d.etapa)}`), ` desde ${fechaCorta(d.etapa_desde)} · Abogado: ${d.abogado_nombres} (${d.abogado}) · ${cuantos(d.fojas, "foja", "fojas")}`),
    d.terminos.length ? tabla(["Término", "Vence", "Estado"], d.terminos.map((t) => [t.que, fechaCorta(t.vence), t.vencido ? "VENCIDO" : `${t.dias_habiles === 1 ? "falta" : "faltan"} ${cuantos(t.dias_habiles, "día hábil", "días hábiles")}`]), "Términos") : h("p", {}, "Sin términos corriendo."),
    tabla(["Parte", "Identificación", "Rol"], d.partes.map((p) => [p.nombres, p.identificacion, p.rol]), "Partes"),
    citacion,
    medidas,
    bienes,
    garantias,
    oposicion,
    liquidacion, pagos, convenio, costas, honorarios,
    h("h3", {}, "Índice"), indice, resultado,
    h("div", { class: "acciones-expediente" }, imprimir, agregar, pagar, gasto, cambiar, x.puede_citar ? citar : h("span", {})));
  c.scrollIntoView({ block: "start" });
}
