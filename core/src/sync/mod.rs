//! Sync to the central office: an offline-first outbox.
//!
//! **Unit side.** Every change already lands in the change log (`cambios`) in the same
//! transaction as the change: a gapless, hash-chained sequence per unit. Syncing cuts the part
//! not yet bundled into **bundles** (`paquetes`): a contiguous range of changes plus a manifest
//! (unit, bundle number, first and last sequence, count, SHA-256 of the payload, the previous
//! bundle's hash, schema version, time), signed with the unit's Ed25519 key made at `init`.
//! A bundle is cut once and never edited; its payload is re-read from the append-only log, so
//! re-sending it gives the same bytes. It is a plain JSON file a person can read.
//!
//! **Transports.** A folder (network share or USB stick): bundles are copied there, and the
//! centre leaves a receipt (`acuses/`) when it ingests them. HTTP: the bundle is POSTed and the
//! centre answers with its receipt. Only a receipt marks a bundle delivered (`entregas`); a
//! transfer cut halfway is simply sent again, and the centre ingests a bundle once however
//! often it arrives.
//!
//! **Central side** (`central.rs`): checks the unit is registered and the signature, the payload
//! hash and the chain of bundles, stores the bundle, and applies bundles in order; a missing one
//! is reported as a gap until it arrives. Storage sits behind the `AlmacenCentral` trait.

pub mod central;
pub mod recuperar;
pub mod sobre;

use std::path::Path;

use ed25519_dalek::{Signer, SigningKey};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cambios::{self, Cambio};
use crate::store::{Reader, Store, Tx, VERSION_ESQUEMA};
use crate::{unidad, Error, Result};

/// Bundle format identifier. Version 2 carries each change's payload byte for byte, so the
/// centre can recompute every change's chain hash.
pub const FORMATO: &str = "coactiva-paquete-2";
/// Receipt format identifier.
pub const FORMATO_ACUSE: &str = "coactiva-acuse-1";
/// Changes per bundle at most.
pub const MAXIMO_POR_PAQUETE: i64 = 20_000;

/// What the signature covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifiesto {
    pub formato: String,
    pub unidad: String,
    pub numero: i64,
    pub desde: i64,
    pub hasta: i64,
    pub cantidad: i64,
    /// SHA-256 (hex) of the payload: each change as one JSON line.
    pub sha256: String,
    /// Hash of the previous bundle's manifest (zeros for the first).
    pub anterior: String,
    pub esquema: i64,
    pub creado: String,
    /// The unit's Ed25519 public key (hex).
    pub clave_publica: String,
}

impl Manifiesto {
    pub fn texto(&self) -> String {
        serde_json::to_string(self).expect("manifiesto serializable")
    }

    /// The bundle's identity: SHA-256 of the manifest's JSON.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.texto().as_bytes()))
    }
}

/// A bundle as it travels.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Paquete {
    pub manifiesto: Manifiesto,
    /// Ed25519 signature (hex) over the manifest's JSON.
    pub firma: String,
    pub cambios: Vec<Cambio>,
}

impl Paquete {
    pub fn nombre_archivo(&self) -> String {
        format!(
            "coactiva-{}-{:06}{}",
            self.manifiesto.unidad,
            self.manifiesto.numero,
            sobre::EXTENSION
        )
    }

    /// The plain name an earlier version wrote this bundle under.
    pub fn nombre_antiguo(&self) -> String {
        format!(
            "coactiva-{}-{:06}{}",
            self.manifiesto.unidad,
            self.manifiesto.numero,
            sobre::EXTENSION_ANTIGUA
        )
    }

    pub fn bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("paquete serializable")
    }
}

/// What the centre's receipt for one bundle says. The centre signs it with its own key, so a
/// unit's chain, once acknowledged, is anchored outside the unit's file: someone who rewrites
/// the log and recomputes every hash still disagrees with the receipts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContenidoAcuse {
    pub formato: String,
    pub unidad: String,
    pub paquete: i64,
    /// The bundle's manifest hash.
    pub hash: String,
    pub desde: i64,
    pub hasta: i64,
    /// The chain hash of change `hasta`, as the centre recomputed it.
    pub cadena: String,
    /// When the centre received it (its clock).
    pub recibido: String,
    /// The centre's Ed25519 public key (hex).
    pub clave_central: String,
}

/// A signed receipt, as it travels (a file in `acuses/`, or the HTTP answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acuse {
    #[serde(flatten)]
    pub contenido: ContenidoAcuse,
    /// Ed25519 signature (hex) over the JSON of `contenido`.
    pub firma: String,
}

impl Acuse {
    pub fn texto(&self) -> String {
        serde_json::to_string(self).expect("acuse serializable")
    }

    pub fn leer(texto: &str) -> std::result::Result<Acuse, String> {
        serde_json::from_str(texto.trim())
            .map_err(|_| "el acuse no es legible (vacío, dañado o de otro programa)".to_string())
    }

    /// Checks the centre's signature with the key the unit registered (`clave_central`).
    pub fn firma_valida(&self, clave_central: &str) -> std::result::Result<(), String> {
        use ed25519_dalek::{Signature, Verifier, VerifyingKey};
        let clave = clave_verificacion(clave_central)
            .ok_or("la clave de la central registrada en la unidad no es válida")?;
        if self.contenido.clave_central != clave_central.trim() {
            return Err("el acuse no lo firmó la central registrada en esta unidad".into());
        }
        let firma: [u8; 64] = hex::decode(&self.firma)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("la firma del acuse está dañada")?;
        let texto = serde_json::to_string(&self.contenido).expect("acuse serializable");
        VerifyingKey::from_bytes(&clave)
            .map_err(|_| "la clave de la central no es válida".to_string())?
            .verify(texto.as_bytes(), &Signature::from_bytes(&firma))
            .map_err(|_| {
                "la firma del acuse no corresponde (acuse alterado o de otra central)".to_string()
            })
    }

    /// A receipt that counts for bundle `p`: signed by the registered centre, for this unit,
    /// this bundle, and the chain head the unit itself holds.
    pub fn valido_para(&self, clave_central: &str, p: &Paquete) -> std::result::Result<(), String> {
        self.firma_valida(clave_central)?;
        let c = &self.contenido;
        let cadena = p.cambios.last().map(|c| c.hash.as_str()).unwrap_or("");
        if c.formato != FORMATO_ACUSE
            || c.unidad != p.manifiesto.unidad
            || c.paquete != p.manifiesto.numero
            || c.hash != p.manifiesto.hash()
            || c.hasta != p.manifiesto.hasta
            || c.cadena != cadena
        {
            return Err(format!(
                "el acuse no corresponde al paquete {}",
                p.manifiesto.numero
            ));
        }
        Ok(())
    }
}

/// An Ed25519 public key in hex, checked.
pub fn clave_verificacion(hex_: &str) -> Option<[u8; 32]> {
    let b: [u8; 32] = hex::decode(hex_.trim()).ok()?.try_into().ok()?;
    ed25519_dalek::VerifyingKey::from_bytes(&b).ok()?;
    Some(b)
}

/// SHA-256 of a payload: each change serialised on its own line.
pub fn hash_carga(cambios: &[Cambio]) -> String {
    let mut h = Sha256::new();
    for c in cambios {
        h.update(
            serde_json::to_string(c)
                .expect("cambio serializable")
                .as_bytes(),
        );
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

pub const HASH_INICIAL: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who the bundle bookkeeping (cutting, receipts) is written as.
const ACTOR_SYNC: &str = "sincronizacion";

/// The unit's signing key, made on first use and kept in the database.
fn clave(store: &mut Store) -> Result<SigningKey> {
    let derivada = store.clave_datos().map(|k| k.semilla_firma());
    store.write(ACTOR_SYNC, |tx| clave_en(tx, derivada))
}

/// [`clave`] inside a write transaction: read it, or make and keep it. An encrypted unit's key
/// is drawn from its data key (`derivada`), so its recovery code gives it back.
fn clave_en(tx: &mut Tx<'_>, derivada: Option<[u8; 32]>) -> Result<SigningKey> {
    let guardada: Option<Vec<u8>> = tx
        .conn()
        .query_row("SELECT secreta FROM clave_unidad WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(s) = guardada {
        let s: [u8; 32] = s
            .try_into()
            .map_err(|_| Error::Interno("la clave de la unidad está dañada".into()))?;
        return Ok(SigningKey::from_bytes(&s));
    }
    let k = SigningKey::from_bytes(&match derivada {
        Some(s) => s,
        None => tx.semilla()?,
    });
    let publica = hex::encode(k.verifying_key().to_bytes());
    let ahora = tx.ahora();
    tx.conn().execute(
        "INSERT INTO clave_unidad (id, secreta, publica, creada_en) VALUES (1, ?1, ?2, ?3)",
        params![k.to_bytes().to_vec(), publica, ahora],
    )?;
    log::info!("clave de firma de la unidad creada");
    Ok(k)
}

/// The public half of the unit's key, in hex (`coactiva clave-publica`).
pub fn clave_publica(store: &mut Store) -> Result<String> {
    unidad::exigir(store)?;
    Ok(hex::encode(clave(store)?.verifying_key().to_bytes()))
}

/// Cuts the changes not yet bundled into new bundles, in one write transaction (two cuts at
/// once — the window's background sync and the command — take turns: the second finds the
/// first's bundles and cuts only what is left). Returns how many were cut.
pub fn cortar(store: &mut Store) -> Result<usize> {
    let derivada = store.clave_datos().map(|k| k.semilla_firma());
    store.write(ACTOR_SYNC, |tx| {
        let u = unidad::exigir(tx)?;
        let k = clave_en(tx, derivada)?;
        let mut cortados = 0;
        loop {
            let (numero, hasta, anterior): (i64, i64, String) = tx
                .conn()
                .query_row(
                    "SELECT numero, hasta, hash FROM paquetes ORDER BY numero DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .unwrap_or((0, 0, HASH_INICIAL.to_string()));
            let ultimo = cambios::ultimo_seq(tx.conn())?;
            if ultimo <= hasta {
                return Ok(cortados);
            }
            let lote = cambios::leer(tx.conn(), hasta, MAXIMO_POR_PAQUETE)?;
            let m = Manifiesto {
                formato: FORMATO.into(),
                unidad: u.codigo.clone(),
                numero: numero + 1,
                desde: hasta + 1,
                hasta: lote.last().map(|c| c.seq).unwrap_or(hasta),
                cantidad: lote.len() as i64,
                sha256: hash_carga(&lote),
                anterior,
                esquema: VERSION_ESQUEMA,
                creado: tx.ahora(),
                clave_publica: hex::encode(k.verifying_key().to_bytes()),
            };
            let firma = hex::encode(k.sign(m.texto().as_bytes()).to_bytes());
            tx.conn().execute(
                "INSERT INTO paquetes (numero, desde, hasta, manifiesto, firma, hash, creado_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![m.numero, m.desde, m.hasta, m.texto(), firma, m.hash(), m.creado],
            )?;
            cortados += 1;
        }
    })
}

/// A stored bundle with its payload re-read from the change log.
pub fn paquete(store: &dyn Reader, numero: i64) -> Result<Paquete> {
    let (manifiesto, firma): (String, String) = store
        .conn()
        .query_row(
            "SELECT manifiesto, firma FROM paquetes WHERE numero = ?1",
            [numero],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el paquete {numero}")))?;
    let manifiesto: Manifiesto = serde_json::from_str(&manifiesto)?;
    let cambios = cambios::leer(store.conn(), manifiesto.desde - 1, manifiesto.cantidad)?;
    Ok(Paquete {
        manifiesto,
        firma,
        cambios,
    })
}

/// Where bundles go: a folder or the central server's URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destino {
    Carpeta(std::path::PathBuf),
    Url(String),
}

impl Destino {
    pub fn parse(s: &str) -> Destino {
        if s.starts_with("http://") || s.starts_with("https://") {
            Destino::Url(s.trim_end_matches('/').to_string())
        } else {
            Destino::Carpeta(s.into())
        }
    }

    pub fn texto(&self) -> String {
        match self {
            Destino::Carpeta(p) => p.display().to_string(),
            Destino::Url(u) => u.clone(),
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Informe {
    pub destino: String,
    pub paquetes_nuevos: usize,
    pub enviados: usize,
    pub confirmados: usize,
    /// Bundles cut but not yet acknowledged by this destination.
    pub pendientes: usize,
    /// Changes not yet acknowledged.
    pub cambios_pendientes: i64,
}

fn no_entregados(store: &dyn Reader, destino: &str) -> Result<Vec<i64>> {
    let mut st = store.conn().prepare(
        "SELECT numero FROM paquetes p WHERE NOT EXISTS (SELECT 1 FROM entregas e WHERE e.paquete = p.numero AND e.destino = ?1) ORDER BY numero",
    )?;
    let v = st.query_map([destino], |r| r.get(0))?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

fn marcar(store: &mut Store, numero: i64, destino: &str, acuse: &str) -> Result<()> {
    store.write(ACTOR_SYNC, |tx| {
        let fecha = tx.ahora();
        tx.conn().execute(
            "INSERT OR IGNORE INTO entregas (paquete, destino, acuse, fecha) VALUES (?1, ?2, ?3, ?4)",
            params![numero, destino, acuse, fecha],
        )?;
        Ok(())
    })
}

/// How a bundle crosses the network to the centre. The core holds the protocol (bundles,
/// signatures, receipts); the `coactiva-red` crate implements this over HTTP, so the core links
/// no HTTP crate.
pub trait Transporte {
    /// Sends bundle `numero`, sealed for the centre (`cuerpo`, see [`sobre`]), to the centre at
    /// `url`; returns the centre's signed receipt (its JSON).
    fn enviar(&self, url: &str, numero: i64, cuerpo: &[u8]) -> Result<String>;
    /// Bundle `numero` of `unidad` as the centre at `url` holds it, sealed to the unit's key;
    /// `None` when the centre has no such bundle (past its last one).
    fn traer(&self, url: &str, unidad: &str, numero: i64) -> Result<Option<Vec<u8>>>;
}

/// Cuts new bundles and delivers every bundle the destination has not acknowledged, on
/// behalf of `actor`: sending the unit's data out needs the right to; sending it anywhere but
/// the configured destination (`destino_sync`) is the Jefe's decision.
/// Unreachable destination: `Error::Conexion`-like failure, nothing marked, nothing lost.
pub fn sincronizar(
    store: &mut Store,
    actor: &crate::Actor,
    destino: &Destino,
    red: &dyn Transporte,
) -> Result<Informe> {
    actor.exigir(crate::usuarios::Accion::Sincronizar)?;
    let configurado = crate::configuracion::leer(store, "destino_sync")?;
    if Destino::parse(configurado.trim()) != *destino {
        actor.exigir(crate::usuarios::Accion::Configurar).map_err(|_| {
            Error::NoAutorizado(format!(
                "los datos de la unidad solo se envían al destino configurado ({}); enviarlos a otro lugar lo decide el Jefe",
                if configurado.trim().is_empty() { "ninguno todavía" } else { configurado.trim() }
            ))
        })?;
    }
    entregar(store, destino, red)
}

/// The window's background delivery: only to the destination the Jefe configured.
pub fn sincronizar_automatico(store: &mut Store, red: &dyn Transporte) -> Result<Informe> {
    let configurado = crate::configuracion::leer(store, "destino_sync")?;
    if configurado.trim().is_empty() {
        return Err(Error::entrada(
            "no hay un destino de sincronización configurado",
        ));
    }
    entregar(store, &Destino::parse(configurado.trim()), red)
}

fn entregar(store: &mut Store, destino: &Destino, red: &dyn Transporte) -> Result<Informe> {
    let clave_central = crate::configuracion::leer(store, "clave_central")?;
    if clave_verificacion(&clave_central).is_none() {
        return Err(Error::entrada(
            "antes de sincronizar registre la clave pública de la central (ajuste clave_central): pídala a la Dirección Nacional; sin ella los acuses de la central no se pueden comprobar",
        ));
    }
    let nuevos = cortar(store)?;
    let d = destino.texto();
    let mut inf = Informe {
        destino: d.clone(),
        paquetes_nuevos: nuevos,
        ..Default::default()
    };
    match destino {
        Destino::Carpeta(dir) => {
            if !dir.is_dir() {
                return Err(Error::Conexion(format!("no se encuentra la carpeta {} (¿está conectada la memoria o la unidad de red?)", dir.display())));
            }
            // Receipts left by the centre first.
            for n in no_entregados(store, &d)? {
                let p = paquete(store, n)?;
                let acuse = dir
                    .join("acuses")
                    .join(format!("{}.acuse", p.manifiesto.hash()));
                // A receipt counts only if the registered centre signed it for this very bundle
                // and chain head: an empty, foreign or forged file does not mark it delivered.
                if let Ok(texto) = std::fs::read_to_string(&acuse) {
                    match Acuse::leer(&texto)
                        .and_then(|a| a.valido_para(&clave_central, &p).map(|_| a))
                    {
                        Ok(a) => {
                            marcar(store, n, &d, &a.texto())?;
                            inf.confirmados += 1;
                            // Delivered: the stick need not carry it any longer.
                            let _ = std::fs::remove_file(dir.join(p.nombre_archivo()));
                            let _ = std::fs::remove_file(dir.join(p.nombre_antiguo()));
                            continue;
                        }
                        Err(e) => log::warn!("acuse del paquete {n} no válido: {e}"),
                    }
                }
                // The centre refused it: a restored unit re-cut a bundle it had sent.
                let rechazo = dir
                    .join("acuses")
                    .join(format!("{}.rechazo", p.manifiesto.hash()));
                if let Ok(motivo) = std::fs::read_to_string(&rechazo) {
                    if let Some(resto) = motivo.trim().strip_prefix(central::PREFIJO_DIVERGENCIA) {
                        return Err(divergencia(store, resto.trim()));
                    }
                }
                // Sealed for the centre afresh each time until it is acknowledged: a copy the
                // stick damaged or someone altered is replaced (the unit cannot read back what
                // it sealed, so it does not compare).
                escribir_atomico(
                    &dir.join(p.nombre_archivo()),
                    &sobre::cerrar(&p, &clave_central)?,
                )?;
                let _ = std::fs::remove_file(dir.join(p.nombre_antiguo()));
                inf.enviados += 1;
            }
        }
        Destino::Url(url) => {
            for n in no_entregados(store, &d)? {
                let p = paquete(store, n)?;
                let cuerpo = sobre::cerrar(&p, &clave_central)?;
                let texto = red.enviar(url, n, &cuerpo).map_err(|e| match &e {
                    Error::Conexion(m) => match m.split_once(central::PREFIJO_DIVERGENCIA) {
                        Some((_, resto)) => divergencia(store, resto.trim()),
                        None => e,
                    },
                    _ => e,
                })?;
                let acuse = Acuse::leer(&texto)
                    .and_then(|a| a.valido_para(&clave_central, &p).map(|_| a))
                    .map_err(|e| Error::Conexion(format!(
                        "la central respondió un acuse que no vale para el paquete {n} ({e}); no se marca como entregado"
                    )))?;
                marcar(store, n, &d, &acuse.texto())?;
                inf.enviados += 1;
                inf.confirmados += 1;
            }
        }
    }
    let pendientes = no_entregados(store, &d)?;
    inf.pendientes = pendientes.len();
    inf.cambios_pendientes = pendientes_de(store, &d)?;
    log::info!(
        "sincronización: {} enviados, {} confirmados, {} pendientes",
        inf.enviados,
        inf.confirmados,
        inf.pendientes
    );
    Ok(inf)
}

/// The unit's own account of a divergence the centre reported: sync cannot go on by itself.
fn divergencia(store: &Store, de_la_central: &str) -> Error {
    let propio = cambios::ultimo_seq(store.conn()).unwrap_or(0);
    Error::Conflicto(format!(
        "la sincronización está detenida: {de_la_central}. Esta base tiene {propio} cambios. Nada se perdió en la central; no siga trabajando en esta base y pida a la Dirección Nacional la copia de los cambios de la unidad que conserva la central, para recuperarlos antes de volver a sincronizar"
    ))
}

/// Changes not yet acknowledged by `destino`.
pub fn pendientes_de(store: &dyn Reader, destino: &str) -> Result<i64> {
    let confirmado: i64 = store.conn().query_row(
        "SELECT COALESCE(MAX(p.hasta), 0) FROM paquetes p WHERE NOT EXISTS (
             SELECT 1 FROM paquetes q WHERE q.numero <= p.numero
             AND NOT EXISTS (SELECT 1 FROM entregas e WHERE e.paquete = q.numero AND e.destino = ?1))",
        [destino],
        |r| r.get(0),
    )?;
    Ok(cambios::ultimo_seq(store.conn())? - confirmado)
}

/// The last acknowledged delivery to any destination (for Inicio).
pub fn ultima_entrega(store: &dyn Reader) -> Result<Option<String>> {
    Ok(store
        .conn()
        .query_row("SELECT MAX(fecha) FROM entregas", [], |r| r.get(0))?)
}

/// Writes a file so that a reader never sees half of it (temporary name, then rename).
/// Created readable by its owner only: a bundle, even sealed, is the unit's.
pub fn escribir_atomico(ruta: &Path, bytes: &[u8]) -> Result<()> {
    crate::cifrado::escribir_privado(ruta, bytes)
}
