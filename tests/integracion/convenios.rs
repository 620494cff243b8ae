//! Convenios de pago, honorarios and insolvencia as the office uses them through the command:
//! a convenio paid off cuota by cuota ends the proceso as «pagado»; one left unpaid falls into
//! default and the proceso returns to its stage with the whole saldo due; honorarios are asked
//! on what was recovered and approved by the Jefe; a proceso referred to insolvency appears in
//! the bimonthly report. Days pass through the command's clock, never the machine's.

use std::process::Output;

use crate::comun::*;

/// A proceso on a título of 1 500,00 issued 01/02/2026, with 12 % a year from 01/01/2026.
fn proceso() -> (Entorno, String) {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    let o = e.coactiva(&["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    (e, p)
}

fn pagar(e: &Entorno, dia: &str, numero: &str, valor: &str, fecha: &str) -> Output {
    el_dia(
        e,
        dia,
        &[
            "pagos",
            "registrar",
            numero,
            "--valor",
            valor,
            "--fecha",
            fecha,
            "--forma",
            "transferencia",
            "--referencia",
            "TR-55",
        ],
    )
}

/// The printed text of a PDF, laid out as on the page.
fn pdftotext(pdf: &std::path::Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    texto(&o.stdout)
}

fn centavos(v: &serde_json::Value) -> i64 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("no es un importe: {v}"));
    let (e, d) = s.split_once('.').unwrap();
    e.parse::<i64>().unwrap() * 100 + d.parse::<i64>().unwrap()
}

fn etapa(e: &Entorno, dia: &str, p: &str) -> String {
    let o = el_dia(e, dia, &["procesos", "ver", p, "--json"]);
    json(&o)["etapa"].as_str().unwrap().to_string()
}

#[test]
fn a_convenio_paid_cuota_by_cuota_ends_the_proceso_as_pagado() {
    let (e, p) = proceso();
    let l = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(l["saldo"], "1648.00", "1 500,00 + 296 días al 12 %: {l}");
    let o = e.coactiva(&[
        "convenios",
        "crear",
        &p,
        "--cuotas",
        "3",
        "--entrada",
        "148,00",
        "--desde",
        "24/11/2026",
        "--json",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let c = json(&o);
    assert_eq!(c["saldo"], "1648.00", "the saldo frozen on its date");
    let tabla = c["tabla"].as_array().unwrap();
    assert_eq!(tabla.len(), 4, "entrada and three cuotas");
    assert_eq!(
        tabla
            .iter()
            .map(|q| centavos(&q["amortizacion"]))
            .sum::<i64>(),
        164_800
    );
    // 1 500,00 at 1 % a month in three cuotas: 510,03 (French system).
    assert_eq!(tabla[1]["amortizacion"], "495.03");
    assert_eq!(tabla[1]["interes"], "15.00");
    let vences: Vec<&str> = tabla.iter().map(|q| q["vence"].as_str().unwrap()).collect();
    assert_eq!(
        vences,
        ["2026-11-24", "2026-12-24", "2027-01-25", "2027-02-24"],
        "24/01/2027 is a Sunday: the cuota is due on Monday"
    );
    assert_eq!(etapa(&e, "2026-11-24", &p), "convenio_pago");
    // The convenio is a document: printed, foliated.
    let pdf = e.ruta("convenio.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "convenio",
        &p,
        "--salida",
        pdf.to_str().unwrap(),
        "--foliar",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = pdftotext(&pdf);
    for debe in [
        "CONVENIO DE PAGO",
        "USD 1.648,00",
        "Cuota 3, vence el 24/02/2027",
        "tres (3) cuotas",
    ] {
        assert!(t.contains(debe), "«{debe}» no está en:\n{t}");
    }
    // Mora stops: a month later the saldo grew only by the first cuota's interest.
    let l = json(&el_dia(
        &e,
        "2026-12-24",
        &["procesos", "liquidar", &p, "--json"],
    ));
    assert_eq!(l["saldo"], "1663.00", "{l}");
    // Paying each cuota on its day.
    let dias = ["2026-11-24", "2026-12-24", "2027-01-25", "2027-02-24"];
    for (q, dia) in tabla.iter().zip(dias) {
        let fecha = coactiva::fechas::corta(dia.parse().unwrap());
        let valor = format!(
            "{},{:02}",
            (centavos(&q["amortizacion"]) + centavos(&q["interes"])) / 100,
            (centavos(&q["amortizacion"]) + centavos(&q["interes"])) % 100
        );
        let o = pagar(&e, dia, &p, &valor, &fecha);
        assert!(o.status.success(), "{dia}: {}", texto(&o.stderr));
        let v = json(&el_dia(&e, dia, &["convenios", "ver", &p, "--json"]));
        assert!(
            v[0]["estado"]["vencidas"].as_array().unwrap().is_empty(),
            "{v}"
        );
    }
    assert_eq!(etapa(&e, "2027-02-24", &p), "pagado");
    let v = json(&el_dia(
        &e,
        "2027-03-01",
        &["convenios", "ver", &p, "--json"],
    ));
    assert_eq!(v[0]["estado"]["estado"], "cumplido");
    let l = json(&el_dia(
        &e,
        "2027-03-01",
        &["procesos", "liquidar", &p, "--json"],
    ));
    assert_eq!(l["saldo"], "0.00");
    assert_eq!(
        el_dia(&e, "2027-03-01", &["verificar"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_convenio_left_unpaid_falls_into_default_and_the_whole_saldo_is_due() {
    let (e, p) = proceso();
    let antes = etapa(&e, "2026-11-24", &p);
    let o = e.coactiva(&[
        "convenios",
        "crear",
        &p,
        "--cuotas",
        "6",
        "--desde",
        "24/11/2026",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stdout).contains("Convenio 1"),
        "{}",
        texto(&o.stdout)
    );
    // One cuota overdue: still in force, and the list of vencimientos says so.
    let v = json(&el_dia(
        &e,
        "2027-01-20",
        &["convenios", "ver", &p, "--json"],
    ));
    assert_eq!(v[0]["estado"]["estado"], "vigente");
    assert_eq!(v[0]["estado"]["vencidas"], serde_json::json!([1]));
    let o = el_dia(&e, "2027-01-20", &["procesos", "vencimientos", "--json"]);
    assert!(
        texto(&o.stdout).contains("cuota 1 del convenio de pago"),
        "{}",
        texto(&o.stdout)
    );
    assert_eq!(etapa(&e, "2027-01-20", &p), "convenio_pago");
    // The second one overdue (due Monday 25/01/2027): incumplido from the 26th.
    let o = el_dia(&e, "2027-02-01", &["procesos", "vencimientos", "--json"]);
    assert!(
        texto(&o.stdout).contains("convenio de pago incumplido"),
        "{}",
        texto(&o.stdout)
    );
    let v = json(&el_dia(
        &e,
        "2027-02-01",
        &["convenios", "ver", &p, "--json"],
    ));
    assert_eq!(v[0]["estado"]["estado"], "incumplido");
    assert_eq!(v[0]["estado"]["incumplido_desde"], "2027-01-26");
    assert_eq!(v[0]["incumplido_registrado"], "2027-01-26");
    assert_eq!(etapa(&e, "2027-02-01", &p), antes, "back where it was");
    // The convenio's benefit is lost: mora from the exigibility, on the whole capital.
    let l = json(&el_dia(
        &e,
        "2027-02-01",
        &["procesos", "liquidar", &p, "--json"],
    ));
    // 02/02/2026 to 01/02/2027: 365 days at 12 % / 360 on 1 500,00 = 182,50.
    assert_eq!(l["saldo"], "1682.50", "{l}");
    // A late payment does not revive it, and the log rebuilds all of it.
    let o = pagar(&e, "2027-02-01", &p, "100,00", "01/02/2027");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&el_dia(
        &e,
        "2027-02-01",
        &["convenios", "ver", &p, "--json"],
    ));
    assert_eq!(v[0]["estado"]["estado"], "incumplido");
    assert_eq!(
        el_dia(&e, "2027-02-01", &["verificar"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_wrong_convenio_is_refused_and_nothing_is_written() {
    let (e, p) = proceso();
    for (args, motivo) in [
        (
            vec!["--cuotas", "0", "--desde", "24/11/2026"],
            "de 1 a 120 cuotas",
        ),
        (
            vec!["--cuotas", "121", "--desde", "24/11/2026"],
            "de 1 a 120 cuotas",
        ),
        (
            vec!["--cuotas", "3", "--desde", "25/11/2026"],
            "en el futuro",
        ),
        (
            vec![
                "--cuotas",
                "3",
                "--entrada",
                "1.648,00",
                "--desde",
                "24/11/2026",
            ],
            "menor que el saldo",
        ),
        (
            vec!["--cuotas", "3", "--entrada=-1", "--desde", "24/11/2026"],
            "entrada",
        ),
        (vec!["--cuotas", "tres", "--desde", "24/11/2026"], "cuotas"),
    ] {
        let mut a = vec!["convenios", "crear", p.as_str()];
        a.extend(args.iter().copied());
        let o = e.coactiva(&a);
        assert!(!o.status.success(), "{a:?}");
        let err = texto(&o.stderr);
        assert!(err.contains(motivo), "{a:?}: {err}");
    }
    assert_eq!(etapa(&e, "2026-11-24", &p), "orden_cobro");
    let o = e.coactiva(&["convenios", "ver", &p, "--json"]);
    assert_eq!(json(&o), serde_json::json!([]));
    // A payment after the date of a convenio blocks an earlier convenio; a second convenio too.
    let o = pagar(&e, "2026-11-24", &p, "10,00", "23/11/2026");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e.coactiva(&[
        "convenios",
        "crear",
        &p,
        "--cuotas",
        "3",
        "--desde",
        "20/11/2026",
    ]);
    assert!(
        texto(&o.stderr).contains("posterior a la fecha del convenio"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&[
        "convenios",
        "crear",
        &p,
        "--cuotas",
        "3",
        "--desde",
        "24/11/2026",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e.coactiva(&[
        "convenios",
        "crear",
        &p,
        "--cuotas",
        "3",
        "--desde",
        "24/11/2026",
    ]);
    assert!(
        texto(&o.stderr).contains("ya tiene un convenio"),
        "{}",
        texto(&o.stderr)
    );
    // A payment dated before the convenio would change the agreed saldo.
    let o = pagar(&e, "2026-11-24", &p, "10,00", "22/11/2026");
    assert!(
        texto(&o.stderr).contains("convenio de pago desde"),
        "{}",
        texto(&o.stderr)
    );
}

/// A proceso carried by an external abogado.
fn proceso_externo() -> (Entorno, String) {
    let e = Entorno::con_unidad();
    let csv = e.escribir(
        "c.csv",
        format!(
            "{ENCABEZADO}\nT-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00\n"
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
            "Ab. Externa",
            "--externo",
            "--genero",
            "femenino",
        ],
        vec!["sorteo", "ejecutar"],
        vec!["procesos", "abrir", "T-1"],
        vec!["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    (e, "17001-2026-00001".to_string())
}

#[test]
fn honorarios_are_asked_on_what_was_recovered_and_approved_by_the_jefe() {
    let (e, p) = proceso_externo();
    // The debtor owes 10 % on capital and interest: 1 648,00 + 164,80.
    let l = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(l["honorarios"], "164.80", "{l}");
    assert_eq!(l["saldo"], "1812.80", "{l}");
    // Nothing recovered yet: nothing to ask.
    let o = e.coactiva(&["honorarios", "solicitar", &p]);
    assert!(
        texto(&o.stderr).contains("no se ha recuperado"),
        "{}",
        texto(&o.stderr)
    );
    // 1 000,00 paid: 164,80 to honorarios, 835,20 to interest and capital.
    let o = pagar(&e, "2026-11-24", &p, "1.000,00", "24/11/2026");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e.coactiva(&["honorarios", "solicitar", &p, "--json"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let h = json(&o);
    assert_eq!(h["recuperado"], "835.20");
    assert_eq!(h["valor"], "83.52", "10 % of what was recovered");
    assert_eq!(h["estado"], "pendiente");
    assert_eq!(h["verificado"], true);
    assert_eq!(h["completo"], false, "the payment has no foliated receipt");
    assert!(
        h["observaciones"].to_string().contains("sin comprobante"),
        "{h}"
    );
    let o = e.coactiva(&["honorarios", "solicitar", &p]);
    assert!(
        texto(&o.stderr).contains("esperando la revisión"),
        "{}",
        texto(&o.stderr)
    );
    // No approved honorarios, no orden de pago.
    let pdf = e.ruta("h.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "orden-honorarios",
        &p,
        "--salida",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        texto(&o.stderr).contains("no tiene honorarios aprobados"),
        "{}",
        texto(&o.stderr)
    );
    // Rejecting needs a reason; approving prints the order.
    let o = e.coactiva(&["honorarios", "rechazar", "1", "--motivo", " "]);
    assert!(
        texto(&o.stderr).contains("necesita el motivo"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&["honorarios", "aprobar", "1"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = e.coactiva(&["honorarios", "aprobar", "1"]);
    assert!(
        texto(&o.stderr).contains("ya fue decidida"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&[
        "imprimir",
        "orden-honorarios",
        &p,
        "--salida",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = pdftotext(&pdf);
    for debe in [
        "ORDEN DE PAGO DE HONORARIOS",
        "USD 83,52",
        "Ab. Externa",
        "10,00 %",
        "USD 835,20",
    ] {
        assert!(t.contains(debe), "«{debe}» no está en:\n{t}");
    }
    // The next request covers only what was recovered since.
    let o = e.coactiva(&["honorarios", "solicitar", &p]);
    assert!(
        texto(&o.stderr).contains("desde la última solicitud"),
        "{}",
        texto(&o.stderr)
    );
    let v = json(&e.coactiva(&["honorarios", "listar", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["estado"], "aprobada");
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
    // A forged approval, or a changed amount, is found.
    let conn = conectar(&e.db());
    conn.execute_batch(
        "DROP TRIGGER honorarios_no_se_editan; UPDATE honorarios SET valor = 99999;",
    )
    .unwrap();
    drop(conn);
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(3));
    let s = format!("{}{}", texto(&o.stdout), texto(&o.stderr));
    assert!(s.contains("honorarios") && s.contains("valor"), "{s}");
}

#[test]
fn an_internal_abogado_earns_no_honorarios() {
    let (e, p) = proceso();
    let l = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(l["honorarios"], "0.00");
    let o = pagar(&e, "2026-11-24", &p, "100,00", "24/11/2026");
    assert!(o.status.success());
    let o = e.coactiva(&["honorarios", "solicitar", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("de planta"),
        "{}",
        texto(&o.stderr)
    );
}

#[test]
fn a_proceso_referred_to_insolvency_is_in_the_bimonthly_report() {
    let (e, p) = proceso();
    for orden in [
        vec!["procesos", "etapa", p.as_str(), "orden_pago"],
        vec![
            "procesos",
            "citar",
            p.as_str(),
            "--parte",
            "1714307103",
            "--tipo",
            "personal",
        ],
        vec!["procesos", "etapa", p.as_str(), "citacion"],
        vec![
            "procesos",
            "etapa",
            p.as_str(),
            "insolvencia",
            "--motivo",
            "sin bienes",
        ],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    let v = json(&e.coactiva(&["insolvencia", "informe", "--json"]));
    assert_eq!(v["bimestre"], "noviembre y diciembre de 2026");
    assert_eq!(v["procesos"][0]["proceso"], p.as_str());
    assert_eq!(v["procesos"][0]["en_el_bimestre"], true);
    assert!(
        v["procesos"][0]["estado"]
            .as_str()
            .unwrap()
            .contains("falta foliar"),
        "{v}"
    );
    let pdf = e.ruta("oficio.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "oficio-insolvencia",
        &p,
        "--salida",
        pdf.to_str().unwrap(),
        "--foliar",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = pdftotext(&pdf);
    assert!(
        t.contains("Saldo: USD 1.648,00") && t.contains("Área de Patrocinio"),
        "{t}"
    );
    let v = json(&e.coactiva(&["insolvencia", "informe", "--json"]));
    assert!(
        v["procesos"][0]["estado"]
            .as_str()
            .unwrap()
            .contains("oficio de remisión en fojas"),
        "{v}"
    );
    assert_eq!(v["saldo"], "1648.00");
    // The next bimester still lists it, no longer as new.
    let v = json(&el_dia(
        &e,
        "2027-01-05",
        &["insolvencia", "informe", "--json"],
    ));
    assert_eq!(v["procesos"][0]["en_el_bimestre"], false);
    assert_eq!(v["nuevos"], 0);
}

#[test]
fn long_names_sign_the_convenio_without_running_into_each_other() {
    let (e, p) = con_un_proceso(
        "T-1,01/02/2026,1790012345001,Transportes y Servicios Logísticos del Litoral S.A.,Aportes,1500.00,0,1500.00",
    );
    for orden in [
        vec!["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"],
        vec![
            "convenios",
            "crear",
            p.as_str(),
            "--cuotas",
            "2",
            "--desde",
            "24/11/2026",
        ],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    let pdf = e.ruta("convenio.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "convenio",
        &p,
        "--salida",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = pdftotext(&pdf);
    // The posts under the names: a name this long shares its row with one other signer at most.
    let cargos = t
        .lines()
        .find(|l| l.contains("Coactivado"))
        .unwrap_or_else(|| panic!("no «Coactivado» under a signature:\n{t}"));
    assert!(
        !cargos.contains("Secretario-Abogado"),
        "three signers side by side with a name this long run into each other:\n{t}"
    );
}
