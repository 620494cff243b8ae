//! `coactiva verificar`: the whole-database check; exit 3 when something was altered.
//! `--sello CODIGO`: whether the database still agrees with a printed integrity code.

use coactiva::{verificacion, Store};

use crate::salida;
use crate::Res;

pub(crate) fn ejecutar(store: &Store, sello: Option<&str>, como_json: bool) -> Res<u8> {
    if let Some(codigo) = sello {
        let c = verificacion::sello::comprobar(store, codigo)?;
        if como_json {
            salida::json(&c);
        } else if c.coincide {
            out!("Código de integridad correcto: {}.", c.mensaje);
        } else {
            eprintln!("NO COINCIDE — {}.", c.mensaje);
        }
        return Ok(if c.coincide { 0 } else { 3 });
    }
    let inf = verificacion::verificar(store)?;
    if como_json {
        salida::json(&serde_json::json!({
            "correcto": inf.correcto,
            "hallazgos": inf.hallazgos,
            "cambios": inf.cambios,
            "sorteos": inf.sorteos,
            "fojas": inf.fojas,
            "anclaje": inf.anclaje,
        }));
    } else {
        if inf.correcto {
            out!(
                "Verificación correcta: el registro de cambios ({} cambios), todas las tablas, los sorteos ({}) y los expedientes ({} fojas) están íntegros.",
                inf.cambios, inf.sorteos, inf.fojas
            );
        } else {
            for h in &inf.hallazgos {
                eprintln!("ALTERADO — {}: {}", h.donde, h.mensaje);
            }
        }
        out!("{}", inf.anclaje.frase());
    }
    Ok(if inf.correcto { 0 } else { 3 })
}
