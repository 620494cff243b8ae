//! Guarantees in favour of the IESS — hipoteca, prenda, garantía bancaria, póliza, fianza —
//! with their guarantor, amount, issuer and expiry, for a proceso or one of its convenios; the
//! ones about to expire (a configurable number of days before) are on Inicio, and executing one
//! is recorded with what it gave. Append-only (`registros`).

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::procesos;
use crate::registros;
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

pub const TIPOS: [&str; 5] = ["hipoteca", "prenda", "bancaria", "poliza", "fianza"];
pub const RESULTADOS: [&str; 3] = ["cobrada", "parcial", "rechazada"];

pub fn nombre_tipo(t: &str) -> &str {
    match t {
        "hipoteca" => "hipoteca",
        "prenda" => "prenda",
        "bancaria" => "garantía bancaria",
        "poliza" => "póliza de seguro",
        "fianza" => "fianza",
        t => t,
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ejecucion {
    pub fecha: NaiveDate,
    pub resultado: String,
    pub valor: Centavos,
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Garantia {
    pub id: i64,
    pub proceso: String,
    pub convenio: Option<i64>,
    pub tipo: String,
    pub garante: String,
    pub identificacion: String,
    pub monto: Centavos,
    pub emisor: Option<String>,
    pub documento: Option<String>,
    pub fecha: NaiveDate,
    pub vence: Option<NaiveDate>,
    pub detalle: Option<String>,
    pub ejecucion: Option<Ejecucion>,
    /// «vigente», «vencida», or the execution's result.
    pub estado: String,
    /// Days to expiry today (negative: expired), when it expires.
    pub dias_para_vencer: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Nueva {
    pub numero: String,
    pub convenio: Option<i64>,
    pub tipo: String,
    pub garante: String,
    pub identificacion: String,
    pub monto: Centavos,
    pub emisor: Option<String>,
    pub documento: Option<String>,
    pub fecha: NaiveDate,
    pub vence: Option<NaiveDate>,
    pub detalle: Option<String>,
}

use crate::texto::limpio as texto;

/// Records a guarantee for a proceso (and, if named, one of its convenios).
pub fn registrar(store: &mut Store, actor: &Actor, n: &Nueva) -> Result<Garantia> {
    actor.exigir(Accion::Cobrar)?;
    let tipo = crate::texto::clave(&n.tipo);
    if !TIPOS.contains(&tipo.as_str()) {
        return Err(Error::entrada(format!(
            "el tipo de garantía «{}» no existe; use {}",
            n.tipo,
            TIPOS.join(", ")
        )));
    }
    let garante =
        texto(Some(&n.garante)).ok_or_else(|| Error::entrada("faltan los nombres del garante"))?;
    crate::identificacion::validar(&n.identificacion)
        .map_err(|e| Error::entrada(format!("la identificación del garante: {e}")))?;
    if n.monto.0 <= 0 {
        return Err(Error::entrada(
            "el monto de la garantía debe ser mayor que cero",
        ));
    }
    let emisor = texto(n.emisor.as_deref());
    if matches!(tipo.as_str(), "bancaria" | "poliza") && emisor.is_none() {
        return Err(Error::entrada(format!(
            "una {} necesita el banco o la aseguradora que la emite",
            nombre_tipo(&tipo)
        )));
    }
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(n.fecha, hoy)?;
    if let Some(v) = n.vence {
        if v <= n.fecha {
            return Err(Error::entrada(format!(
                "la garantía vencería el {}, antes de otorgarse ({})",
                fechas::corta(v),
                fechas::corta(n.fecha)
            )));
        }
    }
    let id = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &n.numero)?;
        if let Some(c) = n.convenio {
            let de: Option<String> = tx
                .conn()
                .query_row("SELECT proceso FROM convenios WHERE id = ?1", [c], |r| {
                    r.get(0)
                })
                .optional()?;
            if de.as_deref() != Some(p.numero.as_str()) {
                return Err(Error::entrada(format!(
                    "el proceso {} no tiene el convenio {c}",
                    p.numero
                )));
            }
        }
        let id = registros::siguiente(tx.conn(), &registros::GARANTIAS)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::GarantiaRegistrada(ev::GarantiaRegistrada {
                proceso: p.numero.clone(),
                convenio: n.convenio,
                tipo: tipo.clone(),
                garante: garante.clone(),
                identificacion: n.identificacion.trim().to_string(),
                monto: n.monto,
                emisor: emisor.clone(),
                documento: texto(n.documento.as_deref()),
                fecha: n.fecha,
                vence: n.vence,
                detalle: texto(n.detalle.as_deref()),
            }),
        )?;
        Ok(id)
    })?;
    ver(store, id)
}

/// Records what executing a guarantee gave. (The money, when it arrives, is a payment.)
pub fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    fecha: NaiveDate,
    resultado: &str,
    valor: Centavos,
    detalle: Option<&str>,
) -> Result<Garantia> {
    actor.exigir(Accion::Cobrar)?;
    let resultado = crate::texto::clave(resultado);
    if !RESULTADOS.contains(&resultado.as_str()) {
        return Err(Error::entrada(format!(
            "el resultado «{resultado}» no existe; use cobrada, parcial o rechazada"
        )));
    }
    if valor.0 < 0
        || (resultado == "rechazada" && valor.0 != 0)
        || (resultado != "rechazada" && valor.0 == 0)
    {
        return Err(Error::entrada(
            "el valor obtenido debe ser mayor que cero si se cobró (en todo o en parte), y cero si se rechazó",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(fecha, hoy)?;
    store.write(&actor.usuario, |tx| {
        let g = ver(tx, id)?;
        procesos::exigir_a_cargo_de(tx, actor, &g.proceso)?;
        if let Some(e) = &g.ejecucion {
            return Err(Error::Conflicto(format!(
                "la garantía {id} ya se ejecutó el {} ({})",
                fechas::corta(e.fecha),
                e.resultado
            )));
        }
        if fecha < g.fecha {
            return Err(Error::entrada(format!(
                "la ejecución del {} sería anterior a la garantía ({})",
                fechas::corta(fecha),
                fechas::corta(g.fecha)
            )));
        }
        if valor.0 > g.monto.0 || (resultado == "cobrada" && valor.0 != g.monto.0) {
            return Err(Error::entrada(format!(
                "la garantía es por USD {}: «cobrada» es por ese valor; un valor menor es «parcial»",
                g.monto.decimal().replace('.', ",")
            )));
        }
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::GarantiaEjecutada(ev::GarantiaEjecutada {
                fecha,
                resultado: resultado.clone(),
                valor,
                detalle: texto(detalle),
            }),
        )?;
        ver(tx, id)
    })
}

fn dia(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.get(..10).and_then(|d| d.parse().ok()))
}

fn leer(db: &dyn Reader, filtro: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Garantia>> {
    let hoy = fechas::hoy(db.clock());
    let mut st = db.conn().prepare_cached(&format!(
        "SELECT g.id, g.proceso, g.convenio, g.tipo, g.garante, g.identificacion, g.monto, g.emisor, g.documento, g.fecha, g.vence, g.detalle,
                e.fecha, e.resultado, e.valor, e.detalle
         FROM garantias g LEFT JOIN garantias_ejecuciones e ON e.garantia_id = g.id WHERE {filtro} ORDER BY g.vence IS NULL, g.vence, g.id LIMIT 1000"
    ))?;
    let v = st.query_map(args, |r| {
        let efecha: Option<String> = r.get(12)?;
        let ejecucion = match dia(efecha) {
            Some(fecha) => Some(Ejecucion {
                fecha,
                resultado: r.get(13)?,
                valor: Centavos(r.get(14)?),
                detalle: r.get(15)?,
            }),
            None => None,
        };
        let vence = dia(r.get(10)?);
        let dias = vence.map(|v| (v - hoy).num_days());
        Ok(Garantia {
            id: r.get(0)?,
            proceso: r.get(1)?,
            convenio: r.get(2)?,
            tipo: r.get(3)?,
            garante: r.get(4)?,
            identificacion: r.get(5)?,
            monto: Centavos(r.get(6)?),
            emisor: r.get(7)?,
            documento: r.get(8)?,
            fecha: dia(r.get(9)?).unwrap_or(NaiveDate::MIN),
            vence,
            detalle: r.get(11)?,
            estado: match (&ejecucion, dias) {
                (Some(e), _) => e.resultado.clone(),
                (None, Some(d)) if d < 0 => "vencida".into(),
                _ => "vigente".into(),
            },
            ejecucion,
            dias_para_vencer: dias,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

pub fn ver(db: &dyn Reader, id: i64) -> Result<Garantia> {
    leer(db, "g.id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| Error::NoEncontrado(format!("no existe la garantía {id}")))
}

/// Those of a proceso, or all.
pub fn listar(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Garantia>> {
    match numero {
        Some(n) => {
            procesos::exigir(db, n)?;
            leer(db, "g.proceso = ?1", &[&n])
        }
        None => leer(db, "1", &[]),
    }
}

/// Guarantees not executed that expire within `dias_aviso_garantia` days, or have expired
/// on a proceso still open: what Inicio shows.
pub fn por_vencer(db: &dyn Reader) -> Result<Vec<Garantia>> {
    let hoy = fechas::hoy(db.clock());
    let dias = crate::configuracion::numero(db, "dias_aviso_garantia")? as i64;
    let corte = fechas::iso(hoy + chrono::Duration::days(dias));
    leer(
        db,
        "e.garantia_id IS NULL AND g.vence IS NOT NULL AND g.vence <= ?1
         AND (SELECT etapa FROM procesos p WHERE p.numero = g.proceso) NOT IN ('pagado', 'anulado', 'insolvencia')",
        &[&corte],
    )
}
