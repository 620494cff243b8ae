//! Coactiva's desktop shell: one Tauri window over the core library. Each command parses its
//! request, calls the core, and maps the result; errors cross IPC as `{code, message}` with a
//! stable code and a Spanish message. No domain logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ipc;
mod ipc2;
mod sincronizacion;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use coactiva::{logging, Store};

/// What every command shares: the open database (or why it could not be opened) and the
/// logged-in user.
/// The background sync's last outcome, for Inicio.
#[derive(Debug, Clone, Default)]
pub struct EstadoSync {
    pub en_linea: Option<bool>,
    pub ultimo_error: Option<String>,
}

pub struct Estado {
    pub ruta: PathBuf,
    pub store: Result<Store, ipc::ErrorIpc>,
    pub sesion: Option<coactiva::Actor>,
}

fn main() {
    // A forms application does not need WebKit's GPU compositing: without it the web process
    // uses ~55 MB less and avoids GPU driver trouble on office PCs and virtual machines.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let _log = logging::iniciar("coactiva-app");
    let ruta = std::env::var_os("COACTIVA_DB")
        .map(PathBuf::from)
        .unwrap_or_else(logging::base_por_defecto);
    log::info!("abriendo la base de datos de la aplicación");
    let store = Store::open(&ruta, coactiva::fechas::reloj())
        .and_then(|s| s.limitar_cache(8).map(|_| s))
        .map_err(ipc::ErrorIpc::from);
    if let Err(e) = &store {
        log::error!("no se pudo abrir la base: {}", e.message);
    }
    let sync_estado = Arc::new(Mutex::new(EstadoSync::default()));
    sincronizacion::iniciar(ruta.clone(), sync_estado.clone());
    let estado = Mutex::new(Estado {
        ruta,
        store,
        sesion: None,
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch focuses the window that is already open.
            use tauri::Manager;
            if let Some(w) = app.get_webview_window("principal") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_opener::init())
        .manage(estado)
        .manage(sync_estado)
        .invoke_handler(tauri::generate_handler![
            ipc::estado_inicial,
            ipc::crear_unidad,
            ipc::iniciar_sesion,
            ipc::cerrar_sesion,
            ipc::resumen,
            ipc::sorteo_elegibles,
            ipc::sorteo_listar,
            ipc::sorteo_ejecutar,
            ipc::sorteo_resortear,
            ipc::sorteo_verificar,
            ipc::sorteo_acta,
            ipc2::inicio,
            ipc2::titulos_importar,
            ipc2::titulos_listar,
            ipc2::procesos_pagina,
            ipc2::procesos_buscar,
            ipc2::proceso_ver,
            ipc2::proceso_abrir,
            ipc2::proceso_etapa,
            ipc2::proceso_citar,
            ipc2::proceso_agregar,
            ipc2::documento_imprimir,
            ipc2::documento_guardar,
            ipc2::abogados_listar,
            ipc2::abogado_agregar,
            ipc2::abogado_estado,
            ipc2::configuracion_listar,
            ipc2::configuracion_cambiar,
            ipc2::feriados,
            ipc2::pdf_vista,
            ipc2::abrir_en_visor,
            ipc2::usuarios_listar,
            ipc2::usuario_agregar,
            ipc2::cambiar_clave,
            ipc2::feriado_agregar,
            ipc2::abogado_impedimento,
            ipc2::informe_guardar,
            ipc2::plantillas_listar,
            ipc2::plantilla_guardar,
        ])
        .run(tauri::generate_context!())
        .expect("no se pudo abrir la ventana de Coactiva");
}
