//! Background delivery to the central server: while the window is open, a thread with its own
//! connection to the database syncs when `destino_sync` is a URL, every minute when it works,
//! backing off (30 s, 1, 2, 4… up to 15 minutes) while the centre does not answer.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use coactiva::{configuracion, sync, Store};

use crate::EstadoSync;

/// `clave`: the unit's data key while someone is logged in (an encrypted unit is not synced
/// while the window sits at the login screen).
pub fn iniciar(
    ruta: PathBuf,
    estado: Arc<Mutex<EstadoSync>>,
    clave: Arc<Mutex<Option<coactiva::cifrado::ClaveDatos>>>,
) {
    std::thread::Builder::new()
        .name("sincronizacion".into())
        .spawn(move || {
            let mut espera = Duration::from_secs(30);
            loop {
                std::thread::sleep(espera);
                let abierta = match clave.lock().ok().and_then(|c| c.clone()) {
                    Some(k) => Store::open_cifrada(&ruta, &k, coactiva::fechas::reloj()),
                    None if coactiva::cifrado::estado(&ruta).ok()
                        == Some(coactiva::cifrado::Estado::SinCifrar) =>
                    {
                        Store::open(&ruta, coactiva::fechas::reloj())
                    }
                    None => {
                        espera = Duration::from_secs(60);
                        continue;
                    }
                };
                let Ok(mut store) = abierta else {
                    continue;
                };
                let destino = configuracion::leer(&store, "destino_sync").unwrap_or_default();
                if !destino.starts_with("http")
                    || coactiva::unidad::cargar(&store).ok().flatten().is_none()
                {
                    espera = Duration::from_secs(60);
                    continue;
                }
                match sync::sincronizar_automatico(&mut store, &coactiva_red::Http) {
                    Ok(_) => {
                        espera = Duration::from_secs(60);
                        if let Ok(mut e) = estado.lock() {
                            e.en_linea = Some(true);
                            e.ultimo_error = None;
                        }
                    }
                    Err(err) => {
                        espera =
                            (espera * 2).clamp(Duration::from_secs(30), Duration::from_secs(900));
                        log::warn!(
                            "sincronización en segundo plano fallida; reintento en {} s",
                            espera.as_secs()
                        );
                        if let Ok(mut e) = estado.lock() {
                            e.en_linea = Some(false);
                            e.ultimo_error = Some(err.to_string());
                        }
                    }
                }
            }
        })
        .expect("hilo de sincronización");
}
