//! Issue 4's figures, at the scale of the largest unit (Guayas: ~196 000 juicios, 52 external
//! lawyers): on a database of 200 000 procesos and 2 000 000 fojas, foliating one document
//! (target < 5 ms), a search (< 20 ms), `verificar` over every expediente and the whole
//! `coactiva verificar` (< 20 s).
//!
//! The database is built once with the demo generator (as `coactiva demo --procesos 200000
//! --fojas 2000000` does) and kept in `target/bench-data/`; delete it to rebuild.
//! Run: `cargo bench --bench expediente`.

use std::path::PathBuf;

use coactiva::procesos::{self, expediente};
use coactiva::{demo, usuarios, Store};
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, Criterion};

const PROCESOS: usize = 200_000;
const FOJAS: usize = 2_000_000;

fn base() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let ruta = dir.join(format!("expediente-{PROCESOS}-{FOJAS}.db"));
    if !ruta.exists() {
        let tmp = dir.join("construyendo.db");
        let _ = std::fs::remove_file(&tmp);
        let (mut store, jefe) = comun::unidad(
            &tmp,
            9,
            "Unidad Provincial de Gestión de Coactiva del Guayas",
            "Guayaquil",
        );
        demo::poblar(&mut store, &jefe, 0, 52, 1).unwrap();
        let (p, f) = demo::expedientes(&mut store, &jefe, PROCESOS, FOJAS, 1).unwrap();
        assert_eq!((p, f), (PROCESOS, FOJAS));
        drop(store);
        std::fs::rename(&tmp, &ruta).unwrap();
    }
    ruta
}

fn bench(c: &mut Criterion) {
    let ruta = base();
    let mut store = Store::open(&ruta, comun::reloj()).unwrap();
    let jefe = usuarios::autenticar(&mut store, "jefe", comun::CLAVE).unwrap();
    let muestra = procesos::listar(&store, None, 123_456, 1)
        .unwrap()
        .remove(0);
    let pdf = demo::pdf_de_prueba(3, "Escrito de excepciones del obligado").unwrap();
    let mut g = c.benchmark_group("expediente_200k_2M");
    let mut k = 0u64;
    g.bench_function("foliar_un_documento", |b| {
        b.iter(|| {
            k += 1;
            let numero = format!("09001-2026-{:05}", 1 + (k * 7919) % PROCESOS as u64);
            expediente::foliar(
                &mut store,
                &jefe,
                &numero,
                &expediente::Nueva {
                    tipo: "escrito",
                    descripcion: "Escrito",
                    bytes: &pdf,
                    fecha: None,
                    corrige: None,
                },
            )
            .unwrap()
        })
    });
    let apellido = muestra.obligado.split(' ').next().unwrap().to_string();
    g.bench_function("buscar_por_apellido", |b| {
        b.iter(|| procesos::buscar(&store, &coactiva::texto::plegar(&apellido), 50).unwrap())
    });
    g.bench_function("buscar_por_numero", |b| {
        b.iter(|| {
            assert_eq!(
                procesos::buscar(&store, &muestra.numero, 50).unwrap().len(),
                1
            )
        })
    });
    g.bench_function("buscar_por_identificacion", |b| {
        b.iter(|| procesos::buscar(&store, &muestra.identificacion, 50).unwrap())
    });
    g.sample_size(10);
    g.bench_function("verificar_todo", |b| {
        b.iter(|| assert!(expediente::verificar(&store).unwrap().is_empty()))
    });
    // What `coactiva verificar` does: the chain, every table rebuilt from the log and compared,
    // every sorteo replayed, every expediente (target < 20 s).
    g.bench_function("verificar_base_completa", |b| {
        b.iter(|| {
            let inf = coactiva::verificacion::verificar(&store).unwrap();
            assert!(inf.correcto, "{:?}", inf.hallazgos.first())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
