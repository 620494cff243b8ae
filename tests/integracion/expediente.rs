//! Procesos and their expedientes: numbering, foliation, tamper evidence, concurrency, stages,
//! términos, search and the calendar.

use std::sync::Arc;

use chrono::NaiveDate;
use coactiva::procesos::{self, expediente, Etapa};
use coactiva::{calendario, configuracion, demo, unidad, Error, FixedClock, Store};

use crate::comun::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A unit on disk with `n` títulos drawn and ready to open.
fn con_titulos_sorteados(
    e: &Entorno,
    n: usize,
    clock: Arc<dyn coactiva::Clock>,
) -> (Store, coactiva::Actor, Vec<String>) {
    let mut store = abrir_store(&e.db(), clock);
    let jefe = unidad::inicializar(&mut store, &nueva_unidad()).unwrap();
    demo::poblar(&mut store, &jefe, n, 3, 21).unwrap();
    let r = sortear(&mut store, &jefe, [8; 32]).unwrap();
    let titulos = r
        .resultado
        .asignaciones
        .iter()
        .map(|a| a.titulo.clone())
        .collect();
    (store, jefe, titulos)
}

fn pdf(paginas: usize) -> Vec<u8> {
    demo::pdf_de_prueba(paginas, &format!("Documento de {paginas} páginas")).unwrap()
}

#[test]
fn numbers_are_gapless_per_year_never_reused_and_follow_the_pattern() {
    let e = Entorno::nuevo();
    let reloj = Reloj::en(d("2026-12-30"));
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 6, reloj.clone());
    let a = procesos::abrir(&mut store, &jefe, &titulos[0]).unwrap();
    let b = procesos::abrir(&mut store, &jefe, &titulos[1]).unwrap();
    assert_eq!(
        (a.numero.as_str(), b.numero.as_str()),
        ("17001-2026-00001", "17001-2026-00002")
    );
    assert_eq!(a.etapa, Etapa::OrdenCobro);
    // An annulled proceso keeps its number; the next one does not reuse it.
    procesos::cambiar_etapa(
        &mut store,
        &jefe,
        &b.numero,
        Etapa::Anulado,
        None,
        Some("título emitido por error"),
    )
    .unwrap();
    let c = procesos::abrir(&mut store, &jefe, &titulos[2]).unwrap();
    assert_eq!(c.numero, "17001-2026-00003");
    // A failed opening (título already in a proceso) consumes no number.
    assert!(matches!(
        procesos::abrir(&mut store, &jefe, &titulos[0]),
        Err(Error::Conflicto(_))
    ));
    // A new year starts a new sequence; the pattern is a setting.
    reloj.ir_a(d("2027-01-04"));
    configuracion::cambiar(
        &mut store,
        &jefe,
        "patron_numero",
        "IESS-{UUUUU}-{AAAA}-{NNNNNN}",
    )
    .unwrap();
    let x = procesos::abrir(&mut store, &jefe, &titulos[3]).unwrap();
    assert_eq!(x.numero, "IESS-17001-2027-000001");
    assert!(
        configuracion::cambiar(&mut store, &jefe, "patron_numero", "{PP}-{NNNNN}")
            .unwrap_err()
            .to_string()
            .contains("{AAAA}")
    );
    let e2 = procesos::abrir(&mut store, &jefe, "NO-EXISTE").unwrap_err();
    assert!(e2.to_string().contains("no existe el título"));
}

#[test]
fn a_titulo_not_yet_drawn_cannot_open_a_proceso() {
    let (mut store, jefe) = unidad_en_memoria();
    let csv = format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n");
    coactiva::titulos::importar::importar_bytes(&mut store, &jefe, "a.csv", csv.as_bytes(), false)
        .unwrap();
    let e = procesos::abrir(&mut store, &jefe, "T-1").unwrap_err();
    assert!(e.to_string().contains("aún no fue sorteado"), "{e}");
}

#[test]
fn documents_take_the_next_fojas_and_bad_files_write_nothing() {
    let e = Entorno::nuevo();
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 2, Arc::new(FixedClock::on(hoy())));
    let p = procesos::abrir(&mut store, &jefe, &titulos[0])
        .unwrap()
        .numero;
    let nueva = |bytes: &'static [u8], tipo: &'static str| expediente::Nueva {
        tipo,
        descripcion: "",
        bytes,
        fecha: None,
        corrige: None,
    };
    let doce: &'static [u8] = Box::leak(pdf(12).into_boxed_slice());
    let tres: &'static [u8] = Box::leak(pdf(3).into_boxed_slice());
    let a = expediente::foliar(&mut store, &jefe, &p, &nueva(doce, "escrito")).unwrap();
    assert_eq!((a.desde, a.hasta), (1, 12));
    let b = expediente::foliar(&mut store, &jefe, &p, &nueva(tres, "providencia")).unwrap();
    assert_eq!(
        (b.desde, b.hasta),
        (13, 15),
        "un documento de 3 páginas tras la foja 12 ocupa 13–15"
    );
    let antes = coactiva::cambios::ultimo_seq(store.conn()).unwrap();
    for (malo, motivo) in [
        (b"hola, no soy un PDF".as_slice(), "no es un PDF"),
        (&tres[..tres.len() / 3], "dañado"),
    ] {
        let err = expediente::foliar(
            &mut store,
            &jefe,
            &p,
            &expediente::Nueva {
                tipo: "escrito",
                descripcion: "",
                bytes: malo,
                fecha: None,
                corrige: None,
            },
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::Entrada(_)) && err.to_string().contains(motivo),
            "{err}"
        );
    }
    assert!(
        expediente::foliar(&mut store, &jefe, &p, &nueva(tres, "receta"))
            .unwrap_err()
            .to_string()
            .contains("tipo")
    );
    assert_eq!(
        coactiva::cambios::ultimo_seq(store.conn()).unwrap(),
        antes,
        "nada se escribió"
    );
    // A correction is a new actuación that points to the one it corrects.
    let uno: &'static [u8] = Box::leak(pdf(1).into_boxed_slice());
    let c = expediente::foliar(
        &mut store,
        &jefe,
        &p,
        &expediente::Nueva {
            tipo: "razon",
            descripcion: "Razón: la foja 13 corresponde a otro proceso",
            bytes: uno,
            fecha: None,
            corrige: Some(2),
        },
    )
    .unwrap();
    assert_eq!((c.desde, c.hasta, c.corrige), (16, 16, Some(2)));
    let indice = expediente::indice(&store, &p).unwrap();
    assert_eq!(
        indice
            .iter()
            .map(|a| (a.desde, a.hasta))
            .collect::<Vec<_>>(),
        [(1, 12), (13, 15), (16, 16)]
    );
    assert_eq!(
        expediente::documento(&store, &indice[1].documento).unwrap(),
        tres,
        "el documento se recupera byte a byte"
    );
    assert!(expediente::verificar(&store).unwrap().is_empty());
    // The foliated records refuse edits through SQL, even with the read handle's guard off.
    store
        .conn()
        .pragma_update(None, "query_only", false)
        .unwrap();
    assert!(store
        .conn()
        .execute("UPDATE actuaciones SET desde = 99", [])
        .is_err());
    assert!(store.conn().execute("DELETE FROM documentos", []).is_err());
}

#[test]
fn renumbering_swapping_or_altering_a_page_is_reported_by_proceso_and_foja() {
    let casos = [
        ("foja renumerada", "DROP TRIGGER actuaciones_no_se_editan; UPDATE actuaciones SET desde = 5, hasta = 7 WHERE orden = 2", "5–7"),
        ("documento cambiado", "DROP TRIGGER documentos_no_se_editan; UPDATE documentos SET bytes = bytes || x'00' WHERE paginas = 3", "4–6"),
        ("actuación borrada", "DROP TRIGGER actuaciones_no_se_borran; DELETE FROM actuaciones WHERE orden = 2", "7"),
        ("descripción cambiada", "DROP TRIGGER actuaciones_no_se_editan; UPDATE actuaciones SET descripcion = 'otra cosa' WHERE orden = 3", "7"),
    ];
    for (caso, sql, fojas) in casos {
        let e = Entorno::nuevo();
        let (mut store, jefe, titulos) =
            con_titulos_sorteados(&e, 1, Arc::new(FixedClock::on(hoy())));
        let p = procesos::abrir(&mut store, &jefe, &titulos[0])
            .unwrap()
            .numero;
        for n in [3, 3, 1] {
            let bytes = pdf(n);
            expediente::foliar(
                &mut store,
                &jefe,
                &p,
                &expediente::Nueva {
                    tipo: "escrito",
                    descripcion: "",
                    bytes: &bytes,
                    fecha: None,
                    corrige: None,
                },
            )
            .unwrap();
        }
        drop(store);
        let conn = conectar(&e.db());
        conn.execute_batch(sql).unwrap();
        drop(conn);
        let o = e.coactiva(&["verificar"]);
        assert_eq!(o.status.code(), Some(3), "{caso}");
        let err = texto(&o.stderr);
        assert!(
            err.contains(&format!("proceso {p}, fojas {fojas}")),
            "{caso}: {err}"
        );
    }
}

#[test]
fn two_clerks_foliating_at_once_get_consecutive_fojas() {
    let e = Entorno::nuevo();
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 1, Arc::new(FixedClock::on(hoy())));
    let p = procesos::abrir(&mut store, &jefe, &titulos[0])
        .unwrap()
        .numero;
    drop(store);
    let documentos: Vec<Vec<u8>> = (1..=4).map(pdf).collect();
    let hilos: Vec<_> = (0..2)
        .map(|k| {
            let (ruta, p, docs, jefe) = (e.db(), p.clone(), documentos.clone(), jefe.clone());
            std::thread::spawn(move || {
                let mut s = abrir_store(&ruta, Arc::new(FixedClock::on(hoy())));
                for i in 0..15 {
                    let bytes = &docs[(i + k) % docs.len()];
                    expediente::foliar(
                        &mut s,
                        &jefe,
                        &p,
                        &expediente::Nueva {
                            tipo: "escrito",
                            descripcion: &format!("ventana {k}, escrito {i}"),
                            bytes,
                            fecha: None,
                            corrige: None,
                        },
                    )
                    .unwrap();
                }
            })
        })
        .collect();
    for h in hilos {
        h.join().unwrap();
    }
    let store = e.abrir();
    let indice = expediente::indice(&store, &p).unwrap();
    assert_eq!(indice.len(), 30);
    let mut siguiente = 1;
    for a in &indice {
        assert_eq!(a.desde, siguiente, "sin huecos ni repeticiones");
        siguiente = a.hasta + 1;
    }
    assert!(expediente::verificar(&store).unwrap().is_empty());
}

#[test]
fn stages_move_only_where_the_procedure_allows() {
    let e = Entorno::nuevo();
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 1, Arc::new(FixedClock::on(hoy())));
    let p = procesos::abrir(&mut store, &jefe, &titulos[0])
        .unwrap()
        .numero;
    let err =
        procesos::cambiar_etapa(&mut store, &jefe, &p, Etapa::Remate, None, None).unwrap_err();
    assert!(err.to_string().contains("no puede pasar a remate"));
    for etapa in [Etapa::OrdenPago, Etapa::Citacion, Etapa::Embargo] {
        procesos::cambiar_etapa(&mut store, &jefe, &p, etapa, None, None).unwrap();
    }
    assert!(
        procesos::cambiar_etapa(&mut store, &jefe, &p, Etapa::Suspendido, None, None)
            .unwrap_err()
            .to_string()
            .contains("motivo")
    );
    procesos::cambiar_etapa(
        &mut store,
        &jefe,
        &p,
        Etapa::Suspendido,
        None,
        Some("impugnación pendiente"),
    )
    .unwrap();
    assert_eq!(
        procesos::ver(&store, &p).unwrap().siguientes,
        [Etapa::Anulado, Etapa::Embargo],
        "vuelve a la etapa donde estaba"
    );
    procesos::cambiar_etapa(&mut store, &jefe, &p, Etapa::Embargo, None, None).unwrap();
    procesos::cambiar_etapa(&mut store, &jefe, &p, Etapa::Pagado, None, None).unwrap();
    assert!(
        procesos::cambiar_etapa(&mut store, &jefe, &p, Etapa::Embargo, None, None)
            .unwrap_err()
            .to_string()
            .contains("ya no cambia")
    );
    let historial: Vec<Etapa> = procesos::ver(&store, &p)
        .unwrap()
        .etapas
        .iter()
        .map(|x| x.etapa)
        .collect();
    assert_eq!(
        historial,
        [
            Etapa::OrdenCobro,
            Etapa::OrdenPago,
            Etapa::Citacion,
            Etapa::Embargo,
            Etapa::Suspendido,
            Etapa::Embargo,
            Etapa::Pagado
        ]
    );
}

#[test]
fn terminos_count_business_days_from_the_day_after_and_show_when_due() {
    let e = Entorno::nuevo();
    let reloj = Reloj::en(d("2026-10-26"));
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 2, reloj.clone());
    let p = procesos::abrir(&mut store, &jefe, &titulos[0]).unwrap();
    // Orden de pago cited personally on Friday 30 Oct: 2 and 3 Nov are holidays → due Fri 6 Nov.
    procesos::cambiar_etapa(&mut store, &jefe, &p.numero, Etapa::OrdenPago, None, None).unwrap();
    reloj.ir_a(d("2026-10-30"));
    procesos::citar(
        &mut store,
        &jefe,
        &p.numero,
        &p.identificacion,
        "personal",
        None,
        Some("recibió el obligado"),
    )
    .unwrap();
    reloj.ir_a(d("2026-11-04"));
    let v = procesos::vencimientos(&store, 5).unwrap();
    let t = v
        .iter()
        .find(|v| v.numero == p.numero && v.que.contains("dimitir"))
        .expect("término de la orden de pago");
    assert_eq!(t.vence, d("2026-11-06"));
    assert_eq!(t.dias_habiles, 2);
    assert!(!t.vencido);
    reloj.ir_a(d("2026-11-10"));
    let t = procesos::vencimientos(&store, 0)
        .unwrap()
        .into_iter()
        .find(|v| v.numero == p.numero && v.que.contains("dimitir"))
        .unwrap();
    assert!(t.vencido && t.dias_habiles == -2, "{t:?}");
    // Requerimiento de pago voluntario: 10 días hábiles from the notification.
    let q = procesos::abrir(&mut store, &jefe, &titulos[1]).unwrap();
    procesos::cambiar_etapa(
        &mut store,
        &jefe,
        &q.numero,
        Etapa::RequerimientoPago,
        Some(d("2026-11-10")),
        None,
    )
    .unwrap();
    let t = procesos::vencimientos(&store, 20)
        .unwrap()
        .into_iter()
        .find(|v| v.numero == q.numero && v.que.contains("voluntario"))
        .unwrap();
    assert_eq!(t.vence, d("2026-11-24"));
    // A second boleta the same day as the first is refused.
    procesos::citar(
        &mut store,
        &jefe,
        &q.numero,
        &q.identificacion,
        "boleta1",
        None,
        None,
    )
    .unwrap();
    assert!(procesos::citar(
        &mut store,
        &jefe,
        &q.numero,
        &q.identificacion,
        "boleta2",
        None,
        None
    )
    .is_err());
}

#[test]
fn search_ignores_accents_and_case_and_finds_by_any_key() {
    let e = Entorno::nuevo();
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 30, Arc::new(FixedClock::on(hoy())));
    for t in &titulos {
        procesos::abrir(&mut store, &jefe, t).unwrap();
    }
    let todos = procesos::listar(&store, None, 0, 1000).unwrap();
    let con_tilde = todos
        .iter()
        .find(|p| p.obligado.chars().any(|c| "ÁÉÍÓÚÑ".contains(c)))
        .expect("un obligado con tilde");
    let palabra = con_tilde
        .obligado
        .split(' ')
        .find(|w| w.chars().any(|c| "ÁÉÍÓÚÑ".contains(c)))
        .unwrap();
    let sin_tildes = coactiva::texto::plegar(palabra);
    let r = procesos::buscar(&store, &sin_tildes, 100).unwrap();
    assert!(
        r.iter().any(|p| p.numero == con_tilde.numero),
        "«{sin_tildes}» encuentra «{palabra}»"
    );
    for clave in [
        con_tilde.numero.clone(),
        con_tilde.titulo.clone(),
        con_tilde.identificacion.clone(),
        con_tilde.abogado.clone(),
    ] {
        assert!(
            procesos::buscar(&store, &clave, 100)
                .unwrap()
                .iter()
                .any(|p| p.numero == con_tilde.numero),
            "{clave}"
        );
    }
    assert!(procesos::buscar(&store, "zzzzqqq", 10).unwrap().is_empty());
}

#[test]
fn command_shapes_for_procesos_indice_and_calendar() {
    let e = Entorno::con_unidad();
    assert!(e
        .coactiva(&["demo", "--titulos", "3", "--abogados", "2"])
        .status
        .success());
    let v = json(&e.coactiva(&["sorteo", "ejecutar", "--json"]));
    let titulo = v["asignaciones"][0]["titulo"].as_str().unwrap();
    let p = json(&e.coactiva(&["procesos", "abrir", titulo, "--json"]));
    for k in ["numero", "titulo", "abogado", "etapa"] {
        assert!(p[k].is_string(), "falta {k}: {p}");
    }
    assert_eq!(p["etapa"], "orden_cobro");
    let numero = p["numero"].as_str().unwrap();
    let archivo = e.escribir("escrito.pdf", &pdf(2));
    assert!(e
        .coactiva(&[
            "procesos",
            "agregar",
            numero,
            "--tipo",
            "escrito",
            "--archivo",
            archivo.to_str().unwrap(),
            "--descripcion",
            "Escrito de excepciones"
        ])
        .status
        .success());
    let noes = e.escribir("foto.jpg", b"\xFF\xD8\xFF\xE0 no es pdf");
    let o = e.coactiva(&[
        "procesos",
        "agregar",
        numero,
        "--tipo",
        "evidencia",
        "--archivo",
        noes.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("no es un PDF"));
    let i = json(&e.coactiva(&["procesos", "indice", numero, "--json"]));
    assert_eq!(i.as_array().unwrap().len(), 1);
    for k in ["desde", "hasta", "fecha", "tipo", "descripcion"] {
        assert!(!i[0][k].is_null(), "índice sin {k}");
    }
    assert_eq!(
        (i[0]["desde"].as_i64(), i[0]["hasta"].as_i64()),
        (Some(1), Some(2))
    );
    let l = json(&e.coactiva(&["procesos", "listar", "--json"]));
    assert_eq!(l[0]["numero"], numero);
    let f = json(&e.coactiva(&["calendario", "feriados", "2026", "--json"]));
    assert!(f
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["fecha"] == "2026-05-25" && x["nombre"] == "Batalla de Pichincha"));
    let h = e.coactiva(&["calendario", "habiles", "30/10/2026", "3"]);
    assert_eq!(texto(&h.stdout).trim(), "2026-11-06");
    // A provincial holiday added to the table counts for términos.
    assert!(e
        .coactiva(&[
            "calendario",
            "agregar",
            "2026-12-07",
            "--nombre",
            "Fundación de Quito",
            "--provincia",
            "17"
        ])
        .status
        .success());
    assert_eq!(
        texto(
            &e.coactiva(&["calendario", "habiles", "2026-12-04", "1"])
                .stdout
        )
        .trim(),
        "2026-12-08"
    );
}

#[test]
fn calendar_table_removes_and_adds_days() {
    let (mut store, jefe) = unidad_en_memoria();
    calendario::editar(&mut store, &jefe, d("2026-11-03"), "", None, true).unwrap();
    calendario::editar(
        &mut store,
        &jefe,
        d("2026-11-06"),
        "Traslado por decreto",
        None,
        false,
    )
    .unwrap();
    let v: Vec<NaiveDate> = calendario::feriados(&store, 2026, None)
        .unwrap()
        .into_iter()
        .filter(|f| f.fecha.format("%m").to_string() == "11")
        .map(|f| f.fecha)
        .collect();
    assert_eq!(v, [d("2026-11-02"), d("2026-11-06")]);
}

#[test]
fn the_abogados_plazo_shows_only_when_it_is_near_or_past() {
    let e = Entorno::nuevo();
    let reloj = Reloj::en(d("2026-01-05"));
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 1, reloj.clone());
    let p = procesos::abrir(&mut store, &jefe, &titulos[0]).unwrap();
    let del_abogado = |store: &Store, dias| {
        procesos::vencimientos(store, dias)
            .unwrap()
            .into_iter()
            .filter(|v| v.numero == p.numero && v.que.contains("abogado"))
            .collect::<Vec<_>>()
    };
    reloj.ir_a(d("2026-03-02"));
    assert!(
        del_abogado(&store, 5).is_empty(),
        "a 4 meses del plazo no aparece"
    );
    reloj.ir_a(d("2026-06-29"));
    let v = del_abogado(&store, 5);
    assert_eq!(
        v.len(),
        1,
        "180 días desde el 5 de enero vencen el 4 de julio"
    );
    assert_eq!(v[0].vence, d("2026-07-04"));
    reloj.ir_a(d("2026-10-10"));
    let v = del_abogado(&store, 5);
    assert_eq!(v[0].vence, d("2026-10-02"), "90 días de prórroga");
    assert!(v[0].vencido && v[0].que.contains("prórroga"), "{v:?}");
}

/// A personal citación of `parte` on `dia` at `hora`.
fn citar_a_las(
    store: &mut coactiva::Store,
    actor: &coactiva::Actor,
    numero: &str,
    parte: &str,
    dia: &str,
    hora: &str,
) -> coactiva::Result<coactiva::procesos::Citacion> {
    coactiva::citaciones::registrar(
        store,
        actor,
        &coactiva::citaciones::Diligencia {
            numero: numero.to_string(),
            parte: parte.to_string(),
            tipo: "personal".into(),
            fecha: Some(d(dia)),
            hora: Some(hora.into()),
            ..Default::default()
        },
    )
}

#[test]
fn dates_before_what_they_follow_or_out_of_range_are_refused() {
    let e = Entorno::nuevo();
    let reloj = Reloj::en(d("2026-11-02"));
    let (mut store, jefe, titulos) = con_titulos_sorteados(&e, 1, reloj.clone());
    let p = procesos::abrir(&mut store, &jefe, &titulos[0]).unwrap();
    reloj.ir_a(d("2026-11-10"));
    let parte = p.identificacion.clone();
    // Before the orden de pago exists, a citación cannot predate the proceso itself.
    let e1 = citar_a_las(&mut store, &jefe, &p.numero, &parte, "2026-10-01", "10:00").unwrap_err();
    assert!(
        e1.to_string().contains("aún no tiene orden de pago"),
        "{e1}"
    );
    procesos::cambiar_etapa(
        &mut store,
        &jefe,
        &p.numero,
        Etapa::OrdenPago,
        Some(d("2026-11-05")),
        None,
    )
    .unwrap();
    let e2 = citar_a_las(&mut store, &jefe, &p.numero, &parte, "2026-11-04", "10:00").unwrap_err();
    assert!(e2.to_string().contains("orden de pago"), "{e2}");
    // A stage cannot start before the one it follows.
    let e3 = procesos::cambiar_etapa(
        &mut store,
        &jefe,
        &p.numero,
        Etapa::Citacion,
        Some(d("1900-01-01")),
        None,
    )
    .unwrap_err();
    assert!(e3.to_string().contains("anterior"), "{e3}");
    // A past day needs its hour.
    let e4 = procesos::citar(
        &mut store,
        &jefe,
        &p.numero,
        &parte,
        "personal",
        Some(d("2026-11-06")),
        None,
    )
    .unwrap_err();
    assert!(e4.to_string().contains("hora"), "{e4}");
    citar_a_las(&mut store, &jefe, &p.numero, &parte, "2026-11-06", "10:30").unwrap();
    assert!(coactiva::fechas::parse_fecha("01/01/0001").is_err());
}

#[test]
fn a_generated_document_whose_printed_fojas_disagree_with_its_range_is_reported() {
    let e = crate::comun::Entorno::con_unidad();
    let csv = e.escribir(
        "c.csv",
        format!(
            "{}\nT-1,01/02/2026,1714307103,Comercial Andina,Aportes,15.00,0,15.00\n",
            crate::comun::ENCABEZADO
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
            "Ab. Uno",
        ],
        vec!["sorteo", "ejecutar"],
        vec!["procesos", "abrir", "T-1"],
        vec![
            "imprimir",
            "orden-pago",
            "17001-2026-00001",
            "--foliar",
            "--salida",
            e.ruta("oc.pdf").to_str().unwrap(),
        ],
    ] {
        let o = e.coactiva(&orden);
        assert!(
            o.status.success(),
            "{orden:?}: {}",
            crate::comun::texto(&o.stderr)
        );
    }
    assert_eq!(e.coactiva(&["verificar"]).status.code(), Some(0));
    // Someone moves the actuación to other fojas (everything else rewritten to match would
    // still leave the stamps printed inside the signed bytes).
    let conn = conectar(&e.db());
    conn.execute_batch(
        "DROP TRIGGER actuaciones_no_se_editan; UPDATE actuaciones SET desde = 7, hasta = 7",
    )
    .unwrap();
    drop(conn);
    let o = e.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(3));
    let m = crate::comun::texto(&o.stderr);
    assert!(m.contains("lleva impresa la foja 1"), "{m}");
}
