//! A small page-layout engine over `printpdf` for the juzgado's formal documents: A4, embedded
//! Liberation fonts (every Spanish character), a header on every page, justified paragraphs,
//! tables that continue across pages with their header repeated, signature blocks, and
//! "Página X de N" footers. The acta de sorteo and the documents of the expediente use it.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use crate::{Error, Result};

const FUENTES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationMono-Regular.ttf"),
];

const ANCHO: f32 = 210.0;
const ALTO: f32 = 297.0;
const PT_POR_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Estilo {
    Normal = 0,
    Negrita = 1,
    Cursiva = 2,
    Mono = 3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alineacion {
    Izquierda,
    Centro,
    Derecha,
    Justificada,
}

/// The marked-content tag around a foja stamp in the PDFs Coactiva generates; its property
/// `Foja` is the number printed (read back by `verificar`).
pub const MARCA_FOJA: &str = "CoactivaFoja";

/// A table column: heading, width in mm, alignment.
#[derive(Debug, Clone)]
pub struct Columna {
    pub titulo: String,
    pub ancho: f32,
    pub alineacion: Alineacion,
}

impl Columna {
    pub fn new(titulo: &str, ancho: f32, alineacion: Alineacion) -> Self {
        Columna {
            titulo: titulo.into(),
            ancho,
            alineacion,
        }
    }
}

struct Fuente {
    /// The whole font: metrics, and the document whose text goes beyond [`REPERTORIO`].
    parsed: ParsedFont,
    /// The font cut once per process to [`REPERTORIO`], embedded whole: printpdf's cut per
    /// document (subset, parse the subset again, copy the font's tables three times) was most
    /// of the time of an orden de pago. `None` when the cut could not be made.
    recorte: Option<Recorte>,
    upm: f32,
    /// Each character's advance below [`ANCHOS_HASTA`], looked up once (`medir` runs for every
    /// word of every justified line); `u32::MAX` where the font has no glyph.
    anchos: Vec<u32>,
}

const ANCHOS_HASTA: u32 = 0x2200;

impl Fuente {
    fn ancho(&self, c: char) -> Option<u32> {
        match self.anchos.get(c as usize) {
            Some(&u32::MAX) => None,
            Some(&a) => Some(a),
            None => self
                .parsed
                .lookup_glyph_index(c as u32)
                .and_then(|g| self.parsed.get_glyph_width_internal(g))
                .map(|a| a as u32),
        }
    }
}

struct Recorte {
    fuente: printpdf::PdfFont,
    cubre: std::collections::HashSet<char>,
    /// The cut font program, and it deflated (once, on first use).
    bytes: Vec<u8>,
    comprimida: std::sync::OnceLock<Vec<u8>>,
}

/// What nearly every document prints: ASCII, Spanish's letters and signs, the typographer's
/// punctuation. Small on purpose (every foliated document stores the cut): a document with
/// another letter (a «ç», an «ö», a «Ł» in a name) takes the whole font, cut for it alone.
const REPERTORIO: &str = "¡§ª«°·º»¿ÁÉÍÑÓ×ÚÜáéíñóúü–—‘’‚“”„•…€";

fn repertorio() -> impl Iterator<Item = char> {
    (0x20..=0x7E_u8).map(char::from).chain(REPERTORIO.chars())
}

/// `parsed` cut to the glyphs of [`repertorio`], as a font embedded whole.
fn recortar(parsed: &ParsedFont) -> Option<Recorte> {
    let mut glifos = std::collections::BTreeMap::new();
    let mut cubre = std::collections::HashSet::new();
    for c in repertorio() {
        if let Some(g) = parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0) {
            glifos.entry(g).or_insert_with(|| c.to_string());
            cubre.insert(c);
        }
    }
    let cortada = printpdf::subset_font(parsed, &glifos).ok()?;
    let bytes = crate::tipografia::sin_hinting(&cortada.bytes).unwrap_or(cortada.bytes);
    let mut avisos = vec![];
    let fuente = ParsedFont::from_bytes(&bytes, 0, &mut avisos)?;
    // Every character must map to a glyph of the cut font, or the document falls back.
    cubre.retain(|c| fuente.lookup_glyph_index(*c as u32).is_some_and(|g| g != 0));
    let meta = printpdf::PrintpdfFontMeta {
        embedding_mode: printpdf::FontEmbeddingMode::Full,
        requires_subsetting: false,
        ..Default::default()
    };
    Some(Recorte {
        fuente: printpdf::PdfFont::with_meta(fuente, meta),
        cubre,
        bytes,
        comprimida: std::sync::OnceLock::new(),
    })
}

/// The fonts, parsed (and cut) once per process.
fn fuentes() -> Result<&'static [Fuente]> {
    static FUENTES_LEIDAS: std::sync::OnceLock<Vec<Fuente>> = std::sync::OnceLock::new();
    if let Some(f) = FUENTES_LEIDAS.get() {
        return Ok(f);
    }
    let mut v = Vec::with_capacity(FUENTES.len());
    for bytes in FUENTES {
        let mut avisos = vec![];
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut avisos)
            .ok_or_else(|| Error::Interno("no se pudo leer una fuente de assets/fonts".into()))?;
        let upm = parsed.font_metrics.units_per_em.max(1) as f32;
        let recorte = recortar(&parsed);
        let anchos = (0..ANCHOS_HASTA)
            .map(|c| {
                parsed
                    .lookup_glyph_index(c)
                    .and_then(|g| parsed.get_glyph_width_internal(g))
                    .map_or(u32::MAX, |a| (a as u32).min(u32::MAX - 1))
            })
            .collect();
        if recorte.is_none() {
            log::warn!(
                "una fuente no se pudo recortar: los documentos la llevarán recortada cada vez"
            );
        }
        v.push(Fuente {
            parsed,
            recorte,
            upm,
            anchos,
        });
    }
    Ok(FUENTES_LEIDAS.get_or_init(|| v))
}

/// What every page carries at the top.
#[derive(Debug, Clone, Default)]
pub struct Encabezado {
    pub institucion: String,
    pub unidad: String,
    pub referencia: String,
}

pub struct Documento {
    doc: PdfDocument,
    fuentes: &'static [Fuente],
    /// Fonts are embedded only once used: a document that prints no italics carries none.
    ids: [Option<FontId>; 4],
    /// Fonts whose text went beyond their cut: the whole font, cut for this document alone.
    completa: [bool; 4],
    paginas: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Distance from the top of the page to the next line's top, in mm.
    y: f32,
    encabezado: Encabezado,
    izq: f32,
    der: f32,
    sup: f32,
    inf: f32,
    /// With a value, each page carries its foja top right: `Fs. 13 — trece` (inside a marked
    /// content section tagged [`MARCA_FOJA`]).
    foja_inicial: Option<i64>,
}

impl Documento {
    /// A new A4 document whose metadata title is `titulo` and subject `asunto`.
    pub fn new(titulo: &str, asunto: &str, encabezado: Encabezado) -> Result<Documento> {
        let mut doc = PdfDocument::new(titulo);
        doc.metadata.info.document_title = titulo.to_string();
        doc.metadata.info.subject = asunto.to_string();
        doc.metadata.info.author = encabezado.unidad.clone();
        doc.metadata.info.creator = "Coactiva".into();
        doc.metadata.info.producer = "Coactiva (printpdf)".into();
        let fuentes = fuentes()?;
        let mut d = Documento {
            doc,
            fuentes,
            ids: [None, None, None, None],
            completa: [false; 4],
            paginas: vec![],
            ops: vec![],
            y: 0.0,
            encabezado,
            izq: 25.0,
            der: 20.0,
            sup: 20.0,
            inf: 22.0,
            foja_inicial: None,
        };
        d.nueva_pagina();
        Ok(d)
    }

    /// Dates the PDF (creation and modification) with the instant it is printed, RFC 3339.
    pub fn fechar(&mut self, instante: &str) {
        let Ok(t) = chrono::DateTime::parse_from_rfc3339(instante) else {
            return;
        };
        if let Ok(f) = printpdf::OffsetDateTime::from_unix_timestamp(t.timestamp()) {
            let info = &mut self.doc.metadata.info;
            info.creation_date = f;
            info.modification_date = f;
            info.metadata_date = f;
        }
    }

    /// Stamps each page with its foja, the first page taking `foja`.
    pub fn foliar_desde(&mut self, foja: i64) {
        self.foja_inicial = Some(foja);
    }

    /// Usable width between the margins, in mm.
    pub fn ancho_util(&self) -> f32 {
        ANCHO - self.izq - self.der
    }

    /// Width of `texto` in mm at `tam` points.
    pub fn medir(&self, texto: &str, estilo: Estilo, tam: f32) -> f32 {
        let f = &self.fuentes[estilo as usize];
        let espacio = f.ancho(' ').unwrap_or(250);
        let unidades: u32 = texto.chars().map(|c| f.ancho(c).unwrap_or(espacio)).sum();
        unidades as f32 / f.upm * tam / PT_POR_MM
    }

    fn texto_en(&mut self, x: f32, y_base: f32, texto: &str, estilo: Estilo, tam: f32) {
        let texto = &texto.replace('\u{a0}', " ");
        let k = estilo as usize;
        let f = &self.fuentes[k];
        let id = match &self.ids[k] {
            Some(id) => id.clone(),
            None => {
                let id = match &f.recorte {
                    Some(r) => {
                        let id = FontId::new();
                        self.doc
                            .resources
                            .fonts
                            .map
                            .insert(id.clone(), r.fuente.clone());
                        id
                    }
                    None => self.doc.add_font(&f.parsed),
                };
                self.ids[k] = Some(id.clone());
                id
            }
        };
        if !self.completa[k]
            && f.recorte
                .as_ref()
                .is_some_and(|r| !texto.chars().all(|c| r.cubre.contains(&c)))
        {
            // The text stays text until saved: the font under this id can still be changed.
            self.doc
                .resources
                .fonts
                .map
                .insert(id.clone(), printpdf::PdfFont::new(f.parsed.clone()));
            self.completa[k] = true;
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(tam),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Mm(x).into(),
                    y: Mm(ALTO - y_base).into(),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(texto.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn linea(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, grosor: f32) {
        let p = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Mm(x).into(),
                y: Mm(ALTO - y).into(),
            },
            bezier: false,
        };
        self.ops.push(Op::SetOutlineThickness { pt: Pt(grosor) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![p(x1, y1), p(x2, y2)],
                is_closed: false,
            },
        });
    }

    fn rectangulo_gris(&mut self, x: f32, y: f32, ancho: f32, alto: f32) {
        self.ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r: 0.9,
                g: 0.92,
                b: 0.95,
                icc_profile: None,
            }),
        });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Mm(x).into(),
                y: Mm(ALTO - y - alto).into(),
                width: Mm(ancho).into(),
                height: Mm(alto).into(),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        self.ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r: 0.0,
                g: 0.0,
                b: 0.0,
                icc_profile: None,
            }),
        });
    }

    /// Ends the current page and starts another with the header.
    pub fn nueva_pagina(&mut self) {
        if !self.ops.is_empty() {
            let ops = std::mem::take(&mut self.ops);
            self.paginas.push(ops);
        }
        self.y = self.sup;
        let e = self.encabezado.clone();
        let centro = self.izq + self.ancho_util() / 2.0;
        for (texto, estilo, tam) in [
            (&e.institucion, Estilo::Negrita, 11.0),
            (&e.unidad, Estilo::Normal, 10.0),
        ] {
            if !texto.is_empty() {
                let w = self.medir(texto, estilo, tam);
                self.texto_en(centro - w / 2.0, self.y + 4.0, texto, estilo, tam);
                self.y += 5.0;
            }
        }
        if !e.referencia.is_empty() {
            let w = self.medir(&e.referencia, Estilo::Normal, 9.0);
            self.texto_en(
                ANCHO - self.der - w,
                self.y + 4.0,
                &e.referencia,
                Estilo::Normal,
                9.0,
            );
            self.y += 5.0;
        }
        self.linea(self.izq, self.y + 1.0, ANCHO - self.der, self.y + 1.0, 0.8);
        self.y += 6.0;
    }

    /// Makes room for `alto` mm, starting a new page when needed. True if a page was started.
    pub fn reservar(&mut self, alto: f32) -> bool {
        if self.y + alto > ALTO - self.inf {
            self.nueva_pagina();
            true
        } else {
            false
        }
    }

    pub fn espacio(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Splits text into lines that fit `ancho` mm.
    pub fn partir(&self, texto: &str, estilo: Estilo, tam: f32, ancho: f32) -> Vec<String> {
        let mut lineas = vec![];
        // «N.º» never ends a line apart from its number (a no-break space joins them; it is
        // printed as a plain space).
        let texto = texto
            .replace("N.º ", "N.º\u{a0}")
            .replace("Nº ", "Nº\u{a0}");
        for parrafo in texto.split('\n') {
            let mut actual = String::new();
            for palabra in parrafo.split([' ', '\t']).filter(|p| !p.is_empty()) {
                let prueba = if actual.is_empty() {
                    palabra.to_string()
                } else {
                    format!("{actual} {palabra}")
                };
                if self.medir(&prueba, estilo, tam) <= ancho || actual.is_empty() {
                    actual = prueba;
                } else {
                    lineas.push(std::mem::take(&mut actual));
                    actual = palabra.to_string();
                }
            }
            lineas.push(actual);
        }
        lineas
    }

    /// A paragraph; justified paragraphs stretch every line but the last.
    pub fn parrafo(&mut self, texto: &str, estilo: Estilo, tam: f32, alineacion: Alineacion) {
        self.parrafo_reservando(texto, estilo, tam, alineacion, 0.0, "");
    }

    /// Mm a paragraph of `lineas` lines in `tam` points takes.
    pub fn alto_lineas(tam: f32, lineas: usize) -> f32 {
        tam * 0.3528 * 1.35 * lineas as f32
    }

    /// A paragraph whose last two lines stay on one page with the `reserva` mm that follow
    /// (signatures never stand alone; a heading never ends a page). `vineta`, when not empty,
    /// starts the first line and the following lines hang under the text.
    pub fn parrafo_reservando(
        &mut self,
        texto: &str,
        estilo: Estilo,
        tam: f32,
        alineacion: Alineacion,
        reserva: f32,
        vineta: &str,
    ) {
        let interlinea = tam * 0.3528 * 1.35;
        let sangria = if vineta.is_empty() {
            0.0
        } else {
            self.medir(&format!("{vineta}  "), estilo, tam)
        };
        let ancho = self.ancho_util() - sangria;
        let lineas = self.partir(texto, estilo, tam, ancho);
        let total = lineas.len();
        let juntas = total.min(2);
        for (i, l) in lineas.into_iter().enumerate() {
            if i == total - juntas {
                // The last lines and what must follow them go together.
                // (+ the space after the paragraph, which comes before what follows)
                self.reservar(interlinea * (juntas as f32 + 0.4) + reserva);
            } else {
                self.reservar(interlinea);
            }
            let base = self.y + interlinea * 0.8;
            if i == 0 && !vineta.is_empty() {
                self.texto_en(self.izq, base, vineta, estilo, tam);
            }
            let ultima = i + 1 == total;
            self.linea_alineada(
                &l,
                self.izq + sangria,
                ancho,
                base,
                estilo,
                tam,
                if ultima && alineacion == Alineacion::Justificada {
                    Alineacion::Izquierda
                } else {
                    alineacion
                },
            );
            self.y += interlinea;
        }
        self.y += interlinea * 0.4;
    }

    /// How much room a block of signatures takes.
    pub const ALTO_FIRMAS: f32 = 32.0;

    #[allow(clippy::too_many_arguments)]
    fn linea_alineada(
        &mut self,
        l: &str,
        x: f32,
        ancho: f32,
        base: f32,
        estilo: Estilo,
        tam: f32,
        alineacion: Alineacion,
    ) {
        let w = self.medir(l, estilo, tam);
        match alineacion {
            Alineacion::Izquierda => self.texto_en(x, base, l, estilo, tam),
            Alineacion::Centro => self.texto_en(x + (ancho - w) / 2.0, base, l, estilo, tam),
            Alineacion::Derecha => self.texto_en(x + ancho - w, base, l, estilo, tam),
            Alineacion::Justificada => {
                let palabras: Vec<&str> = l.split(' ').collect();
                if palabras.len() < 2 {
                    self.texto_en(x, base, l, estilo, tam);
                    return;
                }
                let sin_espacios: f32 = palabras.iter().map(|p| self.medir(p, estilo, tam)).sum();
                let hueco = (ancho - sin_espacios) / (palabras.len() - 1) as f32;
                let mut cx = x;
                for p in palabras {
                    self.texto_en(cx, base, p, estilo, tam);
                    cx += self.medir(p, estilo, tam) + hueco;
                }
            }
        }
    }

    /// One left-aligned line with no space after it (addressee blocks, lists of data).
    pub fn linea_sola(&mut self, texto: &str) {
        let interlinea = 12.0 * 0.3528 * 1.35;
        // A line too long for the page wraps (flush left) rather than run off its edge.
        for l in self.partir(texto, Estilo::Normal, 12.0, self.ancho_util()) {
            self.reservar(interlinea);
            let base = self.y + interlinea * 0.8;
            self.texto_en(self.izq, base, &l, Estilo::Normal, 12.0);
            self.y += interlinea;
        }
    }

    /// A centred bold title.
    pub fn titulo(&mut self, texto: &str, tam: f32) {
        self.parrafo(texto, Estilo::Negrita, tam, Alineacion::Centro);
    }

    /// A table; cells wrap inside their column, the heading repeats on each new page.
    pub fn tabla(&mut self, columnas: &[Columna], filas: &[Vec<String>], tam: f32) {
        let titulos: Vec<String> = columnas.iter().map(|c| c.titulo.clone()).collect();
        let total: f32 = columnas.iter().map(|c| c.ancho).sum();
        let alto_titulos = self.alto_fila(columnas, &titulos, Estilo::Negrita, tam);
        // A table of label and value (a carátula) has no heading row: a rule opens it.
        let sin_titulos = titulos.iter().all(|t| t.is_empty());
        let encabezado = |d: &mut Documento| {
            if sin_titulos {
                d.linea(d.izq, d.y, d.izq + total, d.y, 0.3);
                return;
            }
            d.reservar(alto_titulos * 2.0);
            d.rectangulo_gris(d.izq, d.y, total, alto_titulos);
            d.fila(columnas, &titulos, Estilo::Negrita, tam);
        };
        encabezado(self);
        for fila in filas {
            if self.reservar(self.alto_fila(columnas, fila, Estilo::Normal, tam)) {
                encabezado(self);
            }
            self.fila(columnas, fila, Estilo::Normal, tam);
            self.linea(self.izq, self.y, self.izq + total, self.y, 0.3);
        }
        self.y += 3.0;
    }

    const RELLENO: f32 = 1.2;

    fn interlinea_tabla(tam: f32) -> f32 {
        tam * 0.3528 * 1.25
    }

    /// Height of a table row whose cells wrap inside their columns.
    fn alto_fila(&self, columnas: &[Columna], celdas: &[String], estilo: Estilo, tam: f32) -> f32 {
        let lineas = columnas
            .iter()
            .zip(celdas)
            .map(|(c, t)| {
                self.partir(t, estilo, tam, c.ancho - 2.0 * Self::RELLENO)
                    .len()
            })
            .max()
            .unwrap_or(1);
        lineas as f32 * Self::interlinea_tabla(tam) + 2.0 * Self::RELLENO
    }

    /// Draws one row of cells at the current position and moves below it.
    fn fila(&mut self, columnas: &[Columna], celdas: &[String], estilo: Estilo, tam: f32) {
        let alto = self.alto_fila(columnas, celdas, estilo, tam);
        let (y0, mut x) = (self.y, self.izq);
        let interlinea = Self::interlinea_tabla(tam);
        for (c, t) in columnas.iter().zip(celdas) {
            let ancho = c.ancho - 2.0 * Self::RELLENO;
            for (k, l) in self.partir(t, estilo, tam, ancho).into_iter().enumerate() {
                let base = y0 + Self::RELLENO + interlinea * (k as f32 + 0.8);
                self.linea_alineada(
                    &l,
                    x + Self::RELLENO,
                    ancho,
                    base,
                    estilo,
                    tam,
                    c.alineacion,
                );
            }
            x += c.ancho;
        }
        self.y = y0 + alto;
    }

    /// Signature blocks side by side: a line, the name, the post. As many to a row as fit
    /// without one name running into the next (long names take a row of two, or their own).
    pub fn firmas(&mut self, firmantes: &[(&str, &str)]) {
        let mas_ancho = firmantes
            .iter()
            .map(|(n, c)| {
                self.medir(n, Estilo::Negrita, 10.0)
                    .max(self.medir(c, Estilo::Normal, 10.0))
            })
            .fold(0.0f32, f32::max);
        let total = firmantes.len().max(1);
        let por_fila = (1..=total)
            .rev()
            .find(|k| mas_ancho + 12.0 <= self.ancho_util() / *k as f32)
            .unwrap_or(1);
        for fila in firmantes.chunks(por_fila) {
            self.fila_de_firmas(fila, por_fila);
        }
    }

    fn fila_de_firmas(&mut self, firmantes: &[(&str, &str)], columnas: usize) {
        self.reservar(Self::ALTO_FIRMAS);
        self.y += 18.0;
        let ancho = self.ancho_util() / columnas.max(1) as f32;
        // A shorter last row is centred.
        let margen = (self.ancho_util() - ancho * firmantes.len() as f32) / 2.0;
        for (i, (nombre, cargo)) in firmantes.iter().enumerate() {
            let x = self.izq + margen + ancho * i as f32;
            self.linea(x + 6.0, self.y, x + ancho - 6.0, self.y, 0.6);
            for (k, (t, e)) in [(*nombre, Estilo::Negrita), (*cargo, Estilo::Normal)]
                .into_iter()
                .enumerate()
            {
                let w = self.medir(t, e, 10.0);
                self.texto_en(
                    x + (ancho - w) / 2.0,
                    self.y + 5.0 + 4.5 * k as f32,
                    t,
                    e,
                    10.0,
                );
            }
        }
        self.y += 14.0;
    }

    /// A photograph (JPEG or PNG) fitted to the rest of the page, centred, with `pie` under it.
    /// Refuses what is not a readable picture, or one too large to decode safely.
    pub fn imagen(&mut self, bytes: &[u8], pie: &str) -> Result<()> {
        const MAXIMO_BYTES: usize = 20 * 1024 * 1024;
        const MAXIMO_PIXELES: u64 = 60_000_000;
        let ilegible = || {
            Error::entrada(
                "la fotografía no es una imagen JPEG o PNG legible: adjunte la foto tal como la tomó el teléfono, o un PDF",
            )
        };
        if bytes.len() > MAXIMO_BYTES {
            return Err(Error::entrada(
                "la fotografía pesa más de 20 MB: redúzcala antes de adjuntarla",
            ));
        }
        let es_jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
        let es_png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        if !es_jpeg && !es_png {
            return Err(ilegible());
        }
        // The header's size first: a forged one must not make the decoder allocate gigabytes.
        let (w, h) = dimensiones(bytes).ok_or_else(ilegible)?;
        if w as u64 * h as u64 > MAXIMO_PIXELES {
            return Err(Error::entrada(
                "la fotografía tiene demasiados píxeles para el expediente: redúzcala antes de adjuntarla",
            ));
        }
        let mut avisos = vec![];
        let raw =
            printpdf::RawImage::decode_from_bytes(bytes, &mut avisos).map_err(|_| ilegible())?;
        if raw.width == 0 || raw.height == 0 {
            return Err(ilegible());
        }
        let (w, h) = (raw.width as f32, raw.height as f32);
        let id = self.doc.add_image(&raw);
        let ancho_max = self.ancho_util();
        let alto_max = (ALTO - self.inf - self.y - 14.0).max(20.0);
        // At 72 dpi a pixel is a point: the scale that fits the picture in the space left.
        let mm_por_px = 25.4 / 72.0;
        let escala = (ancho_max / (w * mm_por_px)).min(alto_max / (h * mm_por_px));
        let (ancho, alto) = (w * mm_por_px * escala, h * mm_por_px * escala);
        let x = self.izq + (ancho_max - ancho) / 2.0;
        self.ops.push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt(x * PT_POR_MM)),
                translate_y: Some(Pt((ALTO - self.y - alto) * PT_POR_MM)),
                scale_x: Some(escala),
                scale_y: Some(escala),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        self.y += alto + 4.0;
        self.parrafo(pie, Estilo::Cursiva, 10.0, Alineacion::Centro);
        Ok(())
    }

    /// Finishes pages with "Página X de N" and returns the PDF's bytes.
    pub fn terminar(mut self) -> Vec<u8> {
        if !self.ops.is_empty() {
            let ops = std::mem::take(&mut self.ops);
            self.paginas.push(ops);
        }
        let n = self.paginas.len();
        let paginas: Vec<Vec<Op>> = std::mem::take(&mut self.paginas);
        let mut salida = Vec::with_capacity(n);
        for (i, mut ops) in paginas.into_iter().enumerate() {
            std::mem::swap(&mut self.ops, &mut ops);
            let pie = format!("Página {} de {n}", i + 1);
            let w = self.medir(&pie, Estilo::Normal, 9.0);
            self.texto_en(ANCHO - self.der - w, ALTO - 12.0, &pie, Estilo::Normal, 9.0);
            if let Some(f) = self.foja_inicial {
                let foja = f + i as i64;
                let sello = format!(
                    "Fs. {foja} — {}",
                    crate::documentos::letras::numero(foja as u64)
                );
                let w = self.medir(&sello, Estilo::Negrita, 10.0);
                // Marked, so a later re-foliation can take this stamp out of the page.
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: MARCA_FOJA.into(),
                    properties: printpdf::DictItem::Dict {
                        map: [("Foja".to_string(), printpdf::DictItem::Int(foja))]
                            .into_iter()
                            .collect(),
                    },
                });
                self.texto_en(ANCHO - self.der - w, 11.0, &sello, Estilo::Negrita, 10.0);
                self.ops.push(Op::EndMarkedContent);
            }
            let ops = std::mem::take(&mut self.ops);
            salida.push(PdfPage::new(Mm(ANCHO), Mm(ALTO), ops));
        }
        let mut avisos = vec![];
        // printpdf's own save compresses every stream at zlib's best level (lopdf's `compress`):
        // a third of the time a batch of órdenes took. The fastest level costs a few kB a page.
        let sin_comprimir = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let mut doc = self
            .doc
            .with_pages(salida)
            .to_lopdf_document(&sin_comprimir, &mut avisos);
        for o in doc.objects.values_mut() {
            if let lopdf::Object::Stream(s) = o {
                comprimir(s);
            }
        }
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let _ = doc.save_to(&mut bytes);
        bytes
    }

    /// Pages the document has so far (the one being laid out included).
    pub fn paginas(&self) -> u32 {
        (self.paginas.len() + usize::from(!self.ops.is_empty())) as u32
    }
}

/// A stream deflated at zlib's fastest level, when that makes it smaller (as lopdf does). The
/// cut fonts are the same bytes in every document: deflated once per process, at the best
/// level, and reused.
fn comprimir(s: &mut lopdf::Stream) {
    use std::io::Write;
    if s.dict.get(b"Filter").is_ok() {
        return;
    }
    if s.dict.has(b"Length1") {
        let cortada = fuentes().ok().and_then(|f| {
            f.iter()
                .filter_map(|f| f.recorte.as_ref())
                .find(|r| r.bytes == s.content)
        });
        if let Some(r) = cortada {
            let c = r.comprimida.get_or_init(|| {
                let mut z =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
                let _ = z.write_all(&r.bytes);
                z.finish().unwrap_or_default()
            });
            if !c.is_empty() {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(c.clone());
                return;
            }
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    if z.write_all(&s.content).is_err() {
        return;
    }
    if let Ok(c) = z.finish() {
        if c.len() + 19 < s.content.len() {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(c);
        }
    }
}

/// Width and height a JPEG or PNG declares in its header, read without decoding it.
fn dimensiones(b: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(std::io::Cursor::new(b))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

#[cfg(test)]
mod tests_partir {
    use super::*;

    #[test]
    fn the_numero_sign_stays_with_its_number_at_a_line_end() {
        let d = Documento::new(
            "prueba",
            "prueba",
            Encabezado {
                institucion: "I".into(),
                unidad: "U".into(),
                referencia: "R".into(),
            },
        )
        .unwrap();
        let texto = "palabra ".repeat(200) + "fin";
        for corte in 0..60 {
            let t = format!(
                "{} N.º 17001-2026-00001 y más",
                &texto[..texto.len() - corte * 8]
            );
            for l in d.partir(&t, Estilo::Normal, 12.0, 120.0) {
                assert!(
                    !l.trim_end().ends_with("N.º"),
                    "«N.º» alone at the end of «{l}»"
                );
            }
        }
    }
    #[test]
    fn a_line_alone_too_long_for_the_page_wraps_instead_of_running_off_it() {
        let encabezado = || Encabezado {
            institucion: "I".into(),
            unidad: "U".into(),
            referencia: "R".into(),
        };
        let mut corta = Documento::new("p", "p", encabezado()).unwrap();
        let y0 = corta.y;
        corta.linea_sola("Señor(a)");
        let una = corta.y - y0;
        let mut larga = Documento::new("p", "p", encabezado()).unwrap();
        let largo = "Inmueble: casa de dos plantas con local comercial, ficha registral 12345, cantón Quito, ubicado en Calle Guayaquil y Chile";
        let lineas = larga.partir(largo, Estilo::Normal, 12.0, larga.ancho_util());
        assert!(lineas.len() >= 2, "the sample is longer than a line");
        assert!(lineas
            .iter()
            .all(|l| larga.medir(l, Estilo::Normal, 12.0) <= larga.ancho_util() + 0.01));
        larga.linea_sola(largo);
        assert!(
            (larga.y - y0 - una * lineas.len() as f32).abs() < 0.01,
            "one line each"
        );
    }
}

#[cfg(test)]
mod tests_fuentes {
    use super::*;

    /// The fonts embedded in `pdf`, parsed again, with their glyph counts.
    fn fuentes_de(pdf: &[u8]) -> Vec<ParsedFont> {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter_map(|d| d.get(b"FontFile2").ok())
            .map(|r| {
                let s = doc.get_object(r.as_reference().unwrap()).unwrap();
                let s = s.as_stream().unwrap();
                let bytes = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                ParsedFont::from_bytes(&bytes, 0, &mut vec![]).unwrap()
            })
            .collect()
    }

    fn documento(texto: &str) -> Vec<u8> {
        let mut d = Documento::new("p", "p", Encabezado::default()).unwrap();
        d.parrafo(texto, Estilo::Normal, 12.0, Alineacion::Izquierda);
        d.terminar()
    }

    #[test]
    fn spanish_text_carries_the_font_cut_once_and_the_same_in_every_document() {
        let a = fuentes_de(&documento("Señora Ñusta Peña, USD 1.234,56 — «N.º» … €"));
        let b = fuentes_de(&documento("Otro texto, sin eñes"));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].num_glyphs, b[0].num_glyphs, "both carry the same cut");
        for c in "ñÑáéíóúüÁÉÍÓÚÜ«»º—…€".chars() {
            assert!(
                a[0].lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
                "{c} missing"
            );
        }
    }

    #[test]
    fn a_name_beyond_the_cut_takes_the_whole_font_and_prints() {
        let f = fuentes_de(&documento(
            "Señor Ωμέγα Ζήτα Łukasz Gonçalves, cédula 1710034065",
        ));
        assert_eq!(f.len(), 1);
        for c in "ΩμέγαΖήτñŁç".chars() {
            assert!(
                f[0].lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
                "{c} missing"
            );
        }
        let cortada = fuentes_de(&documento("Señor"));
        assert!(
            f[0].num_glyphs < cortada[0].num_glyphs,
            "still cut for this document"
        );
    }
}
