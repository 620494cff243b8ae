//! Títulos de crédito: the debts Cartera issues and the juzgado enforces. They arrive by import
//! ([`importar`]) in the state `por_sortear` and wait for the sorteo.

pub mod importar;

use chrono::NaiveDate;
use rusqlite::{params, Row};
use serde::Serialize;

use crate::dinero::Centavos;
use crate::store::Reader;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EstadoTitulo {
    /// Imported, waiting for the sorteo.
    PorSortear,
    /// Drawn to a Secretario-Abogado.
    Asignado,
    /// A proceso was opened from it.
    EnProceso,
    Anulado,
}

impl EstadoTitulo {
    pub const TODOS: [EstadoTitulo; 4] = [
        EstadoTitulo::PorSortear,
        EstadoTitulo::Asignado,
        EstadoTitulo::EnProceso,
        EstadoTitulo::Anulado,
    ];

    pub fn como_texto(self) -> &'static str {
        match self {
            EstadoTitulo::PorSortear => "por_sortear",
            EstadoTitulo::Asignado => "asignado",
            EstadoTitulo::EnProceso => "en_proceso",
            EstadoTitulo::Anulado => "anulado",
        }
    }

    pub fn parse(s: &str) -> Result<EstadoTitulo> {
        let k = crate::texto::clave(s);
        EstadoTitulo::TODOS
            .into_iter()
            .find(|e| e.como_texto() == k)
            .ok_or_else(|| {
                Error::entrada(format!(
                    "el estado «{s}» no existe; use por_sortear, asignado, en_proceso o anulado"
                ))
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Titulo {
    pub numero: String,
    pub fecha_emision: NaiveDate,
    pub identificacion: String,
    pub tipo_identificacion: String,
    pub obligado: String,
    pub concepto: String,
    pub capital: Centavos,
    pub intereses: Centavos,
    pub total: Centavos,
    pub direccion: Option<String>,
    pub fecha_exigibilidad: Option<NaiveDate>,
    pub numero_patronal: Option<String>,
    pub periodo: Option<String>,
    pub estado: EstadoTitulo,
}

const COLUMNAS: &str = "numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto, capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, estado";

fn de_fila(r: &Row<'_>) -> rusqlite::Result<Titulo> {
    let fecha = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()))
    };
    let estado: String = r.get(13)?;
    Ok(Titulo {
        numero: r.get(0)?,
        fecha_emision: fecha(1)?.unwrap_or_default(),
        identificacion: r.get(2)?,
        tipo_identificacion: r.get(3)?,
        obligado: r.get(4)?,
        concepto: r.get(5)?,
        capital: Centavos(r.get(6)?),
        intereses: Centavos(r.get(7)?),
        total: Centavos(r.get(8)?),
        direccion: r.get(9)?,
        fecha_exigibilidad: fecha(10)?,
        numero_patronal: r.get(11)?,
        periodo: r.get(12)?,
        estado: EstadoTitulo::parse(&estado).unwrap_or(EstadoTitulo::Anulado),
    })
}

/// Títulos, optionally of one state, in import order.
pub fn listar(store: &dyn Reader, estado: Option<EstadoTitulo>) -> Result<Vec<Titulo>> {
    let mut st = store.conn().prepare_cached(&format!(
        "SELECT {COLUMNAS} FROM titulos WHERE ?1 IS NULL OR estado = ?1 ORDER BY id"
    ))?;
    let filas = st.query_map(params![estado.map(EstadoTitulo::como_texto)], de_fila)?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

/// The first `limite` títulos in a state (in import order) and how many are in it in all: the
/// inbox says «150.300 títulos por sortear», never the size of the page it shows.
pub fn primeros(
    store: &dyn Reader,
    estado: Option<EstadoTitulo>,
    limite: i64,
) -> Result<(i64, Vec<Titulo>)> {
    let e = estado.map(EstadoTitulo::como_texto);
    let total: i64 = store.conn().query_row(
        "SELECT COUNT(*) FROM titulos WHERE ?1 IS NULL OR estado = ?1",
        params![e],
        |r| r.get(0),
    )?;
    let mut st = store.conn().prepare_cached(&format!(
        "SELECT {COLUMNAS} FROM titulos WHERE ?1 IS NULL OR estado = ?1 ORDER BY id LIMIT ?2"
    ))?;
    let v = st
        .query_map(params![e, limite.max(0)], de_fila)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, v))
}

pub fn buscar(store: &dyn Reader, numero: &str) -> Result<Option<Titulo>> {
    use rusqlite::OptionalExtension;
    Ok(store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNAS} FROM titulos WHERE numero = ?1"),
            [numero],
            de_fila,
        )
        .optional()?)
}

/// How many títulos are in a state (the inbox count is `contar(.., PorSortear)`).
pub fn contar(store: &dyn Reader, estado: EstadoTitulo) -> Result<i64> {
    Ok(store.conn().query_row(
        "SELECT COUNT(*) FROM titulos WHERE estado = ?1",
        [estado.como_texto()],
        |r| r.get(0),
    )?)
}
