//! Excepciones that suspend a proceso and stop its términos, their resolution that resumes it
//! where it was (or annuls it), the report by state, and deprecatorios sent and received.

use crate::comun::*;

/// A proceso at the orden de pago (24/11/2026), its obligado cited personally on Wed 25/11.
fn citado() -> (Entorno, String) {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    let o = e.coactiva(&["procesos", "etapa", &p, "orden_pago"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = el_dia(
        &e,
        "2026-11-25T18:00:00-05:00",
        &[
            "citaciones",
            "registrar",
            &p,
            "--parte",
            "1714307103",
            "--tipo",
            "personal",
            "--hora",
            "10:00",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    (e, p)
}

fn vence(e: &Entorno, dia: &str, p: &str) -> Option<String> {
    let v = json(&el_dia(
        e,
        dia,
        &["--json", "procesos", "vencimientos", "--dias", "30"],
    ));
    v.as_array()
        .unwrap()
        .iter()
        .find(|x| x["numero"] == p && x["que"].as_str().unwrap().contains("dimitir"))
        .map(|x| x["vence"].as_str().unwrap().to_string())
}

#[test]
fn a_suspending_excepcion_stops_the_termino_and_its_resolution_resumes_it() {
    let (e, p) = citado();
    // Cited Wed 25/11: three business days, Thu 26, Fri 27, Mon 30.
    assert_eq!(vence(&e, "2026-11-25", &p).as_deref(), Some("2026-11-30"));
    let o = el_dia(
        &e,
        "2026-11-26",
        &[
            "--json",
            "excepciones",
            "registrar",
            &p,
            "--clase",
            "excepcion",
            "--fecha",
            "26/11/2026",
            "--fundamento",
            "Prescripción de la obligación",
            "--organo",
            "Tribunal Distrital de lo Contencioso Administrativo de Quito",
            "--causa",
            "17811-2026-00123",
            "--suspende",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["estado"], "pendiente");
    let v = json(&el_dia(
        &e,
        "2026-11-27",
        &["--json", "procesos", "ver", &p],
    ));
    assert_eq!(v["etapa"], "suspendido", "{v}");
    assert_eq!(
        vence(&e, "2026-11-27", &p),
        None,
        "no término runs while suspended"
    );
    // Nobody resumes it by hand while the excepción is pending.
    let o = el_dia(&e, "2026-11-27", &["procesos", "etapa", &p, "orden_pago"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("pendiente"),
        "{}",
        texto(&o.stderr)
    );
    // Rejected on Wed 2/12: back at the orden de pago; the days of 26/11 to 2/12 do not
    // count, so the three days are Thu 3, Fri 4 and Mon 7.
    let o = el_dia(
        &e,
        "2026-12-02",
        &[
            "--json",
            "excepciones",
            "resolver",
            "1",
            "--fecha",
            "02/12/2026",
            "--resultado",
            "rechazada",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["etapa"], "orden_pago");
    assert_eq!(vence(&e, "2026-12-02", &p).as_deref(), Some("2026-12-07"));
    let o = el_dia(
        &e,
        "2026-12-02",
        &[
            "excepciones",
            "resolver",
            "1",
            "--fecha",
            "02/12/2026",
            "--resultado",
            "aceptada",
            "--detalle",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("ya fue resuelta"),
        "{}",
        texto(&o.stderr)
    );
    // The monthly report lists it by state.
    let i = json(&el_dia(
        &e,
        "2026-12-02",
        &[
            "--json",
            "excepciones",
            "informe",
            "--desde",
            "01/11/2026",
            "--hasta",
            "30/11/2026",
        ],
    ));
    assert_eq!(
        i["por_estado"][0],
        serde_json::json!(["pendiente", "excepcion", 1]),
        "as of 30/11 it was pending: {i}"
    );
    let i = json(&el_dia(
        &e,
        "2026-12-02",
        &[
            "--json",
            "excepciones",
            "informe",
            "--desde",
            "01/12/2026",
            "--hasta",
            "31/12/2026",
        ],
    ));
    assert_eq!(
        i["por_estado"][0],
        serde_json::json!(["rechazada", "excepcion", 1]),
        "{i}"
    );
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn an_accepted_excepcion_annuls_the_proceso_and_bad_ones_are_refused() {
    let (e, p) = citado();
    let base = ["excepciones", "registrar", p.as_str()];
    for (extra, dice) in [
        (
            vec![
                "--clase",
                "queja",
                "--fecha",
                "26/11/2026",
                "--fundamento",
                "x",
                "--organo",
                "y",
            ],
            "clase",
        ),
        (
            vec![
                "--clase",
                "excepcion",
                "--fecha",
                "30/12/2026",
                "--fundamento",
                "x",
                "--organo",
                "y",
            ],
            "en el futuro",
        ),
        (
            vec![
                "--clase",
                "excepcion",
                "--fecha",
                "26/11/2026",
                "--fundamento",
                " ",
                "--organo",
                "y",
            ],
            "fundamento",
        ),
        (
            vec![
                "--clase",
                "excepcion",
                "--fecha",
                "26/11/2026",
                "--fundamento",
                "x",
                "--organo",
                "",
            ],
            "órgano",
        ),
        (
            vec![
                "--clase",
                "excepcion",
                "--fecha",
                "31/02/2026",
                "--fundamento",
                "x",
                "--organo",
                "y",
            ],
            "31/02/2026",
        ),
    ] {
        let mut a: Vec<&str> = base.to_vec();
        a.extend(extra.iter().copied());
        let o = el_dia(&e, "2026-11-26", &a);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", texto(&o.stderr));
        assert!(
            texto(&o.stderr).contains(dice),
            "{extra:?}: {}",
            texto(&o.stderr)
        );
    }
    let o = el_dia(
        &e,
        "2026-11-26",
        &[
            "excepciones",
            "registrar",
            &p,
            "--clase",
            "impugnacion",
            "--fecha",
            "26/11/2026",
            "--fundamento",
            "Pago previo",
            "--organo",
            "Comisión Provincial de Prestaciones y Controversias",
            "--suspende",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = el_dia(
        &e,
        "2026-12-01",
        &[
            "excepciones",
            "resolver",
            "1",
            "--fecha",
            "01/12/2026",
            "--resultado",
            "aceptada",
        ],
    );
    assert!(texto(&o.stderr).contains("detalle"), "{}", texto(&o.stderr));
    let o = el_dia(
        &e,
        "2026-12-01",
        &[
            "--json",
            "excepciones",
            "resolver",
            "1",
            "--fecha",
            "01/12/2026",
            "--resultado",
            "aceptada",
            "--detalle",
            "Resolución 45-2026: el pago consta",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["etapa"], "anulado");
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}

#[test]
fn deprecatorios_sent_are_foliated_and_received_ones_keep_their_reference() {
    let (e, p) = citado();
    let pdf = e.escribir(
        "dep.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Deprecatorio").unwrap(),
    );
    let o = el_dia(
        &e,
        "2026-11-26",
        &[
            "--json",
            "deprecatorios",
            "registrar",
            "--sentido",
            "enviado",
            "--proceso",
            &p,
            "--unidad",
            "Unidad de Guayas",
            "--pedido",
            "citacion",
            "--detalle",
            "Citar al garante en Guayaquil",
            "--fecha",
            "26/11/2026",
            "--archivo",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let d = json(&o);
    assert_eq!(d["estado"], "en_tramite", "{d}");
    assert!(
        d["novedades"][0]["actuacion"].as_i64().is_some(),
        "foliated in the expediente: {d}"
    );
    for (extra, dice) in [
        (
            vec![
                "--sentido",
                "recibido",
                "--proceso",
                p.as_str(),
                "--unidad",
                "U",
                "--pedido",
                "embargo",
                "--detalle",
                "x",
                "--fecha",
                "26/11/2026",
            ],
            "otra unidad",
        ),
        (
            vec![
                "--sentido",
                "recibido",
                "--unidad",
                "U",
                "--pedido",
                "embargo",
                "--detalle",
                "x",
                "--fecha",
                "26/11/2026",
            ],
            "referencia",
        ),
        (
            vec![
                "--sentido",
                "enviado",
                "--unidad",
                "U",
                "--pedido",
                "embargo",
                "--detalle",
                "x",
                "--fecha",
                "26/11/2026",
            ],
            "indique cuál",
        ),
        (
            vec![
                "--sentido",
                "enviado",
                "--proceso",
                p.as_str(),
                "--unidad",
                "U",
                "--pedido",
                "remate",
                "--detalle",
                "x",
                "--fecha",
                "26/11/2026",
            ],
            "pedido",
        ),
    ] {
        let mut a = vec!["deprecatorios", "registrar"];
        a.extend(extra.iter().copied());
        let o = el_dia(&e, "2026-11-26", &a);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert!(
            texto(&o.stderr).contains(dice),
            "{extra:?}: {}",
            texto(&o.stderr)
        );
    }
    let o = el_dia(
        &e,
        "2026-11-27",
        &[
            "--json",
            "deprecatorios",
            "registrar",
            "--sentido",
            "recibido",
            "--unidad",
            "Unidad de Azuay",
            "--referencia",
            "01001-2026-00077",
            "--pedido",
            "embargo",
            "--detalle",
            "Embargar el vehículo PBA-1234",
            "--fecha",
            "27/11/2026",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let o = el_dia(
        &e,
        "2026-12-01",
        &[
            "--json",
            "deprecatorios",
            "novedad",
            "1",
            "--estado",
            "diligenciado",
            "--fecha",
            "01/12/2026",
            "--detalle",
            "Citado el garante",
            "--archivo",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["estado"], "diligenciado");
    let o = el_dia(
        &e,
        "2026-12-01",
        &[
            "deprecatorios",
            "novedad",
            "1",
            "--estado",
            "en_tramite",
            "--fecha",
            "01/12/2026",
            "--detalle",
            "x",
        ],
    );
    assert!(
        texto(&o.stderr).contains("no vuelve a trámite"),
        "{}",
        texto(&o.stderr)
    );
    let v = json(&e.coactiva(&["--json", "deprecatorios", "listar"]));
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["referencia"], "01001-2026-00077");
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}
