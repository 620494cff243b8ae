//! Insolvencia (C.D. 497, Sexta disposición): a proceso that ends without full recovery is
//! referred to the Área de Patrocinio (stage *remitido a insolvencia*, with its oficio de
//! remisión and the liquidación), and every two months the unit reports those procesos with
//! their state.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::dinero::Centavos;
use crate::store::Reader;
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// One proceso referred to insolvency.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Remitido {
    pub proceso: String,
    pub titulo: String,
    pub obligado: String,
    pub identificacion: String,
    pub abogado: String,
    /// The day it was referred.
    pub remitido: NaiveDate,
    /// Referred within the report's two months.
    pub en_el_bimestre: bool,
    /// The fojas of its oficio de remisión, once foliated.
    pub oficio: Option<String>,
    /// What is still owed at the report's end (absent when a day of mora has no rate).
    pub saldo: Option<Centavos>,
    /// In words: «remitido; oficio en fojas 12–13» or what is missing.
    pub estado: String,
}

/// The bimonthly report of procesos referred to insolvency.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "InformeInsolvencia"))]
pub struct Informe {
    /// «noviembre y diciembre de 2026».
    pub bimestre: String,
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub procesos: Vec<Remitido>,
    pub nuevos: i64,
    pub saldo: Centavos,
}

/// The two months (January–February, March–April…) that contain `d`.
pub fn bimestre(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let primero = ((d.month0() / 2) * 2) + 1;
    let desde = NaiveDate::from_ymd_opt(d.year(), primero, 1).unwrap_or(d);
    let hasta = if primero == 11 {
        NaiveDate::from_ymd_opt(d.year(), 12, 31)
    } else {
        NaiveDate::from_ymd_opt(d.year(), primero + 2, 1).and_then(|x| x.pred_opt())
    }
    .unwrap_or(d);
    (desde, hasta)
}

/// The report for the two months containing `al` (today by default): every proceso in
/// insolvency referred by the end of those months (or by `al`, if earlier), the new ones
/// marked.
pub fn informe(db: &dyn Reader, actor: &Actor, al: Option<NaiveDate>) -> Result<Informe> {
    actor.exigir(Accion::Consultar)?;
    let hoy = fechas::hoy(db.clock());
    let al = al.unwrap_or(hoy);
    if al > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro: el informe se hace de un bimestre ya corrido",
            fechas::corta(al)
        )));
    }
    let (desde, fin) = bimestre(al);
    let hasta = fin.min(hoy);
    let mut st = db.conn().prepare(
        "SELECT p.numero, p.titulo, t.obligado, t.identificacion, COALESCE(a.nombres, p.abogado),
                (SELECT e.desde FROM etapas e WHERE e.proceso_id = p.id AND e.etapa = 'insolvencia' ORDER BY e.id DESC LIMIT 1),
                (SELECT x.desde || '–' || x.hasta FROM actuaciones x WHERE x.proceso_id = p.id
                   AND x.descripcion LIKE 'Oficio de remisión para insolvencia%' ORDER BY x.orden DESC LIMIT 1)
         FROM procesos p JOIN titulos t ON t.numero = p.titulo LEFT JOIN abogados a ON a.identificacion = p.abogado
         WHERE p.etapa = 'insolvencia' ORDER BY p.numero",
    )?;
    type Fila = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let filas: Vec<Fila> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut procesos = vec![];
    for f in filas {
        let Some(remitido) = f.5.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()) else {
            continue;
        };
        if remitido > hasta {
            continue;
        }
        let saldo = crate::liquidacion::de_titulo_en(db.conn(), &f.1, hasta)
            .ok()
            .map(|l| l.saldo);
        let estado = match &f.6 {
            Some(fojas) => format!("remitido; oficio de remisión en fojas {fojas}"),
            None => "remitido; falta foliar el oficio de remisión".to_string(),
        };
        procesos.push(Remitido {
            proceso: f.0,
            titulo: f.1,
            obligado: f.2,
            identificacion: f.3,
            abogado: f.4,
            remitido,
            en_el_bimestre: remitido >= desde,
            oficio: f.6,
            saldo,
            estado,
        });
    }
    let meses = |d: NaiveDate| {
        fechas::larga(d)
            .split(" de ")
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    Ok(Informe {
        bimestre: format!("{} y {} de {}", meses(desde), meses(fin), desde.year()),
        desde,
        hasta,
        nuevos: procesos.iter().filter(|p| p.en_el_bimestre).count() as i64,
        saldo: Centavos(procesos.iter().filter_map(|p| p.saldo).map(|s| s.0).sum()),
        procesos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bimesters_run_january_february_and_so_on() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            bimestre(d("2026-12-01")),
            (d("2026-11-01"), d("2026-12-31"))
        );
        assert_eq!(
            bimestre(d("2026-01-31")),
            (d("2026-01-01"), d("2026-02-28"))
        );
        assert_eq!(
            bimestre(d("2028-02-10")),
            (d("2028-01-01"), d("2028-02-29"))
        );
        assert_eq!(
            bimestre(d("2026-04-30")),
            (d("2026-03-01"), d("2026-04-30"))
        );
    }
}
