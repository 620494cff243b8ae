//! Ecuador's calendar for términos: national holidays computed for any year with the moving
//! rules in force since 2017, plus an editable table (provincial holidays, decreed days, days a
//! decree removed); business days (*días hábiles*) and calendar days (*plazos*).
//!
//! Moving rules (Ley Orgánica de Servicio Público, reformed 2016): a holiday on Tuesday moves to
//! the previous Monday; on Wednesday or Thursday to that week's Friday; on Saturday to the
//! previous Friday; on Sunday to the next Monday. 1 January and 25 December move only off
//! weekends; Carnaval and Good Friday never move; 2 November never moves later and 3 November
//! never earlier (a move that would break that leaves the day where it is). The government
//! still fixes some days by decree each year: the table lets the Jefe add or remove days.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::params;
use serde::Serialize;

use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Feriado {
    /// `aaaa-mm-dd`
    pub fecha: NaiveDate,
    pub nombre: String,
    /// Province code for a provincial holiday; `None` for national ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provincia: Option<String>,
}

/// Easter Sunday (anonymous Gregorian algorithm).
pub fn pascua(anio: i32) -> NaiveDate {
    let a = anio % 19;
    let b = anio / 100;
    let c = anio % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let mes = (h + l - 7 * m + 114) / 31;
    let dia = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(anio, mes as u32, dia as u32).expect("fecha de Pascua válida")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Regla {
    /// Moves by the general rule.
    General,
    /// Moves only off weekends (1 Jan, 25 Dec).
    SoloFinDeSemana,
    /// Moves by the general rule but never later (2 Nov).
    NuncaDespues,
    /// Moves by the general rule but never earlier (3 Nov).
    NuncaAntes,
}

fn mover(f: NaiveDate, regla: Regla) -> NaiveDate {
    let d = |n: i64| f + Duration::days(n);
    let movida = match (f.weekday(), regla) {
        (Weekday::Sat, _) => d(-1),
        (Weekday::Sun, _) => d(1),
        (_, Regla::SoloFinDeSemana) => f,
        (Weekday::Tue, _) => d(-1),
        (Weekday::Wed, _) => d(2),
        (Weekday::Thu, _) => d(1),
        _ => f,
    };
    match regla {
        Regla::NuncaDespues if movida > f => f,
        Regla::NuncaAntes if movida < f => f,
        _ => movida,
    }
}

/// The national holidays of `anio` as observed (after moving), by date.
pub fn nacionales(anio: i32) -> Vec<Feriado> {
    let fecha = |m, d| NaiveDate::from_ymd_opt(anio, m, d).unwrap();
    let p = pascua(anio);
    let mut v: Vec<Feriado> = [
        (mover(fecha(1, 1), Regla::SoloFinDeSemana), "Año Nuevo"),
        (p - Duration::days(48), "Carnaval"),
        (p - Duration::days(47), "Carnaval"),
        (p - Duration::days(2), "Viernes Santo"),
        (mover(fecha(5, 1), Regla::General), "Día del Trabajo"),
        (mover(fecha(5, 24), Regla::General), "Batalla de Pichincha"),
        (
            mover(fecha(8, 10), Regla::General),
            "Primer Grito de Independencia",
        ),
        (
            mover(fecha(10, 9), Regla::General),
            "Independencia de Guayaquil",
        ),
        (
            mover(fecha(11, 2), Regla::NuncaDespues),
            "Día de los Difuntos",
        ),
        (
            mover(fecha(11, 3), Regla::NuncaAntes),
            "Independencia de Cuenca",
        ),
        (mover(fecha(12, 25), Regla::SoloFinDeSemana), "Navidad"),
    ]
    .into_iter()
    .map(|(fecha, nombre)| Feriado {
        fecha,
        nombre: nombre.into(),
        provincia: None,
    })
    .collect();
    v.sort_by_key(|f| f.fecha);
    v
}

/// The holidays observed in `anio`: national (computed) plus the table's additions, less the
/// days the table removes; with `provincia`, that province's holidays too.
pub fn feriados(store: &dyn Reader, anio: i32, provincia: Option<&str>) -> Result<Vec<Feriado>> {
    let mut v = nacionales(anio);
    let mut st = store.conn().prepare_cached(
        "SELECT fecha, nombre, provincia, quitar FROM feriados WHERE substr(fecha, 1, 4) = ?1 ORDER BY fecha",
    )?;
    let filas = st.query_map([format!("{anio:04}")], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    for f in filas {
        let (fecha, nombre, prov, quitar) = f?;
        let Ok(fecha) = fecha.parse::<NaiveDate>() else {
            continue;
        };
        if quitar {
            v.retain(|x| !(x.fecha == fecha && x.provincia == prov));
        } else if prov.is_none() || prov.as_deref() == provincia {
            v.push(Feriado {
                fecha,
                nombre,
                provincia: prov,
            });
        }
    }
    v.sort_by_key(|f| f.fecha);
    v.dedup_by_key(|f| (f.fecha, f.provincia.clone()));
    Ok(v)
}

/// Adds a day (provincial holiday, decreed day) or, with `quitar`, removes a computed one.
pub fn editar(
    store: &mut Store,
    actor: &Actor,
    fecha: NaiveDate,
    nombre: &str,
    provincia: Option<&str>,
    quitar: bool,
) -> Result<()> {
    actor.exigir(Accion::Configurar)?;
    if !quitar && nombre.trim().is_empty() {
        return Err(Error::entrada("indique el nombre del feriado (--nombre)"));
    }
    if let Some(p) = provincia {
        if crate::unidad::nombre_provincia(p).is_none() {
            return Err(Error::entrada(format!(
                "la provincia «{p}» no existe (01 a 24)"
            )));
        }
    }
    store.write(&actor.usuario, |tx| {
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO feriados (fecha, nombre, provincia, quitar, registrado_por, registrado_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![crate::fechas::iso(fecha), nombre.trim(), provincia, quitar, tx.actor(), ahora],
        )?;
        let datos = crate::eventos::Feriado {
            nombre: nombre.trim().to_string(),
            provincia: provincia.map(str::to_string),
        };
        let evento = if quitar {
            crate::eventos::Evento::FeriadoQuitado(datos)
        } else {
            crate::eventos::Evento::FeriadoAgregado(datos)
        };
        tx.registrar(&crate::fechas::iso(fecha), &evento)?;
        Ok(())
    })
}

/// Business-day arithmetic over a fixed set of holidays.
pub struct Calendario {
    feriados: std::collections::HashSet<NaiveDate>,
}

impl Calendario {
    /// The calendar for the years around `desde` (holidays of that year and the next two).
    pub fn para(
        store: &dyn Reader,
        desde: NaiveDate,
        provincia: Option<&str>,
    ) -> Result<Calendario> {
        let mut feriados = std::collections::HashSet::new();
        for anio in desde.year() - 1..=desde.year() + 2 {
            feriados.extend(
                self::feriados(store, anio, provincia)?
                    .into_iter()
                    .map(|f| f.fecha),
            );
        }
        Ok(Calendario { feriados })
    }

    /// The calendar of whole years (a convenio's due dates run for years).
    pub fn de_anios(
        store: &dyn Reader,
        anios: std::ops::RangeInclusive<i32>,
        provincia: Option<&str>,
    ) -> Result<Calendario> {
        let mut feriados = std::collections::HashSet::new();
        for anio in anios {
            feriados.extend(
                self::feriados(store, anio, provincia)?
                    .into_iter()
                    .map(|f| f.fecha),
            );
        }
        Ok(Calendario { feriados })
    }

    /// The first business day on or after `d`.
    pub fn habil_desde(&self, d: NaiveDate) -> NaiveDate {
        let mut d = d;
        while !self.es_habil(d) {
            d += Duration::days(1);
        }
        d
    }

    /// National holidays only (no table), for pure computations and tests.
    pub fn nacional(anios: std::ops::RangeInclusive<i32>) -> Calendario {
        Calendario {
            feriados: anios.flat_map(nacionales).map(|f| f.fecha).collect(),
        }
    }

    pub fn es_habil(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.feriados.contains(&d)
    }

    /// The day a término of `n` días hábiles ends, counted from the day after `desde`.
    pub fn habiles(&self, desde: NaiveDate, n: u32) -> NaiveDate {
        let mut d = desde;
        let mut restantes = n;
        while restantes > 0 {
            d += Duration::days(1);
            if self.es_habil(d) {
                restantes -= 1;
            }
        }
        d
    }

    /// Business days from `desde` (exclusive) to `hasta` (inclusive); negative when `hasta` is earlier.
    pub fn habiles_entre(&self, desde: NaiveDate, hasta: NaiveDate) -> i64 {
        if hasta < desde {
            return -self.habiles_entre(hasta, desde);
        }
        let mut n = 0;
        let mut d = desde;
        while d < hasta {
            d += Duration::days(1);
            if self.es_habil(d) {
                n += 1;
            }
        }
        n
    }
}

/// The day a plazo of `n` calendar days ends.
pub fn plazo(desde: NaiveDate, n: u32) -> NaiveDate {
    desde + Duration::days(n as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_is_right_for_known_years() {
        for (anio, fecha) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(pascua(anio), d(fecha), "{anio}");
        }
    }

    #[test]
    fn holidays_2026_as_observed() {
        let v: Vec<String> = nacionales(2026)
            .iter()
            .map(|f| f.fecha.to_string())
            .collect();
        let fechas: Vec<&str> = v.iter().map(String::as_str).collect();
        assert_eq!(
            fechas,
            [
                "2026-01-01", // Thursday: only weekends move it
                "2026-02-16",
                "2026-02-17", // Carnaval Monday and Tuesday
                "2026-04-03", // Good Friday
                "2026-05-01", // Friday
                "2026-05-25", // 24 May is Sunday → Monday
                "2026-08-10", // Monday
                "2026-10-09", // Friday
                "2026-11-02",
                "2026-11-03", // Monday, Tuesday: 3 Nov may not move to 2 Nov
                "2026-12-25", // Friday
            ]
        );
    }

    #[test]
    fn moving_rules_each_case() {
        // 24 May on each weekday, across years.
        let casos = [
            (2022, "2022-05-23"), // Tuesday → Monday 23
            (2023, "2023-05-26"), // Wednesday → Friday 26
            (2024, "2024-05-24"), // Friday stays
            (2025, "2025-05-23"), // Saturday → Friday 23
            (2020, "2020-05-25"), // Sunday → Monday 25
            (2029, "2029-05-25"), // Thursday → Friday 25
        ];
        for (anio, esperado) in casos {
            let f = nacionales(anio)
                .into_iter()
                .find(|f| f.nombre == "Batalla de Pichincha")
                .unwrap();
            assert_eq!(f.fecha, d(esperado), "{anio}");
        }
        // 25 Dec on a Wednesday does not move; on Saturday it goes to Friday.
        assert!(nacionales(2024).iter().any(|f| f.fecha == d("2024-12-25")));
        assert!(nacionales(2027).iter().any(|f| f.fecha == d("2027-12-24")));
        // 2 Nov on a Wednesday (2022) cannot move later: it stays; 3 Nov Thursday → Friday 4.
        let nov: Vec<NaiveDate> = nacionales(2022)
            .into_iter()
            .filter(|f| f.fecha.month() == 11)
            .map(|f| f.fecha)
            .collect();
        assert_eq!(nov, [d("2022-11-02"), d("2022-11-04")]);
    }

    #[test]
    fn terminos_skip_weekends_and_holidays_from_the_day_after() {
        let c = Calendario::nacional(2025..=2027);
        // Notified Friday 13 Nov 2026: 3 días hábiles → Mon 16, Tue 17, Wed 18.
        assert_eq!(c.habiles(d("2026-11-13"), 3), d("2026-11-18"));
        // Notified Friday 30 Oct 2026: Mon 2 and Tue 3 Nov are holidays → Wed 4, Thu 5, Fri 6.
        assert_eq!(c.habiles(d("2026-10-30"), 3), d("2026-11-06"));
        // Across Carnaval 2026 (Mon 16, Tue 17 Feb).
        assert_eq!(c.habiles(d("2026-02-13"), 1), d("2026-02-18"));
        assert_eq!(c.habiles_entre(d("2026-11-13"), d("2026-11-18")), 3);
        assert_eq!(plazo(d("2026-11-24"), 180), d("2027-05-23"));
    }
}
