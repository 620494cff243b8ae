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
