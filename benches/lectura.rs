//! Issue 11's figure: the window never blocks. While a 100 000-row import runs on the writer
//! connection, search-as-you-type on one of the window's read-only connections must stay
//! under 100 ms. Measured on 20 000 procesos: the search alone, then the same search while a
//! background thread imports 100 000 títulos over and over (each import holds the write lock
//! for its whole transaction, as the window's import does).
//! Run: `cargo bench --bench lectura`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use coactiva::procesos;
use coactiva::titulos::importar;
use coactiva::{demo, Store};
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, Criterion};

fn lectura(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let ruta = dir.path().join("unidad.db");
    let (mut store, jefe) = comun::unidad(&ruta, 17, "Unidad de Pichincha", "Quito");
    demo::poblar(&mut store, &jefe, 0, 20, 3).unwrap();
    demo::expedientes(&mut store, &jefe, 20_000, 0, 3).unwrap();
    let lector = Store::open_lector(&ruta, comun::reloj()).unwrap();
    let mut g = c.benchmark_group("busqueda");
    g.sample_size(50);
    g.bench_function("sola", |b| {
        b.iter(|| procesos::buscar(&lector, "perez", 200).unwrap())
    });
    // The import: 100 000 new títulos, checked and written, then (repeated títulos on the
    // second round) refused and rolled back — the write lock is held throughout every round.
    let csv = demo::csv_titulos(100_000, 500_000, 9, comun::hoy());
    let parar = Arc::new(AtomicBool::new(false));
    let vueltas = Arc::new(AtomicUsize::new(0));
    let hilo = {
        let (parar, vueltas, ruta) = (parar.clone(), vueltas.clone(), ruta.clone());
        std::thread::spawn(move || {
            let mut s = Store::open(&ruta, comun::reloj()).unwrap();
            while !parar.load(Ordering::SeqCst) {
                let _ =
                    importar::importar_bytes(&mut s, &jefe, "cartera.csv", csv.as_bytes(), false);
                vueltas.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    g.bench_function("durante_una_importacion_de_100000", |b| {
        b.iter(|| procesos::buscar(&lector, "perez", 200).unwrap())
    });
    g.finish();
    parar.store(true, Ordering::SeqCst);
    hilo.join().unwrap();
    eprintln!(
        "importaciones completas durante la medición: {}",
        vueltas.load(Ordering::SeqCst)
    );
}

criterion_group!(benches, lectura);
criterion_main!(benches);
