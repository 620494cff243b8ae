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
    sync: EstadoSyncVista,
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
    let i = leer(&estado, |s, _| vistas::inicio(s, 5))?;
    Ok(Inicio {
        titulos_por_sortear: i.titulos_por_sortear,
        procesos_por_etapa: i.procesos_por_etapa,
        vencimientos: i.vencimientos,
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
