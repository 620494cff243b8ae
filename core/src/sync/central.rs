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
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
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

const ESQUEMA: &str = "
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
-- Per unit, the last applied change and its chain hash (the next bundle must continue it).
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
";

/// The central store in one SQLite file.
pub struct Sqlite {
    conn: Connection,
    clock: Arc<dyn Clock>,
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
        conn.execute_batch(ESQUEMA)?;
        Ok(Sqlite { conn, clock })
    }
}

/// Applies one change to the consolidated tables (entities the centre reports on). The match
/// is over [`Evento`]: a new kind of change is a compile error here until the centre decides
/// what it does with it. A change this version does not know (a newer unit) is kept in
/// `cambios` and leaves the projection as it was.
fn aplicar(tx: &rusqlite::Transaction<'_>, unidad: &str, c: &crate::cambios::Cambio) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO cambios (unidad, seq, fecha, usuario, entidad, clave, accion, datos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?
        .execute(params![unidad, c.seq, c.fecha, c.usuario, c.entidad, c.clave, c.accion, c.datos.to_string()])?;
    let evento = match Evento::leer_texto(&c.entidad, &c.accion, c.datos.get()) {
        Ok(e) => e,
        Err(e) => {
            log::warn!("cambio {} de la unidad {unidad} sin proyectar: {e}", c.seq);
            return Ok(());
        }
    };
    match evento {
        Evento::TituloCreado(t) => {
            tx.prepare_cached("INSERT OR REPLACE INTO titulos (unidad, numero, identificacion, obligado, total, estado) VALUES (?1, ?2, ?3, ?4, ?5, 'por_sortear')")?
                .execute(params![unidad, c.clave, t.identificacion, t.obligado, t.total.0])?;
        }
        Evento::SorteoCreado(r) => {
            let mut st = tx.prepare_cached("UPDATE titulos SET estado = 'asignado' WHERE unidad = ?1 AND numero = ?2 AND estado = 'por_sortear'")?;
            for a in &r.resultado.asignaciones {
                st.execute(params![unidad, a.titulo])?;
            }
        }
        Evento::ProcesoAbierto(p) => {
            tx.prepare_cached("INSERT OR REPLACE INTO procesos (unidad, numero, titulo, abogado, etapa) VALUES (?1, ?2, ?3, ?4, ?5)")?
                .execute(params![unidad, c.clave, p.titulo, p.abogado, p.etapa.codigo()])?;
            tx.prepare_cached(
                "UPDATE titulos SET estado = 'en_proceso' WHERE unidad = ?1 AND numero = ?2",
            )?
            .execute(params![unidad, p.titulo])?;
        }
        Evento::ProcesoEtapa(e) => {
            tx.prepare_cached("UPDATE procesos SET etapa = ?3 WHERE unidad = ?1 AND numero = ?2")?
                .execute(params![unidad, c.clave, e.a.codigo()])?;
        }
        Evento::AbogadoCreado(a) => {
            tx.prepare_cached("INSERT OR REPLACE INTO abogados (unidad, identificacion, nombres, estado) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![unidad, c.clave, a.nombres, a.estado.como_texto()])?;
        }
        Evento::AbogadoEstado(e) => {
            tx.prepare_cached(
                "UPDATE abogados SET estado = ?3 WHERE unidad = ?1 AND identificacion = ?2",
            )?
            .execute(params![unidad, c.clave, e.estado.como_texto()])?;
        }
        Evento::AbogadoEditado(a) => {
            tx.prepare_cached(
                "UPDATE abogados SET nombres = ?3 WHERE unidad = ?1 AND identificacion = ?2",
            )?
            .execute(params![unidad, c.clave, a.nombres])?;
        }
        // Kept in `cambios` for the national audit; nothing the summary counts.
        Evento::UnidadCreada(_)
        | Evento::UnidadEditada(_)
        | Evento::UsuarioEditado(_)
        | Evento::PlantillaRestaurada(_)
        | Evento::UnidadGenero(_)
        | Evento::TasaRegistrada(_)
        | Evento::PagoRegistrado(_)
        | Evento::PagoAnulado(_)
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

impl AlmacenCentral for Sqlite {
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
        self.conn.execute(
            "INSERT INTO unidades (codigo, clave_publica, registrada_en) VALUES (?1, ?2, ?3)
             ON CONFLICT (codigo) DO UPDATE SET clave_publica = excluded.clave_publica",
            params![unidad, clave_publica.trim(), ahora],
        )?;
        Ok(())
    }

    fn clave_de(&self, unidad: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT clave_publica FROM unidades WHERE codigo = ?1",
                [unidad],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn recibir(&mut self, p: &Paquete, ahora: &str) -> Result<Recepcion> {
        let m = &p.manifiesto;
        let clave = self.clave_de(&m.unidad)?.ok_or_else(|| {
            Error::NoAutorizado(format!("la unidad {} no está registrada en la central: regístrela con «coactiva central unidades agregar»", m.unidad))
        })?;
        verificar_paquete(p, &clave)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let previo: Option<String> = tx
            .query_row(
                "SELECT hash FROM paquetes WHERE unidad = ?1 AND numero = ?2",
                params![m.unidad, m.numero],
                |r| r.get(0),
            )
            .optional()?;
        match previo {
            Some(h) if h == m.hash() => return Ok(Recepcion::YaRecibido),
            Some(_) => {
                // The unit re-cut a bundle it had already sent, with other changes: it was
                // restored from an older copy. Say so, and how far the centre's copy goes.
                let (seq, fecha): (i64, Option<String>) = tx
                    .query_row(
                        "SELECT COALESCE(MAX(hasta), 0), MAX(recibido_en) FROM paquetes WHERE unidad = ?1",
                        [&m.unidad],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                return Err(Error::Conflicto(format!(
                    "{PREFIJO_DIVERGENCIA} la central ya recibió el paquete {} de la unidad {} con otros cambios: la base de la unidad parece restaurada de una copia anterior. La central conserva los cambios de la unidad hasta el {seq} (último recibido el {}); no se ingresa nada del paquete nuevo",
                    m.numero,
                    m.unidad,
                    fecha.as_deref().map(fechas::fecha_larga_de_marca).unwrap_or_default()
                )));
            }
            None => {}
        }
        tx.execute(
            "INSERT INTO paquetes (unidad, numero, hash, anterior, desde, hasta, contenido, recibido_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![m.unidad, m.numero, m.hash(), m.anterior, m.desde, m.hasta, serde_json::to_string(p)?, ahora],
        )?;
        // Apply every bundle that is now next in line, checking the chain as it goes.
        loop {
            let (aplicados, ultimo_hash): (i64, String) = tx.query_row(
                "SELECT COALESCE(MAX(numero), 0), COALESCE((SELECT hash FROM paquetes WHERE unidad = ?1 AND aplicado = 1 ORDER BY numero DESC LIMIT 1), ?2)
                 FROM paquetes WHERE unidad = ?1 AND aplicado = 1",
                params![m.unidad, HASH_INICIAL],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let siguiente: Option<(String, String)> = tx
                .query_row(
                    "SELECT anterior, contenido FROM paquetes WHERE unidad = ?1 AND numero = ?2",
                    params![m.unidad, aplicados + 1],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((anterior, contenido)) = siguiente else {
                let recibidos_despues: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM paquetes WHERE unidad = ?1 AND numero > ?2)",
                    params![m.unidad, aplicados + 1],
                    |r| r.get(0),
                )?;
                let estado = if recibidos_despues || m.numero > aplicados {
                    Recepcion::EnEspera {
                        falta: aplicados + 1,
                    }
                } else {
                    Recepcion::Aplicado
                };
                tx.commit()?;
                return Ok(estado);
            };
            if anterior != ultimo_hash {
                return Err(Error::entrada(format!(
                    "el paquete {} de la unidad {} no continúa la cadena del paquete anterior: se rechaza y no se ingresa nada",
                    aplicados + 1,
                    m.unidad
                )));
            }
            let q: Paquete = serde_json::from_str(&contenido)?;
            let (ultimo_seq, ultima_cadena): (i64, String) = tx
                .query_row(
                    "SELECT seq, hash FROM cadenas WHERE unidad = ?1",
                    [&m.unidad],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
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
            if let Some(u) = q.cambios.last() {
                tx.execute(
                    "INSERT INTO cadenas (unidad, seq, hash) VALUES (?1, ?2, ?3)
                     ON CONFLICT (unidad) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                    params![m.unidad, u.seq, u.hash],
                )?;
            }
            for c in &q.cambios {
                aplicar(&tx, &m.unidad, c)?;
            }
            tx.execute(
                "UPDATE paquetes SET aplicado = 1 WHERE unidad = ?1 AND numero = ?2",
                params![m.unidad, aplicados + 1],
            )?;
        }
    }

    fn reloj(&self) -> &dyn Clock {
        &*self.clock
    }

    fn paquetes_de(&self, unidad: &str) -> Result<Vec<Paquete>> {
        let mut st = self
            .conn
            .prepare("SELECT contenido FROM paquetes WHERE unidad = ?1 ORDER BY numero")?;
        let v = st.query_map([unidad], |r| r.get::<_, String>(0))?;
        let mut out = vec![];
        for t in v {
            out.push(serde_json::from_str(&t?)?);
        }
        Ok(out)
    }

    fn paquete_de(&self, unidad: &str, numero: i64) -> Result<Option<Paquete>> {
        let t: Option<String> = self
            .conn
            .query_row(
                "SELECT contenido FROM paquetes WHERE unidad = ?1 AND numero = ?2 AND aplicado = 1",
                params![unidad, numero],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match t {
            Some(t) => Some(serde_json::from_str(&t)?),
            None => None,
        })
    }

    fn firmante(&mut self) -> Result<ed25519_dalek::SigningKey> {
        let guardada: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT secreta FROM clave_central WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(s) = guardada {
            let s: [u8; 32] = s
                .try_into()
                .map_err(|_| Error::Interno("la clave de la central está dañada".into()))?;
            return Ok(ed25519_dalek::SigningKey::from_bytes(&s));
        }
        use crate::azar::FuenteAzar;
        let k = ed25519_dalek::SigningKey::from_bytes(&crate::azar::AzarDelSistema.semilla()?);
        let ahora = fechas::marca(&*self.clock);
        self.conn.execute(
            "INSERT INTO clave_central (id, secreta, publica, creada_en) VALUES (1, ?1, ?2, ?3)",
            params![
                k.to_bytes().to_vec(),
                hex::encode(k.verifying_key().to_bytes()),
                ahora
            ],
        )?;
        Ok(k)
    }

    fn resumen(&self) -> Result<Vec<ResumenUnidad>> {
        let mut st = self
            .conn
            .prepare("SELECT codigo FROM unidades ORDER BY codigo")?;
        let unidades: Vec<String> = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = vec![];
        for u in unidades {
            let uno =
                |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [&u], |r| r.get(0))?) };
            let mut por_etapa = std::collections::BTreeMap::new();
            let mut st = self.conn.prepare_cached(
                "SELECT etapa, COUNT(*) FROM procesos WHERE unidad = ?1 GROUP BY etapa",
            )?;
            for f in st.query_map([&u], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                let (e, n) = f?;
                por_etapa.insert(e, n);
            }
            let mut montos = std::collections::BTreeMap::new();
            let mut st = self.conn.prepare_cached(
                "SELECT estado, SUM(total) FROM titulos WHERE unidad = ?1 GROUP BY estado",
            )?;
            for f in st.query_map([&u], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                let (e, n) = f?;
                montos.insert(e, crate::dinero::Centavos(n).decimal());
            }
            let aplicados = uno(
                "SELECT COALESCE(MAX(numero), 0) FROM paquetes WHERE unidad = ?1 AND aplicado = 1",
            )?;
            let hay_despues =
                uno("SELECT COUNT(*) FROM paquetes WHERE unidad = ?1 AND aplicado = 0")? > 0;
            out.push(ResumenUnidad {
                provincia: crate::unidad::nombre_provincia(&u[..2])
                    .unwrap_or("")
                    .to_string(),
                titulos: uno("SELECT COUNT(*) FROM titulos WHERE unidad = ?1")?,
                procesos: uno("SELECT COUNT(*) FROM procesos WHERE unidad = ?1")?,
                procesos_por_etapa: por_etapa,
                montos_por_estado: montos,
                ultima_entrega: self.conn.query_row(
                    "SELECT MAX(recibido_en) FROM paquetes WHERE unidad = ?1",
                    [&u],
                    |r| r.get(0),
                )?,
                paquetes: uno("SELECT COUNT(*) FROM paquetes WHERE unidad = ?1")?,
                falta_paquete: hay_despues.then_some(aplicados + 1),
                unidad: u,
            });
        }
        Ok(out)
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
}
