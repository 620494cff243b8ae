//! The envelope a bundle travels in (#19): the signed bundle's JSON encrypted with **age**
//! (X25519, the `age-encryption.org/v1` format) to whoever is to read it — the centre for what
//! a unit sends, the unit for what the centre gives back. A USB stick found on a bus, a shared
//! folder or a proxy sees only ciphertext; the signature inside still proves who wrote it.
//!
//! No new key to hand around: the X25519 key of each side is its Ed25519 signing key in
//! Montgomery form (the same conversion age's own `ssh-ed25519` recipients use), so the
//! `clave_central` a unit already registers is also where its bundles are sealed to, and the
//! key the centre registers for a unit is where bundles given back are sealed to. An auditor
//! with the centre's secret opens an envelope with the standard `age -d` tool.

use std::io::{Read, Write};
use std::str::FromStr;

use bech32::ToBase32;
use ed25519_dalek::{SigningKey, VerifyingKey};

use super::Paquete;
use crate::{Error, Result};

/// How a bundle file is named once sealed.
pub const EXTENSION: &str = ".paquete.age";
/// How a plain bundle of an earlier version was named (still read, never written).
pub const EXTENSION_ANTIGUA: &str = ".paquete.json";
/// What every age file starts with.
const CABECERA: &[u8] = b"age-encryption.org/v1\n";
/// A sealed bundle is never larger than this once opened (a bundle of 20 000 changes is a few
/// MB): a hostile envelope cannot make the reader allocate without bound.
const MAXIMO_ABIERTO: u64 = 512 * 1024 * 1024;

/// The age recipient (`age1…`) for the holder of the Ed25519 public key `clave_hex`.
pub fn destinatario(clave_hex: &str) -> Result<age::x25519::Recipient> {
    let b = super::clave_verificacion(clave_hex)
        .ok_or_else(|| Error::entrada("la clave pública registrada no es válida"))?;
    let montgomery = VerifyingKey::from_bytes(&b)
        .map_err(|_| Error::entrada("la clave pública registrada no es válida"))?
        .to_montgomery()
        .to_bytes();
    let texto = bech32::encode("age", montgomery.to_base32(), bech32::Variant::Bech32)
        .map_err(|e| Error::Interno(format!("clave age: {e}")))?;
    age::x25519::Recipient::from_str(&texto).map_err(|e| Error::Interno(format!("clave age: {e}")))
}

/// The age identity of the holder of signing key `k` (its X25519 secret).
fn identidad(k: &SigningKey) -> Result<age::x25519::Identity> {
    let mut escalar = k.to_scalar_bytes();
    let texto = bech32::encode(
        "age-secret-key-",
        escalar.to_base32(),
        bech32::Variant::Bech32,
    )
    .map_err(|e| Error::Interno(format!("clave age: {e}")))?
    .to_uppercase();
    zeroize::Zeroize::zeroize(&mut escalar);
    let id = age::x25519::Identity::from_str(&texto)
        .map_err(|e| Error::Interno(format!("clave age: {e}")));
    drop(zeroize::Zeroizing::new(texto));
    id
}

/// The age secret key (`AGE-SECRET-KEY-1…`) for signing key `k`, for an auditor's `age -d -i`.
pub fn identidad_texto(k: &SigningKey) -> Result<String> {
    use age::secrecy::ExposeSecret;
    Ok(identidad(k)?.to_string().expose_secret().to_string())
}

/// Seals bundle `p` to the holder of the Ed25519 public key `para` (hex).
pub fn cerrar(p: &Paquete, para: &str) -> Result<Vec<u8>> {
    let r = destinatario(para)?;
    let claro = p.bytes();
    let cifrador = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .map_err(|e| Error::Interno(format!("no se pudo cifrar el paquete: {e}")))?;
    let mut out = Vec::with_capacity(claro.len() + 512);
    let mut w = cifrador
        .wrap_output(&mut out)
        .map_err(|e| Error::Interno(format!("no se pudo cifrar el paquete: {e}")))?;
    w.write_all(&claro)?;
    w.finish()?;
    Ok(out)
}

/// Whether `bytes` is an age envelope (rather than a plain bundle of an earlier version).
pub fn es_sobre(bytes: &[u8]) -> bool {
    bytes.starts_with(CABECERA)
}

/// Opens an envelope with signing key `k`, or reads a plain bundle of an earlier version.
/// Whatever goes wrong is said in Spanish: the envelope is damaged, or it was sealed for
/// someone else.
pub fn abrir(bytes: &[u8], k: &SigningKey) -> std::result::Result<Paquete, String> {
    let claro = if es_sobre(bytes) {
        let id = identidad(k).map_err(|e| e.to_string())?;
        let d = age::Decryptor::new_buffered(bytes)
            .map_err(|_| "el paquete cifrado está dañado o incompleto".to_string())?;
        let r = d
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => {
                    "el paquete no está cifrado para esta clave (es para otra central o unidad)"
                        .to_string()
                }
                _ => "el paquete cifrado está dañado o incompleto".to_string(),
            })?;
        let mut v = vec![];
        r.take(MAXIMO_ABIERTO + 1)
            .read_to_end(&mut v)
            .map_err(|_| "el paquete cifrado está dañado o fue alterado".to_string())?;
        if v.len() as u64 > MAXIMO_ABIERTO {
            return Err("el paquete es demasiado grande".into());
        }
        v
    } else {
        bytes.to_vec()
    };
    serde_json::from_slice::<Paquete>(&claro)
        .map_err(|_| "el archivo no es un paquete legible (dañado o incompleto)".to_string())
}

/// Whether a file name is a bundle's (sealed, or plain from an earlier version).
pub fn es_archivo_de_paquete(nombre: &str) -> bool {
    nombre.ends_with(EXTENSION) || nombre.ends_with(EXTENSION_ANTIGUA)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clave(semilla: u8) -> SigningKey {
        SigningKey::from_bytes(&[semilla; 32])
    }

    fn paquete() -> Paquete {
        Paquete {
            manifiesto: super::super::Manifiesto {
                formato: super::super::FORMATO.into(),
                unidad: "17001".into(),
                numero: 1,
                desde: 1,
                hasta: 0,
                cantidad: 0,
                sha256: "0".repeat(64),
                anterior: super::super::HASH_INICIAL.into(),
                esquema: 1,
                creado: "2026-11-24T10:00:00-05:00".into(),
                clave_publica: "a".repeat(64),
            },
            firma: "00".into(),
            cambios: vec![],
        }
    }

    #[test]
    fn a_sealed_bundle_opens_only_with_the_recipients_key_and_shows_nothing_in_the_clear() {
        let central = clave(7);
        let para = hex::encode(central.verifying_key().to_bytes());
        let sobre = cerrar(&paquete(), &para).unwrap();
        assert!(es_sobre(&sobre));
        let visible = String::from_utf8_lossy(&sobre);
        assert!(!visible.contains("17001") && !visible.contains("manifiesto"));
        let p = abrir(&sobre, &central).unwrap();
        assert_eq!(p.manifiesto.unidad, "17001");
        let otra = abrir(&sobre, &clave(8)).unwrap_err();
        assert!(otra.contains("no está cifrado para esta clave"), "{otra}");
    }

    #[test]
    fn a_flipped_byte_or_a_cut_envelope_is_refused_in_spanish() {
        let central = clave(7);
        let para = hex::encode(central.verifying_key().to_bytes());
        let mut sobre = cerrar(&paquete(), &para).unwrap();
        let corto = &sobre[..sobre.len() - 5];
        assert!(abrir(corto, &central).unwrap_err().contains("dañado"));
        let n = sobre.len() - 20;
        sobre[n] ^= 1;
        assert!(abrir(&sobre, &central).unwrap_err().contains("dañado"));
        assert!(abrir(b"age-encryption.org/v1\nbasura", &central)
            .unwrap_err()
            .contains("dañado"));
    }

    #[test]
    fn the_secret_for_an_auditor_is_an_age_key_matching_the_recipient() {
        let k = clave(3);
        let s = identidad_texto(&k).unwrap();
        assert!(s.starts_with("AGE-SECRET-KEY-1"));
        let id = age::x25519::Identity::from_str(&s).unwrap();
        let r = destinatario(&hex::encode(k.verifying_key().to_bytes())).unwrap();
        assert_eq!(id.to_public().to_string(), r.to_string());
    }
}
