//! Importing títulos: every CSV variant clerks really have, XLSX, the checks, atomicity.

use coactiva::titulos::{self, importar, EstadoTitulo};
use coactiva::{cambios, Error};

use crate::comun::*;

fn importa(bytes: &[u8], nombre: &str) -> Result<importar::Informe, Error> {
    let (mut store, jefe) = unidad_en_memoria();
    let r = importar::importar_bytes(&mut store, &jefe, nombre, bytes, false);
    if let Ok(inf) = &r {
        let t = titulos::listar(&store, None).unwrap();
        assert_eq!(
            t.len(),
            inf.importados,
            "el informe cuenta lo que quedó en la base"
        );
    }
    r
}

fn errores(r: Result<importar::Informe, Error>) -> Vec<importar::Observacion> {
    match r {
        Err(Error::Importacion(inf)) => inf.errores,
        otro => panic!("se esperaba un rechazo de la importación, no {otro:?}"),
    }
}

#[test]
fn every_csv_variant_people_save_imports_the_same_two_titulos() {
    let filas_coma = "T-001,24/11/2026,1714307103,Pérez Núñez José,Aportes en mora,1234.56,10.00,1244.56\n\
                      T-002,2026-01-15,1792060346001,Cañar S.A.,Fondos de reserva,\"1,000.00\",0,\"1,000.00\"\n";
    let filas_pyc =
        "T-001;24/11/2026;1714307103;Pérez Núñez José;Aportes en mora;1.234,56;10,00;1.244,56\n\
                     T-002;15/01/2026;1792060346001;Cañar S.A.;Fondos de reserva;1000;0;1000\n";
    let tab = filas_pyc.replace(';', "\t");
    let enc_pyc = ENCABEZADO.replace(',', ";");
    let enc_tab = ENCABEZADO.replace(',', "\t");
    let utf8 = format!("{ENCABEZADO}\n{filas_coma}");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(format!("{enc_pyc}\r\n{}", filas_pyc.replace('\n', "\r\n")).as_bytes());
    let texto_1252 = format!("{enc_pyc}\n{filas_pyc}");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&texto_1252);
    let tabs = format!("{enc_tab}\n{tab}");
    // Columns in another order, with accented, capitalised headers.
    let desordenado = "Total;Capital;Intereses;Número;Fecha Emisión;Identificación;Obligado;Concepto\n\
                       1.244,56;1.234,56;10,00;T-001;24/11/2026;1714307103;Pérez Núñez José;Aportes en mora\n\
                       1000,00;1000,00;0,00;T-002;15/01/2026;1792060346001;Cañar S.A.;Fondos de reserva\n";
    let casos: Vec<(&str, Vec<u8>)> = vec![
        ("UTF-8 con comas", utf8.into_bytes()),
        ("UTF-8 con BOM, punto y coma, CRLF", bom),
        ("Windows-1252", cp1252.into_owned()),
        ("tabuladores", tabs.into_bytes()),
        ("columnas en otro orden", desordenado.as_bytes().to_vec()),
    ];
    for (caso, bytes) in casos {
        let inf = importa(&bytes, "titulos.csv").unwrap_or_else(|e| panic!("{caso}: {e:?}"));
        assert_eq!(inf.importados, 2, "{caso}");
        let (mut store, jefe) = unidad_en_memoria();
        importar::importar_bytes(&mut store, &jefe, "t.csv", &bytes, false).unwrap();
        let t = titulos::buscar(&store, "T-001").unwrap().unwrap();
        assert_eq!(t.obligado, "Pérez Núñez José", "{caso}: acentos intactos");
        assert_eq!(t.total.0, 124456, "{caso}: total en centavos");
        assert_eq!(t.capital.0 + t.intereses.0, t.total.0, "{caso}");
        assert_eq!(t.estado, EstadoTitulo::PorSortear, "{caso}");
        let t2 = titulos::buscar(&store, "T-002").unwrap().unwrap();
        assert_eq!(t2.total.0, 100000, "{caso}");
        assert_eq!(t2.fecha_emision.to_string(), "2026-01-15", "{caso}");
    }
}

#[test]
fn a_file_with_several_bad_rows_reports_every_one_and_writes_nothing() {
    let csv = format!(
        "{ENCABEZADO}\n\
         T-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n\
         T-2,31/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n\
         T-3,01/02/2026,1714307104,Ana,Aportes,100.00,0,100.00\n\
         T-4,01/02/2026,1714307103,Ana,Aportes,100.00,5.00,100.00\n\
         T-5,01/02/2026,1714307103,,Aportes,1.234,0,1.234\n\
         T-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n\
         T-7,01/12/2026,1714307103,Ana,Aportes,-3,0,-3\n"
    );
    let (mut store, jefe) = unidad_en_memoria();
    let antes = cambios::ultimo_seq(store.conn()).unwrap();
    let e = errores(importar::importar_bytes(
        &mut store,
        &jefe,
        "malo.csv",
        csv.as_bytes(),
        false,
    ));
    let en = |linea: usize, columna: &str| {
        e.iter()
            .find(|o| o.linea == linea && o.columna == columna)
            .map(|o| o.mensaje.clone())
    };
    assert!(
        en(3, "fecha_emision").unwrap().contains("no existe"),
        "31 de febrero"
    );
    assert!(en(4, "identificacion").unwrap().contains("verificador"));
    assert!(
        en(5, "total").unwrap().contains("suman"),
        "capital + intereses ≠ total"
    );
    assert!(en(6, "obligado").unwrap().contains("falta"));
    assert!(
        en(6, "capital").unwrap().contains("dos maneras"),
        "1.234 es ambiguo"
    );
    assert!(
        en(7, "numero").unwrap().contains("línea 2"),
        "duplicado dentro del archivo"
    );
    assert!(en(8, "fecha_emision").unwrap().contains("futuro"));
    assert!(en(8, "capital").unwrap().contains("mayor que cero"));
    assert!(en(2, "numero").is_none(), "la fila buena no lleva error");
    assert_eq!(
        titulos::listar(&store, None).unwrap().len(),
        0,
        "nada se importó"
    );
    assert_eq!(
        cambios::ultimo_seq(store.conn()).unwrap(),
        antes,
        "nada se registró"
    );
}

#[test]
fn a_titulo_already_in_the_database_is_refused_and_nothing_else_enters() {
    let (mut store, jefe) = unidad_en_memoria();
    let primero = format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n");
    importar::importar_bytes(&mut store, &jefe, "a.csv", primero.as_bytes(), false).unwrap();
    let segundo = format!("{ENCABEZADO}\nT-2,01/02/2026,1714307103,Ana,Aportes,5,0,5\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n");
    let e = errores(importar::importar_bytes(
        &mut store,
        &jefe,
        "b.csv",
        segundo.as_bytes(),
        false,
    ));
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].linea, e[0].columna.as_str()), (3, "numero"));
    assert!(e[0].mensaje.contains("ya fue importado"));
    assert!(
        titulos::buscar(&store, "T-2").unwrap().is_none(),
        "T-2 no entra si el archivo se rechaza"
    );
}

#[test]
fn simulating_checks_against_the_database_but_writes_nothing() {
    let (mut store, jefe) = unidad_en_memoria();
    let csv = format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n");
    let inf = importar::importar_bytes(&mut store, &jefe, "a.csv", csv.as_bytes(), true).unwrap();
    assert!(inf.simulado);
    assert_eq!(inf.filas, 1);
    assert_eq!(titulos::listar(&store, None).unwrap().len(), 0);
    assert_eq!(
        cambios::ultimo_seq(store.conn()).unwrap(),
        2,
        "solo los cambios del init"
    );
}

#[test]
fn missing_columns_are_named_and_unknown_ones_only_warned() {
    let csv =
        "numero;fecha_emision;obligado;capital;intereses;color\nT-1;01/02/2026;Ana;1;0;rojo\n";
    let e = errores(importa(csv.as_bytes(), "a.csv"));
    let faltan: Vec<_> = e.iter().map(|o| o.columna.as_str()).collect();
    assert_eq!(faltan, ["identificacion", "concepto", "total"]);
    assert!(e
        .iter()
        .all(|o| o.linea == 1 && o.mensaje.contains("falta la columna")));
}

#[test]
fn company_ruc_with_a_bad_check_digit_imports_with_a_warning() {
    let csv =
        format!("{ENCABEZADO}\nT-1,01/02/2026,1792060347001,Empresa,Aportes,100.00,0,100.00\n");
    let inf = importa(csv.as_bytes(), "a.csv").unwrap();
    assert_eq!(inf.importados, 1);
    assert_eq!(inf.advertencias.len(), 1);
    assert_eq!(inf.advertencias[0].columna, "identificacion");
}

#[test]
fn empty_and_garbage_files_get_a_clear_message() {
    for (bytes, palabra) in [
        (b"".as_slice(), "vacío"),
        (ENCABEZADO.as_bytes(), "solo el encabezado"),
        (
            b"PK\x03\x04 esto no es un xlsx".as_slice(),
            "hoja de cálculo",
        ),
    ] {
        let e = errores(importa(bytes, "x.csv"));
        assert!(e[0].mensaje.contains(palabra), "{}", e[0].mensaje);
    }
}

#[test]
fn xlsx_first_sheet_imports_with_real_dates_and_numbers() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut libro = Workbook::new();
    let hoja = libro.add_worksheet();
    let fecha = Format::new().set_num_format("dd/mm/yyyy");
    for (i, h) in ENCABEZADO.split(',').enumerate() {
        hoja.write_string(0, i as u16, h).unwrap();
    }
    hoja.write_string(1, 0, "X-1").unwrap();
    hoja.write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2026, 3, 9).unwrap(), &fecha)
        .unwrap();
    // A cédula of Azuay typed as a number: Excel drops its leading zero.
    hoja.write_number(1, 2, 102030400.0).unwrap();
    hoja.write_string(1, 3, "Ñusta Guamán").unwrap();
    hoja.write_string(1, 4, "Aportes").unwrap();
    hoja.write_number(1, 5, 1000.10).unwrap();
    hoja.write_number(1, 6, 0.2).unwrap();
    hoja.write_number(1, 7, 1000.30).unwrap();
    let bytes = libro.save_to_buffer().unwrap();
    let cedula = coactiva::identificacion::cedula_con_verificador("010203040");
    assert_eq!(
        cedula, "0102030400",
        "el ejemplo usa una cédula válida de Azuay"
    );
    let (mut store, jefe) = unidad_en_memoria();
    let inf = importar::importar_bytes(&mut store, &jefe, "cartera.xlsx", &bytes, false).unwrap();
    assert_eq!(inf.importados, 1);
    assert!(inf
        .advertencias
        .iter()
        .any(|a| a.mensaje.contains("cero inicial")));
    let t = titulos::buscar(&store, "X-1").unwrap().unwrap();
    assert_eq!(t.identificacion, "0102030400");
    assert_eq!(t.fecha_emision.to_string(), "2026-03-09");
    assert_eq!(
        (t.capital.0, t.intereses.0, t.total.0),
        (100010, 20, 100030)
    );
    assert_eq!(t.obligado, "Ñusta Guamán");
}

#[test]
fn a_consulta_user_may_not_import() {
    let (mut store, jefe) = unidad_en_memoria();
    coactiva::usuarios::agregar(
        &mut store,
        &jefe,
        "lectora",
        "Lectora",
        coactiva::Rol::Consulta,
        "clave-larga-1",
        None,
    )
    .unwrap();
    let lectora = coactiva::usuarios::autenticar(&mut store, "lectora", "clave-larga-1").unwrap();
    let csv = format!("{ENCABEZADO}\nT-1,01/02/2026,1714307103,Ana,Aportes,100.00,0,100.00\n");
    let e =
        importar::importar_bytes(&mut store, &lectora, "a.csv", csv.as_bytes(), false).unwrap_err();
    assert!(matches!(e, Error::NoAutorizado(_)), "{e}");
    assert!(e.to_string().contains("consulta"));
}

#[test]
fn a_large_import_reports_its_progress_up_to_the_end() {
    let (mut store, jefe) = unidad_en_memoria();
    let csv = coactiva::demo::csv_titulos(10_000, 1, 5, hoy());
    let avances = std::sync::Mutex::new(Vec::<f32>::new());
    let inf = importar::importar_con_progreso(
        &mut store,
        &jefe,
        "grande.csv",
        csv.as_bytes(),
        false,
        &|p| avances.lock().unwrap().push(p),
    )
    .unwrap();
    assert_eq!(inf.importados, 10_000);
    let v = avances.into_inner().unwrap();
    assert!(v.len() >= 4, "varios avances en un archivo grande: {v:?}");
    assert!(
        v.windows(2).all(|w| w[0] <= w[1]),
        "el avance nunca retrocede: {v:?}"
    );
    assert_eq!(*v.last().unwrap(), 1.0);
}

#[test]
fn a_spreadsheet_with_a_cell_at_the_far_corner_is_refused_without_allocating_the_grid() {
    use rust_xlsxwriter::Workbook;
    let mut libro = Workbook::new();
    let hoja = libro.add_worksheet();
    for (i, h) in ENCABEZADO.split(',').enumerate() {
        hoja.write_string(0, i as u16, h).unwrap();
    }
    // XFD1048576: the last cell a sheet can have.
    hoja.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = libro.save_to_buffer().unwrap();
    assert!(bytes.len() < 20_000);
    let Err(Error::Importacion(inf)) = importa(&bytes, "cartera.xlsx") else {
        panic!("debió rechazarse con un informe")
    };
    assert!(
        inf.errores[0]
            .mensaje
            .contains("una cartera no ocupa tanto"),
        "{inf:?}"
    );
}

#[test]
fn a_zip_bomb_dressed_as_a_spreadsheet_is_refused() {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    z.write_all(&vec![b' '; 4 * 1024 * 1024]).unwrap();
    let bytes = z.finish().unwrap().into_inner();
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let Err(Error::Importacion(inf)) = importa(&bytes, "cartera.xlsx") else {
        panic!("debió rechazarse con un informe")
    };
    assert!(inf.errores[0].mensaje.contains("descomprimido"), "{inf:?}");
}

#[test]
fn a_utf8_file_with_one_stray_byte_is_refused_naming_the_line_and_imports_nothing() {
    let e = crate::comun::Entorno::con_unidad();
    let mut csv = format!("{}\n", crate::comun::ENCABEZADO).into_bytes();
    for i in 1..=100 {
        csv.extend_from_slice(
            format!("T-{i},01/02/2026,1714307103,Castañeda Núñez {i},Aportes,10.00,0,10.00\n")
                .as_bytes(),
        );
    }
    csv.extend_from_slice(b"T-101,01/02/2026,1714307103,Mu\xf1oz,Aportes,10.00,0,10.00\n");
    let ruta = e.escribir("cartera.csv", &csv);
    let o = e.coactiva(&["titulos", "importar", ruta.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = crate::comun::texto(&o.stderr) + &crate::comun::texto(&o.stdout);
    assert!(err.contains("102") && err.contains("UTF-8"), "{err}");
    let o = e.coactiva(&["titulos", "listar", "--json"]);
    assert_eq!(crate::comun::json(&o).as_array().map(Vec::len), Some(0));
}

#[test]
fn a_titulo_already_imported_is_reported_on_its_own_line_with_windows_line_ends() {
    let e = Entorno::con_unidad();
    let primero = e.escribir(
        "a.csv",
        b"numero,fecha_emision,identificacion,obligado,concepto,capital,intereses,total\r\nT-1,05/01/2026,1714307103,Ana,Aportes,100.00,0,100.00\r\n",
    );
    assert!(e
        .coactiva(&["titulos", "importar", primero.to_str().unwrap()])
        .status
        .success());
    let otra_vez = e.escribir(
        "b.csv",
        b"numero,fecha_emision,identificacion,obligado,concepto,capital,intereses,total\r\nT-2,05/01/2026,1714307103,Ana,Aportes,100.00,0,100.00\r\nT-1,05/01/2026,1714307103,Ana,Aportes,100.00,0,100.00\r\n",
    );
    let o = e.coactiva(&["titulos", "importar", otra_vez.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let m = texto(&o.stderr);
    assert!(
        m.contains("línea 3, columna numero: el título T-1 ya fue importado antes"),
        "{m}"
    );
    assert!(
        m.contains("El archivo tiene 1 error en 2 filas leídas."),
        "{m}"
    );
}
