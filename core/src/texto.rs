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

#[cfg(test)]
mod tests_miles {
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
