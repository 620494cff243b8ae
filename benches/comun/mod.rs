//! What every benchmark needs: a fresh unit database on 24 November 2026.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use coactiva::unidad::{self, Nivel, NuevaUnidad};
use coactiva::{Actor, FixedClock, Store};

pub const CLAVE: &str = "clave-larga-1";

pub fn hoy() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

pub fn reloj() -> Arc<FixedClock> {
    Arc::new(FixedClock::on(hoy()))
}

/// Opens (creating) `ruta` and initialises a unit of `provincia` with its Jefe.
pub fn unidad(ruta: &Path, provincia: u32, nombre: &str, ciudad: &str) -> (Store, Actor) {
    let mut store = Store::open(ruta, reloj()).unwrap();
    let jefe = unidad::inicializar(
        &mut store,
        &NuevaUnidad {
            provincia: format!("{provincia:02}"),
            oficina: "001".into(),
            nombre: nombre.into(),
            nivel: Nivel::Unidad,
            ciudad: ciudad.into(),
            jefe_usuario: "jefe".into(),
            jefe_nombres: "Jefe".into(),
            jefe_clave: CLAVE.into(),
            jefe_genero: None,
        },
    )
    .unwrap();
    (store, jefe)
}

/// A monthly mora rate from January 2020 for seven years (8 % to 12 % a year), as the unit
/// records them from the Banco Central.
pub fn tasas_mensuales(store: &mut Store, jefe: &Actor) {
    for mes in 0..84u32 {
        let desde = NaiveDate::from_ymd_opt(2020 + (mes / 12) as i32, mes % 12 + 1, 1).unwrap();
        let anual = coactiva::liquidacion::TasaAnual(80_000 + (mes as i64 * 731) % 40_000);
        coactiva::tasas::agregar(store, jefe, desde, anual).unwrap();
    }
}
