//! Issue 3's figures: drawing 10 000 títulos among 60 abogados, and verifying it by replay
//! (target: each under 50 ms). Also the whole operation on the database, for reference.
//!
//! Run: `cargo bench --bench sorteo`.

use coactiva::sorteo::{self, algoritmo};
use coactiva::{demo, Actor, Store};
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn base(dir: &tempfile::TempDir, nombre: &str) -> (Store, Actor) {
    let (mut store, jefe) = comun::unidad(&dir.path().join(nombre), 9, "Guayas", "Guayaquil");
    demo::poblar(&mut store, &jefe, 10_000, 60, 3).unwrap();
    (store, jefe)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, jefe) = base(&dir, "hecho.db");
    let r = sortear(&mut store, &jefe, [7; 32]).unwrap();
    assert_eq!(r.resultado.asignaciones.len(), 10_000);
    let mut g = c.benchmark_group("sorteo_10k_60");
    g.bench_function("sortear_algoritmo", |b| {
        b.iter(|| algoritmo::sortear(&r.entradas, &[7; 32]))
    });
    g.bench_function("verificar_por_repeticion", |b| {
        b.iter(|| assert!(sorteo::verificar(&store, Some(1)).unwrap().is_empty()))
    });
    g.sample_size(10);
    let mut k = 0;
    g.bench_function("ejecutar_en_la_base", |b| {
        b.iter_batched(
            || {
                k += 1;
                base(&dir, &format!("b{k}.db"))
            },
            |(mut s, j)| sortear(&mut s, &j, [9; 32]).unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

fn sortear(
    store: &mut coactiva::Store,
    jefe: &coactiva::Actor,
    semilla: [u8; 32],
) -> coactiva::Result<sorteo::Registro> {
    store.fijar_azar(std::sync::Arc::new(coactiva::azar::AzarFijo::new(semilla)));
    sorteo::ejecutar(store, jefe)
}
