//! The **mora by state** (C.D. 497, Séptima disposición). The Dirección Nacional reports the
//! mora in its three states — planilla, glosa, título de crédito — and the coactiva unit holds
//! the third: every título it received, liquidated at the cut (capital, interest, costas,
//! honorarios, paid, owed), by where it stands in the unit and by its concept.

use chrono::NaiveDate;
use serde::Serialize;

use super::tabla::{Celda, Reporte, Seccion, Tipo};
use crate::dinero::{Centavos, Formato};
use crate::store::Reader;
use crate::usuarios::{Accion, Actor, Rol};
use crate::{fechas, Result};

/// The states of the mora in título de crédito, as the unit holds it: (code, name).
pub const ESTADOS: [(&str, &str); 6] = [
    ("sin_proceso", "Título sin proceso (por sortear o sorteado)"),
    ("en_tramite", "En trámite coactivo"),
    ("convenio", "En convenio de pago"),
    ("suspendido", "Suspendido"),
    ("insolvencia", "Remitido a insolvencia"),
    ("pagado", "Pagado"),
];

/// The mora of a group of títulos, liquidated at the cut.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SaldoMora"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Saldo {
    pub clave: String,
    pub nombre: String,
    pub titulos: i64,
    pub capital: Centavos,
    pub intereses: Centavos,
    pub costas: Centavos,
    pub honorarios: Centavos,
    pub pagado: Centavos,
    pub saldo: Centavos,
}

impl Saldo {
    fn nuevo(clave: &str, nombre: &str) -> Saldo {
        Saldo {
            clave: clave.into(),
            nombre: nombre.into(),
            titulos: 0,
            capital: Centavos(0),
            intereses: Centavos(0),
            costas: Centavos(0),
            honorarios: Centavos(0),
            pagado: Centavos(0),
            saldo: Centavos(0),
        }
    }
    fn sumar(&mut self, l: &crate::liquidacion::Liquidacion) {
        self.titulos += 1;
        self.capital.0 += l.capital.0;
        self.intereses.0 += l.intereses.0;
        self.costas.0 += l.costas.0;
        self.honorarios.0 += l.honorarios.0;
        self.pagado.0 += l.pagado.0;
        self.saldo.0 += l.saldo.0;
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MoraPorEstado"))]
#[derive(Debug, Clone, Serialize)]
pub struct Mora {
    pub al: NaiveDate,
    pub total: Saldo,
    pub por_estado: Vec<Saldo>,
    pub por_concepto: Vec<Saldo>,
    /// Títulos left out because a day of their mora has no rate (never counted as zero).
    pub sin_tasa: i64,
}

/// The state a título's mora is in, from its proceso's stage (none: no proceso yet).
fn estado(etapa: Option<&str>) -> Option<&'static str> {
    Some(match etapa {
        None => "sin_proceso",
        Some("anulado") => return None,
        Some("convenio_pago") => "convenio",
        Some("suspendido") => "suspendido",
        Some("insolvencia") => "insolvencia",
        Some("pagado") => "pagado",
        Some(_) => "en_tramite",
    })
}

/// The mora in título de crédito at `al` (today when absent). Annulled títulos and procesos
/// are not mora; a Secretario-Abogado sees his procesos only.
pub fn mora(db: &dyn Reader, actor: &Actor, al: Option<NaiveDate>) -> Result<Mora> {
    actor.exigir(Accion::Consultar)?;
    let al = super::fecha_de_corte(db, al)?;
    let propios = (actor.rol == Rol::Abogado).then(|| actor.abogado.clone().unwrap_or_default());
    let mut por_estado: Vec<Saldo> = ESTADOS.iter().map(|(c, n)| Saldo::nuevo(c, n)).collect();
    let mut por_concepto: Vec<Saldo> = vec![];
    let mut total = Saldo::nuevo("total", "Total");
    let mut sin_tasa = 0;
    crate::liquidacion::recorrer(db, al, propios.is_none(), |t, l| {
        if t.estado_titulo == "anulado" {
            return;
        }
        if let Some(p) = &propios {
            if t.abogado != Some(p.as_str()) {
                return;
            }
        }
        let Some(e) = estado(t.etapa) else { return };
        let Some(l) = l else {
            sin_tasa += 1;
            return;
        };
        if let Some(s) = por_estado.iter_mut().find(|s| s.clave == e) {
            s.sumar(l);
        }
        let concepto = t.concepto.trim();
        let clave = crate::texto::plegar(concepto);
        match por_concepto.iter_mut().find(|s| s.clave == clave) {
            Some(s) => s.sumar(l),
            None => {
                let mut s = Saldo::nuevo(&clave, concepto);
                s.sumar(l);
                por_concepto.push(s);
            }
        }
        total.sumar(l);
    })?;
    por_concepto.sort_by(|a, b| crate::texto::orden_es(&a.nombre, &b.nombre));
    Ok(Mora {
        al,
        total,
        por_estado,
        por_concepto,
        sin_tasa,
    })
}

impl Mora {
    pub fn reporte(&self, f: Formato) -> Reporte {
        let columnas = |primera: &'static str| {
            [
                (primera, Tipo::Texto),
                ("Títulos", Tipo::Entero),
                ("Capital (USD)", Tipo::Dinero),
                ("Intereses (USD)", Tipo::Dinero),
                ("Costas y honorarios (USD)", Tipo::Dinero),
                ("Pagado (USD)", Tipo::Dinero),
                ("Saldo (USD)", Tipo::Dinero),
            ]
        };
        let fila = |s: &Saldo| {
            vec![
                Celda::texto(&s.nombre),
                Celda::entero(s.titulos),
                Celda::dinero(s.capital, f),
                Celda::dinero(s.intereses, f),
                Celda::dinero(Centavos(s.costas.0 + s.honorarios.0), f),
                Celda::dinero(s.pagado, f),
                Celda::dinero(s.saldo, f),
            ]
        };
        let seccion = |titulo: &str, primera, v: &[Saldo]| {
            let mut s = Seccion::new(titulo, &columnas(primera));
            for x in v {
                s.fila(Some(&x.clave), fila(x));
            }
            s.total(fila(&self.total)).grafico(6)
        };
        let mut notas = vec![
            "La mora en estado de planilla y de glosa la registra la Dirección Nacional de Recaudación y Gestión de Cartera; la unidad de coactiva tiene la mora en estado de título de crédito, que este reporte detalla: cada título recibido, liquidado a la fecha de corte con los intereses de mora a las tasas vigentes, las costas aprobadas y los honorarios.".to_string(),
        ];
        if self.sin_tasa > 0 {
            notas.push(format!(
                "{} no se suman porque algún día de su mora no tiene tasa de interés registrada.",
                crate::texto::cuantos(self.sin_tasa, "título", "títulos")
            ));
        }
        Reporte {
            nombre: "mora".into(),
            titulo: super::titulo("mora").unwrap_or_default().into(),
            desde: None,
            hasta: self.al,
            resumen: format!(
                "Al {}: {} en mora por USD {} (capital USD {}, intereses USD {}); pagado USD {}.",
                fechas::larga(self.al),
                crate::texto::cuantos(self.total.titulos, "título", "títulos"),
                self.total.saldo.agrupado(f),
                self.total.capital.agrupado(f),
                self.total.intereses.agrupado(f),
                self.total.pagado.agrupado(f)
            ),
            notas,
            secciones: vec![
                seccion("Por estado", "Estado", &self.por_estado),
                seccion("Por concepto", "Concepto", &self.por_concepto),
            ],
        }
    }
}
