//! Working on many procesos at once, as a clerk does after a sorteo: open all its procesos,
//! print the orden de pago for all of them (one PDF with all and one per proceso), foliate
//! them — never twice by mistake — and the refusals reported proceso by proceso. Also the
//! honest list: Spanish order, real totals, filters.

use crate::comun::*;

/// A unit with two abogados and `n` títulos drawn in sorteo 1 (no proceso opened yet).
fn sorteados(n: usize) -> Entorno {
    let e = Entorno::con_unidad();
    let obligados = [
        "CARRIÓN LUNA",
        "CAÑIZARES PAZ",
        "ÁLVAREZ RÍOS",
        "ZAMBRANO VERA",
        "ÑAUPARI SOSA",
    ];
    let mut csv = format!("{ENCABEZADO}\n");
    for i in 0..n {
        csv.push_str(&format!(
            "TC-2026-{:04},01/03/2026,1710034065,{},Aportes,{}.00,0.00,{}.00\n",
            i + 1,
            obligados[i % obligados.len()],
            100 + i,
            100 + i
        ));
    }
    let csv = e.escribir("t.csv", csv.as_bytes());
    for orden in [
        vec!["titulos", "importar", csv.to_str().unwrap()],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "1710034065",
            "--nombres",
            "Ab. Uno",
        ],
        vec![
            "abogados",
            "agregar",
            "--identificacion",
            "0926687856",
            "--nombres",
            "Ab. Dos",
        ],
        vec!["sorteo", "ejecutar"],
    ] {
        let o = e.coactiva(&orden);
        assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
    }
    e
}

#[test]
fn a_whole_sorteo_is_opened_at_once_and_only_once() {
    let e = sorteados(6);
    let o = e.coactiva(&["--json", "procesos", "abrir", "--sorteo", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stderr));
    let j = json(&o);
    assert_eq!(j["abiertos"].as_array().unwrap().len(), 6);
    assert_eq!(j["ya_abiertos"], 0);
    // Again: nothing new, nothing duplicated.
    let j = json(&e.coactiva(&["--json", "procesos", "abrir", "--sorteo", "1"]));
    assert_eq!(j["abiertos"].as_array().unwrap().len(), 0);
    assert_eq!(j["ya_abiertos"], 6);
    let o = e.coactiva(&["procesos", "abrir", "--sorteo", "9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no existe el sorteo N.º 9"),
        "{}",
        texto(&o.stderr)
    );
    assert!(e.coactiva(&["verificar"]).status.success());
}

#[test]
fn a_batch_prints_one_pdf_with_all_and_one_per_proceso_and_foliates_each_once() {
    let e = sorteados(5);
    assert!(e
        .coactiva(&["procesos", "abrir", "--sorteo", "1"])
        .status
        .success());
    // One proceso already has its orden de pago foliated.
    let una = e.dir.path().join("una.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        "17001-2026-00003",
        "--foliar",
        "--salida",
        una.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // The same document again, by hand: refused, the expediente says where it already is.
    let otra = e.dir.path().join("otra.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        "17001-2026-00003",
        "--foliar",
        "--salida",
        otra.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("ya tiene «Orden de pago inmediato» en las fojas 1 a"),
        "{}",
        texto(&o.stderr)
    );
    assert!(!otra.exists(), "nothing written when refused");

    let lote = e.dir.path().join("ordenes.pdf");
    let o = e.coactiva(&[
        "--json",
        "imprimir",
        "orden-pago",
        "--sorteo",
        "1",
        "--foliar",
        "--salida",
        lote.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "one proceso refused: exit 2; {}",
        texto(&o.stderr)
    );
    let j = json(&o);
    assert_eq!(j["pedidos"], 5);
    assert_eq!(j["impresos"], 4);
    assert_eq!(j["foliado"], true);
    let fallidos = j["fallidos"].as_array().unwrap();
    assert_eq!(fallidos.len(), 1);
    assert_eq!(fallidos[0]["proceso"], "17001-2026-00003");
    assert_eq!(fallidos[0]["codigo"], "conflicto");
    for p in j["procesos"].as_array().unwrap() {
        assert_eq!(p["desde"], 1, "each one's first foja: {p}");
        let archivo = std::path::Path::new(p["archivo"].as_str().unwrap());
        assert!(archivo.exists(), "{}", archivo.display());
        assert!(texto_pdf(archivo).contains("ORDEN DE PAGO INMEDIATO"));
    }
    let todas = texto_pdf(&lote);
    assert_eq!(
        todas.matches("ORDEN DE PAGO INMEDIATO").count(),
        4,
        "the merged PDF holds the four"
    );
    let paginas: u64 = j["paginas"].as_u64().unwrap();
    let info = texto(
        &std::process::Command::new("pdfinfo")
            .arg(&lote)
            .output()
            .unwrap()
            .stdout,
    );
    let en_pdf: u64 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert_eq!(en_pdf, paginas, "{info}");
    // Each expediente has exactly one orden de pago: running the batch again folia nothing.
    let otra_vez = e.dir.path().join("otra-vez.pdf");
    let j = json(&e.coactiva(&[
        "--json",
        "imprimir",
        "orden-pago",
        "--sorteo",
        "1",
        "--foliar",
        "--salida",
        otra_vez.to_str().unwrap(),
    ]));
    assert_eq!(j["impresos"], 0);
    assert_eq!(j["fallidos"].as_array().unwrap().len(), 5);
    assert!(!otra_vez.exists(), "no merged PDF when nothing was printed");
    let v = e.coactiva(&["verificar"]);
    assert!(
        v.status.success(),
        "savepoints leave the chain whole: {}",
        texto(&v.stdout)
    );
}

#[test]
fn a_batch_of_copies_folia_nothing_and_a_bad_selection_is_refused_in_spanish() {
    let e = sorteados(3);
    assert!(e
        .coactiva(&["procesos", "abrir", "--sorteo", "1"])
        .status
        .success());
    let lote = e.dir.path().join("copias.pdf");
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        "--todos",
        "--salida",
        lote.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stdout).contains("Orden de pago inmediato: 3 de 3 procesos"),
        "{}",
        texto(&o.stdout)
    );
    let j = json(&e.coactiva(&["--json", "procesos", "ver", "17001-2026-00001"]));
    assert_eq!(j["fojas"], 0, "copies are not foliated: {j}");
    // Explicit numbers: an unknown one is reported, the others printed.
    let dos = e.dir.path().join("dos.pdf");
    let o = e.coactiva(&[
        "--json",
        "imprimir",
        "orden-pago",
        "17001-2026-00001",
        "17001-2026-00099",
        "--salida",
        dos.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let j = json(&o);
    assert_eq!(j["impresos"], 1);
    assert!(j["fallidos"][0]["mensaje"]
        .as_str()
        .unwrap()
        .contains("no existe el proceso 17001-2026-00099"));
    // Documents that come out of their own diligencia are not batched.
    let o = e.coactiva(&[
        "imprimir",
        "acta-embargo",
        "--todos",
        "--salida",
        e.dir.path().join("a.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("se imprime desde el expediente de cada proceso"),
        "{}",
        texto(&o.stderr)
    );
    // The same merged file twice needs --reemplazar, checked before anything is printed.
    let o = e.coactiva(&[
        "imprimir",
        "orden-pago",
        "--todos",
        "--foliar",
        "--salida",
        lote.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let j = json(&e.coactiva(&["--json", "procesos", "ver", "17001-2026-00001"]));
    assert_eq!(j["fojas"], 0, "refused before foliating anything");
}

#[test]
fn a_batch_reports_progress_and_stops_when_cancelled_keeping_what_was_done() {
    let e = sorteados(4);
    assert!(e
        .coactiva(&["procesos", "abrir", "--sorteo", "1"])
        .status
        .success());
    let mut store = e.abrir();
    let jefe = coactiva::usuarios::autenticar(&mut store, "jefe", CLAVE).unwrap();
    let numeros = coactiva::documentos::lote::procesos(
        &store,
        &jefe,
        "orden-pago",
        &coactiva::documentos::lote::Seleccion::Todos,
    )
    .unwrap();
    assert_eq!(numeros.len(), 4);
    let mut vistos = vec![];
    let mut entregados = 0;
    let lote = coactiva::documentos::lote::imprimir(
        &mut store,
        &jefe,
        "orden-pago",
        &numeros,
        true,
        &Default::default(),
        &mut |_| {
            entregados += 1;
            Ok(())
        },
        &mut |hechos, total| {
            vistos.push((hechos, total));
            hechos < 2
        },
    )
    .unwrap();
    assert_eq!(vistos, [(1, 4), (2, 4)]);
    assert!(lote.cancelado);
    assert_eq!(lote.hechos.len(), 2);
    assert_eq!(entregados, 2);
    // The two done are foliated and committed; the other two untouched.
    let fojas =
        |s: &coactiva::Store, n: &str| coactiva::procesos::expediente::indice(s, n).unwrap().len();
    assert_eq!(fojas(&store, &numeros[0]), 1);
    assert_eq!(fojas(&store, &numeros[1]), 1);
    assert_eq!(fojas(&store, &numeros[2]), 0);
    // A file that cannot be saved leaves its proceso unfoliated and reported.
    let lote = coactiva::documentos::lote::imprimir(
        &mut store,
        &jefe,
        "orden-pago",
        &numeros[2..],
        true,
        &Default::default(),
        &mut |h| {
            if h.proceso == numeros[2] {
                Err(coactiva::Error::entrada(
                    "no se pudo guardar el archivo: disco lleno",
                ))
            } else {
                Ok(())
            }
        },
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(lote.hechos.len(), 1);
    assert_eq!(
        lote.fallidos[0].mensaje,
        "no se pudo guardar el archivo: disco lleno"
    );
    assert_eq!(fojas(&store, &numeros[2]), 0, "rolled back with its file");
    assert_eq!(fojas(&store, &numeros[3]), 1);
    drop(store);
    assert!(e.coactiva(&["verificar"]).status.success());
}

#[test]
fn the_list_is_in_spanish_order_with_real_totals_and_filters() {
    let e = sorteados(10);
    assert!(e
        .coactiva(&["procesos", "abrir", "--sorteo", "1"])
        .status
        .success());
    let store = e.abrir();
    use coactiva::procesos::{filtrar, Filtro};
    let f = Filtro {
        orden: Some("obligado".into()),
        ..Default::default()
    };
    let (total, v) = filtrar(&store, &f, 0, 100).unwrap();
    assert_eq!(total, 10);
    let nombres: Vec<&str> = v.iter().map(|p| p.obligado.as_str()).collect();
    let primero = |n: &str| nombres.iter().position(|x| *x == n).unwrap();
    assert!(primero("ÁLVAREZ RÍOS") < primero("CAÑIZARES PAZ"));
    assert!(
        primero("CAÑIZARES PAZ") < primero("CARRIÓN LUNA"),
        "Ñ sorts before R: {nombres:?}"
    );
    assert!(primero("CARRIÓN LUNA") < primero("ÑAUPARI SOSA"));
    assert!(primero("ÑAUPARI SOSA") < primero("ZAMBRANO VERA"));
    // A page of 3 still says how many match in all.
    let (total, v) = filtrar(&store, &Filtro::default(), 0, 3).unwrap();
    assert_eq!((total, v.len()), (10, 3));
    // The abogado's name is there, and a search by it counts all his procesos.
    assert!(v.iter().all(|p| p.abogado_nombres.starts_with("Ab. ")));
    let (uno, _) = filtrar(
        &store,
        &Filtro {
            abogado: Some("1710034065".into()),
            ..Default::default()
        },
        0,
        1,
    )
    .unwrap();
    let (dos, _) = filtrar(
        &store,
        &Filtro {
            abogado: Some("0926687856".into()),
            ..Default::default()
        },
        0,
        1,
    )
    .unwrap();
    assert_eq!(uno + dos, 10);
    let (por_nombre, _) = filtrar(
        &store,
        &Filtro {
            texto: Some("Uno".into()),
            ..Default::default()
        },
        0,
        1,
    )
    .unwrap();
    assert_eq!(por_nombre, uno);
    // Amounts as people write them; descending order.
    let f = Filtro {
        minimo: Some("105,00".into()),
        orden: Some("total".into()),
        descendente: true,
        ..Default::default()
    };
    let (n, v) = filtrar(&store, &f, 0, 100).unwrap();
    assert_eq!(n, 5);
    assert_eq!(v[0].total, "109,00");
    let malo = Filtro {
        minimo: Some("mil".into()),
        ..Default::default()
    };
    let err = filtrar(&store, &malo, 0, 10).unwrap_err().to_string();
    assert!(err.contains("el monto mínimo no es válido"), "{err}");
    // The inbox counts every título waiting, not the page it shows.
    let (total, v) =
        coactiva::titulos::primeros(&store, Some(coactiva::titulos::EstadoTitulo::EnProceso), 4)
            .unwrap();
    assert_eq!((total, v.len()), (10, 4));
}

#[test]
fn a_batch_laid_out_on_every_core_foliates_in_order_even_a_proceso_named_twice() {
    let e = sorteados(6);
    assert!(e
        .coactiva(&["procesos", "abrir", "--sorteo", "1"])
        .status
        .success());
    let mut store = e.abrir();
    let jefe = coactiva::usuarios::autenticar(&mut store, "jefe", CLAVE).unwrap();
    let mut numeros = coactiva::documentos::lote::procesos(
        &store,
        &jefe,
        "orden-pago",
        &coactiva::documentos::lote::Seleccion::Todos,
    )
    .unwrap();
    // The first proceso again at the end: the copy laid out ahead expected foja 1, the
    // expediente by then has it, so it is laid out again for foja 2.
    numeros.push(numeros[0].clone());
    let o = coactiva::documentos::Opciones {
        repetir: true,
        ..Default::default()
    };
    let mut orden = vec![];
    let lote = coactiva::documentos::lote::imprimir(
        &mut store,
        &jefe,
        "orden-pago",
        &numeros,
        true,
        &o,
        &mut |h| {
            orden.push(h.proceso.clone());
            Ok(())
        },
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(orden, numeros, "handed over in the order asked");
    assert!(lote.fallidos.is_empty(), "{:?}", lote.fallidos);
    let fojas: Vec<_> = lote.hechos.iter().map(|h| (h.desde, h.hasta)).collect();
    assert_eq!(fojas[0], (Some(1), Some(1)));
    assert_eq!(fojas[6], (Some(2), Some(2)));
    // Each stored document carries the foja it took, as verificar reads it back.
    let ultimo = &lote.hechos[6];
    let t = crate::comun::texto_pdf(&e.escribir("ultimo.pdf", &ultimo.pdf));
    assert!(t.contains("Fs. 2"), "{t}");
    drop(store);
    assert!(e.coactiva(&["verificar"]).status.success());
}
