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

/// What an import did (or, with errors or `--simular`, would do).
#[derive(Debug, Clone, Default, Serialize)]
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
}

impl Col {
    const TODAS: [Col; 12] = [
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
        }
    }

    fn obligatoria(self) -> bool {
        !matches!(
            self,
            Col::Direccion | Col::FechaExigibilidad | Col::NumeroPatronal | Col::Periodo
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

fn error_de_archivo(mensaje: impl Into<String>) -> Error {
    Error::Importacion(Box::new(Informe {
        errores: vec![obs(1, "", mensaje)],
        ..Default::default()
    }))
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads the file and feeds its header and each row to the validator.
fn leer(nombre: &str, bytes: &[u8], v: &mut Validador<'_>) -> Result<()> {
    let ext = Path::new(nombre)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let es_zip = bytes.starts_with(b"PK\x03\x04");
    let es_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if es_zip || es_ole || matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        leer_hoja_de_calculo(bytes, v)
    } else {
        leer_csv(bytes, v)
    }
}

fn leer_hoja_de_calculo(bytes: &[u8], v: &mut Validador<'_>) -> Result<()> {
    let mut libro = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        error_de_archivo(format!(
            "el archivo no es una hoja de cálculo legible (xlsx, xls u ods): {e}"
        ))
    })?;
    let rango = libro
        .worksheet_range_at(0)
        .ok_or_else(|| error_de_archivo("el libro no tiene hojas"))?
        .map_err(|e| error_de_archivo(format!("no se pudo leer la primera hoja: {e}")))?;
    let inicio = rango.start().map(|(f, _)| f as usize).unwrap_or(0);
    let mut filas = rango.rows().enumerate();
    let Some((_, primera)) = filas.next() else {
        return Err(error_de_archivo("la primera hoja está vacía"));
    };
    let encabezado: Vec<String> = primera.iter().map(|c| c.to_string()).collect();
    v.encabezado(encabezado.iter().map(String::as_str));
    for (i, fila) in filas {
        // Values calamine does not hold as text are rendered once, then borrowed.
        let mut textos: Vec<String> = Vec::new();
        for c in fila {
            if matches!(
                c,
                Data::Bool(_) | Data::DateTimeIso(_) | Data::DurationIso(_) | Data::Error(_)
            ) || matches!(c, Data::DateTime(d) if d.as_datetime().is_none())
            {
                textos.push(match c {
                    Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
                    other => other.to_string(),
                });
            }
        }
        let mut extra = textos.iter();
        let celdas: Vec<Celda<'_>> = Vec::from_iter(fila.iter().map(|c| match c {
            Data::Empty => Celda::Vacia,
            Data::String(s) => Celda::Texto(s),
            Data::Float(f) => Celda::Numero(*f),
            Data::Int(n) => Celda::Numero(*n as f64),
            Data::DateTime(d) if d.as_datetime().is_some() => {
                Celda::Fecha(d.as_datetime().unwrap().date())
            }
            _ => Celda::Texto(extra.next().map(String::as_str).unwrap_or("")),
        }));
        v.fila(inicio + i + 1, &celdas);
        if i % LOTE == 0 {
            v.avance(i as f32 / rango.height().max(1) as f32);
        }
    }
    Ok(())
}

/// Decodes CSV bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.
fn decodificar(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(resto) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(resto);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (texto, _, _) = encoding_rs::UTF_16LE.decode(bytes); // honours the BOM
        return Cow::Owned(texto.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(_) => {
            let (texto, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Cow::Owned(texto.into_owned())
        }
    }
}

fn leer_csv(bytes: &[u8], v: &mut Validador<'_>) -> Result<()> {
    let texto = decodificar(bytes);
    if texto.trim().is_empty() {
        return Err(error_de_archivo("el archivo está vacío"));
    }
    if texto.contains('\0') {
        return Err(error_de_archivo(
            "el archivo no es un CSV de texto ni una hoja de cálculo",
        ));
    }
    let separador = detectar_separador(&texto);
    let mut lector = csv::ReaderBuilder::new()
        .delimiter(separador)
        .has_headers(false)
        .flexible(true)
        .from_reader(texto.as_bytes());
    let mut registro = csv::StringRecord::new();
    let mut primera = true;
    loop {
        match lector.read_record(&mut registro) {
            Ok(false) => break,
            Ok(true) if primera => {
                primera = false;
                v.encabezado(registro.iter());
            }
            Ok(true) => {
                let linea = registro.position().map(|p| p.line() as usize).unwrap_or(0);
                let celdas: Vec<Celda<'_>> = registro
                    .iter()
                    .map(|c| {
                        if c.trim().is_empty() {
                            Celda::Vacia
                        } else {
                            Celda::Texto(c)
                        }
                    })
                    .collect();
                v.fila(linea, &celdas);
                if linea % LOTE == 0 {
                    v.avance(
                        registro.position().map(|p| p.byte() as f32).unwrap_or(0.0)
                            / texto.len().max(1) as f32,
                    );
                }
            }
            Err(e) => {
                let linea = e.position().map(|p| p.line() as usize).unwrap_or(0);
                return Err(error_de_archivo(format!(
                    "el CSV está mal formado cerca de la línea {linea}: {e}"
                )));
            }
        }
    }
    Ok(())
}

/// The separator that makes the most known columns out of the header line.
fn detectar_separador(texto: &str) -> u8 {
    let primera = texto.lines().next().unwrap_or("");
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|&sep| {
            let conocidas = primera
                .split(sep as char)
                .filter(|h| Col::desde_encabezado(h.trim_matches('"')).is_some())
                .count();
            (conocidas, primera.matches(sep as char).count())
        })
        .unwrap_or(b',')
}

// ---------------------------------------------------------------------------------------------
// Checking

/// Checks the header, then each row as it is read, collecting every problem.
struct Validador<'p> {
    hoy: NaiveDate,
    /// Position of each known column in the file, indexed by `Col as usize`.
    posiciones: [Option<usize>; Col::TODAS.len()],
    columnas_ok: bool,
    vistos: HashMap<String, usize>,
    lote: Vec<Nuevo>,
    envio: Option<mpsc::SyncSender<Vec<Nuevo>>>,
    informe: Informe,
    progreso: Option<Progreso<'p>>,
}

/// Rows handed from the reader to the writer at a time.
const LOTE: usize = 2048;

impl<'p> Validador<'p> {
    fn new(hoy: NaiveDate, envio: Option<mpsc::SyncSender<Vec<Nuevo>>>) -> Self {
        Validador {
            hoy,
            posiciones: [None; Col::TODAS.len()],
            columnas_ok: false,
            vistos: HashMap::new(),
            lote: Vec::with_capacity(LOTE),
            envio,
            informe: Informe::default(),
            progreso: None,
        }
    }

    fn avance(&self, parte: f32) {
        if let Some(p) = self.progreso {
            p(parte.clamp(0.0, 1.0));
        }
    }

    fn enviar(&mut self) {
        let lote = std::mem::replace(&mut self.lote, Vec::with_capacity(LOTE));
        if let Some(envio) = &self.envio {
            if envio.send(lote).is_err() {
                self.envio = None; // the writer stopped; keep checking for the report
            }
        }
    }

    fn encabezado<'h>(&mut self, encabezado: impl Iterator<Item = &'h str>) {
        for (i, h) in encabezado.enumerate() {
            if h.trim().is_empty() {
                continue;
            }
            match Col::desde_encabezado(h) {
                Some(c) => {
                    if self.posiciones[c as usize].replace(i).is_some() {
                        self.informe.errores.push(obs(
                            1,
                            c.nombre(),
                            format!(
                                "la columna «{}» aparece dos veces en el encabezado",
                                c.nombre()
                            ),
                        ));
                    }
                }
                None => self.informe.advertencias.push(obs(
                    1,
                    h.trim(),
                    format!("se ignora la columna «{}», que no se conoce", h.trim()),
                )),
            }
        }
        for c in Col::TODAS {
            if c.obligatoria() && self.posiciones[c as usize].is_none() {
                self.informe.errores.push(obs(
                    1,
                    c.nombre(),
                    format!("falta la columna «{}» en el encabezado", c.nombre()),
                ));
            }
        }
        self.columnas_ok = self.informe.errores.is_empty();
    }

    fn fila(&mut self, linea: usize, celdas: &[Celda<'_>]) {
        if !self.columnas_ok || celdas.iter().all(Celda::vacia) {
            return;
        }
        self.informe.filas += 1;
        let posiciones = self.posiciones;
        let celda = |c: Col| {
            posiciones[c as usize]
                .and_then(|i| celdas.get(i).copied())
                .unwrap_or(Celda::Vacia)
        };
        let hoy = self.hoy;
        let mut fila = Fila {
            linea,
            informe: &mut self.informe,
            ok: true,
        };
        let numero = fila.texto(Col::Numero, celda(Col::Numero), true);
        let fecha_emision = fila.fecha(Col::FechaEmision, celda(Col::FechaEmision), hoy, true);
        let ident = fila.identificacion(celda(Col::Identificacion));
        let obligado = fila.texto(Col::Obligado, celda(Col::Obligado), true);
        let concepto = fila.texto(Col::Concepto, celda(Col::Concepto), true);
        let capital = fila.importe(Col::Capital, celda(Col::Capital), true);
        let intereses = fila.importe(Col::Intereses, celda(Col::Intereses), false);
        let total = fila.importe(Col::Total, celda(Col::Total), true);
        let direccion = fila.texto(Col::Direccion, celda(Col::Direccion), false);
        let fecha_exigibilidad = fila.fecha(
            Col::FechaExigibilidad,
            celda(Col::FechaExigibilidad),
            hoy,
            false,
        );
        let numero_patronal = fila.texto(Col::NumeroPatronal, celda(Col::NumeroPatronal), false);
        let periodo = fila.texto(Col::Periodo, celda(Col::Periodo), false);
        if let (Some(c), Some(i), Some(t)) = (capital, intereses, total) {
            if c.0 + i.0 != t.0 {
                fila.error(
                    Col::Total,
                    format!(
                        "capital ({}) más intereses ({}) suman {}, no {}",
                        c.decimal(),
                        i.decimal(),
                        Centavos(c.0 + i.0).decimal(),
                        t.decimal()
                    ),
                );
            }
        }
        if let Some(n) = &numero {
            if let Some(previa) = self.vistos.get(n.as_str()) {
                fila.error(
                    Col::Numero,
                    format!("el título {n} ya aparece en la línea {previa} de este archivo"),
                );
            } else {
                self.vistos.insert(n.clone(), linea);
            }
        }
        if !fila.ok {
            return;
        }
        let (
            Some(numero),
            Some(fecha_emision),
            Some((identificacion, tipo)),
            Some(obligado),
            Some(concepto),
            Some(capital),
            Some(intereses),
            Some(total),
        ) = (
            numero,
            fecha_emision,
            ident,
            obligado,
            concepto,
            capital,
            intereses,
            total,
        )
        else {
            return;
        };
        let mut nuevo = Nuevo {
            linea,
            numero,
            fecha_emision,
            identificacion,
            tipo,
            obligado,
            concepto,
            capital,
            intereses,
            total,
            direccion,
            fecha_exigibilidad,
            numero_patronal,
            periodo,
            json: String::new(),
        };
        nuevo.json = serde_json::to_string(&nuevo).expect("un título se serializa");
        self.lote.push(nuevo);
        if self.lote.len() >= LOTE {
            self.enviar();
        }
    }

    fn terminar(mut self) -> Informe {
        if self.informe.filas == 0 && self.informe.errores.is_empty() {
            self.informe.errores.push(obs(
                1,
                "",
                "el archivo no tiene filas de títulos, solo el encabezado",
            ));
        }
        self.enviar();
        self.informe
    }
}

/// Checks of one row, collecting every problem into the report.
struct Fila<'a> {
    linea: usize,
    informe: &'a mut Informe,
    ok: bool,
}

impl Fila<'_> {
    fn error(&mut self, col: Col, mensaje: impl Into<String>) {
        self.ok = false;
        self.informe
            .errores
            .push(obs(self.linea, col.nombre(), mensaje));
    }

    fn advertir(&mut self, col: Col, mensaje: impl Into<String>) {
        self.informe
            .advertencias
            .push(obs(self.linea, col.nombre(), mensaje));
    }

    fn falta(&mut self, col: Col) {
        self.error(col, format!("falta el valor de «{}»", col.nombre()));
    }

    fn texto(&mut self, col: Col, c: Celda<'_>, requerido: bool) -> Option<String> {
        let t = match c {
            Celda::Vacia => None,
            Celda::Texto(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            Celda::Numero(n) if n.fract() == 0.0 => Some(format!("{n:.0}")),
            Celda::Numero(n) => Some(n.to_string()),
            Celda::Fecha(d) => Some(d.to_string()),
        };
        if t.is_none() && requerido {
            self.falta(col);
        }
        if let Some(v) = &t {
            if v.chars().count() > 500 {
                self.error(
                    col,
                    format!(
                        "«{}» es demasiado largo (más de 500 caracteres)",
                        col.nombre()
                    ),
                );
                return None;
            }
        }
        t
    }

    fn fecha(
        &mut self,
        col: Col,
        c: Celda<'_>,
        hoy: NaiveDate,
        requerido: bool,
    ) -> Option<NaiveDate> {
        let f = match c {
            Celda::Vacia => {
                if requerido {
                    self.falta(col);
                }
                return None;
            }
            Celda::Fecha(d) => d,
            Celda::Texto(t) => match fechas::parse_fecha(t) {
                Ok(d) => d,
                Err(e) => {
                    self.error(col, e.to_string());
                    return None;
                }
            },
            Celda::Numero(n) => {
                self.error(col, format!("«{n}» no es una fecha: use dd/mm/aaaa"));
                return None;
            }
        };
        if f > hoy {
            self.error(
                col,
                format!("la fecha {} está en el futuro", fechas::corta(f)),
            );
            return None;
        }
        if f < NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() {
            self.error(
                col,
                format!(
                    "la fecha {} es anterior a 1950: revise el año",
                    fechas::corta(f)
                ),
            );
            return None;
        }
        Some(f)
    }

    fn importe(&mut self, col: Col, c: Celda<'_>, positivo: bool) -> Option<Centavos> {
        let v = match c {
            Celda::Vacia => {
                self.falta(col);
                return None;
            }
            Celda::Texto(t) => dinero::parse_importe(t),
            Celda::Numero(n) => dinero::desde_hoja(n),
            Celda::Fecha(d) => Err(format!("«{}» es una fecha, no un valor", fechas::corta(d))),
        };
        match v {
            Err(e) => {
                self.error(col, e);
                None
            }
            Ok(v) if v.0 < 0 || (positivo && v.0 == 0) => {
                let regla = if positivo {
                    "mayor que cero"
                } else {
                    "cero o positivo"
                };
                self.error(
                    col,
                    format!("«{}» debe ser {regla}, no {}", col.nombre(), v.decimal()),
                );
                None
            }
            Ok(v) => Some(v),
        }
    }

    fn identificacion(&mut self, c: Celda<'_>) -> Option<(String, &'static str)> {
        let col = Col::Identificacion;
        let mut t = self.texto(col, c, true)?;
        // Excel drops the leading zero of provinces 01–09 when the column is numeric.
        if matches!(c, Celda::Numero(_)) && matches!(t.len(), 9 | 12) {
            t = format!("0{t}");
            self.advertir(
                col,
                format!("se completó el cero inicial que la hoja de cálculo quitó: {t}"),
            );
        }
        match identificacion::validar(&t) {
            Ok(v) => {
                for a in v.advertencias {
                    self.advertir(col, a);
                }
                Some((t, v.tipo.como_texto()))
            }
            Err(e) => {
                self.error(col, e);
                None
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

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
                         capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, estado, importacion_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                     ON CONFLICT (numero) DO NOTHING",
                )?
                .execute(params![
                    n.numero, fechas::iso(n.fecha_emision), n.identificacion, n.tipo, n.obligado, n.concepto,
                    n.capital.0, n.intereses.0, n.total.0, n.direccion, n.fecha_exigibilidad.map(fechas::iso),
                    n.numero_patronal, n.periodo, EstadoTitulo::PorSortear.como_texto(), importacion
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
        assert_eq!(decodificar(bytes), "obligado\nPérez Cañar");
        assert_eq!(decodificar("\u{feff}ñ".as_bytes()), "ñ");
    }
}
