//! Coactiva's desktop shell: one Tauri window over the core library. Each command parses its
//! request, calls the core, and maps the result; errors cross IPC as `{code, message}` with a
//! stable code and a Spanish message. No domain logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ipc;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use coactiva::{logging, Store, SystemClock};

/// What every command shares: the open database (or why it could not be opened) and the
/// logged-in user.
pub struct Estado {
    pub ruta: PathBuf,
    pub store: Result<Store, ipc::ErrorIpc>,
    pub sesion: Option<coactiva::Actor>,
}

fn main() {
    let _log = logging::iniciar("coactiva-app");
    let ruta = std::env::var_os("COACTIVA_DB")
        .map(PathBuf::from)
        .unwrap_or_else(logging::base_por_defecto);
    log::info!("abriendo la base de datos de la aplicación");
    let store = Store::open(&ruta, Arc::new(SystemClock)).map_err(ipc::ErrorIpc::from);
    if let Err(e) = &store {
        log::error!("no se pudo abrir la base: {}", e.message);
    }
    let estado = Mutex::new(Estado {
        ruta,
        store,
        sesion: None,
    });
    tauri::Builder::default()
        .manage(estado)
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
        ])
        .run(tauri::generate_context!())
        .expect("no se pudo abrir la ventana de Coactiva");
}
