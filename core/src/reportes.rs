//! The unit's reports (C.D. 497 §3.5.3 i, k): what the Jefe reads and sends to the Dirección
//! Nacional, each as figures (for the screen and `--json`), as a PDF with the unit's heading and
//! as an XLSX with real numbers. Every figure is computed here, once: the window, the command and
//! the files show the same one.
//!
//! So far: the **inventario** of procesos in force (by stage, abogado, amount and age) and the
//! **antigüedad** (aging) of the portfolio. Reports are reads: no transaction, no change log.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dinero::Centavos;
use crate::pdf::{Alineacion, Columna, Documento, Encabezado, Estilo};
use crate::procesos::Etapa;
use crate::store::Reader;
use crate::usuarios::{Accion, Actor, Rol};
use crate::{fechas, Error, Result};

/// The reports there are: (command name, title).
pub const REPORTES: [(&str, &str); 3] = [
    ("inventario", "Inventario de procesos coactivos"),
    ("antiguedad", "Antigüedad de la cartera en coactiva"),
    (
        "recaudacion",
        "Recaudación por mes y por Secretario-Abogado",
    ),
];

/// Whether report `nombre` covers a period (`desde`–`hasta`) rather than a day.
pub fn de_periodo(nombre: &str) -> bool {
    nombre == "recaudacion"
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

/// One proceso, as the reports read it.
struct Fila {
    etapa: String,
    abogado: String,
    capital: i64,
    total: i64,
    exigible: Option<NaiveDate>,
}

/// The procesos `actor` may see (a Secretario-Abogado, his own) opened by `al`, in force.
fn filas(db: &dyn Reader, actor: &Actor, al: NaiveDate) -> Result<Vec<Fila>> {
    let propios = (actor.rol == Rol::Abogado).then(|| actor.abogado.clone().unwrap_or_default());
    let mut st = db.conn().prepare(
        "SELECT p.etapa, p.abogado, t.capital, t.total, COALESCE(t.fecha_exigibilidad, t.fecha_emision)
         FROM procesos p JOIN titulos t ON t.numero = p.titulo
         WHERE p.etapa NOT IN ('pagado', 'anulado') AND substr(p.abierto_en, 1, 10) <= ?1
           AND (?2 IS NULL OR p.abogado = ?2)",
    )?;
    let v = st
        .query_map(
            rusqlite::params![al.format("%Y-%m-%d").to_string(), propios],
            |r| {
                Ok(Fila {
                    etapa: r.get(0)?,
                    abogado: r.get(1)?,
                    capital: r.get(2)?,
                    total: r.get(3)?,
                    exigible: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()),
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
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

/// Adds `f` to the line `clave` of `g` (created with `nombre` the first time).
fn sumar(
    g: &mut Vec<Grupo>,
    indice: &mut HashMap<String, usize>,
    clave: &str,
    nombre: impl FnOnce() -> String,
    f: &Fila,
) {
    let i = *indice.entry(clave.to_string()).or_insert_with(|| {
        g.push(Grupo {
            clave: clave.to_string(),
            nombre: nombre(),
            procesos: 0,
            capital: Centavos(0),
            total: Centavos(0),
        });
        g.len() - 1
    });
    g[i].procesos += 1;
    g[i].capital.0 += f.capital;
    g[i].total.0 += f.total;
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

fn clave_edad(k: usize) -> String {
    match k {
        0 => "0-90".into(),
        1 => "91-180".into(),
        2 => "181-360".into(),
        _ => "360+".into(),
    }
}

/// The inventory at `al` (today when `None`).
pub fn inventario(db: &dyn Reader, actor: &Actor, al: Option<NaiveDate>) -> Result<Inventario> {
    actor.exigir(Accion::Consultar)?;
    let al = fecha_de_corte(db, al)?;
    let filas = filas(db, actor, al)?;
    let nombres: HashMap<String, String> = crate::abogados::listar(db)?
        .into_iter()
        .map(|a| (a.identificacion, a.nombres))
        .collect();
    let (mut etapas, mut abogados, mut montos, mut edades) = (vec![], vec![], vec![], vec![]);
    let (mut ie, mut ia, mut im, mut ied) = (
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
    );
    for f in &filas {
        let etapa = Etapa::parse(&f.etapa).ok();
        sumar(
            &mut etapas,
            &mut ie,
            &f.etapa,
            || mayuscula(&etapa.map_or(f.etapa.clone(), |e| e.nombre().to_string())),
            f,
        );
        sumar(
            &mut abogados,
            &mut ia,
            &f.abogado,
            || {
                nombres
                    .get(&f.abogado)
                    .cloned()
                    .unwrap_or_else(|| f.abogado.clone())
            },
            f,
        );
        let m = banda(&BANDAS_MONTO, f.total);
        sumar(
            &mut montos,
            &mut im,
            &m.to_string(),
            || BANDAS_MONTO[m].1.to_string(),
            f,
        );
        let dias = f.exigible.map_or(0, |d| (al - d).num_days().max(0));
        let k = banda(&BANDAS_EDAD, dias);
        sumar(
            &mut edades,
            &mut ied,
            &clave_edad(k),
            || BANDAS_EDAD[k].1.to_string(),
            f,
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
        procesos: filas.len() as i64,
        capital: Centavos(filas.iter().map(|f| f.capital).sum()),
        total: Centavos(filas.iter().map(|f| f.total).sum()),
        por_etapa: etapas,
        por_abogado: abogados,
        por_monto: montos,
        por_antiguedad: edades,
    })
}

/// The sections of a report: (title, first column's heading, lines). The PDF, the workbook, the
/// command and the screen show these, in this order.
pub fn secciones<'a>(
    nombre: &str,
    inv: &'a Inventario,
) -> Result<Vec<(&'static str, &'static str, &'a [Grupo])>> {
    Ok(match nombre {
        "inventario" => vec![
            ("Por etapa", "Etapa", &inv.por_etapa[..]),
            (
                "Por Secretario-Abogado",
                "Secretario-Abogado",
                &inv.por_abogado[..],
            ),
            ("Por monto del título", "Monto", &inv.por_monto[..]),
            (
                "Por antigüedad desde la exigibilidad",
                "Antigüedad",
                &inv.por_antiguedad[..],
            ),
        ],
        "antiguedad" => vec![(
            "Por antigüedad desde la exigibilidad",
            "Antigüedad",
            &inv.por_antiguedad[..],
        )],
        otro => return Err(no_existe(otro)),
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

/// Report `nombre` as a PDF with the unit's heading: one table a section, with its total.
pub fn pdf(db: &dyn Reader, nombre: &str, inv: &Inventario) -> Result<Vec<u8>> {
    let titulo = titulo(nombre)?;
    let (mut d, f) = documento(
        db,
        titulo,
        &format!("{titulo} al {}", fechas::larga(inv.al)),
    )?;
    d.parrafo(
        &format!(
            "Procesos en trámite al {}: {}, por USD {} de capital y USD {} en total de los títulos.",
            fechas::larga(inv.al),
            crate::texto::miles(inv.procesos),
            inv.capital.agrupado(f),
            inv.total.agrupado(f)
        ),
        Estilo::Normal,
        11.0,
        Alineacion::Justificada,
    );
    for (seccion, primera, grupos) in secciones(nombre, inv)? {
        d.espacio(4.0);
        d.parrafo(seccion, Estilo::Negrita, 12.0, Alineacion::Izquierda);
        let columnas = [
            Columna::new(primera, 62.0, Alineacion::Izquierda),
            Columna::new("Procesos", 22.0, Alineacion::Derecha),
            Columna::new("%", 16.0, Alineacion::Derecha),
            Columna::new("Capital (USD)", 32.0, Alineacion::Derecha),
            Columna::new("Total (USD)", 32.0, Alineacion::Derecha),
        ];
        let mut filas: Vec<Vec<String>> = grupos
            .iter()
            .map(|g| {
                vec![
                    g.nombre.clone(),
                    crate::texto::miles(g.procesos),
                    porcentaje(g.procesos, inv.procesos),
                    g.capital.agrupado(f),
                    g.total.agrupado(f),
                ]
            })
            .collect();
        filas.push(vec![
            "Total".into(),
            crate::texto::miles(inv.procesos),
            porcentaje(inv.procesos, inv.procesos),
            inv.capital.agrupado(f),
            inv.total.agrupado(f),
        ]);
        d.tabla(&columnas, &filas, 10.0);
    }
    Ok(d.terminar())
}

/// Report `nombre` as an XLSX workbook: a sheet a section, numbers as numbers, the cut date a
/// date, a total row.
pub fn xlsx(nombre: &str, inv: &Inventario) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let titulo = titulo(nombre)?;
    let mut libro = Workbook::new();
    let negrita = Format::new().set_bold();
    let dinero = Format::new().set_num_format("#,##0.00");
    let dinero_negrita = Format::new().set_num_format("#,##0.00").set_bold();
    let fecha = Format::new().set_num_format("dd/mm/yyyy");
    let parte = Format::new().set_num_format("0.0%");
    let al = dia_xlsx(inv.al)?;
    for (seccion, primera, grupos) in secciones(nombre, inv)? {
        let hoja = libro.add_worksheet();
        // A sheet's name: at most 31 characters.
        hoja.set_name(seccion.chars().take(31).collect::<String>())
            .map_err(mal)?;
        hoja.write_string_with_format(0, 0, titulo, &negrita)
            .map_err(mal)?;
        hoja.write_string(1, 0, "Al").map_err(mal)?;
        hoja.write_datetime_with_format(1, 1, &al, &fecha)
            .map_err(mal)?;
        let cab = [
            primera,
            "Clave",
            "Procesos",
            "Parte",
            "Capital (USD)",
            "Total (USD)",
        ];
        for (c, t) in cab.iter().enumerate() {
            hoja.write_string_with_format(3, c as u16, *t, &negrita)
                .map_err(mal)?;
        }
        for (i, g) in grupos.iter().enumerate() {
            let r = 4 + i as u32;
            hoja.write_string(r, 0, &g.nombre).map_err(mal)?;
            hoja.write_string(r, 1, &g.clave).map_err(mal)?;
            hoja.write_number(r, 2, g.procesos as f64).map_err(mal)?;
            if inv.procesos > 0 {
                hoja.write_number_with_format(
                    r,
                    3,
                    g.procesos as f64 / inv.procesos as f64,
                    &parte,
                )
                .map_err(mal)?;
            }
            hoja.write_number_with_format(r, 4, g.capital.0 as f64 / 100.0, &dinero)
                .map_err(mal)?;
            hoja.write_number_with_format(r, 5, g.total.0 as f64 / 100.0, &dinero)
                .map_err(mal)?;
        }
        let r = 4 + grupos.len() as u32;
        hoja.write_string_with_format(r, 0, "Total", &negrita)
            .map_err(mal)?;
        hoja.write_number_with_format(r, 2, inv.procesos as f64, &negrita)
            .map_err(mal)?;
        hoja.write_number_with_format(r, 4, inv.capital.0 as f64 / 100.0, &dinero_negrita)
            .map_err(mal)?;
        hoja.write_number_with_format(r, 5, inv.total.0 as f64 / 100.0, &dinero_negrita)
            .map_err(mal)?;
        hoja.autofit();
    }
    libro.save_to_buffer().map_err(mal)
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
    /// The line as a table shows it: name, pagos, procesos, recaudado, capital, intereses.
    pub fn fila(&self, f: crate::dinero::Formato) -> Vec<String> {
        vec![
            self.nombre.clone(),
            crate::texto::miles(self.pagos),
            crate::texto::miles(self.procesos),
            self.valor.agrupado(f),
            self.capital.agrupado(f),
            self.intereses.agrupado(f),
        ]
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
    let vacio = |clave: String, nombre: String| Recaudado {
        clave,
        nombre,
        pagos: 0,
        procesos: 0,
        valor: Centavos(0),
        capital: Centavos(0),
        intereses: Centavos(0),
        costas: Centavos(0),
        honorarios: Centavos(0),
    };
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
        // «noviembre de 2026», from «1 de noviembre de 2026».
        let nombre_mes = mayuscula(
            fechas::larga(fecha)
                .splitn(3, ' ')
                .nth(2)
                .unwrap_or_default(),
        );
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

/// The recaudación as a PDF with the unit's heading.
pub fn recaudacion_pdf(db: &dyn Reader, r: &Recaudacion) -> Result<Vec<u8>> {
    let titulo = titulo("recaudacion")?;
    let periodo = format!(
        "del {} al {}",
        fechas::larga(r.desde),
        fechas::larga(r.hasta)
    );
    let (mut d, f) = documento(db, titulo, &format!("Recaudación {periodo}"))?;
    d.parrafo(
        &format!(
            "Recaudado {periodo}: USD {} en {} de {}; de ello, USD {} de capital y USD {} de intereses.",
            r.total.valor.agrupado(f),
            crate::texto::cuantos(r.total.pagos, "pago", "pagos"),
            crate::texto::cuantos(r.total.procesos, "proceso", "procesos"),
            r.total.capital.agrupado(f),
            r.total.intereses.agrupado(f)
        ),
        Estilo::Normal,
        11.0,
        Alineacion::Justificada,
    );
    for (seccion, primera, grupos) in [
        ("Por mes", "Mes", &r.por_mes),
        (
            "Por Secretario-Abogado",
            "Secretario-Abogado",
            &r.por_abogado,
        ),
    ] {
        d.espacio(4.0);
        d.parrafo(seccion, Estilo::Negrita, 12.0, Alineacion::Izquierda);
        let columnas = [
            Columna::new(primera, 52.0, Alineacion::Izquierda),
            Columna::new("Pagos", 16.0, Alineacion::Derecha),
            Columna::new("Procesos", 18.0, Alineacion::Derecha),
            Columna::new("Recaudado", 26.0, Alineacion::Derecha),
            Columna::new("Capital", 26.0, Alineacion::Derecha),
            Columna::new("Intereses", 26.0, Alineacion::Derecha),
        ];
        let mut filas: Vec<Vec<String>> = grupos.iter().map(|g| g.fila(f)).collect();
        filas.push(r.total.fila(f));
        d.tabla(&columnas, &filas, 10.0);
    }
    Ok(d.terminar())
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

/// The recaudación as an XLSX workbook: a sheet by month, a sheet by abogado.
pub fn recaudacion_xlsx(r: &Recaudacion) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut libro = Workbook::new();
    let negrita = Format::new().set_bold();
    let dinero = Format::new().set_num_format("#,##0.00");
    let fecha = Format::new().set_num_format("dd/mm/yyyy");
    for (seccion, primera, grupos) in [
        ("Por mes", "Mes", &r.por_mes),
        (
            "Por Secretario-Abogado",
            "Secretario-Abogado",
            &r.por_abogado,
        ),
    ] {
        let hoja = libro.add_worksheet();
        hoja.set_name(seccion).map_err(mal)?;
        hoja.write_string_with_format(0, 0, titulo("recaudacion")?, &negrita)
            .map_err(mal)?;
        hoja.write_string(1, 0, "Desde").map_err(mal)?;
        hoja.write_datetime_with_format(1, 1, &dia_xlsx(r.desde)?, &fecha)
            .map_err(mal)?;
        hoja.write_string(2, 0, "Hasta").map_err(mal)?;
        hoja.write_datetime_with_format(2, 1, &dia_xlsx(r.hasta)?, &fecha)
            .map_err(mal)?;
        let cab = [
            primera,
            "Clave",
            "Pagos",
            "Procesos",
            "Recaudado (USD)",
            "Capital (USD)",
            "Intereses (USD)",
            "Costas (USD)",
            "Honorarios (USD)",
        ];
        for (c, t) in cab.iter().enumerate() {
            hoja.write_string_with_format(4, c as u16, *t, &negrita)
                .map_err(mal)?;
        }
        for (i, g) in grupos.iter().chain([&r.total]).enumerate() {
            let fila = 5 + i as u32;
            let n = if g.clave == "total" {
                &negrita
            } else {
                &Format::new()
            };
            hoja.write_string_with_format(fila, 0, &g.nombre, n)
                .map_err(mal)?;
            if g.clave != "total" {
                hoja.write_string(fila, 1, &g.clave).map_err(mal)?;
            }
            hoja.write_number(fila, 2, g.pagos as f64).map_err(mal)?;
            hoja.write_number(fila, 3, g.procesos as f64).map_err(mal)?;
            for (c, m) in [g.valor, g.capital, g.intereses, g.costas, g.honorarios]
                .into_iter()
                .enumerate()
            {
                hoja.write_number_with_format(fila, 4 + c as u16, m.0 as f64 / 100.0, &dinero)
                    .map_err(mal)?;
            }
        }
        hoja.autofit();
    }
    libro.save_to_buffer().map_err(mal)
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
