//! The SQLite file: opening it (WAL, foreign keys, busy timeout), applying the embedded
//! migrations in one transaction, and the write transaction every change goes through.
//!
//! Invariant: every write happens inside [`Store::write`], which opens `BEGIN IMMEDIATE` and
//! hands out a [`Tx`] whose [`Tx::registrar`] appends to the change log in that same
//! transaction. Reads use [`Store::conn`] and take `&self`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::azar::{AzarDelSistema, FuenteAzar, Semilla};
use crate::cambios::Cadena;
use crate::eventos::Evento;
use crate::fechas::{self, Clock};
use crate::{Error, Result};

/// Embedded migrations, in order. The schema version is `PRAGMA user_version`.
const MIGRACIONES: &[(i64, &str)] = &[
    (1, include_str!("db/migrations/0001_base.sql")),
    (2, include_str!("db/migrations/0002_sorteos.sql")),
    (3, include_str!("db/migrations/0003_expediente.sql")),
    (4, include_str!("db/migrations/0004_sync.sql")),
    (5, include_str!("db/migrations/0005_anclas.sql")),
    (6, include_str!("db/migrations/0006_usuarios_abogado.sql")),
    (7, include_str!("db/migrations/0007_plantillas.sql")),
    (8, include_str!("db/migrations/0008_emision_y_genero.sql")),
    (9, include_str!("db/migrations/0009_tasas.sql")),
    (10, include_str!("db/migrations/0010_pagos.sql")),
    (11, include_str!("db/migrations/0011_costas.sql")),
    (
        12,
        include_str!("db/migrations/0012_convenios_honorarios.sql"),
    ),
    (13, include_str!("db/migrations/0013_citacion_medidas.sql")),
    (14, include_str!("db/migrations/0014_garantias.sql")),
    (15, include_str!("db/migrations/0015_bienes.sql")),
    (16, include_str!("db/migrations/0016_remate.sql")),
    (17, include_str!("db/migrations/0017_administracion.sql")),
    (18, include_str!("db/migrations/0018_respaldos.sql")),
];

/// The newest schema this binary knows.
pub const VERSION_ESQUEMA: i64 = MIGRACIONES[MIGRACIONES.len() - 1].0;

pub struct Store {
    conn: Connection,
    ruta: PathBuf,
    clock: Arc<dyn Clock>,
    azar: Arc<dyn FuenteAzar>,
    /// The data key the file was opened with (none: a plain file, or in memory); other
    /// connections to the same file open with it.
    clave: Option<Arc<crate::cifrado::ClaveDatos>>,
}

/// Gives a new connection the data key, and checks it opens the file: a wrong key is refused
/// here, in words, not by the first query that happens to read.
fn abrir_con_clave(
    conn: &Connection,
    clave: &crate::cifrado::ClaveDatos,
    ruta: &Path,
) -> Result<()> {
    // SQLCipher writes its own errors (English) to standard error: the clerk reads ours.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // The key, and the page size (part of the encryption: every connection says the same one;
    // the plain files use 8192 too).
    conn.execute_batch(&clave.pragma())?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|_| {
        Error::Autenticacion(format!(
            "la llave no abre la base {}: la clave no es la de esta base, o el archivo está dañado",
            ruta.display()
        ))
    })?;
    Ok(())
}

/// The `es` collation (Spanish alphabetical order, [`crate::texto::orden_es`]) on every
/// connection, for lists sorted by name. Never used in the schema (an index or a constraint
/// with it would make the file unusable to a tool without it).
fn preparar_conexion(conn: &Connection) -> Result<()> {
    conn.create_collation("es", crate::texto::orden_es)?;
    // Printing a document runs some forty distinct statements: rusqlite's default cache of 16
    // kept re-preparing them (a tenth of a batch's time).
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the database at `ruta` and brings its schema up to date.
    pub fn open(ruta: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        if let Some(dir) = ruta.parent() {
            if !dir.as_os_str().is_empty() {
                crate::archivos::crear_carpeta_privada(dir)?;
            }
        }
        let conn = Connection::open_with_flags(
            ruta,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::entrada(format!("no se pudo abrir la base {}: {e}", ruta.display())))?;
        Store::preparar(conn, ruta.to_path_buf(), clock, None)
    }

    /// Opens (creating if needed) the encrypted database at `ruta` with its data key, and
    /// brings its schema up to date. A new file is created encrypted.
    pub fn open_cifrada(
        ruta: &Path,
        clave: &crate::cifrado::ClaveDatos,
        clock: Arc<dyn Clock>,
    ) -> Result<Store> {
        if let Some(dir) = ruta.parent() {
            if !dir.as_os_str().is_empty() {
                crate::archivos::crear_carpeta_privada(dir)?;
            }
        }
        let conn = Connection::open_with_flags(
            ruta,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::entrada(format!("no se pudo abrir la base {}: {e}", ruta.display())))?;
        abrir_con_clave(&conn, clave, ruta)?;
        let store = Store::preparar(
            conn,
            ruta.to_path_buf(),
            clock,
            Some(Arc::new(clave.clone())),
        )?;
        crate::cifrado::solo_del_usuario(ruta)?;
        Ok(store)
    }

    /// Configures a new connection, migrates it and leaves it as a read handle.
    fn preparar(
        conn: Connection,
        ruta: PathBuf,
        clock: Arc<dyn Clock>,
        clave: Option<Arc<crate::cifrado::ClaveDatos>>,
    ) -> Result<Store> {
        preparar_conexion(&conn)?;
        let mut store = Store {
            conn,
            ruta,
            clock,
            azar: Arc::new(AzarDelSistema),
            clave,
        };
        store.configurar()?;
        store.migrar()?;
        store.solo_lectura(true)?;
        Ok(store)
    }

    /// A second, read-only handle on a unit file that [`Store::open`] already brought up to
    /// date: the window's readers (search, lists) run on these while the writer works, so a
    /// long import never blocks search-as-you-type (WAL lets readers and one writer overlap).
    pub fn open_lector(ruta: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_lector_con(ruta, None, clock)
    }

    /// The same, for an encrypted file: with its data key.
    pub fn open_lector_con(
        ruta: &Path,
        clave: Option<&crate::cifrado::ClaveDatos>,
        clock: Arc<dyn Clock>,
    ) -> Result<Store> {
        let conn = Connection::open_with_flags(
            ruta,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::entrada(format!("no se pudo abrir la base {}: {e}", ruta.display())))?;
        if let Some(c) = clave {
            abrir_con_clave(&conn, c, ruta)?;
        }
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "cache_size", -8192)?;
        preparar_conexion(&conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != VERSION_ESQUEMA {
            return Err(Error::Interno(format!(
                "la base {} tiene el esquema {version} y esta versión espera {VERSION_ESQUEMA}",
                ruta.display()
            )));
        }
        Ok(Store {
            conn,
            ruta: ruta.to_path_buf(),
            clock,
            azar: Arc::new(AzarDelSistema),
            clave: clave.map(|c| Arc::new(c.clone())),
        })
    }

    /// A throw-away database in memory (tests).
    pub fn in_memory(clock: Arc<dyn Clock>) -> Result<Store> {
        Store::preparar(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            clock,
            None,
        )
    }

    /// Outside [`Store::write`] the connection is a read handle: SQLite's `query_only` makes any
    /// stray write fail ("attempt to write a readonly database") instead of committing.
    fn solo_lectura(&self, si: bool) -> Result<()> {
        self.conn.pragma_update(None, "query_only", si)?;
        Ok(())
    }

    fn configurar(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        // Only takes effect on a new, empty file (before WAL is switched on).
        self.conn.pragma_update(None, "page_size", 8192)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if self.ruta != Path::new(":memory:") {
            let modo: String =
                self.conn
                    .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !modo.eq_ignore_ascii_case("wal") {
                log::warn!("la base no admite WAL (modo {modo}); se sigue con el modo por defecto");
            }
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MB of page cache: large imports and verifications stay in memory.
        self.conn.pragma_update(None, "cache_size", -65536)?;
        Ok(())
    }

    fn migrar(&mut self) -> Result<()> {
        let actual: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if actual > VERSION_ESQUEMA {
            return Err(Error::EsquemaNuevo {
                ruta: self.ruta.display().to_string(),
                encontrada: actual,
                conocida: VERSION_ESQUEMA,
            });
        }
        let pendientes: Vec<_> = MIGRACIONES.iter().filter(|(v, _)| *v > actual).collect();
        if pendientes.is_empty() {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        // Re-read inside the lock: another process may have migrated meanwhile.
        let actual: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (version, sql) in pendientes.into_iter().filter(|(v, _)| *v > actual) {
            log::info!("aplicando la migración {version} del esquema");
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Caps SQLite's page cache (the desktop app keeps it small; imports are rare there).
    pub fn limitar_cache(&self, megabytes: i64) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -(megabytes * 1024))?;
        Ok(())
    }

    /// The connection for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// Replaces the seed source (tests and benchmarks that replay a draw; the command and the
    /// window never call it, so every real draw's seed comes from the operating system).
    pub fn fijar_azar(&mut self, azar: Arc<dyn FuenteAzar>) {
        self.azar = azar;
    }

    /// A fresh 32-byte seed from the store's source.
    pub fn semilla(&self) -> Result<Semilla> {
        self.azar.semilla()
    }

    pub fn ruta(&self) -> &Path {
        &self.ruta
    }

    /// The clock, to give another store the same one.
    pub fn clock_compartido(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// Another read-only connection to the same file (for work on a second core); `None` for
    /// a database in memory.
    pub fn otro_lector(&self) -> Result<Option<Store>> {
        if !self.ruta.is_file() {
            return Ok(None);
        }
        Ok(Some(Store::open_lector_con(
            &self.ruta,
            self.clave.as_deref(),
            self.clock.clone(),
        )?))
    }

    /// The data key this store was opened with, if the file is encrypted.
    pub fn clave_datos(&self) -> Option<&crate::cifrado::ClaveDatos> {
        self.clave.as_deref()
    }

    fn empezar(&mut self, actor: &str) -> Result<Tx<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Tx {
            tx,
            clock: &*self.clock,
            azar: &*self.azar,
            actor: actor.to_string(),
            cadena: None,
            fecha: None,
        })
    }

    /// Runs `f` in one immediate write transaction, committed only if `f` succeeds. Changes
    /// logged through [`Tx::registrar`] are part of the same transaction.
    ///
    /// A use case does *all* its work in `f` — read, validate, write, record — so nothing it
    /// decided on can change underneath it: `BEGIN IMMEDIATE` takes SQLite's write lock first.
    pub fn write<T>(&mut self, actor: &str, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.solo_lectura(false)?;
        let r = self.transaccion(actor, f, true);
        self.solo_lectura(true)?;
        r
    }

    fn transaccion<T>(
        &mut self,
        actor: &str,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
        confirmar: bool,
    ) -> Result<T> {
        let mut w = self.empezar(actor)?;
        let r = f(&mut w);
        match r {
            Ok(v) if confirmar => {
                w.tx.commit()?;
                Ok(v)
            }
            r => {
                w.tx.rollback()?;
                r
            }
        }
    }

    /// Runs `f` like [`Store::write`] and then rolls everything back: a dry run that checks
    /// against the real data (`--simular`).
    pub fn simulate<T>(
        &mut self,
        actor: &str,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.solo_lectura(false)?;
        let r = self.transaccion(actor, f, false);
        self.solo_lectura(true)?;
        r
    }
}

/// What a read needs: a connection and the clock. Both the [`Store`] (its read handle) and a
/// [`Tx`] (inside a use case's transaction) are readers, so one query function serves both.
pub trait Reader {
    fn conn(&self) -> &Connection;
    fn clock(&self) -> &dyn Clock;
}

impl Reader for Store {
    fn conn(&self) -> &Connection {
        &self.conn
    }
    fn clock(&self) -> &dyn Clock {
        &*self.clock
    }
}

impl Reader for Tx<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
    fn clock(&self) -> &dyn Clock {
        self.clock
    }
}

/// A write transaction with the acting user and the clock.
pub struct Tx<'a> {
    pub(crate) tx: rusqlite::Transaction<'a>,
    clock: &'a dyn Clock,
    azar: &'a dyn FuenteAzar,
    actor: String,
    cadena: Option<Cadena>,
    fecha: Option<String>,
}

impl<'a> Tx<'a> {
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// A fresh seed, drawn inside the transaction that uses it.
    pub fn semilla(&self) -> Result<Semilla> {
        self.azar.semilla()
    }

    /// The transaction's timestamp (one instant for everything it writes).
    pub fn ahora(&mut self) -> String {
        if self.fecha.is_none() {
            self.fecha = Some(fechas::marca(self.clock));
        }
        self.fecha.clone().unwrap()
    }

    /// Runs `f` inside a savepoint of this transaction: if `f` refuses (bad input, a conflict,
    /// not found, not allowed), everything it wrote — rows and change-log entries — is undone
    /// and its refusal is returned in the inner `Result`, while the transaction goes on. A batch
    /// (many procesos in one use case) reports each one's refusal and keeps the others. An
    /// internal error (the disk, SQLite) ends the whole transaction.
    pub fn intentar<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<Result<T>> {
        self.tx.execute_batch("SAVEPOINT intento")?;
        let cadena = self.cadena.clone();
        match f(self) {
            Ok(v) => {
                self.tx.execute_batch("RELEASE intento")?;
                Ok(Ok(v))
            }
            Err(
                e @ (Error::Entrada(_)
                | Error::Importacion(_)
                | Error::NoEncontrado(_)
                | Error::NoAutorizado(_)
                | Error::Conflicto(_)),
            ) => {
                self.tx
                    .execute_batch("ROLLBACK TO intento; RELEASE intento")?;
                self.cadena = cadena;
                Ok(Err(e))
            }
            Err(e) => Err(e),
        }
    }

    /// Appends one event to the change log (audit trail and sync outbox), under `clave` (the
    /// record's key: a título's number, a proceso's number, a user's name…).
    pub fn registrar(&mut self, clave: &str, evento: &Evento) -> Result<i64> {
        let datos = evento.datos()?;
        self.registrar_json(evento.entidad(), clave, evento.accion(), &datos)
    }

    /// [`Tx::registrar`] with the entry's JSON already rendered (the importer renders each
    /// título's [`crate::eventos::TituloCreado`] on its reader thread).
    pub(crate) fn registrar_json(
        &mut self,
        entidad: &str,
        clave: &str,
        accion: &str,
        datos: &str,
    ) -> Result<i64> {
        if self.cadena.is_none() {
            self.cadena = Some(Cadena::ultima(&self.tx)?);
        }
        if self.fecha.is_none() {
            self.fecha = Some(fechas::marca(self.clock));
        }
        let Tx {
            tx,
            actor,
            cadena,
            fecha,
            ..
        } = self;
        let (cadena, fecha) = (cadena.as_mut().unwrap(), fecha.as_deref().unwrap());
        cadena.agregar(tx, fecha, actor, entidad, clave, accion, datos)
    }
}
