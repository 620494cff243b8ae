//! The unit's reports (C.D. 497 §3.5.3 i, k): what the Jefe reads and sends to the Dirección
//! Nacional, each as figures (for the screen and `--json`), as a PDF with the unit's heading and
//! as an XLSX with real numbers. Every figure is computed here, once: the window, the command and
//! the files show the same one.
//!
//! Each report computes its figures into its own struct (what `--json` prints, with keys
//! scripts rely on) and turns them into a [`tabla::Reporte`], the one shape the screen, the
//! command's table, the PDF and the workbook are drawn from. Reports are reads: no
//! transaction, no change log.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dinero::Centavos;
use crate::pdf::{Documento, Encabezado};
use crate::procesos::Etapa;
use crate::store::Reader;
use crate::usuarios::{Accion, Actor, Rol};
use crate::{fechas, Error, Result};

/// The reports there are: (command name, title).
pub const REPORTES: [(&str, &str); 9] = [
    ("inventario", "Inventario de procesos coactivos"),
    ("antiguedad", "Antigüedad de la cartera en coactiva"),
    (
        "recaudacion",
        "Recaudación por mes y por Secretario-Abogado",
    ),
    ("bimestral", "Informe bimestral a la Dirección Nacional"),
    ("mora", "Mora por estado: títulos de crédito"),
    ("evaluacion", "Evaluación de los Secretarios-Abogados"),
    ("insolvencia", "Procesos remitidos a insolvencia"),
    ("bienes", "Bienes embargados"),
    ("citadores", "Evaluación de los citadores-notificadores"),
];

/// Whether report `nombre` covers a period (`desde`–`hasta`) rather than a day.
pub fn de_periodo(nombre: &str) -> bool {
    matches!(
        nombre,
        "recaudacion" | "bimestral" | "evaluacion" | "citadores"
    )
}

pub mod gestion;
pub mod mora;
pub mod tabla;

pub use gestion::{bimestral, evaluacion, Bimestral, Evaluacion};
pub use mora::{mora, Mora};
pub use tabla::Reporte;

/// A report's figures, each in its own shape (what `--json` prints).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Datos {
    Inventario(Inventario),
    Antiguedad(Inventario),
    Recaudacion(Recaudacion),
    Bimestral(Bimestral),
    Mora(Mora),
    Evaluacion(Evaluacion),
    Insolvencia(crate::insolvencia::Informe),
    Bienes(Bienes),
    Citadores(Citadores),
}

/// The bienes embargados as they stand today.
#[derive(Debug, Clone, Serialize)]
pub struct Bienes {
    pub al: NaiveDate,
    #[serde(flatten)]
    pub inventario: crate::bienes::Inventario,
}

/// The evaluation of citadores in a period.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "EvaluacionCitadores"))]
#[derive(Debug, Clone, Serialize)]
pub struct Citadores {
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub citadores: Vec<crate::citaciones::Evaluacion>,
}

/// Report `nombre` for `desde`–`hasta` (a report of a day takes only `hasta`, today when
/// absent), as `actor` may see it.
pub fn hacer(
    db: &dyn Reader,
    actor: &Actor,
    nombre: &str,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
) -> Result<Datos> {
    let titulo = titulo(nombre)?;
    if desde.is_some() && !de_periodo(nombre) {
        return Err(Error::entrada(format!(
            "«{titulo}» es una foto a una fecha, no un período: indique solo hasta qué día"
        )));
    }
    actor.exigir(Accion::Consultar)?;
    Ok(match nombre {
        "inventario" => Datos::Inventario(inventario(db, actor, hasta)?),
        "antiguedad" => Datos::Antiguedad(inventario(db, actor, hasta)?),
        "recaudacion" => Datos::Recaudacion(recaudacion(db, actor, desde, hasta)?),
        "bimestral" => Datos::Bimestral(bimestral(db, actor, desde, hasta)?),
        "mora" => Datos::Mora(mora(db, actor, hasta)?),
        "evaluacion" => Datos::Evaluacion(evaluacion(db, actor, desde, hasta)?),
        "insolvencia" => Datos::Insolvencia(crate::insolvencia::informe(
            db,
            actor,
            Some(fecha_de_corte(db, hasta)?),
        )?),
        "bienes" => {
            let hoy = fechas::hoy(db.clock());
            if hasta.is_some_and(|d| d != hoy) {
                return Err(Error::entrada(
                    "los bienes embargados se informan como están hoy: deje vacía la fecha",
                ));
            }
            Datos::Bienes(Bienes {
                al: hoy,
                inventario: crate::bienes::inventario(
                    db,
                    &crate::bienes::FiltroInventario::default(),
                )?,
            })
        }
        "citadores" => {
            let (desde, hasta) = periodo(db, desde, hasta)?;
            let mut citadores = crate::citaciones::evaluacion(db, desde, hasta)?;
            if actor.rol == Rol::Citador {
                citadores.retain(|c| c.citador == actor.usuario);
            }
            Datos::Citadores(Citadores {
                desde,
                hasta,
                citadores,
            })
        }
        otro => return Err(no_existe(otro)),
    })
}

impl Datos {
    /// The figures as a report to show or save, amounts as the unit writes them.
    pub fn reporte(&self, f: crate::dinero::Formato) -> Reporte {
        match self {
            Datos::Inventario(i) => i.reporte("inventario", f),
            Datos::Antiguedad(i) => i.reporte("antiguedad", f),
            Datos::Recaudacion(r) => r.reporte(f),
            Datos::Bimestral(b) => b.reporte(f),
            Datos::Mora(m) => m.reporte(f),
            Datos::Evaluacion(e) => e.reporte(f),
            Datos::Insolvencia(i) => reporte_insolvencia(i, f),
            Datos::Bienes(b) => reporte_bienes(b.al, &b.inventario, f),
            Datos::Citadores(c) => reporte_citadores(c),
        }
    }
}

/// Report `nombre` as `formato` (`pdf` or `xlsx`): the bytes, and the day it is at.
pub fn archivo(
    db: &dyn Reader,
    actor: &Actor,
    nombre: &str,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
    formato: &str,
) -> Result<(Vec<u8>, Reporte)> {
    if formato != "pdf" && formato != "xlsx" {
        return Err(Error::entrada("el reporte se guarda en PDF o en XLSX"));
    }
    let f = crate::unidad::exigir(db)?.formato_importe;
    let r = hacer(db, actor, nombre, desde, hasta)?.reporte(f);
    let bytes = if formato == "pdf" {
        tabla::pdf(db, &r)?
    } else {
        tabla::xlsx(&r)?
    };
    Ok((bytes, r))
}

/// Amount bands of the inventory, by the título's total: (upper bound in cents, name).
const BANDAS_MONTO: [(i64, &str); 5] = [
    (100_000, "hasta USD 1.000"),
    (500_000, "de USD 1.000,01 a 5.000"),
    (2_000_000, "de USD 5.000,01 a 20.000"),
    (10_000_000, "de USD 20.000,01 a 100.000"),
    (i64::MAX, "más de USD 100.000"),
];

/// Age bands: days since the obligation became exigible (upper bound, name).
const BANDAS_EDAD: [(i64, &str); 4] = [
    (90, "de 0 a 90 días"),
    (180, "de 91 a 180 días"),
    (360, "de 181 a 360 días"),
    (i64::MAX, "más de 360 días"),
];

/// One line of a report: a stage, an abogado, a band.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "GrupoReporte"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Grupo {
    /// What the line is, for programs (`orden_pago`, an abogado's cédula, `0-90`).
    pub clave: String,
    /// What the line is, for people.
    pub nombre: String,
    pub procesos: i64,
    pub capital: Centavos,
    /// The títulos' total (capital and the interest the título liquidated).
    pub total: Centavos,
}

/// The procesos in force at a date (not paid, not annulled), grouped four ways; every grouping
/// adds up to the same `procesos`, `capital` and `total`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "InventarioProcesos"))]
#[derive(Debug, Clone, Serialize)]
pub struct Inventario {
    pub al: NaiveDate,
    pub procesos: i64,
    pub capital: Centavos,
    pub total: Centavos,
    pub por_etapa: Vec<Grupo>,
    pub por_abogado: Vec<Grupo>,
    pub por_monto: Vec<Grupo>,
    pub por_antiguedad: Vec<Grupo>,
}

/// The cut date: the one asked, or today; never after today (a report of the future would
/// look like data).
fn fecha_de_corte(db: &dyn Reader, al: Option<NaiveDate>) -> Result<NaiveDate> {
    let hoy = fechas::hoy(db.clock());
    match al {
        Some(d) if d > hoy => Err(Error::entrada(format!(
            "el corte es a una fecha pasada o de hoy, y el {} aún no llega",
            fechas::corta(d)
        ))),
        Some(d) => Ok(d),
        None => Ok(hoy),
    }
}

/// Adds a proceso of `capital` and `total` to the line `clave` of `g` (created with `nombre`
/// the first time).
fn sumar(
    g: &mut Vec<Grupo>,
    indice: &mut rustc_hash::FxHashMap<String, usize>,
    clave: &str,
    nombre: impl FnOnce() -> String,
    (capital, total): (i64, i64),
) {
    let i = match indice.get(clave) {
        Some(i) => *i,
        None => {
            g.push(Grupo {
                clave: clave.to_string(),
                nombre: nombre(),
                procesos: 0,
                capital: Centavos(0),
                total: Centavos(0),
            });
            indice.insert(clave.to_string(), g.len() - 1);
            g.len() - 1
        }
    };
    g[i].procesos += 1;
    g[i].capital.0 += capital;
    g[i].total.0 += total;
}

/// A text column borrowed from the row (none when it is not text).
fn texto_de<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(b) => std::str::from_utf8(b).unwrap_or_default(),
        _ => "",
    })
}

/// «orden de pago» → «Orden de pago», as a line of a table starts.
fn mayuscula(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |p| p.to_uppercase().chain(c).collect())
}

/// The band `valor` falls in: its index.
fn banda(bandas: &[(i64, &str)], valor: i64) -> usize {
    bandas
        .iter()
        .position(|(hasta, _)| valor <= *hasta)
        .unwrap_or(bandas.len() - 1)
}

/// Age band `clave` (`0-90`, `91-180`, `181-360`, `360+`) as days since exigible: (at least,
/// at most).
pub fn banda_de_edad(clave: &str) -> Result<(i64, Option<i64>)> {
    (0..BANDAS_EDAD.len())
        .find(|k| clave_edad(*k) == clave)
        .map(|k| {
            let desde = if k == 0 { 0 } else { BANDAS_EDAD[k - 1].0 + 1 };
            let hasta = (BANDAS_EDAD[k].0 != i64::MAX).then_some(BANDAS_EDAD[k].0);
            (desde, hasta)
        })
        .ok_or_else(|| {
            Error::entrada(format!(
                "la antigüedad «{clave}» no existe; use 0-90, 91-180, 181-360 o 360+"
            ))
        })
}

/// The age bands' keys, in [`BANDAS_EDAD`]'s order.
const CLAVES_EDAD: [&str; 4] = ["0-90", "91-180", "181-360", "360+"];

fn clave_edad(k: usize) -> String {
    CLAVES_EDAD[k.min(3)].to_string()
}

/// The inventory at `al` (today when `None`): the procesos `actor` may see (a
/// Secretario-Abogado, his own) opened by then and in force (not paid, not annulled). One pass
/// over the rows, nothing copied but the lines' names.
pub fn inventario(db: &dyn Reader, actor: &Actor, al: Option<NaiveDate>) -> Result<Inventario> {
    actor.exigir(Accion::Consultar)?;
    let al = fecha_de_corte(db, al)?;
    let propios = (actor.rol == Rol::Abogado).then(|| actor.abogado.clone().unwrap_or_default());
    let nombres: HashMap<String, String> = crate::abogados::listar(db)?
        .into_iter()
        .map(|a| (a.identificacion, a.nombres))
        .collect();
    let (mut etapas, mut abogados, mut montos, mut edades) = (vec![], vec![], vec![], vec![]);
    let (mut ie, mut ia, mut im, mut ied) = (
        rustc_hash::FxHashMap::default(),
        rustc_hash::FxHashMap::default(),
        rustc_hash::FxHashMap::default(),
        rustc_hash::FxHashMap::default(),
    );
    let (mut procesos, mut capital, mut total) = (0i64, 0i64, 0i64);
    let mut st = db.conn().prepare_cached(
        "SELECT p.etapa, p.abogado, t.capital, t.total, COALESCE(t.fecha_exigibilidad, t.fecha_emision)
         FROM procesos p JOIN titulos t ON t.numero = p.titulo
         WHERE p.etapa NOT IN ('pagado', 'anulado') AND substr(p.abierto_en, 1, 10) <= ?1
           AND (?2 IS NULL OR p.abogado = ?2)",
    )?;
    let mut filas = st.query(rusqlite::params![fechas::iso(al), propios])?;
    while let Some(r) = filas.next()? {
        let (etapa, abogado) = (texto_de(r, 0)?, texto_de(r, 1)?);
        let montos_fila: (i64, i64) = (r.get(2)?, r.get(3)?);
        let exigible = texto_de(r, 4)?
            .get(..10)
            .and_then(|d| d.parse::<NaiveDate>().ok());
        procesos += 1;
        capital += montos_fila.0;
        total += montos_fila.1;
        sumar(
            &mut etapas,
            &mut ie,
            etapa,
            || mayuscula(Etapa::parse(etapa).ok().map_or(etapa, |e| e.nombre())),
            montos_fila,
        );
        sumar(
            &mut abogados,
            &mut ia,
            abogado,
            || {
                nombres
                    .get(abogado)
                    .cloned()
                    .unwrap_or_else(|| abogado.to_string())
            },
            montos_fila,
        );
        let m = banda(&BANDAS_MONTO, montos_fila.1);
        sumar(
            &mut montos,
            &mut im,
            ["0", "1", "2", "3", "4"].get(m).copied().unwrap_or("4"),
            || BANDAS_MONTO[m].1.to_string(),
            montos_fila,
        );
        let dias = exigible.map_or(0, |d| (al - d).num_days().max(0));
        let k = banda(&BANDAS_EDAD, dias);
        sumar(
            &mut edades,
            &mut ied,
            CLAVES_EDAD[k.min(3)],
            || BANDAS_EDAD[k].1.to_string(),
            montos_fila,
        );
    }
    // Stages in the order a proceso goes through them; abogados alphabetically (Spanish);
    // bands from the smallest. Empty bands are shown too: a zero is a figure.
    let orden_etapa = |c: &str| {
        Etapa::TODAS
            .iter()
            .position(|e| e.codigo() == c)
            .unwrap_or(usize::MAX)
    };
    etapas.sort_by_key(|g| orden_etapa(&g.clave));
    abogados.sort_by(|a, b| crate::texto::orden_es(&a.nombre, &b.nombre));
    let completar =
        |g: Vec<Grupo>, bandas: &[(i64, &str)], clave: &dyn Fn(usize) -> String| -> Vec<Grupo> {
            (0..bandas.len())
                .map(|k| {
                    g.iter()
                        .find(|x| x.clave == clave(k))
                        .cloned()
                        .unwrap_or(Grupo {
                            clave: clave(k),
                            nombre: bandas[k].1.to_string(),
                            procesos: 0,
                            capital: Centavos(0),
                            total: Centavos(0),
                        })
                })
                .collect()
        };
    let montos = completar(montos, &BANDAS_MONTO, &|k| k.to_string());
    let edades = completar(edades, &BANDAS_EDAD, &clave_edad);
    Ok(Inventario {
        al,
        procesos,
        capital: Centavos(capital),
        total: Centavos(total),
        por_etapa: etapas,
        por_abogado: abogados,
        por_monto: montos,
        por_antiguedad: edades,
    })
}

fn no_existe(nombre: &str) -> Error {
    Error::entrada(format!(
        "no hay un reporte «{nombre}»; los reportes son: {}",
        REPORTES.iter().map(|r| r.0).collect::<Vec<_>>().join(", ")
    ))
}

/// The title of report `nombre`.
pub fn titulo(nombre: &str) -> Result<&'static str> {
    REPORTES
        .iter()
        .find(|r| r.0 == nombre)
        .map(|r| r.1)
        .ok_or_else(|| no_existe(nombre))
}

/// A report's PDF, begun: the unit's heading with `referencia` on every page, the instant it
/// was made, the title.
fn documento(
    db: &dyn Reader,
    titulo: &str,
    referencia: &str,
) -> Result<(Documento, crate::dinero::Formato)> {
    let u = crate::unidad::exigir(db)?;
    let mut d = Documento::new(
        titulo,
        referencia,
        Encabezado {
            institucion: "INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL".into(),
            unidad: format!("{} — Juzgado de Coactivas", u.nombre),
            referencia: referencia.to_string(),
        },
    )?;
    d.fechar(&fechas::marca(db.clock()));
    d.titulo(&titulo.to_uppercase(), 14.0);
    Ok((d, u.formato_importe))
}

/// A share of the total, as people read it: «12,5 %».
fn porcentaje(parte: i64, de: i64) -> String {
    if de == 0 {
        return "—".into();
    }
    let decimas = (parte as i128 * 1000 + de as i128 / 2) / de as i128;
    format!("{},{} %", decimas / 10, decimas % 10)
}

/// What was collected in a line of the recaudación: a month, an abogado.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "GrupoRecaudado"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Recaudado {
    pub clave: String,
    pub nombre: String,
    pub pagos: i64,
    pub procesos: i64,
    pub valor: Centavos,
    pub capital: Centavos,
    pub intereses: Centavos,
    pub costas: Centavos,
    pub honorarios: Centavos,
}

impl Recaudado {
    /// A line with nothing collected yet.
    fn vacio(clave: String, nombre: String) -> Recaudado {
        Recaudado {
            clave,
            nombre,
            pagos: 0,
            procesos: 0,
            valor: Centavos(0),
            capital: Centavos(0),
            intereses: Centavos(0),
            costas: Centavos(0),
            honorarios: Centavos(0),
        }
    }
}

/// The payments received in a period (annulled ones left out, as the liquidación does), by
/// month and by the proceso's Secretario-Abogado; both groupings add up to the totals.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Recaudacion"))]
#[derive(Debug, Clone, Serialize)]
pub struct Recaudacion {
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub total: Recaudado,
    pub por_mes: Vec<Recaudado>,
    pub por_abogado: Vec<Recaudado>,
}

/// The period: `desde` (the first of `hasta`'s year when absent) to `hasta` (today when
/// absent), in order, not in the future.
fn periodo(
    db: &dyn Reader,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate)> {
    use chrono::Datelike;
    let hasta = fecha_de_corte(db, hasta)?;
    let desde =
        desde.unwrap_or_else(|| NaiveDate::from_ymd_opt(hasta.year(), 1, 1).unwrap_or(hasta));
    if desde > hasta {
        return Err(Error::entrada(format!(
            "el período empieza el {} y termina antes, el {}: revise las fechas",
            fechas::corta(desde),
            fechas::corta(hasta)
        )));
    }
    Ok((desde, hasta))
}

/// The recaudación from `desde` to `hasta`.
pub fn recaudacion(
    db: &dyn Reader,
    actor: &Actor,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
) -> Result<Recaudacion> {
    use chrono::Datelike;
    actor.exigir(Accion::Consultar)?;
    let (desde, hasta) = periodo(db, desde, hasta)?;
    let propios = (actor.rol == Rol::Abogado).then(|| actor.abogado.clone().unwrap_or_default());
    let nombres: HashMap<String, String> = crate::abogados::listar(db)?
        .into_iter()
        .map(|a| (a.identificacion, a.nombres))
        .collect();
    let mut st = db.conn().prepare(
        "SELECT p.fecha, pr.numero, pr.abogado, p.valor, p.capital, p.intereses, p.costas, p.honorarios
         FROM pagos p JOIN procesos pr ON pr.titulo = p.titulo
         WHERE p.anula IS NULL AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id)
           AND p.fecha BETWEEN ?1 AND ?2 AND (?3 IS NULL OR pr.abogado = ?3)
         ORDER BY p.fecha, p.id",
    )?;
    let vacio = Recaudado::vacio;
    let mut total = vacio("total".into(), "Total".into());
    let mut meses: Vec<Recaudado> = vec![];
    let mut abogados: Vec<Recaudado> = vec![];
    // The procesos counted in each line (a proceso that paid twice counts once).
    let mut vistos: std::collections::HashSet<(u8, String, String)> = Default::default();
    let mut filas = st.query(rusqlite::params![
        desde.format("%Y-%m-%d").to_string(),
        hasta.format("%Y-%m-%d").to_string(),
        propios
    ])?;
    while let Some(r) = filas.next()? {
        let fecha: String = r.get(0)?;
        let Ok(fecha) = NaiveDate::parse_from_str(fecha.get(..10).unwrap_or_default(), "%Y-%m-%d")
        else {
            continue;
        };
        let (numero, abogado): (String, String) = (r.get(1)?, r.get(2)?);
        let montos: [i64; 5] = [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?];
        let mes = format!("{:04}-{:02}", fecha.year(), fecha.month());
        let nombre_mes = nombre_mes(fecha);
        let lineas: [(u8, &str, String, &mut Vec<Recaudado>); 2] = [
            (0, mes.as_str(), nombre_mes, &mut meses),
            (
                1,
                abogado.as_str(),
                nombres
                    .get(&abogado)
                    .cloned()
                    .unwrap_or_else(|| abogado.clone()),
                &mut abogados,
            ),
        ];
        for (k, clave, nombre, v) in lineas {
            let i = match v.iter().position(|g| g.clave == clave) {
                Some(i) => i,
                None => {
                    v.push(vacio(clave.to_string(), nombre));
                    v.len() - 1
                }
            };
            agregar(
                &mut v[i],
                montos,
                vistos.insert((k, clave.to_string(), numero.clone())),
            );
        }
        agregar(
            &mut total,
            montos,
            vistos.insert((2, String::new(), numero.clone())),
        );
    }
    abogados.sort_by(|a, b| crate::texto::orden_es(&a.nombre, &b.nombre));
    Ok(Recaudacion {
        desde,
        hasta,
        total,
        por_mes: meses,
        por_abogado: abogados,
    })
}

/// The months from `desde` to `hasta`, each with what `v` has for it or a zero.
pub fn meses_completos(desde: NaiveDate, hasta: NaiveDate, v: &[Recaudado]) -> Vec<Recaudado> {
    use chrono::Datelike;
    let mut out = vec![];
    let mut d = NaiveDate::from_ymd_opt(desde.year(), desde.month(), 1).unwrap_or(desde);
    while d <= hasta {
        let clave = format!("{:04}-{:02}", d.year(), d.month());
        out.push(
            v.iter()
                .find(|g| g.clave == clave)
                .cloned()
                .unwrap_or_else(|| Recaudado {
                    nombre: nombre_mes(d),
                    clave,
                    pagos: 0,
                    procesos: 0,
                    valor: Centavos(0),
                    capital: Centavos(0),
                    intereses: Centavos(0),
                    costas: Centavos(0),
                    honorarios: Centavos(0),
                }),
        );
        d = d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    out
}

/// «Noviembre de 2026».
fn nombre_mes(d: NaiveDate) -> String {
    mayuscula(fechas::larga(d).splitn(3, ' ').nth(2).unwrap_or_default())
}

fn agregar(
    g: &mut Recaudado,
    [valor, capital, intereses, costas, honorarios]: [i64; 5],
    proceso_nuevo: bool,
) {
    g.pagos += 1;
    g.procesos += i64::from(proceso_nuevo);
    g.valor.0 += valor;
    g.capital.0 += capital;
    g.intereses.0 += intereses;
    g.costas.0 += costas;
    g.honorarios.0 += honorarios;
}

impl Inventario {
    /// The inventory as report `nombre` (`inventario`: four groupings; `antiguedad`: by age).
    pub fn reporte(&self, nombre: &str, f: crate::dinero::Formato) -> Reporte {
        use tabla::{Celda, Seccion, Tipo};
        let seccion = |titulo: &str, primera: &str, grupos: &[Grupo], lista: Option<&str>| {
            let mut s = Seccion::new(
                titulo,
                &[
                    (primera, Tipo::Texto),
                    ("Procesos", Tipo::Entero),
                    ("%", Tipo::Parte),
                    ("Capital (USD)", Tipo::Dinero),
                    ("Total (USD)", Tipo::Dinero),
                ],
            );
            for g in grupos {
                s.fila(
                    Some(&g.clave),
                    vec![
                        Celda::texto(&g.nombre),
                        Celda::entero(g.procesos),
                        Celda::parte(g.procesos, self.procesos),
                        Celda::dinero(g.capital, f),
                        Celda::dinero(g.total, f),
                    ],
                );
            }
            let s = s
                .total(vec![
                    Celda::texto("Total"),
                    Celda::entero(self.procesos),
                    Celda::parte(self.procesos, self.procesos),
                    Celda::dinero(self.capital, f),
                    Celda::dinero(self.total, f),
                ])
                .grafico(1);
            match lista {
                Some(l) => s.lista(l),
                None => s,
            }
        };
        let edad = seccion(
            "Por antigüedad desde la exigibilidad",
            "Antigüedad",
            &self.por_antiguedad,
            Some("antiguedad"),
        );
        let secciones = if nombre == "antiguedad" {
            vec![edad]
        } else {
            vec![
                seccion("Por etapa", "Etapa", &self.por_etapa, Some("etapa")),
                seccion(
                    "Por Secretario-Abogado",
                    "Secretario-Abogado",
                    &self.por_abogado,
                    Some("abogado"),
                ),
                seccion("Por monto del título", "Monto", &self.por_monto, None),
                edad,
            ]
        };
        Reporte {
            nombre: nombre.into(),
            titulo: titulo(nombre).unwrap_or_default().into(),
            desde: None,
            hasta: self.al,
            resumen: format!(
                "Al {}: {} en trámite, capital USD {}, total de los títulos USD {}.",
                fechas::larga(self.al),
                crate::texto::cuantos(self.procesos, "proceso", "procesos"),
                self.capital.agrupado(f),
                self.total.agrupado(f)
            ),
            notas: vec![],
            secciones,
        }
    }
}

impl Recaudacion {
    pub fn reporte(&self, f: crate::dinero::Formato) -> Reporte {
        use tabla::{Celda, Seccion, Tipo};
        let fila = |g: &Recaudado| {
            vec![
                Celda::texto(&g.nombre),
                Celda::entero(g.pagos),
                Celda::entero(g.procesos),
                Celda::dinero(g.valor, f),
                Celda::dinero(g.capital, f),
                Celda::dinero(g.intereses, f),
                Celda::dinero(g.costas, f),
                Celda::dinero(g.honorarios, f),
            ]
        };
        let seccion = |titulo: &str, primera: &str, grupos: &[Recaudado]| {
            let mut s = Seccion::new(
                titulo,
                &[
                    (primera, Tipo::Texto),
                    ("Pagos", Tipo::Entero),
                    ("Procesos", Tipo::Entero),
                    ("Recaudado (USD)", Tipo::Dinero),
                    ("Capital (USD)", Tipo::Dinero),
                    ("Intereses (USD)", Tipo::Dinero),
                    ("Costas (USD)", Tipo::Dinero),
                    ("Honorarios (USD)", Tipo::Dinero),
                ],
            );
            for g in grupos {
                s.fila(Some(&g.clave), fila(g));
            }
            s.total(fila(&self.total)).grafico(3)
        };
        Reporte {
            nombre: "recaudacion".into(),
            titulo: titulo("recaudacion").unwrap_or_default().into(),
            desde: Some(self.desde),
            hasta: self.hasta,
            resumen: format!(
                "Del {} al {}: USD {} en {} de {}; de ello, USD {} de capital y USD {} de intereses.",
                fechas::larga(self.desde),
                fechas::larga(self.hasta),
                self.total.valor.agrupado(f),
                crate::texto::cuantos(self.total.pagos, "pago", "pagos"),
                crate::texto::cuantos(self.total.procesos, "proceso", "procesos"),
                self.total.capital.agrupado(f),
                self.total.intereses.agrupado(f)
            ),
            notas: vec![],
            secciones: vec![
                seccion("Por mes", "Mes", &self.por_mes).lista("mes"),
                seccion("Por Secretario-Abogado", "Secretario-Abogado", &self.por_abogado)
                    .lista("abogado"),
            ],
        }
    }
}

fn reporte_insolvencia(i: &crate::insolvencia::Informe, f: crate::dinero::Formato) -> Reporte {
    use tabla::{Celda, Seccion, Tipo};
    let mut s = Seccion::new(
        "Procesos remitidos",
        &[
            ("Proceso", Tipo::Texto),
            ("Coactivado", Tipo::Texto),
            ("Secretario-Abogado", Tipo::Texto),
            ("Remitido", Tipo::Fecha),
            ("Saldo (USD)", Tipo::Dinero),
            ("Estado", Tipo::Texto),
        ],
    );
    for p in &i.procesos {
        s.fila(
            Some(&p.proceso),
            vec![
                Celda::texto(if p.en_el_bimestre {
                    format!("{} (nuevo)", p.proceso)
                } else {
                    p.proceso.clone()
                }),
                Celda::texto(format!("{} ({})", p.obligado, p.identificacion)),
                Celda::texto(&p.abogado),
                Celda::fecha(p.remitido),
                p.saldo
                    .map_or_else(|| Celda::texto("sin tasa"), |c| Celda::dinero(c, f)),
                Celda::texto(&p.estado),
            ],
        );
    }
    let s = s.total(vec![
        Celda::texto("Total"),
        Celda::texto(crate::texto::cuantos(
            i.procesos.len() as i64,
            "proceso",
            "procesos",
        )),
        Celda::vacia(),
        Celda::vacia(),
        Celda::dinero(i.saldo, f),
        Celda::vacia(),
    ]);
    Reporte {
        nombre: "insolvencia".into(),
        titulo: titulo("insolvencia").unwrap_or_default().into(),
        desde: Some(i.desde),
        hasta: i.hasta,
        resumen: format!(
            "Bimestre de {}: {} en insolvencia, {} en el bimestre; saldo USD {}.",
            i.bimestre,
            crate::texto::cuantos(i.procesos.len() as i64, "proceso", "procesos"),
            crate::texto::cuantos(i.nuevos, "remitido", "remitidos"),
            i.saldo.agrupado(f)
        ),
        notas: vec![],
        secciones: vec![s],
    }
}

fn reporte_bienes(
    hoy: NaiveDate,
    b: &crate::bienes::Inventario,
    f: crate::dinero::Formato,
) -> Reporte {
    use tabla::{Celda, Seccion, Tipo};
    let mut e = Seccion::new(
        "Por estado",
        &[
            ("Estado", Tipo::Texto),
            ("Bienes", Tipo::Entero),
            ("Avalúo (USD)", Tipo::Dinero),
        ],
    );
    for t in &b.por_estado {
        e.fila(
            Some(&t.estado),
            vec![
                Celda::texto(mayuscula(crate::bienes::nombre_estado(&t.estado))),
                Celda::entero(t.bienes),
                Celda::dinero(t.avaluo, f),
            ],
        );
    }
    let e = e
        .total(vec![
            Celda::texto("Total"),
            Celda::entero(b.bienes),
            Celda::dinero(b.avaluo, f),
        ])
        .grafico(1);
    let mut l = Seccion::new(
        "Bienes",
        &[
            ("Proceso", Tipo::Texto),
            ("Bien", Tipo::Texto),
            ("Estado", Tipo::Texto),
            ("Desde", Tipo::Fecha),
            ("Depositario y lugar", Tipo::Texto),
            ("Avalúo (USD)", Tipo::Dinero),
        ],
    );
    for x in &b.filas {
        l.fila(
            Some(&x.bien.id.to_string()),
            vec![
                Celda::texto(&x.bien.proceso),
                Celda::texto(format!(
                    "{}: {}",
                    mayuscula(&x.bien.clase),
                    x.bien.descripcion
                )),
                Celda::texto(
                    x.bien
                        .estado
                        .as_deref()
                        .map(crate::bienes::nombre_estado)
                        .unwrap_or_default(),
                ),
                x.desde.map_or_else(Celda::vacia, Celda::fecha),
                Celda::texto(
                    [x.depositario_nombres.as_deref(), x.bien.lugar.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" — "),
                ),
                x.avaluo.map_or_else(Celda::vacia, |a| Celda::dinero(a, f)),
            ],
        );
    }
    Reporte {
        nombre: "bienes".into(),
        titulo: titulo("bienes").unwrap_or_default().into(),
        desde: None,
        hasta: hoy,
        resumen: format!(
            "Al {}: {} embargados, avaluados en USD {}.",
            fechas::larga(hoy),
            crate::texto::cuantos(b.bienes, "bien", "bienes"),
            b.avaluo.agrupado(f)
        ),
        notas: vec![],
        secciones: vec![e, l],
    }
}

fn reporte_citadores(c: &Citadores) -> Reporte {
    use tabla::{Celda, Seccion, Tipo};
    let mut s = Seccion::new(
        "Por citador-notificador",
        &[
            ("Citador-notificador", Tipo::Texto),
            ("Diligencias", Tipo::Entero),
            ("Partes citadas", Tipo::Entero),
            ("Primeros intentos", Tipo::Entero),
            ("Citadas al primer intento", Tipo::Entero),
            ("% al primer intento", Tipo::Parte),
            ("Días desde la orden", Tipo::Decimal),
        ],
    );
    let decimal = |t: &Option<String>| match t {
        Some(t) => Celda {
            numero: t.replace(',', ".").parse().ok(),
            texto: t.clone(),
            fecha: None,
        },
        None => Celda::texto("—"),
    };
    for x in &c.citadores {
        s.fila(
            Some(&x.citador),
            vec![
                Celda::texto(&x.nombres),
                Celda::entero(x.diligencias),
                Celda::entero(x.citadas),
                Celda::entero(x.primeros_intentos),
                Celda::entero(x.citadas_al_primer_intento),
                Celda::parte(x.citadas_al_primer_intento, x.primeros_intentos),
                decimal(&x.dias_promedio),
            ],
        );
    }
    let suma =
        |g: fn(&crate::citaciones::Evaluacion) -> i64| c.citadores.iter().map(g).sum::<i64>();
    let (primeros, ok) = (
        suma(|x| x.primeros_intentos),
        suma(|x| x.citadas_al_primer_intento),
    );
    let s = s
        .total(vec![
            Celda::texto("Total"),
            Celda::entero(suma(|x| x.diligencias)),
            Celda::entero(suma(|x| x.citadas)),
            Celda::entero(primeros),
            Celda::entero(ok),
            Celda::parte(ok, primeros),
            Celda::vacia(),
        ])
        .grafico(1);
    Reporte {
        nombre: "citadores".into(),
        titulo: titulo("citadores").unwrap_or_default().into(),
        desde: Some(c.desde),
        hasta: c.hasta,
        resumen: format!(
            "Del {} al {}: {} y {} citadas por {}.",
            fechas::larga(c.desde),
            fechas::larga(c.hasta),
            crate::texto::cuantos(suma(|x| x.diligencias), "diligencia", "diligencias"),
            crate::texto::cuantos(suma(|x| x.citadas), "parte", "partes"),
            crate::texto::cuantos(
                c.citadores.len() as i64,
                "citador-notificador",
                "citadores-notificadores"
            )
        ),
        notas: vec![],
        secciones: vec![s],
    }
}

/// A workbook that could not be written, in the clerk's words.
pub(crate) fn mal(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Interno(format!("no se pudo escribir la hoja de cálculo: {e}"))
}

/// A day as a spreadsheet's date (a real date, not text).
pub(crate) fn dia_xlsx(d: NaiveDate) -> Result<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
        .map_err(mal)
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_round_to_a_tenth_and_an_empty_total_shows_a_dash() {
        assert_eq!(super::porcentaje(1, 3), "33,3 %");
        assert_eq!(super::porcentaje(2, 3), "66,7 %");
        assert_eq!(super::porcentaje(5, 5), "100,0 %");
        assert_eq!(super::porcentaje(0, 0), "—");
    }

    #[test]
    fn an_amount_falls_in_the_band_that_contains_it_bounds_included() {
        let b = |c| super::BANDAS_MONTO[super::banda(&super::BANDAS_MONTO, c)].1;
        assert_eq!(b(1), "hasta USD 1.000");
        assert_eq!(b(100_000), "hasta USD 1.000");
        assert_eq!(b(100_001), "de USD 1.000,01 a 5.000");
        assert_eq!(b(10_000_001), "más de USD 100.000");
        let e = |d| super::clave_edad(super::banda(&super::BANDAS_EDAD, d));
        assert_eq!(
            (e(0), e(90), e(91), e(360), e(361)),
            (
                "0-90".into(),
                "0-90".into(),
                "91-180".into(),
                "181-360".into(),
                "360+".into()
            )
        );
    }
}
