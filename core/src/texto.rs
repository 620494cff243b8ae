//! Text helpers: accent- and case-insensitive keys for matching headers and names.

use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed (`Número` → `numero`), spaces and dashes as `_`, trimmed.
pub fn clave(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            ' ' | '-' | '.' => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// For searching: lower case and without accents, spaces kept.
pub fn plegar(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Spanish alphabetical order (the `es` collation of every connection): case and accents do
/// not count, but «ñ» is its own letter between «n» and «o» — «CAÑIZARES» before «CARRIÓN»,
/// «NUÑEZ» after «NUNEZ» and before «NUO». Ties fall back to the bytes, so the order is total.
pub fn orden_es(a: &str, b: &str) -> std::cmp::Ordering {
    fn clave(s: &str) -> impl Iterator<Item = char> + '_ {
        let mut previa = ' ';
        s.nfd().flat_map(move |c| {
            let out: Option<char> = if c == '\u{0303}' && (previa == 'n' || previa == 'N') {
                // n + combining tilde: sorts after every plain letter that can follow «n».
                Some('\u{10FFFF}')
            } else if unicode_normalization::char::is_combining_mark(c) {
                None
            } else {
                Some(c)
            };
            previa = c;
            out.into_iter().flat_map(char::to_lowercase)
        })
    }
    // «ñ» must rank right after «n», before «o»: compare (letter, tilde-after-it) pairs.
    fn pares(s: &str) -> Vec<(char, bool)> {
        let mut v: Vec<(char, bool)> = vec![];
        for c in clave(s) {
            if c == '\u{10FFFF}' {
                if let Some(u) = v.last_mut() {
                    u.1 = true;
                }
            } else {
                v.push((c, false));
            }
        }
        v
    }
    pares(a).cmp(&pares(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests_orden {
    use super::orden_es;
    use std::cmp::Ordering::*;

    #[test]
    fn spanish_alphabetical_order() {
        assert_eq!(orden_es("CAÑIZARES", "CARRIÓN"), Less);
        assert_eq!(orden_es("NUÑEZ", "NUNEZ"), Greater);
        assert_eq!(orden_es("NUÑEZ", "NUO"), Less);
        assert_ne!(
            orden_es("Ávila", "avila"),
            Equal,
            "ties fall back to the bytes"
        );
        assert_eq!(
            orden_es("avila", "Ávila"),
            orden_es("Ávila", "avila").reverse()
        );
        assert_eq!(orden_es("ÁVILA", "BARCO"), Less);
        assert_eq!(orden_es("peña", "PENA"), Greater);
        let mut v = vec!["ZAMBRANO", "ÑAUPARI", "NARVÁEZ", "OBANDO", "ÁLVAREZ"];
        v.sort_by(|a, b| orden_es(a, b));
        assert_eq!(v, ["ÁLVAREZ", "NARVÁEZ", "ÑAUPARI", "OBANDO", "ZAMBRANO"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_ignore_case_accents_and_spacing() {
        assert_eq!(clave(" Número "), "numero");
        assert_eq!(clave("Fecha Emisión"), "fecha_emision");
        assert_eq!(clave("FECHA-EXIGIBILIDAD"), "fecha_exigibilidad");
        assert_eq!(plegar("PÉREZ Ñuñez"), "perez nunez");
    }
}

/// A whole number with Ecuadorian thousands separators: `1.067.169`.
pub fn miles(n: i64) -> String {
    let digitos = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digitos.chars().enumerate() {
        if i > 0 && (digitos.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A count and its noun, singular or plural as Spanish needs: «1 proceso», «1.200 procesos».
/// Never «proceso(s)».
pub fn cuantos(n: i64, singular: &str, plural: &str) -> String {
    format!("{} {}", miles(n), if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests_miles {
    #[test]
    fn a_count_takes_the_right_number() {
        assert_eq!(super::cuantos(1, "proceso", "procesos"), "1 proceso");
        assert_eq!(super::cuantos(0, "proceso", "procesos"), "0 procesos");
        assert_eq!(super::cuantos(1200, "página", "páginas"), "1.200 páginas");
    }

    #[test]
    fn thousands_use_dots() {
        assert_eq!(super::miles(0), "0");
        assert_eq!(super::miles(999), "999");
        assert_eq!(super::miles(1000), "1.000");
        assert_eq!(super::miles(1067169), "1.067.169");
        assert_eq!(super::miles(-12345), "-12.345");
    }
}

/// «a», «a y b», «a, b y c».
pub fn unir(v: &[String]) -> String {
    match v {
        [] => String::new(),
        [a] => a.clone(),
        [resto @ .., ultimo] => format!("{} y {ultimo}", resto.join(", ")),
    }
}

/// A field the clerk may leave blank: trimmed, or `None` when empty.
pub fn limpio(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
