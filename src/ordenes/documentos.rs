//! `coactiva imprimir`: a document of a proceso in PDF, foliated into the expediente if asked.

use std::path::Path;

use coactiva::{documentos, Actor, Store};

use crate::salida;
use crate::Res;

pub(crate) fn imprimir(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    numero: &str,
    ruta: &Path,
    foliar: bool,
    o: documentos::Opciones,
) -> Res<u8> {
    let (pdf, a) = documentos::imprimir(store, actor, documento, numero, &o, foliar)?;
    salida::escribir(ruta, &pdf)?;
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
