//! The whole-database check behind `coactiva verificar` and the window's «Verificar»: the
//! change log's chain, every table rebuilt from the log and compared ([`reconstruir`]), every
//! sorteo replayed, every expediente's fojas and hashes. One place, so the command and the
//! window can never disagree about whether a unit is intact.

pub mod reconstruir;
pub mod sello;

use serde::Serialize;

use rusqlite::OptionalExtension;

use crate::store::{Reader, Store};
use crate::{cambios, procesos, sorteo, Error, Result};

/// One thing found altered, with where it is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Hallazgo {
    /// Where, in the clerk's words: «sorteo 3», «proceso 17001-2026-00001, fojas 4-5»,
    /// «titulos 000123, campo capital».
    pub donde: String,
    pub mensaje: String,
    /// For a table that disagrees with the change log: the table, the row's key and the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tabla: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clave: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campo: Option<String>,
}

impl Hallazgo {
    pub fn en(donde: String, mensaje: String) -> Hallazgo {
        Hallazgo {
            donde,
            mensaje,
            tabla: None,
            clave: None,
            campo: None,
        }
    }

    pub fn campo(tabla: &str, clave: &str, campo: Option<&str>, mensaje: String) -> Hallazgo {
        Hallazgo {
            donde: match campo {
                Some(c) => format!("tabla {tabla}, fila {clave}, campo {c}"),
                None => format!("tabla {tabla}, fila {clave}"),
            },
            mensaje,
            tabla: Some(tabla.into()),
            clave: Some(clave.into()),
            campo: campo.map(str::to_string),
        }
    }
}

/// What was checked and what was found.
#[derive(Debug, Clone, Serialize)]
pub struct Informe {
    pub correcto: bool,
    pub hallazgos: Vec<Hallazgo>,
    pub cambios: i64,
    pub sorteos: usize,
    pub fojas: i64,
    /// How much of the log is anchored outside the file (see [`Anclaje`]).
    pub anclaje: Anclaje,
}

/// How much of the change log the centre has acknowledged with a signed receipt. Changes after
/// the last receipt exist only in this file: someone with the file could rewrite them (and
/// recompute every hash) without `verificar` noticing, until they reach the centre.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Anclaje {
    /// The last change covered by a valid receipt (0: none).
    pub anclado_hasta: i64,
    /// When the centre signed that receipt.
    pub anclado_en: Option<String>,
    /// Changes after it.
    pub sin_anclar: i64,
    /// When the first of those was made.
    pub sin_anclar_desde: Option<String>,
}

impl Anclaje {
    /// The sentence Inicio and `verificar` show.
    pub fn frase(&self) -> String {
        let desde = self
            .sin_anclar_desde
            .as_deref()
            .map(crate::fechas::fecha_larga_de_marca)
            .unwrap_or_default();
        match (self.anclado_hasta, self.sin_anclar) {
            (_, 0) if self.anclado_hasta > 0 => format!(
                "Todos los cambios ({}) están anclados en la central.",
                crate::texto::miles(self.anclado_hasta)
            ),
            (0, 0) => "Aún no hay cambios.".into(),
            (0, n) => format!(
                "Ningún cambio está anclado en la central todavía: {} cambios, desde el {desde}, existen solo en este equipo.",
                crate::texto::miles(n)
            ),
            (_, n) => format!(
                "Cambios sin anclar desde el {desde}: {} cambios existen solo en este equipo hasta que la central acuse recibirlos.",
                crate::texto::miles(n)
            ),
        }
    }
}

/// A receipt as the unit keeps it.
struct Recibo {
    paquete: i64,
    hash_paquete: Option<String>,
    acuse: std::result::Result<crate::sync::Acuse, String>,
}

fn recibos(db: &dyn Reader) -> Result<Vec<Recibo>> {
    let mut st = db.conn().prepare(
        "SELECT e.paquete, p.hash, e.acuse FROM entregas e LEFT JOIN paquetes p ON p.numero = e.paquete ORDER BY e.paquete",
    )?;
    let v = st.query_map([], |r| {
        let texto: String = r.get(2)?;
        Ok(Recibo {
            paquete: r.get(0)?,
            hash_paquete: r.get(1)?,
            acuse: crate::sync::Acuse::leer(&texto),
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

fn calcular_anclaje(
    db: &dyn Reader,
    validos: &[&crate::sync::Acuse],
    ultimo: i64,
) -> Result<Anclaje> {
    let ultimo_valido = validos.iter().max_by_key(|a| a.contenido.hasta);
    let anclado_hasta = ultimo_valido
        .map(|a| a.contenido.hasta)
        .unwrap_or(0)
        .min(ultimo);
    let sin_anclar_desde = db
        .conn()
        .query_row(
            "SELECT fecha FROM cambios WHERE seq > ?1 ORDER BY seq LIMIT 1",
            [anclado_hasta],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Anclaje {
        anclado_hasta,
        anclado_en: ultimo_valido.map(|a| a.contenido.recibido.clone()),
        sin_anclar: ultimo - anclado_hasta,
        sin_anclar_desde,
    })
}

/// The anchor's age, without verifying the chain (for Inicio): receipts whose signature the
/// registered centre key accepts.
pub fn anclaje(db: &dyn Reader) -> Result<Anclaje> {
    let clave = crate::configuracion::leer(db, "clave_central").unwrap_or_default();
    let rs = recibos(db)?;
    let validos: Vec<&crate::sync::Acuse> = rs
        .iter()
        .filter_map(|r| r.acuse.as_ref().ok())
        .filter(|a| a.firma_valida(&clave).is_ok())
        .collect();
    calcular_anclaje(db, &validos, cambios::ultimo_seq(db.conn())?)
}

/// Checks the receipts against the chain recomputed from the first entry.
fn verificar_recibos(
    rs: &[Recibo],
    clave: &str,
    cadena: &rustc_hash::FxHashMap<i64, [u8; 32]>,
    ultimo: i64,
    hallazgos: &mut Vec<Hallazgo>,
) -> Vec<usize> {
    let mut validos = vec![];
    for (i, r) in rs.iter().enumerate() {
        let donde = format!("acuse de la central del paquete {}", r.paquete);
        let a = match &r.acuse {
            Ok(a) => a,
            Err(e) => {
                hallazgos.push(Hallazgo::en(
                    donde,
                    format!("{e}: no es un acuse firmado por la central"),
                ));
                continue;
            }
        };
        if let Err(e) = a.firma_valida(clave) {
            hallazgos.push(Hallazgo::en(donde, e));
            continue;
        }
        let c = &a.contenido;
        if c.paquete != r.paquete || r.hash_paquete.as_deref() != Some(c.hash.as_str()) {
            hallazgos.push(Hallazgo::en(
                donde,
                "el paquete guardado en la base no es el que la central acusó recibir: fue alterado directamente en la base".into(),
            ));
            continue;
        }
        if c.hasta > ultimo {
            hallazgos.push(Hallazgo::en(
                donde,
                format!(
                    "la central recibió los cambios hasta el {} y la base solo tiene hasta el {ultimo}: el registro de cambios fue recortado",
                    c.hasta
                ),
            ));
            continue;
        }
        if cadena.get(&c.hasta).map(hex::encode).as_deref() != Some(c.cadena.as_str()) {
            hallazgos.push(Hallazgo::en(
                donde,
                format!(
                    "el registro de cambios hasta el cambio {} no es el que la central acusó recibir el {}: fue reescrito en la base",
                    c.hasta,
                    crate::fechas::fecha_larga_de_marca(&c.recibido)
                ),
            ));
            continue;
        }
        validos.push(i);
    }
    validos
}

/// Checks everything; an empty `hallazgos` means intact. On a database file, the sorteos and
/// expedientes are checked on a second read-only connection while the log is rebuilt (two
/// cores); each side reads one snapshot.
pub fn verificar(store: &Store) -> Result<Informe> {
    let otro = store.otro_lector()?;
    let (mut hallazgos, parcial) = match otro {
        Some(lector) => std::thread::scope(|s| {
            let h = s.spawn(move || en_instantanea(&lector, sorteos_y_expedientes));
            let r = en_instantanea(store, registro_y_tablas);
            let h = h.join().map_err(|_| {
                Error::Interno("la verificación de los expedientes se interrumpió".into())
            })?;
            Ok::<_, Error>((h?, r?))
        })?,
        None => {
            let h = en_instantanea(store, sorteos_y_expedientes)?;
            (h, en_instantanea(store, registro_y_tablas)?)
        }
    };
    let (mas, anclaje, cambios_, sorteos_, fojas) = parcial;
    hallazgos.extend(mas);
    Ok(Informe {
        correcto: hallazgos.is_empty(),
        hallazgos,
        cambios: cambios_,
        sorteos: sorteos_,
        fojas,
        anclaje,
    })
}

/// Runs `f` inside one read transaction, so everything it reads is one snapshot.
fn en_instantanea<T>(db: &Store, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
    db.conn().execute_batch("BEGIN")?;
    let r = f(db);
    let _ = db.conn().execute_batch("COMMIT");
    r
}

fn sorteos_y_expedientes(db: &Store) -> Result<Vec<Hallazgo>> {
    let mut hallazgos = vec![];
    for h in sorteo::verificar(db, None)? {
        hallazgos.push(Hallazgo::en(format!("sorteo {}", h.sorteo), h.mensaje));
    }
    for h in procesos::expediente::verificar(db)? {
        hallazgos.push(Hallazgo::en(
            format!("proceso {}, fojas {}", h.proceso, h.fojas),
            h.mensaje,
        ));
    }
    Ok(hallazgos)
}

type Parcial = (Vec<Hallazgo>, Anclaje, i64, usize, i64);

fn registro_y_tablas(db: &Store) -> Result<Parcial> {
    let rs = recibos(db)?;
    let anclas: Vec<i64> = rs
        .iter()
        .filter_map(|r| r.acuse.as_ref().ok().map(|a| a.contenido.hasta))
        .collect();
    let r = reconstruir::verificar(db, &anclas)?;
    let mut hallazgos = r.hallazgos;
    let clave = crate::configuracion::leer(db, "clave_central").unwrap_or_default();
    let validos = verificar_recibos(&rs, &clave, &r.cadena, r.ultimo, &mut hallazgos);
    let validos: Vec<&crate::sync::Acuse> = validos
        .into_iter()
        .filter_map(|i| rs[i].acuse.as_ref().ok())
        .collect();
    let anclaje = calcular_anclaje(db, &validos, r.ultimo)?;
    let fojas = db.conn().query_row(
        "SELECT COALESCE(SUM(hasta - desde + 1), 0) FROM actuaciones",
        [],
        |r| r.get::<_, i64>(0),
    )?;
    Ok((
        hallazgos,
        anclaje,
        r.ultimo,
        sorteo::listar(db)?.len(),
        fojas,
    ))
}
