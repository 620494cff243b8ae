//! The Secretarios-Abogados: registry, workload weight (`peso`), state (activo, inactivo,
//! licencia with dates) and the identifications each must never be assigned (impedimentos).

use crate::eventos::{self as ev, Evento};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::fechas;
use crate::identificacion;
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Estado {
    Activo,
    Inactivo,
    Licencia,
}

impl Estado {
    pub fn como_texto(self) -> &'static str {
        match self {
            Estado::Activo => "activo",
            Estado::Inactivo => "inactivo",
            Estado::Licencia => "licencia",
        }
    }

    pub fn parse(s: &str) -> Result<Estado> {
        match crate::texto::clave(s).as_str() {
            "activo" => Ok(Estado::Activo),
            "inactivo" => Ok(Estado::Inactivo),
            "licencia" => Ok(Estado::Licencia),
            _ => Err(Error::entrada(format!(
                "el estado «{s}» no existe; use activo, inactivo o licencia"
            ))),
        }
    }
}

/// Workload weight in thousandths (1000 = full load), so draws compare integers exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number"))]
pub struct Peso(pub i64);

impl Peso {
    pub const COMPLETO: Peso = Peso(1000);

    /// `1`, `0.5`, `0,75`: from 0.001 to 10.
    pub fn parse(s: &str) -> Result<Peso> {
        let t = s.trim().replace(',', ".");
        let err = || {
            Error::entrada(format!(
                "el peso «{s}» no es válido: use un número entre 0,001 y 10 (1 = carga completa)"
            ))
        };
        let (e, d) = t.split_once('.').unwrap_or((&t, ""));
        if e.is_empty() && d.is_empty()
            || d.len() > 3
            || !e.bytes().chain(d.bytes()).all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let e: i64 = if e.is_empty() {
            0
        } else {
            e.parse().map_err(|_| err())?
        };
        let d: i64 = if d.is_empty() {
            0
        } else {
            format!("{d:0<3}").parse().map_err(|_| err())?
        };
        let v = e * 1000 + d;
        if !(1..=10_000).contains(&v) {
            return Err(err());
        }
        Ok(Peso(v))
    }

    pub fn texto(self) -> String {
        // Spanish decimal comma: `0,5`, `1`, `1,25`.
        let s = format!("{},{:03}", self.0 / 1000, self.0 % 1000);
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    }
}

impl Serialize for Peso {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / 1000.0)
    }
}

impl<'de> Deserialize<'de> for Peso {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Peso, D::Error> {
        // Written as thousandths shown as a decimal (0.5): back to exact thousandths.
        let x = f64::deserialize(d)?;
        Ok(Peso((x * 1000.0).round() as i64))
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Abogado {
    #[serde(skip)]
    pub id: i64,
    pub identificacion: String,
    pub nombres: String,
    pub externo: bool,
    pub registro_profesional: Option<String>,
    pub email: Option<String>,
    pub telefono: Option<String>,
    pub peso: Peso,
    pub estado: Estado,
    pub licencia_desde: Option<NaiveDate>,
    pub licencia_hasta: Option<NaiveDate>,
    /// Why the licencia (vacaciones, enfermedad…), if recorded.
    pub licencia_motivo: Option<String>,
    pub impedimentos: Vec<String>,
    /// The gender the abogado's printed title takes, if recorded.
    pub genero: Option<crate::cargos::Genero>,
}

impl Abogado {
    /// Whether the abogado may receive títulos on `fecha` (a licence covers its dates only).
    pub fn activo_en(&self, fecha: NaiveDate) -> bool {
        match self.estado {
            Estado::Activo => true,
            Estado::Inactivo => false,
            Estado::Licencia => {
                let antes = self.licencia_desde.is_some_and(|d| fecha < d);
                let despues = self.licencia_hasta.is_some_and(|h| fecha > h);
                antes || despues
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NuevoAbogado {
    pub identificacion: String,
    pub nombres: String,
    pub externo: bool,
    pub registro_profesional: Option<String>,
    pub email: Option<String>,
    pub telefono: Option<String>,
    pub peso: Option<Peso>,
    /// The gender the abogado's title takes («Secretaria-Abogada»), if given.
    pub genero: Option<crate::cargos::Genero>,
}

fn vacio_a_none(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub fn agregar(store: &mut Store, actor: &Actor, n: &NuevoAbogado) -> Result<Abogado> {
    actor.exigir(Accion::AdministrarAbogados)?;
    let id = n.identificacion.trim();
    let v = identificacion::validar(id).map_err(Error::entrada)?;
    if v.tipo != identificacion::Tipo::Cedula {
        return Err(Error::entrada(format!(
            "la identificación de un abogado es su cédula (10 dígitos), no «{id}»"
        )));
    }
    if n.nombres.trim().is_empty() {
        return Err(Error::entrada("faltan los nombres del abogado"));
    }
    if let Some(e) = vacio_a_none(&n.email) {
        if !e.contains('@') || e.starts_with('@') || e.ends_with('@') {
            return Err(Error::entrada(format!("el correo «{e}» no es válido")));
        }
    }
    let peso = n.peso.unwrap_or(Peso::COMPLETO);
    store.write(&actor.usuario, |tx| {
        let existe = tx
            .conn()
            .query_row("SELECT 1 FROM abogados WHERE identificacion = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some();
        if existe {
            return Err(Error::Conflicto(format!("ya existe un abogado con la identificación {id}")));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO abogados (identificacion, nombres, externo, registro_profesional, email, telefono, peso_milesimas, estado, creado_en, genero)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'activo', ?8, ?9)",
            params![id, n.nombres.trim(), n.externo, vacio_a_none(&n.registro_profesional), vacio_a_none(&n.email), vacio_a_none(&n.telefono), peso.0, ahora, n.genero.map(|g| g.como_texto())],
        )?;
        tx.registrar(
            id,
            &Evento::AbogadoCreado(ev::AbogadoCreado {
                identificacion: id.to_string(),
                nombres: n.nombres.trim().to_string(),
                externo: n.externo,
                registro_profesional: vacio_a_none(&n.registro_profesional),
                email: vacio_a_none(&n.email),
                telefono: vacio_a_none(&n.telefono),
                peso,
                estado: Estado::Activo,
                genero: n.genero,
            }),
        )?;
        buscar(tx, id)?.ok_or_else(|| Error::Interno("el abogado recién creado no aparece".into()))
    })
    .inspect(|_| log::info!("abogado agregado"))
}

/// Changes an abogado's state; a licence (vacaciones included) may carry its dates and why.
pub fn cambiar_estado(
    store: &mut Store,
    actor: &Actor,
    identificacion: &str,
    estado: Estado,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
    motivo: Option<&str>,
) -> Result<Abogado> {
    actor.exigir(Accion::AdministrarAbogados)?;
    let motivo = motivo.map(str::trim).filter(|m| !m.is_empty());
    if estado != Estado::Licencia && (desde.is_some() || hasta.is_some() || motivo.is_some()) {
        return Err(Error::entrada(
            "las fechas y el motivo solo se indican para una licencia o vacaciones",
        ));
    }
    if motivo.is_some_and(|m| m.chars().count() > 200) {
        return Err(Error::entrada(
            "el motivo de la licencia es muy largo: use hasta 200 caracteres",
        ));
    }
    let desde = if estado == Estado::Licencia {
        Some(desde.unwrap_or_else(|| fechas::hoy(store.clock())))
    } else {
        None
    };
    if let (Some(d), Some(h)) = (desde, hasta) {
        if h < d {
            return Err(Error::entrada(format!(
                "la licencia termina ({}) antes de empezar ({})",
                fechas::corta(h),
                fechas::corta(d)
            )));
        }
    }
    store.write(&actor.usuario, |tx| {
        let n = tx.conn().execute(
            "UPDATE abogados SET estado = ?2, licencia_desde = ?3, licencia_hasta = ?4, licencia_motivo = ?5 WHERE identificacion = ?1",
            params![identificacion, estado.como_texto(), desde.map(|d| d.to_string()), hasta.map(|d| d.to_string()), motivo],
        )?;
        if n == 0 {
            return Err(no_existe(identificacion));
        }
        tx.registrar(identificacion, &Evento::AbogadoEstado(ev::AbogadoEstado { estado, desde, hasta, motivo: motivo.map(str::to_string) }))?;
        buscar(tx, identificacion)?.ok_or_else(|| no_existe(identificacion))
    })
}

/// What the Jefe may correct of an abogado: everything but his cédula and whether he is
/// external (which decides honorarios already computed).
#[derive(Debug, Clone)]
pub struct CambioAbogado {
    pub nombres: String,
    pub peso: Peso,
    pub registro_profesional: Option<String>,
    pub email: Option<String>,
    pub telefono: Option<String>,
}

/// The Jefe corrects an abogado's names, contact data or peso (a new peso counts in the next
/// sorteo; past sorteos keep the peso they recorded).
pub fn editar(
    store: &mut Store,
    actor: &Actor,
    identificacion: &str,
    c: &CambioAbogado,
) -> Result<Abogado> {
    actor.exigir(Accion::AdministrarAbogados)?;
    let nombres = c.nombres.trim();
    if nombres.is_empty() {
        return Err(Error::entrada("faltan los nombres del abogado"));
    }
    if nombres.chars().count() > 200 {
        return Err(Error::entrada(
            "los nombres son muy largos: use hasta 200 caracteres",
        ));
    }
    if !(1..=10_000).contains(&c.peso.0) {
        return Err(Error::entrada(
            "el peso debe estar entre 0,001 y 10 (1 = carga completa)",
        ));
    }
    let email = vacio_a_none(&c.email);
    if let Some(e) = &email {
        if !e.contains('@') || e.starts_with('@') || e.ends_with('@') {
            return Err(Error::entrada(format!("el correo «{e}» no es válido")));
        }
    }
    let dato = ev::AbogadoEditado {
        nombres: nombres.to_string(),
        peso: c.peso,
        registro_profesional: vacio_a_none(&c.registro_profesional),
        email,
        telefono: vacio_a_none(&c.telefono),
    };
    let id = identificacion.trim();
    store.write(&actor.usuario, |tx| {
        let n = tx.conn().execute(
            "UPDATE abogados SET nombres = ?2, peso_milesimas = ?3, registro_profesional = ?4, email = ?5, telefono = ?6 WHERE identificacion = ?1",
            params![id, dato.nombres, dato.peso.0, dato.registro_profesional, dato.email, dato.telefono],
        )?;
        if n == 0 {
            return Err(no_existe(id));
        }
        tx.registrar(id, &Evento::AbogadoEditado(dato.clone()))?;
        buscar(tx, id)?.ok_or_else(|| no_existe(id))
    })
    .inspect(|_| log::info!("abogado corregido"))
}

/// Records that `abogado` must never be assigned títulos of `obligado`.
pub fn agregar_impedimento(
    store: &mut Store,
    actor: &Actor,
    abogado: &str,
    obligado: &str,
    motivo: Option<&str>,
) -> Result<()> {
    actor.exigir(Accion::AdministrarAbogados)?;
    let obligado = obligado.trim();
    identificacion::validar(obligado).map_err(Error::entrada)?;
    store.write(&actor.usuario, |tx| {
        let id: i64 = tx
            .conn()
            .query_row("SELECT id FROM abogados WHERE identificacion = ?1", [abogado], |r| r.get(0))
            .optional()?
            .ok_or_else(|| no_existe(abogado))?;
        let ahora = tx.ahora();
        let n = tx.conn().execute(
            "INSERT OR IGNORE INTO impedimentos (abogado_id, identificacion, motivo, registrado_por, registrado_en) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, obligado, motivo, tx.actor(), ahora],
        )?;
        if n == 0 {
            return Err(Error::Conflicto(format!("el impedimento de {abogado} con {obligado} ya estaba registrado")));
        }
        tx.registrar(
            abogado,
            &Evento::AbogadoImpedimento(ev::Impedimento {
                obligado: obligado.to_string(),
                motivo: motivo.map(str::to_string),
            }),
        )?;
        Ok(())
    })
}

fn no_existe(identificacion: &str) -> Error {
    Error::NoEncontrado(format!(
        "no existe un abogado con la identificación {identificacion}"
    ))
}

const COLUMNAS: &str = "id, identificacion, nombres, externo, registro_profesional, email, telefono, peso_milesimas, estado, licencia_desde, licencia_hasta, genero, licencia_motivo";

fn de_fila(r: &Row<'_>) -> rusqlite::Result<Abogado> {
    let estado: String = r.get(8)?;
    let fecha = |i| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()))
    };
    Ok(Abogado {
        id: r.get(0)?,
        identificacion: r.get(1)?,
        nombres: r.get(2)?,
        externo: r.get(3)?,
        registro_profesional: r.get(4)?,
        email: r.get(5)?,
        telefono: r.get(6)?,
        peso: Peso(r.get(7)?),
        estado: Estado::parse(&estado).unwrap_or(Estado::Inactivo),
        licencia_desde: fecha(9)?,
        licencia_hasta: fecha(10)?,
        licencia_motivo: r.get(12)?,
        impedimentos: vec![],
        genero: crate::cargos::Genero::leer(r.get::<_, Option<String>>(11)?.as_deref()),
    })
}

fn con_impedimentos(store: &dyn Reader, mut a: Abogado) -> Result<Abogado> {
    let mut st = store.conn().prepare_cached(
        "SELECT identificacion FROM impedimentos WHERE abogado_id = ?1 ORDER BY identificacion",
    )?;
    a.impedimentos = st
        .query_map([a.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(a)
}

pub fn buscar(store: &dyn Reader, identificacion: &str) -> Result<Option<Abogado>> {
    let a = store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNAS} FROM abogados WHERE identificacion = ?1"),
            [identificacion],
            de_fila,
        )
        .optional()?;
    a.map(|a| con_impedimentos(store, a)).transpose()
}

/// Every abogado, by name.
pub fn listar(store: &dyn Reader) -> Result<Vec<Abogado>> {
    let mut st = store.conn().prepare(&format!(
        "SELECT {COLUMNAS} FROM abogados ORDER BY nombres, identificacion"
    ))?;
    let todos: Vec<Abogado> = st
        .query_map([], de_fila)?
        .collect::<rusqlite::Result<_>>()?;
    todos
        .into_iter()
        .map(|a| con_impedimentos(store, a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peso_reads_decimal_comma_or_point_and_stays_exact() {
        assert_eq!(Peso::parse("1").unwrap(), Peso(1000));
        assert_eq!(Peso::parse("0,5").unwrap(), Peso(500));
        assert_eq!(Peso::parse("0.75").unwrap(), Peso(750));
        assert_eq!(Peso::parse("1.5").unwrap().texto(), "1,5");
        for malo in ["0", "-1", "abc", "11", "0.0001", ""] {
            assert!(Peso::parse(malo).is_err(), "{malo}");
        }
    }

    #[test]
    fn licence_only_covers_its_dates() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut a = Abogado {
            id: 1,
            identificacion: "1714307103".into(),
            nombres: "X".into(),
            externo: false,
            registro_profesional: None,
            email: None,
            telefono: None,
            peso: Peso::COMPLETO,
            estado: Estado::Licencia,
            licencia_desde: Some(d("2026-11-01")),
            licencia_hasta: Some(d("2026-11-30")),
            licencia_motivo: None,
            impedimentos: vec![],
            genero: None,
        };
        assert!(a.activo_en(d("2026-10-31")));
        assert!(!a.activo_en(d("2026-11-15")));
        assert!(a.activo_en(d("2026-12-01")));
        a.licencia_hasta = None;
        assert!(
            !a.activo_en(d("2027-06-01")),
            "una licencia sin fin no termina sola"
        );
        a.estado = Estado::Inactivo;
        assert!(!a.activo_en(d("2026-10-31")));
    }
}
