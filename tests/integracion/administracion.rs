//! The Jefe's administration, through the command as the office's scripts use it: the unit's
//! data, users (deactivate, role), abogados (names, peso, licencias with dates and why) and
//! templates (restore, a sample with a real proceso). Every change is in the change log:
//! `verificar` rebuilds it, and notices one made behind the Jefe's back.

use crate::comun::*;

fn ok(e: &Entorno, args: &[&str]) -> std::process::Output {
    let o = e.coactiva(args);
    assert!(
        o.status.success(),
        "{args:?}: {}{}",
        texto(&o.stdout),
        texto(&o.stderr)
    );
    o
}

fn como(e: &Entorno, usuario: &str, clave: &str, args: &[&str]) -> std::process::Output {
    e.comando()
        .env("COACTIVA_USUARIO", usuario)
        .env("COACTIVA_CLAVE", clave)
        .args(args)
        .output()
        .unwrap()
}

fn sql(e: &Entorno, orden: &str) {
    let c = conectar(&e.db());
    c.execute_batch(orden).unwrap();
}

fn verificar_detecta(e: &Entorno, que: &[&str]) {
    let o = e.coactiva(&["verificar"]);
    let salida = format!("{}{}", texto(&o.stdout), texto(&o.stderr));
    assert_eq!(o.status.code(), Some(3), "{salida}");
    for q in que {
        assert!(salida.contains(q), "falta «{q}» en: {salida}");
    }
}

#[test]
fn the_jefe_corrects_the_units_data_and_verificar_rebuilds_it() {
    let e = Entorno::con_unidad();
    ok(
        &e,
        &[
            "unidad",
            "editar",
            "--nombre",
            "Unidad Provincial de Gestión de Coactiva de Pichincha",
            "--jefe",
            "Dr. Luis Andrade",
        ],
    );
    let u = json(&ok(&e, &["--json", "unidad"]));
    assert_eq!(
        u["nombre"],
        "Unidad Provincial de Gestión de Coactiva de Pichincha"
    );
    assert_eq!(u["jefe_nombres"], "Dr. Luis Andrade");
    assert_eq!(u["ciudad"], "Quito", "what was not given stays");
    assert_eq!(u["codigo"], "17001");
    ok(&e, &["verificar"]);
    // An empty name is refused in words, and nothing changes.
    let o = e.coactiva(&["unidad", "editar", "--ciudad", "  "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("falta la ciudad"),
        "{}",
        texto(&o.stderr)
    );
    assert_eq!(json(&ok(&e, &["--json", "unidad"]))["ciudad"], "Quito");
    sql(&e, "UPDATE unidad SET ciudad = 'Guayaquil'");
    verificar_detecta(&e, &["unidad", "ciudad"]);
}

#[test]
fn a_deactivated_user_cannot_log_in_and_keeps_his_history() {
    let e = Entorno::con_unidad();
    let crear = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-maria-1")
        .args([
            "usuarios",
            "agregar",
            "maria",
            "--nombres",
            "María Suárez",
            "--rol",
            "secretario",
        ])
        .output()
        .unwrap();
    assert!(crear.status.success(), "{}", texto(&crear.stderr));
    assert!(como(&e, "maria", "clave-maria-1", &["unidad"])
        .status
        .success());
    // A secretario cannot deactivate anyone.
    let o = como(
        &e,
        "maria",
        "clave-maria-1",
        &["usuarios", "desactivar", "jefe"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", texto(&o.stderr));
    ok(&e, &["usuarios", "desactivar", "maria"]);
    let o = como(&e, "maria", "clave-maria-1", &["unidad"]);
    assert!(!o.status.success());
    assert!(
        texto(&o.stderr).contains("desactivado"),
        "{}",
        texto(&o.stderr)
    );
    let v = json(&ok(&e, &["--json", "usuarios", "listar"]));
    let maria = v
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["usuario"] == "maria")
        .unwrap();
    assert_eq!(maria["activo"], false);
    ok(&e, &["verificar"]);
    ok(&e, &["usuarios", "activar", "maria"]);
    assert!(como(&e, "maria", "clave-maria-1", &["unidad"])
        .status
        .success());
    // A role change: consulta only reads.
    ok(&e, &["usuarios", "editar", "maria", "--rol", "consulta"]);
    let o = como(
        &e,
        "maria",
        "clave-maria-1",
        &["configuracion", "cambiar", "termino_orden_pago", "4"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", texto(&o.stderr));
    ok(&e, &["verificar"]);
    sql(
        &e,
        "UPDATE usuarios SET rol = 'jefe' WHERE usuario = 'maria'",
    );
    verificar_detecta(&e, &["usuarios", "maria", "rol"]);
}

#[test]
fn the_unit_never_goes_without_an_active_jefe() {
    let e = Entorno::con_unidad();
    for (args, dice) in [
        (vec!["usuarios", "desactivar", "jefe"], "propio usuario"),
        (
            vec!["usuarios", "editar", "jefe", "--rol", "secretario"],
            "a sí mismo",
        ),
        (
            vec!["usuarios", "editar", "jefe", "--rol", "abogado"],
            "a sí mismo",
        ),
        (vec!["usuarios", "desactivar", "nadie"], "no existe"),
    ] {
        let o = e.coactiva(&args);
        assert_ne!(o.status.code(), Some(0), "{args:?}");
        assert!(
            texto(&o.stderr).contains(dice),
            "{args:?}: {}",
            texto(&o.stderr)
        );
    }
    // A second Jefe may demote the first; the last one may not be demoted by anybody.
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-del-otro-1")
        .args([
            "usuarios",
            "agregar",
            "otro",
            "--nombres",
            "Otro Jefe",
            "--rol",
            "jefe",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    ok(&e, &["usuarios", "editar", "otro", "--rol", "secretario"]);
    let o = e.coactiva(&["usuarios", "editar", "otro", "--rol", "abogado"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("registro de abogado"),
        "{}",
        texto(&o.stderr)
    );
    ok(&e, &["verificar"]);
}

#[test]
fn an_abogados_peso_names_and_licencia_with_dates_and_reason() {
    let e = Entorno::con_unidad();
    ok(
        &e,
        &[
            "abogados",
            "agregar",
            "--identificacion",
            "1710034065",
            "--nombres",
            "Ab. Uno",
        ],
    );
    ok(
        &e,
        &[
            "abogados",
            "editar",
            "1710034065",
            "--nombres",
            "Ab. Uno Pérez",
            "--peso",
            "0,5",
            "--email",
            "uno@iess.gob.ec",
        ],
    );
    ok(
        &e,
        &[
            "abogados",
            "estado",
            "1710034065",
            "licencia",
            "--desde",
            "01/12/2026",
            "--hasta",
            "15/12/2026",
            "--motivo",
            "vacaciones",
        ],
    );
    let v = json(&ok(&e, &["--json", "abogados", "listar"]));
    let a = &v.as_array().unwrap()[0];
    assert_eq!(a["nombres"], "Ab. Uno Pérez");
    assert_eq!(a["peso"], 0.5);
    assert_eq!(a["email"], "uno@iess.gob.ec");
    assert_eq!(a["licencia_motivo"], "vacaciones");
    assert_eq!(a["licencia_hasta"], "2026-12-15");
    ok(&e, &["verificar"]);
    for (args, dice) in [
        (
            vec!["abogados", "editar", "1710034065", "--peso", "0"],
            "peso",
        ),
        (
            vec!["abogados", "editar", "1710034065", "--nombres", " "],
            "faltan los nombres",
        ),
        (
            vec!["abogados", "editar", "1710034065", "--email", "sin-arroba"],
            "correo",
        ),
        (
            vec!["abogados", "editar", "1714307103", "--nombres", "X"],
            "no existe",
        ),
        (
            vec![
                "abogados",
                "estado",
                "1710034065",
                "activo",
                "--motivo",
                "vacaciones",
            ],
            "licencia",
        ),
        (
            vec![
                "abogados",
                "estado",
                "1710034065",
                "licencia",
                "--desde",
                "15/12/2026",
                "--hasta",
                "01/12/2026",
            ],
            "antes de empezar",
        ),
    ] {
        let o = e.coactiva(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", texto(&o.stderr));
        let m = texto(&o.stderr);
        assert!(m.contains(dice), "{args:?}: {m}");
        assert!(!m.contains("--"), "a flag in the message: {m}");
    }
    sql(&e, "UPDATE abogados SET peso_milesimas = 1000");
    verificar_detecta(&e, &["abogados", "1710034065", "peso_milesimas"]);
}

#[test]
fn a_template_is_tried_on_a_real_proceso_and_restored_to_the_original() {
    let (e, numero) = con_un_proceso(
        "T-1,2026-03-15,1714307103,JUAN PEREZ,Aportes,1000.00,20.00,1020.00,Quito,2026-04-15",
    );
    let propia = e.escribir(
        "razon.txt",
        "# RAZÓN DE LA UNIDAD\n\nProceso {{ proceso.numero }}: {{ texto }}\n".as_bytes(),
    );
    let muestra = e.ruta("muestra.pdf");
    ok(
        &e,
        &[
            "configuracion",
            "probar-plantilla",
            "razon",
            "--archivo",
            propia.to_str().unwrap(),
            "--salida",
            muestra.to_str().unwrap(),
        ],
    );
    let t = texto_pdf(&muestra);
    assert!(t.contains("MUESTRA SIN VALOR LEGAL"), "{t}");
    assert!(
        t.contains("RAZÓN DE LA UNIDAD") && t.contains(&numero),
        "{t}"
    );
    // Trying it saved nothing and foliated nothing.
    let p = json(&ok(&e, &["--json", "configuracion", "plantillas"]));
    assert!(p.as_array().unwrap().iter().all(|x| x["propia"] == false));
    let exp = json(&ok(&e, &["--json", "procesos", "ver", &numero]));
    assert_eq!(
        exp["actuaciones"].as_array().map(|a| a.len()).unwrap_or(0),
        0,
        "{exp}"
    );
    // A misspelled field is refused before any sample.
    let mala = e.escribir("mala.txt", "# RAZÓN\n\n{{ proceso.numerro }}\n".as_bytes());
    let o = e.coactiva(&[
        "configuracion",
        "probar-plantilla",
        "razon",
        "--archivo",
        mala.to_str().unwrap(),
        "--salida",
        muestra.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("proceso.numerro"),
        "{}",
        texto(&o.stderr)
    );
    ok(
        &e,
        &[
            "configuracion",
            "plantilla",
            "razon",
            "--archivo",
            propia.to_str().unwrap(),
        ],
    );
    ok(&e, &["configuracion", "restaurar-plantilla", "razon"]);
    let p = json(&ok(&e, &["--json", "configuracion", "plantillas"]));
    let razon = p
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nombre"] == "razon")
        .unwrap();
    assert_eq!(razon["propia"], false);
    assert!(!razon["texto"].as_str().unwrap().contains("DE LA UNIDAD"));
    let o = e.coactiva(&["configuracion", "restaurar-plantilla", "razon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("ya es la original"),
        "{}",
        texto(&o.stderr)
    );
    ok(&e, &["verificar"]);
    // A unit's version put back behind the Jefe's back is noticed.
    sql(&e, "INSERT INTO plantillas (nombre, texto, sha256, guardada_por, guardada_en) VALUES ('razon', 'X', 'x', 'jefe', '2026-11-24')");
    verificar_detecta(&e, &["plantillas", "razon"]);
}
