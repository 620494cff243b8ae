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
