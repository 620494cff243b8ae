//! The custody of seized goods: the depositario's periodic reports (foliated in the
//! expediente of the proceso whose goods he keeps; the period is the setting
//! `dias_informe_depositario`), the reports overdue, the depositarios' evaluation, and the
//! storage and maintenance contracts (bodegaje) whose cost becomes a costa of the proceso.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::bienes;
use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::procesos::{self, expediente};
use crate::registros;
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

use crate::texto::limpio as texto;

use crate::fechas::dia;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "InformeDepositario"))]
pub struct Informe {
    pub id: i64,
    pub proceso: String,
    pub depositario: String,
    pub fecha: NaiveDate,
    pub detalle: String,
    pub incidente: Option<String>,
    pub actuacion: i64,
}

#[derive(Debug, Clone)]
pub struct NuevoInforme {
    pub depositario: String,
    pub numero: String,
    pub fecha: NaiveDate,
    pub detalle: String,
    pub incidente: Option<String>,
    /// The report as he handed it in (a PDF), foliated.
    pub documento: Vec<u8>,
}

/// Records a depositario's report on the goods of a proceso he keeps, foliating it.
pub fn informar(store: &mut Store, actor: &Actor, n: &NuevoInforme) -> Result<Informe> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Foliar)?;
    let detalle = texto(Some(&n.detalle)).ok_or_else(|| {
        Error::entrada("falta lo que informa el depositario sobre el estado de los bienes")
    })?;
    let paginas = expediente::paginas_pdf(&n.documento)?;
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(n.fecha, hoy)?;
    let dep_id = n.depositario.trim().to_string();
    let id = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &n.numero)?;
        let dep = bienes::depositarios(tx)?
            .into_iter()
            .find(|d| d.identificacion == dep_id)
            .ok_or_else(|| {
                Error::entrada(format!(
                    "{dep_id} no está en el registro de depositarios judiciales"
                ))
            })?;
        let custodia = custodias(tx)?
            .into_iter()
            .find(|c| c.depositario == dep_id && c.proceso == p.numero)
            .ok_or_else(|| {
                Error::entrada(format!(
                    "{} no custodia bienes del proceso {}",
                    dep.nombres, p.numero
                ))
            })?;
        if n.fecha < custodia.desde {
            return Err(Error::entrada(format!(
                "el informe del {} sería anterior al depósito de los bienes ({})",
                fechas::corta(n.fecha),
                fechas::corta(custodia.desde)
            )));
        }
        let a = expediente::foliar_en(
            tx,
            &p.numero,
            "escrito",
            &format!("Informe del depositario judicial {}", dep.nombres),
            &n.documento,
            paginas,
            hoy,
            None,
            false,
        )?;
        let id = registros::siguiente(tx.conn(), &registros::INFORMES_DEPOSITARIO)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::DepositarioInforme(ev::DepositarioInforme {
                proceso: p.numero.clone(),
                depositario: dep_id.clone(),
                fecha: n.fecha,
                detalle: detalle.clone(),
                incidente: texto(n.incidente.as_deref()),
                actuacion: a.orden,
            }),
        )?;
        Ok(id)
    })?;
    log::info!("informe de depositario registrado");
    informes(store, None)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| Error::Interno("el informe recién registrado no aparece".into()))
}

/// The reports of a depositario (or all), newest first.
pub fn informes(db: &dyn Reader, depositario: Option<&str>) -> Result<Vec<Informe>> {
    let mut st = db.conn().prepare_cached(
        "SELECT id, proceso, depositario, fecha, detalle, incidente, actuacion FROM depositarios_informes
         WHERE ?1 IS NULL OR depositario = ?1 ORDER BY fecha DESC, id DESC",
    )?;
    let v = st.query_map([depositario], |r| {
        let f: String = r.get(3)?;
        Ok(Informe {
            id: r.get(0)?,
            proceso: r.get(1)?,
            depositario: r.get(2)?,
            fecha: dia(&f),
            detalle: r.get(4)?,
            incidente: r.get(5)?,
            actuacion: r.get(6)?,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// What a depositario keeps of one proceso, and whether his report is due.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Custodia {
    pub depositario: String,
    pub nombres: String,
    pub proceso: String,
    pub bienes: i64,
    /// Since when he keeps them (the earliest deposit of those goods).
    pub desde: NaiveDate,
    pub ultimo_informe: Option<NaiveDate>,
    /// When the next report is due.
    pub vence: NaiveDate,
    /// Days past due (0 if on time).
    pub dias_atraso: i64,
}

/// Every (depositario, proceso) with goods in custody now.
pub fn custodias(db: &dyn Reader) -> Result<Vec<Custodia>> {
    let hoy = fechas::hoy(db.clock());
    let periodo = crate::configuracion::numero(db, "dias_informe_depositario")? as i64;
    let en: Vec<String> = bienes::EN_CUSTODIA
        .iter()
        .map(|e| format!("'{e}'"))
        .collect();
    let mut st = db.conn().prepare_cached(&format!(
        "WITH ultimo AS (
             SELECT e.bien_id, e.depositario FROM bienes_estados e
             WHERE e.id = (SELECT MAX(id) FROM bienes_estados x WHERE x.bien_id = e.bien_id)
               AND e.estado IN ({}) AND e.depositario IS NOT NULL)
         SELECT u.depositario, d.nombres, b.proceso, COUNT(*),
                (SELECT MIN(s.fecha) FROM bienes_estados s JOIN ultimo v ON v.bien_id = s.bien_id
                  JOIN bienes c ON c.id = s.bien_id
                  WHERE s.estado = 'en_deposito' AND s.depositario = u.depositario AND c.proceso = b.proceso),
                (SELECT MAX(i.fecha) FROM depositarios_informes i WHERE i.depositario = u.depositario AND i.proceso = b.proceso)
         FROM ultimo u JOIN bienes b ON b.id = u.bien_id JOIN depositarios d ON d.identificacion = u.depositario
         GROUP BY u.depositario, b.proceso ORDER BY d.nombres, b.proceso",
        en.join(", ")
    ))?;
    let v = st.query_map([], |r| {
        let desde: Option<String> = r.get(4)?;
        let ultimo: Option<String> = r.get(5)?;
        let desde = desde.as_deref().map(dia).unwrap_or(hoy);
        let ultimo = ultimo.as_deref().map(dia);
        let vence = ultimo.unwrap_or(desde).max(desde) + Duration::days(periodo);
        Ok(Custodia {
            depositario: r.get(0)?,
            nombres: r.get(1)?,
            proceso: r.get(2)?,
            bienes: r.get(3)?,
            desde,
            ultimo_informe: ultimo,
            vence,
            dias_atraso: (hoy - vence).num_days().max(0),
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// The reports past due, for Inicio (the most overdue first).
pub fn atrasados(db: &dyn Reader) -> Result<Vec<Custodia>> {
    let mut v: Vec<Custodia> = custodias(db)?
        .into_iter()
        .filter(|c| c.dias_atraso > 0)
        .collect();
    v.sort_by(|a, b| {
        b.dias_atraso
            .cmp(&a.dias_atraso)
            .then(a.proceso.cmp(&b.proceso))
    });
    Ok(v)
}

/// A depositario's evaluation over a period.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "EvaluacionDepositario")
)]
pub struct Evaluacion {
    pub depositario: String,
    pub nombres: String,
    /// Goods in his custody now.
    pub bienes: i64,
    pub procesos: i64,
    /// Reports handed in during the period, and how many within the period after the previous one.
    pub informes: i64,
    pub a_tiempo: i64,
    /// Reports overdue today.
    pub atrasados: i64,
    /// Reports of the period that recorded an incident.
    pub incidentes: i64,
}

pub fn evaluacion(db: &dyn Reader, desde: NaiveDate, hasta: NaiveDate) -> Result<Vec<Evaluacion>> {
    if hasta < desde {
        return Err(Error::entrada("el periodo termina antes de empezar"));
    }
    let periodo = crate::configuracion::numero(db, "dias_informe_depositario")? as i64;
    let custodias = custodias(db)?;
    // Every report in date order per (depositario, proceso), to tell those on time.
    let mut todos = informes(db, None)?;
    todos.sort_by(|a, b| {
        (&a.depositario, &a.proceso, a.fecha, a.id).cmp(&(
            &b.depositario,
            &b.proceso,
            b.fecha,
            b.id,
        ))
    });
    let inicio_custodia = |dep: &str, proceso: &str| -> Result<Option<NaiveDate>> {
        let f: Option<String> = db.conn().query_row(
            "SELECT MIN(s.fecha) FROM bienes_estados s JOIN bienes b ON b.id = s.bien_id
             WHERE s.estado = 'en_deposito' AND s.depositario = ?1 AND b.proceso = ?2",
            [dep, proceso],
            |r| r.get(0),
        )?;
        Ok(f.as_deref().map(dia))
    };
    let mut v = vec![];
    for d in bienes::depositarios(db)? {
        let mias: Vec<&Custodia> = custodias
            .iter()
            .filter(|c| c.depositario == d.identificacion)
            .collect();
        let mut e = Evaluacion {
            depositario: d.identificacion.clone(),
            nombres: d.nombres.clone(),
            bienes: mias.iter().map(|c| c.bienes).sum(),
            procesos: mias.len() as i64,
            informes: 0,
            a_tiempo: 0,
            atrasados: mias.iter().filter(|c| c.dias_atraso > 0).count() as i64,
            incidentes: 0,
        };
        let mut anterior: Option<(String, NaiveDate)> = None;
        for i in todos.iter().filter(|i| i.depositario == d.identificacion) {
            let previo = match &anterior {
                Some((p, f)) if *p == i.proceso => Some(*f),
                _ => inicio_custodia(&d.identificacion, &i.proceso)?,
            };
            if i.fecha >= desde && i.fecha <= hasta {
                e.informes += 1;
                if previo.is_none_or(|p| (i.fecha - p).num_days() <= periodo) {
                    e.a_tiempo += 1;
                }
                if i.incidente.is_some() {
                    e.incidentes += 1;
                }
            }
            anterior = Some((i.proceso.clone(), i.fecha));
        }
        v.push(e);
    }
    Ok(v)
}

// ---------------------------------------------------------------- bodegaje

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bodegaje {
    pub id: i64,
    pub proceso: String,
    pub proveedor: String,
    pub identificacion: String,
    pub bienes: Vec<i64>,
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub costo: Centavos,
    /// The costa it became, and its state (pendiente until the Jefe approves it).
    pub costa: i64,
    pub estado_costa: String,
}

#[derive(Debug, Clone)]
pub struct NuevoBodegaje {
    pub numero: String,
    pub proveedor: String,
    pub identificacion: String,
    pub bienes: Vec<i64>,
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub costo: Centavos,
    /// The contract or invoice (a PDF), foliated as the costa's receipt.
    pub contrato: Vec<u8>,
}

/// Records a storage or maintenance contract for goods of a proceso in custody; its cost is a
/// costa of that proceso (counted once the Jefe approves it, like any other).
pub fn contratar(store: &mut Store, actor: &Actor, n: &NuevoBodegaje) -> Result<Bodegaje> {
    actor.exigir(Accion::Medidas)?;
    let proveedor = texto(Some(&n.proveedor))
        .ok_or_else(|| Error::entrada("falta el proveedor del bodegaje"))?;
    crate::identificacion::validar(&n.identificacion)
        .map_err(|e| Error::entrada(format!("el RUC o cédula del proveedor: {e}")))?;
    if n.bienes.is_empty() {
        return Err(Error::entrada("indique los bienes que cubre el contrato"));
    }
    if n.hasta < n.desde {
        return Err(Error::entrada(format!(
            "el contrato termina el {}, antes de empezar el {}",
            fechas::corta(n.hasta),
            fechas::corta(n.desde)
        )));
    }
    if n.costo.0 <= 0 {
        return Err(Error::entrada(
            "el costo del contrato debe ser mayor que cero",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    if n.desde > hoy {
        return Err(Error::entrada(format!(
            "el contrato empieza el {}: regístrelo cuando empiece, así su costo entra en la liquidación desde ese día",
            fechas::corta(n.desde)
        )));
    }
    let id = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &n.numero)?;
        let (lista, guardados) = bienes::lista_ids(&n.bienes);
        for b in bienes::ids_de(&guardados) {
            let bien = bienes::ver(tx, b)?;
            if bien.proceso != p.numero {
                return Err(Error::entrada(format!(
                    "el bien {b} es del proceso {}, no del {}",
                    bien.proceso, p.numero
                )));
            }
            if !bien.estado.as_deref().is_some_and(|e| bienes::EN_CUSTODIA.contains(&e)) {
                return Err(Error::entrada(format!(
                    "el bien {b} no está en depósito: el bodegaje cubre bienes embargados bajo custodia"
                )));
            }
        }
        let costa = crate::costas::registrar_en(
            tx,
            actor,
            &crate::costas::Nueva {
                proceso: p.numero.clone(),
                fecha: n.desde,
                concepto: "bodegaje".into(),
                descripcion: format!(
                    "Bodegaje de {} {lista} con {proveedor}, del {} al {}",
                    if n.bienes.len() == 1 { "el bien" } else { "los bienes" },
                    fechas::corta(n.desde),
                    fechas::corta(n.hasta)
                ),
                valor: n.costo,
                comprobante: n.contrato.clone(),
            },
            hoy,
        )?;
        let id = registros::siguiente(tx.conn(), &registros::BODEGAJES)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::BodegajeRegistrado(ev::BodegajeRegistrado {
                proceso: p.numero.clone(),
                proveedor: proveedor.clone(),
                identificacion: n.identificacion.trim().to_string(),
                bienes: guardados.clone(),
                desde: n.desde,
                hasta: n.hasta,
                costo: n.costo,
                costa,
            }),
        )?;
        Ok(id)
    })?;
    log::info!("bodegaje registrado");
    bodegajes(store, None)?
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| Error::Interno("el contrato recién registrado no aparece".into()))
}

/// The storage contracts of a proceso (or all).
pub fn bodegajes(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Bodegaje>> {
    if let Some(n) = numero {
        procesos::exigir(db, n)?;
    }
    let mut st = db.conn().prepare_cached(
        "SELECT b.id, b.proceso, b.proveedor, b.identificacion, b.bienes, b.desde, b.hasta, b.costo, b.costa, d.aprobada
         FROM bodegajes b LEFT JOIN costas_decisiones d ON d.costa_id = b.costa
         WHERE ?1 IS NULL OR b.proceso = ?1 ORDER BY b.id",
    )?;
    let v = st.query_map([numero], |r| {
        let bienes_: String = r.get(4)?;
        let desde: String = r.get(5)?;
        let hasta: String = r.get(6)?;
        let aprobada: Option<bool> = r.get(9)?;
        Ok(Bodegaje {
            id: r.get(0)?,
            proceso: r.get(1)?,
            proveedor: r.get(2)?,
            identificacion: r.get(3)?,
            bienes: bienes::ids_de(&bienes_),
            desde: dia(&desde),
            hasta: dia(&hasta),
            costo: Centavos(r.get(7)?),
            costa: r.get(8)?,
            estado_costa: match aprobada {
                None => "pendiente",
                Some(true) => "aprobada",
                Some(false) => "rechazada",
            }
            .into(),
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}
