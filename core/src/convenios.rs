//! Convenios de pago: the debtor agrees to pay the saldo in cuotas. The convenio freezes the
//! saldo on its date (mora interest stops there), takes an optional entrada due that day, and
//! amortises the rest in monthly cuotas (French system: equal cuotas, interest on the balance
//! at a configurable annual rate, by default the mora rate in force), each due date moved to
//! the next business day. The table is computed once, stored, and never rewritten.
//!
//! Payments recorded after the convenio go to the oldest cuota due. When the configured number
//! of cuotas (2 by default) are overdue at once, the convenio is *incumplido*: its benefit is
//! lost (the liquidation runs again from the título's exigibility, with every payment made),
//! the whole saldo is due at once, and the proceso returns to the stage it left. A convenio
//! whose saldo reaches zero ends the proceso as *pagado* (as any payment does).
//!
//! The state (what is paid, what is overdue, whether and since when it is incumplido) is a
//! pure function of the table, the payments and the date ([`estado`]), so every screen tells
//! the truth on any day; [`revisar_en`] records the default (the proceso's move back) the
//! first time someone who may act on it works after it happened.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::calendario::Calendario;
use crate::dinero::{Centavos, Formato};
use crate::eventos::{self as ev, Evento};
use crate::liquidacion::TasaAnual;
use crate::procesos::Etapa;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// The most cuotas a convenio may have (ten years of monthly cuotas).
pub const CUOTAS_MAXIMAS: i64 = 120;

/// One row of the table: cuota 0 is the entrada (no interest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cuota {
    pub numero: i64,
    pub vence: NaiveDate,
    /// The part of the frozen saldo this cuota pays.
    pub amortizacion: Centavos,
    /// The financing interest it carries.
    pub interes: Centavos,
}

impl Cuota {
    pub fn valor(&self) -> Centavos {
        Centavos(self.amortizacion.0 + self.interes.0)
    }
}

/// Monthly rate's denominator: annual ten-thousandths of a point × 12 months × 100.
const DEN_MENSUAL: i128 = 12 * 100 * TasaAnual::ESCALA as i128;
/// Fixed-point scale of the annuity factor (integer arithmetic, never floats).
const ESCALA_FACTOR: i128 = 1_000_000_000_000_000;

fn redondear(num: i128, den: i128) -> i64 {
    // Half-up for a non-negative numerator.
    ((2 * num + den) / (2 * den)) as i64
}

/// The table of a convenio: `saldo` frozen on `desde`, `entrada` due that day, the rest in
/// `cuotas` monthly cuotas at `tasa` (French amortisation), due dates moved to the next
/// business day. The last cuota absorbs the rounding, so the amortisations add up to the saldo
/// exactly.
pub fn tabla(
    saldo: Centavos,
    entrada: Centavos,
    cuotas: i64,
    tasa: TasaAnual,
    desde: NaiveDate,
    calendario: &Calendario,
) -> Result<Vec<Cuota>> {
    if !(1..=CUOTAS_MAXIMAS).contains(&cuotas) {
        return Err(Error::entrada(format!(
            "un convenio tiene de 1 a {CUOTAS_MAXIMAS} cuotas mensuales"
        )));
    }
    if entrada.0 < 0 || entrada.0 >= saldo.0 {
        return Err(Error::entrada(format!(
            "la entrada debe ser menor que el saldo de USD {}",
            saldo.agrupado(Formato::Ecuador)
        )));
    }
    let mut v = vec![];
    if entrada.0 > 0 {
        v.push(Cuota {
            numero: 0,
            vence: desde,
            amortizacion: entrada,
            interes: Centavos(0),
        });
    }
    let financiado = (saldo.0 - entrada.0) as i128;
    let t = tasa.0 as i128;
    // The cuota: P·i / (1 − (1+i)^−n) = P · (i·q / (q − 1)), q = (1+i)^n, in fixed point.
    let cuota: i64 = if t == 0 {
        redondear(financiado, cuotas as i128)
    } else {
        let i_s = t * ESCALA_FACTOR / DEN_MENSUAL; // i × S
        let mut q = ESCALA_FACTOR;
        for _ in 0..cuotas {
            q = q * (ESCALA_FACTOR + i_s) / ESCALA_FACTOR;
        }
        let factor = i_s * q / (q - ESCALA_FACTOR); // i·q/(q−1) × S
        redondear(financiado * factor, ESCALA_FACTOR)
    };
    let mut pendiente = financiado as i64;
    for k in 1..=cuotas {
        let interes = redondear(pendiente as i128 * t, DEN_MENSUAL);
        let amortizacion = if k == cuotas {
            pendiente
        } else {
            (cuota - interes).clamp(0, pendiente)
        };
        pendiente -= amortizacion;
        let mes = desde
            .checked_add_months(Months::new(k as u32))
            .ok_or_else(|| Error::entrada("la fecha del convenio está fuera de rango"))?;
        v.push(Cuota {
            numero: k,
            vence: calendario.habil_desde(mes),
            amortizacion: Centavos(amortizacion),
            interes: Centavos(interes),
        });
    }
    Ok(v)
}

/// Where a convenio stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "EstadoConvenio"))]
pub struct Estado {
    /// `vigente`, `incumplido` or `cumplido`.
    pub estado: String,
    /// Paid towards the cuotas.
    pub pagado: Centavos,
    /// Cuotas fully covered.
    pub pagadas: i64,
    /// Numbers of the cuotas overdue on the day.
    pub vencidas: Vec<i64>,
    /// What is due and unpaid on the day (overdue cuotas, less what partly covers them).
    pub vencido: Centavos,
    /// The next cuota not yet covered.
    pub proxima: Option<Cuota>,
    /// The day the convenio fell into default.
    pub incumplido_desde: Option<NaiveDate>,
}

/// The state of a table on `al`, given the payments (date, amount) made towards it in order,
/// and how many overdue cuotas make it incumplido. Pure.
pub fn estado(
    cuotas: &[Cuota],
    pagos: &[(NaiveDate, Centavos)],
    al: NaiveDate,
    limite: i64,
) -> Estado {
    let mut pagos: Vec<(NaiveDate, Centavos)> = pagos.to_vec();
    pagos.sort_by_key(|p| p.0);
    // The day each cuota is covered: the payment that takes the running total past it.
    let mut cubierta: Vec<Option<NaiveDate>> = vec![None; cuotas.len()];
    let mut acumulado_debido = 0i64;
    let mut acumulado_pagado = 0i64;
    let mut ip = 0;
    for (k, c) in cuotas.iter().enumerate() {
        acumulado_debido += c.valor().0;
        while acumulado_pagado < acumulado_debido && ip < pagos.len() {
            acumulado_pagado += pagos[ip].1 .0;
            ip += 1;
        }
        if acumulado_pagado >= acumulado_debido {
            cubierta[k] = Some(if ip > 0 { pagos[ip - 1].0 } else { c.vence });
        }
    }
    // Overdue at the end of day d: due before d and not covered by d.
    let vencidas_en = |d: NaiveDate| -> Vec<usize> {
        (0..cuotas.len())
            .filter(|&k| cuotas[k].vence < d && cubierta[k].is_none_or(|c| c > d))
            .collect()
    };
    let mut incumplido_desde = None;
    if limite > 0 {
        let mut candidatos: Vec<NaiveDate> = cuotas
            .iter()
            .filter_map(|c| c.vence.succ_opt())
            .filter(|d| *d <= al)
            .collect();
        candidatos.sort();
        incumplido_desde = candidatos
            .into_iter()
            .find(|d| vencidas_en(*d).len() as i64 >= limite);
    }
    let pagado: i64 = pagos.iter().filter(|p| p.0 <= al).map(|p| p.1 .0).sum();
    let mut pagadas = 0;
    let mut resto = pagado;
    let mut proxima = None;
    let mut vencido = 0i64;
    for c in cuotas {
        let v = c.valor().0;
        if resto >= v {
            resto -= v;
            pagadas += 1;
        } else {
            if proxima.is_none() {
                proxima = Some(*c);
            }
            if c.vence < al {
                vencido += v - resto;
            }
            resto = 0;
        }
    }
    let vencidas: Vec<i64> = vencidas_en(al)
        .into_iter()
        .map(|k| cuotas[k].numero)
        .collect();
    let estado = if incumplido_desde.is_some() {
        "incumplido"
    } else if pagadas as usize == cuotas.len() {
        "cumplido"
    } else {
        "vigente"
    };
    Estado {
        estado: estado.into(),
        pagado: Centavos(pagado),
        pagadas,
        vencidas,
        vencido: Centavos(vencido),
        proxima,
        incumplido_desde,
    }
}

/// A recorded convenio, its table and its state on a day.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Convenio {
    pub id: i64,
    pub proceso: String,
    pub titulo: String,
    pub desde: NaiveDate,
    pub saldo: Centavos,
    pub entrada: Centavos,
    pub cuotas: i64,
    /// Annual rate, «9.53».
    pub tasa: String,
    pub etapa_anterior: Etapa,
    pub tabla: Vec<Cuota>,
    /// Total of the table (saldo plus financing interest).
    pub total: Centavos,
    pub al: NaiveDate,
    pub estado: Estado,
    /// The default as recorded (the proceso's move back), if it was.
    pub incumplido_registrado: Option<NaiveDate>,
    pub registrado_por: String,
    /// The título's newest payment when it was made (the cuotas take the later ones).
    #[serde(skip)]
    ultimo_pago: i64,
}

/// The unit's setting: how many overdue cuotas make a convenio incumplido.
pub(crate) fn limite_de(conn: &Connection) -> Result<i64> {
    limite(conn)
}

fn limite(conn: &Connection) -> Result<i64> {
    let v: Option<String> = conn
        .query_row(
            "SELECT valor FROM configuracion WHERE clave = 'convenio_incumplimiento'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(2))
}

/// The unit's setting for the convenio's rate: `mora` (the rate in force on the day) or a
/// fixed annual rate.
fn tasa_para(conn: &Connection, desde: NaiveDate) -> Result<TasaAnual> {
    let v: Option<String> = conn
        .query_row(
            "SELECT valor FROM configuracion WHERE clave = 'convenio_tasa'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let v = v.map(|v| crate::texto::clave(&v));
    match v.as_deref() {
        Some("0") => Ok(TasaAnual(0)),
        None | Some("") | Some("mora") => crate::tasas::vigentes_en(conn)?
            .into_iter()
            .rev()
            .find(|t| t.desde <= desde)
            .map(|t| t.anual)
            .ok_or_else(|| {
                Error::entrada(format!(
                    "no hay tasa de interés registrada para el {}: registre la tasa vigente o fije la tasa de los convenios en la configuración",
                    fechas::corta(desde)
                ))
            }),
        Some(t) => TasaAnual::parse(t),
    }
}

/// Reads the convenios of a título, oldest first (without state).
fn leer(conn: &Connection, titulo: &str) -> Result<Vec<Convenio>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.proceso, c.titulo, c.desde, c.saldo, c.entrada, c.cuotas, c.tasa, c.etapa_anterior, c.registrado_por, f.fecha, c.ultimo_pago
         FROM convenios c LEFT JOIN convenios_fin f ON f.convenio_id = c.id WHERE c.titulo = ?1 ORDER BY c.id",
    )?;
    let mut v: Vec<Convenio> = st
        .query_map([titulo], |r| {
            let desde: NaiveDate = r.get::<_, String>(3)?.parse().unwrap_or_default();
            let etapa: String = r.get(8)?;
            let fin: Option<String> = r.get(10)?;
            Ok(Convenio {
                id: r.get(0)?,
                proceso: r.get(1)?,
                titulo: r.get(2)?,
                desde,
                saldo: Centavos(r.get(4)?),
                entrada: Centavos(r.get(5)?),
                cuotas: r.get(6)?,
                tasa: TasaAnual(r.get(7)?).decimal(),
                etapa_anterior: Etapa::parse(&etapa).unwrap_or(Etapa::OrdenPago),
                tabla: vec![],
                total: Centavos(0),
                al: desde,
                estado: estado(&[], &[], desde, 0),
                incumplido_registrado: fin.and_then(|d| d.parse().ok()),
                registrado_por: r.get(9)?,
                ultimo_pago: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cuotas = conn.prepare_cached(
        "SELECT numero, vence, capital, interes FROM convenios_cuotas WHERE convenio_id = ?1 ORDER BY numero",
    )?;
    for c in &mut v {
        c.tabla = cuotas
            .query_map([c.id], |r| {
                let vence: String = r.get(1)?;
                Ok(Cuota {
                    numero: r.get(0)?,
                    vence: vence.parse().unwrap_or_default(),
                    amortizacion: Centavos(r.get(2)?),
                    interes: Centavos(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        c.total = Centavos(c.tabla.iter().map(|q| q.valor().0).sum());
    }
    Ok(v)
}

/// The payments that count towards a convenio: recorded after it, dated from its day on.
fn pagos_de(conn: &Connection, c: &Convenio) -> Result<Vec<(NaiveDate, Centavos)>> {
    let mut st = conn.prepare_cached(
        "SELECT fecha, valor FROM pagos p WHERE titulo = ?1 AND id > ?2 AND fecha >= ?3 AND anula IS NULL
         AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id) ORDER BY fecha, id",
    )?;
    let v = st
        .query_map(
            params![c.titulo, c.ultimo_pago, fechas::iso(c.desde)],
            |r| {
                let f: String = r.get(0)?;
                Ok((f, r.get::<_, i64>(1)?))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v.into_iter()
        .filter_map(|(f, x)| f.parse().ok().map(|f| (f, Centavos(x))))
        .collect())
}

fn con_estado(conn: &Connection, mut c: Convenio, al: NaiveDate) -> Result<Convenio> {
    let pagos = pagos_de(conn, &c)?;
    let mut e = estado(&c.tabla, &pagos, al, limite(conn)?);
    // A default once recorded stays, whatever is paid later.
    if let Some(f) = c.incumplido_registrado.filter(|f| *f <= al) {
        e.estado = "incumplido".into();
        e.incumplido_desde = Some(e.incumplido_desde.map_or(f, |d| d.min(f)));
    }
    // A saldo paid off early (before the cuotas fall due) also ends the convenio.
    if e.estado == "vigente" {
        let pagado: bool = conn
            .query_row(
                "SELECT etapa = 'pagado' FROM procesos WHERE numero = ?1",
                [&c.proceso],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false);
        if pagado {
            e.estado = "cumplido".into();
        }
    }
    c.al = al;
    c.estado = e;
    Ok(c)
}

/// The título's newest convenio, with its state on `al` (the printed convenio).
pub(crate) fn ultimo_en(
    conn: &Connection,
    titulo: &str,
    al: NaiveDate,
) -> Result<Option<Convenio>> {
    match leer(conn, titulo)?.into_iter().last() {
        Some(c) => Ok(Some(con_estado(conn, c, al)?)),
        None => Ok(None),
    }
}

/// What a liquidation on `al` takes from the título's convenio in force on that day: mora
/// stops at its date, and the financing interest of the cuotas due by `al` is owed.
pub(crate) struct Congelado {
    pub desde: NaiveDate,
    pub intereses: Centavos,
}

/// The convenio that freezes the título's debt on `al`, if any (the newest one made by then
/// that has not fallen into default by then).
pub(crate) fn congelado_en(
    conn: &Connection,
    titulo: &str,
    al: NaiveDate,
) -> Result<Option<Congelado>> {
    let Some(c) = leer(conn, titulo)?
        .into_iter()
        .rev()
        .find(|c| c.desde <= al)
    else {
        return Ok(None);
    };
    let c = con_estado(conn, c, al)?;
    if c.estado.incumplido_desde.is_some_and(|d| d <= al) {
        return Ok(None);
    }
    Ok(Some(Congelado {
        desde: c.desde,
        intereses: Centavos(
            c.tabla
                .iter()
                .filter(|q| q.vence <= al)
                .map(|q| q.interes.0)
                .sum(),
        ),
    }))
}

/// The date of the título's convenio in force on `hoy`, if any.
pub(crate) fn vigente_desde(
    conn: &Connection,
    titulo: &str,
    hoy: NaiveDate,
) -> Result<Option<NaiveDate>> {
    Ok(congelado_en(conn, titulo, hoy)?.map(|c| c.desde))
}

/// A convenio to make.
#[derive(Debug, Clone)]
pub struct Nuevo {
    pub proceso: String,
    pub cuotas: i64,
    pub entrada: Centavos,
    pub desde: NaiveDate,
}

/// Makes a convenio: freezes the saldo on its date, builds and stores the table, and moves the
/// proceso to *convenio de pago*. All or nothing.
pub fn crear(store: &mut Store, actor: &Actor, n: &Nuevo) -> Result<Convenio> {
    actor.exigir(Accion::Cobrar)?;
    if !(1..=CUOTAS_MAXIMAS).contains(&n.cuotas) {
        return Err(Error::entrada(format!(
            "un convenio tiene de 1 a {CUOTAS_MAXIMAS} cuotas mensuales"
        )));
    }
    if n.entrada.0 < 0 {
        return Err(Error::entrada("la entrada no puede ser negativa"));
    }
    let hoy = fechas::hoy(store.clock());
    if n.desde > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro: el convenio se registra el día en que se firma o después",
            fechas::corta(n.desde)
        )));
    }
    let numero = n.proceso.trim().to_string();
    let provincia = crate::unidad::cargar(store)?.map(|u| u.provincia);
    let calendario = Calendario::de_anios(
        store,
        n.desde.year()..=n.desde.year() + (n.cuotas as i32) / 12 + 1,
        provincia.as_deref(),
    )?;
    let id = store.write(&actor.usuario, |tx| {
        revisar_en(tx, hoy)?;
        let pr = crate::procesos::exigir_a_cargo_de(tx, actor, &numero)?;
        if pr.etapa == Etapa::ConvenioPago {
            return Err(Error::Conflicto(format!(
                "el proceso {numero} ya tiene un convenio de pago vigente"
            )));
        }
        pr.etapa.puede_pasar(Etapa::ConvenioPago, None)?;
        let titulo: String = tx.conn().query_row(
            "SELECT titulo FROM procesos WHERE numero = ?1",
            [&numero],
            |r| r.get(0),
        )?;
        let (ultimo_pago, ultima_fecha): (i64, Option<String>) = tx.conn().query_row(
            "SELECT COALESCE(MAX(id), 0), MAX(fecha) FROM pagos WHERE titulo = ?1",
            [&titulo],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some(f) = ultima_fecha.and_then(|f| f.parse::<NaiveDate>().ok()) {
            if f > n.desde {
                return Err(Error::entrada(format!(
                    "hay un pago del {} posterior a la fecha del convenio ({}): el convenio se hace desde esa fecha o después",
                    fechas::corta(f),
                    fechas::corta(n.desde)
                )));
            }
        }
        let l = crate::liquidacion::de_titulo_en(tx.conn(), &titulo, n.desde)?;
        if l.saldo.0 <= 0 {
            return Err(Error::entrada(format!(
                "el proceso {numero} no tiene saldo al {}: no hay nada que convenir",
                fechas::corta(n.desde)
            )));
        }
        let tasa = tasa_para(tx.conn(), n.desde)?;
        let t = tabla(l.saldo, n.entrada, n.cuotas, tasa, n.desde, &calendario)?;
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO convenios (proceso, titulo, desde, saldo, entrada, cuotas, tasa, etapa_anterior, ultimo_pago, registrado_por, registrado_en)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![numero, titulo, fechas::iso(n.desde), l.saldo.0, n.entrada.0, n.cuotas, tasa.0, pr.etapa.codigo(), ultimo_pago, tx.actor(), ahora],
        )?;
        let id = tx.conn().last_insert_rowid();
        for c in &t {
            tx.conn().execute(
                "INSERT INTO convenios_cuotas (convenio_id, numero, vence, capital, interes) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, c.numero, fechas::iso(c.vence), c.amortizacion.0, c.interes.0],
            )?;
        }
        tx.registrar(
            &id.to_string(),
            &Evento::ConvenioCreado(ev::ConvenioCreado {
                proceso: numero.clone(),
                titulo: titulo.clone(),
                desde: n.desde,
                saldo: l.saldo,
                entrada: n.entrada,
                cuotas: n.cuotas,
                tasa: tasa.decimal(),
                etapa_anterior: pr.etapa,
                ultimo_pago,
                tabla: t.clone(),
            }),
        )?;
        crate::procesos::pasar_en(
            tx,
            &numero,
            &pr,
            Etapa::ConvenioPago,
            n.desde,
            Some(&format!("convenio de pago en {} cuotas", n.cuotas)),
        )?;
        Ok(id)
    })?;
    log::info!("convenio de pago registrado");
    ver(store, actor, &numero, None)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::Interno("el convenio recién registrado no aparece".into()))
}

/// The convenios of a proceso (newest last), each with its state on `al` (today by default).
pub fn ver(
    db: &dyn Reader,
    actor: &Actor,
    numero: &str,
    al: Option<NaiveDate>,
) -> Result<Vec<Convenio>> {
    actor.exigir(Accion::Consultar)?;
    let numero = numero.trim();
    let titulo: String = db
        .conn()
        .query_row(
            "SELECT titulo FROM procesos WHERE numero = ?1",
            [numero],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el proceso {numero}")))?;
    let al = al.unwrap_or_else(|| fechas::hoy(db.clock()));
    leer(db.conn(), &titulo)?
        .into_iter()
        .map(|c| con_estado(db.conn(), c, al))
        .collect()
}

/// A convenio in default or with cuotas overdue, for Inicio and `vencimientos`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Aviso {
    pub proceso: String,
    pub convenio: i64,
    pub estado: String,
    pub vencidas: i64,
    pub vencido: Centavos,
    pub proxima: Option<Cuota>,
    pub incumplido_desde: Option<NaiveDate>,
}

/// Convenios that need attention on `al`: in force with a cuota overdue or due within `dias`,
/// or in default (recorded or not yet) while the proceso still shows the convenio.
pub fn avisos(db: &dyn Reader, al: NaiveDate, dias: i64) -> Result<Vec<Aviso>> {
    let mut st = db.conn().prepare_cached(
        "SELECT DISTINCT c.titulo FROM convenios c JOIN procesos p ON p.numero = c.proceso
         LEFT JOIN convenios_fin f ON f.convenio_id = c.id
         WHERE p.etapa = 'convenio_pago' OR (f.fecha IS NOT NULL AND f.fecha >= ?1)",
    )?;
    let desde_incumplidos = al - chrono::Duration::days(dias.max(0));
    let titulos: Vec<String> = st
        .query_map([fechas::iso(desde_incumplidos)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let hasta = al + chrono::Duration::days(dias.max(0));
    let mut v = vec![];
    for t in titulos {
        let Some(c) = leer(db.conn(), &t)?.into_iter().last() else {
            continue;
        };
        let c = con_estado(db.conn(), c, al)?;
        let proxima_cerca = c.estado.proxima.is_some_and(|q| q.vence <= hasta);
        if c.estado.estado == "incumplido" || !c.estado.vencidas.is_empty() || proxima_cerca {
            v.push(Aviso {
                proceso: c.proceso.clone(),
                convenio: c.id,
                estado: c.estado.estado.clone(),
                vencidas: c.estado.vencidas.len() as i64,
                vencido: c.estado.vencido,
                proxima: c.estado.proxima,
                incumplido_desde: c.estado.incumplido_desde,
            });
        }
    }
    v.sort_by(|a, b| {
        (b.estado == "incumplido", b.vencidas, &a.proceso).cmp(&(
            a.estado == "incumplido",
            a.vencidas,
            &b.proceso,
        ))
    });
    Ok(v)
}

/// Convenios whose proceso still shows them, with no recorded end and a cuota due before `?1`:
/// the only ones that can have fallen into default.
const POR_REVISAR: &str = "FROM convenios c JOIN procesos p ON p.numero = c.proceso
     WHERE p.etapa = 'convenio_pago' AND NOT EXISTS (SELECT 1 FROM convenios_fin f WHERE f.convenio_id = c.id)
     AND EXISTS (SELECT 1 FROM convenios_cuotas q WHERE q.convenio_id = c.id AND q.vence < ?1)";

/// Records every default that happened by `hoy` and is not yet recorded: the convenio's end,
/// and the proceso's return to the stage it left. Runs inside the caller's transaction.
pub(crate) fn revisar_en(tx: &mut Tx<'_>, hoy: NaiveDate) -> Result<usize> {
    let pendientes: Vec<(String, String)> = {
        let mut st = tx
            .conn()
            .prepare_cached(&format!("SELECT c.titulo, c.proceso {POR_REVISAR}"))?;
        let v = st
            .query_map([fechas::iso(hoy)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    let mut n = 0;
    for (titulo, numero) in pendientes {
        let Some(c) = leer(tx.conn(), &titulo)?.into_iter().last() else {
            continue;
        };
        if c.incumplido_registrado.is_some() {
            continue;
        }
        let c = con_estado(tx.conn(), c, hoy)?;
        let Some(fecha) = c.estado.incumplido_desde else {
            continue;
        };
        let vencidas = estado(&c.tabla, &pagos_de(tx.conn(), &c)?, fecha, 0)
            .vencidas
            .len() as i64;
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO convenios_fin (convenio_id, estado, fecha, vencidas, registrado_por, registrado_en) VALUES (?1, 'incumplido', ?2, ?3, ?4, ?5)",
            params![c.id, fechas::iso(fecha), vencidas, tx.actor(), ahora],
        )?;
        tx.registrar(
            &c.id.to_string(),
            &Evento::ConvenioIncumplido(ev::ConvenioIncumplido { fecha, vencidas }),
        )?;
        let pr = crate::procesos::exigir(tx, &numero)?;
        crate::procesos::pasar_en(
            tx,
            &numero,
            &pr,
            c.etapa_anterior,
            fecha,
            Some(&format!(
                "convenio de pago incumplido: {vencidas} cuotas vencidas; el saldo es exigible de inmediato"
            )),
        )?;
        n += 1;
    }
    Ok(n)
}

/// Records the defaults that happened by today (the window does it when someone who may take
/// payments opens Inicio; `vencimientos` too). Returns how many it recorded.
pub fn revisar(store: &mut Store, actor: &Actor) -> Result<usize> {
    if !actor.rol.puede(Accion::Cobrar) {
        return Ok(0);
    }
    let hoy = fechas::hoy(store.clock());
    // Nothing to do (the usual case) writes nothing.
    let hay: bool = store.conn().query_row(
        &format!("SELECT EXISTS (SELECT 1 {POR_REVISAR})"),
        [fechas::iso(hoy)],
        |r| r.get(0),
    )?;
    if !hay {
        return Ok(0);
    }
    let n = store.write(&actor.usuario, |tx| revisar_en(tx, hoy))?;
    if n > 0 {
        log::info!("convenios incumplidos registrados: {n}");
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cal() -> Calendario {
        Calendario::nacional(2025..=2040)
    }

    #[test]
    fn a_french_table_adds_up_to_the_saldo_and_its_cuotas_are_equal() {
        let t = tabla(
            Centavos(1_200_000),
            Centavos(200_000),
            12,
            TasaAnual(120_000),
            d("2026-12-01"),
            &cal(),
        )
        .unwrap();
        assert_eq!(t.len(), 13, "entrada + 12 cuotas");
        assert_eq!(t[0].numero, 0);
        assert_eq!(t[0].vence, d("2026-12-01"));
        let suma: i64 = t.iter().map(|c| c.amortizacion.0).sum();
        assert_eq!(suma, 1_200_000);
        // 10 000,00 at 1 % a month over 12 months: cuota 888,49 (the textbook figure).
        assert_eq!(t[1].valor(), Centavos(88_849));
        assert_eq!(t[1].interes, Centavos(10_000));
        for c in &t[1..12] {
            assert_eq!(c.valor(), Centavos(88_849), "{c:?}");
        }
        assert!((t[12].valor().0 - 88_849).abs() <= 12, "{:?}", t[12]);
    }

    #[test]
    fn due_dates_move_to_the_next_business_day() {
        // 1 de enero is a holiday; 1 de mayo too; 1 de febrero de 2027 is a Monday.
        let t = tabla(
            Centavos(100_000),
            Centavos(0),
            6,
            TasaAnual(95_300),
            d("2026-12-01"),
            &cal(),
        )
        .unwrap();
        assert_eq!(t[0].numero, 1);
        assert_eq!(
            t[0].vence,
            d("2027-01-04"),
            "1 de enero: feriado; 2 y 3: fin de semana"
        );
        assert_eq!(t[1].vence, d("2027-02-01"));
        assert_eq!(
            t[4].vence,
            d("2027-05-03"),
            "1 de mayo: feriado, luego domingo"
        );
        // The 31st becomes the end of a shorter month.
        let t = tabla(
            Centavos(100_000),
            Centavos(0),
            2,
            TasaAnual(0),
            d("2027-01-29"),
            &cal(),
        )
        .unwrap();
        assert_eq!(t[0].vence, d("2027-03-01"), "28/02/2027 is a Sunday");
        assert_eq!(t[0].valor(), Centavos(50_000));
    }

    #[test]
    fn refuses_what_cannot_be_agreed() {
        let c = cal();
        let e = tabla(
            Centavos(100),
            Centavos(100),
            2,
            TasaAnual(0),
            d("2026-12-01"),
            &c,
        );
        assert!(e.unwrap_err().to_string().contains("entrada"));
        assert!(tabla(
            Centavos(100),
            Centavos(0),
            0,
            TasaAnual(0),
            d("2026-12-01"),
            &c
        )
        .is_err());
        assert!(tabla(
            Centavos(100),
            Centavos(0),
            121,
            TasaAnual(0),
            d("2026-12-01"),
            &c
        )
        .is_err());
    }

    #[test]
    fn two_overdue_cuotas_make_it_incumplido_and_payments_go_to_the_oldest() {
        let t = tabla(
            Centavos(300_000),
            Centavos(0),
            3,
            TasaAnual(0),
            d("2027-02-01"),
            &cal(),
        )
        .unwrap();
        // Cuotas of 1.000,00 due 01/03, 01/04, 03/05 (1 de mayo holiday, 2 Sunday).
        let e = estado(&t, &[], d("2027-03-01"), 2);
        assert_eq!(e.estado, "vigente");
        assert!(e.vencidas.is_empty(), "due today is not overdue yet");
        let e = estado(&t, &[], d("2027-03-02"), 2);
        assert_eq!(e.vencidas, vec![1]);
        assert_eq!(e.estado, "vigente");
        let e = estado(&t, &[], d("2027-04-02"), 2);
        assert_eq!(e.vencidas, vec![1, 2]);
        assert_eq!(e.estado, "incumplido");
        assert_eq!(e.incumplido_desde, Some(d("2027-04-02")));
        // Paying late the first cuota, before the second falls overdue, keeps it alive.
        let pagos = [(d("2027-03-20"), Centavos(100_000))];
        let e = estado(&t, &pagos, d("2027-04-02"), 2);
        assert_eq!(
            (e.estado.as_str(), e.vencidas.clone(), e.pagadas),
            ("vigente", vec![2], 1)
        );
        // A partial payment goes to the oldest cuota and leaves it overdue for the rest.
        let pagos = [(d("2027-03-20"), Centavos(150_000))];
        let e = estado(&t, &pagos, d("2027-04-02"), 2);
        assert_eq!(e.vencidas, vec![2]);
        assert_eq!(e.vencido, Centavos(50_000));
        // Paid in full on time: cumplido.
        let pagos = [
            (d("2027-03-01"), Centavos(100_000)),
            (d("2027-04-01"), Centavos(100_000)),
            (d("2027-05-03"), Centavos(100_000)),
        ];
        let e = estado(&t, &pagos, d("2027-06-01"), 2);
        assert_eq!(e.estado, "cumplido");
        assert!(e.vencidas.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn every_table_adds_up_and_never_goes_negative(
            saldo in 100i64..500_000_000,
            entrada_pct in 0i64..90,
            n in 1i64..=120,
            tasa in 0i64..400_000,
        ) {
            let entrada = saldo * entrada_pct / 100;
            let t = tabla(Centavos(saldo), Centavos(entrada), n, TasaAnual(tasa), d("2026-12-01"), &cal()).unwrap();
            let suma: i64 = t.iter().map(|c| c.amortizacion.0).sum();
            proptest::prop_assert_eq!(suma, saldo);
            for c in &t {
                proptest::prop_assert!(c.amortizacion.0 >= 0 && c.interes.0 >= 0);
            }
            for w in t.windows(2) {
                proptest::prop_assert!(w[0].vence <= w[1].vence);
            }
        }
    }
}
