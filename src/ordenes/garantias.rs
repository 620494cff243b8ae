//! `coactiva garantias …`: guarantees given to the IESS, their expiry and execution.

use clap::Subcommand;
use coactiva::dinero::{importe, Centavos};
use coactiva::{fechas, garantias, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenGarantias {
    /// Registra una garantía de un proceso (o de uno de sus convenios)
    Registrar {
        numero: String,
        /// hipoteca, prenda, bancaria, poliza o fianza
        #[arg(long)]
        tipo: String,
        /// Nombres del garante o de la entidad que garantiza
        #[arg(long)]
        garante: String,
        #[arg(long)]
        identificacion: String,
        #[arg(long, value_name = "VALOR")]
        monto: String,
        /// Banco o aseguradora que la emite (garantía bancaria, póliza)
        #[arg(long)]
        emisor: Option<String>,
        /// Número de la póliza, escritura o documento
        #[arg(long)]
        documento: Option<String>,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long, value_name = "FECHA")]
        vence: Option<String>,
        /// Número del convenio de pago que garantiza
        #[arg(long)]
        convenio: Option<i64>,
        #[arg(long)]
        detalle: Option<String>,
    },
    /// Registra la ejecución de una garantía: cobrada, parcial o rechazada, con lo obtenido
    Ejecutar {
        id: i64,
        #[arg(long, value_name = "FECHA")]
        fecha: String,
        #[arg(long)]
        resultado: String,
        #[arg(long, value_name = "VALOR", default_value = "0")]
        valor: String,
        #[arg(long)]
        detalle: Option<String>,
    },
    /// Las garantías de un proceso (o de todos)
    Listar { numero: Option<String> },
    /// Las que vencen dentro de los días del ajuste dias_aviso_garantia, o ya vencieron
    PorVencer,
}

fn tabla(v: &[garantias::Garantia], f: coactiva::dinero::Formato) {
    salida::tabla(
        &[
            "N.º", "Proceso", "Tipo", "Garante", "Monto", "Emisor", "Vence", "Estado",
        ],
        v.iter().map(|g| {
            vec![
                g.id.to_string(),
                g.proceso.clone(),
                garantias::nombre_tipo(&g.tipo).to_string(),
                g.garante.clone(),
                g.monto.agrupado(f),
                g.emisor.clone().unwrap_or_default(),
                g.vence.map(fechas::corta).unwrap_or_default(),
                match (&g.ejecucion, g.dias_para_vencer) {
                    (Some(e), _) => format!(
                        "{} el {} (USD {})",
                        e.resultado,
                        fechas::corta(e.fecha),
                        e.valor.agrupado(f)
                    ),
                    (None, Some(d)) if d < 0 => format!(
                        "vencida hace {}",
                        coactiva::texto::cuantos(-d, "día", "días")
                    ),
                    (None, Some(d)) => format!(
                        "vigente, vence en {}",
                        coactiva::texto::cuantos(d, "día", "días")
                    ),
                    (None, None) => "vigente".into(),
                },
            ]
        }),
    );
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenGarantias,
    como_json: bool,
) -> Res<u8> {
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    match o {
        OrdenGarantias::Registrar {
            numero,
            tipo,
            garante,
            identificacion,
            monto,
            emisor,
            documento,
            fecha,
            vence,
            convenio,
            detalle,
        } => {
            let g = garantias::registrar(
                store,
                actor,
                &garantias::Nueva {
                    numero,
                    convenio,
                    tipo,
                    garante,
                    identificacion,
                    monto: importe(&monto)?,
                    emisor,
                    documento,
                    fecha: fechas::parse_fecha(&fecha)?,
                    vence: super::fecha_opcional(&vence)?,
                    detalle,
                },
            )?;
            if como_json {
                salida::json(&g);
            } else {
                out!(
                    "Garantía {} registrada en el proceso {}: {} de {} por USD {}{}.",
                    g.id,
                    g.proceso,
                    garantias::nombre_tipo(&g.tipo),
                    g.garante,
                    g.monto.agrupado(f),
                    g.vence
                        .map(|v| format!(", vence el {}", fechas::corta(v)))
                        .unwrap_or_default()
                );
            }
        }
        OrdenGarantias::Ejecutar {
            id,
            fecha,
            resultado,
            valor,
            detalle,
        } => {
            let valor = if valor.trim() == "0" {
                Centavos(0)
            } else {
                importe(&valor)?
            };
            let g = garantias::ejecutar(
                store,
                actor,
                id,
                fechas::parse_fecha(&fecha)?,
                &resultado,
                valor,
                detalle.as_deref(),
            )?;
            if como_json {
                salida::json(&g);
            } else {
                out!("Garantía {} ejecutada: {}.", g.id, g.estado);
            }
        }
        OrdenGarantias::Listar { numero } => {
            let v = garantias::listar(store, numero.as_deref())?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay garantías registradas.");
            } else {
                tabla(&v, f);
            }
        }
        OrdenGarantias::PorVencer => {
            let v = garantias::por_vencer(store)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("Ninguna garantía vence pronto.");
            } else {
                tabla(&v, f);
            }
        }
    }
    Ok(0)
}
