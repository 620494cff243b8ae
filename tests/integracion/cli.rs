//! The `coactiva` command as a clerk runs it: exit codes, Spanish messages, JSON shapes.

use crate::comun::*;

#[test]
fn init_then_import_then_list_in_json() {
    let e = Entorno::con_unidad();
    let csv = e.escribir(
        "cartera.csv",
        format!(
            "{}\nT-1;24/11/2026;1714307103;Pérez José;Aportes;1.234,56;0,00;1.234,56\n",
            ENCABEZADO.replace(',', ";")
        )
        .as_bytes(),
    );
    let o = e.coactiva(&["titulos", "importar", csv.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let inf = json(&o);
    assert_eq!(inf["importados"], 1);
    assert_eq!(inf["errores"].as_array().unwrap().len(), 0);
    let o = e.coactiva(&["titulos", "listar", "--json", "--estado", "por_sortear"]);
    let v = json(&o);
    assert_eq!(v[0]["numero"], "T-1");
    assert_eq!(
        v[0]["total"], "1234.56",
        "total como texto con punto y dos decimales"
    );
    assert_eq!(v[0]["identificacion"], "1714307103");
    assert_eq!(v[0]["obligado"], "Pérez José");
    assert_eq!(v[0]["estado"], "por_sortear");
}

#[test]
fn a_bad_file_exits_2_lists_every_error_in_json_and_writes_nothing() {
    let e = Entorno::con_unidad();
    let csv = e.escribir(
        "malo.csv",
        format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\nT-2,01/02/2026,123,Ana,Aportes,100.00,0,100.00\nT-3,xx,1714307103,Ana,Aportes,100.00,0,90\n").as_bytes(),
    );
    let o = e.coactiva(&["titulos", "importar", csv.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let inf = json(&o);
    assert_eq!(inf["importados"], 0);
    let errs = inf["errores"].as_array().unwrap();
    let lineas: Vec<i64> = errs.iter().map(|x| x["linea"].as_i64().unwrap()).collect();
    assert_eq!(lineas, [3, 4, 4]);
    assert!(errs
        .iter()
        .all(|x| x["columna"].is_string() && x["mensaje"].is_string()));
    // Text mode says it on stderr, in Spanish.
    let o = e.coactiva(&["titulos", "importar", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("No se importó nada"));
    let v = json(&e.coactiva(&["titulos", "listar", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 0, "nada se escribió");
}

#[test]
fn db_option_goes_before_or_after_the_subcommand() {
    let e = Entorno::con_unidad();
    let otra = e.ruta("otra.db");
    let o = e
        .comando()
        .env_remove("COACTIVA_DB")
        .args([
            "--db",
            otra.to_str().unwrap(),
            "init",
            "--provincia",
            "9",
            "--unidad",
            "Guayas",
            "--ciudad",
            "Guayaquil",
            "--jefe",
            "jefe",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e
        .comando()
        .env_remove("COACTIVA_DB")
        .args(["unidad", "--json", "--db", otra.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        json(&o)["codigo"],
        "09001",
        "provincia con cero a la izquierda"
    );
    let o = e.coactiva(&["unidad", "--json"]);
    assert_eq!(
        json(&o)["codigo"],
        "17001",
        "COACTIVA_DB sigue apuntando a la primera"
    );
}

#[test]
fn abogados_register_state_impediment_and_list() {
    let e = Entorno::con_unidad();
    let o = e.coactiva(&[
        "abogados",
        "agregar",
        "--identificacion",
        "1714307103",
        "--nombres",
        "Ab. Raúl Pérez",
        "--externo",
        "--peso",
        "0,5",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(e
        .coactiva(&["abogados", "impedimento", "1714307103", "1792060346001"])
        .status
        .success());
    let o = e.coactiva(&[
        "abogados",
        "estado",
        "1714307103",
        "licencia",
        "--desde",
        "01/12/2026",
        "--hasta",
        "15/12/2026",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&e.coactiva(&["abogados", "listar", "--json"]));
    let a = &v[0];
    assert_eq!(a["identificacion"], "1714307103");
    assert_eq!(a["nombres"], "Ab. Raúl Pérez");
    assert_eq!(a["estado"], "licencia");
    assert_eq!(a["peso"], 0.5);
    assert_eq!(a["impedimentos"][0], "1792060346001");
    let o = e.coactiva(&[
        "abogados",
        "agregar",
        "--identificacion",
        "1714307103",
        "--nombres",
        "Otro",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("ya existe"));
    let o = e.coactiva(&[
        "abogados",
        "agregar",
        "--identificacion",
        "1714307104",
        "--nombres",
        "Otro",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("verificador"));
}

#[test]
fn exit_codes_and_messages_are_spanish() {
    let e = Entorno::con_unidad();
    // Usage errors: 2.
    let o = e.coactiva(&["titulos", "bailar"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("la orden «bailar» no existe"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&["abogados", "agregar", "--nombres", "X"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("falta un dato obligatorio"));
    // Wrong password: 1.
    let o = e
        .comando()
        .env("COACTIVA_CLAVE", "mala-clave")
        .args(["titulos", "listar"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(texto(&o.stderr).contains("usuario o clave incorrectos"));
    // No user given: 2, saying how to give it.
    let o = e
        .comando()
        .env_remove("COACTIVA_USUARIO")
        .args(["titulos", "listar"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("--usuario"));
    // A role that may not: 1.
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-consulta-1")
        .args([
            "usuarios",
            "agregar",
            "lector",
            "--nombres",
            "Lector",
            "--rol",
            "consulta",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e
        .comando()
        .env("COACTIVA_USUARIO", "lector")
        .env("COACTIVA_CLAVE", "clave-consulta-1")
        .args([
            "abogados",
            "agregar",
            "--identificacion",
            "1714307103",
            "--nombres",
            "X",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(texto(&o.stderr).contains("no puede administrar abogados"));
    // Help is Spanish.
    let o = e.coactiva(&["--help"]);
    assert!(o.status.success());
    assert!(
        texto(&o.stdout).contains("Opciones") && texto(&o.stdout).contains("Títulos de crédito")
    );
}

#[test]
fn commands_on_an_uninitialised_database_say_to_run_init() {
    let e = Entorno::nuevo();
    let o = e.coactiva(&["titulos", "listar"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texto(&o.stderr).contains("coactiva init"),
        "{}",
        texto(&o.stderr)
    );
    let o = e
        .comando()
        .env_remove("COACTIVA_CLAVE")
        .args([
            "init",
            "--provincia",
            "17",
            "--unidad",
            "U",
            "--ciudad",
            "Quito",
            "--jefe",
            "jefe",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "sin clave ni terminal no se puede crear el jefe"
    );
    assert!(texto(&o.stderr).contains("COACTIVA_CLAVE"));
    let o = e.coactiva(&[
        "init",
        "--provincia",
        "31",
        "--unidad",
        "U",
        "--ciudad",
        "Quito",
        "--jefe",
        "jefe",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("provincia"));
}

#[test]
fn verificar_exits_3_and_names_what_was_altered() {
    let e = Entorno::con_unidad();
    assert!(e
        .coactiva(&["demo", "--titulos", "10", "--abogados", "2"])
        .status
        .success());
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
    let conn = conectar(&e.db());
    conn.execute_batch(
        "DROP TRIGGER cambios_no_se_editan; UPDATE cambios SET usuario = 'intruso' WHERE seq = 5;",
    )
    .unwrap();
    drop(conn);
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        texto(&o.stderr).contains("cambio 5"),
        "{}",
        texto(&o.stderr)
    );
}

#[test]
fn the_log_file_is_written_in_the_data_directory_without_debtor_data() {
    let e = Entorno::con_unidad();
    let csv = e.escribir(
        "c.csv",
        format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Zoila Quishpe,Aportes,1,0,1\n").as_bytes(),
    );
    assert!(e
        .coactiva(&["titulos", "importar", csv.to_str().unwrap()])
        .status
        .success());
    let dir = e.dir.path().join("xdg/coactiva/logs");
    let contenido: String = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("no hay logs en {}", dir.display()))
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(contenido.contains("importación hecha"), "{contenido}");
    assert!(
        !contenido.contains("Quishpe") && !contenido.contains("1714307103"),
        "sin datos del deudor en el log"
    );
}

#[test]
fn demo_data_needs_the_jefe_and_a_unit_without_real_titulos() {
    let e = Entorno::con_unidad();
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-consulta-1")
        .args([
            "usuarios",
            "agregar",
            "lector",
            "--nombres",
            "Lector",
            "--rol",
            "consulta",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e
        .comando()
        .env("COACTIVA_USUARIO", "lector")
        .env("COACTIVA_CLAVE", "clave-consulta-1")
        .args(["demo", "--titulos", "5", "--abogados", "1"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "a consulta user must not create data");
    assert!(
        texto(&o.stderr).contains("no puede"),
        "{}",
        texto(&o.stderr)
    );
    // A unit with títulos imported from Cartera refuses demo data.
    let csv = e.escribir(
        "cartera.csv",
        format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n").as_bytes(),
    );
    assert!(e
        .coactiva(&["titulos", "importar", csv.to_str().unwrap()])
        .status
        .success());
    let o = e.coactiva(&[
        "demo",
        "--titulos",
        "5",
        "--abogados",
        "1",
        "--procesos",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("base de pruebas"),
        "{}",
        texto(&o.stderr)
    );
    let n: i64 = conectar(&e.db())
        .query_row("SELECT COUNT(*) FROM titulos", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "nothing synthetic was added");
}

#[test]
fn an_output_never_overwrites_the_database_nor_an_existing_file_unless_asked() {
    let e = unidad_con_un_sorteo();
    let antes = std::fs::read(e.db()).unwrap();
    let o = e.coactiva(&[
        "sorteo",
        "acta",
        "1",
        "--salida",
        e.db().to_str().unwrap(),
        "--reemplazar",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("base de datos"),
        "{}",
        texto(&o.stderr)
    );
    assert_eq!(
        std::fs::read(e.db()).unwrap(),
        antes,
        "the database is untouched"
    );
    let acta = e.ruta("acta.pdf");
    assert!(e
        .coactiva(&["sorteo", "acta", "1", "--salida", acta.to_str().unwrap()])
        .status
        .success());
    let o = e.coactiva(&["sorteo", "acta", "1", "--salida", acta.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("--reemplazar"),
        "{}",
        texto(&o.stderr)
    );
    assert!(e
        .coactiva(&[
            "sorteo",
            "acta",
            "1",
            "--salida",
            acta.to_str().unwrap(),
            "--reemplazar"
        ])
        .status
        .success());
}

#[test]
fn a_foliated_print_that_cannot_be_written_foliates_nothing() {
    let e = unidad_con_un_sorteo();
    let p = json(&e.coactiva(&["procesos", "abrir", "T-1", "--json"]))["numero"]
        .as_str()
        .unwrap()
        .to_string();
    let imposible = e.ruta("no-existe/orden.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        &p,
        "--salida",
        imposible.to_str().unwrap(),
        "--foliar",
    ]);
    assert_ne!(o.status.code(), Some(0));
    let bien = e.ruta("orden.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        &p,
        "--salida",
        bien.to_str().unwrap(),
        "--foliar",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stdout).contains("fojas 1 a"),
        "the retry takes foja 1: {}",
        texto(&o.stdout)
    );
}

/// A unit with one título imported from a file, one abogado and the sorteo that drew it.
fn unidad_con_un_sorteo() -> Entorno {
    let e = Entorno::con_unidad();
    let csv = e.escribir(
        "cartera.csv",
        format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n").as_bytes(),
    );
    for orden in [
        vec!["titulos", "importar", csv.to_str().unwrap()],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "1714307103",
            "--nombres",
            "Ab. Uno",
        ],
        vec!["sorteo", "ejecutar"],
        vec![
            "usuarios",
            "agregar",
            "maria",
            "--nombres",
            "María Suárez",
            "--rol",
            "secretario",
        ],
    ] {
        let o = e
            .comando()
            .args(&orden)
            .env("COACTIVA_CLAVE_NUEVA", "clave-de-maria-1")
            .output()
            .unwrap();
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    e
}
