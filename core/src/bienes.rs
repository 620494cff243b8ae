//! Bienes, depositarios and the diligencia de embargo. A bien of a proceso is offered by the
//! coactivado (dimisión) or found to be seized, with the fields its kind needs; the diligencia
//! de embargo seizes one or more of them, names the depositario who keeps them and where, and
//! its acta is generated from what was recorded and foliated in the same transaction. A bien's
//! state over time is a row per change (embargado, en depósito, … levantado).

use chrono::NaiveDate;
use serde::Serialize;

use crate::eventos::{self as ev, Evento};
use crate::procesos::{self, expediente, Etapa};
use crate::registros;
use crate::store::{Reader, Store};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

pub const CLASES: [&str; 6] = [
    "inmueble",
    "vehiculo",
    "cuenta",
    "mueble",
    "semoviente",
    "otro",
];
pub const ESTADOS: [&str; 7] = [
    "embargado",
    "en_deposito",
    "avaluado",
    "en_remate",
    "rematado",
    "adjudicado",
    "levantado",
];

/// The fields each kind takes, and which of them it needs.
pub fn campos(clase: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match clase {
        "inmueble" => (
            &["ficha", "canton", "direccion", "area"],
            &["ficha", "canton"],
        ),
        "vehiculo" => (
            &["placa", "chasis", "motor", "marca", "modelo", "anio"],
            &["placa", "marca"],
        ),
        "cuenta" => (&["banco", "cuenta", "valor"], &["banco", "cuenta"]),
        _ => (&[], &[]),
    }
}

/// A state as people read it.
pub fn nombre_estado(e: &str) -> &str {
    match e {
        "embargado" => "embargado",
        "en_deposito" => "en depósito",
        "avaluado" => "avaluado",
        "en_remate" => "en remate",
        "rematado" => "rematado",
        "adjudicado" => "adjudicado",
        "levantado" => "levantado el embargo",
        e => e,
    }
}

fn nombre_campo(c: &str) -> &str {
    match c {
        "ficha" => "ficha registral",
        "canton" => "cantón",
        "direccion" => "dirección",
        "area" => "área",
        "anio" => "año",
        c => c,
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Depositario {
    pub identificacion: String,
    pub nombres: String,
    pub telefono: Option<String>,
    pub direccion: Option<String>,
    /// Goods in his custody now.
    pub bienes: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bien {
    pub id: i64,
    pub proceso: String,
    pub clase: String,
    pub origen: String,
    pub descripcion: String,
    pub ubicacion: Option<String>,
    /// The kind's fields: (name as printed, value).
    pub datos: Vec<(String, String)>,
    pub fecha: NaiveDate,
    /// The latest state, if any (none: offered, not yet seized).
    pub estado: Option<String>,
    pub depositario: Option<String>,
    pub lugar: Option<String>,
}

use crate::texto::limpio as texto;

/// Adds a depositario judicial to the unit's registry.
pub fn agregar_depositario(
    store: &mut Store,
    actor: &Actor,
    identificacion: &str,
    nombres: &str,
    telefono: Option<&str>,
    direccion: Option<&str>,
) -> Result<Depositario> {
    actor.exigir(Accion::Medidas)?;
    crate::identificacion::validar(identificacion)
        .map_err(|e| Error::entrada(format!("la identificación del depositario: {e}")))?;
    let nombres =
        texto(Some(nombres)).ok_or_else(|| Error::entrada("faltan los nombres del depositario"))?;
    let id = identificacion.trim().to_string();
    store.write(&actor.usuario, |tx| {
        let existe: bool = tx.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM depositarios WHERE identificacion = ?1)",
            [&id],
            |r| r.get(0),
        )?;
        if existe {
            return Err(Error::Conflicto(format!(
                "el depositario {id} ya está registrado"
            )));
        }
        registros::insertar(
            tx,
            &id,
            &Evento::DepositarioRegistrado(ev::DepositarioRegistrado {
                nombres: nombres.clone(),
                telefono: texto(telefono),
                direccion: texto(direccion),
            }),
        )
    })?;
    depositarios(store)?
        .into_iter()
        .find(|d| d.identificacion == id)
        .ok_or_else(|| Error::Interno("el depositario recién registrado no aparece".into()))
}

/// The registry, with the goods each keeps now.
pub fn depositarios(db: &dyn Reader) -> Result<Vec<Depositario>> {
    let mut st = db.conn().prepare_cached(
        "SELECT d.identificacion, d.nombres, d.telefono, d.direccion,
                (SELECT COUNT(*) FROM bienes_estados e WHERE e.depositario = d.identificacion AND e.estado = 'en_deposito'
                   AND e.id = (SELECT MAX(id) FROM bienes_estados x WHERE x.bien_id = e.bien_id))
         FROM depositarios d ORDER BY d.nombres",
    )?;
    let v = st.query_map([], |r| {
        Ok(Depositario {
            identificacion: r.get(0)?,
            nombres: r.get(1)?,
            telefono: r.get(2)?,
            direccion: r.get(3)?,
            bienes: r.get(4)?,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Default)]
pub struct NuevoBien {
    pub numero: String,
    pub clase: String,
    /// Offered by the coactivado (dimisión) rather than found.
    pub dimision: bool,
    pub descripcion: String,
    pub ubicacion: Option<String>,
    /// The kind's fields, `placa=PBA-1234`.
    pub datos: Vec<(String, String)>,
    pub fecha: NaiveDate,
}

/// Records a bien of a proceso with the fields its kind needs.
pub fn registrar(store: &mut Store, actor: &Actor, n: &NuevoBien) -> Result<Bien> {
    actor.exigir(Accion::Medidas)?;
    let clase = crate::texto::clave(&n.clase);
    if !CLASES.contains(&clase.as_str()) {
        return Err(Error::entrada(format!(
            "la clase de bien «{}» no existe; use {}",
            n.clase,
            CLASES.join(", ")
        )));
    }
    let descripcion = texto(Some(&n.descripcion)).ok_or_else(|| {
        Error::entrada("falta la descripción del bien: qué es y en qué estado está")
    })?;
    let (admite, exige) = campos(&clase);
    let mut datos = serde_json::Map::new();
    for (k, v) in &n.datos {
        let k = crate::texto::clave(k);
        if !admite.contains(&k.as_str()) {
            return Err(Error::entrada(if admite.is_empty() {
                format!("un bien de clase {clase} no lleva datos como «{k}»: descríbalo")
            } else {
                format!(
                    "un bien de clase {clase} lleva {}; «{k}» no",
                    admite
                        .iter()
                        .map(|c| nombre_campo(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }));
        }
        if let Some(v) = texto(Some(v)) {
            datos.insert(k, serde_json::Value::String(v));
        }
    }
    let faltan: Vec<&str> = exige
        .iter()
        .filter(|c| !datos.contains_key(**c))
        .map(|c| nombre_campo(c))
        .collect();
    if !faltan.is_empty() {
        return Err(Error::entrada(format!(
            "un bien de clase {clase} necesita {}",
            faltan.join(" y ")
        )));
    }
    // Stored with its keys sorted (serde_json's map), so the same goods always read the same.
    let ordenado = datos;
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(n.fecha, hoy)?;
    let id = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &n.numero)?;
        if p.etapa.terminal() {
            return Err(Error::entrada(format!(
                "el proceso {} está {}",
                p.numero,
                p.etapa.nombre()
            )));
        }
        let id = registros::siguiente(tx.conn(), &registros::BIENES)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::BienRegistrado(ev::BienRegistrado {
                proceso: p.numero.clone(),
                clase: clase.clone(),
                origen: if n.dimision { "dimision" } else { "embargo" }.into(),
                descripcion: descripcion.clone(),
                ubicacion: texto(n.ubicacion.as_deref()),
                datos: serde_json::Value::Object(ordenado.clone()).to_string(),
                fecha: n.fecha,
            }),
        )?;
        Ok(id)
    })?;
    ver(store, id)
}

/// A diligencia de embargo as recorded.
#[derive(Debug, Clone, Default)]
pub struct Diligencia {
    pub numero: String,
    pub fecha: NaiveDate,
    pub hora: String,
    pub direccion: String,
    pub depositario: String,
    /// Where the depositario keeps the goods.
    pub lugar: String,
    pub comparecientes: Option<String>,
    pub bienes: Vec<i64>,
}

/// Records a diligencia de embargo: the goods seized pass to embargado and en depósito with
/// the depositario, and the acta is generated from it, foliated and handed to `entregar`, in
/// one transaction. Returns the embargo's number and the acta.
pub fn embargar(
    store: &mut Store,
    actor: &Actor,
    d: &Diligencia,
    entregar: &dyn Fn(&[u8]) -> Result<()>,
) -> Result<(i64, Vec<u8>)> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Foliar)?;
    let hora = crate::citaciones::hora(&d.hora)?;
    let direccion = texto(Some(&d.direccion))
        .ok_or_else(|| Error::entrada("falta la dirección donde se practicó el embargo"))?;
    let lugar = texto(Some(&d.lugar))
        .ok_or_else(|| Error::entrada("falta dónde quedan los bienes en depósito"))?;
    if d.bienes.is_empty() {
        return Err(Error::entrada(
            "el embargo necesita al menos un bien registrado del proceso",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    crate::fechas::no_futura(d.fecha, hoy)?;
    let r = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &d.numero)?;
        if !matches!(p.etapa, Etapa::Embargo | Etapa::Avaluo | Etapa::Remate) {
            return Err(Error::entrada(format!(
                "el proceso {} está en la etapa «{}»: pase el proceso a embargo antes de registrar la diligencia",
                p.numero,
                p.etapa.nombre()
            )));
        }
        let dep = depositarios(tx)?.into_iter().find(|x| x.identificacion == d.depositario.trim()).ok_or_else(|| {
            Error::entrada(format!("{} no está en el registro de depositarios judiciales: regístrelo primero", d.depositario))
        })?;
        for b in &d.bienes {
            let bien = ver(tx, *b)?;
            if bien.proceso != p.numero {
                return Err(Error::entrada(format!("el bien {b} es del proceso {}, no del {}", bien.proceso, p.numero)));
            }
            if bien.estado.as_deref().is_some_and(|e| e != "levantado") {
                return Err(Error::Conflicto(format!("el bien {b} ya está {}", nombre_estado(&bien.estado.unwrap_or_default()))));
            }
            if d.fecha < bien.fecha {
                return Err(Error::entrada(format!("el embargo del {} sería anterior al registro del bien {b}", fechas::corta(d.fecha))));
            }
        }
        let (orden, foja) = expediente::siguiente(tx.conn(), &p.numero)?;
        let id = registros::siguiente(tx.conn(), &registros::EMBARGOS)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::EmbargoRegistrado(ev::EmbargoRegistrado {
                proceso: p.numero.clone(),
                fecha: d.fecha,
                hora: hora.clone(),
                direccion: direccion.clone(),
                depositario: dep.identificacion.clone(),
                lugar: lugar.clone(),
                comparecientes: texto(d.comparecientes.as_deref()),
                actuacion: orden,
            }),
        )?;
        for b in &d.bienes {
            for (estado, dep_, lugar_) in [("embargado", None, None), ("en_deposito", Some(dep.identificacion.clone()), Some(lugar.clone()))] {
                let n = registros::siguiente(tx.conn(), &registros::ESTADOS_BIEN)?;
                registros::insertar(
                    tx,
                    &n.to_string(),
                    &Evento::BienEstado(ev::BienEstado {
                        bien: *b,
                        estado: estado.into(),
                        fecha: d.fecha,
                        embargo: Some(id),
                        depositario: dep_,
                        lugar: lugar_,
                        detalle: None,
                    }),
                )?;
            }
        }
        let ahora = tx.ahora();
        let o = crate::documentos::Opciones { embargo: Some(id), ..Default::default() };
        let (pdf, descripcion, paginas) = crate::documentos::generar_n(tx.conn(), "acta-embargo", &p.numero, &o, &ahora, Some(foja))?;
        let a = expediente::foliar_en(tx, &p.numero, "acta", &descripcion, &pdf, paginas, d.fecha, None, true)?;
        if a.orden != orden {
            return Err(Error::Interno("el acta no quedó en la actuación prevista".into()));
        }
        entregar(&pdf)?;
        Ok((id, pdf))
    })?;
    log::info!("embargo registrado");
    Ok(r)
}

/// The stored fields of a bien of `clase`, in the order its kind lists them, named as printed.
fn datos_de(clase: &str, datos: &str) -> Vec<(String, String)> {
    let mapa: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(datos).unwrap_or_default();
    campos(clase)
        .0
        .iter()
        .filter_map(|c| {
            mapa.get(*c)
                .and_then(|v| v.as_str())
                .map(|v| (nombre_campo(c).to_string(), v.to_string()))
        })
        .collect()
}

fn leer(
    conn: &rusqlite::Connection,
    filtro: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Bien>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT b.id, b.proceso, b.clase, b.origen, b.descripcion, b.ubicacion, b.datos, b.fecha, e.estado, e.depositario, e.lugar
         FROM bienes b LEFT JOIN bienes_estados e ON e.id = (SELECT MAX(id) FROM bienes_estados x WHERE x.bien_id = b.id)
         WHERE {filtro} ORDER BY b.id"
    ))?;
    let v = st.query_map(args, |r| {
        let datos: String = r.get(6)?;
        let clase: String = r.get(2)?;
        let fecha: String = r.get(7)?;
        Ok(Bien {
            id: r.get(0)?,
            proceso: r.get(1)?,
            descripcion: r.get(4)?,
            origen: r.get(3)?,
            ubicacion: r.get(5)?,
            datos: datos_de(&clase, &datos),
            clase,
            fecha: fecha
                .get(..10)
                .and_then(|d| d.parse().ok())
                .unwrap_or(NaiveDate::MIN),
            estado: r.get(8)?,
            depositario: r.get(9)?,
            lugar: r.get(10)?,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

pub fn ver(db: &dyn Reader, id: i64) -> Result<Bien> {
    ver_en(db.conn(), id)
}

pub(crate) fn ver_en(conn: &rusqlite::Connection, id: i64) -> Result<Bien> {
    leer(conn, "b.id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el bien {id}")))
}

/// The goods of a proceso, or all.
pub fn listar(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Bien>> {
    match numero {
        Some(n) => {
            procesos::exigir(db, n)?;
            leer(db.conn(), "b.proceso = ?1", &[&n])
        }
        None => leer(db.conn(), "1", &[]),
    }
}

/// «Vehículo: Camioneta Chevrolet (placa PBA-1234, marca Chevrolet)», as the acta lists it.
pub(crate) fn describir(b: &Bien) -> String {
    let clase = match b.clase.as_str() {
        "inmueble" => "Inmueble",
        "vehiculo" => "Vehículo",
        "cuenta" => "Cuenta o valores",
        "mueble" => "Bien mueble",
        "semoviente" => "Semoviente",
        _ => "Bien",
    };
    let datos = if b.datos.is_empty() {
        String::new()
    } else {
        format!(
            " ({})",
            b.datos
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    format!(
        "{clase}: {}{datos}{}",
        b.descripcion,
        b.ubicacion
            .as_deref()
            .map(|u| format!(", ubicado en {u}"))
            .unwrap_or_default()
    )
}

/// What the acta de embargo prints (`embargo` in the templates), read inside the transaction
/// that records it. Refuses an embargo of another proceso.
pub(crate) fn contexto(
    conn: &rusqlite::Connection,
    id: i64,
    numero: &str,
) -> Result<serde_json::Value> {
    use rusqlite::OptionalExtension;
    type Fila = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
    );
    let e: Option<Fila> = conn
        .query_row(
            "SELECT e.proceso, e.fecha, e.hora, e.direccion, e.depositario, d.nombres, e.lugar, e.comparecientes
             FROM embargos e JOIN depositarios d ON d.identificacion = e.depositario WHERE e.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .optional()?;
    let Some((proceso, fecha, hora, direccion, dep_id, dep_nombres, lugar, comparecientes)) = e
    else {
        return Err(Error::NoEncontrado(format!("no existe el embargo {id}")));
    };
    if proceso != numero {
        return Err(Error::entrada(format!(
            "el embargo {id} es del proceso {proceso}, no del {numero}"
        )));
    }
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT b.id, b.proceso, b.clase, b.origen, b.descripcion, b.ubicacion, b.datos, b.fecha
         FROM bienes b JOIN bienes_estados x ON x.bien_id = b.id WHERE x.embargo = ?1 ORDER BY b.id",
    )?;
    let bienes: Vec<String> = st
        .query_map([id], |r| {
            let datos: String = r.get(6)?;
            let clase: String = r.get(2)?;
            Ok(Bien {
                id: r.get(0)?,
                proceso: r.get(1)?,
                datos: datos_de(&clase, &datos),
                clase,
                origen: r.get(3)?,
                descripcion: r.get(4)?,
                ubicacion: r.get(5)?,
                fecha: NaiveDate::MIN,
                estado: None,
                depositario: None,
                lugar: None,
            })
        })?
        .map(|b| b.map(|b| describir(&b)))
        .collect::<rusqlite::Result<_>>()?;
    let dia: NaiveDate = fecha
        .get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(NaiveDate::MIN);
    Ok(serde_json::json!({
        "numero": id, "fecha": fechas::larga(dia), "hora": format!("las {}", hora.replacen(':', "h", 1)),
        "direccion": direccion, "lugar": lugar, "comparecientes": comparecientes,
        "depositario": {"nombres": dep_nombres, "identificacion": dep_id},
        "bienes": bienes,
    }))
}

/// Records a bien's next state inside a use case. `custodia`: the bien stays with the
/// depositario and in the place it was (an avalúo, a call to remate); otherwise it leaves
/// them (adjudicated, lifted).
pub(crate) fn poner_estado(
    tx: &mut crate::store::Tx<'_>,
    b: &Bien,
    estado: &str,
    fecha: NaiveDate,
    detalle: Option<String>,
    custodia: bool,
) -> Result<()> {
    let n = registros::siguiente(tx.conn(), &registros::ESTADOS_BIEN)?;
    registros::insertar(
        tx,
        &n.to_string(),
        &Evento::BienEstado(ev::BienEstado {
            bien: b.id,
            estado: estado.into(),
            fecha,
            embargo: None,
            depositario: b.depositario.clone().filter(|_| custodia),
            lugar: b.lugar.clone().filter(|_| custodia),
            detalle,
        }),
    )
}

/// The day a bien entered its present state.
pub(crate) fn estado_desde(conn: &rusqlite::Connection, bien: i64) -> Result<Option<NaiveDate>> {
    use rusqlite::OptionalExtension;
    let f: Option<String> = conn
        .query_row(
            "SELECT fecha FROM bienes_estados WHERE bien_id = ?1 ORDER BY id DESC LIMIT 1",
            [bien],
            |r| r.get(0),
        )
        .optional()?;
    Ok(f.and_then(|f| f.get(..10).and_then(|d| d.parse().ok())))
}

/// The goods in a depositario's custody now: seized and not yet adjudicated or released.
pub const EN_CUSTODIA: [&str; 4] = ["en_deposito", "avaluado", "en_remate", "rematado"];

/// «1, 2 y 3» from the goods' numbers; and the stored form «1,2,3».
pub(crate) fn lista_ids(ids: &[i64]) -> (String, String) {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    let t: Vec<String> = v.iter().map(|i| i.to_string()).collect();
    (crate::texto::unir(&t), t.join(","))
}

/// The numbers stored as «1,2,3».
pub(crate) fn ids_de(s: &str) -> Vec<i64> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

/// One line of the inventory of bienes embargados.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FilaInventario {
    pub bien: Bien,
    /// The depositario's names.
    pub depositario_nombres: Option<String>,
    /// The latest avalúo, if any.
    pub avaluo: Option<crate::dinero::Centavos>,
    /// Since when the bien is in its state.
    pub desde: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TotalEstado {
    pub estado: String,
    pub bienes: i64,
    pub avaluo: crate::dinero::Centavos,
}

/// The Dirección Nacional's «control de los bienes embargados»: every seized bien with its
/// state, place, depositario and valuation, and the totals by state.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Inventario {
    pub filas: Vec<FilaInventario>,
    pub por_estado: Vec<TotalEstado>,
    pub bienes: i64,
    pub avaluo: crate::dinero::Centavos,
}

#[derive(Debug, Clone, Default)]
pub struct FiltroInventario {
    pub estado: Option<String>,
    pub depositario: Option<String>,
    /// Part of the place where goods are kept.
    pub lugar: Option<String>,
}

pub fn inventario(db: &dyn Reader, f: &FiltroInventario) -> Result<Inventario> {
    use crate::dinero::Centavos;
    let estado = f
        .estado
        .as_deref()
        .map(crate::texto::clave)
        .filter(|e| !e.is_empty());
    if let Some(e) = &estado {
        if !ESTADOS.contains(&e.as_str()) {
            return Err(Error::entrada(format!(
                "el estado «{e}» no existe; use {}",
                ESTADOS.join(", ")
            )));
        }
    }
    let lugar = f
        .lugar
        .as_deref()
        .map(crate::texto::plegar)
        .filter(|l| !l.is_empty());
    let dep = f
        .depositario
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let nombres: std::collections::HashMap<String, String> = depositarios(db)?
        .into_iter()
        .map(|d| (d.identificacion, d.nombres))
        .collect();
    let mut filas = vec![];
    for b in leer(db.conn(), "e.estado IS NOT NULL", &[])? {
        if estado
            .as_deref()
            .is_some_and(|e| b.estado.as_deref() != Some(e))
            || dep.is_some_and(|d| b.depositario.as_deref() != Some(d))
            || lugar.as_deref().is_some_and(|l| {
                !b.lugar
                    .as_deref()
                    .is_some_and(|x| crate::texto::plegar(x).contains(l))
            })
        {
            continue;
        }
        filas.push(FilaInventario {
            depositario_nombres: b.depositario.as_ref().and_then(|d| nombres.get(d).cloned()),
            avaluo: crate::remates::ultimo_avaluo(db.conn(), b.id)?,
            desde: estado_desde(db.conn(), b.id)?,
            bien: b,
        });
    }
    let mut por_estado: Vec<TotalEstado> = vec![];
    for e in ESTADOS {
        let de: Vec<&FilaInventario> = filas
            .iter()
            .filter(|f| f.bien.estado.as_deref() == Some(e))
            .collect();
        if !de.is_empty() {
            por_estado.push(TotalEstado {
                estado: e.to_string(),
                bienes: de.len() as i64,
                avaluo: Centavos(de.iter().filter_map(|f| f.avaluo).map(|a| a.0).sum()),
            });
        }
    }
    Ok(Inventario {
        bienes: filas.len() as i64,
        avaluo: Centavos(por_estado.iter().map(|t| t.avaluo.0).sum()),
        filas,
        por_estado,
    })
}

/// The inventory as an XLSX workbook: the goods on one sheet, the totals by state on another.
pub fn inventario_xlsx(inv: &Inventario) -> Result<Vec<u8>> {
    use crate::reportes::{dia_xlsx, mal};
    use rust_xlsxwriter::{Format, Workbook};
    let mut libro = Workbook::new();
    let negrita = Format::new().set_bold();
    let dinero = Format::new().set_num_format("#,##0.00");
    let fecha = Format::new().set_num_format("dd/mm/yyyy");
    let hoja = libro.add_worksheet();
    hoja.set_name("Bienes embargados").map_err(mal)?;
    let cab = [
        "Bien",
        "Proceso",
        "Clase",
        "Descripción",
        "Datos",
        "Estado",
        "Desde",
        "Depositario",
        "Identificación del depositario",
        "Lugar de depósito",
        "Avalúo (USD)",
    ];
    for (c, t) in cab.iter().enumerate() {
        hoja.write_string_with_format(0, c as u16, *t, &negrita)
            .map_err(mal)?;
    }
    for (i, f) in inv.filas.iter().enumerate() {
        let r = i as u32 + 1;
        let b = &f.bien;
        hoja.write_number(r, 0, b.id as f64).map_err(mal)?;
        hoja.write_string(r, 1, &b.proceso).map_err(mal)?;
        hoja.write_string(r, 2, &b.clase).map_err(mal)?;
        hoja.write_string(r, 3, &b.descripcion).map_err(mal)?;
        hoja.write_string(
            r,
            4,
            b.datos
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .map_err(mal)?;
        hoja.write_string(r, 5, nombre_estado(b.estado.as_deref().unwrap_or_default()))
            .map_err(mal)?;
        if let Some(d) = f.desde {
            let x = dia_xlsx(d)?;
            hoja.write_datetime_with_format(r, 6, &x, &fecha)
                .map_err(mal)?;
        }
        hoja.write_string(r, 7, f.depositario_nombres.as_deref().unwrap_or_default())
            .map_err(mal)?;
        hoja.write_string(r, 8, b.depositario.as_deref().unwrap_or_default())
            .map_err(mal)?;
        hoja.write_string(r, 9, b.lugar.as_deref().unwrap_or_default())
            .map_err(mal)?;
        if let Some(a) = f.avaluo {
            hoja.write_number_with_format(r, 10, a.0 as f64 / 100.0, &dinero)
                .map_err(mal)?;
        }
    }
    hoja.autofit();
    let t = libro.add_worksheet();
    t.set_name("Por estado").map_err(mal)?;
    for (c, x) in ["Estado", "Bienes", "Avalúo (USD)"].iter().enumerate() {
        t.write_string_with_format(0, c as u16, *x, &negrita)
            .map_err(mal)?;
    }
    for (i, e) in inv.por_estado.iter().enumerate() {
        let r = i as u32 + 1;
        t.write_string(r, 0, nombre_estado(&e.estado))
            .map_err(mal)?;
        t.write_number(r, 1, e.bienes as f64).map_err(mal)?;
        t.write_number_with_format(r, 2, e.avaluo.0 as f64 / 100.0, &dinero)
            .map_err(mal)?;
    }
    let r = inv.por_estado.len() as u32 + 1;
    t.write_string_with_format(r, 0, "Total", &negrita)
        .map_err(mal)?;
    t.write_number(r, 1, inv.bienes as f64).map_err(mal)?;
    t.write_number_with_format(r, 2, inv.avaluo.0 as f64 / 100.0, &dinero)
        .map_err(mal)?;
    t.autofit();
    libro.save_to_buffer().map_err(mal)
}
