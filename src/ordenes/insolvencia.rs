//! `coactiva insolvencia informe`: the bimonthly report of procesos referred to insolvency.

use clap::Subcommand;
use coactiva::{fechas, insolvencia, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenInsolvencia {
    /// Informe bimestral de los procesos remitidos a insolvencia, con su estado
    Informe {
        /// Un día del bimestre (dd/mm/aaaa; el bimestre en curso si no se indica)
        #[arg(long, value_name = "FECHA")]
        al: Option<String>,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenInsolvencia,
    como_json: bool,
) -> Res<u8> {
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    let m = |c: coactiva::dinero::Centavos| format!("USD {}", c.agrupado(f));
    match o {
        OrdenInsolvencia::Informe { al } => {
            let i = insolvencia::informe(store, actor, super::fecha_opcional(&al)?)?;
            if como_json {
                salida::json(&i);
                return Ok(0);
            }
            out!(
                "Procesos remitidos a insolvencia, bimestre de {} (al {}): {} en total, {} en el bimestre; saldo {}.",
                i.bimestre,
                fechas::corta(i.hasta),
                i.procesos.len(),
                i.nuevos,
                m(i.saldo)
            );
            salida::tabla(
                &[
                    "Proceso",
                    "Obligado",
                    "Identificación",
                    "Remitido",
                    "Saldo",
                    "Estado",
                ],
                i.procesos.iter().map(|p| {
                    vec![
                        p.proceso.clone(),
                        p.obligado.clone(),
                        p.identificacion.clone(),
                        format!(
                            "{}{}",
                            fechas::corta(p.remitido),
                            if p.en_el_bimestre { " (nuevo)" } else { "" }
                        ),
                        p.saldo.map(m).unwrap_or_else(|| "sin tasa".into()),
                        p.estado.clone(),
                    ]
                }),
            );
        }
    }
    Ok(0)
}
