//! The Dirección Nacional's page (#20), served by `central servir`: read-only, in Spanish,
//! behind a login. Rendered on the server as HTML with its charts as inline SVG — nothing is
//! fetched from elsewhere (no CDN, no script), so it works on a closed network and prints as
//! it shows. The XLSX export is the same data (`nacional_xlsx`).

use coactiva::dinero::{Centavos, Formato};
use coactiva::sync::central::{nombre_tramo, Nacional};

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn usd(c: i64) -> String {
    format!("USD {}", Centavos(c).agrupado(Formato::Ecuador))
}

fn miles(n: i64) -> String {
    coactiva::texto::miles(n)
}

const ESTILO: &str = "
body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}
header{background:#0b4f8a;color:#fff;padding:14px 28px;display:flex;justify-content:space-between;align-items:center}
header h1{font-size:20px;margin:0} header form{margin:0}
main{padding:18px 28px;max-width:1200px}
section{background:#fff;border:1px solid #d5dbe1;border-radius:6px;padding:14px 18px;margin-bottom:18px}
h2{font-size:17px;margin:0 0 10px} table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e2e6ea;padding:5px 8px;text-align:left} td.n,th.n{text-align:right}
.aviso{color:#9b1c1c;font-weight:bold} .ok{color:#1f6f3f}
.rejilla{display:grid;grid-template-columns:1fr 1fr;gap:18px}
button,.boton{background:#0b4f8a;color:#fff;border:0;border-radius:4px;padding:7px 14px;font-size:14px;text-decoration:none;cursor:pointer}
header button{background:#fff;color:#0b4f8a}
label{display:block;margin:10px 0 4px} input{font-size:15px;padding:6px;width:260px}
@media print{header form,.boton{display:none} body{background:#fff}}
";

fn documento(titulo: &str, cuerpo: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"es-EC\"><head><meta charset=\"utf-8\"><title>{}</title><style>{ESTILO}</style></head><body>{cuerpo}</body></html>",
        esc(titulo)
    )
}

/// The login form, with a message when the last attempt failed.
pub fn ingreso(mensaje: Option<&str>) -> String {
    let aviso = mensaje
        .map(|m| {
            format!(
                "<p class=\"aviso\" role=\"alert\" id=\"aviso\">{}</p>",
                esc(m)
            )
        })
        .unwrap_or_default();
    documento(
        "Coactiva — Dirección Nacional",
        &format!(
            "<header><h1>Coactiva — Dirección Nacional de Gestión de Coactiva</h1></header><main><section style=\"max-width:420px\">
<h2>Ingreso</h2>{aviso}
<form method=\"post\" action=\"/nacional/ingreso\">
<label for=\"usuario\">Usuario</label><input id=\"usuario\" name=\"usuario\" autocomplete=\"username\" required>
<label for=\"clave\">Clave</label><input id=\"clave\" name=\"clave\" type=\"password\" autocomplete=\"current-password\" required>
<p><button type=\"submit\" id=\"ingresar\">Ingresar</button></p></form></section></main>"
        ),
    )
}

/// Horizontal bars: one per (label, value), scaled to the largest.
fn barras(id: &str, titulo: &str, filas: &[(String, i64, String)]) -> String {
    let alto_fila = 22;
    let ancho = 560;
    let etiqueta = 170;
    let max = filas.iter().map(|f| f.1).max().unwrap_or(0).max(1);
    let alto = filas.len() as i64 * alto_fila + 10;
    let mut svg = format!(
        "<svg id=\"{id}\" role=\"img\" aria-label=\"{}\" width=\"100%\" style=\"max-width:{ancho}px\" viewBox=\"0 0 {ancho} {alto}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">",
        esc(titulo)
    );
    for (i, (nombre, valor, texto)) in filas.iter().enumerate() {
        let y = i as i64 * alto_fila + 4;
        let largo = ((*valor as f64 / max as f64) * (ancho - etiqueta - 230) as f64).round() as i64;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{etiqueta}\" y=\"{y}\" width=\"{}\" height=\"16\" fill=\"#2f7fc1\"><title>{}: {}</title></rect><text x=\"{}\" y=\"{}\">{}</text>",
            etiqueta - 6,
            y + 12,
            esc(nombre),
            largo.max(1),
            esc(nombre),
            esc(texto),
            etiqueta + largo + 6,
            y + 12,
            esc(texto)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The national page.
pub fn nacional(n: &Nacional, nombres: &str) -> String {
    use std::collections::BTreeMap;
    // By province: procesos and amounts, and the stages as columns of a table.
    let mut provincias: BTreeMap<String, (String, i64, i64)> = BTreeMap::new();
    let mut etapas: Vec<(String, String)> = vec![];
    for f in &n.por_etapa {
        let p = provincias
            .entry(f.provincia.clone())
            .or_insert((f.nombre_provincia.clone(), 0, 0));
        p.1 += f.procesos;
        p.2 += f.monto;
        if !etapas.iter().any(|e| e.0 == f.etapa) {
            etapas.push((f.etapa.clone(), f.nombre_etapa.clone()));
        }
    }
    let orden: Vec<&str> = coactiva::procesos::Etapa::TODAS
        .iter()
        .map(|e| e.codigo())
        .collect();
    etapas.sort_by_key(|e| orden.iter().position(|o| *o == e.0).unwrap_or(99));
    let total_procesos: i64 = provincias.values().map(|p| p.1).sum();
    let total_monto: i64 = provincias.values().map(|p| p.2).sum();
    let grafico_provincias = barras(
        "grafico-provincias",
        "Procesos por provincia",
        &provincias
            .values()
            .map(|(nombre, procesos, _)| (nombre.clone(), *procesos, miles(*procesos)))
            .collect::<Vec<_>>(),
    );
    let mut tabla = String::from("<table id=\"tabla-etapas\"><thead><tr><th>Provincia</th>");
    for (_, nombre) in &etapas {
        let mut cs = nombre.chars();
        let titulo: String = cs
            .next()
            .map(|c| c.to_uppercase().chain(cs).collect())
            .unwrap_or_default();
        tabla.push_str(&format!("<th class=\"n\">{}</th>", esc(&titulo)));
    }
    tabla.push_str("<th class=\"n\">Procesos</th><th class=\"n\">Monto</th></tr></thead><tbody>");
    for (codigo, (nombre, procesos, monto)) in &provincias {
        tabla.push_str(&format!("<tr><td>{}</td>", esc(nombre)));
        for (e, _) in &etapas {
            let v = n
                .por_etapa
                .iter()
                .find(|f| &f.provincia == codigo && &f.etapa == e)
                .map(|f| f.procesos)
                .unwrap_or(0);
            tabla.push_str(&format!("<td class=\"n\">{}</td>", miles(v)));
        }
        tabla.push_str(&format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            miles(*procesos),
            usd(*monto)
        ));
    }
    tabla.push_str(&format!(
        "</tbody><tfoot><tr><th>Total nacional</th>{}<th class=\"n\">{}</th><th class=\"n\">{}</th></tr></tfoot></table>",
        "<th></th>".repeat(etapas.len()),
        miles(total_procesos),
        usd(total_monto)
    ));
    let grafico_edad = barras(
        "grafico-antiguedad",
        "Antigüedad de la cartera",
        &n.antiguedad
            .iter()
            .map(|t| {
                (
                    nombre_tramo(&t.tramo).to_string(),
                    t.monto,
                    format!("{} · {} procesos", usd(t.monto), miles(t.procesos)),
                )
            })
            .collect::<Vec<_>>(),
    );
    let grafico_recuperacion = barras(
        "grafico-recuperacion",
        "Recuperación por unidad",
        &n.recuperacion
            .iter()
            .map(|r| {
                (
                    format!("{} {}", r.unidad, r.provincia),
                    r.recuperado,
                    usd(r.recuperado),
                )
            })
            .collect::<Vec<_>>(),
    );
    let mut entregas = String::from("<table id=\"tabla-entregas\"><thead><tr><th>Unidad</th><th>Provincia</th><th class=\"n\">Títulos</th><th class=\"n\">Procesos</th><th class=\"n\">Paquetes</th><th>Última entrega</th><th>Brecha</th></tr></thead><tbody>");
    for u in &n.unidades {
        let brecha = match u.falta_paquete {
            Some(f) => format!("<span class=\"aviso\">falta el paquete {f}</span>"),
            None => "<span class=\"ok\">ninguna</span>".into(),
        };
        entregas.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{brecha}</td></tr>",
            esc(&u.unidad),
            esc(&u.provincia),
            miles(u.titulos),
            miles(u.procesos),
            miles(u.paquetes),
            esc(&u
                .ultima_entrega
                .as_deref()
                .map(coactiva::fechas::fecha_larga_de_marca)
                .unwrap_or_else(|| "nunca".into()))
        ));
    }
    entregas.push_str("</tbody></table>");
    let al = chrono::NaiveDate::parse_from_str(&n.al, "%Y-%m-%d")
        .map(coactiva::fechas::larga)
        .unwrap_or_else(|_| n.al.clone());
    documento(
        "Coactiva — Resumen nacional",
        &format!(
            "<header><h1>Coactiva — Resumen nacional al {al}</h1><form method=\"post\" action=\"/nacional/salir\"><span style=\"margin-right:12px\">{}</span><button type=\"submit\" id=\"salir\">Salir</button></form></header>
<main>
<p><a class=\"boton\" id=\"exportar\" href=\"/nacional/resumen.xlsx\">Descargar en Excel (XLSX)</a></p>
<section id=\"provincias\"><h2>Procesos y montos por provincia y etapa</h2><p>{} procesos, {} en títulos.</p>{grafico_provincias}{tabla}</section>
<div class=\"rejilla\">
<section id=\"antiguedad\"><h2>Antigüedad de la cartera en cobro</h2><p>Días desde la apertura del proceso; sin los pagados, anulados y remitidos a insolvencia.</p>{grafico_edad}</section>
<section id=\"recuperacion\"><h2>Recuperación por unidad</h2><p>Pagos registrados, sin los anulados.</p>{grafico_recuperacion}</section>
</div>
<section id=\"entregas\"><h2>Entregas de las unidades</h2>{entregas}</section>
</main>",
            esc(nombres),
            miles(total_procesos),
            usd(total_monto)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_amounts_read_as_in_ecuador() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
        assert_eq!(usd(123456), "USD 1.234,56");
        assert!(ingreso(Some("<script>")).contains("&lt;script&gt;"));
    }
}
