// The expediente's goods after the embargo: the perito's avalúo, the remate (call,
// publications, posturas, acta, adjudicación), the depositario's reports and the storage
// contracts. Every rule is the core's: the forms only gather what the clerk has in hand.
import { api, type Avaluo, type Bien, type Bodegaje, type Custodia, type ErrorApp, type Remate } from "./api";
import { aviso, campo, fechaCorta, h, leerArchivo, tabla, usd, valor, cuantos } from "./dom";

const enCustodia = ["en_deposito", "avaluado", "en_remate", "rematado"];
const nombreEstado: Record<string, string> = { convocado: "convocado", rematado: "rematado (falta la adjudicación)", desierto: "desierto", adjudicado: "adjudicado" };

function casillas(id: string, clase: string, bienes: Bien[]): HTMLElement {
  return h("fieldset", { class: "fila", id },
    h("legend", {}, "Bienes"),
    ...bienes.map((b) => h("label", { class: "casilla" }, h("input", { type: "checkbox", value: String(b.id), class: clase }), ` ${b.id}: ${b.descripcion}`)));
}

function marcados(form: HTMLElement, clase: string): number[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>(`.${clase}:checked`)).map((x) => Number(x.value));
}

async function pdfExigido(id: string, que: string): Promise<Uint8Array> {
  const f = await leerArchivo(document.getElementById(id) as HTMLInputElement);
  if (!f) throw { code: "entrada_invalida", message: `adjunte ${que} en PDF` } as ErrorApp;
  return f.bytes;
}

const archivo = (id: string, etiqueta: string) =>
  h("div", { class: "campo" }, h("label", { for: id }, etiqueta), h("input", { type: "file", id, accept: "application/pdf,.pdf" }));

/** One remate as the clerk follows it: its call, publications, posturas, acta and adjudicación. */
function tarjetaRemate(r: Remate, descripcion: (id: number) => string): HTMLElement {
  const ganadora = r.cierre?.postura ? r.posturas.find((p) => p.id === r.cierre?.postura) : undefined;
  return h("article", { class: "tarjeta remate", id: `remate-${r.id}`, "aria-labelledby": `t-remate-${r.id}` },
    h("h4", { id: `t-remate-${r.id}` }, `Remate N.º ${r.id}: ${nombreEstado[r.estado] ?? r.estado}`),
    h("p", {}, `El ${fechaCorta(r.fecha)} a las ${r.hora} en ${r.lugar}. Avalúo ${usd(r.avaluo)}; base (${r.porcentaje}) ${usd(r.base)}.`),
    h("p", {}, `Bienes: ${r.bienes.map(descripcion).join("; ")}.`),
    r.publicaciones.length
      ? tabla(["Publicado el", "Medio", "Detalle"], r.publicaciones.map((p) => [fechaCorta(p.fecha), p.medio, p.detalle ?? ""]), `Publicaciones del remate ${r.id}`)
      : h("p", {}, "Aún no se ha publicado el aviso."),
    r.posturas.length
      ? tabla(["Postor", "Identificación", "Oferta", "Depósito", "Fecha", ""], r.posturas.map((p) => [p.postor, p.identificacion, usd(p.valor), usd(p.deposito), fechaCorta(p.fecha),
          ganadora?.id === p.id ? "ganadora" : ""]), `Posturas del remate ${r.id}`)
      : h("p", {}, "Sin posturas."),
    r.cierre ? h("p", {}, `Acta del ${fechaCorta(r.cierre.fecha)}: ${r.cierre.resultado === "desierto" ? "remate declarado desierto; los bienes pueden convocarse de nuevo." : `rematado a ${ganadora?.postor ?? ""} por ${usd(ganadora?.valor ?? "0")}.`}`) : null,
    r.adjudicacion ? h("p", { class: "adjudicacion" }, `Adjudicado el ${fechaCorta(r.adjudicacion.fecha)} (depósito ${r.adjudicacion.referencia}): ${usd(r.adjudicacion.aplicado)} aplicados a la deuda${r.adjudicacion.sobrante !== "0.00" ? `; sobrante para el coactivado ${usd(r.adjudicacion.sobrante)}` : ""}.`) : null);
}

/**
 * The «Avalúo y remate» and «Custodia» parts of the goods section. `recargar` re-renders the
 * whole expediente; messages go to the goods section's `resultado-bienes`.
 */
export async function seccionesRemate(numero: string, etapa: string, bs: Bien[], recargar: () => Promise<void>): Promise<HTMLElement[]> {
  const falla = (e: unknown) => document.getElementById("resultado-bienes")?.replaceChildren(aviso((e as ErrorApp).message));
  const listo = async (texto: string, ruta?: string) => {
    await recargar();
    document.getElementById("resultado-accion")?.replaceChildren(aviso(texto, "ok"));
    if (ruta) await (await import("./vista")).vistaPrevia(ruta);
  };
  const [avaluos, remates, bodegajes, custodias]: [Avaluo[], Remate[], Bodegaje[], Custodia[]] = await Promise.all([
    api.avaluosListar(numero), api.rematesListar(numero), api.bodegajesListar(numero), api.custodiasListar().catch(() => [] as Custodia[])]);
  const descripcion = (id: number) => `${id} (${bs.find((b) => b.id === id)?.descripcion ?? ""})`;
  const despuesDelEmbargo = ["embargo", "avaluo", "remate"].includes(etapa);

  // Avalúo: a perito's value and report (foliated) for a bien in deposit.
  const avaluables = bs.filter((b) => b.estado === "en_deposito" || b.estado === "avaluado");
  const bienAvaluo = h("select", { id: "avaluo-bien" }, ...avaluables.map((b) => h("option", { value: String(b.id) }, `${b.id}: ${b.descripcion}`)));
  const avaluar = h("form", { class: "fila", id: "form-avaluo", "aria-label": "Registrar un avalúo" },
    h("div", { class: "campo" }, h("label", { for: "avaluo-bien" }, "Bien"), bienAvaluo),
    campo("avaluo-perito", "Cédula del perito", { required: true, inputmode: "numeric" }),
    campo("avaluo-nombres", "Nombres del perito", { required: true }),
    campo("avaluo-fecha", "Fecha del informe (dd/mm/aaaa)", { required: true }),
    campo("avaluo-valor", "Valor del avalúo (USD)", { required: true, inputmode: "decimal" }),
    archivo("avaluo-informe", "Informe del perito en PDF (se folia)"),
    h("button", { type: "submit", id: "registrar-avaluo" }, "Registrar el avalúo"));
  avaluar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const a = await api.avaluoRegistrar({ bien: Number(bienAvaluo.value), perito: valor(avaluar, "avaluo-perito").trim(), perito_nombres: valor(avaluar, "avaluo-nombres"),
        fecha: valor(avaluar, "avaluo-fecha"), valor: valor(avaluar, "avaluo-valor"), informe: await pdfExigido("avaluo-informe", "el informe del perito") });
      await listo(`Avalúo del bien ${a.bien} por ${usd(a.valor)} registrado; el informe del perito quedó foliado.`);
    } catch (e) { falla(e); }
  });

  // Remate: convoked over avaluado goods; then publications, posturas, the acta, the adjudicación.
  const convocables = bs.filter((b) => b.estado === "avaluado");
  const convocar = h("form", { class: "fila", id: "form-convocar", "aria-label": "Convocar a remate" },
    casillas("convocar-bienes", "convocar-bien", convocables),
    campo("convocar-fecha", "Día del remate (dd/mm/aaaa)", { required: true }),
    campo("convocar-hora", "Hora (10:00)", { required: true, placeholder: "10:00" }),
    campo("convocar-lugar", "Lugar", { required: true }),
    h("button", { type: "submit", id: "convocar-remate" }, "Convocar a remate"));
  convocar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await api.remateConvocar(numero, { bienes: marcados(convocar, "convocar-bien"), fecha: valor(convocar, "convocar-fecha"), hora: valor(convocar, "convocar-hora"), lugar: valor(convocar, "convocar-lugar") });
      await listo(`Remate N.º ${r.id} convocado para el ${fechaCorta(r.fecha)}: base ${usd(r.base)} (${r.porcentaje} del avalúo de ${usd(r.avaluo)}).`);
    } catch (e) { falla(e); }
  });

  const abiertos = remates.filter((r) => r.estado === "convocado");
  const porAdjudicar = remates.filter((r) => r.estado === "rematado");
  const cual = (id: string, lista: Remate[]) =>
    h("div", { class: "campo" }, h("label", { for: id }, "Remate"), h("select", { id }, ...lista.map((r) => h("option", { value: String(r.id) }, `N.º ${r.id} del ${fechaCorta(r.fecha)}`))));
  const elegido = (id: string) => Number((document.getElementById(id) as HTMLSelectElement).value);

  const publicar = h("form", { class: "fila", id: "form-publicar", "aria-label": "Registrar una publicación del aviso" },
    cual("publicar-cual", abiertos),
    campo("publicar-fecha", "Publicado el (dd/mm/aaaa)", { required: true }),
    campo("publicar-medio", "Medio (diario, página web)", { required: true }),
    campo("publicar-detalle", "Detalle (edición, página)", {}),
    h("button", { type: "submit", id: "registrar-publicacion" }, "Registrar la publicación"));
  publicar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await api.rematePublicar(elegido("publicar-cual"), valor(publicar, "publicar-fecha"), valor(publicar, "publicar-medio"), valor(publicar, "publicar-detalle").trim() || null);
      await listo(`Publicación registrada: el remate N.º ${r.id} tiene ${cuantos(r.publicaciones.length, "publicación", "publicaciones")}.`);
    } catch (e) { falla(e); }
  });

  const postura = h("form", { class: "fila", id: "form-postura", "aria-label": "Registrar una postura" },
    cual("postura-cual", abiertos),
    campo("postura-postor", "Postor (nombres)", { required: true }),
    campo("postura-identificacion", "Cédula o RUC del postor", { required: true, inputmode: "numeric" }),
    campo("postura-valor", "Oferta (USD)", { required: true, inputmode: "decimal" }),
    campo("postura-deposito", "Depósito (USD)", { required: true, inputmode: "decimal" }),
    campo("postura-fecha", "Presentada el (dd/mm/aaaa)", { required: true }),
    h("button", { type: "submit", id: "registrar-postura" }, "Registrar la postura"));
  postura.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await api.rematePostura(elegido("postura-cual"), { postor: valor(postura, "postura-postor"), identificacion: valor(postura, "postura-identificacion").trim(),
        valor: valor(postura, "postura-valor"), deposito: valor(postura, "postura-deposito"), fecha: valor(postura, "postura-fecha") });
      await listo(`Postura registrada: el remate N.º ${r.id} tiene ${cuantos(r.posturas.length, "postura", "posturas")}.`);
    } catch (e) { falla(e); }
  });

  const realizar = h("form", { class: "fila", id: "form-realizar", "aria-label": "Realizar el remate" },
    cual("realizar-cual", abiertos),
    campo("realizar-fecha", "Fecha del acta (dd/mm/aaaa)", { required: true }),
    h("button", { type: "submit", id: "realizar-remate" }, "Realizar el remate y emitir el acta"));
  realizar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const [r, ruta] = await api.remateRealizar(elegido("realizar-cual"), valor(realizar, "realizar-fecha"));
      const g = r.posturas.find((p) => p.id === r.cierre?.postura);
      await listo(r.estado === "desierto"
        ? `Remate N.º ${r.id} declarado desierto; el acta se guardó en ${ruta} y se folió. Los bienes pueden convocarse de nuevo.`
        : `Remate N.º ${r.id}: la mejor postura es de ${g?.postor ?? ""} por ${usd(g?.valor ?? "0")}; el acta se guardó en ${ruta} y se folió.`, ruta);
    } catch (e) { falla(e); }
  });

  const adjudicar = h("form", { class: "fila", id: "form-adjudicar", "aria-label": "Adjudicar" },
    cual("adjudicar-cual", porAdjudicar),
    campo("adjudicar-fecha", "Fecha (dd/mm/aaaa)", { required: true }),
    campo("adjudicar-referencia", "Depósito con que el postor pagó el precio", { required: true }),
    h("button", { type: "submit", id: "adjudicar-remate" }, "Adjudicar y aplicar el precio a la deuda"));
  adjudicar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await api.remateAdjudicar(elegido("adjudicar-cual"), valor(adjudicar, "adjudicar-fecha"), valor(adjudicar, "adjudicar-referencia"));
      const a = r.adjudicacion;
      await listo(`Remate N.º ${r.id} adjudicado: ${usd(a?.aplicado ?? "0")} aplicados como pago al proceso${a && a.sobrante !== "0.00" ? `; sobrante para el coactivado ${usd(a.sobrante)}` : ""}.`);
    } catch (e) { falla(e); }
  });

  const remate = h("section", { id: "remate-expediente", "aria-labelledby": "t-remate" },
    h("h3", { id: "t-remate" }, "Avalúo y remate"),
    avaluos.length
      ? tabla(["Bien", "Perito", "Fecha", "Valor"], avaluos.map((a) => [descripcion(a.bien), `${a.perito_nombres} (${a.perito})`, fechaCorta(a.fecha), usd(a.valor)]), "Avalúos")
      : h("p", { id: "sin-avaluos" }, "No hay avalúos registrados."),
    despuesDelEmbargo && avaluables.length ? avaluar : null,
    ...remates.map((r) => tarjetaRemate(r, descripcion)),
    ["avaluo", "remate"].includes(etapa) && convocables.length ? convocar : null,
    abiertos.length ? h("div", {}, publicar, postura, realizar) : null,
    porAdjudicar.length ? adjudicar : null);

  // Custodia: the depositario's periodic reports, and storage contracts whose cost is a costa.
  const mias = custodias.filter((c) => c.proceso === numero);
  const guardados = bs.filter((b) => b.estado && enCustodia.includes(b.estado));
  const depInforme = h("select", { id: "informe-depositario" }, ...mias.map((c) => h("option", { value: c.depositario }, `${c.nombres} (${c.depositario})`)));
  const informar = h("form", { class: "fila", id: "form-informe", "aria-label": "Registrar el informe del depositario" },
    h("div", { class: "campo" }, h("label", { for: "informe-depositario" }, "Depositario"), depInforme),
    campo("informe-fecha", "Fecha del informe (dd/mm/aaaa)", { required: true }),
    campo("informe-detalle", "Estado de los bienes según el informe", { required: true }),
    campo("informe-incidente", "Incidente (daño, pérdida; vacío si no hubo)", {}),
    archivo("informe-documento", "Informe en PDF (se folia)"),
    h("button", { type: "submit", id: "registrar-informe" }, "Registrar el informe"));
  informar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const i = await api.depositarioInforme(numero, { depositario: depInforme.value, fecha: valor(informar, "informe-fecha"), detalle: valor(informar, "informe-detalle"),
        incidente: valor(informar, "informe-incidente").trim() || null, documento: await pdfExigido("informe-documento", "el informe del depositario") });
      await listo(`Informe del depositario del ${fechaCorta(i.fecha)} registrado y foliado.`);
    } catch (e) { falla(e); }
  });
  const contratar = h("form", { class: "fila", id: "form-bodegaje", "aria-label": "Registrar un contrato de bodegaje" },
    casillas("bodegaje-bienes", "bodegaje-bien", guardados),
    campo("bodegaje-proveedor", "Proveedor", { required: true }),
    campo("bodegaje-identificacion", "RUC o cédula del proveedor", { required: true, inputmode: "numeric" }),
    campo("bodegaje-desde", "Desde (dd/mm/aaaa)", { required: true }),
    campo("bodegaje-hasta", "Hasta (dd/mm/aaaa)", { required: true }),
    campo("bodegaje-costo", "Costo (USD)", { required: true, inputmode: "decimal" }),
    archivo("bodegaje-contrato", "Contrato o factura en PDF (se folia)"),
    h("button", { type: "submit", id: "registrar-bodegaje" }, "Registrar el contrato"));
  contratar.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const b = await api.bodegajeRegistrar(numero, { proveedor: valor(contratar, "bodegaje-proveedor"), identificacion: valor(contratar, "bodegaje-identificacion").trim(),
        bienes: marcados(contratar, "bodegaje-bien"), desde: valor(contratar, "bodegaje-desde"), hasta: valor(contratar, "bodegaje-hasta"), costo: valor(contratar, "bodegaje-costo"),
        contrato: await pdfExigido("bodegaje-contrato", "el contrato o la factura") });
      await listo(`Contrato de bodegaje con ${b.proveedor} por ${usd(b.costo)} registrado: es una costa del proceso y espera la aprobación del jefe.`);
    } catch (e) { falla(e); }
  });
  const custodia = h("section", { id: "custodia-expediente", "aria-labelledby": "t-custodia" },
    h("h3", { id: "t-custodia" }, "Custodia de los bienes"),
    mias.length
      ? tabla(["Depositario", "Bienes", "En custodia desde", "Último informe", "Próximo informe"], mias.map((c) => [c.nombres, String(c.bienes), fechaCorta(c.desde),
          c.ultimo_informe ? fechaCorta(c.ultimo_informe) : "ninguno", c.dias_atraso > 0 ? `${fechaCorta(c.vence)} (atrasado ${cuantos(c.dias_atraso, "día", "días")})` : fechaCorta(c.vence)]), "Depositarios del proceso")
      : h("p", {}, "Ningún depositario tiene bienes de este proceso."),
    bodegajes.length
      ? tabla(["Proveedor", "Bienes", "Período", "Costo", "Costa"], bodegajes.map((b) => [`${b.proveedor} (${b.identificacion})`, b.bienes.join(", "),
          `${fechaCorta(b.desde)} a ${fechaCorta(b.hasta)}`, usd(b.costo), b.estado_costa]), "Contratos de bodegaje")
      : h("p", { id: "sin-bodegajes" }, "No hay contratos de bodegaje."),
    mias.length ? informar : null,
    guardados.length ? contratar : null);
  return [remate, custodia];
}
