//! Excepciones (filed by the coactivado before the contencioso-administrativo court, COA) and
//! administrative impugnaciones: recorded with their date, ground, court or organ, case number
//! and outcome. One that suspends the proceso moves it to *suspendido* (its términos stop);
//! when the last pending one is resolved the proceso resumes at the stage it left, its
//! términos counted on from there — or, an excepción accepted, the proceso is annulled.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::eventos::{self as ev, Evento};
use crate::procesos::{self, Etapa};
use crate::registros;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

pub const CLASES: [&str; 2] = ["excepcion", "impugnacion"];
pub const RESULTADOS: [&str; 3] = ["aceptada", "rechazada", "desistida"];

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Resolucion {
    pub fecha: NaiveDate,
    pub resultado: String,
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Excepcion {
    pub id: i64,
    pub proceso: String,
    pub clase: String,
    pub fecha: NaiveDate,
    pub fundamento: String,
    pub organo: String,
    pub causa: Option<String>,
    pub suspende: bool,
    pub resolucion: Option<Resolucion>,
    /// «pendiente», or the resolution's outcome.
    pub estado: String,
}

/// What filing one needs.
#[derive(Debug, Clone, Default)]
pub struct Nueva {
    pub numero: String,
    pub clase: String,
    pub fecha: NaiveDate,
    pub fundamento: String,
    pub organo: String,
    pub causa: Option<String>,
    pub suspende: bool,
}

fn texto(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string)
}

fn dia(s: String) -> NaiveDate {
    fechas::dia(&s)
}

/// Records an excepción or impugnación; if it suspends, the proceso is suspended with it.
pub fn registrar(store: &mut Store, actor: &Actor, n: &Nueva) -> Result<Excepcion> {
    actor.exigir(Accion::Excepciones)?;
    let clase = crate::texto::clave(&n.clase);
    if !CLASES.contains(&clase.as_str()) {
        return Err(Error::entrada(format!(
            "«{}» no es una clase válida; use excepcion o impugnacion",
            n.clase
        )));
    }
    let fundamento = texto(&n.fundamento)
        .ok_or_else(|| Error::entrada("falta el fundamento de la excepción"))?;
    let organo = texto(&n.organo)
        .ok_or_else(|| Error::entrada("falta el tribunal u órgano ante el que se presentó"))?;
    let causa = n.causa.as_deref().and_then(texto);
    let hoy = fechas::hoy(store.clock());
    if n.fecha > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro",
            fechas::corta(n.fecha)
        )));
    }
    let id = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &n.numero)?;
        if p.etapa.terminal() {
            return Err(Error::entrada(format!(
                "el proceso {} está {}: no admite excepciones",
                p.numero,
                p.etapa.nombre()
            )));
        }
        let abierto = procesos::fecha_de_apertura(
            tx,
            crate::procesos::expediente::id_de(tx.conn(), &p.numero)?,
        )?;
        if n.fecha < abierto {
            return Err(Error::entrada(format!(
                "la fecha {} es anterior a la apertura del proceso ({})",
                fechas::corta(n.fecha),
                fechas::corta(abierto)
            )));
        }
        let id = registros::siguiente(tx.conn(), &registros::EXCEPCIONES)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::ExcepcionRegistrada(ev::ExcepcionRegistrada {
                proceso: p.numero.clone(),
                clase: clase.clone(),
                fecha: n.fecha,
                fundamento: fundamento.clone(),
                organo: organo.clone(),
                causa: causa.clone(),
                suspende: n.suspende,
            }),
        )?;
        if n.suspende && p.etapa != Etapa::Suspendido {
            p.etapa.puede_pasar(Etapa::Suspendido, None).map_err(|_| {
                Error::entrada(format!(
                    "un proceso en {} no se suspende: registre la excepción sin suspender",
                    p.etapa.nombre()
                ))
            })?;
            let desde = n.fecha.max(dia(p.etapa_desde.clone()));
            let motivo = format!("{} N.º {id} ante {organo}", nombre_clase(&clase));
            procesos::pasar_en(tx, &p.numero, &p, Etapa::Suspendido, desde, Some(&motivo))?;
        }
        Ok(id)
    })?;
    ver(store, id)
}

fn nombre_clase(c: &str) -> &'static str {
    if c == "impugnacion" {
        "impugnación"
    } else {
        "excepción"
    }
}

/// Records the outcome. The last pending suspending one resolved, the proceso resumes at the
/// stage it left (from `fecha`), or is annulled if the excepción was accepted.
pub fn resolver(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    fecha: NaiveDate,
    resultado: &str,
    detalle: Option<&str>,
) -> Result<Excepcion> {
    actor.exigir(Accion::Excepciones)?;
    let resultado = crate::texto::clave(resultado);
    if !RESULTADOS.contains(&resultado.as_str()) {
        return Err(Error::entrada(format!(
            "«{resultado}» no es un resultado válido; use aceptada, rechazada o desistida"
        )));
    }
    let detalle = detalle.and_then(texto);
    if resultado == "aceptada" && detalle.is_none() {
        return Err(Error::entrada(
            "una excepción aceptada necesita el detalle de la sentencia o resolución",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    if fecha > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro",
            fechas::corta(fecha)
        )));
    }
    store.write(&actor.usuario, |tx| {
        let x = ver(tx, id)?;
        let p = procesos::exigir_a_cargo_de(tx, actor, &x.proceso)?;
        if let Some(r) = &x.resolucion {
            return Err(Error::Conflicto(format!(
                "la {} {id} ya fue resuelta el {} ({})",
                nombre_clase(&x.clase),
                fechas::corta(r.fecha),
                r.resultado
            )));
        }
        if fecha < x.fecha {
            return Err(Error::entrada(format!(
                "la resolución del {} sería anterior a la presentación ({})",
                fechas::corta(fecha),
                fechas::corta(x.fecha)
            )));
        }
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::ExcepcionResuelta(ev::ExcepcionResuelta {
                fecha,
                resultado: resultado.clone(),
                detalle: detalle.clone(),
            }),
        )?;
        if x.suspende && p.etapa == Etapa::Suspendido {
            reanudar(tx, &p, &x, fecha, &resultado)?;
        }
        ver(tx, id)
    })
}

/// After a suspending excepción is resolved: the proceso resumes (or is annulled) once no
/// other suspending one is pending.
fn reanudar(
    tx: &mut Tx<'_>,
    p: &procesos::Proceso,
    x: &Excepcion,
    fecha: NaiveDate,
    resultado: &str,
) -> Result<()> {
    let otras: i64 = tx.conn().query_row(
        "SELECT COUNT(*) FROM excepciones e WHERE e.proceso = ?1 AND e.suspende = 1
         AND NOT EXISTS (SELECT 1 FROM excepciones_resoluciones r WHERE r.excepcion_id = e.id)",
        [&p.numero],
        |r| r.get(0),
    )?;
    let desde = fecha.max(dia(p.etapa_desde.clone()));
    let clase = nombre_clase(&x.clase);
    if resultado == "aceptada" {
        let motivo = format!("{clase} N.º {} aceptada por {}", x.id, x.organo);
        procesos::pasar_en(tx, &p.numero, p, Etapa::Anulado, desde, Some(&motivo))?;
    } else if otras == 0 {
        let anterior: Option<String> = tx
            .conn()
            .query_row(
                "SELECT etapa_anterior FROM procesos WHERE numero = ?1",
                [&p.numero],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let Some(anterior) = anterior.map(|e| Etapa::parse(&e)).transpose()? else {
            return Ok(());
        };
        let motivo = format!("reanuda: {clase} N.º {} {resultado}", x.id);
        procesos::pasar_en(tx, &p.numero, p, anterior, desde, Some(&motivo))?;
    }
    Ok(())
}

const SELECT: &str = "SELECT e.id, e.proceso, e.clase, e.fecha, e.fundamento, e.organo, e.causa, e.suspende, r.fecha, r.resultado, r.detalle
                      FROM excepciones e LEFT JOIN excepciones_resoluciones r ON r.excepcion_id = e.id";

fn leer(db: &dyn Reader, filtro: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Excepcion>> {
    let mut st = db
        .conn()
        .prepare_cached(&format!("{SELECT} WHERE {filtro} ORDER BY e.id"))?;
    let v = st.query_map(args, |r| {
        let rfecha: Option<String> = r.get(8)?;
        let resolucion = match rfecha {
            Some(f) => Some(Resolucion {
                fecha: dia(f),
                resultado: r.get(9)?,
                detalle: r.get(10)?,
            }),
            None => None,
        };
        Ok(Excepcion {
            id: r.get(0)?,
            proceso: r.get(1)?,
            clase: r.get(2)?,
            fecha: dia(r.get(3)?),
            fundamento: r.get(4)?,
            organo: r.get(5)?,
            causa: r.get(6)?,
            suspende: r.get(7)?,
            estado: resolucion
                .as_ref()
                .map(|x| x.resultado.clone())
                .unwrap_or_else(|| "pendiente".into()),
            resolucion,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

pub fn ver(db: &dyn Reader, id: i64) -> Result<Excepcion> {
    leer(db, "e.id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| Error::NoEncontrado(format!("no existe la excepción {id}")))
}

/// Those of a proceso, or all.
pub fn listar(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Excepcion>> {
    match numero {
        Some(n) => {
            procesos::exigir(db, n)?;
            leer(db, "e.proceso = ?1", &[&n])
        }
        None => leer(db, "1", &[]),
    }
}

/// For the monthly and bimonthly reports: those filed up to `hasta` and not resolved before
/// `desde`, by state (pendiente, aceptada, rechazada, desistida) and class.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "InformeExcepciones"))]
pub struct Informe {
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    /// (state, class, how many)
    pub por_estado: Vec<(String, String, i64)>,
    pub excepciones: Vec<Excepcion>,
}

pub fn informe(db: &dyn Reader, desde: NaiveDate, hasta: NaiveDate) -> Result<Informe> {
    if hasta < desde {
        return Err(Error::entrada(
            "el período termina antes de empezar: revise las fechas",
        ));
    }
    let (d, h) = (fechas::iso(desde), fechas::iso(hasta));
    let mut v = leer(
        db,
        "e.fecha <= ?2 AND (r.fecha IS NULL OR r.fecha >= ?1)",
        &[&d, &h],
    )?;
    // As of `hasta`: a resolution after it is still pending then.
    for x in v.iter_mut() {
        if x.resolucion.as_ref().is_some_and(|r| r.fecha > hasta) {
            x.resolucion = None;
            x.estado = "pendiente".into();
        }
    }
    let mut por_estado: Vec<(String, String, i64)> = vec![];
    for estado in ["pendiente", "aceptada", "rechazada", "desistida"] {
        for clase in CLASES {
            let n = v
                .iter()
                .filter(|x| x.estado == estado && x.clase == clase)
                .count() as i64;
            if n > 0 {
                por_estado.push((estado.into(), clase.into(), n));
            }
        }
    }
    Ok(Informe {
        desde,
        hasta,
        por_estado,
        excepciones: v,
    })
}
