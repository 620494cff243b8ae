//! Goods and their embargo through the command: each kind with the fields it needs, the
//! diligencia de embargo that puts them in a depositario's custody, and the acta generated from
//! it (never with a placeholder); bad input refused; everything verified.

use crate::comun::*;

#[test]
fn the_acta_de_embargo_lists_the_goods_and_names_the_depositario() {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    for orden in [
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
            "--telefono",
            "0991234567",
        ],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    let base = [
        "bienes",
        "registrar",
        p.as_str(),
        "--fecha",
        "24/11/2026",
        "--descripcion",
        "Camioneta Chevrolet D-Max, color blanco",
    ];
    for (extra, dice) in [
        (vec!["--clase", "avion"], "no existe"),
        (
            vec!["--clase", "vehiculo", "--dato", "placa=PBA-1234"],
            "necesita marca",
        ),
        (
            vec![
                "--clase",
                "vehiculo",
                "--dato",
                "placa=PBA-1234",
                "--dato",
                "marca=Chevrolet",
                "--dato",
                "ficha=77",
            ],
            "«ficha» no",
        ),
        (
            vec!["--clase", "inmueble", "--dato", "ficha"],
            "CLAVE=VALOR",
        ),
        (vec!["--clase", "mueble", "--dato", "placa=X"], "descríbalo"),
    ] {
        let mut a: Vec<&str> = base.to_vec();
        a.extend(extra.iter().copied());
        let o = e.coactiva(&a);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", texto(&o.stderr));
        assert!(
            texto(&o.stderr).contains(dice),
            "{extra:?}: {}",
            texto(&o.stderr)
        );
    }
    let mut a: Vec<&str> = base.to_vec();
    a.extend([
        "--clase",
        "vehiculo",
        "--dato",
        "placa=PBA-1234",
        "--dato",
        "marca=Chevrolet",
        "--dato",
        "anio=2019",
        "--json",
    ]);
    let b = json(&e.coactiva(&a));
    assert_eq!(
        b["datos"],
        serde_json::json!([
            ["placa", "PBA-1234"],
            ["marca", "Chevrolet"],
            ["año", "2019"]
        ]),
        "{b}"
    );
    let o = e.coactiva(&[
        "bienes",
        "registrar",
        &p,
        "--clase",
        "inmueble",
        "--descripcion",
        "Casa de dos plantas",
        "--dato",
        "ficha=12345",
        "--dato",
        "canton=Quito",
        "--ubicacion",
        "Calle Guayaquil y Chile",
        "--dimision",
        "--fecha",
        "24/11/2026",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // The diligencia: both goods into Pedro Bodega's custody; its acta is foliated.
    let acta = e.ruta("acta.pdf");
    let embargar = |bienes: &[&str], dep: &str| {
        let mut a = vec!["bienes", "embargar", p.as_str()];
        for b in bienes {
            a.extend(["--bien", b]);
        }
        a.extend([
            "--fecha",
            "24/11/2026",
            "--hora",
            "10:30",
            "--direccion",
            "Av. Amazonas N24-100",
            "--depositario",
            dep,
            "--lugar",
            "Bodega de la Unidad, Av. 6 de Diciembre",
            "--comparecientes",
            "el coactivado, Sr. Luis Andino",
            "--salida",
            acta.to_str().unwrap(),
        ]);
        e.coactiva(&a)
    };
    let o = embargar(&["1", "2"], "1710034065");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("registro de depositarios"),
        "{}",
        texto(&o.stderr)
    );
    let o = embargar(&["1", "9"], "0926687856");
    assert!(
        texto(&o.stderr).contains("no existe el bien 9"),
        "{}",
        texto(&o.stderr)
    );
    let o = embargar(&["1", "2"], "0926687856");
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let t = texto_pdf(&acta);
    for debe in [
        "ACTA DE EMBARGO",
        "24 de noviembre de 2026, a las 10h30, en Av. Amazonas N24-100",
        "Vehículo: Camioneta Chevrolet D-Max, color blanco (placa PBA-1234, marca Chevrolet, año 2019)",
        "Inmueble: Casa de dos plantas (ficha registral 12345, cantón Quito), ubicado en Calle Guayaquil y Chile",
        "depositario judicial Pedro Bodega, con cédula N.º 0926687856",
        "Bodega de la Unidad",
        "Comparecen: el coactivado, Sr. Luis Andino",
        "Depositario Judicial",
    ] {
        assert!(t.contains(debe), "falta «{debe}» en el acta:\n{t}");
    }
    assert!(!t.contains("(descripción"), "no placeholder: {t}");
    // Seized goods are in custody; not seized twice.
    let v = json(&e.coactiva(&["--json", "bienes", "listar", &p]));
    assert_eq!(v[0]["estado"], "en_deposito");
    assert_eq!(v[0]["depositario"], "0926687856");
    std::fs::rename(&acta, e.ruta("acta-1.pdf")).unwrap();
    let o = embargar(&["1"], "0926687856");
    assert!(!acta.exists(), "a refused embargo leaves no acta");
    assert!(
        texto(&o.stderr).contains("ya está en depósito"),
        "{}",
        texto(&o.stderr)
    );
    let d = json(&e.coactiva(&["--json", "depositarios", "listar"]));
    assert_eq!(d[0]["bienes"], 2, "{d}");
    // The acta is a copy away; not loose.
    let o = e.coactiva(&[
        "imprimir",
        "acta-embargo",
        &p,
        "--embargo",
        "1",
        "--salida",
        e.ruta("copia.pdf").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}
