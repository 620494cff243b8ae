//! `coactiva verificar`: the whole-database check; exit 3 when something was altered.

use coactiva::{verificacion, Store};

use crate::salida;
use crate::Res;

pub(crate) fn ejecutar(store: &Store, como_json: bool) -> Res<u8> {
    let inf = verificacion::verificar(store)?;
    if como_json {
        salida::json(&serde_json::json!({"correcto": inf.correcto, "hallazgos": inf.hallazgos}));
    } else if inf.correcto {
        out!(
            "Verificación correcta: el registro de cambios ({} cambios), los sorteos ({}) y los expedientes ({} fojas) están íntegros.",
            inf.cambios, inf.sorteos, inf.fojas
        );
    } else {
        for h in &inf.hallazgos {
            eprintln!("ALTERADO — {}: {}", h.donde, h.mensaje);
        }
    }
    Ok(if inf.correcto { 0 } else { 3 })
}
