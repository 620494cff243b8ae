// Configuración (jefe): the unit's settings and the holidays of the year.
import { api, type ErrorApp } from "./api";
import { aviso, fechaCorta, h, tabla } from "./dom";

export async function pantallaConfiguracion(c: HTMLElement): Promise<void> {
  const mensajes = h("div", { "aria-live": "polite" });
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
  c.replaceChildren(h("h1", {}, "Configuración"), mensajes,
    tabla(["Ajuste", "Valor", ""], filas, "Ajustes de la unidad"),
    h("h2", {}, `Feriados ${anio}`), tabla(["Fecha", "Feriado"], feriados.map((f) => [fechaCorta(f.fecha), f.nombre]), "Feriados"),
    h("p", {}, "Los feriados provinciales o decretados se agregan con «coactiva calendario agregar»."));
}
