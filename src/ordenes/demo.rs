//! `coactiva demo`: synthetic but valid data, through the real importer and use cases.

use coactiva::{demo, Actor, Store};

use crate::salida;
use crate::Res;

/// How much to make.
pub(crate) struct Tamano {
    pub titulos: usize,
    pub abogados: usize,
    pub semilla: u64,
    pub procesos: usize,
    pub fojas: usize,
}

pub(crate) fn ejecutar(store: &mut Store, actor: &Actor, t: Tamano, como_json: bool) -> Res<u8> {
    let mut r = demo::poblar(store, actor, t.titulos, t.abogados, t.semilla)?;
    if t.procesos > 0 || t.fojas > 0 {
        let (p, f) = demo::expedientes(store, actor, t.procesos, t.fojas, t.semilla)?;
        r.procesos = p;
        r.fojas = f;
    }
    if como_json {
        salida::json(&r);
    } else {
        out!(
            "Datos de demostración agregados: {}, {}, {} y {}.",
            coactiva::texto::cuantos(r.abogados as i64, "abogado", "abogados"),
            coactiva::texto::cuantos(r.titulos as i64, "título", "títulos"),
            coactiva::texto::cuantos(r.procesos as i64, "proceso", "procesos"),
            coactiva::texto::cuantos(r.fojas as i64, "foja", "fojas")
        );
    }
    Ok(0)
}
