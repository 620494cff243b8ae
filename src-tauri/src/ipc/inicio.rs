//! Inicio: the unit's figures and how sync stands.

use std::sync::{Arc, Mutex};

use coactiva::vistas;
use serde::Serialize;
use tauri::State;

use super::{leer, Estado, Res};
use crate::EstadoSync;

#[derive(Serialize)]
pub struct Inicio {
    titulos_por_sortear: i64,
    procesos_por_etapa: Vec<vistas::EtapaCuenta>,
    vencimientos: Vec<coactiva::procesos::Vencimiento>,
    medidas_sin_respuesta: Vec<coactiva::medidas::Medida>,
    medidas_por_levantar: Vec<coactiva::medidas::Medida>,
    garantias_por_vencer: Vec<coactiva::garantias::Garantia>,
    informes_atrasados: Vec<coactiva::custodia::Custodia>,
    sync: EstadoSyncVista,
    /// When the newest good backup was taken («03/12/2026 18:30»), if any.
    ultimo_respaldo: Option<String>,
    /// No backup in the last two days: Inicio warns.
    respaldo_atrasado: bool,
}

#[derive(Serialize, Clone, Default)]
pub struct EstadoSyncVista {
    destino: String,
    cambios_pendientes: i64,
    ultima_entrega: Option<String>,
    en_linea: Option<bool>,
    ultimo_error: Option<String>,
    /// «Cambios sin anclar desde …»: how much only this PC holds.
    anclaje: String,
    sin_anclar: i64,
}

#[tauri::command(async)]
pub fn inicio(
    estado: State<'_, Estado>,
    sync_estado: State<'_, Arc<Mutex<EstadoSync>>>,
) -> Res<Inicio> {
    let vivo = sync_estado.lock().map(|s| s.clone()).unwrap_or_default();
    // Convenios that fell into default by today are recorded first (by someone who may).
    super::escribir(&estado, coactiva::convenios::revisar)?;
    let i = leer(&estado, |s, a| vistas::inicio(s, a, 5))?;
    let r = coactiva::respaldo::al_dia(&estado.ruta, &*coactiva::fechas::reloj());
    Ok(Inicio {
        ultimo_respaldo: r.ultimo,
        respaldo_atrasado: r.atrasado,
        titulos_por_sortear: i.titulos_por_sortear,
        procesos_por_etapa: i.procesos_por_etapa,
        vencimientos: i.vencimientos,
        medidas_sin_respuesta: i.medidas_sin_respuesta,
        medidas_por_levantar: i.medidas_por_levantar,
        garantias_por_vencer: i.garantias_por_vencer,
        informes_atrasados: i.informes_atrasados,
        sync: EstadoSyncVista {
            destino: i.destino_sync,
            cambios_pendientes: i.cambios_pendientes,
            ultima_entrega: i.ultima_entrega,
            en_linea: vivo.en_linea,
            ultimo_error: vivo.ultimo_error,
            anclaje: i.anclaje_frase,
            sin_anclar: i.anclaje.sin_anclar,
        },
    })
}

/// Inicio's charts: the portfolio by stage and age, recovery by month, each abogado's load
/// and results (a Secretario-Abogado's own).
#[tauri::command(async)]
pub fn tablero(estado: State<'_, Estado>) -> Res<vistas::Tablero> {
    leer(&estado, vistas::tablero)
}

/// What the window shows after «Verificar la base».
#[derive(Serialize)]
pub struct Verificacion {
    correcto: bool,
    hallazgos: Vec<HallazgoVista>,
    cambios: i64,
    fojas: i64,
    anclaje: String,
}

#[derive(Serialize)]
pub struct HallazgoVista {
    donde: String,
    mensaje: String,
}

/// The whole-database check, as `coactiva verificar` does it (on its own read-only connections).
#[tauri::command(async)]
pub fn verificar_base(estado: State<'_, Estado>) -> Res<Verificacion> {
    estado.sesion().ok_or_else(super::sin_sesion)?;
    let clave = estado.clave.lock().ok().and_then(|c| c.clone());
    let store =
        coactiva::Store::open_lector_con(&estado.ruta, clave.as_ref(), coactiva::fechas::reloj())?;
    let inf = coactiva::verificacion::verificar(&store)?;
    Ok(Verificacion {
        correcto: inf.correcto,
        hallazgos: inf
            .hallazgos
            .into_iter()
            .map(|h| HallazgoVista {
                donde: h.donde,
                mensaje: h.mensaje,
            })
            .collect(),
        cambios: inf.cambios,
        fojas: inf.fojas,
        anclaje: inf.anclaje.frase(),
    })
}

/// Whether the database still agrees with an integrity code printed on a sheet.
#[tauri::command(async)]
pub fn comprobar_sello(
    estado: State<'_, Estado>,
    codigo: String,
) -> Res<coactiva::verificacion::sello::Comprobacion> {
    leer(&estado, |s, _| {
        coactiva::verificacion::sello::comprobar(s, &codigo)
    })
}
