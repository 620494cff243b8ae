//! Citación as it must stand up in court, through the command: the diligencia's hour,
//! receiver, GPS, photographs and real citador; both boletas in the razón; the término of the
//! orden de pago per party from the day it was cited; citadores assigned and evaluated.

use std::process::Output;

use crate::comun::*;

const OBLIGADO: &str = "1714307103";
const GARANTE: &str = "0102030400";

/// A proceso at the orden de pago (dictated 24/11/2026), with a garante and a citador, Pedro.
fn proceso() -> (Entorno, String) {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    for orden in [
        vec![
            "procesos",
            "garante",
            &p,
            "--identificacion",
            GARANTE,
            "--nombres",
            "Luis Garante",
            "--direccion",
            "Av. Amazonas N24-100",
        ],
        vec!["procesos", "etapa", &p, "orden_pago"],
        vec![
            "usuarios",
            "agregar",
            "pedro",
            "--nombres",
            "Pedro Intriago",
            "--rol",
            "citador",
        ],
    ] {
        let o = e
            .comando()
            .env("COACTIVA_CLAVE_NUEVA", "clave-de-pedro-1")
            .args(&orden)
            .output()
            .unwrap();
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    (e, p)
}

fn como_pedro(e: &Entorno, dia: &str, args: &[&str]) -> Output {
    e.comando()
        .env(coactiva::fechas::VARIABLE_RELOJ, dia)
        .env("COACTIVA_USUARIO", "pedro")
        .env("COACTIVA_CLAVE", "clave-de-pedro-1")
        .args(args)
        .output()
        .unwrap()
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    texto(&o.stdout)
}

/// A real PNG picture (64×48, a gradient), written by the test: stored deflate blocks, so no
/// compressor is needed.
fn foto(e: &Entorno) -> std::path::PathBuf {
    fn crc32(b: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &x in b {
            c ^= x as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn trozo(out: &mut Vec<u8>, tipo: &[u8], datos: &[u8]) {
        out.extend((datos.len() as u32).to_be_bytes());
        let mut t = tipo.to_vec();
        t.extend(datos);
        out.extend(&t);
        out.extend(crc32(&t).to_be_bytes());
    }
    let (w, h) = (64u32, 48u32);
    let mut crudo = vec![];
    for y in 0..h {
        crudo.push(0);
        for x in 0..w {
            crudo.extend([(x * 4) as u8, (y * 5) as u8, 160]);
        }
    }
    let mut z = vec![0x78, 0x01];
    let partes: Vec<&[u8]> = crudo.chunks(65_535).collect();
    for (i, p) in partes.iter().enumerate() {
        z.push((i + 1 == partes.len()) as u8);
        z.extend((p.len() as u16).to_le_bytes());
        z.extend((!(p.len() as u16)).to_le_bytes());
        z.extend(*p);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &crudo {
        a = (a + x as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = vec![];
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    trozo(&mut png, b"IHDR", &ihdr);
    trozo(&mut png, b"IDAT", &z);
    trozo(&mut png, b"IEND", &[]);
    e.escribir("foto.png", &png)
}

#[test]
fn a_razon_de_citacion_tells_both_boletas_with_their_hour_receiver_and_citador() {
    let (e, p) = proceso();
    let f = foto(&e);
    // The first boleta, Wednesday 25 Nov at 10:15, received by an employee, with GPS and a photo.
    let o = como_pedro(
        &e,
        "2026-11-25T17:00:00-05:00",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "boleta1",
            "--fecha",
            "25/11/2026",
            "--hora",
            "10:15",
            "--direccion",
            "Av. 10 de Agosto N21-45",
            "--receptor",
            "Ana Añazco",
            "--receptor-identificacion",
            "1710034065",
            "--relacion",
            "empleado",
            "--latitud",
            "-0,201234",
            "--longitud",
            "-78,491234",
            "--foto",
            f.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stdout).contains("Pedro Intriago"),
        "{}",
        texto(&o.stdout)
    );
    // The second boleta the same day is refused; the next day it is taken.
    let o = como_pedro(
        &e,
        "2026-11-25T18:00:00-05:00",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "boleta2",
            "--fecha",
            "25/11/2026",
            "--hora",
            "17:30",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("día distinto"),
        "{}",
        texto(&o.stderr)
    );
    let o = como_pedro(
        &e,
        "2026-11-26T18:00:00-05:00",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "boleta2",
            "--fecha",
            "26/11/2026",
            "--hora",
            "9:05",
            "--receptor",
            "Ana Añazco",
            "--relacion",
            "empleado",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // The photo is a foja of the expediente.
    let o = e.coactiva(&["--json", "procesos", "indice", &p]);
    let indice = texto(&o.stdout);
    assert!(
        indice.contains("Fotografía 1 de 1 de la diligencia de citación"),
        "{indice}"
    );
    // The razón, printed by the Jefe, names both boletas, the hours, the receiver and Pedro.
    let pdf = e.ruta("razon.pdf");
    let o = el_dia(
        &e,
        "2026-11-27",
        &[
            "imprimir",
            "razon-citacion",
            &p,
            "--salida",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for debe in [
        "25 de noviembre de 2026, a las 10h15",
        "dejé la primera boleta",
        "26 de noviembre de 2026, a las 09h05",
        "dejé la segunda boleta",
        "en poder de Ana Añazco",
        "Av. 10 de Agosto N21-45",
        "-0.201234",
        "quedó citado con la orden de pago inmediato el 26 de noviembre de 2026",
        "Pedro Intriago",
        "Citador",
    ] {
        assert!(t.contains(debe), "falta «{debe}» en la razón:\n{t}");
    }
    // The garante has no diligencia: no razón for him.
    let o = el_dia(
        &e,
        "2026-11-27",
        &[
            "imprimir",
            "razon-citacion",
            &p,
            "--parte",
            GARANTE,
            "--salida",
            e.ruta("g.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", texto(&o.stdout));
    assert!(
        texto(&o.stderr).contains("no hay citación registrada"),
        "{}",
        texto(&o.stderr)
    );
    // Everything is in the change log and verified.
    let o = e.coactiva(&["verificar"]);
    assert!(
        o.status.success(),
        "{}{}",
        texto(&o.stdout),
        texto(&o.stderr)
    );
}

#[test]
fn the_termino_runs_per_party_from_its_own_citacion() {
    let (e, p) = proceso();
    // The obligado cited personally on Wed 25 Nov; the garante on Mon 30 Nov.
    for (dia, parte, fecha) in [
        ("2026-11-25T18:00:00-05:00", OBLIGADO, "25/11/2026"),
        ("2026-11-30T18:00:00-05:00", GARANTE, "30/11/2026"),
    ] {
        let o = el_dia(
            &e,
            dia,
            &[
                "citaciones",
                "registrar",
                &p,
                "--parte",
                parte,
                "--tipo",
                "personal",
                "--fecha",
                fecha,
                "--hora",
                "11:00",
            ],
        );
        assert!(o.status.success(), "{}", texto(&o.stderr));
    }
    let o = el_dia(
        &e,
        "2026-11-30T18:00:00-05:00",
        &["--json", "procesos", "vencimientos", "--dias", "10"],
    );
    let v = json(&o);
    let mias: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["numero"] == p.as_str() && x["que"].as_str().unwrap().contains("dimitir"))
        .map(|x| {
            (
                x["que"].as_str().unwrap().to_string(),
                x["vence"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // 3 business days: Thu 26, Fri 27, Mon 30 → 30 Nov; from Mon 30: Tue 1, Wed 2, Thu 3 Dec.
    assert!(
        mias.iter()
            .any(|(q, v)| q.contains("Comercial Andina") && v == "2026-11-30"),
        "{mias:?}"
    );
    assert!(
        mias.iter()
            .any(|(q, v)| q.contains("Luis Garante") && v == "2026-12-03"),
        "{mias:?}"
    );
    // A second personal citación of someone already cited is refused, naming the day.
    let o = el_dia(
        &e,
        "2026-12-01",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "personal",
            "--hora",
            "09:00",
        ],
    );
    assert!(!o.status.success());
    assert!(
        texto(&o.stderr).contains("ya está citado") && texto(&o.stderr).contains("25/11/2026"),
        "{}",
        texto(&o.stderr)
    );
}

#[test]
fn bad_diligencias_are_refused_in_spanish_and_record_nothing() {
    let (e, p) = proceso();
    let base = [
        "citaciones",
        "registrar",
        p.as_str(),
        "--parte",
        OBLIGADO,
        "--tipo",
    ];
    for (extra, dice) in [
        (
            vec!["personal", "--fecha", "20/11/2026", "--hora", "10:00"],
            "anterior a la orden de pago",
        ),
        (vec!["personal", "--fecha", "24/11/2026"], "indique la hora"),
        (
            vec!["personal", "--hora", "10:00", "--resultado", "quizas"],
            "resultado",
        ),
        (vec!["personal", "--hora", "25:00"], "no es válida"),
        (vec!["personal", "--hora", "23:59"], "en el futuro"),
        (vec!["boleta2", "--hora", "10:00"], "primera boleta"),
        (
            vec!["boleta1", "--resultado", "negativa", "--hora", "10:00"],
            "boleta se deja",
        ),
        (
            vec!["prensa", "--hora", "10:00"],
            "detalle de la publicación",
        ),
        (
            vec!["personal", "--hora", "10:00", "--latitud", "-0,2"],
            "en pareja",
        ),
        (
            vec![
                "personal",
                "--hora",
                "10:00",
                "--latitud",
                "-95",
                "--longitud",
                "-78",
            ],
            "latitud",
        ),
        (
            vec!["personal", "--hora", "10:00", "--receptor", "Ana"],
            "relación",
        ),
        (
            vec![
                "personal",
                "--hora",
                "10:00",
                "--receptor-identificacion",
                "123",
            ],
            "identificación",
        ),
        (
            vec!["personal", "--hora", "10:00", "--citador", "jefe"],
            "no es citador",
        ),
        (
            vec!["personal", "--hora", "10:00", "--foto", "/no/existe.jpg"],
            "fotografía",
        ),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(extra.iter().copied());
        let o = el_dia(&e, "2026-11-25T12:00:00-05:00", &args);
        assert!(!o.status.success(), "{extra:?} fue aceptado");
        let m = texto(&o.stderr);
        assert!(m.contains(dice), "{extra:?}: «{m}» no dice «{dice}»");
        assert!(!m.contains("error:") && !m.contains("panicked"), "{m}");
    }
    // A file that is not a picture is refused too, and nothing was foliated meanwhile.
    let falsa = e.escribir("falsa.jpg", b"\xFF\xD8\xFF esto no es una foto");
    let o = el_dia(
        &e,
        "2026-11-25T12:00:00-05:00",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "personal",
            "--hora",
            "10:00",
            "--foto",
            falsa.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("imagen"), "{}", texto(&o.stderr));
    let v = json(&e.coactiva(&["--json", "citaciones", "ver", &p]));
    assert_eq!(v["diligencias"].as_array().unwrap().len(), 0, "{v}");
    let v = json(&e.coactiva(&["--json", "procesos", "indice", &p]));
    assert_eq!(v.as_array().map(|a| a.len()).unwrap_or(0), 0, "{v}");
}

#[test]
fn citadores_are_assigned_by_turn_and_evaluated() {
    let (e, p) = proceso();
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-de-rosa-12")
        .args([
            "usuarios",
            "agregar",
            "rosa",
            "--nombres",
            "Rosa Vera",
            "--rol",
            "citador",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // By turn: both have nothing; the tie goes by name (pedro before rosa).
    let a = json(&e.coactiva(&["--json", "citaciones", "asignar", &p, "--turno"]));
    assert_eq!(a["citador"], "pedro");
    assert_eq!(a["por_turno"], true);
    let c = json(&e.coactiva(&["--json", "citaciones", "citadores"]));
    let pedro = c
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["usuario"] == "pedro")
        .unwrap()
        .clone();
    assert_eq!(
        (pedro["asignados"].as_i64(), pedro["pendientes"].as_i64()),
        (Some(1), Some(1)),
        "{c}"
    );
    // Rosa may not record on Pedro's proceso.
    let o = e
        .comando()
        .env("COACTIVA_USUARIO", "rosa")
        .env("COACTIVA_CLAVE", "clave-de-rosa-12")
        .args([
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "personal",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stderr).contains("asignado al citador"),
        "{}",
        texto(&o.stderr)
    );
    // The Jefe records what Pedro did: the citador is Pedro, not the Jefe.
    let o = el_dia(
        &e,
        "2026-11-26T18:00:00-05:00",
        &[
            "--json",
            "citaciones",
            "registrar",
            &p,
            "--parte",
            OBLIGADO,
            "--tipo",
            "personal",
            "--fecha",
            "26/11/2026",
            "--hora",
            "10:00",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["citador"], "pedro");
    let o = el_dia(
        &e,
        "2026-11-27T18:00:00-05:00",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            GARANTE,
            "--tipo",
            "personal",
            "--resultado",
            "no_encontrado",
            "--fecha",
            "27/11/2026",
            "--hora",
            "10:00",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&el_dia(
        &e,
        "2026-11-30",
        &[
            "--json",
            "citaciones",
            "evaluacion",
            "--desde",
            "01/11/2026",
            "--hasta",
            "30/11/2026",
        ],
    ));
    let p0 = &v["citadores"][0];
    assert_eq!(p0["citador"], "pedro", "{v}");
    assert_eq!(p0["diligencias"], 2);
    assert_eq!(p0["citadas"], 1);
    assert_eq!(
        (
            p0["primeros_intentos"].as_i64(),
            p0["citadas_al_primer_intento"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(p0["porcentaje_primer_intento"], "50");
    // Orden de pago 24/11, citación 26/11: two days.
    assert_eq!(p0["dias_promedio"], "2");
}
