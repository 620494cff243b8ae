//! Honorarios of external Secretarios-Abogados (C.D. 497 §3.5.3 m): a configurable percentage
//! (10 % by default) of what was actually recovered — the capital and interest the payments
//! covered — since the abogado's last request. The abogado asks; the Jefe reviews the
//! expediente (the request shows whether its chain verifies and whether every payment's
//! receipt is foliated) and approves, or rejects with a reason; an approved request prints the
//! *orden de pago de honorarios*. A request and its decision are records that never change.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::liquidacion::TasaAnual;
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// A request and where it stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Honorario {
    pub id: i64,
    pub proceso: String,
    pub abogado: String,
    pub abogado_nombres: String,
    pub fecha: NaiveDate,
    /// Capital and interest recovered that this request covers.
    pub recuperado: Centavos,
    /// «10.00».
    pub porcentaje: String,
    pub valor: Centavos,
    /// `pendiente`, `aprobada` or `rechazada`.
    pub estado: String,
    pub motivo: Option<String>,
    pub solicitado_por: String,
    pub decidido_por: Option<String>,
    /// The expediente's chain and documents verify (checked when listed).
    pub verificado: bool,
    /// Every payment's receipt is foliated and the expediente has fojas.
    pub completo: bool,
    /// What the Jefe should look at, in words.
    pub observaciones: Vec<String>,
}

fn redondear(num: i128, den: i128) -> i64 {
    ((2 * num + den) / (2 * den)) as i64
}

/// Capital and interest recovered on a título (payments that count) and the part of it already
/// covered by requests not rejected.
fn recuperado(conn: &Connection, titulo: &str, proceso: &str) -> Result<(i64, i64)> {
    let total: i64 = conn.query_row(
        "SELECT COALESCE(SUM(capital + intereses), 0) FROM pagos p WHERE titulo = ?1 AND anula IS NULL
         AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id)",
        [titulo],
        |r| r.get(0),
    )?;
    let pedido: i64 = conn.query_row(
        "SELECT COALESCE(SUM(h.recuperado), 0) FROM honorarios h LEFT JOIN honorarios_decisiones d ON d.honorario_id = h.id
         WHERE h.proceso = ?1 AND COALESCE(d.aprobada, 1) = 1",
        [proceso],
        |r| r.get(0),
    )?;
    Ok((total, pedido))
}

/// The abogado (or the secretario on the abogado's behalf) asks for the honorarios of what was
/// recovered since the last request.
pub fn solicitar(store: &mut Store, actor: &Actor, numero: &str) -> Result<Honorario> {
    actor.exigir(Accion::Honorarios)?;
    let numero = numero.trim().to_string();
    let hoy = fechas::hoy(store.clock());
    let id = store.write(&actor.usuario, |tx| {
        crate::procesos::exigir_a_cargo_de(tx, actor, &numero)?;
        let (titulo, abogado_id, externo, nombres): (String, i64, bool, String) = tx
            .conn()
            .query_row(
                "SELECT p.titulo, a.id, a.externo, a.nombres FROM procesos p JOIN abogados a ON a.identificacion = p.abogado WHERE p.numero = ?1",
                [&numero],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        if !externo {
            return Err(Error::entrada(format!(
                "{nombres} es Secretario-Abogado de planta: los honorarios son solo de los abogados externos"
            )));
        }
        let pendiente: bool = tx.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM honorarios h WHERE h.proceso = ?1 AND NOT EXISTS (SELECT 1 FROM honorarios_decisiones d WHERE d.honorario_id = h.id))",
            [&numero],
            |r| r.get(0),
        )?;
        if pendiente {
            return Err(Error::Conflicto(format!(
                "ya hay una solicitud de honorarios del proceso {numero} esperando la revisión del Jefe"
            )));
        }
        let porcentaje = crate::liquidacion::porcentaje_honorarios(tx.conn())?;
        if porcentaje <= 0 {
            return Err(Error::entrada(
                "la unidad no tiene fijado el porcentaje de honorarios: el Jefe lo fija en la configuración",
            ));
        }
        let (total, pedido) = recuperado(tx.conn(), &titulo, &numero)?;
        let base = total - pedido;
        if base <= 0 {
            return Err(Error::entrada(format!(
                "en el proceso {numero} no se ha recuperado capital ni intereses desde la última solicitud: no hay honorarios que pedir"
            )));
        }
        let valor = redondear(base as i128 * porcentaje as i128, 100 * TasaAnual::ESCALA as i128);
        if valor <= 0 {
            return Err(Error::entrada("lo recuperado no alcanza para un centavo de honorarios"));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO honorarios (proceso, abogado_id, fecha, recuperado, porcentaje, valor, solicitado_por, solicitado_en)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![numero, abogado_id, fechas::iso(hoy), base, porcentaje, valor, tx.actor(), ahora],
        )?;
        let id = tx.conn().last_insert_rowid();
        tx.registrar(
            &id.to_string(),
            &Evento::HonorarioSolicitado(ev::HonorarioSolicitado {
                proceso: numero.clone(),
                abogado: abogado_id,
                fecha: hoy,
                recuperado: Centavos(base),
                porcentaje: TasaAnual(porcentaje).decimal(),
                valor: Centavos(valor),
            }),
        )?;
        Ok(id)
    })?;
    log::info!("honorarios solicitados");
    listar(store, actor, Some(&numero), false)?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or_else(|| Error::Interno("la solicitud recién registrada no aparece".into()))
}

/// The Jefe approves a request, or rejects it with the reason.
pub fn decidir(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    aprobada: bool,
    motivo: Option<&str>,
) -> Result<Honorario> {
    actor.exigir(Accion::Aprobar)?;
    let motivo = motivo.map(str::trim).filter(|m| !m.is_empty());
    if !aprobada && motivo.is_none() {
        return Err(Error::entrada(
            "rechazar una solicitud de honorarios necesita el motivo",
        ));
    }
    let proceso = store.write(&actor.usuario, |tx| {
        let proceso: Option<String> = tx
            .conn()
            .query_row("SELECT proceso FROM honorarios WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let proceso = proceso.ok_or_else(|| {
            Error::NoEncontrado(format!("no existe la solicitud de honorarios {id}"))
        })?;
        let ya: bool = tx.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM honorarios_decisiones WHERE honorario_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if ya {
            return Err(Error::Conflicto(format!(
                "la solicitud de honorarios {id} ya fue decidida"
            )));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO honorarios_decisiones (honorario_id, aprobada, motivo, decidida_por, decidida_en) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, aprobada, motivo, tx.actor(), ahora],
        )?;
        tx.registrar(
            &id.to_string(),
            &Evento::HonorarioDecidido(ev::CostaDecidida {
                aprobada,
                motivo: motivo.map(str::to_string),
            }),
        )?;
        Ok(proceso)
    })?;
    log::info!("honorarios decididos");
    listar(store, actor, Some(&proceso), false)?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or_else(|| Error::Interno("la solicitud no aparece".into()))
}

/// The requests of a proceso (or of the unit), oldest first; `pendientes` keeps only those
/// awaiting the Jefe. Each shows whether its expediente verifies and is complete.
pub fn listar(
    db: &dyn Reader,
    actor: &Actor,
    proceso: Option<&str>,
    pendientes: bool,
) -> Result<Vec<Honorario>> {
    actor.exigir(Accion::Consultar)?;
    let proceso = proceso.map(str::trim);
    if let Some(p) = proceso {
        crate::procesos::exigir(db, p)?;
    }
    let mut st = db.conn().prepare_cached(
        "SELECT h.id, h.proceso, a.identificacion, a.nombres, h.fecha, h.recuperado, h.porcentaje, h.valor, d.aprobada, d.motivo, h.solicitado_por, d.decidida_por
         FROM honorarios h JOIN abogados a ON a.id = h.abogado_id LEFT JOIN honorarios_decisiones d ON d.honorario_id = h.id
         WHERE (?1 IS NULL OR h.proceso = ?1) AND (?2 = 0 OR d.honorario_id IS NULL) ORDER BY h.id",
    )?;
    type Fila = (
        i64,
        String,
        String,
        String,
        String,
        i64,
        i64,
        i64,
        Option<bool>,
        Option<String>,
        String,
        Option<String>,
    );
    let filas: Vec<Fila> = st
        .query_map(params![proceso, pendientes], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut v = vec![];
    for f in filas {
        let hallazgos = crate::procesos::expediente::verificar_uno(db, &f.1)?;
        let mut observaciones: Vec<String> = hallazgos
            .iter()
            .map(|h| format!("fojas {}: {}", h.fojas, h.mensaje))
            .collect();
        let verificado = hallazgos.is_empty();
        let (fojas, sin_comprobante): (i64, i64) = db.conn().query_row(
            "SELECT (SELECT COUNT(*) FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE p.numero = ?1),
                    (SELECT COUNT(*) FROM pagos g JOIN procesos p ON p.titulo = g.titulo WHERE p.numero = ?1 AND g.anula IS NULL
                       AND g.actuacion IS NULL AND NOT EXISTS (SELECT 1 FROM pagos x WHERE x.anula = g.id))",
            [&f.1],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if fojas == 0 {
            observaciones.push("el expediente no tiene fojas".into());
        }
        if sin_comprobante > 0 {
            observaciones.push(format!(
                "{sin_comprobante} {} sin comprobante foliado",
                if sin_comprobante == 1 {
                    "pago"
                } else {
                    "pagos"
                }
            ));
        }
        let completo = fojas > 0 && sin_comprobante == 0;
        v.push(Honorario {
            id: f.0,
            proceso: f.1,
            abogado: f.2,
            abogado_nombres: f.3,
            fecha: f.4.parse().unwrap_or_default(),
            recuperado: Centavos(f.5),
            porcentaje: TasaAnual(f.6).decimal(),
            valor: Centavos(f.7),
            estado: match f.8 {
                None => "pendiente",
                Some(true) => "aprobada",
                Some(false) => "rechazada",
            }
            .into(),
            motivo: f.9,
            solicitado_por: f.10,
            decidido_por: f.11,
            verificado,
            completo,
            observaciones,
        });
    }
    Ok(v)
}

/// An approved request as the orden de pago prints it: number, approval date, recovered,
/// percentage, amount, the abogado's names and identification.
pub(crate) type Aprobada = (i64, NaiveDate, i64, i64, i64, String, String);

/// The newest approved request of a proceso (the orden de pago de honorarios prints it).
pub(crate) fn aprobada_en(conn: &Connection, proceso: &str) -> Result<Option<Aprobada>> {
    let f: Option<(i64, String, i64, i64, i64, String, String)> = conn
        .query_row(
            "SELECT h.id, d.decidida_en, h.recuperado, h.porcentaje, h.valor, a.nombres, a.identificacion
             FROM honorarios h JOIN honorarios_decisiones d ON d.honorario_id = h.id JOIN abogados a ON a.id = h.abogado_id
             WHERE h.proceso = ?1 AND d.aprobada = 1 ORDER BY h.id DESC LIMIT 1",
            [proceso],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    Ok(f.map(|f| {
        let fecha =
            f.1.get(..10)
                .and_then(|d| d.parse().ok())
                .unwrap_or_default();
        (f.0, fecha, f.2, f.3, f.4, f.5, f.6)
    }))
}
