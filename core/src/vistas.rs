//! What the screens show, assembled in the core so the window and the command never hold SQL
//! or policy: Inicio's summary, a page of procesos, the expediente view, a sorteo's result
//! with names and amounts. Each is one read on a [`Reader`].

use std::collections::HashMap;

use serde::Serialize;

use crate::procesos::{self, expediente, Etapa};
use crate::store::Reader;
use crate::titulos::EstadoTitulo;
use crate::{abogados, configuracion, documentos, sorteo, sync, titulos, unidad, Result};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EtapaCuenta {
    pub etapa: Etapa,
    pub nombre: &'static str,
    pub procesos: i64,
}

/// Inicio: what waits, where the procesos are, what is due, how sync stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Inicio {
    pub titulos_por_sortear: i64,
    pub procesos_por_etapa: Vec<EtapaCuenta>,
    pub vencimientos: Vec<procesos::Vencimiento>,
    pub destino_sync: String,
    pub cambios_pendientes: i64,
    pub ultima_entrega: Option<String>,
    /// How much of the change log the centre has acknowledged (signed receipts).
    pub anclaje: crate::verificacion::Anclaje,
    /// The same, as the sentence to show.
    pub anclaje_frase: String,
    /// Oficios of medidas cautelares unanswered past the unit's days.
    pub medidas_sin_respuesta: Vec<crate::medidas::Medida>,
    /// Medidas still in force on procesos paid or annulled: their lifting is due.
    pub medidas_por_levantar: Vec<crate::medidas::Medida>,
    /// Guarantees about to expire, or expired, not executed.
    pub garantias_por_vencer: Vec<crate::garantias::Garantia>,
    /// Depositarios whose periodic report on the goods they keep is overdue.
    pub informes_atrasados: Vec<crate::custodia::Custodia>,
}

/// Inicio's figures, with the términos due within `dias` business days (a
/// Secretario-Abogado's: those of his procesos).
pub fn inicio(db: &dyn Reader, actor: &crate::usuarios::Actor, dias: i64) -> Result<Inicio> {
    let mut vencimientos = procesos::vencimientos(db, dias)?;
    if actor.rol == crate::usuarios::Rol::Abogado {
        let suyo = actor.abogado.clone().unwrap_or_default();
        let mut st = db
            .conn()
            .prepare_cached("SELECT abogado FROM procesos WHERE numero = ?1")?;
        let mut propios = vec![];
        for v in vencimientos {
            let a: String = st.query_row([&v.numero], |r| r.get(0))?;
            if a == suyo {
                propios.push(v);
            }
        }
        vencimientos = propios;
    }
    let destino = configuracion::leer(db, "destino_sync")?;
    let anclaje = crate::verificacion::anclaje(db)?;
    let pendientes = if destino.is_empty() {
        crate::cambios::ultimo_seq(db.conn())?
    } else {
        sync::pendientes_de(db, &sync::Destino::parse(&destino).texto())?
    };
    let (medidas_sin_respuesta, medidas_por_levantar) = crate::medidas::pendientes(db)?;
    Ok(Inicio {
        titulos_por_sortear: titulos::contar(db, EstadoTitulo::PorSortear)?,
        procesos_por_etapa: procesos::contar(db)?
            .into_iter()
            .map(|(e, n)| EtapaCuenta {
                etapa: e,
                nombre: e.nombre(),
                procesos: n,
            })
            .collect(),
        vencimientos,
        destino_sync: destino,
        cambios_pendientes: pendientes,
        ultima_entrega: sync::ultima_entrega(db)?,
        anclaje_frase: anclaje.frase(),
        anclaje,
        medidas_sin_respuesta,
        medidas_por_levantar,
        garantias_por_vencer: crate::garantias::por_vencer(db)?,
        informes_atrasados: crate::custodia::atrasados(db)?,
    })
}

/// One Secretario-Abogado on the Jefe's dashboard: his load and his results.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CargaAbogado"))]
pub struct CargaAbogado {
    pub identificacion: String,
    pub nombres: String,
    /// Procesos in force and their títulos' total.
    pub procesos: i64,
    pub total: crate::dinero::Centavos,
    /// Collected on his procesos in the dashboard's twelve months.
    pub recuperado: crate::dinero::Centavos,
}

/// Inicio's charts: the portfolio in force by stage and by age, what was collected month by
/// month over the last twelve, and each Secretario-Abogado's load and results. A
/// Secretario-Abogado's are his own procesos («mis procesos»); the same figures as the
/// inventario and recaudación reports, computed by them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tablero {
    /// The figures are the actor's own procesos, not the unit's.
    pub propios: bool,
    pub inventario: crate::reportes::Inventario,
    /// The twelve months to today, every month present (a month with nothing is a zero).
    pub recaudacion: crate::reportes::Recaudacion,
    pub por_abogado: Vec<CargaAbogado>,
}

pub fn tablero(db: &dyn Reader, actor: &crate::usuarios::Actor) -> Result<Tablero> {
    use chrono::Datelike;
    let inventario = crate::reportes::inventario(db, actor, None)?;
    let hoy = crate::fechas::hoy(db.clock());
    // The first day of the month eleven months back.
    let (mut anio, mut mes) = (hoy.year(), hoy.month() as i32 - 11);
    if mes < 1 {
        mes += 12;
        anio -= 1;
    }
    let desde = chrono::NaiveDate::from_ymd_opt(anio, mes as u32, 1).unwrap_or(hoy);
    let mut recaudacion = crate::reportes::recaudacion(db, actor, Some(desde), Some(hoy))?;
    recaudacion.por_mes = crate::reportes::meses_completos(desde, hoy, &recaudacion.por_mes);
    let por_abogado = inventario
        .por_abogado
        .iter()
        .map(|g| CargaAbogado {
            identificacion: g.clave.clone(),
            nombres: g.nombre.clone(),
            procesos: g.procesos,
            total: g.total,
            recuperado: recaudacion
                .por_abogado
                .iter()
                .find(|r| r.clave == g.clave)
                .map_or(crate::dinero::Centavos(0), |r| r.valor),
        })
        .collect();
    Ok(Tablero {
        propios: actor.rol == crate::usuarios::Rol::Abogado,
        inventario,
        recaudacion,
        por_abogado,
    })
}

/// A page of the procesos list, with how many there are in all.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pagina {
    pub total: i64,
    pub procesos: Vec<procesos::Proceso>,
}

/// A page of the list as the Procesos screen filters and sorts it.
pub fn pagina_filtrada(
    db: &dyn Reader,
    f: &procesos::Filtro,
    desde: i64,
    limite: i64,
) -> Result<Pagina> {
    let (total, procesos) = procesos::filtrar(db, f, desde, limite.clamp(1, 500))?;
    Ok(Pagina { total, procesos })
}

pub fn pagina(db: &dyn Reader, etapa: Option<Etapa>, desde: i64, limite: i64) -> Result<Pagina> {
    let total = db.conn().query_row(
        "SELECT COUNT(*) FROM procesos WHERE ?1 IS NULL OR etapa = ?1",
        [etapa.map(Etapa::codigo)],
        |r| r.get(0),
    )?;
    Ok(Pagina {
        total,
        procesos: procesos::listar(db, etapa, desde.max(0), limite.clamp(1, 500))?,
    })
}

/// The expediente screen: the proceso, its índice, and only what its stage allows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Expediente {
    pub detalle: procesos::Detalle,
    pub indice: Vec<expediente::Actuacion>,
    pub documentos: Vec<(&'static str, &'static str)>,
    pub puede_citar: bool,
}

pub fn expediente(db: &dyn Reader, numero: &str) -> Result<Expediente> {
    let detalle = procesos::ver(db, numero)?;
    let etapa = detalle.proceso.etapa;
    Ok(Expediente {
        indice: expediente::indice(db, numero)?,
        documentos: documentos::permitidos(etapa),
        puede_citar: documentos::se_cita(etapa),
        detalle,
    })
}

/// One assignment as the Sorteo screen lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FilaSorteo {
    pub titulo: String,
    pub obligado: String,
    pub total: String,
    pub abogado: String,
}

/// A sorteo's result as the Jefe reads it: names and amounts, not only identifications.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SorteoHecho {
    pub numero: i64,
    pub semilla: String,
    pub digest: String,
    pub asignaciones: Vec<FilaSorteo>,
    pub sin_asignar: Vec<sorteo::SinAsignar>,
}

pub fn sorteo_hecho(db: &dyn Reader, r: sorteo::Registro) -> Result<SorteoHecho> {
    let nombres: HashMap<String, String> = abogados::listar(db)?
        .into_iter()
        .map(|a| (a.identificacion, a.nombres))
        .collect();
    let formato = unidad::exigir(db)?.formato_importe;
    // One query for the sorteo's títulos, not one per assignment.
    let mut st = db.conn().prepare(
        "SELECT t.numero, t.obligado, t.total FROM titulos t
         JOIN asignaciones a ON a.titulo = t.numero WHERE a.sorteo = ?1",
    )?;
    let titulos: HashMap<String, (String, i64)> = st
        .query_map([r.numero], |f| Ok((f.get(0)?, (f.get(1)?, f.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let asignaciones = r
        .resultado
        .asignaciones
        .iter()
        .map(|a| {
            let t = titulos.get(&a.titulo);
            FilaSorteo {
                titulo: a.titulo.clone(),
                obligado: t.map(|t| t.0.clone()).unwrap_or_default(),
                total: t
                    .map(|t| crate::dinero::Centavos(t.1).agrupado(formato))
                    .unwrap_or_default(),
                abogado: format!(
                    "{} ({})",
                    nombres.get(&a.abogado).cloned().unwrap_or_default(),
                    a.abogado
                ),
            }
        })
        .collect();
    Ok(SorteoHecho {
        numero: r.numero,
        semilla: r.semilla,
        digest: r.digest,
        asignaciones,
        sin_asignar: r.resultado.sin_asignar,
    })
}
