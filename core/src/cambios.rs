//! The change log (`cambios`): one append-only, gapless, hash-chained sequence of every change,
//! written in the same transaction as the change. It is the audit trail the Jefe reads and the
//! outbox the sync module cuts into bundles, in `seq` order.
//!
//! Each row's hash is SHA-256 over the previous row's hash and this row's fields, so an edit,
//! a deletion or a re-ordering made directly in the file is found by [`verificar`].

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Result;

/// Hash of the (empty) log before its first entry.
pub const GENESIS: [u8; 32] = [0; 32];

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Cambio {
    pub seq: i64,
    pub fecha: String,
    pub usuario: String,
    pub entidad: String,
    pub clave: String,
    pub accion: String,
    /// The payload exactly as the log holds it (the bytes the hash covers), inline JSON.
    pub datos: Box<serde_json::value::RawValue>,
    /// SHA-256 of this entry chained to the previous one, in hex.
    pub hash: String,
}

impl Cambio {
    /// This entry's chain hash given the previous entry's: what `hash` must be.
    pub fn hash_calculado(&self, anterior: &[u8; 32]) -> [u8; 32] {
        hash_de(
            anterior,
            self.seq,
            &self.fecha,
            &self.usuario,
            &self.entidad,
            &self.clave,
            &self.accion,
            self.datos.get(),
        )
    }
}

/// Checks that `cambios` are consecutive and each one's hash chains from the one before,
/// starting from `anterior` (the hash of the entry before the first). Returns the last hash.
pub fn verificar_tramo(
    anterior: [u8; 32],
    cambios: &[Cambio],
) -> std::result::Result<[u8; 32], String> {
    let mut previo = anterior;
    for (i, c) in cambios.iter().enumerate() {
        if i > 0 && c.seq != cambios[i - 1].seq + 1 {
            return Err(format!(
                "después del cambio {} viene el {}",
                cambios[i - 1].seq,
                c.seq
            ));
        }
        let h = c.hash_calculado(&previo);
        if hex::encode(h) != c.hash {
            return Err(format!(
                "la huella del cambio {} no corresponde a su contenido y al cambio anterior",
                c.seq
            ));
        }
        previo = h;
    }
    Ok(previo)
}

/// A hash in hex as 32 bytes.
pub fn bytes_de_hash(hex_: &str) -> Option<[u8; 32]> {
    hex::decode(hex_).ok().and_then(|b| b.try_into().ok())
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn hash_de(
    prev: &[u8; 32],
    seq: i64,
    fecha: &str,
    usuario: &str,
    entidad: &str,
    clave: &str,
    accion: &str,
    datos: &str,
) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(seq.to_be_bytes());
    for parte in [fecha, usuario, entidad, clave, accion, datos] {
        h.update((parte.len() as u64).to_be_bytes());
        h.update(parte.as_bytes());
    }
    h.finalize().into()
}

/// The tail of the chain, kept for the length of one write transaction.
#[derive(Clone)]
pub(crate) struct Cadena {
    seq: i64,
    hash: [u8; 32],
    insert_sql: &'static str,
}

impl Cadena {
    pub(crate) fn ultima(conn: &Connection) -> Result<Cadena> {
        let ultimo = conn
            .query_row(
                "SELECT seq, hash FROM cambios ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, [u8; 32]>(1)?)),
            )
            .optional()?;
        let (seq, hash) = ultimo.unwrap_or((0, GENESIS));
        Ok(Cadena {
            seq,
            hash,
            insert_sql:
                "INSERT INTO cambios (seq, fecha, usuario, entidad, clave, accion, datos, hash)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn agregar(
        &mut self,
        conn: &Connection,
        fecha: &str,
        usuario: &str,
        entidad: &str,
        clave: &str,
        accion: &str,
        datos: &str,
    ) -> Result<i64> {
        let seq = self.seq + 1;
        let hash = hash_de(
            &self.hash, seq, fecha, usuario, entidad, clave, accion, datos,
        );
        conn.prepare_cached(self.insert_sql)?.execute(params![
            seq, fecha, usuario, entidad, clave, accion, datos, hash
        ])?;
        self.seq = seq;
        self.hash = hash;
        Ok(seq)
    }
}

/// Entries after `desde` (exclusive), at most `limite`, in order.
pub fn leer(conn: &Connection, desde: i64, limite: i64) -> Result<Vec<Cambio>> {
    let mut st = conn.prepare_cached(
        "SELECT seq, fecha, usuario, entidad, clave, accion, datos, hash FROM cambios
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let filas = st.query_map(params![desde, limite], |r| {
        let datos: String = r.get(6)?;
        let datos = serde_json::value::RawValue::from_string(datos.clone()).unwrap_or_else(|_| {
            // Not JSON (altered by hand): carried as a JSON string, so the hash will not match.
            serde_json::value::to_raw_value(&datos).expect("una cadena es JSON")
        });
        Ok(Cambio {
            seq: r.get(0)?,
            fecha: r.get(1)?,
            usuario: r.get(2)?,
            entidad: r.get(3)?,
            clave: r.get(4)?,
            accion: r.get(5)?,
            datos,
            hash: hex::encode(r.get::<_, Vec<u8>>(7)?),
        })
    })?;
    Ok(filas.collect::<std::result::Result<_, _>>()?)
}

/// A problem found in the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hallazgo {
    pub seq: i64,
    pub mensaje: String,
}

/// Re-computes the whole chain. An empty list means the log is intact.
pub fn verificar(conn: &Connection) -> Result<Vec<Hallazgo>> {
    let mut st = conn.prepare(
        "SELECT seq, fecha, usuario, entidad, clave, accion, datos, hash FROM cambios ORDER BY seq",
    )?;
    let mut filas = st.query([])?;
    let mut previo = GENESIS;
    let mut esperado = 1;
    let mut hallazgos = vec![];
    while let Some(r) = filas.next()? {
        let seq: i64 = r.get(0)?;
        if seq != esperado {
            hallazgos.push(Hallazgo {
                seq,
                mensaje: format!(
                    "faltan los cambios {esperado} a {} (borrados directamente en la base)",
                    seq - 1
                ),
            });
        }
        let g = |i| r.get::<_, String>(i);
        let calculado = hash_de(&previo, seq, &g(1)?, &g(2)?, &g(3)?, &g(4)?, &g(5)?, &g(6)?);
        let guardado: [u8; 32] = r.get::<_, Vec<u8>>(7)?.try_into().unwrap_or([0xff; 32]);
        if calculado != guardado {
            hallazgos.push(Hallazgo {
                seq,
                mensaje: format!(
                    "el cambio {seq} fue alterado directamente en la base (su huella no coincide)"
                ),
            });
        }
        previo = guardado;
        esperado = seq + 1;
    }
    Ok(hallazgos)
}

/// The last sequence number written (0 when empty).
pub fn ultimo_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM cambios", [], |r| {
            r.get(0)
        })?,
    )
}

/// The chain hash at `seq` recomputed from the first entry (not trusting any stored hash);
/// `None` when the log has no such entry.
pub fn cadena_recalculada(conn: &Connection, seq: i64) -> Result<Option<[u8; 32]>> {
    let mut st = conn.prepare(
        "SELECT seq, fecha, usuario, entidad, clave, accion, datos FROM cambios WHERE seq <= ?1 ORDER BY seq",
    )?;
    let mut filas = st.query([seq])?;
    let mut previo = GENESIS;
    let mut ultimo = 0;
    while let Some(r) = filas.next()? {
        let g = |i| r.get::<_, String>(i);
        ultimo = r.get(0)?;
        previo = hash_de(
            &previo,
            ultimo,
            &g(1)?,
            &g(2)?,
            &g(3)?,
            &g(4)?,
            &g(5)?,
            &g(6)?,
        );
    }
    Ok((ultimo == seq).then_some(previo))
}
