//! Backups through the command: taken while the unit is in use, encrypted like it and checked,
//! listed, and restored with the current file kept aside; bad requests refused in Spanish.

use crate::comun::*;

fn titulos(e: &Entorno, desde: usize, n: usize) {
    let filas: String = (desde..desde + n)
        .map(|i| {
            format!(
                "T-{i},01/03/2026,1710034065,EMPRESA RESPALDADA {i},Aportes,100.00,0.00,100.00\n"
            )
        })
        .collect();
    let csv = e.escribir(
        &format!("t{desde}.csv"),
        format!("{ENCABEZADO}\n{filas}").as_bytes(),
    );
    let o = e.coactiva(&["titulos", "importar", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
}

fn cuantos(e: &Entorno) -> usize {
    json(&e.coactiva(&["--json", "titulos", "listar"]))
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_backup_is_encrypted_checked_and_restores_the_unit_as_it_was() {
    let e = Entorno::con_unidad();
    titulos(&e, 1, 5);
    let usb = e.ruta("usb");
    let o = e.coactiva(&[
        "--json",
        "respaldo",
        "crear",
        "--destino",
        usb.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let hechos = json(&o);
    let hechos = hechos.as_array().unwrap();
    assert_eq!(hechos.len(), 2, "the local folder and the USB disk");
    let copia = std::path::PathBuf::from(hechos[1]["ruta"].as_str().unwrap());
    assert!(copia.starts_with(&usb), "{}", copia.display());
    // Encrypted like the unit: no name in it, and only its owner reads it.
    let bytes = std::fs::read(&copia).unwrap();
    assert!(!bytes.windows(9).any(|w| w == b"RESPALDAD"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let modo = std::fs::metadata(&copia).unwrap().permissions().mode();
        assert_eq!(modo & 0o077, 0);
    }
    let v = json(&e.coactiva(&["--json", "respaldo", "listar"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    // Work after the backup, then the backup restored: the unit as it was.
    titulos(&e, 100, 3);
    assert_eq!(cuantos(&e), 8);
    let o = e.coactiva(&["respaldo", "restaurar", copia.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "a restore is confirmed");
    assert!(texto(&o.stderr).contains("--si"), "{}", texto(&o.stderr));
    let o = e.coactiva(&[
        "--json",
        "respaldo",
        "restaurar",
        copia.to_str().unwrap(),
        "--si",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let anterior = json(&o)["anterior"].as_str().unwrap().to_string();
    assert!(
        std::path::Path::new(&anterior).is_file(),
        "the current file kept aside"
    );
    assert_eq!(cuantos(&e), 5);
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stdout));
    // Something that is not this unit's backup is refused, and nothing changes.
    let falso = e.escribir("falso.db", b"no soy un respaldo");
    let o = e.coactiva(&["respaldo", "restaurar", falso.to_str().unwrap(), "--si"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no es un respaldo de esta unidad"),
        "{}",
        texto(&o.stderr)
    );
    assert_eq!(cuantos(&e), 5);
    let o = e.coactiva(&[
        "respaldo",
        "restaurar",
        e.ruta("no-existe.db").to_str().unwrap(),
        "--si",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn only_the_jefe_backs_up_and_restores() {
    let e = Entorno::con_unidad();
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-de-ana-12")
        .args([
            "usuarios",
            "agregar",
            "ana",
            "--nombres",
            "Ana",
            "--rol",
            "secretario",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e
        .comando()
        .env("COACTIVA_USUARIO", "ana")
        .env("COACTIVA_CLAVE", "clave-de-ana-12")
        .args(["respaldo", "crear"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texto(&o.stderr).contains("no puede"),
        "{}",
        texto(&o.stderr)
    );
}

/// Every backup listed opens with the unit's key and passes `verificar`; returns how many
/// títulos each holds.
fn respaldos_integros(e: &Entorno) -> Vec<i64> {
    let v = json(&e.coactiva(&["--json", "respaldo", "listar"]));
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ruta = r["ruta"].as_str().unwrap();
            let o = e.coactiva(&["--db", ruta, "verificar"]);
            assert_eq!(o.status.code(), Some(0), "{ruta}: {}", texto(&o.stdout));
            conectar(std::path::Path::new(ruta))
                .query_row("SELECT COUNT(*) FROM titulos", [], |f| f.get(0))
                .unwrap()
        })
        .collect()
}

#[test]
fn backups_taken_while_an_import_runs_hold_all_of_it_or_none() {
    let e = Entorno::con_unidad();
    titulos(&e, 1, 20);
    let filas: String = (1000..16000)
        .map(|i| {
            format!("T-{i},01/03/2026,1710034065,EMPRESA GRANDE {i},Aportes,100.00,0.00,100.00\n")
        })
        .collect();
    let csv = e.escribir("grande.csv", format!("{ENCABEZADO}\n{filas}").as_bytes());
    let mut importa = e
        .comando()
        .args(["titulos", "importar", csv.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut hechos = 0;
    while importa.try_wait().unwrap().is_none() || hechos == 0 {
        let o = e.coactiva(&["--json", "respaldo", "crear"]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
        hechos += 1;
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert!(importa.wait().unwrap().success());
    let o = e.coactiva(&["--json", "respaldo", "crear"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // One import is one transaction: a backup holds the unit before it or after it, whole.
    let cuentas = respaldos_integros(&e);
    assert!(!cuentas.is_empty());
    assert!(
        cuentas.iter().all(|n| *n == 20 || *n == 15020),
        "{cuentas:?}"
    );
    assert_eq!(
        cuentas[0], 15020,
        "the newest, taken after the import, holds it"
    );
}

#[test]
fn a_backup_killed_midway_leaves_no_backup_and_the_unit_whole() {
    let e = Entorno::con_unidad();
    titulos(&e, 1, 4000);
    for espera in [1u64, 15, 40, 90, 200] {
        let mut h = e
            .comando()
            .args(["respaldo", "crear"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(espera));
        let _ = h.kill(); // SIGKILL: no clean-up runs
        let _ = h.wait();
        let o = e.coactiva(&["verificar"]);
        assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stdout));
        assert_eq!(cuantos(&e), 4000);
        assert!(respaldos_integros(&e).iter().all(|n| *n == 4000));
    }
    let o = e.coactiva(&["--json", "respaldo", "crear"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(!respaldos_integros(&e).is_empty());
}
