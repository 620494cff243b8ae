//! The Sorteo screen: who is eligible, the draw, resorteos, verification and the acta.

use coactiva::{archivos, fechas, sorteo, vistas};
use tauri::State;

use super::{escribir, leer, Estado, Res};

#[tauri::command(async)]
pub fn sorteo_elegibles(estado: State<'_, Estado>) -> Res<Vec<sorteo::Elegibilidad>> {
    leer(&estado, |s, _| {
        sorteo::elegibilidad(s, fechas::hoy(s.clock()))
    })
}

#[tauri::command(async)]
pub fn sorteo_listar(estado: State<'_, Estado>) -> Res<Vec<sorteo::Resumen>> {
    leer(&estado, |s, _| sorteo::listar(s))
}

#[tauri::command(async)]
pub fn sorteo_ejecutar(estado: State<'_, Estado>) -> Res<vistas::SorteoHecho> {
    escribir(&estado, |s, a| {
        let r = sorteo::ejecutar(s, a)?;
        vistas::sorteo_hecho(s, r)
    })
}

#[tauri::command(async)]
pub fn sorteo_resortear(
    estado: State<'_, Estado>,
    titulos: Vec<String>,
    motivo: String,
) -> Res<vistas::SorteoHecho> {
    escribir(&estado, |s, a| {
        let r = sorteo::resortear(s, a, &titulos, &motivo)?;
        vistas::sorteo_hecho(s, r)
    })
}

#[tauri::command(async)]
pub fn sorteo_verificar(
    estado: State<'_, Estado>,
    numero: Option<i64>,
) -> Res<Vec<sorteo::Hallazgo>> {
    leer(&estado, |s, _| sorteo::verificar(s, numero))
}

/// Saves the acta in the user's documents folder and returns where.
#[tauri::command(async)]
pub fn sorteo_acta(
    estado: State<'_, Estado>,
    numero: i64,
    certifica: Option<String>,
) -> Res<String> {
    leer(&estado, |s, _| {
        let pdf = sorteo::acta::generar(s, numero, certifica.as_deref())?;
        let ruta = archivos::acta_sorteo(numero);
        archivos::guardar(&ruta, &pdf)?;
        log::info!("acta del sorteo {numero} guardada");
        Ok(ruta.display().to_string())
    })
}
