//! A report as people read it: a title, a sentence that sums it up, notes, and sections that
//! are tables (with their total row and, where a figure is worth seeing, the column to draw as
//! bars). Every report is turned into one of these, and this one shape is what the screen, the
//! command, the PDF and the workbook show — so they cannot disagree.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dinero::{Centavos, Formato};
use crate::pdf::{Alineacion, Columna, Estilo};
use crate::store::Reader;
use crate::{fechas, Result};

/// What a column holds: how it is aligned, and how the workbook writes it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "TipoColumna"))]
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Tipo {
    Texto,
    Entero,
    /// Dollars (the cell's value is in cents).
    Dinero,
    Fecha,
    /// A share, 0 to 1 (shown «12,5 %»).
    Parte,
    /// A figure with one decimal (an average of days).
    Decimal,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ColumnaReporte"))]
#[derive(Debug, Clone, Serialize)]
pub struct Col {
    pub nombre: String,
    pub tipo: Tipo,
}

/// A cell: the text shown, and the value behind it (a number, cents, a date, or none).
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CeldaReporte"))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Celda {
    pub texto: String,
    /// Integers and cents as integers, shares and averages as decimals; none for text.
    pub numero: Option<f64>,
    pub fecha: Option<NaiveDate>,
}

impl Celda {
    pub fn texto(t: impl Into<String>) -> Celda {
        Celda {
            texto: t.into(),
            numero: None,
            fecha: None,
        }
    }
    pub fn entero(n: i64) -> Celda {
        Celda {
            texto: crate::texto::miles(n),
            numero: Some(n as f64),
            fecha: None,
        }
    }
    pub fn dinero(c: Centavos, f: Formato) -> Celda {
        Celda {
            texto: c.agrupado(f),
            numero: Some(c.0 as f64),
            fecha: None,
        }
    }
    pub fn fecha(d: NaiveDate) -> Celda {
        Celda {
            texto: fechas::corta(d),
            numero: None,
            fecha: Some(d),
        }
    }
    /// `parte` of `de`, «33,3 %»; a dash when `de` is zero.
    pub fn parte(parte: i64, de: i64) -> Celda {
        Celda {
            texto: super::porcentaje(parte, de),
            numero: (de != 0).then(|| parte as f64 / de as f64),
            fecha: None,
        }
    }
    /// An average with one decimal, «12,5»; a dash when there is nothing to average.
    pub fn promedio(suma: i64, n: i64) -> Celda {
        if n == 0 {
            return Celda::texto("—");
        }
        let decimas = (suma as i128 * 10 + n as i128 / 2) / n as i128;
        Celda {
            texto: format!("{},{}", decimas / 10, (decimas % 10).abs()),
            numero: Some(decimas as f64 / 10.0),
            fecha: None,
        }
    }
    pub fn vacia() -> Celda {
        Celda::texto("")
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "FilaReporte"))]
#[derive(Debug, Clone, Serialize)]
pub struct Fila {
    /// What the line is, for programs and for opening the list behind it: a stage's code, an
    /// abogado's cédula, a band.
    pub clave: Option<String>,
    pub celdas: Vec<Celda>,
}

/// One table of a report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SeccionReporte"))]
#[derive(Debug, Clone, Serialize)]
pub struct Seccion {
    pub titulo: String,
    pub columnas: Vec<Col>,
    pub filas: Vec<Fila>,
    pub total: Option<Fila>,
    /// The column drawn as bars (one a line), if any.
    pub grafico: Option<usize>,
    /// What the lines' `clave` filters the procesos list by (`etapa`, `abogado`,
    /// `antiguedad`), when a line opens the procesos behind it.
    pub lista: Option<String>,
}

impl Seccion {
    pub fn new(titulo: &str, columnas: &[(&str, Tipo)]) -> Seccion {
        Seccion {
            titulo: titulo.into(),
            columnas: columnas
                .iter()
                .map(|(n, t)| Col {
                    nombre: n.to_string(),
                    tipo: *t,
                })
                .collect(),
            filas: vec![],
            total: None,
            grafico: None,
            lista: None,
        }
    }
    pub fn fila(&mut self, clave: Option<&str>, celdas: Vec<Celda>) {
        self.filas.push(Fila {
            clave: clave.map(str::to_string),
            celdas,
        });
    }
    pub fn total(mut self, celdas: Vec<Celda>) -> Seccion {
        self.total = Some(Fila {
            clave: None,
            celdas,
        });
        self
    }
    pub fn grafico(mut self, columna: usize) -> Seccion {
        self.grafico = Some(columna);
        self
    }
    pub fn lista(mut self, filtro: &str) -> Seccion {
        self.lista = Some(filtro.into());
        self
    }
}

/// A report, ready to be shown or saved.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Reporte"))]
#[derive(Debug, Clone, Serialize)]
pub struct Reporte {
    pub nombre: String,
    pub titulo: String,
    /// For a report of a period, its first day.
    pub desde: Option<NaiveDate>,
    /// The cut, or the period's last day.
    pub hasta: NaiveDate,
    /// The sentence that sums it up.
    pub resumen: String,
    pub notas: Vec<String>,
    pub secciones: Vec<Seccion>,
}

impl Reporte {
    /// «del 1 de enero al 24 de noviembre de 2026» or «al 24 de noviembre de 2026».
    pub fn periodo(&self) -> String {
        match self.desde {
            Some(d) => format!("del {} al {}", fechas::larga(d), fechas::larga(self.hasta)),
            None => format!("al {}", fechas::larga(self.hasta)),
        }
    }
}

/// Column widths for the page, adding up to `ancho`: each figure column as wide as its
/// widest figure or the longest word of its heading (`necesario`, measured), and what is left
/// to the text columns, the first the most.
fn anchos(cols: &[Col], necesario: &[f32], ancho: f32) -> Vec<f32> {
    let peso = |i: usize, c: &Col| match c.tipo {
        Tipo::Texto if i == 0 => 3.0,
        Tipo::Texto => 2.0,
        _ => 0.0,
    };
    let minimo: f32 = necesario.iter().sum();
    let pesos: f32 = cols.iter().enumerate().map(|(i, c)| peso(i, c)).sum();
    if minimo >= ancho || pesos == 0.0 {
        // Too tight (or nothing to widen): every column in proportion to what it needs.
        let escala = ancho / minimo.max(0.1);
        return necesario.iter().map(|n| n * escala).collect();
    }
    let resto = ancho - minimo;
    cols.iter()
        .enumerate()
        .map(|(i, c)| necesario[i] + resto * peso(i, c) / pesos)
        .collect()
}

/// The report as a PDF with the unit's heading: the summary, the notes, a table a section.
pub fn pdf(db: &dyn Reader, r: &Reporte) -> Result<Vec<u8>> {
    let (mut d, _) = super::documento(db, &r.titulo, &format!("{} {}", r.titulo, r.periodo()))?;
    d.parrafo(&r.resumen, Estilo::Normal, 11.0, Alineacion::Justificada);
    for n in &r.notas {
        d.parrafo(n, Estilo::Normal, 9.0, Alineacion::Justificada);
    }
    for s in &r.secciones {
        d.espacio(4.0);
        d.parrafo(&s.titulo, Estilo::Negrita, 12.0, Alineacion::Izquierda);
        let tam = match s.columnas.len() {
            0..=5 => 10.0,
            6..=7 => 9.0,
            _ => 8.0,
        };
        // What each column needs: its heading's longest word; a figure column, its widest cell.
        let necesario: Vec<f32> = s
            .columnas
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let titulo = c
                    .nombre
                    .split_whitespace()
                    .map(|w| d.medir(w, Estilo::Negrita, tam))
                    .fold(0.0, f32::max);
                let celdas = s
                    .filas
                    .iter()
                    .chain(&s.total)
                    .filter_map(|f| f.celdas.get(i))
                    .map(|x| {
                        if c.tipo == Tipo::Texto {
                            x.texto
                                .split_whitespace()
                                .map(|w| d.medir(w, Estilo::Normal, tam))
                                .fold(0.0, f32::max)
                        } else {
                            d.medir(&x.texto, Estilo::Normal, tam)
                        }
                    })
                    .fold(0.0, f32::max);
                titulo.max(celdas) + 3.0
            })
            .collect();
        let columnas: Vec<Columna> = s
            .columnas
            .iter()
            .zip(anchos(&s.columnas, &necesario, d.ancho_util()))
            .map(|(c, a)| {
                let al = if c.tipo == Tipo::Texto {
                    Alineacion::Izquierda
                } else {
                    Alineacion::Derecha
                };
                Columna::new(&c.nombre, a, al)
            })
            .collect();
        let mut filas: Vec<Vec<String>> = s
            .filas
            .iter()
            .chain(&s.total)
            .map(|f| f.celdas.iter().map(|c| c.texto.clone()).collect())
            .collect();
        if filas.is_empty() {
            filas.push(
                std::iter::once("Ninguno".to_string())
                    .chain((1..columnas.len()).map(|_| String::new()))
                    .collect(),
            );
        }
        d.tabla(&columnas, &filas, tam);
    }
    Ok(d.terminar())
}

/// A sheet's name: at most 31 characters, none of `[]:*?/\`, not repeated in the workbook.
fn nombre_hoja(titulo: &str, usados: &mut Vec<String>) -> String {
    let limpio: String = titulo
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let mut n: String = limpio.chars().take(31).collect();
    let mut k = 2;
    while usados.iter().any(|u| u.eq_ignore_ascii_case(&n)) {
        let sufijo = format!(" {k}");
        n = limpio.chars().take(31 - sufijo.len()).collect::<String>() + &sufijo;
        k += 1;
    }
    usados.push(n.clone());
    n
}

/// The report as an XLSX workbook: a sheet a section, the period as dates, numbers as
/// numbers (dollars with two decimals, shares as percentages), a bold total row. A line with a
/// `clave` has it in a second column, for programs that match lines.
pub fn xlsx(r: &Reporte) -> Result<Vec<u8>> {
    use super::{dia_xlsx, mal};
    use rust_xlsxwriter::{Format, Workbook};
    let mut libro = Workbook::new();
    let negrita = Format::new().set_bold();
    let formato = |t: Tipo, bold: bool| {
        let f = match t {
            Tipo::Dinero => Format::new().set_num_format("#,##0.00"),
            Tipo::Parte => Format::new().set_num_format("0.0%"),
            Tipo::Decimal => Format::new().set_num_format("0.0"),
            Tipo::Fecha => Format::new().set_num_format("dd/mm/yyyy"),
            _ => Format::new(),
        };
        if bold {
            f.set_bold()
        } else {
            f
        }
    };
    let fecha = formato(Tipo::Fecha, false);
    let mut usados = vec![];
    for s in &r.secciones {
        let hoja = libro.add_worksheet();
        hoja.set_name(nombre_hoja(&s.titulo, &mut usados))
            .map_err(mal)?;
        hoja.write_string_with_format(0, 0, &r.titulo, &negrita)
            .map_err(mal)?;
        let mut fila = 1;
        if let Some(d) = r.desde {
            hoja.write_string(fila, 0, "Desde").map_err(mal)?;
            hoja.write_datetime_with_format(fila, 1, &dia_xlsx(d)?, &fecha)
                .map_err(mal)?;
            fila += 1;
        }
        hoja.write_string(fila, 0, if r.desde.is_some() { "Hasta" } else { "Al" })
            .map_err(mal)?;
        hoja.write_datetime_with_format(fila, 1, &dia_xlsx(r.hasta)?, &fecha)
            .map_err(mal)?;
        fila += 2;
        let con_clave = s.filas.iter().any(|f| f.clave.is_some());
        // Where column `c` of the report goes on the sheet.
        let col = |c: usize| -> u16 { (c + usize::from(con_clave && c > 0)) as u16 };
        for (c, x) in s.columnas.iter().enumerate() {
            hoja.write_string_with_format(fila, col(c), &x.nombre, &negrita)
                .map_err(mal)?;
        }
        if con_clave {
            hoja.write_string_with_format(fila, 1, "Clave", &negrita)
                .map_err(mal)?;
        }
        for (f, es_total) in s
            .filas
            .iter()
            .map(|f| (f, false))
            .chain(s.total.iter().map(|f| (f, true)))
        {
            fila += 1;
            if let (Some(k), true) = (&f.clave, con_clave) {
                hoja.write_string(fila, 1, k).map_err(mal)?;
            }
            for (c, (celda, x)) in f.celdas.iter().zip(&s.columnas).enumerate() {
                let fmt = formato(x.tipo, es_total);
                match (x.tipo, celda.numero, celda.fecha) {
                    (Tipo::Fecha, _, Some(d)) => {
                        hoja.write_datetime_with_format(fila, col(c), &dia_xlsx(d)?, &fmt)
                            .map_err(mal)?;
                    }
                    (Tipo::Dinero, Some(n), _) => {
                        hoja.write_number_with_format(fila, col(c), n / 100.0, &fmt)
                            .map_err(mal)?;
                    }
                    (_, Some(n), _) => {
                        hoja.write_number_with_format(fila, col(c), n, &fmt)
                            .map_err(mal)?;
                    }
                    _ if celda.texto.is_empty() || celda.texto == "—" => {}
                    _ => {
                        hoja.write_string_with_format(fila, col(c), &celda.texto, &fmt)
                            .map_err(mal)?;
                    }
                }
            }
        }
        hoja.autofit();
    }
    if r.secciones.is_empty() {
        let hoja = libro.add_worksheet();
        hoja.write_string_with_format(0, 0, &r.titulo, &negrita)
            .map_err(mal)?;
        hoja.write_string(1, 0, &r.resumen).map_err(mal)?;
    }
    libro.save_to_buffer().map_err(mal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_never_repeated() {
        let mut u = vec![];
        assert_eq!(nombre_hoja("Por mes", &mut u), "Por mes");
        assert_eq!(nombre_hoja("Por mes", &mut u), "Por mes 2");
        let largo = nombre_hoja("Impugnaciones: por estado y clase del escrito", &mut u);
        assert!(
            largo.chars().count() <= 31 && !largo.contains(':'),
            "{largo}"
        );
    }

    #[test]
    fn an_average_has_one_decimal_and_nothing_to_average_is_a_dash() {
        assert_eq!(Celda::promedio(25, 2).texto, "12,5");
        assert_eq!(Celda::promedio(10, 3).texto, "3,3");
        assert_eq!(Celda::promedio(0, 0).texto, "—");
        assert_eq!(Celda::parte(1, 4).numero, Some(0.25));
    }

    #[test]
    fn widths_fill_the_line_and_text_is_wider_than_figures() {
        let cols = [
            Col {
                nombre: "Etapa".into(),
                tipo: Tipo::Texto,
            },
            Col {
                nombre: "Procesos".into(),
                tipo: Tipo::Entero,
            },
        ];
        let a = anchos(&cols, &[20.0, 15.0], 160.0);
        assert!((a.iter().sum::<f32>() - 160.0).abs() < 0.01);
        assert_eq!(a[1], 15.0, "a figure column is as wide as it needs");
        // Too tight: each shrinks in proportion.
        let a = anchos(&cols, &[120.0, 80.0], 160.0);
        assert_eq!(a, vec![96.0, 64.0]);
    }
}
