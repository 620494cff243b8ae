//! A TrueType font without its hinting: the glyphs' instructions and the tables they run
//! (`fpgm`, `prep`, `cvt `) taken out. Hinting adjusts outlines to a screen's pixel grid; a PDF
//! is printed or zoomed, where readers ignore or do not need it, and it is about half of a cut
//! Liberation font — bytes every foliated document would store. Outlines, metrics and the
//! character map are kept byte for byte.

/// Reads a big-endian u16 at `i`.
fn u16_en(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_en(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The tables only hinting uses.
const DE_HINTING: [&[u8; 4]; 4] = [b"fpgm", b"prep", b"cvt ", b"hdmx"];

/// `fuente` (a TrueType sfnt with `glyf` outlines) without hinting; `None` when it is not one
/// this reads (then the caller keeps the font as it is).
pub fn sin_hinting(fuente: &[u8]) -> Option<Vec<u8>> {
    let version = u32_en(fuente, 0)?;
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let n = u16_en(fuente, 4)? as usize;
    let mut tablas: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(n);
    for k in 0..n {
        let e = 12 + 16 * k;
        let tag: [u8; 4] = fuente.get(e..e + 4)?.try_into().ok()?;
        let desde = u32_en(fuente, e + 8)? as usize;
        let largo = u32_en(fuente, e + 12)? as usize;
        tablas.push((tag, fuente.get(desde..desde.checked_add(largo)?)?.to_vec()));
    }
    let tabla = |t: &[u8; 4]| tablas.iter().position(|(x, _)| x == t);
    let (ih, ig, il, im) = (
        tabla(b"head")?,
        tabla(b"glyf")?,
        tabla(b"loca")?,
        tabla(b"maxp")?,
    );
    let largo_loca = u16_en(&tablas[ih].1, 50)?;
    let glifos = u16_en(&tablas[im].1, 4)? as usize;
    let loca = &tablas[il].1;
    let desplazamiento = |i: usize| -> Option<usize> {
        Some(if largo_loca == 0 {
            u16_en(loca, 2 * i)? as usize * 2
        } else {
            u32_en(loca, 4 * i)? as usize
        })
    };
    let glyf = &tablas[ig].1;
    let mut nuevo_glyf = Vec::with_capacity(glyf.len());
    let mut nueva_loca = Vec::with_capacity(loca.len());
    for g in 0..=glifos {
        let d = nuevo_glyf.len();
        if largo_loca == 0 {
            nueva_loca.extend_from_slice(&u16::try_from(d / 2).ok()?.to_be_bytes());
        } else {
            nueva_loca.extend_from_slice(&u32::try_from(d).ok()?.to_be_bytes());
        }
        if g == glifos {
            break;
        }
        let (a, b) = (desplazamiento(g)?, desplazamiento(g + 1)?);
        if b > a {
            nuevo_glyf.extend(glifo_sin_instrucciones(glyf.get(a..b)?)?);
        }
        // Short offsets count words: every glyph starts on an even byte.
        while nuevo_glyf.len() % if largo_loca == 0 { 2 } else { 4 } != 0 {
            nuevo_glyf.push(0);
        }
    }
    tablas[ig].1 = nuevo_glyf;
    tablas[il].1 = nueva_loca;
    // maxp: no instructions any more (maxSizeOfInstructions).
    if tablas[im].1.len() >= 28 {
        tablas[im].1[26..28].copy_from_slice(&0u16.to_be_bytes());
    }
    tablas.retain(|(t, _)| !DE_HINTING.contains(&t));
    // head.checkSumAdjustment is computed over the whole file, with it at zero first.
    let ih = tablas.iter().position(|(t, _)| t == b"head")?;
    tablas[ih].1.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    tablas.sort_by_key(|t| t.0);
    let mut salida = armar(version, &tablas);
    let ajuste = 0xB1B0_AFBA_u32.wrapping_sub(suma(&salida));
    let en_head = posicion_de(&salida, b"head")? + 8;
    salida[en_head..en_head + 4].copy_from_slice(&ajuste.to_be_bytes());
    Some(salida)
}

/// One glyph's bytes without its instructions.
fn glifo_sin_instrucciones(g: &[u8]) -> Option<Vec<u8>> {
    let contornos = u16_en(g, 0)? as i16;
    if contornos >= 0 {
        let fin = 10 + 2 * contornos as usize;
        let n = u16_en(g, fin)? as usize;
        let mut v = Vec::with_capacity(g.len().saturating_sub(n));
        v.extend_from_slice(g.get(..fin)?);
        v.extend_from_slice(&0u16.to_be_bytes());
        v.extend_from_slice(g.get(fin + 2 + n..)?);
        return Some(v);
    }
    // A composite: its components, the last one's instructions dropped.
    let mut v = g.to_vec();
    let mut i = 10;
    loop {
        let banderas = u16_en(&v, i)?;
        let sin = banderas & !0x0100;
        v.get_mut(i..i + 2)?.copy_from_slice(&sin.to_be_bytes());
        let mut largo = 4 + if banderas & 0x0001 != 0 { 4 } else { 2 };
        if banderas & 0x0008 != 0 {
            largo += 2;
        } else if banderas & 0x0040 != 0 {
            largo += 4;
        } else if banderas & 0x0080 != 0 {
            largo += 8;
        }
        i += largo;
        if banderas & 0x0020 == 0 {
            v.truncate(i.min(v.len()));
            return Some(v);
        }
    }
}

fn suma(b: &[u8]) -> u32 {
    b.chunks(4).fold(0u32, |s, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        s.wrapping_add(u32::from_be_bytes(w))
    })
}

fn armar(version: u32, tablas: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tablas.len() as u16;
    let potencia = 1u16 << (15 - n.leading_zeros().min(15));
    let mut v = Vec::new();
    v.extend_from_slice(&version.to_be_bytes());
    v.extend_from_slice(&n.to_be_bytes());
    v.extend_from_slice(&(potencia * 16).to_be_bytes());
    v.extend_from_slice(&(potencia.trailing_zeros() as u16).to_be_bytes());
    v.extend_from_slice(&(n * 16 - potencia * 16).to_be_bytes());
    let mut desde = 12 + 16 * tablas.len();
    for (tag, datos) in tablas {
        v.extend_from_slice(tag);
        v.extend_from_slice(&suma(datos).to_be_bytes());
        v.extend_from_slice(&(desde as u32).to_be_bytes());
        v.extend_from_slice(&(datos.len() as u32).to_be_bytes());
        desde += datos.len().div_ceil(4) * 4;
    }
    for (_, datos) in tablas {
        v.extend_from_slice(datos);
        v.resize(v.len().div_ceil(4) * 4, 0);
    }
    v
}

fn posicion_de(fuente: &[u8], tag: &[u8; 4]) -> Option<usize> {
    let n = u16_en(fuente, 4)? as usize;
    (0..n)
        .find(|k| fuente.get(12 + 16 * k..16 + 16 * k) == Some(tag.as_slice()))
        .and_then(|k| u32_en(fuente, 12 + 16 * k + 8))
        .map(|d| d as usize)
}

#[cfg(test)]
mod tests {
    use printpdf::ParsedFont;

    #[test]
    fn a_font_without_hinting_keeps_every_glyph_its_width_and_its_outline() {
        let original = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
        let sin = super::sin_hinting(original).unwrap();
        assert!(
            sin.len() < original.len() * 3 / 4,
            "{} of {}",
            sin.len(),
            original.len()
        );
        let a = ParsedFont::from_bytes(original, 0, &mut vec![]).unwrap();
        let b = ParsedFont::from_bytes(&sin, 0, &mut vec![]).unwrap();
        assert_eq!(a.num_glyphs, b.num_glyphs);
        for c in "AaÑñÁé«»—…€0123456789 ".chars() {
            let (ga, gb) = (
                a.lookup_glyph_index(c as u32),
                b.lookup_glyph_index(c as u32),
            );
            assert_eq!(ga, gb, "{c}");
            let g = ga.unwrap();
            assert_eq!(
                a.get_glyph_width_internal(g),
                b.get_glyph_width_internal(g),
                "{c}"
            );
        }
        // Not a TrueType font: left alone.
        assert!(super::sin_hinting(b"%PDF-1.7 no es una fuente").is_none());
        assert!(super::sin_hinting(&original[..200]).is_none());
    }
}
