//! Users: login, lock-out after repeated failures, password changes, roles.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use coactiva::usuarios::{self, INTENTOS_MAXIMOS};
use coactiva::{unidad, Clock, Error, Rol, Store};

use crate::comun::*;

/// A clock the test moves forward.
struct Reloj(AtomicI64);

impl Clock for Reloj {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.0.load(Ordering::SeqCst), 0).unwrap()
    }
}

#[test]
fn five_wrong_passwords_lock_the_user_for_fifteen_minutes() {
    let reloj = Arc::new(Reloj(AtomicI64::new(1_795_000_000)));
    let mut store = Store::in_memory(reloj.clone()).unwrap();
    unidad::inicializar(&mut store, &nueva_unidad()).unwrap();
    for i in 1..INTENTOS_MAXIMOS {
        let e = usuarios::autenticar(&mut store, "jefe", "equivocada").unwrap_err();
        assert_eq!(e.to_string(), "usuario o clave incorrectos", "intento {i}");
    }
    let e = usuarios::autenticar(&mut store, "jefe", "equivocada").unwrap_err();
    assert!(e.to_string().contains("bloqueado"), "{e}");
    let e = usuarios::autenticar(&mut store, "jefe", CLAVE).unwrap_err();
    assert!(
        e.to_string().contains("bloqueado"),
        "ni la clave correcta entra durante el bloqueo: {e}"
    );
    reloj.0.fetch_add(16 * 60, Ordering::SeqCst);
    let jefe = usuarios::autenticar(&mut store, "jefe", CLAVE).expect("pasado el bloqueo, entra");
    assert_eq!(jefe.rol, Rol::Jefe);
    // The counter was reset: one more failure does not lock again.
    assert!(!usuarios::autenticar(&mut store, "jefe", "x")
        .unwrap_err()
        .to_string()
        .contains("bloqueado"));
}

#[test]
fn an_unknown_user_gets_the_same_message_as_a_wrong_password() {
    let (mut store, _) = unidad_en_memoria();
    let e = usuarios::autenticar(&mut store, "nadie", "loquesea").unwrap_err();
    assert_eq!(e.to_string(), "usuario o clave incorrectos");
}

#[test]
fn jefe_adds_users_and_resets_passwords_others_cannot() {
    let (mut store, jefe) = unidad_en_memoria();
    usuarios::agregar(
        &mut store,
        &jefe,
        "maria.s",
        "María Suárez",
        Rol::Secretario,
        "clave-maria-1",
        None,
    )
    .unwrap();
    let maria = usuarios::autenticar(&mut store, "maria.s", "clave-maria-1").unwrap();
    assert!(matches!(
        usuarios::agregar(
            &mut store,
            &maria,
            "otro",
            "Otro",
            Rol::Jefe,
            "clave-otro-12",
            None
        ),
        Err(Error::NoAutorizado(_))
    ));
    assert!(matches!(
        usuarios::cambiar_clave(&mut store, &maria, "jefe", None, "nueva-clave-9"),
        Err(Error::NoAutorizado(_))
    ));
    usuarios::cambiar_clave(
        &mut store,
        &maria,
        "maria.s",
        Some("clave-maria-1"),
        "clave-maria-2",
    )
    .unwrap();
    assert!(usuarios::autenticar(&mut store, "maria.s", "clave-maria-2").is_ok());
    usuarios::cambiar_clave(&mut store, &jefe, "maria.s", None, "clave-maria-3").unwrap();
    assert!(usuarios::autenticar(&mut store, "maria.s", "clave-maria-3").is_ok());
    let e = usuarios::agregar(
        &mut store,
        &jefe,
        "corto",
        "Corto",
        Rol::Citador,
        "abc",
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("al menos 10"));
    let e = usuarios::agregar(
        &mut store,
        &jefe,
        "MARIA.S",
        "Dup",
        Rol::Citador,
        "clave-larga-1",
        None,
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("ya existe"),
        "usuarios sin distinguir mayúsculas: {e}"
    );
    let hash: String = store
        .conn()
        .query_row(
            "SELECT clave_hash FROM usuarios WHERE usuario='jefe'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$"),
        "la clave se guarda con argon2id, no en claro"
    );
}
