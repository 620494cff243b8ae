//! The whole expediente as one PDF: every foliated document, in foja order, byte-for-byte
//! (scans included), each page stamped top right with its foja in figures and words unless the
//! document was generated for exactly these fojas (a stamp already on a page is covered before
//! the new one is printed), and the integrity code at the foot of every page. The stamp font (Liberation Serif Bold) is
//! embedded; built on `lopdf`, which copies the original pages without re-rendering them.

use std::collections::BTreeMap;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use super::letras;
use crate::store::Reader;
use crate::{Error, Result};

const FUENTE: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf");
const TAM: f32 = 10.0;
const MARGEN_DERECHO_PT: f32 = 20.0 * 72.0 / 25.4;
const ALTO_SELLO_PT: f32 = 11.0 * 72.0 / 25.4;

/// The widest stamp the old one could have been (covered when re-stamping).
const ANCHO_SELLO_MAXIMO_PT: f32 = 250.0;

fn ancho_de(texto: &str, anchos: &[i64], tam: f32) -> f32 {
    let (codificado, _, _) = encoding_rs::WINDOWS_1252.encode(texto);
    codificado
        .iter()
        .map(|b| {
            anchos
                .get((*b as usize).saturating_sub(32))
                .copied()
                .unwrap_or(500) as f32
        })
        .sum::<f32>()
        * tam
        / 1000.0
}

/// Appends `texto` at (x, y) in the stamp font to a content stream.
fn texto_en(contenido: &mut Vec<u8>, texto: &str, tam: f32, x: f32, y: f32) {
    let (codificado, _, _) = encoding_rs::WINDOWS_1252.encode(texto);
    contenido.extend_from_slice(
        format!(" BT /FCoactivaSello {tam} Tf 1 0 0 1 {x:.2} {y:.2} Tm (").as_bytes(),
    );
    for b in codificado.iter() {
        if matches!(b, b'(' | b')' | b'\\') {
            contenido.push(b'\\');
        }
        contenido.push(*b);
    }
    contenido.extend_from_slice(b") Tj ET");
}

/// The fojas Coactiva's own stamps print on each page of a generated PDF, in page order
/// (`None` for a page without a marked stamp). `None` when the PDF cannot be read.
pub fn fojas_impresas(bytes: &[u8]) -> Option<Vec<Option<i64>>> {
    let doc = Document::load_mem(bytes).ok()?;
    let mut out = vec![];
    for (_, pid) in doc.get_pages() {
        let foja = doc.get_and_decode_page_content(pid).ok().and_then(|c| {
            c.operations.iter().find_map(|op| {
                let es = op.operator == "BDC"
                    && op.operands.first().and_then(|o| o.as_name().ok())
                        == Some(crate::pdf::MARCA_FOJA.as_bytes());
                if !es {
                    return None;
                }
                let props = op.operands.get(1)?;
                let dict = match props {
                    Object::Dictionary(d) => d.clone(),
                    Object::Reference(r) => doc.get_dictionary(*r).ok()?.clone(),
                    _ => return None,
                };
                dict.get(b"Foja").ok()?.as_i64().ok()
            })
        });
        out.push(foja);
    }
    Some(out)
}

/// Takes Coactiva's own foja stamp (marked [`crate::pdf::MARCA_FOJA`]) out of a page's
/// content. `false` when the page has none (a document generated before stamps were marked).
fn quitar_sello(doc: &mut Document, pid: ObjectId, pagina: &mut Dictionary) -> bool {
    let Ok(contenido) = doc.get_and_decode_page_content(pid) else {
        return false;
    };
    let es_marca = |op: &lopdf::content::Operation| {
        matches!(op.operator.as_str(), "BMC" | "BDC")
            && op.operands.first().and_then(|o| o.as_name().ok())
                == Some(crate::pdf::MARCA_FOJA.as_bytes())
    };
    if !contenido.operations.iter().any(es_marca) {
        return false;
    }
    let mut dentro = 0usize;
    let mut ops = vec![];
    for op in contenido.operations {
        if dentro > 0 {
            match op.operator.as_str() {
                "BMC" | "BDC" => dentro += 1,
                "EMC" => dentro -= 1,
                _ => {}
            }
            continue;
        }
        if es_marca(&op) {
            dentro = 1;
            continue;
        }
        ops.push(op);
    }
    let Ok(bytes) = (lopdf::content::Content { operations: ops }).encode() else {
        return false;
    };
    let nuevo = doc.add_object(Stream::new(Dictionary::new(), bytes));
    pagina.set("Contents", nuevo);
    true
}

/// The print instant in the PDF date format (`D:20261124100000-05'00'`).
fn fecha_pdf(store: &dyn Reader) -> String {
    let t = store.clock().now();
    format!(
        "D:{}-05'00'",
        t.with_timezone(&chrono_tz::America::Guayaquil)
            .format("%Y%m%d%H%M%S")
    )
}

/// Whether a page's text already shows a foja stamp («Fs. 12»).
fn lleva_sello(doc: &Document, pagina: ObjectId) -> bool {
    let numero = doc
        .get_pages()
        .into_iter()
        .find(|(_, id)| *id == pagina)
        .map(|(n, _)| n);
    numero
        .and_then(|n| doc.extract_text(&[n]).ok())
        .is_some_and(|t| {
            t.split("Fs.").skip(1).any(|resto| {
                resto
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            })
        })
}

/// Advance widths (1/1000 em) of Windows-1252 codes 32–255 in the stamp font.
fn anchos() -> Vec<i64> {
    let mut avisos = vec![];
    let f = printpdf::ParsedFont::from_bytes(FUENTE, 0, &mut avisos).expect("fuente de sellos");
    let upm = f.font_metrics.units_per_em.max(1) as f32;
    (32u8..=255)
        .map(|b| {
            let byte = [b];
            let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            let ch = c.chars().next().unwrap_or(' ');
            let w = f
                .lookup_glyph_index(ch as u32)
                .and_then(|g| f.get_glyph_width_internal(g))
                .unwrap_or(0);
            (w as f32 * 1000.0 / upm).round() as i64
        })
        .collect()
}

fn fuente(doc: &mut Document) -> (ObjectId, Vec<i64>) {
    let w = anchos();
    let archivo = doc.add_object(Stream::new(
        dictionary! { "Length1" => FUENTE.len() as i64 },
        FUENTE.to_vec(),
    ));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "LiberationSerif-Bold",
        "Flags" => 34,
        "FontBBox" => vec![(-182).into(), (-303).into(), 1082.into(), 1007.into()],
        "ItalicAngle" => 0,
        "Ascent" => 891,
        "Descent" => -216,
        "CapHeight" => 662,
        "StemV" => 136,
        "FontFile2" => archivo,
    });
    let id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => "LiberationSerif-Bold",
        "FirstChar" => 32,
        "LastChar" => 255,
        "Widths" => w.iter().map(|x| Object::Integer(*x)).collect::<Vec<_>>(),
        "Encoding" => "WinAnsiEncoding",
        "FontDescriptor" => descriptor,
    });
    (id, w)
}

/// An inherited page attribute (Resources, MediaBox…) looked up the Pages tree.
fn heredado(doc: &Document, pagina: &Dictionary, clave: &[u8]) -> Option<Object> {
    if let Ok(v) = pagina.get(clave) {
        return Some(v.clone());
    }
    let mut padre = pagina.get(b"Parent").and_then(Object::as_reference).ok();
    while let Some(id) = padre {
        let d = doc.get_dictionary(id).ok()?;
        if let Ok(v) = d.get(clave) {
            return Some(v.clone());
        }
        padre = d.get(b"Parent").and_then(Object::as_reference).ok();
    }
    None
}

fn real(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// Builds the expediente of proceso `numero` as one PDF.
pub fn generar(store: &dyn Reader, numero: &str) -> Result<Vec<u8>> {
    let id = crate::procesos::expediente::id_de(store.conn(), numero)?;
    // A document Coactiva generated carries the stamps of the actuación it was made for (the
    // first one that used it); anywhere else its pages get new stamps over the old ones.
    let mut st = store.conn().prepare(
        "SELECT a.desde, a.hasta, d.bytes,
                d.sellado AND NOT EXISTS (SELECT 1 FROM actuaciones b WHERE b.documento = a.documento
                    AND (b.proceso_id < a.proceso_id OR (b.proceso_id = a.proceso_id AND b.orden < a.orden))),
                d.sellado
         FROM actuaciones a JOIN documentos d ON d.sha256 = a.documento
         WHERE a.proceso_id = ?1 ORDER BY a.orden",
    )?;
    let codigo = crate::verificacion::sello::actual(store)?;
    let partes: Vec<(i64, i64, Vec<u8>, bool, bool)> = st
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if partes.is_empty() {
        return Err(Error::entrada(format!(
            "el expediente {numero} aún no tiene fojas"
        )));
    }
    // The carátula goes first, unfoliated.
    let ahora = crate::fechas::marca(store.clock());
    let mut partes = partes;
    partes.insert(
        0,
        (
            0,
            0,
            super::caratula(store.conn(), numero, &ahora)?,
            true,
            false,
        ),
    );
    let mut salida = Document::with_version("1.5");
    let paginas_id = salida.new_object_id();
    let (fuente_id, anchos) = fuente(&mut salida);
    let mut hijos: Vec<Object> = vec![];
    for (desde, _hasta, bytes, sello_propio, sellado) in partes {
        let mut doc = Document::load_mem(&bytes).map_err(|e| {
            Error::Interno(format!(
                "un documento foliado no se pudo leer (fojas desde {desde}): {e}"
            ))
        })?;
        doc.renumber_objects_with(salida.max_id + 1);
        let paginas: BTreeMap<u32, ObjectId> = doc.get_pages();
        let mut nuevas: Vec<(ObjectId, Dictionary)> = vec![];
        for (i, (_, pid)) in paginas.into_iter().enumerate() {
            let mut pagina = propia(&doc, pid, paginas_id)?;
            {
                // Resources as a direct dictionary with our font added.
                let mut recursos = match pagina.get(b"Resources") {
                    Ok(Object::Reference(r)) => doc.get_dictionary(*r).cloned().unwrap_or_default(),
                    Ok(Object::Dictionary(d)) => d.clone(),
                    _ => Dictionary::new(),
                };
                let mut fuentes = match recursos.get(b"Font") {
                    Ok(Object::Reference(r)) => doc.get_dictionary(*r).cloned().unwrap_or_default(),
                    Ok(Object::Dictionary(d)) => d.clone(),
                    _ => Dictionary::new(),
                };
                fuentes.set("FCoactivaSello", fuente_id);
                recursos.set("Font", fuentes);
                pagina.set("Resources", recursos);
                let caja: Vec<f32> = pagina
                    .get(b"MediaBox")
                    .and_then(Object::as_array)
                    .map(|a| a.iter().map(real).collect())
                    .unwrap_or(vec![0.0, 0.0, 595.0, 842.0]);
                let (ancho, alto) = (
                    caja.get(2).copied().unwrap_or(595.0),
                    caja.get(3).copied().unwrap_or(842.0),
                );
                let foja = desde + i as i64;
                let mut contenido = b"Q q".to_vec();
                if !sello_propio {
                    // A page that already carries a foja stamp (Coactiva's, from another
                    // actuación, or one a person printed) gets the old one covered first, so
                    // the new stamp stays readable.
                    let texto = format!("Fs. {foja} — {}", letras::numero(foja as u64));
                    let w = ancho_de(&texto, &anchos, TAM);
                    let (x, y) = (ancho - MARGEN_DERECHO_PT - w, alto - ALTO_SELLO_PT);
                    let quitado = sellado && quitar_sello(&mut doc, pid, &mut pagina);
                    if !quitado && (sellado || lleva_sello(&doc, pid)) {
                        let cubre = w.max(ANCHO_SELLO_MAXIMO_PT) + 6.0;
                        let x0 = ancho - MARGEN_DERECHO_PT - cubre + 3.0;
                        contenido.extend_from_slice(
                            format!(
                                " 1 1 1 rg {x0:.2} {:.2} {cubre:.2} {:.2} re f 0 0 0 rg",
                                y - 4.0,
                                TAM + 8.0
                            )
                            .as_bytes(),
                        );
                    }
                    texto_en(&mut contenido, &texto, TAM, x, y);
                }
                // The integrity code at the foot of every page of the printed expediente.
                texto_en(
                    &mut contenido,
                    &format!("Código de integridad al imprimir: {codigo}"),
                    6.5,
                    28.0,
                    14.0,
                );
                contenido.extend_from_slice(b" Q");
                let antes = doc.add_object(Stream::new(Dictionary::new(), b"q".to_vec()));
                let despues = doc.add_object(Stream::new(Dictionary::new(), contenido));
                let mut lista: Vec<Object> = vec![antes.into()];
                match pagina.get(b"Contents") {
                    Ok(Object::Array(a)) => lista.extend(a.iter().cloned()),
                    Ok(o @ Object::Reference(_)) => lista.push(o.clone()),
                    _ => {}
                }
                lista.push(despues.into());
                pagina.set("Contents", lista);
            }
            nuevas.push((pid, pagina));
        }
        anexar(&mut salida, doc, nuevas, &mut hijos);
    }
    arbol(&mut salida, paginas_id, hijos);
    let info = salida.add_object(dictionary! {
        "Title" => Object::string_literal(format!("Expediente del juicio coactivo N.º {numero}").into_bytes()),
        "Creator" => Object::string_literal("Coactiva"),
        "CreationDate" => Object::string_literal(fecha_pdf(store)),
        "ModDate" => Object::string_literal(fecha_pdf(store)),
    });
    salida.trailer.set("Info", info);
    salida.compress();
    let mut bytes = vec![];
    salida
        .save_to(&mut bytes)
        .map_err(|e| Error::Interno(format!("no se pudo escribir el expediente: {e}")))?;
    Ok(bytes)
}

/// Several PDFs as one, in order, each page as it was (no stamps added): a batch of documents
/// printed for many procesos. The pages' inherited attributes are made their own so each keeps
/// its size and resources in the new page tree.
pub fn unir<'a>(partes: impl Iterator<Item = &'a [u8]>, titulo: &str) -> Result<Vec<u8>> {
    let mut salida = Document::with_version("1.5");
    let mut fuentes = std::collections::HashMap::new();
    let paginas_id = salida.new_object_id();
    let mut hijos: Vec<Object> = vec![];
    for (n, bytes) in partes.enumerate() {
        let mut doc = Document::load_mem(bytes).map_err(|e| {
            Error::Interno(format!(
                "el documento {} del lote no se pudo leer: {e}",
                n + 1
            ))
        })?;
        doc.renumber_objects_with(salida.max_id + 1);
        compartir_fuentes(&mut doc, &mut fuentes);
        let mut nuevas: Vec<(ObjectId, Dictionary)> = vec![];
        for (_, pid) in doc.get_pages() {
            let pagina = propia(&doc, pid, paginas_id)?;
            nuevas.push((pid, pagina));
        }
        anexar(&mut salida, doc, nuevas, &mut hijos);
    }
    if hijos.is_empty() {
        return Err(Error::entrada("no hay documentos que unir"));
    }
    arbol(&mut salida, paginas_id, hijos);
    let info = salida.add_object(dictionary! {
        "Title" => Object::String(
            [0xFE, 0xFF].into_iter().chain(titulo.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
            lopdf::StringFormat::Hexadecimal,
        ),
        "Creator" => Object::string_literal("Coactiva"),
    });
    salida.trailer.set("Info", info);
    let mut bytes = vec![];
    salida
        .save_to(&mut bytes)
        .map_err(|e| Error::Interno(format!("no se pudo escribir el lote: {e}")))?;
    Ok(bytes)
}

/// The font programs of `doc` that an earlier document of the batch already brought (Coactiva's
/// documents carry the same cut fonts, byte for byte) point to that one, and are dropped: a
/// thousand órdenes carry their fonts once, not a thousand times. `vistos` maps a program's
/// digest to the object that holds it in the output.
fn compartir_fuentes(
    doc: &mut Document,
    vistos: &mut std::collections::HashMap<[u8; 32], ObjectId>,
) {
    use sha2::{Digest, Sha256};
    let descriptores: Vec<(ObjectId, Vec<u8>, ObjectId)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            ["FontFile2", "FontFile3", "FontFile"]
                .into_iter()
                .find_map(|k| {
                    let r = d.get(k.as_bytes()).ok()?.as_reference().ok()?;
                    Some((*id, k.as_bytes().to_vec(), r))
                })
        })
        .collect();
    for (descriptor, clave, programa) in descriptores {
        let Some(Object::Stream(s)) = doc.objects.get(&programa) else {
            continue;
        };
        let mut h = Sha256::new();
        h.update(&s.content);
        for (k, v) in s.dict.iter() {
            if k.as_slice() != b"Length" {
                h.update(k);
                h.update(format!("{v:?}").as_bytes());
            }
        }
        let digesto: [u8; 32] = h.finalize().into();
        match vistos.get(&digesto) {
            Some(&anterior) if anterior != programa => {
                if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&descriptor) {
                    d.set(clave, Object::Reference(anterior));
                    doc.objects.remove(&programa);
                }
            }
            Some(_) => {}
            None => {
                vistos.insert(digesto, programa);
            }
        }
    }
}

/// Moves a loaded document's objects into `salida` (its catalog and page tree left out) and its
/// pages, as rewritten in `nuevas`, to the end of `hijos`.
fn anexar(
    salida: &mut Document,
    mut doc: Document,
    nuevas: Vec<(ObjectId, Dictionary)>,
    hijos: &mut Vec<Object>,
) {
    for (oid, obj) in std::mem::take(&mut doc.objects) {
        let tipo = obj.type_name().ok().map(|t| t.to_vec());
        if matches!(tipo.as_deref(), Some(b"Catalog") | Some(b"Pages")) {
            continue;
        }
        salida.objects.insert(oid, obj);
    }
    for (pid, pagina) in nuevas {
        salida.objects.insert(pid, Object::Dictionary(pagina));
        hijos.push(pid.into());
    }
    salida.max_id = salida.objects.keys().map(|(n, _)| *n).max().unwrap_or(0);
}

/// The page tree of `hijos` under `paginas_id`, and the catalog that points to it.
fn arbol(salida: &mut Document, paginas_id: ObjectId, hijos: Vec<Object>) {
    let cuenta = hijos.len() as i64;
    salida.objects.insert(
        paginas_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => hijos, "Count" => cuenta }),
    );
    let catalogo = salida.add_object(dictionary! { "Type" => "Catalog", "Pages" => paginas_id });
    salida.trailer.set("Root", catalogo);
}

/// A page's dictionary with what it inherits from its page tree made its own (resources, size,
/// rotation), under its new parent `paginas_id`.
fn propia(doc: &Document, pid: ObjectId, paginas_id: ObjectId) -> Result<Dictionary> {
    let original = doc
        .get_dictionary(pid)
        .map_err(|e| Error::Interno(e.to_string()))?;
    let mut pagina = original.clone();
    for clave in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
        if !pagina.has(clave) {
            if let Some(v) = heredado(doc, original, clave) {
                pagina.set(clave.to_vec(), v);
            }
        }
    }
    pagina.set("Parent", paginas_id);
    Ok(pagina)
}

#[cfg(test)]
mod tests {
    use crate::pdf::{Alineacion, Documento, Encabezado, Estilo};

    fn documento(texto: &str) -> Vec<u8> {
        let mut d = Documento::new("p", "p", Encabezado::default()).unwrap();
        d.parrafo(texto, Estilo::Normal, 12.0, Alineacion::Izquierda);
        d.parrafo("Firma", Estilo::Negrita, 12.0, Alineacion::Centro);
        d.terminar()
    }

    fn programas(pdf: &[u8]) -> usize {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        doc.objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.has(b"Length1"))
            .count()
    }

    #[test]
    fn a_batch_carries_each_font_once_and_every_page() {
        let partes: Vec<Vec<u8>> = (0..5)
            .map(|i| documento(&format!("Orden de pago N.º {i}, señor Peña")))
            .collect();
        assert_eq!(programas(&partes[0]), 2);
        let unido = super::unir(partes.iter().map(|p| p.as_slice()), "lote").unwrap();
        assert_eq!(programas(&unido), 2, "regular and bold, once each");
        let doc = lopdf::Document::load_mem(&unido).unwrap();
        assert_eq!(doc.get_pages().len(), 5);
        // A document whose text went beyond the cut brings its own font, kept.
        let otra = documento("Señor Ωμέγα");
        let unido = super::unir(
            partes.iter().map(|p| p.as_slice()).chain([otra.as_slice()]),
            "lote",
        )
        .unwrap();
        assert_eq!(programas(&unido), 3);
    }
}
