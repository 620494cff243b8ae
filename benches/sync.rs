//! Issue 7's figures: bundling 100 000 changes (target < 2 s) and ingesting 24 units × 50 000
//! changes at the centre (< 60 s).
//!
//! Run: `cargo bench --bench sync`.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use coactiva::sync::central::{AlmacenCentral, Sqlite};
use coactiva::sync::{self, Paquete};
use coactiva::unidad::{self, Nivel, NuevaUnidad};
use coactiva::{cambios, demo, titulos::importar, FixedClock, Store};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn unidad(ruta: &Path, provincia: u32, cambios_deseados: usize) -> Store {
    let hoy = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut store = Store::open(ruta, Arc::new(FixedClock::on(hoy))).unwrap();
    let jefe = unidad::inicializar(
        &mut store,
        &NuevaUnidad {
            provincia: format!("{provincia:02}"),
            oficina: "001".into(),
            nombre: format!("Unidad {provincia}"),
            nivel: Nivel::Grupo,
            ciudad: "Ciudad".into(),
            jefe_usuario: "jefe".into(),
            jefe_nombres: "Jefe".into(),
            jefe_clave: "clave-larga-1".into(),
            jefe_genero: None,
        },
    )
    .unwrap();
    // One change per título, plus the import's own and the unit's creation.
    let csv = demo::csv_titulos(cambios_deseados - 3, 1, provincia as u64, hoy);
    importar::importar_bytes(&mut store, &jefe, "c.csv", csv.as_bytes(), false).unwrap();
    assert_eq!(
        cambios::ultimo_seq(store.conn()).unwrap(),
        cambios_deseados as i64
    );
    store
}

fn paquetes_de(store: &mut Store) -> Vec<Paquete> {
    let n = sync::cortar(store).unwrap();
    let total: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM paquetes", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0 || total > 0);
    (1..=total)
        .map(|k| sync::paquete(store, k).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("sync");
    g.sample_size(10);
    let plantilla = dir.path().join("plantilla-100k.db");
    drop(unidad(&plantilla, 17, 100_000));
    let mut k = 0;
    g.bench_function("empaquetar_100k_cambios", |b| {
        b.iter_batched(
            || {
                k += 1;
                let copia = dir.path().join(format!("u{k}.db"));
                std::fs::copy(&plantilla, &copia).unwrap();
                Store::open(
                    &copia,
                    Arc::new(FixedClock::on(
                        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                    )),
                )
                .unwrap()
            },
            |mut s| {
                let v = paquetes_de(&mut s);
                let bytes: usize = v.iter().map(|p| p.bytes().len()).sum();
                assert_eq!(v.iter().map(|p| p.cambios.len()).sum::<usize>(), 100_000);
                bytes
            },
            BatchSize::PerIteration,
        )
    });
    // 24 provinces' bundles, made once.
    let mut todos: Vec<(String, String, Vec<Paquete>)> = vec![];
    for p in 1..=24u32 {
        let mut s = unidad(&dir.path().join(format!("p{p}.db")), p, 50_000);
        let clave = sync::clave_publica(&mut s).unwrap();
        todos.push((format!("{p:02}001"), clave, paquetes_de(&mut s)));
    }
    let mut j = 0;
    g.bench_function("ingresar_24_unidades_x_50k", |b| {
        b.iter_batched(
            || {
                j += 1;
                let mut central = Sqlite::abrir(
                    &dir.path().join(format!("central{j}.db")),
                    std::sync::Arc::new(coactiva::SystemClock),
                )
                .unwrap();
                for (u, clave, _) in &todos {
                    central.registrar_unidad(u, clave).unwrap();
                }
                central
            },
            |mut central| {
                for (_, _, paquetes) in &todos {
                    for p in paquetes {
                        central.recibir(p, "2026-11-24T12:00:00Z").unwrap();
                    }
                }
                let r = central.resumen().unwrap();
                assert_eq!(r.iter().map(|u| u.titulos).sum::<i64>(), 24 * (50_000 - 3));
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
