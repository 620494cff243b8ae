//! The change log's events: one typed variant per kind of change a person makes. Every write
//! records one of these (`Tx::registrar`), the sync bundles carry them, and the central office
//! applies them by matching this enum — so a new kind of change that the centre forgets to
//! handle is a compile error, not a silently ignored string.
//!
//! On the wire an event is the change log's `(entidad, accion, datos)`; `datos` is the JSON of
//! the variant's payload. That JSON is the sync contract with the centre: the snapshot test
//! below pins it for every variant, so changing it is a deliberate, visible act.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::abogados::{Estado as EstadoAbogado, Peso};
use crate::cargos::Genero;
use crate::dinero::Centavos;
use crate::procesos::expediente::Actuacion;
use crate::procesos::Etapa;
use crate::sorteo::Registro;
use crate::unidad::Nivel;
use crate::usuarios::Rol;
use crate::{Error, Result};

macro_rules! eventos {
    ($($(#[$doc:meta])* $variante:ident ($entidad:literal, $accion:literal) => $datos:ty;)*) => {
        /// One change, typed. See the module's documentation.
        #[derive(Debug, Clone)]
        pub enum Evento {
            $($(#[$doc])* $variante($datos),)*
        }

        impl Evento {
            /// Every `(entidad, accion)` pair the log can hold, in declaration order.
            pub const TIPOS: &'static [(&'static str, &'static str)] = &[$(($entidad, $accion),)*];

            /// The record kind the change is about (`titulo`, `proceso`, …).
            pub fn entidad(&self) -> &'static str {
                match self { $(Evento::$variante(_) => $entidad,)* }
            }

            /// What happened to it (`crear`, `etapa`, …).
            pub fn accion(&self) -> &'static str {
                match self { $(Evento::$variante(_) => $accion,)* }
            }

            /// The payload's JSON, as written to the log and sent to the centre.
            pub fn datos(&self) -> Result<String> {
                Ok(match self { $(Evento::$variante(d) => serde_json::to_string(d)?,)* })
            }

            /// [`Evento::leer`] straight from the log's text (no intermediate JSON tree).
            pub fn leer_texto(entidad: &str, accion: &str, datos: &str) -> Result<Evento> {
                match (entidad, accion) {
                    $(($entidad, $accion) => serde_json::from_str::<$datos>(datos)
                        .map(Evento::$variante)
                        .map_err(|e| Error::entrada(format!(
                            "el cambio {entidad}/{accion} no tiene la forma esperada: {e}"
                        ))),)*
                    _ => Err(Error::entrada(format!(
                        "el cambio {entidad}/{accion} no es de un tipo conocido por esta versión"
                    ))),
                }
            }

            /// Reads an entry back. An unknown pair (a newer unit's change) or a payload that
            /// does not have the variant's shape is an error naming it.
            pub fn leer(entidad: &str, accion: &str, datos: &serde_json::Value) -> Result<Evento> {
                Evento::leer_texto(entidad, accion, &datos.to_string())
            }
        }
    };
}

eventos! {
    /// The unit is created (`init`).
    UnidadCreada("unidad", "crear") => UnidadCreada;
    UsuarioCreado("usuario", "crear") => UsuarioCreado;
    UsuarioIntentoFallido("usuario", "intento_fallido") => IntentoFallido;
    UsuarioBloqueado("usuario", "bloquear") => IntentoFallido;
    UsuarioClaveCambiada("usuario", "cambiar_clave") => ClaveCambiada;
    AbogadoCreado("abogado", "crear") => AbogadoCreado;
    AbogadoEstado("abogado", "estado") => AbogadoEstado;
    AbogadoImpedimento("abogado", "impedimento") => Impedimento;
    /// A título entered by an import (its key is the título's number).
    TituloCreado("titulo", "crear") => TituloCreado;
    ImportacionCreada("importacion", "crear") => ImportacionCreada;
    /// A sorteo or resorteo with its whole record (inputs, seed, result, digests).
    SorteoCreado("sorteo", "crear") => Box<Registro>;
    ProcesoAbierto("proceso", "abrir") => ProcesoAbierto;
    ProcesoParte("proceso", "parte") => ProcesoParte;
    ProcesoEtapa("proceso", "etapa") => ProcesoEtapa;
    ProcesoCitacion("proceso", "citacion") => ProcesoCitacion;
    ActuacionFoliada("actuacion", "foliar") => ActuacionFoliada;
    FeriadoAgregado("feriado", "agregar") => Feriado;
    FeriadoQuitado("feriado", "quitar") => Feriado;
    ConfiguracionCambiada("configuracion", "cambiar") => ConfiguracionCambiada;
    /// The unit's own version of a document template (its key is the template's name).
    PlantillaGuardada("plantilla", "guardar") => PlantillaGuardada;
    /// The gender the Jefe's titles take (its key is the unit's code).
    UnidadGenero("unidad", "genero") => GeneroRegistrado;
    AbogadoGenero("abogado", "genero") => GeneroRegistrado;
    UsuarioGenero("usuario", "genero") => GeneroRegistrado;
    /// An annual mora rate from a date (its key is the entry's number).
    TasaRegistrada("tasa", "registrar") => TasaRegistrada;
    /// A payment with its imputation (its key is the payment's number).
    PagoRegistrado("pago", "registrar") => PagoRegistrado;
    /// The annulment of a payment: a copy of it with `anula` and `motivo`.
    PagoAnulado("pago", "anular") => PagoRegistrado;
    /// A cost with its foliated receipt (its key is the cost's number).
    CostaRegistrada("costa", "registrar") => CostaRegistrada;
    /// The Jefe's decision on a cost.
    CostaDecidida("costa", "decidir") => CostaDecidida;
    /// A convenio de pago with its table (its key is the convenio's number).
    ConvenioCreado("convenio", "crear") => ConvenioCreado;
    /// Too many cuotas overdue: the convenio ends, the proceso returns to its stage.
    ConvenioIncumplido("convenio", "incumplir") => ConvenioIncumplido;
    /// An external abogado's request of honorarios (its key is the request's number).
    HonorarioSolicitado("honorario", "solicitar") => HonorarioSolicitado;
    /// The Jefe's decision on a request of honorarios.
    HonorarioDecidido("honorario", "decidir") => CostaDecidida;
    /// A citador-notificador is given a proceso (its key is the assignment's number).
    CitadorAsignado("citador", "asignar") => CitadorAsignado;
    /// A kind of medida cautelar the unit adds (its key is the kind's code).
    MedidaTipoAgregado("medida_tipo", "agregar") => MedidaTipoAgregado;
    /// A medida cautelar with its numbered, foliated oficio (its key is the medida's number).
    MedidaOrdenada("medida", "ordenar") => MedidaOrdenada;
    /// What the entity answered to an oficio (its key is the answer's number).
    MedidaRespondida("medida", "responder") => MedidaRespondida;
    /// A medida lifted, with its own numbered oficio (its key is the medida's number).
    MedidaLevantada("medida", "levantar") => MedidaLevantada;
    /// An excepción or impugnación filed (its key is its number).
    ExcepcionRegistrada("excepcion", "registrar") => ExcepcionRegistrada;
    /// Its outcome (its key is the excepción's number).
    ExcepcionResuelta("excepcion", "resolver") => ExcepcionResuelta;
    /// A deprecatorio sent or received (its key is its number).
    DeprecatorioRegistrado("deprecatorio", "registrar") => DeprecatorioRegistrado;
    /// What happened to a deprecatorio, with its document (its key is the news' number).
    DeprecatorioNovedad("deprecatorio", "novedad") => DeprecatorioNovedad;
    /// A guarantee given to the IESS for a proceso or convenio (its key is its number).
    GarantiaRegistrada("garantia", "registrar") => GarantiaRegistrada;
    /// What executing a guarantee gave (its key is the guarantee's number).
    GarantiaEjecutada("garantia", "ejecutar") => GarantiaEjecutada;
    /// A depositario judicial (its key is his identification).
    DepositarioRegistrado("depositario", "registrar") => DepositarioRegistrado;
    /// A bien of a proceso, offered or seized (its key is its number).
    BienRegistrado("bien", "registrar") => BienRegistrado;
    /// A bien's new state (its key is the state's number).
    BienEstado("bien", "estado") => BienEstado;
    /// A diligencia de embargo with its foliated acta (its key is its number).
    EmbargoRegistrado("embargo", "registrar") => EmbargoRegistrado;
    /// A depositario's periodic report on the goods of a proceso, foliated (its key is its number).
    DepositarioInforme("depositario", "informar") => DepositarioInforme;
    /// A storage contract whose cost is a costa of the proceso (its key is its number).
    BodegajeRegistrado("bodegaje", "registrar") => BodegajeRegistrado;
    /// A perito's valuation of a bien, his report foliated (its key is its number).
    AvaluoRegistrado("avaluo", "registrar") => AvaluoRegistrado;
    /// A call to remate with its base (its key is the remate's number).
    RemateConvocado("remate", "convocar") => RemateConvocado;
    /// A publication of the call (its key is the publication's number).
    RematePublicado("remate", "publicar") => RematePublicado;
    /// A postura with its deposit (its key is the postura's number).
    PosturaRegistrada("postura", "registrar") => PosturaRegistrada;
    /// The acta: rematado to the best postura, or desierto (its key is the remate's number).
    RemateCerrado("remate", "cerrar") => RemateCerrado;
    /// The goods adjudicated once the price is paid; the price is a payment (its key is the remate's number).
    RemateAdjudicado("remate", "adjudicar") => RemateAdjudicado;
    /// The Jefe corrects the unit's data (its key is the unit's code): the whole new state.
    UnidadEditada("unidad", "editar") => UnidadEditada;
    /// The Jefe changes a user's names, role or whether he may log in: the whole new state.
    UsuarioEditado("usuario", "editar") => UsuarioEditado;
    /// The Jefe corrects an abogado's names, contact data or peso: the whole new state.
    AbogadoEditado("abogado", "editar") => AbogadoEditado;
    /// The unit goes back to the shipped template (its key is the template's name).
    PlantillaRestaurada("plantilla", "restaurar") => PlantillaRestaurada;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepositarioInforme {
    pub proceso: String,
    /// The depositario's identification.
    pub depositario: String,
    pub fecha: NaiveDate,
    pub detalle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidente: Option<String>,
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodegajeRegistrado {
    pub proceso: String,
    pub proveedor: String,
    pub identificacion: String,
    /// The goods covered, «1,2».
    pub bienes: String,
    pub desde: NaiveDate,
    pub hasta: NaiveDate,
    pub costo: Centavos,
    /// The costa it became.
    pub costa: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvaluoRegistrado {
    pub bien: i64,
    /// The perito's identification and names.
    pub perito: String,
    pub perito_nombres: String,
    pub fecha: NaiveDate,
    pub valor: Centavos,
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemateConvocado {
    pub proceso: String,
    pub convocatoria: i64,
    /// The goods, «1,2».
    pub bienes: String,
    pub avaluo: Centavos,
    /// Ten-thousandths of a point: 666700 is 66,67 %.
    pub porcentaje: i64,
    pub base: Centavos,
    pub fecha: NaiveDate,
    pub hora: String,
    pub lugar: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RematePublicado {
    pub remate: i64,
    pub fecha: NaiveDate,
    pub medio: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PosturaRegistrada {
    pub remate: i64,
    pub postor: String,
    pub identificacion: String,
    pub valor: Centavos,
    pub deposito: Centavos,
    pub fecha: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemateCerrado {
    pub fecha: NaiveDate,
    /// rematado or desierto.
    pub resultado: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postura: Option<i64>,
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemateAdjudicado {
    pub fecha: NaiveDate,
    pub referencia: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pago: Option<i64>,
    pub aplicado: Centavos,
    pub sobrante: Centavos,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepositarioRegistrado {
    pub nombres: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefono: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direccion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BienRegistrado {
    pub proceso: String,
    /// inmueble, vehiculo, cuenta, mueble, semoviente or otro.
    pub clase: String,
    /// dimision (offered by the coactivado) or embargo.
    pub origen: String,
    pub descripcion: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ubicacion: Option<String>,
    /// The kind's fields, as a JSON object in key order.
    pub datos: String,
    pub fecha: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BienEstado {
    pub bien: i64,
    pub estado: String,
    pub fecha: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depositario: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lugar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbargoRegistrado {
    pub proceso: String,
    pub fecha: NaiveDate,
    /// «10:30».
    pub hora: String,
    pub direccion: String,
    /// The depositario's identification.
    pub depositario: String,
    /// Where the goods are kept.
    pub lugar: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparecientes: Option<String>,
    /// The actuación of its foliated acta.
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GarantiaRegistrada {
    pub proceso: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convenio: Option<i64>,
    /// hipoteca, prenda, bancaria, poliza or fianza.
    pub tipo: String,
    pub garante: String,
    pub identificacion: String,
    pub monto: Centavos,
    /// The bank or insurer, for a garantía bancaria or póliza.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emisor: Option<String>,
    /// Its number (the póliza's, the deed's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documento: Option<String>,
    pub fecha: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vence: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GarantiaEjecutada {
    pub fecha: NaiveDate,
    /// cobrada, parcial or rechazada.
    pub resultado: String,
    pub valor: Centavos,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitadorAsignado {
    pub proceso: String,
    /// The citador's user name.
    pub citador: String,
    /// Given by turn (the citador with the fewest procesos pending), not chosen.
    pub por_turno: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedidaTipoAgregado {
    pub nombre: String,
    pub entidad: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedidaOrdenada {
    pub proceso: String,
    pub tipo: String,
    pub entidad: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
    /// Up to how much (a retención's ceiling).
    pub monto: Centavos,
    /// The providencia that ordered it («orden de pago inmediato») and its date.
    pub providencia: String,
    pub providencia_fecha: NaiveDate,
    pub fecha: NaiveDate,
    pub oficio: String,
    pub oficio_anio: i64,
    pub oficio_secuencia: i64,
    /// The actuación of the foliated oficio.
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedidaRespondida {
    pub medida: i64,
    pub fecha: NaiveDate,
    pub texto: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banco: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cuenta: Option<String>,
    pub retenido: Centavos,
    /// The actuación of the foliated answer, when its document was filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuacion: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedidaLevantada {
    /// pago, convenio or orden.
    pub motivo: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
    pub fecha: NaiveDate,
    pub oficio: String,
    pub oficio_anio: i64,
    pub oficio_secuencia: i64,
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcepcionRegistrada {
    pub proceso: String,
    /// excepcion or impugnacion.
    pub clase: String,
    pub fecha: NaiveDate,
    pub fundamento: String,
    /// The court or organ it was filed before.
    pub organo: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causa: Option<String>,
    pub suspende: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcepcionResuelta {
    pub fecha: NaiveDate,
    /// aceptada, rechazada or desistida.
    pub resultado: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeprecatorioRegistrado {
    /// enviado or recibido.
    pub sentido: String,
    /// This unit's proceso (a deprecatorio sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proceso: Option<String>,
    /// The other unit.
    pub unidad: String,
    /// The other unit's reference (its proceso, its oficio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referencia: Option<String>,
    /// citacion, embargo or otro.
    pub pedido: String,
    pub detalle: String,
    pub fecha: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeprecatorioNovedad {
    pub deprecatorio: i64,
    /// en_tramite, diligenciado or devuelto.
    pub estado: String,
    pub fecha: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
    /// The SHA-256 of the document exchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documento: Option<String>,
    /// Its actuación, when it was foliated in this unit's expediente.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuacion: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConvenioCreado {
    pub proceso: String,
    pub titulo: String,
    pub desde: NaiveDate,
    pub saldo: Centavos,
    pub entrada: Centavos,
    pub cuotas: i64,
    /// «9.53»: the annual rate of the cuotas.
    pub tasa: String,
    pub etapa_anterior: Etapa,
    /// The newest payment before the convenio (the cuotas take the ones after it).
    pub ultimo_pago: i64,
    pub tabla: Vec<crate::convenios::Cuota>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConvenioIncumplido {
    /// The day it fell into default.
    pub fecha: NaiveDate,
    /// Cuotas overdue that day.
    pub vencidas: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HonorarioSolicitado {
    pub proceso: String,
    /// The abogado's record number.
    pub abogado: i64,
    pub fecha: NaiveDate,
    pub recuperado: Centavos,
    /// «10.00»: the percentage applied.
    pub porcentaje: String,
    pub valor: Centavos,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostaRegistrada {
    pub titulo: String,
    pub fecha: NaiveDate,
    pub concepto: String,
    pub descripcion: String,
    pub valor: Centavos,
    pub actuacion: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostaDecidida {
    pub aprobada: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PagoRegistrado {
    /// The título paid (its proceso, if any, follows from it).
    pub titulo: String,
    pub fecha: NaiveDate,
    pub valor: Centavos,
    pub forma: String,
    pub referencia: String,
    pub costas: Centavos,
    pub honorarios: Centavos,
    pub intereses: Centavos,
    pub capital: Centavos,
    /// The actuación of its foliated receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuacion: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anula: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TasaRegistrada {
    pub desde: NaiveDate,
    /// «9.53»: the annual percentage.
    pub anual: String,
}

/// The gender a person's printed title takes ([`crate::cargos`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneroRegistrado {
    pub genero: Genero,
}

// Payloads. Fields are declared in alphabetical order where the log always wrote them so.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnidadCreada {
    pub ciudad: String,
    pub jefe: String,
    pub nivel: Nivel,
    pub nombre: String,
    pub oficina: String,
    pub provincia: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jefe_genero: Option<Genero>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsuarioCreado {
    pub nombres: String,
    pub rol: Rol,
    pub usuario: String,
    /// SHA-256 of the stored password hash (itself salted argon2id): lets `verificar` notice a
    /// password hash replaced in the file, and reveals nothing about the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clave_sha256: Option<String>,
    /// The abogado a Secretario-Abogado's user is linked to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abogado: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntentoFallido {
    pub bloqueado_hasta: Option<String>,
    pub intentos: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaveCambiada {
    pub por: String,
    /// As in [`UsuarioCreado::clave_sha256`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clave_sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbogadoCreado {
    pub email: Option<String>,
    pub estado: EstadoAbogado,
    pub externo: bool,
    pub identificacion: String,
    pub nombres: String,
    pub peso: Peso,
    pub registro_profesional: Option<String>,
    pub telefono: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genero: Option<Genero>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbogadoEstado {
    pub desde: Option<NaiveDate>,
    pub estado: EstadoAbogado,
    pub hasta: Option<NaiveDate>,
    /// Why a licencia (vacaciones, enfermedad…), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Impedimento {
    pub motivo: Option<String>,
    pub obligado: String,
}

/// A título as Cartera issued it. The importer renders this same shape on its reader thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TituloCreado {
    pub fecha_emision: NaiveDate,
    pub identificacion: String,
    pub obligado: String,
    pub concepto: String,
    pub capital: Centavos,
    pub intereses: Centavos,
    pub total: Centavos,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direccion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fecha_exigibilidad: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_patronal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodo: Option<String>,
    /// What Cartera records about its issue (see migration 0008).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emisor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lugar_emision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmante: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cargo_firmante: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fecha_intereses: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orden_cobro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fecha_orden_cobro: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportacionCreada {
    pub archivo: String,
    pub sha256: String,
    pub titulos: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcesoAbierto {
    pub abogado: String,
    pub etapa: Etapa,
    pub numero: String,
    /// The obligado's identification.
    pub obligado: String,
    pub titulo: String,
    /// The year and place in the year's gapless sequence the number was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anio: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secuencia: Option<i64>,
    /// The day the proceso (and its first stage) starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desde: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcesoParte {
    pub identificacion: String,
    pub nombres: String,
    pub rol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direccion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcesoEtapa {
    pub a: Etapa,
    pub de: Etapa,
    pub desde: NaiveDate,
    pub motivo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcesoCitacion {
    pub fecha: NaiveDate,
    pub parte: String,
    pub tipo: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detalle: Option<String>,
    /// What follows was added with the full diligencia; older entries lack it.
    #[serde(default, flatten, skip_serializing_if = "Option::is_none")]
    pub diligencia: Option<DiligenciaCitacion>,
}

/// The diligencia's record beyond its date and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiligenciaCitacion {
    /// requerimiento, orden_pago or providencia.
    pub acto: String,
    /// «15:40».
    pub hora: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direccion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receptor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receptor_identificacion: Option<String>,
    /// parte, familiar, empleado or otro.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relacion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitud: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitud: Option<String>,
    /// The user who practised it.
    pub citador: String,
    /// citado, no_encontrado or negativa.
    pub resultado: String,
    /// The actuaciones of its foliated photographs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fotos: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActuacionFoliada {
    pub actuacion: Actuacion,
    pub hash: String,
    pub proceso: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feriado {
    pub nombre: String,
    pub provincia: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfiguracionCambiada {
    pub valor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnidadEditada {
    pub ciudad: String,
    pub jefe: String,
    pub nivel: Nivel,
    pub nombre: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsuarioEditado {
    pub activo: bool,
    pub nombres: String,
    pub rol: Rol,
    /// The abogado a user with the abogado role is linked to.
    pub abogado: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbogadoEditado {
    pub email: Option<String>,
    pub nombres: String,
    pub peso: Peso,
    pub registro_profesional: Option<String>,
    pub telefono: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantillaRestaurada {
    /// SHA-256 of the unit's version it set aside.
    pub anterior: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantillaGuardada {
    pub sha256: String,
    pub texto: String,
}

#[cfg(test)]
mod tests;
