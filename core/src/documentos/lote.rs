//! The same document for many procesos at once: the órdenes de pago of a whole sorteo, the
//! boletas of a day. Copies are only read; foliating writes in transactions of [`TRAMO`]
//! procesos, each proceso in its own savepoint, so one that is refused (its stage, someone
//! else's proceso, the document already in its expediente) is reported and the others are
//! done. Progress is reported after every proceso and the person can cancel: what was done
//! stays done (and foliated), the rest is not touched.

use serde::Serialize;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{
    buscar_documento, corresponde, foliar_hecho, generar_n, siguiente_foja, Anticipado, Opciones,
    DE_DILIGENCIA, DE_MEDIDA,
};
use crate::procesos::Etapa;
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor, Rol};
use crate::{fechas, Error, Result};

/// Most procesos in one batch: its merged PDF is held in memory (about 35 kB a proceso).
pub const MAXIMO_LOTE: usize = 5_000;

/// Procesos foliated per write transaction: short enough that the base is never locked for
/// long, long enough that committing is not what takes the time.
const TRAMO: usize = 250;

/// Which procesos a batch is for.
#[derive(Debug, Clone)]
pub enum Seleccion {
    /// Every proceso the person may act on whose stage the document fits.
    Todos,
    /// The procesos opened from the títulos of a sorteo (or resorteo), whose stage it fits.
    Sorteo(i64),
    /// These procesos, by number, as given (each one's refusal is reported).
    Procesos(Vec<String>),
    /// The procesos the Procesos screen's search and filters show, whose stage it fits.
    Filtro(crate::procesos::Filtro),
}

/// One proceso done.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "HechoLote"))]
#[derive(Debug, Clone, Serialize)]
pub struct Hecho {
    pub proceso: String,
    /// The fojas it took, when foliated.
    pub desde: Option<i64>,
    pub hasta: Option<i64>,
    pub paginas: u32,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub pdf: Vec<u8>,
}

/// One proceso refused, and why (the same sentence a single print would give).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "FalloLote"))]
#[derive(Debug, Clone, Serialize)]
pub struct Fallo {
    pub proceso: String,
    /// `conflicto` when the document was already in its expediente (see [`crate::Error::codigo`]).
    pub codigo: String,
    pub mensaje: String,
}

/// A batch's outcome.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Lote {
    pub documento: String,
    /// The document's title, for messages.
    pub nombre: String,
    pub foliado: bool,
    /// How many procesos were asked for.
    pub pedidos: usize,
    pub hechos: Vec<Hecho>,
    pub fallidos: Vec<Fallo>,
    /// The person cancelled: `hechos` and `fallidos` cover the procesos before that.
    pub cancelado: bool,
}

impl Lote {
    pub fn paginas(&self) -> u32 {
        self.hechos.iter().map(|h| h.paginas).sum()
    }
}

/// Whether `documento` can be printed for many procesos at once (the actas and oficios come
/// out of their own diligencia, one at a time; the whole expediente is printed alone).
fn admitir(documento: &str) -> Result<&'static str> {
    let (_, _, titulo, _) = buscar_documento(documento)?;
    if documento == "expediente"
        || DE_MEDIDA.contains(&documento)
        || DE_DILIGENCIA.contains(&documento)
    {
        return Err(Error::entrada(format!(
            "«{titulo}» se imprime desde el expediente de cada proceso, no para varios a la vez"
        )));
    }
    Ok(titulo)
}

/// The documents a batch can print: (command name, title).
pub fn documentos() -> Vec<(&'static str, &'static str)> {
    super::DOCUMENTOS
        .iter()
        .filter(|d| admitir(d.0).is_ok())
        .map(|d| (d.0, d.2))
        .collect()
}

/// The procesos of `seleccion`, in number order: for [`Seleccion::Todos`] and
/// [`Seleccion::Sorteo`], those `actor` may act on (a Secretario-Abogado, his own) whose stage
/// the document fits.
pub fn procesos(
    db: &dyn Reader,
    actor: &Actor,
    documento: &str,
    seleccion: &Seleccion,
) -> Result<Vec<String>> {
    admitir(documento)?;
    let propios = (actor.rol == Rol::Abogado).then(|| actor.abogado.clone().unwrap_or_default());
    let filas: Vec<(String, String, String)> = match seleccion {
        Seleccion::Procesos(v) => {
            let mut vistos = std::collections::HashSet::new();
            return Ok(v
                .iter()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty() && vistos.insert(n.clone()))
                .collect());
        }
        Seleccion::Todos => {
            let mut st = db
                .conn()
                .prepare("SELECT numero, etapa, abogado FROM procesos ORDER BY id")?;
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            v
        }
        Seleccion::Filtro(f) => {
            let (total, v) = crate::procesos::filtrar(db, f, 0, MAXIMO_LOTE as i64 + 1)?;
            if total > MAXIMO_LOTE as i64 {
                return Err(Error::entrada(format!(
                    "la búsqueda muestra {} procesos y un lote es de hasta {}: afine los filtros",
                    crate::texto::miles(total),
                    crate::texto::miles(MAXIMO_LOTE as i64)
                )));
            }
            v.into_iter()
                .map(|p| (p.numero, p.etapa.codigo().to_string(), p.abogado))
                .collect()
        }
        Seleccion::Sorteo(n) => {
            let existe: bool = db.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM sorteos WHERE numero = ?1)",
                [n],
                |r| r.get(0),
            )?;
            if !existe {
                return Err(Error::NoEncontrado(format!("no existe el sorteo N.º {n}")));
            }
            let mut st = db.conn().prepare(
                "SELECT p.numero, p.etapa, p.abogado FROM procesos p
                 WHERE p.titulo IN (SELECT titulo FROM asignaciones WHERE sorteo = ?1) ORDER BY p.id",
            )?;
            let v = st
                .query_map([n], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            v
        }
    };
    Ok(filas
        .into_iter()
        .filter(|(_, etapa, abogado)| {
            propios.as_deref().is_none_or(|a| a == abogado)
                && Etapa::parse(etapa).is_ok_and(|e| corresponde(documento, e))
        })
        .map(|(n, _, _)| n)
        .collect())
}

/// Prints `documento` for each of `numeros` (foliating it when `foliar`). Each proceso's PDF
/// is handed to `entregar` (which saves it) inside its savepoint, before the foliation
/// commits: a file that cannot be written leaves that proceso unfoliated and reported, and a
/// batch killed half-way leaves no foliation without its file. `avance` gets (done, total)
/// after each proceso; when it answers `false` the batch stops there.
#[allow(clippy::too_many_arguments)]
pub fn imprimir(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    numeros: &[String],
    foliar: bool,
    o: &Opciones,
    entregar: &mut dyn FnMut(&Hecho) -> Result<()>,
    avance: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Lote> {
    actor.exigir(Accion::Consultar)?;
    let nombre = admitir(documento)?;
    if numeros.is_empty() {
        return Err(Error::entrada(
            "no hay procesos para imprimir: la selección está vacía",
        ));
    }
    if numeros.len() > MAXIMO_LOTE {
        return Err(Error::entrada(format!(
            "un lote es de hasta {} procesos y se pidieron {}: imprímalos por sorteo o en partes",
            crate::texto::miles(MAXIMO_LOTE as i64),
            crate::texto::miles(numeros.len() as i64)
        )));
    }
    if foliar {
        actor.exigir(if matches!(documento, "boleta" | "razon-citacion") {
            Accion::Citar
        } else {
            Accion::Foliar
        })?;
    }
    let mut lote = Lote {
        documento: documento.to_string(),
        nombre: nombre.to_string(),
        foliado: foliar,
        pedidos: numeros.len(),
        hechos: vec![],
        fallidos: vec![],
        cancelado: false,
    };
    let total = numeros.len();
    let fallo = |numero: &str, e: Error| Fallo {
        proceso: numero.to_string(),
        codigo: e.codigo().to_string(),
        mensaje: e.to_string(),
    };
    // Documents are laid out on every core, each worker on its own read-only connection; this
    // thread takes them in order, writes the files and foliates.
    let mut lectores = lectores(store)?;
    if !foliar {
        let ahora = fechas::marca(store.clock());
        let mut error = None;
        en_paralelo(
            &mut lectores,
            numeros,
            |db, numero| {
                crate::procesos::exigir(db, numero)
                    .and_then(|_| generar_n(db.conn(), documento, numero, o, &ahora, None))
            },
            |i, numero, generado| {
                let generado = match generado {
                    Some(g) => g,
                    None => crate::procesos::exigir(store, numero)
                        .and_then(|_| generar_n(store.conn(), documento, numero, o, &ahora, None)),
                };
                let r = generado
                    .map(|(pdf, _, paginas)| hecho(numero, paginas, None, pdf))
                    .and_then(|h| entregar(&h).map(|_| h));
                match r {
                    Ok(h) => lote.hechos.push(h),
                    Err(e @ (Error::Db(_) | Error::Io(_) | Error::Interno(_))) => {
                        error = Some(e);
                        return false;
                    }
                    Err(e) => lote.fallidos.push(fallo(numero, e)),
                }
                if !avance(i + 1, total) {
                    lote.cancelado = i + 1 < total;
                    return false;
                }
                true
            },
        );
        return match error {
            Some(e) => Err(e),
            None => Ok(lote),
        };
    }
    let mut hechos = 0;
    'tramos: for tramo in numeros.chunks(TRAMO) {
        let (h, f, seguir) = store.write(&actor.usuario, |tx| {
            let (mut h, mut f) = (vec![], vec![]);
            let ahora = tx.ahora();
            let mut error = None;
            let mut seguir = true;
            en_paralelo(
                &mut lectores,
                tramo,
                |db, numero| {
                    let foja = siguiente_foja(db, numero)?;
                    Ok(Anticipado {
                        foja,
                        ahora: ahora.clone(),
                        generado: generar_n(db.conn(), documento, numero, o, &ahora, Some(foja)),
                    })
                },
                |_, numero, anticipado| {
                    // A worker's own failure (reading its connection) is no answer: this thread
                    // lays the document out again.
                    let anticipado = anticipado.and_then(|a| a.ok());
                    let r = tx.intentar(|tx| {
                        let (pdf, a) = foliar_hecho(tx, actor, documento, numero, o, anticipado)?;
                        let h = hecho(
                            numero,
                            (a.hasta - a.desde + 1) as u32,
                            Some((a.desde, a.hasta)),
                            pdf,
                        );
                        entregar(&h)?;
                        Ok(h)
                    });
                    match r {
                        Ok(Ok(x)) => h.push(x),
                        Ok(Err(e)) => f.push(fallo(numero, e)),
                        Err(e) => {
                            error = Some(e);
                            return false;
                        }
                    }
                    hechos += 1;
                    if !avance(hechos, total) {
                        seguir = false;
                        return false;
                    }
                    true
                },
            );
            match error {
                Some(e) => Err(e),
                None => Ok((h, f, seguir)),
            }
        })?;
        lote.hechos.extend(h);
        lote.fallidos.extend(f);
        if !seguir {
            lote.cancelado = hechos < total;
            break 'tramos;
        }
    }
    log::info!(
        "lote de {documento}: {} impresos y foliados, {} rechazados",
        lote.hechos.len(),
        lote.fallidos.len()
    );
    Ok(lote)
}

/// Read-only connections for the workers: one a core, none for a database in memory (or on a
/// single core), where everything is laid out on the calling thread.
fn lectores(store: &Store) -> Result<Vec<Store>> {
    let n = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if n < 2 {
        return Ok(vec![]);
    }
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        match store.otro_lector()? {
            Some(l) => v.push(l),
            None => return Ok(vec![]),
        }
    }
    Ok(v)
}

/// Runs `hacer` for each of `numeros` on the workers (one per reader) and hands each result, in
/// order, to `tomar` on this thread (`None` when there are no workers: `tomar` does the work
/// itself). When `tomar` answers `false` the workers stop after what they are doing.
fn en_paralelo<T: Send>(
    lectores: &mut [Store],
    numeros: &[String],
    hacer: impl Fn(&Store, &str) -> Result<T> + Sync,
    mut tomar: impl FnMut(usize, &str, Option<Result<T>>) -> bool,
) {
    if lectores.is_empty() {
        for (i, n) in numeros.iter().enumerate() {
            if !tomar(i, n, None) {
                return;
            }
        }
        return;
    }
    let siguiente = AtomicUsize::new(0);
    let parar = AtomicBool::new(false);
    std::thread::scope(|s| {
        // Bounded: the workers stay a few documents ahead of this thread, not a whole batch.
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<T>)>(2 * lectores.len());
        for db in lectores.iter_mut() {
            let (tx, siguiente, parar, hacer) = (tx.clone(), &siguiente, &parar, &hacer);
            s.spawn(move || loop {
                if parar.load(Ordering::Relaxed) {
                    return;
                }
                let i = siguiente.fetch_add(1, Ordering::Relaxed);
                let Some(n) = numeros.get(i) else { return };
                if tx.send((i, hacer(&*db, n))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let mut pendientes = std::collections::BTreeMap::new();
        for (i, n) in numeros.iter().enumerate() {
            let r = loop {
                if let Some(r) = pendientes.remove(&i) {
                    break Some(r);
                }
                match rx.recv() {
                    Ok((k, r)) => {
                        pendientes.insert(k, r);
                    }
                    // A worker that panicked: this thread does that one.
                    Err(_) => break None,
                }
            };
            if !tomar(i, n, r) {
                parar.store(true, Ordering::Relaxed);
                return;
            }
        }
    });
}

fn hecho(numero: &str, paginas: u32, fojas: Option<(i64, i64)>, pdf: Vec<u8>) -> Hecho {
    Hecho {
        proceso: numero.to_string(),
        desde: fojas.map(|f| f.0),
        hasta: fojas.map(|f| f.1),
        paginas,
        pdf,
    }
}

/// The batch as one PDF, proceso after proceso, each document's pages as they were printed.
pub fn unido(lote: &Lote) -> Result<Vec<u8>> {
    super::expediente_pdf::unir(
        lote.hechos.iter().map(|h| h.pdf.as_slice()),
        &format!("{} — {} procesos", lote.nombre, lote.hechos.len()),
    )
}
