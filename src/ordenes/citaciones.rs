//! `coactiva citaciones …`: diligencias de citación, citadores and their evaluation.

use clap::Subcommand;
use coactiva::{citaciones, fechas, procesos, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub(crate) enum OrdenCitaciones {
    /// Registra una diligencia de citación con su hora, quién la recibió, GPS y fotografías
    Registrar {
        numero: String,
        /// Identificación de la parte (obligado, garante o codeudor)
        #[arg(long)]
        parte: String,
        /// personal, boleta1, boleta2, prensa o electronica
        #[arg(long)]
        tipo: String,
        /// orden_pago, requerimiento o providencia (la orden de pago si ya se dictó)
        #[arg(long)]
        acto: Option<String>,
        /// Fecha de la diligencia (dd/mm/aaaa; hoy si no se indica)
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        /// Hora de la diligencia (15:40; la actual si es de hoy)
        #[arg(long, value_name = "HH:MM")]
        hora: Option<String>,
        /// Dónde se practicó (la dirección de la parte si no se indica)
        #[arg(long)]
        direccion: Option<String>,
        /// Nombres de quien recibió la citación o la boleta
        #[arg(long)]
        receptor: Option<String>,
        /// Cédula de quien la recibió
        #[arg(long, value_name = "CEDULA")]
        receptor_identificacion: Option<String>,
        /// Relación de quien la recibió: parte, familiar, empleado u otro
        #[arg(long)]
        relacion: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        latitud: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        longitud: Option<String>,
        /// Usuario del citador que la practicó (el asignado al proceso si no se indica)
        #[arg(long)]
        citador: Option<String>,
        /// citado, no_encontrado o negativa (citado si no se indica)
        #[arg(long)]
        resultado: Option<String>,
        #[arg(long)]
        detalle: Option<String>,
        /// Fotografía de la diligencia (JPEG, PNG o PDF); puede repetirse
        #[arg(long = "foto", value_name = "ARCHIVO")]
        fotos: Vec<std::path::PathBuf>,
    },
    /// Las diligencias de un proceso, en orden, y qué partes están citadas
    Ver { numero: String },
    /// Asigna el proceso a un citador (o por turno, al que tiene menos pendientes)
    Asignar {
        numero: String,
        #[arg(long, conflicts_with = "turno")]
        citador: Option<String>,
        #[arg(long)]
        turno: bool,
    },
    /// Los citadores activos y su carga de trabajo
    Citadores,
    /// Evaluación de los citadores en un período: diligencias, citados al primer intento, días hasta la citación
    Evaluacion {
        /// Desde (dd/mm/aaaa; el primero del mes si no se indica)
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        /// Hasta (dd/mm/aaaa; hoy si no se indica)
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
    },
}

fn mostrar(c: &procesos::Citacion) -> Vec<String> {
    vec![
        c.fecha
            .parse()
            .map(fechas::corta)
            .unwrap_or_else(|_| c.fecha.clone()),
        c.hora.clone().unwrap_or_default(),
        c.parte.clone(),
        procesos::nombre_citacion(&c.tipo).to_string(),
        citaciones::nombre_resultado_de(&c.tipo, &c.resultado).to_string(),
        c.receptor.clone().unwrap_or_default(),
        c.citador_nombres.clone(),
    ]
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenCitaciones,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenCitaciones::Registrar {
            numero,
            parte,
            tipo,
            acto,
            fecha,
            hora,
            direccion,
            receptor,
            receptor_identificacion,
            relacion,
            latitud,
            longitud,
            citador,
            resultado,
            detalle,
            fotos,
        } => {
            let mut bytes = vec![];
            for f in &fotos {
                bytes.push(super::leer_archivo(f, "la fotografía")?);
            }
            let c = citaciones::registrar(
                store,
                actor,
                &citaciones::Diligencia {
                    numero: numero.clone(),
                    parte,
                    tipo,
                    acto,
                    fecha: super::fecha_opcional(&fecha)?,
                    hora,
                    direccion,
                    receptor,
                    receptor_identificacion,
                    relacion,
                    latitud,
                    longitud,
                    citador,
                    resultado,
                    detalle,
                    fotos: bytes,
                },
            )?;
            if como_json {
                salida::json(&c);
            } else {
                let fotos: Vec<String> = c.fotos.iter().map(|f| f.to_string()).collect();
                out!(
                    "Diligencia registrada en el proceso {numero}: {} a {} el {} a las {} ({}), por {}.{}",
                    procesos::nombre_citacion(&c.tipo),
                    c.parte,
                    c.fecha.parse().map(fechas::corta).unwrap_or_default(),
                    c.hora.as_deref().unwrap_or(""),
                    citaciones::nombre_resultado_de(&c.tipo, &c.resultado),
                    c.citador_nombres,
                    match fotos.len() {
                        0 => String::new(),
                        1 => format!(" Fotografía foliada en la actuación {}.", fotos[0]),
                        _ => format!(" Fotografías foliadas en las actuaciones {}.", fotos.join(", ")),
                    }
                );
            }
        }
        OrdenCitaciones::Ver { numero } => {
            let d = procesos::ver(store, &numero)?;
            if como_json {
                salida::json(&serde_json::json!({
                    "proceso": d.proceso.numero,
                    "citador": d.citador,
                    "partes": d.partes,
                    "diligencias": d.citaciones,
                }));
            } else {
                out!(
                    "Proceso {}: citador {}.",
                    d.proceso.numero,
                    d.citador.as_deref().unwrap_or("sin asignar")
                );
                for p in &d.partes {
                    out!(
                        "  {} ({}, {}): {}",
                        p.nombres,
                        p.identificacion,
                        p.rol,
                        p.citada_desde
                            .as_deref()
                            .and_then(|f| f.parse().ok())
                            .map(|f| format!("citada desde el {}", fechas::corta(f)))
                            .unwrap_or_else(|| "sin citar".into())
                    );
                }
                if d.citaciones.is_empty() {
                    out!("No hay diligencias de citación registradas.");
                } else {
                    salida::tabla(
                        &[
                            "Fecha",
                            "Hora",
                            "Parte",
                            "Tipo",
                            "Resultado",
                            "Recibió",
                            "Citador",
                        ],
                        d.citaciones.iter().map(mostrar),
                    );
                }
            }
        }
        OrdenCitaciones::Asignar {
            numero,
            citador,
            turno,
        } => {
            if citador.is_none() && !turno {
                return Err(coactiva::Error::entrada(
                    "indique el citador (--citador USUARIO) o asigne por turno (--turno)",
                )
                .into());
            }
            let a = citaciones::asignar(store, actor, &numero, citador.as_deref())?;
            if como_json {
                salida::json(&a);
            } else {
                out!(
                    "El proceso {} queda a cargo del citador {} ({}){}.",
                    a.proceso,
                    a.nombres,
                    a.citador,
                    if a.por_turno { ", por turno" } else { "" }
                );
            }
        }
        OrdenCitaciones::Citadores => {
            let v = citaciones::carga(store)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay citadores activos: cree un usuario con el rol citador.");
            } else {
                salida::tabla(
                    &[
                        "Usuario",
                        "Nombres",
                        "Procesos",
                        "Por citar",
                        "Diligencias (30 días)",
                    ],
                    v.iter().map(|c| {
                        vec![
                            c.usuario.clone(),
                            c.nombres.clone(),
                            c.asignados.to_string(),
                            c.pendientes.to_string(),
                            c.diligencias_mes.to_string(),
                        ]
                    }),
                );
            }
        }
        OrdenCitaciones::Evaluacion { desde, hasta } => {
            let (desde, hasta) = fechas::periodo(
                store.clock(),
                super::fecha_opcional(&desde)?,
                super::fecha_opcional(&hasta)?,
            );
            let v = citaciones::evaluacion(store, desde, hasta)?;
            if como_json {
                salida::json(&serde_json::json!({
                    "desde": fechas::iso(desde),
                    "hasta": fechas::iso(hasta),
                    "citadores": v,
                }));
            } else if v.is_empty() {
                out!(
                    "No hay diligencias del {} al {}.",
                    fechas::corta(desde),
                    fechas::corta(hasta)
                );
            } else {
                out!(
                    "Evaluación de citadores del {} al {}:",
                    fechas::corta(desde),
                    fechas::corta(hasta)
                );
                salida::tabla(
                    &[
                        "Citador",
                        "Diligencias",
                        "Citados",
                        "Al primer intento",
                        "Días desde la orden de pago",
                    ],
                    v.iter().map(|e| {
                        vec![
                            e.nombres.clone(),
                            e.diligencias.to_string(),
                            e.citadas.to_string(),
                            format!(
                                "{} de {} ({} %)",
                                e.citadas_al_primer_intento,
                                e.primeros_intentos,
                                e.porcentaje_primer_intento
                            ),
                            e.dias_promedio.clone().unwrap_or_else(|| "—".into()),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
