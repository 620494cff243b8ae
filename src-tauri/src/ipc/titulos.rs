//! Títulos: importing a file, the list, saving an import's error report.

use coactiva::titulos::{self, importar, EstadoTitulo};
use coactiva::{archivos, Error};
use tauri::State;

use super::{escribir, leer, Estado, Res};

/// Import: a report with errors is a normal answer (the UI shows its table), not a failure.
/// It runs on the writer; searches meanwhile run on the readers.
#[tauri::command(async)]
pub fn titulos_importar(
    app: tauri::AppHandle,
    estado: State<'_, Estado>,
    nombre: String,
    bytes: Vec<u8>,
    simular: bool,
) -> Res<importar::Informe> {
    use tauri::Emitter;
    // The reader thread reports the share of the file read; the window's bar shows it.
    let avance = move |f: f32| {
        let _ = app.emit("importacion-progreso", f);
    };
    escribir(&estado, |s, a| {
        match importar::importar_con_progreso(s, a, &nombre, &bytes, simular, &avance) {
            Err(Error::Importacion(inf)) => Ok(*inf),
            r => r,
        }
    })
}

#[tauri::command(async)]
pub fn titulos_listar(
    estado: State<'_, Estado>,
    estado_titulo: Option<String>,
) -> Res<Vec<titulos::Titulo>> {
    leer(&estado, |s, _| {
        let e = estado_titulo
            .as_deref()
            .map(EstadoTitulo::parse)
            .transpose()?;
        let mut v = titulos::listar(s, e)?;
        v.truncate(1000);
        Ok(v)
    })
}

/// Saves an import's error report as CSV (line;column;reason) in the documents folder.
#[tauri::command(async)]
pub fn informe_guardar(
    estado: State<'_, Estado>,
    nombre: String,
    errores: Vec<importar::Observacion>,
) -> Res<String> {
    leer(&estado, |s, _| {
        let ruta = archivos::errores_importacion(&nombre, s.clock());
        archivos::guardar(&ruta, &importar::errores_csv(&errores)?)?;
        Ok(ruta.display().to_string())
    })
}
