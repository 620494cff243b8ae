//! The integrity code printed on actas, índices and expedientes: the unit, a change-log
//! sequence number and the first 80 bits of the chain hash at that entry, in Crockford base32
//! (`17001-1067169-7KQ2-M9XD-4HT8-ABCD`). `coactiva verificar --sello CODIGO` recomputes the
//! chain from the first entry and says whether the database still agrees with the paper.

use serde::Serialize;

use crate::store::Reader;

/// The sentence printed at the foot of a document.
pub fn leyenda(codigo: &str) -> String {
    format!("Código de integridad al imprimir: {codigo}. Quien tenga este papel puede comprobar que la base de la unidad no se alteró después con «coactiva verificar --sello {codigo}».")
}
use crate::{cambios, Error, Result};

const ALFABETO: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn base32(bytes: &[u8; 10]) -> String {
    let mut n = u128::from_be_bytes({
        let mut b = [0u8; 16];
        b[6..].copy_from_slice(bytes);
        b
    });
    let mut out = vec![0u8; 16];
    for c in out.iter_mut().rev() {
        *c = ALFABETO[(n & 31) as usize];
        n >>= 5;
    }
    let s = String::from_utf8(out).expect("ascii");
    format!("{}-{}-{}-{}", &s[..4], &s[4..8], &s[8..12], &s[12..])
}

/// The code for the entry `seq` whose chain hash is `hash`.
pub fn codigo(unidad: &str, seq: i64, hash: &[u8; 32]) -> String {
    let mut diez = [0u8; 10];
    diez.copy_from_slice(&hash[..10]);
    format!("{unidad}-{seq}-{}", base32(&diez))
}

/// The code of the log's head now (what a document printed now carries).
pub fn actual(db: &dyn Reader) -> Result<String> {
    actual_en(db.conn())
}

/// [`actual`] on a bare connection (the document renderer's).
pub fn actual_en(conn: &rusqlite::Connection) -> Result<String> {
    let unidad: String = conn
        .query_row("SELECT codigo FROM unidad WHERE id = 1", [], |r| r.get(0))
        .map_err(|_| Error::NoInicializada)?;
    let (seq, hash) = conn
        .query_row(
            "SELECT seq, hash FROM cambios ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
        )
        .map_err(|_| Error::entrada("la base aún no tiene cambios"))?;
    let hash: [u8; 32] = hash.try_into().unwrap_or([0; 32]);
    Ok(codigo(&unidad, seq, &hash))
}

/// What the database says about a printed code.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Comprobacion {
    pub coincide: bool,
    pub cambio: i64,
    pub mensaje: String,
}

/// Reads a code as a person might type it (spaces, lower case, O for 0, I or L for 1).
fn leer(texto: &str) -> Option<(String, i64, String)> {
    let limpio: String = texto
        .trim()
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let partes: Vec<&str> = limpio.split('-').collect();
    if partes.len() != 6 || partes[0].len() != 5 || !partes[0].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seq: i64 = partes[1].parse().ok().filter(|s| *s > 0)?;
    let grupos: String = partes[2..]
        .iter()
        .flat_map(|g| g.chars())
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if grupos.len() != 16 || !grupos.bytes().all(|b| ALFABETO.contains(&b)) {
        return None;
    }
    Some((partes[0].to_string(), seq, grupos))
}

/// Checks a printed code against the chain recomputed from the first entry.
pub fn comprobar(db: &dyn Reader, texto: &str) -> Result<Comprobacion> {
    let (unidad, seq, grupos) = leer(texto).ok_or_else(|| {
        Error::entrada(format!(
            "«{}» no es un código de integridad: tiene la forma 17001-1234-XXXX-XXXX-XXXX-XXXX",
            texto.trim()
        ))
    })?;
    let propia = crate::unidad::exigir(db)?.codigo;
    if unidad != propia {
        return Ok(Comprobacion {
            coincide: false,
            cambio: seq,
            mensaje: format!(
                "el código es de la unidad {unidad} y esta base es de la unidad {propia}"
            ),
        });
    }
    let Some(hash) = cambios::cadena_recalculada(db.conn(), seq)? else {
        return Ok(Comprobacion {
            coincide: false,
            cambio: seq,
            mensaje: format!(
                "la base no tiene el cambio {seq} que el papel certifica: el registro de cambios fue recortado o la base es una copia anterior"
            ),
        });
    };
    let esperado = codigo(&unidad, seq, &hash);
    let dado = format!(
        "{unidad}-{seq}-{}-{}-{}-{}",
        &grupos[..4],
        &grupos[4..8],
        &grupos[8..12],
        &grupos[12..]
    );
    Ok(if esperado == dado {
        Comprobacion {
            coincide: true,
            cambio: seq,
            mensaje: format!(
                "la base coincide con el documento: el registro de cambios hasta el cambio {seq} es el mismo que cuando se imprimió"
            ),
        }
    } else {
        Comprobacion {
            coincide: false,
            cambio: seq,
            mensaje: format!(
                "la base NO coincide con el documento: el registro de cambios hasta el cambio {seq} fue alterado después de imprimirlo (o el código se copió mal)"
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_people_type_it() {
        let h = [0xA5u8; 32];
        let c = codigo("17001", 42, &h);
        assert!(c.starts_with("17001-42-"), "{c}");
        let (cabeza, grupos) = c.split_at(9);
        let tecleado = format!(" {cabeza}{} ", grupos.to_lowercase().replace('0', "o"));
        let (u, s, g) = leer(&tecleado).unwrap();
        assert_eq!((u.as_str(), s), ("17001", 42));
        assert_eq!(
            format!(
                "17001-42-{}-{}-{}-{}",
                &g[..4],
                &g[4..8],
                &g[8..12],
                &g[12..]
            ),
            c
        );
        assert!(leer("17001-42-XXXX").is_none());
        assert!(leer("hola").is_none());
    }

    #[test]
    fn different_hashes_give_different_codes() {
        let mut h = [0u8; 32];
        let a = codigo("17001", 1, &h);
        h[9] = 1;
        assert_ne!(a, codigo("17001", 1, &h));
    }
}
