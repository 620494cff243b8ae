//! Printing documents, saving foliated ones, the in-app preview, the system viewer, templates.

use coactiva::procesos::expediente;
use coactiva::{archivos, documentos, Error};
use tauri::State;

use super::{escribir, leer, ErrorIpc, Estado, Res};

/// Prints a document into `Documentos/Coactiva/Procesos/<número>/`, foliating it if asked.
#[tauri::command(async)]
pub fn documento_imprimir(
    estado: State<'_, Estado>,
    documento: String,
    numero: String,
    foliar: bool,
    texto: Option<String>,
) -> Res<documentos::Impreso> {
    let o = documentos::Opciones {
        texto: texto.filter(|t| !t.trim().is_empty()),
        ..Default::default()
    };
    escribir(&estado, |s, a| {
        documentos::imprimir_en_documentos(s, a, &documento, &numero, &o, foliar)
    })
}

/// Saves a foliated document where the clerk can open it.
#[tauri::command(async)]
pub fn documento_guardar(estado: State<'_, Estado>, numero: String, orden: i64) -> Res<String> {
    leer(&estado, |s, _| {
        let a = expediente::indice(s, &numero)?
            .into_iter()
            .find(|x| x.orden == orden)
            .ok_or_else(|| {
                Error::NoEncontrado(format!("el proceso {numero} no tiene la actuación {orden}"))
            })?;
        let ruta = archivos::actuacion(&numero, a.desde, a.hasta);
        archivos::guardar(&ruta, &expediente::documento(s, &a.documento)?)?;
        Ok(ruta.display().to_string())
    })
}

/// A PDF Coactiva saved, for the in-app preview (only files under Documentos/Coactiva).
#[tauri::command(async)]
pub fn pdf_vista(ruta: String) -> Res<tauri::ipc::Response> {
    let base = coactiva::logging::directorio_documentos();
    let ruta = std::path::PathBuf::from(ruta);
    let dentro = ruta
        .canonicalize()
        .ok()
        .zip(base.canonicalize().ok())
        .is_some_and(|(r, b)| r.starts_with(b));
    if !dentro {
        return Err(Error::entrada("solo se muestran documentos guardados por Coactiva").into());
    }
    Ok(tauri::ipc::Response::new(
        std::fs::read(&ruta).map_err(Error::from)?,
    ))
}

/// Opens a saved PDF in the system's viewer, where it is printed.
#[tauri::command(async)]
pub fn abrir_en_visor(app: tauri::AppHandle, ruta: String) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(ruta, None::<&str>)
        .map_err(|e| ErrorIpc {
            code: "visor".into(),
            message: format!("no se pudo abrir el visor de PDF del sistema: {e}"),
        })
}

/// The documents' templates (the unit's copy when it has one).
#[tauri::command(async)]
pub fn plantillas_listar(estado: State<'_, Estado>) -> Res<Vec<documentos::Plantilla>> {
    leer(&estado, |s, _| documentos::plantillas(s))
}

/// The Jefe saves the unit's version of a template (checked before it is written).
#[tauri::command(async)]
pub fn plantilla_guardar(estado: State<'_, Estado>, nombre: String, texto: String) -> Res<()> {
    escribir(&estado, |s, a| {
        documentos::guardar_plantilla(s, a, &nombre, &texto)
    })
}
