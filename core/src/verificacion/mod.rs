//! The whole-database check behind `coactiva verificar` and the window's «Verificar»: the
//! change log's chain, every table rebuilt from the log and compared ([`reconstruir`]), every
//! sorteo replayed, every expediente's fojas and hashes. One place, so the command and the
//! window can never disagree about whether a unit is intact.

pub mod reconstruir;

use serde::Serialize;

use crate::store::Reader;
use crate::{cambios, procesos, sorteo, Result};

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
}

/// Checks everything; an empty `hallazgos` means intact.
pub fn verificar(db: &dyn Reader) -> Result<Informe> {
    let mut hallazgos = vec![];
    for h in cambios::verificar(db.conn())? {
        hallazgos.push(Hallazgo::en(
            format!("registro de cambios, cambio {}", h.seq),
            h.mensaje,
        ));
    }
    for h in sorteo::verificar(db, None)? {
        hallazgos.push(Hallazgo::en(format!("sorteo {}", h.sorteo), h.mensaje));
    }
    for h in procesos::expediente::verificar(db)? {
        hallazgos.push(Hallazgo::en(
            format!("proceso {}, fojas {}", h.proceso, h.fojas),
            h.mensaje,
        ));
    }
    hallazgos.extend(reconstruir::verificar(db)?);
    let fojas = db.conn().query_row(
        "SELECT COALESCE(SUM(hasta - desde + 1), 0) FROM actuaciones",
        [],
        |r| r.get::<_, i64>(0),
    )?;
    Ok(Informe {
        correcto: hallazgos.is_empty(),
        cambios: cambios::ultimo_seq(db.conn())?,
        sorteos: sorteo::listar(db)?.len(),
        fojas,
        hallazgos,
    })
}
