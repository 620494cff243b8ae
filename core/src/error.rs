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
    #[error("error de la base de datos: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("error de archivo: {0}")]
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

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Interno(format!("JSON: {e}"))
    }
}
