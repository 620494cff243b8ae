//! The expediente: every document that enters a proceso is an *actuación* that takes the next
//! fojas (a 3-page document after foja 12 takes 13–15). Numbers start at 1, have no gaps or
//! repeats, and never change. Nothing is deleted or replaced: a correction is a new actuación
//! that points to the one it corrects.
//!
//! Tamper evidence: each actuación stores the SHA-256 of its document's bytes and a chain hash
//! over the previous actuación's hash, its foja range and its metadata. [`verificar`] recomputes
//! both and reports, by proceso and foja, any byte, foja number or order changed in the file.

use std::collections::HashMap;

use crate::eventos::{self as ev, Evento};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fechas;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

pub const TIPOS: [&str; 9] = [
    "providencia",
    "razon",
    "escrito",
    "oficio",
    "acta",
    "evidencia",
    "orden",
    "titulo",
    "otro",
];

/// How a kind of actuación is named on paper.
pub fn nombre_tipo(tipo: &str) -> &str {
    match tipo {
        "providencia" => "Providencia",
        "razon" => "Razón",
        "escrito" => "Escrito",
        "oficio" => "Oficio",
        "acta" => "Acta",
        "evidencia" => "Evidencia",
        "orden" => "Orden",
        "titulo" => "Título de crédito",
        "otro" => "Otro",
        t => t,
    }
}

pub const HASH_INICIAL: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One line of the índice.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Actuacion {
    pub orden: i64,
    pub desde: i64,
    pub hasta: i64,
    pub fecha: String,
    pub tipo: String,
    pub descripcion: String,
    pub autor: String,
    pub documento: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrige: Option<i64>,
}

/// Counts the pages of a PDF, refusing anything that is not a readable PDF.
pub fn paginas_pdf(bytes: &[u8]) -> Result<u32> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(Error::entrada(
            "el archivo no es un PDF: solo se folian documentos PDF",
        ));
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        Error::entrada(format!(
            "el PDF está dañado o incompleto y no se puede foliar: {e}"
        ))
    })?;
    let n = doc.get_pages().len() as u32;
    if n == 0 {
        return Err(Error::entrada("el PDF no tiene páginas"));
    }
    Ok(n)
}

#[allow(clippy::too_many_arguments)]
fn hash_de(
    anterior: &str,
    proceso: &str,
    orden: i64,
    desde: i64,
    hasta: i64,
    fecha: &str,
    tipo: &str,
    descripcion: &str,
    autor: &str,
    documento: &str,
    corrige: Option<i64>,
) -> String {
    let mut h = Sha256::new();
    for n in [orden, desde, hasta, corrige.unwrap_or(0)] {
        h.update(n.to_be_bytes());
    }
    for parte in [
        anterior,
        proceso,
        fecha,
        tipo,
        descripcion,
        autor,
        documento,
    ] {
        h.update((parte.len() as u64).to_be_bytes());
        h.update(parte.as_bytes());
    }
    hex::encode(h.finalize())
}

/// What a new actuación needs.
#[derive(Debug, Clone)]
pub struct Nueva<'a> {
    pub tipo: &'a str,
    pub descripcion: &'a str,
    pub bytes: &'a [u8],
    /// The actuación's date; today by default.
    pub fecha: Option<NaiveDate>,
    /// The `orden` of the actuación this one corrects or annuls.
    pub corrige: Option<i64>,
}

/// Foliates a PDF into the expediente of proceso `numero`. Returns the new actuación.
pub fn foliar(store: &mut Store, actor: &Actor, numero: &str, n: &Nueva<'_>) -> Result<Actuacion> {
    actor.exigir(Accion::Foliar)?;
    let tipo = crate::texto::clave(n.tipo);
    if !TIPOS.contains(&tipo.as_str()) {
        return Err(Error::entrada(format!(
            "el tipo «{}» no existe; use {}",
            n.tipo,
            TIPOS.join(", ")
        )));
    }
    let paginas = paginas_pdf(n.bytes)?;
    let hoy = fechas::hoy(store.clock());
    let fecha = n.fecha.unwrap_or(hoy);
    if fecha > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro",
            fechas::corta(fecha)
        )));
    }
    let descripcion = n.descripcion.trim();
    let a = store.write(&actor.usuario, |tx| {
        crate::procesos::exigir_a_cargo_de(tx, actor, numero)?;
        foliar_en(
            tx,
            numero,
            &tipo,
            descripcion,
            n.bytes,
            paginas,
            fecha,
            n.corrige,
            false,
        )
    })?;
    log::info!("actuación foliada: fojas {}-{}", a.desde, a.hasta);
    Ok(a)
}

/// The next actuación of proceso `numero`: (orden, first foja). A document that prints its
/// own foja stamps and names its actuación reads them here, inside the transaction that
/// foliates it.
pub(crate) fn siguiente(conn: &rusqlite::Connection, numero: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(a.orden), 0) + 1, COALESCE(MAX(a.hasta), 0) + 1
         FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE p.numero = ?1",
        [numero],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// [`foliar`] inside an open write transaction (`BEGIN IMMEDIATE` serialises writers, so two
/// windows foliating at once still get consecutive fojas). `sellado`: the document already
/// carries its foja stamps (Coactiva generated it).
#[allow(clippy::too_many_arguments)]
pub(crate) fn foliar_en(
    tx: &mut Tx<'_>,
    numero: &str,
    tipo: &str,
    descripcion: &str,
    bytes: &[u8],
    paginas: u32,
    fecha: NaiveDate,
    corrige: Option<i64>,
    sellado: bool,
) -> Result<Actuacion> {
    let id = id_de(tx.conn(), numero)?;
    let (orden, hasta, anterior): (i64, i64, String) = tx
        .conn()
        .prepare_cached("SELECT orden, hasta, hash FROM actuaciones WHERE proceso_id = ?1 ORDER BY orden DESC LIMIT 1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .unwrap_or((0, 0, HASH_INICIAL.to_string()));
    if let Some(c) = corrige {
        if c < 1 || c > orden {
            return Err(Error::entrada(format!(
                "el proceso {numero} no tiene la actuación {c} que se quiere corregir"
            )));
        }
    }
    let sha = hex::encode(Sha256::digest(bytes));
    tx.conn()
        .prepare_cached("INSERT INTO documentos (sha256, paginas, tamano, sellado, bytes) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO NOTHING")?
        .execute(params![sha, paginas, bytes.len() as i64, sellado, bytes])?;
    let a = Actuacion {
        orden: orden + 1,
        desde: hasta + 1,
        hasta: hasta + paginas as i64,
        fecha: fechas::iso(fecha),
        tipo: tipo.to_string(),
        descripcion: if descripcion.is_empty() {
            tipo.to_string()
        } else {
            descripcion.to_string()
        },
        autor: tx.actor().to_string(),
        documento: sha,
        corrige,
    };
    let hash = hash_de(
        &anterior,
        numero,
        a.orden,
        a.desde,
        a.hasta,
        &a.fecha,
        &a.tipo,
        &a.descripcion,
        &a.autor,
        &a.documento,
        a.corrige,
    );
    tx.conn()
        .prepare_cached(
            "INSERT INTO actuaciones (proceso_id, orden, desde, hasta, fecha, tipo, descripcion, autor, documento, corrige, hash_anterior, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![id, a.orden, a.desde, a.hasta, a.fecha, a.tipo, a.descripcion, a.autor, a.documento, a.corrige, anterior, hash])?;
    tx.registrar(
        &format!("{numero}/{}", a.orden),
        &Evento::ActuacionFoliada(ev::ActuacionFoliada {
            proceso: numero.to_string(),
            actuacion: a.clone(),
            hash,
        }),
    )?;
    Ok(a)
}

/// The row id of proceso `numero`, or the Spanish "no existe" error.
pub fn id_de(conn: &rusqlite::Connection, numero: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM procesos WHERE numero = ?1", [numero], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NoEncontrado(format!("no existe el proceso {numero}")))
}

/// The índice of an expediente, in foja order.
pub fn indice(store: &dyn Reader, numero: &str) -> Result<Vec<Actuacion>> {
    let id = id_de(store.conn(), numero)?;
    let mut st = store.conn().prepare_cached(
        "SELECT orden, desde, hasta, fecha, tipo, descripcion, autor, documento, corrige FROM actuaciones WHERE proceso_id = ?1 ORDER BY orden",
    )?;
    let filas = st.query_map([id], |r| {
        Ok(Actuacion {
            orden: r.get(0)?,
            desde: r.get(1)?,
            hasta: r.get(2)?,
            fecha: r.get(3)?,
            tipo: r.get(4)?,
            descripcion: r.get(5)?,
            autor: r.get(6)?,
            documento: r.get(7)?,
            corrige: r.get(8)?,
        })
    })?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

/// The bytes of a foliated document.
pub fn documento(store: &dyn Reader, sha256: &str) -> Result<Vec<u8>> {
    store
        .conn()
        .query_row(
            "SELECT bytes FROM documentos WHERE sha256 = ?1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el documento {sha256}")))
}

/// Something wrong in an expediente, placed by proceso and foja.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hallazgo {
    pub proceso: String,
    pub fojas: String,
    pub mensaje: String,
}

/// Checks every expediente: consecutive order and fojas from 1, each chain hash, and each
/// document's bytes against its SHA-256 (each distinct document hashed once).
pub fn verificar(store: &dyn Reader) -> Result<Vec<Hallazgo>> {
    verificar_de(store.conn(), None)
}

/// [`verificar`] for one proceso's expediente (the Jefe reviewing a request of honorarios).
pub fn verificar_uno(store: &dyn Reader, numero: &str) -> Result<Vec<Hallazgo>> {
    verificar_de(store.conn(), Some(numero))
}

fn verificar_de(conn: &rusqlite::Connection, solo: Option<&str>) -> Result<Vec<Hallazgo>> {
    let mut hallazgos = vec![];
    // Documents first: which stored bytes no longer match their digest.
    let mut dañados: HashMap<String, bool> = HashMap::new();
    let mut por_reponer = std::collections::HashSet::new();
    {
        let mut st = conn.prepare(
            "SELECT sha256, bytes FROM documentos WHERE ?1 IS NULL OR sha256 IN
             (SELECT a.documento FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE p.numero = ?1)",
        )?;
        let mut filas = st.query([solo])?;
        while let Some(r) = filas.next()? {
            let sha: String = r.get(0)?;
            let bytes = r.get_ref(1)?.as_blob().unwrap_or(&[]);
            if bytes == crate::sync::recuperar::POR_REPONER {
                por_reponer.insert(sha.clone());
            }
            dañados.insert(sha.clone(), hex::encode(Sha256::digest(bytes)) != sha);
        }
    }
    let mut st = conn.prepare(
        "SELECT p.numero, a.orden, a.desde, a.hasta, a.fecha, a.tipo, a.descripcion, a.autor, a.documento, a.corrige, a.hash_anterior, a.hash
         FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE ?1 IS NULL OR p.numero = ?1 ORDER BY a.proceso_id, a.orden",
    )?;
    let mut filas = st.query([solo])?;
    let mut actual = String::new();
    let (mut orden_esp, mut foja_esp, mut anterior) = (1i64, 1i64, HASH_INICIAL.to_string());
    while let Some(r) = filas.next()? {
        let numero: String = r.get(0)?;
        if numero != actual {
            actual = numero.clone();
            orden_esp = 1;
            foja_esp = 1;
            anterior = HASH_INICIAL.to_string();
        }
        let (orden, desde, hasta): (i64, i64, i64) = (r.get(1)?, r.get(2)?, r.get(3)?);
        let fojas = if desde == hasta {
            format!("{desde}")
        } else {
            format!("{desde}–{hasta}")
        };
        let mut h = |m: String| {
            hallazgos.push(Hallazgo {
                proceso: numero.clone(),
                fojas: fojas.clone(),
                mensaje: m,
            })
        };
        if orden != orden_esp {
            h(format!(
                "falta la actuación {orden_esp} o se cambió el orden (se encontró la {orden})"
            ));
        }
        if desde != foja_esp {
            h(format!("la numeración salta o se repite: se esperaba la foja {foja_esp} y empieza en {desde}"));
        }
        let (fecha, tipo, descripcion, autor, documento): (String, String, String, String, String) =
            (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
        let corrige: Option<i64> = r.get(9)?;
        let (hash_anterior, hash): (String, String) = (r.get(10)?, r.get(11)?);
        if hash_anterior != anterior {
            h("la cadena está rota: no apunta a la actuación anterior".into());
        }
        let calculado = hash_de(
            &hash_anterior,
            &numero,
            orden,
            desde,
            hasta,
            &fecha,
            &tipo,
            &descripcion,
            &autor,
            &documento,
            corrige,
        );
        if calculado != hash {
            h("sus datos (fojas, fecha, tipo, descripción, autor o documento) fueron alterados: la huella no coincide".into());
        }
        match dañados.get(&documento) {
            Some(true) if por_reponer.contains(&documento) => h(
                "falta el documento: se perdió con el equipo y no estaba en la copia de la que se recuperó la unidad".into(),
            ),
            Some(true) => h(
                "el documento fue alterado: sus bytes no coinciden con su huella SHA-256".into(),
            ),
            None => h("falta el documento de esta actuación".into()),
            Some(false) => {}
        }
        orden_esp = orden + 1;
        foja_esp = hasta + 1;
        anterior = hash;
    }
    drop(filas);
    drop(st);
    verificar_sellos(conn, solo, &mut hallazgos)?;
    Ok(hallazgos)
}

/// A document Coactiva generated with its stamps must print the fojas of the actuación it was
/// made for (the first one that used it; later uses are re-stamped when printed).
fn verificar_sellos(
    conn: &rusqlite::Connection,
    solo: Option<&str>,
    hallazgos: &mut Vec<Hallazgo>,
) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT p.numero, a.desde, a.hasta, d.bytes FROM documentos d
         JOIN actuaciones a ON a.documento = d.sha256
         JOIN procesos p ON p.id = a.proceso_id
         WHERE d.sellado = 1 AND NOT EXISTS (SELECT 1 FROM actuaciones b WHERE b.documento = a.documento
               AND (b.proceso_id < a.proceso_id OR (b.proceso_id = a.proceso_id AND b.orden < a.orden)))
               AND (?1 IS NULL OR p.numero = ?1)",
    )?;
    let mut filas = st.query([solo])?;
    while let Some(r) = filas.next()? {
        let (numero, desde, hasta): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let bytes = r.get_ref(3)?.as_blob().unwrap_or(&[]);
        let Some(impresas) = crate::documentos::expediente_pdf::fojas_impresas(bytes) else {
            continue; // an unreadable document is reported by its hash check
        };
        for (i, f) in impresas.into_iter().enumerate() {
            let esperada = desde + i as i64;
            if let Some(f) = f.filter(|f| *f != esperada) {
                hallazgos.push(Hallazgo {
                    proceso: numero.clone(),
                    fojas: if desde == hasta { format!("{desde}") } else { format!("{desde}–{hasta}") },
                    mensaje: format!("la página {} del documento lleva impresa la foja {f}, pero en el expediente es la foja {esperada}", i + 1),
                });
            }
        }
    }
    Ok(())
}
