//! Títulos: importing a file, the list, saving an import's error report.

use coactiva::titulos::{self, importar, EstadoTitulo};
use coactiva::{archivos, Error};
use tauri::State;

use super::{escribir, leer, Estado, Res};

/// Import: a report with errors is a normal answer (the UI shows its table), not a failure.
/// It runs on the writer; searches meanwhile run on the readers. The file arrives as the raw
/// body of the request (a 12 MB file as a JSON array of numbers froze the window for seconds),
/// its name and whether to only validate in the headers `x-nombre` (URI-encoded) and
/// `x-simular`.
#[tauri::command(async)]
pub fn titulos_importar(
    app: tauri::AppHandle,
    estado: State<'_, Estado>,
    request: tauri::ipc::Request<'_>,
) -> Res<importar::Informe> {
    use tauri::Emitter;
    // Where the webview cannot use the IPC protocol, Tauri falls back to a JSON array.
    let bytes: std::borrow::Cow<'_, [u8]> = match request.body() {
        tauri::ipc::InvokeBody::Raw(b) => std::borrow::Cow::Borrowed(b),
        tauri::ipc::InvokeBody::Json(v) => match serde_json::from_value::<Vec<u8>>(v.clone()) {
            Ok(b) => std::borrow::Cow::Owned(b),
            Err(_) => {
                return Err(
                    Error::entrada("no llegó el archivo de títulos: vuelva a elegirlo").into(),
                )
            }
        },
    };
    let cabecera = |k: &str| {
        request
            .headers()
            .get(k)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let nombre = sin_escapes(&cabecera("x-nombre"));
    let simular = cabecera("x-simular") == "1";
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

/// `encodeURIComponent` undone (a header carries only ASCII; a file is called «Títulos.csv»).
fn sin_escapes(t: &str) -> String {
    let b = t.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|c| hex(*c)),
            b.get(i + 2).and_then(|c| hex(*c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_uri_encoded_file_name_is_read_back() {
        assert_eq!(
            super::sin_escapes("T%C3%ADtulos%20marzo.csv"),
            "Títulos marzo.csv"
        );
        assert_eq!(super::sin_escapes("100%"), "100%");
    }
}
