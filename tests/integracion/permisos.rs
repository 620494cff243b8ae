//! The permission table walked through the command: every role tries every action, and is
//! refused exactly where `Rol::puede` says so. A Secretario-Abogado acts only on his own
//! procesos; a citador records citaciones and prints their razones; consulta changes nothing.

use coactiva::identificacion::cedula_con_verificador;
use coactiva::usuarios::{Accion, Rol};

use crate::comun::{json, texto, Entorno, ENCABEZADO};

const CLAVE_USUARIOS: &str = "otra-clave-larga-9";

struct Oficina {
    e: Entorno,
    /// The proceso drawn to the abogado the `abo` user is linked to, and another one's.
    propio: String,
    ajeno: String,
    obligado_propio: String,
    pdf: std::path::PathBuf,
}

fn correr(e: &Entorno, usuario: &str, args: &[&str]) -> std::process::Output {
    let mut c = e.comando();
    c.args(args).env("COACTIVA_CLAVE_NUEVA", CLAVE_USUARIOS);
    if usuario != "jefe" {
        c.env("COACTIVA_USUARIO", usuario)
            .env("COACTIVA_CLAVE", CLAVE_USUARIOS);
    }
    c.output().unwrap()
}

fn exito(o: &std::process::Output, que: &str) {
    assert!(o.status.success(), "{que}: {}", texto(&o.stderr));
}

fn oficina() -> Oficina {
    let e = Entorno::con_unidad();
    let csv = e.escribir(
        "cartera.csv",
        format!(
            "{ENCABEZADO}\nT-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00\n\
             T-2,01/02/2026,0102030400,Luis Quishpe,Aportes,1400.00,0,1400.00\n"
        )
        .as_bytes(),
    );
    for orden in [
        vec!["titulos", "importar", csv.to_str().unwrap()],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "1710034065",
            "--nombres",
            "Ab. Uno",
        ],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "0926687856",
            "--nombres",
            "Ab. Dos",
        ],
        vec!["sorteo", "ejecutar"],
        vec!["procesos", "abrir", "T-1"],
        vec!["procesos", "abrir", "T-2"],
        vec![
            "usuarios",
            "agregar",
            "sec",
            "--nombres",
            "Secretaria",
            "--rol",
            "secretario",
        ],
        vec![
            "usuarios",
            "agregar",
            "abo",
            "--nombres",
            "Ab. Uno",
            "--rol",
            "abogado",
            "--abogado",
            "1710034065",
        ],
        vec![
            "usuarios",
            "agregar",
            "cit",
            "--nombres",
            "Citador",
            "--rol",
            "citador",
        ],
        vec![
            "usuarios",
            "agregar",
            "con",
            "--nombres",
            "Consulta",
            "--rol",
            "consulta",
        ],
        vec![
            "configuracion",
            "cambiar",
            "destino_sync",
            e.ruta("usb").to_str().unwrap(),
        ],
    ] {
        exito(&correr(&e, "jefe", &orden), &format!("{orden:?}"));
    }
    std::fs::create_dir_all(e.ruta("usb")).unwrap();
    let mut propio = (String::new(), String::new());
    let mut ajeno = String::new();
    for n in ["17001-2026-00001", "17001-2026-00002"] {
        let v = json(&correr(&e, "jefe", &["procesos", "ver", n, "--json"]));
        let abogado = v["proceso"]["abogado"]
            .as_str()
            .or(v["abogado"].as_str())
            .unwrap_or_else(|| panic!("{v}"))
            .to_string();
        let obligado = v["proceso"]["identificacion"]
            .as_str()
            .or(v["identificacion"].as_str())
            .unwrap_or_default()
            .to_string();
        if abogado == "1710034065" {
            propio = (n.to_string(), obligado);
        } else {
            ajeno = n.to_string();
        }
    }
    assert!(
        !propio.0.is_empty() && !ajeno.is_empty(),
        "one proceso each"
    );
    let pdf = e.escribir(
        "escrito.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Escrito").unwrap(),
    );
    Oficina {
        e,
        propio: propio.0,
        ajeno,
        obligado_propio: propio.1,
        pdf,
    }
}

/// Whether the command refused for lack of permission (as opposed to anything else).
fn negado(o: &std::process::Output) -> bool {
    let m = texto(&o.stderr);
    o.status.code() == Some(1)
        && (m.contains("tiene el rol")
            || m.contains("a cargo de otro abogado")
            || m.contains("lo decide el Jefe"))
}

#[test]
fn every_role_tries_every_action_and_the_table_decides() {
    let o = oficina();
    let e = &o.e;
    let mut serie = 0u32;
    let mut fallos = vec![];
    for (usuario, rol) in [
        ("jefe", Rol::Jefe),
        ("sec", Rol::Secretario),
        ("abo", Rol::Abogado),
        ("cit", Rol::Citador),
        ("con", Rol::Consulta),
    ] {
        for accion in Accion::TODAS {
            serie += 1;
            let unico = cedula_con_verificador(&format!("1710{serie:05}"));
            let csv = e.escribir(
                &format!("c{serie}.csv"),
                format!("{ENCABEZADO}\nX-{serie},01/02/2026,{unico},Otro,Aportes,10.00,0,10.00\n")
                    .as_bytes(),
            );
            let pdf = o.pdf.to_str().unwrap();
            let usb = e.ruta("usb");
            let nombre_usuario = format!("u{serie}");
            let args: Vec<&str> = match accion {
                Accion::Consultar => vec!["procesos", "listar"],
                Accion::ImportarTitulos => vec!["titulos", "importar", csv.to_str().unwrap()],
                Accion::Sortear => vec!["sorteo", "ejecutar"],
                Accion::Tramitar => vec![
                    "procesos",
                    "garante",
                    &o.propio,
                    "--identificacion",
                    &unico,
                    "--nombres",
                    "Garante",
                ],
                Accion::Citar => vec![
                    "procesos",
                    "citar",
                    &o.propio,
                    "--parte",
                    &o.obligado_propio,
                    "--tipo",
                    "personal",
                ],
                Accion::Foliar => vec![
                    "procesos",
                    "agregar",
                    &o.propio,
                    "--tipo",
                    "escrito",
                    "--archivo",
                    pdf,
                ],
                Accion::AdministrarAbogados => vec![
                    "abogados",
                    "agregar",
                    "--identificacion",
                    &unico,
                    "--nombres",
                    "Ab. Nuevo",
                ],
                Accion::AdministrarUsuarios => vec![
                    "usuarios",
                    "agregar",
                    &nombre_usuario,
                    "--nombres",
                    "Nuevo",
                    "--rol",
                    "consulta",
                ],
                Accion::Configurar => vec!["configuracion", "cambiar", "termino_orden_pago", "4"],
                Accion::Sincronizar => vec!["sincronizar", "--destino", usb.to_str().unwrap()],
                Accion::Aprobar => vec!["costas", "aprobar", "999"],
                Accion::Honorarios => vec!["honorarios", "solicitar", &o.propio],
                Accion::AsignarCitadores => vec!["citaciones", "asignar", &o.propio, "--turno"],
                Accion::Medidas => vec![
                    "medidas",
                    "responder",
                    "999",
                    "--fecha",
                    "24/11/2026",
                    "--texto",
                    "Sin fondos",
                ],
                Accion::Excepciones => vec![
                    "excepciones",
                    "resolver",
                    "999",
                    "--fecha",
                    "24/11/2026",
                    "--resultado",
                    "rechazada",
                ],
                Accion::Cobrar => vec![
                    "pagos",
                    "registrar",
                    &o.propio,
                    "--valor",
                    "1,00",
                    "--fecha",
                    "24/11/2026",
                    "--forma",
                    "deposito",
                    "--referencia",
                    "BP-1",
                ],
            };
            let salida = correr(e, usuario, &args);
            let esperado = rol.puede(accion);
            if negado(&salida) == esperado {
                fallos.push(format!(
                    "{rol} {accion:?}: {} (esperaba {}) — {}",
                    if negado(&salida) {
                        "negado"
                    } else {
                        "permitido"
                    },
                    if esperado { "permitido" } else { "negado" },
                    texto(&salida.stderr)
                ));
            }
        }
    }
    assert!(fallos.is_empty(), "{}", fallos.join("\n"));
}

#[test]
fn a_secretario_abogado_acts_only_on_his_own_procesos_and_a_citador_only_cites() {
    let o = oficina();
    let e = &o.e;
    let salida_pdf = e.ruta("x.pdf");
    let x = salida_pdf.to_str().unwrap();
    let pdf = o.pdf.to_str().unwrap();
    for args in [
        vec!["procesos", "etapa", o.ajeno.as_str(), "orden_pago"],
        vec![
            "procesos",
            "agregar",
            &o.ajeno,
            "--tipo",
            "escrito",
            "--archivo",
            pdf,
        ],
        vec![
            "imprimir",
            "orden-pago",
            &o.ajeno,
            "--foliar",
            "--salida",
            x,
            "--reemplazar",
        ],
    ] {
        let s = correr(e, "abo", &args);
        assert!(negado(&s), "abo {args:?}: {}", texto(&s.stderr));
    }
    let s = correr(e, "abo", &["procesos", "etapa", &o.propio, "orden_pago"]);
    exito(&s, "abo, su propio proceso");
    // The citador records a citación, prints and foliates its razón, nothing else.
    let s = correr(
        e,
        "cit",
        &[
            "procesos",
            "citar",
            &o.propio,
            "--parte",
            &o.obligado_propio,
            "--tipo",
            "personal",
        ],
    );
    exito(&s, "el citador registra la citación");
    let s = correr(
        e,
        "cit",
        &[
            "imprimir",
            "razon-citacion",
            &o.propio,
            "--foliar",
            "--salida",
            x,
            "--reemplazar",
        ],
    );
    assert!(!negado(&s), "{}", texto(&s.stderr));
    let s = correr(
        e,
        "cit",
        &[
            "imprimir",
            "orden-pago",
            &o.propio,
            "--foliar",
            "--salida",
            x,
            "--reemplazar",
        ],
    );
    assert!(negado(&s), "{}", texto(&s.stderr));
    // Consulta reads and prints without foliating.
    let s = correr(
        e,
        "con",
        &[
            "imprimir",
            "indice",
            &o.propio,
            "--salida",
            x,
            "--reemplazar",
        ],
    );
    exito(&s, "consulta imprime sin foliar");
    let s = correr(
        e,
        "con",
        &[
            "imprimir",
            "orden-pago",
            &o.propio,
            "--foliar",
            "--salida",
            x,
            "--reemplazar",
        ],
    );
    assert!(negado(&s), "{}", texto(&s.stderr));
    let s = correr(e, "con", &["demo", "--titulos", "5"]);
    assert!(negado(&s), "{}", texto(&s.stderr));
    // A secretario sends to the configured destination only.
    let otra = e.ruta("otra");
    std::fs::create_dir_all(&otra).unwrap();
    let s = correr(
        e,
        "sec",
        &["sincronizar", "--destino", otra.to_str().unwrap()],
    );
    assert!(negado(&s), "{}", texto(&s.stderr));
    // A user with the abogado role must be linked to an existing abogado.
    let s = correr(
        e,
        "jefe",
        &[
            "usuarios",
            "agregar",
            "suelto",
            "--nombres",
            "X",
            "--rol",
            "abogado",
        ],
    );
    assert_eq!(s.status.code(), Some(2), "{}", texto(&s.stderr));
    assert!(texto(&s.stderr).contains("vincula"), "{}", texto(&s.stderr));
}

#[test]
fn the_readme_shows_the_permission_table_the_code_enforces() {
    let readme = include_str!("../../README.md");
    let tabla = Accion::tabla_markdown();
    assert!(
        readme.contains(&tabla),
        "README.md must contain the role × action table:\n{tabla}"
    );
}
