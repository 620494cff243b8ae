//! One file per subcommand of `coactiva`: its clap definition and its handler. Each handler
//! parses, calls one use case of the core, prints (a table, a sentence or JSON) and returns
//! the exit code. No SQL and no policy here.

pub mod abogados;
pub mod bienes;
pub mod calendario;
pub mod central;
pub mod citaciones;
pub mod configuracion;
pub mod convenios;
pub mod costas;
pub mod demo;
pub mod documentos;
pub mod excepciones;
pub mod garantias;
pub mod honorarios;
pub mod insolvencia;
pub mod medidas;
pub mod pagos;
pub mod procesos;
pub mod remates;
pub mod reportes;
pub mod respaldo;
pub mod sorteo;
pub mod sync;
pub mod tasas;
pub mod titulos;
pub mod usuarios;
pub mod verificar;

pub(crate) use abogados::OrdenAbogados;
pub(crate) use bienes::{OrdenBienes, OrdenDepositarios};
pub(crate) use calendario::OrdenCalendario;
pub(crate) use central::OrdenCentral;
pub(crate) use citaciones::OrdenCitaciones;
pub(crate) use configuracion::OrdenConfiguracion;
pub(crate) use convenios::OrdenConvenios;
pub(crate) use costas::OrdenCostas;
pub(crate) use excepciones::{OrdenDeprecatorios, OrdenExcepciones};
pub(crate) use garantias::OrdenGarantias;
pub(crate) use honorarios::OrdenHonorarios;
pub(crate) use insolvencia::OrdenInsolvencia;
pub(crate) use medidas::OrdenMedidas;
pub(crate) use pagos::OrdenPagos;
pub(crate) use procesos::OrdenProcesos;
pub(crate) use remates::OrdenRemates;
pub(crate) use sorteo::OrdenSorteo;
pub(crate) use tasas::OrdenTasas;
pub(crate) use titulos::OrdenTitulos;
pub(crate) use usuarios::OrdenUsuarios;

use crate::Res;

/// An optional date as the clerk types it (`dd/mm/aaaa`).
pub(crate) fn fecha_opcional(t: &Option<String>) -> Res<Option<chrono::NaiveDate>> {
    Ok(coactiva::fechas::parse_opcional(t.as_deref())?)
}

/// A PDF the clerk names (a receipt, a scan), read whole; a file that cannot be read is exit 2.
pub(crate) fn leer_archivo(ruta: &std::path::Path, que: &str) -> Res<Vec<u8>> {
    std::fs::read(ruta).map_err(|e| crate::Fallo {
        codigo: 2,
        mensaje: format!("no se pudo leer {que} {}: {e}", ruta.display()),
    })
}
