//! Pagos and abonos as the clerk records them through the command: refused when wrong (nothing
//! written), imputed once over what was owed on their date, the receipt foliated, the proceso
//! paid in full moved to «pagado», annulments as new records, and all of it verified.

use crate::comun::*;

/// A proceso on a título of 1 500,00 issued 01/02/2026, with 12 % a year from 01/01/2026.
fn proceso() -> (Entorno, String) {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    let o = e.coactiva(&["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    (e, p)
}

fn pagar(
    e: &Entorno,
    numero: &str,
    valor: &str,
    fecha: &str,
    extra: &[&str],
) -> std::process::Output {
    let mut a = vec![
        "pagos",
        "registrar",
        numero,
        "--valor",
        valor,
        "--fecha",
        fecha,
        "--forma",
        "deposito",
        "--referencia",
        "BP-778812",
        "--json",
    ];
    a.extend_from_slice(extra);
    e.coactiva(&a)
}

#[test]
fn a_wrong_payment_is_refused_in_spanish_and_nothing_is_written() {
    let (e, p) = proceso();
    let antes = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    // No archivo for a proceso that is not paid.
    let o = e.coactiva(&[
        "imprimir",
        "auto-archivo",
        &p,
        "--salida",
        e.ruta("a.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("«Auto de archivo» no corresponde"),
        "{}",
        texto(&o.stderr)
    );
    for (valor, fecha, forma, referencia, motivo) in [
        ("0", "20/11/2026", "deposito", "BP-1", "mayor que cero"),
        ("-5,00", "20/11/2026", "deposito", "BP-1", "mayor que cero"),
        ("diez", "20/11/2026", "deposito", "BP-1", "no es válido"),
        ("10,00", "25/11/2026", "deposito", "BP-1", "en el futuro"),
        (
            "10,00",
            "31/01/2026",
            "deposito",
            "BP-1",
            "anterior a la emisión",
        ),
        (
            "99.999,00",
            "20/11/2026",
            "deposito",
            "BP-1",
            "supera el saldo",
        ),
        (
            "10,00",
            "20/11/2026",
            "trueque",
            "BP-1",
            "la forma de pago «trueque» no existe",
        ),
        (
            "10,00",
            "20/11/2026",
            "deposito",
            " ",
            "falta la referencia",
        ),
    ] {
        // «--valor=-5,00»: a value that starts with a dash is still the value.
        let v = format!("--valor={valor}");
        let r = format!("--referencia={referencia}");
        let a = [
            "pagos",
            "registrar",
            &p,
            &v,
            "--fecha",
            fecha,
            "--forma",
            forma,
            &r,
        ];
        let o = e.coactiva(&a);
        assert_eq!(o.status.code(), Some(2), "{a:?}: {}", texto(&o.stderr));
        assert!(
            texto(&o.stderr).contains(motivo),
            "{a:?}: {}",
            texto(&o.stderr)
        );
    }
    let basura = e.escribir("no.pdf", b"esto no es un PDF");
    let o = pagar(
        &e,
        &p,
        "10,00",
        "20/11/2026",
        &["--comprobante", basura.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", texto(&o.stderr));
    assert_eq!(
        json(&e.coactiva(&["pagos", "listar", &p, "--json"])),
        serde_json::json!([])
    );
    assert_eq!(
        json(&e.coactiva(&["procesos", "liquidar", &p, "--json"])),
        antes
    );
    let o = e.coactiva(&["procesos", "indice", &p, "--json"]);
    assert_eq!(json(&o), serde_json::json!([]), "no foja was taken");
}

#[test]
fn a_payment_is_imputed_once_its_receipt_foliated_and_a_proceso_paid_in_full_is_archived() {
    let (e, p) = proceso();
    // On 01/04/2026: mora from 02/02 to 01/04 (59 days) on 1 500,00 at 12 %: 29,50.
    let recibo = e.escribir(
        "recibo.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Depósito").unwrap(),
    );
    let o = pagar(
        &e,
        &p,
        "500,00",
        "01/04/2026",
        &["--comprobante", recibo.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let pago = json(&o);
    assert_eq!(pago["intereses"], "29.50");
    assert_eq!(pago["capital"], "470.50");
    assert_eq!(
        pago["actuacion"], 1,
        "the receipt is the expediente's first actuación"
    );
    let indice = texto(&e.coactiva(&["procesos", "indice", &p]).stdout);
    assert!(
        indice.contains("Comprobante de pago de USD 500,00 (BP-778812)"),
        "{indice}"
    );
    // A later rate does not rewrite the stored imputation.
    assert!(e
        .coactiva(&["tasas", "agregar", "--desde", "01/01/2026", "--anual", "24"])
        .status
        .success());
    let v = json(&e.coactiva(&["pagos", "listar", &p, "--json"]));
    assert_eq!(v[0]["intereses"], "29.50");
    assert_eq!(v[0]["capital"], "470.50");
    // What is left today is paid: the proceso moves to «pagado» and takes no more payments.
    let l = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(l["capital"], "1029.50");
    assert_eq!(l["pagado"], "500.00");
    let saldo = l["saldo"].as_str().unwrap().replace('.', ",");
    let o = pagar(&e, &p, &saldo, "24/11/2026", &[]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let d = json(&e.coactiva(&["procesos", "ver", &p, "--json"]));
    assert_eq!(d["etapa"], "pagado", "{d}");
    let fin = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(fin["saldo"], "0.00");
    let o = pagar(&e, &p, "1,00", "24/11/2026", &[]);
    assert_eq!(o.status.code(), Some(2), "nothing more is owed");
    // Paid in full: the auto de archivo is printed and foliated.
    let auto = e.ruta("auto.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "auto-archivo",
        &p,
        "--foliar",
        "--salida",
        auto.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = texto(
        &std::process::Command::new("pdftotext")
            .args([auto.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    );
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        t.contains("AUTO DE ARCHIVO") && t.contains("se dispone el archivo"),
        "{t}"
    );
    // An annulment is a new record with its reason; the payment stays, marked annulled.
    let o = e.coactiva(&[
        "pagos",
        "anular",
        "2",
        "--motivo",
        "cheque devuelto por el banco",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&e.coactiva(&["pagos", "listar", &p, "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[1]["anulado"], true);
    assert_eq!(v[2]["anula"], 2);
    let otra = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(
        otra["saldo"], l["saldo"],
        "the annulled payment no longer counts"
    );
    let o = e.coactiva(&[
        "imprimir",
        "auto-archivo",
        &p,
        "--salida",
        e.ruta("otro.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("aún debe USD"),
        "{}",
        texto(&o.stderr)
    );
    assert_eq!(
        e.coactiva(&["pagos", "anular", "2", "--motivo", "otra vez"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn an_abono_is_accepted_before_the_sorteo() {
    let (e, _) = proceso();
    let csv = e.escribir(
        "d.csv",
        format!("{ENCABEZADO}\nT-2,01/03/2026,0102030400,Luis Quishpe,Aportes,200.00,0,200.00\n")
            .as_bytes(),
    );
    assert!(e
        .coactiva(&["titulos", "importar", csv.to_str().unwrap()])
        .status
        .success());
    let o = pagar(&e, "T-2", "50,00", "20/11/2026", &[]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["titulo"], "T-2");
    let recibo = e.escribir(
        "recibo.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Depósito").unwrap(),
    );
    let o = pagar(
        &e,
        "T-2",
        "5,00",
        "20/11/2026",
        &["--comprobante", recibo.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("aún no tiene expediente"),
        "{}",
        texto(&o.stderr)
    );
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn the_units_totals_are_the_sum_of_each_procesos_liquidation() {
    let (e, p) = proceso();
    let csv = e.escribir(
        "d.csv",
        format!(
            "{ENCABEZADO}\nT-2,01/03/2026,0102030400,Luis Quishpe,Aportes,200.00,3.50,203.50\n"
        )
        .as_bytes(),
    );
    for orden in [
        vec!["titulos", "importar", csv.to_str().unwrap()],
        vec!["sorteo", "ejecutar"],
        vec!["procesos", "abrir", "T-2"],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    assert!(pagar(&e, &p, "300,00", "01/06/2026", &[]).status.success());
    let centavos =
        |v: &serde_json::Value| -> i64 { v.as_str().unwrap().replace('.', "").parse().unwrap() };
    let mut suma = 0;
    for n in [p.as_str(), "17001-2026-00002"] {
        suma += centavos(&json(&e.coactiva(&["procesos", "liquidar", n, "--json"]))["saldo"]);
    }
    let t = json(&e.coactiva(&["procesos", "liquidar", "--todos", "--json"]));
    assert_eq!(t["procesos"], 2);
    assert_eq!(centavos(&t["saldo"]), suma);
    assert_eq!(t["pagado"], "300.00");
    assert_eq!(t["sin_tasa"], 0);
    let o = e.coactiva(&["procesos", "liquidar"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_cost_counts_in_the_liquidation_only_once_the_jefe_approves_it() {
    let (e, p) = proceso();
    let factura = e.escribir(
        "factura.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Factura").unwrap(),
    );
    let registrar = |valor: &str, concepto: &str| {
        let v = format!("--valor={valor}");
        e.coactiva(&[
            "costas",
            "registrar",
            &p,
            "--concepto",
            concepto,
            "--descripcion",
            "Publicación en El Comercio",
            &v,
            "--fecha",
            "20/11/2026",
            "--comprobante",
            factura.to_str().unwrap(),
            "--json",
        ])
    };
    for (valor, concepto, motivo) in [
        ("0", "publicacion", "mayor que cero"),
        ("85,00", "cena", "«cena» no existe"),
    ] {
        let o = registrar(valor, concepto);
        assert_eq!(o.status.code(), Some(2));
        assert!(texto(&o.stderr).contains(motivo), "{}", texto(&o.stderr));
    }
    let antes = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    let o = registrar("85,00", "publicacion");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let id = json(&o)["id"].as_i64().unwrap().to_string();
    let indice = texto(&e.coactiva(&["procesos", "indice", &p]).stdout);
    assert!(
        indice.contains("Comprobante de gasto: Publicación en El Comercio (USD 85,00)"),
        "{indice}"
    );
    // Pending: not yet owed.
    assert_eq!(
        json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]))["costas"],
        "0.00"
    );
    // Only the Jefe decides; a rejection needs its reason; a cost is decided once.
    let o = e
        .comando()
        .args([
            "usuarios",
            "agregar",
            "sec",
            "--nombres",
            "Secretaria",
            "--rol",
            "secretario",
        ])
        .env("COACTIVA_CLAVE_NUEVA", "clave-secretaria-1")
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = e
        .comando()
        .args(["costas", "aprobar", &id])
        .env("COACTIVA_USUARIO", "sec")
        .env("COACTIVA_CLAVE", "clave-secretaria-1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", texto(&o.stderr));
    assert!(e.coactiva(&["costas", "aprobar", &id]).status.success());
    assert_eq!(
        e.coactiva(&["costas", "rechazar", &id, "--motivo", "x"])
            .status
            .code(),
        Some(2)
    );
    let l = json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]));
    assert_eq!(l["costas"], "85.00");
    let c =
        |v: &serde_json::Value| -> i64 { v.as_str().unwrap().replace('.', "").parse().unwrap() };
    assert_eq!(c(&l["saldo"]), c(&antes["saldo"]) + 8500);
    // A payment covers the costas first (the default order).
    let pago = json(&pagar(&e, &p, "100,00", "24/11/2026", &[]));
    assert_eq!(pago["costas"], "85.00");
    // A second cost, rejected with its reason, never counts.
    let otro = json(&registrar("40,00", "movilizacion"))["id"]
        .as_i64()
        .unwrap()
        .to_string();
    assert_eq!(
        e.coactiva(&["costas", "rechazar", &otro]).status.code(),
        Some(2),
        "the reason is required"
    );
    assert!(e
        .coactiva(&["costas", "rechazar", &otro, "--motivo", "sin factura"])
        .status
        .success());
    let v = json(&e.coactiva(&["costas", "listar", &p, "--json"]));
    assert_eq!(v[0]["estado"], "aprobada");
    assert_eq!(v[1]["estado"], "rechazada");
    assert_eq!(
        json(&e.coactiva(&["procesos", "liquidar", &p, "--json"]))["costas"],
        "0.00"
    );
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}
