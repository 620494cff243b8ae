//! `coactiva tasas …`: the dated table of annual mora rates.

use clap::Subcommand;
use coactiva::liquidacion::TasaAnual;
use coactiva::{fechas, tasas, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenTasas {
    /// Registra la tasa anual de interés de mora vigente desde una fecha (una corrección es otra desde la misma fecha)
    Agregar {
        #[arg(long, value_name = "FECHA")]
        desde: String,
        /// Porcentaje anual, p. ej. 9,53
        #[arg(long, value_name = "PORCENTAJE")]
        anual: String,
    },
    /// Lista las tasas registradas
    Listar,
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenTasas,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenTasas::Agregar { desde, anual } => {
            let desde = fechas::parse_fecha(&desde)?;
            let anual = TasaAnual::parse(&anual)?;
            let r = tasas::agregar(store, actor, desde, anual)?;
            if como_json {
                salida::json(&r);
            } else {
                out!(
                    "Tasa anual de {} % registrada desde el {}.",
                    anual.texto(),
                    fechas::corta(desde)
                );
            }
        }
        OrdenTasas::Listar => {
            actor.exigir(coactiva::usuarios::Accion::Consultar)?;
            let v = tasas::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Desde", "Tasa anual", "Registrada por", "Estado"],
                    v.iter().map(|t| {
                        vec![
                            fechas::corta(t.desde),
                            format!("{} %", t.anual.replace('.', ",")),
                            t.registrada_por.clone(),
                            if t.reemplazada {
                                "reemplazada por una corrección"
                            } else {
                                "vigente"
                            }
                            .to_string(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
