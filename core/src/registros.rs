//! Records that are one row per change: a citador's assignment, a medida cautelar and its
//! answers and lifting, an excepción and its resolution, a deprecatorio and its news. Each of
//! these events inserts exactly one row into one append-only table, and that row is made from
//! the event alone by [`fila`]. The use case ([`insertar`]), the recovery from the centre and
//! the rebuild in `verificar` all go through it, so the table and the change log cannot say
//! different things without `verificar` naming the row and field.

use rusqlite::types::Value;

use crate::eventos::Evento;
use crate::store::Tx;
use crate::Result;

/// One append-only table filled from one kind of event.
#[derive(Debug)]
pub(crate) struct Esquema {
    pub tabla: &'static str,
    /// The key column: the change log's key of the event.
    pub clave: &'static str,
    /// The columns filled from the event's payload, in [`fila`]'s order.
    pub columnas: &'static [&'static str],
    /// `columnas`, then who recorded the row and when (what `verificar` compares).
    pub todas: &'static [&'static str],
    /// The key and `todas`, read from the file.
    pub select: &'static str,
    /// The column that names a proceso (which must exist), if any.
    pub proceso: Option<&'static str>,
    /// The column that holds the key of a row of another of these tables (which must exist).
    pub padre: Option<(&'static str, &'static Esquema)>,
    /// For a table keyed by what it belongs to (a lifting, a resolution): that table, whose
    /// row of the same key must exist.
    pub de: Option<&'static Esquema>,
}

macro_rules! esquema {
    ($nombre:ident, $tabla:literal, $clave:literal, [$($col:literal),*], proceso: $p:expr, padre: $padre:expr) => {
        esquema!($nombre, $tabla, $clave, [$($col),*], proceso: $p, padre: $padre, de: None);
    };
    ($nombre:ident, $tabla:literal, $clave:literal, [$($col:literal),*], proceso: $p:expr, padre: $padre:expr, de: $de:expr) => {
        pub(crate) static $nombre: Esquema = Esquema {
            tabla: $tabla,
            clave: $clave,
            columnas: &[$($col),*],
            todas: &[$($col,)* "registrado_por", "registrado_en"],
            select: concat!("SELECT ", $clave, $(", ", $col,)* ", registrado_por, registrado_en FROM ", $tabla),
            proceso: $p,
            padre: $padre,
            de: $de,
        };
    };
}

esquema!(ASIGNACIONES_CITADOR, "citadores_asignaciones", "id", ["proceso", "citador", "por_turno"], proceso: Some("proceso"), padre: None);
esquema!(TIPOS_MEDIDA, "medidas_tipos", "codigo", ["nombre", "entidad"], proceso: None, padre: None);
esquema!(MEDIDAS, "medidas", "id",
    ["proceso", "tipo", "entidad", "detalle", "monto", "providencia", "providencia_fecha", "fecha", "oficio", "oficio_anio", "oficio_secuencia", "actuacion"],
    proceso: Some("proceso"), padre: None);
esquema!(RESPUESTAS, "medidas_respuestas", "id",
    ["medida_id", "fecha", "texto", "banco", "cuenta", "retenido", "actuacion"],
    proceso: None, padre: Some(("medida_id", &MEDIDAS)));
esquema!(LEVANTAMIENTOS, "medidas_levantamientos", "medida_id",
    ["motivo", "detalle", "fecha", "oficio", "oficio_anio", "oficio_secuencia", "actuacion"],
    proceso: None, padre: None, de: Some(&MEDIDAS));
esquema!(EXCEPCIONES, "excepciones", "id",
    ["proceso", "clase", "fecha", "fundamento", "organo", "causa", "suspende"],
    proceso: Some("proceso"), padre: None);
esquema!(RESOLUCIONES, "excepciones_resoluciones", "excepcion_id",
    ["fecha", "resultado", "detalle"],
    proceso: None, padre: None, de: Some(&EXCEPCIONES));
esquema!(DEPRECATORIOS, "deprecatorios", "id",
    ["sentido", "proceso", "unidad", "referencia", "pedido", "detalle", "fecha"],
    proceso: Some("proceso"), padre: None);
esquema!(NOVEDADES, "deprecatorios_novedades", "id",
    ["deprecatorio_id", "estado", "fecha", "detalle", "documento", "actuacion"],
    proceso: None, padre: Some(("deprecatorio_id", &DEPRECATORIOS)));

esquema!(GARANTIAS, "garantias", "id",
    ["proceso", "convenio", "tipo", "garante", "identificacion", "monto", "emisor", "documento", "fecha", "vence", "detalle"],
    proceso: Some("proceso"), padre: None);
esquema!(EJECUCIONES, "garantias_ejecuciones", "garantia_id",
    ["fecha", "resultado", "valor", "detalle"],
    proceso: None, padre: None, de: Some(&GARANTIAS));

esquema!(DEPOSITARIOS, "depositarios", "identificacion", ["nombres", "telefono", "direccion"], proceso: None, padre: None);
esquema!(EMBARGOS, "embargos", "id",
    ["proceso", "fecha", "hora", "direccion", "depositario", "lugar", "comparecientes", "actuacion"],
    proceso: Some("proceso"), padre: Some(("depositario", &DEPOSITARIOS)));
esquema!(BIENES, "bienes", "id",
    ["proceso", "clase", "origen", "descripcion", "ubicacion", "datos", "fecha"],
    proceso: Some("proceso"), padre: None);
esquema!(ESTADOS_BIEN, "bienes_estados", "id",
    ["bien_id", "estado", "fecha", "embargo", "depositario", "lugar", "detalle"],
    proceso: None, padre: Some(("bien_id", &BIENES)));

esquema!(INFORMES_DEPOSITARIO, "depositarios_informes", "id",
    ["proceso", "depositario", "fecha", "detalle", "incidente", "actuacion"],
    proceso: Some("proceso"), padre: Some(("depositario", &DEPOSITARIOS)));
esquema!(BODEGAJES, "bodegajes", "id",
    ["proceso", "proveedor", "identificacion", "bienes", "desde", "hasta", "costo", "costa"],
    proceso: Some("proceso"), padre: None);
esquema!(AVALUOS, "avaluos", "id",
    ["bien_id", "perito", "perito_nombres", "fecha", "valor", "actuacion"],
    proceso: None, padre: Some(("bien_id", &BIENES)));
esquema!(REMATES, "remates", "id",
    ["proceso", "convocatoria", "bienes", "avaluo", "porcentaje", "base", "fecha", "hora", "lugar"],
    proceso: Some("proceso"), padre: None);
esquema!(PUBLICACIONES, "remates_publicaciones", "id",
    ["remate_id", "fecha", "medio", "detalle"],
    proceso: None, padre: Some(("remate_id", &REMATES)));
esquema!(POSTURAS, "remates_posturas", "id",
    ["remate_id", "postor", "identificacion", "valor", "deposito", "fecha"],
    proceso: None, padre: Some(("remate_id", &REMATES)));
esquema!(CIERRES, "remates_cierres", "remate_id",
    ["fecha", "resultado", "postura", "actuacion"],
    proceso: None, padre: Some(("postura", &POSTURAS)), de: Some(&REMATES));
esquema!(ADJUDICACIONES, "remates_adjudicaciones", "remate_id",
    ["fecha", "referencia", "pago", "aplicado", "sobrante"],
    proceso: None, padre: None, de: Some(&CIERRES));

/// Every table kept this way, in the order `verificar` reports them.
pub(crate) static TODOS: [&Esquema; 23] = [
    &ASIGNACIONES_CITADOR,
    &TIPOS_MEDIDA,
    &MEDIDAS,
    &RESPUESTAS,
    &LEVANTAMIENTOS,
    &EXCEPCIONES,
    &RESOLUCIONES,
    &DEPRECATORIOS,
    &NOVEDADES,
    &GARANTIAS,
    &EJECUCIONES,
    &DEPOSITARIOS,
    &EMBARGOS,
    &BIENES,
    &ESTADOS_BIEN,
    &INFORMES_DEPOSITARIO,
    &BODEGAJES,
    &AVALUOS,
    &REMATES,
    &PUBLICACIONES,
    &POSTURAS,
    &CIERRES,
    &ADJUDICACIONES,
];

/// The kinds of medida the migration puts in `medidas_tipos` (code, name, entity).
pub(crate) const TIPOS_INICIALES: [(&str, &str, &str); 3] = [
    (
        "retencion",
        "retención de fondos",
        "Superintendencia de Bancos",
    ),
    (
        "prohibicion_vehiculos",
        "prohibición de enajenar vehículos",
        "Agencia Nacional de Tránsito",
    ),
    (
        "prohibicion_inmuebles",
        "prohibición de enajenar inmuebles",
        "Registro de la Propiedad",
    ),
];
/// When those rows are dated.
pub(crate) const FECHA_INICIAL: &str = "2026-01-01T00:00:00-05:00";

fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}
fn o(s: &Option<String>) -> Value {
    s.as_ref().map(|s| t(s)).unwrap_or(Value::Null)
}
fn f(d: chrono::NaiveDate) -> Value {
    t(&crate::fechas::iso(d))
}
fn n(i: i64) -> Value {
    Value::Integer(i)
}
fn on(i: Option<i64>) -> Value {
    i.map(Value::Integer).unwrap_or(Value::Null)
}

/// The table and row an event makes, or `None` for the events kept otherwise.
pub(crate) fn fila(e: &Evento) -> Option<(&'static Esquema, Vec<Value>)> {
    Some(match e {
        Evento::CitadorAsignado(x) => (
            &ASIGNACIONES_CITADOR,
            vec![t(&x.proceso), t(&x.citador), n(x.por_turno as i64)],
        ),
        Evento::MedidaTipoAgregado(x) => (&TIPOS_MEDIDA, vec![t(&x.nombre), t(&x.entidad)]),
        Evento::MedidaOrdenada(x) => (
            &MEDIDAS,
            vec![
                t(&x.proceso),
                t(&x.tipo),
                t(&x.entidad),
                o(&x.detalle),
                n(x.monto.0),
                t(&x.providencia),
                f(x.providencia_fecha),
                f(x.fecha),
                t(&x.oficio),
                n(x.oficio_anio),
                n(x.oficio_secuencia),
                n(x.actuacion),
            ],
        ),
        Evento::MedidaRespondida(x) => (
            &RESPUESTAS,
            vec![
                n(x.medida),
                f(x.fecha),
                t(&x.texto),
                o(&x.banco),
                o(&x.cuenta),
                n(x.retenido.0),
                on(x.actuacion),
            ],
        ),
        Evento::MedidaLevantada(x) => (
            &LEVANTAMIENTOS,
            vec![
                t(&x.motivo),
                o(&x.detalle),
                f(x.fecha),
                t(&x.oficio),
                n(x.oficio_anio),
                n(x.oficio_secuencia),
                n(x.actuacion),
            ],
        ),
        Evento::ExcepcionRegistrada(x) => (
            &EXCEPCIONES,
            vec![
                t(&x.proceso),
                t(&x.clase),
                f(x.fecha),
                t(&x.fundamento),
                t(&x.organo),
                o(&x.causa),
                n(x.suspende as i64),
            ],
        ),
        Evento::ExcepcionResuelta(x) => (
            &RESOLUCIONES,
            vec![f(x.fecha), t(&x.resultado), o(&x.detalle)],
        ),
        Evento::DeprecatorioRegistrado(x) => (
            &DEPRECATORIOS,
            vec![
                t(&x.sentido),
                o(&x.proceso),
                t(&x.unidad),
                o(&x.referencia),
                t(&x.pedido),
                t(&x.detalle),
                f(x.fecha),
            ],
        ),
        Evento::DeprecatorioNovedad(x) => (
            &NOVEDADES,
            vec![
                n(x.deprecatorio),
                t(&x.estado),
                f(x.fecha),
                o(&x.detalle),
                o(&x.documento),
                on(x.actuacion),
            ],
        ),
        Evento::GarantiaRegistrada(x) => (
            &GARANTIAS,
            vec![
                t(&x.proceso),
                on(x.convenio),
                t(&x.tipo),
                t(&x.garante),
                t(&x.identificacion),
                n(x.monto.0),
                o(&x.emisor),
                o(&x.documento),
                f(x.fecha),
                x.vence.map(f).unwrap_or(Value::Null),
                o(&x.detalle),
            ],
        ),
        Evento::GarantiaEjecutada(x) => (
            &EJECUCIONES,
            vec![f(x.fecha), t(&x.resultado), n(x.valor.0), o(&x.detalle)],
        ),
        Evento::DepositarioRegistrado(x) => (
            &DEPOSITARIOS,
            vec![t(&x.nombres), o(&x.telefono), o(&x.direccion)],
        ),
        Evento::EmbargoRegistrado(x) => (
            &EMBARGOS,
            vec![
                t(&x.proceso),
                f(x.fecha),
                t(&x.hora),
                t(&x.direccion),
                t(&x.depositario),
                t(&x.lugar),
                o(&x.comparecientes),
                n(x.actuacion),
            ],
        ),
        Evento::BienRegistrado(x) => (
            &BIENES,
            vec![
                t(&x.proceso),
                t(&x.clase),
                t(&x.origen),
                t(&x.descripcion),
                o(&x.ubicacion),
                t(&x.datos),
                f(x.fecha),
            ],
        ),
        Evento::BienEstado(x) => (
            &ESTADOS_BIEN,
            vec![
                n(x.bien),
                t(&x.estado),
                f(x.fecha),
                on(x.embargo),
                o(&x.depositario),
                o(&x.lugar),
                o(&x.detalle),
            ],
        ),
        Evento::DepositarioInforme(x) => (
            &INFORMES_DEPOSITARIO,
            vec![
                t(&x.proceso),
                t(&x.depositario),
                f(x.fecha),
                t(&x.detalle),
                o(&x.incidente),
                n(x.actuacion),
            ],
        ),
        Evento::BodegajeRegistrado(x) => (
            &BODEGAJES,
            vec![
                t(&x.proceso),
                t(&x.proveedor),
                t(&x.identificacion),
                t(&x.bienes),
                f(x.desde),
                f(x.hasta),
                n(x.costo.0),
                n(x.costa),
            ],
        ),
        Evento::AvaluoRegistrado(x) => (
            &AVALUOS,
            vec![
                n(x.bien),
                t(&x.perito),
                t(&x.perito_nombres),
                f(x.fecha),
                n(x.valor.0),
                n(x.actuacion),
            ],
        ),
        Evento::RemateConvocado(x) => (
            &REMATES,
            vec![
                t(&x.proceso),
                n(x.convocatoria),
                t(&x.bienes),
                n(x.avaluo.0),
                n(x.porcentaje),
                n(x.base.0),
                f(x.fecha),
                t(&x.hora),
                t(&x.lugar),
            ],
        ),
        Evento::RematePublicado(x) => (
            &PUBLICACIONES,
            vec![n(x.remate), f(x.fecha), t(&x.medio), o(&x.detalle)],
        ),
        Evento::PosturaRegistrada(x) => (
            &POSTURAS,
            vec![
                n(x.remate),
                t(&x.postor),
                t(&x.identificacion),
                n(x.valor.0),
                n(x.deposito.0),
                f(x.fecha),
            ],
        ),
        Evento::RemateCerrado(x) => (
            &CIERRES,
            vec![f(x.fecha), t(&x.resultado), on(x.postura), n(x.actuacion)],
        ),
        Evento::RemateAdjudicado(x) => (
            &ADJUDICACIONES,
            vec![
                f(x.fecha),
                t(&x.referencia),
                on(x.pago),
                n(x.aplicado.0),
                n(x.sobrante.0),
            ],
        ),
        _ => return None,
    })
}

/// The key as stored: a number for the tables keyed by number; text otherwise (a cédula
/// «0926687856» keeps its leading zero).
fn valor_clave(clave: &str) -> Value {
    clave
        .parse::<i64>()
        .ok()
        .filter(|n| n.to_string() == clave)
        .map(Value::Integer)
        .unwrap_or_else(|| t(clave))
}

/// Inserts the row an event makes (recovery replays the log through here).
pub(crate) fn insertar_fila(
    conn: &rusqlite::Connection,
    e: &Esquema,
    clave: &str,
    valores: Vec<Value>,
    usuario: &str,
    fecha: &str,
) -> Result<()> {
    let columnas: Vec<&str> = std::iter::once(e.clave)
        .chain(e.todas.iter().copied())
        .collect();
    let marcas: Vec<String> = (1..=columnas.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        e.tabla,
        columnas.join(", "),
        marcas.join(", ")
    );
    let mut todos = Vec::with_capacity(columnas.len());
    todos.push(valor_clave(clave));
    todos.extend(valores);
    todos.push(t(usuario));
    todos.push(t(fecha));
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(todos))?;
    Ok(())
}

/// Inside a use case: inserts the event's row and records the event, under `clave`.
pub(crate) fn insertar(tx: &mut Tx<'_>, clave: &str, e: &Evento) -> Result<()> {
    let (esquema, valores) = fila(e).ok_or_else(|| {
        crate::Error::Interno(format!(
            "{}/{} no es un registro de una fila",
            e.entidad(),
            e.accion()
        ))
    })?;
    let ahora = tx.ahora();
    let actor = tx.actor().to_string();
    insertar_fila(tx.conn(), esquema, clave, valores, &actor, &ahora)?;
    tx.registrar(clave, e)?;
    Ok(())
}

/// The next row number of a table keyed by number.
pub(crate) fn siguiente(conn: &rusqlite::Connection, e: &Esquema) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT COALESCE(MAX({}), 0) + 1 FROM {}", e.clave, e.tabla),
        [],
        |r| r.get(0),
    )?)
}

/// The next number of the unit's gapless oficio sequence for `anio`, taken (within the
/// caller's transaction: a refused use case gives it back).
pub(crate) fn siguiente_oficio(conn: &rusqlite::Connection, anio: i64) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO oficios_secuencias (anio, ultimo) VALUES (?1, 1) ON CONFLICT (anio) DO UPDATE SET ultimo = ultimo + 1 RETURNING ultimo",
        [anio],
        |r| r.get(0),
    )?)
}
