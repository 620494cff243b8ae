//! Procesos: the list, search, the expediente, opening, stages, citaciones, adding a PDF.

use coactiva::procesos::{self, expediente, Etapa};
use coactiva::vistas;
use tauri::State;

use super::{escribir, leer, Estado, Res};

#[tauri::command(async)]
pub fn procesos_pagina(
    estado: State<'_, Estado>,
    desde: i64,
    limite: i64,
    filtro: procesos::Filtro,
) -> Res<vistas::Pagina> {
    leer(&estado, |s, _| {
        vistas::pagina_filtrada(s, &filtro, desde, limite)
    })
}

/// The stages, in procedural order, with their names in words (code, name).
#[tauri::command]
pub fn etapas() -> Vec<(&'static str, &'static str)> {
    Etapa::TODAS
        .iter()
        .map(|e| (e.codigo(), e.nombre()))
        .collect()
}

#[tauri::command(async)]
pub fn procesos_buscar(estado: State<'_, Estado>, texto: String) -> Res<Vec<procesos::Proceso>> {
    leer(&estado, |s, _| procesos::buscar(s, &texto, 200))
}

#[tauri::command(async)]
pub fn proceso_ver(estado: State<'_, Estado>, numero: String) -> Res<vistas::Expediente> {
    leer(&estado, |s, _| vistas::expediente(s, &numero))
}

#[tauri::command(async)]
pub fn proceso_abrir(estado: State<'_, Estado>, titulo: String) -> Res<procesos::Proceso> {
    escribir(&estado, |s, a| procesos::abrir(s, a, &titulo))
}

/// Opens the procesos of every título of a sorteo still waiting for one.
#[tauri::command(async)]
pub fn procesos_abrir_sorteo(estado: State<'_, Estado>, sorteo: i64) -> Res<procesos::Apertura> {
    escribir(&estado, |s, a| procesos::abrir_sorteo(s, a, sorteo))
}

#[tauri::command(async)]
pub fn proceso_etapa(
    estado: State<'_, Estado>,
    numero: String,
    etapa: String,
    motivo: Option<String>,
) -> Res<procesos::Proceso> {
    escribir(&estado, |s, a| {
        procesos::cambiar_etapa(
            s,
            a,
            &numero,
            Etapa::parse(&etapa)?,
            None,
            motivo.as_deref().filter(|m| !m.trim().is_empty()),
        )
    })
}

/// A diligencia de citación as the window's form sends it (blank fields are absent).
#[derive(Debug, serde::Deserialize)]
pub struct DiligenciaForm {
    parte: String,
    tipo: String,
    fecha: Option<String>,
    hora: Option<String>,
    direccion: Option<String>,
    receptor: Option<String>,
    receptor_identificacion: Option<String>,
    relacion: Option<String>,
    latitud: Option<String>,
    longitud: Option<String>,
    citador: Option<String>,
    resultado: Option<String>,
    detalle: Option<String>,
}

#[tauri::command(async)]
pub fn proceso_citar(
    estado: State<'_, Estado>,
    numero: String,
    diligencia: DiligenciaForm,
    fotos: Vec<Vec<u8>>,
) -> Res<procesos::Citacion> {
    escribir(&estado, |s, a| {
        let f = diligencia;
        let fecha = coactiva::fechas::parse_opcional(f.fecha.as_deref())?;
        coactiva::citaciones::registrar(
            s,
            a,
            &coactiva::citaciones::Diligencia {
                numero,
                parte: f.parte,
                tipo: f.tipo,
                acto: None,
                fecha,
                hora: f.hora,
                direccion: f.direccion,
                receptor: f.receptor,
                receptor_identificacion: f.receptor_identificacion,
                relacion: f.relacion,
                latitud: f.latitud,
                longitud: f.longitud,
                citador: f.citador,
                resultado: f.resultado,
                detalle: f.detalle,
                fotos: fotos.into_iter().filter(|b| !b.is_empty()).collect(),
            },
        )
    })
}

#[tauri::command(async)]
pub fn citadores_carga(estado: State<'_, Estado>) -> Res<Vec<coactiva::citaciones::Carga>> {
    leer(&estado, |s, _| coactiva::citaciones::carga(s))
}

#[tauri::command(async)]
pub fn citador_asignar(
    estado: State<'_, Estado>,
    numero: String,
    citador: Option<String>,
) -> Res<coactiva::citaciones::Asignacion> {
    escribir(&estado, |s, a| {
        coactiva::citaciones::asignar(s, a, &numero, citador.as_deref().filter(|c| !c.is_empty()))
    })
}

#[tauri::command(async)]
pub fn proceso_agregar(
    estado: State<'_, Estado>,
    numero: String,
    tipo: String,
    descripcion: String,
    bytes: Vec<u8>,
) -> Res<expediente::Actuacion> {
    escribir(&estado, |s, a| {
        expediente::foliar(
            s,
            a,
            &numero,
            &expediente::Nueva {
                tipo: &tipo,
                descripcion: &descripcion,
                bytes: &bytes,
                fecha: None,
                corrige: None,
            },
        )
    })
}

/// What the proceso owes today (or at `al`, dd/mm/aaaa).
#[tauri::command(async)]
pub fn proceso_liquidar(
    estado: State<'_, Estado>,
    numero: String,
    al: Option<String>,
) -> Res<coactiva::liquidacion::Liquidacion> {
    leer(&estado, |s, a| {
        let al = match al.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(coactiva::fechas::parse_fecha(t)?),
            None => None,
        };
        coactiva::liquidacion::consultar(s, a, &numero, al)
    })
}

/// The payments of a proceso, with their imputation.
#[tauri::command(async)]
pub fn pagos_listar(estado: State<'_, Estado>, numero: String) -> Res<Vec<coactiva::pagos::Pago>> {
    leer(&estado, |s, a| coactiva::pagos::listar(s, a, &numero))
}

/// Records a payment; the receipt (PDF bytes), when given, is foliated.
#[tauri::command(async)]
pub fn pago_registrar(
    estado: State<'_, Estado>,
    numero: String,
    valor: String,
    fecha: String,
    forma: String,
    referencia: String,
    comprobante: Option<Vec<u8>>,
) -> Res<coactiva::pagos::Pago> {
    escribir(&estado, |s, a| {
        let valor = coactiva::dinero::importe(&valor)?;
        coactiva::pagos::registrar(
            s,
            a,
            &coactiva::pagos::Nuevo {
                numero,
                valor,
                fecha: coactiva::fechas::parse_fecha(&fecha)?,
                forma,
                referencia,
                comprobante: comprobante.filter(|b| !b.is_empty()),
            },
        )
    })
}

/// The costas of a proceso and their state.
#[tauri::command(async)]
pub fn costas_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::costas::Costa>> {
    leer(&estado, |s, a| coactiva::costas::listar(s, a, &numero))
}

/// Records a cost with its receipt (PDF bytes, foliated).
#[tauri::command(async)]
pub fn costa_registrar(
    estado: State<'_, Estado>,
    numero: String,
    concepto: String,
    descripcion: String,
    valor: String,
    fecha: String,
    comprobante: Vec<u8>,
) -> Res<i64> {
    escribir(&estado, |s, a| {
        let valor = coactiva::dinero::importe(&valor)?;
        coactiva::costas::registrar(
            s,
            a,
            &coactiva::costas::Nueva {
                proceso: numero,
                fecha: coactiva::fechas::parse_fecha(&fecha)?,
                concepto,
                descripcion,
                valor,
                comprobante,
            },
        )
    })
}

/// The Jefe approves a cost, or rejects it with the reason.
#[tauri::command(async)]
pub fn costa_decidir(
    estado: State<'_, Estado>,
    id: i64,
    aprobada: bool,
    motivo: Option<String>,
) -> Res<()> {
    escribir(&estado, |s, a| {
        coactiva::costas::decidir(s, a, id, aprobada, motivo.as_deref())
    })
}

/// The convenios de pago of a proceso, with their state today.
#[tauri::command(async)]
pub fn convenios_ver(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::convenios::Convenio>> {
    leer(&estado, |s, a| {
        coactiva::convenios::ver(s, a, &numero, None)
    })
}

/// Makes a convenio de pago: the saldo frozen on `desde`, `cuotas` monthly cuotas.
#[tauri::command(async)]
pub fn convenio_crear(
    estado: State<'_, Estado>,
    numero: String,
    cuotas: String,
    entrada: String,
    desde: String,
) -> Res<coactiva::convenios::Convenio> {
    escribir(&estado, |s, a| {
        let cuotas: i64 = cuotas.trim().parse().map_err(|_| {
            coactiva::Error::entrada(format!(
                "«{}» no es un número de cuotas: escriba cuántas cuotas mensuales, de 1 a 120",
                cuotas.trim()
            ))
        })?;
        let entrada = if entrada.trim().is_empty() {
            coactiva::dinero::Centavos(0)
        } else {
            coactiva::dinero::importe(&entrada)?
        };
        coactiva::convenios::crear(
            s,
            a,
            &coactiva::convenios::Nuevo {
                proceso: numero,
                cuotas,
                entrada,
                desde: coactiva::fechas::parse_fecha(&desde)?,
            },
        )
    })
}

/// Requests of honorarios: a proceso's, or the unit's pending ones (the Jefe's review).
#[tauri::command(async)]
pub fn honorarios_listar(
    estado: State<'_, Estado>,
    numero: Option<String>,
    pendientes: bool,
) -> Res<Vec<coactiva::honorarios::Honorario>> {
    leer(&estado, |s, a| {
        coactiva::honorarios::listar(s, a, numero.as_deref(), pendientes)
    })
}

#[tauri::command(async)]
pub fn honorario_solicitar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<coactiva::honorarios::Honorario> {
    escribir(&estado, |s, a| {
        coactiva::honorarios::solicitar(s, a, &numero)
    })
}

#[tauri::command(async)]
pub fn honorario_decidir(
    estado: State<'_, Estado>,
    id: i64,
    aprobada: bool,
    motivo: Option<String>,
) -> Res<coactiva::honorarios::Honorario> {
    escribir(&estado, |s, a| {
        coactiva::honorarios::decidir(s, a, id, aprobada, motivo.as_deref())
    })
}

/// The bimonthly report of procesos referred to insolvency (the current bimester).
#[tauri::command(async)]
pub fn insolvencia_informe(estado: State<'_, Estado>) -> Res<coactiva::insolvencia::Informe> {
    leer(&estado, |s, a| coactiva::insolvencia::informe(s, a, None))
}

#[tauri::command(async)]
pub fn medidas_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::medidas::Medida>> {
    leer(&estado, |s, _| coactiva::medidas::listar(s, Some(&numero)))
}

#[tauri::command(async)]
pub fn medidas_tipos(estado: State<'_, Estado>) -> Res<Vec<coactiva::medidas::Tipo>> {
    leer(&estado, |s, _| coactiva::medidas::tipos(s))
}

/// Orders a medida; its numbered oficio is saved in the proceso's documents folder (and
/// foliated), and its path returned for the preview.
#[tauri::command(async)]
pub fn medida_ordenar(
    estado: State<'_, Estado>,
    numero: String,
    tipo: String,
    entidad: Option<String>,
    detalle: Option<String>,
    monto: Option<String>,
) -> Res<(coactiva::medidas::Medida, String)> {
    escribir(&estado, |s, a| {
        let monto = monto
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(coactiva::dinero::importe)
            .transpose()?;
        let ruta = coactiva::archivos::documento(&numero, "oficio-medida", s.clock());
        let (m, _) = coactiva::medidas::ordenar(
            s,
            a,
            &coactiva::medidas::Nueva {
                numero,
                tipo,
                entidad,
                detalle,
                monto,
            },
            &|pdf| coactiva::archivos::guardar(&ruta, pdf),
        )?;
        Ok((m, ruta.display().to_string()))
    })
}

#[tauri::command(async)]
#[allow(clippy::too_many_arguments)] // the form's fields, as the window sends them
pub fn medida_responder(
    estado: State<'_, Estado>,
    medida: i64,
    fecha: String,
    texto: String,
    banco: Option<String>,
    cuenta: Option<String>,
    retenido: Option<String>,
    documento: Option<Vec<u8>>,
) -> Res<coactiva::medidas::Medida> {
    escribir(&estado, |s, a| {
        let retenido = match retenido.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => coactiva::dinero::importe(r)?,
            None => coactiva::dinero::Centavos(0),
        };
        coactiva::medidas::responder(
            s,
            a,
            &coactiva::medidas::Contestacion {
                medida,
                fecha: coactiva::fechas::parse_fecha(&fecha)?,
                texto,
                banco,
                cuenta,
                retenido,
                documento: documento.filter(|b| !b.is_empty()),
            },
        )
    })
}

#[tauri::command(async)]
pub fn medida_levantar(
    estado: State<'_, Estado>,
    numero: String,
    medida: i64,
    motivo: String,
    detalle: Option<String>,
) -> Res<(coactiva::medidas::Medida, String)> {
    escribir(&estado, |s, a| {
        let ruta = coactiva::archivos::documento(&numero, "oficio-levantamiento", s.clock());
        let (m, _) =
            coactiva::medidas::levantar(s, a, medida, &motivo, detalle.as_deref(), &|pdf| {
                coactiva::archivos::guardar(&ruta, pdf)
            })?;
        Ok((m, ruta.display().to_string()))
    })
}

#[tauri::command(async)]
pub fn excepciones_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::excepciones::Excepcion>> {
    leer(&estado, |s, _| {
        coactiva::excepciones::listar(s, Some(&numero))
    })
}

#[tauri::command(async)]
#[allow(clippy::too_many_arguments)] // the form's fields, as the window sends them
pub fn excepcion_registrar(
    estado: State<'_, Estado>,
    numero: String,
    clase: String,
    fecha: String,
    fundamento: String,
    organo: String,
    causa: Option<String>,
    suspende: bool,
) -> Res<coactiva::excepciones::Excepcion> {
    escribir(&estado, |s, a| {
        coactiva::excepciones::registrar(
            s,
            a,
            &coactiva::excepciones::Nueva {
                numero,
                clase,
                fecha: coactiva::fechas::parse_fecha(&fecha)?,
                fundamento,
                organo,
                causa,
                suspende,
            },
        )
    })
}

#[tauri::command(async)]
pub fn excepcion_resolver(
    estado: State<'_, Estado>,
    id: i64,
    fecha: String,
    resultado: String,
    detalle: Option<String>,
) -> Res<coactiva::excepciones::Excepcion> {
    escribir(&estado, |s, a| {
        coactiva::excepciones::resolver(
            s,
            a,
            id,
            coactiva::fechas::parse_fecha(&fecha)?,
            &resultado,
            detalle.as_deref(),
        )
    })
}

#[tauri::command(async)]
pub fn deprecatorios_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::deprecatorios::Deprecatorio>> {
    leer(&estado, |s, _| {
        coactiva::deprecatorios::listar(s, Some(&numero))
    })
}

/// A deprecatorio sent from this proceso (received ones have no expediente here).
#[tauri::command(async)]
pub fn deprecatorio_enviar(
    estado: State<'_, Estado>,
    numero: String,
    unidad: String,
    pedido: String,
    detalle: String,
    fecha: String,
    documento: Option<Vec<u8>>,
) -> Res<coactiva::deprecatorios::Deprecatorio> {
    escribir(&estado, |s, a| {
        coactiva::deprecatorios::registrar(
            s,
            a,
            &coactiva::deprecatorios::Nuevo {
                sentido: "enviado".into(),
                numero: Some(numero),
                unidad,
                referencia: None,
                pedido,
                detalle,
                fecha: coactiva::fechas::parse_fecha(&fecha)?,
                documento: documento.filter(|b| !b.is_empty()),
            },
        )
    })
}

#[tauri::command(async)]
pub fn deprecatorio_novedad(
    estado: State<'_, Estado>,
    id: i64,
    estado_nuevo: String,
    fecha: String,
    detalle: Option<String>,
    documento: Option<Vec<u8>>,
) -> Res<coactiva::deprecatorios::Deprecatorio> {
    escribir(&estado, |s, a| {
        let documento = documento.filter(|b| !b.is_empty());
        coactiva::deprecatorios::novedad(
            s,
            a,
            id,
            &estado_nuevo,
            coactiva::fechas::parse_fecha(&fecha)?,
            detalle.as_deref(),
            documento.as_deref(),
        )
    })
}

/// The citadores' evaluation between two dates (the current month when blank).
#[tauri::command(async)]
pub fn citadores_evaluacion(
    estado: State<'_, Estado>,
    desde: Option<String>,
    hasta: Option<String>,
) -> Res<Vec<coactiva::citaciones::Evaluacion>> {
    leer(&estado, |s, _| {
        let fecha = |t: &Option<String>| coactiva::fechas::parse_opcional(t.as_deref());
        let (desde, hasta) = coactiva::fechas::periodo(s.clock(), fecha(&desde)?, fecha(&hasta)?);
        coactiva::citaciones::evaluacion(s, desde, hasta)
    })
}

#[tauri::command(async)]
pub fn garantias_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::garantias::Garantia>> {
    leer(&estado, |s, _| {
        coactiva::garantias::listar(s, Some(&numero))
    })
}

/// A guarantee as the expediente's form sends it (blank fields are absent).
#[derive(Debug, serde::Deserialize)]
pub struct GarantiaForm {
    tipo: String,
    garante: String,
    identificacion: String,
    monto: String,
    emisor: Option<String>,
    documento: Option<String>,
    fecha: String,
    vence: Option<String>,
    detalle: Option<String>,
}

#[tauri::command(async)]
pub fn garantia_registrar(
    estado: State<'_, Estado>,
    numero: String,
    garantia: GarantiaForm,
) -> Res<coactiva::garantias::Garantia> {
    escribir(&estado, |s, a| {
        let g = garantia;
        let vence = coactiva::fechas::parse_opcional(g.vence.as_deref())?;
        coactiva::garantias::registrar(
            s,
            a,
            &coactiva::garantias::Nueva {
                numero,
                convenio: None,
                tipo: g.tipo,
                garante: g.garante,
                identificacion: g.identificacion,
                monto: coactiva::dinero::importe(&g.monto)?,
                emisor: g.emisor,
                documento: g.documento,
                fecha: coactiva::fechas::parse_fecha(&g.fecha)?,
                vence,
                detalle: g.detalle,
            },
        )
    })
}

#[tauri::command(async)]
pub fn garantia_ejecutar(
    estado: State<'_, Estado>,
    id: i64,
    fecha: String,
    resultado: String,
    valor: String,
    detalle: Option<String>,
) -> Res<coactiva::garantias::Garantia> {
    escribir(&estado, |s, a| {
        let valor = match valor.trim() {
            "" => coactiva::dinero::Centavos(0),
            v => coactiva::dinero::importe(v)?,
        };
        coactiva::garantias::ejecutar(
            s,
            a,
            id,
            coactiva::fechas::parse_fecha(&fecha)?,
            &resultado,
            valor,
            detalle.as_deref(),
        )
    })
}

#[tauri::command(async)]
pub fn bienes_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::bienes::Bien>> {
    leer(&estado, |s, _| coactiva::bienes::listar(s, Some(&numero)))
}

#[tauri::command(async)]
pub fn depositarios_listar(estado: State<'_, Estado>) -> Res<Vec<coactiva::bienes::Depositario>> {
    leer(&estado, |s, _| coactiva::bienes::depositarios(s))
}

#[tauri::command(async)]
pub fn depositario_agregar(
    estado: State<'_, Estado>,
    identificacion: String,
    nombres: String,
    telefono: Option<String>,
) -> Res<coactiva::bienes::Depositario> {
    escribir(&estado, |s, a| {
        coactiva::bienes::agregar_depositario(
            s,
            a,
            &identificacion,
            &nombres,
            telefono.as_deref(),
            None,
        )
    })
}

/// A bien as the expediente's form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct BienForm {
    clase: String,
    descripcion: String,
    ubicacion: Option<String>,
    datos: Vec<(String, String)>,
    dimision: bool,
    fecha: String,
}

#[tauri::command(async)]
pub fn bien_registrar(
    estado: State<'_, Estado>,
    numero: String,
    bien: BienForm,
) -> Res<coactiva::bienes::Bien> {
    escribir(&estado, |s, a| {
        coactiva::bienes::registrar(
            s,
            a,
            &coactiva::bienes::NuevoBien {
                numero,
                clase: bien.clase,
                dimision: bien.dimision,
                descripcion: bien.descripcion,
                ubicacion: bien.ubicacion,
                datos: bien.datos,
                fecha: coactiva::fechas::parse_fecha(&bien.fecha)?,
            },
        )
    })
}

/// A diligencia de embargo as the expediente's form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct EmbargoForm {
    bienes: Vec<i64>,
    fecha: String,
    hora: String,
    direccion: String,
    depositario: String,
    lugar: String,
    comparecientes: Option<String>,
}

/// Records the embargo; its acta is saved in the proceso's documents folder (and foliated).
#[tauri::command(async)]
pub fn embargo_registrar(
    estado: State<'_, Estado>,
    numero: String,
    embargo: EmbargoForm,
) -> Res<(i64, String)> {
    escribir(&estado, |s, a| {
        let ruta = coactiva::archivos::documento(&numero, "acta-embargo", s.clock());
        let e = embargo;
        let (id, _) = coactiva::bienes::embargar(
            s,
            a,
            &coactiva::bienes::Diligencia {
                numero,
                fecha: coactiva::fechas::parse_fecha(&e.fecha)?,
                hora: e.hora,
                direccion: e.direccion,
                depositario: e.depositario,
                lugar: e.lugar,
                comparecientes: e.comparecientes,
                bienes: e.bienes,
            },
            &|pdf| coactiva::archivos::guardar(&ruta, pdf),
        )?;
        Ok((id, ruta.display().to_string()))
    })
}

#[tauri::command(async)]
pub fn avaluos_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::remates::Avaluo>> {
    leer(&estado, |s, _| coactiva::remates::avaluos_de(s, &numero))
}

/// An avalúo as the expediente's form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct AvaluoForm {
    bien: i64,
    perito: String,
    perito_nombres: String,
    fecha: String,
    valor: String,
    informe: Vec<u8>,
}

#[tauri::command(async)]
pub fn avaluo_registrar(
    estado: State<'_, Estado>,
    avaluo: AvaluoForm,
) -> Res<coactiva::remates::Avaluo> {
    escribir(&estado, |s, a| {
        let f = avaluo;
        coactiva::remates::avaluar(
            s,
            a,
            &coactiva::remates::NuevoAvaluo {
                bien: f.bien,
                perito: f.perito,
                perito_nombres: f.perito_nombres,
                fecha: coactiva::fechas::parse_fecha(&f.fecha)?,
                valor: coactiva::dinero::importe(&f.valor)?,
                informe: f.informe,
            },
        )
    })
}

#[tauri::command(async)]
pub fn remates_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::remates::Remate>> {
    leer(&estado, |s, _| coactiva::remates::listar(s, Some(&numero)))
}

/// A call to remate as the expediente's form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct ConvocatoriaForm {
    bienes: Vec<i64>,
    fecha: String,
    hora: String,
    lugar: String,
}

#[tauri::command(async)]
pub fn remate_convocar(
    estado: State<'_, Estado>,
    numero: String,
    convocatoria: ConvocatoriaForm,
) -> Res<coactiva::remates::Remate> {
    escribir(&estado, |s, a| {
        let c = convocatoria;
        coactiva::remates::convocar(
            s,
            a,
            &coactiva::remates::Convocatoria {
                numero,
                bienes: c.bienes,
                fecha: coactiva::fechas::parse_fecha(&c.fecha)?,
                hora: c.hora,
                lugar: c.lugar,
            },
        )
    })
}

#[tauri::command(async)]
pub fn remate_publicar(
    estado: State<'_, Estado>,
    remate: i64,
    fecha: String,
    medio: String,
    detalle: Option<String>,
) -> Res<coactiva::remates::Remate> {
    escribir(&estado, |s, a| {
        coactiva::remates::publicar(
            s,
            a,
            remate,
            coactiva::fechas::parse_fecha(&fecha)?,
            &medio,
            detalle.as_deref(),
        )
    })
}

/// A postura as the expediente's form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct PosturaForm {
    postor: String,
    identificacion: String,
    valor: String,
    deposito: String,
    fecha: String,
}

#[tauri::command(async)]
pub fn remate_postura(
    estado: State<'_, Estado>,
    remate: i64,
    postura: PosturaForm,
) -> Res<coactiva::remates::Remate> {
    escribir(&estado, |s, a| {
        let p = postura;
        coactiva::remates::postura(
            s,
            a,
            &coactiva::remates::NuevaPostura {
                remate,
                postor: p.postor,
                identificacion: p.identificacion,
                valor: coactiva::dinero::importe(&p.valor)?,
                deposito: coactiva::dinero::importe(&p.deposito)?,
                fecha: coactiva::fechas::parse_fecha(&p.fecha)?,
            },
        )
    })
}

/// Holds the remate; its acta is saved in the proceso's documents folder (and foliated).
#[tauri::command(async)]
pub fn remate_realizar(
    estado: State<'_, Estado>,
    remate: i64,
    fecha: String,
) -> Res<(coactiva::remates::Remate, String)> {
    escribir(&estado, |s, a| {
        let numero = coactiva::remates::ver(s, remate)?.proceso;
        let ruta = coactiva::archivos::documento(&numero, "acta-remate", s.clock());
        let (r, _) = coactiva::remates::cerrar(
            s,
            a,
            remate,
            coactiva::fechas::parse_fecha(&fecha)?,
            &|pdf| coactiva::archivos::guardar(&ruta, pdf),
        )?;
        Ok((r, ruta.display().to_string()))
    })
}

#[tauri::command(async)]
pub fn remate_adjudicar(
    estado: State<'_, Estado>,
    remate: i64,
    fecha: String,
    referencia: String,
) -> Res<coactiva::remates::Remate> {
    escribir(&estado, |s, a| {
        coactiva::remates::adjudicar(
            s,
            a,
            remate,
            coactiva::fechas::parse_fecha(&fecha)?,
            &referencia,
        )
    })
}

#[tauri::command(async)]
pub fn bodegajes_listar(
    estado: State<'_, Estado>,
    numero: String,
) -> Res<Vec<coactiva::custodia::Bodegaje>> {
    leer(&estado, |s, _| {
        coactiva::custodia::bodegajes(s, Some(&numero))
    })
}

/// A bodegaje contract as the expediente's form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct BodegajeForm {
    proveedor: String,
    identificacion: String,
    bienes: Vec<i64>,
    desde: String,
    hasta: String,
    costo: String,
    contrato: Vec<u8>,
}

#[tauri::command(async)]
pub fn bodegaje_registrar(
    estado: State<'_, Estado>,
    numero: String,
    bodegaje: BodegajeForm,
) -> Res<coactiva::custodia::Bodegaje> {
    escribir(&estado, |s, a| {
        let b = bodegaje;
        coactiva::custodia::contratar(
            s,
            a,
            &coactiva::custodia::NuevoBodegaje {
                numero,
                proveedor: b.proveedor,
                identificacion: b.identificacion,
                bienes: b.bienes,
                desde: coactiva::fechas::parse_fecha(&b.desde)?,
                hasta: coactiva::fechas::parse_fecha(&b.hasta)?,
                costo: coactiva::dinero::importe(&b.costo)?,
                contrato: b.contrato,
            },
        )
    })
}

/// A depositario's report as the form sends it.
#[derive(Debug, serde::Deserialize)]
pub struct InformeForm {
    depositario: String,
    fecha: String,
    detalle: String,
    incidente: Option<String>,
    documento: Vec<u8>,
}

#[tauri::command(async)]
pub fn depositario_informe(
    estado: State<'_, Estado>,
    numero: String,
    informe: InformeForm,
) -> Res<coactiva::custodia::Informe> {
    escribir(&estado, |s, a| {
        let i = informe;
        coactiva::custodia::informar(
            s,
            a,
            &coactiva::custodia::NuevoInforme {
                depositario: i.depositario,
                numero,
                fecha: coactiva::fechas::parse_fecha(&i.fecha)?,
                detalle: i.detalle,
                incidente: i.incidente,
                documento: i.documento,
            },
        )
    })
}

#[tauri::command(async)]
pub fn custodias_listar(estado: State<'_, Estado>) -> Res<Vec<coactiva::custodia::Custodia>> {
    leer(&estado, |s, _| coactiva::custodia::custodias(s))
}

#[tauri::command(async)]
pub fn depositarios_evaluacion(
    estado: State<'_, Estado>,
    desde: Option<String>,
    hasta: Option<String>,
) -> Res<Vec<coactiva::custodia::Evaluacion>> {
    leer(&estado, |s, _| {
        let fecha = |t: &Option<String>| coactiva::fechas::parse_opcional(t.as_deref());
        let (desde, hasta) = coactiva::fechas::periodo(s.clock(), fecha(&desde)?, fecha(&hasta)?);
        coactiva::custodia::evaluacion(s, desde, hasta)
    })
}

/// The inventory's filter as the page sends it (blank fields are absent).
#[derive(Debug, serde::Deserialize)]
pub struct FiltroForm {
    estado: Option<String>,
    depositario: Option<String>,
    lugar: Option<String>,
}

fn a_filtro(f: FiltroForm) -> coactiva::bienes::FiltroInventario {
    coactiva::bienes::FiltroInventario {
        estado: f.estado,
        depositario: f.depositario,
        lugar: f.lugar,
    }
}

#[tauri::command(async)]
pub fn inventario_bienes(
    estado: State<'_, Estado>,
    filtro: FiltroForm,
) -> Res<coactiva::bienes::Inventario> {
    leer(&estado, |s, _| {
        coactiva::bienes::inventario(s, &a_filtro(filtro))
    })
}

/// Saves the inventory as XLSX in `Documentos/Coactiva/Informes/` and returns where.
#[tauri::command(async)]
pub fn inventario_xlsx(estado: State<'_, Estado>, filtro: FiltroForm) -> Res<String> {
    leer(&estado, |s, _| {
        let inv = coactiva::bienes::inventario(s, &a_filtro(filtro))?;
        let ruta = coactiva::archivos::inventario(s.clock());
        coactiva::archivos::guardar(&ruta, &coactiva::bienes::inventario_xlsx(&inv)?)?;
        Ok(ruta.display().to_string())
    })
}
