//! Deprecatorios: this unit commissions another province to act for one of its procesos
//! (citación, embargo of goods there), or receives a commission from another unit about that
//! unit's proceso. Each is recorded with the other unit, what is asked, its date, and its news
//! (en trámite, diligenciado, devuelto) with the documents exchanged: for a commission sent,
//! foliated in this unit's expediente; for one received, kept by its fingerprint and bytes
//! (the expediente it belongs to is the other unit's).

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use crate::eventos::{self as ev, Evento};
use crate::procesos::{self, expediente};
use crate::registros;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

pub const SENTIDOS: [&str; 2] = ["enviado", "recibido"];
pub const PEDIDOS: [&str; 3] = ["citacion", "embargo", "otro"];
pub const ESTADOS: [&str; 3] = ["en_tramite", "diligenciado", "devuelto"];

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Novedad {
    pub id: i64,
    pub estado: String,
    pub fecha: NaiveDate,
    pub detalle: Option<String>,
    /// SHA-256 of the document exchanged.
    pub documento: Option<String>,
    /// Its actuación in this unit's expediente (a commission sent).
    pub actuacion: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deprecatorio {
    pub id: i64,
    pub sentido: String,
    pub proceso: Option<String>,
    pub unidad: String,
    pub referencia: Option<String>,
    pub pedido: String,
    pub detalle: String,
    pub fecha: NaiveDate,
    pub novedades: Vec<Novedad>,
    /// «enviado» or «recibido» until its first news, then the latest news' state.
    pub estado: String,
}

#[derive(Debug, Clone, Default)]
pub struct Nuevo {
    pub sentido: String,
    /// This unit's proceso (a commission sent).
    pub numero: Option<String>,
    pub unidad: String,
    /// The other unit's reference (its proceso, its oficio): required when received.
    pub referencia: Option<String>,
    pub pedido: String,
    pub detalle: String,
    pub fecha: NaiveDate,
    /// The deprecatorio itself, in PDF.
    pub documento: Option<Vec<u8>>,
}

use crate::texto::limpio as texto;

fn elegir(v: &str, opciones: &[&str], que: &str) -> Result<String> {
    let k = crate::texto::clave(v);
    if opciones.contains(&k.as_str()) {
        Ok(k)
    } else {
        Err(Error::entrada(format!(
            "{que} «{v}» no existe; use {}",
            opciones.join(", ")
        )))
    }
}

/// Records a deprecatorio sent or received (with its document, if given, as its first news).
pub fn registrar(store: &mut Store, actor: &Actor, n: &Nuevo) -> Result<Deprecatorio> {
    actor.exigir(Accion::Excepciones)?;
    let sentido = elegir(&n.sentido, &SENTIDOS, "el sentido")?;
    let pedido = elegir(&n.pedido, &PEDIDOS, "el pedido")?;
    let unidad = texto(Some(&n.unidad))
        .ok_or_else(|| Error::entrada("falta la unidad que comisiona o a la que se comisiona"))?;
    let detalle = texto(Some(&n.detalle))
        .ok_or_else(|| Error::entrada("falta qué se pide en el deprecatorio"))?;
    let referencia = texto(n.referencia.as_deref());
    let numero = texto(n.numero.as_deref());
    match (sentido.as_str(), &numero, &referencia) {
        ("enviado", None, _) => return Err(Error::entrada("un deprecatorio enviado sale de uno de los procesos de la unidad: indique cuál")),
        ("recibido", Some(_), _) => {
            return Err(Error::entrada(
                "un deprecatorio recibido es de un proceso de otra unidad: indique su referencia, no un proceso de esta",
            ))
        }
        ("recibido", _, None) => return Err(Error::entrada("indique la referencia del deprecatorio recibido (el proceso u oficio de la otra unidad)")),
        _ => {}
    }
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(n.fecha, hoy)?;
    let paginas = n
        .documento
        .as_deref()
        .map(expediente::paginas_pdf)
        .transpose()?;
    if n.documento.is_some() && numero.is_some() {
        actor.exigir(Accion::Foliar)?;
    }
    let id = store.write(&actor.usuario, |tx| {
        if let Some(num) = &numero {
            let p = procesos::exigir_a_cargo_de(tx, actor, num)?;
            if p.etapa.terminal() {
                return Err(Error::entrada(format!(
                    "el proceso {} está {}: no se comisiona",
                    p.numero,
                    p.etapa.nombre()
                )));
            }
        }
        let id = registros::siguiente(tx.conn(), &registros::DEPRECATORIOS)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::DeprecatorioRegistrado(ev::DeprecatorioRegistrado {
                sentido: sentido.clone(),
                proceso: numero.clone(),
                unidad: unidad.clone(),
                referencia: referencia.clone(),
                pedido: pedido.clone(),
                detalle: detalle.clone(),
                fecha: n.fecha,
            }),
        )?;
        if let (Some(b), Some(pag)) = (&n.documento, paginas) {
            novedad_en(
                tx,
                id,
                numero.as_deref(),
                "en_tramite",
                n.fecha,
                Some("Deprecatorio"),
                Some((b, pag)),
            )?;
        }
        Ok(id)
    })?;
    ver(store, id)
}

/// What happened to a deprecatorio, with the document exchanged (PDF).
pub fn novedad(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    estado: &str,
    fecha: NaiveDate,
    detalle: Option<&str>,
    documento: Option<&[u8]>,
) -> Result<Deprecatorio> {
    actor.exigir(Accion::Excepciones)?;
    let estado = elegir(estado, &ESTADOS, "el estado")?;
    let detalle = texto(detalle);
    if documento.is_none() && detalle.is_none() {
        return Err(Error::entrada(
            "registre el detalle de la novedad o el documento recibido",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(fecha, hoy)?;
    let paginas = documento.map(expediente::paginas_pdf).transpose()?;
    store.write(&actor.usuario, |tx| {
        let d = ver(tx, id)?;
        if let Some(num) = &d.proceso {
            procesos::exigir_a_cargo_de(tx, actor, num)?;
            if documento.is_some() {
                actor.exigir(Accion::Foliar)?;
            }
        }
        if fecha < d.fecha {
            return Err(Error::entrada(format!(
                "la novedad del {} sería anterior al deprecatorio ({})",
                fechas::corta(fecha),
                fechas::corta(d.fecha)
            )));
        }
        if matches!(d.estado.as_str(), "diligenciado" | "devuelto") && estado == "en_tramite" {
            return Err(Error::entrada(format!(
                "el deprecatorio {id} ya está {}: no vuelve a trámite",
                d.estado
            )));
        }
        novedad_en(
            tx,
            id,
            d.proceso.as_deref(),
            &estado,
            fecha,
            detalle.as_deref(),
            documento.zip(paginas),
        )?;
        ver(tx, id)
    })
}

/// The news row; its document foliated in this unit's expediente (sent) or kept (received).
fn novedad_en(
    tx: &mut Tx<'_>,
    id: i64,
    numero: Option<&str>,
    estado: &str,
    fecha: NaiveDate,
    detalle: Option<&str>,
    documento: Option<(&[u8], u32)>,
) -> Result<()> {
    let (sha, actuacion) = match (documento, numero) {
        (Some((b, n)), Some(num)) => {
            let a = expediente::foliar_en(
                tx,
                num,
                "oficio",
                &format!(
                    "Deprecatorio N.º {id}: {}",
                    detalle.unwrap_or(nombre_estado(estado))
                ),
                b,
                n,
                fecha,
                None,
                false,
            )?;
            (Some(a.documento), Some(a.orden))
        }
        (Some((b, n)), None) => {
            use sha2::Digest;
            let sha = hex::encode(sha2::Sha256::digest(b));
            tx.conn()
                .prepare_cached("INSERT INTO documentos (sha256, paginas, tamano, sellado, bytes) VALUES (?1, ?2, ?3, 0, ?4) ON CONFLICT (sha256) DO NOTHING")?
                .execute(params![sha, n, b.len() as i64, b])?;
            (Some(sha), None)
        }
        _ => (None, None),
    };
    let n = registros::siguiente(tx.conn(), &registros::NOVEDADES)?;
    registros::insertar(
        tx,
        &n.to_string(),
        &Evento::DeprecatorioNovedad(ev::DeprecatorioNovedad {
            deprecatorio: id,
            estado: estado.to_string(),
            fecha,
            detalle: detalle.map(str::to_string),
            documento: sha,
            actuacion,
        }),
    )
}

pub fn nombre_estado(e: &str) -> &str {
    match e {
        "en_tramite" => "en trámite",
        "diligenciado" => "diligenciado",
        "devuelto" => "devuelto sin diligenciar",
        e => e,
    }
}

fn dia(s: String) -> NaiveDate {
    fechas::dia(&s)
}

fn leer(db: &dyn Reader, filtro: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Deprecatorio>> {
    let mut st = db.conn().prepare_cached(&format!(
        "SELECT id, sentido, proceso, unidad, referencia, pedido, detalle, fecha FROM deprecatorios d WHERE {filtro} ORDER BY id"
    ))?;
    let mut v: Vec<Deprecatorio> = st
        .query_map(args, |r| {
            Ok(Deprecatorio {
                id: r.get(0)?,
                sentido: r.get(1)?,
                proceso: r.get(2)?,
                unidad: r.get(3)?,
                referencia: r.get(4)?,
                pedido: r.get(5)?,
                detalle: r.get(6)?,
                fecha: dia(r.get(7)?),
                novedades: vec![],
                estado: String::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = db.conn().prepare_cached(
        "SELECT id, estado, fecha, detalle, documento, actuacion FROM deprecatorios_novedades WHERE deprecatorio_id = ?1 ORDER BY id",
    )?;
    for d in v.iter_mut() {
        d.novedades = st
            .query_map([d.id], |r| {
                Ok(Novedad {
                    id: r.get(0)?,
                    estado: r.get(1)?,
                    fecha: dia(r.get(2)?),
                    detalle: r.get(3)?,
                    documento: r.get(4)?,
                    actuacion: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        d.estado = d
            .novedades
            .last()
            .map(|x| x.estado.clone())
            .unwrap_or_else(|| d.sentido.clone());
    }
    Ok(v)
}

pub fn ver(db: &dyn Reader, id: i64) -> Result<Deprecatorio> {
    leer(db, "d.id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el deprecatorio {id}")))
}

/// Those of a proceso (sent from it), or all, sent and received.
pub fn listar(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Deprecatorio>> {
    match numero {
        Some(n) => {
            procesos::exigir(db, n)?;
            leer(db, "d.proceso = ?1", &[&n])
        }
        None => leer(db, "1", &[]),
    }
}
