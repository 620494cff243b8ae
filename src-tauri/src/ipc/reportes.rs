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

/// The recaudación from `desde` to `hasta` (the year so far when absent).
#[tauri::command(async)]
pub fn reporte_recaudacion(
    estado: State<'_, Estado>,
    desde: Option<String>,
    hasta: Option<String>,
) -> Res<reportes::Recaudacion> {
    leer(&estado, |s, a| {
        reportes::recaudacion(
            s,
            a,
            fechas::parse_opcional(desde.as_deref())?,
            fechas::parse_opcional(hasta.as_deref())?,
        )
    })
}

/// Saves report `nombre` as `formato` (`pdf` or `xlsx`) in `Documentos/Coactiva/Informes/`
/// and returns where.
#[tauri::command(async)]
pub fn reporte_guardar(
    estado: State<'_, Estado>,
    nombre: String,
    desde: Option<String>,
    hasta: Option<String>,
    formato: String,
) -> Res<String> {
    leer(&estado, |s, a| {
        reportes::titulo(&nombre)?;
        if formato != "pdf" && formato != "xlsx" {
            return Err(coactiva::Error::entrada(
                "el reporte se guarda en PDF o en XLSX",
            ));
        }
        let hasta = fechas::parse_opcional(hasta.as_deref())?;
        let (bytes, al) = if reportes::de_periodo(&nombre) {
            let r = reportes::recaudacion(s, a, fechas::parse_opcional(desde.as_deref())?, hasta)?;
            let b = if formato == "pdf" {
                reportes::recaudacion_pdf(s, &r)?
            } else {
                reportes::recaudacion_xlsx(&r)?
            };
            (b, r.hasta)
        } else {
            let inv = reportes::inventario(s, a, hasta)?;
            let b = if formato == "pdf" {
                reportes::pdf(s, &nombre, &inv)?
            } else {
                reportes::xlsx(&nombre, &inv)?
            };
            (b, inv.al)
        };
        let ruta = archivos::reporte(&nombre, al, &formato, s.clock());
        archivos::guardar(&ruta, &bytes)?;
        Ok(ruta.display().to_string())
    })
}
