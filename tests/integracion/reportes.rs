//! The unit's reports through the command: the inventario and the antigüedad of the portfolio,
//! on screen, as JSON, PDF and XLSX, every grouping adding up to the same totals; bad requests
//! refused in Spanish.

use crate::comun::*;

/// Four títulos of known amounts and exigibility, drawn and opened (today is 24/11/2026).
fn unidad_con_cartera() -> Entorno {
    let e = Entorno::con_unidad();
    let csv = format!(
        "{ENCABEZADO},fecha_exigibilidad\n\
         T-1,01/03/2026,1710034065,CAÑIZARES PAZ,Aportes,500.00,0.00,500.00,01/11/2026\n\
         T-2,01/03/2026,1710034065,CARRIÓN LUNA,Aportes,4000.00,500.00,4500.00,01/07/2026\n\
         T-3,01/03/2026,1710034065,ÁLVAREZ RÍOS,Aportes,30000.00,0.00,30000.00,01/01/2026\n\
         T-4,01/03/2025,1710034065,ZAMBRANO VERA,Aportes,150000.00,10000.00,160000.00,01/03/2025\n"
    );
    let csv = e.escribir("t.csv", csv.as_bytes());
    for orden in [
        vec!["titulos", "importar", csv.to_str().unwrap()],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "0926687856",
            "--nombres",
            "Ab. Zoila Ñusta",
        ],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "1100456787",
            "--nombres",
            "Ab. Carlos Ávila",
        ],
        vec!["sorteo", "ejecutar"],
        vec!["procesos", "abrir", "--sorteo", "1"],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    e
}

fn suma(v: &serde_json::Value, campo: &str) -> i64 {
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| match g[campo].as_i64() {
            Some(n) => n,
            // Amounts are decimal strings: «1150.00» is 115 000 cents.
            None => g[campo]
                .as_str()
                .unwrap()
                .replace('.', "")
                .parse::<i64>()
                .unwrap(),
        })
        .sum()
}

#[test]
fn the_inventory_groups_every_proceso_four_ways_and_each_adds_up_to_the_total() {
    let e = unidad_con_cartera();
    let o = e.coactiva(&["--json", "reportes", "inventario"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let r = json(&o);
    assert_eq!(r["al"], "2026-11-24");
    assert_eq!(r["procesos"], 4);
    assert_eq!(r["capital"], "184500.00");
    assert_eq!(r["total"], "195000.00");
    for g in ["por_etapa", "por_abogado", "por_monto", "por_antiguedad"] {
        assert_eq!(suma(&r[g], "procesos"), 4, "{g}");
        assert_eq!(suma(&r[g], "total"), 19_500_000, "{g}");
        assert_eq!(suma(&r[g], "capital"), 18_450_000, "{g}");
    }
    // Amount bands, every one shown (a zero is a figure), from the smallest.
    let montos: Vec<(String, i64)> = r["por_monto"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["nombre"].as_str().unwrap().to_string(),
                g["procesos"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        montos,
        [
            ("hasta USD 1.000".to_string(), 1),
            ("de USD 1.000,01 a 5.000".to_string(), 1),
            ("de USD 5.000,01 a 20.000".to_string(), 0),
            ("de USD 20.000,01 a 100.000".to_string(), 1),
            ("más de USD 100.000".to_string(), 1),
        ]
    );
    // Age since exigibility at 24/11/2026: 23 days, 146, 327 and 633.
    let edades: Vec<(String, i64)> = r["por_antiguedad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["clave"].as_str().unwrap().to_string(),
                g["procesos"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        edades,
        [
            ("0-90".into(), 1),
            ("91-180".into(), 1),
            ("181-360".into(), 1),
            ("360+".into(), 1)
        ]
    );
    // Abogados in Spanish alphabetical order, by name.
    let nombres: Vec<&str> = r["por_abogado"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["nombre"].as_str().unwrap())
        .collect();
    let mut ordenados = nombres.clone();
    ordenados.sort_by(|a, b| coactiva::texto::orden_es(a, b));
    assert_eq!(nombres, ordenados);
    // At a past cut, the procesos not yet opened then are not counted.
    let antes = json(&e.coactiva(&["--json", "reportes", "antiguedad", "--hasta", "01/01/2026"]));
    assert_eq!(antes["procesos"], 0);
    assert_eq!(suma(&antes["por_antiguedad"], "procesos"), 0);
}

#[test]
fn the_inventory_is_saved_as_a_pdf_and_a_workbook_with_the_same_figures() {
    let e = unidad_con_cartera();
    let pdf = e.ruta("inventario.pdf");
    let o = e.coactiva(&["reportes", "inventario", "--salida", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stdout).contains(
            "4 procesos en trámite, capital USD 184.500,00, total de los títulos USD 195.000,00"
        ),
        "{}",
        texto(&o.stdout)
    );
    let t = texto_pdf(&pdf);
    assert!(t.contains("INVENTARIO DE PROCESOS COACTIVOS"), "{t}");
    assert!(t.contains("24 de noviembre de 2026"), "{t}");
    assert!(t.contains("195.000,00"), "{t}");
    assert!(t.contains("más de 360 días"), "{t}");

    let xlsx = e.ruta("antiguedad.xlsx");
    let o = e.coactiva(&["reportes", "antiguedad", "--salida", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    use calamine::{Data, Reader};
    let mut libro: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let hoja = libro.worksheet_range_at(0).unwrap().unwrap();
    // Numbers are numbers, the cut a date.
    assert!(
        matches!(hoja.get_value((1, 1)), Some(Data::DateTime(_))),
        "{:?}",
        hoja.get_value((1, 1))
    );
    let total = hoja
        .rows()
        .find(|f| f.first() == Some(&Data::String("Total".into())))
        .expect("a total row");
    assert_eq!(total[2], Data::Float(4.0));
    assert_eq!(total[5], Data::Float(195_000.0));
    // An existing file is not overwritten.
    let o = e.coactiva(&["reportes", "antiguedad", "--salida", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("ya existe"),
        "{}",
        texto(&o.stderr)
    );
}

#[test]
fn a_bad_report_request_is_refused_in_spanish_and_writes_nothing() {
    let e = unidad_con_cartera();
    let docx = e.ruta("informe.docx");
    let docx = docx.to_str().unwrap();
    let casos: [(&[&str], &str); 4] = [
        (
            &["reportes", "cartera"],
            "no hay un reporte «cartera»; los reportes son: inventario, antiguedad",
        ),
        (
            &["reportes", "inventario", "--desde", "01/01/2026"],
            "indique solo hasta qué día",
        ),
        (
            &["reportes", "inventario", "--hasta", "25/11/2026"],
            "aún no llega",
        ),
        (
            &["reportes", "inventario", "--salida", docx],
            "no termina en .pdf ni en .xlsx",
        ),
    ];
    for (args, mensaje) in casos {
        let o = e.coactiva(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            texto(&o.stderr).contains(mensaje),
            "{args:?}: {}",
            texto(&o.stderr)
        );
    }
    assert!(!e.ruta("informe.docx").exists());
}

#[test]
fn the_recaudacion_counts_the_payments_of_the_period_by_month_and_abogado_without_the_annulled() {
    let e = unidad_con_cartera();
    let tasa = e.coactiva(&[
        "tasas",
        "agregar",
        "--desde",
        "01/01/2025",
        "--anual",
        "9,53",
    ]);
    assert!(tasa.status.success(), "{}", texto(&tasa.stderr));
    for (titulo, valor, fecha) in [
        ("T-2", "100,00", "15/10/2026"),
        ("T-1", "50,00", "05/11/2026"),
        ("T-2", "1.000,00", "10/11/2026"),
        ("T-3", "300,00", "12/11/2026"),
        ("T-4", "999,00", "20/09/2026"),
    ] {
        let o = e.coactiva(&[
            "pagos",
            "registrar",
            titulo,
            "--valor",
            valor,
            "--fecha",
            fecha,
            "--forma",
            "deposito",
            "--referencia",
            &format!("BP-{titulo}-{fecha}"),
        ]);
        assert!(o.status.success(), "{titulo}: {}", texto(&o.stderr));
    }
    // The payment of T-3 is annulled: it no longer counts.
    let v = json(&e.coactiva(&["--json", "pagos", "listar", "T-3"]));
    let id = v.as_array().unwrap()[0]["id"].as_i64().unwrap().to_string();
    let o = e.coactiva(&["pagos", "anular", &id, "--motivo", "Cheque devuelto"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));

    let o = e.coactiva(&[
        "--json",
        "reportes",
        "recaudacion",
        "--desde",
        "01/10/2026",
        "--hasta",
        "24/11/2026",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let r = json(&o);
    assert_eq!(r["desde"], "2026-10-01");
    assert_eq!(r["total"]["valor"], "1150.00");
    assert_eq!(r["total"]["pagos"], 3);
    assert_eq!(r["total"]["procesos"], 2, "T-2 paid twice, counted once");
    let meses: Vec<(String, String, String)> = r["por_mes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["clave"].as_str().unwrap().into(),
                g["nombre"].as_str().unwrap().into(),
                g["valor"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        meses,
        [
            ("2026-10".into(), "Octubre de 2026".into(), "100.00".into()),
            (
                "2026-11".into(),
                "Noviembre de 2026".into(),
                "1050.00".into()
            ),
        ]
    );
    assert_eq!(suma(&r["por_abogado"], "valor"), 115_000);
    assert_eq!(suma(&r["por_abogado"], "pagos"), 3);
    // Each payment's parts add up to what was received.
    let t = &r["total"];
    let partes: i64 = ["capital", "intereses", "costas", "honorarios"]
        .iter()
        .map(|k| {
            t[*k]
                .as_str()
                .unwrap()
                .replace('.', "")
                .parse::<i64>()
                .unwrap()
        })
        .sum();
    assert_eq!(partes, 115_000);
    // As a workbook and a PDF; a period that ends before it starts is refused.
    let xlsx = e.ruta("recaudacion.xlsx");
    let o = e.coactiva(&[
        "reportes",
        "recaudacion",
        "--desde",
        "01/10/2026",
        "--salida",
        xlsx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stdout).contains("USD 1.150,00 en 3 pagos de 2 procesos"),
        "{}",
        texto(&o.stdout)
    );
    let pdf = e.ruta("recaudacion.pdf");
    let o = e.coactiva(&[
        "reportes",
        "recaudacion",
        "--desde",
        "01/10/2026",
        "--salida",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(texto_pdf(&pdf).contains("Noviembre de 2026"));
    let o = e.coactiva(&[
        "reportes",
        "recaudacion",
        "--desde",
        "01/11/2026",
        "--hasta",
        "01/10/2026",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("termina antes"),
        "{}",
        texto(&o.stderr)
    );
}

/// The number of the proceso opened from `titulo`.
fn numero_de(e: &Entorno, titulo: &str) -> String {
    json(&e.coactiva(&["--json", "procesos", "listar"]))
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["titulo"] == titulo)
        .unwrap()["numero"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A month of work on the four procesos: T-1 cited and paid in part, T-2 with a retención,
/// T-3 with a pending excepción, T-4 cited and referred to insolvency.
fn unidad_trabajada() -> Entorno {
    let e = unidad_con_cartera();
    let numero = |titulo: &str| numero_de(&e, titulo);
    let (p1, p2, p3, p4) = (numero("T-1"), numero("T-2"), numero("T-3"), numero("T-4"));
    let oficio = e.ruta("oficio.pdf");
    let ordenes: Vec<Vec<&str>> = vec![
        vec![
            "tasas",
            "agregar",
            "--desde",
            "01/01/2025",
            "--anual",
            "9,53",
        ],
        vec!["procesos", "etapa", &p1, "orden_pago"],
        vec![
            "procesos",
            "citar",
            &p1,
            "--parte",
            "1710034065",
            "--tipo",
            "personal",
        ],
        vec![
            "pagos",
            "registrar",
            "T-1",
            "--valor",
            "100,00",
            "--fecha",
            "24/11/2026",
            "--forma",
            "deposito",
            "--referencia",
            "BP-1",
        ],
        vec!["procesos", "etapa", &p2, "orden_pago"],
        vec![
            "medidas",
            "ordenar",
            &p2,
            "--tipo",
            "retencion",
            "--salida",
            oficio.to_str().unwrap(),
        ],
        vec![
            "excepciones",
            "registrar",
            &p3,
            "--clase",
            "excepcion",
            "--fecha",
            "24/11/2026",
            "--fundamento",
            "Prescripción de la obligación",
            "--organo",
            "Tribunal Distrital de lo Contencioso Administrativo de Quito",
            "--causa",
            "17811-2026-00123",
        ],
        vec!["procesos", "etapa", &p4, "orden_pago"],
        vec![
            "procesos",
            "citar",
            &p4,
            "--parte",
            "1710034065",
            "--tipo",
            "personal",
        ],
        vec!["procesos", "etapa", &p4, "citacion"],
        vec![
            "procesos",
            "etapa",
            &p4,
            "insolvencia",
            "--motivo",
            "sin bienes",
        ],
    ];
    for orden in &ordenes {
        let o = e.coactiva(orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    e
}

fn centavos(v: &serde_json::Value) -> i64 {
    v.as_str().unwrap().replace('.', "").parse().unwrap()
}

#[test]
fn the_bimonthly_report_counts_what_the_unit_did_in_the_two_months() {
    let e = unidad_trabajada();
    let v = json(&e.coactiva(&["--json", "reportes", "bimestral"]));
    assert_eq!(
        (v["desde"].as_str(), v["hasta"].as_str()),
        (Some("2026-11-01"), Some("2026-11-24"))
    );
    assert_eq!(v["recibidos"]["numero"], 4);
    assert_eq!(v["sorteados"]["numero"], 4);
    assert_eq!(v["abiertos"]["numero"], 4);
    assert_eq!(v["abiertos"]["valor"], "195000.00");
    assert_eq!(v["citados"]["numero"], 2, "{v}");
    assert_eq!(v["con_medidas"]["numero"], 1);
    assert_eq!(v["insolvencia"]["numero"], 1);
    assert_eq!(v["pagados"]["numero"], 0);
    assert_eq!(v["recuperado"]["valor"], "100.00");
    assert_eq!(
        v["impugnaciones"],
        serde_json::json!([{"estado": "pendiente", "clase": "excepcion", "numero": 1}])
    );
    // The previous two months: nothing happened then.
    let antes = json(&e.coactiva(&["--json", "reportes", "bimestral", "--hasta", "31/10/2026"]));
    assert_eq!(antes["desde"], "2026-09-01");
    assert_eq!(antes["abiertos"]["numero"], 0);
    // On screen and as a PDF with the unit's heading.
    let o = e.coactiva(&["reportes", "bimestral"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = texto(&o.stdout);
    assert!(t.contains("Procesos remitidos a insolvencia"), "{t}");
    let pdf = e.ruta("bimestral.pdf");
    let o = e.coactiva(&["reportes", "bimestral", "--salida", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = texto_pdf(&pdf);
    assert!(
        t.contains("INFORME BIMESTRAL A LA DIRECCIÓN NACIONAL"),
        "{t}"
    );
    assert!(
        t.contains("del 1 de noviembre de 2026 al 24 de noviembre de 2026"),
        "{t}"
    );
    assert!(t.contains("Excepciones e impugnaciones por estado"), "{t}");
}

#[test]
fn the_evaluation_of_abogados_and_the_mora_reconcile_with_the_other_figures() {
    let e = unidad_trabajada();
    let numero = |titulo: &str| numero_de(&e, titulo);
    let ev = json(&e.coactiva(&["--json", "reportes", "evaluacion", "--desde", "01/11/2026"]));
    assert_eq!(ev["total"]["asignados"], 4);
    assert_eq!(ev["total"]["citados"], 2);
    assert_eq!(ev["total"]["recuperado"], "100.00");
    assert_eq!(ev["plazo"], 180);
    let asignados: i64 = ev["abogados"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["asignados"].as_i64().unwrap())
        .sum();
    assert_eq!(asignados, 4, "every proceso is someone's");
    // Recovered: the same in the evaluation, the recaudación and the bimonthly report.
    let rec = json(&e.coactiva(&["--json", "reportes", "recaudacion", "--desde", "01/11/2026"]));
    assert_eq!(rec["total"]["valor"], ev["total"]["recuperado"]);
    // The mora in título de crédito: by state and by concept, both adding to the total, which
    // is the unit's liquidation of every proceso.
    let m = json(&e.coactiva(&["--json", "reportes", "mora"]));
    let liq = json(&e.coactiva(&["--json", "procesos", "liquidar", "--todos"]));
    assert_eq!(m["total"]["titulos"], liq["procesos"]);
    assert_eq!(m["total"]["saldo"], liq["saldo"], "{m} {liq}");
    assert_eq!(m["total"]["pagado"], "100.00");
    for g in ["por_estado", "por_concepto"] {
        assert_eq!(suma(&m[g], "saldo"), centavos(&m["total"]["saldo"]), "{g}");
        assert_eq!(suma(&m[g], "titulos"), 4, "{g}");
    }
    let estado = |k: &str| {
        m["por_estado"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["clave"] == k)
            .unwrap()["titulos"]
            .as_i64()
            .unwrap()
    };
    assert_eq!((estado("en_tramite"), estado("insolvencia")), (3, 1));
    // And each proceso's own liquidación adds up to the same saldo.
    let mut saldo = 0;
    for t in ["T-1", "T-2", "T-3", "T-4"] {
        let l = json(&e.coactiva(&["--json", "procesos", "liquidar", &numero(t)]));
        saldo += centavos(&l["saldo"]);
    }
    assert_eq!(saldo, centavos(&m["total"]["saldo"]));
    // The workbook has the same total, as a number.
    let xlsx = e.ruta("mora.xlsx");
    let o = e.coactiva(&["reportes", "mora", "--salida", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    use calamine::{Data, Reader};
    let mut libro: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let hoja = libro.worksheet_range_at(0).unwrap().unwrap();
    let total = hoja
        .rows()
        .find(|f| f.first() == Some(&Data::String("Total".into())))
        .unwrap();
    assert_eq!(
        total.last(),
        Some(&Data::Float(centavos(&m["total"]["saldo"]) as f64 / 100.0))
    );
}

#[test]
fn insolvency_bienes_and_citadores_are_reports_too_and_the_abogado_sees_his_own() {
    let e = unidad_trabajada();
    let v = json(&e.coactiva(&["--json", "reportes", "insolvencia"]));
    assert_eq!(v["procesos"].as_array().unwrap().len(), 1);
    let v = json(&e.coactiva(&["--json", "reportes", "bienes"]));
    assert_eq!(
        (v["al"].as_str(), v["bienes"].as_i64()),
        (Some("2026-11-24"), Some(0))
    );
    let o = e.coactiva(&["reportes", "bienes", "--hasta", "01/11/2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("como están hoy"),
        "{}",
        texto(&o.stderr)
    );
    let v = json(&e.coactiva(&["--json", "reportes", "citadores", "--desde", "01/11/2026"]));
    let diligencias: i64 = v["citadores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["diligencias"].as_i64().unwrap())
        .sum();
    assert_eq!(diligencias, 2);
    for (nombre, ext) in [
        ("insolvencia", "pdf"),
        ("citadores", "xlsx"),
        ("evaluacion", "pdf"),
        ("mora", "pdf"),
    ] {
        let r = e.ruta(&format!("{nombre}.{ext}"));
        let o = e.coactiva(&["reportes", nombre, "--salida", r.to_str().unwrap()]);
        assert!(o.status.success(), "{nombre}: {}", texto(&o.stderr));
        assert!(std::fs::metadata(&r).unwrap().len() > 1000, "{nombre}");
    }
    // Ab. Zoila Ñusta, as a Secretario-Abogado, sees her own line and her own procesos only.
    let o = e
        .comando()
        .env("COACTIVA_CLAVE_NUEVA", "clave-de-zoila-1")
        .args([
            "usuarios",
            "agregar",
            "zoila",
            "--nombres",
            "Ab. Zoila Ñusta",
            "--rol",
            "abogado",
            "--abogado",
            "0926687856",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let como_zoila = |args: &[&str]| {
        json(
            &e.comando()
                .env("COACTIVA_USUARIO", "zoila")
                .env("COACTIVA_CLAVE", "clave-de-zoila-1")
                .args(args)
                .output()
                .unwrap(),
        )
    };
    let ev = como_zoila(&["--json", "reportes", "evaluacion"]);
    let lineas = ev["abogados"].as_array().unwrap();
    assert_eq!(lineas.len(), 1);
    assert_eq!(lineas[0]["identificacion"], "0926687856");
    let suyos = lineas[0]["asignados"].as_i64().unwrap();
    let m = como_zoila(&["--json", "reportes", "mora"]);
    assert_eq!(m["total"]["titulos"].as_i64().unwrap(), suyos);
    // A report of a day takes no --desde.
    let o = e.coactiva(&["reportes", "mora", "--desde", "01/11/2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no de un período"),
        "{}",
        texto(&o.stderr)
    );
}

/// On generated data (300 procesos of five abogados, twelve payments): Inicio's figures, each
/// report, its workbook and the liquidaciones agree.
#[test]
fn on_generated_data_inicio_the_reports_their_workbooks_and_the_liquidaciones_reconcile() {
    let e = Entorno::con_unidad();
    for orden in [
        vec![
            "demo",
            "--titulos",
            "300",
            "--abogados",
            "5",
            "--procesos",
            "300",
            "--semilla",
            "18",
        ],
        vec![
            "tasas",
            "agregar",
            "--desde",
            "01/01/2020",
            "--anual",
            "9,53",
        ],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    let lista = json(&e.coactiva(&["--json", "procesos", "listar"]));
    let titulos: Vec<String> = lista
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["titulo"].as_str().unwrap().to_string())
        .collect();
    for (k, t) in titulos.iter().take(12).enumerate() {
        let valor = format!("{},00", 10 + k);
        let referencia = format!("BP-{k}");
        let o = e.coactiva(&[
            "pagos",
            "registrar",
            t,
            "--valor",
            &valor,
            "--fecha",
            "20/11/2026",
            "--forma",
            "deposito",
            "--referencia",
            &referencia,
        ]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
    }
    let inv = json(&e.coactiva(&["--json", "reportes", "inventario"]));
    // Inicio's charts, read as the window reads them.
    let mut store = abrir_store(
        &e.db(),
        std::sync::Arc::new(coactiva::FixedClock::on(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        )),
    );
    let jefe = coactiva::usuarios::autenticar(&mut store, "jefe", CLAVE).unwrap();
    let t = serde_json::to_value(coactiva::vistas::tablero(&store, &jefe).unwrap()).unwrap();
    drop(store);
    assert_eq!(t["inventario"]["total"], inv["total"]);
    assert_eq!(t["inventario"]["procesos"], inv["procesos"]);
    for g in ["por_etapa", "por_abogado", "por_monto", "por_antiguedad"] {
        assert_eq!(suma(&inv[g], "total"), centavos(&inv["total"]), "{g}");
    }
    let por_abogado: i64 = t["por_abogado"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["procesos"].as_i64().unwrap())
        .sum();
    assert_eq!(por_abogado, inv["procesos"].as_i64().unwrap());
    // The workbook's total row is the same figure, as a number.
    let xlsx = e.ruta("inventario.xlsx");
    let o = e.coactiva(&["reportes", "inventario", "--salida", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    use calamine::{Data, Reader};
    let mut libro: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    for hoja in libro.sheet_names() {
        let r = libro.worksheet_range(&hoja).unwrap();
        let total = r
            .rows()
            .find(|f| f.first() == Some(&Data::String("Total".into())))
            .unwrap();
        assert_eq!(
            total[5],
            Data::Float(centavos(&inv["total"]) as f64 / 100.0),
            "{hoja}"
        );
    }
    // What was collected: the same in Inicio, the recaudación, the evaluation, the bimonthly
    // report and its workbook: 10 + 11 + … + 21 dollars.
    let recuperado = (10..22).sum::<i64>() * 100;
    let rec = json(&e.coactiva(&["--json", "reportes", "recaudacion", "--desde", "01/11/2026"]));
    let ev = json(&e.coactiva(&["--json", "reportes", "evaluacion", "--desde", "01/11/2026"]));
    let bi = json(&e.coactiva(&["--json", "reportes", "bimestral"]));
    assert_eq!(centavos(&rec["total"]["valor"]), recuperado);
    assert_eq!(centavos(&ev["total"]["recuperado"]), recuperado);
    assert_eq!(centavos(&bi["recuperado"]["valor"]), recuperado);
    assert_eq!(centavos(&t["recaudacion"]["total"]["valor"]), recuperado);
    assert_eq!(
        t["recaudacion"]["por_mes"].as_array().unwrap().len(),
        12,
        "twelve months"
    );
    // The mora against the liquidaciones of every proceso.
    let m = json(&e.coactiva(&["--json", "reportes", "mora"]));
    let liq = json(&e.coactiva(&["--json", "procesos", "liquidar", "--todos"]));
    assert_eq!(m["total"]["saldo"], liq["saldo"]);
    assert_eq!(m["total"]["pagado"], liq["pagado"]);
    assert_eq!(centavos(&m["total"]["pagado"]), recuperado);
}
