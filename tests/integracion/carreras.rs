//! Races: two windows, a window and the command, or the background sync and the command doing
//! the same thing at the same moment on one unit file. Each use case runs wholly inside one
//! write transaction, so after every race `verificar` passes and nothing is done twice.

use std::collections::HashMap;
use std::sync::{Arc, Barrier};

use coactiva::procesos::{self, Etapa};
use coactiva::{demo, sorteo, sync, unidad, verificacion, Actor, FixedClock, Store};

use crate::comun::*;

const VUELTAS: usize = 4;

fn abrir(e: &Entorno) -> Store {
    abrir_store(&e.db(), Arc::new(FixedClock::on(hoy())))
}

/// A unit on disk with abogados and `titulos` títulos waiting for the sorteo.
fn unidad_con_titulos(e: &Entorno, titulos: usize) -> Actor {
    let mut store = abrir(e);
    let jefe = unidad::inicializar(&mut store, &nueva_unidad()).unwrap();
    demo::poblar(&mut store, &jefe, titulos, 4, 5).unwrap();
    jefe
}

/// Runs `f` on `n` threads, each with its own connection, released at the same instant.
fn a_la_vez<T: Send + 'static>(
    e: &Entorno,
    n: usize,
    f: impl Fn(usize, &mut Store) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let barrera = Arc::new(Barrier::new(n));
    let f = Arc::new(f);
    let hilos: Vec<_> = (0..n)
        .map(|k| {
            let (ruta, barrera, f) = (e.db(), barrera.clone(), f.clone());
            std::thread::spawn(move || {
                let mut s = abrir_store(&ruta, Arc::new(FixedClock::on(hoy())));
                barrera.wait();
                f(k, &mut s)
            })
        })
        .collect();
    hilos.into_iter().map(|h| h.join().unwrap()).collect()
}

/// Every título's current assignment, counted: each must appear once per sorteo that drew it
/// and the latest one must be unique.
fn asignaciones_por_titulo(store: &Store) -> HashMap<String, i64> {
    let mut st = store
        .conn()
        .prepare("SELECT titulo, COUNT(*) FROM asignaciones GROUP BY titulo")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|x| x.unwrap())
        .collect()
}

fn intacta(store: &Store) {
    let inf = verificacion::verificar(store).unwrap();
    assert!(inf.correcto, "{:?}", inf.hallazgos);
}

#[test]
fn two_sorteos_at_once_assign_every_titulo_exactly_once() {
    for _ in 0..VUELTAS {
        let e = Entorno::nuevo();
        let jefe = unidad_con_titulos(&e, 60);
        let r = a_la_vez(&e, 2, move |_, s| sorteo::ejecutar(s, &jefe));
        let hechos: Vec<_> = r.iter().filter_map(|x| x.as_ref().ok()).collect();
        assert_eq!(hechos.len(), 1, "one draws, the other finds nothing left");
        let fallido = r.iter().find_map(|x| x.as_ref().err()).unwrap();
        assert!(fallido.to_string().contains("no hay títulos por sortear"));
        let store = abrir(&e);
        let a = asignaciones_por_titulo(&store);
        assert_eq!(a.len(), 60);
        assert!(a.values().all(|&n| n == 1), "{a:?}");
        intacta(&store);
    }
}

#[test]
fn a_sorteo_while_a_resorteo_runs_keeps_the_chain_and_the_loads() {
    for _ in 0..VUELTAS {
        let e = Entorno::nuevo();
        let jefe = unidad_con_titulos(&e, 30);
        let mut store = abrir(&e);
        let primero = sorteo::ejecutar(&mut store, &jefe).unwrap();
        let a_resortear: Vec<String> = primero.resultado.asignaciones[..5]
            .iter()
            .map(|a| a.titulo.clone())
            .collect();
        demo::poblar(&mut store, &jefe, 20, 0, 9).unwrap();
        drop(store);
        let r = a_la_vez(&e, 2, move |k, s| {
            if k == 0 {
                sorteo::ejecutar(s, &jefe).map(|r| r.resultado.asignaciones.len())
            } else {
                sorteo::resortear(s, &jefe, &a_resortear, "Licencia médica")
                    .map(|r| r.resultado.asignaciones.len())
            }
        });
        assert_eq!(r[0].as_ref().unwrap(), &20);
        assert_eq!(r[1].as_ref().unwrap(), &5);
        let store = abrir(&e);
        let a = asignaciones_por_titulo(&store);
        assert_eq!(a.len(), 50, "every título drawn");
        assert_eq!(
            a.values().filter(|&&n| n == 2).count(),
            5,
            "the resorted ones twice"
        );
        assert_eq!(sorteo::listar(&store).unwrap().len(), 3);
        intacta(&store);
    }
}

#[test]
fn two_sync_cuts_at_once_make_one_contiguous_sequence_of_bundles() {
    for _ in 0..VUELTAS {
        let e = Entorno::nuevo();
        let jefe = unidad_con_titulos(&e, 50);
        let mut store = abrir(&e);
        sorteo::ejecutar(&mut store, &jefe).unwrap();
        drop(store);
        let cortados: usize = a_la_vez(&e, 2, |_, s| sync::cortar(s).unwrap())
            .into_iter()
            .sum();
        let store = abrir(&e);
        let mut st = store
            .conn()
            .prepare("SELECT numero, desde, hasta FROM paquetes ORDER BY numero")
            .unwrap();
        let paquetes: Vec<(i64, i64, i64)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|x| x.unwrap())
            .collect();
        assert_eq!(paquetes.len(), cortados, "each bundle cut once");
        let mut siguiente = 1;
        for (i, (numero, desde, hasta)) in paquetes.iter().enumerate() {
            assert_eq!(*numero, i as i64 + 1);
            assert_eq!(*desde, siguiente, "no change in two bundles, none left out");
            siguiente = hasta + 1;
        }
        assert_eq!(
            siguiente - 1,
            coactiva::cambios::ultimo_seq(store.conn()).unwrap()
        );
        intacta(&store);
    }
}

#[test]
fn two_stage_changes_at_once_move_the_proceso_once() {
    for _ in 0..VUELTAS {
        let e = Entorno::nuevo();
        let jefe = unidad_con_titulos(&e, 1);
        let mut store = abrir(&e);
        let r = sorteo::ejecutar(&mut store, &jefe).unwrap();
        let p = procesos::abrir(&mut store, &jefe, &r.resultado.asignaciones[0].titulo)
            .unwrap()
            .numero;
        drop(store);
        let n = p.clone();
        let r = a_la_vez(&e, 2, move |_, s| {
            procesos::cambiar_etapa(s, &jefe, &n, Etapa::OrdenPago, None, None)
        });
        assert_eq!(r.iter().filter(|x| x.is_ok()).count(), 1, "{r:?}");
        let store = abrir(&e);
        let d = procesos::ver(&store, &p).unwrap();
        assert_eq!(d.proceso.etapa, Etapa::OrdenPago);
        assert_eq!(
            d.etapas
                .iter()
                .filter(|x| x.etapa == Etapa::OrdenPago)
                .count(),
            1,
            "the history holds the move once"
        );
        intacta(&store);
    }
}
