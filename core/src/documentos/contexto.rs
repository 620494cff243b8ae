//! The data a template is filled with: the unit, the proceso, its título and partes, amounts
//! in figures and in words, dates in Spanish.

use super::*;
use crate::cargos::{Cargo, Genero};

pub(super) fn hora(clock_iso: &str) -> String {
    DateTime::<FixedOffset>::parse_from_rfc3339(clock_iso)
        .map(|d| format!("las {:02}h{:02}", d.hour(), d.minute()))
        .unwrap_or_default()
}

pub(super) fn tipo_identificacion(id: &str) -> &'static str {
    if id.len() == 13 {
        "RUC"
    } else {
        "cédula"
    }
}

/// The kind of identification at the start of a line: «RUC», «Cédula» (never «Ruc»).
pub(super) fn tipo_identificacion_titulo(id: &str) -> &'static str {
    if id.len() == 13 {
        "RUC"
    } else {
        "Cédula"
    }
}

pub(super) fn fecha_larga(iso: Option<String>) -> Option<String> {
    iso.and_then(|s| s.parse().ok()).map(fechas::larga)
}

/// Everything a template may use, read from the database.
pub(super) fn contexto(
    conn: &Connection,
    numero: &str,
    o: &Opciones,
    ahora: &str,
) -> Result<Value> {
    let u = conn
        .prepare_cached("SELECT nombre, ciudad, codigo, provincia, jefe_nombres, formato_importe, nivel, jefe_genero FROM unidad WHERE id = 1")?.query_row( [], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?,
                r.get::<_, String>(6)?, r.get::<_, Option<String>>(7)?))
        })
        .optional()?
        .ok_or(Error::NoInicializada)?;
    let formato = if u.5 == "anglo" {
        Formato::Anglo
    } else {
        Formato::Ecuador
    };
    let p = conn
        .prepare_cached("SELECT p.id, p.numero, p.etapa, p.abogado, t.numero, t.fecha_emision, t.fecha_exigibilidad, t.concepto, t.periodo, t.numero_patronal,
                    t.capital, t.intereses, t.total, t.identificacion, t.obligado, t.direccion
             FROM procesos p JOIN titulos t ON t.numero = p.titulo WHERE p.numero = ?1")?.query_row(
            [numero],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?, r.get::<_, Option<String>>(6)?, r.get::<_, String>(7)?, r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?, r.get::<_, i64>(10)?, r.get::<_, i64>(11)?, r.get::<_, i64>(12)?,
                    r.get::<_, String>(13)?, r.get::<_, String>(14)?, r.get::<_, Option<String>>(15)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el proceso {numero}")))?;
    let (
        id,
        numero,
        etapa,
        abogado_id,
        titulo,
        emision,
        exigibilidad,
        concepto,
        periodo,
        patronal,
        capital,
        intereses,
        total,
        ident,
        obligado,
        direccion,
    ) = p;
    let (ab_nombres, ab_registro, ab_genero): (String, Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT nombres, registro_profesional, genero FROM abogados WHERE identificacion = ?1",
        )?
        .query_row([&abogado_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .unwrap_or_default();
    // What Cartera recorded about the título's issue.
    type Emision = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let em: Emision = conn.prepare_cached("SELECT emisor, lugar_emision, firmante, cargo_firmante, fecha_intereses, orden_cobro, fecha_orden_cobro FROM titulos WHERE numero = ?1")?.query_row(
        [&titulo],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let nivel = crate::unidad::Nivel::parse(&u.6).unwrap_or(crate::unidad::Nivel::Unidad);
    let jefe_genero = Genero::leer(u.7.as_deref());
    let ab_genero = Genero::leer(ab_genero.as_deref());
    let mut partes = vec![];
    {
        let mut st = conn.prepare_cached("SELECT identificacion, nombres, rol, direccion FROM partes WHERE proceso_id = ?1 ORDER BY rol DESC, identificacion")?;
        let v = st.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for x in v {
            partes.push(x?);
        }
    }
    let garantes: Vec<String> = partes
        .iter()
        .filter(|p| p.2 != "obligado")
        .map(|p| format!("{} ({})", p.1, p.0))
        .collect();
    let parte_id = o.parte.clone().unwrap_or_else(|| ident.clone());
    let parte = partes
        .iter()
        .find(|p| p.0 == parte_id)
        .ok_or_else(|| Error::entrada(format!("{parte_id} no es parte del proceso {numero}")))?;
    // The party's diligencias, as the razón de citación tells them: those of the act last
    // served to it, each in the citador's words, and who practised them (each signs with the
    // title of his role: a citador, or the abogado or Jefe who served it himself).
    let todas = crate::procesos::citaciones_de(conn, id)?;
    let de_parte: Vec<&crate::procesos::Citacion> =
        todas.iter().filter(|c| c.parte == parte_id).collect();
    let acto = de_parte
        .last()
        .map(|c| c.acto.clone())
        .unwrap_or_else(|| "orden_pago".into());
    let del_acto: Vec<&crate::procesos::Citacion> = de_parte
        .iter()
        .copied()
        .filter(|c| c.acto == acto)
        .collect();
    let citada = crate::citaciones::citada_desde(&todas, &parte_id, &acto);
    let cargo_de = |rol: Option<&str>| match rol {
        Some("jefe") => Cargo::Ejecutor,
        Some("abogado") => Cargo::SecretarioAbogado,
        _ => Cargo::Citador,
    };
    let mut citadores: Vec<Value> = vec![];
    let mut vistos: Vec<String> = vec![];
    for c in &del_acto {
        if vistos.contains(&c.citador) {
            continue;
        }
        vistos.push(c.citador.clone());
        let (rol, genero, abogado): (Option<String>, Option<String>, Option<String>) = conn
            .prepare_cached("SELECT u.rol, COALESCE(u.genero, a.genero, CASE WHEN u.rol = 'jefe' THEN (SELECT jefe_genero FROM unidad WHERE id = 1) END), u.abogado
                 FROM usuarios u LEFT JOIN abogados a ON a.identificacion = u.abogado WHERE u.usuario = ?1")?.query_row(
                [&c.citador],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .unwrap_or_default();
        // The abogado of the proceso signs the razón anyway: not twice.
        if abogado.as_deref() == Some(abogado_id.as_str()) {
            continue;
        }
        citadores.push(json!({"nombres": c.citador_nombres, "cargo": cargo_de(rol.as_deref()).forma(Genero::leer(genero.as_deref()))}));
    }
    let ultima = del_acto.last().copied();
    let cit = ultima.map(|c| {
        let primero = citadores.first().cloned().unwrap_or(Value::Null);
        (c.tipo.clone(), c.fecha.clone(), c.detalle.clone(), primero)
    });
    let citaciones_parte: Vec<String> = de_parte
        .iter()
        .filter(|c| c.resultado == "citado")
        .map(|c| c.tipo.clone())
        .collect();
    // The boleta about to be left: the second once a first one is recorded.
    let ordinal_boleta = if del_acto
        .iter()
        .any(|c| c.tipo == "boleta1" && c.resultado == "citado")
    {
        "SEGUNDA"
    } else {
        "PRIMERA"
    };
    let diligencias: Vec<String> = del_acto
        .iter()
        .map(|c| crate::citaciones::describir(c, &parte.1))
        .collect();
    let conclusion = match citada {
        Some(d) => format!(
            "En consecuencia, {} quedó citado con {} el {}.",
            parte.1,
            crate::citaciones::nombre_acto(&acto),
            fechas::larga(d)
        ),
        None => format!(
            "Hasta la fecha no ha sido posible completar la citación de {} con {}.",
            parte.1,
            crate::citaciones::nombre_acto(&acto)
        ),
    };
    // When the orden de pago entered the expediente, for the boleta and the razón.
    let fecha_orden_pago: Option<String> = conn
        .prepare_cached("SELECT fecha FROM actuaciones WHERE proceso_id = ?1 AND descripcion = 'Orden de pago inmediato' ORDER BY orden DESC LIMIT 1")?.query_row(
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let descripcion_cit = |tipo: &str| match tipo {
        "personal" => "cité personalmente",
        "boleta1" => "cité mediante primera boleta dejada en su domicilio",
        "boleta2" => {
            "cité mediante segunda boleta, en día distinto de la primera, dejada en su domicilio"
        }
        "prensa" => "cité por la prensa, por ser imposible determinar su domicilio",
        "electronica" => "cité por medios electrónicos en la dirección señalada",
        _ => "cité",
    };
    let m = |c: i64| Centavos(c).agrupado(formato);
    // The términos as the unit set them, in words and figures: «TRES (3) DÍAS».
    let termino = |clave: &str| -> Result<Value> {
        let dias: u64 = conn
            .prepare_cached("SELECT valor FROM configuracion WHERE clave = ?1")?
            .query_row([clave], |r| r.get::<_, String>(0))
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let texto = if dias == 1 {
            "UN (1) DÍA".to_string()
        } else {
            format!("{} ({dias}) DÍAS", letras::numero(dias).to_uppercase())
        };
        Ok(json!({"dias": dias, "texto": texto}))
    };
    let terminos = json!({
        "orden_pago": termino("termino_orden_pago")?,
        "requerimiento": termino("termino_requerimiento")?,
    });
    let dia: String = ahora.get(..10).unwrap_or_default().to_string();
    let base_dias = crate::liquidacion::Reglas::de(conn)?.base_dias;
    // What is owed today (absent when a day of mora has no rate: the liquidación then refuses).
    let liquidacion = dia
        .parse()
        .ok()
        .and_then(|al| crate::liquidacion::de_proceso_en(conn, &numero, al).ok());
    let al: Option<chrono::NaiveDate> = dia.parse().ok();
    let convenio = match al {
        Some(al) => crate::convenios::ultimo_en(conn, &titulo, al)?,
        None => None,
    };
    let honorario = crate::honorarios::aprobada_en(conn, &numero)?;
    // When the proceso was referred to insolvency.
    let remision: Option<String> = conn
        .prepare_cached("SELECT desde FROM etapas WHERE proceso_id = ?1 AND etapa = 'insolvencia' ORDER BY id DESC LIMIT 1")?.query_row(
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json!({
        "convenio": convenio.as_ref().map(|c| json!({
            "numero": c.id, "desde": fechas::larga(c.desde), "saldo": m(c.saldo.0), "saldo_letras": letras::monto(c.saldo),
            "entrada": (c.entrada.0 > 0).then(|| m(c.entrada.0)), "entrada_letras": (c.entrada.0 > 0).then(|| letras::monto(c.entrada)),
            "cuotas": c.cuotas, "cuotas_letras": letras::numero(c.cuotas as u64), "tasa": c.tasa.replace('.', ","),
            "total": m(c.total.0), "total_letras": letras::monto(c.total),
            "intereses": m(c.total.0 - c.saldo.0),
            "limite": crate::convenios::limite_de(conn).unwrap_or(2),
            "tabla": c.tabla.iter().map(|q| if q.numero == 0 {
                format!("Entrada, el {}: USD {}", fechas::corta(q.vence), m(q.valor().0))
            } else {
                format!("Cuota {}, vence el {}: USD {} (USD {} de capital y USD {} de interés)",
                    q.numero, fechas::corta(q.vence), m(q.valor().0), m(q.amortizacion.0), m(q.interes.0))
            }).collect::<Vec<_>>(),
        })).unwrap_or(Value::Null),
        "honorarios": honorario.as_ref().map(|h| json!({
            "numero": h.0, "fecha": fechas::larga(h.1), "recuperado": m(h.2), "recuperado_letras": letras::monto(Centavos(h.2)),
            "porcentaje": crate::liquidacion::TasaAnual(h.3).texto(), "valor": m(h.4), "valor_letras": letras::monto(Centavos(h.4)),
            "abogado": h.5, "abogado_identificacion": h.6,
        })).unwrap_or(Value::Null),
        "insolvencia": {"fecha": fecha_larga(remision)},
        "unidad": {"nombre": u.0, "ciudad": u.1, "codigo": u.2, "provincia": crate::unidad::nombre_provincia(&u.3).unwrap_or(""), "jefe": u.4,
                   "jefe_cargo": Cargo::Jefe(nivel).forma(jefe_genero), "ejecutor_cargo": Cargo::Ejecutor.forma(jefe_genero)},
        "proceso": {"numero": numero, "etapa": crate::procesos::Etapa::parse(&etapa).map(|e| e.nombre()).unwrap_or(""), "etapa_codigo": etapa},
        "orden_pago": {"fecha": fecha_larga(fecha_orden_pago)},
        "boleta": {"ordinal": ordinal_boleta},
        "titulo": {
            "numero": titulo, "fecha_emision": fecha_larga(Some(emision)), "fecha_exigibilidad": fecha_larga(exigibilidad),
            "concepto": concepto, "periodo": periodo, "numero_patronal": patronal,
            "capital": m(capital), "intereses": m(intereses), "total": m(total), "total_letras": letras::monto(Centavos(total)),
            "emisor": em.0, "lugar_emision": em.1, "firmante": em.2, "cargo_firmante": em.3, "fecha_intereses": fecha_larga(em.4),
        },
        "orden_cobro": {"numero": em.5, "fecha": fecha_larga(em.6)},
        "obligado": {"nombres": obligado, "identificacion": ident, "tipo_identificacion": tipo_identificacion(&ident), "tipo_identificacion_inicial": tipo_identificacion_titulo(&ident), "direccion": direccion},
        "garantes": garantes,
        "terminos": terminos,
        "abogado": {"nombres": ab_nombres, "identificacion": abogado_id, "registro": ab_registro, "cargo": Cargo::SecretarioAbogado.forma(ab_genero)},
        "parte": {"nombres": parte.1, "identificacion": parte.0, "identificacion_texto": format!("con {} N.º {}", tipo_identificacion(&parte.0), parte.0), "direccion": parte.3,
                  "citaciones": citaciones_parte, "citada": citada.is_some()},
        "citacion": cit.as_ref().map(|c| json!({"tipo": c.0, "descripcion": descripcion_cit(&c.0), "fecha": fecha_larga(Some(c.1.clone())), "detalle": c.2,
                "citador": c.3["nombres"], "citador_cargo": c.3["cargo"], "acto": crate::citaciones::nombre_acto(&acto), "conclusion": conclusion}))
            .unwrap_or(Value::Null),
        "diligencias": diligencias,
        "citadores": citadores,
        "liquidacion": liquidacion.as_ref().map(|l| json!({
            "capital": m(l.capital.0), "capital_titulo": m(l.capital_titulo.0), "intereses_titulo": m(l.intereses_titulo.0), "mora": m(l.mora.0),
            "mora_desde": l.mora_desde.map(fechas::larga), "intereses": m(l.intereses.0),
            "costas": m(l.costas.0), "honorarios": m(l.honorarios.0),
            "abonos": m(l.pagado.0), "abonos_letras": letras::monto(l.pagado), "base": base_dias, "saldo_centavos": l.saldo.0, "saldo": m(l.saldo.0),
            "retenido": (l.retenido.0 > 0).then(|| m(l.retenido.0)), "saldo_letras": letras::monto(l.saldo),
            "tramos": l.tramos.iter().map(|t| format!(
                "Del {} al {}: {} {} al {} % anual sobre USD {}: USD {}",
                fechas::corta(t.desde), fechas::corta(t.hasta), t.dias, if t.dias == 1 { "día" } else { "días" },
                t.tasa.replace('.', ","), m(t.capital.0), m(t.interes.0)
            )).collect::<Vec<_>>(),
        })).unwrap_or(Value::Null),
        "fecha": dia.parse().map(fechas::larga).unwrap_or_default(),
        "hoy": dia,
        "hora": hora(ahora),
        "texto": o.texto,
        "destinatario": o.destinatario,
        "embargo": match o.embargo {
            Some(id) => crate::bienes::contexto(conn, id, &numero)?,
            None => Value::Null,
        },
        "remate": match o.remate {
            Some(id) => crate::remates::contexto(conn, id, &numero)?,
            None => Value::Null,
        },
        "medida": match o.medida {
            Some(id) => crate::medidas::contexto(conn, id, &numero, formato)?,
            None => Value::Null,
        },
    }))
}

/// Drops `null` and blank values so templates see them as undefined: `{% if %}` skips them,
/// and printing one refuses the document instead of leaving a blank on the page.
pub(super) fn sin_nulos(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
                .map(|(k, v)| (k, sin_nulos(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(sin_nulos).collect()),
        v => v,
    }
}
