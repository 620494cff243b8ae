//! `coactiva medidas …`: medidas cautelares with their numbered oficios, the entities'
//! answers, and their lifting.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::dinero::{importe, Centavos};
use coactiva::{fechas, medidas, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenMedidas {
    /// Ordena una medida cautelar: su oficio sale numerado, se guarda en --salida y se folia
    Ordenar {
        numero: String,
        /// retencion, prohibicion_vehiculos, prohibicion_inmuebles u otro tipo de la unidad
        #[arg(long)]
        tipo: String,
        /// A quién se dirige el oficio (la entidad del tipo si no se indica)
        #[arg(long)]
        entidad: Option<String>,
        #[arg(long)]
        detalle: Option<String>,
        /// Hasta qué monto (el saldo de la liquidación de hoy si no se indica)
        #[arg(long, value_name = "VALOR")]
        monto: Option<String>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Registra la respuesta de la entidad a un oficio (con su documento, que se folia)
    Responder {
        /// Número de la medida
        medida: i64,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// Lo que respondió la entidad
        #[arg(long)]
        texto: String,
        #[arg(long)]
        banco: Option<String>,
        #[arg(long)]
        cuenta: Option<String>,
        /// Valor retenido (solo en una retención de fondos)
        #[arg(long, value_name = "VALOR")]
        retenido: Option<String>,
        /// La respuesta escaneada, en PDF
        #[arg(long, value_name = "ARCHIVO.pdf")]
        archivo: Option<PathBuf>,
    },
    /// Levanta una medida: su oficio de levantamiento sale numerado y se folia
    Levantar {
        medida: i64,
        /// pago, convenio u orden
        #[arg(long)]
        motivo: String,
        /// La providencia que lo dispone (obligatorio para «orden»)
        #[arg(long)]
        detalle: Option<String>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Las medidas de un proceso (o de todos), con sus oficios, respuestas y lo retenido
    Listar { numero: Option<String> },
    /// Oficios sin respuesta a tiempo, y medidas vigentes de procesos ya pagados (por levantar)
    Pendientes,
    /// Los tipos de medida de la unidad
    Tipos,
    /// Agrega un tipo de medida (solo el jefe)
    AgregarTipo {
        codigo: String,
        #[arg(long)]
        nombre: String,
        /// La entidad a la que se dirigen sus oficios
        #[arg(long)]
        entidad: String,
    },
}

fn filas(v: &[medidas::Medida], f: coactiva::dinero::Formato) -> Vec<Vec<String>> {
    v.iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                m.proceso.clone(),
                m.oficio.clone(),
                fechas::corta(m.fecha),
                m.nombre.clone(),
                m.entidad.clone(),
                m.monto.agrupado(f),
                m.retenido.agrupado(f),
                match &m.levantamiento {
                    Some(l) => format!("levantada el {} ({})", fechas::corta(l.fecha), l.oficio),
                    None if m.atrasada => format!("{} (atrasada)", m.estado),
                    None => m.estado.clone(),
                },
            ]
        })
        .collect()
}

fn tabla(v: &[medidas::Medida], f: coactiva::dinero::Formato) {
    salida::tabla(
        &[
            "N.º", "Proceso", "Oficio", "Fecha", "Medida", "Entidad", "Monto", "Retenido", "Estado",
        ],
        filas(v, f).into_iter(),
    );
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenMedidas,
    como_json: bool,
) -> Res<u8> {
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    let guardar = |ruta: &PathBuf| {
        let ruta = ruta.clone();
        move |pdf: &[u8]| {
            salida::escribir(&ruta, pdf).map_err(|f| coactiva::Error::entrada(f.mensaje))
        }
    };
    match o {
        OrdenMedidas::Ordenar {
            numero,
            tipo,
            entidad,
            detalle,
            monto,
            salida: ruta,
        } => {
            salida::admitir(&ruta)?;
            let monto = monto.as_deref().map(importe).transpose()?;
            let (m, _) = medidas::ordenar(
                store,
                actor,
                &medidas::Nueva {
                    numero,
                    tipo,
                    entidad,
                    detalle,
                    monto,
                },
                &guardar(&ruta),
            )?;
            if como_json {
                salida::json(&m);
            } else {
                out!(
                    "Medida {} ordenada en el proceso {}: oficio N.º {} a {}, hasta por USD {}; guardado en {} y foliado.",
                    m.id,
                    m.proceso,
                    m.oficio,
                    m.entidad,
                    m.monto.agrupado(f),
                    ruta.display()
                );
            }
        }
        OrdenMedidas::Responder {
            medida,
            fecha,
            texto,
            banco,
            cuenta,
            retenido,
            archivo,
        } => {
            let documento = archivo
                .as_deref()
                .map(|a| super::leer_archivo(a, "la respuesta"))
                .transpose()?;
            let m = medidas::responder(
                store,
                actor,
                &medidas::Contestacion {
                    medida,
                    fecha: fechas::parse_fecha(&fecha)?,
                    texto,
                    banco,
                    cuenta,
                    retenido: retenido
                        .as_deref()
                        .map(importe)
                        .transpose()?
                        .unwrap_or(Centavos(0)),
                    documento,
                },
            )?;
            if como_json {
                salida::json(&m);
            } else {
                out!(
                    "Respuesta al oficio N.º {} registrada. Retenido en total: USD {}.",
                    m.oficio,
                    m.retenido.agrupado(f)
                );
            }
        }
        OrdenMedidas::Levantar {
            medida,
            motivo,
            detalle,
            salida: ruta,
        } => {
            salida::admitir(&ruta)?;
            let (m, _) = medidas::levantar(
                store,
                actor,
                medida,
                &motivo,
                detalle.as_deref(),
                &guardar(&ruta),
            )?;
            if como_json {
                salida::json(&m);
            } else if let Some(l) = &m.levantamiento {
                out!(
                    "Medida {} levantada: oficio N.º {} a {}; guardado en {} y foliado.",
                    m.id,
                    l.oficio,
                    m.entidad,
                    ruta.display()
                );
            }
        }
        OrdenMedidas::Listar { numero } => {
            let v = medidas::listar(store, numero.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay medidas cautelares registradas.");
            } else {
                tabla(&v, f);
            }
        }
        OrdenMedidas::Pendientes => {
            let (sin_respuesta, por_levantar) = medidas::pendientes(store)?;
            if como_json {
                salida::json(
                    &serde_json::json!({"sin_respuesta": sin_respuesta, "por_levantar": por_levantar}),
                );
            } else {
                if sin_respuesta.is_empty() {
                    out!("No hay oficios atrasados en su respuesta.");
                } else {
                    out!("Oficios sin respuesta a tiempo:");
                    tabla(&sin_respuesta, f);
                }
                if por_levantar.is_empty() {
                    out!("No hay medidas por levantar en procesos pagados o anulados.");
                } else {
                    out!("Medidas vigentes en procesos pagados o anulados (por levantar):");
                    tabla(&por_levantar, f);
                }
            }
        }
        OrdenMedidas::Tipos => {
            let v = medidas::tipos(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Código", "Medida", "Entidad"],
                    v.iter()
                        .map(|t| vec![t.codigo.clone(), t.nombre.clone(), t.entidad.clone()]),
                );
            }
        }
        OrdenMedidas::AgregarTipo {
            codigo,
            nombre,
            entidad,
        } => {
            let t = medidas::agregar_tipo(store, actor, &codigo, &nombre, &entidad)?;
            if como_json {
                salida::json(&t);
            } else {
                out!(
                    "Tipo de medida «{}» agregado: {} (a {}).",
                    t.codigo,
                    t.nombre,
                    t.entidad
                );
            }
        }
    }
    Ok(0)
}
