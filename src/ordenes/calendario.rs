//! `coactiva calendario …`: holidays and business days.

use clap::Subcommand;
use coactiva::{calendario, fechas, Actor, Error, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenCalendario {
    /// Los feriados de un año como se observan
    Feriados {
        anio: i32,
        #[arg(long)]
        provincia: Option<String>,
    },
    /// La fecha que cae N días hábiles después de DESDE
    Habiles { desde: String, n: u32 },
    /// Agrega un feriado provincial o decretado
    Agregar {
        fecha: String,
        #[arg(long)]
        nombre: String,
        #[arg(long)]
        provincia: Option<String>,
    },
    /// Quita un feriado (p. ej. uno que un decreto trasladó)
    Quitar {
        fecha: String,
        #[arg(long)]
        provincia: Option<String>,
    },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenCalendario,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenCalendario::Feriados { anio, provincia } => {
            if !(1900..=2200).contains(&anio) {
                return Err(Error::entrada(format!("el año {anio} está fuera de rango")).into());
            }
            let v = calendario::feriados(store, anio, provincia.as_deref())?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Fecha", "Día", "Feriado"],
                    v.iter().map(|f| {
                        vec![
                            fechas::corta(f.fecha),
                            dia_semana(f.fecha).into(),
                            f.nombre.clone(),
                        ]
                    }),
                );
            }
        }
        OrdenCalendario::Habiles { desde, n } => {
            let desde = fechas::parse_fecha(&desde)?;
            let provincia = coactiva::unidad::cargar(store)?.map(|u| u.provincia);
            let c = calendario::Calendario::para(store, desde, provincia.as_deref())?;
            let fin = if n > 2000 {
                return Err(Error::entrada("N debe ser como mucho 2000 días hábiles").into());
            } else {
                c.habiles(desde, n)
            };
            if como_json {
                salida::json(
                    &serde_json::json!({"desde": fechas::iso(desde), "dias_habiles": n, "fecha": fechas::iso(fin)}),
                );
            } else {
                out!("{}", fechas::iso(fin));
            }
        }
        OrdenCalendario::Agregar {
            fecha,
            nombre,
            provincia,
        } => {
            let f = fechas::parse_fecha(&fecha)?;
            calendario::editar(store, actor, f, &nombre, provincia.as_deref(), false)?;
            out!("Feriado agregado: {} {}.", fechas::corta(f), nombre);
        }
        OrdenCalendario::Quitar { fecha, provincia } => {
            let f = fechas::parse_fecha(&fecha)?;
            calendario::editar(store, actor, f, "quitado", provincia.as_deref(), true)?;
            out!("El {} deja de ser feriado.", fechas::corta(f));
        }
    }
    Ok(0)
}

fn dia_semana(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ][d.weekday().num_days_from_monday() as usize]
}
