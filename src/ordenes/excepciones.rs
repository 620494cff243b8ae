//! `coactiva excepciones …` and `coactiva deprecatorios …`: what the coactivado opposes and
//! what other units are commissioned to do.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::{deprecatorios, excepciones, fechas, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenExcepciones {
    /// Registra una excepción (ante el contencioso-administrativo) o una impugnación administrativa
    Registrar {
        numero: String,
        /// excepcion o impugnacion
        #[arg(long)]
        clase: String,
        /// Fecha de presentación (dd/mm/aaaa)
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long)]
        fundamento: String,
        /// Tribunal u órgano ante el que se presentó
        #[arg(long)]
        organo: String,
        /// Número de la causa
        #[arg(long)]
        causa: Option<String>,
        /// La excepción suspende el proceso (sus términos se detienen)
        #[arg(long)]
        suspende: bool,
    },
    /// Registra cómo se resolvió: aceptada, rechazada o desistida (el proceso se reanuda o se anula)
    Resolver {
        id: i64,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long)]
        resultado: String,
        #[arg(long)]
        detalle: Option<String>,
    },
    /// Las excepciones e impugnaciones de un proceso (o de todos)
    Listar { numero: Option<String> },
    /// Por estado, para los informes mensual y bimestral
    Informe {
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenDeprecatorios {
    /// Registra un deprecatorio enviado (desde un proceso de la unidad) o recibido de otra unidad
    Registrar {
        /// enviado o recibido
        #[arg(long)]
        sentido: String,
        /// El proceso de esta unidad (deprecatorio enviado)
        #[arg(long)]
        proceso: Option<String>,
        /// La otra unidad
        #[arg(long)]
        unidad: String,
        /// Referencia de la otra unidad (su proceso u oficio); obligatoria si se recibe
        #[arg(long)]
        referencia: Option<String>,
        /// citacion, embargo u otro
        #[arg(long)]
        pedido: String,
        #[arg(long)]
        detalle: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// El deprecatorio en PDF (se folia si es de un proceso de esta unidad)
        #[arg(long, value_name = "ARCHIVO.pdf")]
        archivo: Option<PathBuf>,
    },
    /// Registra una novedad: en_tramite, diligenciado o devuelto, con su documento
    Novedad {
        id: i64,
        #[arg(long)]
        estado: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long)]
        detalle: Option<String>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        archivo: Option<PathBuf>,
    },
    /// Los deprecatorios enviados desde un proceso (o todos, enviados y recibidos)
    Listar {
        #[arg(long)]
        proceso: Option<String>,
    },
}

fn tabla_excepciones(v: &[excepciones::Excepcion]) {
    salida::tabla(
        &[
            "N.º", "Proceso", "Clase", "Fecha", "Órgano", "Causa", "Suspende", "Estado",
        ],
        v.iter().map(|x| {
            vec![
                x.id.to_string(),
                x.proceso.clone(),
                x.clase.clone(),
                fechas::corta(x.fecha),
                x.organo.clone(),
                x.causa.clone().unwrap_or_default(),
                if x.suspende { "sí" } else { "no" }.into(),
                match &x.resolucion {
                    Some(r) => format!("{} el {}", r.resultado, fechas::corta(r.fecha)),
                    None => x.estado.clone(),
                },
            ]
        }),
    );
}

pub(crate) fn excepciones(
    store: &mut Store,
    actor: &Actor,
    o: OrdenExcepciones,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenExcepciones::Registrar {
            numero,
            clase,
            fecha,
            fundamento,
            organo,
            causa,
            suspende,
        } => {
            let x = excepciones::registrar(
                store,
                actor,
                &excepciones::Nueva {
                    numero,
                    clase,
                    fecha: fechas::parse_fecha(&fecha)?,
                    fundamento,
                    organo,
                    causa,
                    suspende,
                },
            )?;
            if como_json {
                salida::json(&x);
            } else {
                out!(
                    "{} {} registrada en el proceso {}{}.",
                    if x.clase == "impugnacion" {
                        "Impugnación"
                    } else {
                        "Excepción"
                    },
                    x.id,
                    x.proceso,
                    if x.suspende {
                        ": el proceso queda suspendido y sus términos se detienen"
                    } else {
                        ""
                    }
                );
            }
        }
        OrdenExcepciones::Resolver {
            id,
            fecha,
            resultado,
            detalle,
        } => {
            let x = excepciones::resolver(
                store,
                actor,
                id,
                fechas::parse_fecha(&fecha)?,
                &resultado,
                detalle.as_deref(),
            )?;
            let p = coactiva::procesos::buscar_numero(store, &x.proceso)?;
            if como_json {
                salida::json(
                    &serde_json::json!({"excepcion": x, "etapa": p.as_ref().map(|p| p.etapa)}),
                );
            } else {
                out!(
                    "Excepción {} {}. El proceso {} está en la etapa «{}».",
                    x.id,
                    x.estado,
                    x.proceso,
                    p.map(|p| p.etapa.nombre()).unwrap_or("")
                );
            }
        }
        OrdenExcepciones::Listar { numero } => {
            let v = excepciones::listar(store, numero.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay excepciones ni impugnaciones registradas.");
            } else {
                tabla_excepciones(&v);
            }
        }
        OrdenExcepciones::Informe { desde, hasta } => {
            let (desde, hasta) = fechas::periodo(
                store.clock(),
                super::fecha_opcional(&desde)?,
                super::fecha_opcional(&hasta)?,
            );
            let i = excepciones::informe(store, desde, hasta)?;
            if como_json {
                salida::json(&i);
            } else {
                out!(
                    "Excepciones e impugnaciones del {} al {}:",
                    fechas::corta(desde),
                    fechas::corta(hasta)
                );
                if i.excepciones.is_empty() {
                    out!("Ninguna.");
                } else {
                    for (estado, clase, n) in &i.por_estado {
                        out!("  {clase}, {estado}: {n}");
                    }
                    tabla_excepciones(&i.excepciones);
                }
            }
        }
    }
    Ok(0)
}

pub(crate) fn deprecatorios(
    store: &mut Store,
    actor: &Actor,
    o: OrdenDeprecatorios,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenDeprecatorios::Registrar {
            sentido,
            proceso,
            unidad,
            referencia,
            pedido,
            detalle,
            fecha,
            archivo,
        } => {
            let documento = archivo
                .as_deref()
                .map(|a| super::leer_archivo(a, "el deprecatorio"))
                .transpose()?;
            let d = deprecatorios::registrar(
                store,
                actor,
                &deprecatorios::Nuevo {
                    sentido,
                    numero: proceso,
                    unidad,
                    referencia,
                    pedido,
                    detalle,
                    fecha: fechas::parse_fecha(&fecha)?,
                    documento,
                },
            )?;
            if como_json {
                salida::json(&d);
            } else {
                out!(
                    "Deprecatorio {} {} registrado ({}).",
                    d.id,
                    d.sentido,
                    d.unidad
                );
            }
        }
        OrdenDeprecatorios::Novedad {
            id,
            estado,
            fecha,
            detalle,
            archivo,
        } => {
            let documento = archivo
                .as_deref()
                .map(|a| super::leer_archivo(a, "el documento"))
                .transpose()?;
            let d = deprecatorios::novedad(
                store,
                actor,
                id,
                &estado,
                fechas::parse_fecha(&fecha)?,
                detalle.as_deref(),
                documento.as_deref(),
            )?;
            if como_json {
                salida::json(&d);
            } else {
                out!(
                    "Deprecatorio {}: {}.",
                    d.id,
                    deprecatorios::nombre_estado(&d.estado)
                );
            }
        }
        OrdenDeprecatorios::Listar { proceso } => {
            let v = deprecatorios::listar(store, proceso.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay deprecatorios registrados.");
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Sentido",
                        "Proceso o referencia",
                        "Unidad",
                        "Pedido",
                        "Fecha",
                        "Estado",
                    ],
                    v.iter().map(|d| {
                        vec![
                            d.id.to_string(),
                            d.sentido.clone(),
                            d.proceso
                                .clone()
                                .or_else(|| d.referencia.clone())
                                .unwrap_or_default(),
                            d.unidad.clone(),
                            d.pedido.clone(),
                            fechas::corta(d.fecha),
                            deprecatorios::nombre_estado(&d.estado).to_string(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
