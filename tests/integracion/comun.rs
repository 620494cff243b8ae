//! Shared fixtures: a fresh unit database, in memory or on disk, and a runner for the command.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Arc;

use chrono::NaiveDate;
use coactiva::unidad::{self, Nivel, NuevaUnidad};
use coactiva::{Actor, FixedClock, Store};

pub const CLAVE: &str = "clave-del-jefe-1";

pub fn hoy() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

pub fn nueva_unidad() -> NuevaUnidad {
    NuevaUnidad {
        provincia: "17".into(),
        oficina: "001".into(),
        nombre: "Unidad Provincial de Gestión de Coactiva de Pichincha".into(),
        nivel: Nivel::Unidad,
        ciudad: "Quito".into(),
        jefe_usuario: "jefe".into(),
        jefe_nombres: "Dra. Ana Núñez".into(),
        jefe_clave: CLAVE.into(),
        jefe_genero: None,
    }
}

/// An initialised unit in memory, with its Jefe, on 24 Nov 2026.
pub fn unidad_en_memoria() -> (Store, Actor) {
    let mut store = Store::in_memory(Arc::new(FixedClock::on(hoy()))).unwrap();
    let jefe = unidad::inicializar(&mut store, &nueva_unidad()).unwrap();
    (store, jefe)
}

/// A scratch directory with a database file and the command's environment.
pub struct Entorno {
    pub dir: tempfile::TempDir,
}

impl Entorno {
    pub fn nuevo() -> Entorno {
        Entorno {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A new directory whose database is already initialised through `coactiva init`.
    pub fn con_unidad() -> Entorno {
        let e = Entorno::nuevo();
        let o = e.coactiva(&[
            "init",
            "--provincia",
            "17",
            "--unidad",
            "Unidad de Pichincha",
            "--ciudad",
            "Quito",
            "--jefe",
            "jefe",
            "--nombres-jefe",
            "Dra. Ana Núñez",
        ]);
        assert!(
            o.status.success(),
            "init: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        e
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("coactiva.db")
    }

    pub fn ruta(&self, nombre: &str) -> PathBuf {
        self.dir.path().join(nombre)
    }

    pub fn escribir(&self, nombre: &str, bytes: &[u8]) -> PathBuf {
        let r = self.ruta(nombre);
        std::fs::write(&r, bytes).unwrap();
        r
    }

    pub fn comando(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_coactiva"));
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("HOME", self.dir.path())
            .env("COACTIVA_DB", self.db())
            .env("COACTIVA_USUARIO", "jefe")
            .env("COACTIVA_CLAVE", CLAVE)
            // The command's "today" is the library fixtures' (the test build honours it).
            .env(
                coactiva::fechas::VARIABLE_RELOJ,
                coactiva::fechas::iso(hoy()),
            );
        c
    }

    pub fn coactiva(&self, args: &[&str]) -> Output {
        self.comando().args(args).output().unwrap()
    }

    pub fn abrir(&self) -> Store {
        abrir_store(&self.db(), Arc::new(FixedClock::on(hoy())))
    }
}

/// The data key of the unit file `db`, as the Jefe's password unwraps it (none: a plain file).
pub fn clave_de(db: &std::path::Path) -> Option<coactiva::cifrado::ClaveDatos> {
    if coactiva::cifrado::estado(db).unwrap() != coactiva::cifrado::Estado::Cifrada {
        return None;
    }
    let l = coactiva::cifrado::Llavero::leer(db)
        .unwrap()
        .expect("its key file");
    Some(l.abrir("jefe", CLAVE).unwrap())
}

/// A raw SQLite connection to the unit file, as someone who holds its key (the Jefe's
/// password, or the recovery code) would open it with the sqlcipher shell: what the tamper
/// tests edit.
pub fn conectar(db: &std::path::Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    if let Some(k) = clave_de(db) {
        c.execute_batch(&k.pragma()).unwrap();
    }
    c
}

/// The unit file opened by the library, encrypted or not.
pub fn abrir_store(db: &std::path::Path, clock: Arc<dyn coactiva::Clock>) -> Store {
    match clave_de(db) {
        Some(k) => Store::open_cifrada(db, &k, clock).unwrap(),
        None => Store::open(db, clock).unwrap(),
    }
}

/// A read-only handle on the unit file, encrypted or not.
pub fn abrir_lector(db: &std::path::Path, clock: Arc<dyn coactiva::Clock>) -> Store {
    Store::open_lector_con(db, clave_de(db).as_ref(), clock).unwrap()
}

/// A clock the test moves (seconds since the epoch).
pub struct Reloj(pub std::sync::atomic::AtomicI64);

impl Reloj {
    pub fn en(fecha: NaiveDate) -> Arc<Reloj> {
        Arc::new(Reloj(std::sync::atomic::AtomicI64::new(
            FixedClock::on(fecha).0.timestamp(),
        )))
    }
    pub fn ir_a(&self, fecha: NaiveDate) {
        self.0.store(
            FixedClock::on(fecha).0.timestamp(),
            std::sync::atomic::Ordering::SeqCst,
        );
    }
}

impl coactiva::Clock for Reloj {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(self.0.load(std::sync::atomic::Ordering::SeqCst), 0)
            .unwrap()
    }
}

pub fn texto(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON inválido ({e}): {}\n{}",
            texto(&o.stdout),
            texto(&o.stderr)
        )
    })
}

/// A valid CSV header in the canonical order.
pub const ENCABEZADO: &str =
    "numero,fecha_emision,identificacion,obligado,concepto,capital,intereses,total";

/// A sorteo replayable in tests: the store's seed source is fixed to `semilla` first (the
/// command and the window never do this; their seeds come from the operating system).
pub fn sortear(
    store: &mut Store,
    jefe: &Actor,
    semilla: [u8; 32],
) -> coactiva::Result<coactiva::sorteo::Registro> {
    store.fijar_azar(Arc::new(coactiva::azar::AzarFijo::new(semilla)));
    coactiva::sorteo::ejecutar(store, jefe)
}

/// A unit with one abogado and one proceso, 17001-2026-00001, on the título of `fila` (a CSV
/// row under [`ENCABEZADO`]), all made through the command.
pub fn con_un_proceso(fila: &str) -> (Entorno, String) {
    let e = Entorno::con_unidad();
    let csv = e.escribir("c.csv", format!("{ENCABEZADO}\n{fila}\n").as_bytes());
    let titulo = fila.split(',').next().unwrap_or_default().to_string();
    for orden in [
        vec!["titulos", "importar", csv.to_str().unwrap()],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "1710034065",
            "--nombres",
            "Ab. Uno",
        ],
        vec!["sorteo", "ejecutar"],
        vec!["procesos", "abrir", &titulo],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    (e, "17001-2026-00001".to_string())
}

/// The command run on another day (through the clock seam, never the machine's).
pub fn el_dia(e: &Entorno, dia: &str, args: &[&str]) -> Output {
    e.comando()
        .env(coactiva::fechas::VARIABLE_RELOJ, dia)
        .args(args)
        .output()
        .unwrap()
}

/// A PDF's text in reading order with its whitespace collapsed, so a phrase that wraps at a
/// line end still matches.
pub fn texto_pdf(pdf: &std::path::Path) -> String {
    let o = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    texto(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
