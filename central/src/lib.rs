//! The central office of the Dirección Nacional, on top of the core's rules for it
//! (`coactiva::sync::central`): the PostgreSQL engine under them, and opening whichever store
//! `--db` names (a SQLite path, or a `postgres://` URL).

pub mod pagina;
pub mod pg;
pub mod servidor;

use std::sync::Arc;

use coactiva::fechas::Clock;
use coactiva::sync::central::{AlmacenCentral, Central, Sqlite};
use coactiva::Result;

/// Whether `db` names a PostgreSQL server rather than a SQLite file.
pub fn es_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Opens the centre's store named by `db`, migrating its schema.
pub fn abrir(db: &str, clock: Arc<dyn Clock>) -> Result<Box<dyn AlmacenCentral + Send>> {
    if es_postgres(db) {
        Ok(Box::new(Central::con_motor(
            pg::MotorPostgres::conectar(db)?,
            clock,
        )?))
    } else {
        Ok(Box::new(Sqlite::abrir(std::path::Path::new(db), clock)?))
    }
}
