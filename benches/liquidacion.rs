//! Issue 14's figure: liquidating all 200 000 procesos of a Guayas-size unit (the
//! directorate asks for totals) in under 5 s. The unit: 52 abogados, 200 000 procesos, a rate
//! table with a change every month since 2020 (so each proceso liquidates over dozens of
//! stretches). Payments add one hash lookup per proceso; this run has none.
//! Measured (2 cores, with the costas query): 1.20 s [1.16–1.24] for the 200 000.
//! Run: `cargo bench --bench liquidacion`.

use coactiva::demo;
use coactiva::liquidacion;
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, Criterion};

fn liquidar_todo(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let ruta = dir.path().join("unidad.db");
    let (mut store, jefe) = comun::unidad(&ruta, 9, "Unidad de Guayas", "Guayaquil");
    demo::poblar(&mut store, &jefe, 0, 52, 7).unwrap();
    demo::expedientes(&mut store, &jefe, 200_000, 0, 7).unwrap();
    comun::tasas_mensuales(&mut store, &jefe);
    let t = liquidacion::totales(&store, &jefe, None).unwrap();
    eprintln!(
        "{} procesos liquidados, saldo USD {}, {} sin tasa",
        t.procesos,
        t.saldo.decimal(),
        t.sin_tasa
    );
    let mut g = c.benchmark_group("liquidacion");
    g.sample_size(10);
    g.bench_function("todos_los_200000_procesos", |b| {
        b.iter(|| liquidacion::totales(&store, &jefe, None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, liquidar_todo);
criterion_main!(benches);
