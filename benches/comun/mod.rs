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
