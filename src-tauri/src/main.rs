//! Coactiva's desktop shell: one Tauri window over the core library. Each command parses its
//! request, calls the core, and maps the result; errors cross IPC as `{code, message}` with a
//! stable code and a Spanish message. No domain logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ipc;
mod sincronizacion;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use coactiva::logging;

/// The background sync's last outcome, for Inicio.
#[derive(Debug, Clone, Default)]
pub struct EstadoSync {
    pub en_linea: Option<bool>,
    pub ultimo_error: Option<String>,
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
    let estado = ipc::Estado::abrir(ruta.clone());
    let sync_estado = Arc::new(Mutex::new(EstadoSync::default()));
    sincronizacion::iniciar(ruta, sync_estado.clone(), estado.clave.clone());
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
            ipc::sesion::estado_inicial,
            ipc::sesion::crear_unidad,
            ipc::sesion::iniciar_sesion,
            ipc::sesion::cerrar_sesion,
            ipc::sesion::resumen,
            ipc::sorteo::sorteo_elegibles,
            ipc::sorteo::sorteo_listar,
            ipc::sorteo::sorteo_ejecutar,
            ipc::sorteo::sorteo_resortear,
            ipc::sorteo::sorteo_verificar,
            ipc::sorteo::sorteo_acta,
            ipc::inicio::inicio,
            ipc::inicio::verificar_base,
            ipc::inicio::comprobar_sello,
            ipc::titulos::titulos_importar,
            ipc::titulos::titulos_listar,
            ipc::procesos::procesos_pagina,
            ipc::procesos::procesos_buscar,
            ipc::procesos::proceso_ver,
            ipc::procesos::proceso_abrir,
            ipc::procesos::procesos_abrir_sorteo,
            ipc::procesos::etapas,
            ipc::procesos::proceso_etapa,
            ipc::procesos::proceso_citar,
            ipc::procesos::citadores_carga,
            ipc::procesos::citadores_evaluacion,
            ipc::procesos::citador_asignar,
            ipc::procesos::medidas_listar,
            ipc::procesos::medidas_tipos,
            ipc::procesos::medida_ordenar,
            ipc::procesos::medida_responder,
            ipc::procesos::medida_levantar,
            ipc::procesos::excepciones_listar,
            ipc::procesos::excepcion_registrar,
            ipc::procesos::excepcion_resolver,
            ipc::procesos::deprecatorios_listar,
            ipc::procesos::deprecatorio_enviar,
            ipc::procesos::deprecatorio_novedad,
            ipc::procesos::garantias_listar,
            ipc::procesos::garantia_registrar,
            ipc::procesos::garantia_ejecutar,
            ipc::procesos::bienes_listar,
            ipc::procesos::depositarios_listar,
            ipc::procesos::depositario_agregar,
            ipc::procesos::bien_registrar,
            ipc::procesos::embargo_registrar,
            ipc::procesos::avaluos_listar,
            ipc::procesos::avaluo_registrar,
            ipc::procesos::remates_listar,
            ipc::procesos::remate_convocar,
            ipc::procesos::remate_publicar,
            ipc::procesos::remate_postura,
            ipc::procesos::remate_realizar,
            ipc::procesos::remate_adjudicar,
            ipc::procesos::bodegajes_listar,
            ipc::procesos::bodegaje_registrar,
            ipc::procesos::depositario_informe,
            ipc::procesos::custodias_listar,
            ipc::procesos::depositarios_evaluacion,
            ipc::procesos::inventario_bienes,
            ipc::procesos::inventario_xlsx,
            ipc::procesos::proceso_agregar,
            ipc::documentos::documento_imprimir,
            ipc::documentos::documento_ya_foliado,
            ipc::documentos::lote_procesos,
            ipc::documentos::lote_imprimir,
            ipc::documentos::lote_cancelar,
            ipc::documentos::lote_documentos,
            ipc::documentos::imprimir_pdf,
            ipc::documentos::documento_guardar,
            ipc::abogados::abogados_listar,
            ipc::abogados::abogado_agregar,
            ipc::abogados::registrar_genero,
            ipc::abogados::abogado_estado,
            ipc::abogados::abogado_editar,
            ipc::abogados::abogados_fichas,
            ipc::configuracion::configuracion_listar,
            ipc::configuracion::configuracion_cambiar,
            ipc::configuracion::feriados,
            ipc::documentos::pdf_vista,
            ipc::documentos::liberar_memoria,
            ipc::inicio::tablero,
            ipc::respaldo::respaldos_listar,
            ipc::respaldo::respaldo_crear,
            ipc::respaldo::respaldo_restaurar,
            ipc::reportes::reportes_lista,
            ipc::reportes::reporte,
            ipc::reportes::reporte_guardar,
            ipc::documentos::abrir_en_visor,
            ipc::sesion::usuarios_listar,
            ipc::sesion::usuario_agregar,
            ipc::sesion::usuario_editar,
            ipc::sesion::unidad_editar,
            ipc::sesion::cambiar_clave,
            ipc::configuracion::feriado_agregar,
            ipc::configuracion::tasas_listar,
            ipc::configuracion::tasa_agregar,
            ipc::procesos::proceso_liquidar,
            ipc::procesos::pagos_listar,
            ipc::procesos::pago_registrar,
            ipc::procesos::costas_listar,
            ipc::procesos::costa_registrar,
            ipc::procesos::costa_decidir,
            ipc::procesos::convenios_ver,
            ipc::procesos::convenio_crear,
            ipc::procesos::honorarios_listar,
            ipc::procesos::honorario_solicitar,
            ipc::procesos::honorario_decidir,
            ipc::procesos::insolvencia_informe,
            ipc::abogados::abogado_impedimento,
            ipc::titulos::informe_guardar,
            ipc::documentos::plantillas_listar,
            ipc::documentos::plantilla_guardar,
            ipc::documentos::plantilla_restaurar,
            ipc::configuracion::hoy,
            ipc::documentos::plantilla_probar,
        ])
        .setup(|app| {
            // WebKitGTK formats date fields by the web context's languages, not the page's:
            // Spanish (Ecuador), so they read dd/mm/aaaa whatever the system's locale.
            #[cfg(target_os = "linux")]
            {
                use tauri::Manager;
                if let Some(w) = app.get_webview_window("principal") {
                    let _ = w.with_webview(|v| {
                        use webkit2gtk::{WebContextExt, WebViewExt};
                        if let Some(c) = v.inner().context() {
                            c.set_preferred_languages(&["es-EC", "es"]);
                        }
                    });
                }
            }
            #[cfg(not(target_os = "linux"))]
            let _ = app;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("no se pudo abrir la ventana de Coactiva")
        .run(|app, evento| {
            // Closing the window: the day's last automatic backup, if the unit is open.
            if let tauri::RunEvent::Exit = evento {
                use tauri::Manager;
                let estado = app.state::<ipc::Estado>();
                let abierta = estado.sesion().is_some();
                if abierta {
                    let clave = estado.clave.lock().ok().and_then(|c| c.clone());
                    ipc::respaldo::automatico(&estado.ruta, clave.as_ref());
                }
            }
        });
}
