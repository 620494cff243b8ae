//! `coactiva pagos …`: payments and abonos on a proceso or título.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::dinero::importe;
use coactiva::{fechas, pagos, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenPagos {
    /// Registra un pago o abono (en un proceso, o en un título aún sin proceso)
    Registrar {
        /// Número del proceso o del título
        numero: String,
        #[arg(long, value_name = "VALOR")]
        valor: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// deposito, transferencia, cheque o ventanilla
        #[arg(long)]
        forma: String,
        /// Número del depósito, transferencia, cheque o comprobante
        #[arg(long)]
        referencia: String,
        /// El comprobante en PDF: se folia en el expediente
        #[arg(long, value_name = "ARCHIVO.pdf")]
        comprobante: Option<PathBuf>,
    },
    /// Lista los pagos de un proceso o título, con su imputación
    Listar { numero: String },
    /// Anula un pago con su motivo (queda registrado; solo el jefe)
    Anular {
        id: i64,
        #[arg(long)]
        motivo: String,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenPagos,
    como_json: bool,
) -> Res<u8> {
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    let m = |c: coactiva::dinero::Centavos| format!("USD {}", c.agrupado(f));
    match o {
        OrdenPagos::Registrar {
            numero,
            valor,
            fecha,
            forma,
            referencia,
            comprobante,
        } => {
            let valor = importe(&valor)?;
            let comprobante = comprobante
                .map(|r| super::leer_archivo(&r, "el comprobante"))
                .transpose()?;
            let p = pagos::registrar(
                store,
                actor,
                &pagos::Nuevo {
                    numero,
                    valor,
                    fecha: fechas::parse_fecha(&fecha)?,
                    forma,
                    referencia,
                    comprobante,
                },
            )?;
            if como_json {
                salida::json(&p);
            } else {
                out!(
                    "Pago {} de {} registrado el {}: costas {}, honorarios {}, intereses {}, capital {}.",
                    p.id,
                    m(p.valor),
                    fechas::corta(p.fecha),
                    m(p.costas),
                    m(p.honorarios),
                    m(p.intereses),
                    m(p.capital)
                );
            }
        }
        OrdenPagos::Listar { numero } => {
            let v = pagos::listar(store, actor, &numero)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Fecha",
                        "Valor",
                        "Forma",
                        "Referencia",
                        "Intereses",
                        "Capital",
                        "Estado",
                    ],
                    v.iter().map(|p| {
                        vec![
                            p.id.to_string(),
                            fechas::corta(p.fecha),
                            m(p.valor),
                            p.forma.clone(),
                            p.referencia.clone(),
                            m(p.intereses),
                            m(p.capital),
                            match (p.anula, p.anulado) {
                                (Some(a), _) => format!(
                                    "anula el pago {a}: {}",
                                    p.motivo.clone().unwrap_or_default()
                                ),
                                (None, true) => "anulado".into(),
                                _ => "vigente".into(),
                            },
                        ]
                    }),
                );
            }
        }
        OrdenPagos::Anular { id, motivo } => {
            pagos::anular(store, actor, id, &motivo)?;
            out!("Pago {id} anulado; la anulación queda registrada con su motivo.");
        }
    }
    Ok(0)
}
