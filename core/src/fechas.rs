//! Time: the injected clock, the America/Guayaquil zone, and the date formats clerks use.
//!
//! Domain logic never calls `now()` itself: it is handed a [`Clock`], so a sorteo, a término or
//! a bundle can be replayed in tests and audits.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use chrono_tz::America::Guayaquil;

use crate::{Error, Result};

/// Source of the current instant.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock of the machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant (tests, replays).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// Noon in Guayaquil on the given day.
    pub fn on(date: NaiveDate) -> Self {
        let local = date.and_hms_opt(12, 0, 0).expect("mediodía válido");
        FixedClock(
            local
                .and_local_timezone(Guayaquil)
                .unwrap()
                .with_timezone(&Utc),
        )
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// The environment variable that pins "now" in builds made for tests (see [`reloj`]).
pub const VARIABLE_RELOJ: &str = "COACTIVA_RELOJ";

/// The clock the `coactiva` command and the window run on: the machine's.
///
/// Only a build with the `reloj-prueba` feature (the test suite's; never a release build)
/// honours [`VARIABLE_RELOJ`]: an instant (`2026-11-24T10:30:00-05:00`) or a day (`2026-11-24`,
/// noon in Guayaquil). Tests that drive the command or the window pin "today" through it, so
/// that fixtures made through the library and through the command share one date.
pub fn reloj() -> std::sync::Arc<dyn Clock> {
    #[cfg(feature = "reloj-prueba")]
    if let Ok(t) = std::env::var(VARIABLE_RELOJ) {
        match reloj_fijo(&t) {
            Some(c) => return std::sync::Arc::new(c),
            None => {
                log::warn!("{VARIABLE_RELOJ} no es una fecha válida; se usa el reloj del sistema")
            }
        }
    }
    std::sync::Arc::new(SystemClock)
}

/// Parses the pinned instant of [`reloj`]: RFC 3339, or a day (noon in Guayaquil).
pub fn reloj_fijo(t: &str) -> Option<FixedClock> {
    let t = t.trim();
    if let Ok(i) = DateTime::parse_from_rfc3339(t) {
        return Some(FixedClock(i.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .map(FixedClock::on)
}

/// Today's date in Ecuador (continental), whatever zone the PC is set to.
pub fn hoy(clock: &dyn Clock) -> NaiveDate {
    clock.now().with_timezone(&Guayaquil).date_naive()
}

/// The instant as stored in the database: RFC 3339 with the Guayaquil offset (`-05:00`).
pub fn marca(clock: &dyn Clock) -> String {
    clock
        .now()
        .with_timezone(&Guayaquil)
        .to_rfc3339_opts(SecondsFormat::Millis, false)
}

/// Parses `dd/mm/aaaa` (also `d/m/aaaa`, `dd-mm-aaaa`) or ISO `aaaa-mm-dd`.
pub fn parse_fecha(texto: &str) -> Result<NaiveDate> {
    let t = texto.trim();
    let invalida = || {
        Error::entrada(format!(
            "la fecha «{t}» no es válida: use dd/mm/aaaa (por ejemplo 24/11/2026) o aaaa-mm-dd"
        ))
    };
    if t.is_empty() {
        return Err(Error::entrada("falta la fecha"));
    }
    let partes: Vec<&str> = t.split(['/', '-']).collect();
    if partes.len() != 3
        || partes
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(invalida());
    }
    let n = |s: &str| s.parse::<u32>().map_err(|_| invalida());
    let (y, m, d) = if partes[0].len() == 4 {
        (n(partes[0])?, n(partes[1])?, n(partes[2])?)
    } else if partes[2].len() == 4 {
        (n(partes[2])?, n(partes[1])?, n(partes[0])?)
    } else {
        return Err(invalida());
    };
    if !(1950..=2200).contains(&y) {
        return Err(Error::entrada(format!(
            "la fecha «{t}» está fuera de los años que maneja Coactiva (1950 a 2200)"
        )));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .ok_or_else(|| Error::entrada(format!("la fecha «{t}» no existe en el calendario")))
}

/// `aaaa-mm-dd`, as stored in the database (faster than `to_string`, same text).
pub fn iso(d: NaiveDate) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    let mut s = String::with_capacity(10);
    for c in [y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push((b'0' + c as u8) as char);
    }
    s.push('-');
    s.push((b'0' + (m / 10) as u8) as char);
    s.push((b'0' + (m % 10) as u8) as char);
    s.push('-');
    s.push((b'0' + (dd / 10) as u8) as char);
    s.push((b'0' + (dd % 10) as u8) as char);
    s
}

/// `dd/mm/aaaa`, as the UI and reports show dates.
pub fn corta(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

const MESES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// `24 de noviembre de 2026`.
pub fn larga(d: NaiveDate) -> String {
    format!(
        "{} de {} de {}",
        d.day(),
        MESES[d.month0() as usize],
        d.year()
    )
}

/// The day of a stored instant (`2026-11-24T10:00:00-05:00`), long: `24 de noviembre de 2026`.
/// Anything unreadable is shown as it is.
pub fn fecha_larga_de_marca(marca: &str) -> String {
    marca
        .get(..10)
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .map(larga)
        .unwrap_or_else(|| marca.to_string())
}

/// A date the clerk may leave blank (`dd/mm/aaaa`, or nothing).
pub fn parse_opcional(texto: Option<&str>) -> Result<Option<NaiveDate>> {
    texto
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(parse_fecha)
        .transpose()
}

/// The day of a stored date or instant (`2026-11-24…`); `NaiveDate::MIN` if it is not one.
pub fn dia(guardado: &str) -> NaiveDate {
    guardado
        .get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(NaiveDate::MIN)
}

/// Refuses a date after `hoy`: what is recorded has happened.
pub fn no_futura(d: NaiveDate, hoy: NaiveDate) -> Result<()> {
    if d > hoy {
        return Err(crate::Error::entrada(format!(
            "la fecha {} está en el futuro",
            corta(d)
        )));
    }
    Ok(())
}

/// A report's period as asked, completed as people expect: up to today, from the first of the
/// month of its end.
pub fn periodo(
    clock: &dyn Clock,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    let hasta = hasta.unwrap_or_else(|| hoy(clock));
    let desde = desde.unwrap_or_else(|| hasta.with_day(1).unwrap_or(hasta));
    (desde, hasta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_clerks_write() {
        let esperada = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        for t in [
            "05/03/2026",
            "5/3/2026",
            "2026-03-05",
            "05-03-2026",
            " 05/03/2026 ",
        ] {
            assert_eq!(parse_fecha(t).unwrap(), esperada, "{t}");
        }
    }

    #[test]
    fn refuses_impossible_or_ambiguous_dates() {
        for t in [
            "31/02/2026",
            "2026/13/01",
            "03/05/26",
            "",
            "hoy",
            "1.2.2026",
            "01/01/0001",
            "31/12/9999",
        ] {
            assert!(parse_fecha(t).is_err(), "{t} debió rechazarse");
        }
    }

    #[test]
    fn today_is_ecuadors_today_not_utcs() {
        // 03:00 UTC on 25 Nov is still 24 Nov in Quito.
        let c = FixedClock("2026-11-25T03:00:00Z".parse().unwrap());
        assert_eq!(hoy(&c), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert!(marca(&c).ends_with("-05:00"));
    }

    #[test]
    fn a_pinned_clock_reads_an_instant_or_a_day() {
        let d = reloj_fijo("2026-12-31").unwrap();
        assert_eq!(hoy(&d), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        let i = reloj_fijo("2026-12-31T23:50:00-05:00").unwrap();
        assert_eq!(hoy(&i), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert!(reloj_fijo("mañana").is_none());
    }

    #[test]
    fn long_dates_are_spanish() {
        assert_eq!(
            larga(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
            "24 de noviembre de 2026"
        );
        assert_eq!(
            corta(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "05/01/2026"
        );
    }
}
