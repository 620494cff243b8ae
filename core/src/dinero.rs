//! Money: always integer cents (`Centavos`). Parsing accepts the ways amounts really arrive in
//! Ecuadorian spreadsheets and refuses the ones that could be read two ways.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount in US dollar cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Centavos(pub i64);

impl Centavos {
    /// `1234.56`: the plain form used in JSON and files.
    pub fn decimal(self) -> String {
        let signo = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{signo}{}.{:02}", a / 100, a % 100)
    }

    /// Grouped for people: `Formato::Ecuador` → `1.234,56`, `Formato::Anglo` → `1,234.56`.
    pub fn agrupado(self, formato: Formato) -> String {
        let (miles, dec) = match formato {
            Formato::Ecuador => ('.', ','),
            Formato::Anglo => (',', '.'),
        };
        let a = self.0.unsigned_abs();
        let entero = (a / 100).to_string();
        let mut out = String::new();
        for (i, c) in entero.chars().enumerate() {
            if i > 0 && (entero.len() - i) % 3 == 0 {
                out.push(miles);
            }
            out.push(c);
        }
        let signo = if self.0 < 0 { "-" } else { "" };
        format!("{signo}{out}{dec}{:02}", a % 100)
    }
}

impl fmt::Display for Centavos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.decimal())
    }
}

impl Serialize for Centavos {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.decimal())
    }
}

impl<'de> Deserialize<'de> for Centavos {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Centavos, D::Error> {
        let t = String::deserialize(d)?;
        parse_importe(&t).map_err(serde::de::Error::custom)
    }
}

/// How amounts are grouped when shown to people (a unit setting; see the brief).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Formato {
    /// CLDR es-EC: `1.234,56`.
    #[default]
    Ecuador,
    /// As many IESS and tax documents print: `1,234.56`.
    Anglo,
}

/// [`parse_importe`] for a value a person typed into a form or a flag: the error says which.
pub fn importe(texto: &str) -> crate::Result<Centavos> {
    parse_importe(texto).map_err(|e| {
        crate::Error::entrada(format!("el valor «{}» no es válido: {e}", texto.trim()))
    })
}

/// Parses `1234.56`, `1.234,56`, `1,234.56`, `1234,56`, `$ 1.234,56`, `USD 1234`.
/// Refuses more than two decimals and anything that could be read two ways (`1.234`).
/// The error is the Spanish reason, without the column name.
pub fn parse_importe(texto: &str) -> Result<Centavos, String> {
    let original = texto.trim();
    let mut t = original.replace([' ', '\u{a0}'], "");
    for prefijo in ["USD", "usd", "US$", "$"] {
        if let Some(r) = t.strip_prefix(prefijo) {
            t = r.to_string();
        }
    }
    if t.is_empty() {
        return Err("falta el valor".into());
    }
    let negativo = t.starts_with('-');
    let t = t.trim_start_matches('-');
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(format!("«{original}» no es un valor en dólares"));
    }
    let puntos = t.matches('.').count();
    let comas = t.matches(',').count();
    let (entero, decimales): (String, &str) = match (puntos, comas) {
        (0, 0) => (t.to_string(), ""),
        (1.., 1..) => {
            // Both present: the last one is the decimal mark, the other groups thousands.
            let ult = t.rfind(['.', ',']).unwrap();
            let marca = t.as_bytes()[ult] as char;
            let grupo = if marca == '.' { ',' } else { '.' };
            if t[..ult].contains(marca) || t[ult + 1..].contains(grupo) {
                return Err(format!(
                    "«{original}» mezcla separadores de miles y decimales"
                ));
            }
            (agrupado(&t[..ult], grupo, original)?, &t[ult + 1..])
        }
        (n, 0) | (0, n) => {
            let sep = if puntos > 0 { '.' } else { ',' };
            if n > 1 {
                (agrupado(t, sep, original)?, "")
            } else {
                let pos = t.find(sep).unwrap();
                let (izq, der) = (&t[..pos], &t[pos + 1..]);
                let podria_ser_miles =
                    der.len() == 3 && (1..=3).contains(&izq.len()) && !izq.starts_with('0');
                if podria_ser_miles {
                    return Err(format!(
                        "«{original}» puede leerse de dos maneras ({izq}{der},00 o {izq},{der}); \
                         escriba los centavos, por ejemplo {izq}{der},00 o {izq}.{der},00"
                    ));
                }
                (izq.to_string(), der)
            }
        }
    };
    if entero.is_empty() && decimales.is_empty() {
        return Err(format!("«{original}» no es un valor en dólares"));
    }
    if decimales.len() > 2 {
        return Err(format!("«{original}» tiene más de dos decimales"));
    }
    let entero: i64 = if entero.is_empty() {
        0
    } else {
        entero
            .parse()
            .ok()
            .filter(|v: &i64| *v <= 100_000_000_000)
            .ok_or_else(|| format!("«{original}» es demasiado grande"))?
    };
    let cent: i64 = match decimales.len() {
        0 => 0,
        1 => decimales.parse::<i64>().unwrap() * 10,
        _ => decimales.parse::<i64>().unwrap(),
    };
    let v = entero * 100 + cent;
    Ok(Centavos(if negativo { -v } else { v }))
}

/// Checks thousands groups (`1.234.567`) and returns the bare digits.
fn agrupado(t: &str, sep: char, original: &str) -> Result<String, String> {
    let grupos: Vec<&str> = t.split(sep).collect();
    let ok =
        !grupos[0].is_empty() && grupos[0].len() <= 3 && grupos[1..].iter().all(|g| g.len() == 3);
    if !ok {
        return Err(format!(
            "«{original}» tiene los separadores de miles mal puestos (grupos de tres cifras)"
        ));
    }
    Ok(grupos.concat())
}

/// Converts a spreadsheet number (a float, as XLSX stores it) to cents, refusing a third
/// decimal instead of silently rounding it away.
pub fn desde_hoja(v: f64) -> Result<Centavos, String> {
    if !v.is_finite() || v.abs() > 1e11 {
        return Err(format!("«{v}» no es un valor en dólares"));
    }
    let c = (v * 100.0).round();
    if ((v * 100.0) - c).abs() > 1e-6 {
        return Err(format!("«{v}» tiene más de dos decimales"));
    }
    Ok(Centavos(c as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_common_way_of_writing_an_amount() {
        let casos = [
            ("1234.56", 123456),
            ("1.234,56", 123456),
            ("1,234.56", 123456),
            ("1234,56", 123456),
            ("1234", 123400),
            ("1234,5", 123450),
            ("0.5", 50),
            ("0,05", 5),
            ("$ 1.234,56", 123456),
            ("USD 1,234.56", 123456),
            ("1.234.567", 123456700),
            ("1,234,567.89", 123456789),
            ("12.345.678,90", 1234567890),
            ("1234.567,00", -1), // bad grouping
            ("-15,00", -1500),
        ];
        for (t, esperado) in casos {
            match parse_importe(t) {
                Ok(v) => assert_eq!(v.0, esperado, "{t}"),
                Err(e) => assert_eq!(esperado, -1, "{t}: {e}"),
            }
        }
    }

    #[test]
    fn refuses_amounts_that_read_two_ways_and_says_why() {
        for t in ["1.234", "1,234", "12,345", "123.456"] {
            let e = parse_importe(t).unwrap_err();
            assert!(e.contains("dos maneras"), "{t}: {e}");
        }
    }

    #[test]
    fn refuses_a_third_decimal_and_garbage() {
        assert!(parse_importe("12.345,678")
            .unwrap_err()
            .contains("decimales"));
        assert!(parse_importe("0.123").unwrap_err().contains("decimales"));
        assert!(parse_importe("1234.567").unwrap_err().contains("decimales"));
        assert!(parse_importe("doce").is_err());
        assert!(parse_importe("").is_err());
        assert!(parse_importe("1.2,3.4").is_err());
    }

    #[test]
    fn spreadsheet_floats_keep_cents_exactly() {
        assert_eq!(desde_hoja(1234.56).unwrap().0, 123456);
        assert_eq!(desde_hoja(0.1 + 0.2).unwrap().0, 30);
        assert!(desde_hoja(10.005).is_err());
    }

    #[test]
    fn formats_for_files_and_for_people() {
        let v = Centavos(123456789);
        assert_eq!(v.decimal(), "1234567.89");
        assert_eq!(v.agrupado(Formato::Ecuador), "1.234.567,89");
        assert_eq!(v.agrupado(Formato::Anglo), "1,234,567.89");
        assert_eq!(Centavos(5).decimal(), "0.05");
        assert_eq!(Centavos(100).agrupado(Formato::Ecuador), "1,00");
    }
}
