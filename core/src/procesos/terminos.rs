//! Términos and plazos: what is due for a proceso, counted in business days on the unit's
//! calendar, and the list of those expired or about to expire.

use super::*;

/// A deadline that has passed or is near.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Vencimiento {
    pub numero: String,
    pub etapa: Etapa,
    /// What is due, in words.
    pub que: String,
    pub vence: NaiveDate,
    /// Business days left (negative: days since it expired).
    pub dias_habiles: i64,
    pub vencido: bool,
    /// A término of the procedure the Secretario-Abogado must act on (not his own plazo, not
    /// a convenio's cuota): what the evaluation of abogados counts when it expires.
    pub de_tramite: bool,
}

/// The términos and plazos running for one proceso today.
pub(super) fn terminos_de(
    store: &dyn Reader,
    p: &Proceso,
    partes: &[Parte],
    cits: &[Citacion],
    cal: &Calendario,
    hoy: NaiveDate,
) -> Result<Vec<Vencimiento>> {
    let mut v = vec![];
    if p.etapa.terminal() || p.etapa == Etapa::Suspendido {
        return Ok(v);
    }
    let mut agregar = |que: String, vence: NaiveDate, de_tramite: bool| {
        let d = cal.habiles_entre(hoy, vence);
        v.push(Vencimiento {
            numero: p.numero.clone(),
            etapa: p.etapa,
            que,
            vence,
            dias_habiles: d,
            vencido: vence < hoy,
            de_tramite,
        });
    };
    let historia = historia(store, p.id)?;
    let suspensiones = suspensiones(&historia);
    match p.etapa {
        Etapa::RequerimientoPago => {
            let n = configuracion::numero(store, "termino_requerimiento")?;
            // From the day it was notified; a suspension in between does not count.
            let desde = entrada_en(&historia, Etapa::RequerimientoPago)
                .or_else(|| p.etapa_desde.parse().ok())
                .unwrap_or(hoy);
            if let Some(vence) = correr(cal, desde, n, &suspensiones) {
                agregar(
                    format!("pago voluntario ({n} días hábiles desde el requerimiento)"),
                    vence,
                    true,
                );
            }
        }
        Etapa::OrdenPago | Etapa::Citacion => {
            // Per party, from the day it was cited; business days, suspensions excluded.
            let n = configuracion::numero(store, "termino_orden_pago")?;
            for pa in partes {
                if let Some(f) =
                    crate::citaciones::citada_desde(cits, &pa.identificacion, "orden_pago")
                {
                    if let Some(vence) = correr(cal, f, n, &suspensiones) {
                        let quien = if partes.len() > 1 {
                            format!(": {} ({})", pa.nombres, pa.rol)
                        } else {
                            String::new()
                        };
                        agregar(
                            format!("pagar o dimitir bienes ({n} días hábiles desde la citación del {}){quien}", fechas::corta(f)),
                            vence,
                            true,
                        );
                    }
                }
            }
        }
        _ => {}
    }
    // The abogado's plazo from the day the título was drawn to them.
    let recibido: Option<String> = store
        .conn()
        .query_row(
            "SELECT s.fecha FROM asignaciones a JOIN sorteos s ON s.numero = a.sorteo WHERE a.titulo = ?1 ORDER BY a.sorteo DESC LIMIT 1",
            [&p.titulo],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(d) = recibido.and_then(|f| f.get(..10).and_then(|d| d.parse::<NaiveDate>().ok())) {
        let plazo = configuracion::numero(store, "plazo_abogado")?;
        let prorroga = configuracion::numero(store, "prorroga_abogado")?;
        let fin = calendario::plazo(d, plazo);
        if hoy <= fin {
            agregar(
                format!("plazo del abogado para cobrar ({plazo} días)"),
                fin,
                false,
            );
        } else {
            agregar(
                format!("prórroga del plazo del abogado ({prorroga} días más)"),
                calendario::plazo(fin, prorroga),
                false,
            );
        }
    }
    Ok(v)
}

/// A proceso's stage history: (stage, from).
fn historia(db: &dyn Reader, proceso_id: i64) -> Result<Vec<(Etapa, NaiveDate)>> {
    let mut st = db
        .conn()
        .prepare_cached("SELECT etapa, desde FROM etapas WHERE proceso_id = ?1 ORDER BY id")?;
    let v = st.query_map([proceso_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = vec![];
    for x in v {
        let (e, d) = x?;
        if let (Ok(e), Some(d)) = (Etapa::parse(&e), d.get(..10).and_then(|d| d.parse().ok())) {
            out.push((e, d));
        }
    }
    Ok(out)
}

/// The periods the proceso was suspended: from the day it was, to the day it resumed (open
/// while it still is).
pub(crate) fn suspensiones(h: &[(Etapa, NaiveDate)]) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut v = vec![];
    for (i, (e, d)) in h.iter().enumerate() {
        if *e == Etapa::Suspendido {
            v.push((*d, h.get(i + 1).map(|x| x.1)));
        }
    }
    v
}

/// The day the proceso entered `etapa` the last time, a return from a suspension not being
/// a new entry.
fn entrada_en(h: &[(Etapa, NaiveDate)], etapa: Etapa) -> Option<NaiveDate> {
    let mut entrada = None;
    for (i, (e, d)) in h.iter().enumerate() {
        if *e == etapa {
            let reanuda = i > 0 && h[i - 1].0 == Etapa::Suspendido;
            if !reanuda || entrada.is_none() {
                entrada = Some(*d);
            }
        } else if *e != Etapa::Suspendido {
            entrada = None;
        }
    }
    entrada
}

/// The day `n` business days after `desde` end, the days the proceso was suspended not
/// counting — from the day it was suspended to the day it resumed, both included: the count
/// goes on the day after, as it starts the day after a citación (a suspension still open
/// stops the count: `None`).
pub(crate) fn correr(
    cal: &Calendario,
    desde: NaiveDate,
    n: u32,
    suspensiones: &[(NaiveDate, Option<NaiveDate>)],
) -> Option<NaiveDate> {
    let relevantes: Vec<_> = suspensiones
        .iter()
        .filter(|(_, fin)| fin.is_none_or(|f| f > desde))
        .collect();
    if relevantes.is_empty() {
        return Some(cal.habiles(desde, n));
    }
    let suspendido = |d: NaiveDate| {
        relevantes
            .iter()
            .any(|(s, fin)| d >= *s && fin.is_none_or(|f| d <= f))
    };
    let mut d = desde;
    let mut contados = 0;
    // A término is at most a few hundred days long even with suspensions.
    for _ in 0..20_000 {
        if contados == n {
            return Some(d);
        }
        d = d.succ_opt()?;
        if suspendido(d) {
            if relevantes.iter().any(|(s, fin)| fin.is_none() && d >= *s) {
                return None;
            }
            continue;
        }
        if cal.es_habil(d) {
            contados += 1;
        }
    }
    None
}

/// The calendar términos are counted on: national holidays plus the unit's province's. The
/// expediente view and the list of vencimientos use this one, so they always agree.
pub(super) fn calendario_de_la_unidad(db: &dyn Reader, hoy: NaiveDate) -> Result<Calendario> {
    Calendario::para(db, hoy, unidad::cargar(db)?.map(|u| u.provincia).as_deref())
}

/// Procesos whose término has expired or expires within `dias` business days.
pub fn vencimientos(store: &dyn Reader, dias: i64) -> Result<Vec<Vencimiento>> {
    vencimientos_al(store, fechas::hoy(store.clock()), dias)
}

/// The same as [`vencimientos`], counted as on `hoy` (the procesos as they stand now).
pub fn vencimientos_al(store: &dyn Reader, hoy: NaiveDate, dias: i64) -> Result<Vec<Vencimiento>> {
    let cal = calendario_de_la_unidad(store, hoy)?;
    let f = formato(store);
    // Candidates only: procesos in a stage with a término, or whose abogado's plazo ends
    // before the window closes (N business days are at most 2N + 10 calendar days).
    let plazo = configuracion::numero(store, "plazo_abogado")? as i64;
    let corte = fechas::iso(hoy + chrono::Duration::days(dias.max(0) * 2 + 10 - plazo));
    let mut st = store.conn().prepare(&format!(
        "{SELECT} WHERE p.etapa NOT IN ('pagado', 'insolvencia', 'anulado', 'suspendido')
         AND (p.etapa IN ('requerimiento_pago', 'orden_pago', 'citacion')
              OR (SELECT substr(s.fecha, 1, 10) FROM asignaciones a JOIN sorteos s ON s.numero = a.sorteo
                  WHERE a.titulo = p.titulo ORDER BY a.sorteo DESC LIMIT 1) <= ?1)
         ORDER BY p.id"
    ))?;
    let procesos: Vec<Proceso> = st
        .query_map([corte], |r| de_fila(r, f))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for p in procesos {
        let partes = partes(store, p.id)?;
        let cits = citaciones_de(store.conn(), p.id)?;
        out.extend(
            terminos_de(store, &p, &partes, &cits, &cal, hoy)?
                .into_iter()
                .filter(|v| v.dias_habiles <= dias),
        );
    }
    // Convenios de pago: the next cuota (or the oldest unpaid one), and those in default.
    for a in crate::convenios::avisos(store, hoy, dias.max(0) * 2 + 10)? {
        let Some(p) = super::buscar_numero(store, &a.proceso)? else {
            continue;
        };
        let m = |c: crate::dinero::Centavos| c.agrupado(f);
        if let (Some(desde), "incumplido") = (a.incumplido_desde, a.estado.as_str()) {
            out.push(Vencimiento {
                numero: a.proceso.clone(),
                etapa: p.etapa,
                que: "convenio de pago incumplido: el saldo es exigible de inmediato".into(),
                vence: desde,
                dias_habiles: cal.habiles_entre(hoy, desde),
                vencido: true,
                de_tramite: false,
            });
            continue;
        }
        if let Some(q) = a.proxima {
            let que = if a.vencidas > 1 {
                format!(
                    "{} cuotas vencidas del convenio de pago, desde la cuota {} (USD {})",
                    a.vencidas,
                    q.numero,
                    m(a.vencido)
                )
            } else if q.numero == 0 {
                format!("entrada del convenio de pago (USD {})", m(q.valor()))
            } else {
                format!(
                    "cuota {} del convenio de pago (USD {})",
                    q.numero,
                    m(q.valor())
                )
            };
            let dias_habiles = cal.habiles_entre(hoy, q.vence);
            if dias_habiles <= dias {
                out.push(Vencimiento {
                    numero: a.proceso.clone(),
                    etapa: p.etapa,
                    que,
                    vence: q.vence,
                    dias_habiles,
                    vencido: q.vence < hoy,
                    de_tramite: false,
                });
            }
        }
    }
    out.sort_by_key(|v| (v.vence, v.numero.clone()));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_suspension_stops_the_count_and_it_goes_on_the_day_after_it_ends() {
        let cal = Calendario::nacional(2026..=2027);
        // Cited Wed 25/11/2026: three days are Thu 26, Fri 27 and Mon 30.
        assert_eq!(correr(&cal, d("2026-11-25"), 3, &[]), Some(d("2026-11-30")));
        // Suspended Thu 26 to Wed 2/12: the three days are Thu 3, Fri 4 and Mon 7.
        let s = [(d("2026-11-26"), Some(d("2026-12-02")))];
        assert_eq!(correr(&cal, d("2026-11-25"), 3, &s), Some(d("2026-12-07")));
        // Still suspended: nothing runs.
        assert_eq!(
            correr(&cal, d("2026-11-25"), 3, &[(d("2026-11-26"), None)]),
            None
        );
        // A suspension over before the citación changes nothing.
        let antes = [(d("2026-10-01"), Some(d("2026-10-10")))];
        assert_eq!(
            correr(&cal, d("2026-11-25"), 3, &antes),
            Some(d("2026-11-30"))
        );
    }

    #[test]
    fn a_return_from_suspension_is_not_a_new_entry_into_the_stage() {
        use Etapa::*;
        let h = [
            (OrdenCobro, d("2026-11-02")),
            (RequerimientoPago, d("2026-11-05")),
            (Suspendido, d("2026-11-10")),
            (RequerimientoPago, d("2026-11-20")),
        ];
        assert_eq!(entrada_en(&h, RequerimientoPago), Some(d("2026-11-05")));
        assert_eq!(
            suspensiones(&h),
            vec![(d("2026-11-10"), Some(d("2026-11-20")))]
        );
    }

    proptest::proptest! {
        /// Whatever the suspensions, the término ends on a business day outside them, after
        /// exactly `n` business days that were not suspended.
        #[test]
        fn exactly_n_unsuspended_business_days_are_counted(
            desde in 0i64..600,
            n in 1u32..30,
            cortes in proptest::collection::vec((0i64..700, 0i64..40), 0..4),
        ) {
            let cal = Calendario::nacional(2026..=2029);
            let base = d("2026-01-01");
            let desde = base + chrono::Duration::days(desde);
            let s: Vec<(NaiveDate, Option<NaiveDate>)> = cortes
                .iter()
                .map(|(a, l)| (base + chrono::Duration::days(*a), Some(base + chrono::Duration::days(a + l))))
                .collect();
            let fin = correr(&cal, desde, n, &s).unwrap();
            let suspendido = |x: NaiveDate| s.iter().any(|(a, b)| x >= *a && b.is_none_or(|b| x <= b));
            let mut contados = 0;
            let mut x = desde;
            while x < fin {
                x = x.succ_opt().unwrap();
                if cal.es_habil(x) && !suspendido(x) {
                    contados += 1;
                }
            }
            proptest::prop_assert_eq!(contados, n);
            proptest::prop_assert!(cal.es_habil(fin) && !suspendido(fin));
            proptest::prop_assert!(fin >= cal.habiles(desde, n));
        }
    }
}
