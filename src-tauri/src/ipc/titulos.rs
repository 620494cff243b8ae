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

/// The first títulos in a state and how many there are in all.
#[derive(serde::Serialize)]
pub struct Bandeja {
    pub total: i64,
    pub titulos: Vec<titulos::Titulo>,
}

#[tauri::command(async)]
pub fn titulos_listar(estado: State<'_, Estado>, estado_titulo: Option<String>) -> Res<Bandeja> {
    leer(&estado, |s, _| {
        let e = estado_titulo
            .as_deref()
            .map(EstadoTitulo::parse)
            .transpose()?;
        let (total, titulos) = titulos::primeros(s, e, 300)?;
        Ok(Bandeja { total, titulos })
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
