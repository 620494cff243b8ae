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
    // A monthly rate since 2020, as the liquidation's bench: the mora liquidates every título.
    comun::tasas_mensuales(&mut store, &jefe);
    let inv = reportes::inventario(&store, &jefe, None).unwrap();
    eprintln!(
        "{} procesos en trámite, USD {}",
        inv.procesos,
        inv.total.decimal()
    );
    let f = coactiva::dinero::Formato::Ecuador;
    let mut g = c.benchmark_group("reportes");
    g.sample_size(10);
    g.bench_function("inventario_200000_procesos", |b| {
        b.iter(|| reportes::inventario(&store, &jefe, None).unwrap())
    });
    // Every report, its figures and the table it is shown as.
    for (nombre, _) in reportes::REPORTES {
        g.bench_function(format!("reporte_{nombre}"), |b| {
            b.iter(|| {
                reportes::hacer(&store, &jefe, nombre, None, None)
                    .unwrap()
                    .reporte(f)
            })
        });
    }
    g.bench_function("inventario_pdf", |b| {
        b.iter(|| reportes::archivo(&store, &jefe, "inventario", None, None, "pdf").unwrap())
    });
    g.bench_function("inventario_xlsx", |b| {
        b.iter(|| reportes::archivo(&store, &jefe, "inventario", None, None, "xlsx").unwrap())
    });
    g.bench_function("bimestral_xlsx", |b| {
        b.iter(|| reportes::archivo(&store, &jefe, "bimestral", None, None, "xlsx").unwrap())
    });
    g.bench_function("evaluacion_pdf", |b| {
        b.iter(|| reportes::archivo(&store, &jefe, "evaluacion", None, None, "pdf").unwrap())
    });
    // Inicio's charts.
    g.bench_function("tablero_inicio", |b| {
        b.iter(|| coactiva::vistas::tablero(&store, &jefe).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
