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

/// `coactiva imprimir DOCUMENTO --todos|--sorteo N|NUM…`: the same document for many procesos,
/// one PDF with all of them in `ruta` and one per proceso in the folder of the same name
/// (`ordenes.pdf` and `ordenes/17001-2026-00001.pdf`…). Exit 0 when every proceso was printed,
/// 2 when some were refused (each one is listed; the others are done).
#[allow(clippy::too_many_arguments)]
pub(crate) fn imprimir_lote(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    seleccion: &documentos::lote::Seleccion,
    ruta: &Path,
    foliar: bool,
    o: documentos::Opciones,
    como_json: bool,
) -> Res<u8> {
    use std::io::{IsTerminal, Write};
    salida::admitir(ruta)?;
    let carpeta = ruta.with_extension("");
    if carpeta == ruta {
        return Err(crate::Fallo {
            codigo: 2,
            mensaje: format!(
                "el archivo de salida {} debe terminar en .pdf",
                ruta.display()
            ),
        });
    }
    let numeros = documentos::lote::procesos(store, actor, documento, seleccion)?;
    std::fs::create_dir_all(&carpeta).map_err(|e| crate::Fallo {
        codigo: 1,
        mensaje: format!("no se pudo crear la carpeta {}: {e}", carpeta.display()),
    })?;
    let archivo = |numero: &str| carpeta.join(format!("{}.pdf", numero.replace(['/', '\\'], "-")));
    let mut entregar = |h: &documentos::lote::Hecho| {
        salida::escribir(&archivo(&h.proceso), &h.pdf)
            .map_err(|f| coactiva::Error::entrada(f.mensaje))
    };
    let terminal = !como_json && std::io::stderr().is_terminal();
    let mut avance = |hechos: usize, total: usize| {
        if terminal && (hechos % 50 == 0 || hechos == total) {
            eprint!(
                "\r{} de {}",
                coactiva::texto::miles(hechos as i64),
                coactiva::texto::miles(total as i64)
            );
            let _ = std::io::stderr().flush();
        }
        true
    };
    let lote = documentos::lote::imprimir(
        store,
        actor,
        documento,
        &numeros,
        foliar,
        &o,
        &mut entregar,
        &mut avance,
    )?;
    if terminal {
        eprintln!();
    }
    if !lote.hechos.is_empty() {
        salida::escribir(ruta, &documentos::lote::unido(&lote)?)?;
    }
    let codigo = if lote.fallidos.is_empty() { 0 } else { 2 };
    if como_json {
        salida::json(&serde_json::json!({
            "documento": documento,
            "foliado": foliar,
            "pedidos": lote.pedidos,
            "impresos": lote.hechos.len(),
            "paginas": lote.paginas(),
            "archivo": (!lote.hechos.is_empty()).then(|| ruta.display().to_string()),
            "carpeta": carpeta.display().to_string(),
            "procesos": lote.hechos.iter().map(|h| serde_json::json!({
                "proceso": h.proceso, "desde": h.desde, "hasta": h.hasta, "paginas": h.paginas,
                "archivo": archivo(&h.proceso).display().to_string(),
            })).collect::<Vec<_>>(),
            "fallidos": lote.fallidos,
        }));
        return Ok(codigo);
    }
    for f in &lote.fallidos {
        eprintln!("{}: {}", f.proceso, f.mensaje);
    }
    use coactiva::texto::{cuantos, miles};
    if lote.hechos.is_empty() {
        out!("No se imprimió ningún documento (el motivo de cada proceso, arriba).");
    } else {
        out!(
            "{}: {} de {}{} ({}) en {}, y uno por proceso en {}.",
            lote.nombre,
            miles(lote.hechos.len() as i64),
            cuantos(lote.pedidos as i64, "proceso", "procesos"),
            if foliar { ", foliados" } else { "" },
            cuantos(lote.paginas() as i64, "página", "páginas"),
            ruta.display(),
            carpeta.display()
        );
        if !lote.fallidos.is_empty() {
            out!(
                "No se imprimieron {} (el motivo de cada uno, arriba).",
                cuantos(lote.fallidos.len() as i64, "proceso", "procesos")
            );
        }
    }
    if lote.fallidos.iter().any(|f| f.codigo == "conflicto") {
        out!("Para foliar de nuevo un documento que el expediente ya tiene, agregue --repetir.");
    }
    Ok(codigo)
}
