//! The SQLite file: schema versions, the append-only change log, tamper evidence, demo data.

use std::sync::Arc;

use coactiva::{cambios, demo, titulos, unidad, Error, FixedClock, Store};

use crate::comun::*;

#[test]
fn a_database_from_a_newer_coactiva_is_refused_with_a_clear_message() {
    let e = Entorno::nuevo();
    drop(e.abrir());
    let conn = conectar(&e.db());
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&e.db(), Arc::new(FixedClock::on(hoy())))
        .err()
        .expect("una base de un esquema más nuevo no se abre");
    assert!(matches!(err, Error::EsquemaNuevo { encontrada: 99, .. }));
    assert!(err.to_string().contains("Actualice Coactiva"), "{err}");
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_twice() {
    let e = Entorno::nuevo();
    {
        let mut s = e.abrir();
        unidad::inicializar(&mut s, &nueva_unidad()).unwrap();
    }
    let s = e.abrir();
    assert_eq!(unidad::exigir(&s).unwrap().codigo, "17001");
    let modo: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(modo, "wal");
    let fk: i64 = s
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn the_change_log_cannot_be_edited_or_deleted_through_sql() {
    let (store, _) = unidad_en_memoria();
    // The store's read handle refuses any write; someone with a SQLite tool can switch that
    // off, and then the triggers still refuse.
    assert!(store
        .conn()
        .execute("UPDATE cambios SET usuario = 'otro' WHERE seq = 1", [])
        .unwrap_err()
        .to_string()
        .contains("readonly"));
    store
        .conn()
        .pragma_update(None, "query_only", false)
        .unwrap();
    let upd = store
        .conn()
        .execute("UPDATE cambios SET usuario = 'otro' WHERE seq = 1", []);
    assert!(upd.unwrap_err().to_string().contains("solo agregado"));
    let del = store
        .conn()
        .execute("DELETE FROM cambios WHERE seq = 1", []);
    assert!(del.is_err());
}

#[test]
fn every_change_records_who_and_when_in_a_gapless_chain() {
    let (mut store, jefe) = unidad_en_memoria();
    demo::poblar(&mut store, &jefe, 20, 3, 7).unwrap();
    let todos = cambios::leer(store.conn(), 0, 1000).unwrap();
    let seqs: Vec<i64> = todos.iter().map(|c| c.seq).collect();
    assert_eq!(
        seqs,
        (1..=todos.len() as i64).collect::<Vec<_>>(),
        "sin huecos"
    );
    assert!(todos
        .iter()
        .all(|c| !c.usuario.is_empty() && c.fecha.ends_with("-05:00")));
    assert_eq!(todos.iter().filter(|c| c.entidad == "titulo").count(), 20);
    assert_eq!(todos.iter().filter(|c| c.entidad == "abogado").count(), 3);
    assert!(cambios::verificar(store.conn()).unwrap().is_empty());
}

#[test]
fn tampering_with_the_log_is_found_and_named() {
    let (mut store, jefe) = unidad_en_memoria();
    demo::poblar(&mut store, &jefe, 5, 1, 1).unwrap();
    // Someone with a SQLite tool drops the guard and rewrites an entry.
    store
        .conn()
        .execute_batch(
            "PRAGMA query_only = OFF; DROP TRIGGER cambios_no_se_editan; UPDATE cambios SET datos = '{}' WHERE seq = 4;",
        )
        .unwrap();
    let h = cambios::verificar(store.conn()).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].seq, 4);
    store
        .conn()
        .execute_batch("DROP TRIGGER cambios_no_se_borran; DELETE FROM cambios WHERE seq = 6;")
        .unwrap();
    let h = cambios::verificar(store.conn()).unwrap();
    assert!(h.iter().any(|x| x.mensaje.contains("faltan")), "{h:?}");
}

#[test]
fn demo_data_is_valid_realistic_and_heavy_tailed() {
    let (mut store, jefe) = unidad_en_memoria();
    let r = demo::poblar(&mut store, &jefe, 2000, 8, 42).unwrap();
    assert_eq!((r.titulos, r.abogados), (2000, 8));
    let t = titulos::listar(&store, None).unwrap();
    assert!(
        t.iter()
            .any(|x| x.obligado.chars().any(|c| "ÁÉÍÓÚÑ".contains(c))),
        "nombres con tildes"
    );
    let mut montos: Vec<i64> = t.iter().map(|x| x.total.0).collect();
    montos.sort();
    let mediana = montos[montos.len() / 2];
    let maximo = *montos.last().unwrap();
    assert!(
        maximo > mediana * 50,
        "cola pesada: mediana {mediana}, máximo {maximo}"
    );
    // Running it again adds more without clashing.
    demo::poblar(&mut store, &jefe, 10, 1, 43).unwrap();
    assert_eq!(titulos::listar(&store, None).unwrap().len(), 2010);
}
