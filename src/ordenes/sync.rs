//! `coactiva sincronizar`: delivers the unit's bundles to the centre (a folder or its URL).

use coactiva::{configuracion, sync, Store};

use crate::salida;
use crate::{Fallo, Res};

pub(crate) fn sincronizar(
    store: &mut Store,
    actor: &coactiva::Actor,
    destino: Option<String>,
    como_json: bool,
) -> Res<u8> {
    let destino = match destino {
        Some(d) => d,
        None => configuracion::leer(store, "destino_sync")?,
    };
    if destino.trim().is_empty() {
        return Err(Fallo {
            codigo: 2,
            mensaje: "indique --destino (URL de la central o carpeta) o configure destino_sync"
                .into(),
        });
    }
    let inf = sync::sincronizar(
        store,
        actor,
        &sync::Destino::parse(destino.trim()),
        &coactiva_red::Http,
    )?;
    if como_json {
        salida::json(&inf);
    } else {
        out!(
            "Sincronización con {}: paquetes nuevos {}, enviados {}, confirmados por la central {}; sin confirmar quedan {} y {}.",
            inf.destino,
            coactiva::texto::miles(inf.paquetes_nuevos as i64),
            coactiva::texto::miles(inf.enviados as i64),
            coactiva::texto::miles(inf.confirmados as i64),
            coactiva::texto::cuantos(inf.pendientes as i64, "paquete", "paquetes"),
            coactiva::texto::cuantos(inf.cambios_pendientes as i64, "cambio", "cambios")
        );
    }
    Ok(0)
}
