//! Encryption at rest through the command: a copied file reveals nothing, each user's password
//! opens it, the recovery code gives the raw key for the sqlcipher shell, a plain database of an
//! earlier version is encrypted when the Jefe logs in, and bad codes and passwords are refused
//! in Spanish.

use std::sync::Arc;

use crate::comun::*;

fn codigo_de(init: &std::process::Output) -> String {
    let t = texto(&init.stdout);
    t.lines()
        .find_map(|l| l.strip_prefix("Código de recuperación: "))
        .unwrap_or_else(|| panic!("init did not give the code: {t}"))
        .trim()
        .to_string()
}

fn iniciar(e: &Entorno) -> String {
    let o = e.coactiva(&[
        "init",
        "--provincia",
        "17",
        "--unidad",
        "Unidad de Pichincha",
        "--ciudad",
        "Quito",
        "--jefe",
        "jefe",
        "--nombres-jefe",
        "Dra. Ana Núñez",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    codigo_de(&o)
}

#[test]
fn a_copied_database_shows_no_debtor_and_only_a_password_or_the_code_opens_it() {
    let e = Entorno::nuevo();
    let codigo = iniciar(&e);
    assert!(
        regex_lite_codigo(&codigo),
        "a code in five groups of five: {codigo}"
    );
    let csv = e.escribir(
        "t.csv",
        format!(
            "{ENCABEZADO}\nT-1,01/03/2026,1710034065,COMERCIAL ANDINA ZAMBRANO,Aportes,500.00,0.00,500.00\n"
        )
        .as_bytes(),
    );
    let o = e.coactiva(&["titulos", "importar", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // strings finds no name; plain SQLite cannot read it.
    let todo: Vec<u8> = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::read(format!("{}{s}", e.db().display())).ok())
        .flatten()
        .collect();
    for nombre in [&b"ANDINA"[..], b"Pichincha", b"1710034065"] {
        assert!(
            !todo.windows(nombre.len()).any(|w| w == nombre),
            "{}",
            String::from_utf8_lossy(nombre)
        );
    }
    let plano = rusqlite::Connection::open(e.db()).unwrap();
    assert!(plano
        .query_row("SELECT count(*) FROM titulos", [], |r| r.get::<_, i64>(0))
        .is_err());
    #[cfg(unix)]
    for r in [e.db(), coactiva::cifrado::ruta_llavero(&e.db())] {
        use std::os::unix::fs::PermissionsExt;
        let modo = std::fs::metadata(&r).unwrap().permissions().mode();
        assert_eq!(modo & 0o077, 0, "{} is its owner's only", r.display());
    }
    // A wrong password: refused, in Spanish.
    let o = e
        .comando()
        .env("COACTIVA_CLAVE", "no-es-la-clave")
        .args(["titulos", "listar"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texto(&o.stderr).contains("usuario o clave incorrectos"),
        "{}",
        texto(&o.stderr)
    );
    // The recovery code gives the raw key, which opens the file as the sqlcipher shell does.
    let o = e.coactiva(&["clave-datos", "--recuperacion", &codigo.to_lowercase()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let clave = texto(&o.stdout).trim().to_string();
    assert_eq!(clave.len(), 64);
    let c = rusqlite::Connection::open(e.db()).unwrap();
    c.execute_batch(&format!(
        "PRAGMA key = \"x'{clave}'\"; PRAGMA cipher_page_size = 8192;"
    ))
    .unwrap();
    let obligado: String = c
        .query_row("SELECT obligado FROM titulos", [], |r| r.get(0))
        .unwrap();
    assert_eq!(obligado, "COMERCIAL ANDINA ZAMBRANO");
    // Another code, or a code mistyped, is refused in words.
    let otro = "7K3QD-AAAAA-BBBBB-CCCCC-DDDDD";
    let o = e.coactiva(&["clave-datos", "--recuperacion", otro]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texto(&o.stderr).contains("no es el de esta base"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&["clave-datos", "--recuperacion", "12345"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("25 caracteres"),
        "{}",
        texto(&o.stderr)
    );
    // Without its key file, the unit says the code is what opens it.
    std::fs::rename(
        coactiva::cifrado::ruta_llavero(&e.db()),
        e.ruta("llaves-aparte"),
    )
    .unwrap();
    let o = e.coactiva(&["titulos", "listar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("código de recuperación"),
        "{}",
        texto(&o.stderr)
    );
    std::fs::rename(
        e.ruta("llaves-aparte"),
        coactiva::cifrado::ruta_llavero(&e.db()),
    )
    .unwrap();
    // verificar still passes on the encrypted file.
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stdout));
}

fn regex_lite_codigo(c: &str) -> bool {
    let grupos: Vec<&str> = c.split('-').collect();
    grupos.len() == 5
        && grupos.iter().all(|g| {
            g.len() == 5
                && g.chars()
                    .all(|x| x.is_ascii_digit() || x.is_ascii_uppercase())
        })
}

#[test]
fn each_user_opens_it_with_his_password_and_loses_that_when_deactivated_or_changed() {
    let e = Entorno::nuevo();
    iniciar(&e);
    let como = |usuario: &str, clave: &str, args: &[&str]| {
        e.comando()
            .env("COACTIVA_USUARIO", usuario)
            .env("COACTIVA_CLAVE", clave)
            .args(args)
            .output()
            .unwrap()
    };
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-de-pedro-1")
        .args([
            "usuarios",
            "agregar",
            "pedro",
            "--nombres",
            "Pedro Intriago",
            "--rol",
            "consulta",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(como("pedro", "clave-de-pedro-1", &["titulos", "listar"])
        .status
        .success());
    // A new password: the old one no longer opens the file.
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "otra-clave-de-pedro")
        .args(["usuarios", "clave", "pedro"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(
        como("pedro", "clave-de-pedro-1", &["titulos", "listar"])
            .status
            .code(),
        Some(1)
    );
    assert!(como("pedro", "otra-clave-de-pedro", &["titulos", "listar"])
        .status
        .success());
    // Deactivated, his slot leaves the key file; reactivated, it comes back.
    assert!(e
        .coactiva(&["usuarios", "desactivar", "pedro"])
        .status
        .success());
    let llavero = coactiva::cifrado::Llavero::leer(&e.db()).unwrap().unwrap();
    assert!(!llavero.tiene("pedro") && llavero.tiene("jefe"));
    assert_eq!(
        como("pedro", "otra-clave-de-pedro", &["titulos", "listar"])
            .status
            .code(),
        Some(1)
    );
    assert!(e
        .coactiva(&["usuarios", "activar", "pedro"])
        .status
        .success());
    assert!(como("pedro", "otra-clave-de-pedro", &["titulos", "listar"])
        .status
        .success());
}

#[test]
fn a_plain_database_of_an_earlier_version_is_encrypted_when_the_jefe_logs_in() {
    let e = Entorno::nuevo();
    {
        let mut s =
            coactiva::Store::open(&e.db(), Arc::new(coactiva::FixedClock::on(hoy()))).unwrap();
        let jefe = coactiva::unidad::inicializar(&mut s, &nueva_unidad()).unwrap();
        coactiva::demo::poblar(&mut s, &jefe, 20, 2, 3).unwrap();
    }
    assert_eq!(
        coactiva::cifrado::estado(&e.db()).unwrap(),
        coactiva::cifrado::Estado::SinCifrar
    );
    let o = e.coactiva(&["--json", "titulos", "listar"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(
        json(&o).as_array().unwrap().len(),
        20,
        "the JSON stays clean"
    );
    let aviso = texto(&o.stderr);
    assert!(
        aviso.contains("quedó cifrada") && aviso.contains("Código de recuperación: "),
        "{aviso}"
    );
    assert_eq!(
        coactiva::cifrado::estado(&e.db()).unwrap(),
        coactiva::cifrado::Estado::Cifrada
    );
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stdout));
    // Only once: the next login says nothing of it.
    let o = e.coactiva(&["titulos", "listar"]);
    assert!(!texto(&o.stderr).contains("Código de recuperación"));
}
