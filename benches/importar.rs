//! Issue 2's figure: importing 100 000 títulos from CSV with every check, against a bare
//! SQLite insert of the same rows (target: under 1 s, and at most 3 × the bare insert).
//!
//! Run: `cargo bench --bench importar`.

use std::hint::black_box;

use coactiva::titulos::importar;
use coactiva::{demo, Actor, Store};
#[path = "comun/mod.rs"]
mod comun;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rusqlite::params;

const N: usize = 100_000;

fn base_nueva(dir: &tempfile::TempDir) -> (Store, Actor) {
    let nombre = format!(
        "b{}.db",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    comun::unidad(&dir.path().join(nombre), 9, "Guayas", "Guayaquil")
}

fn bench(c: &mut Criterion) {
    let csv = demo::csv_titulos(N, 1, 7, comun::hoy());
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("importar_100k");
    g.sample_size(10);
    g.bench_function("coactiva_csv_con_comprobaciones", |b| {
        b.iter_batched(
            || base_nueva(&dir),
            |(mut store, jefe)| {
                let inf = importar::importar_bytes(
                    &mut store,
                    &jefe,
                    "cartera.csv",
                    csv.as_bytes(),
                    false,
                )
                .unwrap();
                assert_eq!(inf.importados, N);
                black_box(inf);
            },
            BatchSize::PerIteration,
        )
    });
    // The same rows, already split, inserted with one prepared statement in one transaction.
    let filas: Vec<Vec<String>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect();
    g.bench_function("sqlite_insert_sin_comprobaciones", |b| {
        b.iter_batched(
            || base_nueva(&dir),
            |(store, _)| {
                let conn = store.conn();
                conn.execute_batch("BEGIN IMMEDIATE").unwrap();
                conn.execute("INSERT INTO importaciones (archivo, sha256, filas, usuario, fecha) VALUES ('x', 'x', 0, 'jefe', 'x')", []).unwrap();
                let mut st = conn
                    .prepare(
                        "INSERT INTO titulos (numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto,
                         capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, estado, importacion_id)
                         VALUES (?1, ?2, ?3, 'cedula', ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, ?11, 'por_sortear', 1)",
                    )
                    .unwrap();
                for (i, f) in filas.iter().enumerate() {
                    st.execute(params![f[0], f[1], f[2], f[3], f[4], 100 + i as i64, 0, 100 + i as i64, f[8], f[9], f[10]]).unwrap();
                }
                drop(st);
                conn.execute_batch("COMMIT").unwrap();
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
