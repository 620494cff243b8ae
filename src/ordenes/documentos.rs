//! `coactiva imprimir`: a document of a proceso in PDF, foliated into the expediente if asked.

use std::path::Path;

use coactiva::{documentos, Actor, Store};

use crate::salida;
use crate::Res;

#[allow(clippy::too_many_arguments)]
pub(crate) fn imprimir(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    numero: &str,
    ruta: &Path,
    foliar: bool,
    o: documentos::Opciones,
    como_json: bool,
) -> Res<u8> {
    salida::admitir(ruta)?;
    // The file is written inside the foliation's transaction: if it cannot be written, nothing
    // is foliated, and a retry does not foliate the same document twice.
    let (_, a) =
        documentos::imprimir_y_entregar(store, actor, documento, numero, &o, foliar, &|pdf| {
            salida::escribir(ruta, pdf).map_err(|f| coactiva::Error::entrada(f.mensaje))
        })?;
    if como_json {
        salida::json(&serde_json::json!({
            "documento": documento,
            "proceso": numero,
            "archivo": ruta.display().to_string(),
            "actuacion": a,
        }));
        return Ok(0);
    }
    match a {
        Some(a) => out!(
            "{} guardado en {} y foliado en el proceso {numero}: fojas {} a {}.",
            documento,
            ruta.display(),
            a.desde,
            a.hasta
        ),
        None => out!("{} guardado en {}.", documento, ruta.display()),
    }
    Ok(0)
}
