//! Pagos and abonos: money received on a título, before or during its proceso. Each payment is
//! imputed once, when recorded, over what was owed on its date (in the unit's order: costas,
//! honorarios, intereses, capital by default) and stored so; the receipt, when given, is
//! foliated into the expediente in the same transaction. A payment is never edited or deleted:
//! an annulment is a new record with its reason. When the saldo reaches zero the proceso moves
//! to *pagado*.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::liquidacion::{self, Concepto, Imputado};
use crate::procesos::Etapa;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// The ways money reaches the IESS.
pub const FORMAS: [&str; 4] = ["deposito", "transferencia", "cheque", "ventanilla"];

/// A payment to record.
#[derive(Debug, Clone)]
pub struct Nuevo {
    /// A proceso's number, or a título's number (abonos before the sorteo).
    pub numero: String,
    pub valor: Centavos,
    pub fecha: NaiveDate,
    pub forma: String,
    pub referencia: String,
    /// The receipt (a PDF), foliated into the expediente.
    pub comprobante: Option<Vec<u8>>,
}

/// A recorded payment as the lists show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pago {
    pub id: i64,
    pub titulo: String,
    pub fecha: NaiveDate,
    pub valor: Centavos,
    pub forma: String,
    pub referencia: String,
    pub costas: Centavos,
    pub honorarios: Centavos,
    pub intereses: Centavos,
    pub capital: Centavos,
    /// The foja range of its receipt in the expediente, if foliated.
    pub actuacion: Option<i64>,
    /// For an annulment, the payment it annuls, and why.
    pub anula: Option<i64>,
    pub motivo: Option<String>,
    /// A later annulment voids this payment.
    pub anulado: bool,
    pub registrado_por: String,
}

/// (título, proceso number if it is in one) for a number the clerk typed.
fn resolver(db: &dyn Reader, numero: &str) -> Result<(String, Option<String>)> {
    let n = numero.trim();
    if let Some(t) = db
        .conn()
        .query_row("SELECT titulo FROM procesos WHERE numero = ?1", [n], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
    {
        return Ok((t, Some(n.to_string())));
    }
    let en_proceso: Option<Option<String>> = db
        .conn()
        .query_row(
            "SELECT (SELECT p.numero FROM procesos p WHERE p.titulo = t.numero) FROM titulos t WHERE t.numero = ?1",
            [n],
            |r| r.get(0),
        )
        .optional()?;
    match en_proceso {
        Some(p) => Ok((n.to_string(), p)),
        None => Err(Error::NoEncontrado(format!(
            "no existe un proceso ni un título con el número {n}"
        ))),
    }
}

/// The payments that count (not annulled, not annulments) of a título, as imputed.
pub(crate) fn imputados_en(conn: &rusqlite::Connection, titulo: &str) -> Result<Vec<Imputado>> {
    let mut st = conn.prepare_cached(
        "SELECT fecha, costas, honorarios, intereses, capital FROM pagos p
         WHERE titulo = ?1 AND anula IS NULL AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id)
         ORDER BY fecha, id",
    )?;
    let v = st
        .query_map([titulo], |r| {
            let f: String = r.get(0)?;
            Ok((f, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, i64, i64, i64, i64)>>>()?;
    Ok(v.into_iter()
        .filter_map(|(f, c, h, i, k)| {
            f.parse().ok().map(|fecha| Imputado {
                fecha,
                costas: Centavos(c),
                honorarios: Centavos(h),
                intereses: Centavos(i),
                capital: Centavos(k),
            })
        })
        .collect())
}

/// The payments of a proceso or título, oldest first, annulments included.
pub fn listar(db: &dyn Reader, actor: &Actor, numero: &str) -> Result<Vec<Pago>> {
    actor.exigir(Accion::Consultar)?;
    let (titulo, _) = resolver(db, numero)?;
    let mut st = db.conn().prepare_cached(
        "SELECT id, titulo, fecha, valor, forma, referencia, costas, honorarios, intereses, capital, actuacion, anula, motivo,
                EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id), registrado_por
         FROM pagos p WHERE titulo = ?1 ORDER BY fecha, id",
    )?;
    let v = st
        .query_map([&titulo], |r| {
            let f: String = r.get(2)?;
            Ok(Pago {
                id: r.get(0)?,
                titulo: r.get(1)?,
                fecha: f.parse().unwrap_or_default(),
                valor: Centavos(r.get(3)?),
                forma: r.get(4)?,
                referencia: r.get(5)?,
                costas: Centavos(r.get(6)?),
                honorarios: Centavos(r.get(7)?),
                intereses: Centavos(r.get(8)?),
                capital: Centavos(r.get(9)?),
                actuacion: r.get(10)?,
                anula: r.get(11)?,
                motivo: r.get(12)?,
                anulado: r.get(13)?,
                registrado_por: r.get(14)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The unit's imputation order.
fn orden(tx: &Tx<'_>) -> Result<Vec<Concepto>> {
    let t: Option<String> = tx
        .conn()
        .query_row(
            "SELECT valor FROM configuracion WHERE clave = 'imputacion'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match t {
        Some(t) => Concepto::orden(&t),
        None => Ok(Concepto::ORDEN_POR_DEFECTO.to_vec()),
    }
}

/// Records a payment: checks it, imputes it over what was owed on its date, foliates its
/// receipt, and moves a proceso paid in full to *pagado*. All or nothing.
/// The payment's use case inside a caller's transaction (an adjudicación en remate records
/// the price it brought this way): same checks, same imputation. Returns its number.
pub(crate) fn registrar_en(
    tx: &mut crate::store::Tx<'_>,
    actor: &Actor,
    n: &Nuevo,
    hoy: NaiveDate,
) -> Result<i64> {
    actor.exigir(Accion::Cobrar)?;
    let forma = crate::texto::clave(&n.forma);
    if !FORMAS.contains(&forma.as_str()) {
        return Err(Error::entrada(format!(
            "la forma de pago «{}» no existe; use depósito, transferencia, cheque o ventanilla",
            n.forma.trim()
        )));
    }
    let referencia = n.referencia.trim();
    if referencia.is_empty() {
        return Err(Error::entrada(
            "falta la referencia del pago (número de depósito, transferencia, cheque o comprobante)",
        ));
    }
    if n.valor.0 <= 0 {
        return Err(Error::entrada("el valor del pago debe ser mayor que cero"));
    }
    if let Some(b) = &n.comprobante {
        crate::procesos::expediente::paginas_pdf(b)?;
    }
    if n.fecha > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro: registre el pago el día en que se hizo",
            fechas::corta(n.fecha)
        )));
    }
    crate::convenios::revisar_en(tx, hoy)?;
    let (titulo, proceso) = resolver(tx, &n.numero)?;
    if let Some(desde) = crate::convenios::vigente_desde(tx.conn(), &titulo, hoy)? {
        if n.fecha < desde {
            return Err(Error::entrada(format!(
                "el proceso tiene un convenio de pago desde el {}: un pago anterior a esa fecha cambiaría el saldo convenido; regístrelo con la fecha en que se hizo, desde el convenio",
                fechas::corta(desde)
            )));
        }
    }
    if let Some(p) = &proceso {
        let pr = crate::procesos::exigir_a_cargo_de(tx, actor, p)?;
        if matches!(pr.etapa, Etapa::Anulado) {
            return Err(Error::entrada(format!(
                "el proceso {p} está anulado: no recibe pagos"
            )));
        }
    }
    let emision: String = tx.conn().query_row(
        "SELECT fecha_emision FROM titulos WHERE numero = ?1",
        [&titulo],
        |r| r.get(0),
    )?;
    if emision.parse::<NaiveDate>().is_ok_and(|e| n.fecha < e) {
        return Err(Error::entrada(format!(
            "la fecha {} es anterior a la emisión del título {titulo}: revise la fecha",
            fechas::corta(n.fecha)
        )));
    }
    let deuda = liquidacion::de_titulo_en(tx.conn(), &titulo, n.fecha)?;
    let p = liquidacion::imputar(n.valor, n.fecha, &deuda, &orden(tx)?)?;
    // The receipt enters the expediente first, so the payment can name its fojas.
    let actuacion = match (&n.comprobante, &proceso) {
        (Some(b), Some(numero)) => {
            let paginas = crate::procesos::expediente::paginas_pdf(b)?;
            let a = crate::procesos::expediente::foliar_en(
                tx,
                numero,
                "evidencia",
                &format!(
                    "Comprobante de pago de USD {} ({referencia})",
                    n.valor.agrupado(crate::dinero::Formato::Ecuador)
                ),
                b,
                paginas,
                hoy,
                None,
                false,
            )?;
            Some(a.orden)
        }
        (Some(_), None) => {
            return Err(Error::entrada(format!(
                "el título {titulo} aún no tiene expediente: registre el pago sin comprobante y agréguelo al abrir el proceso"
            )))
        }
        _ => None,
    };
    let ahora = tx.ahora();
    tx.conn().execute(
        "INSERT INTO pagos (titulo, fecha, valor, forma, referencia, costas, honorarios, intereses, capital, actuacion, registrado_por, registrado_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![titulo, fechas::iso(n.fecha), n.valor.0, forma, referencia, p.costas.0, p.honorarios.0, p.intereses.0, p.capital.0,
            actuacion, tx.actor(), ahora],
    )?;
    let id = tx.conn().last_insert_rowid();
    tx.registrar(
        &id.to_string(),
        &Evento::PagoRegistrado(ev::PagoRegistrado {
            titulo: titulo.clone(),
            fecha: n.fecha,
            valor: n.valor,
            forma: forma.clone(),
            referencia: referencia.to_string(),
            costas: p.costas,
            honorarios: p.honorarios,
            intereses: p.intereses,
            capital: p.capital,
            actuacion,
            anula: None,
            motivo: None,
        }),
    )?;
    // A backdated payment must not leave anything owed below zero today.
    let ahora_debe = liquidacion::de_titulo_en(tx.conn(), &titulo, hoy)?;
    if [
        ahora_debe.capital,
        ahora_debe.intereses,
        ahora_debe.costas,
        ahora_debe.honorarios,
    ]
    .iter()
    .any(|c| c.0 < 0)
    {
        return Err(Error::entrada(
            "con los pagos posteriores ya registrados, este pago supera lo adeudado: revise el valor y la fecha",
        ));
    }
    if ahora_debe.saldo.0 == 0 {
        if let Some(numero) = &proceso {
            let pr = crate::procesos::exigir(tx, numero)?;
            if pr.etapa.puede_pasar(Etapa::Pagado, None).is_ok() {
                crate::procesos::pasar_en(
                    tx,
                    numero,
                    &pr,
                    Etapa::Pagado,
                    hoy,
                    Some("saldo cancelado"),
                )?;
            }
        }
    }
    Ok(id)
}

pub fn registrar(store: &mut Store, actor: &Actor, n: &Nuevo) -> Result<Pago> {
    let hoy = fechas::hoy(store.clock());
    let id = store.write(&actor.usuario, |tx| registrar_en(tx, actor, n, hoy))?;
    log::info!("pago registrado");
    let (titulo, _) = resolver(store, &n.numero)?;
    listar(store, actor, &titulo)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::Interno("el pago recién registrado no aparece".into()))
}

/// Annuls a payment with its reason (the Jefe): a new record; the payment stays as it was.
pub fn anular(store: &mut Store, actor: &Actor, id: i64, motivo: &str) -> Result<()> {
    actor.exigir(Accion::Configurar)?;
    let motivo = motivo.trim();
    if motivo.is_empty() {
        return Err(Error::entrada("anular un pago necesita el motivo"));
    }
    store.write(&actor.usuario, |tx| {
        type Fila = (String, String, i64, String, String, i64, i64, i64, i64, Option<i64>);
        let f: Option<Fila> = tx
            .conn()
            .query_row(
                "SELECT titulo, fecha, valor, forma, referencia, costas, honorarios, intereses, capital, anula FROM pagos WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)),
            )
            .optional()?;
        let f = f.ok_or_else(|| Error::NoEncontrado(format!("no existe el pago {id}")))?;
        if f.9.is_some() {
            return Err(Error::entrada(format!(
                "el registro {id} ya es una anulación: no se anula"
            )));
        }
        let ya: bool = tx.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM pagos WHERE anula = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if ya {
            return Err(Error::Conflicto(format!("el pago {id} ya está anulado")));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO pagos (titulo, fecha, valor, forma, referencia, costas, honorarios, intereses, capital, anula, motivo, registrado_por, registrado_en)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![f.0, f.1, f.2, f.3, f.4, f.5, f.6, f.7, f.8, id, motivo, tx.actor(), ahora],
        )?;
        let nuevo = tx.conn().last_insert_rowid();
        tx.registrar(
            &nuevo.to_string(),
            &Evento::PagoAnulado(ev::PagoRegistrado {
                titulo: f.0.clone(),
                fecha: f.1.parse().unwrap_or_default(),
                valor: Centavos(f.2),
                forma: f.3.clone(),
                referencia: f.4.clone(),
                costas: Centavos(f.5),
                honorarios: Centavos(f.6),
                intereses: Centavos(f.7),
                capital: Centavos(f.8),
                actuacion: None,
                anula: Some(id),
                motivo: Some(motivo.to_string()),
            }),
        )?;
        Ok(())
    })?;
    log::info!("pago anulado");
    Ok(())
}
