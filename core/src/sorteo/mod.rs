//! Sorteo: the random, fair and verifiable draw of títulos to Secretarios-Abogados.
//!
//! A sorteo is a record, not an event: it keeps the seed, the algorithm version, the ordered
//! inputs (títulos, eligible abogados with loads and pesos, exclusions) and the result, and a
//! SHA-256 digest over all of them chained to the previous sorteo's digest. Loads are never a
//! stored counter: they are derived from earlier sorteos' assignments (the latest assignment of
//! each título in the calendar year counts). [`verificar`] replays every sorteo from its record,
//! re-derives every load, and checks the chain and the assignment table, so an edit made
//! directly in the database is found and named. A sorteo is final: a re-assignment is a new
//! sorteo of kind `resorteo`, with its reason and the user who ordered it.

pub mod acta;
pub mod algoritmo;
mod verificar;

pub use verificar::{verificar, Hallazgo};

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::abogados;
use crate::azar::{self, Semilla};
use crate::fechas;
use crate::store::{Reader, Store, Tx};
use crate::titulos::EstadoTitulo;
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};
pub use algoritmo::{
    AbogadoEntrada, Asignacion, Entradas, Excluido, NoElegible, Resultado, SinAsignar,
    TituloEntrada, ALGORITMO,
};

/// Digest "before" the first sorteo.
pub const DIGEST_INICIAL: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Tipo {
    Sorteo,
    Resorteo,
}

impl Tipo {
    fn texto(self) -> &'static str {
        match self {
            Tipo::Sorteo => "sorteo",
            Tipo::Resorteo => "resorteo",
        }
    }
}

/// One sorteo as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Registro {
    pub numero: i64,
    pub tipo: Tipo,
    /// The instant, RFC 3339 in Guayaquil time.
    pub fecha: String,
    pub usuario: String,
    pub motivo: Option<String>,
    pub algoritmo: String,
    /// The 32-byte seed in hex.
    pub semilla: String,
    pub entradas: Entradas,
    pub resultado: Resultado,
    pub digest_anterior: String,
    pub digest: String,
}

impl Registro {
    /// The draw's day.
    pub fn dia(&self) -> NaiveDate {
        self.fecha
            .get(..10)
            .and_then(|d| d.parse().ok())
            .unwrap_or_default()
    }
}

#[allow(clippy::too_many_arguments)]
fn digest_de(
    anterior: &str,
    numero: i64,
    tipo: &str,
    fecha: &str,
    usuario: &str,
    motivo: &str,
    algoritmo: &str,
    semilla: &str,
    entradas: &str,
    resultado: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(numero.to_be_bytes());
    for parte in [
        anterior, tipo, fecha, usuario, motivo, algoritmo, semilla, entradas, resultado,
    ] {
        h.update((parte.len() as u64).to_be_bytes());
        h.update(parte.as_bytes());
    }
    hex::encode(h.finalize())
}

fn ventana(dia: NaiveDate) -> String {
    format!("anio_calendario:{}", dia.year())
}

/// Current assignment of each título and the loads per (year, abogado), rebuilt from results.
#[derive(Default)]
struct Cargas {
    vigente: HashMap<String, (String, i32)>,
    conteo: HashMap<(i32, String), i64>,
}

impl Cargas {
    fn aplicar(&mut self, anio: i32, r: &Resultado) {
        for a in &r.asignaciones {
            if let Some((previo, anio_previo)) = self
                .vigente
                .insert(a.titulo.clone(), (a.abogado.clone(), anio))
            {
                *self.conteo.entry((anio_previo, previo)).or_default() -= 1;
            }
            *self.conteo.entry((anio, a.abogado.clone())).or_default() += 1;
        }
    }

    /// Load of `abogado` in `anio`, leaving out the títulos in `aparte` (those being resorted).
    fn carga(&self, anio: i32, abogado: &str, aparte: &HashSet<&str>) -> i64 {
        let base = self
            .conteo
            .get(&(anio, abogado.to_string()))
            .copied()
            .unwrap_or(0);
        let fuera = aparte
            .iter()
            .filter(|t| {
                self.vigente
                    .get(**t)
                    .is_some_and(|(a, y)| a == abogado && *y == anio)
            })
            .count() as i64;
        base - fuera
    }
}

/// Loads per abogado in `anio`, derived from the assignment records (latest per título).
fn cargas_en(conn: &rusqlite::Connection, anio: i32) -> Result<HashMap<String, i64>> {
    let mut st = conn.prepare_cached(
        "SELECT abogado, COUNT(*) FROM (
             SELECT a.abogado, s.fecha,
                    ROW_NUMBER() OVER (PARTITION BY a.titulo ORDER BY a.sorteo DESC) AS n
             FROM asignaciones a JOIN sorteos s ON s.numero = a.sorteo)
         WHERE n = 1 AND substr(fecha, 1, 4) = ?1 GROUP BY abogado",
    )?;
    let filas = st.query_map([format!("{anio:04}")], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

/// One abogado as the Jefe sees them before a draw.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Elegibilidad {
    pub identificacion: String,
    pub nombres: String,
    pub peso: abogados::Peso,
    pub carga: i64,
    pub elegible: bool,
    pub motivo: Option<String>,
    /// The title the abogado signs with («Secretaria-Abogada»), and whether its gender is recorded.
    pub cargo: String,
    pub genero: Option<crate::cargos::Genero>,
}

/// Who may receive títulos on `dia` and their current loads (the Sorteo screen).
pub fn elegibilidad(store: &dyn Reader, dia: NaiveDate) -> Result<Vec<Elegibilidad>> {
    let cargas = cargas_en(store.conn(), dia.year())?;
    Ok(abogados::listar(store)?
        .into_iter()
        .map(|a| {
            let elegible = a.activo_en(dia);
            Elegibilidad {
                carga: cargas.get(&a.identificacion).copied().unwrap_or(0),
                motivo: (!elegible).then(|| motivo_no_elegible(&a)),
                elegible,
                peso: a.peso,
                cargo: crate::cargos::Cargo::SecretarioAbogado
                    .forma(a.genero)
                    .to_string(),
                genero: a.genero,
                nombres: a.nombres,
                identificacion: a.identificacion,
            }
        })
        .collect())
}

fn motivo_no_elegible(a: &abogados::Abogado) -> String {
    match (a.estado, a.licencia_desde, a.licencia_hasta) {
        (abogados::Estado::Licencia, Some(d), Some(h)) => format!(
            "con licencia del {} al {}",
            fechas::corta(d),
            fechas::corta(h)
        ),
        (abogados::Estado::Licencia, _, _) => "con licencia".into(),
        _ => "inactivo".into(),
    }
}

/// The Jefe draws every título `por_sortear` among the abogados eligible today.
///
/// The seed is drawn from the store's seed source (the operating system's secure generator in
/// every real run) inside the draw's own transaction: nobody chooses it, and every executed
/// draw is recorded. Everything — reading the títulos and the loads, drawing, writing — happens
/// in that one transaction, so two draws at once cannot assign a título twice: the second
/// waits for the first and then finds nothing left to draw.
pub fn ejecutar(store: &mut Store, actor: &Actor) -> Result<Registro> {
    actor.exigir(Accion::Sortear)?;
    let r = store.write(&actor.usuario, |tx| {
        let semilla = tx.semilla()?;
        sortear_en(tx, actor, semilla)
    })?;
    registrado(&r);
    Ok(r)
}

/// What [`ejecutar`] would do with `semilla` (or a fresh one), written nowhere: a simulation
/// to rehearse or to show how the draw works. Its result is not a sorteo.
pub fn simular(store: &mut Store, actor: &Actor, semilla: Option<Semilla>) -> Result<Registro> {
    actor.exigir(Accion::Sortear)?;
    store.simulate(&actor.usuario, |tx| {
        let semilla = semilla.map_or_else(|| tx.semilla(), Ok)?;
        sortear_en(tx, actor, semilla)
    })
}

/// The demo generator's draws, replayable from its seed (synthetic units only).
pub(crate) fn ejecutar_demo(
    store: &mut Store,
    actor: &Actor,
    semilla: Semilla,
) -> Result<Registro> {
    actor.exigir(Accion::Sortear)?;
    store.write(&actor.usuario, |tx| sortear_en(tx, actor, semilla))
}

fn sortear_en(tx: &mut Tx<'_>, actor: &Actor, semilla: Semilla) -> Result<Registro> {
    {
        let dia = fechas::hoy(tx.clock());
        let titulos = por_sortear(tx)?;
        if titulos.is_empty() {
            return Err(Error::entrada(
                "no hay títulos por sortear: importe títulos antes de sortear",
            ));
        }
        let entradas = preparar(tx, dia, titulos, &HashSet::new(), vec![])?;
        if entradas.abogados.is_empty() {
            return Err(Error::entrada(
                "ningún abogado está activo hoy: no se puede sortear",
            ));
        }
        let resultado = algoritmo::sortear(&entradas, &semilla);
        registrar(tx, actor, Tipo::Sorteo, None, semilla, entradas, resultado)
    }
}

fn por_sortear(db: &dyn Reader) -> Result<Vec<TituloEntrada>> {
    let mut st = db.conn().prepare(
        "SELECT numero, identificacion, total FROM titulos WHERE estado = ?1 ORDER BY numero",
    )?;
    let filas = st.query_map([EstadoTitulo::PorSortear.como_texto()], |r| {
        Ok(TituloEntrada {
            numero: r.get(0)?,
            obligado: r.get(1)?,
            total: r.get(2)?,
        })
    })?;
    Ok(filas.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A re-assignment of named títulos (an abogado leaves, an impediment found late): a new
/// sorteo of kind `resorteo` with its reason. The current abogado of each título is excluded.
/// A título whose proceso is already open is refused: its expediente belongs to the abogado
/// who opened it, and moving it is a decision the Jefe records on the proceso.
pub fn resortear(
    store: &mut Store,
    actor: &Actor,
    numeros: &[String],
    motivo: &str,
) -> Result<Registro> {
    actor.exigir(Accion::Sortear)?;
    let motivo = motivo.trim();
    if motivo.is_empty() {
        return Err(Error::entrada("un resorteo necesita el motivo (--motivo)"));
    }
    if numeros.is_empty() {
        return Err(Error::entrada("indique los títulos que se resortean"));
    }
    let r = store.write(&actor.usuario, |tx| {
        let semilla = tx.semilla()?;
        let dia = fechas::hoy(tx.clock());
        let (titulos, excluidos) = a_resortear(tx, numeros)?;
        let aparte: HashSet<String> = titulos.iter().map(|t| t.numero.clone()).collect();
        let entradas = preparar(tx, dia, titulos, &aparte, excluidos)?;
        if entradas.abogados.is_empty() {
            return Err(Error::entrada(
                "ningún abogado está activo hoy: no se puede resortear",
            ));
        }
        let resultado = algoritmo::sortear(&entradas, &semilla);
        if let Some(s) = resultado.sin_asignar.first() {
            return Err(Error::entrada(format!(
                "el título {} no puede resortearse: {}",
                s.titulo, s.motivo
            )));
        }
        let motivo = Some(motivo.to_string());
        registrar(
            tx,
            actor,
            Tipo::Resorteo,
            motivo,
            semilla,
            entradas,
            resultado,
        )
    })?;
    registrado(&r);
    Ok(r)
}

/// The títulos named for a resorteo, each with its current abogado excluded.
fn a_resortear(db: &dyn Reader, numeros: &[String]) -> Result<(Vec<TituloEntrada>, Vec<Excluido>)> {
    let mut titulos = vec![];
    let mut excluidos = vec![];
    let mut vistos = HashSet::new();
    let mut st = db.conn().prepare_cached(
        "SELECT t.identificacion, t.total,
                (SELECT abogado FROM asignaciones WHERE titulo = t.numero ORDER BY sorteo DESC LIMIT 1),
                (SELECT numero FROM procesos WHERE titulo = t.numero)
         FROM titulos t WHERE t.numero = ?1",
    )?;
    for n in numeros {
        let n = n.trim();
        if !vistos.insert(n.to_string()) {
            continue;
        }
        let (obligado, total, actual, proceso) = st
            .query_row([n], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .optional()?
            .ok_or_else(|| Error::NoEncontrado(format!("no existe el título {n}")))?;
        let actual = actual.ok_or_else(|| {
            Error::entrada(format!("el título {n} aún no fue sorteado: no se resortea"))
        })?;
        if let Some(p) = proceso {
            return Err(Error::Conflicto(format!(
                "el título {n} ya tiene abierto el proceso {p}: no se resortea un título con expediente"
            )));
        }
        titulos.push(TituloEntrada {
            numero: n.to_string(),
            obligado,
            total,
        });
        excluidos.push(Excluido {
            titulo: n.to_string(),
            abogado: actual,
            motivo: "abogado anterior del título".into(),
        });
    }
    titulos.sort_by(|a, b| a.numero.cmp(&b.numero));
    excluidos.sort_by(|a, b| a.titulo.cmp(&b.titulo));
    Ok((titulos, excluidos))
}

/// Builds the recorded inputs: eligible abogados with derived loads and relevant impedimentos.
fn preparar(
    db: &dyn Reader,
    dia: NaiveDate,
    titulos: Vec<TituloEntrada>,
    aparte: &HashSet<String>,
    excluidos: Vec<Excluido>,
) -> Result<Entradas> {
    let mut cargas = cargas_en(db.conn(), dia.year())?;
    if !aparte.is_empty() {
        // Títulos being resorted no longer weigh on their current abogado.
        let mut st = db.conn().prepare_cached(
            "SELECT a.abogado, s.fecha FROM asignaciones a JOIN sorteos s ON s.numero = a.sorteo
             WHERE a.titulo = ?1 ORDER BY a.sorteo DESC LIMIT 1",
        )?;
        for t in aparte {
            if let Some((ab, fecha)) = st
                .query_row([t], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .optional()?
            {
                if fecha.starts_with(&format!("{:04}", dia.year())) {
                    *cargas.entry(ab).or_default() -= 1;
                }
            }
        }
    }
    let obligados: HashSet<&str> = titulos.iter().map(|t| t.obligado.as_str()).collect();
    let mut elegibles = vec![];
    let mut no_elegibles = vec![];
    let mut todos = abogados::listar(db)?;
    todos.sort_by(|a, b| a.identificacion.cmp(&b.identificacion));
    for a in todos {
        if a.activo_en(dia) {
            elegibles.push(AbogadoEntrada {
                carga: cargas.get(&a.identificacion).copied().unwrap_or(0),
                peso: a.peso.0,
                impedimentos: a
                    .impedimentos
                    .iter()
                    .filter(|o| obligados.contains(o.as_str()))
                    .cloned()
                    .collect(),
                identificacion: a.identificacion,
            });
        } else {
            no_elegibles.push(NoElegible {
                motivo: motivo_no_elegible(&a),
                identificacion: a.identificacion,
            });
        }
    }
    Ok(Entradas {
        algoritmo: ALGORITMO.into(),
        fecha: fechas::iso(dia),
        ventana: ventana(dia),
        titulos,
        abogados: elegibles,
        no_elegibles,
        excluidos,
    })
}

/// Writes the record, its assignments, the títulos' new state and the change-log entry, in
/// the use case's transaction.
fn registrar(
    tx: &mut Tx<'_>,
    actor: &Actor,
    tipo: Tipo,
    motivo: Option<String>,
    semilla: Semilla,
    entradas: Entradas,
    resultado: Resultado,
) -> Result<Registro> {
    let entradas_json = serde_json::to_string(&entradas)?;
    let resultado_json = serde_json::to_string(&resultado)?;
    let semilla_hex = hex::encode(semilla);
    let (numero, anterior) = ultimo(tx)?;
    let numero = numero + 1;
    let fecha = tx.ahora();
    let digest = digest_de(
        &anterior,
        numero,
        tipo.texto(),
        &fecha,
        &actor.usuario,
        motivo.as_deref().unwrap_or(""),
        ALGORITMO,
        &semilla_hex,
        &entradas_json,
        &resultado_json,
    );
    tx.conn().execute(
        "INSERT INTO sorteos (numero, tipo, fecha, usuario, motivo, algoritmo, semilla, entradas, resultado, digest_anterior, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![numero, tipo.texto(), fecha, actor.usuario, motivo, ALGORITMO, semilla_hex, entradas_json, resultado_json, anterior, digest],
    )?;
    {
        let mut ins = tx.conn().prepare_cached(
            "INSERT INTO asignaciones (sorteo, titulo, abogado) VALUES (?1, ?2, ?3)",
        )?;
        let mut upd = tx
            .conn()
            .prepare_cached("UPDATE titulos SET estado = ?2 WHERE numero = ?1 AND estado = ?3")?;
        for a in &resultado.asignaciones {
            ins.execute(params![numero, a.titulo, a.abogado])?;
            upd.execute(params![
                a.titulo,
                EstadoTitulo::Asignado.como_texto(),
                EstadoTitulo::PorSortear.como_texto()
            ])?;
        }
    }
    let r = Registro {
        numero,
        tipo,
        fecha,
        usuario: actor.usuario.clone(),
        motivo,
        algoritmo: ALGORITMO.into(),
        semilla: semilla_hex,
        entradas,
        resultado,
        digest_anterior: anterior,
        digest,
    };
    tx.registrar(
        &numero.to_string(),
        &crate::eventos::Evento::SorteoCreado(Box::new(r.clone())),
    )?;
    Ok(r)
}

fn registrado(r: &Registro) {
    log::info!(
        "{} {} hecho: {} asignados, {} sin asignar",
        r.tipo.texto(),
        r.numero,
        r.resultado.asignaciones.len(),
        r.resultado.sin_asignar.len()
    );
}

fn ultimo(tx: &Tx<'_>) -> Result<(i64, String)> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT numero, digest FROM sorteos ORDER BY numero DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, DIGEST_INICIAL.to_string())))
}

/// The raw columns of a stored sorteo, before parsing (verification needs them as stored).
struct Crudo {
    numero: i64,
    tipo: String,
    fecha: String,
    usuario: String,
    motivo: Option<String>,
    algoritmo: String,
    semilla: String,
    entradas: String,
    resultado: String,
    digest_anterior: String,
    digest: String,
}

fn crudos(conn: &rusqlite::Connection, hasta: Option<i64>) -> Result<Vec<Crudo>> {
    let mut st = conn.prepare(
        "SELECT numero, tipo, fecha, usuario, motivo, algoritmo, semilla, entradas, resultado, digest_anterior, digest
         FROM sorteos WHERE ?1 IS NULL OR numero <= ?1 ORDER BY numero",
    )?;
    let filas = st.query_map([hasta], |r| {
        Ok(Crudo {
            numero: r.get(0)?,
            tipo: r.get(1)?,
            fecha: r.get(2)?,
            usuario: r.get(3)?,
            motivo: r.get(4)?,
            algoritmo: r.get(5)?,
            semilla: r.get(6)?,
            entradas: r.get(7)?,
            resultado: r.get(8)?,
            digest_anterior: r.get(9)?,
            digest: r.get(10)?,
        })
    })?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

fn parsear(c: Crudo) -> Result<Registro> {
    let ilegible = |e: serde_json::Error| {
        Error::Interno(format!(
            "el sorteo {} tiene un registro ilegible: {e}",
            c.numero
        ))
    };
    Ok(Registro {
        numero: c.numero,
        tipo: if c.tipo == "resorteo" {
            Tipo::Resorteo
        } else {
            Tipo::Sorteo
        },
        entradas: serde_json::from_str(&c.entradas).map_err(ilegible)?,
        resultado: serde_json::from_str(&c.resultado).map_err(ilegible)?,
        fecha: c.fecha,
        usuario: c.usuario,
        motivo: c.motivo,
        algoritmo: c.algoritmo,
        semilla: c.semilla,
        digest_anterior: c.digest_anterior,
        digest: c.digest,
    })
}

/// One stored sorteo.
pub fn cargar(store: &dyn Reader, numero: i64) -> Result<Registro> {
    let c = crudos(store.conn(), Some(numero))?
        .pop()
        .filter(|c| c.numero == numero)
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el sorteo {numero}")))?;
    parsear(c)
}

/// A line of the sorteo list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Resumen {
    pub numero: i64,
    pub tipo: Tipo,
    pub fecha: String,
    pub usuario: String,
    pub motivo: Option<String>,
    pub asignados: i64,
    pub digest: String,
}

pub fn listar(store: &dyn Reader) -> Result<Vec<Resumen>> {
    let mut st = store.conn().prepare(
        "SELECT s.numero, s.tipo, s.fecha, s.usuario, s.motivo, s.digest,
                (SELECT COUNT(*) FROM asignaciones a WHERE a.sorteo = s.numero)
         FROM sorteos s ORDER BY s.numero",
    )?;
    let filas = st.query_map([], |r| {
        Ok(Resumen {
            numero: r.get(0)?,
            tipo: if r.get::<_, String>(1)? == "resorteo" {
                Tipo::Resorteo
            } else {
                Tipo::Sorteo
            },
            fecha: r.get(2)?,
            usuario: r.get(3)?,
            motivo: r.get(4)?,
            digest: r.get(5)?,
            asignados: r.get(6)?,
        })
    })?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}
