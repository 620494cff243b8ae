//! Importing títulos de crédito from the CSV or XLSX that Cartera sends.
//!
//! The file is read whole, every row is checked, and only if **no** row has an error are the
//! títulos written, in one transaction with their change-log entries. Otherwise the report
//! lists every problem (line, column, reason) and nothing is written.
//!
//! CSV arrives as people really have it: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode
//! text") or Windows-1252; separated by `,`, `;` or tab, found from the header line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::mpsc;

use crate::eventos::{Evento, ImportacionCreada};
use calamine::{Data, Reader};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::EstadoTitulo;
use crate::dinero::{self, Centavos};
use crate::fechas;
use crate::identificacion;
use crate::store::{Store, Tx};
use crate::texto;
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

/// One problem, placed where a clerk can find it in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Observacion {
    pub linea: usize,
    pub columna: String,
    pub mensaje: String,
}

/// An import's error report as the clerk saves it: CSV, `;`-separated (Excel in Ecuador opens
/// it as columns), one line per error: `linea;columna;mensaje`.
pub fn errores_csv(errores: &[Observacion]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![]);
    let fallo = |e: csv::Error| Error::Interno(format!("no se pudo escribir el informe: {e}"));
    w.write_record(["linea", "columna", "mensaje"])
        .map_err(fallo)?;
    for o in errores {
        w.write_record([o.linea.to_string(), o.columna.clone(), o.mensaje.clone()])
            .map_err(fallo)?;
    }
    w.into_inner()
        .map_err(|e| Error::Interno(format!("no se pudo escribir el informe: {e}")))
}

mod lectura;
mod validar;

use validar::{Validador, LOTE};

use lectura::leer;
#[cfg(test)]
use lectura::{decodificar, detectar_separador};

/// What an import did (or, with errors or `--simular`, would do).
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Informe {
    pub importados: usize,
    pub errores: Vec<Observacion>,
    pub advertencias: Vec<Observacion>,
    /// Data rows read (blank lines aside).
    pub filas: usize,
    pub simulado: bool,
}

/// The columns of the import file, by their canonical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Numero,
    FechaEmision,
    Identificacion,
    Obligado,
    Concepto,
    Capital,
    Intereses,
    Total,
    Direccion,
    FechaExigibilidad,
    NumeroPatronal,
    Periodo,
    Emisor,
    LugarEmision,
    Firmante,
    CargoFirmante,
    FechaIntereses,
    OrdenCobro,
    FechaOrdenCobro,
}

impl Col {
    const TODAS: [Col; 19] = [
        Col::Numero,
        Col::FechaEmision,
        Col::Identificacion,
        Col::Obligado,
        Col::Concepto,
        Col::Capital,
        Col::Intereses,
        Col::Total,
        Col::Direccion,
        Col::FechaExigibilidad,
        Col::NumeroPatronal,
        Col::Periodo,
        Col::Emisor,
        Col::LugarEmision,
        Col::Firmante,
        Col::CargoFirmante,
        Col::FechaIntereses,
        Col::OrdenCobro,
        Col::FechaOrdenCobro,
    ];

    fn nombre(self) -> &'static str {
        match self {
            Col::Numero => "numero",
            Col::FechaEmision => "fecha_emision",
            Col::Identificacion => "identificacion",
            Col::Obligado => "obligado",
            Col::Concepto => "concepto",
            Col::Capital => "capital",
            Col::Intereses => "intereses",
            Col::Total => "total",
            Col::Direccion => "direccion",
            Col::FechaExigibilidad => "fecha_exigibilidad",
            Col::NumeroPatronal => "numero_patronal",
            Col::Periodo => "periodo",
            Col::Emisor => "emisor",
            Col::LugarEmision => "lugar_emision",
            Col::Firmante => "firmante",
            Col::CargoFirmante => "cargo_firmante",
            Col::FechaIntereses => "fecha_intereses",
            Col::OrdenCobro => "orden_cobro",
            Col::FechaOrdenCobro => "fecha_orden_cobro",
        }
    }

    fn obligatoria(self) -> bool {
        matches!(
            self,
            Col::Numero
                | Col::FechaEmision
                | Col::Identificacion
                | Col::Obligado
                | Col::Concepto
                | Col::Capital
                | Col::Intereses
                | Col::Total
        )
    }

    /// Other headers seen in practice for the same column (already normalised).
    fn alias(self) -> &'static [&'static str] {
        match self {
            Col::Numero => &[
                "numero_titulo",
                "numero_de_titulo",
                "no_titulo",
                "nro_titulo",
                "titulo",
                "n_titulo",
            ],
            Col::FechaEmision => &["fecha_de_emision", "emision"],
            Col::Identificacion => &["cedula_ruc", "ruc_cedula", "ruc", "cedula", "ci_ruc"],
            Col::Obligado => &[
                "coactivado",
                "razon_social",
                "deudor",
                "empleador",
                "nombre",
            ],
            Col::Concepto => &["detalle"],
            Col::Capital => &["valor_capital"],
            Col::Intereses => &["interes", "valor_intereses"],
            Col::Total => &["valor_total", "total_adeudado"],
            Col::Direccion => &["domicilio"],
            Col::FechaExigibilidad => &["fecha_de_exigibilidad", "exigibilidad"],
            Col::NumeroPatronal => &["patronal", "no_patronal", "nro_patronal"],
            Col::Periodo => &["periodos"],
            Col::Emisor => &[
                "dependencia",
                "dependencia_emisora",
                "oficina_emisora",
                "emitido_por_dependencia",
            ],
            Col::LugarEmision => &[
                "lugar",
                "lugar_de_emision",
                "ciudad_emision",
                "ciudad_de_emision",
            ],
            Col::Firmante => &["funcionario_emisor", "emitido_por", "firma"],
            Col::CargoFirmante => &["cargo", "cargo_del_firmante", "cargo_emisor"],
            Col::FechaIntereses => &[
                "intereses_desde",
                "fecha_de_intereses",
                "fecha_inicio_intereses",
                "mora_desde",
            ],
            Col::OrdenCobro => &[
                "numero_orden_cobro",
                "no_orden_cobro",
                "nro_orden_cobro",
                "orden_de_cobro",
            ],
            Col::FechaOrdenCobro => &["fecha_de_orden_cobro", "fecha_de_la_orden_de_cobro"],
        }
    }

    fn desde_encabezado(h: &str) -> Option<Col> {
        let k = texto::clave(h);
        let k = k.trim_matches('_');
        Col::TODAS
            .into_iter()
            .find(|c| c.nombre() == k || c.alias().contains(&k))
    }
}

/// A cell as read from the file: CSV gives text, a spreadsheet may give numbers and dates.
/// Cells borrow from the file's buffer: rows are checked as they are read, never copied whole.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Celda<'a> {
    Vacia,
    Texto(&'a str),
    Numero(f64),
    Fecha(NaiveDate),
}

impl Celda<'_> {
    fn vacia(&self) -> bool {
        match self {
            Celda::Vacia => true,
            Celda::Texto(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A título that passed every check, ready to insert. Its JSON is the change-log entry.
#[derive(Debug, Clone, Serialize)]
struct Nuevo {
    #[serde(skip)]
    linea: usize,
    #[serde(skip)] // the change's key
    numero: String,
    fecha_emision: NaiveDate,
    identificacion: String,
    #[serde(skip)]
    tipo: &'static str,
    obligado: String,
    concepto: String,
    capital: Centavos,
    intereses: Centavos,
    total: Centavos,
    #[serde(skip_serializing_if = "Option::is_none")]
    direccion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fecha_exigibilidad: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    numero_patronal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    periodo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emisor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lugar_emision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    firmante: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cargo_firmante: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fecha_intereses: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    orden_cobro: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fecha_orden_cobro: Option<NaiveDate>,
    /// This título's change-log entry, rendered by the reader thread.
    #[serde(skip)]
    json: String,
}

/// Imports a file from disk. See [`importar_bytes`].
pub fn importar(store: &mut Store, actor: &Actor, ruta: &Path, simular: bool) -> Result<Informe> {
    let bytes = std::fs::read(ruta).map_err(|e| {
        Error::entrada(format!(
            "no se pudo leer el archivo {}: {e}",
            ruta.display()
        ))
    })?;
    let nombre = ruta
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    importar_bytes(store, actor, &nombre, &bytes, simular)
}

/// Imports títulos from the bytes of a CSV or spreadsheet. Returns the report; when any row is
/// wrong returns [`Error::Importacion`] with the full report and writes nothing. With `simular`
/// everything is checked (against the database too) and then rolled back.
pub fn importar_bytes(
    store: &mut Store,
    actor: &Actor,
    nombre: &str,
    bytes: &[u8],
    simular: bool,
) -> Result<Informe> {
    importar_con_progreso(store, actor, nombre, bytes, simular, &|_| {})
}

/// How far the reading has gone, from 0 to 1 (for a progress bar).
pub type Progreso<'a> = &'a (dyn Fn(f32) + Sync);

/// [`importar_bytes`] reporting the share of the file read as it goes.
pub fn importar_con_progreso(
    store: &mut Store,
    actor: &Actor,
    nombre: &str,
    bytes: &[u8],
    simular: bool,
    progreso: Progreso<'_>,
) -> Result<Informe> {
    actor.exigir(Accion::ImportarTitulos)?;
    let hoy = fechas::hoy(store.clock());
    let sha = hex::encode(Sha256::digest(bytes));
    // Two stages on two threads: one reads and checks rows (and renders their change-log
    // JSON), the other writes them. Whatever either finds wrong, the transaction rolls back.
    let escribir = |tx: &mut Tx<'_>| -> Result<Informe> {
        std::thread::scope(|hilos| {
            let (envio, recibo) = mpsc::sync_channel::<Vec<Nuevo>>(8);
            let lector = hilos.spawn(move || -> Result<Informe> {
                let mut v = Validador::new(hoy, Some(envio));
                v.progreso = Some(progreso);
                leer(nombre, bytes, &mut v)?;
                progreso(1.0);
                Ok(v.terminar())
            });
            let mut escritor = Escritor::new(tx, nombre, &sha);
            let mut fallo = None;
            for lote in recibo.iter() {
                if let Err(e) = escritor.lote(&lote) {
                    fallo = Some(e);
                    break; // dropping the receiver stops the reader
                }
            }
            drop(recibo);
            let leido = lector
                .join()
                .map_err(|_| Error::Interno("la lectura del archivo falló".into()))?;
            if let Some(e) = fallo {
                return Err(e);
            }
            let mut informe = leido?;
            informe.errores.append(&mut escritor.repetidos);
            if !informe.errores.is_empty() {
                informe.errores.sort_by_key(|o| o.linea);
                return Err(Error::Importacion(Box::new(informe)));
            }
            informe.importados = escritor.terminar()?;
            Ok(informe)
        })
    };
    let mut informe = if simular {
        store.simulate(&actor.usuario, escribir)?
    } else {
        store.write(&actor.usuario, escribir)?
    };
    informe.simulado = simular;
    log::info!(
        "importación {}: {} títulos, {} advertencias",
        if simular { "simulada" } else { "hecha" },
        informe.importados,
        informe.advertencias.len()
    );
    Ok(informe)
}

fn obs(linea: usize, columna: &str, mensaje: impl Into<String>) -> Observacion {
    Observacion {
        linea,
        columna: columna.to_string(),
        mensaje: mensaje.into(),
    }
}

fn error_en_linea(linea: usize, mensaje: impl Into<String>) -> Error {
    Error::Importacion(Box::new(Informe {
        errores: vec![obs(linea, "", mensaje)],
        ..Default::default()
    }))
}

fn error_de_archivo(mensaje: impl Into<String>) -> Error {
    Error::Importacion(Box::new(Informe {
        errores: vec![obs(1, "", mensaje)],
        ..Default::default()
    }))
}

// ---------------------------------------------------------------------------------------------
// Reading

fn ya_importado(n: &Nuevo) -> Observacion {
    obs(
        n.linea,
        "numero",
        format!("el título {} ya fue importado antes", n.numero),
    )
}

/// Inserts títulos and their change-log entries as batches arrive; títulos already in the
/// database are noted (the caller then rolls everything back).
struct Escritor<'t, 'c> {
    tx: &'t mut Tx<'c>,
    archivo: &'t str,
    sha: &'t str,
    importacion: Option<i64>,
    insertados: usize,
    repetidos: Vec<Observacion>,
}

impl<'t, 'c> Escritor<'t, 'c> {
    fn new(tx: &'t mut Tx<'c>, archivo: &'t str, sha: &'t str) -> Self {
        Escritor {
            tx,
            archivo,
            sha,
            importacion: None,
            insertados: 0,
            repetidos: vec![],
        }
    }

    fn importacion(&mut self) -> Result<i64> {
        if let Some(id) = self.importacion {
            return Ok(id);
        }
        let ahora = self.tx.ahora();
        self.tx.conn().execute(
            "INSERT INTO importaciones (archivo, sha256, filas, usuario, fecha) VALUES (?1, ?2, 0, ?3, ?4)",
            params![self.archivo, self.sha, self.tx.actor(), ahora],
        )?;
        let id = self.tx.conn().last_insert_rowid();
        self.importacion = Some(id);
        Ok(id)
    }

    fn lote(&mut self, nuevos: &[Nuevo]) -> Result<()> {
        let importacion = self.importacion()?;
        for n in nuevos {
            let insertado = self
                .tx
                .conn()
                .prepare_cached(
                    "INSERT INTO titulos (numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto,
                         capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, estado, importacion_id,
                         emisor, lugar_emision, firmante, cargo_firmante, fecha_intereses, orden_cobro, fecha_orden_cobro)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
                     ON CONFLICT (numero) DO NOTHING",
                )?
                .execute(params![
                    n.numero, fechas::iso(n.fecha_emision), n.identificacion, n.tipo, n.obligado, n.concepto,
                    n.capital.0, n.intereses.0, n.total.0, n.direccion, n.fecha_exigibilidad.map(fechas::iso),
                    n.numero_patronal, n.periodo, EstadoTitulo::PorSortear.como_texto(), importacion,
                    n.emisor, n.lugar_emision, n.firmante, n.cargo_firmante, n.fecha_intereses.map(fechas::iso),
                    n.orden_cobro, n.fecha_orden_cobro.map(fechas::iso)
                ])?;
            if insertado == 0 {
                self.repetidos.push(ya_importado(n));
            } else if self.repetidos.is_empty() {
                self.tx
                    .registrar_json("titulo", &n.numero, "crear", &n.json)?; // Evento::TituloCreado
                self.insertados += 1;
            }
        }
        Ok(())
    }

    /// Records the import itself, after its títulos; returns how many entered.
    fn terminar(mut self) -> Result<usize> {
        let id = self.importacion()?;
        self.tx.conn().execute(
            "UPDATE importaciones SET filas = ?2 WHERE id = ?1",
            params![id, self.insertados as i64],
        )?;
        self.tx.registrar(
            &id.to_string(),
            &Evento::ImportacionCreada(ImportacionCreada {
                archivo: self.archivo.to_string(),
                sha256: self.sha.to_string(),
                titulos: self.insertados,
            }),
        )?;
        Ok(self.insertados)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_any_case_with_or_without_accents() {
        assert_eq!(Col::desde_encabezado("NÚMERO"), Some(Col::Numero));
        assert_eq!(
            Col::desde_encabezado("Fecha Emisión"),
            Some(Col::FechaEmision)
        );
        assert_eq!(
            Col::desde_encabezado("Identificación"),
            Some(Col::Identificacion)
        );
        assert_eq!(Col::desde_encabezado("Cédula/RUC"), None);
        assert_eq!(
            Col::desde_encabezado("cedula_ruc"),
            Some(Col::Identificacion)
        );
    }

    #[test]
    fn separator_is_found_from_the_header() {
        assert_eq!(
            detectar_separador("numero;fecha_emision;total\n1;2;3"),
            b';'
        );
        assert_eq!(detectar_separador("numero\tfecha_emision\ttotal"), b'\t');
        assert_eq!(detectar_separador("numero,fecha_emision,total"), b',');
        // A comma inside a name must not win over the real separator.
        assert_eq!(
            detectar_separador("numero;obligado;total\n1;\"Pérez, Juan\";3"),
            b';'
        );
    }

    #[test]
    fn windows_1252_is_decoded() {
        let bytes = b"obligado\nP\xe9rez Ca\xf1ar";
        assert_eq!(decodificar(bytes).unwrap(), "obligado\nPérez Cañar");
        assert_eq!(decodificar("\u{feff}ñ".as_bytes()).unwrap(), "ñ");
    }

    fn linea_del_error(e: Error) -> (usize, String) {
        match e {
            Error::Importacion(i) => (i.errores[0].linea, i.errores[0].mensaje.clone()),
            otro => panic!("{otro}"),
        }
    }

    #[test]
    fn one_stray_byte_in_a_utf8_file_is_refused_naming_its_line() {
        let mut bytes = "obligado\nPérez\nCañar\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Mu\xf1oz\n");
        let (linea, m) = linea_del_error(decodificar(&bytes).unwrap_err());
        assert_eq!(linea, 4);
        assert!(m.contains("UTF-8"), "{m}");
        // With a BOM, too.
        let mut con_bom = b"\xEF\xBB\xBFobligado\n".to_vec();
        con_bom.extend_from_slice(b"Mu\xf1oz\n");
        assert_eq!(linea_del_error(decodificar(&con_bom).unwrap_err()).0, 2);
    }

    #[test]
    fn bytes_that_are_no_windows_1252_character_are_refused() {
        let (linea, _) = linea_del_error(decodificar(b"obligado\nabc\nx\x81y\n").unwrap_err());
        assert_eq!(linea, 3);
        assert!(decodificar(b"a\x01\xe9").is_err());
    }
}
