//! The whole-database check behind `coactiva verificar` and the window's «Verificar»: the
//! change log's chain, every sorteo replayed, every expediente's fojas and hashes. One place,
//! so the command and the window can never disagree about whether a unit is intact.

use serde::Serialize;

use crate::store::Reader;
use crate::{cambios, procesos, sorteo, Result};

/// One thing found altered, with where it is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Hallazgo {
    /// Where, in the clerk's words: «sorteo 3», «proceso 17001-2026-00001, fojas 4-5».
    pub donde: String,
    pub mensaje: String,
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
        hallazgos.push(Hallazgo {
            donde: format!("registro de cambios, cambio {}", h.seq),
            mensaje: h.mensaje,
        });
    }
    for h in sorteo::verificar(db, None)? {
        hallazgos.push(Hallazgo {
            donde: format!("sorteo {}", h.sorteo),
            mensaje: h.mensaje,
        });
    }
    for h in procesos::expediente::verificar(db)? {
        hallazgos.push(Hallazgo {
            donde: format!("proceso {}, fojas {}", h.proceso, h.fojas),
            mensaje: h.mensaje,
        });
    }
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
