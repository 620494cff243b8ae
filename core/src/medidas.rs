//! Medidas cautelares: ordered on a proceso that has its orden de pago, each with its own
//! oficio — numbered in the unit's gapless sequence per year, citing the proceso and the orden
//! de pago with its date, printed and foliated in the same transaction. The entity's answers
//! (for a retención: bank, account and amount held) are recorded with their document; a medida
//! is lifted (by payment, convenio or order) with another numbered oficio. Nothing is edited:
//! each step is a row of its own (`registros`).

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::procesos::{self, expediente, Etapa};
use crate::registros;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// A kind of medida and the entity its oficio goes to by default.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "TipoMedida"))]
pub struct Tipo {
    pub codigo: String,
    pub nombre: String,
    pub entidad: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Respuesta {
    pub id: i64,
    pub fecha: NaiveDate,
    pub texto: String,
    pub banco: Option<String>,
    pub cuenta: Option<String>,
    pub retenido: Centavos,
    pub actuacion: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Levantamiento {
    pub motivo: String,
    pub detalle: Option<String>,
    pub fecha: NaiveDate,
    pub oficio: String,
    pub actuacion: i64,
}

/// A medida with what happened to it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Medida {
    pub id: i64,
    pub proceso: String,
    pub tipo: String,
    /// The kind, as people read it: «retención de fondos».
    pub nombre: String,
    pub entidad: String,
    pub detalle: Option<String>,
    pub monto: Centavos,
    pub providencia: String,
    pub providencia_fecha: NaiveDate,
    pub fecha: NaiveDate,
    pub oficio: String,
    pub actuacion: i64,
    pub respuestas: Vec<Respuesta>,
    /// Held under it and not released.
    pub retenido: Centavos,
    pub levantamiento: Option<Levantamiento>,
    /// «sin respuesta», «respondida» or «levantada».
    pub estado: String,
    /// Unanswered for longer than the unit's `dias_respuesta_oficio`.
    pub atrasada: bool,
}

/// How many of each pending list Inicio shows.
pub const PENDIENTES_MAXIMO: i64 = 500;

/// Why a medida is lifted.
pub const MOTIVOS: [&str; 3] = ["pago", "convenio", "orden"];

/// The kinds the unit orders.
pub fn tipos(db: &dyn Reader) -> Result<Vec<Tipo>> {
    let mut st = db
        .conn()
        .prepare_cached("SELECT codigo, nombre, entidad FROM medidas_tipos ORDER BY rowid")?;
    let v = st.query_map([], |r| {
        Ok(Tipo {
            codigo: r.get(0)?,
            nombre: r.get(1)?,
            entidad: r.get(2)?,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// Adds a kind of medida (the Jefe): its code, name and the entity its oficios go to.
pub fn agregar_tipo(
    store: &mut Store,
    actor: &Actor,
    codigo: &str,
    nombre: &str,
    entidad: &str,
) -> Result<Tipo> {
    actor.exigir(Accion::Configurar)?;
    let codigo = crate::texto::clave(codigo);
    if !(3..=40).contains(&codigo.len())
        || !codigo.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    {
        return Err(Error::entrada(format!(
            "el código «{codigo}» no es válido: use de 3 a 40 letras sin tildes y guiones bajos, como retencion_creditos"
        )));
    }
    let (nombre, entidad) = (nombre.trim(), entidad.trim());
    if nombre.is_empty() || entidad.is_empty() {
        return Err(Error::entrada(
            "el tipo de medida necesita su nombre y la entidad a la que se oficia",
        ));
    }
    store.write(&actor.usuario, |tx| {
        if tipo_de(tx.conn(), &codigo)?.is_some() {
            return Err(Error::Conflicto(format!(
                "el tipo de medida «{codigo}» ya existe"
            )));
        }
        registros::insertar(
            tx,
            &codigo,
            &Evento::MedidaTipoAgregado(ev::MedidaTipoAgregado {
                nombre: nombre.to_string(),
                entidad: entidad.to_string(),
            }),
        )?;
        Ok(Tipo {
            codigo: codigo.clone(),
            nombre: nombre.to_string(),
            entidad: entidad.to_string(),
        })
    })
}

fn tipo_de(conn: &Connection, codigo: &str) -> Result<Option<Tipo>> {
    Ok(conn
        .query_row(
            "SELECT codigo, nombre, entidad FROM medidas_tipos WHERE codigo = ?1",
            [codigo],
            |r| {
                Ok(Tipo {
                    codigo: r.get(0)?,
                    nombre: r.get(1)?,
                    entidad: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// The template a medida's oficio is printed from.
pub(crate) fn plantilla_de(tipo: &str) -> &'static str {
    match tipo {
        "retencion" => "oficio-retencion",
        t if t.starts_with("prohibicion") => "oficio-prohibicion",
        _ => "oficio-medida",
    }
}

/// What ordering a medida needs.
#[derive(Debug, Clone, Default)]
pub struct Nueva {
    pub numero: String,
    pub tipo: String,
    /// The entity as the oficio addresses it; the kind's by default.
    pub entidad: Option<String>,
    pub detalle: Option<String>,
    /// Up to how much; the saldo of today's liquidación (or the título's total) by default.
    pub monto: Option<Centavos>,
}

use crate::procesos::expediente::siguiente as siguiente_actuacion;

/// «09001-2026-00007-OF»: the unit's code, the year and the sequence.
fn numero_oficio(tx: &Tx<'_>, anio: i64) -> Result<(String, i64)> {
    let u = crate::unidad::exigir(tx)?;
    let n = registros::siguiente_oficio(tx.conn(), anio)?;
    Ok((format!("{}-{anio}-{n:05}-OF", u.codigo), n))
}

/// Prints oficio `documento` of medida `id`, foliates it as actuación `orden` from `foja`,
/// and hands it to `entregar` before the transaction commits.
#[allow(clippy::too_many_arguments)]
fn oficio_foliado(
    tx: &mut Tx<'_>,
    numero: &str,
    documento: &str,
    id: i64,
    orden: i64,
    foja: i64,
    hoy: NaiveDate,
    entregar: &dyn Fn(&[u8]) -> Result<()>,
) -> Result<Vec<u8>> {
    let ahora = tx.ahora();
    let o = crate::documentos::Opciones {
        medida: Some(id),
        ..Default::default()
    };
    let (pdf, descripcion, paginas) =
        crate::documentos::generar_n(tx.conn(), documento, numero, &o, &ahora, Some(foja))?;
    let a = expediente::foliar_en(
        tx,
        numero,
        "oficio",
        &descripcion,
        &pdf,
        paginas,
        hoy,
        None,
        true,
    )?;
    if a.orden != orden {
        return Err(Error::Interno(
            "el oficio no quedó en la actuación prevista".into(),
        ));
    }
    entregar(&pdf)?;
    Ok(pdf)
}

/// Orders a medida cautelar: its numbered oficio is printed and foliated in the same
/// transaction, and handed to `entregar` (which saves it) before it commits.
pub fn ordenar(
    store: &mut Store,
    actor: &Actor,
    n: &Nueva,
    entregar: &dyn Fn(&[u8]) -> Result<()>,
) -> Result<(Medida, Vec<u8>)> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Foliar)?;
    let detalle = n
        .detalle
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if n.monto.is_some_and(|m| m.0 <= 0) {
        return Err(Error::entrada(
            "el monto de la medida debe ser mayor que cero",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    let (id, pdf) = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &n.numero)?;
        use Etapa::*;
        if !matches!(p.etapa, OrdenPago | Citacion | MedidasCautelares | Embargo | Avaluo | Remate) {
            return Err(Error::entrada(format!(
                "el proceso {} está en la etapa «{}»: las medidas cautelares se ordenan desde la orden de pago inmediato hasta el remate",
                p.numero,
                p.etapa.nombre()
            )));
        }
        let pid = expediente::id_de(tx.conn(), &p.numero)?;
        let orden_pago = crate::citaciones::fecha_del_acto(tx, pid, "orden_pago")?
            .ok_or_else(|| Error::entrada(format!("el proceso {} no tiene orden de pago inmediato", p.numero)))?;
        let tipo = tipo_de(tx.conn(), &crate::texto::clave(&n.tipo))?.ok_or_else(|| {
            let v: Vec<String> = tipos(tx).unwrap_or_default().into_iter().map(|t| t.codigo).collect();
            Error::entrada(format!("el tipo de medida «{}» no existe; use {}", n.tipo, v.join(", ")))
        })?;
        let entidad = n
            .entidad
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .unwrap_or(&tipo.entidad)
            .to_string();
        let monto = match n.monto {
            Some(m) => m,
            None => crate::liquidacion::de_proceso_en(tx.conn(), &p.numero, hoy)
                .map(|l| l.saldo)
                .or_else(|_| {
                    tx.conn()
                        .query_row("SELECT total FROM titulos WHERE numero = ?1", [&p.titulo], |r| r.get(0))
                        .map(Centavos)
                })?,
        };
        let anio = hoy.year() as i64;
        let (oficio, secuencia) = numero_oficio(tx, anio)?;
        let id = registros::siguiente(tx.conn(), &registros::MEDIDAS)?;
        let (orden, foja) = siguiente_actuacion(tx.conn(), &p.numero)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::MedidaOrdenada(ev::MedidaOrdenada {
                proceso: p.numero.clone(),
                tipo: tipo.codigo.clone(),
                entidad,
                detalle: detalle.clone(),
                monto,
                providencia: "orden de pago inmediato".into(),
                providencia_fecha: orden_pago,
                fecha: hoy,
                oficio,
                oficio_anio: anio,
                oficio_secuencia: secuencia,
                actuacion: orden,
            }),
        )?;
        let pdf = oficio_foliado(tx, &p.numero, plantilla_de(&tipo.codigo), id, orden, foja, hoy, entregar)?;
        Ok((id, pdf))
    })?;
    log::info!("medida cautelar ordenada");
    Ok((ver(store, id)?, pdf))
}

/// An entity's answer to an oficio.
#[derive(Debug, Clone, Default)]
pub struct Contestacion {
    pub medida: i64,
    pub fecha: NaiveDate,
    pub texto: String,
    pub banco: Option<String>,
    pub cuenta: Option<String>,
    pub retenido: Centavos,
    /// The answer's PDF, foliated.
    pub documento: Option<Vec<u8>>,
}

/// Records what the entity answered (its document foliated in the same transaction).
pub fn responder(store: &mut Store, actor: &Actor, c: &Contestacion) -> Result<Medida> {
    actor.exigir(Accion::Medidas)?;
    let texto = c.texto.trim();
    if texto.is_empty() {
        return Err(Error::entrada("escriba lo que respondió la entidad"));
    }
    if c.retenido.0 < 0 {
        return Err(Error::entrada("el valor retenido no puede ser negativo"));
    }
    let vacio = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let (banco, cuenta) = (vacio(&c.banco), vacio(&c.cuenta));
    if c.retenido.0 > 0 && (banco.is_none() || cuenta.is_none()) {
        return Err(Error::entrada(
            "un valor retenido se registra con el banco y la cuenta donde se retuvo",
        ));
    }
    if c.documento.is_some() {
        actor.exigir(Accion::Foliar)?;
    }
    let paginas = c
        .documento
        .as_deref()
        .map(expediente::paginas_pdf)
        .transpose()?;
    let hoy = fechas::hoy(store.clock());
    if c.fecha > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro",
            fechas::corta(c.fecha)
        )));
    }
    store.write(&actor.usuario, |tx| {
        let m = ver(tx, c.medida)?;
        procesos::exigir_a_cargo_de(tx, actor, &m.proceso)?;
        if c.fecha < m.fecha {
            return Err(Error::entrada(format!(
                "la respuesta del {} sería anterior al oficio {} ({})",
                fechas::corta(c.fecha),
                m.oficio,
                fechas::corta(m.fecha)
            )));
        }
        if c.retenido.0 > 0 && m.tipo != "retencion" {
            return Err(Error::entrada(format!(
                "una {} no retiene dinero: registre la respuesta sin valor retenido",
                m.nombre
            )));
        }
        if c.retenido.0 > 0 && m.levantamiento.is_some() {
            return Err(Error::entrada(format!(
                "la medida del oficio {} ya fue levantada: no cabe registrar retenciones",
                m.oficio
            )));
        }
        if m.retenido.0 + c.retenido.0 > m.monto.0 {
            return Err(Error::entrada(format!(
                "lo retenido (USD {}) pasaría del monto de la medida (USD {})",
                Centavos(m.retenido.0 + c.retenido.0)
                    .decimal()
                    .replace('.', ","),
                m.monto.decimal().replace('.', ",")
            )));
        }
        let actuacion = match (&c.documento, paginas) {
            (Some(b), Some(n)) => Some(
                expediente::foliar_en(
                    tx,
                    &m.proceso,
                    "oficio",
                    &format!("Respuesta de {} al oficio N.º {}", m.entidad, m.oficio),
                    b,
                    n,
                    c.fecha,
                    None,
                    false,
                )?
                .orden,
            ),
            _ => None,
        };
        let id = registros::siguiente(tx.conn(), &registros::RESPUESTAS)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::MedidaRespondida(ev::MedidaRespondida {
                medida: m.id,
                fecha: c.fecha,
                texto: texto.to_string(),
                banco: banco.clone(),
                cuenta: cuenta.clone(),
                retenido: c.retenido,
                actuacion,
            }),
        )?;
        ver(tx, m.id)
    })
}

/// Lifts a medida with its numbered, foliated oficio: by `pago` (the proceso is paid), by
/// `convenio` (one is in force) or by `orden` (a providencia: its detail is required).
pub fn levantar(
    store: &mut Store,
    actor: &Actor,
    medida: i64,
    motivo: &str,
    detalle: Option<&str>,
    entregar: &dyn Fn(&[u8]) -> Result<()>,
) -> Result<(Medida, Vec<u8>)> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Foliar)?;
    let motivo = crate::texto::clave(motivo);
    if !MOTIVOS.contains(&motivo.as_str()) {
        return Err(Error::entrada(format!(
            "el motivo «{motivo}» no existe; use pago, convenio u orden"
        )));
    }
    let detalle = detalle
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if motivo == "orden" && detalle.is_none() {
        return Err(Error::entrada(
            "el levantamiento por orden necesita el detalle de la providencia que lo dispone",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    let pdf = store.write(&actor.usuario, |tx| {
        let m = ver(tx, medida)?;
        let p = procesos::exigir_a_cargo_de(tx, actor, &m.proceso)?;
        if let Some(l) = &m.levantamiento {
            return Err(Error::Conflicto(format!(
                "la medida del oficio {} ya fue levantada el {} (oficio {})",
                m.oficio,
                fechas::corta(l.fecha),
                l.oficio
            )));
        }
        match motivo.as_str() {
            "pago" if p.etapa != Etapa::Pagado => {
                return Err(Error::entrada(format!(
                    "el proceso {} no está pagado: levante por pago cuando el saldo sea cero",
                    p.numero
                )))
            }
            "convenio" if p.etapa != Etapa::ConvenioPago => {
                return Err(Error::entrada(format!(
                    "el proceso {} no tiene un convenio de pago vigente",
                    p.numero
                )))
            }
            _ => {}
        }
        let anio = hoy.year() as i64;
        let (oficio, secuencia) = numero_oficio(tx, anio)?;
        let (orden, foja) = siguiente_actuacion(tx.conn(), &p.numero)?;
        registros::insertar(
            tx,
            &m.id.to_string(),
            &Evento::MedidaLevantada(ev::MedidaLevantada {
                motivo: motivo.clone(),
                detalle: detalle.clone(),
                fecha: hoy,
                oficio,
                oficio_anio: anio,
                oficio_secuencia: secuencia,
                actuacion: orden,
            }),
        )?;
        oficio_foliado(
            tx,
            &p.numero,
            "oficio-levantamiento",
            m.id,
            orden,
            foja,
            hoy,
            entregar,
        )
    })?;
    log::info!("medida cautelar levantada");
    Ok((ver(store, medida)?, pdf))
}

const SELECT: &str = "SELECT m.id, m.proceso, m.tipo, COALESCE(t.nombre, m.tipo), m.entidad, m.detalle, m.monto, m.providencia,
                             m.providencia_fecha, m.fecha, m.oficio, m.actuacion,
                             l.motivo, l.detalle, l.fecha, l.oficio, l.actuacion
                      FROM medidas m LEFT JOIN medidas_tipos t ON t.codigo = m.tipo
                      LEFT JOIN medidas_levantamientos l ON l.medida_id = m.id";

fn dia(s: String) -> NaiveDate {
    fechas::dia(&s)
}

/// Reads medidas by `filtro` (a condition on `m`, `l` and `p`, the proceso), completed with
/// their answers and state as of today; at most `limite` (-1: all).
fn leer(
    db: &dyn Reader,
    filtro: &str,
    args: &[&dyn rusqlite::ToSql],
    limite: i64,
) -> Result<Vec<Medida>> {
    let hoy = fechas::hoy(db.clock());
    let plazo = crate::configuracion::numero(db, "dias_respuesta_oficio")? as i64;
    let mut st = db.conn().prepare_cached(&format!(
        "{SELECT} JOIN procesos p ON p.numero = m.proceso WHERE {filtro} ORDER BY m.id LIMIT {limite}"
    ))?;
    let filas = st.query_map(args, |r| {
        let l_motivo: Option<String> = r.get(12)?;
        let levantamiento = match l_motivo {
            Some(motivo) => Some(Levantamiento {
                motivo,
                detalle: r.get(13)?,
                fecha: dia(r.get(14)?),
                oficio: r.get(15)?,
                actuacion: r.get(16)?,
            }),
            None => None,
        };
        Ok(Medida {
            id: r.get(0)?,
            proceso: r.get(1)?,
            tipo: r.get(2)?,
            nombre: r.get(3)?,
            entidad: r.get(4)?,
            detalle: r.get(5)?,
            monto: Centavos(r.get(6)?),
            providencia: r.get(7)?,
            providencia_fecha: dia(r.get(8)?),
            fecha: dia(r.get(9)?),
            oficio: r.get(10)?,
            actuacion: r.get(11)?,
            respuestas: vec![],
            retenido: Centavos(0),
            levantamiento,
            estado: String::new(),
            atrasada: false,
        })
    })?;
    let mut v: Vec<Medida> = filas.collect::<rusqlite::Result<_>>()?;
    let mut st = db.conn().prepare_cached(
        "SELECT id, fecha, texto, banco, cuenta, retenido, actuacion FROM medidas_respuestas WHERE medida_id = ?1 ORDER BY id",
    )?;
    for m in v.iter_mut() {
        m.respuestas = st
            .query_map([m.id], |r| {
                Ok(Respuesta {
                    id: r.get(0)?,
                    fecha: dia(r.get(1)?),
                    texto: r.get(2)?,
                    banco: r.get(3)?,
                    cuenta: r.get(4)?,
                    retenido: Centavos(r.get(5)?),
                    actuacion: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        m.retenido = Centavos(m.respuestas.iter().map(|r| r.retenido.0).sum());
        m.estado = if m.levantamiento.is_some() {
            "levantada"
        } else if m.respuestas.is_empty() {
            "sin respuesta"
        } else {
            "respondida"
        }
        .into();
        m.atrasada = m.estado == "sin respuesta" && (hoy - m.fecha).num_days() > plazo;
    }
    Ok(v)
}

/// One medida by its number.
pub fn ver(db: &dyn Reader, id: i64) -> Result<Medida> {
    leer(db, "m.id = ?1", &[&id], 1)?
        .pop()
        .ok_or_else(|| Error::NoEncontrado(format!("no existe la medida cautelar {id}")))
}

/// The medidas of a proceso, or of every proceso.
pub fn listar(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Medida>> {
    match numero {
        Some(n) => {
            procesos::exigir(db, n)?;
            leer(db, "m.proceso = ?1", &[&n], -1)
        }
        None => leer(db, "1", &[], -1),
    }
}

/// Oficios with no answer after `dias_respuesta_oficio` days, and medidas still in force on a
/// proceso already paid or annulled (their lifting is due): what Inicio shows, the oldest
/// [`PENDIENTES_MAXIMO`] of each.
pub fn pendientes(db: &dyn Reader) -> Result<(Vec<Medida>, Vec<Medida>)> {
    let hoy = fechas::hoy(db.clock());
    let plazo = crate::configuracion::numero(db, "dias_respuesta_oficio")? as i64;
    let corte = fechas::iso(hoy - chrono::Duration::days(plazo));
    let sin_respuesta = leer(
        db,
        "l.medida_id IS NULL AND m.fecha < ?1 AND NOT EXISTS (SELECT 1 FROM medidas_respuestas r WHERE r.medida_id = m.id)",
        &[&corte],
        PENDIENTES_MAXIMO,
    )?;
    let por_levantar = leer(
        db,
        "l.medida_id IS NULL AND p.etapa IN ('pagado', 'anulado')",
        &[],
        PENDIENTES_MAXIMO,
    )?;
    Ok((sin_respuesta, por_levantar))
}

/// What banks hold for título `titulo` on `al` under medidas not lifted by then.
pub(crate) fn retenido_en(conn: &Connection, titulo: &str, al: NaiveDate) -> Result<Centavos> {
    let al = fechas::iso(al);
    Ok(Centavos(conn.query_row(
        "SELECT COALESCE(SUM(r.retenido), 0) FROM medidas_respuestas r JOIN medidas m ON m.id = r.medida_id
         JOIN procesos p ON p.numero = m.proceso
         WHERE p.titulo = ?1 AND r.fecha <= ?2
           AND NOT EXISTS (SELECT 1 FROM medidas_levantamientos l WHERE l.medida_id = m.id AND l.fecha <= ?2)",
        params![titulo, al],
        |r| r.get(0),
    )?))
}

/// What a medida's oficio prints (`medida` in the templates), read inside the transaction
/// that orders or lifts it. Refuses a medida of another proceso.
pub(crate) fn contexto(
    conn: &Connection,
    id: i64,
    numero: &str,
    f: crate::dinero::Formato,
) -> Result<serde_json::Value> {
    type Fila = (
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        String,
        String,
        String,
        String,
    );
    let m: Option<Fila> = conn
        .query_row(
            "SELECT m.proceso, m.tipo, COALESCE(t.nombre, m.tipo), m.entidad, m.detalle, m.monto, m.providencia, m.providencia_fecha, m.fecha, m.oficio
             FROM medidas m LEFT JOIN medidas_tipos t ON t.codigo = m.tipo WHERE m.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)),
        )
        .optional()?;
    let Some((
        proceso,
        tipo,
        nombre,
        entidad,
        detalle,
        monto,
        providencia,
        providencia_fecha,
        fecha,
        oficio,
    )) = m
    else {
        return Err(Error::NoEncontrado(format!(
            "no existe la medida cautelar {id}"
        )));
    };
    if proceso != numero {
        return Err(Error::entrada(format!(
            "la medida cautelar {id} es del proceso {proceso}, no del {numero}"
        )));
    }
    let lev: Option<(String, Option<String>, String, String)> = conn
        .query_row(
            "SELECT motivo, detalle, fecha, oficio FROM medidas_levantamientos WHERE medida_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let larga = |s: &str| fechas::larga(dia(s.to_string()));
    Ok(serde_json::json!({
        "numero": id, "tipo": tipo, "nombre": nombre, "entidad": entidad, "detalle": detalle,
        "monto": Centavos(monto).agrupado(f), "monto_letras": crate::documentos::letras::monto(Centavos(monto)),
        "providencia": providencia, "providencia_fecha": larga(&providencia_fecha),
        "fecha": larga(&fecha), "oficio": oficio,
        "levantamiento": lev.map(|(motivo, detalle, fecha, oficio)| serde_json::json!({
            "motivo": match motivo.as_str() {
                "pago" => "por haberse pagado la totalidad de la obligación",
                "convenio" => "por haberse suscrito un convenio de pago que se encuentra vigente",
                _ => "por disposición de la providencia que así lo ordena",
            },
            "detalle": detalle, "fecha": larga(&fecha), "oficio": oficio,
        })),
    }))
}
