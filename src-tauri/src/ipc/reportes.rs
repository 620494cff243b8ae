//! The unit's reports: the figures for the screen, and the same saved as PDF or XLSX.

use coactiva::{archivos, fechas, reportes};
use tauri::State;

use super::{leer, Estado, Res};

/// The reports there are: (name, title, whether it covers a period).
#[tauri::command]
pub fn reportes_lista() -> Vec<(&'static str, &'static str, bool)> {
    reportes::REPORTES
        .iter()
        .map(|(n, t)| (*n, *t, reportes::de_periodo(n)))
        .collect()
}

/// Report `nombre` from `desde` (a report of a period) to `hasta` (today when absent), as
/// the screen shows it.
#[tauri::command(async)]
pub fn reporte(
    estado: State<'_, Estado>,
    nombre: String,
    desde: Option<String>,
    hasta: Option<String>,
) -> Res<reportes::Reporte> {
    leer(&estado, |s, a| {
        let desde =
            fechas::parse_opcional(desde.as_deref())?.filter(|_| reportes::de_periodo(&nombre));
        let f = coactiva::unidad::exigir(s)?.formato_importe;
        Ok(reportes::hacer(
            s,
            a,
            &nombre,
            desde,
            fechas::parse_opcional(hasta.as_deref())?,
        )?
        .reporte(f))
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
        let desde =
            fechas::parse_opcional(desde.as_deref())?.filter(|_| reportes::de_periodo(&nombre));
        let (bytes, r) = reportes::archivo(
            s,
            a,
            &nombre,
            desde,
            fechas::parse_opcional(hasta.as_deref())?,
            &formato,
        )?;
        let ruta = archivos::reporte(&nombre, r.hasta, &formato, s.clock());
        archivos::guardar(&ruta, &bytes)?;
        Ok(ruta.display().to_string())
    })
}
