//! `coactiva remates …`: the call to remate, its publications and posturas, the acta and the
//! adjudicación whose price is a payment of the proceso.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::{dinero, fechas, remates, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenRemates {
    /// Convoca a remate bienes avaluados del proceso; la base es el porcentaje configurado del avalúo
    Convocar {
        numero: String,
        /// Número de un bien avaluado del proceso; puede repetirse
        #[arg(long = "bien", required = true)]
        bienes: Vec<i64>,
        /// Día del remate
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long, value_name = "HH:MM")]
        hora: String,
        #[arg(long)]
        lugar: String,
    },
    /// Registra una publicación del aviso de remate
    Publicar {
        remate: i64,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// El diario o la página donde se publicó
        #[arg(long)]
        medio: String,
        #[arg(long)]
        detalle: Option<String>,
    },
    /// Registra una postura con su consignación
    Postura {
        remate: i64,
        #[arg(long)]
        postor: String,
        #[arg(long)]
        identificacion: String,
        /// Lo que ofrece, en dólares
        #[arg(long)]
        valor: String,
        /// Lo que consignó con la postura, en dólares
        #[arg(long)]
        deposito: String,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
    },
    /// Realiza el remate: la mejor postura gana, o sin posturas se declara desierto; el acta se guarda y se folia
    Realizar {
        remate: i64,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Adjudica los bienes al mejor postor que pagó el precio; el precio se registra como pago del proceso
    Adjudicar {
        remate: i64,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        /// Referencia del depósito con que se pagó el precio
        #[arg(long)]
        referencia: String,
    },
    /// Los remates de un proceso (o de todos)
    Listar { numero: Option<String> },
    /// Un remate con sus publicaciones, posturas, acta y adjudicación
    Ver { remate: i64 },
}

fn usd(c: dinero::Centavos) -> String {
    c.agrupado(dinero::Formato::Ecuador)
}

fn mostrar(r: &remates::Remate) {
    out!(
        "Remate {} del proceso {} ({}.ª convocatoria), señalado para el {} a las {} en {}: {}.",
        r.id,
        r.proceso,
        r.convocatoria,
        fechas::corta(r.fecha),
        r.hora,
        r.lugar,
        r.estado
    );
    out!(
        "Bienes {}; avalúo USD {}; base USD {} ({} del avalúo).",
        r.bienes
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        usd(r.avaluo),
        usd(r.base),
        r.porcentaje
    );
    for p in &r.publicaciones {
        out!("  Publicación: {} el {}", p.medio, fechas::corta(p.fecha));
    }
    for p in &r.posturas {
        out!(
            "  Postura {}: {} ({}) USD {}, consignó USD {}",
            p.id,
            p.postor,
            p.identificacion,
            usd(p.valor),
            usd(p.deposito)
        );
    }
    if let Some(g) = r.ganadora() {
        out!("  Mejor postor: {} por USD {}.", g.postor, usd(g.valor));
    }
    if let Some(a) = &r.adjudicacion {
        out!(
            "  Adjudicado el {}: USD {} imputados a la deuda{}.",
            fechas::corta(a.fecha),
            usd(a.aplicado),
            if a.sobrante.0 > 0 {
                format!(", USD {} sobran para el coactivado", usd(a.sobrante))
            } else {
                String::new()
            }
        );
    }
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenRemates,
    como_json: bool,
) -> Res<u8> {
    let r = match o {
        OrdenRemates::Convocar {
            numero,
            bienes,
            fecha,
            hora,
            lugar,
        } => remates::convocar(
            store,
            actor,
            &remates::Convocatoria {
                numero,
                bienes,
                fecha: fechas::parse_fecha(&fecha)?,
                hora,
                lugar,
            },
        )?,
        OrdenRemates::Publicar {
            remate,
            fecha,
            medio,
            detalle,
        } => remates::publicar(
            store,
            actor,
            remate,
            fechas::parse_fecha(&fecha)?,
            &medio,
            detalle.as_deref(),
        )?,
        OrdenRemates::Postura {
            remate,
            postor,
            identificacion,
            valor,
            deposito,
            fecha,
        } => remates::postura(
            store,
            actor,
            &remates::NuevaPostura {
                remate,
                postor,
                identificacion,
                valor: dinero::importe(&valor)?,
                deposito: dinero::importe(&deposito)?,
                fecha: fechas::parse_fecha(&fecha)?,
            },
        )?,
        OrdenRemates::Realizar {
            remate,
            fecha,
            salida: ruta,
        } => {
            salida::admitir(&ruta)?;
            let destino = ruta.clone();
            let (r, _) = remates::cerrar(
                store,
                actor,
                remate,
                fechas::parse_fecha(&fecha)?,
                &move |pdf| {
                    salida::escribir(&destino, pdf).map_err(|f| coactiva::Error::entrada(f.mensaje))
                },
            )?;
            if !como_json {
                out!(
                    "El acta de remate se guardó en {} y se folió.",
                    ruta.display()
                );
            }
            r
        }
        OrdenRemates::Adjudicar {
            remate,
            fecha,
            referencia,
        } => remates::adjudicar(
            store,
            actor,
            remate,
            fechas::parse_fecha(&fecha)?,
            &referencia,
        )?,
        OrdenRemates::Listar { numero } => {
            let v = remates::listar(store, numero.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay remates.");
            } else {
                salida::tabla(
                    &[
                        "N.º",
                        "Proceso",
                        "Convocatoria",
                        "Día",
                        "Base (USD)",
                        "Posturas",
                        "Estado",
                    ],
                    v.iter().map(|r| {
                        vec![
                            r.id.to_string(),
                            r.proceso.clone(),
                            r.convocatoria.to_string(),
                            fechas::corta(r.fecha),
                            usd(r.base),
                            r.posturas.len().to_string(),
                            r.estado.clone(),
                        ]
                    }),
                );
            }
            return Ok(0);
        }
        OrdenRemates::Ver { remate } => remates::ver(store, remate)?,
    };
    if como_json {
        salida::json(&r);
    } else {
        mostrar(&r);
    }
    Ok(0)
}
