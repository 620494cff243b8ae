//! Costas and gastos: what the proceso cost (publications, peritos, bodegaje, movilización…),
//! each recorded with its receipt foliated into the expediente, and counted in the liquidación
//! only once the Jefe approves it. The decision (approval, or rejection with its reason) is a
//! record of its own.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

pub const CONCEPTOS: [&str; 5] = ["publicacion", "perito", "bodegaje", "movilizacion", "otro"];

/// A cost to record.
#[derive(Debug, Clone)]
pub struct Nueva {
    pub proceso: String,
    pub fecha: NaiveDate,
    pub concepto: String,
    pub descripcion: String,
    pub valor: Centavos,
    /// The receipt (a PDF): required, it is foliated.
    pub comprobante: Vec<u8>,
}

/// A recorded cost and its state.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Costa {
    pub id: i64,
    pub fecha: NaiveDate,
    pub concepto: String,
    pub descripcion: String,
    pub valor: Centavos,
    /// The actuación of its receipt in the expediente.
    pub actuacion: i64,
    /// `pendiente`, `aprobada` or `rechazada`.
    pub estado: String,
    pub motivo: Option<String>,
    pub registrada_por: String,
}

/// Approved costs of a título up to `al` (the liquidación's costas).
pub(crate) fn aprobadas_en(
    conn: &rusqlite::Connection,
    titulo: &str,
    al: NaiveDate,
) -> Result<Centavos> {
    let v: i64 = conn.query_row(
        "SELECT COALESCE(SUM(c.valor), 0) FROM costas c JOIN costas_decisiones d ON d.costa_id = c.id
         WHERE c.titulo = ?1 AND d.aprobada = 1 AND c.fecha <= ?2",
        params![titulo, fechas::iso(al)],
        |r| r.get(0),
    )?;
    Ok(Centavos(v))
}

/// The costs of a proceso.
pub fn listar(db: &dyn Reader, actor: &Actor, proceso: &str) -> Result<Vec<Costa>> {
    actor.exigir(Accion::Consultar)?;
    let mut st = db.conn().prepare_cached(
        "SELECT c.id, c.fecha, c.concepto, c.descripcion, c.valor, c.actuacion, d.aprobada, d.motivo, c.registrada_por
         FROM costas c JOIN procesos p ON p.titulo = c.titulo LEFT JOIN costas_decisiones d ON d.costa_id = c.id
         WHERE p.numero = ?1 ORDER BY c.fecha, c.id",
    )?;
    let v = st
        .query_map([proceso], |r| {
            let f: String = r.get(1)?;
            let aprobada: Option<bool> = r.get(6)?;
            Ok(Costa {
                id: r.get(0)?,
                fecha: f.parse().unwrap_or_default(),
                concepto: r.get(2)?,
                descripcion: r.get(3)?,
                valor: Centavos(r.get(4)?),
                actuacion: r.get(5)?,
                estado: match aprobada {
                    None => "pendiente",
                    Some(true) => "aprobada",
                    Some(false) => "rechazada",
                }
                .into(),
                motivo: r.get(7)?,
                registrada_por: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Records a cost with its receipt (foliated in the same transaction). Pending until decided.
/// The cost's use case inside a caller's transaction (a bodegaje contract charges its cost
/// this way). Returns its number.
pub(crate) fn registrar_en(
    tx: &mut crate::store::Tx<'_>,
    actor: &Actor,
    n: &Nueva,
    hoy: NaiveDate,
) -> Result<i64> {
    actor.exigir(Accion::Tramitar)?;
    let concepto = crate::texto::clave(&n.concepto);
    if !CONCEPTOS.contains(&concepto.as_str()) {
        return Err(Error::entrada(format!(
            "el concepto «{}» no existe; use publicacion, perito, bodegaje, movilizacion u otro",
            n.concepto.trim()
        )));
    }
    let descripcion = n.descripcion.trim();
    if descripcion.is_empty() {
        return Err(Error::entrada("falta la descripción del gasto"));
    }
    if n.valor.0 <= 0 {
        return Err(Error::entrada("el valor del gasto debe ser mayor que cero"));
    }
    let paginas = crate::procesos::expediente::paginas_pdf(&n.comprobante)?;
    if n.fecha > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro",
            fechas::corta(n.fecha)
        )));
    }
    let p = crate::procesos::exigir_a_cargo_de(tx, actor, &n.proceso)?;
    if p.etapa.terminal() {
        return Err(Error::entrada(format!(
            "el proceso {} está {}: no se le cargan gastos",
            n.proceso,
            p.etapa.nombre()
        )));
    }
    let a = crate::procesos::expediente::foliar_en(
        tx,
        &n.proceso,
        "evidencia",
        &format!(
            "Comprobante de gasto: {descripcion} (USD {})",
            n.valor.agrupado(crate::dinero::Formato::Ecuador)
        ),
        &n.comprobante,
        paginas,
        hoy,
        None,
        false,
    )?;
    let ahora = tx.ahora();
    tx.conn().execute(
        "INSERT INTO costas (titulo, fecha, concepto, descripcion, valor, actuacion, registrada_por, registrada_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![p.titulo, fechas::iso(n.fecha), concepto, descripcion, n.valor.0, a.orden, tx.actor(), ahora],
    )?;
    let id = tx.conn().last_insert_rowid();
    tx.registrar(
        &id.to_string(),
        &Evento::CostaRegistrada(ev::CostaRegistrada {
            titulo: p.titulo.clone(),
            fecha: n.fecha,
            concepto: concepto.clone(),
            descripcion: descripcion.to_string(),
            valor: n.valor,
            actuacion: a.orden,
        }),
    )?;
    Ok(id)
}

pub fn registrar(store: &mut Store, actor: &Actor, n: &Nueva) -> Result<i64> {
    let hoy = fechas::hoy(store.clock());
    let id = store.write(&actor.usuario, |tx| registrar_en(tx, actor, n, hoy))?;
    log::info!("gasto registrado");
    Ok(id)
}

/// The Jefe approves a cost, or rejects it with the reason. Decided once.
pub fn decidir(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    aprobada: bool,
    motivo: Option<&str>,
) -> Result<()> {
    actor.exigir(Accion::Aprobar)?;
    let motivo = motivo.map(str::trim).filter(|m| !m.is_empty());
    if !aprobada && motivo.is_none() {
        return Err(Error::entrada("rechazar un gasto necesita el motivo"));
    }
    store.write(&actor.usuario, |tx| {
        let existe: Option<String> = tx
            .conn()
            .query_row("SELECT titulo FROM costas WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if existe.is_none() {
            return Err(Error::NoEncontrado(format!("no existe el gasto {id}")));
        }
        let ya: bool = tx.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM costas_decisiones WHERE costa_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if ya {
            return Err(Error::Conflicto(format!("el gasto {id} ya fue decidido")));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO costas_decisiones (costa_id, aprobada, motivo, decidida_por, decidida_en) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, aprobada, motivo, tx.actor(), ahora],
        )?;
        tx.registrar(
            &id.to_string(),
            &Evento::CostaDecidida(ev::CostaDecidida {
                aprobada,
                motivo: motivo.map(str::to_string),
            }),
        )
    })?;
    log::info!("gasto decidido");
    Ok(())
}
