//! Reading the file: spreadsheets (XLSX, XLS, ODS) and CSV in whatever encoding and separator
//! Cartera's export used, row by row into the validator.

use std::io::Read;

use super::*;

/// Reads the file and feeds its header and each row to the validator.
pub(super) fn leer(nombre: &str, bytes: &[u8], v: &mut Validador<'_>) -> Result<()> {
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

/// What a spreadsheet may hold before it is even opened: an office's cartera is a few
/// thousand to a few hundred thousand rows of a dozen columns.
const MAXIMO_DESCOMPRIMIDO: u64 = 256 * 1024 * 1024;
const MAXIMO_COLUMNAS: u64 = 200;
const MAXIMO_CELDAS: u64 = 40_000_000;
const MAXIMA_PROPORCION: u64 = 250;

/// Checks an XLSX (a zip) before calamine reads it: declared sizes and compression ratios
/// (a zip bomb), and the cell references of every sheet (one cell at XFD1048576 would make
/// calamine allocate the whole grid). Refuses with a Spanish message; reads nothing twice.
fn revisar_xlsx(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        error_de_archivo(format!("el archivo no es una hoja de cálculo legible: {e}"))
    })?;
    let demasiado = || {
        error_de_archivo(format!(
            "el archivo descomprimido pasaría de {} MB: no parece una cartera de títulos; expórtela de nuevo o divídala",
            MAXIMO_DESCOMPRIMIDO / (1024 * 1024)
        ))
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| error_de_archivo(format!("el archivo está dañado: {e}")))?;
        total = total.saturating_add(f.size());
        let proporcion = f.size() / f.compressed_size().max(1);
        if total > MAXIMO_DESCOMPRIMIDO
            || (f.size() > 1024 * 1024 && proporcion > MAXIMA_PROPORCION)
        {
            return Err(demasiado());
        }
    }
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| error_de_archivo(format!("el archivo está dañado: {e}")))?;
        let hoja = f
            .name()
            .map(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
            .unwrap_or(false);
        if !hoja {
            continue;
        }
        let mut xml = Vec::new();
        (&mut f)
            .take(MAXIMO_DESCOMPRIMIDO + 1)
            .read_to_end(&mut xml)
            .map_err(|e| error_de_archivo(format!("el archivo está dañado: {e}")))?;
        if xml.len() as u64 > MAXIMO_DESCOMPRIMIDO {
            return Err(demasiado());
        }
        let (filas, columnas) = extension_de_celdas(&xml);
        if columnas > MAXIMO_COLUMNAS || filas.saturating_mul(columnas) > MAXIMO_CELDAS {
            return Err(error_de_archivo(format!(
                "la hoja tiene celdas hasta la fila {filas} y la columna {columnas}: una cartera no ocupa tanto; borre las celdas sobrantes y expórtela de nuevo"
            )));
        }
    }
    Ok(())
}

/// The last row and column (1-based) named by any `r="B12"` or `ref="A1:C9"` in a sheet.
fn extension_de_celdas(xml: &[u8]) -> (u64, u64) {
    let (mut filas, mut columnas) = (0u64, 0u64);
    let mut i = 0;
    // ` r="B12"` (a cell or a row) and ` ref="A1:C9"` (the dimension, merged cells).
    while let Some((k, largo)) = xml[i..].windows(6).enumerate().find_map(|(k, w)| {
        if w.starts_with(b" r=\"") {
            Some((k, 4))
        } else if w == b" ref=\"" {
            Some((k, 6))
        } else {
            None
        }
    }) {
        let mut j = i + k + largo;
        loop {
            let (mut col, mut fila) = (0u64, 0u64);
            while j < xml.len() && xml[j].is_ascii_alphabetic() {
                col = col
                    .saturating_mul(26)
                    .saturating_add((xml[j].to_ascii_uppercase() - b'A' + 1) as u64);
                j += 1;
            }
            while j < xml.len() && xml[j].is_ascii_digit() {
                fila = fila
                    .saturating_mul(10)
                    .saturating_add((xml[j] - b'0') as u64);
                j += 1;
            }
            filas = filas.max(fila);
            columnas = columnas.max(col);
            if j < xml.len() && xml[j] == b':' {
                j += 1;
                continue;
            }
            break;
        }
        i = j.max(i + k + largo);
    }
    (filas, columnas)
}

pub(super) fn leer_hoja_de_calculo(bytes: &[u8], v: &mut Validador<'_>) -> Result<()> {
    if bytes.starts_with(b"PK\x03\x04") {
        revisar_xlsx(bytes)?;
    }
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

/// Decodes CSV bytes to text, honestly: UTF-8 (BOM or not), UTF-16 with BOM, or — only when
/// the file has no UTF-8 at all and every byte is a Windows-1252 character — Windows-1252. A
/// file that mixes UTF-8 with other bytes (one stray byte in a UTF-8 file) or has bytes that
/// are no character is refused, naming the line: guessing would import names as mojibake.
pub(super) fn decodificar(bytes: &[u8]) -> Result<Cow<'_, str>> {
    let linea_de = |pos: usize| bytes[..pos].iter().filter(|b| **b == b'\n').count() + 1;
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (texto, _, errores) = encoding_rs::UTF_16LE.decode(bytes); // honours the BOM
        if errores {
            return Err(error_de_archivo("el archivo dice ser UTF-16 pero tiene caracteres dañados: guárdelo otra vez como CSV UTF-8"));
        }
        return Ok(Cow::Owned(texto.into_owned()));
    }
    let (cuerpo, con_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(r) => (r, true),
        None => (bytes, false),
    };
    let err = match std::str::from_utf8(cuerpo) {
        Ok(t) => return Ok(Cow::Borrowed(t)),
        Err(e) => e,
    };
    let desfase = bytes.len() - cuerpo.len();
    let linea = linea_de(err.valid_up_to() + desfase);
    // Any well-formed multi-byte UTF-8 sequence means the file is UTF-8 with damage.
    let tiene_utf8 = con_bom || cuerpo.utf8_chunks().any(|c| !c.valid().is_ascii());
    if tiene_utf8 {
        return Err(error_en_linea(
            linea,
            "el archivo está en UTF-8 pero esta línea tiene un carácter que no lo es (un byte dañado o pegado de otro programa): corríjalo y vuelva a importar; no se importó nada",
        ));
    }
    // Windows-1252 leaves five bytes undefined; control characters are no text either.
    if let Some(pos) = cuerpo.iter().position(|b| {
        matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
            || (*b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
    }) {
        return Err(error_en_linea(
            linea_de(pos + desfase),
            "el archivo no es texto en UTF-8 ni en Windows-1252 (tiene bytes que no son caracteres): guárdelo como CSV UTF-8",
        ));
    }
    let (texto, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(cuerpo);
    Ok(Cow::Owned(texto.into_owned()))
}

pub(super) fn leer_csv(bytes: &[u8], v: &mut Validador<'_>) -> Result<()> {
    let texto = decodificar(bytes)?;
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
    // The line a record starts on, counted from its byte offset (the csv crate's own count was
    // one short with Windows line ends, whose «\n» it leaves for the next record), incrementally so a big file stays linear.
    let (mut contado_hasta, mut linea_actual) = (0usize, 1usize);
    let crudo = texto.as_bytes();
    loop {
        match lector.read_record(&mut registro) {
            Ok(false) => break,
            Ok(true) if primera => {
                primera = false;
                v.encabezado(registro.iter());
            }
            Ok(true) => {
                let mut inicio = registro
                    .position()
                    .map(|p| p.byte() as usize)
                    .unwrap_or(contado_hasta)
                    .clamp(contado_hasta, crudo.len());
                // After «\r\n» the reader stops at the «\r»: the record starts past the «\n».
                if crudo.get(inicio) == Some(&b'\n') {
                    inicio += 1;
                }
                linea_actual += crudo[contado_hasta..inicio]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                contado_hasta = inicio;
                let linea = linea_actual;
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
pub(super) fn detectar_separador(texto: &str) -> u8 {
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
