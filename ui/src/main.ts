// Coactiva's window. For now: create the unit on a new database, log in, and the home
// screen with the juzgado's name and the títulos waiting for the sorteo.
import "./styles.css";
import { api, type ErrorApp, type Ingreso, type Inicio, type Sesion } from "./api";
import { barras } from "./grafico";
import { aviso, campo, h, montar, nombreRol, selectorGenero, valor, miles, cuantos, PROVINCIAS } from "./dom";
import { pantallaSorteo } from "./sorteo";
import { pantallaTitulos } from "./titulos";
import { pantallaProcesos } from "./procesos";
import { pantallaAbogados } from "./abogados";
import { pantallaBienes } from "./inventario";
import { pantallaConfiguracion } from "./configuracion";
import { fechaCorta, tabla, usd } from "./dom";


function formulario(titulo: string, enviar: (f: HTMLFormElement) => Promise<void>, ...campos: Node[]): HTMLElement {
  const error = h("div", { id: "error" });
  const boton = h("button", { type: "submit", class: "primario" }, "Continuar");
  const form = h("form", { class: "tarjeta", "aria-labelledby": "titulo" }, h("h1", { id: "titulo" }, titulo), ...campos, error, boton);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    boton.disabled = true;
    error.replaceChildren();
    try {
      await enviar(form);
    } catch (e) {
      error.replaceChildren(aviso((e as ErrorApp).message));
    } finally {
      boton.disabled = false;
    }
  });
  return h("main", { class: "centrado" }, h("img", { src: "/coactiva.png", alt: "", class: "logo" }), form);
}

function pantallaCrear(): void {
  const provincia = h("select", { id: "provincia", name: "provincia", required: true },
    ...PROVINCIAS.map((p, i) => h("option", { value: String(i + 1).padStart(2, "0"), selected: p === "Pichincha" }, `${String(i + 1).padStart(2, "0")} · ${p}`)));
  const nivel = h("select", { id: "nivel", name: "nivel" },
    h("option", { value: "unidad" }, "Unidad Provincial"), h("option", { value: "grupo" }, "Grupo de Trabajo"));
  montar(formulario("Nueva base de Coactiva: datos de la unidad y del jefe", async (f) => {
    if (valor(f, "clave") !== valor(f, "clave2")) throw { code: "entrada_invalida", message: "las dos claves no coinciden" };
    const sesion = await api.crearUnidad({
      provincia: valor(f, "provincia"), oficina: valor(f, "oficina"), nombre: valor(f, "nombre"),
      nivel: valor(f, "nivel"), ciudad: valor(f, "ciudad"), jefe_usuario: valor(f, "usuario"),
      jefe_nombres: valor(f, "nombres"), jefe_clave: valor(f, "clave"), jefe_genero: valor(f, "genero-jefe"),
    });
    await despuesDeIngresar(sesion);
  },
    h("div", { class: "campo" }, h("label", { for: "provincia" }, "Provincia"), provincia),
    campo("oficina", "Código de oficina", { value: "001", required: true, pattern: "[0-9]{3}", inputmode: "numeric" }),
    campo("nombre", "Nombre de la unidad", { required: true, autofocus: true, placeholder: "Unidad Provincial de Gestión de Coactiva de …" }),
    h("div", { class: "campo" }, h("label", { for: "nivel" }, "Nivel"), nivel),
    campo("ciudad", "Ciudad", { required: true }),
    campo("nombres", "Nombres y apellidos del jefe", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "genero-jefe" }, "El jefe firma como"),
      selectorGenero("genero-jefe", "Funcionario Ejecutor · Jefe de la Unidad", "Funcionaria Ejecutora · Jefa de la Unidad", null, true)),
    campo("usuario", "Usuario del jefe", { required: true, autocomplete: "username" }),
    campo("clave", "Clave (10 caracteres o más)", { type: "password", required: true, autocomplete: "new-password" }),
    campo("clave2", "Repita la clave", { type: "password", required: true, autocomplete: "new-password" }),
  ));
}

/// The recovery code, the one time it is shown: the Jefe copies it (or prints its sheet)
/// before going on.
async function despuesDeIngresar(i: Ingreso): Promise<void> {
  if (!i.codigo_recuperacion) { await pantallaInicio(i); return; }
  const seguir = h("button", { type: "button", class: "primario", id: "codigo-guardado" }, "Ya guardé el código: continuar") as HTMLButtonElement;
  seguir.onclick = () => void pantallaInicio(i);
  montar(h("main", { class: "centrado" },
    h("section", { class: "tarjeta", id: "codigo-recuperacion", "aria-labelledby": "t-codigo" },
      h("h1", { id: "t-codigo" }, "Código de recuperación de la base"),
      h("p", {}, "La base de la unidad está cifrada: cada usuario la abre con su clave. Este código la abre aunque se pierdan todas las claves. Anótelo o imprima su hoja, guárdelo bajo llave, fuera de la computadora, y no lo comparta: quien lo tenga puede leer toda la base."),
      h("p", { class: "codigo", id: "codigo" }, i.codigo_recuperacion),
      i.hoja_recuperacion ? h("p", {}, `La hoja con el código está en ${i.hoja_recuperacion}: imprímala y borre el archivo.`) : h("span", {}),
      seguir)));
  seguir.focus();
}

function pantallaIngreso(nombreUnidad: string, motivo: string | null = null): void {
  montar(formulario(`Ingreso · ${nombreUnidad}`, async (f) => {
    const sesion = await api.iniciarSesion(valor(f, "usuario"), valor(f, "clave"));
    await despuesDeIngresar(sesion);
  },
    motivo ? h("div", { id: "motivo-ingreso" }, aviso(motivo)) : h("span", {}),
    campo("usuario", "Usuario", { required: true, autofocus: true, autocomplete: "username" }),
    campo("clave", "Clave", { type: "password", required: true, autocomplete: "current-password" }),
  ));
}

type Seccion = "inicio" | "titulos" | "sorteo" | "procesos" | "bienes" | "abogados" | "reportes" | "configuracion";

async function pantallaInicio(sesion: Sesion, seccion: Seccion = "inicio", filtro: string | null = null): Promise<void> {
  const r = await api.resumen();
  const salir = h("button", { type: "button", onclick: async () => { await api.cerrarSesion(); await arrancar(); } }, "Cerrar sesión");
  const clave = h("button", { type: "button", id: "cambiar-clave", onclick: () => formularioClave(contenido) }, "Cambiar clave");
  const contenido = h("main", { id: "contenido" });
  const jefe = sesion.rol === "jefe";
  document.body.dataset.rol = sesion.rol;
  const ir = (s: Seccion, f: string | null = null) => pantallaInicio(sesion, s, f);
  const enlace = (s: Seccion, texto: string) =>
    h("button", { type: "button", class: s === seccion ? "nav activo" : "nav", "aria-current": s === seccion ? "page" : "false", id: `nav-${s}`,
      onclick: () => ir(s) }, texto);
  montar(h("div", { class: "marco" },
    h("header", { class: "barra" },
      h("img", { src: "/coactiva.png", alt: "", class: "logo-mini" }),
      h("div", { class: "juzgado" },
        h("strong", { id: "juzgado" }, r.unidad.nombre),
        h("span", {}, `Juzgado de Coactivas · ${r.unidad.ciudad} · código ${r.unidad.codigo}`)),
      h("div", { class: "usuario", "aria-label": "Usuario en sesión" },
        h("span", { id: "sesion-usuario" }, `${sesion.nombres} (${nombreRol[sesion.rol] ?? sesion.rol})`), clave, salir)),
    h("nav", { class: "navegacion", "aria-label": "Secciones" },
      enlace("inicio", "Inicio"), enlace("titulos", "Títulos"), jefe ? enlace("sorteo", "Sorteo") : null, enlace("procesos", "Procesos"), enlace("bienes", "Bienes"),
      enlace("abogados", "Abogados"), enlace("reportes", "Reportes"), jefe ? enlace("configuracion", "Configuración") : null),
    contenido));
  // After login and on every screen the focus goes to the screen's content, not the header.
  const enfocar = () => {
    const f = contenido.querySelector<HTMLElement>("[autofocus]") ?? contenido.querySelector<HTMLElement>("h1");
    if (f && f.tagName === "H1") f.tabIndex = -1;
    f?.focus();
  };
  try {
    switch (seccion) {
      case "sorteo": await pantallaSorteo(contenido); enfocar(); return;
      case "titulos": await pantallaTitulos(contenido); enfocar(); return;
      case "procesos": await pantallaProcesos(contenido, filtro?.startsWith("etapa:") ? filtro.slice(6) : null, filtro?.startsWith("proceso:") ? filtro.slice(8) : null,
        filtro?.startsWith("buscar:") ? filtro.slice(7) : null, filtro?.startsWith("abogado:") ? filtro.slice(8) : null,
        filtro?.startsWith("antiguedad:") ? filtro.slice(11) : null); enfocar(); return;
      case "bienes": await pantallaBienes(contenido, (n) => ir("procesos", `proceso:${n}`)); enfocar(); return;
      case "abogados": await pantallaAbogados(contenido, jefe, (id) => ir("procesos", `abogado:${id}`)); enfocar(); return;
      case "reportes": await (await import("./reportes")).pantallaReportes(contenido, (f) => void ir("procesos", f),
        filtro?.startsWith("recaudacion:") ? { nombre: "recaudacion", desde: filtro.slice(12, 22), hasta: filtro.slice(23) } : null); enfocar(); return;
      case "configuracion": await pantallaConfiguracion(contenido); enfocar(); return;
    }
  } catch (e) {
    contenido.replaceChildren(aviso((e as ErrorApp).message));
    return;
  }
  // «Verificar la base»: the chain, every table against the change log, sorteos, expedientes.
  function botonVerificar(): HTMLElement {
    const resultado = h("div", { id: "resultado-verificacion", role: "status" });
    const boton = h("button", { type: "button", id: "verificar-base" }, "Verificar la base") as HTMLButtonElement;
    boton.onclick = async () => {
      boton.disabled = true;
      resultado.replaceChildren(h("p", {}, "Verificando todo el registro, las tablas, los sorteos y los expedientes…"));
      try {
        const v = await api.verificarBase();
        resultado.replaceChildren(v.correcto
          ? aviso(`Íntegra: ${miles(v.cambios)} cambios y ${miles(v.fojas)} fojas comprobados. ${v.anclaje}`, "ok")
          : h("div", {}, aviso(`Se encontraron ${v.hallazgos.length} alteraciones hechas directamente en la base:`),
            tabla(["Dónde", "Qué"], v.hallazgos.slice(0, 200).map((x) => [x.donde, x.mensaje]), "Alteraciones")));
      } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
      boton.disabled = false;
    };
    // A printed acta, índice or expediente carries an integrity code: does the base still agree?
    const sello = h("form", { id: "form-sello", class: "en-linea" },
      campo("codigo-sello", "Código de integridad de un documento impreso", { placeholder: "17001-1234-XXXX-XXXX-XXXX-XXXX" }),
      h("button", { type: "submit" }, "Comprobar"));
    const resultadoSello = h("div", { id: "resultado-sello", role: "status" });
    sello.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const c = await api.comprobarSello(valor(sello, "codigo-sello"));
        resultadoSello.replaceChildren(aviso(`${c.mensaje}.`, c.coincide ? "ok" : "error"));
      } catch (e) { resultadoSello.replaceChildren(aviso((e as ErrorApp).message)); }
    });
    return h("div", {}, boton, resultado, sello, resultadoSello);
  }
  const i = await api.inicio();
  const n = i.titulos_por_sortear;
  const cifra = (id: string, idNumero: string, titulo: string, valor: string, texto: string, accion: () => void) =>
    h("button", { type: "button", class: "tarjeta cifra", id, onclick: accion, "aria-label": `${titulo}: ${valor}` },
      h("h2", {}, titulo), h("p", { class: "numero", id: idNumero }, valor), h("p", {}, texto));
  const vencidos = i.vencimientos.filter((v) => v.vencido).length;
  const s = i.sync;
  const estadoSync = !s.destino ? "sin destino configurado" : s.en_linea === false ? `sin conexión (${s.ultimo_error ?? ""})` : s.en_linea ? "en línea" : "esperando el primer intento";
  contenido.className = "inicio";
  contenido.replaceChildren(
    h("h1", {}, "Inicio"),
    tablero(sesion, ir),
    cifra("t-por-sortear", "titulos-por-sortear", "Títulos por sortear", miles(n), n === 0 ? "No hay títulos esperando sorteo." : "títulos de crédito importados esperan el sorteo.", () => ir(jefe ? "sorteo" : "titulos")),
    cifra("t-vencidos", "terminos-vencidos", "Términos vencidos", String(vencidos), `${i.vencimientos.length - vencidos} más vencen en 5 días hábiles.`, () => document.getElementById("vencimientos")?.scrollIntoView()),
    h("section", { class: "tarjeta", id: "estado-sync", "aria-labelledby": "t-sync" }, h("h2", { id: "t-sync" }, "Sincronización con la central"),
      h("p", {}, `Estado: ${estadoSync}`), h("p", {}, `${cuantos(s.cambios_pendientes, "cambio", "cambios")} por entregar`),
      h("p", {}, `Última entrega: ${s.ultima_entrega ? `${fechaCorta(s.ultima_entrega)} ${s.ultima_entrega.slice(11, 16)}` : "nunca"}`),
      h("p", { id: "anclaje", class: s.sin_anclar > 0 ? "advertencia" : "" }, s.anclaje),
      botonVerificar()),
    h("section", { class: "tarjeta", id: "estado-respaldo", "aria-labelledby": "t-respaldo" }, h("h2", { id: "t-respaldo" }, "Respaldos"),
      h("p", { id: "ultimo-respaldo", class: i.respaldo_atrasado ? "advertencia" : "" },
        i.ultimo_respaldo ? `Último respaldo comprobado: ${i.ultimo_respaldo}.` : "Todavía no hay ningún respaldo de la base."),
      i.respaldo_atrasado ? h("p", { class: "advertencia" }, jefe ? "No hay un respaldo de los dos últimos días: haga uno en Configuración, y guarde una copia fuera de esta computadora." : "No hay un respaldo de los dos últimos días: avise al jefe de la unidad.") : h("span", {})),
    h("section", { class: "ancho", id: "por-etapa" }, h("h2", {}, "Procesos por etapa"),
      i.procesos_por_etapa.length ? h("div", { class: "etapas" }, ...i.procesos_por_etapa.map((e) =>
        h("button", { type: "button", class: "etapa", onclick: () => ir("procesos", `etapa:${e.etapa}`) }, `${e.nombre}: ${miles(e.procesos)}`))) : h("p", {}, "Aún no hay procesos.")),
    h("section", { class: "ancho", id: "vencimientos" }, h("h2", {}, "Términos vencidos y por vencer"),
      i.vencimientos.length ? tabla(["Proceso", "Qué vence", "Vence", "Estado"], i.vencimientos.slice(0, 200).map((v) => [
        h("button", { type: "button", class: "enlace", onclick: () => ir("procesos", `proceso:${v.numero}`) }, v.numero), v.que, fechaCorta(v.vence),
        v.vencido ? `vencido hace ${cuantos(-v.dias_habiles, "día hábil", "días hábiles")}` : `${v.dias_habiles === 1 ? "falta" : "faltan"} ${cuantos(v.dias_habiles, "día hábil", "días hábiles")}`]), "Vencimientos") : h("p", {}, "Nada vence en los próximos 5 días hábiles.")),
    medidasPorAtender(i, (n) => ir("procesos", `proceso:${n}`)),
    h("section", { class: "ancho", id: "garantias-por-vencer" }, h("h2", {}, "Garantías por vencer"),
      i.garantias_por_vencer.length ? tabla(["Proceso", "Garantía", "Garante", "Monto", "Vence"], i.garantias_por_vencer.map((g) => [
        h("button", { type: "button", class: "enlace", onclick: () => ir("procesos", `proceso:${g.proceso}`) }, g.proceso), g.tipo, g.garante, usd(g.monto),
        g.vence ? `${fechaCorta(g.vence)}${(g.dias_para_vencer ?? 0) < 0 ? " (vencida)" : ""}` : ""]), "Garantías por vencer")
        : h("p", {}, "Ninguna garantía vence pronto.")),
    h("section", { class: "ancho", id: "informes-atrasados" }, h("h2", {}, "Informes de depositarios atrasados"),
      i.informes_atrasados.length ? tabla(["Proceso", "Depositario", "Bienes", "Último informe", "Debía informar", "Atraso"], i.informes_atrasados.slice(0, 200).map((c) => [
        h("button", { type: "button", class: "enlace", onclick: () => ir("procesos", `proceso:${c.proceso}`) }, c.proceso), c.nombres, String(c.bienes),
        c.ultimo_informe ? fechaCorta(c.ultimo_informe) : "ninguno", fechaCorta(c.vence), cuantos(c.dias_atraso, "día", "días")]), "Informes de depositarios atrasados")
        : h("p", {}, "Todos los depositarios han informado a tiempo.")),
    jefe ? revisionHonorarios(sesion, seccion) : h("span", {}),
    jefe ? citadores() : h("span", {}));
  enfocar();
}

/// Inicio's charts: the portfolio by stage and by age, recovery month by month, each
/// abogado's load and results (a Secretario-Abogado sees his own: «mis procesos»). Every bar
/// opens the list behind it.
function tablero(sesion: Sesion, ir: (s: Seccion, f?: string | null) => Promise<void>): HTMLElement {
  const s = h("section", { class: "ancho tablero", id: "tablero", "aria-labelledby": "t-tablero" },
    h("h2", { id: "t-tablero" }, sesion.rol === "abogado" ? "Mis procesos" : "La cartera de la unidad"), h("p", {}, "Cargando las cifras…"));
  void (async () => {
    try {
      const t = await api.tablero();
      const inv = t.inventario;
      const grafico = (id: string, titulo: string, ...contenido: (HTMLElement | SVGSVGElement)[]) =>
        h("div", { class: "grafico-inicio", id }, h("h3", {}, titulo), ...contenido);
      const rec = t.recaudacion;
      const ultimoDia = (clave: string) => {
        const [a, m] = clave.split("-").map(Number);
        const fin = `${clave}-${String(new Date(Date.UTC(a, m, 0)).getUTCDate()).padStart(2, "0")}`;
        return fin < rec.hasta ? fin : rec.hasta;
      };
      s.replaceChildren(
        h("h2", { id: "t-tablero" }, t.propios ? "Mis procesos" : "La cartera de la unidad"),
        h("p", { id: "tablero-total" }, `${cuantos(inv.procesos, "proceso en trámite", "procesos en trámite")} por ${usd(inv.total)}; recuperado en los últimos doce meses: ${usd(rec.total.valor)}.`),
        h("div", { class: "graficos" },
          grafico("grafico-etapas", "Por etapa", barras(inv.por_etapa.map((g) => ({ nombre: g.nombre, valor: g.procesos, cifra: miles(g.procesos),
            abrir: () => void ir("procesos", `etapa:${g.clave}`) })), "Procesos en trámite por etapa")),
          grafico("grafico-antiguedad", "Por antigüedad desde la exigibilidad", barras(inv.por_antiguedad.map((g) => ({ nombre: g.nombre, valor: g.procesos, cifra: miles(g.procesos),
            abrir: () => void ir("procesos", `antiguedad:${g.clave}`) })), "Procesos en trámite por antigüedad")),
          grafico("grafico-recaudacion", "Recuperado por mes", barras(rec.por_mes.map((g) => ({ nombre: g.nombre, valor: Math.round(Number(g.valor) * 100), cifra: usd(g.valor),
            abrir: () => void ir("reportes", `recaudacion:${g.clave}-01:${ultimoDia(g.clave)}`) })), "Recuperado por mes, últimos doce meses")),
          t.propios ? h("span", {}) : grafico("grafico-abogados", "Carga y resultados por Secretario-Abogado", barras(t.por_abogado.map((a) => ({
            nombre: a.nombres, valor: a.procesos, cifra: `${miles(a.procesos)} · ${usd(a.recuperado)}`,
            abrir: () => void ir("procesos", `abogado:${a.identificacion}`) })), "Procesos en trámite y recuperado en doce meses por Secretario-Abogado"))));
    } catch (e) { s.replaceChildren(aviso((e as ErrorApp).message)); }
  })();
  return s;
}

/// The Jefe follows up the citadores-notificadores: their workload, and how they did in a
/// period (this month by default).
function citadores(): HTMLElement {
  const s = h("section", { class: "ancho", id: "citadores", "aria-labelledby": "t-citadores" });
  const periodo = h("form", { class: "fila", id: "form-evaluacion" },
    campo("evaluacion-desde", "Desde (dd/mm/aaaa; vacío: el primero del mes)", {}),
    campo("evaluacion-hasta", "Hasta (vacío: hoy)", {}),
    h("button", { type: "submit" }, "Evaluar"));
  const resultado = h("div", { id: "evaluacion-citadores", "aria-live": "polite" });
  const evaluar = async () => {
    try {
      const v = await api.citadoresEvaluacion(valor(periodo, "evaluacion-desde").trim() || null, valor(periodo, "evaluacion-hasta").trim() || null);
      resultado.replaceChildren(v.length
        ? tabla(["Citador", "Diligencias", "Citados", "Al primer intento", "Días desde la orden de pago"], v.map((e) => [
            e.nombres, String(e.diligencias), String(e.citadas), `${e.citadas_al_primer_intento} de ${e.primeros_intentos} (${e.porcentaje_primer_intento} %)`, e.dias_promedio ?? "—"]), "Evaluación de citadores")
        : h("p", {}, "No hay diligencias en el período."));
    } catch (e) { resultado.replaceChildren(aviso((e as ErrorApp).message)); }
  };
  periodo.addEventListener("submit", (ev) => { ev.preventDefault(); void evaluar(); });
  void (async () => {
    try {
      const carga = await api.citadoresCarga();
      s.replaceChildren(h("h2", { id: "t-citadores" }, "Citadores-notificadores"),
        carga.length ? tabla(["Citador", "Procesos", "Por citar", "Diligencias (30 días)"], carga.map((c) => [c.nombres, String(c.asignados), String(c.pendientes), String(c.diligencias_mes)]), "Carga de los citadores")
          : h("p", {}, "No hay citadores activos: cree un usuario con el rol citador en Configuración."),
        periodo, resultado);
      await evaluar();
    } catch (e) { s.replaceChildren(aviso((e as ErrorApp).message)); }
  })();
  return s;
}

/// Oficios of medidas cautelares unanswered past the unit's days, and medidas still in force
/// on procesos already paid or annulled (their lifting is due).
function medidasPorAtender(i: Inicio, abrir: (numero: string) => void): HTMLElement {
  const filas = [
    ...i.medidas_sin_respuesta.map((m) => [m, `sin respuesta desde el ${fechaCorta(m.fecha)}`] as const),
    ...i.medidas_por_levantar.map((m) => [m, "proceso pagado o anulado: levantar la medida"] as const),
  ];
  return h("section", { class: "ancho", id: "medidas-por-atender" }, h("h2", {}, "Medidas cautelares por atender"),
    filas.length ? tabla(["Proceso", "Oficio", "Medida", "Entidad", "Qué falta"], filas.slice(0, 200).map(([m, que]) => [
      h("button", { type: "button", class: "enlace", onclick: () => abrir(m.proceso) }, m.proceso), m.oficio, m.nombre, m.entidad, que]), "Medidas por atender")
      : h("p", {}, "No hay oficios atrasados ni medidas por levantar."));
}

/// The Jefe's review of honorarios requests: each with whether its expediente is complete and
/// verified, approved or rejected with its reason.
function revisionHonorarios(sesion: Sesion, seccion: Seccion): HTMLElement {
  const s = h("section", { class: "ancho", id: "honorarios-por-revisar", "aria-labelledby": "t-honorarios-revisar" });
  void (async () => {
    try {
      const v = await api.honorariosListar(null, true);
      const res = h("div", { id: "resultado-honorarios", "aria-live": "polite" });
      const decidir = (id: number, aprobada: boolean) => async () => {
        const motivo = aprobada ? null : (document.getElementById(`motivo-honorario-${id}`) as HTMLInputElement | null)?.value.trim() || null;
        try {
          const k = await api.honorarioDecidir(id, aprobada, motivo);
          await pantallaInicio(sesion, seccion);
          document.getElementById("resultado-honorarios")?.replaceChildren(aviso(aprobada
            ? `Honorarios ${id} aprobados (${usd(k.valor)}): imprima la orden de pago de honorarios desde el expediente ${k.proceso}.`
            : `Honorarios ${id} rechazados.`, "ok"));
        } catch (e) { res.replaceChildren(aviso((e as ErrorApp).message)); }
      };
      s.replaceChildren(h("h2", { id: "t-honorarios-revisar" }, "Honorarios por revisar"), res,
        v.length ? tabla(["N.º", "Proceso", "Abogado", "Recuperado", "Honorarios", "Expediente", ""], v.map((k) => [
          String(k.id), k.proceso, k.abogado_nombres, usd(k.recuperado), usd(k.valor),
          k.completo && k.verificado ? "completo y verificado" : k.observaciones.join("; "),
          h("span", { class: "acciones" },
            h("button", { type: "button", id: `aprobar-honorario-${k.id}`, onclick: decidir(k.id, true) }, "Aprobar"),
            h("input", { id: `motivo-honorario-${k.id}`, "aria-label": `Motivo para rechazar los honorarios ${k.id}`, placeholder: "motivo del rechazo" }),
            h("button", { type: "button", onclick: decidir(k.id, false) }, "Rechazar"))]), "Honorarios por revisar")
          : h("p", {}, "No hay solicitudes de honorarios por revisar."));
    } catch (e) { s.replaceChildren(aviso((e as ErrorApp).message)); }
  })();
  return s;
}

function formularioClave(c: HTMLElement): void {
  const f = h("form", { class: "tarjeta", "aria-labelledby": "t-clave" }, h("h1", { id: "t-clave" }, "Cambiar mi clave"),
    campo("clave-actual", "Clave actual", { type: "password", required: true, autocomplete: "current-password" }),
    campo("clave-nueva", "Clave nueva (10 caracteres o más)", { type: "password", required: true, autocomplete: "new-password" }),
    campo("clave-nueva2", "Repita la clave nueva", { type: "password", required: true, autocomplete: "new-password" }),
    h("div", { id: "mensaje-clave", "aria-live": "polite" }),
    h("button", { type: "submit", class: "primario" }, "Cambiar"));
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const m = f.querySelector("#mensaje-clave")!;
    if (valor(f, "clave-nueva") !== valor(f, "clave-nueva2")) { m.replaceChildren(aviso("las dos claves nuevas no coinciden")); return; }
    try {
      await api.cambiarClave(valor(f, "clave-actual"), valor(f, "clave-nueva"));
      f.reset();
      m.replaceChildren(aviso("Clave cambiada.", "ok"));
    } catch (e) { m.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  c.className = "";
  c.replaceChildren(f);
  (f.querySelector("input") as HTMLInputElement).focus();
}

async function arrancar(): Promise<void> {
  try {
    const e = await api.estadoInicial();
    if (!e.inicializada) pantallaCrear();
    else if (e.sesion) await pantallaInicio(e.sesion);
    else pantallaIngreso(e.unidad?.nombre ?? "Coactiva");
  } catch (err) {
    montar(h("main", { class: "centrado" }, aviso(`No se pudo abrir la base de datos: ${(err as ErrorApp).message}`)));
  }
}

// The session ended under the clerk (the Jefe deactivated the user): the login screen says why.
window.addEventListener("sesion-terminada", (ev) => {
  const motivo = (ev as CustomEvent<string>).detail;
  void api.estadoInicial().then((e) => {
    if (e.inicializada && !e.sesion) pantallaIngreso(e.unidad?.nombre ?? "Coactiva", motivo);
  }).catch(() => undefined);
});

void arrancar();
