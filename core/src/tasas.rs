//! The dated table of annual mora rates. Rates are data: the Jefe registers each one from the
//! date it applies (the Banco Central publishes them monthly); a correction is a new entry from
//! the same date, and the newest entry for a date wins. Every entry is in the change log.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use crate::eventos::{self as ev, Evento};
use crate::liquidacion::{Tasa, TasaAnual};
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// One entry of the table as the Configuración screen and `tasas listar` show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Registro {
    pub id: i64,
    pub desde: NaiveDate,
    /// «9.53» (a dot, for scripts).
    pub anual: String,
    pub registrada_por: String,
    pub registrada_en: String,
    /// A newer entry from the same date replaced it.
    pub reemplazada: bool,
}

/// Every entry, oldest date first.
pub fn listar(db: &dyn Reader) -> Result<Vec<Registro>> {
    let mut st = db.conn().prepare_cached(
        "SELECT t.id, t.desde, t.anual, t.registrada_por, t.registrada_en,
                EXISTS (SELECT 1 FROM tasas n WHERE n.desde = t.desde AND n.id > t.id)
         FROM tasas t ORDER BY t.desde, t.id",
    )?;
    let v = st
        .query_map([], |r| {
            let desde: String = r.get(1)?;
            Ok(Registro {
                id: r.get(0)?,
                desde: desde.parse().unwrap_or_default(),
                anual: TasaAnual(r.get(2)?).decimal(),
                registrada_por: r.get(3)?,
                registrada_en: r.get(4)?,
                reemplazada: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The rates in force, one per date (the newest entry of each date), oldest first.
pub fn vigentes(db: &dyn Reader) -> Result<Vec<Tasa>> {
    vigentes_en(db.conn())
}

pub(crate) fn vigentes_en(conn: &rusqlite::Connection) -> Result<Vec<Tasa>> {
    let mut st = conn.prepare_cached(
        "SELECT desde, anual FROM tasas t WHERE NOT EXISTS (SELECT 1 FROM tasas n WHERE n.desde = t.desde AND n.id > t.id) ORDER BY desde",
    )?;
    let v = st
        .query_map([], |r| {
            let desde: String = r.get(0)?;
            Ok((desde, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v.into_iter()
        .filter_map(|(d, a)| {
            d.parse().ok().map(|desde| Tasa {
                desde,
                anual: TasaAnual(a),
            })
        })
        .collect())
}

/// The Jefe registers the annual rate in force from `desde`.
pub fn agregar(
    store: &mut Store,
    actor: &Actor,
    desde: NaiveDate,
    anual: TasaAnual,
) -> Result<Registro> {
    actor.exigir(Accion::Configurar)?;
    if desde < NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default() {
        return Err(Error::entrada(format!(
            "la fecha {} es anterior a 1990: revise el año",
            fechas::corta(desde)
        )));
    }
    let id = store.write(&actor.usuario, |tx| {
        if vigentes(tx)?.iter().any(|t| t.desde == desde && t.anual == anual) {
            return Err(Error::Conflicto(format!(
                "la tasa de {} % desde el {} ya está registrada",
                anual.texto(),
                fechas::corta(desde)
            )));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO tasas (desde, anual, registrada_por, registrada_en) VALUES (?1, ?2, ?3, ?4)",
            params![fechas::iso(desde), anual.0, tx.actor(), ahora],
        )?;
        let id = tx.conn().last_insert_rowid();
        tx.registrar(
            &id.to_string(),
            &Evento::TasaRegistrada(ev::TasaRegistrada {
                desde,
                anual: anual.decimal(),
            }),
        )?;
        Ok(id)
    })?;
    log::info!("tasa de interés registrada");
    listar(store)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| Error::Interno("la tasa recién registrada no aparece".into()))
}
