//! Coactiva's domain core: the juzgado's records and rules, with no desktop, terminal or
//! network code. The `coactiva` command and the Tauri shell both call this library.
//!
//! Map (see ARCHITECTURE.md):
//! - [`store`]: the SQLite file, its migrations and transactions;
//! - [`cambios`]: the append-only, hash-chained change log (audit trail and sync outbox);
//! - [`unidad`], [`usuarios`], [`abogados`], [`titulos`]: the records;
//! - [`identificacion`], [`dinero`], [`fechas`]: value types and their parsers;
//! - [`demo`]: synthetic data for demos and benchmarks.

pub mod abogados;
pub mod archivos;
pub mod azar;
pub mod bienes;
pub mod calendario;
pub mod cambios;
pub mod cargos;
pub mod cifrado;
pub mod citaciones;
pub mod configuracion;
pub mod convenios;
pub mod costas;
pub mod custodia;
pub mod demo;
pub mod deprecatorios;
pub mod dinero;
pub mod documentos;
pub mod error;
pub mod eventos;
pub mod excepciones;
pub mod fechas;
pub mod garantias;
pub mod honorarios;
pub mod identificacion;
pub mod insolvencia;
pub mod liquidacion;
pub mod logging;
pub mod medidas;
pub mod pagos;
pub mod pdf;
pub mod procesos;
mod registros;
pub mod remates;
pub mod reportes;
pub mod respaldo;
pub mod sorteo;
pub mod store;
pub mod sync;
pub mod tasas;
pub mod texto;
pub mod tipografia;
#[cfg(all(test, feature = "ts"))]
mod tipos_ts;
pub mod titulos;
pub mod unidad;
pub mod usuarios;
pub mod verificacion;
pub mod vistas;

pub use error::{Error, Result};
pub use fechas::{Clock, FixedClock, SystemClock};
pub use store::{Reader, Store};
pub use usuarios::{Actor, Rol};
