//! What a debtor owes on a given day: the título's capital and interest, the mora interest
//! accrued day by day at the rate in force each day (a dated table, [`crate::tasas`]), costas
//! and honorarios, less what was paid. Pure arithmetic on integer cents and exact rationals:
//! every day adds `capital pendiente × tasa anual / base` to an exact sum (integers, never
//! floats), rounded half-up to the cent once, at the end.
//!
//! A payment dated D takes effect at the end of day D: day D still accrues on the capital owed
//! before it. Each payment's split (costas, honorarios, interest, capital) was computed once when
//! it was recorded ([`crate::pagos`]) and is read back as stored, so a later change of rates or
//! settings never rewrites a past imputation.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dinero::Centavos;
use crate::{fechas, Error, Result};

/// An annual rate in ten-thousandths of a percentage point: 9,53 % is `TasaAnual(95_300)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TasaAnual(pub i64);

impl TasaAnual {
    /// Ten-thousandths of a point in one percentage point.
    pub const ESCALA: i64 = 10_000;

    /// «9,53», «9.53», «12», up to four decimals, above 0 and below 100.
    pub fn parse(texto: &str) -> Result<TasaAnual> {
        let t = texto.trim().trim_end_matches('%').trim().replace(',', ".");
        let malo = || {
            Error::entrada(format!(
                "«{}» no es una tasa anual válida: escriba el porcentaje, por ejemplo 9,53",
                texto.trim()
            ))
        };
        let (entero, fraccion) = t.split_once('.').unwrap_or((&t, ""));
        if entero.is_empty()
            || !entero.chars().all(|c| c.is_ascii_digit())
            || !fraccion.chars().all(|c| c.is_ascii_digit())
            || fraccion.len() > 4
            || entero.len() > 2
        {
            return Err(malo());
        }
        let e: i64 = entero.parse().map_err(|_| malo())?;
        let f: i64 = format!("{fraccion:0<4}").parse().unwrap_or(0);
        let v = e * Self::ESCALA + f;
        if v <= 0 || v >= 100 * Self::ESCALA {
            return Err(Error::entrada(format!(
                "la tasa anual {} % está fuera de rango: debe ser mayor que 0 y menor que 100",
                texto.trim()
            )));
        }
        Ok(TasaAnual(v))
    }

    /// «9,53» (decimal comma, no trailing zeros beyond two decimals).
    pub fn texto(self) -> String {
        let e = self.0 / Self::ESCALA;
        let f = format!("{:04}", self.0 % Self::ESCALA);
        let f = f.trim_end_matches('0');
        let f = if f.len() < 2 {
            format!("{f:0<2}")
        } else {
            f.to_string()
        };
        format!("{e},{f}")
    }

    /// «9.53» with a dot, for JSON and the change log.
    pub fn decimal(self) -> String {
        self.texto().replace(',', ".")
    }
}

/// One rate of the table: in force from `desde` until the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tasa {
    pub desde: NaiveDate,
    pub anual: TasaAnual,
}

/// How mora interest is computed (the unit's settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reglas {
    /// Days in the year of the daily rate (360 by default).
    pub base_dias: i64,
}

impl Default for Reglas {
    fn default() -> Self {
        Reglas { base_dias: 360 }
    }
}

impl Reglas {
    /// The unit's settings (`interes_base_dias`).
    pub(crate) fn de(conn: &rusqlite::Connection) -> Result<Reglas> {
        use rusqlite::OptionalExtension;
        let base: Option<String> = conn
            .query_row(
                "SELECT valor FROM configuracion WHERE clave = 'interes_base_dias'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Reglas {
            base_dias: base.and_then(|b| b.parse().ok()).unwrap_or(360),
        })
    }
}

/// The date asked for, today by default; never in the future.
fn fecha_pedida(db: &dyn crate::store::Reader, al: Option<NaiveDate>) -> Result<NaiveDate> {
    let hoy = fechas::hoy(db.clock());
    let al = al.unwrap_or(hoy);
    if al > hoy {
        return Err(Error::entrada(format!(
            "la fecha {} está en el futuro: se liquida a hoy o a una fecha pasada",
            fechas::corta(al)
        )));
    }
    Ok(al)
}

/// The day a título becomes exigible: its exigibilidad, or its emission when it has none.
fn exigible(emision: &str, exigibilidad: Option<&str>) -> Option<NaiveDate> {
    exigibilidad.unwrap_or(emision).parse().ok()
}

/// A payment as it was imputed when recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imputado {
    pub fecha: NaiveDate,
    pub costas: Centavos,
    pub honorarios: Centavos,
    pub intereses: Centavos,
    pub capital: Centavos,
}

impl Imputado {
    pub fn total(&self) -> Centavos {
        Centavos(self.costas.0 + self.honorarios.0 + self.intereses.0 + self.capital.0)
    }
}

/// A stretch of days with one rate and one capital owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tramo {
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub dias: i64,
    /// The annual rate, «9.53».
    pub tasa: String,
    pub capital: Centavos,
    /// This stretch's share of the mora interest: the totals are rounded once, and each
    /// stretch shows the difference of the rounded running sums, so the shares add up exactly.
    pub interes: Centavos,
}

/// What is owed on `fecha`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Liquidacion {
    pub fecha: NaiveDate,
    /// The título's capital and the capital still owed.
    pub capital_titulo: Centavos,
    pub capital: Centavos,
    /// Interest liquidated in the título itself.
    pub intereses_titulo: Centavos,
    /// Mora interest accrued from `mora_desde` to `fecha`.
    pub mora: Centavos,
    pub mora_desde: Option<NaiveDate>,
    /// The date of the convenio de pago that froze the debt (mora stops there), if one is in force.
    pub convenio: Option<NaiveDate>,
    /// The convenio's financing interest of the cuotas due by `fecha`.
    pub intereses_convenio: Centavos,
    /// All interest still owed (título's plus mora, less what payments covered).
    pub intereses: Centavos,
    pub costas: Centavos,
    pub honorarios: Centavos,
    /// Everything paid up to `fecha`.
    pub pagado: Centavos,
    pub saldo: Centavos,
    /// Held by banks under a retención (answers to its oficios, medidas not lifted), pending
    /// transfer to the IESS: not a payment until it arrives, so the saldo still counts it.
    pub retenido: Centavos,
    pub tramos: Vec<Tramo>,
}

/// What a título brings to its liquidation.
#[derive(Debug, Clone, Copy)]
pub struct Deuda {
    pub capital: Centavos,
    pub intereses: Centavos,
    /// First day that accrues mora interest (the day after the exigibilidad).
    pub mora_desde: NaiveDate,
    /// Approved costas and honorarios, owed as of the liquidation date.
    pub costas: Centavos,
    pub honorarios: Centavos,
    /// Honorarios of an external Secretario-Abogado, charged to the debtor on capital and
    /// interest: a percentage in ten-thousandths of a point (10 % = 100 000), 0 for none.
    pub honorarios_porcentaje: i64,
    /// A convenio in force froze the debt on this day: mora stops here.
    pub mora_hasta: Option<NaiveDate>,
    /// The convenio's financing interest of the cuotas due by the liquidation date.
    pub intereses_convenio: Centavos,
}

impl Deuda {
    /// A título's debt with nothing beyond capital, interest and costas.
    pub fn nueva(
        capital: Centavos,
        intereses: Centavos,
        mora_desde: NaiveDate,
        costas: Centavos,
    ) -> Deuda {
        Deuda {
            capital,
            intereses,
            mora_desde,
            costas,
            honorarios: Centavos(0),
            honorarios_porcentaje: 0,
            mora_hasta: None,
            intereses_convenio: Centavos(0),
        }
    }
}

/// Exact mora interest of `capital` (cents) over the days `desde..=hasta` with the rate table,
/// as a numerator over `base_dias × 100 × ESCALA`.
fn numerador(capital: i64, dias: i64, tasa: TasaAnual) -> i128 {
    capital as i128 * dias as i128 * tasa.0 as i128
}

/// Half-up division of a non-negative numerator.
fn redondear(num: i128, den: i128) -> i64 {
    ((2 * num + den) / (2 * den)) as i64
}

/// Liquidates `deuda` on `al`, with the payments made (already imputed) and the rate table.
/// Refuses a day that no rate covers: an interest computed on a missing rate would be false.
pub fn liquidar(
    deuda: &Deuda,
    al: NaiveDate,
    tasas: &[Tasa],
    pagos: &[Imputado],
    reglas: Reglas,
) -> Result<Liquidacion> {
    let mut tasas: Vec<Tasa> = tasas.to_vec();
    tasas.sort_by_key(|t| t.desde);
    let mut pagos: Vec<Imputado> = pagos.iter().copied().filter(|p| p.fecha <= al).collect();
    pagos.sort_by_key(|p| p.fecha);
    let den = reglas.base_dias as i128 * 100 * TasaAnual::ESCALA as i128;
    // Points where the capital or the rate changes.
    let mut capital = deuda.capital.0;
    let mut tramos: Vec<Tramo> = vec![];
    let mut acumulado: i128 = 0;
    let mut redondeado_previo = 0i64;
    let mut dia = deuda.mora_desde;
    let mut i_pago = 0;
    let fin_mora = deuda.mora_hasta.map_or(al, |h| h.min(al));
    while dia <= fin_mora && capital > 0 {
        // The rate in force today and until when.
        let vigente = tasas.iter().rev().find(|t| t.desde <= dia).ok_or_else(|| {
            Error::entrada(format!(
                "no hay tasa de interés de mora registrada para el {}: registre la tasa vigente desde esa fecha",
                fechas::corta(dia)
            ))
        })?;
        let siguiente_tasa = tasas.iter().find(|t| t.desde > dia).map(|t| t.desde);
        // Payments before today already took effect.
        while i_pago < pagos.len() && pagos[i_pago].fecha < dia {
            capital -= pagos[i_pago].capital.0;
            i_pago += 1;
        }
        if capital <= 0 {
            break;
        }
        // The stretch ends the day before the next rate, at the end of a payment's day, or at
        // the end of the mora (`al`, or a convenio's date).
        let mut hasta = fin_mora;
        if let Some(s) = siguiente_tasa {
            hasta = hasta.min(s.pred_opt().unwrap_or(s));
        }
        if let Some(p) = pagos.get(i_pago) {
            hasta = hasta.min(p.fecha);
        }
        let dias = (hasta - dia).num_days() + 1;
        acumulado += numerador(capital, dias, vigente.anual);
        let redondeado = redondear(acumulado, den);
        tramos.push(Tramo {
            desde: dia,
            hasta,
            dias,
            tasa: vigente.anual.decimal(),
            capital: Centavos(capital),
            interes: Centavos(redondeado - redondeado_previo),
        });
        redondeado_previo = redondeado;
        dia = match hasta.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    let mora = Centavos(redondear(acumulado, den));
    let suma = |f: fn(&Imputado) -> Centavos| Centavos(pagos.iter().map(|p| f(p).0).sum());
    let (p_costas, p_hon, p_int, p_cap) = (
        suma(|p| p.costas),
        suma(|p| p.honorarios),
        suma(|p| p.intereses),
        suma(|p| p.capital),
    );
    let capital = Centavos(deuda.capital.0 - p_cap.0);
    let intereses = Centavos(deuda.intereses.0 + mora.0 + deuda.intereses_convenio.0 - p_int.0);
    let costas = Centavos(deuda.costas.0 - p_costas.0);
    // Honorarios on the capital and interest the debt carries (the convenio's financing aside).
    let devengados = if deuda.honorarios_porcentaje > 0 {
        redondear(
            (deuda.capital.0 + deuda.intereses.0 + mora.0) as i128
                * deuda.honorarios_porcentaje as i128,
            100 * TasaAnual::ESCALA as i128,
        )
    } else {
        0
    };
    let honorarios = Centavos(deuda.honorarios.0 + devengados - p_hon.0);
    let pagado = suma(|p| p.total());
    Ok(Liquidacion {
        fecha: al,
        capital_titulo: deuda.capital,
        capital,
        intereses_titulo: deuda.intereses,
        mora,
        mora_desde: (deuda.mora_desde <= al).then_some(deuda.mora_desde),
        convenio: deuda.mora_hasta.filter(|h| *h <= al),
        intereses_convenio: deuda.intereses_convenio,
        intereses,
        costas,
        honorarios,
        pagado,
        saldo: Centavos(capital.0 + intereses.0 + costas.0 + honorarios.0),
        retenido: Centavos(0),
        tramos,
    })
}

/// Splits a payment of `valor` against what is owed, in `orden` (by default costas,
/// honorarios, intereses, capital). Refuses a payment larger than the saldo.
pub fn imputar(
    valor: Centavos,
    fecha: NaiveDate,
    deuda: &Liquidacion,
    orden: &[Concepto],
) -> Result<Imputado> {
    if valor.0 <= 0 {
        return Err(Error::entrada("el valor del pago debe ser mayor que cero"));
    }
    if valor.0 > deuda.saldo.0 {
        return Err(Error::entrada(format!(
            "el pago de USD {} supera el saldo de USD {} al {}: no se registra",
            valor.agrupado(crate::dinero::Formato::Ecuador),
            deuda.saldo.agrupado(crate::dinero::Formato::Ecuador),
            fechas::corta(fecha)
        )));
    }
    let mut resto = valor.0;
    let mut p = Imputado {
        fecha,
        costas: Centavos(0),
        honorarios: Centavos(0),
        intereses: Centavos(0),
        capital: Centavos(0),
    };
    for c in orden {
        let (debe, parte) = match c {
            Concepto::Costas => (deuda.costas.0, &mut p.costas),
            Concepto::Honorarios => (deuda.honorarios.0, &mut p.honorarios),
            Concepto::Intereses => (deuda.intereses.0, &mut p.intereses),
            Concepto::Capital => (deuda.capital.0, &mut p.capital),
        };
        let x = resto.min(debe.max(0));
        parte.0 += x;
        resto -= x;
    }
    debug_assert_eq!(resto, 0, "a payment within the saldo is fully imputed");
    Ok(p)
}

/// What a payment may cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concepto {
    Costas,
    Honorarios,
    Intereses,
    Capital,
}

impl Concepto {
    pub const ORDEN_POR_DEFECTO: [Concepto; 4] = [
        Concepto::Costas,
        Concepto::Honorarios,
        Concepto::Intereses,
        Concepto::Capital,
    ];

    /// «costas,honorarios,intereses,capital» in any order, each exactly once.
    pub fn orden(texto: &str) -> Result<Vec<Concepto>> {
        let v: Vec<Concepto> = texto
            .split(',')
            .map(|p| match crate::texto::clave(p).as_str() {
                "costas" => Ok(Concepto::Costas),
                "honorarios" => Ok(Concepto::Honorarios),
                "intereses" => Ok(Concepto::Intereses),
                "capital" => Ok(Concepto::Capital),
                otro => Err(Error::entrada(format!(
                    "«{otro}» no es un concepto de imputación; use costas, honorarios, intereses y capital"
                ))),
            })
            .collect::<Result<_>>()?;
        let mut u = v.clone();
        u.sort_by_key(|c| *c as u8);
        u.dedup();
        if v.len() != 4 || u.len() != 4 {
            return Err(Error::entrada(
                "el orden de imputación nombra una vez cada concepto: costas, honorarios, intereses y capital",
            ));
        }
        Ok(v)
    }
}

/// A user's request for the liquidation (anyone who may consult; today by default).
pub fn consultar(
    db: &dyn crate::store::Reader,
    actor: &crate::usuarios::Actor,
    numero: &str,
    al: Option<NaiveDate>,
) -> Result<Liquidacion> {
    actor.exigir(crate::usuarios::Accion::Consultar)?;
    de_proceso(db, numero, fecha_pedida(db, al)?)
}

/// The liquidation of proceso `numero` on `al`, from its título, the rate table and the
/// unit's settings. Refused (in Spanish) when no rate covers a day of mora.
pub fn de_proceso(
    db: &dyn crate::store::Reader,
    numero: &str,
    al: NaiveDate,
) -> Result<Liquidacion> {
    de_proceso_en(db.conn(), numero, al)
}

/// [`de_proceso`] on a connection (the documents read inside their own transaction).
pub(crate) fn de_proceso_en(
    conn: &rusqlite::Connection,
    numero: &str,
    al: NaiveDate,
) -> Result<Liquidacion> {
    use rusqlite::OptionalExtension;
    let titulo: Option<String> = conn
        .query_row(
            "SELECT titulo FROM procesos WHERE numero = ?1",
            [numero],
            |r| r.get(0),
        )
        .optional()?;
    let titulo =
        titulo.ok_or_else(|| Error::NoEncontrado(format!("no existe el proceso {numero}")))?;
    de_titulo_en(conn, &titulo, al)
}

/// What título `titulo` owes on `al` (with the payments it received).
pub(crate) fn de_titulo_en(
    conn: &rusqlite::Connection,
    titulo: &str,
    al: NaiveDate,
) -> Result<Liquidacion> {
    use rusqlite::OptionalExtension;
    let fila: Option<(i64, i64, String, Option<String>)> = conn
        .query_row(
            "SELECT capital, intereses, fecha_emision, fecha_exigibilidad FROM titulos WHERE numero = ?1",
            [titulo],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (capital, intereses, emision, exigibilidad) =
        fila.ok_or_else(|| Error::NoEncontrado(format!("no existe el título {titulo}")))?;
    let exigible = exigible(&emision, exigibilidad.as_deref())
        .ok_or_else(|| Error::Interno("una fecha del título no se pudo leer".into()))?;
    if al < exigible {
        return Err(Error::entrada(format!(
            "la fecha de liquidación {} es anterior a la exigibilidad del título ({})",
            fechas::corta(al),
            fechas::corta(exigible)
        )));
    }
    let reglas = Reglas::de(conn)?;
    let mut deuda = Deuda::nueva(
        Centavos(capital),
        Centavos(intereses),
        exigible.succ_opt().unwrap_or(exigible),
        crate::costas::aprobadas_en(conn, titulo, al)?,
    );
    deuda.honorarios_porcentaje = honorarios_porcentaje(conn, titulo)?;
    if let Some(c) = crate::convenios::congelado_en(conn, titulo, al)? {
        deuda.mora_hasta = Some(c.desde);
        deuda.intereses_convenio = c.intereses;
    }
    let pagos = crate::pagos::imputados_en(conn, titulo)?;
    let mut l = liquidar(
        &deuda,
        al,
        &crate::tasas::vigentes_en(conn)?,
        &pagos,
        reglas,
    )?;
    l.retenido = crate::medidas::retenido_en(conn, titulo, al)?;
    Ok(l)
}

/// The unit's honorarios percentage (ten-thousandths of a point), as set.
pub(crate) fn porcentaje_honorarios(conn: &rusqlite::Connection) -> Result<i64> {
    use rusqlite::OptionalExtension;
    let v: Option<String> = conn
        .query_row(
            "SELECT valor FROM configuracion WHERE clave = 'honorarios_porcentaje'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match v.as_deref().map(str::trim) {
        None | Some("") | Some("0") => 0,
        Some(t) => TasaAnual::parse(t).map(|t| t.0).unwrap_or(0),
    })
}

/// The honorarios percentage a título's debt carries: the unit's, when its proceso is in the
/// hands of an external Secretario-Abogado; none otherwise (or before the sorteo).
fn honorarios_porcentaje(conn: &rusqlite::Connection, titulo: &str) -> Result<i64> {
    use rusqlite::OptionalExtension;
    let externo: Option<bool> = conn
        .query_row(
            "SELECT a.externo FROM procesos p JOIN abogados a ON a.identificacion = p.abogado WHERE p.titulo = ?1",
            [titulo],
            |r| r.get(0),
        )
        .optional()?;
    if externo == Some(true) {
        porcentaje_honorarios(conn)
    } else {
        Ok(0)
    }
}

/// What the whole unit is owed on a day (the directorate's totals).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Totales {
    pub fecha: NaiveDate,
    pub procesos: i64,
    pub capital: Centavos,
    pub intereses: Centavos,
    pub costas: Centavos,
    pub honorarios: Centavos,
    pub pagado: Centavos,
    pub saldo: Centavos,
    /// Procesos left out because a day of their mora has no rate (never counted as zero).
    pub sin_tasa: i64,
}

/// Liquidates every proceso of the unit on `al` (today by default): one read of the títulos,
/// one of the payments, and the arithmetic in memory.
pub fn totales(
    db: &dyn crate::store::Reader,
    actor: &crate::usuarios::Actor,
    al: Option<NaiveDate>,
) -> Result<Totales> {
    actor.exigir(crate::usuarios::Accion::Consultar)?;
    let al = fecha_pedida(db, al)?;
    let mut t = Totales {
        fecha: al,
        ..Default::default()
    };
    recorrer(db, al, false, |_, l| match l {
        Some(l) => {
            t.procesos += 1;
            t.capital.0 += l.capital.0;
            t.intereses.0 += l.intereses.0;
            t.costas.0 += l.costas.0;
            t.honorarios.0 += l.honorarios.0;
            t.pagado.0 += l.pagado.0;
            t.saldo.0 += l.saldo.0;
        }
        None => t.sin_tasa += 1,
    })?;
    Ok(t)
}

/// A título as [`recorrer`] hands it over.
pub(crate) struct Recorrido<'a> {
    pub concepto: &'a str,
    /// The proceso's stage; none for a título without a proceso yet.
    pub etapa: Option<&'a str>,
    pub abogado: Option<&'a str>,
    pub estado_titulo: &'a str,
}

/// Liquidates on `al` every título with a proceso (and, with `sin_proceso`, also those not yet
/// in one) exigible by then, handing each with its liquidation to `f` (none when a day of its
/// mora has no rate). Títulos not exigible by `al` are skipped.
pub(crate) fn recorrer(
    db: &dyn crate::store::Reader,
    al: NaiveDate,
    sin_proceso: bool,
    mut f: impl FnMut(&Recorrido, Option<&Liquidacion>),
) -> Result<()> {
    let conn = db.conn();
    let tasas = crate::tasas::vigentes_en(conn)?;
    let reglas = Reglas::de(conn)?;
    // Payments that count, grouped by título.
    let mut pagos: rustc_hash::FxHashMap<String, Vec<Imputado>> = Default::default();
    {
        let mut st = conn.prepare(
            "SELECT titulo, fecha, costas, honorarios, intereses, capital FROM pagos p
             WHERE anula IS NULL AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id)",
        )?;
        let mut filas = st.query([])?;
        while let Some(r) = filas.next()? {
            let f: String = r.get(1)?;
            let Ok(fecha) = f.parse() else { continue };
            pagos.entry(r.get(0)?).or_default().push(Imputado {
                fecha,
                costas: Centavos(r.get(2)?),
                honorarios: Centavos(r.get(3)?),
                intereses: Centavos(r.get(4)?),
                capital: Centavos(r.get(5)?),
            });
        }
    }
    // Approved costas up to the date, by título.
    let mut costas: rustc_hash::FxHashMap<String, i64> = Default::default();
    {
        let mut st = conn.prepare(
            "SELECT c.titulo, SUM(c.valor) FROM costas c JOIN costas_decisiones d ON d.costa_id = c.id
             WHERE d.aprobada = 1 AND c.fecha <= ?1 GROUP BY c.titulo",
        )?;
        let mut filas = st.query([fechas::iso(al)])?;
        while let Some(r) = filas.next()? {
            costas.insert(r.get(0)?, r.get(1)?);
        }
    }
    // Títulos under a convenio (few): each read as a single liquidation would.
    let mut congelados: rustc_hash::FxHashMap<String, crate::convenios::Congelado> =
        Default::default();
    {
        let mut st = conn.prepare("SELECT DISTINCT titulo FROM convenios WHERE desde <= ?1")?;
        let titulos: Vec<String> = st
            .query_map([fechas::iso(al)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for t in titulos {
            if let Some(c) = crate::convenios::congelado_en(conn, &t, al)? {
                congelados.insert(t, c);
            }
        }
    }
    let porcentaje = porcentaje_honorarios(conn)?;
    let mut st = conn.prepare(if sin_proceso {
        "SELECT t.numero, t.capital, t.intereses, t.fecha_emision, t.fecha_exigibilidad, COALESCE(a.externo, 0),
                t.concepto, p.etapa, p.abogado, t.estado
         FROM titulos t LEFT JOIN procesos p ON p.titulo = t.numero LEFT JOIN abogados a ON a.identificacion = p.abogado"
    } else {
        "SELECT t.numero, t.capital, t.intereses, t.fecha_emision, t.fecha_exigibilidad, COALESCE(a.externo, 0),
                t.concepto, p.etapa, p.abogado, t.estado
         FROM procesos p JOIN titulos t ON t.numero = p.titulo LEFT JOIN abogados a ON a.identificacion = p.abogado"
    })?;
    let mut filas = st.query([])?;
    let vacio: Vec<Imputado> = vec![];
    while let Some(r) = filas.next()? {
        let titulo: String = r.get(0)?;
        let emision: String = r.get(3)?;
        let Some(exigible) = exigible(&emision, r.get::<_, Option<String>>(4)?.as_deref()) else {
            continue;
        };
        if al < exigible {
            continue;
        }
        let mut deuda = Deuda::nueva(
            Centavos(r.get(1)?),
            Centavos(r.get(2)?),
            exigible.succ_opt().unwrap_or(exigible),
            Centavos(costas.get(&titulo).copied().unwrap_or(0)),
        );
        if r.get::<_, bool>(5)? {
            deuda.honorarios_porcentaje = porcentaje;
        }
        if let Some(c) = congelados.get(&titulo) {
            deuda.mora_hasta = Some(c.desde);
            deuda.intereses_convenio = c.intereses;
        }
        let p = pagos.get(&titulo).unwrap_or(&vacio);
        let (concepto, etapa, abogado, estado): (String, Option<String>, Option<String>, String) =
            (r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?);
        let x = Recorrido {
            concepto: &concepto,
            etapa: etapa.as_deref(),
            abogado: abogado.as_deref(),
            estado_titulo: &estado,
        };
        f(&x, liquidar(&deuda, al, &tasas, p, reglas).ok().as_ref());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn deuda(capital: i64, desde: &str) -> Deuda {
        Deuda::nueva(Centavos(capital), Centavos(0), d(desde), Centavos(0))
    }

    fn tasa(desde: &str, t: &str) -> Tasa {
        Tasa {
            desde: d(desde),
            anual: TasaAnual::parse(t).unwrap(),
        }
    }

    #[test]
    fn rates_read_as_people_write_them() {
        assert_eq!(TasaAnual::parse("9,53").unwrap(), TasaAnual(95_300));
        assert_eq!(TasaAnual::parse("9.5312").unwrap(), TasaAnual(95_312));
        assert_eq!(TasaAnual::parse("12 %").unwrap().texto(), "12,00");
        assert_eq!(TasaAnual(95_312).texto(), "9,5312");
        for malo in ["", "0", "100", "9,12345", "-3", "abc", "9,5,3"] {
            assert!(TasaAnual::parse(malo).is_err(), "{malo}");
        }
    }

    #[test]
    fn table_driven_liquidations() {
        // (capital, mora from, to, rates, expected mora cents)
        type Caso<'a> = (i64, &'a str, &'a str, &'a [(&'a str, &'a str)], i64);
        let casos: &[Caso<'_>] = &[
            // 100 000,00 × 12 % / 360 × 30 days = 1 000,00
            (
                10_000_000,
                "2026-01-01",
                "2026-01-30",
                &[("2026-01-01", "12")],
                100_000,
            ),
            // One day: 1 000,00 × 9,53 % / 360 = 0,2647… → 0,26
            (
                100_000,
                "2026-03-01",
                "2026-03-01",
                &[("2020-01-01", "9,53")],
                26,
            ),
            // A rate change mid-way: 10 days at 12 %, 20 at 6 % on 36 000,00 → 120 + 120 = 240,00
            (
                3_600_000,
                "2026-01-01",
                "2026-01-30",
                &[("2025-01-01", "12"), ("2026-01-11", "6")],
                24_000,
            ),
            // Leap year: all of February 2028 (29 days) at 3,6 % on 10 000,00 → 29,00
            (
                1_000_000,
                "2028-02-01",
                "2028-02-29",
                &[("2028-01-01", "3,6")],
                2_900,
            ),
            // Rounded once, at the end: a year on one cent is 0,0122 cents → 0; 365 days of
            // 0,05 a day (150,00 at 12 %) is 18,25 exactly, not 365 roundings.
            (1, "2026-01-01", "2026-12-31", &[("2026-01-01", "12")], 0),
            (
                15_000,
                "2026-01-01",
                "2026-12-31",
                &[("2026-01-01", "12")],
                1_825,
            ),
            // 1 234,56 at 9,53 % for 45 days: 123456 × 95300 × 45 / 360 000 000 = 14,706… → 14,71
            (
                123_456,
                "2026-02-01",
                "2026-03-17",
                &[("2026-01-01", "9,53")],
                1_471,
            ),
            // Before the mora starts nothing accrues.
            (
                100_000,
                "2026-06-01",
                "2026-05-31",
                &[("2026-01-01", "12")],
                0,
            ),
        ];
        for (capital, desde, al, tasas, esperado) in casos {
            let t: Vec<Tasa> = tasas.iter().map(|(a, b)| tasa(a, b)).collect();
            let l = liquidar(&deuda(*capital, desde), d(al), &t, &[], Reglas::default()).unwrap();
            assert_eq!(l.mora, Centavos(*esperado), "{capital} {desde}–{al}");
            assert_eq!(
                l.tramos.iter().map(|t| t.interes.0).sum::<i64>(),
                l.mora.0,
                "the stretches add up to the total"
            );
        }
    }

    #[test]
    fn a_payment_takes_effect_at_the_end_of_its_day_even_on_a_rate_change() {
        let t = [tasa("2026-01-01", "36"), tasa("2026-01-11", "18")];
        // 1 000,00 at 36 %: 1,00 a day; from the 11th 18 %: 0,50 a day on what is left.
        let pago = Imputado {
            fecha: d("2026-01-11"),
            costas: Centavos(0),
            honorarios: Centavos(0),
            intereses: Centavos(1_000),
            capital: Centavos(50_000),
        };
        let l = liquidar(
            &deuda(100_000, "2026-01-01"),
            d("2026-01-20"),
            &t,
            &[pago],
            Reglas::default(),
        )
        .unwrap();
        // Days 1–10: 10,00; day 11 still on 1 000,00 at 18 %: 0,50; days 12–20 on 500,00: 9 × 0,25.
        assert_eq!(l.mora, Centavos(1_000 + 50 + 225));
        assert_eq!(l.tramos.len(), 3);
        assert_eq!(l.capital, Centavos(50_000));
        assert_eq!(l.intereses, Centavos(1_275 - 1_000));
        assert_eq!(l.pagado, Centavos(51_000));
        assert_eq!(l.saldo, Centavos(50_000 + 275));
    }

    #[test]
    fn a_day_without_a_rate_is_refused() {
        let e = liquidar(
            &deuda(100_000, "2025-12-30"),
            d("2026-01-05"),
            &[tasa("2026-01-01", "9")],
            &[],
            Reglas::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("30/12/2025"), "{e}");
    }

    #[test]
    fn honorarios_are_a_percentage_of_capital_and_interest() {
        let t = [tasa("2026-01-01", "36")];
        let mut x = deuda(100_000, "2026-01-01");
        x.intereses = Centavos(5_000);
        x.costas = Centavos(7_777);
        x.honorarios_porcentaje = 100_000; // 10 %
        let l = liquidar(&x, d("2026-01-10"), &t, &[], Reglas::default()).unwrap();
        // 10 % of 1 000,00 + 50,00 + 10 days at 1,00: 106,00; costas carry none.
        assert_eq!(l.mora, Centavos(1_000));
        assert_eq!(l.honorarios, Centavos(10_600));
        assert_eq!(l.saldo, Centavos(100_000 + 5_000 + 1_000 + 7_777 + 10_600));
    }

    #[test]
    fn a_convenio_stops_the_mora_on_its_date_and_adds_its_cuotas_interest() {
        let t = [tasa("2026-01-01", "36")];
        let mut x = deuda(100_000, "2026-01-01");
        x.mora_hasta = Some(d("2026-01-05"));
        x.intereses_convenio = Centavos(321);
        let l = liquidar(&x, d("2026-03-01"), &t, &[], Reglas::default()).unwrap();
        assert_eq!(l.mora, Centavos(500), "five days at 1,00, then frozen");
        assert_eq!(l.intereses, Centavos(821));
        assert_eq!(l.convenio, Some(d("2026-01-05")));
        // Before its date the convenio changes nothing.
        let l = liquidar(&x, d("2026-01-03"), &t, &[], Reglas::default()).unwrap();
        assert_eq!(l.mora, Centavos(300));
        assert_eq!(l.convenio, None);
    }

    /// A small deterministic generator for the property tests (no extra dependency).
    struct Azar(u64);
    impl Azar {
        fn n(&mut self, hasta: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % hasta.max(1)
        }
    }

    #[test]
    fn imputations_always_sum_to_the_payment_and_the_saldo_never_goes_negative() {
        let mut a = Azar(0x9E37_79B9_7F4A_7C15);
        let t = [tasa("2020-01-01", "9,53"), tasa("2026-03-01", "11,2")];
        for _ in 0..500 {
            let mut d0 = Deuda::nueva(
                Centavos(1 + a.n(10_000_000) as i64),
                Centavos(a.n(100_000) as i64),
                d("2026-01-01"),
                Centavos(a.n(50_000) as i64),
            );
            d0.honorarios = Centavos(a.n(50_000) as i64);
            d0.honorarios_porcentaje = [0, 100_000, 55_000][a.n(3) as usize];
            let mut pagos: Vec<Imputado> = vec![];
            let mut fecha = d("2026-01-01");
            for _ in 0..(1 + a.n(6)) {
                fecha += chrono::Duration::days(a.n(90) as i64);
                let l = liquidar(&d0, fecha, &t, &pagos, Reglas::default()).unwrap();
                assert!(l.saldo.0 >= 0 && l.capital.0 >= 0 && l.intereses.0 >= 0);
                if l.saldo.0 == 0 {
                    break;
                }
                let valor = Centavos(1 + a.n(l.saldo.0 as u64) as i64);
                let p = imputar(valor, fecha, &l, &Concepto::ORDEN_POR_DEFECTO).unwrap();
                assert_eq!(p.total(), valor, "the split adds up to the payment");
                assert!(p.capital.0 <= l.capital.0 && p.intereses.0 <= l.intereses.0);
                pagos.push(p);
                let despues = liquidar(&d0, fecha, &t, &pagos, Reglas::default()).unwrap();
                assert_eq!(
                    despues.saldo.0,
                    l.saldo.0 - valor.0,
                    "the saldo falls by the payment"
                );
            }
            // Paying the whole saldo leaves nothing owed, and nothing more is accepted.
            let l = liquidar(&d0, fecha, &t, &pagos, Reglas::default()).unwrap();
            if l.saldo.0 > 0 {
                let p = imputar(l.saldo, fecha, &l, &Concepto::ORDEN_POR_DEFECTO).unwrap();
                pagos.push(p);
                let fin = liquidar(
                    &d0,
                    fecha + chrono::Duration::days(30),
                    &t,
                    &pagos,
                    Reglas::default(),
                )
                .unwrap();
                assert_eq!(fin.saldo, Centavos(0), "paid in full, no more mora");
                assert!(imputar(Centavos(1), fecha, &fin, &Concepto::ORDEN_POR_DEFECTO).is_err());
            }
        }
    }

    #[test]
    fn the_imputation_order_is_a_setting_naming_each_concept_once() {
        assert_eq!(
            Concepto::orden("capital, intereses,costas,honorarios").unwrap()[0],
            Concepto::Capital
        );
        assert!(Concepto::orden("capital,capital,costas,honorarios").is_err());
        assert!(Concepto::orden("capital").is_err());
    }
}
