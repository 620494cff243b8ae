//! Checking each row as Cartera wrote it: columns, dates, amounts, identifications, the
//! arithmetic of capital, interest and total; a título already imported is reported by line.

use super::*;

/// Checks the header, then each row as it is read, collecting every problem.
pub(super) struct Validador<'p> {
    pub(super) hoy: NaiveDate,
    /// Position of each known column in the file, indexed by `Col as usize`.
    pub(super) posiciones: [Option<usize>; Col::TODAS.len()],
    pub(super) columnas_ok: bool,
    pub(super) vistos: HashMap<String, usize>,
    pub(super) lote: Vec<Nuevo>,
    pub(super) envio: Option<mpsc::SyncSender<Vec<Nuevo>>>,
    pub(super) informe: Informe,
    pub(super) progreso: Option<Progreso<'p>>,
}

/// Rows handed from the reader to the writer at a time.
pub(super) const LOTE: usize = 2048;

impl<'p> Validador<'p> {
    pub(super) fn new(hoy: NaiveDate, envio: Option<mpsc::SyncSender<Vec<Nuevo>>>) -> Self {
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

    pub(super) fn avance(&self, parte: f32) {
        if let Some(p) = self.progreso {
            p(parte.clamp(0.0, 1.0));
        }
    }

    pub(super) fn enviar(&mut self) {
        let lote = std::mem::replace(&mut self.lote, Vec::with_capacity(LOTE));
        if let Some(envio) = &self.envio {
            if envio.send(lote).is_err() {
                self.envio = None; // the writer stopped; keep checking for the report
            }
        }
    }

    pub(super) fn encabezado<'h>(&mut self, encabezado: impl Iterator<Item = &'h str>) {
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

    pub(super) fn fila(&mut self, linea: usize, celdas: &[Celda<'_>]) {
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
        let emisor = fila.texto(Col::Emisor, celda(Col::Emisor), false);
        let lugar_emision = fila.texto(Col::LugarEmision, celda(Col::LugarEmision), false);
        let firmante = fila.texto(Col::Firmante, celda(Col::Firmante), false);
        let cargo_firmante = fila.texto(Col::CargoFirmante, celda(Col::CargoFirmante), false);
        let fecha_intereses =
            fila.fecha(Col::FechaIntereses, celda(Col::FechaIntereses), hoy, false);
        let orden_cobro = fila.texto(Col::OrdenCobro, celda(Col::OrdenCobro), false);
        let fecha_orden_cobro = fila.fecha(
            Col::FechaOrdenCobro,
            celda(Col::FechaOrdenCobro),
            hoy,
            false,
        );
        if firmante.is_some() != cargo_firmante.is_some() {
            fila.error(
                if firmante.is_some() {
                    Col::CargoFirmante
                } else {
                    Col::Firmante
                },
                "el firmante del título y su cargo van juntos: indique los dos o ninguno",
            );
        }
        if orden_cobro.is_some() != fecha_orden_cobro.is_some() {
            fila.error(
                if orden_cobro.is_some() {
                    Col::FechaOrdenCobro
                } else {
                    Col::OrdenCobro
                },
                "la orden de cobro se cita con su número y su fecha: indique los dos o ninguno",
            );
        }
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
            emisor,
            lugar_emision,
            firmante,
            cargo_firmante,
            fecha_intereses,
            orden_cobro,
            fecha_orden_cobro,
            json: String::new(),
        };
        nuevo.json = serde_json::to_string(&nuevo).expect("un título se serializa");
        self.lote.push(nuevo);
        if self.lote.len() >= LOTE {
            self.enviar();
        }
    }

    pub(super) fn terminar(mut self) -> Informe {
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
pub(super) struct Fila<'a> {
    pub(super) linea: usize,
    pub(super) informe: &'a mut Informe,
    pub(super) ok: bool,
}

impl Fila<'_> {
    pub(super) fn error(&mut self, col: Col, mensaje: impl Into<String>) {
        self.ok = false;
        self.informe
            .errores
            .push(obs(self.linea, col.nombre(), mensaje));
    }

    pub(super) fn advertir(&mut self, col: Col, mensaje: impl Into<String>) {
        self.informe
            .advertencias
            .push(obs(self.linea, col.nombre(), mensaje));
    }

    pub(super) fn falta(&mut self, col: Col) {
        self.error(col, format!("falta el valor de «{}»", col.nombre()));
    }

    pub(super) fn texto(&mut self, col: Col, c: Celda<'_>, requerido: bool) -> Option<String> {
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

    pub(super) fn fecha(
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

    pub(super) fn importe(&mut self, col: Col, c: Celda<'_>, positivo: bool) -> Option<Centavos> {
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

    pub(super) fn identificacion(&mut self, c: Celda<'_>) -> Option<(String, &'static str)> {
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
