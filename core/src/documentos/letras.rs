//! Numbers and amounts in Spanish words, as legal documents write them:
//! `MIL DOSCIENTOS TREINTA Y CUATRO CON 56/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA`,
//! `VEINTIÚN MIL`, `UN MILLÓN`, `DOS MILLONES`; and foja numbers in lower case (`trece`).

use crate::dinero::Centavos;

const UNIDADES: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];
const DECENAS: [&str; 10] = [
    "",
    "",
    "",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
];
const CENTENAS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

/// 0–999. `apocope`: "un"/"veintiún" instead of "uno"/"veintiuno" (before mil, millón).
fn hasta_mil(n: u64, apocope: bool) -> String {
    debug_assert!(n < 1000);
    if n == 100 {
        return "cien".into();
    }
    let (c, r) = (n / 100, n % 100);
    let mut partes = vec![];
    if c > 0 {
        partes.push(CENTENAS[c as usize].to_string());
    }
    if r > 0 || n == 0 {
        let t = if r < 30 {
            UNIDADES[r as usize].to_string()
        } else if r % 10 == 0 {
            DECENAS[(r / 10) as usize].to_string()
        } else {
            format!(
                "{} y {}",
                DECENAS[(r / 10) as usize],
                UNIDADES[(r % 10) as usize]
            )
        };
        partes.push(t);
    }
    let s = partes.join(" ");
    if apocope {
        if let Some(x) = s.strip_suffix("veintiuno") {
            return format!("{x}veintiún");
        }
        if let Some(x) = s.strip_suffix("uno") {
            return format!("{x}un");
        }
    }
    s
}

/// A whole number in lower-case words (0 to 999 999 999 999).
pub fn numero(n: u64) -> String {
    if n == 0 {
        return "cero".into();
    }
    let millones = n / 1_000_000;
    let miles = (n / 1000) % 1000;
    let resto = n % 1000;
    let mut partes = vec![];
    if millones > 0 {
        partes.push(if millones == 1 {
            "un millón".to_string()
        } else {
            format!("{} millones", sin_millones(millones))
        });
    }
    if miles > 0 {
        partes.push(if miles == 1 {
            "mil".to_string()
        } else {
            format!("{} mil", hasta_mil(miles, true))
        });
    }
    if resto > 0 {
        partes.push(hasta_mil(resto, false));
    }
    partes.join(" ")
}

/// Millions count (up to 999 999), with apocope: "veintiún millones", "mil millones".
fn sin_millones(m: u64) -> String {
    let (miles, resto) = (m / 1000, m % 1000);
    let mut partes = vec![];
    if miles > 0 {
        partes.push(if miles == 1 {
            "mil".to_string()
        } else {
            format!("{} mil", hasta_mil(miles, true))
        });
    }
    if resto > 0 {
        partes.push(hasta_mil(resto, true));
    }
    partes.join(" ")
}

/// `MIL DOSCIENTOS TREINTA Y CUATRO CON 56/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA`.
pub fn monto(c: Centavos) -> String {
    let v = c.0.unsigned_abs();
    let signo = if c.0 < 0 { "MENOS " } else { "" };
    format!(
        "{signo}{} CON {:02}/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA",
        numero(v / 100).to_uppercase(),
        v % 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        let casos = [
            (0, "cero"), (1, "uno"), (15, "quince"), (16, "dieciséis"), (21, "veintiuno"), (22, "veintidós"),
            (30, "treinta"), (31, "treinta y uno"), (99, "noventa y nueve"), (100, "cien"), (101, "ciento uno"),
            (115, "ciento quince"), (200, "doscientos"), (500, "quinientos"), (555, "quinientos cincuenta y cinco"),
            (700, "setecientos"), (900, "novecientos"), (1000, "mil"), (1001, "mil uno"), (1234, "mil doscientos treinta y cuatro"),
            (2000, "dos mil"), (21_000, "veintiún mil"), (31_000, "treinta y un mil"), (100_000, "cien mil"),
            (101_000, "ciento un mil"), (1_000_000, "un millón"), (2_000_000, "dos millones"),
            (21_000_000, "veintiún millones"), (1_000_001, "un millón uno"),
            (999_999_999, "novecientos noventa y nueve millones novecientos noventa y nueve mil novecientos noventa y nueve"),
            (1_000_000_000, "mil millones"),
        ];
        for (n, esperado) in casos {
            assert_eq!(numero(n), esperado, "{n}");
        }
    }

    #[test]
    fn amounts_in_words_as_legal_documents_write_them() {
        let casos = [
            (123456, "MIL DOSCIENTOS TREINTA Y CUATRO CON 56/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
            (1, "CERO CON 01/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
            (2_100_000, "VEINTIÚN MIL CON 00/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
            (100_000_000, "UN MILLÓN CON 00/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
            (200_000_050, "DOS MILLONES CON 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
            (99_999_999_999, "NOVECIENTOS NOVENTA Y NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE CON 99/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
            (2_100, "VEINTIUNO CON 00/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA"),
        ];
        for (c, esperado) in casos {
            assert_eq!(monto(Centavos(c)), esperado, "{c}");
        }
    }
}
