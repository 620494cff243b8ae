//! Encryption at rest (#19): the unit database is a SQLCipher file opened with a random 256-bit
//! **data key** that is never stored in the clear.
//!
//! - The data key is derived from the unit's **recovery code** (25 random Crockford base32
//!   symbols, 125 bits), shown once to the Jefe at `init`: with the code alone the database opens
//!   even if everything else is lost, and `coactiva clave-datos --recuperacion CODIGO` prints the
//!   raw key for the standard `sqlcipher` shell.
//! - Beside the database, the **key file** (`<base>.llaves`) holds the data key wrapped once per
//!   user: XChaCha20-Poly1305 under a key drawn from the user's password by argon2id (so logging
//!   in is unlocking), the user's name as associated data (a slot cannot be moved to another
//!   user). The key file reveals nothing without a password; a wrong password is refused before
//!   the database is touched. It is written atomically and readable by its owner only.
//! - SQLCipher gets the raw key (`PRAGMA key = "x'…'"`), so opening a connection costs no KDF:
//!   the one slow step is argon2id at login, as before.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::{Error, Result};

/// The 256-bit key SQLCipher opens the database with.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct ClaveDatos([u8; 32]);

impl std::fmt::Debug for ClaveDatos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClaveDatos(…)")
    }
}

impl ClaveDatos {
    /// The seed of the unit's signing key, for a unit whose key is made once it is encrypted:
    /// so the recovery code alone (through this data key) gives back the key that signs the
    /// unit's bundles and opens what the centre seals for it — a unit whose disk died with no
    /// backup is rebuilt from the centre with its recovery code (`recuperar::sin_copia`).
    pub(crate) fn semilla_firma(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"coactiva/clave-firma-unidad/v1\0");
        h.update(self.0);
        h.finalize().into()
    }

    /// The key in hexadecimal, as the `sqlcipher` shell takes it (`PRAGMA key = "x'…'"`).
    pub fn hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The statements that open a SQLCipher connection to a unit file with this key (the
    /// first on the connection): the key, and the page size the file was written with.
    pub fn pragma(&self) -> String {
        format!(
            "PRAGMA key = \"x'{}'\"; PRAGMA cipher_page_size = 8192;",
            self.hex()
        )
    }
}

/// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALFABETO: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SIMBOLOS: usize = 25;

/// The unit's recovery code: what the Jefe keeps on paper.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct CodigoRecuperacion(String);

impl std::fmt::Debug for CodigoRecuperacion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodigoRecuperacion(…)")
    }
}

impl CodigoRecuperacion {
    /// A new code from the system's secure generator.
    pub fn nuevo() -> Result<CodigoRecuperacion> {
        let mut bytes = [0u8; SIMBOLOS];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Interno(format!("el sistema no dio azar seguro: {e}")))?;
        let s = bytes
            .iter()
            .map(|b| ALFABETO[(b & 31) as usize] as char)
            .collect();
        bytes.zeroize();
        Ok(CodigoRecuperacion(s))
    }

    /// A code as a person types it: any case, with or without dashes and spaces; O read as 0,
    /// I and L as 1.
    pub fn parse(texto: &str) -> Result<CodigoRecuperacion> {
        let mut s = String::with_capacity(SIMBOLOS);
        for c in texto.chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALFABETO.contains(&(c as u8)) || !c.is_ascii() {
                return Err(Error::entrada(format!(
                    "el código de recuperación tiene un carácter que no le pertenece («{c}»): revíselo en la hoja que se entregó al jefe"
                )));
            }
            s.push(c);
        }
        if s.len() != SIMBOLOS {
            return Err(Error::entrada(format!(
                "el código de recuperación tiene {SIMBOLOS} caracteres (sin contar los guiones) y este tiene {}",
                s.len()
            )));
        }
        Ok(CodigoRecuperacion(s))
    }

    /// The code in groups of five: «7K3QD-…».
    pub fn texto(&self) -> String {
        self.0
            .as_bytes()
            .chunks(5)
            .map(|g| String::from_utf8_lossy(g).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// The data key this code stands for.
    pub fn clave_datos(&self) -> ClaveDatos {
        let mut h = Sha256::new();
        h.update(b"coactiva/clave-datos/v1\0");
        h.update(self.0.as_bytes());
        ClaveDatos(h.finalize().into())
    }
}

/// A user's copy of the data key, wrapped under his password.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Ranura {
    pub usuario: String,
    /// The argon2id salt, the XChaCha20 nonce and the wrapped key with its tag (hex).
    sal: String,
    nonce: String,
    cifrada: String,
}

/// The key file: one slot per user, and a check value that tells a wrong recovery code from a
/// damaged database.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Llavero {
    pub version: u32,
    /// SHA-256 of a fixed label and the data key (hex): not the key, only a way to check one.
    pub control: String,
    pub ranuras: Vec<Ranura>,
    /// Users deactivated by the Jefe (they have no slot): told so when they try, as before.
    #[serde(default)]
    pub desactivados: Vec<String>,
}

fn control(clave: &ClaveDatos) -> String {
    let mut h = Sha256::new();
    h.update(b"coactiva/control/v1\0");
    h.update(clave.0);
    hex::encode(h.finalize())
}

/// The key a password unwraps its slot with (argon2id, the same parameters as the login hash).
fn envoltura(clave: &str, sal: &[u8]) -> Result<chacha20poly1305::Key> {
    let mut k = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(clave.as_bytes(), sal, &mut k)
        .map_err(|e| Error::Interno(format!("no se pudo derivar la llave: {e}")))?;
    let key = chacha20poly1305::Key::from(k);
    k.zeroize();
    Ok(key)
}

fn azar<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|e| Error::Interno(format!("el sistema no dio azar seguro: {e}")))?;
    Ok(b)
}

fn incorrecta() -> Error {
    Error::Autenticacion("usuario o clave incorrectos".into())
}

/// The key a login hash stands for: the argon2id output of the password with the hash's own
/// salt and parameters, which is what [`envoltura`] computes at login. Lets a plain database be
/// encrypted with a slot for every user, though only the Jefe typed his password.
fn envoltura_de_hash(phc: &str) -> Option<(Vec<u8>, chacha20poly1305::Key)> {
    let h = argon2::password_hash::phc::PasswordHash::new(phc).ok()?;
    let sal = h.salt?.as_ref().to_vec();
    let salida = h.hash?;
    let bytes = salida.as_bytes();
    (bytes.len() == 32).then(|| (sal, chacha20poly1305::Key::clone_from_slice(bytes)))
}

/// Where the key file of database `base` is: beside it, `<base>.llaves`.
pub fn ruta_llavero(base: &Path) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".llaves");
    PathBuf::from(s)
}

impl Llavero {
    /// An empty key file for `clave`.
    pub fn nuevo(clave: &ClaveDatos) -> Llavero {
        Llavero {
            version: 1,
            control: control(clave),
            ranuras: vec![],
            desactivados: vec![],
        }
    }

    /// Whether `clave` is this unit's data key.
    pub fn es_la_clave(&self, clave: &ClaveDatos) -> bool {
        self.control == control(clave)
    }

    /// Gives `usuario` a slot opened by `clave_usuario` (replacing any he had).
    pub fn poner(&mut self, usuario: &str, clave_usuario: &str, datos: &ClaveDatos) -> Result<()> {
        let sal: [u8; 16] = azar()?;
        let llave = envoltura(clave_usuario, &sal)?;
        self.envolver(usuario, &sal, &llave, datos)
    }

    /// Puts `datos` in `usuario`'s slot, wrapped under `llave` (drawn from `sal`).
    fn envolver(
        &mut self,
        usuario: &str,
        sal: &[u8],
        llave: &chacha20poly1305::Key,
        datos: &ClaveDatos,
    ) -> Result<()> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let nonce: [u8; 24] = azar()?;
        let cifrada = chacha20poly1305::XChaCha20Poly1305::new(llave)
            .encrypt(
                chacha20poly1305::XNonce::from_slice(&nonce),
                Payload {
                    msg: &datos.0,
                    aad: usuario.to_lowercase().as_bytes(),
                },
            )
            .map_err(|_| Error::Interno("no se pudo envolver la llave".into()))?;
        self.quitar(usuario);
        self.ranuras.push(Ranura {
            usuario: usuario.to_lowercase(),
            sal: hex::encode(sal),
            nonce: hex::encode(nonce),
            cifrada: hex::encode(cifrada),
        });
        Ok(())
    }

    /// Gives `usuario` a slot opened by the password behind his login hash `phc` (the hash of
    /// the users' table); false when the hash is not one this version made.
    pub(crate) fn poner_por_hash(
        &mut self,
        usuario: &str,
        phc: &str,
        datos: &ClaveDatos,
    ) -> Result<bool> {
        let Some((sal, llave)) = envoltura_de_hash(phc) else {
            return Ok(false);
        };
        self.envolver(usuario, &sal, &llave, datos)?;
        Ok(true)
    }

    /// Takes `usuario`'s slot away: his password no longer opens the file.
    pub fn quitar(&mut self, usuario: &str) {
        let u = usuario.to_lowercase();
        self.ranuras.retain(|r| r.usuario != u);
    }

    /// Whether `usuario` has a slot.
    pub fn tiene(&self, usuario: &str) -> bool {
        let u = usuario.to_lowercase();
        self.ranuras.iter().any(|r| r.usuario == u)
    }

    /// The data key, unwrapped with `usuario`'s password. A wrong password, an unknown user and
    /// a tampered slot get the same answer.
    pub fn abrir(&self, usuario: &str, clave_usuario: &str) -> Result<ClaveDatos> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let u = usuario.to_lowercase();
        let Some(r) = self.ranuras.iter().find(|r| r.usuario == u) else {
            // The same work as a real slot: do not reveal which users exist.
            let _ = envoltura(clave_usuario, &[0u8; 16]);
            if self.desactivados.contains(&u) {
                return Err(Error::Autenticacion(format!(
                    "el usuario «{u}» está desactivado"
                )));
            }
            return Err(incorrecta());
        };
        let (Ok(sal), Ok(nonce), Ok(cifrada)) = (
            hex::decode(&r.sal),
            hex::decode(&r.nonce),
            hex::decode(&r.cifrada),
        ) else {
            return Err(incorrecta());
        };
        if nonce.len() != 24 {
            return Err(incorrecta());
        }
        let cifrador = chacha20poly1305::XChaCha20Poly1305::new(&envoltura(clave_usuario, &sal)?);
        let mut claro = cifrador
            .decrypt(
                chacha20poly1305::XNonce::from_slice(&nonce),
                Payload {
                    msg: &cifrada,
                    aad: u.as_bytes(),
                },
            )
            .map_err(|_| incorrecta())?;
        let clave = <[u8; 32]>::try_from(claro.as_slice()).map(ClaveDatos);
        claro.zeroize();
        let clave = clave.map_err(|_| incorrecta())?;
        if !self.es_la_clave(&clave) {
            return Err(incorrecta());
        }
        Ok(clave)
    }

    /// The key file of `base`, if it has one.
    pub fn leer(base: &Path) -> Result<Option<Llavero>> {
        let ruta = ruta_llavero(base);
        let texto = match std::fs::read_to_string(&ruta) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::entrada(format!(
                    "no se pudo leer el archivo de llaves {}: {e}",
                    ruta.display()
                )))
            }
        };
        serde_json::from_str(&texto).map(Some).map_err(|_| {
            Error::entrada(format!(
                "el archivo de llaves {} está dañado: ábralo con el código de recuperación (coactiva clave-datos --recuperacion) y vuelva a dar las claves",
                ruta.display()
            ))
        })
    }

    /// Writes the key file of `base` whole or not at all: a temporary file, flushed to disk,
    /// then renamed over the old one; readable by its owner only.
    pub fn guardar(&self, base: &Path) -> Result<()> {
        let ruta = ruta_llavero(base);
        let texto = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Interno(format!("no se pudo escribir las llaves: {e}")))?;
        escribir_privado(&ruta, &texto)
    }
}

/// Writes `bytes` to `ruta` atomically (a temporary file in the same folder, synced, renamed),
/// readable and writable by the owner only.
pub fn escribir_privado(ruta: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    // A side name of its own: two programs writing the same file at once never share it.
    static SERIE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut tmp = ruta.as_os_str().to_owned();
    tmp.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        SERIE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let tmp = PathBuf::from(tmp);
    let mut opciones = std::fs::OpenOptions::new();
    opciones.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opciones.mode(0o600);
    }
    let fallo =
        |e: std::io::Error| Error::entrada(format!("no se pudo escribir {}: {e}", ruta.display()));
    let escrito = (|| {
        let mut f = opciones.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, ruta)
    })();
    if let Err(e) = escrito {
        let _ = std::fs::remove_file(&tmp);
        return Err(fallo(e));
    }
    if let Some(dir) = ruta.parent() {
        // The rename itself, on disk (where the platform allows syncing a folder).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Removes a unit file that could not be initialised, with its journal and its key file, so
/// the unit can be created again.
pub fn borrar_base(ruta: &Path) {
    for sufijo in ["", "-wal", "-shm", ".llaves"] {
        let mut r = ruta.as_os_str().to_owned();
        r.push(sufijo);
        let _ = std::fs::remove_file(PathBuf::from(r));
    }
}

/// Makes `ruta` readable by its owner only (a file Coactiva created or received).
pub fn solo_del_usuario(ruta: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if ruta.exists() {
            std::fs::set_permissions(ruta, std::fs::Permissions::from_mode(0o600)).map_err(
                |e| Error::entrada(format!("no se pudo proteger {}: {e}", ruta.display())),
            )?;
        }
    }
    #[cfg(not(unix))]
    let _ = ruta;
    Ok(())
}

/// What a database file is: absent, plain SQLite, or something else (encrypted, or not a
/// database at all — SQLCipher's first bytes are random).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Estado {
    NoExiste,
    SinCifrar,
    Cifrada,
}

pub fn estado(ruta: &Path) -> Result<Estado> {
    use std::io::Read;
    let mut f = match std::fs::File::open(ruta) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Estado::NoExiste),
        Err(e) => {
            return Err(Error::entrada(format!(
                "no se pudo abrir la base {}: {e}",
                ruta.display()
            )))
        }
    };
    let mut cabecera = [0u8; 16];
    let n = f.read(&mut cabecera)?;
    Ok(match n {
        0 => Estado::NoExiste,
        _ if cabecera[..n.min(16)] == b"SQLite format 3\0"[..n.min(16)] => Estado::SinCifrar,
        _ => Estado::Cifrada,
    })
}

/// Encrypts the plain database at `ruta` in place with `clave`, writing `llavero` beside it.
/// A crash at any moment loses nothing: the encrypted copy is written aside, checked, and only
/// then renamed over the plain file; until that rename the plain file is the database (and
/// the next open starts over).
pub fn cifrar_en_sitio(ruta: &Path, clave: &ClaveDatos, llavero: &Llavero) -> Result<()> {
    let mut aparte = ruta.as_os_str().to_owned();
    aparte.push(".cifrando");
    let aparte = PathBuf::from(aparte);
    let _ = std::fs::remove_file(&aparte);
    let fallo = |e: rusqlite::Error| Error::Interno(format!("no se pudo cifrar la base: {e}"));
    {
        let conn = rusqlite::Connection::open(ruta).map_err(fallo)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(fallo)?;
        // Everything in the main file, nobody writing meanwhile.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(fallo)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(fallo)?;
        conn.execute(
            "ATTACH DATABASE ?1 AS cifrada KEY ?2",
            rusqlite::params![aparte.to_string_lossy(), format!("x'{}'", clave.hex())],
        )
        .map_err(fallo)?;
        conn.execute_batch("PRAGMA cifrada.cipher_page_size = 8192;")
            .map_err(fallo)?;
        conn.query_row("SELECT sqlcipher_export('cifrada')", [], |_| Ok(()))
            .map_err(fallo)?;
        conn.execute_batch(&format!("PRAGMA cifrada.user_version = {version};"))
            .map_err(fallo)?;
        conn.execute_batch("DETACH DATABASE cifrada;")
            .map_err(fallo)?;
    }
    solo_del_usuario(&aparte)?;
    // The copy opens with the key and is whole before it replaces anything.
    {
        let c = rusqlite::Connection::open(&aparte).map_err(fallo)?;
        c.execute_batch("PRAGMA cipher_log_level = NONE;")
            .map_err(fallo)?;
        c.execute_batch(&clave.pragma()).map_err(fallo)?;
        let ok: String = c
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(fallo)?;
        if ok != "ok" {
            let _ = std::fs::remove_file(&aparte);
            return Err(Error::Interno(format!(
                "la copia cifrada de la base no quedó íntegra ({ok}); la base sigue como estaba"
            )));
        }
    }
    std::fs::File::open(&aparte)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::Interno(format!("no se pudo cifrar la base: {e}")))?;
    llavero.guardar(ruta)?;
    for sufijo in ["-wal", "-shm"] {
        let mut r = ruta.as_os_str().to_owned();
        r.push(sufijo);
        let _ = std::fs::remove_file(PathBuf::from(r));
    }
    std::fs::rename(&aparte, ruta)
        .map_err(|e| Error::Interno(format!("no se pudo cifrar la base: {e}")))?;
    if let Some(dir) = ruta.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// An opened unit: its store, who logged in, and — when this login encrypted a plain
/// database — the recovery code to give the Jefe (shown once, never stored).
pub struct Ingreso {
    pub store: crate::Store,
    pub actor: crate::Actor,
    pub codigo_nuevo: Option<CodigoRecuperacion>,
}

/// The key file for the users of `store` as they are now: a slot for every active user, opened
/// by his current password (drawn from his login hash, so no password is needed here), none
/// for a deactivated one.
fn llavero_de(store: &dyn crate::store::Reader, datos: &ClaveDatos) -> Result<Llavero> {
    let mut l = Llavero::nuevo(datos);
    let mut st = store
        .conn()
        .prepare("SELECT usuario, clave_hash, activo FROM usuarios")?;
    let filas: Vec<(String, String, bool)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (usuario, hash, activo) in filas {
        if !activo {
            l.desactivados.push(usuario.to_lowercase());
            continue;
        }
        if !l.poner_por_hash(&usuario, &hash, datos)? {
            log::warn!("el usuario {usuario} no tiene una clave de este formato: no recibe llave");
        }
    }
    Ok(l)
}

/// Rewrites the key file of an encrypted `store` after its users changed (added, given a new
/// password, deactivated or reactivated). Nothing for a plain file.
pub fn sincronizar_llavero(store: &crate::Store) -> Result<()> {
    if let Some(datos) = store.clave_datos() {
        llavero_de(store, datos)?.guardar(store.ruta())?;
    }
    Ok(())
}

/// A new, empty, encrypted database at `ruta` and its recovery code. Refused when a database
/// is already there.
pub fn crear(
    ruta: &Path,
    clock: std::sync::Arc<dyn crate::fechas::Clock>,
) -> Result<(crate::Store, CodigoRecuperacion)> {
    if estado(ruta)? != Estado::NoExiste {
        return Err(Error::Conflicto(format!(
            "ya hay una base en {}; no se crea otra encima",
            ruta.display()
        )));
    }
    let codigo = CodigoRecuperacion::nuevo()?;
    let store = crate::Store::open_cifrada(ruta, &codigo.clave_datos(), clock)?;
    Llavero::nuevo(&codigo.clave_datos()).guardar(ruta)?;
    Ok((store, codigo))
}

/// Opens the unit at `ruta` as `usuario`: his password unwraps the data key, then logs him in.
/// A plain database (from an earlier version) is opened as it is, and encrypted in place the
/// first time the Jefe logs in (every active user keeps his password).
pub fn ingresar(
    ruta: &Path,
    usuario: &str,
    clave: &str,
    clock: std::sync::Arc<dyn crate::fechas::Clock>,
) -> Result<Ingreso> {
    match estado(ruta)? {
        Estado::NoExiste => Err(Error::entrada(format!(
            "no hay una base en {}: créela primero (coactiva init)",
            ruta.display()
        ))),
        Estado::Cifrada => {
            let llavero = Llavero::leer(ruta)?.ok_or_else(|| {
                Error::entrada(format!(
                    "falta el archivo de llaves {} junto a la base: sin él, solo el código de recuperación del jefe la abre",
                    ruta_llavero(ruta).display()
                ))
            })?;
            let datos = llavero.abrir(usuario, clave)?;
            let mut store = crate::Store::open_cifrada(ruta, &datos, clock)?;
            let actor = crate::usuarios::autenticar(&mut store, usuario, clave)?;
            Ok(Ingreso {
                store,
                actor,
                codigo_nuevo: None,
            })
        }
        Estado::SinCifrar => {
            let mut store = crate::Store::open(ruta, clock.clone())?;
            let actor = crate::usuarios::autenticar(&mut store, usuario, clave)?;
            if actor.rol != crate::usuarios::Rol::Jefe {
                return Ok(Ingreso {
                    store,
                    actor,
                    codigo_nuevo: None,
                });
            }
            let codigo = CodigoRecuperacion::nuevo()?;
            let datos = codigo.clave_datos();
            let llavero = llavero_de(&store, &datos)?;
            drop(store);
            cifrar_en_sitio(ruta, &datos, &llavero)?;
            log::info!("la base se cifró en su sitio");
            let store = crate::Store::open_cifrada(ruta, &datos, clock)?;
            Ok(Ingreso {
                store,
                actor,
                codigo_nuevo: Some(codigo),
            })
        }
    }
}

/// The data key of the database at `ruta`, from the recovery code (for auditors and forensic
/// work: the standard `sqlcipher` shell opens the file with it). A code that is not this
/// unit's is refused.
pub fn clave_de_recuperacion(ruta: &Path, codigo: &CodigoRecuperacion) -> Result<ClaveDatos> {
    let datos = codigo.clave_datos();
    match Llavero::leer(ruta) {
        Ok(Some(l)) if !l.es_la_clave(&datos) => {
            return Err(Error::Autenticacion(
                "ese código de recuperación no es el de esta base".into(),
            ))
        }
        _ => {}
    }
    if estado(ruta)? != Estado::Cifrada {
        return Err(Error::entrada(format!(
            "la base {} no está cifrada (o no existe): no tiene clave de datos",
            ruta.display()
        )));
    }
    // Opens it read-only: the code must really open the file.
    crate::Store::open_lector_con(
        ruta,
        Some(&datos),
        std::sync::Arc::new(crate::fechas::SystemClock),
    )
    .map_err(|_| Error::Autenticacion("ese código de recuperación no abre esta base".into()))?;
    Ok(datos)
}

/// The sheet the Jefe keeps: the unit, the day, the recovery code, and what it is for. Saved
/// readable by its owner only, for him to print and delete.
pub fn hoja_recuperacion(
    db: &dyn crate::store::Reader,
    codigo: &CodigoRecuperacion,
) -> Result<PathBuf> {
    use crate::pdf::{Alineacion, Documento, Encabezado, Estilo};
    let u = crate::unidad::exigir(db)?;
    let titulo = "Código de recuperación de la base de datos";
    let mut d = Documento::new(
        titulo,
        titulo,
        Encabezado {
            institucion: "INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL".into(),
            unidad: format!("{} — Juzgado de Coactivas", u.nombre),
            referencia: format!("Unidad {}", u.codigo),
        },
    )?;
    d.fechar(&crate::fechas::marca(db.clock()));
    d.titulo(&titulo.to_uppercase(), 14.0);
    d.parrafo(
        &format!(
            "{} (código {}), {}. Entregado al jefe de la unidad el {}.",
            u.nombre,
            u.codigo,
            u.ciudad,
            crate::fechas::larga(crate::fechas::hoy(db.clock()))
        ),
        Estilo::Normal,
        11.0,
        Alineacion::Justificada,
    );
    d.espacio(6.0);
    d.titulo(&codigo.texto(), 18.0);
    d.espacio(6.0);
    for t in [
        "La base de datos de la unidad está cifrada. Cada usuario la abre con su clave; este código la abre aunque se pierdan todas las claves o el archivo de llaves. Quien lo tenga puede leer toda la base: guarde esta hoja bajo llave, fuera de la computadora, y borre el archivo PDF después de imprimirla.",
        "Para recuperar el acceso: coactiva clave-datos --recuperacion CÓDIGO muestra la clave de datos, con la que la base se abre también en el programa estándar sqlcipher (PRAGMA key = \"x'CLAVE'\"; PRAGMA cipher_page_size = 8192;). Con ella se restaura una copia de respaldo o se entrega la base a una auditoría.",
    ] {
        d.parrafo(t, Estilo::Normal, 11.0, Alineacion::Justificada);
        d.espacio(3.0);
    }
    let ruta = crate::archivos::hoja_recuperacion(&u.codigo, db.clock());
    if let Some(dir) = ruta.parent() {
        crate::archivos::crear_carpeta_privada(dir)?;
    }
    escribir_privado(&ruta, &d.terminar())?;
    Ok(ruta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_code_is_read_back_however_it_is_typed_and_gives_the_same_key() {
        let c = CodigoRecuperacion::nuevo().unwrap();
        let t = c.texto();
        assert_eq!(t.len(), 29, "{t}");
        let tecleado = t.to_lowercase().replace('-', " ").replace('0', "o");
        let otra = CodigoRecuperacion::parse(&tecleado).unwrap();
        assert_eq!(otra.clave_datos(), c.clave_datos());
        assert!(CodigoRecuperacion::parse("ABC").is_err());
        assert!(CodigoRecuperacion::parse(&format!("{}U", &t[..28])).is_err());
        assert_ne!(
            CodigoRecuperacion::nuevo().unwrap().clave_datos(),
            c.clave_datos()
        );
    }

    #[test]
    fn a_slot_opens_with_its_password_only_and_for_its_user_only() {
        let datos = CodigoRecuperacion::nuevo().unwrap().clave_datos();
        let mut l = Llavero::nuevo(&datos);
        l.poner("Jefe", "clave-del-jefe-1", &datos).unwrap();
        assert_eq!(l.abrir("jefe", "clave-del-jefe-1").unwrap(), datos);
        assert!(l.abrir("jefe", "otra-clave-1").is_err());
        assert!(l.abrir("nadie", "clave-del-jefe-1").is_err());
        // A slot copied to another user's name does not open.
        let mut robada = l.ranuras[0].clone();
        robada.usuario = "intruso".into();
        l.ranuras.push(robada);
        assert!(l.abrir("intruso", "clave-del-jefe-1").is_err());
        // Nothing of the key is in the file.
        let texto = serde_json::to_string(&l).unwrap();
        assert!(!texto.contains(&datos.hex()));
        l.quitar("jefe");
        assert!(l.abrir("jefe", "clave-del-jefe-1").is_err());
    }

    #[test]
    fn an_encrypted_database_shows_nothing_without_its_key_and_opens_with_it() {
        use crate::fechas::FixedClock;
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("unidad.db");
        let reloj = std::sync::Arc::new(FixedClock::on(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        ));
        let datos = CodigoRecuperacion::nuevo().unwrap().clave_datos();
        {
            let s = crate::Store::open_cifrada(&base, &datos, reloj.clone()).unwrap();
            s.conn()
                .execute_batch(
                    "PRAGMA query_only = OFF; CREATE TABLE prueba (x TEXT); INSERT INTO prueba VALUES ('COMERCIAL ANDINA CIA. LTDA.');",
                )
                .unwrap();
        }
        assert_eq!(estado(&base).unwrap(), Estado::Cifrada);
        let bytes = std::fs::read(&base).unwrap();
        assert!(!bytes.windows(8).any(|w| w == b"COMERCIA"));
        assert!(!bytes.starts_with(b"SQLite format 3"));
        // Plain SQLite cannot read it; the wrong key is refused in words.
        let plano = rusqlite::Connection::open(&base).unwrap();
        assert!(plano
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err());
        let otra = CodigoRecuperacion::nuevo().unwrap().clave_datos();
        let Err(e) = crate::Store::open_cifrada(&base, &otra, reloj.clone()) else {
            panic!("another key opened the file");
        };
        assert!(e.to_string().contains("la llave no abre"), "{e}");
        let s = crate::Store::open_cifrada(&base, &datos, reloj.clone()).unwrap();
        let x: String = s
            .conn()
            .query_row("SELECT x FROM prueba", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, "COMERCIAL ANDINA CIA. LTDA.");
        let lector = s.otro_lector().unwrap().unwrap();
        let n: i64 = lector
            .conn()
            .query_row("SELECT count(*) FROM prueba", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let modo = std::fs::metadata(&base).unwrap().permissions().mode();
            assert_eq!(modo & 0o077, 0, "only its owner reads it");
        }
    }

    #[test]
    fn a_login_hash_stands_for_the_key_its_password_unwraps() {
        use argon2::password_hash::PasswordHasher;
        let phc = argon2::Argon2::default()
            .hash_password(b"clave-de-pedro-1")
            .unwrap()
            .to_string();
        let datos = CodigoRecuperacion::nuevo().unwrap().clave_datos();
        let mut l = Llavero::nuevo(&datos);
        assert!(l.poner_por_hash("pedro", &phc, &datos).unwrap());
        assert_eq!(l.abrir("pedro", "clave-de-pedro-1").unwrap(), datos);
        assert!(l.abrir("pedro", "clave-de-otro-1").is_err());
    }

    fn unidad_plana(dir: &Path) -> PathBuf {
        let base = dir.join("unidad.db");
        let mut s = crate::Store::open(&base, reloj()).unwrap();
        let jefe = crate::unidad::inicializar(
            &mut s,
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
        crate::usuarios::agregar(
            &mut s,
            &jefe,
            "pedro",
            "Pedro Intriago",
            crate::usuarios::Rol::Citador,
            "clave-de-pedro-1",
            None,
        )
        .unwrap();
        base
    }

    fn reloj() -> std::sync::Arc<crate::fechas::FixedClock> {
        std::sync::Arc::new(crate::fechas::FixedClock::on(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        ))
    }

    #[test]
    fn a_plain_database_is_encrypted_when_the_jefe_logs_in_and_everyone_keeps_his_password() {
        let dir = tempfile::tempdir().unwrap();
        let base = unidad_plana(dir.path());
        // A clerk's login leaves it as it is (the recovery code is for the Jefe).
        let i = ingresar(&base, "pedro", "clave-de-pedro-1", reloj()).unwrap();
        assert!(i.codigo_nuevo.is_none());
        drop(i);
        assert_eq!(estado(&base).unwrap(), Estado::SinCifrar);
        // A leftover of a migration cut short does not matter.
        std::fs::write(dir.path().join("unidad.db.cifrando"), b"a medias").unwrap();
        let i = ingresar(&base, "jefe", "clave-del-jefe-1", reloj()).unwrap();
        let codigo = i
            .codigo_nuevo
            .clone()
            .expect("a recovery code for the Jefe");
        let cambios = crate::cambios::ultimo_seq(i.store.conn()).unwrap();
        drop(i);
        assert_eq!(estado(&base).unwrap(), Estado::Cifrada);
        assert!(!dir.path().join("unidad.db.cifrando").exists());
        let bytes = std::fs::read(&base).unwrap();
        assert!(!bytes.windows(9).any(|w| w == b"Pichincha"));
        // Nothing was lost, and Pedro still logs in with his password.
        let i = ingresar(&base, "pedro", "clave-de-pedro-1", reloj()).unwrap();
        assert_eq!(crate::cambios::ultimo_seq(i.store.conn()).unwrap(), cambios);
        assert_eq!(
            crate::unidad::exigir(&i.store).unwrap().nombre,
            "Unidad de Pichincha"
        );
        drop(i);
        assert!(ingresar(&base, "pedro", "otra-clave-de-pedro", reloj()).is_err());
        assert!(ingresar(&base, "nadie", "clave-de-pedro-1", reloj()).is_err());
        // The recovery code gives the raw key; another code does not.
        let k = clave_de_recuperacion(&base, &codigo).unwrap();
        assert_eq!(k, codigo.clave_datos());
        let otro = CodigoRecuperacion::nuevo().unwrap();
        assert!(clave_de_recuperacion(&base, &otro).is_err());
        // Without the key file only the code opens it.
        std::fs::remove_file(ruta_llavero(&base)).unwrap();
        let e = ingresar(&base, "jefe", "clave-del-jefe-1", reloj())
            .err()
            .unwrap();
        assert!(e.to_string().contains("código de recuperación"), "{e}");
        assert!(crate::Store::open_cifrada(&base, &codigo.clave_datos(), reloj()).is_ok());
    }

    #[test]
    fn a_new_unit_is_encrypted_from_the_start_and_its_users_get_their_slots() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("nueva.db");
        let (mut s, _codigo) = crear(&base, reloj()).unwrap();
        assert!(crear(&base, reloj()).is_err(), "never over an existing one");
        let jefe = crate::unidad::inicializar(
            &mut s,
            &crate::unidad::NuevaUnidad {
                provincia: "09".into(),
                oficina: "001".into(),
                nombre: "Unidad de Guayas".into(),
                nivel: crate::unidad::Nivel::Unidad,
                ciudad: "Guayaquil".into(),
                jefe_usuario: "jefe".into(),
                jefe_nombres: "Jefe".into(),
                jefe_clave: "clave-del-jefe-1".into(),
                jefe_genero: None,
            },
        )
        .unwrap();
        sincronizar_llavero(&s).unwrap();
        crate::usuarios::agregar(
            &mut s,
            &jefe,
            "ana",
            "Ana",
            crate::usuarios::Rol::Secretario,
            "clave-de-ana-12",
            None,
        )
        .unwrap();
        sincronizar_llavero(&s).unwrap();
        drop(s);
        assert!(ingresar(&base, "ana", "clave-de-ana-12", reloj()).is_ok());
        assert!(ingresar(&base, "jefe", "clave-del-jefe-1", reloj()).is_ok());
    }

    #[test]
    fn the_key_file_is_written_whole_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("unidad.db");
        let datos = CodigoRecuperacion::nuevo().unwrap().clave_datos();
        let mut l = Llavero::nuevo(&datos);
        l.poner("jefe", "clave-del-jefe-1", &datos).unwrap();
        l.guardar(&base).unwrap();
        assert_eq!(Llavero::leer(&base).unwrap(), Some(l));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let modo = std::fs::metadata(ruta_llavero(&base))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(modo & 0o777, 0o600);
        }
        std::fs::write(ruta_llavero(&base), b"{ roto").unwrap();
        assert!(Llavero::leer(&base)
            .unwrap_err()
            .to_string()
            .contains("dañado"));
    }
}
