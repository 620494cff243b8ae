//! `coactiva usuarios …`: the application's users.

use clap::Subcommand;
use coactiva::{usuarios, Actor, Rol, Store};

use crate::salida;
use crate::{clave, Res};

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenUsuarios {
    /// Agrega un usuario (su clave en COACTIVA_CLAVE_NUEVA o se pregunta)
    Agregar {
        usuario_nuevo: String,
        #[arg(long)]
        nombres: String,
        /// jefe, abogado, secretario, citador o consulta
        #[arg(long)]
        rol: String,
        /// Identificación del abogado, para un usuario con rol abogado (actúa solo en sus procesos)
        #[arg(long)]
        abogado: Option<String>,
    },
    /// Lista los usuarios
    Listar,
    /// Cambia una clave (la propia, o la de otro si es jefe); la nueva en COACTIVA_CLAVE_NUEVA o se pregunta
    Clave { usuario_objetivo: Option<String> },
    /// Corrige los nombres o el rol de un usuario (jefe)
    Editar {
        usuario_objetivo: String,
        #[arg(long)]
        nombres: Option<String>,
        /// jefe, abogado, secretario, citador o consulta
        #[arg(long)]
        rol: Option<String>,
        /// Identificación del abogado, para el rol abogado
        #[arg(long)]
        abogado: Option<String>,
    },
    /// Impide que el usuario ingrese; su historia se conserva (jefe)
    Desactivar { usuario_objetivo: String },
    /// Permite de nuevo que el usuario ingrese (jefe)
    Activar { usuario_objetivo: String },
    /// Registra el género de su cargo en los documentos (Citadora-Notificadora): femenino o masculino
    Genero {
        usuario_objetivo: String,
        genero: String,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenUsuarios,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenUsuarios::Editar {
            usuario_objetivo,
            nombres,
            rol,
            abogado,
        } => {
            let rol = rol.map(|r| r.parse::<Rol>()).transpose()?;
            let u = editar(store, actor, &usuario_objetivo, |c| {
                if let Some(n) = nombres {
                    c.nombres = n;
                }
                if let Some(r) = rol {
                    c.rol = r;
                    if r != Rol::Abogado {
                        c.abogado = None;
                    }
                }
                if abogado.is_some() {
                    c.abogado = abogado;
                }
            })?;
            if como_json {
                salida::json(&u);
            } else {
                out!(
                    "Usuario {} ({}) con el rol {}.",
                    u.usuario,
                    u.nombres,
                    u.rol
                );
            }
        }
        OrdenUsuarios::Desactivar { usuario_objetivo } => {
            let u = editar(store, actor, &usuario_objetivo, |c| c.activo = false)?;
            out!(
                "Usuario {} desactivado: ya no puede ingresar; su historia se conserva.",
                u.usuario
            );
        }
        OrdenUsuarios::Activar { usuario_objetivo } => {
            let u = editar(store, actor, &usuario_objetivo, |c| c.activo = true)?;
            out!("Usuario {} activo: puede ingresar de nuevo.", u.usuario);
        }
        OrdenUsuarios::Genero {
            usuario_objetivo,
            genero,
        } => {
            let g = coactiva::cargos::Genero::parse(&genero)?;
            coactiva::cargos::registrar_genero(
                store,
                actor,
                coactiva::cargos::Persona::Usuario(&usuario_objetivo),
                g,
            )?;
            out!(
                "Género de {usuario_objetivo} registrado: {}.",
                g.como_texto()
            );
        }
        OrdenUsuarios::Agregar {
            usuario_nuevo,
            nombres,
            rol,
            abogado,
        } => {
            let rol: Rol = rol.parse()?;
            let c = clave(
                "COACTIVA_CLAVE_NUEVA",
                &format!("Clave para {usuario_nuevo}: "),
            )?;
            usuarios::agregar(
                store,
                actor,
                &usuario_nuevo,
                &nombres,
                rol,
                &c,
                abogado.as_deref(),
            )?;
            out!("Usuario {usuario_nuevo} creado con el rol {rol}.");
        }
        OrdenUsuarios::Listar => {
            let v = usuarios::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Usuario", "Nombres", "Rol", "Estado"],
                    v.iter().map(|u| {
                        vec![
                            u.usuario.clone(),
                            u.nombres.clone(),
                            u.rol.to_string(),
                            if !u.activo {
                                "desactivado".into()
                            } else if u.bloqueado_hasta.is_some() {
                                "bloqueado".into()
                            } else {
                                "activo".into()
                            },
                        ]
                    }),
                );
            }
        }
        OrdenUsuarios::Clave { usuario_objetivo } => {
            let objetivo = usuario_objetivo.unwrap_or_else(|| actor.usuario.clone());
            let nueva = clave(
                "COACTIVA_CLAVE_NUEVA",
                &format!("Clave nueva para {objetivo}: "),
            )?;
            let actual = std::env::var("COACTIVA_CLAVE").ok();
            usuarios::cambiar_clave(store, actor, &objetivo, actual.as_deref(), &nueva)?;
            out!("Clave de {objetivo} cambiada.");
        }
    }
    Ok(0)
}

/// The user's current data changed by `cambiar`, saved through the use case.
fn editar(
    store: &mut Store,
    actor: &Actor,
    usuario: &str,
    cambiar: impl FnOnce(&mut usuarios::CambioUsuario),
) -> Res<usuarios::Usuario> {
    let u = usuarios::listar(store)?
        .into_iter()
        .find(|u| u.usuario.eq_ignore_ascii_case(usuario.trim()))
        .ok_or_else(|| {
            coactiva::Error::NoEncontrado(format!("no existe el usuario «{usuario}»"))
        })?;
    let mut c = usuarios::CambioUsuario {
        nombres: u.nombres,
        rol: u.rol,
        activo: u.activo,
        abogado: u.abogado,
    };
    cambiar(&mut c);
    Ok(usuarios::editar(store, actor, &u.usuario, &c)?)
}
