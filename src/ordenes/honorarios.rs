//! `coactiva honorarios …`: the external abogados' honorarios and the Jefe's review.

use clap::Subcommand;
use coactiva::{fechas, honorarios, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenHonorarios {
    /// Solicita los honorarios de lo recuperado desde la última solicitud (abogados externos)
    Solicitar { numero: String },
    /// Aprueba una solicitud (solo el jefe); luego se imprime la orden de pago de honorarios
    Aprobar { id: i64 },
    /// Rechaza una solicitud con su motivo (solo el jefe)
    Rechazar {
        id: i64,
        #[arg(long)]
        motivo: String,
    },
    /// Lista las solicitudes (de un proceso, o de la unidad), con la revisión del expediente
    Listar {
        numero: Option<String>,
        /// Solo las que esperan la decisión del jefe
        #[arg(long)]
        pendientes: bool,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenHonorarios,
    como_json: bool,
) -> Res<u8> {
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    let m = |c: coactiva::dinero::Centavos| format!("USD {}", c.agrupado(f));
    let una = |h: &honorarios::Honorario| {
        if como_json {
            salida::json(h);
        }
    };
    match o {
        OrdenHonorarios::Solicitar { numero } => {
            let h = honorarios::solicitar(store, actor, &numero)?;
            una(&h);
            if !como_json {
                out!(
                    "Solicitud {} del proceso {}: {} de honorarios ({} % de {} recuperados); espera la revisión del jefe.",
                    h.id,
                    h.proceso,
                    m(h.valor),
                    h.porcentaje.replace('.', ","),
                    m(h.recuperado)
                );
            }
        }
        OrdenHonorarios::Aprobar { id } => {
            let h = honorarios::decidir(store, actor, id, true, None)?;
            una(&h);
            if !como_json {
                out!(
                    "Solicitud {id} aprobada: {} para {}. Imprima la orden de pago de honorarios del proceso {}.",
                    m(h.valor),
                    h.abogado_nombres,
                    h.proceso
                );
            }
        }
        OrdenHonorarios::Rechazar { id, motivo } => {
            let h = honorarios::decidir(store, actor, id, false, Some(&motivo))?;
            una(&h);
            if !como_json {
                out!("Solicitud {id} rechazada.");
            }
        }
        OrdenHonorarios::Listar { numero, pendientes } => {
            let v = honorarios::listar(store, actor, numero.as_deref(), pendientes)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay solicitudes de honorarios.");
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Proceso",
                        "Abogado",
                        "Fecha",
                        "Recuperado",
                        "Honorarios",
                        "Estado",
                        "Expediente",
                    ],
                    v.iter().map(|h| {
                        vec![
                            h.id.to_string(),
                            h.proceso.clone(),
                            h.abogado_nombres.clone(),
                            fechas::corta(h.fecha),
                            m(h.recuperado),
                            m(h.valor),
                            match &h.motivo {
                                Some(x) => format!("{}: {x}", h.estado),
                                None => h.estado.clone(),
                            },
                            if h.verificado && h.completo {
                                "completo y verificado".into()
                            } else {
                                h.observaciones.join("; ")
                            },
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
