//! The commands the window calls, one file per screen. Each is thin: take the request, call
//! one use case or view of the core, map the error to `{code, message}`. No SQL and no policy
//! live here.
//!
//! Concurrency: one writer connection behind a mutex for the use cases that change something,
//! and a small pool of read-only connections for everything that only reads, so a long import
//! or a 300-page expediente never blocks search-as-you-type.

pub mod abogados;
pub mod configuracion;
pub mod documentos;
pub mod inicio;
pub mod procesos;
pub mod reportes;
pub mod respaldo;
pub mod sesion;
pub mod sorteo;
pub mod titulos;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use coactiva::{Actor, Error, Reader, Store};
use serde::Serialize;

/// An error as the UI sees it: a stable code to match on and a Spanish message to show.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorIpc {
    pub code: String,
    pub message: String,
}

impl From<Error> for ErrorIpc {
    fn from(e: Error) -> Self {
        ErrorIpc {
            code: e.codigo().to_string(),
            message: e.to_string(),
        }
    }
}

pub type Res<T> = Result<T, ErrorIpc>;

/// What every command shares: the unit file, its writer, its readers and the session.
///
/// An encrypted unit is opened at login (the password unwraps its data key) and closed at
/// logout: before that there is no connection, and the key is in memory only while someone is
/// logged in. A plain file from an earlier version is opened at start, as before, and encrypted
/// when the Jefe logs in.
pub struct Estado {
    pub ruta: PathBuf,
    pub escritor: Mutex<Result<Store, ErrorIpc>>,
    pub lectores: RwLock<Vec<Mutex<Store>>>,
    pub sesion: Mutex<Option<Actor>>,
    /// The data key while the unit is open (the background sync opens its own connection).
    pub clave: Arc<Mutex<Option<coactiva::cifrado::ClaveDatos>>>,
    /// Set by «Cancelar» while a batch prints; the batch stops after the proceso in hand.
    pub cancelar_lote: std::sync::atomic::AtomicBool,
}

/// How many read connections the window keeps (search, lists and views run on them).
pub const LECTORES: usize = 3;

/// Why there is no connection yet: the unit is encrypted and nobody logged in.
pub(crate) fn cerrada() -> ErrorIpc {
    ErrorIpc {
        code: "sin_sesion".into(),
        message: "la base está cerrada: ingrese con su usuario y clave".into(),
    }
}

impl Estado {
    pub fn abrir(ruta: PathBuf) -> Estado {
        let estado = Estado {
            ruta,
            escritor: Mutex::new(Err(cerrada())),
            lectores: RwLock::new(vec![]),
            sesion: Mutex::new(None),
            clave: Arc::new(Mutex::new(None)),
            cancelar_lote: Default::default(),
        };
        // A plain file (an earlier version's) opens now, so the first screen shows the unit.
        if matches!(
            coactiva::cifrado::estado(&estado.ruta),
            Ok(coactiva::cifrado::Estado::SinCifrar)
        ) {
            match Store::open(&estado.ruta, coactiva::fechas::reloj()) {
                Ok(s) => estado.poner(s),
                Err(e) => {
                    log::error!("no se pudo abrir la base: {e}");
                    *bloquear(&estado.escritor) = Err(ErrorIpc::from(e));
                }
            }
        }
        estado
    }

    /// Takes `store` as the writer, with its readers (opened with the same key).
    pub fn poner(&self, store: Store) {
        let _ = store.limitar_cache(8);
        let lectores: Vec<Mutex<Store>> = (0..LECTORES)
            .filter_map(|_| store.otro_lector().ok().flatten())
            .map(Mutex::new)
            .collect();
        *bloquear(&self.clave) = store.clave_datos().cloned();
        *self.lectores.write().unwrap_or_else(|p| p.into_inner()) = lectores;
        *bloquear(&self.escritor) = Ok(store);
    }

    /// Closes every connection (before the file is encrypted in place, or at logout).
    pub fn cerrar(&self) {
        self.lectores
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        *bloquear(&self.escritor) = Err(cerrada());
        *bloquear(&self.clave) = None;
    }

    pub fn sesion(&self) -> Option<Actor> {
        bloquear(&self.sesion).clone()
    }

    pub fn fijar_sesion(&self, a: Option<Actor>) {
        *bloquear(&self.sesion) = a;
    }
}

/// A panic in another command must not lock the clerk out of the window.
fn bloquear<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub(crate) fn sin_sesion() -> ErrorIpc {
    ErrorIpc {
        code: "sin_sesion".into(),
        message: "la sesión terminó: vuelva a ingresar".into(),
    }
}

/// Runs a use case that may change the unit, on the writer, as the session's user.
pub(crate) fn escribir<T>(
    estado: &Estado,
    f: impl FnOnce(&mut Store, &Actor) -> Result<T, Error>,
) -> Res<T> {
    let actor = estado.sesion().ok_or_else(sin_sesion)?;
    sin_sesion_escribir(estado, |s| {
        let actor = vigente(estado, s, &actor)?;
        f(s, &actor)
    })
}

/// The session's user as the file has him now: deactivated by the Jefe, the session ends;
/// given another role, the next action runs with it.
fn vigente(estado: &Estado, s: &dyn Reader, actor: &Actor) -> Result<Actor, Error> {
    match coactiva::usuarios::vigente(s, actor) {
        Ok(a) => {
            if &a != actor {
                estado.fijar_sesion(Some(a.clone()));
            }
            Ok(a)
        }
        Err(e @ Error::Autenticacion(_)) => {
            estado.fijar_sesion(None);
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// The writer without a session (creating the unit, logging in).
pub(crate) fn sin_sesion_escribir<T>(
    estado: &Estado,
    f: impl FnOnce(&mut Store) -> Result<T, Error>,
) -> Res<T> {
    let mut g = bloquear(&estado.escritor);
    let store = g.as_mut().map_err(|e| e.clone())?;
    Ok(f(store)?)
}

/// Runs a read on a free read-only connection (waiting for one only if all are busy).
pub(crate) fn leer<T>(
    estado: &Estado,
    f: impl FnOnce(&dyn Reader, &Actor) -> Result<T, Error>,
) -> Res<T> {
    let actor = estado.sesion().ok_or_else(sin_sesion)?;
    sin_sesion_leer(estado, |s| {
        let actor = vigente(estado, s, &actor)?;
        f(s, &actor)
    })
}

/// A read that needs no session (the first screen).
pub(crate) fn sin_sesion_leer<T>(
    estado: &Estado,
    f: impl FnOnce(&dyn Reader) -> Result<T, Error>,
) -> Res<T> {
    let lectores = estado.lectores.read().unwrap_or_else(|p| p.into_inner());
    if let Some(g) = lectores.iter().find_map(|l| l.try_lock().ok()) {
        return Ok(f(&*g)?);
    }
    match lectores.first() {
        Some(l) => Ok(f(&*bloquear(l))?),
        // No readers (the file could not be opened): the writer says why.
        None => {
            let g = bloquear(&estado.escritor);
            let store = g.as_ref().map_err(|e| e.clone())?;
            Ok(f(store)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_and_spanish_message() {
        let e: ErrorIpc = Error::NoInicializada.into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "no_inicializada");
        let m = json["message"].as_str().unwrap();
        assert!(m.contains("aún no tiene una unidad"), "{m}");
        assert!(
            !m.contains("coactiva "),
            "the window shows no command text: {m}"
        );
        assert_eq!(
            json.as_object().unwrap().len(),
            2,
            "solo code y message cruzan la frontera"
        );
    }
}
