//! Unit settings the Jefe may change without recompiling: the proceso numbering pattern and
//! the deadline lengths. Stored in `configuracion`; every change is in the change log.

use chrono::Datelike;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::store::{Reader, Store};
use crate::unidad::Unidad;
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

/// The settings and their meaning, for `configuracion listar` and validation.
pub const CLAVES: [(&str, &str); 20] = [
    ("patron_numero", "patrón del número de proceso: {PP} provincia, {CCC} oficina, {UUUUU} unidad, {AAAA} año, {NNNNN} secuencia"),
    ("termino_requerimiento", "días hábiles para el pago voluntario tras el requerimiento"),
    ("termino_orden_pago", "días hábiles para pagar o dimitir bienes tras la citación de la orden de pago"),
    ("plazo_abogado", "días calendario que tiene el abogado para cobrar desde que recibe el título"),
    ("prorroga_abogado", "días calendario de prórroga del plazo del abogado"),
    ("destino_sync", "dónde se entregan los cambios a la central: una URL (http://…) o una carpeta"),
    ("formato_importe", "cómo se escriben los valores: ecuador (1.234,56) o anglo (1,234.56)"),
    ("clave_central", "clave pública de la central (64 caracteres), con la que se comprueban sus acuses de recibo"),
    ("interes_base_dias", "días del año con que se calcula el interés de mora diario: 360 o 365"),
    ("imputacion", "orden en que un pago cubre la deuda: costas, honorarios, intereses y capital, separados por comas"),
    ("convenio_tasa", "tasa anual de las cuotas de un convenio de pago: «mora» (la tasa de mora vigente) o un porcentaje, por ejemplo 9,53"),
    ("convenio_incumplimiento", "cuántas cuotas vencidas a la vez dejan incumplido un convenio de pago"),
    ("honorarios_porcentaje", "porcentaje de lo recuperado que cobran como honorarios los abogados externos (0 si no cobran)"),
    ("dias_respuesta_oficio", "días tras los que un oficio de medida cautelar sin respuesta aparece en Inicio"),
    ("dias_aviso_garantia", "días antes de su vencimiento en que una garantía aparece en Inicio"),
    ("dias_informe_depositario", "cada cuántos días informa el depositario judicial sobre los bienes que custodia; un informe atrasado aparece en Inicio"),
    ("remate_base_porcentaje", "porcentaje del avalúo que es la base del remate, por ejemplo 66,67 (dos terceras partes)"),
    ("remate_dias_aviso", "días hábiles, como mínimo, entre la primera publicación del aviso y el día del remate"),
    ("remate_deposito_porcentaje", "porcentaje de la postura que el postor debe consignar con ella"),
    ("carpeta_respaldos", "otra carpeta (un disco USB, una carpeta de la red) donde se copian también los respaldos automáticos; vacío: solo la carpeta de la unidad"),
];

/// What the migrations put in `configuracion` before any change (the rebuild in
/// `verificacion` starts from these; `formato_importe` lives in `unidad`).
pub const VALORES_INICIALES: &[(&str, &str)] = &[
    ("patron_numero", "{PP}{CCC}-{AAAA}-{NNNNN}"),
    ("termino_requerimiento", "10"),
    ("termino_orden_pago", "3"),
    ("plazo_abogado", "180"),
    ("prorroga_abogado", "90"),
    ("destino_sync", ""),
    ("clave_central", ""),
    ("interes_base_dias", "360"),
    ("imputacion", "costas,honorarios,intereses,capital"),
    ("convenio_tasa", "mora"),
    ("convenio_incumplimiento", "2"),
    ("honorarios_porcentaje", "10"),
    ("dias_respuesta_oficio", "15"),
    ("dias_aviso_garantia", "30"),
    ("dias_informe_depositario", "30"),
    ("remate_base_porcentaje", "66,67"),
    ("remate_dias_aviso", "20"),
    ("remate_deposito_porcentaje", "10"),
    ("carpeta_respaldos", ""),
];

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ajuste {
    pub clave: String,
    pub valor: String,
    pub descripcion: String,
}

pub fn leer(store: &dyn Reader, clave: &str) -> Result<String> {
    if clave == "formato_importe" {
        // Kept with the unit (documents read it from there).
        return Ok(store
            .conn()
            .prepare_cached("SELECT formato_importe FROM unidad WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| "ecuador".into()));
    }
    store
        .conn()
        .prepare_cached("SELECT valor FROM configuracion WHERE clave = ?1")?
        .query_row([clave], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NoEncontrado(format!("el ajuste «{clave}» no existe")))
}

pub fn numero(store: &dyn Reader, clave: &str) -> Result<u32> {
    leer(store, clave)?
        .parse()
        .map_err(|_| Error::Interno(format!("el ajuste {clave} no es un número")))
}

pub fn listar(store: &dyn Reader) -> Result<Vec<Ajuste>> {
    CLAVES
        .iter()
        .map(|(c, d)| {
            Ok(Ajuste {
                clave: c.to_string(),
                valor: leer(store, c)?,
                descripcion: d.to_string(),
            })
        })
        .collect()
}

/// One piece of a numbering pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pieza {
    Texto(char),
    Provincia,
    Oficina,
    Unidad,
    Anio,
    Secuencia(usize),
}

/// Reads a numbering pattern into its pieces, or says in Spanish what is wrong with it: only
/// letters, digits, `-` and `_` between the fields `{PP}`, `{CCC}`, `{UUUUU}`, `{AAAA}` and
/// `{NNN…}`; the year and one sequence of 3 to 10 digits exactly once (so numbers stay unique),
/// nothing that could become a path (`/`, `\`, `.`).
fn piezas(p: &str) -> Result<Vec<Pieza>> {
    let malo = |motivo: &str| {
        Error::entrada(format!(
            "el patrón «{p}» no es válido: {motivo}. Use, por ejemplo, {{UUUUU}}-{{AAAA}}-{{NNNNN}}"
        ))
    };
    if p.is_empty() || p.chars().count() > 60 {
        return Err(malo("debe tener entre 1 y 60 caracteres"));
    }
    let mut v = vec![];
    let mut resto = p;
    while let Some(c) = resto.chars().next() {
        if c == '{' {
            let fin = resto
                .find('}')
                .ok_or_else(|| malo("una llave «{» no se cierra"))?;
            let campo = &resto[1..fin];
            v.push(match campo {
                "PP" => Pieza::Provincia,
                "CCC" => Pieza::Oficina,
                "UUUUU" => Pieza::Unidad,
                "AAAA" => Pieza::Anio,
                n if !n.is_empty() && n.chars().all(|c| c == 'N') => {
                    if !(3..=10).contains(&n.len()) {
                        return Err(malo("la secuencia lleva de 3 a 10 N"));
                    }
                    Pieza::Secuencia(n.len())
                }
                otro => return Err(malo(&format!("el campo {{{otro}}} no existe"))),
            });
            resto = &resto[fin + 1..];
        } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            v.push(Pieza::Texto(c));
            resto = &resto[1..];
        } else {
            return Err(malo(&format!("el carácter «{c}» no se admite")));
        }
    }
    let anios = v.iter().filter(|x| **x == Pieza::Anio).count();
    let secuencias = v
        .iter()
        .filter(|x| matches!(x, Pieza::Secuencia(_)))
        .count();
    if anios != 1 || secuencias != 1 {
        return Err(malo(
            "debe llevar una vez el año {AAAA} y una vez la secuencia {NNN…}",
        ));
    }
    Ok(v)
}

/// Checks a numbering pattern when it is saved (see [`piezas`]).
pub fn validar_patron(p: &str) -> Result<()> {
    piezas(p).map(|_| ())
}

/// `17001-2026-00012` from the pattern, the unit, the year and the sequence. A pattern that
/// does not read (edited in the file by hand) is an error, never a panic.
pub fn formatear_numero(patron: &str, u: &Unidad, anio: i32, secuencia: i64) -> Result<String> {
    let mut s = String::new();
    for pieza in piezas(patron)? {
        match pieza {
            Pieza::Texto(c) => s.push(c),
            Pieza::Provincia => s.push_str(&u.provincia),
            Pieza::Oficina => s.push_str(&u.oficina),
            Pieza::Unidad => s.push_str(&u.codigo),
            Pieza::Anio => s.push_str(&format!("{anio:04}")),
            Pieza::Secuencia(ancho) => s.push_str(&format!("{secuencia:0ancho$}")),
        }
    }
    Ok(s)
}

pub fn cambiar(store: &mut Store, actor: &Actor, clave: &str, valor: &str) -> Result<()> {
    actor.exigir(Accion::Configurar)?;
    let valor = valor.trim();
    if !CLAVES.iter().any(|(c, _)| *c == clave) {
        let claves: Vec<&str> = CLAVES.iter().map(|(c, _)| *c).collect();
        return Err(Error::entrada(format!(
            "el ajuste «{clave}» no existe; use {}",
            claves.join(", ")
        )));
    }
    if clave == "patron_numero" {
        validar_patron(valor)?;
    } else if clave == "formato_importe" {
        if !matches!(valor, "ecuador" | "anglo") {
            return Err(Error::entrada(format!(
                "el formato «{valor}» no existe; use ecuador (1.234,56) o anglo (1,234.56)"
            )));
        }
        return store.write(&actor.usuario, |tx| {
            tx.conn().execute(
                "UPDATE unidad SET formato_importe = ?1 WHERE id = 1",
                [valor],
            )?;
            tx.registrar(
                clave,
                &crate::eventos::Evento::ConfiguracionCambiada(
                    crate::eventos::ConfiguracionCambiada {
                        valor: valor.to_string(),
                    },
                ),
            )?;
            Ok(())
        });
    } else if clave == "clave_central" {
        if crate::sync::clave_verificacion(valor).is_none() {
            return Err(Error::entrada(
                "la clave de la central no es válida: copie los 64 caracteres que le entregó la Dirección Nacional",
            ));
        }
    } else if clave == "destino_sync" {
        if valor.is_empty() {
            return Err(Error::entrada("indique la URL de la central o la carpeta"));
        }
    } else if clave == "carpeta_respaldos" {
        if !valor.is_empty() && !std::path::Path::new(valor).is_absolute() {
            return Err(Error::entrada(format!(
                "«{valor}» no es una carpeta completa: escríbala desde la unidad (por ejemplo E:\\Respaldos o /media/usb/respaldos)"
            )));
        }
    } else if clave == "interes_base_dias" {
        if !matches!(valor, "360" | "365") {
            return Err(Error::entrada(format!(
                "«{valor}» no es una base válida: use 360 o 365"
            )));
        }
    } else if clave == "imputacion" {
        crate::liquidacion::Concepto::orden(valor)?;
    } else if clave == "convenio_tasa" {
        if crate::texto::clave(valor) != "mora" && valor != "0" {
            crate::liquidacion::TasaAnual::parse(valor)?;
        }
    } else if clave == "honorarios_porcentaje" {
        if valor != "0" {
            crate::liquidacion::TasaAnual::parse(valor)?;
        }
    } else if clave == "remate_base_porcentaje" || clave == "remate_deposito_porcentaje" {
        porcentaje(valor)?;
    } else if clave == "convenio_incumplimiento" {
        if !valor.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n)) {
            return Err(Error::entrada(format!(
                "«{valor}» no es un número de cuotas válido (1 a 12)"
            )));
        }
    } else if !valor.parse::<u32>().is_ok_and(|n| (1..=3650).contains(&n)) {
        return Err(Error::entrada(format!(
            "«{valor}» no es un número de días válido (1 a 3650)"
        )));
    }
    store.write(&actor.usuario, |tx| {
        tx.conn().execute(
            "UPDATE configuracion SET valor = ?2 WHERE clave = ?1",
            params![clave, valor],
        )?;
        tx.registrar(
            clave,
            &crate::eventos::Evento::ConfiguracionCambiada(crate::eventos::ConfiguracionCambiada {
                valor: valor.to_string(),
            }),
        )?;
        Ok(())
    })
}

/// A share from more than 0 up to 100 %, «66,67», in ten-thousandths of a point (666 700).
pub fn porcentaje(valor: &str) -> Result<i64> {
    let v = valor.trim().trim_end_matches('%').trim();
    if v == "100" || v == "100,00" || v == "100.00" {
        return Ok(100 * crate::liquidacion::TasaAnual::ESCALA);
    }
    crate::liquidacion::TasaAnual::parse(v)
        .map(|t| t.0)
        .map_err(|_| Error::entrada(format!("«{}» no es un porcentaje válido: escriba un número mayor que 0 y hasta 100, por ejemplo 66,67", valor.trim())))
}

/// The year a date belongs to (for numbering).
pub fn anio(d: chrono::NaiveDate) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests_patron {
    use super::*;

    fn unidad() -> Unidad {
        Unidad {
            provincia: "17".into(),
            provincia_nombre: "Pichincha".into(),
            oficina: "001".into(),
            codigo: "17001".into(),
            nombre: "U".into(),
            nivel: crate::unidad::Nivel::Unidad,
            ciudad: "Quito".into(),
            jefe_nombres: "J".into(),
            jefe_genero: None,
            formato_importe: crate::dinero::Formato::Ecuador,
        }
    }

    #[test]
    fn a_pattern_is_refused_when_it_could_not_number_or_could_escape_a_folder() {
        for malo in [
            "N}{AAAA}{NNN",
            "{UUUUU}-{AAAA}",
            "../{AAAA}-{NNNNN}",
            "{AAAA}/{NNNNN}",
            "{AAAA}-{NN}",
            "{AAAA}-{NNNNN}-{NNN}",
            "{AAAA}{AAAA}{NNN}",
            "{XX}{AAAA}{NNN}",
            "{AAAA}{NNN",
            "",
        ] {
            assert!(validar_patron(malo).is_err(), "{malo} debió rechazarse");
        }
        assert_eq!(
            formatear_numero("{UUUUU}-{AAAA}-{NNNNN}", &unidad(), 2026, 12).unwrap(),
            "17001-2026-00012"
        );
        assert_eq!(
            formatear_numero("JC{PP}_{CCC}-{AAAA}-{NNN}", &unidad(), 2027, 7).unwrap(),
            "JC17_001-2027-007"
        );
        assert!(formatear_numero("N}{AAAA}{NNN", &unidad(), 2026, 1).is_err());
    }
}
