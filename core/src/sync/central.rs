//! The central office: receives signed bundles from every unit, verifies them, keeps them, and
//! applies them in order to a consolidated database that answers the national questions.
//!
//! Ingest is idempotent (the same bundle twice changes nothing), refuses a bundle from an
//! unregistered unit, with a wrong signature, a payload that does not match its hash, or a
//! different bundle under a number already received; a bundle that arrives before its
//! predecessor is stored and waits (a **gap**) until the missing one fills it.
//!
//! Storage is behind [`AlmacenCentral`] so a server database can replace SQLite when the centre
//! outgrows one file; [`Sqlite`] is the implementation shipped.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use super::{hash_carga, Acuse, ContenidoAcuse, Paquete, FORMATO, FORMATO_ACUSE, HASH_INICIAL};
use crate::cambios;
use crate::eventos::Evento;
use crate::fechas::{self, Clock};
use crate::{Error, Result};

/// How a refusal for a diverging unit starts (the unit recognises it in any transport).
pub const PREFIJO_DIVERGENCIA: &str = "DIVERGENCIA:";

/// What happened to a bundle that reached the centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recepcion {
    /// Stored and applied (with any later bundles it unblocked).
    Aplicado,
    /// Already here: nothing changed.
    YaRecibido,
    /// Stored; waits for the missing bundle `falta`.
    EnEspera { falta: i64 },
}

/// One unit in the national summary.
#[derive(Debug, Clone, Serialize)]
pub struct ResumenUnidad {
    pub unidad: String,
    pub provincia: String,
    pub titulos: i64,
    pub procesos: i64,
    pub procesos_por_etapa: std::collections::BTreeMap<String, i64>,
    /// Amounts (USD, `1234.56`) by título state.
    pub montos_por_estado: std::collections::BTreeMap<String, String>,
    pub ultima_entrega: Option<String>,
    pub paquetes: i64,
    /// The first missing bundle, when a later one is waiting.
    pub falta_paquete: Option<i64>,
}

/// One province and stage in the national view.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FilaEtapa {
    pub provincia: String,
    pub nombre_provincia: String,
    pub etapa: String,
    pub nombre_etapa: String,
    pub procesos: i64,
    /// The títulos' total, cents.
    pub monto: i64,
}

/// One age band of the portfolio (procesos still being collected).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FilaTramo {
    /// `0-90`, `91-180`, `181-360`, `360+`.
    pub tramo: String,
    pub procesos: i64,
    pub monto: i64,
}

/// What one unit has recovered (payments not annulled).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FilaRecuperacion {
    pub unidad: String,
    pub provincia: String,
    pub pagos: i64,
    pub recuperado: i64,
}

/// The Dirección Nacional's view: procesos and amounts by province and stage, the portfolio's
/// age, recovery per unit, and each unit's last delivery and any gap.
#[derive(Debug, Clone, Serialize)]
pub struct Nacional {
    /// The day it is computed for (ISO).
    pub al: String,
    pub por_etapa: Vec<FilaEtapa>,
    pub antiguedad: Vec<FilaTramo>,
    pub recuperacion: Vec<FilaRecuperacion>,
    pub unidades: Vec<ResumenUnidad>,
}

/// Stages where a proceso is no longer being collected (outside the portfolio's age).
const ETAPAS_CERRADAS: &str = "'pagado', 'anulado', 'insolvencia'";

/// The centre's storage. Every method is one unit of work: it commits or changes nothing.
pub trait AlmacenCentral {
    fn registrar_unidad(&mut self, unidad: &str, clave_publica: &str) -> Result<()>;
    fn clave_de(&self, unidad: &str) -> Result<Option<String>>;
    /// Stores a verified bundle and applies every bundle that is now contiguous.
    fn recibir(&mut self, p: &Paquete, ahora: &str) -> Result<Recepcion>;
    fn resumen(&self) -> Result<Vec<ResumenUnidad>>;
    /// The centre's clock (receipts and registrations are dated with it).
    fn reloj(&self) -> &dyn Clock;
    /// The centre's own signing key (made on first use, kept in its store).
    fn firmante(&mut self) -> Result<ed25519_dalek::SigningKey>;
    /// Every bundle received from `unidad`, in order (to give a restored unit its log back).
    fn paquetes_de(&self, unidad: &str) -> Result<Vec<Paquete>>;
    /// Bundle `numero` of `unidad`, if the centre holds it and has applied it.
    fn paquete_de(&self, unidad: &str, numero: i64) -> Result<Option<Paquete>>;
    /// The national view on day `hoy` (the national page and its workbook).
    fn nacional(&self, hoy: chrono::NaiveDate) -> Result<Nacional>;
    /// Adds (or gives a new password to) a user of the centre's page.
    fn agregar_usuario(&mut self, usuario: &str, nombres: &str, clave: &str) -> Result<()>;
    /// The user's name if `clave` is his password (same work whether he exists or not).
    fn autenticar(&self, usuario: &str, clave: &str) -> Result<Option<String>>;
}

/// The centre's public key in hex (`coactiva central clave-publica`): the units register it
/// (`clave_central`) to check every receipt.
pub fn clave_publica(almacen: &mut dyn AlmacenCentral) -> Result<String> {
    Ok(hex::encode(almacen.firmante()?.verifying_key().to_bytes()))
}

/// The signed receipt for a bundle the centre has stored.
pub fn acuse(almacen: &mut dyn AlmacenCentral, p: &Paquete, recibido: &str) -> Result<Acuse> {
    use ed25519_dalek::Signer;
    let k = almacen.firmante()?;
    let m = &p.manifiesto;
    let contenido = ContenidoAcuse {
        formato: FORMATO_ACUSE.into(),
        unidad: m.unidad.clone(),
        paquete: m.numero,
        hash: m.hash(),
        desde: m.desde,
        hasta: m.hasta,
        cadena: p.cambios.last().map(|c| c.hash.clone()).unwrap_or_default(),
        recibido: recibido.to_string(),
        clave_central: hex::encode(k.verifying_key().to_bytes()),
    };
    let texto = serde_json::to_string(&contenido)?;
    Ok(Acuse {
        firma: hex::encode(k.sign(texto.as_bytes()).to_bytes()),
        contenido,
    })
}

/// Receives a bundle and answers with its signed receipt.
pub fn recibir_con_acuse(
    almacen: &mut dyn AlmacenCentral,
    p: &Paquete,
) -> Result<(Recepcion, Acuse)> {
    let ahora = fechas::marca(almacen.reloj());
    let r = almacen.recibir(p, &ahora)?;
    let a = acuse(almacen, p, &ahora)?;
    Ok((r, a))
}

/// Opens what arrived (an envelope sealed for this centre, or a plain bundle of an earlier
/// version) with the centre's key.
pub fn abrir(almacen: &mut dyn AlmacenCentral, bytes: &[u8]) -> Result<Paquete> {
    let k = almacen.firmante()?;
    super::sobre::abrir(bytes, &k).map_err(Error::Entrada)
}

/// Checks what can be checked without storage: format, signature, payload hash, ranges.
pub fn verificar_paquete(p: &Paquete, clave_registrada: &str) -> Result<()> {
    let m = &p.manifiesto;
    let alterado = |motivo: &str| {
        Error::entrada(format!(
            "el paquete {} de la unidad {} fue rechazado: {motivo}; no se ingresó nada de él",
            m.numero, m.unidad
        ))
    };
    if m.formato != FORMATO {
        return Err(alterado(&format!("formato desconocido «{}»", m.formato)));
    }
    if m.clave_publica != clave_registrada {
        return Err(alterado(
            "está firmado con una clave que no es la registrada para la unidad",
        ));
    }
    let clave: [u8; 32] = hex::decode(clave_registrada)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| alterado("la clave registrada no es válida"))?;
    let clave = VerifyingKey::from_bytes(&clave)
        .map_err(|_| alterado("la clave registrada no es válida"))?;
    let firma: [u8; 64] = hex::decode(&p.firma)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| alterado("la firma está dañada"))?;
    clave
        .verify(m.texto().as_bytes(), &Signature::from_bytes(&firma))
        .map_err(|_| {
            alterado("la firma no corresponde al manifiesto (paquete alterado o clave equivocada)")
        })?;
    if hash_carga(&p.cambios) != m.sha256 {
        return Err(alterado(
            "su contenido no coincide con la huella del manifiesto (alterado o incompleto)",
        ));
    }
    let seqs: Vec<i64> = p.cambios.iter().map(|c| c.seq).collect();
    if seqs.len() as i64 != m.cantidad
        || seqs.first() != Some(&m.desde)
        || seqs.last() != Some(&m.hasta)
        || seqs.windows(2).any(|w| w[1] != w[0] + 1)
    {
        return Err(alterado(
            "los cambios no forman el rango que declara el manifiesto",
        ));
    }
    // Each change's hash chains from the one before (the first one's link to the previous
    // bundle is checked when the bundle is applied in order).
    let primero = cambios::bytes_de_hash(&p.cambios[0].hash)
        .ok_or_else(|| alterado("la huella de un cambio está dañada"))?;
    cambios::verificar_tramo(primero, &p.cambios[1..]).map_err(|e| alterado(&e))?;
    Ok(())
}

/// A value bound to, or read from, the centre's SQL (the few types the centre stores).
#[derive(Debug, Clone, PartialEq)]
pub enum Valor {
    Nulo,
    Entero(i64),
    Texto(String),
    Bytes(Vec<u8>),
}

impl Valor {
    pub fn entero(&self) -> i64 {
        match self {
            Valor::Entero(n) => *n,
            Valor::Texto(t) => t.parse().unwrap_or(0),
            _ => 0,
        }
    }

    pub fn texto(&self) -> Option<String> {
        match self {
            Valor::Texto(t) => Some(t.clone()),
            Valor::Entero(n) => Some(n.to_string()),
            _ => None,
        }
    }

    pub fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Valor::Bytes(b) => Some(b.clone()),
            _ => None,
        }
    }
}

impl From<&str> for Valor {
    fn from(t: &str) -> Valor {
        Valor::Texto(t.to_string())
    }
}
impl From<&String> for Valor {
    fn from(t: &String) -> Valor {
        Valor::Texto(t.clone())
    }
}
impl From<String> for Valor {
    fn from(t: String) -> Valor {
        Valor::Texto(t)
    }
}
impl From<i64> for Valor {
    fn from(n: i64) -> Valor {
        Valor::Entero(n)
    }
}
impl From<Option<String>> for Valor {
    fn from(t: Option<String>) -> Valor {
        t.map(Valor::Texto).unwrap_or(Valor::Nulo)
    }
}
impl From<Vec<u8>> for Valor {
    fn from(b: Vec<u8>) -> Valor {
        Valor::Bytes(b)
    }
}

/// One open transaction on the centre's engine. The SQL is written once, portable between
/// SQLite and PostgreSQL (`?1` placeholders, `ON CONFLICT`, 64-bit integers, no engine-specific
/// functions); each engine binds it its own way.
pub trait Sentencias {
    fn ejecutar(&mut self, sql: &str, p: &[Valor]) -> Result<u64>;
    fn filas(&mut self, sql: &str, p: &[Valor]) -> Result<Vec<Vec<Valor>>>;
    /// Several statements without parameters (the migrations).
    fn lote(&mut self, sql: &str) -> Result<()>;
    /// Holds every other ingest of `unidad` until this transaction ends (a unit's bundles are
    /// applied one at a time, in order, whatever arrives at once).
    fn bloquear_unidad(&mut self, unidad: &str) -> Result<()>;

    fn fila(&mut self, sql: &str, p: &[Valor]) -> Result<Option<Vec<Valor>>> {
        Ok(self.filas(sql, p)?.into_iter().next())
    }

    /// Inserts many rows with a few multi-row statements (`INSERT INTO t (a, b) VALUES (..),
    /// (..) …` — one round trip per few hundred rows on a server engine). `cabeza` is the
    /// statement up to `VALUES`, `cola` what follows the rows (e.g. `ON CONFLICT DO NOTHING`).
    fn insertar_filas(&mut self, cabeza: &str, cola: &str, filas: &[Vec<Valor>]) -> Result<()> {
        let Some(ancho) = filas.first().map(Vec::len) else {
            return Ok(());
        };
        // SQLite binds at most 32 766 parameters; PostgreSQL 65 535.
        let por_lote = (30_000 / ancho.max(1)).clamp(1, 500);
        for lote in filas.chunks(por_lote) {
            let mut sql = String::with_capacity(cabeza.len() + lote.len() * ancho * 6);
            sql.push_str(cabeza);
            sql.push_str(" VALUES ");
            let mut n = 0;
            for (i, _) in lote.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push('(');
                for j in 0..ancho {
                    if j > 0 {
                        sql.push(',');
                    }
                    n += 1;
                    sql.push_str(&format!("?{n}"));
                }
                sql.push(')');
            }
            sql.push(' ');
            sql.push_str(cola);
            let p: Vec<Valor> = lote.iter().flat_map(|f| f.iter().cloned()).collect();
            self.ejecutar(&sql, &p)?;
        }
        Ok(())
    }

    fn entero(&mut self, sql: &str, p: &[Valor]) -> Result<i64> {
        Ok(self
            .fila(sql, p)?
            .and_then(|f| f.into_iter().next())
            .map(|v| v.entero())
            .unwrap_or(0))
    }
}

/// The engine under the centre: one SQLite file, or a PostgreSQL server (`coactiva-central`).
pub trait Motor: Send {
    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled back otherwise.
    fn transaccion(&mut self, f: &mut dyn FnMut(&mut dyn Sentencias) -> Result<()>) -> Result<()>;
    /// The engine's numbered migrations (its own dialect for the tables).
    fn migraciones(&self) -> &'static [(i64, &'static str)];
    /// The engine's name, for messages.
    fn nombre(&self) -> &'static str;
}

/// Brings the centre's schema up to date, in one transaction; a schema newer than this
/// program is refused.
pub fn migrar(m: &mut dyn Motor) -> Result<()> {
    let lista = m.migraciones();
    let ultima = lista.last().map(|x| x.0).unwrap_or(0);
    m.transaccion(&mut |s| {
        s.lote("CREATE TABLE IF NOT EXISTS esquema_central (version BIGINT NOT NULL)")?;
        s.bloquear_unidad("")?;
        let v = s.entero("SELECT COALESCE(MAX(version), 0) FROM esquema_central", &[])?;
        if v > ultima {
            return Err(Error::entrada(format!(
                "la base de la central tiene el esquema {v}, más nuevo que el de este programa ({ultima}): actualice Coactiva antes de abrirla"
            )));
        }
        for (n, sql) in lista.iter().filter(|(n, _)| *n > v) {
            s.lote(sql)?;
            s.ejecutar("INSERT INTO esquema_central (version) VALUES (?1)", &[Valor::Entero(*n)])?;
        }
        Ok(())
    })
}

/// SQLite's migrations for the centre. The first is the schema earlier versions created
/// (`IF NOT EXISTS`: a centre file from before migrations opens as it is).
pub const MIGRACIONES_SQLITE: &[(i64, &str)] = &[
    (
        1,
        "
CREATE TABLE IF NOT EXISTS unidades (
    codigo        TEXT PRIMARY KEY,
    clave_publica TEXT NOT NULL,
    registrada_en TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS paquetes (
    unidad      TEXT NOT NULL REFERENCES unidades(codigo),
    numero      INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    anterior    TEXT NOT NULL,
    desde       INTEGER NOT NULL,
    hasta       INTEGER NOT NULL,
    contenido   TEXT NOT NULL,
    recibido_en TEXT NOT NULL,
    aplicado    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unidad, numero)
);
CREATE TABLE IF NOT EXISTS cambios (
    unidad  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    fecha   TEXT NOT NULL,
    usuario TEXT NOT NULL,
    entidad TEXT NOT NULL,
    clave   TEXT NOT NULL,
    accion  TEXT NOT NULL,
    datos   TEXT NOT NULL,
    PRIMARY KEY (unidad, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clave_central (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    secreta   BLOB NOT NULL,
    publica   TEXT NOT NULL,
    creada_en TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cadenas (
    unidad TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL,
    hash   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS titulos (
    unidad TEXT NOT NULL, numero TEXT NOT NULL, identificacion TEXT, obligado TEXT,
    total INTEGER NOT NULL, estado TEXT NOT NULL, PRIMARY KEY (unidad, numero)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS procesos (
    unidad TEXT NOT NULL, numero TEXT NOT NULL, titulo TEXT, abogado TEXT, etapa TEXT NOT NULL,
    PRIMARY KEY (unidad, numero)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS abogados (
    unidad TEXT NOT NULL, identificacion TEXT NOT NULL, nombres TEXT, estado TEXT,
    PRIMARY KEY (unidad, identificacion)
) WITHOUT ROWID;
",
    ),
    (2, MIGRACION_NACIONAL),
];

/// Migration 2, the same text for both engines (#20): what the national page reports on —
/// each proceso's opening day (the portfolio's age), the payments (recovery per unit), and the
/// centre's own users (the page asks for a login).
pub const MIGRACION_NACIONAL: &str = "
ALTER TABLE procesos ADD COLUMN abierto TEXT;
CREATE TABLE pagos (
    unidad TEXT NOT NULL, id TEXT NOT NULL, titulo TEXT NOT NULL, fecha TEXT NOT NULL,
    valor BIGINT NOT NULL, anula TEXT, PRIMARY KEY (unidad, id)
);
CREATE INDEX pagos_anula ON pagos (unidad, anula);
CREATE TABLE usuarios_centrales (
    usuario TEXT PRIMARY KEY, nombres TEXT NOT NULL, clave_hash TEXT NOT NULL, creado_en TEXT NOT NULL
);
";

/// The centre: its rules written once over a [`Motor`].
pub struct Central<M: Motor> {
    motor: std::sync::Mutex<M>,
    clock: Arc<dyn Clock>,
}

/// The centre in one SQLite file (the embedded default: tests and small installations).
pub type Sqlite = Central<MotorSqlite>;

impl<M: Motor> Central<M> {
    /// Opens the centre over `motor`, migrating its schema.
    pub fn con_motor(mut motor: M, clock: Arc<dyn Clock>) -> Result<Central<M>> {
        migrar(&mut motor)?;
        Ok(Central {
            motor: std::sync::Mutex::new(motor),
            clock,
        })
    }

    /// Runs `f` in one transaction and returns what it returned.
    fn tx<T>(&self, f: impl FnOnce(&mut dyn Sentencias) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        let mut m = self.motor.lock().unwrap_or_else(|p| p.into_inner());
        m.transaccion(&mut |s| {
            let f = f.take().expect("una sola vez");
            out = Some(f(s)?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::Interno("transacción sin resultado".into()))
    }
}

impl Sqlite {
    pub fn abrir(ruta: &Path, clock: Arc<dyn Clock>) -> Result<Sqlite> {
        if let Some(d) = ruta.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(d)?;
        }
        let conn = Connection::open(ruta)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Central::con_motor(MotorSqlite { conn }, clock)
    }
}

/// SQLite under the centre.
pub struct MotorSqlite {
    conn: Connection,
}

struct TxSqlite<'a>(&'a rusqlite::Transaction<'a>);

impl rusqlite::ToSql for Valor {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Valor::Nulo => ToSqlOutput::Borrowed(ValueRef::Null),
            Valor::Entero(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Valor::Texto(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Valor::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl Sentencias for TxSqlite<'_> {
    fn ejecutar(&mut self, sql: &str, p: &[Valor]) -> Result<u64> {
        let mut st = self.0.prepare_cached(sql)?;
        Ok(st.execute(rusqlite::params_from_iter(p.iter()))? as u64)
    }

    fn filas(&mut self, sql: &str, p: &[Valor]) -> Result<Vec<Vec<Valor>>> {
        use rusqlite::types::ValueRef;
        let mut st = self.0.prepare_cached(sql)?;
        let n = st.column_count();
        let mut filas = st.query(rusqlite::params_from_iter(p.iter()))?;
        let mut out = vec![];
        while let Some(r) = filas.next()? {
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                v.push(match r.get_ref(i)? {
                    ValueRef::Null => Valor::Nulo,
                    ValueRef::Integer(x) => Valor::Entero(x),
                    ValueRef::Real(f) => Valor::Entero(f as i64),
                    ValueRef::Text(t) => Valor::Texto(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Valor::Bytes(b.to_vec()),
                });
            }
            out.push(v);
        }
        Ok(out)
    }

    fn lote(&mut self, sql: &str) -> Result<()> {
        Ok(self.0.execute_batch(sql)?)
    }

    fn bloquear_unidad(&mut self, _unidad: &str) -> Result<()> {
        // The transaction is IMMEDIATE: it already holds the file's one write lock.
        Ok(())
    }
}

impl Motor for MotorSqlite {
    fn transaccion(&mut self, f: &mut dyn FnMut(&mut dyn Sentencias) -> Result<()>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        f(&mut TxSqlite(&tx))?;
        tx.commit()?;
        Ok(())
    }

    fn migraciones(&self) -> &'static [(i64, &'static str)] {
        MIGRACIONES_SQLITE
    }

    fn nombre(&self) -> &'static str {
        "SQLite"
    }
}

/// Projects a bundle's changes in order. The two kinds that come by the thousand (títulos
/// imported, procesos opened) are gathered while they run consecutively and written a few
/// hundred rows a statement; anything else first writes what was gathered, then applies
/// itself, so every change sees the tables as if each had been applied alone.
fn proyectar(
    tx: &mut dyn Sentencias,
    unidad: &str,
    cambios: &[crate::cambios::Cambio],
) -> Result<()> {
    let u = Valor::from(unidad);
    let mut titulos: Vec<Vec<Valor>> = vec![];
    let mut procesos: Vec<Vec<Valor>> = vec![];
    // One statement may not touch a row twice (PostgreSQL refuses it): a key seen again in the
    // same run first writes what was gathered.
    let mut claves: std::collections::HashSet<String> = Default::default();
    let vaciar = |tx: &mut dyn Sentencias,
                  titulos: &mut Vec<Vec<Valor>>,
                  procesos: &mut Vec<Vec<Valor>>|
     -> Result<()> {
        tx.insertar_filas(
            "INSERT INTO titulos (unidad, numero, identificacion, obligado, total, estado)",
            "ON CONFLICT (unidad, numero) DO UPDATE SET identificacion = excluded.identificacion, obligado = excluded.obligado, total = excluded.total, estado = excluded.estado",
            titulos,
        )?;
        titulos.clear();
        tx.insertar_filas(
            "INSERT INTO procesos (unidad, numero, titulo, abogado, etapa, abierto)",
            "ON CONFLICT (unidad, numero) DO UPDATE SET titulo = excluded.titulo, abogado = excluded.abogado, etapa = excluded.etapa, abierto = excluded.abierto",
            procesos,
        )?;
        for lote in procesos.chunks(500) {
            let marcas: Vec<String> = (0..lote.len()).map(|i| format!("?{}", i + 2)).collect();
            let sql = format!(
                "UPDATE titulos SET estado = 'en_proceso' WHERE unidad = ?1 AND numero IN ({})",
                marcas.join(",")
            );
            let mut p = vec![lote[0][0].clone()];
            p.extend(lote.iter().map(|f| f[2].clone()));
            tx.ejecutar(&sql, &p)?;
        }
        procesos.clear();
        Ok(())
    };
    for c in cambios {
        // Only the two kinds that come by the thousand are read here; the rest go to `aplicar`.
        let evento = match (c.entidad.as_str(), c.accion.as_str()) {
            ("titulo", "crear") | ("proceso", "abrir") => {
                Evento::leer_texto(&c.entidad, &c.accion, c.datos.get()).ok()
            }
            _ => None,
        };
        // A run ends at any other change, at the other kind, or at a key seen again.
        let sigue = match &evento {
            Some(Evento::TituloCreado(_)) => procesos.is_empty(),
            Some(Evento::ProcesoAbierto(_)) => titulos.is_empty(),
            _ => false,
        } && !claves.contains(&c.clave);
        if !sigue {
            vaciar(tx, &mut titulos, &mut procesos)?;
            claves.clear();
        }
        match evento {
            Some(Evento::TituloCreado(t)) => titulos.push(vec![
                u.clone(),
                (&c.clave).into(),
                t.identificacion.into(),
                t.obligado.into(),
                t.total.0.into(),
                "por_sortear".into(),
            ]),
            Some(Evento::ProcesoAbierto(p)) => {
                let abierto = p
                    .desde
                    .map(fechas::iso)
                    .unwrap_or_else(|| c.fecha.get(..10).unwrap_or("").to_string());
                procesos.push(vec![
                    u.clone(),
                    (&c.clave).into(),
                    p.titulo.into(),
                    p.abogado.into(),
                    p.etapa.codigo().into(),
                    abierto.into(),
                ]);
            }
            _ => {
                aplicar(tx, unidad, c)?;
                continue;
            }
        }
        claves.insert(c.clave.clone());
    }
    vaciar(tx, &mut titulos, &mut procesos)
}

/// Applies one change to the consolidated tables (entities the centre reports on). The match
/// is over [`Evento`]: a new kind of change is a compile error here until the centre decides
/// what it does with it. A change this version does not know (a newer unit) is kept in
/// `cambios` and leaves the projection as it was.
fn aplicar(tx: &mut dyn Sentencias, unidad: &str, c: &crate::cambios::Cambio) -> Result<()> {
    let u = Valor::from(unidad);
    let clave = Valor::from(&c.clave);
    let evento = match Evento::leer_texto(&c.entidad, &c.accion, c.datos.get()) {
        Ok(e) => e,
        Err(e) => {
            log::warn!("cambio {} de la unidad {unidad} sin proyectar: {e}", c.seq);
            return Ok(());
        }
    };
    match evento {
        Evento::TituloCreado(t) => {
            tx.ejecutar(
                "INSERT INTO titulos (unidad, numero, identificacion, obligado, total, estado) VALUES (?1, ?2, ?3, ?4, ?5, 'por_sortear')
                 ON CONFLICT (unidad, numero) DO UPDATE SET identificacion = excluded.identificacion, obligado = excluded.obligado, total = excluded.total, estado = excluded.estado",
                &[u, clave, t.identificacion.into(), t.obligado.into(), t.total.0.into()],
            )?;
        }
        Evento::SorteoCreado(r) => {
            // A draw assigns thousands of títulos at once: a few hundred a statement.
            for lote in r.resultado.asignaciones.chunks(500) {
                let marcas: Vec<String> = (0..lote.len()).map(|i| format!("?{}", i + 2)).collect();
                let sql = format!(
                    "UPDATE titulos SET estado = 'asignado' WHERE unidad = ?1 AND estado = 'por_sortear' AND numero IN ({})",
                    marcas.join(",")
                );
                let mut p = vec![u.clone()];
                p.extend(lote.iter().map(|a| Valor::from(&a.titulo)));
                tx.ejecutar(&sql, &p)?;
            }
        }
        Evento::ProcesoAbierto(p) => {
            let abierto = p
                .desde
                .map(fechas::iso)
                .unwrap_or_else(|| c.fecha.get(..10).unwrap_or("").to_string());
            tx.ejecutar(
                "INSERT INTO procesos (unidad, numero, titulo, abogado, etapa, abierto) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (unidad, numero) DO UPDATE SET titulo = excluded.titulo, abogado = excluded.abogado, etapa = excluded.etapa, abierto = excluded.abierto",
                &[u.clone(), clave, (&p.titulo).into(), (&p.abogado).into(), p.etapa.codigo().into(), abierto.into()],
            )?;
            tx.ejecutar(
                "UPDATE titulos SET estado = 'en_proceso' WHERE unidad = ?1 AND numero = ?2",
                &[u, p.titulo.into()],
            )?;
        }
        Evento::ProcesoEtapa(e) => {
            tx.ejecutar(
                "UPDATE procesos SET etapa = ?3 WHERE unidad = ?1 AND numero = ?2",
                &[u, clave, e.a.codigo().into()],
            )?;
        }
        Evento::PagoRegistrado(x) | Evento::PagoAnulado(x) => {
            tx.ejecutar(
                "INSERT INTO pagos (unidad, id, titulo, fecha, valor, anula) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                &[u, clave, x.titulo.into(), fechas::iso(x.fecha).into(), x.valor.0.into(), x.anula.map(|n| n.to_string()).into()],
            )?;
        }
        Evento::AbogadoCreado(a) => {
            tx.ejecutar(
                "INSERT INTO abogados (unidad, identificacion, nombres, estado) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (unidad, identificacion) DO UPDATE SET nombres = excluded.nombres, estado = excluded.estado",
                &[u, clave, a.nombres.into(), a.estado.como_texto().into()],
            )?;
        }
        Evento::AbogadoEstado(e) => {
            tx.ejecutar(
                "UPDATE abogados SET estado = ?3 WHERE unidad = ?1 AND identificacion = ?2",
                &[u, clave, e.estado.como_texto().into()],
            )?;
        }
        Evento::AbogadoEditado(a) => {
            tx.ejecutar(
                "UPDATE abogados SET nombres = ?3 WHERE unidad = ?1 AND identificacion = ?2",
                &[u, clave, a.nombres.into()],
            )?;
        }
        // Kept in `cambios` for the national audit; nothing the summary counts.
        Evento::UnidadCreada(_)
        | Evento::UnidadEditada(_)
        | Evento::UsuarioEditado(_)
        | Evento::PlantillaRestaurada(_)
        | Evento::UnidadGenero(_)
        | Evento::TasaRegistrada(_)
        | Evento::CostaRegistrada(_)
        | Evento::CostaDecidida(_)
        | Evento::ConvenioCreado(_)
        | Evento::ConvenioIncumplido(_)
        | Evento::HonorarioSolicitado(_)
        | Evento::HonorarioDecidido(_)
        | Evento::AbogadoGenero(_)
        | Evento::UsuarioGenero(_)
        | Evento::UsuarioCreado(_)
        | Evento::UsuarioIntentoFallido(_)
        | Evento::UsuarioBloqueado(_)
        | Evento::UsuarioClaveCambiada(_)
        | Evento::AbogadoImpedimento(_)
        | Evento::ImportacionCreada(_)
        | Evento::ProcesoParte(_)
        | Evento::ProcesoCitacion(_)
        | Evento::ActuacionFoliada(_)
        | Evento::FeriadoAgregado(_)
        | Evento::FeriadoQuitado(_)
        | Evento::ConfiguracionCambiada(_)
        | Evento::PlantillaGuardada(_)
        | Evento::CitadorAsignado(_)
        | Evento::MedidaTipoAgregado(_)
        | Evento::MedidaOrdenada(_)
        | Evento::MedidaRespondida(_)
        | Evento::MedidaLevantada(_)
        | Evento::ExcepcionRegistrada(_)
        | Evento::ExcepcionResuelta(_)
        | Evento::DeprecatorioRegistrado(_)
        | Evento::DeprecatorioNovedad(_)
        | Evento::GarantiaRegistrada(_)
        | Evento::GarantiaEjecutada(_)
        | Evento::DepositarioRegistrado(_)
        | Evento::BienRegistrado(_)
        | Evento::BienEstado(_)
        | Evento::EmbargoRegistrado(_)
        | Evento::DepositarioInforme(_)
        | Evento::BodegajeRegistrado(_)
        | Evento::AvaluoRegistrado(_)
        | Evento::RemateConvocado(_)
        | Evento::RematePublicado(_)
        | Evento::PosturaRegistrada(_)
        | Evento::RemateCerrado(_)
        | Evento::RemateAdjudicado(_) => {}
    }
    Ok(())
}

impl<M: Motor> AlmacenCentral for Central<M> {
    fn registrar_unidad(&mut self, unidad: &str, clave_publica: &str) -> Result<()> {
        let valida = hex::decode(clave_publica.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .and_then(|b| VerifyingKey::from_bytes(&b).ok());
        if valida.is_none() {
            return Err(Error::entrada("la clave pública no es válida: copie los 64 dígitos que imprime «coactiva clave-publica» en la unidad"));
        }
        if unidad.len() != 5 || !unidad.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::entrada(format!("el código de unidad «{unidad}» debe tener 5 dígitos (provincia y oficina, p. ej. 17001)")));
        }
        let ahora = fechas::marca(&*self.clock);
        self.tx(|s| {
            s.ejecutar(
                "INSERT INTO unidades (codigo, clave_publica, registrada_en) VALUES (?1, ?2, ?3)
                 ON CONFLICT (codigo) DO UPDATE SET clave_publica = excluded.clave_publica",
                &[unidad.into(), clave_publica.trim().into(), ahora.into()],
            )?;
            Ok(())
        })
    }

    fn clave_de(&self, unidad: &str) -> Result<Option<String>> {
        self.tx(|s| {
            Ok(s.fila(
                "SELECT clave_publica FROM unidades WHERE codigo = ?1",
                &[unidad.into()],
            )?
            .and_then(|f| f[0].texto()))
        })
    }

    fn recibir(&mut self, p: &Paquete, ahora: &str) -> Result<Recepcion> {
        let m = &p.manifiesto;
        let clave = self.clave_de(&m.unidad)?.ok_or_else(|| {
            Error::NoAutorizado(format!("la unidad {} no está registrada en la central: regístrela con «coactiva central unidades agregar»", m.unidad))
        })?;
        verificar_paquete(p, &clave)?;
        let contenido = serde_json::to_string(p)?;
        self.tx(|tx| recibir_en(tx, p, &contenido, ahora))
    }

    fn reloj(&self) -> &dyn Clock {
        &*self.clock
    }

    fn paquetes_de(&self, unidad: &str) -> Result<Vec<Paquete>> {
        let filas = self.tx(|s| {
            s.filas(
                "SELECT contenido FROM paquetes WHERE unidad = ?1 ORDER BY numero",
                &[unidad.into()],
            )
        })?;
        let mut out = vec![];
        for f in filas {
            out.push(serde_json::from_str(&f[0].texto().unwrap_or_default())?);
        }
        Ok(out)
    }

    fn paquete_de(&self, unidad: &str, numero: i64) -> Result<Option<Paquete>> {
        let t = self.tx(|s| {
            Ok(s.fila(
                "SELECT contenido FROM paquetes WHERE unidad = ?1 AND numero = ?2 AND aplicado = 1",
                &[unidad.into(), numero.into()],
            )?
            .and_then(|f| f[0].texto()))
        })?;
        Ok(match t {
            Some(t) => Some(serde_json::from_str(&t)?),
            None => None,
        })
    }

    fn nacional(&self, hoy: chrono::NaiveDate) -> Result<Nacional> {
        let unidades = self.resumen()?;
        let corte = |d: i64| Valor::Texto(fechas::iso(hoy - chrono::Duration::days(d)));
        self.tx(|s| {
            let mut por_etapa = vec![];
            for f in s.filas(
                "SELECT SUBSTR(p.unidad, 1, 2), p.etapa, COUNT(*), CAST(COALESCE(SUM(t.total), 0) AS BIGINT)
                 FROM procesos p LEFT JOIN titulos t ON t.unidad = p.unidad AND t.numero = p.titulo
                 GROUP BY SUBSTR(p.unidad, 1, 2), p.etapa ORDER BY 1, 2",
                &[],
            )? {
                let provincia = f[0].texto().unwrap_or_default();
                let etapa = f[1].texto().unwrap_or_default();
                por_etapa.push(FilaEtapa {
                    nombre_provincia: crate::unidad::nombre_provincia(&provincia).unwrap_or("").to_string(),
                    nombre_etapa: crate::procesos::Etapa::parse(&etapa).map(|e| e.nombre().to_string()).unwrap_or_else(|_| etapa.clone()),
                    provincia,
                    etapa,
                    procesos: f[2].entero(),
                    monto: f[3].entero(),
                });
            }
            let mut antiguedad: Vec<FilaTramo> = ["0-90", "91-180", "181-360", "360+"]
                .iter()
                .map(|t| FilaTramo { tramo: t.to_string(), procesos: 0, monto: 0 })
                .collect();
            let sql = format!(
                "SELECT tramo, COUNT(*), CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM (
                     SELECT CASE WHEN p.abierto >= ?1 THEN '0-90' WHEN p.abierto >= ?2 THEN '91-180'
                                 WHEN p.abierto >= ?3 THEN '181-360' ELSE '360+' END AS tramo, t.total AS total
                     FROM procesos p LEFT JOIN titulos t ON t.unidad = p.unidad AND t.numero = p.titulo
                     WHERE p.etapa NOT IN ({ETAPAS_CERRADAS})) x
                 GROUP BY tramo"
            );
            for f in s.filas(&sql, &[corte(90), corte(180), corte(360)])? {
                let t = f[0].texto().unwrap_or_default();
                if let Some(fila) = antiguedad.iter_mut().find(|x| x.tramo == t) {
                    fila.procesos = f[1].entero();
                    fila.monto = f[2].entero();
                }
            }
            let mut recuperacion = vec![];
            for f in s.filas(
                "SELECT u.codigo, COUNT(p.id), CAST(COALESCE(SUM(p.valor), 0) AS BIGINT)
                 FROM unidades u LEFT JOIN pagos p ON p.unidad = u.codigo AND p.anula IS NULL
                     AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.unidad = p.unidad AND a.anula = p.id)
                 GROUP BY u.codigo ORDER BY u.codigo",
                &[],
            )? {
                let unidad = f[0].texto().unwrap_or_default();
                recuperacion.push(FilaRecuperacion {
                    provincia: crate::unidad::nombre_provincia(unidad.get(..2).unwrap_or("")).unwrap_or("").to_string(),
                    unidad,
                    pagos: f[1].entero(),
                    recuperado: f[2].entero(),
                });
            }
            Ok(Nacional { al: fechas::iso(hoy), por_etapa, antiguedad, recuperacion, unidades })
        })
    }

    fn agregar_usuario(&mut self, usuario: &str, nombres: &str, clave: &str) -> Result<()> {
        let usuario = usuario.trim();
        if usuario.is_empty()
            || usuario.len() > 40
            || !usuario
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return Err(Error::entrada(format!(
                "«{usuario}» no sirve como usuario: use letras sin tildes, números, punto, guion o guion bajo"
            )));
        }
        if nombres.trim().is_empty() {
            return Err(Error::entrada("indique los nombres de la persona"));
        }
        let hash = crate::usuarios::proteger_clave(clave)?;
        let ahora = fechas::marca(&*self.clock);
        self.tx(|s| {
            s.ejecutar(
                "INSERT INTO usuarios_centrales (usuario, nombres, clave_hash, creado_en) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (usuario) DO UPDATE SET nombres = excluded.nombres, clave_hash = excluded.clave_hash",
                &[usuario.into(), nombres.trim().into(), hash.into(), ahora.into()],
            )?;
            Ok(())
        })
    }

    fn autenticar(&self, usuario: &str, clave: &str) -> Result<Option<String>> {
        let fila = self.tx(|s| {
            s.fila(
                "SELECT nombres, clave_hash FROM usuarios_centrales WHERE usuario = ?1",
                &[usuario.trim().into()],
            )
        })?;
        let hash = fila.as_ref().and_then(|f| f[1].texto());
        Ok(crate::usuarios::clave_coincide(hash.as_deref(), clave)
            .then(|| fila.and_then(|f| f[0].texto()).unwrap_or_default()))
    }

    fn firmante(&mut self) -> Result<ed25519_dalek::SigningKey> {
        let ahora = fechas::marca(&*self.clock);
        let secreta = self.tx(|s| {
            if let Some(f) = s.fila("SELECT secreta FROM clave_central WHERE id = 1", &[])? {
                return Ok(f[0].bytes().unwrap_or_default());
            }
            use crate::azar::FuenteAzar;
            let k = ed25519_dalek::SigningKey::from_bytes(&crate::azar::AzarDelSistema.semilla()?);
            // Two first starts at once keep one key: the first to commit.
            s.ejecutar(
                "INSERT INTO clave_central (id, secreta, publica, creada_en) VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO NOTHING",
                &[k.to_bytes().to_vec().into(), hex::encode(k.verifying_key().to_bytes()).into(), ahora.into()],
            )?;
            Ok(s.fila("SELECT secreta FROM clave_central WHERE id = 1", &[])?
                .and_then(|f| f[0].bytes())
                .unwrap_or_default())
        })?;
        let s: [u8; 32] = secreta
            .try_into()
            .map_err(|_| Error::Interno("la clave de la central está dañada".into()))?;
        Ok(ed25519_dalek::SigningKey::from_bytes(&s))
    }

    fn resumen(&self) -> Result<Vec<ResumenUnidad>> {
        self.tx(|s| {
            let unidades: Vec<String> = s
                .filas("SELECT codigo FROM unidades ORDER BY codigo", &[])?
                .into_iter()
                .filter_map(|f| f[0].texto())
                .collect();
            let mut out = vec![];
            for u in unidades {
                let uv = [Valor::from(&u)];
                let mut por_etapa = std::collections::BTreeMap::new();
                for f in s.filas(
                    "SELECT etapa, COUNT(*) FROM procesos WHERE unidad = ?1 GROUP BY etapa",
                    &uv,
                )? {
                    por_etapa.insert(f[0].texto().unwrap_or_default(), f[1].entero());
                }
                let mut montos = std::collections::BTreeMap::new();
                for f in s.filas(
                    "SELECT estado, CAST(SUM(total) AS BIGINT) FROM titulos WHERE unidad = ?1 GROUP BY estado",
                    &uv,
                )? {
                    montos.insert(
                        f[0].texto().unwrap_or_default(),
                        crate::dinero::Centavos(f[1].entero()).decimal(),
                    );
                }
                let aplicados = s.entero(
                    "SELECT COALESCE(MAX(numero), 0) FROM paquetes WHERE unidad = ?1 AND aplicado = 1",
                    &uv,
                )?;
                let hay_despues = s.entero(
                    "SELECT COUNT(*) FROM paquetes WHERE unidad = ?1 AND aplicado = 0",
                    &uv,
                )? > 0;
                let ultima_entrega = s
                    .fila("SELECT MAX(recibido_en) FROM paquetes WHERE unidad = ?1", &uv)?
                    .and_then(|f| f[0].texto());
                out.push(ResumenUnidad {
                    provincia: crate::unidad::nombre_provincia(&u[..2])
                        .unwrap_or("")
                        .to_string(),
                    titulos: s.entero("SELECT COUNT(*) FROM titulos WHERE unidad = ?1", &uv)?,
                    procesos: s.entero("SELECT COUNT(*) FROM procesos WHERE unidad = ?1", &uv)?,
                    procesos_por_etapa: por_etapa,
                    montos_por_estado: montos,
                    ultima_entrega,
                    paquetes: s.entero("SELECT COUNT(*) FROM paquetes WHERE unidad = ?1", &uv)?,
                    falta_paquete: hay_despues.then_some(aplicados + 1),
                    unidad: u,
                });
            }
            Ok(out)
        })
    }
}

/// Ingest of one verified bundle inside the transaction: stored, then every bundle now next
/// in line applied, the chain checked as it goes. An error leaves nothing of it.
fn recibir_en(
    tx: &mut dyn Sentencias,
    p: &Paquete,
    contenido: &str,
    ahora: &str,
) -> Result<Recepcion> {
    let m = &p.manifiesto;
    let u = Valor::from(&m.unidad);
    tx.bloquear_unidad(&m.unidad)?;
    let previo = tx
        .fila(
            "SELECT hash FROM paquetes WHERE unidad = ?1 AND numero = ?2",
            &[u.clone(), m.numero.into()],
        )?
        .and_then(|f| f[0].texto());
    match previo {
        Some(h) if h == m.hash() => return Ok(Recepcion::YaRecibido),
        Some(_) => {
            // The unit re-cut a bundle it had already sent, with other changes: it was
            // restored from an older copy. Say so, and how far the centre's copy goes.
            let f = tx
                .fila(
                    "SELECT COALESCE(MAX(hasta), 0), MAX(recibido_en) FROM paquetes WHERE unidad = ?1",
                    std::slice::from_ref(&u),
                )?
                .unwrap_or_default();
            let seq = f.first().map(Valor::entero).unwrap_or(0);
            let fecha = f.get(1).and_then(Valor::texto);
            return Err(Error::Conflicto(format!(
                "{PREFIJO_DIVERGENCIA} la central ya recibió el paquete {} de la unidad {} con otros cambios: la base de la unidad parece restaurada de una copia anterior. La central conserva los cambios de la unidad hasta el {seq} (último recibido el {}); no se ingresa nada del paquete nuevo",
                m.numero,
                m.unidad,
                fecha.as_deref().map(fechas::fecha_larga_de_marca).unwrap_or_default()
            )));
        }
        None => {}
    }
    tx.ejecutar(
        "INSERT INTO paquetes (unidad, numero, hash, anterior, desde, hasta, contenido, recibido_en, aplicado) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
        &[u.clone(), m.numero.into(), m.hash().into(), (&m.anterior).into(), m.desde.into(), m.hasta.into(), contenido.into(), ahora.into()],
    )?;
    loop {
        let aplicados = tx.entero(
            "SELECT COALESCE(MAX(numero), 0) FROM paquetes WHERE unidad = ?1 AND aplicado = 1",
            std::slice::from_ref(&u),
        )?;
        let ultimo_hash = tx
            .fila(
                "SELECT hash FROM paquetes WHERE unidad = ?1 AND aplicado = 1 ORDER BY numero DESC LIMIT 1",
                std::slice::from_ref(&u),
            )?
            .and_then(|f| f[0].texto())
            .unwrap_or_else(|| HASH_INICIAL.to_string());
        let siguiente = tx.fila(
            "SELECT anterior, contenido FROM paquetes WHERE unidad = ?1 AND numero = ?2",
            &[u.clone(), (aplicados + 1).into()],
        )?;
        let Some(siguiente) = siguiente else {
            let recibidos_despues = tx.entero(
                "SELECT COUNT(*) FROM paquetes WHERE unidad = ?1 AND numero > ?2",
                &[u.clone(), (aplicados + 1).into()],
            )? > 0;
            return Ok(if recibidos_despues || m.numero > aplicados {
                Recepcion::EnEspera {
                    falta: aplicados + 1,
                }
            } else {
                Recepcion::Aplicado
            });
        };
        let anterior = siguiente[0].texto().unwrap_or_default();
        if anterior != ultimo_hash {
            return Err(Error::entrada(format!(
                "el paquete {} de la unidad {} no continúa la cadena del paquete anterior: se rechaza y no se ingresa nada",
                aplicados + 1,
                m.unidad
            )));
        }
        let q: Paquete = serde_json::from_str(&siguiente[1].texto().unwrap_or_default())?;
        let (ultimo_seq, ultima_cadena) = tx
            .fila(
                "SELECT seq, hash FROM cadenas WHERE unidad = ?1",
                std::slice::from_ref(&u),
            )?
            .map(|f| (f[0].entero(), f[1].texto().unwrap_or_default()))
            .unwrap_or((0, HASH_INICIAL.to_string()));
        let previo = cambios::bytes_de_hash(&ultima_cadena).unwrap_or([0; 32]);
        let continua = q.manifiesto.desde == ultimo_seq + 1
            && cambios::verificar_tramo(previo, &q.cambios).is_ok();
        if !continua {
            return Err(Error::entrada(format!(
                "el paquete {} de la unidad {} no continúa el registro de cambios que la central ya tiene (cambio {ultimo_seq}): sus huellas no encadenan; se rechaza y no se ingresa nada",
                aplicados + 1,
                m.unidad
            )));
        }
        if let Some(c) = q.cambios.last() {
            tx.ejecutar(
                "INSERT INTO cadenas (unidad, seq, hash) VALUES (?1, ?2, ?3)
                 ON CONFLICT (unidad) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                &[u.clone(), c.seq.into(), (&c.hash).into()],
            )?;
        }
        // The log first, a few hundred rows a statement; then what each change projects.
        let filas: Vec<Vec<Valor>> = q
            .cambios
            .iter()
            .map(|c| {
                vec![
                    u.clone(),
                    c.seq.into(),
                    (&c.fecha).into(),
                    (&c.usuario).into(),
                    (&c.entidad).into(),
                    (&c.clave).into(),
                    (&c.accion).into(),
                    c.datos.get().into(),
                ]
            })
            .collect();
        tx.insertar_filas(
            "INSERT INTO cambios (unidad, seq, fecha, usuario, entidad, clave, accion, datos)",
            "ON CONFLICT DO NOTHING",
            &filas,
        )?;
        drop(filas);
        proyectar(tx, &m.unidad, &q.cambios)?;
        tx.ejecutar(
            "UPDATE paquetes SET aplicado = 1 WHERE unidad = ?1 AND numero = ?2",
            &[u.clone(), (aplicados + 1).into()],
        )?;
    }
}

/// The national view as a workbook the Dirección Nacional opens in Excel: real numbers, one
/// sheet per table of the page.
pub fn nacional_xlsx(n: &Nacional) -> Result<Vec<u8>> {
    use crate::reportes::mal;
    use rust_xlsxwriter::{Format, Workbook};
    let mut libro = Workbook::new();
    let negrita = Format::new().set_bold();
    let dinero = Format::new().set_num_format("#,##0.00");
    let usd = |c: i64| c as f64 / 100.0;
    let cabecera = |h: &mut rust_xlsxwriter::Worksheet, t: &[&str]| -> Result<()> {
        for (c, x) in t.iter().enumerate() {
            h.write_string_with_format(0, c as u16, *x, &negrita)
                .map_err(mal)?;
        }
        Ok(())
    };
    let h = libro.add_worksheet();
    h.set_name("Provincia y etapa").map_err(mal)?;
    cabecera(
        h,
        &["Provincia", "Código", "Etapa", "Procesos", "Monto (USD)"],
    )?;
    for (i, f) in n.por_etapa.iter().enumerate() {
        let r = i as u32 + 1;
        h.write_string(r, 0, &f.nombre_provincia).map_err(mal)?;
        h.write_string(r, 1, &f.provincia).map_err(mal)?;
        h.write_string(r, 2, &f.nombre_etapa).map_err(mal)?;
        h.write_number(r, 3, f.procesos as f64).map_err(mal)?;
        h.write_number_with_format(r, 4, usd(f.monto), &dinero)
            .map_err(mal)?;
    }
    h.autofit();
    let h = libro.add_worksheet();
    h.set_name("Antigüedad").map_err(mal)?;
    cabecera(h, &["Días desde la apertura", "Procesos", "Monto (USD)"])?;
    for (i, f) in n.antiguedad.iter().enumerate() {
        let r = i as u32 + 1;
        h.write_string(r, 0, nombre_tramo(&f.tramo)).map_err(mal)?;
        h.write_number(r, 1, f.procesos as f64).map_err(mal)?;
        h.write_number_with_format(r, 2, usd(f.monto), &dinero)
            .map_err(mal)?;
    }
    h.autofit();
    let h = libro.add_worksheet();
    h.set_name("Recuperación").map_err(mal)?;
    cabecera(h, &["Unidad", "Provincia", "Pagos", "Recuperado (USD)"])?;
    for (i, f) in n.recuperacion.iter().enumerate() {
        let r = i as u32 + 1;
        h.write_string(r, 0, &f.unidad).map_err(mal)?;
        h.write_string(r, 1, &f.provincia).map_err(mal)?;
        h.write_number(r, 2, f.pagos as f64).map_err(mal)?;
        h.write_number_with_format(r, 3, usd(f.recuperado), &dinero)
            .map_err(mal)?;
    }
    h.autofit();
    let h = libro.add_worksheet();
    h.set_name("Entregas").map_err(mal)?;
    cabecera(
        h,
        &[
            "Unidad",
            "Provincia",
            "Títulos",
            "Procesos",
            "Paquetes",
            "Última entrega",
            "Falta el paquete",
        ],
    )?;
    for (i, u) in n.unidades.iter().enumerate() {
        let r = i as u32 + 1;
        h.write_string(r, 0, &u.unidad).map_err(mal)?;
        h.write_string(r, 1, &u.provincia).map_err(mal)?;
        h.write_number(r, 2, u.titulos as f64).map_err(mal)?;
        h.write_number(r, 3, u.procesos as f64).map_err(mal)?;
        h.write_number(r, 4, u.paquetes as f64).map_err(mal)?;
        h.write_string(
            r,
            5,
            u.ultima_entrega
                .as_deref()
                .map(fechas::fecha_larga_de_marca)
                .unwrap_or_else(|| "nunca".into()),
        )
        .map_err(mal)?;
        if let Some(f) = u.falta_paquete {
            h.write_number(r, 6, f as f64).map_err(mal)?;
        }
    }
    h.autofit();
    libro.save_to_buffer().map_err(mal)
}

/// An age band as people read it.
pub fn nombre_tramo(t: &str) -> &'static str {
    match t {
        "0-90" => "0 a 90 días",
        "91-180" => "91 a 180 días",
        "181-360" => "181 a 360 días",
        _ => "más de 360 días",
    }
}

/// Ingests every bundle file in `carpeta` (oldest number first) and leaves a receipt in
/// `carpeta/acuses/` for each one stored. Returns what happened to each file, with errors.
pub fn recibir_carpeta(
    almacen: &mut dyn AlmacenCentral,
    carpeta: &Path,
) -> Result<Vec<(String, std::result::Result<Recepcion, String>)>> {
    let mut archivos: Vec<_> = std::fs::read_dir(carpeta)
        .map_err(|e| {
            Error::entrada(format!(
                "no se puede leer la carpeta {}: {e}",
                carpeta.display()
            ))
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| super::sobre::es_archivo_de_paquete(&n.to_string_lossy()))
        })
        .collect();
    archivos.sort();
    std::fs::create_dir_all(carpeta.join("acuses"))?;
    let k = almacen.firmante()?;
    let mut out = vec![];
    for a in archivos {
        let nombre = a.file_name().unwrap().to_string_lossy().into_owned();
        let abierto = std::fs::read(&a)
            .map_err(|e| format!("no se pudo leer el archivo: {e}"))
            .and_then(|b| super::sobre::abrir(&b, &k));
        let r = abierto.as_ref().map_err(Clone::clone).and_then(|p| {
            let (r, a) = recibir_con_acuse(almacen, p).map_err(|e| e.to_string())?;
            super::escribir_atomico(
                &carpeta
                    .join("acuses")
                    .join(format!("{}.acuse", p.manifiesto.hash())),
                a.texto().as_bytes(),
            )
            .map_err(|e| e.to_string())?;
            Ok(r)
        });
        if let (Err(e), Ok(p)) = (&r, &abierto) {
            // The unit reads why its bundle was refused on its next sync.
            let _ = super::escribir_atomico(
                &carpeta
                    .join("acuses")
                    .join(format!("{}.rechazo", p.manifiesto.hash())),
                e.as_bytes(),
            );
        }
        out.push((nombre, r));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync;
    use ed25519_dalek::Signer;
    use rusqlite::OptionalExtension;

    fn unidad() -> crate::Store {
        let clock = Arc::new(crate::FixedClock::on(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        ));
        let mut store = crate::Store::in_memory(clock).unwrap();
        let jefe = crate::unidad::inicializar(
            &mut store,
            &crate::unidad::NuevaUnidad {
                provincia: "17".into(),
                oficina: "001".into(),
                nombre: "Unidad de Pichincha".into(),
                nivel: crate::unidad::Nivel::Unidad,
                ciudad: "Quito".into(),
                jefe_usuario: "jefe".into(),
                jefe_nombres: "Dra. Ana Núñez".into(),
                jefe_clave: "clave-del-jefe-1".into(),
                jefe_genero: None,
            },
        )
        .unwrap();
        crate::demo::poblar(&mut store, &jefe, 5, 2, 1).unwrap();
        sync::cortar(&mut store).unwrap();
        store
    }

    /// Re-signs a tampered bundle with the unit's own key, as someone holding the unit's
    /// file could: signature and payload hash are then valid.
    fn refirmar(store: &crate::Store, p: &mut Paquete) {
        let secreta: Vec<u8> = store
            .conn()
            .query_row("SELECT secreta FROM clave_unidad", [], |r| r.get(0))
            .optional()
            .unwrap()
            .unwrap();
        let k = ed25519_dalek::SigningKey::from_bytes(&secreta.try_into().unwrap());
        p.manifiesto.sha256 = hash_carga(&p.cambios);
        p.firma = hex::encode(k.sign(p.manifiesto.texto().as_bytes()).to_bytes());
    }

    #[test]
    fn a_bundle_signed_with_the_units_key_but_with_forged_change_hashes_is_refused() {
        let store = unidad();
        let mut p = sync::paquete(&store, 1).unwrap();
        for c in &mut p.cambios {
            c.hash = "00".repeat(32);
        }
        refirmar(&store, &mut p);
        let clave = p.manifiesto.clave_publica.clone();
        let e = verificar_paquete(&p, &clave).unwrap_err().to_string();
        assert!(e.contains("huella del cambio"), "{e}");
        // The untouched bundle passes, and a centre applies it.
        let bueno = sync::paquete(&store, 1).unwrap();
        verificar_paquete(&bueno, &clave).unwrap();
        let mut c = Sqlite::abrir(
            &tempfile_path(),
            Arc::new(crate::FixedClock::on(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            )),
        )
        .unwrap();
        c.registrar_unidad("17001", &clave).unwrap();
        let (r, a) = recibir_con_acuse(&mut c, &bueno).unwrap();
        assert_eq!(r, Recepcion::Aplicado);
        a.valido_para(&clave_publica(&mut c).unwrap(), &bueno)
            .unwrap();
        assert!(a.valido_para(&clave, &bueno).is_err(), "not the unit's key");
    }

    #[test]
    fn a_changed_payload_with_its_hashes_recomputed_inside_the_bundle_breaks_the_link_to_the_previous_one(
    ) {
        let store = unidad();
        let mut p = sync::paquete(&store, 1).unwrap();
        // Drop the first change and re-chain the rest from zeros: internally consistent.
        p.cambios.remove(0);
        let mut previo = [0u8; 32];
        for c in &mut p.cambios {
            let h = c.hash_calculado(&previo);
            c.hash = hex::encode(h);
            previo = h;
        }
        p.manifiesto.desde = p.cambios[0].seq;
        p.manifiesto.cantidad = p.cambios.len() as i64;
        refirmar(&store, &mut p);
        let clave = p.manifiesto.clave_publica.clone();
        let mut c = Sqlite::abrir(
            &tempfile_path(),
            Arc::new(crate::FixedClock::on(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            )),
        )
        .unwrap();
        c.registrar_unidad("17001", &clave).unwrap();
        let e = c
            .recibir(&p, "2026-11-25T10:00:00-05:00")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no continúa"), "{e}");
        assert!(c.resumen().unwrap()[0].titulos == 0, "nothing ingested");
    }

    fn tempfile_path() -> std::path::PathBuf {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        std::env::temp_dir().join(format!(
            "coactiva-central-prueba-{}-{n}.db",
            std::process::id()
        ))
    }

    #[test]
    fn a_centre_file_from_a_newer_version_is_refused_and_an_old_one_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let ruta = dir.path().join("central.db");
        let reloj = || {
            Arc::new(crate::FixedClock::on(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            ))
        };
        // A centre made before migrations: its tables, no schema version.
        {
            let c = Connection::open(&ruta).unwrap();
            c.execute_batch(MIGRACIONES_SQLITE[0].1).unwrap();
            c.execute("INSERT INTO unidades VALUES ('17001', 'x', 'ayer')", [])
                .unwrap();
        }
        let central = Sqlite::abrir(&ruta, reloj()).unwrap();
        assert_eq!(central.clave_de("17001").unwrap().as_deref(), Some("x"));
        drop(central);
        Connection::open(&ruta)
            .unwrap()
            .execute("INSERT INTO esquema_central (version) VALUES (99)", [])
            .unwrap();
        let e = Sqlite::abrir(&ruta, reloj()).err().unwrap().to_string();
        assert!(e.contains("más nuevo") && e.contains("99"), "{e}");
    }
}
