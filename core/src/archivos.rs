//! Where Coactiva saves what it prints, and under which name: one policy for the window and
//! the command. Everything goes under the user's documents folder (`Documentos/Coactiva`, or
//! `COACTIVA_DOCUMENTOS`), one folder per kind, and a name that says what the file is.

use std::path::{Path, PathBuf};

use crate::fechas::{self, Clock};
use crate::logging::directorio_documentos;
use crate::{Error, Result};

/// `Actas de sorteo/acta-sorteo-N.pdf`.
pub fn acta_sorteo(numero: i64) -> PathBuf {
    directorio_documentos()
        .join("Actas de sorteo")
        .join(format!("acta-sorteo-{numero}.pdf"))
}

/// `Informes/inventario-bienes-<instante>.xlsx`: the inventory of bienes embargados.
pub fn inventario(clock: &dyn Clock) -> PathBuf {
    directorio_documentos()
        .join("Informes")
        .join(format!("inventario-bienes-{}.xlsx", sello(clock)))
}

/// `Informes/<reporte>-al-<aaaa-mm-dd>-<instante>.<pdf|xlsx>`: a report of the unit saved now.
pub fn reporte(nombre: &str, al: chrono::NaiveDate, extension: &str, clock: &dyn Clock) -> PathBuf {
    directorio_documentos().join("Informes").join(format!(
        "{nombre}-al-{}-{}.{extension}",
        al.format("%Y-%m-%d"),
        sello(clock)
    ))
}

/// `Seguridad/codigo-de-recuperacion-<unidad>-<instante>.pdf`: the sheet with the unit's
/// recovery code (to print, keep under lock and delete); two units made on one PC in the same
/// second each keep their own.
pub fn hoja_recuperacion(unidad: &str, clock: &dyn Clock) -> PathBuf {
    directorio_documentos().join("Seguridad").join(format!(
        "codigo-de-recuperacion-{unidad}-{}.pdf",
        sello(clock)
    ))
}

/// `Procesos/<número>/<documento>-<instante>.pdf`: a document printed now.
pub fn documento(numero: &str, documento: &str, clock: &dyn Clock) -> PathBuf {
    carpeta_proceso(numero).join(format!("{documento}-{}.pdf", sello(clock)))
}

/// `Muestras/<plantilla>-<instante>.pdf`: a template tried with a proceso's data.
pub fn muestra(plantilla: &str, clock: &dyn Clock) -> PathBuf {
    directorio_documentos()
        .join("Muestras")
        .join(format!("{plantilla}-{}.pdf", sello(clock)))
}

/// `Lotes/<documento>-<instante>.pdf`: a document printed for many procesos, as one PDF.
/// Two batches in the same second get `-2`, `-3`…: one never overwrites the other.
pub fn lote(documento: &str, clock: &dyn Clock) -> PathBuf {
    let dir = directorio_documentos().join("Lotes");
    let base = format!("{documento}-{}", sello(clock));
    let mut ruta = dir.join(format!("{base}.pdf"));
    let mut n = 2;
    while ruta.exists() {
        ruta = dir.join(format!("{base}-{n}.pdf"));
        n += 1;
    }
    ruta
}

/// `Procesos/<número>/fojas-D-H.pdf`: a foliated actuación saved again.
pub fn actuacion(numero: &str, desde: i64, hasta: i64) -> PathBuf {
    carpeta_proceso(numero).join(format!("fojas-{desde}-{hasta}.pdf"))
}

/// `Importaciones/errores-<archivo>-<instante>.csv`: an import's error report.
pub fn errores_importacion(archivo: &str, clock: &dyn Clock) -> PathBuf {
    let base = Path::new(archivo)
        .file_stem()
        .map(|x| x.to_string_lossy().into_owned())
        .unwrap_or_default();
    directorio_documentos()
        .join("Importaciones")
        .join(format!("errores-{base}-{}.csv", sello(clock)))
}

fn carpeta_proceso(numero: &str) -> PathBuf {
    // A proceso number never holds a path separator (the pattern is validated), but a name
    // typed by hand could: keep it inside the folder.
    let limpio: String = numero
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c == '.' {
                '_'
            } else {
                c
            }
        })
        .collect();
    directorio_documentos().join("Procesos").join(limpio)
}

/// `2026-11-24T10-30-00`: the instant, safe in a file name on every system.
fn sello(clock: &dyn Clock) -> String {
    let m = fechas::marca(clock).replace([':', '.'], "-");
    m.get(..19).unwrap_or(&m).to_string()
}

/// Writes `bytes` at `ruta`, creating its folder, through a temporary file and a rename, so
/// that a reader never sees half a document. The file is readable by the user only (a
/// document names debtors and amounts), and so is a folder Coactiva creates for it.
pub fn guardar(ruta: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = ruta.parent().filter(|d| !d.as_os_str().is_empty()) {
        crear_carpeta_privada(dir)?;
    }
    crate::cifrado::escribir_privado(ruta, bytes)
        .map_err(|e| Error::entrada(format!("no se pudo guardar {}: {e}", ruta.display())))
}

/// Creates `dir` (and what is missing above it); the folders it creates are the user's only.
pub fn crear_carpeta_privada(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| {
        Error::entrada(format!(
            "no se pudo crear la carpeta {}: {e}",
            dir.display()
        ))
    })
}
