//! Where Coactiva keeps its files, and its log: a rotating file in the data directory.
//! Log lines never carry a debtor's name or identification.

use std::path::PathBuf;

use directories::ProjectDirs;
use flexi_logger::{Age, Cleanup, Criterion, FileSpec, Logger, LoggerHandle, Naming};

/// The per-user data directory (`~/.local/share/coactiva` on Linux,
/// `%APPDATA%\IESS\Coactiva\data` on Windows).
pub fn directorio_datos() -> PathBuf {
    ProjectDirs::from("ec.gob", "IESS", "Coactiva")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("coactiva-datos"))
}

/// Where printed documents are saved: `Documentos/Coactiva` (or `COACTIVA_DOCUMENTOS`).
pub fn directorio_documentos() -> PathBuf {
    if let Some(d) = std::env::var_os("COACTIVA_DOCUMENTOS") {
        return PathBuf::from(d);
    }
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
        .unwrap_or_else(directorio_datos)
        .join("Coactiva")
}

/// The database used when neither `--db` nor `COACTIVA_DB` says otherwise.
pub fn base_por_defecto() -> PathBuf {
    directorio_datos().join("coactiva.db")
}

/// Starts logging to `<data>/logs/<nombre>_*.log`, rotated daily or at 5 MB, keeping 10 files.
/// `COACTIVA_LOG` (e.g. `debug`) changes the level. A failure to log never stops the program.
pub fn iniciar(nombre: &str) -> Option<LoggerHandle> {
    let dir = directorio_datos().join("logs");
    // The log names no debtor, but it is the unit's: its folder is the user's only.
    let _ = crate::archivos::crear_carpeta_privada(&dir);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let nivel = std::env::var("COACTIVA_LOG").unwrap_or_else(|_| "info".into());
    Logger::try_with_str(&nivel)
        .ok()?
        .log_to_file(FileSpec::default().directory(dir).basename(nombre))
        .rotate(
            Criterion::AgeOrSize(Age::Day, 5_000_000),
            Naming::Timestamps,
            Cleanup::KeepLogFiles(10),
        )
        .append()
        .format(flexi_logger::detailed_format)
        .start()
        .ok()
}
