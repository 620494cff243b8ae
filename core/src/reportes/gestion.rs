//! The unit's work in a period: the **bimonthly report** to the Dirección Nacional (C.D. 497
//! §3.5.3 n) and the **evaluation of the Secretarios-Abogados** (§3.5.3 f).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::tabla::{Celda, Reporte, Seccion, Tipo};
use super::Recaudado;
use crate::dinero::{Centavos, Formato};
use crate::store::Reader;
use crate::usuarios::{Accion, Actor, Rol};
use crate::{calendario, configuracion, fechas, Result};

/// How many, and for how much.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CifraReporte"))]
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Cifra {
    pub numero: i64,
    pub valor: Centavos,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Impugnaciones {
    /// `pendiente`, `aceptada`, `rechazada`, `desistida`.
    pub estado: String,
    /// `excepcion` or `impugnacion`.
    pub clase: String,
    pub numero: i64,
}

/// The bimonthly report: what came in and what the unit did with it in the two months.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Bimestral {
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    /// Títulos de crédito received (imported), by their total.
    pub recibidos: Cifra,
    /// Títulos drawn to a Secretario-Abogado.
    pub sorteados: Cifra,
    /// Procesos opened, by the títulos' total.
    pub abiertos: Cifra,
    /// Procesos whose first party was cited in the period.
    pub citados: Cifra,
    /// Procesos with a medida cautelar ordered in the period, by the medidas' ceilings.
    pub con_medidas: Cifra,
    /// Convenios de pago signed, by the saldo agreed.
    pub en_convenio: Cifra,
    /// Procesos that reached «pagado».
    pub pagados: Cifra,
    /// Procesos referred to insolvency.
    pub insolvencia: Cifra,
    /// The payments received (as the recaudación counts them).
    pub recuperado: Recaudado,
    pub impugnaciones: Vec<Impugnaciones>,
}

fn cifra(db: &dyn Reader, sql: &str, desde: NaiveDate, hasta: NaiveDate) -> Result<Cifra> {
    Ok(db
        .conn()
        .query_row(sql, [fechas::iso(desde), fechas::iso(hasta)], |r| {
            Ok(Cifra {
                numero: r.get(0)?,
                valor: Centavos(r.get::<_, Option<i64>>(1)?.unwrap_or(0)),
            })
        })?)
}

/// The bimonthly report from `desde` (the first day of `hasta`'s two months when absent) to
/// `hasta` (today when absent).
pub fn bimestral(
    db: &dyn Reader,
    actor: &Actor,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
) -> Result<Bimestral> {
    actor.exigir(Accion::Consultar)?;
    let hasta = super::fecha_de_corte(db, hasta)?;
    let desde = desde.unwrap_or(crate::insolvencia::bimestre(hasta).0);
    let (desde, hasta) = super::periodo(db, Some(desde), Some(hasta))?;
    let en = |sql: &str| cifra(db, sql, desde, hasta);
    let recibidos = en("SELECT COUNT(*), SUM(t.total) FROM titulos t JOIN importaciones i ON i.id = t.importacion_id
         WHERE substr(i.fecha, 1, 10) BETWEEN ?1 AND ?2")?;
    let sorteados = en(
        "SELECT COUNT(DISTINCT a.titulo), (SELECT SUM(t.total) FROM titulos t WHERE t.numero IN
            (SELECT a2.titulo FROM asignaciones a2 JOIN sorteos s2 ON s2.numero = a2.sorteo
             WHERE s2.tipo = 'sorteo' AND substr(s2.fecha, 1, 10) BETWEEN ?1 AND ?2))
         FROM asignaciones a JOIN sorteos s ON s.numero = a.sorteo
         WHERE s.tipo = 'sorteo' AND substr(s.fecha, 1, 10) BETWEEN ?1 AND ?2",
    )?;
    let abiertos = en(
        "SELECT COUNT(*), SUM(t.total) FROM procesos p JOIN titulos t ON t.numero = p.titulo
         WHERE substr(p.abierto_en, 1, 10) BETWEEN ?1 AND ?2",
    )?;
    let con_medidas = en(
        "SELECT COUNT(DISTINCT proceso), SUM(monto) FROM medidas WHERE fecha BETWEEN ?1 AND ?2",
    )?;
    let en_convenio =
        en("SELECT COUNT(*), SUM(saldo) FROM convenios WHERE desde BETWEEN ?1 AND ?2")?;
    let llegados = |etapa: &str| {
        en(&format!(
            "SELECT COUNT(*), SUM(t.total) FROM procesos p JOIN titulos t ON t.numero = p.titulo
             WHERE EXISTS (SELECT 1 FROM etapas e WHERE e.proceso_id = p.id AND e.etapa = '{etapa}'
                           AND substr(e.desde, 1, 10) BETWEEN ?1 AND ?2)"
        ))
    };
    let pagados = llegados("pagado")?;
    let insolvencia = llegados("insolvencia")?;
    // Cited: the first citación of the proceso falls in the period.
    let citas = crate::citaciones::citados_hasta(db, hasta)?;
    let mut citados = Cifra::default();
    {
        let mut st = db.conn().prepare(
            "SELECT p.id, t.total FROM procesos p JOIN titulos t ON t.numero = p.titulo",
        )?;
        let mut filas = st.query([])?;
        while let Some(r) = filas.next()? {
            let id: i64 = r.get(0)?;
            if citas.get(&id).is_some_and(|d| *d >= desde) {
                citados.numero += 1;
                citados.valor.0 += r.get::<_, i64>(1)?;
            }
        }
    }
    let recuperado = super::recaudacion(db, actor, Some(desde), Some(hasta))?.total;
    let impugnaciones = crate::excepciones::informe(db, desde, hasta)?
        .por_estado
        .into_iter()
        .map(|(estado, clase, numero)| Impugnaciones {
            estado,
            clase,
            numero,
        })
        .collect();
    Ok(Bimestral {
        desde,
        hasta,
        recibidos,
        sorteados,
        abiertos,
        citados,
        con_medidas,
        en_convenio,
        pagados,
        insolvencia,
        recuperado,
        impugnaciones,
    })
}

impl Bimestral {
    pub fn reporte(&self, f: Formato) -> Reporte {
        let mut g = Seccion::new(
            "Gestión del período",
            &[
                ("Concepto", Tipo::Texto),
                ("Número", Tipo::Entero),
                ("Valor (USD)", Tipo::Dinero),
            ],
        );
        for (clave, nombre, c) in [
            ("recibidos", "Títulos de crédito recibidos", self.recibidos),
            ("sorteados", "Títulos sorteados", self.sorteados),
            ("abiertos", "Procesos coactivos iniciados", self.abiertos),
            ("citados", "Procesos citados", self.citados),
            (
                "con_medidas",
                "Procesos con medidas cautelares ordenadas",
                self.con_medidas,
            ),
            (
                "en_convenio",
                "Convenios de pago suscritos",
                self.en_convenio,
            ),
            ("pagados", "Procesos pagados en su totalidad", self.pagados),
            (
                "insolvencia",
                "Procesos remitidos a insolvencia",
                self.insolvencia,
            ),
            (
                "recuperado",
                "Valores recuperados (pagos recibidos)",
                Cifra {
                    numero: self.recuperado.pagos,
                    valor: self.recuperado.valor,
                },
            ),
        ] {
            g.fila(
                Some(clave),
                vec![
                    Celda::texto(nombre),
                    Celda::entero(c.numero),
                    Celda::dinero(c.valor, f),
                ],
            );
        }
        let mut imp = Seccion::new(
            "Excepciones e impugnaciones por estado",
            &[
                ("Estado", Tipo::Texto),
                ("Clase", Tipo::Texto),
                ("Número", Tipo::Entero),
            ],
        );
        for i in &self.impugnaciones {
            imp.fila(
                Some(&format!("{}:{}", i.estado, i.clase)),
                vec![
                    Celda::texto(super::mayuscula(&i.estado)),
                    Celda::texto(if i.clase == "excepcion" {
                        "Excepción"
                    } else {
                        "Impugnación"
                    }),
                    Celda::entero(i.numero),
                ],
            );
        }
        let imp = imp.total(vec![
            Celda::texto("Total"),
            Celda::vacia(),
            Celda::entero(self.impugnaciones.iter().map(|i| i.numero).sum()),
        ]);
        Reporte {
            nombre: "bimestral".into(),
            titulo: super::titulo("bimestral").unwrap_or_default().into(),
            desde: Some(self.desde),
            hasta: self.hasta,
            resumen: format!(
                "Del {} al {}: {} iniciados, {} citados, {} pagados y USD {} recuperados.",
                fechas::larga(self.desde),
                fechas::larga(self.hasta),
                crate::texto::cuantos(self.abiertos.numero, "proceso", "procesos"),
                crate::texto::miles(self.citados.numero),
                crate::texto::miles(self.pagados.numero),
                self.recuperado.valor.agrupado(f)
            ),
            notas: vec![
                "Un proceso cuenta como citado en el período en que se citó a la primera de sus partes; los valores son el total de los títulos, salvo en las medidas (el monto ordenado), los convenios (el saldo convenido) y lo recuperado (los pagos no anulados).".into(),
            ],
            secciones: vec![g, imp],
        }
    }
}

/// How one Secretario-Abogado did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Desempeno {
    pub identificacion: String,
    pub nombres: String,
    /// Procesos he carries, opened by the period's end.
    pub asignados: i64,
    /// Their títulos' total.
    pub asignado: Centavos,
    /// Of those, cited by the period's end.
    pub citados: i64,
    /// Collected on his procesos in the period.
    pub recuperado: Centavos,
    /// Collected on his procesos up to the period's end.
    pub recuperado_total: Centavos,
    /// Days from receiving the título (the sorteo) to the first citación, summed over the
    /// procesos cited, to average.
    pub dias_a_citacion: i64,
    /// Procesos still in force past the abogado's plazo (180 days by default) from the sorteo.
    pub fuera_de_plazo: i64,
    /// Of those, past the prórroga too (90 more by default).
    pub fuera_de_prorroga: i64,
    /// Términos of the procedure expired and not acted on (the requerimiento's, the orden de
    /// pago's after the citación), on the procesos as they stand today.
    pub terminos_vencidos: i64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "EvaluacionAbogados"))]
#[derive(Debug, Clone, Serialize)]
pub struct Evaluacion {
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    /// The unit's plazo and prórroga, in calendar days.
    pub plazo: i64,
    pub prorroga: i64,
    pub abogados: Vec<Desempeno>,
    pub total: Desempeno,
}

/// The evaluation of each Secretario-Abogado in a period (a Secretario-Abogado sees his own).
pub fn evaluacion(
    db: &dyn Reader,
    actor: &Actor,
    desde: Option<NaiveDate>,
    hasta: Option<NaiveDate>,
) -> Result<Evaluacion> {
    actor.exigir(Accion::Consultar)?;
    let (desde, hasta) = super::periodo(db, desde, hasta)?;
    let propios = (actor.rol == Rol::Abogado).then(|| actor.abogado.clone().unwrap_or_default());
    let plazo = configuracion::numero(db, "plazo_abogado")? as i64;
    let prorroga = configuracion::numero(db, "prorroga_abogado")? as i64;
    let nuevo = |identificacion: String, nombres: String| Desempeno {
        identificacion,
        nombres,
        asignados: 0,
        asignado: Centavos(0),
        citados: 0,
        recuperado: Centavos(0),
        recuperado_total: Centavos(0),
        dias_a_citacion: 0,
        fuera_de_plazo: 0,
        fuera_de_prorroga: 0,
        terminos_vencidos: 0,
    };
    let mut por: Vec<Desempeno> = vec![];
    let mut indice: HashMap<String, usize> = HashMap::new();
    for a in crate::abogados::listar(db)? {
        if propios.as_ref().is_some_and(|p| *p != a.identificacion) {
            continue;
        }
        indice.insert(a.identificacion.clone(), por.len());
        por.push(nuevo(a.identificacion, a.nombres));
    }
    let citas = crate::citaciones::citados_hasta(db, hasta)?;
    let (h, d) = (fechas::iso(hasta), fechas::iso(desde));
    let mut numero_de: HashMap<String, usize> = HashMap::new();
    {
        let mut st = db.conn().prepare(
            "SELECT p.id, p.numero, p.abogado, p.etapa, t.total,
                    (SELECT substr(s.fecha, 1, 10) FROM asignaciones a JOIN sorteos s ON s.numero = a.sorteo
                     WHERE a.titulo = p.titulo ORDER BY a.sorteo DESC LIMIT 1)
             FROM procesos p JOIN titulos t ON t.numero = p.titulo
             WHERE substr(p.abierto_en, 1, 10) <= ?1 AND p.etapa <> 'anulado'",
        )?;
        let mut filas = st.query([&h])?;
        while let Some(r) = filas.next()? {
            let abogado: String = r.get(2)?;
            let Some(&i) = indice.get(&abogado) else {
                continue;
            };
            let (id, numero, etapa): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(3)?);
            numero_de.insert(numero, i);
            let x = &mut por[i];
            x.asignados += 1;
            x.asignado.0 += r.get::<_, i64>(4)?;
            let recibido = r
                .get::<_, Option<String>>(5)?
                .and_then(|s| s.parse::<NaiveDate>().ok());
            if let Some(c) = citas.get(&id) {
                x.citados += 1;
                if let Some(rc) = recibido {
                    x.dias_a_citacion += (*c - rc).num_days().max(0);
                }
            }
            let en_tramite = !matches!(etapa.as_str(), "pagado" | "insolvencia" | "anulado");
            if let (Some(rc), true) = (recibido, en_tramite) {
                let fin = calendario::plazo(rc, plazo as u32);
                if hasta > fin {
                    x.fuera_de_plazo += 1;
                    if hasta > calendario::plazo(fin, prorroga as u32) {
                        x.fuera_de_prorroga += 1;
                    }
                }
            }
        }
    }
    {
        let mut st = db.conn().prepare(
            "SELECT pr.abogado, p.fecha, p.valor FROM pagos p JOIN procesos pr ON pr.titulo = p.titulo
             WHERE p.anula IS NULL AND NOT EXISTS (SELECT 1 FROM pagos a WHERE a.anula = p.id)
               AND p.fecha <= ?1",
        )?;
        let mut filas = st.query([&h])?;
        while let Some(r) = filas.next()? {
            let abogado: String = r.get(0)?;
            let Some(&i) = indice.get(&abogado) else {
                continue;
            };
            let (fecha, valor): (String, i64) = (r.get(1)?, r.get(2)?);
            por[i].recuperado_total.0 += valor;
            if fecha.as_str() >= d.as_str() {
                por[i].recuperado.0 += valor;
            }
        }
    }
    for v in crate::procesos::vencimientos_al(db, hasta, 0)? {
        if v.vencido && v.de_tramite {
            if let Some(&i) = numero_de.get(&v.numero) {
                por[i].terminos_vencidos += 1;
            }
        }
    }
    por.sort_by(|a, b| crate::texto::orden_es(&a.nombres, &b.nombres));
    let mut total = nuevo("total".into(), "Total".into());
    for x in &por {
        total.asignados += x.asignados;
        total.asignado.0 += x.asignado.0;
        total.citados += x.citados;
        total.recuperado.0 += x.recuperado.0;
        total.recuperado_total.0 += x.recuperado_total.0;
        total.dias_a_citacion += x.dias_a_citacion;
        total.fuera_de_plazo += x.fuera_de_plazo;
        total.fuera_de_prorroga += x.fuera_de_prorroga;
        total.terminos_vencidos += x.terminos_vencidos;
    }
    Ok(Evaluacion {
        desde,
        hasta,
        plazo,
        prorroga,
        abogados: por,
        total,
    })
}

impl Evaluacion {
    pub fn reporte(&self, f: Formato) -> Reporte {
        let fila = |x: &Desempeno| {
            vec![
                Celda::texto(&x.nombres),
                Celda::entero(x.asignados),
                Celda::entero(x.citados),
                Celda::dinero(x.recuperado, f),
                Celda::parte(x.recuperado_total.0, x.asignado.0),
                Celda::promedio(x.dias_a_citacion, x.citados),
                Celda::entero(x.fuera_de_plazo),
                Celda::entero(x.fuera_de_prorroga),
                Celda::entero(x.terminos_vencidos),
            ]
        };
        let plazo = format!("Pasados {} días", self.plazo);
        let prorroga = format!("Pasada la prórroga ({} más)", self.prorroga);
        let mut s = Seccion::new(
            "Por Secretario-Abogado",
            &[
                ("Secretario-Abogado", Tipo::Texto),
                ("Procesos", Tipo::Entero),
                ("Citados", Tipo::Entero),
                ("Recuperado en el período (USD)", Tipo::Dinero),
                ("Recuperación acumulada", Tipo::Parte),
                ("Días hasta la citación", Tipo::Decimal),
                (&plazo, Tipo::Entero),
                (&prorroga, Tipo::Entero),
                ("Términos vencidos", Tipo::Entero),
            ],
        );
        for x in &self.abogados {
            s.fila(Some(&x.identificacion), fila(x));
        }
        let s = s.total(fila(&self.total)).grafico(3).lista("abogado");
        Reporte {
            nombre: "evaluacion".into(),
            titulo: super::titulo("evaluacion").unwrap_or_default().into(),
            desde: Some(self.desde),
            hasta: self.hasta,
            resumen: format!(
                "Del {} al {}: {} con {}; recuperados USD {} en el período; {} vencidos sin actuar.",
                fechas::larga(self.desde),
                fechas::larga(self.hasta),
                crate::texto::cuantos(
                    self.abogados.len() as i64,
                    "Secretario-Abogado",
                    "Secretarios-Abogados"
                ),
                crate::texto::cuantos(self.total.asignados, "proceso", "procesos"),
                self.total.recuperado.agrupado(f),
                crate::texto::cuantos(self.total.terminos_vencidos, "término", "términos")
            ),
            notas: vec![format!(
                "Procesos: los que lleva cada uno, iniciados hasta el fin del período. Recuperación acumulada: lo pagado hasta el fin del período sobre el total de sus títulos. Días hasta la citación: promedio de días calendario desde el sorteo del título hasta la primera citación. Plazo del abogado: {} días calendario desde el sorteo, más {} de prórroga, contados en los procesos aún en trámite. Términos vencidos: los del requerimiento y de la orden de pago ya corridos sin que el proceso avance.",
                self.plazo, self.prorroga
            )],
            secciones: vec![s],
        }
    }
}
