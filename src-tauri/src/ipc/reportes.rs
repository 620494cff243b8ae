//! The unit's reports: the figures for the screen, and the same saved as PDF or XLSX.

use coactiva::{archivos, fechas, reportes};
use tauri::State;

use super::{leer, Estado, Res};

/// The reports there are: (name, title).
#[tauri::command]
pub fn reportes_lista() -> Vec<(&'static str, &'static str)> {
    reportes::REPORTES.to_vec()
}

/// Report `nombre` at `hasta` (today when absent).
#[tauri::command(async)]
pub fn reporte(
    estado: State<'_, Estado>,
    nombre: String,
    hasta: Option<String>,
) -> Res<reportes::Inventario> {
    leer(&estado, |s, a| {
        reportes::titulo(&nombre)?;
        reportes::inventario(s, a, fechas::parse_opcional(hasta.as_deref())?)
    })
}

/// Saves report `nombre` as `formato` (`pdf` or `xlsx`) in `Documentos/Coactiva/Informes/`
/// and returns where.
#[tauri::command(async)]
pub fn reporte_guardar(
    estado: State<'_, Estado>,
    nombre: String,
    hasta: Option<String>,
    formato: String,
) -> Res<String> {
    leer(&estado, |s, a| {
        let inv = reportes::inventario(s, a, fechas::parse_opcional(hasta.as_deref())?)?;
        let bytes = match formato.as_str() {
            "pdf" => reportes::pdf(s, &nombre, &inv)?,
            "xlsx" => reportes::xlsx(&nombre, &inv)?,
            _ => {
                return Err(coactiva::Error::entrada(
                    "el reporte se guarda en PDF o en XLSX",
                ))
            }
        };
        let ruta = archivos::reporte(&nombre, inv.al, &formato, s.clock());
        archivos::guardar(&ruta, &bytes)?;
        Ok(ruta.display().to_string())
    })
}
