//! `coactiva bienes …` and `coactiva depositarios …`: goods offered or seized, the diligencia
//! de embargo with its acta, and the registry of depositarios judiciales.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::{bienes, custodia, dinero, fechas, remates, Actor, Store};

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
    /// Registra el avalúo de un bien por un perito; su informe se folia y el bien queda avaluado
    Avaluar {
        /// Número del bien
        bien: i64,
        /// Cédula del perito
        #[arg(long)]
        perito: String,
        #[arg(long)]
        perito_nombres: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// Valor del avalúo en dólares (15.000,00)
        #[arg(long)]
        valor: String,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        informe: PathBuf,
    },
    /// Los avalúos de un bien
    Avaluos { bien: i64 },
    /// Registra un contrato de bodegaje o mantenimiento; su costo es un gasto del proceso
    Bodegaje {
        numero: String,
        #[arg(long)]
        proveedor: String,
        /// RUC o cédula del proveedor
        #[arg(long)]
        identificacion: String,
        /// Número de un bien del proceso; puede repetirse
        #[arg(long = "bien", required = true)]
        bienes: Vec<i64>,
        #[arg(long, value_name = "FECHA")]
        desde: String,
        #[arg(long, value_name = "FECHA")]
        hasta: String,
        /// Costo del contrato en dólares
        #[arg(long)]
        costo: String,
        /// El contrato o la factura (PDF): se folia como comprobante del gasto
        #[arg(long, value_name = "ARCHIVO.pdf")]
        contrato: PathBuf,
    },
    /// Los contratos de bodegaje de un proceso (o de todos)
    Bodegajes { numero: Option<String> },
    /// Inventario de bienes embargados por estado, lugar y depositario, con su avalúo
    Inventario {
        #[arg(long)]
        estado: Option<String>,
        /// Identificación del depositario
        #[arg(long)]
        depositario: Option<String>,
        /// Parte del lugar de depósito
        #[arg(long)]
        lugar: Option<String>,
        /// Guarda el inventario como hoja de cálculo
        #[arg(long, value_name = "ARCHIVO.xlsx")]
        xlsx: Option<PathBuf>,
    },
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
    /// Registra el informe periódico del depositario sobre los bienes de un proceso (se folia)
    Informe {
        /// Identificación del depositario
        depositario: String,
        #[arg(long)]
        proceso: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// Lo que informa sobre el estado de los bienes
        #[arg(long)]
        detalle: String,
        /// Una novedad: un bien dañado, faltante o trasladado
        #[arg(long)]
        incidente: Option<String>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        documento: PathBuf,
    },
    /// Los informes recibidos (de un depositario, o de todos)
    Informes { depositario: Option<String> },
    /// Lo que custodia cada depositario por proceso y cuándo vence su próximo informe
    Custodias {
        /// Solo los informes atrasados
        #[arg(long)]
        atrasados: bool,
    },
    /// Evaluación de los depositarios: bienes en custodia, informes a tiempo, incidentes
    Evaluacion {
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
    },
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
        OrdenBienes::Avaluar {
            bien,
            perito,
            perito_nombres,
            fecha,
            valor,
            informe,
        } => {
            let bytes = super::leer_archivo(&informe, "el informe del perito")?;
            let a = remates::avaluar(
                store,
                actor,
                &remates::NuevoAvaluo {
                    bien,
                    perito,
                    perito_nombres,
                    fecha: fechas::parse_fecha(&fecha)?,
                    valor: dinero::importe(&valor)?,
                    informe: bytes,
                },
            )?;
            if como_json {
                salida::json(&a);
            } else {
                out!(
                    "Avalúo {} del bien {}: USD {}; el informe quedó foliado.",
                    a.id,
                    a.bien,
                    a.valor.agrupado(dinero::Formato::Ecuador)
                );
            }
        }
        OrdenBienes::Avaluos { bien } => {
            bienes::ver(store, bien)?;
            let v = remates::avaluos(store, Some(bien))?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("El bien {bien} no tiene avalúos.");
            } else {
                salida::tabla(
                    &["N.º", "Fecha", "Perito", "Valor (USD)"],
                    v.iter().map(|a| {
                        vec![
                            a.id.to_string(),
                            fechas::corta(a.fecha),
                            format!("{} ({})", a.perito_nombres, a.perito),
                            a.valor.agrupado(dinero::Formato::Ecuador),
                        ]
                    }),
                );
            }
        }
        OrdenBienes::Bodegaje {
            numero,
            proveedor,
            identificacion,
            bienes: ids,
            desde,
            hasta,
            costo,
            contrato,
        } => {
            let bytes = super::leer_archivo(&contrato, "el contrato")?;
            let b = custodia::contratar(
                store,
                actor,
                &custodia::NuevoBodegaje {
                    numero,
                    proveedor,
                    identificacion,
                    bienes: ids,
                    desde: fechas::parse_fecha(&desde)?,
                    hasta: fechas::parse_fecha(&hasta)?,
                    costo: dinero::importe(&costo)?,
                    contrato: bytes,
                },
            )?;
            if como_json {
                salida::json(&b);
            } else {
                out!(
                    "Bodegaje {} registrado: USD {} es el gasto {} del proceso {} y espera la aprobación del jefe.",
                    b.id,
                    b.costo.agrupado(dinero::Formato::Ecuador),
                    b.costa,
                    b.proceso
                );
            }
        }
        OrdenBienes::Bodegajes { numero } => {
            let v = custodia::bodegajes(store, numero.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay contratos de bodegaje.");
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Proceso",
                        "Proveedor",
                        "Bienes",
                        "Desde",
                        "Hasta",
                        "Costo (USD)",
                        "Gasto",
                    ],
                    v.iter().map(|b| {
                        vec![
                            b.id.to_string(),
                            b.proceso.clone(),
                            b.proveedor.clone(),
                            b.bienes
                                .iter()
                                .map(|x| x.to_string())
                                .collect::<Vec<_>>()
                                .join(", "),
                            fechas::corta(b.desde),
                            fechas::corta(b.hasta),
                            b.costo.agrupado(dinero::Formato::Ecuador),
                            format!("{} ({})", b.costa, b.estado_costa),
                        ]
                    }),
                );
            }
        }
        OrdenBienes::Inventario {
            estado,
            depositario,
            lugar,
            xlsx,
        } => {
            if let Some(r) = &xlsx {
                salida::admitir(r)?;
            }
            let inv = bienes::inventario(
                store,
                &bienes::FiltroInventario {
                    estado,
                    depositario,
                    lugar,
                },
            )?;
            if let Some(r) = &xlsx {
                salida::escribir(r, &bienes::inventario_xlsx(&inv)?)?;
            }
            if como_json {
                salida::json(&inv);
            } else {
                if inv.filas.is_empty() {
                    out!("No hay bienes embargados con esos criterios.");
                } else {
                    salida::tabla(
                        &[
                            "Bien",
                            "Proceso",
                            "Descripción",
                            "Estado",
                            "Depositario",
                            "Lugar",
                            "Avalúo (USD)",
                        ],
                        inv.filas.iter().map(|f| {
                            vec![
                                f.bien.id.to_string(),
                                f.bien.proceso.clone(),
                                f.bien.descripcion.clone(),
                                bienes::nombre_estado(f.bien.estado.as_deref().unwrap_or_default())
                                    .to_string(),
                                f.depositario_nombres.clone().unwrap_or_default(),
                                f.bien.lugar.clone().unwrap_or_default(),
                                f.avaluo
                                    .map(|a| a.agrupado(dinero::Formato::Ecuador))
                                    .unwrap_or_default(),
                            ]
                        }),
                    );
                    for t in &inv.por_estado {
                        out!(
                            "{}: {} {}, USD {}",
                            bienes::nombre_estado(&t.estado),
                            t.bienes,
                            if t.bienes == 1 { "bien" } else { "bienes" },
                            t.avaluo.agrupado(dinero::Formato::Ecuador)
                        );
                    }
                    out!(
                        "Total: {} bienes, avaluados en USD {}.",
                        inv.bienes,
                        inv.avaluo.agrupado(dinero::Formato::Ecuador)
                    );
                }
                if let Some(r) = &xlsx {
                    out!("El inventario se guardó en {}.", r.display());
                }
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
        OrdenDepositarios::Informe {
            depositario,
            proceso,
            fecha,
            detalle,
            incidente,
            documento,
        } => {
            let bytes = super::leer_archivo(&documento, "el informe")?;
            let i = custodia::informar(
                store,
                actor,
                &custodia::NuevoInforme {
                    depositario,
                    numero: proceso,
                    fecha: fechas::parse_fecha(&fecha)?,
                    detalle,
                    incidente,
                    documento: bytes,
                },
            )?;
            if como_json {
                salida::json(&i);
            } else {
                out!(
                    "Informe {} del depositario registrado y foliado en el proceso {}.",
                    i.id,
                    i.proceso
                );
            }
        }
        OrdenDepositarios::Informes { depositario } => {
            let v = custodia::informes(store, depositario.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay informes de depositarios.");
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Fecha",
                        "Depositario",
                        "Proceso",
                        "Informe",
                        "Incidente",
                    ],
                    v.iter().map(|i| {
                        vec![
                            i.id.to_string(),
                            fechas::corta(i.fecha),
                            i.depositario.clone(),
                            i.proceso.clone(),
                            i.detalle.clone(),
                            i.incidente.clone().unwrap_or_default(),
                        ]
                    }),
                );
            }
        }
        OrdenDepositarios::Custodias { atrasados } => {
            let v = if atrasados {
                custodia::atrasados(store)?
            } else {
                custodia::custodias(store)?
            };
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!(
                    "{}",
                    if atrasados {
                        "Ningún informe de depositario está atrasado."
                    } else {
                        "Ningún depositario custodia bienes."
                    }
                );
            } else {
                salida::tabla(
                    &[
                        "Depositario",
                        "Proceso",
                        "Bienes",
                        "Desde",
                        "Último informe",
                        "Vence",
                        "Días de atraso",
                    ],
                    v.iter().map(|c| {
                        vec![
                            format!("{} ({})", c.nombres, c.depositario),
                            c.proceso.clone(),
                            c.bienes.to_string(),
                            fechas::corta(c.desde),
                            c.ultimo_informe
                                .map(fechas::corta)
                                .unwrap_or_else(|| "ninguno".into()),
                            fechas::corta(c.vence),
                            c.dias_atraso.to_string(),
                        ]
                    }),
                );
            }
        }
        OrdenDepositarios::Evaluacion { desde, hasta } => {
            let (desde, hasta) = fechas::periodo(
                store.clock(),
                super::fecha_opcional(&desde)?,
                super::fecha_opcional(&hasta)?,
            );
            let v = custodia::evaluacion(store, desde, hasta)?;
            if como_json {
                salida::json(
                    &serde_json::json!({"desde": desde, "hasta": hasta, "depositarios": v}),
                );
            } else if v.is_empty() {
                out!("No hay depositarios registrados.");
            } else {
                out!("Del {} al {}:", fechas::corta(desde), fechas::corta(hasta));
                salida::tabla(
                    &[
                        "Depositario",
                        "Procesos",
                        "Bienes",
                        "Informes",
                        "A tiempo",
                        "Atrasados hoy",
                        "Incidentes",
                    ],
                    v.iter().map(|e| {
                        vec![
                            format!("{} ({})", e.nombres, e.depositario),
                            e.procesos.to_string(),
                            e.bienes.to_string(),
                            e.informes.to_string(),
                            e.a_tiempo.to_string(),
                            e.atrasados.to_string(),
                            e.incidentes.to_string(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
