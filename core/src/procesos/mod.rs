//! Procesos coactivos: opened from a título drawn to an abogado, numbered from a configurable
//! pattern with a gapless per-year sequence, with their parties, stage history, citaciones,
//! términos and the foliated expediente (`expediente.rs`). Search is SQLite FTS5, accent- and
//! case-insensitive.

pub mod etapas;
pub mod expediente;
mod terminos;

use terminos::{calendario_de_la_unidad, terminos_de};
pub use terminos::{vencimientos, vencimientos_al, Vencimiento};

use crate::eventos::{self as ev, Evento};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::calendario::{self, Calendario};
use crate::configuracion;
use crate::fechas;
use crate::store::{Reader, Store, Tx};
use crate::titulos::EstadoTitulo;
use crate::unidad::{self, Unidad};
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};
pub use etapas::Etapa;

/// A proceso as listed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proceso {
    #[serde(skip)]
    pub id: i64,
    pub numero: String,
    pub titulo: String,
    /// The abogado's identification.
    pub abogado: String,
    pub etapa: Etapa,
    pub etapa_desde: String,
    pub obligado: String,
    pub identificacion: String,
    pub total: String,
    /// The abogado's name (empty if his record is missing).
    pub abogado_nombres: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Parte {
    pub identificacion: String,
    pub nombres: String,
    pub rol: String,
    pub direccion: Option<String>,
    /// The day the party was cited with the orden de pago (or, before it, the requerimiento).
    pub citada_desde: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Citacion {
    pub parte: String,
    pub tipo: String,
    pub fecha: String,
    pub detalle: Option<String>,
    /// Who recorded it.
    pub usuario: String,
    /// What was served: orden_pago, requerimiento or providencia.
    pub acto: String,
    pub hora: Option<String>,
    pub direccion: Option<String>,
    pub receptor: Option<String>,
    pub receptor_identificacion: Option<String>,
    pub relacion: Option<String>,
    pub latitud: Option<String>,
    pub longitud: Option<String>,
    /// The citador who practised it (who recorded it, in older entries).
    pub citador: String,
    pub citador_nombres: String,
    /// citado, no_encontrado or negativa.
    pub resultado: String,
    /// The actuaciones of its photographs.
    pub fotos: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EtapaRegistrada {
    pub etapa: Etapa,
    pub desde: String,
    pub motivo: Option<String>,
    pub usuario: String,
}

/// A proceso with everything the expediente view shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Detalle {
    #[serde(flatten)]
    pub proceso: Proceso,
    pub partes: Vec<Parte>,
    pub etapas: Vec<EtapaRegistrada>,
    pub citaciones: Vec<Citacion>,
    /// The citador-notificador who has the proceso.
    pub citador: Option<String>,
    pub siguientes: Vec<Etapa>,
    pub fojas: i64,
    pub terminos: Vec<Vencimiento>,
}

const SELECT: &str = "SELECT p.id, p.numero, p.titulo, p.abogado, p.etapa, p.etapa_desde, t.obligado, t.identificacion, t.total,
                             COALESCE((SELECT nombres FROM abogados WHERE identificacion = p.abogado), '')
                      FROM procesos p JOIN titulos t ON t.numero = p.titulo";

fn de_fila(r: &rusqlite::Row<'_>, formato: crate::dinero::Formato) -> rusqlite::Result<Proceso> {
    let etapa: String = r.get(4)?;
    Ok(Proceso {
        id: r.get(0)?,
        numero: r.get(1)?,
        titulo: r.get(2)?,
        abogado: r.get(3)?,
        etapa: Etapa::parse(&etapa).unwrap_or(Etapa::Anulado),
        etapa_desde: r.get(5)?,
        obligado: r.get(6)?,
        identificacion: r.get(7)?,
        total: crate::dinero::Centavos(r.get(8)?).agrupado(formato),
        abogado_nombres: r.get(9)?,
    })
}

/// Opens a proceso from a título drawn to an abogado. Returns the new proceso.
pub fn abrir(store: &mut Store, actor: &Actor, titulo: &str) -> Result<Proceso> {
    actor.exigir(Accion::Tramitar)?;
    let p = store.write(&actor.usuario, |tx| {
        if actor.rol == crate::usuarios::Rol::Abogado {
            let a: Option<String> = tx
                .conn()
                .query_row(
                    "SELECT abogado FROM asignaciones WHERE titulo = ?1 ORDER BY sorteo DESC LIMIT 1",
                    [titulo],
                    |r| r.get(0),
                )
                .optional()?;
            actor.exigir_proceso(&format!("el título {titulo}"), a.as_deref().unwrap_or(""))?;
        }
        let u = unidad::exigir(tx)?;
        let patron = configuracion::leer(tx, "patron_numero")?;
        let hoy = fechas::hoy(tx.clock());
        let numero = abrir_en(tx, &u, &patron, hoy, titulo)?;
        buscar_numero(tx, &numero)?
            .ok_or_else(|| Error::Interno("el proceso recién abierto no aparece".into()))
    })?;
    log::info!("proceso abierto");
    Ok(p)
}

/// The procesos of a sorteo opened at once: each one opened, and each título refused with why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Apertura {
    pub sorteo: i64,
    pub abiertos: Vec<Proceso>,
    pub fallidos: Vec<crate::documentos::lote::Fallo>,
    /// Títulos of the sorteo that already had their proceso (left as they were).
    pub ya_abiertos: i64,
}

/// Opens, in one transaction, the proceso of every título of sorteo `n` still waiting for it
/// (assigned there and not reassigned since), in the order the sorteo listed them. A título
/// refused (a Secretario-Abogado opens only his own) is reported; the others are opened.
pub fn abrir_sorteo(store: &mut Store, actor: &Actor, n: i64) -> Result<Apertura> {
    actor.exigir(Accion::Tramitar)?;
    let a = store.write(&actor.usuario, |tx| {
        let existe: bool = tx.conn().query_row("SELECT EXISTS (SELECT 1 FROM sorteos WHERE numero = ?1)", [n], |r| r.get(0))?;
        if !existe {
            return Err(Error::NoEncontrado(format!("no existe el sorteo N.º {n}")));
        }
        // The títulos whose latest assignment is this sorteo's.
        let filas: Vec<(String, String, String)> = tx
            .conn()
            .prepare(
                "SELECT a.titulo, a.abogado, t.estado FROM asignaciones a JOIN titulos t ON t.numero = a.titulo
                 WHERE a.sorteo = ?1 AND NOT EXISTS (SELECT 1 FROM asignaciones b WHERE b.titulo = a.titulo AND b.sorteo > a.sorteo)
                 ORDER BY a.titulo",
            )?
            .query_map([n], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let u = unidad::exigir(tx)?;
        let patron = configuracion::leer(tx, "patron_numero")?;
        let hoy = fechas::hoy(tx.clock());
        let mut ap = Apertura { sorteo: n, abiertos: vec![], fallidos: vec![], ya_abiertos: 0 };
        for (titulo, abogado, estado) in filas {
            if estado == EstadoTitulo::EnProceso.como_texto() {
                ap.ya_abiertos += 1;
                continue;
            }
            let r = tx.intentar(|tx| {
                actor.exigir_proceso(&format!("el título {titulo}"), &abogado)?;
                let numero = abrir_en(tx, &u, &patron, hoy, &titulo)?;
                buscar_numero(tx, &numero)?.ok_or_else(|| Error::Interno("el proceso recién abierto no aparece".into()))
            })?;
            match r {
                Ok(p) => ap.abiertos.push(p),
                Err(e) => ap.fallidos.push(crate::documentos::lote::Fallo {
                    proceso: titulo.clone(),
                    codigo: e.codigo().to_string(),
                    mensaje: e.to_string(),
                }),
            }
        }
        Ok(ap)
    })?;
    log::info!("sorteo {n}: {} procesos abiertos", a.abiertos.len());
    Ok(a)
}

/// Puts a newly opened proceso in the search index (its row id is the proceso's): number,
/// título, obligado, identification and the abogado's name and identification. Opening and
/// recovery both index through here.
pub(crate) fn indexar(
    conn: &rusqlite::Connection,
    id: i64,
    numero: &str,
    titulo: &str,
    obligado: &str,
    identificacion: &str,
    abogado: &str,
) -> Result<()> {
    let nombres: String = conn
        .query_row(
            "SELECT nombres FROM abogados WHERE identificacion = ?1",
            [abogado],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    conn.prepare_cached("INSERT INTO procesos_fts (rowid, numero, titulo, obligado, identificacion, abogado) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![id, numero, titulo, obligado, identificacion, format!("{nombres} {abogado}")])?;
    Ok(())
}

/// [`abrir`] inside an open transaction (also used by the demo to open many at once).
pub(crate) fn abrir_en(
    tx: &mut Tx<'_>,
    u: &Unidad,
    patron: &str,
    hoy: NaiveDate,
    titulo: &str,
) -> Result<String> {
    let fila = tx
        .conn()
        .query_row(
            "SELECT t.estado, t.identificacion, t.obligado, t.direccion,
                    (SELECT abogado FROM asignaciones WHERE titulo = t.numero ORDER BY sorteo DESC LIMIT 1)
             FROM titulos t WHERE t.numero = ?1",
            [titulo],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?, r.get::<_, Option<String>>(4)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el título {titulo}")))?;
    let (estado, identificacion, obligado, direccion, abogado) = fila;
    if estado == EstadoTitulo::EnProceso.como_texto() {
        let n: String = tx.conn().query_row(
            "SELECT numero FROM procesos WHERE titulo = ?1",
            [titulo],
            |r| r.get(0),
        )?;
        return Err(Error::Conflicto(format!(
            "el título {titulo} ya tiene el proceso {n}"
        )));
    }
    let abogado = match (estado.as_str(), abogado) {
        ("asignado", Some(a)) => a,
        _ => return Err(Error::entrada(format!("el título {titulo} aún no fue sorteado a un abogado: sortéelo antes de abrir el proceso"))),
    };
    let anio = configuracion::anio(hoy);
    let secuencia: i64 = tx
        .conn()
        .query_row("INSERT INTO secuencias (anio, ultimo) VALUES (?1, 1) ON CONFLICT (anio) DO UPDATE SET ultimo = ultimo + 1 RETURNING ultimo", [anio], |r| r.get(0))?;
    let numero = configuracion::formatear_numero(patron, u, anio, secuencia)?;
    let ahora = tx.ahora();
    let desde = fechas::iso(hoy);
    tx.conn()
        .prepare_cached(
            "INSERT INTO procesos (numero, anio, secuencia, titulo, abogado, etapa, etapa_desde, abierto_en, abierto_por)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![numero, anio, secuencia, titulo, abogado, Etapa::OrdenCobro.codigo(), desde, ahora, tx.actor()])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                Error::Conflicto(format!("el número {numero} ya existe: revise el patrón de numeración"))
            }
            e => e.into(),
        })?;
    let id = tx.conn().last_insert_rowid();
    tx.conn()
        .prepare_cached("INSERT INTO partes (proceso_id, identificacion, nombres, rol, direccion) VALUES (?1, ?2, ?3, 'obligado', ?4)")?
        .execute(params![id, identificacion, obligado, direccion])?;
    tx.conn()
        .prepare_cached("INSERT INTO etapas (proceso_id, etapa, desde, motivo, usuario, registrado_en) VALUES (?1, ?2, ?3, 'apertura', ?4, ?5)")?
        .execute(params![id, Etapa::OrdenCobro.codigo(), desde, tx.actor(), ahora])?;
    tx.conn()
        .prepare_cached("UPDATE titulos SET estado = ?2 WHERE numero = ?1")?
        .execute(params![titulo, EstadoTitulo::EnProceso.como_texto()])?;
    indexar(
        tx.conn(),
        id,
        &numero,
        titulo,
        &obligado,
        &identificacion,
        &abogado,
    )?;
    tx.registrar(
        &numero,
        &Evento::ProcesoAbierto(ev::ProcesoAbierto {
            numero: numero.clone(),
            titulo: titulo.to_string(),
            abogado: abogado.clone(),
            etapa: Etapa::OrdenCobro,
            obligado: identificacion.clone(),
            anio: Some(anio),
            secuencia: Some(secuencia),
            desde: Some(hoy),
        }),
    )?;
    Ok(numero)
}

fn formato(store: &dyn Reader) -> crate::dinero::Formato {
    unidad::cargar(store)
        .ok()
        .flatten()
        .map(|u| u.formato_importe)
        .unwrap_or_default()
}

pub fn buscar_numero(store: &dyn Reader, numero: &str) -> Result<Option<Proceso>> {
    let f = formato(store);
    Ok(store
        .conn()
        .query_row(&format!("{SELECT} WHERE p.numero = ?1"), [numero], |r| {
            de_fila(r, f)
        })
        .optional()?)
}

pub(crate) fn exigir(store: &dyn Reader, numero: &str) -> Result<Proceso> {
    buscar_numero(store, numero)?
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el proceso {numero}")))
}

/// The proceso, if `actor` may act on it (a Secretario-Abogado only on his own).
fn exigir_a_cargo(store: &dyn Reader, actor: &Actor, numero: &str) -> Result<Proceso> {
    let p = exigir(store, numero)?;
    actor.exigir_proceso(&format!("el proceso {numero}"), &p.abogado)?;
    Ok(p)
}

/// [`exigir_a_cargo`] for use cases outside this module (foliation, documents).
pub(crate) fn exigir_a_cargo_de(
    store: &dyn Reader,
    actor: &Actor,
    numero: &str,
) -> Result<Proceso> {
    exigir_a_cargo(store, actor, numero)
}

/// Procesos in number order, `limite` at most from `desde` (for paging large lists).
pub fn listar(
    store: &dyn Reader,
    etapa: Option<Etapa>,
    desde: i64,
    limite: i64,
) -> Result<Vec<Proceso>> {
    let f = formato(store);
    let mut st = store.conn().prepare_cached(&format!(
        "{SELECT} WHERE (?1 IS NULL OR p.etapa = ?1) ORDER BY p.id LIMIT ?2 OFFSET ?3"
    ))?;
    let filas = st.query_map(params![etapa.map(Etapa::codigo), limite, desde], |r| {
        de_fila(r, f)
    })?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

pub fn contar(store: &dyn Reader) -> Result<Vec<(Etapa, i64)>> {
    let mut st = store
        .conn()
        .prepare_cached("SELECT etapa, COUNT(*) FROM procesos GROUP BY etapa")?;
    let filas = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut v = vec![];
    for f in filas {
        let (e, n) = f?;
        v.push((Etapa::parse(&e)?, n));
    }
    v.sort_by_key(|(e, _)| Etapa::TODAS.iter().position(|x| x == e));
    Ok(v)
}

/// FTS5 query from what a person typed: every word as a prefix, all required.
fn consulta_fts(texto: &str) -> Option<String> {
    let palabras: Vec<String> = texto
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", crate::texto::plegar(w)))
        .collect();
    (!palabras.is_empty()).then(|| palabras.join(" AND "))
}

/// Search by proceso number, título number, obligado name or identification, or abogado.
/// An exact proceso number, título number or identification is answered from its index;
/// anything else goes to the FTS5 index (every word as a prefix, accents ignored).
pub fn buscar(store: &dyn Reader, texto: &str, limite: i64) -> Result<Vec<Proceso>> {
    let f = formato(store);
    let exacto = texto.trim();
    if !exacto.is_empty() && !exacto.contains(' ') {
        let mut st = store.conn().prepare_cached(&format!(
            "{SELECT} WHERE p.numero = ?1 OR p.titulo = ?1
             OR p.id IN (SELECT proceso_id FROM partes WHERE identificacion = ?1) ORDER BY p.id LIMIT ?2"
        ))?;
        let v: Vec<Proceso> = st
            .query_map(params![exacto, limite], |r| de_fila(r, f))?
            .collect::<rusqlite::Result<_>>()?;
        if !v.is_empty() {
            return Ok(v);
        }
    }
    let Some(q) = consulta_fts(texto) else {
        return Ok(vec![]);
    };
    let mut st = store.conn().prepare_cached(&format!(
        "{SELECT} WHERE p.id IN (SELECT rowid FROM procesos_fts WHERE procesos_fts MATCH ?1 LIMIT ?2) ORDER BY p.id"
    ))?;
    let filas = st.query_map(params![q, limite], |r| de_fila(r, f))?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

/// How the Procesos screen filters and sorts its list. Every field may be left out.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filtro {
    /// What the person typed: a proceso or título number, an identification, or words of the
    /// obligado's or the abogado's name.
    pub texto: Option<String>,
    /// A stage's code (`orden_pago`).
    pub etapa: Option<String>,
    /// The abogado's identification.
    pub abogado: Option<String>,
    /// Procesos in force whose título became exigible so many days ago: `0-90`, `91-180`,
    /// `181-360` or `360+` (the inventory's bands).
    pub antiguedad: Option<String>,
    /// The total owed, at least / at most, as people write it (`1.234,56`).
    pub minimo: Option<String>,
    pub maximo: Option<String>,
    /// Opened on or after / on or before (`dd/mm/aaaa`).
    pub desde: Option<String>,
    pub hasta: Option<String>,
    /// `numero` (by default), `titulo`, `obligado`, `identificacion`, `total`, `etapa` or `abogado`.
    pub orden: Option<String>,
    pub descendente: bool,
}

/// The procesos that match `f`, sorted as asked (names in Spanish alphabetical order), `limite`
/// of them from `desde`, with how many match in all.
pub fn filtrar(
    store: &dyn Reader,
    f: &Filtro,
    desde: i64,
    limite: i64,
) -> Result<(i64, Vec<Proceso>)> {
    use rusqlite::types::Value as V;
    let formato_ = formato(store);
    let limpio = |t: &Option<String>| crate::texto::limpio(t.as_deref());
    let mut condiciones: Vec<String> = vec![];
    let mut valores: Vec<V> = vec![];
    let mut con = |cond: &str, v: V, condiciones: &mut Vec<String>| {
        valores.push(v);
        condiciones.push(cond.replace('?', &format!("?{}", valores.len())));
    };
    if let Some(e) = limpio(&f.etapa) {
        con(
            "p.etapa = ?",
            V::Text(Etapa::parse(&e)?.codigo().into()),
            &mut condiciones,
        );
    }
    if let Some(a) = limpio(&f.abogado) {
        con("p.abogado = ?", V::Text(a), &mut condiciones);
    }
    if let Some(a) = limpio(&f.antiguedad) {
        let (mas, menos) = crate::reportes::banda_de_edad(&a)?;
        let hoy = fechas::hoy(store.clock());
        let exigible = "substr(COALESCE(t.fecha_exigibilidad, t.fecha_emision), 1, 10)";
        condiciones.push("p.etapa NOT IN ('pagado', 'anulado')".into());
        // Exigible at least `mas` days ago (one not yet exigible counts as 0 days, as in the
        // inventory) and at most `menos`.
        if mas > 0 {
            con(
                &format!("{exigible} <= ?"),
                V::Text(fechas::iso(hoy - chrono::Duration::days(mas))),
                &mut condiciones,
            );
        }
        if let Some(m) = menos {
            con(
                &format!("{exigible} >= ?"),
                V::Text(fechas::iso(hoy - chrono::Duration::days(m))),
                &mut condiciones,
            );
        }
    }
    let importe = |t: String, que: &str| {
        crate::dinero::parse_importe(&t)
            .map(|c| c.0)
            .map_err(|m| Error::entrada(format!("el monto {que} no es válido: {m}")))
    };
    if let Some(m) = limpio(&f.minimo) {
        con(
            "t.total >= ?",
            V::Integer(importe(m, "mínimo")?),
            &mut condiciones,
        );
    }
    if let Some(m) = limpio(&f.maximo) {
        con(
            "t.total <= ?",
            V::Integer(importe(m, "máximo")?),
            &mut condiciones,
        );
    }
    if let Some(d) = fechas::parse_opcional(f.desde.as_deref())? {
        con(
            "p.abierto_en >= ?",
            V::Text(fechas::iso(d)),
            &mut condiciones,
        );
    }
    if let Some(h) = fechas::parse_opcional(f.hasta.as_deref())? {
        con(
            "p.abierto_en < ?",
            V::Text(fechas::iso(h + chrono::Duration::days(1))),
            &mut condiciones,
        );
    }
    if let Some(t) = limpio(&f.texto) {
        let exacto = !t.contains(' ')
            && store.conn().prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM procesos WHERE numero = ?1 OR titulo = ?1) OR EXISTS (SELECT 1 FROM partes WHERE identificacion = ?1)",
            )?.query_row([&t], |r| r.get::<_, bool>(0))?;
        if exacto {
            valores.push(V::Text(t));
            let k = valores.len();
            condiciones.push(format!("(p.numero = ?{k} OR p.titulo = ?{k} OR p.id IN (SELECT proceso_id FROM partes WHERE identificacion = ?{k}))"));
        } else {
            match consulta_fts(&t) {
                Some(q) => con(
                    "p.id IN (SELECT rowid FROM procesos_fts WHERE procesos_fts MATCH ?)",
                    V::Text(q),
                    &mut condiciones,
                ),
                None => return Ok((0, vec![])),
            }
        }
    }
    let donde = if condiciones.is_empty() {
        "1".to_string()
    } else {
        condiciones.join(" AND ")
    };
    let columna = match f.orden.as_deref().unwrap_or("numero") {
        "numero" => "p.id",
        "titulo" => "p.titulo",
        "obligado" => "t.obligado COLLATE es",
        "identificacion" => "t.identificacion",
        "total" => "t.total",
        "etapa" => "p.etapa",
        "abogado" => "(SELECT nombres FROM abogados WHERE identificacion = p.abogado) COLLATE es",
        otro => {
            return Err(Error::entrada(format!(
                "no se puede ordenar la lista por «{otro}»"
            )))
        }
    };
    let sentido = if f.descendente { "DESC" } else { "ASC" };
    let total: i64 = store
        .conn()
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM procesos p JOIN titulos t ON t.numero = p.titulo WHERE {donde}"
        ))?
        .query_row(rusqlite::params_from_iter(valores.iter()), |r| r.get(0))?;
    let n = valores.len();
    let mut st = store.conn().prepare_cached(&format!(
        "{SELECT} WHERE {donde} ORDER BY {columna} {sentido}, p.id {sentido} LIMIT ?{} OFFSET ?{}",
        n + 1,
        n + 2
    ))?;
    let mut todos = valores;
    todos.push(V::Integer(limite.max(1)));
    todos.push(V::Integer(desde.max(0)));
    let v = st
        .query_map(rusqlite::params_from_iter(todos.iter()), |r| {
            de_fila(r, formato_)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, v))
}

/// Everything about one proceso.
pub fn ver(store: &dyn Reader, numero: &str) -> Result<Detalle> {
    let p = exigir(store, numero)?;
    let c = store.conn();
    let mut partes = partes(store, p.id)?;
    let etapas = {
        let mut st = c.prepare_cached(
            "SELECT etapa, desde, motivo, usuario FROM etapas WHERE proceso_id = ?1 ORDER BY id",
        )?;
        let v = st.query_map([p.id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        let mut out = vec![];
        for x in v {
            let (e, desde, motivo, usuario) = x?;
            out.push(EtapaRegistrada {
                etapa: Etapa::parse(&e)?,
                desde,
                motivo,
                usuario,
            });
        }
        out
    };
    let citaciones = citaciones_de(c, p.id)?;
    let acto = if etapas.iter().any(|e| e.etapa == Etapa::OrdenPago) {
        "orden_pago"
    } else {
        "requerimiento"
    };
    for pa in partes.iter_mut() {
        pa.citada_desde =
            crate::citaciones::citada_desde(&citaciones, &pa.identificacion, acto).map(fechas::iso);
    }
    let citador = crate::citaciones::citador_de(store, &p.numero)?;
    let anterior = anterior_a_suspension(store, p.id)?;
    let mut siguientes: Vec<Etapa> = p.etapa.siguientes().to_vec();
    if p.etapa == Etapa::Suspendido {
        siguientes.extend(anterior);
    }
    let fojas: i64 = c.query_row(
        "SELECT COALESCE(MAX(hasta), 0) FROM actuaciones WHERE proceso_id = ?1",
        [p.id],
        |r| r.get(0),
    )?;
    let terminos = terminos_de(
        store,
        &p,
        &partes,
        &citaciones,
        &calendario_de_la_unidad(store, fechas::hoy(store.clock()))?,
        fechas::hoy(store.clock()),
    )?;
    Ok(Detalle {
        partes,
        etapas,
        citaciones,
        citador,
        siguientes,
        fojas,
        terminos,
        proceso: p,
    })
}

fn partes(store: &dyn Reader, proceso_id: i64) -> Result<Vec<Parte>> {
    let mut st = store
        .conn()
        .prepare_cached("SELECT identificacion, nombres, rol, direccion FROM partes WHERE proceso_id = ?1 ORDER BY rol DESC, identificacion")?;
    let v = st.query_map([proceso_id], |r| {
        Ok(Parte {
            identificacion: r.get(0)?,
            nombres: r.get(1)?,
            rol: r.get(2)?,
            direccion: r.get(3)?,
            citada_desde: None,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// The diligencias of a proceso, in the order they were recorded.
pub(crate) fn citaciones_de(c: &rusqlite::Connection, proceso_id: i64) -> Result<Vec<Citacion>> {
    let mut st = c.prepare_cached(
        "SELECT c.parte, c.tipo, c.fecha, c.detalle, c.usuario, COALESCE(c.acto, 'orden_pago'), c.hora, c.direccion, c.receptor,
                c.receptor_identificacion, c.relacion, c.latitud, c.longitud, COALESCE(c.citador, c.usuario),
                COALESCE(u.nombres, c.citador, c.usuario), COALESCE(c.resultado, 'citado'), c.fotos
         FROM citaciones c LEFT JOIN usuarios u ON u.usuario = COALESCE(c.citador, c.usuario)
         WHERE c.proceso_id = ?1 ORDER BY c.id",
    )?;
    let v = st.query_map([proceso_id], |r| {
        let fotos: Option<String> = r.get(16)?;
        Ok(Citacion {
            parte: r.get(0)?,
            tipo: r.get(1)?,
            fecha: r.get(2)?,
            detalle: r.get(3)?,
            usuario: r.get(4)?,
            acto: r.get(5)?,
            hora: r.get(6)?,
            direccion: r.get(7)?,
            receptor: r.get(8)?,
            receptor_identificacion: r.get(9)?,
            relacion: r.get(10)?,
            latitud: r.get(11)?,
            longitud: r.get(12)?,
            citador: r.get(13)?,
            citador_nombres: r.get(14)?,
            resultado: r.get(15)?,
            fotos: fotos
                .map(|f| f.split(',').filter_map(|x| x.parse().ok()).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// The day proceso `proceso_id` was opened.
pub(crate) fn fecha_de_apertura(db: &dyn Reader, proceso_id: i64) -> Result<NaiveDate> {
    let abierto: String = db.conn().query_row(
        "SELECT abierto_en FROM procesos WHERE id = ?1",
        [proceso_id],
        |r| r.get(0),
    )?;
    Ok(fecha_de(&abierto).unwrap_or(NaiveDate::MIN))
}

fn anterior_a_suspension(store: &dyn Reader, proceso_id: i64) -> Result<Option<Etapa>> {
    let v: Option<String> = store.conn().query_row(
        "SELECT etapa_anterior FROM procesos WHERE id = ?1",
        [proceso_id],
        |r| r.get(0),
    )?;
    v.map(|e| Etapa::parse(&e)).transpose()
}

/// Adds a garante or codeudor, who is also served and can be pursued.
pub fn agregar_parte(
    store: &mut Store,
    actor: &Actor,
    numero: &str,
    identificacion: &str,
    nombres: &str,
    codeudor: bool,
    direccion: Option<&str>,
) -> Result<()> {
    actor.exigir(Accion::Tramitar)?;
    crate::identificacion::validar(identificacion).map_err(Error::entrada)?;
    if nombres.trim().is_empty() {
        return Err(Error::entrada("faltan los nombres del garante"));
    }
    let rol = if codeudor { "codeudor" } else { "garante" };
    store.write(&actor.usuario, |tx| {
        let p = exigir_a_cargo(tx, actor, numero)?;
        let n = tx.conn().execute(
            "INSERT OR IGNORE INTO partes (proceso_id, identificacion, nombres, rol, direccion) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![p.id, identificacion.trim(), nombres.trim(), rol, direccion],
        )?;
        if n == 0 {
            return Err(Error::Conflicto(format!("{identificacion} ya es parte del proceso {numero}")));
        }
        tx.registrar(
            numero,
            &Evento::ProcesoParte(ev::ProcesoParte {
                identificacion: identificacion.trim().to_string(),
                nombres: nombres.trim().to_string(),
                rol: rol.to_string(),
                direccion: direccion.map(str::to_string),
            }),
        )?;
        Ok(())
    })
}

/// Moves a proceso to another stage, if the move is allowed. `desde` is the date the new
/// stage takes effect (e.g. the notification date that starts a término); today by default.
pub fn cambiar_etapa(
    store: &mut Store,
    actor: &Actor,
    numero: &str,
    nueva: Etapa,
    desde: Option<NaiveDate>,
    motivo: Option<&str>,
) -> Result<Proceso> {
    actor.exigir(Accion::Tramitar)?;
    if matches!(nueva, Etapa::Anulado | Etapa::Suspendido)
        && motivo.is_none_or(|m| m.trim().is_empty())
    {
        return Err(Error::entrada(format!(
            "pasar a {} necesita el motivo (--motivo)",
            nueva.nombre()
        )));
    }
    store.write(&actor.usuario, |tx| {
        // Read and checked under the write lock: two changes at once cannot both pass.
        let p = exigir_a_cargo(tx, actor, numero)?;
        let anterior = anterior_a_suspension(tx, p.id)?;
        p.etapa.puede_pasar(nueva, anterior)?;
        if p.etapa == Etapa::Suspendido && nueva != Etapa::Anulado {
            let pendiente: Option<i64> = tx
                .conn()
                .query_row(
                    "SELECT e.id FROM excepciones e WHERE e.proceso = ?1 AND e.suspende = 1
                     AND NOT EXISTS (SELECT 1 FROM excepciones_resoluciones r WHERE r.excepcion_id = e.id) ORDER BY e.id LIMIT 1",
                    [numero],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(x) = pendiente {
                return Err(Error::entrada(format!(
                    "el proceso {numero} está suspendido por la excepción N.º {x}, pendiente: se reanuda al registrar su resolución"
                )));
            }
        }
        let hoy = fechas::hoy(tx.clock());
        let desde = desde.unwrap_or(hoy);
        if desde > hoy {
            return Err(Error::entrada(format!(
                "la fecha {} está en el futuro",
                fechas::corta(desde)
            )));
        }
        if let Some(actual) = fecha_de(&p.etapa_desde) {
            if desde < actual {
                return Err(Error::entrada(format!(
                    "la fecha {} es anterior al {}, cuando el proceso pasó a {}",
                    fechas::corta(desde),
                    fechas::corta(actual),
                    p.etapa.nombre()
                )));
            }
        }
        pasar_en(tx, numero, &p, nueva, desde, motivo)
    })
}

/// Moves proceso `p` to `nueva` inside a use case's transaction (checked by the caller):
/// the row, the stage history and the change log.
pub(crate) fn pasar_en(
    tx: &mut Tx<'_>,
    numero: &str,
    p: &Proceso,
    nueva: Etapa,
    desde: NaiveDate,
    motivo: Option<&str>,
) -> Result<Proceso> {
    let ahora = tx.ahora();
    let etapa_anterior = (nueva == Etapa::Suspendido).then(|| p.etapa.codigo());
    tx.conn().execute(
        "UPDATE procesos SET etapa = ?2, etapa_desde = ?3, etapa_anterior = ?4 WHERE id = ?1",
        params![p.id, nueva.codigo(), fechas::iso(desde), etapa_anterior],
    )?;
    tx.conn().execute(
        "INSERT INTO etapas (proceso_id, etapa, desde, motivo, usuario, registrado_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.id, nueva.codigo(), fechas::iso(desde), motivo, tx.actor(), ahora],
    )?;
    tx.registrar(
        numero,
        &Evento::ProcesoEtapa(ev::ProcesoEtapa {
            de: p.etapa,
            a: nueva,
            desde,
            motivo: motivo.map(str::to_string),
        }),
    )?;
    exigir(tx, numero)
}

pub const TIPOS_CITACION: [&str; 5] = ["personal", "boleta1", "boleta2", "prensa", "electronica"];

/// A citación's kind as people read it.
pub fn nombre_citacion(tipo: &str) -> &str {
    match tipo {
        "personal" => "en persona",
        "boleta1" => "primera boleta",
        "boleta2" => "segunda boleta",
        "prensa" => "por la prensa",
        "electronica" => "por medios electrónicos",
        t => t,
    }
}

/// Records that a party was served: personally, by first or second boleta, by the press or
/// electronically, with the hour (now, for today's) and the rest of the diligencia empty.
/// The full diligencia is [`crate::citaciones::registrar`].
pub fn citar(
    store: &mut Store,
    actor: &Actor,
    numero: &str,
    parte: &str,
    tipo: &str,
    fecha: Option<NaiveDate>,
    detalle: Option<&str>,
) -> Result<()> {
    crate::citaciones::registrar(
        store,
        actor,
        &crate::citaciones::Diligencia {
            numero: numero.to_string(),
            parte: parte.to_string(),
            tipo: tipo.to_string(),
            fecha,
            detalle: detalle.map(str::to_string),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// A stored date (`aaaa-mm-dd`, or the start of an RFC 3339 instant).
fn fecha_de(texto: &str) -> Option<NaiveDate> {
    texto.get(..10).and_then(|d| d.parse().ok())
}
