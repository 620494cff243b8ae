//! Issue 5's figures: an orden de pago (target < 20 ms) and a 300-page expediente as one PDF
//! (< 2 s). Peak memory of the expediente is measured on the command (see README).
//!
//! Run: `cargo bench --bench documentos`.

use coactiva::demo;
use coactiva::documentos::{self, expediente_pdf, Opciones};
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, jefe) = comun::unidad(
        &dir.path().join("d.db"),
        17,
        "Unidad Provincial de Gestión de Coactiva de Pichincha",
        "Quito",
    );
    demo::poblar(&mut store, &jefe, 1, 1, 3).unwrap();
    demo::expedientes(&mut store, &jefe, 1, 300, 3).unwrap();
    let numero = "17001-2026-00001";
    let mut g = c.benchmark_group("documentos");
    g.bench_function("orden_de_pago", |b| {
        b.iter(|| {
            documentos::imprimir(
                &mut store,
                &jefe,
                "orden-pago",
                numero,
                &Opciones::default(),
                false,
            )
            .unwrap()
        })
    });
    g.sample_size(10);
    g.bench_function("expediente_300_paginas", |b| {
        b.iter(|| expediente_pdf::generar(&store, numero).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
