//! Issue 18's figures: every report under 2 s, the XLSX under 5 s, at Guayas scale (52
//! abogados, 200 000 procesos). Fojas do not enter these reports, so none are added.
//! Measured (2 cores, 4 December 2026): the inventario of 200 000 procesos 347 ms [326–373],
//! with its PDF 368 ms, with its XLSX 367 ms.
//! Run: `cargo bench --bench reportes`.

use coactiva::{demo, reportes};
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let ruta = dir.path().join("unidad.db");
    let (mut store, jefe) = comun::unidad(&ruta, 9, "Unidad de Guayas", "Guayaquil");
    demo::poblar(&mut store, &jefe, 0, 52, 7).unwrap();
    demo::expedientes(&mut store, &jefe, 200_000, 0, 7).unwrap();
    let inv = reportes::inventario(&store, &jefe, None).unwrap();
    eprintln!(
        "{} procesos en trámite, USD {}",
        inv.procesos,
        inv.total.decimal()
    );
    let mut g = c.benchmark_group("reportes");
    g.sample_size(10);
    g.bench_function("inventario_200000_procesos", |b| {
        b.iter(|| reportes::inventario(&store, &jefe, None).unwrap())
    });
    g.bench_function("inventario_pdf", |b| {
        b.iter(|| {
            let inv = reportes::inventario(&store, &jefe, None).unwrap();
            reportes::pdf(&store, "inventario", &inv).unwrap()
        })
    });
    g.bench_function("inventario_xlsx", |b| {
        b.iter(|| {
            let inv = reportes::inventario(&store, &jefe, None).unwrap();
            reportes::xlsx("inventario", &inv).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
