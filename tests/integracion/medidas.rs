//! Medidas cautelares through the command: each oficio numbered in one gapless sequence per
//! year, citing the orden de pago and its date, foliated as it is issued; the entities'
//! answers, with what a bank retained shown in the liquidación as pending transfer; the
//! lifting, with its own oficio; what is overdue on Inicio's list. Days pass by the clock seam.

use crate::comun::*;

/// A proceso of 1 500,00 at the orden de pago, dictated on 24/11/2026, with a rate.
fn proceso() -> (Entorno, String) {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    for orden in [
        vec!["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"],
        vec!["procesos", "etapa", &p, "orden_pago"],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    (e, p)
}

#[test]
fn each_oficio_takes_the_next_number_cites_the_orden_de_pago_and_is_foliated() {
    let (e, p) = proceso();
    let of1 = e.ruta("of1.pdf");
    let v = json(&el_dia(
        &e,
        "2026-11-25",
        &[
            "--json",
            "medidas",
            "ordenar",
            &p,
            "--tipo",
            "retencion",
            "--salida",
            of1.to_str().unwrap(),
        ],
    ));
    assert_eq!(v["oficio"], "17001-2026-00001-OF", "{v}");
    assert_eq!(v["estado"], "sin respuesta");
    let t = texto_pdf(&of1);
    for debe in [
        "OFICIO N.º 17001-2026-00001-OF",
        "Superintendencia de Bancos",
        "orden de pago inmediato dictada el 24 de noviembre de 2026",
        "Comercial Andina",
        "citando el oficio N.º 17001-2026-00001-OF",
        "Fs. 1",
    ] {
        assert!(t.contains(debe), "falta «{debe}» en el oficio:\n{t}");
    }
    let of2 = e.ruta("of2.pdf");
    let v = json(&el_dia(
        &e,
        "2026-11-25",
        &[
            "--json",
            "medidas",
            "ordenar",
            &p,
            "--tipo",
            "prohibicion_vehiculos",
            "--detalle",
            "Vehículo de placa PBA-1234",
            "--salida",
            of2.to_str().unwrap(),
        ],
    ));
    assert_eq!(v["oficio"], "17001-2026-00002-OF");
    assert!(texto_pdf(&of2).contains("Vehículo de placa PBA-1234"));
    // Both oficios are fojas of the expediente, described by number and addressee.
    let indice = texto(&e.coactiva(&["procesos", "indice", &p]).stdout);
    assert!(
        indice.contains("17001-2026-00001-OF") && indice.contains("17001-2026-00002-OF"),
        "{indice}"
    );
    // A refused medida takes no number: the next one is 3.
    let o = el_dia(
        &e,
        "2026-11-25",
        &[
            "medidas",
            "ordenar",
            &p,
            "--tipo",
            "secuestro",
            "--salida",
            e.ruta("x.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no existe") && texto(&o.stderr).contains("retencion"),
        "{}",
        texto(&o.stderr)
    );
    let of3 = e.ruta("of3.pdf");
    let v = json(&el_dia(
        &e,
        "2026-11-26",
        &[
            "--json",
            "medidas",
            "levantar",
            "2",
            "--motivo",
            "orden",
            "--detalle",
            "Providencia del 26/11/2026",
            "--salida",
            of3.to_str().unwrap(),
        ],
    ));
    assert_eq!(v["levantamiento"]["oficio"], "17001-2026-00003-OF", "{v}");
    let t = texto_pdf(&of3);
    assert!(
        t.contains("levantar la prohibición de enajenar vehículos")
            && t.contains("oficio N.º 17001-2026-00002-OF"),
        "{t}"
    );
    // A medida's oficio is not printed loose, without its number; a copy is, unfoliated.
    let o = e.coactiva(&[
        "imprimir",
        "oficio-retencion",
        &p,
        "--salida",
        e.ruta("suelto.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("número de oficio"),
        "{}",
        texto(&o.stderr)
    );
    let o = e.coactiva(&[
        "imprimir",
        "oficio-retencion",
        &p,
        "--medida",
        "1",
        "--foliar",
        "--salida",
        e.ruta("copia.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = e.coactiva(&[
        "imprimir",
        "oficio-retencion",
        &p,
        "--medida",
        "1",
        "--salida",
        e.ruta("copia.pdf").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(texto_pdf(&e.ruta("copia.pdf")).contains("17001-2026-00001-OF"));
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn a_medida_cannot_precede_the_orden_de_pago() {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    let o = e.coactiva(&[
        "medidas",
        "ordenar",
        &p,
        "--tipo",
        "retencion",
        "--salida",
        e.ruta("o.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("desde la orden de pago"),
        "{}",
        texto(&o.stderr)
    );
    assert!(!e.ruta("o.pdf").exists(), "no oficio is left behind");
}

#[test]
fn a_banks_answer_shows_what_it_retained_in_the_liquidation_until_lifted() {
    let (e, p) = proceso();
    let o = el_dia(
        &e,
        "2026-11-25",
        &[
            "medidas",
            "ordenar",
            &p,
            "--tipo",
            "retencion",
            "--monto",
            "1.500,00",
            "--salida",
            e.ruta("o.pdf").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let respuesta = e.escribir(
        "resp.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Respuesta del banco").unwrap(),
    );
    let base = [
        "medidas",
        "responder",
        "1",
        "--texto",
        "Se retuvo en la cuenta de ahorros",
    ];
    for (extra, dice) in [
        (vec!["--fecha", "20/11/2026"], "anterior al oficio"),
        (vec!["--fecha", "30/12/2026"], "en el futuro"),
        (
            vec!["--fecha", "27/11/2026", "--retenido", "200,00"],
            "banco y la cuenta",
        ),
        (
            vec![
                "--fecha",
                "27/11/2026",
                "--retenido",
                "2.000,00",
                "--banco",
                "Banco Pichincha",
                "--cuenta",
                "2200",
            ],
            "pasaría del monto",
        ),
        (
            vec![
                "--fecha",
                "27/11/2026",
                "--retenido",
                "abc",
                "--banco",
                "B",
                "--cuenta",
                "1",
            ],
            "abc",
        ),
    ] {
        let mut a: Vec<&str> = base.to_vec();
        a.extend(extra.iter().copied());
        let o = el_dia(&e, "2026-11-27", &a);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert!(
            texto(&o.stderr).contains(dice),
            "{extra:?}: {}",
            texto(&o.stderr)
        );
    }
    let mut a: Vec<&str> = base.to_vec();
    a.extend([
        "--fecha",
        "27/11/2026",
        "--retenido",
        "200,00",
        "--banco",
        "Banco Pichincha",
        "--cuenta",
        "2200123456",
        "--archivo",
        respuesta.to_str().unwrap(),
    ]);
    let v = json(&el_dia(&e, "2026-11-27", &[&["--json"][..], &a].concat()));
    assert_eq!(v["retenido"], "200.00", "{v}");
    assert_eq!(v["estado"], "respondida");
    assert!(
        v["respuestas"][0]["actuacion"].as_i64().is_some(),
        "the answer is foliated: {v}"
    );
    // Retained is not paid: the saldo stays, the retained amount shows beside it.
    let l = json(&el_dia(
        &e,
        "2026-11-30",
        &["--json", "procesos", "liquidar", &p],
    ));
    assert_eq!(l["retenido"], "200.00", "{l}");
    let saldo = l["saldo"].as_str().unwrap().to_string();
    assert!(
        texto(&el_dia(&e, "2026-11-30", &["procesos", "liquidar", &p]).stdout)
            .contains("pendiente de transferencia")
    );
    // Lifting by payment needs a paid proceso; by order, its providencia.
    let salida = e.ruta("lev.pdf");
    let o = el_dia(
        &e,
        "2026-11-30",
        &[
            "medidas",
            "levantar",
            "1",
            "--motivo",
            "pago",
            "--salida",
            salida.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no está pagado"),
        "{}",
        texto(&o.stderr)
    );
    let o = el_dia(
        &e,
        "2026-11-30",
        &[
            "medidas",
            "levantar",
            "1",
            "--motivo",
            "orden",
            "--salida",
            salida.to_str().unwrap(),
        ],
    );
    assert!(
        texto(&o.stderr).contains("detalle de la providencia"),
        "{}",
        texto(&o.stderr)
    );
    let o = el_dia(
        &e,
        "2026-11-30",
        &[
            "medidas",
            "levantar",
            "1",
            "--motivo",
            "orden",
            "--detalle",
            "Caución rendida",
            "--salida",
            salida.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = el_dia(
        &e,
        "2026-11-30",
        &[
            "medidas",
            "levantar",
            "1",
            "--motivo",
            "orden",
            "--detalle",
            "Otra vez",
            "--salida",
            e.ruta("lev2.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("ya fue levantada"),
        "{}",
        texto(&o.stderr)
    );
    let l = json(&el_dia(
        &e,
        "2026-11-30",
        &["--json", "procesos", "liquidar", &p],
    ));
    assert_eq!(l["retenido"], "0.00", "lifted, the funds are released: {l}");
    assert_eq!(l["saldo"].as_str().unwrap(), saldo);
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn unanswered_oficios_and_medidas_of_paid_procesos_are_pending() {
    let (e, p) = proceso();
    let o = el_dia(
        &e,
        "2026-11-25",
        &[
            "medidas",
            "ordenar",
            &p,
            "--tipo",
            "prohibicion_inmuebles",
            "--salida",
            e.ruta("o.pdf").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // 15 days (the unit's setting) without an answer: on the list from the 16th.
    let v = json(&el_dia(
        &e,
        "2026-12-10",
        &["--json", "medidas", "pendientes"],
    ));
    assert_eq!(v["sin_respuesta"].as_array().unwrap().len(), 0, "{v}");
    let v = json(&el_dia(
        &e,
        "2026-12-11",
        &["--json", "medidas", "pendientes"],
    ));
    assert_eq!(
        v["sin_respuesta"][0]["oficio"], "17001-2026-00001-OF",
        "{v}"
    );
    assert_eq!(v["sin_respuesta"][0]["atrasada"], true);
    // Paid in full, the medida in force is offered for lifting.
    let l = json(&el_dia(
        &e,
        "2026-12-11",
        &["--json", "procesos", "liquidar", &p],
    ));
    let saldo = l["saldo"].as_str().unwrap().replace('.', ",");
    let o = el_dia(
        &e,
        "2026-12-11",
        &[
            "pagos",
            "registrar",
            &p,
            "--valor",
            &saldo,
            "--fecha",
            "11/12/2026",
            "--forma",
            "deposito",
            "--referencia",
            "BP-9",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&el_dia(
        &e,
        "2026-12-11",
        &["--json", "medidas", "pendientes"],
    ));
    assert_eq!(v["por_levantar"][0]["oficio"], "17001-2026-00001-OF", "{v}");
    let o = el_dia(
        &e,
        "2026-12-11",
        &[
            "medidas",
            "levantar",
            "1",
            "--motivo",
            "pago",
            "--salida",
            e.ruta("l.pdf").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let v = json(&el_dia(
        &e,
        "2026-12-11",
        &["--json", "medidas", "pendientes"],
    ));
    assert!(
        v["por_levantar"].as_array().unwrap().is_empty()
            && v["sin_respuesta"].as_array().unwrap().is_empty(),
        "{v}"
    );
    assert!(
        texto_pdf(&e.ruta("l.pdf")).contains("por haberse pagado la totalidad de la obligación")
    );
}
