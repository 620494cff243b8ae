//! `coactiva titulos …`: importing and listing títulos de crédito.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::titulos::{self, importar, EstadoTitulo};
use coactiva::{fechas, unidad, Actor, Error, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenTitulos {
    /// Importa títulos desde un CSV o XLSX; si alguna fila tiene errores no importa nada
    Importar {
        archivo: PathBuf,
        /// Solo valida, sin escribir
        #[arg(long)]
        simular: bool,
    },
    /// Lista los títulos
    Listar {
        /// por_sortear, asignado, en_proceso o anulado
        #[arg(long)]
        estado: Option<String>,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenTitulos,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenTitulos::Importar { archivo, simular } => {
            return match importar::importar(store, actor, &archivo, simular) {
                Ok(inf) => {
                    salida::informe(&inf, como_json);
                    Ok(0)
                }
                Err(Error::Importacion(inf)) => {
                    salida::informe(&inf, como_json);
                    Ok(2)
                }
                Err(e) => Err(e.into()),
            };
        }
        OrdenTitulos::Listar { estado } => {
            let estado = estado.as_deref().map(EstadoTitulo::parse).transpose()?;
            let v = titulos::listar(store, estado)?;
            if como_json {
                salida::json(&v);
            } else {
                let formato = unidad::exigir(store)?.formato_importe;
                salida::tabla(
                    &[
                        "Número",
                        "Emisión",
                        "Identificación",
                        "Obligado",
                        "Total",
                        "Estado",
                    ],
                    v.iter().map(|t| {
                        vec![
                            t.numero.clone(),
                            fechas::corta(t.fecha_emision),
                            t.identificacion.clone(),
                            t.obligado.clone(),
                            t.total.agrupado(formato),
                            t.estado.como_texto().into(),
                        ]
                    }),
                );
                out!(
                    "{}.",
                    coactiva::texto::cuantos(v.len() as i64, "título", "títulos")
                );
            }
        }
    }
    Ok(0)
}
