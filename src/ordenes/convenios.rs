//! `coactiva convenios …`: payment agreements in cuotas.

use clap::Subcommand;
use coactiva::dinero::{importe, Centavos};
use coactiva::{convenios, fechas, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenConvenios {
    /// Registra un convenio de pago: congela el saldo a la fecha y arma la tabla de cuotas mensuales
    Crear {
        numero: String,
        /// Número de cuotas mensuales (1 a 120)
        #[arg(long)]
        cuotas: i64,
        /// Entrada pagada al firmar (se descuenta antes de las cuotas)
        #[arg(long, value_name = "VALOR")]
        entrada: Option<String>,
        /// Fecha del convenio (dd/mm/aaaa)
        #[arg(long, value_name = "FECHA")]
        desde: String,
    },
    /// Muestra los convenios de un proceso: la tabla, lo pagado y lo vencido
    Ver {
        numero: String,
        /// A qué fecha (dd/mm/aaaa; hoy si no se indica)
        #[arg(long, value_name = "FECHA")]
        al: Option<String>,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenConvenios,
    como_json: bool,
) -> Res<u8> {
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    let m = |c: Centavos| format!("USD {}", c.agrupado(f));
    match o {
        OrdenConvenios::Crear {
            numero,
            cuotas,
            entrada,
            desde,
        } => {
            let entrada = match entrada {
                Some(e) => importe(&e)?,
                None => Centavos(0),
            };
            let c = convenios::crear(
                store,
                actor,
                &convenios::Nuevo {
                    proceso: numero,
                    cuotas,
                    entrada,
                    desde: fechas::parse_fecha(&desde)?,
                },
            )?;
            if como_json {
                salida::json(&c);
            } else {
                out!(
                    "Convenio {} del proceso {}: saldo {} al {}, {} al {} % anual, total {}. El proceso pasa a convenio de pago; imprima el convenio para firmarlo y foliarlo.",
                    c.id,
                    c.proceso,
                    m(c.saldo),
                    fechas::corta(c.desde),
                    coactiva::texto::cuantos(c.cuotas, "cuota", "cuotas"),
                    c.tasa.replace('.', ","),
                    m(c.total)
                );
                mostrar_tabla(&c, &m);
            }
        }
        OrdenConvenios::Ver { numero, al } => {
            let al = super::fecha_opcional(&al)?;
            let _ = convenios::revisar(store, actor)?;
            let v = convenios::ver(store, actor, &numero, al)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("El proceso {numero} no tiene convenios de pago.");
            } else {
                for c in &v {
                    out!(
                        "Convenio {} desde el {}: saldo {}, {} al {} % anual, total {}. Estado al {}: {}{}; pagado {}, vencido {}.",
                        c.id,
                        fechas::corta(c.desde),
                        m(c.saldo),
                        coactiva::texto::cuantos(c.cuotas, "cuota", "cuotas"),
                        c.tasa.replace('.', ","),
                        m(c.total),
                        fechas::corta(c.al),
                        c.estado.estado,
                        c.estado
                            .incumplido_desde
                            .map(|d| format!(" desde el {}", fechas::corta(d)))
                            .unwrap_or_default(),
                        m(c.estado.pagado),
                        m(c.estado.vencido)
                    );
                    mostrar_tabla(c, &m);
                }
            }
        }
    }
    Ok(0)
}

fn mostrar_tabla(c: &convenios::Convenio, m: &dyn Fn(Centavos) -> String) {
    let pagadas = c.estado.pagadas as usize;
    salida::tabla(
        &["Cuota", "Vence", "Capital", "Interés", "Valor", "Estado"],
        c.tabla.iter().enumerate().map(|(i, q)| {
            vec![
                if q.numero == 0 {
                    "entrada".into()
                } else {
                    q.numero.to_string()
                },
                fechas::corta(q.vence),
                m(q.amortizacion),
                m(q.interes),
                m(q.valor()),
                if i < pagadas {
                    "pagada".into()
                } else if c.estado.vencidas.contains(&q.numero) {
                    "vencida".into()
                } else {
                    "por pagar".into()
                },
            ]
        }),
    );
}
