//! The library's error type. Every message is Spanish and tells a clerk what to fix; the
//! `codigo` is stable so the shells (command, app) can map it to exit codes and UI states.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    /// Input that a person typed or a file that was given is not acceptable.
    #[error("{0}")]
    Entrada(String),
    /// An import file with errors: nothing was written. The report lists every problem.
    #[error("el archivo tiene {}; no se importó nada", crate::texto::cuantos(.0.errores.len() as i64, "error", "errores"))]
    Importacion(Box<crate::titulos::importar::Informe>),
    #[error("{0}")]
    NoEncontrado(String),
    #[error("{0}")]
    NoAutorizado(String),
    #[error("{0}")]
    Autenticacion(String),
    #[error("{0}")]
    Conflicto(String),
    /// A destination (central server, folder) could not be reached: nothing was lost.
    #[error("{0}")]
    Conexion(String),
    #[error("la base de datos {ruta} fue escrita por una versión más nueva de Coactiva (esquema {encontrada}; esta versión conoce hasta el {conocida}). Actualice Coactiva antes de abrirla.")]
    EsquemaNuevo {
        ruta: String,
        encontrada: i64,
        conocida: i64,
    },
    #[error("la base de datos aún no tiene una unidad: créela primero (los datos de la unidad y su jefe)")]
    NoInicializada,
    /// SQLite's own text is English: the message says what it means for the clerk.
    #[error("{}", base_es(.0))]
    Db(#[from] rusqlite::Error),
    #[error("{}", archivo_es(.0))]
    Io(#[from] std::io::Error),
    #[error("error interno: {0}")]
    Interno(String),
}

impl Error {
    /// A stable, machine-readable code (used by the app's `{code, message}` and by exit codes).
    pub fn codigo(&self) -> &'static str {
        match self {
            Error::Entrada(_) => "entrada_invalida",
            Error::Importacion(_) => "importacion_invalida",
            Error::NoEncontrado(_) => "no_encontrado",
            Error::NoAutorizado(_) => "no_autorizado",
            Error::Autenticacion(_) => "autenticacion",
            Error::Conflicto(_) => "conflicto",
            Error::Conexion(_) => "sin_conexion",
            Error::EsquemaNuevo { .. } => "esquema_nuevo",
            Error::NoInicializada => "no_inicializada",
            Error::Db(_) => "base_de_datos",
            Error::Io(_) => "archivo",
            Error::Interno(_) => "interno",
        }
    }

    /// True when the fault is in what the user gave (exit code 2 in the command).
    pub fn es_de_entrada(&self) -> bool {
        matches!(self, Error::Entrada(_) | Error::Importacion(_))
    }

    pub fn entrada(msg: impl Into<String>) -> Self {
        Error::Entrada(msg.into())
    }
}

/// What a database failure means, in Spanish (the engine's English text goes to the log).
fn base_es(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    log::debug!("SQLite: {e}");
    let Some(codigo) = e.sqlite_error_code() else {
        return "error interno al leer la base de datos; no se guardó nada de esta operación"
            .into();
    };
    match codigo {
        C::DiskFull => "el disco está lleno: libere espacio y vuelva a intentarlo; no se guardó nada de esta operación".into(),
        C::ReadOnly => "la base no se puede modificar (el archivo es de solo lectura o falta permiso de escritura); no se guardó nada".into(),
        C::DatabaseBusy | C::DatabaseLocked => "la base está ocupada por otro programa de Coactiva; espere un momento y vuelva a intentarlo".into(),
        C::DatabaseCorrupt | C::NotADatabase => "la base está dañada, no es una base de Coactiva o no se abrió con su llave: restaure un respaldo".into(),
        C::SystemIoFailure => "no se pudo leer o escribir la base en el disco (¿se desconectó el disco o la memoria?); no se guardó nada".into(),
        C::CannotOpen => "no se pudo abrir el archivo de la base (la carpeta no existe o falta permiso)".into(),
        C::PermissionDenied => "falta permiso para usar el archivo de la base".into(),
        C::OutOfMemory => "no alcanzó la memoria del equipo; cierre otros programas y vuelva a intentarlo".into(),
        C::TooBig => "un dato es demasiado grande para la base; no se guardó nada".into(),
        C::ConstraintViolation => "la base rechazó un dato repetido o que no corresponde; no se guardó nada".into(),
        otro => format!("error de la base de datos ({otro:?}); no se guardó nada de esta operación"),
    }
}

/// What a file failure means, in Spanish.
fn archivo_es(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    log::debug!("E/S: {e}");
    match e.kind() {
        K::NotFound => "no se encuentra el archivo o la carpeta".into(),
        K::PermissionDenied => "falta permiso para usar el archivo o la carpeta".into(),
        K::AlreadyExists => "ya existe un archivo con ese nombre".into(),
        K::StorageFull => "el disco está lleno: libere espacio y vuelva a intentarlo".into(),
        K::ReadOnlyFilesystem => "el disco o la memoria es de solo lectura".into(),
        K::UnexpectedEof | K::InvalidData => "el archivo está incompleto o dañado".into(),
        K::TimedOut => "la operación tardó demasiado (¿el disco de red responde?)".into(),
        _ => format!("no se pudo leer o escribir un archivo ({:?})", e.kind()),
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Interno(format!("JSON: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_failures_read_in_spanish_without_the_engines_english() {
        let lleno = Error::Db(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            Some("database or disk is full".into()),
        ));
        let m = lleno.to_string();
        assert!(
            m.contains("el disco está lleno") && !m.contains("database"),
            "{m}"
        );
        let ocupada = Error::Db(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ));
        assert!(ocupada.to_string().contains("ocupada"));
        let io = Error::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "Permission denied",
        ));
        assert!(io.to_string().contains("falta permiso") && !io.to_string().contains("Permission"));
    }
}
