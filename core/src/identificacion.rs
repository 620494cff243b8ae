//! Ecuadorian identifications: cédula (10 digits) and RUC (13), checked as the brief describes.
//! Company check digits only warn: the tax authority issues valid RUCs that fail them.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tipo {
    Cedula,
    RucPersonaNatural,
    RucSociedadPrivada,
    RucSociedadPublica,
}

impl Tipo {
    pub fn como_texto(self) -> &'static str {
        match self {
            Tipo::Cedula => "cedula",
            Tipo::RucPersonaNatural => "ruc_natural",
            Tipo::RucSociedadPrivada => "ruc_privada",
            Tipo::RucSociedadPublica => "ruc_publica",
        }
    }
}

/// A valid identification, possibly with warnings a person should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valida {
    pub tipo: Tipo,
    pub advertencias: Vec<String>,
}

fn digitos(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn provincia_valida(d: &[u32]) -> bool {
    let p = d[0] * 10 + d[1];
    (1..=24).contains(&p) || p == 30
}

fn digito_cedula(d: &[u32]) -> u32 {
    let suma: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let p = if i % 2 == 0 { x * 2 } else { x };
            if p > 9 {
                p - 9
            } else {
                p
            }
        })
        .sum();
    (10 - suma % 10) % 10
}

fn modulo11(d: &[u32], pesos: &[u32]) -> Option<u32> {
    let suma: u32 = d.iter().zip(pesos).map(|(a, b)| a * b).sum();
    match suma % 11 {
        0 => Some(0),
        r if 11 - r == 10 => None,
        r => Some(11 - r),
    }
}

/// Validates a cédula or RUC. `Err` carries the Spanish reason.
pub fn validar(texto: &str) -> Result<Valida, String> {
    let t = texto.trim();
    if t.is_empty() {
        return Err("falta la identificación".into());
    }
    let d = digitos(t).ok_or_else(|| format!("«{t}» debe tener solo dígitos"))?;
    match d.len() {
        10 => validar_cedula(t, &d),
        13 => validar_ruc(t, &d),
        n => Err(format!(
            "«{t}» tiene {n} dígitos: una cédula tiene 10 y un RUC 13"
        )),
    }
}

fn validar_cedula(t: &str, d: &[u32]) -> Result<Valida, String> {
    if !provincia_valida(d) {
        return Err(format!(
            "la cédula «{t}» no empieza con un código de provincia (01 a 24 o 30)"
        ));
    }
    if d[9] != digito_cedula(d) {
        return Err(format!(
            "la cédula «{t}» tiene el dígito verificador incorrecto"
        ));
    }
    let mut advertencias = vec![];
    if d[2] > 5 {
        advertencias.push(format!(
            "la cédula «{t}» tiene un tercer dígito mayor que 5; verifique que sea correcta"
        ));
    }
    Ok(Valida {
        tipo: Tipo::Cedula,
        advertencias,
    })
}

fn validar_ruc(t: &str, d: &[u32]) -> Result<Valida, String> {
    if !provincia_valida(d) {
        return Err(format!(
            "el RUC «{t}» no empieza con un código de provincia (01 a 24 o 30)"
        ));
    }
    match d[2] {
        0..=5 => {
            validar_cedula(&t[..10], &d[..10])
                .map_err(|_| format!("el RUC «{t}» no empieza con una cédula válida"))?;
            if &t[10..] == "000" {
                return Err(format!(
                    "el RUC «{t}» tiene el establecimiento 000, que no existe"
                ));
            }
            Ok(Valida {
                tipo: Tipo::RucPersonaNatural,
                advertencias: vec![],
            })
        }
        9 => {
            if &t[10..] == "000" {
                return Err(format!(
                    "el RUC «{t}» tiene el establecimiento 000, que no existe"
                ));
            }
            let mut advertencias = vec![];
            if modulo11(&d[..9], &[4, 3, 2, 7, 6, 5, 4, 3, 2]) != Some(d[9]) {
                advertencias.push(format!(
                    "el RUC de sociedad «{t}» no cumple el dígito verificador; verifíquelo con el SRI"
                ));
            }
            Ok(Valida {
                tipo: Tipo::RucSociedadPrivada,
                advertencias,
            })
        }
        6 => {
            if &t[9..] == "0000" {
                return Err(format!(
                    "el RUC público «{t}» tiene el establecimiento 0000, que no existe"
                ));
            }
            let mut advertencias = vec![];
            if modulo11(&d[..8], &[3, 2, 7, 6, 5, 4, 3, 2]) != Some(d[8]) {
                advertencias.push(format!(
                    "el RUC de entidad pública «{t}» no cumple el dígito verificador; verifíquelo con el SRI"
                ));
            }
            Ok(Valida {
                tipo: Tipo::RucSociedadPublica,
                advertencias,
            })
        }
        _ => Err(format!(
            "el RUC «{t}» tiene un tercer dígito (7 u 8) que no corresponde a ningún tipo"
        )),
    }
}

/// Builds a valid cédula from a province and 8 serial digits (used by the demo generator).
pub fn cedula_con_verificador(prefijo9: &str) -> String {
    let d = digitos(prefijo9).expect("dígitos");
    assert_eq!(d.len(), 9);
    let mut full = d.clone();
    full.push(0);
    format!("{prefijo9}{}", digito_cedula(&full))
}

/// Builds a private-company RUC that passes the check digit, or `None` when none exists.
pub fn ruc_sociedad_con_verificador(prefijo9: &str) -> Option<String> {
    let d = digitos(prefijo9)?;
    let v = modulo11(&d, &[4, 3, 2, 7, 6, 5, 4, 3, 2])?;
    Some(format!("{prefijo9}{v}001"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_numbers_pass() {
        assert_eq!(validar("1714307103").unwrap().tipo, Tipo::Cedula);
        assert_eq!(
            validar("1792060346001").unwrap().tipo,
            Tipo::RucSociedadPrivada
        );
        assert!(validar("1792060346001").unwrap().advertencias.is_empty());
        assert_eq!(
            validar("1714307103001").unwrap().tipo,
            Tipo::RucPersonaNatural
        );
        assert_eq!(
            validar("1760004650001").unwrap().tipo,
            Tipo::RucSociedadPublica
        );
    }

    #[test]
    fn invalid_numbers_fail_with_the_reason() {
        let casos = [
            ("1714307104", "verificador"),
            ("2514307103", "provincia"),
            ("171430710", "9 dígitos"),
            ("17143071O3", "solo dígitos"),
            ("1714307103000", "000"),
            ("1714307104001", "cédula válida"),
            ("1772060346001", "tercer dígito"),
            ("1792060346000", "000"),
            ("", "falta"),
        ];
        for (n, motivo) in casos {
            let e = validar(n).unwrap_err();
            assert!(e.contains(motivo), "{n}: «{e}» no menciona «{motivo}»");
        }
    }

    #[test]
    fn company_check_digit_is_only_a_warning() {
        let v = validar("1792060347001").expect("estructura válida");
        assert_eq!(v.advertencias.len(), 1);
    }

    #[test]
    fn third_digit_six_cedula_warns_but_passes() {
        let c = cedula_con_verificador("176000001");
        let v = validar(&c).unwrap();
        assert_eq!(v.advertencias.len(), 1, "{c}");
    }

    #[test]
    fn generated_numbers_are_valid() {
        for p in ["010203040", "240000001", "300000123"] {
            assert!(validar(&cedula_con_verificador(p))
                .unwrap()
                .advertencias
                .is_empty());
        }
        let r = (0..50)
            .filter_map(|i| ruc_sociedad_con_verificador(&format!("179{i:06}")))
            .next()
            .unwrap();
        assert!(validar(&r).unwrap().advertencias.is_empty());
    }
}
