//! `coactiva configuracion …`: the unit's settings.

use clap::Subcommand;
use coactiva::{configuracion, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenConfiguracion {
    /// Muestra los ajustes
    Listar,
    /// Cambia un ajuste
    Cambiar { clave: String, valor: String },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenConfiguracion,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenConfiguracion::Listar => {
            let v = configuracion::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Ajuste", "Valor", "Qué es"],
                    v.iter()
                        .map(|a| vec![a.clave.clone(), a.valor.clone(), a.descripcion.clone()]),
                );
            }
        }
        OrdenConfiguracion::Cambiar { clave, valor } => {
            configuracion::cambiar(store, actor, &clave, &valor)?;
            out!("Ajuste {clave} = {valor}.");
        }
    }
    Ok(0)
}
