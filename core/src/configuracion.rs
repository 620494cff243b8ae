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
pub const CLAVES: [(&str, &str); 7] = [
    ("patron_numero", "patrón del número de proceso: {PP} provincia, {CCC} oficina, {UUUUU} unidad, {AAAA} año, {NNNNN} secuencia"),
    ("termino_requerimiento", "días hábiles para el pago voluntario tras el requerimiento"),
    ("termino_orden_pago", "días hábiles para pagar o dimitir bienes tras la citación de la orden de pago"),
    ("plazo_abogado", "días calendario que tiene el abogado para cobrar desde que recibe el título"),
    ("prorroga_abogado", "días calendario de prórroga del plazo del abogado"),
    ("destino_sync", "dónde se entregan los cambios a la central: una URL (http://…) o una carpeta"),
    ("formato_importe", "cómo se escriben los valores: ecuador (1.234,56) o anglo (1,234.56)"),
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
            .query_row("SELECT formato_importe FROM unidad WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_else(|| "ecuador".into()));
    }
    store
        .conn()
        .query_row(
            "SELECT valor FROM configuracion WHERE clave = ?1",
            [clave],
            |r| r.get(0),
        )
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

/// Checks a numbering pattern: it needs the year and a sequence, so numbers stay unique.
pub fn validar_patron(p: &str) -> Result<()> {
    let ns = p.matches('N').count();
    if !(p.contains("{AAAA}") && p.contains("{NNN") && ns >= 3) {
        return Err(Error::entrada(format!(
            "el patrón «{p}» debe llevar el año {{AAAA}} y una secuencia de al menos tres cifras, como {{NNNNN}}"
        )));
    }
    Ok(())
}

/// `17001-2026-00012` from the pattern, the unit, the year and the sequence.
pub fn formatear_numero(patron: &str, u: &Unidad, anio: i32, secuencia: i64) -> String {
    let mut s = patron
        .replace("{PP}", &u.provincia)
        .replace("{CCC}", &u.oficina)
        .replace("{UUUUU}", &u.codigo);
    s = s.replace("{AAAA}", &format!("{anio:04}"));
    if let (Some(i), Some(j)) = (s.find("{N"), s.find("N}")) {
        let ancho = s[i + 1..=j].len();
        s = format!("{}{:0ancho$}{}", &s[..i], secuencia, &s[j + 2..]);
    }
    s
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
    } else if clave == "destino_sync" {
        if valor.is_empty() {
            return Err(Error::entrada("indique la URL de la central o la carpeta"));
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

/// The year a date belongs to (for numbering).
pub fn anio(d: chrono::NaiveDate) -> i32 {
    d.year()
}
