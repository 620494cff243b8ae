// Configuración (jefe): the unit's settings and the holidays of the year.
import { api, type ErrorApp } from "./api";
import { aviso, campo, fechaCorta, h, tabla, valor } from "./dom";

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
  const usuarios = h("section", { id: "usuarios" });
  async function cargarUsuarios(): Promise<void> {
    const v = await api.usuariosListar();
    usuarios.replaceChildren(h("h2", {}, "Usuarios y roles"),
      tabla(["Usuario", "Nombres", "Rol", "Estado"], v.map((u) => [u.usuario, u.nombres, u.rol, !u.activo ? "desactivado" : u.bloqueado_hasta ? "bloqueado" : "activo"]), "Usuarios"));
  }
  const rol = h("select", { id: "us-rol" }, ...["secretario", "abogado", "citador", "consulta", "jefe"].map((r) => h("option", { value: r }, r)));
  const nuevo = h("form", { class: "tarjeta", "aria-labelledby": "t-nuevo-usuario" }, h("h3", { id: "t-nuevo-usuario" }, "Agregar un usuario"),
    campo("us-usuario", "Usuario", { required: true }), campo("us-nombres", "Nombres", { required: true }),
    h("div", { class: "campo" }, h("label", { for: "us-rol" }, "Rol"), rol),
    campo("us-clave", "Clave inicial (8 caracteres o más)", { type: "password", required: true, minlength: "8" }),
    h("button", { type: "submit" }, "Agregar"));
  nuevo.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api.usuarioAgregar({ usuario: valor(nuevo, "us-usuario"), nombres: valor(nuevo, "us-nombres"), rol: rol.value, clave: valor(nuevo, "us-clave") });
      nuevo.reset();
      mensajes.replaceChildren(aviso("Usuario agregado.", "ok"));
      await cargarUsuarios();
    } catch (e) { mensajes.replaceChildren(aviso((e as ErrorApp).message)); }
  });
  await cargarUsuarios();
  c.replaceChildren(h("h1", {}, "Configuración"), mensajes, usuarios, nuevo,
    tabla(["Ajuste", "Valor", ""], filas, "Ajustes de la unidad"),
    h("h2", {}, `Feriados ${anio}`), tabla(["Fecha", "Feriado"], feriados.map((f) => [fechaCorta(f.fecha), f.nombre]), "Feriados"),
    h("p", {}, "Los feriados provinciales o decretados se agregan con «coactiva calendario agregar»."));
}
