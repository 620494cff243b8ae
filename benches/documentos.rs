//! Issue 5's figures: an orden de pago (target < 20 ms) and a 300-page expediente as one PDF
//! (< 2 s). Peak memory of the expediente is measured on the command (see README).
//! Issue 17's: 1 000 órdenes de pago printed and foliated in one batch, each saved to its own
//! file and all of them merged into one PDF (target < 3 s).
//!
//! Run: `cargo bench --bench documentos`.

use coactiva::demo;
use coactiva::documentos::{self, expediente_pdf, lote, Opciones};
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

    // A thousand procesos, each foliating its orden de pago again every iteration (`repetir`),
    // so every iteration does the same work: generate, foliate, save each file, merge.
    let dir2 = tempfile::tempdir().unwrap();
    let (mut store, jefe) = comun::unidad(
        &dir2.path().join("l.db"),
        17,
        "Unidad Provincial de Gestión de Coactiva de Pichincha",
        "Quito",
    );
    demo::poblar(&mut store, &jefe, 1000, 10, 5).unwrap();
    demo::expedientes(&mut store, &jefe, 1000, 0, 5).unwrap();
    let numeros = lote::procesos(&store, &jefe, "orden-pago", &lote::Seleccion::Todos).unwrap();
    assert_eq!(numeros.len(), 1000);
    let salida = dir2.path().join("salida");
    std::fs::create_dir_all(&salida).unwrap();
    let o = Opciones {
        repetir: true,
        ..Default::default()
    };
    let mut g = c.benchmark_group("lote");
    g.sample_size(10);
    g.bench_function("1000_ordenes_de_pago_foliadas", |b| {
        b.iter(|| {
            let l = lote::imprimir(
                &mut store,
                &jefe,
                "orden-pago",
                &numeros,
                true,
                &o,
                &mut |h| {
                    coactiva::archivos::guardar(&salida.join(format!("{}.pdf", h.proceso)), &h.pdf)
                },
                &mut |_, _| true,
            )
            .unwrap();
            assert_eq!(l.hechos.len(), 1000);
            coactiva::archivos::guardar(&salida.join("todas.pdf"), &lote::unido(&l).unwrap())
                .unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
