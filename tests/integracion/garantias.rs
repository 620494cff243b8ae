//! Guarantees given to the IESS: registered for a proceso or its convenio, listed as they come
//! close to expiring, executed once with what they gave; bad ones refused.

use crate::comun::*;

#[test]
fn a_guarantee_is_on_the_list_before_it_expires_and_is_executed_once() {
    let (e, p) =
        con_un_proceso("T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00");
    let base = [
        "garantias",
        "registrar",
        p.as_str(),
        "--garante",
        "Seguros Equinoccial S.A.",
        "--fecha",
        "24/11/2026",
    ];
    for (extra, dice) in [
        (
            vec![
                "--tipo",
                "aval",
                "--identificacion",
                "1790012345001",
                "--monto",
                "100",
            ],
            "no existe",
        ),
        (
            vec![
                "--tipo",
                "poliza",
                "--identificacion",
                "1790012345001",
                "--monto",
                "100",
            ],
            "aseguradora",
        ),
        (
            vec![
                "--tipo",
                "fianza",
                "--identificacion",
                "123",
                "--monto",
                "100",
            ],
            "identificación",
        ),
        (
            vec![
                "--tipo",
                "fianza",
                "--identificacion",
                "1714307103",
                "--monto",
                "0",
            ],
            "mayor que cero",
        ),
        (
            vec![
                "--tipo",
                "fianza",
                "--identificacion",
                "1714307103",
                "--monto",
                "100",
                "--vence",
                "01/11/2026",
            ],
            "antes de otorgarse",
        ),
        (
            vec![
                "--tipo",
                "fianza",
                "--identificacion",
                "1714307103",
                "--monto",
                "100",
                "--convenio",
                "7",
            ],
            "no tiene el convenio 7",
        ),
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
        "--tipo",
        "poliza",
        "--identificacion",
        "1790012345001",
        "--monto",
        "1.500,00",
        "--emisor",
        "Seguros Equinoccial S.A.",
        "--documento",
        "PF-2026-0042",
        "--vence",
        "31/12/2026",
        "--json",
    ]);
    let g = json(&e.coactiva(&a));
    assert_eq!(g["estado"], "vigente", "{g}");
    // 30 days before it expires (the unit's setting) it is on the list; not before.
    assert!(json(&el_dia(
        &e,
        "2026-11-30",
        &["--json", "garantias", "por-vencer"]
    ))
    .as_array()
    .unwrap()
    .is_empty());
    let v = json(&el_dia(
        &e,
        "2026-12-01",
        &["--json", "garantias", "por-vencer"],
    ));
    assert_eq!(v[0]["documento"], "PF-2026-0042", "{v}");
    assert_eq!(v[0]["dias_para_vencer"], 30);
    // Executed: «cobrada» is for its whole amount; less is «parcial»; only once.
    let o = el_dia(
        &e,
        "2026-12-10",
        &[
            "garantias",
            "ejecutar",
            "1",
            "--fecha",
            "10/12/2026",
            "--resultado",
            "cobrada",
            "--valor",
            "1.000,00",
        ],
    );
    assert!(texto(&o.stderr).contains("parcial"), "{}", texto(&o.stderr));
    let o = el_dia(
        &e,
        "2026-12-10",
        &[
            "garantias",
            "ejecutar",
            "1",
            "--fecha",
            "10/12/2026",
            "--resultado",
            "rechazada",
            "--valor",
            "5,00",
        ],
    );
    assert!(
        texto(&o.stderr).contains("cero si se rechazó"),
        "{}",
        texto(&o.stderr)
    );
    let o = el_dia(
        &e,
        "2026-12-10",
        &[
            "--json",
            "garantias",
            "ejecutar",
            "1",
            "--fecha",
            "10/12/2026",
            "--resultado",
            "parcial",
            "--valor",
            "1.000,00",
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["estado"], "parcial");
    let o = el_dia(
        &e,
        "2026-12-10",
        &[
            "garantias",
            "ejecutar",
            "1",
            "--fecha",
            "10/12/2026",
            "--resultado",
            "parcial",
            "--valor",
            "1,00",
        ],
    );
    assert!(
        texto(&o.stderr).contains("ya se ejecutó"),
        "{}",
        texto(&o.stderr)
    );
    assert!(json(&el_dia(
        &e,
        "2026-12-10",
        &["--json", "garantias", "por-vencer"]
    ))
    .as_array()
    .unwrap()
    .is_empty());
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
}
