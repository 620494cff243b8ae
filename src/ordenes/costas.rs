//! `coactiva costas …`: costas and gastos of a proceso, and the Jefe's decision on each.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::dinero::importe;
use coactiva::{costas, fechas, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenCostas {
    /// Registra un gasto con su comprobante (se folia); cuenta en la liquidación cuando el jefe lo aprueba
    Registrar {
        numero: String,
        /// publicacion, perito, bodegaje, movilizacion u otro
        #[arg(long)]
        concepto: String,
        #[arg(long)]
        descripcion: String,
        #[arg(long, value_name = "VALOR")]
        valor: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        comprobante: PathBuf,
    },
    /// Aprueba un gasto (solo el jefe)
    Aprobar { id: i64 },
    /// Rechaza un gasto con su motivo (solo el jefe)
    Rechazar {
        id: i64,
        #[arg(long)]
        motivo: String,
    },
    /// Lista los gastos de un proceso y su estado
    Listar { numero: String },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenCostas,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenCostas::Registrar {
            numero,
            concepto,
            descripcion,
            valor,
            fecha,
            comprobante,
        } => {
            let valor = importe(&valor)?;
            let bytes = super::leer_archivo(&comprobante, "el comprobante")?;
            let id = costas::registrar(
                store,
                actor,
                &costas::Nueva {
                    proceso: numero,
                    fecha: fechas::parse_fecha(&fecha)?,
                    concepto,
                    descripcion,
                    valor,
                    comprobante: bytes,
                },
            )?;
            if como_json {
                salida::json(&serde_json::json!({ "id": id }));
            } else {
                out!("Gasto {id} registrado y su comprobante foliado; espera la aprobación del jefe.");
            }
        }
        OrdenCostas::Aprobar { id } => {
            costas::decidir(store, actor, id, true, None)?;
            out!("Gasto {id} aprobado: cuenta en la liquidación.");
        }
        OrdenCostas::Rechazar { id, motivo } => {
            costas::decidir(store, actor, id, false, Some(&motivo))?;
            out!("Gasto {id} rechazado.");
        }
        OrdenCostas::Listar { numero } => {
            let v = costas::listar(store, actor, &numero)?;
            if como_json {
                salida::json(&v);
            } else {
                let f = coactiva::unidad::exigir(store)?.formato_importe;
                salida::tabla(
                    &["N.º", "Fecha", "Concepto", "Descripción", "Valor", "Estado"],
                    v.iter().map(|c| {
                        vec![
                            c.id.to_string(),
                            fechas::corta(c.fecha),
                            c.concepto.clone(),
                            c.descripcion.clone(),
                            format!("USD {}", c.valor.agrupado(f)),
                            match &c.motivo {
                                Some(m) => format!("{}: {m}", c.estado),
                                None => c.estado.clone(),
                            },
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
