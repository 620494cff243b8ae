//! `coactiva bienes …` and `coactiva depositarios …`: goods offered or seized, the diligencia
//! de embargo with its acta, and the registry of depositarios judiciales.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::{bienes, fechas, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenBienes {
    /// Registra un bien del proceso (ofrecido por el coactivado con --dimision, o hallado)
    Registrar {
        numero: String,
        /// inmueble, vehiculo, cuenta, mueble, semoviente u otro
        #[arg(long)]
        clase: String,
        #[arg(long)]
        descripcion: String,
        #[arg(long)]
        ubicacion: Option<String>,
        /// Un dato de su clase: placa=PBA-1234, marca=…, ficha=…, canton=…, banco=…, cuenta=…; puede repetirse
        #[arg(long = "dato", value_name = "CLAVE=VALOR")]
        datos: Vec<String>,
        /// El coactivado lo ofreció (dimisión de bienes)
        #[arg(long)]
        dimision: bool,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
    },
    /// Registra la diligencia de embargo: los bienes pasan a depósito y el acta se genera, guarda y folia
    Embargar {
        numero: String,
        /// Número de un bien del proceso; puede repetirse
        #[arg(long = "bien", required = true)]
        bienes: Vec<i64>,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long, value_name = "HH:MM")]
        hora: String,
        /// Dónde se practicó
        #[arg(long)]
        direccion: String,
        /// Identificación del depositario judicial
        #[arg(long)]
        depositario: String,
        /// Dónde quedan los bienes en depósito
        #[arg(long)]
        lugar: String,
        /// Quiénes comparecieron
        #[arg(long)]
        comparecientes: Option<String>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Los bienes de un proceso (o de todos), con su estado, depositario y lugar
    Listar { numero: Option<String> },
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenDepositarios {
    /// Agrega un depositario judicial al registro
    Agregar {
        #[arg(long)]
        identificacion: String,
        #[arg(long)]
        nombres: String,
        #[arg(long)]
        telefono: Option<String>,
        #[arg(long)]
        direccion: Option<String>,
    },
    /// El registro, con los bienes que cada uno custodia
    Listar,
}

pub(crate) fn bienes(store: &mut Store, actor: &Actor, o: OrdenBienes, como_json: bool) -> Res<u8> {
    match o {
        OrdenBienes::Registrar {
            numero,
            clase,
            descripcion,
            ubicacion,
            datos,
            dimision,
            fecha,
        } => {
            let mut pares = vec![];
            for d in &datos {
                let (k, v) = d.split_once('=').ok_or_else(|| {
                    coactiva::Error::entrada(format!(
                        "el dato «{d}» no es CLAVE=VALOR (por ejemplo placa=PBA-1234)"
                    ))
                })?;
                pares.push((k.to_string(), v.to_string()));
            }
            let b = bienes::registrar(
                store,
                actor,
                &bienes::NuevoBien {
                    numero,
                    clase,
                    dimision,
                    descripcion,
                    ubicacion,
                    datos: pares,
                    fecha: fechas::parse_fecha(&fecha)?,
                },
            )?;
            if como_json {
                salida::json(&b);
            } else {
                out!(
                    "Bien {} registrado en el proceso {}: {}.",
                    b.id,
                    b.proceso,
                    b.descripcion
                );
            }
        }
        OrdenBienes::Embargar {
            numero,
            bienes: ids,
            fecha,
            hora,
            direccion,
            depositario,
            lugar,
            comparecientes,
            salida: ruta,
        } => {
            salida::admitir(&ruta)?;
            let r = ruta.clone();
            let (id, _) = bienes::embargar(
                store,
                actor,
                &bienes::Diligencia {
                    numero: numero.clone(),
                    fecha: fechas::parse_fecha(&fecha)?,
                    hora,
                    direccion,
                    depositario,
                    lugar,
                    comparecientes,
                    bienes: ids,
                },
                &move |pdf| {
                    salida::escribir(&r, pdf).map_err(|f| coactiva::Error::entrada(f.mensaje))
                },
            )?;
            if como_json {
                salida::json(
                    &serde_json::json!({"embargo": id, "proceso": numero, "archivo": ruta.display().to_string()}),
                );
            } else {
                out!("Embargo {id} registrado en el proceso {numero}: el acta se guardó en {} y se folió.", ruta.display());
            }
        }
        OrdenBienes::Listar { numero } => {
            let v = bienes::listar(store, numero.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay bienes registrados.");
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Proceso",
                        "Clase",
                        "Descripción",
                        "Estado",
                        "Depositario",
                        "Lugar",
                    ],
                    v.iter().map(|b| {
                        vec![
                            b.id.to_string(),
                            b.proceso.clone(),
                            b.clase.clone(),
                            b.descripcion.clone(),
                            b.estado
                                .as_deref()
                                .map(|e| bienes::nombre_estado(e).to_string())
                                .unwrap_or_else(|| {
                                    if b.origen == "dimision" {
                                        "ofrecido".into()
                                    } else {
                                        "registrado".into()
                                    }
                                }),
                            b.depositario.clone().unwrap_or_default(),
                            b.lugar.clone().unwrap_or_default(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}

pub(crate) fn depositarios(
    store: &mut Store,
    actor: &Actor,
    o: OrdenDepositarios,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenDepositarios::Agregar {
            identificacion,
            nombres,
            telefono,
            direccion,
        } => {
            let d = bienes::agregar_depositario(
                store,
                actor,
                &identificacion,
                &nombres,
                telefono.as_deref(),
                direccion.as_deref(),
            )?;
            if como_json {
                salida::json(&d);
            } else {
                out!(
                    "Depositario {} ({}) registrado.",
                    d.nombres,
                    d.identificacion
                );
            }
        }
        OrdenDepositarios::Listar => {
            let v = bienes::depositarios(store)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay depositarios registrados.");
            } else {
                salida::tabla(
                    &[
                        "Identificación",
                        "Nombres",
                        "Teléfono",
                        "Bienes en custodia",
                    ],
                    v.iter().map(|d| {
                        vec![
                            d.identificacion.clone(),
                            d.nombres.clone(),
                            d.telefono.clone().unwrap_or_default(),
                            d.bienes.to_string(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
