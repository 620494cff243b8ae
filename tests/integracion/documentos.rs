//! The formal documents as a clerk prints them: text extracted with pdftotext, fonts checked
//! with pdffonts, foja stamps, templates the unit adapts, the whole expediente.

use std::path::Path;
use std::process::Command;

use crate::comun::*;

/// The PDF's text as a reader would copy it, with runs of spaces and line breaks folded (a
/// justified line spaces its words out).
fn pdftotext(ruta: &Path) -> String {
    let o = Command::new("pdftotext")
        .args([ruta.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(o.status.success(), "pdftotext falló con {}", ruta.display());
    texto(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn fuentes_incrustadas(ruta: &Path) -> bool {
    let o = Command::new("pdffonts").arg(ruta).output().unwrap();
    let t = texto(&o.stdout);
    let filas: Vec<&str> = t.lines().skip(2).collect();
    !filas.is_empty()
        && filas
            .iter()
            .all(|l| l.split_whitespace().rev().nth(4) == Some("yes"))
}

/// A unit with one proceso whose título carries the hard characters.
fn con_proceso() -> (Entorno, String) {
    let e = Entorno::con_unidad();
    assert!(e
        .coactiva(&[
            "abogados",
            "agregar",
            "--identificacion",
            "1714307103",
            "--nombres",
            "Ab. Raúl Ordóñez Güemes",
            "--registro",
            "17-2010-0456"
        ])
        .status
        .success());
    let csv = e.escribir(
        "t.csv",
        "numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total;direccion;emisor;lugar_emision;firmante;cargo_firmante;fecha_intereses;orden_cobro;fecha_orden_cobro\n\
         TC-2026-0001;15/03/2026;1792060346001;COMERCIAL AÑAZCO & HIJOS S.A.;Aportes «enero–marzo» — pingüino Nº 1;1.200,00;34,56;1.234,56;Av. 10 de Agosto N34-56, Quito;\
         Dirección Provincial de Pichincha;Quito;Ing. Pedro López Andrade;Director Provincial;16/01/2026;OC-2026-0456;15/03/2026\n"
            .as_bytes(),
    );
    assert!(e
        .coactiva(&["titulos", "importar", csv.to_str().unwrap()])
        .status
        .success());
    assert!(e.coactiva(&["sorteo", "ejecutar"]).status.success());
    assert!(e
        .coactiva(&["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"])
        .status
        .success());
    let p = json(&e.coactiva(&["procesos", "abrir", "TC-2026-0001", "--json"]));
    (e, p["numero"].as_str().unwrap().to_string())
}

#[test]
fn every_document_prints_with_its_fields_accents_and_embedded_fonts() {
    let (e, p) = con_proceso();
    let comunes = [p.as_str(), "INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL"];
    // (what happens first: a stage change or a citación; document; text it shows; options)
    type Caso<'a> = (&'a [&'a str], &'a str, &'a [&'a str], &'a [&'a str]);
    // A medida's oficio comes out numbered when the medida is ordered; the case reprints it.
    let of1 = e.ruta("medida-1.pdf").display().to_string();
    let of2 = e.ruta("medida-2.pdf").display().to_string();
    let casos: [Caso<'_>; 12] = [
        (
            &[],
            "orden-cobro",
            &[
                "ORDEN DE COBRO N.º OC-2026-0456",
                "Dirección Provincial de Pichincha",
                "COMERCIAL AÑAZCO & HIJOS S.A.",
                "1.234,56",
                "Ing. Pedro López Andrade",
                "Director Provincial",
                "16 de enero de 2026",
            ],
            &[],
        ),
        (
            &[],
            "titulo",
            &[
                "TÍTULO DE CRÉDITO N.º TC-2026-0001",
                "RUC: 1792060346001",
                "«enero–marzo» — pingüino Nº 1",
                "15 de marzo de 2026",
                "Lugar de emisión: Quito",
                "Intereses de mora desde: 16 de enero de 2026",
                "requisitos del artículo 268",
                "Ing. Pedro López Andrade",
            ],
            &[],
        ),
        (
            &[],
            "requerimiento",
            &["REQUERIMIENTO DE PAGO VOLUNTARIO", "DIEZ (10) DÍAS"],
            &[],
        ),
        (
            &[],
            "liquidacion",
            // 1 200,00 at 12 % from 16/03 to 24/11/2026 (254 days, base 360): 101,60.
            &[
                "LIQUIDACIÓN DE LA DEUDA",
                "Los intereses de mora causados desde el 16 de marzo de 2026 suman USD 101,60",
                "Del 16/03/2026 al 24/11/2026: 254 días al 12,00 % anual sobre USD 1.200,00: USD 101,60",
                "Saldo a la fecha: USD 1.336,16",
                "MIL TRESCIENTOS TREINTA Y SEIS CON 16/100",
            ],
            &[],
        ),
        (
            &[],
            "providencia",
            &["PROVIDENCIA", "Agréguese al proceso el escrito presentado"],
            &[
                "--texto",
                "Agréguese al proceso el escrito presentado por el coactivado.",
            ][..],
        ),
        (
            &[],
            "razon",
            &["RAZÓN:", "Siento por tal que la foja 2"],
            &[
                "--texto",
                "Siento por tal que la foja 2 se agregó por error.",
            ][..],
        ),
        (
            &["procesos", "etapa", &p, "orden_pago"],
            "orden-pago",
            &[
                "ORDEN DE PAGO INMEDIATO",
                "VISTOS",
                "MIL DOSCIENTOS TREINTA Y CUATRO CON",
                "56/100 DÓLARES",
                "TRES (3) DÍAS",
                "CÚMPLASE, OFÍCIESE Y NOTIFÍQUESE",
                "Ab. Raúl Ordóñez Güemes",
                "24 de noviembre de 2026",
                "Funcionario Ejecutor",
                "la orden de cobro N.º OC-2026-0456, de 15 de marzo de 2026",
            ],
            &[],
        ),
        (
            &[],
            "boleta",
            &["PRIMERA BOLETA DE CITACIÓN", "COMERCIAL AÑAZCO"],
            &[],
        ),
        (
            &["medidas", "ordenar", &p, "--tipo", "retencion", "--salida", &of1],
            "oficio-retencion",
            &["OFICIO N.º 17001-2026-00001-OF", "Superintendencia de Bancos"],
            &["--medida", "1"][..],
        ),
        (
            &["medidas", "ordenar", &p, "--tipo", "prohibicion_inmuebles", "--entidad", "Registrador(a) de la Propiedad de Quito", "--salida", &of2],
            "oficio-prohibicion",
            &["OFICIO N.º 17001-2026-00002-OF", "Registrador(a) de la Propiedad de Quito"],
            &["--medida", "2"][..],
        ),
        (
            &[
                "procesos",
                "citar",
                &p,
                "--parte",
                "1792060346001",
                "--tipo",
                "personal",
                "--detalle",
                "recibió la contadora",
            ],
            "razon-citacion",
            &[
                "RAZÓN DE CITACIÓN",
                "cité personalmente",
                "recibió la contadora",
                "Lo certifico",
            ],
            &[],
        ),
        (
            &["procesos", "etapa", &p, "embargo"],
            "acta-embargo",
            &["ACTA DE EMBARGO", "Depositario Judicial", "Un camión Hino"],
            &["--embargo", "1"][..],
        ),
    ];
    for (antes, doc, esperados, extra) in casos {
        if antes.first() == Some(&"procesos")
            && antes.get(1) == Some(&"etapa")
            && antes[3] == "embargo"
        {
            let o = e.coactiva(&["procesos", "etapa", &p, "citacion"]);
            assert!(o.status.success(), "{}", texto(&o.stderr));
        }
        if !antes.is_empty() {
            let o = e.coactiva(antes);
            assert!(o.status.success(), "{antes:?}: {}", texto(&o.stderr));
        }
        if doc == "acta-embargo" {
            embargar(&e, &p, "Un camión Hino, placa PBA-1234, en buen estado.");
        }
        let ruta = e.ruta(&format!("{doc}.pdf"));
        let mut args = vec![
            "imprimir",
            doc,
            p.as_str(),
            "--salida",
            ruta.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = e.coactiva(&args);
        assert!(o.status.success(), "{doc}: {}", texto(&o.stderr));
        let t = pdftotext(&ruta);
        for x in comunes.iter().chain(esperados) {
            assert!(t.contains(x), "{doc}: falta «{x}» en:\n{t}");
        }
        assert!(
            fuentes_incrustadas(&ruta),
            "{doc}: todas las fuentes incrustadas"
        );
    }
    let info = Command::new("pdfinfo")
        .arg(e.ruta("orden-pago.pdf"))
        .output()
        .unwrap();
    let info = texto(&info.stdout);
    assert!(
        info.contains("Orden de pago inmediato") && info.contains(&p),
        "metadatos: {info}"
    );
}

#[test]
fn foliated_documents_carry_their_fojas_and_the_expediente_prints_whole() {
    let (e, p) = con_proceso();
    for doc in ["orden-cobro", "orden-pago"] {
        let ruta = e.ruta(&format!("{doc}.pdf"));
        let o = e.coactiva(&[
            "imprimir",
            doc,
            &p,
            "--salida",
            ruta.to_str().unwrap(),
            "--foliar",
        ]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
    }
    assert!(pdftotext(&e.ruta("orden-cobro.pdf")).contains("Fs. 1 — uno"));
    let op = pdftotext(&e.ruta("orden-pago.pdf"));
    assert!(
        op.contains("Fs. 2 — dos") && op.contains("Fs. 3 — tres"),
        "la orden de pago ocupa las fojas 2 y 3:\n{op}"
    );
    // A scanned document without stamps gets them in the whole expediente.
    let escaneo = e.escribir(
        "escaneo.pdf",
        &coactiva::demo::pdf_de_prueba(2, "Escrito escaneado").unwrap(),
    );
    assert!(e
        .coactiva(&[
            "procesos",
            "agregar",
            &p,
            "--tipo",
            "escrito",
            "--archivo",
            escaneo.to_str().unwrap()
        ])
        .status
        .success());
    let indice = e.ruta("indice.pdf");
    assert!(e
        .coactiva(&[
            "imprimir",
            "indice",
            &p,
            "--salida",
            indice.to_str().unwrap(),
            "--foliar"
        ])
        .status
        .success());
    let ti = pdftotext(&indice);
    assert!(
        ti.contains("ÍNDICE DEL EXPEDIENTE") && ti.contains("4–5") && ti.contains("Fs. 6 — seis"),
        "{ti}"
    );
    let exp = e.ruta("expediente.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "expediente",
        &p,
        "--salida",
        exp.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let info = Command::new("pdfinfo").arg(&exp).output().unwrap();
    assert!(
        texto(&info.stdout)
            .lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 7")),
        "la carátula y 6 fojas, 7 páginas"
    );
    let t = pdftotext(&exp);
    let caratula = &paginas(&exp)[0];
    for x in [
        "EXPEDIENTE DEL JUICIO COACTIVO",
        "COMERCIAL AÑAZCO & HIJOS S.A.",
        "TC-2026-0001",
        "Ab. Raúl Ordóñez Güemes",
        "6 (seis)",
    ] {
        assert!(
            caratula.contains(x),
            "la carátula muestra «{x}»:\n{caratula}"
        );
    }
    assert!(
        !caratula.contains("Fs."),
        "la carátula no se folia:\n{caratula}"
    );
    for (n, palabra) in [
        (1, "uno"),
        (2, "dos"),
        (3, "tres"),
        (4, "cuatro"),
        (5, "cinco"),
        (6, "seis"),
    ] {
        assert_eq!(
            t.matches(&format!("Fs. {n} — {palabra}")).count(),
            1,
            "foja {n} sellada una sola vez:\n{t}"
        );
    }
    assert!(fuentes_incrustadas(&exp));
    let o = e.coactiva(&[
        "imprimir",
        "expediente",
        &p,
        "--salida",
        exp.to_str().unwrap(),
        "--foliar",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn the_unit_adapts_a_template_without_recompiling_and_bad_ones_are_explained() {
    let (e, p) = con_proceso();
    let propia = e.escribir(
        "razon.txt",
        "# RAZÓN DE LA UNIDAD\n\nCERTIFICO: {{ texto }} ({{ obligado.nombres }}).\n\n[firma] {{ unidad.jefe }} | Jefa\n".as_bytes(),
    );
    let o = e.coactiva(&[
        "configuracion",
        "plantilla",
        "razon",
        "--archivo",
        propia.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let ruta = e.ruta("r.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "razon",
        &p,
        "--texto",
        "hecho notable",
        "--salida",
        ruta.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = pdftotext(&ruta);
    assert!(
        t.contains("RAZÓN DE LA UNIDAD")
            && t.contains("CERTIFICO: hecho notable (COMERCIAL AÑAZCO & HIJOS S.A.)"),
        "{t}"
    );
    // A misspelled field is refused when saved, naming it and the fields that do exist.
    let errata = e.escribir(
        "errata.txt",
        "CERTIFICO: {{ texto }} ({{ obligado.nombre }}), {{ unidad.jefe }}.\n".as_bytes(),
    );
    let o = e.coactiva(&[
        "configuracion",
        "plantilla",
        "razon",
        "--archivo",
        errata.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let m = texto(&o.stderr);
    assert!(
        m.contains("usa «obligado.nombre» que no existe en los datos del proceso; no se guardó"),
        "{m}"
    );
    assert!(m.contains("obligado.nombres"), "{m}");
    // A broken template is refused when saved; the one in use stays.
    let rota = e.escribir("rota.txt", b"{% if %}roto");
    let o = e.coactiva(&[
        "configuracion",
        "plantilla",
        "razon",
        "--archivo",
        rota.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("la plantilla «razon» tiene un error"),
        "{}",
        texto(&o.stderr)
    );
    let v = json(&e.coactiva(&["configuracion", "plantillas", "--json"]));
    let razon = v
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nombre"] == "razon")
        .unwrap();
    assert_eq!(razon["propia"], true);
    assert!(razon["texto"]
        .as_str()
        .unwrap()
        .contains("RAZÓN DE LA UNIDAD"));
    // Only the Jefe changes templates, and a template edited in the file is found.
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
    let conn = conectar(&e.db());
    conn.execute(
        "UPDATE plantillas SET texto = 'CERTIFICO lo que convenga'",
        [],
    )
    .unwrap();
    drop(conn);
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        texto(&o.stderr).contains("tabla plantillas, fila razon, campo texto"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&[
        "imprimir",
        "carta",
        &p,
        "--salida",
        ruta.to_str().unwrap(),
        "--reemplazar",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("orden-pago"));
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        "17001-2026-99999",
        "--salida",
        ruta.to_str().unwrap(),
        "--reemplazar",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("no existe el proceso"));
}

#[test]
fn the_amount_format_is_a_unit_setting() {
    let (e, p) = con_proceso();
    assert!(e
        .coactiva(&["configuracion", "cambiar", "formato_importe", "anglo"])
        .status
        .success());
    let ruta = e.ruta("op.pdf");
    assert!(e
        .coactiva(&[
            "imprimir",
            "orden-pago",
            &p,
            "--salida",
            ruta.to_str().unwrap()
        ])
        .status
        .success());
    assert!(pdftotext(&ruta).contains("(USD 1,234.56)"));
    let o = e.coactiva(&["configuracion", "cambiar", "formato_importe", "frances"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Each page's text with its layout (`pdftotext -layout`), split at page breaks.
fn paginas(ruta: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-layout", ruta.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    texto(&o.stdout)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_signature_block_never_stands_alone_on_a_page() {
    let (e, p) = con_proceso();
    let of1 = e.ruta("medida-1.pdf").display().to_string();
    let of2 = e.ruta("medida-2.pdf").display().to_string();
    let foliada = e.ruta("providencia-foliada.pdf");
    // Every document, in the order a proceso needs them (each at a stage it fits).
    for documento in [
        "orden-cobro",
        "titulo",
        "requerimiento",
        "liquidacion",
        "providencia",
        "razon",
        "orden-pago",
        "boleta",
        "oficio-retencion",
        "oficio-prohibicion",
        "razon-citacion",
        "acta-embargo",
        "indice",
    ] {
        let mut pasos: Vec<Vec<&str>> = vec![];
        match documento {
            "orden-pago" => pasos.push(vec!["procesos", "etapa", &p, "orden_pago"]),
            "razon-citacion" => pasos.push(vec![
                "procesos",
                "citar",
                &p,
                "--parte",
                "1792060346001",
                "--tipo",
                "personal",
            ]),
            "acta-embargo" => {
                pasos.push(vec!["procesos", "etapa", &p, "citacion"]);
                pasos.push(vec!["procesos", "etapa", &p, "embargo"]);
            }
            "oficio-retencion" => pasos.push(vec![
                "medidas",
                "ordenar",
                &p,
                "--tipo",
                "retencion",
                "--salida",
                &of1,
            ]),
            "oficio-prohibicion" => pasos.push(vec![
                "medidas",
                "ordenar",
                &p,
                "--tipo",
                "prohibicion_vehiculos",
                "--salida",
                &of2,
            ]),
            "indice" => pasos.push(vec![
                "imprimir",
                "providencia",
                &p,
                "--foliar",
                "--salida",
                foliada.to_str().unwrap(),
                "--texto",
                "Agréguese al expediente.",
            ]),
            _ => {}
        }
        for paso in pasos {
            let o = e.coactiva(&paso);
            assert!(o.status.success(), "{paso:?}: {}", texto(&o.stderr));
        }
        if documento == "acta-embargo" {
            embargar(&e, &p, "Un camión Hino, placa PBA-1234, en buen estado, que queda en la bodega del depositario.");
        }
        let ruta = e.ruta(&format!("{documento}.pdf"));
        let mut args = vec![
            "imprimir",
            documento,
            p.as_str(),
            "--salida",
            ruta.to_str().unwrap(),
        ];
        if documento.starts_with("oficio") {
            args.extend(["--destinatario", "Superintendencia de Bancos"]);
            args.extend([
                "--medida",
                if documento == "oficio-retencion" {
                    "1"
                } else {
                    "2"
                },
            ]);
        }
        if documento == "acta-embargo" {
            args.extend(["--embargo", "1"]);
        }
        if matches!(documento, "providencia" | "razon" | "acta-embargo") {
            args.extend(["--texto", "Un camión Hino, placa PBA-1234, en buen estado, que queda en la bodega del depositario."]);
        }
        let o = e.coactiva(&args);
        assert!(o.status.success(), "{documento}: {}", texto(&o.stderr));
        for (n, pagina) in paginas(&ruta).iter().enumerate() {
            // What is left once the running heading, the page number and the signatures go.
            let cuerpo: Vec<&str> = pagina
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with("INSTITUTO ECUATORIANO")
                        && !l.contains("Juzgado de Coactivas")
                        && !l.starts_with("Juicio coactivo N.º")
                        && !l.starts_with("Página ")
                        && !l.contains("Dra. Ana Núñez")
                        && !l.contains("Ab. Raúl")
                        && !l.contains("Funcionario Ejecutor")
                        && !l.contains("Secretario")
                        && !l.contains("Jefe de la Unidad")
                        && !l.contains("Pedro López")
                        && !l.contains("Director Provincial")
                        && !l.contains("Depositario")
                        && !l.contains("Citador")
                        && !l.contains("Código de integridad")
                })
                .collect();
            assert!(
                cuerpo.len() >= 2,
                "{documento}, página {}: holds only its heading or signatures:\n{pagina}",
                n + 1
            );
        }
    }
}

#[test]
fn pdfs_carry_their_real_date_json_is_json_and_the_indice_speaks_plainly() {
    let (e, p) = con_proceso();
    let ruta = e.ruta("oc.pdf");
    // An empty expediente has no índice to print.
    let o = e.coactiva(&[
        "imprimir",
        "indice",
        &p,
        "--salida",
        e.ruta("i0.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("aún no tiene fojas"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&[
        "imprimir",
        "orden-cobro",
        &p,
        "--foliar",
        "--salida",
        ruta.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&o);
    assert_eq!(
        (
            v["actuacion"]["desde"].as_i64(),
            v["actuacion"]["hasta"].as_i64()
        ),
        (Some(1), Some(1)),
        "{v}"
    );
    assert_eq!(v["archivo"], ruta.to_str().unwrap());
    let info = texto(&Command::new("pdfinfo").arg(&ruta).output().unwrap().stdout);
    assert!(
        info.contains("CreationDate:") && info.contains("2026"),
        "{info}"
    );
    assert!(!info.contains("1970"), "{info}");
    // The índice names kinds in words and a correction by the fojas it corrects.
    let pdf = e.escribir(
        "e.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Escrito").unwrap(),
    );
    let o = e.coactiva(&[
        "procesos",
        "agregar",
        &p,
        "--tipo",
        "razon",
        "--archivo",
        pdf.to_str().unwrap(),
        "--descripcion",
        "Razón de error",
        "--corrige",
        "1",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let indice = e.ruta("indice.pdf");
    assert!(e
        .coactiva(&[
            "imprimir",
            "indice",
            &p,
            "--salida",
            indice.to_str().unwrap()
        ])
        .status
        .success());
    let t = pdftotext(&indice);
    assert!(
        t.contains("Razón") && t.contains("corrige la de foja 1"),
        "{t}"
    );
    assert!(!t.contains(" razon "), "no code names: {t}");
}

#[test]
fn the_terminos_printed_are_the_units_settings() {
    let (e, p) = con_proceso();
    let ruta = e.ruta("op.pdf");
    assert!(e
        .coactiva(&[
            "imprimir",
            "orden-pago",
            &p,
            "--salida",
            ruta.to_str().unwrap()
        ])
        .status
        .success());
    assert!(pdftotext(&ruta).contains("término de TRES (3) DÍAS"));
    assert!(e
        .coactiva(&["configuracion", "cambiar", "termino_orden_pago", "5"])
        .status
        .success());
    assert!(e
        .coactiva(&[
            "imprimir",
            "orden-pago",
            &p,
            "--salida",
            ruta.to_str().unwrap(),
            "--reemplazar"
        ])
        .status
        .success());
    let t = pdftotext(&ruta);
    assert!(
        t.contains("término de CINCO (5) DÍAS") && !t.contains("TRES"),
        "{t}"
    );
}

/// A proceso whose título came without Cartera's issue data (an older import).
fn sin_datos_de_cartera() -> (Entorno, String) {
    con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,15.00,0,15.00")
}

/// Prints and returns (exit code, message, text of the PDF if one was written).
/// A depositario, a vehicle described as `bien`, and its diligencia de embargo (embargo 1).
fn embargar(e: &Entorno, p: &str, bien: &str) {
    let acta = e.ruta("acta-registrada.pdf");
    for orden in [
        vec![
            "depositarios",
            "agregar",
            "--identificacion",
            "0926687856",
            "--nombres",
            "Pedro Bodega",
        ],
        vec![
            "bienes",
            "registrar",
            p,
            "--clase",
            "vehiculo",
            "--descripcion",
            bien,
            "--dato",
            "placa=PBA-1234",
            "--dato",
            "marca=Hino",
            "--fecha",
            "24/11/2026",
        ],
        vec![
            "bienes",
            "embargar",
            p,
            "--bien",
            "1",
            "--fecha",
            "24/11/2026",
            "--hora",
            "10:00",
            "--direccion",
            "Av. Amazonas N24-100",
            "--depositario",
            "0926687856",
            "--lugar",
            "Bodega de la Unidad",
            "--salida",
            acta.to_str().unwrap(),
        ],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
}

fn intentar(e: &Entorno, args: &[&str]) -> (Option<i32>, String, String) {
    let ruta = e.ruta("intento.pdf");
    let _ = std::fs::remove_file(&ruta);
    let mut v: Vec<&str> = args.to_vec();
    v.extend(["--salida", ruta.to_str().unwrap()]);
    let o = e.coactiva(&v);
    let t = if ruta.exists() {
        pdftotext(&ruta)
    } else {
        String::new()
    };
    (o.status.code(), texto(&o.stderr), t)
}

#[test]
fn a_document_that_does_not_fit_the_stage_or_would_print_a_blank_is_refused_with_the_reason() {
    let (e, p) = sin_datos_de_cartera();
    // At «orden de cobro» no orden de pago exists yet: no boleta says one «se ha dictado».
    let (c, m, t) = intentar(&e, &["imprimir", "boleta", &p]);
    assert_eq!(c, Some(2), "{m}");
    assert!(
        m.contains("etapa «orden de cobro y título»")
            && m.contains("«Boleta de citación» no corresponde"),
        "{m}"
    );
    assert!(t.is_empty(), "nada se escribió");
    // Cartera's orden de cobro cannot be transcribed without its number, date and signer.
    let (c, m, _) = intentar(&e, &["imprimir", "orden-cobro", &p]);
    assert_eq!(c, Some(2), "{m}");
    assert!(
        m.contains("el número de la orden de cobro") && m.contains("quién la firmó"),
        "{m}"
    );
    // The título prints what is true: no claim of art. 268 and no signature it lacks.
    let (c, m, t) = intentar(&e, &["imprimir", "titulo", &p]);
    assert_eq!(c, Some(0), "{m}");
    assert!(
        !t.contains("artículo 268")
            && !t.contains("Jefe de la Unidad")
            && !t.contains("Dra. Ana Núñez"),
        "{t}"
    );
    // The orden de pago cites no orden de cobro it does not know.
    let (_, _, t) = intentar(&e, &["imprimir", "orden-pago", &p]);
    assert!(
        t.contains("Por el título de crédito N.º T-1") && !t.contains("orden de cobro emitida"),
        "{t}"
    );
    assert!(e
        .coactiva(&["procesos", "etapa", &p, "orden_pago"])
        .status
        .success());
    // No razón of a citación that was never recorded.
    let (c, m, _) = intentar(&e, &["imprimir", "razon-citacion", &p]);
    assert_eq!(c, Some(2), "{m}");
    assert!(
        m.contains("no hay citación registrada a Comercial Andina"),
        "{m}"
    );
    // First boleta, then the second, then none.
    let (_, _, t) = intentar(&e, &["imprimir", "boleta", &p]);
    assert!(t.contains("PRIMERA BOLETA DE CITACIÓN"), "{t}");
    assert!(e
        .coactiva(&[
            "procesos",
            "citar",
            &p,
            "--parte",
            "1714307103",
            "--tipo",
            "boleta1"
        ])
        .status
        .success());
    let (_, m, t) = intentar(&e, &["imprimir", "boleta", &p]);
    assert!(t.contains("SEGUNDA BOLETA DE CITACIÓN"), "{m}{t}");
    // The second boleta is left on another day.
    let manana = coactiva::fechas::iso(hoy() + chrono::Duration::days(1));
    let o = e
        .comando()
        .args([
            "procesos",
            "citar",
            &p,
            "--parte",
            "1714307103",
            "--tipo",
            "boleta2",
        ])
        .env(coactiva::fechas::VARIABLE_RELOJ, &manana)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let (c, m, _) = intentar(&e, &["imprimir", "boleta", &p]);
    assert_eq!(c, Some(2), "{m}");
    assert!(m.contains("ya está citado (segunda boleta)"), "{m}");
    // An acta de embargo with no goods described is not printed with a placeholder.
    assert!(e
        .coactiva(&["procesos", "etapa", &p, "citacion"])
        .status
        .success());
    assert!(e
        .coactiva(&["procesos", "etapa", &p, "embargo"])
        .status
        .success());
    let (c, m, _) = intentar(&e, &["imprimir", "acta-embargo", &p]);
    assert_eq!(c, Some(2), "{m}");
    assert!(m.contains("al menos un bien y su depositario"), "{m}");
    // A unit's template that prints a field this proceso lacks is refused, in Spanish.
    let plantilla = e.escribir(
        "razon.txt",
        "# RAZÓN\n\nRAZÓN: {{ texto }} Firmado por {{ titulo.firmante }}.\n".as_bytes(),
    );
    assert!(e
        .coactiva(&[
            "configuracion",
            "plantilla",
            "razon",
            "--archivo",
            plantilla.to_str().unwrap()
        ])
        .status
        .success());
    let (c, m, t) = intentar(&e, &["imprimir", "razon", &p, "--texto", "Siento por tal."]);
    assert_eq!(c, Some(2), "{m}");
    assert!(
        m.contains("no tiene registrado («titulo.firmante», línea 3)") && !m.contains("undefined"),
        "{m}"
    );
    assert!(t.is_empty());
}

#[test]
fn titles_agree_with_the_person_who_signs() {
    let (e, p) = con_proceso();
    for orden in [
        vec!["configuracion", "genero-jefe", "femenino"],
        vec!["abogados", "genero", "1714307103", "femenino"],
        vec![
            "usuarios",
            "agregar",
            "rosa",
            "--nombres",
            "Rosa Chicaiza",
            "--rol",
            "citador",
        ],
        vec!["usuarios", "genero", "rosa", "femenino"],
        vec!["procesos", "etapa", &p, "orden_pago"],
    ] {
        let o = e
            .comando()
            .args(&orden)
            .env("COACTIVA_CLAVE_NUEVA", "otra-clave-larga")
            .output()
            .unwrap();
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    let o = e
        .comando()
        .args([
            "procesos",
            "citar",
            &p,
            "--parte",
            "1792060346001",
            "--tipo",
            "personal",
        ])
        .env("COACTIVA_USUARIO", "rosa")
        .env("COACTIVA_CLAVE", "otra-clave-larga")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let mut todo = String::new();
    for (doc, esperados) in [
        (
            "orden-pago",
            &[
                "en mi calidad de funcionaria ejecutora",
                "Funcionaria Ejecutora",
                "Se designa como Secretaria-Abogada",
            ][..],
        ),
        ("oficio-retencion", &["Funcionaria Ejecutora"][..]),
        (
            "razon-citacion",
            &[
                "Citadora-Notificadora",
                "Rosa Chicaiza",
                "Secretaria-Abogada",
            ][..],
        ),
        (
            "providencia",
            &["Funcionaria Ejecutora", "Secretaria-Abogada"][..],
        ),
    ] {
        let mut args = vec!["imprimir", doc, &p, "--texto", "Agréguese."];
        if doc == "oficio-retencion" {
            let oficio = e.ruta("oficio.pdf");
            let o = e.coactiva(&[
                "medidas",
                "ordenar",
                &p,
                "--tipo",
                "retencion",
                "--salida",
                oficio.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{}", texto(&o.stderr));
            args.extend(["--medida", "1"]);
        }
        let (c, m, t) = intentar(&e, &args);
        assert_eq!(c, Some(0), "{doc}: {m}");
        for x in esperados {
            assert!(t.contains(x), "{doc}: falta «{x}»:\n{t}");
        }
        todo.push_str(&t);
        if doc == "razon-citacion" {
            // «Lo certifico.» stands on its own line, apart from the razón.
            let pdf = paginas(&e.ruta("intento.pdf")).join("\n");
            assert!(pdf.lines().any(|l| l.trim() == "Lo certifico."), "{pdf}");
        }
    }
    for masculino in [
        "Funcionario Ejecutor",
        "funcionario ejecutor",
        "Secretario-Abogado",
        "Citador-Notificador",
    ] {
        assert!(
            !todo.contains(masculino),
            "«{masculino}» para una mujer:\n{todo}"
        );
    }
    // The record is in the change log: verificar rebuilds it.
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
    let m = texto(
        &e.coactiva(&["abogados", "genero", "1714307103", "x"])
            .stderr,
    );
    assert!(m.contains("use femenino o masculino"), "{m}");
}

#[test]
fn the_indice_is_certified_and_described_by_what_each_document_is() {
    let (e, p) = con_proceso();
    assert!(e
        .coactiva(&["procesos", "etapa", &p, "orden_pago"])
        .status
        .success());
    for (doc, extra) in [("orden-pago", None), ("boleta", None)] {
        let ruta = e.ruta(&format!("{doc}.pdf"));
        let mut args = vec![
            "imprimir",
            doc,
            &p,
            "--foliar",
            "--salida",
            ruta.to_str().unwrap(),
        ];
        if let Some(d) = extra {
            args.extend(["--destinatario", d]);
        }
        let o = e.coactiva(&args);
        assert!(o.status.success(), "{doc}: {}", texto(&o.stderr));
    }
    // A medida's oficio is foliated when the medida is ordered.
    let oficio = e.ruta("oficio-retencion.pdf");
    let o = e.coactiva(&[
        "medidas",
        "ordenar",
        &p,
        "--tipo",
        "retencion",
        "--salida",
        oficio.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let (c, m, t) = intentar(&e, &["imprimir", "indice", &p]);
    assert_eq!(c, Some(0), "{m}");
    for x in [
        "Primera boleta de citación a COMERCIAL AÑAZCO & HIJOS S.A.",
        "Oficio de retención de fondos N.º 17001-2026-00001-OF, dirigido a",
        "CERTIFICO: que el expediente del juicio coactivo",
        "cuatro (4) fojas útiles",
        "Ab. Raúl Ordóñez Güemes",
        "Secretario-Abogado",
    ] {
        assert!(t.contains(x), "el índice dice «{x}»:\n{t}");
    }
}

#[test]
fn the_liquidation_follows_the_dated_rate_table_in_the_command_and_the_pdf_alike() {
    let (e, p) = sin_datos_de_cartera();
    // No rate registered: the liquidation says which day lacks one, and prints nothing false.
    let o = e.coactiva(&["procesos", "liquidar", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no hay tasa de interés de mora registrada para el 02/02/2026"),
        "{}",
        texto(&o.stderr)
    );
    let (c, m, _) = intentar(&e, &["imprimir", "liquidacion", &p]);
    assert_eq!(c, Some(2), "{m}");
    for (desde, anual) in [
        ("01/01/2026", "9,53"),
        ("01/06/2026", "12"),
        ("01/06/2026", "10,5"),
    ] {
        let o = e.coactiva(&["tasas", "agregar", "--desde", desde, "--anual", anual]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
    }
    for (args, motivo) in [
        (
            vec!["--desde", "01/06/2026", "--anual", "10,5"],
            "ya está registrada",
        ),
        (
            vec!["--desde", "01/06/2026", "--anual", "0"],
            "fuera de rango",
        ),
        (vec!["--desde", "31/02/2026", "--anual", "9"], "31/02/2026"),
        (
            vec!["--desde", "01/01/1980", "--anual", "9"],
            "anterior a 1990",
        ),
    ] {
        let mut a = vec!["tasas", "agregar"];
        a.extend(args);
        let o = e.coactiva(&a);
        assert_eq!(o.status.code(), Some(2), "{a:?}");
        assert!(
            texto(&o.stderr).contains(motivo),
            "{a:?}: {}",
            texto(&o.stderr)
        );
    }
    let v = json(&e.coactiva(&["tasas", "listar", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(
        v[1]["reemplazada"], true,
        "the correction from the same date wins"
    );
    // T-1: 15,00 from 01/02/2026 (emission, no exigibilidad): mora from 02/02 to 24/11/2026.
    // 02/02–31/05: 119 days at 9,53 %; 01/06–24/11: 177 days at 10,5 % (the correction).
    let l = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    let num: i64 = 1500 * 95_300 * 119 + 1500 * 105_000 * 177;
    let den: i64 = 360 * 100 * 10_000;
    let mora = (2 * num + den) / (2 * den);
    let pesos = |c: i64| format!("{}.{:02}", c / 100, c % 100);
    assert_eq!(l["mora"], pesos(mora));
    for k in [
        "capital",
        "intereses",
        "costas",
        "honorarios",
        "pagado",
        "saldo",
    ] {
        assert!(l[k].as_str().is_some_and(|s| s.contains('.')), "{k}: {l}");
    }
    assert_eq!(l["tramos"][1]["tasa"], "10.50");
    assert_eq!(l["saldo"], pesos(1500 + mora));
    // At an earlier date, only the first rate counts.
    let antes = json(&e.coactiva(&["procesos", "liquidar", &p, "--al", "11/02/2026", "--json"]));
    assert_eq!(antes["tramos"].as_array().unwrap().len(), 1);
    assert_eq!(antes["tramos"][0]["dias"], 10);
    let o = e.coactiva(&["procesos", "liquidar", &p, "--al", "01/01/2027"]);
    assert_eq!(o.status.code(), Some(2), "no liquidation in the future");
    // The printed liquidación shows the same saldo.
    let (c, m, t) = intentar(&e, &["imprimir", "liquidacion", &p]);
    assert_eq!(c, Some(0), "{m}");
    let saldo = l["saldo"].as_str().unwrap().replace('.', ",");
    assert!(t.contains(&format!("Saldo a la fecha: USD {saldo}")), "{t}");
    assert!(t.contains("al 10,50 % anual"), "{t}");
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
    // Only the Jefe sets rates.
    let o = e
        .comando()
        .args([
            "usuarios",
            "agregar",
            "mirada",
            "--nombres",
            "Consulta",
            "--rol",
            "consulta",
        ])
        .env("COACTIVA_CLAVE_NUEVA", "clave-de-consulta-1")
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = e
        .comando()
        .args(["tasas", "agregar", "--desde", "01/07/2026", "--anual", "9"])
        .env("COACTIVA_USUARIO", "mirada")
        .env("COACTIVA_CLAVE", "clave-de-consulta-1")
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0));
}
