//! After the embargo, through the command: the avalúo by a perito, the remate from its call to
//! the adjudicación whose price pays the debt, a remate declared desierto and called again, the
//! depositario's reports and evaluation, bodegaje as a costa, and the inventory (also XLSX).
//! Bad input refused and nothing recorded; everything verified.

use crate::comun::*;

/// A proceso in embargo with one vehículo (bien 1) in Pedro Bodega's custody since 24/11/2026.
fn con_un_bien_embargado() -> (Entorno, String) {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    let acta = e.ruta("acta-embargo.pdf");
    for orden in [
        vec!["tasas", "agregar", "--desde", "01/01/2026", "--anual", "12"],
        vec!["procesos", "etapa", &p, "orden_pago"],
        vec!["procesos", "etapa", &p, "citacion"],
        vec!["procesos", "etapa", &p, "embargo"],
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
            &p,
            "--clase",
            "vehiculo",
            "--descripcion",
            "Camioneta Chevrolet D-Max",
            "--dato",
            "placa=PBA-1234",
            "--dato",
            "marca=Chevrolet",
            "--fecha",
            "24/11/2026",
        ],
        vec![
            "bienes",
            "embargar",
            &p,
            "--bien",
            "1",
            "--fecha",
            "24/11/2026",
            "--hora",
            "10:30",
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
    (e, p)
}

fn rechaza(o: &std::process::Output, dice: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stderr).contains(dice),
        "esperaba «{dice}»: {}",
        texto(&o.stderr)
    );
}

fn avaluar(e: &Entorno, dia: &str, valor: &str) -> std::process::Output {
    let informe = e.escribir(
        "avaluo.pdf",
        &coactiva::demo::pdf_de_prueba(2, "Informe pericial").unwrap(),
    );
    el_dia(
        e,
        dia,
        &[
            "bienes",
            "avaluar",
            "1",
            "--perito",
            "1710034065",
            "--perito-nombres",
            "Ing. Pedro Perito",
            "--fecha",
            &dia[..10].split('-').rev().collect::<Vec<_>>().join("/"),
            "--valor",
            valor,
            "--informe",
            informe.to_str().unwrap(),
        ],
    )
}

#[test]
fn a_remate_from_its_call_to_the_adjudicacion_pays_the_debt() {
    let (e, p) = con_un_bien_embargado();
    // The avalúo: the perito's report is foliated, the bien is avaluado, the proceso in avalúo.
    rechaza(&avaluar(&e, "2026-11-26", "0"), "mayor que cero");
    let o = avaluar(&e, "2026-11-26", "15.000,00");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let b = json(&el_dia(
        &e,
        "2026-11-26",
        &["--json", "bienes", "listar", &p],
    ));
    assert_eq!(b[0]["estado"], "avaluado");
    assert_eq!(b[0]["depositario"], "0926687856", "still in custody: {b}");
    let convocar = |fecha: &str| {
        el_dia(
            &e,
            "2026-11-27",
            &[
                "--json",
                "remates",
                "convocar",
                &p,
                "--bien",
                "1",
                "--fecha",
                fecha,
                "--hora",
                "10:00",
                "--lugar",
                "Sala de la Unidad de Coactivas",
            ],
        )
    };
    rechaza(&convocar("01/12/2026"), "al menos 20 días hábiles");
    rechaza(&convocar("16/01/2027"), "no es día hábil");
    let r = json(&convocar("15/01/2027"));
    assert_eq!(
        r["base"], "10000.50",
        "two thirds (66,67 %) of 15 000, rounded up: {r}"
    );
    assert_eq!(r["convocatoria"], 1);
    assert_eq!(r["estado"], "convocado");
    rechaza(&convocar("15/01/2027"), "ya está convocado");
    // The first publication must leave 20 business days; a late one does not.
    let publicar = |dia: &str, fecha: &str| {
        el_dia(
            &e,
            dia,
            &[
                "remates",
                "publicar",
                "1",
                "--fecha",
                fecha,
                "--medio",
                "Diario El Comercio",
            ],
        )
    };
    rechaza(
        &publicar("2027-01-05", "05/01/2027"),
        "deben correr 20 días hábiles",
    );
    rechaza(
        &publicar("2027-01-05", "20/11/2026"),
        "anterior a la convocatoria",
    );
    let o = publicar("2027-01-05", "30/11/2026");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // Posturas: not below the base, with their deposit, one per postor, never the coactivado's.
    let otro = coactiva::identificacion::cedula_con_verificador("110045678");
    let postura = |postor: &str, id: &str, valor: &str, deposito: &str| {
        el_dia(
            &e,
            "2027-01-10",
            &[
                "remates",
                "postura",
                "1",
                "--postor",
                postor,
                "--identificacion",
                id,
                "--valor",
                valor,
                "--deposito",
                deposito,
                "--fecha",
                "10/01/2027",
            ],
        )
    };
    rechaza(
        &postura("Ana Postora", &otro, "9.000,00", "900,00"),
        "no cubre la base",
    );
    rechaza(
        &postura("Ana Postora", &otro, "12.000,00", "500,00"),
        "al menos USD 1.200,00",
    );
    rechaza(
        &postura("Comercial Andina", "1714307103", "12.000,00", "1.200,00"),
        "el coactivado no puede",
    );
    assert!(postura("Ana Postora", &otro, "12.000,00", "1.200,00")
        .status
        .success());
    rechaza(
        &postura("Ana Postora", &otro, "12.500,00", "1.250,00"),
        "ya presentó",
    );
    assert!(
        postura("Pedro Bodega", "0926687856", "13.500,00", "1.350,00")
            .status
            .success()
    );
    // Held on its day, not before; the acta names the best postura.
    let acta = e.ruta("acta-remate.pdf");
    let realizar = |dia: &str| {
        el_dia(
            &e,
            dia,
            &[
                "remates",
                "realizar",
                "1",
                "--fecha",
                &dia.split('-').rev().collect::<Vec<_>>().join("/"),
                "--salida",
                acta.to_str().unwrap(),
            ],
        )
    };
    rechaza(&realizar("2027-01-14"), "no se realiza antes");
    assert!(!acta.exists());
    let o = realizar("2027-01-15");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = texto_pdf(&acta);
    for debe in [
        "ACTA DE REMATE",
        "primer señalamiento",
        "Camioneta Chevrolet D-Max",
        "avaluado en USD 15.000,00",
        "66,67 % del avalúo",
        "(USD 10.000,50)",
        "Diario El Comercio, el 30 de noviembre de 2026",
        "la mejor es la de Pedro Bodega",
        "(USD 13.500,00)",
    ] {
        assert!(t.contains(debe), "falta «{debe}» en el acta:\n{t}");
    }
    assert!(
        t.find("Pedro Bodega, con identificación").unwrap()
            < t.find("Ana Postora, con identificación").unwrap(),
        "posturas from the highest: {t}"
    );
    let otra = e.ruta("otra.pdf");
    rechaza(
        &el_dia(
            &e,
            "2027-01-16",
            &[
                "remates",
                "realizar",
                "1",
                "--fecha",
                "16/01/2027",
                "--salida",
                otra.to_str().unwrap(),
            ],
        ),
        "ya se realizó",
    );
    assert!(!otra.exists());
    // The adjudicación: the price pays the debt; what is left over is the coactivado's.
    rechaza(
        &el_dia(
            &e,
            "2027-01-20",
            &[
                "remates",
                "adjudicar",
                "1",
                "--fecha",
                "14/01/2027",
                "--referencia",
                "Depósito 7788",
            ],
        ),
        "anterior al remate",
    );
    let r = json(&el_dia(
        &e,
        "2027-01-20",
        &[
            "--json",
            "remates",
            "adjudicar",
            "1",
            "--fecha",
            "20/01/2027",
            "--referencia",
            "Depósito 7788",
        ],
    ));
    assert_eq!(r["estado"], "adjudicado", "{r}");
    let a = &r["adjudicacion"];
    let cent = |v: &serde_json::Value| {
        (v.as_str().unwrap().parse::<f64>().unwrap() * 100.0).round() as i64
    };
    assert_eq!(
        cent(&a["aplicado"]) + cent(&a["sobrante"]),
        1_350_000,
        "{a}"
    );
    assert!(
        cent(&a["aplicado"]) >= 150_000,
        "capital and mora paid: {a}"
    );
    let pagos = json(&el_dia(
        &e,
        "2027-01-20",
        &["--json", "pagos", "listar", &p],
    ));
    assert_eq!(
        pagos[0]["referencia"], "Remate N.º 1: Depósito 7788",
        "{pagos}"
    );
    assert_eq!(pagos[0]["valor"], a["aplicado"]);
    let b = json(&el_dia(
        &e,
        "2027-01-20",
        &["--json", "bienes", "listar", &p],
    ));
    assert_eq!(b[0]["estado"], "adjudicado");
    assert!(b[0]["depositario"].is_null(), "delivered: {b}");
    let v = json(&el_dia(
        &e,
        "2027-01-20",
        &["--json", "procesos", "ver", &p],
    ));
    assert_eq!(v["etapa"], "pagado", "{v}");
    rechaza(
        &el_dia(
            &e,
            "2027-01-21",
            &[
                "remates",
                "adjudicar",
                "1",
                "--fecha",
                "21/01/2027",
                "--referencia",
                "x",
            ],
        ),
        "ya se adjudicó",
    );
    assert_eq!(
        el_dia(&e, "2027-01-21", &["verificar"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_remate_without_posturas_is_desierto_and_called_again() {
    let (e, p) = con_un_bien_embargado();
    assert!(avaluar(&e, "2026-11-26", "8.000,00").status.success());
    let o = el_dia(
        &e,
        "2026-11-27",
        &[
            "remates",
            "convocar",
            &p,
            "--bien",
            "1",
            "--fecha",
            "15/01/2027",
            "--hora",
            "10:00",
            "--lugar",
            "Sala",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let acta = e.ruta("desierto.pdf");
    rechaza(
        &el_dia(
            &e,
            "2027-01-15",
            &[
                "remates",
                "realizar",
                "1",
                "--fecha",
                "15/01/2027",
                "--salida",
                acta.to_str().unwrap(),
            ],
        ),
        "no se publicó",
    );
    assert!(el_dia(
        &e,
        "2027-01-05",
        &[
            "remates",
            "publicar",
            "1",
            "--fecha",
            "01/12/2026",
            "--medio",
            "El Telégrafo"
        ]
    )
    .status
    .success());
    rechaza(
        &el_dia(
            &e,
            "2027-01-10",
            &[
                "remates",
                "postura",
                "1",
                "--postor",
                "Ana",
                "--identificacion",
                "0926687856",
                "--valor",
                "5.000,00",
                "--deposito",
                "500,00",
                "--fecha",
                "11/01/2027",
            ],
        ),
        "futuro",
    );
    let r = json(&el_dia(
        &e,
        "2027-01-15",
        &[
            "--json",
            "remates",
            "realizar",
            "1",
            "--fecha",
            "15/01/2027",
            "--salida",
            acta.to_str().unwrap(),
        ],
    ));
    assert_eq!(r["estado"], "desierto");
    let t = texto_pdf(&acta);
    assert!(t.contains("se declara DESIERTO"), "{t}");
    rechaza(
        &el_dia(
            &e,
            "2027-01-16",
            &[
                "remates",
                "adjudicar",
                "1",
                "--fecha",
                "16/01/2027",
                "--referencia",
                "x",
            ],
        ),
        "desierto",
    );
    let b = json(&el_dia(
        &e,
        "2027-01-15",
        &["--json", "bienes", "listar", &p],
    ));
    assert_eq!(b[0]["estado"], "avaluado", "back for a new call: {b}");
    let r = json(&el_dia(
        &e,
        "2027-01-18",
        &[
            "--json",
            "remates",
            "convocar",
            &p,
            "--bien",
            "1",
            "--fecha",
            "01/03/2027",
            "--hora",
            "10:00",
            "--lugar",
            "Sala",
        ],
    ));
    assert_eq!(r["convocatoria"], 2, "{r}");
    assert_eq!(
        el_dia(&e, "2027-01-18", &["verificar"]).status.code(),
        Some(0)
    );
}

#[test]
fn depositarios_report_on_time_or_appear_overdue_and_bodegaje_is_a_costa() {
    let (e, p) = con_un_bien_embargado();
    // Due 30 days after the deposit (24/12/2026): on the 27th it is 3 days late.
    let c = json(&el_dia(
        &e,
        "2026-12-20",
        &["--json", "depositarios", "custodias", "--atrasados"],
    ));
    assert_eq!(c, serde_json::json!([]));
    let c = json(&el_dia(
        &e,
        "2026-12-27",
        &["--json", "depositarios", "custodias", "--atrasados"],
    ));
    assert_eq!(c[0]["proceso"], p.as_str(), "{c}");
    assert_eq!(c[0]["dias_atraso"], 3, "{c}");
    assert_eq!(c[0]["vence"], "2026-12-24");
    let doc = e.escribir(
        "informe.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Informe del depositario").unwrap(),
    );
    let informar = |dep: &str| {
        el_dia(
            &e,
            "2026-12-27",
            &[
                "depositarios",
                "informe",
                dep,
                "--proceso",
                &p,
                "--fecha",
                "27/12/2026",
                "--detalle",
                "La camioneta se conserva",
                "--incidente",
                "Batería descargada",
                "--documento",
                doc.to_str().unwrap(),
            ],
        )
    };
    rechaza(&informar("1710034065"), "registro de depositarios");
    let o = informar("0926687856");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let c = json(&el_dia(
        &e,
        "2026-12-27",
        &["--json", "depositarios", "custodias", "--atrasados"],
    ));
    assert_eq!(c, serde_json::json!([]), "the report clears it");
    let ev = json(&el_dia(
        &e,
        "2026-12-31",
        &[
            "--json",
            "depositarios",
            "evaluacion",
            "--desde",
            "01/12/2026",
            "--hasta",
            "31/12/2026",
        ],
    ));
    let d = &ev["depositarios"][0];
    assert_eq!(
        (
            d["bienes"].as_i64(),
            d["informes"].as_i64(),
            d["a_tiempo"].as_i64(),
            d["incidentes"].as_i64()
        ),
        (Some(1), Some(1), Some(0), Some(1)),
        "{ev}"
    );
    // Bodegaje: its cost is a costa of the proceso, pending the Jefe's approval.
    let contrato = e.escribir(
        "contrato.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Contrato de bodegaje").unwrap(),
    );
    let bodegaje = |bien: &str, desde: &str| {
        el_dia(
            &e,
            "2026-12-27",
            &[
                "--json",
                "bienes",
                "bodegaje",
                &p,
                "--proveedor",
                "Bodegas del Norte S.A.",
                "--identificacion",
                "0926687856",
                "--bien",
                bien,
                "--desde",
                desde,
                "--hasta",
                "24/02/2027",
                "--costo",
                "450,00",
                "--contrato",
                contrato.to_str().unwrap(),
            ],
        )
    };
    rechaza(&bodegaje("1", "01/01/2027"), "regístrelo cuando empiece");
    rechaza(&bodegaje("2", "01/12/2026"), "no existe el bien 2");
    let b = json(&bodegaje("1", "01/12/2026"));
    assert_eq!(b["estado_costa"], "pendiente", "{b}");
    let costas = json(&el_dia(
        &e,
        "2026-12-27",
        &["--json", "costas", "listar", &p],
    ));
    assert_eq!(costas[0]["concepto"], "bodegaje", "{costas}");
    assert_eq!(costas[0]["valor"], "450.00");
    assert!(
        costas[0]["descripcion"]
            .as_str()
            .unwrap()
            .contains("Bodegas del Norte"),
        "{costas}"
    );
    assert_eq!(
        el_dia(&e, "2026-12-31", &["verificar"]).status.code(),
        Some(0)
    );
}

#[test]
fn the_inventory_of_bienes_embargados_with_its_valuation_also_as_xlsx() {
    let (e, _p) = con_un_bien_embargado();
    assert!(avaluar(&e, "2026-11-26", "15.000,00").status.success());
    rechaza(
        &el_dia(
            &e,
            "2026-11-26",
            &["bienes", "inventario", "--estado", "perdido"],
        ),
        "no existe",
    );
    let xlsx = e.ruta("inventario.xlsx");
    let i = json(&el_dia(
        &e,
        "2026-11-26",
        &[
            "--json",
            "bienes",
            "inventario",
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
    ));
    assert_eq!(i["bienes"], 1);
    assert_eq!(i["avaluo"], "15000.00");
    assert_eq!(i["por_estado"][0]["estado"], "avaluado");
    assert_eq!(i["filas"][0]["depositario_nombres"], "Pedro Bodega");
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX (zip) workbook");
    let mut libro: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let hoja = libro.worksheet_range("Bienes embargados").unwrap();
    let fila: Vec<String> = hoja
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        fila.contains(&"Camioneta Chevrolet D-Max".to_string()),
        "{fila:?}"
    );
    assert!(fila.contains(&"15000".to_string()), "{fila:?}");
    let vacio = json(&el_dia(
        &e,
        "2026-11-26",
        &["--json", "bienes", "inventario", "--lugar", "Guayaquil"],
    ));
    assert_eq!(vacio["bienes"], 0);
    let por_lugar = json(&el_dia(
        &e,
        "2026-11-26",
        &[
            "--json",
            "bienes",
            "inventario",
            "--lugar",
            "bodega de la unidad",
        ],
    ));
    assert_eq!(por_lugar["bienes"], 1, "by place, ignoring case");
}
