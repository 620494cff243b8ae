//! Local users, their roles and what each role may do; argon2 password hashes; lock-out after
//! repeated failures.

use std::fmt;
use std::str::FromStr;

use crate::eventos::{self as ev, Evento};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use chrono::{DateTime, Duration, FixedOffset};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::store::{Reader, Store, Tx};
use crate::{Error, Result};

/// Failed logins in a row that lock a user.
pub const INTENTOS_MAXIMOS: i64 = 5;
/// How long a lock lasts.
pub const MINUTOS_BLOQUEO: i64 = 15;
/// Shortest password accepted.
pub const LONGITUD_MINIMA_CLAVE: usize = 10;

/// Passwords people really choose first, refused whatever their length (compared in lower
/// case, without accents).
const CLAVES_COMUNES: &[&str] = &[
    "1234567890",
    "12345678910",
    "0123456789",
    "0987654321",
    "1122334455",
    "1234512345",
    "123123123123",
    "qwertyuiop",
    "qwerty1234",
    "1q2w3e4r5t",
    "abcdefghij",
    "abc1234567",
    "a123456789",
    "123456789a",
    "password123",
    "passw0rd123",
    "contrasena",
    "contrasena1",
    "contrasena123",
    "administrador",
    "adminadmin",
    "admin12345",
    "clave12345",
    "iess123456",
    "iess2026iess",
    "coactiva123",
    "coactiva2026",
    "ecuador123",
    "ecuador2026",
    "quito12345",
    "guayaquil123",
    "iloveyou12",
    "teamo12345",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Rol {
    Jefe,
    Abogado,
    Secretario,
    Citador,
    Consulta,
}

impl Rol {
    pub const TODOS: [Rol; 5] = [
        Rol::Jefe,
        Rol::Abogado,
        Rol::Secretario,
        Rol::Citador,
        Rol::Consulta,
    ];

    pub fn como_texto(self) -> &'static str {
        match self {
            Rol::Jefe => "jefe",
            Rol::Abogado => "abogado",
            Rol::Secretario => "secretario",
            Rol::Citador => "citador",
            Rol::Consulta => "consulta",
        }
    }

    /// Whether this role may perform `accion`: the one permission table, enforced by every
    /// use case (README shows it; a test walks it through the command). A Secretario-Abogado
    /// (`abogado`) moreover acts only on the procesos drawn to him ([`Actor::exigir_proceso`]).
    pub fn puede(self, accion: Accion) -> bool {
        use Accion::*;
        match self {
            Rol::Jefe => true,
            Rol::Secretario => matches!(
                accion,
                Consultar
                    | ImportarTitulos
                    | Foliar
                    | Tramitar
                    | Citar
                    | Sincronizar
                    | Cobrar
                    | Honorarios
                    | Medidas
                    | Excepciones
            ),
            Rol::Abogado => matches!(
                accion,
                Consultar | Foliar | Tramitar | Citar | Cobrar | Honorarios | Medidas | Excepciones
            ),
            Rol::Citador => matches!(accion, Consultar | Citar),
            Rol::Consulta => matches!(accion, Consultar),
        }
    }
}

impl fmt::Display for Rol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.como_texto())
    }
}

impl FromStr for Rol {
    type Err = Error;
    fn from_str(s: &str) -> Result<Rol> {
        Rol::TODOS
            .into_iter()
            .find(|r| r.como_texto() == s.trim().to_lowercase())
            .ok_or_else(|| {
                Error::entrada(format!(
                    "el rol «{s}» no existe; use jefe, abogado, secretario, citador o consulta"
                ))
            })
    }
}

/// Something a user may or may not be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accion {
    Consultar,
    AdministrarUsuarios,
    AdministrarAbogados,
    ImportarTitulos,
    Sortear,
    Foliar,
    /// Open procesos, change their stage, record citaciones.
    Tramitar,
    /// Record a citación or notificación.
    Citar,
    /// Unit settings: numbering, holidays, deadlines, the centre's key; demo data.
    Configurar,
    /// Send the unit's changes out (to the configured centre).
    Sincronizar,
    /// Record a payment or abono, a convenio, a guarantee.
    Cobrar,
    /// Approve or reject costas and honorarios.
    Aprobar,
    /// Ask for an external abogado's honorarios.
    Honorarios,
    /// Give procesos to citadores-notificadores.
    AsignarCitadores,
    /// Order medidas cautelares, record the entities' answers, lift them.
    Medidas,
    /// Record excepciones, impugnaciones and deprecatorios, and their outcome.
    Excepciones,
}

impl Accion {
    fn describir(self) -> &'static str {
        match self {
            Accion::Consultar => "consultar",
            Accion::AdministrarUsuarios => "administrar usuarios",
            Accion::AdministrarAbogados => "administrar abogados",
            Accion::ImportarTitulos => "importar títulos",
            Accion::Sortear => "ejecutar sorteos",
            Accion::Foliar => "foliar documentos",
            Accion::Tramitar => "tramitar procesos",
            Accion::Citar => "registrar citaciones",
            Accion::Configurar => "cambiar la configuración de la unidad",
            Accion::Sincronizar => "enviar los datos de la unidad a la central",
            Accion::Cobrar => "registrar pagos, convenios y garantías",
            Accion::Aprobar => "aprobar costas y honorarios",
            Accion::Honorarios => "solicitar honorarios",
            Accion::AsignarCitadores => "asignar procesos a los citadores",
            Accion::Medidas => "ordenar y levantar medidas cautelares",
            Accion::Excepciones => "registrar excepciones y deprecatorios",
        }
    }

    pub const TODAS: [Accion; 16] = [
        Accion::Consultar,
        Accion::ImportarTitulos,
        Accion::Sortear,
        Accion::Tramitar,
        Accion::Citar,
        Accion::Foliar,
        Accion::AdministrarAbogados,
        Accion::AdministrarUsuarios,
        Accion::Configurar,
        Accion::Sincronizar,
        Accion::Cobrar,
        Accion::Aprobar,
        Accion::Honorarios,
        Accion::AsignarCitadores,
        Accion::Medidas,
        Accion::Excepciones,
    ];

    /// The permission table in Markdown (README's «Roles y permisos»; a test keeps them equal).
    pub fn tabla_markdown() -> String {
        let mut t = String::from("| Acción |");
        for r in Rol::TODOS {
            t.push_str(&format!(" {} |", r.como_texto()));
        }
        t.push_str("\n|---|");
        for _ in Rol::TODOS {
            t.push_str(":-:|");
        }
        t.push('\n');
        for a in Accion::TODAS {
            t.push_str(&format!("| {} |", a.describir()));
            for r in Rol::TODOS {
                t.push_str(if r.puede(a) { " sí |" } else { " — |" });
            }
            t.push('\n');
        }
        t
    }
}

/// The authenticated user on whose behalf an operation runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Actor {
    pub usuario: String,
    pub nombres: String,
    pub rol: Rol,
    /// The abogado (identification) this user is, for a Secretario-Abogado.
    pub abogado: Option<String>,
}

impl Actor {
    /// For a Secretario-Abogado: refuses a proceso (or título) drawn to another abogado.
    /// `abogado` is the identification of the one in charge. Other roles act on every proceso.
    pub fn exigir_proceso(&self, que: &str, abogado: &str) -> Result<()> {
        if self.rol != Rol::Abogado {
            return Ok(());
        }
        match &self.abogado {
            Some(a) if a == abogado => Ok(()),
            Some(_) => Err(Error::NoAutorizado(format!(
                "{que} está a cargo de otro abogado: un Secretario-Abogado actúa solo en sus propios procesos"
            ))),
            None => Err(Error::NoAutorizado(format!(
                "el usuario «{}» no está vinculado a ningún abogado: pida al Jefe que lo vincule a su registro de abogado",
                self.usuario
            ))),
        }
    }

    /// Refuses with a clear message when the role may not perform `accion`.
    pub fn exigir(&self, accion: Accion) -> Result<()> {
        if self.rol.puede(accion) {
            Ok(())
        } else {
            Err(Error::NoAutorizado(format!(
                "el usuario «{}» tiene el rol {} y no puede {}",
                self.usuario,
                self.rol,
                accion.describir()
            )))
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Usuario {
    pub usuario: String,
    pub nombres: String,
    pub rol: Rol,
    pub activo: bool,
    pub bloqueado_hasta: Option<String>,
    /// The gender the user's printed title takes (a citador's razón), if recorded.
    pub genero: Option<crate::cargos::Genero>,
    /// The abogado (identification) a user with the abogado role is.
    pub abogado: Option<String>,
}

/// The least time a refused login takes (an unknown user and a wrong password alike).
const TIEMPO_MINIMO_RECHAZO: std::time::Duration = std::time::Duration::from_millis(400);

/// A hash no password matches, checked when the user does not exist.
fn hash_de_relleno() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_clave("relleno-que-nadie-usa-como-clave").unwrap_or_default())
}

/// A password checked against the same rules as a unit's users, and hashed (argon2id): for
/// the centre's own users.
pub fn proteger_clave(clave: &str) -> Result<String> {
    validar_clave(clave)?;
    hash_clave(clave)
}

/// Whether `clave` matches `hash`; with no hash (no such user) the same work is done against a
/// throw-away one, so timing does not reveal which users exist.
pub fn clave_coincide(hash: Option<&str>, clave: &str) -> bool {
    let h = hash.unwrap_or_else(|| hash_de_relleno());
    let ok = PasswordHash::new(h)
        .map(|h| {
            Argon2::default()
                .verify_password(clave.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false);
    ok && hash.is_some()
}

fn hash_clave(clave: &str) -> Result<String> {
    // argon2 0.6 draws its own salt from the OS generator.
    Argon2::default()
        .hash_password(clave.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Interno(format!("no se pudo proteger la clave: {e}")))
}

fn validar_clave(clave: &str) -> Result<()> {
    if clave.chars().count() < LONGITUD_MINIMA_CLAVE {
        return Err(Error::entrada(format!(
            "la clave debe tener al menos {LONGITUD_MINIMA_CLAVE} caracteres"
        )));
    }
    let mut letras = clave.chars();
    let primera = letras.next();
    if letras.all(|c| Some(c) == primera) {
        return Err(Error::entrada(
            "la clave no puede ser un mismo carácter repetido",
        ));
    }
    if CLAVES_COMUNES.contains(&crate::texto::clave(clave).as_str()) {
        return Err(Error::entrada(
            "esa clave es de las más usadas y se adivina enseguida: elija otra",
        ));
    }
    Ok(())
}

fn validar_nombre_usuario(u: &str) -> Result<()> {
    let ok = !u.is_empty()
        && u.len() <= 40
        && u.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Error::entrada(format!(
            "el usuario «{u}» no es válido: use letras sin tildes, números, punto, guion o guion bajo"
        )))
    }
}

/// The change log's fingerprint of a stored password hash (see [`ev::UsuarioCreado::clave_sha256`]).
pub(crate) fn sha256_de_hash_clave(hash: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(hash.as_bytes()))
}

/// Creates a user inside an open transaction (used by `init` and by [`agregar`]).
pub(crate) fn crear(
    tx: &mut Tx<'_>,
    usuario: &str,
    nombres: &str,
    rol: Rol,
    clave: &str,
    abogado: Option<&str>,
) -> Result<()> {
    let abogado = abogado.map(str::trim).filter(|a| !a.is_empty());
    match (rol, abogado) {
        (Rol::Abogado, None) => {
            return Err(Error::entrada(
                "un usuario con rol abogado se vincula a su registro de abogado: indique su identificación",
            ))
        }
        (Rol::Abogado, Some(a)) => {
            let existe: bool = tx.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM abogados WHERE identificacion = ?1)",
                [a],
                |r| r.get(0),
            )?;
            if !existe {
                return Err(Error::entrada(format!(
                    "no existe el abogado con identificación {a}: regístrelo antes de crear su usuario"
                )));
            }
        }
        (_, Some(_)) => {
            return Err(Error::entrada(
                "solo un usuario con rol abogado se vincula a un abogado",
            ))
        }
        (_, None) => {}
    }
    validar_nombre_usuario(usuario)?;
    validar_clave(clave)?;
    if nombres.trim().is_empty() {
        return Err(Error::entrada("faltan los nombres del usuario"));
    }
    let existe: bool = tx
        .conn()
        .query_row(
            "SELECT 1 FROM usuarios WHERE usuario = ?1",
            [usuario],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if existe {
        return Err(Error::Conflicto(format!(
            "el usuario «{usuario}» ya existe"
        )));
    }
    let hash = hash_clave(clave)?;
    let ahora = tx.ahora();
    tx.conn().execute(
        "INSERT INTO usuarios (usuario, nombres, rol, clave_hash, creado_en, abogado) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![usuario, nombres.trim(), rol.como_texto(), hash, ahora, abogado],
    )?;
    tx.registrar(
        usuario,
        &Evento::UsuarioCreado(ev::UsuarioCreado {
            usuario: usuario.to_string(),
            nombres: nombres.trim().to_string(),
            rol,
            clave_sha256: Some(sha256_de_hash_clave(&hash)),
            abogado: abogado.map(str::to_string),
        }),
    )?;
    log::info!("usuario creado con rol {rol}");
    Ok(())
}

/// The Jefe adds a user.
pub fn agregar(
    store: &mut Store,
    actor: &Actor,
    usuario: &str,
    nombres: &str,
    rol: Rol,
    clave: &str,
    abogado: Option<&str>,
) -> Result<()> {
    actor.exigir(Accion::AdministrarUsuarios)?;
    store.write(&actor.usuario, |tx| {
        crear(tx, usuario, nombres, rol, clave, abogado)
    })?;
    // His password opens the encrypted file from now on.
    crate::cifrado::sincronizar_llavero(store)
}

pub fn listar(store: &dyn Reader) -> Result<Vec<Usuario>> {
    let mut st = store.conn().prepare(
        "SELECT usuario, nombres, rol, activo, bloqueado_hasta, genero, abogado FROM usuarios ORDER BY usuario",
    )?;
    let filas = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = vec![];
    for f in filas {
        let (usuario, nombres, rol, activo, bloqueado_hasta, genero, abogado) = f?;
        out.push(Usuario {
            usuario,
            nombres,
            rol: rol.parse()?,
            activo,
            bloqueado_hasta,
            genero: crate::cargos::Genero::leer(genero.as_deref()),
            abogado,
        });
    }
    Ok(out)
}

/// What the Jefe may change of a user (his user name is his identity in the change log and
/// is never changed).
#[derive(Debug, Clone)]
pub struct CambioUsuario {
    pub nombres: String,
    pub rol: Rol,
    /// Whether he may log in. A deactivated user keeps his history; he is never deleted.
    pub activo: bool,
    /// The abogado he is, for the abogado role.
    pub abogado: Option<String>,
}

/// The Jefe changes a user's names, role or whether he may log in. The unit never goes without
/// an active Jefe, and a Jefe does not lock himself out.
pub fn editar(
    store: &mut Store,
    actor: &Actor,
    usuario: &str,
    c: &CambioUsuario,
) -> Result<Usuario> {
    actor.exigir(Accion::AdministrarUsuarios)?;
    let nombres = c.nombres.trim();
    if nombres.is_empty() {
        return Err(Error::entrada("faltan los nombres del usuario"));
    }
    if nombres.chars().count() > 200 {
        return Err(Error::entrada(
            "los nombres son muy largos: use hasta 200 caracteres",
        ));
    }
    let abogado = c
        .abogado
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let usuario = usuario.trim();
    let propio = actor.usuario.eq_ignore_ascii_case(usuario);
    store.write(&actor.usuario, |tx| {
        let actual: Option<(String, String, bool)> = tx
            .conn()
            .query_row(
                "SELECT usuario, rol, activo FROM usuarios WHERE usuario = ?1 COLLATE NOCASE",
                [usuario],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((usuario, rol_actual, activo_actual)) = actual else {
            return Err(Error::NoEncontrado(format!("no existe el usuario «{usuario}»")));
        };
        let era_jefe = rol_actual == Rol::Jefe.como_texto() && activo_actual;
        let sigue_jefe = c.rol == Rol::Jefe && c.activo;
        if propio && !c.activo {
            return Err(Error::entrada(
                "no puede desactivar su propio usuario: otro Jefe debe hacerlo",
            ));
        }
        if propio && era_jefe && !sigue_jefe {
            return Err(Error::entrada(
                "no puede quitarse a sí mismo el rol de Jefe: otro Jefe debe hacerlo",
            ));
        }
        if era_jefe && !sigue_jefe {
            let otros: i64 = tx.conn().query_row(
                "SELECT COUNT(*) FROM usuarios WHERE rol = 'jefe' AND activo = 1 AND usuario <> ?1",
                [&usuario],
                |r| r.get(0),
            )?;
            if otros == 0 {
                return Err(Error::entrada(
                    "la unidad se quedaría sin un Jefe activo: nombre antes a otro Jefe",
                ));
            }
        }
        match (c.rol, abogado) {
            (Rol::Abogado, None) => {
                return Err(Error::entrada(
                    "un usuario con rol de Secretario-Abogado se vincula a su registro de abogado: elija cuál es",
                ))
            }
            (Rol::Abogado, Some(a)) => {
                let existe: bool = tx.conn().query_row(
                    "SELECT EXISTS (SELECT 1 FROM abogados WHERE identificacion = ?1)",
                    [a],
                    |r| r.get(0),
                )?;
                if !existe {
                    return Err(Error::entrada(format!(
                        "no existe el abogado con identificación {a}: regístrelo antes"
                    )));
                }
            }
            (_, Some(_)) => {
                return Err(Error::entrada(
                    "solo un usuario con rol de Secretario-Abogado se vincula a un abogado",
                ))
            }
            (_, None) => {}
        }
        tx.conn().execute(
            "UPDATE usuarios SET nombres = ?2, rol = ?3, activo = ?4, abogado = ?5 WHERE usuario = ?1",
            params![usuario, nombres, c.rol.como_texto(), c.activo, abogado],
        )?;
        tx.registrar(
            &usuario,
            &Evento::UsuarioEditado(ev::UsuarioEditado {
                activo: c.activo,
                nombres: nombres.to_string(),
                rol: c.rol,
                abogado: abogado.map(str::to_string),
            }),
        )?;
        listar(tx)?
            .into_iter()
            .find(|u| u.usuario == usuario)
            .ok_or_else(|| Error::Interno("el usuario corregido no aparece".into()))
    })
    .inspect(|u| log::info!("usuario corregido: rol {}, activo {}", u.rol, u.activo))
    // A deactivated user's password no longer opens the encrypted file; reactivated, it does.
    .and_then(|u| crate::cifrado::sincronizar_llavero(store).map(|_| u))
}

/// The session's user as the file has him now: a window keeps its session while the Jefe
/// deactivates the user or changes his role, and this ends or updates it on the next action.
pub fn vigente(store: &dyn Reader, actor: &Actor) -> Result<Actor> {
    let fila: Option<(String, String, bool, Option<String>)> = store
        .conn()
        .prepare_cached("SELECT nombres, rol, activo, abogado FROM usuarios WHERE usuario = ?1")?
        .query_row([&actor.usuario], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    match fila {
        Some((nombres, rol, true, abogado)) => Ok(Actor {
            usuario: actor.usuario.clone(),
            nombres,
            rol: rol.parse()?,
            abogado,
        }),
        _ => Err(Error::Autenticacion(format!(
            "el usuario «{}» fue desactivado: la sesión terminó",
            actor.usuario
        ))),
    }
}

pub fn hay_usuarios(store: &dyn Reader) -> Result<bool> {
    Ok(store
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM usuarios)", [], |r| r.get(0))?)
}

/// Checks a user's password. Failures are counted; the fifth in a row locks the user for
/// [`MINUTOS_BLOQUEO`] minutes. Every failure and lock is in the change log.
pub fn autenticar(store: &mut Store, usuario: &str, clave: &str) -> Result<Actor> {
    let fila = store
        .conn()
        .query_row(
            "SELECT usuario, nombres, rol, clave_hash, intentos_fallidos, bloqueado_hasta, activo, abogado
             FROM usuarios WHERE usuario = ?1",
            [usuario],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, bool>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            },
        )
        .optional()?;
    let inicio = std::time::Instant::now();
    let rechazo = || {
        // Every refusal takes at least the same time, whatever its cause.
        if let Some(falta) = TIEMPO_MINIMO_RECHAZO.checked_sub(inicio.elapsed()) {
            std::thread::sleep(falta);
        }
        Error::Autenticacion("usuario o clave incorrectos".into())
    };
    let Some((usuario, nombres, rol, hash, intentos, bloqueado_hasta, activo, abogado)) = fila
    else {
        // Same message and the same work as a wrong password (a hash checked against a
        // throw-away hash): do not reveal which users exist, not even by timing.
        let _ = PasswordHash::new(hash_de_relleno()).map(|h| {
            Argon2::default()
                .verify_password(clave.as_bytes(), &h)
                .is_ok()
        });
        return Err(rechazo());
    };
    if !activo {
        return Err(Error::Autenticacion(format!(
            "el usuario «{usuario}» está desactivado"
        )));
    }
    let ahora = store.clock().now();
    if let Some(hasta) = bloqueado_hasta
        .as_deref()
        .and_then(|h| DateTime::<FixedOffset>::parse_from_rfc3339(h).ok())
    {
        if hasta > ahora {
            return Err(Error::Autenticacion(format!(
                "el usuario «{usuario}» está bloqueado por {INTENTOS_MAXIMOS} intentos fallidos hasta las {}; espere o pida al jefe que le asigne una clave nueva",
                hasta.format("%H:%M")
            )));
        }
    }
    let ok = PasswordHash::new(&hash)
        .map(|h| {
            Argon2::default()
                .verify_password(clave.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false);
    if ok {
        if intentos > 0 || bloqueado_hasta.is_some() {
            store.write(&usuario, |tx| {
                tx.conn().execute(
                    "UPDATE usuarios SET intentos_fallidos = 0, bloqueado_hasta = NULL WHERE usuario = ?1",
                    [&usuario],
                )?;
                Ok(())
            })?;
        }
        return Ok(Actor {
            usuario,
            nombres,
            rol: rol.parse()?,
            abogado,
        });
    }
    let intentos = intentos + 1;
    let bloquear = intentos >= INTENTOS_MAXIMOS;
    let hasta = bloquear.then(|| {
        (ahora + Duration::minutes(MINUTOS_BLOQUEO))
            .with_timezone(&chrono_tz::America::Guayaquil)
            .to_rfc3339()
    });
    store.write(&usuario, |tx| {
        tx.conn().execute(
            "UPDATE usuarios SET intentos_fallidos = ?2, bloqueado_hasta = ?3 WHERE usuario = ?1",
            params![usuario, if bloquear { 0 } else { intentos }, hasta],
        )?;
        let datos = ev::IntentoFallido {
            intentos,
            bloqueado_hasta: hasta.clone(),
        };
        let evento = if bloquear {
            Evento::UsuarioBloqueado(datos)
        } else {
            Evento::UsuarioIntentoFallido(datos)
        };
        tx.registrar(&usuario, &evento)?;
        Ok(())
    })?;
    log::warn!("inicio de sesión fallido (intento {intentos})");
    if bloquear {
        return Err(Error::Autenticacion(format!(
            "clave incorrecta por {INTENTOS_MAXIMOS}.ª vez: el usuario «{usuario}» queda bloqueado {MINUTOS_BLOQUEO} minutos"
        )));
    }
    Err(rechazo())
}

/// Changes a password: users change their own (giving the current one); the Jefe may set
/// anyone's, which also lifts a lock.
pub fn cambiar_clave(
    store: &mut Store,
    actor: &Actor,
    usuario: &str,
    actual: Option<&str>,
    nueva: &str,
) -> Result<()> {
    let propio = actor.usuario.eq_ignore_ascii_case(usuario);
    if !propio {
        actor.exigir(Accion::AdministrarUsuarios)?;
    } else if actor.rol != Rol::Jefe {
        let actual = actual.ok_or_else(|| Error::entrada("indique la clave actual"))?;
        autenticar(store, usuario, actual)?;
    }
    validar_clave(nueva)?;
    let hash = hash_clave(nueva)?;
    store.write(&actor.usuario, |tx| {
        let n = tx.conn().execute(
            "UPDATE usuarios SET clave_hash = ?2, intentos_fallidos = 0, bloqueado_hasta = NULL WHERE usuario = ?1",
            params![usuario, hash],
        )?;
        if n == 0 {
            return Err(Error::NoEncontrado(format!("no existe el usuario «{usuario}»")));
        }
        tx.registrar(usuario, &Evento::UsuarioClaveCambiada(ev::ClaveCambiada { por: actor.usuario.clone(), clave_sha256: Some(sha256_de_hash_clave(&hash)) }))?;
        Ok(())
    })?;
    // The new password opens the encrypted file; the old one no longer does.
    crate::cifrado::sincronizar_llavero(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_long_not_one_repeated_character_and_not_a_common_one() {
        for mala in [
            "corta",
            "123456789",
            "aaaaaaaaaaaa",
            "1234567890",
            "Contraseña1",
            "COACTIVA123",
            "iess123456",
        ] {
            assert!(validar_clave(mala).is_err(), "{mala} debió rechazarse");
        }
        for buena in ["clave-del-jefe-1", "Núñez.2026.abc", "diez chars"] {
            assert!(validar_clave(buena).is_ok(), "{buena} debió aceptarse");
        }
        assert!(validar_clave("zzzzzzzzzz")
            .unwrap_err()
            .to_string()
            .contains("repetido"));
    }

    #[test]
    fn only_the_jefe_runs_a_sorteo_and_consulta_only_reads() {
        assert!(Rol::Jefe.puede(Accion::Sortear));
        for r in [Rol::Abogado, Rol::Secretario, Rol::Citador, Rol::Consulta] {
            assert!(!r.puede(Accion::Sortear), "{r}");
            assert!(r.puede(Accion::Consultar), "{r}");
            assert!(!r.puede(Accion::AdministrarUsuarios), "{r}");
        }
        assert!(Rol::Secretario.puede(Accion::ImportarTitulos));
        assert!(!Rol::Consulta.puede(Accion::ImportarTitulos));
    }

    #[test]
    fn role_names_parse_and_unknown_is_explained() {
        assert_eq!("Jefe".parse::<Rol>().unwrap(), Rol::Jefe);
        let e = "juez".parse::<Rol>().unwrap_err().to_string();
        assert!(e.contains("juez") && e.contains("secretario"), "{e}");
    }
}
