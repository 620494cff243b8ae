//! `coactiva`: the juzgado's command-line tool, for automation, the central office and tests.
//! It parses, authenticates, calls the core library and prints; nothing else lives here.
//!
//! Exit codes: 0 success, 1 failure, 2 invalid input or usage, 3 a verification found tampering.

#[macro_use]
mod salida;
mod espanol;
mod ordenes;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use coactiva::abogados::{self, NuevoAbogado, Peso};
use coactiva::titulos::{self, importar, EstadoTitulo};
use coactiva::unidad::{self, Nivel, NuevaUnidad};
use coactiva::{demo, fechas, logging, sorteo, usuarios, Actor, Error, Rol, Store};

/// Coactiva: gestión del Juzgado de Coactivas del IESS.
#[derive(Parser, Debug)]
#[command(name = "coactiva", version, next_help_heading = "Opciones")]
struct Cli {
    /// Archivo de la base de datos (por defecto, la de la carpeta de datos del usuario)
    #[arg(long, global = true, env = "COACTIVA_DB", value_name = "RUTA")]
    db: Option<PathBuf>,
    /// Usuario que ejecuta el comando (la clave se toma de COACTIVA_CLAVE o se pregunta)
    #[arg(long, global = true, env = "COACTIVA_USUARIO", value_name = "USUARIO")]
    usuario: Option<String>,
    /// Salida en JSON, para otros programas
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    orden: Orden,
}

#[derive(Subcommand, Debug)]
enum Orden {
    /// Crea la base de datos con la unidad y su primer jefe
    Init {
        /// Código de provincia, de 01 a 24 (p. ej. 17 Pichincha)
        #[arg(long)]
        provincia: String,
        /// Código de oficina de tres dígitos
        #[arg(long, default_value = "001")]
        oficina: String,
        /// Nombre de la unidad o grupo de trabajo
        #[arg(long)]
        unidad: String,
        /// Nivel: unidad o grupo (grupo de trabajo)
        #[arg(long, default_value = "unidad")]
        nivel: String,
        /// Ciudad sede
        #[arg(long)]
        ciudad: String,
        /// Usuario del jefe (clave en COACTIVA_CLAVE o se pregunta)
        #[arg(long)]
        jefe: String,
        /// Nombres y apellidos del jefe, como se imprimen en los documentos
        #[arg(long, value_name = "NOMBRES")]
        nombres_jefe: Option<String>,
    },
    /// Muestra los datos de la unidad
    Unidad,
    /// Usuarios de la aplicación
    #[command(subcommand)]
    Usuarios(OrdenUsuarios),
    /// Secretarios-Abogados
    #[command(subcommand)]
    Abogados(OrdenAbogados),
    /// Títulos de crédito
    #[command(subcommand)]
    Titulos(OrdenTitulos),
    /// Sorteo de títulos entre los Secretarios-Abogados (solo el jefe)
    #[command(subcommand)]
    Sorteo(OrdenSorteo),
    /// Procesos coactivos y sus expedientes foliados
    #[command(subcommand)]
    Procesos(OrdenProcesos),
    /// Imprime un documento del proceso en PDF; con --foliar lo agrega al expediente
    Imprimir {
        /// orden-cobro, titulo, requerimiento, orden-pago, boleta, razon-citacion, oficio-retencion,
        /// oficio-prohibicion, acta-embargo, liquidacion, providencia, razon, indice o expediente
        documento: String,
        numero: String,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
        /// Agrega el documento al expediente como la siguiente actuación, con sus fojas impresas
        #[arg(long)]
        foliar: bool,
        /// Texto de una providencia, razón o acta de embargo
        #[arg(long)]
        texto: Option<String>,
        /// Destinatario de un oficio
        #[arg(long)]
        destinatario: Option<String>,
        /// Identificación de la parte citada (boleta, razón de citación); el obligado por defecto
        #[arg(long)]
        parte: Option<String>,
    },
    /// Entrega a la central los cambios aún no confirmados (carpeta o URL)
    Sincronizar {
        /// URL de la central (http://…) o carpeta; por defecto el ajuste destino_sync
        #[arg(long, value_name = "URL|CARPETA")]
        destino: Option<String>,
    },
    /// Muestra la clave pública de la unidad, para registrarla en la central
    ClavePublica,
    /// Órdenes de la oficina central (no piden usuario de unidad; --db es la base central)
    #[command(subcommand)]
    Central(OrdenCentral),
    /// Feriados y días hábiles
    #[command(subcommand)]
    Calendario(OrdenCalendario),
    /// Ajustes de la unidad: numeración y plazos
    #[command(subcommand)]
    Configuracion(OrdenConfiguracion),
    /// Llena la base con datos sintéticos realistas (demostraciones y pruebas de rendimiento)
    Demo {
        #[arg(long, default_value_t = 100)]
        titulos: usize,
        #[arg(long, default_value_t = 10)]
        abogados: usize,
        #[arg(long, default_value_t = 2026)]
        semilla: u64,
        /// Además: sortea y abre tantos procesos
        #[arg(long, default_value_t = 0)]
        procesos: usize,
        /// Además: folia tantas fojas repartidas entre los procesos
        #[arg(long, default_value_t = 0)]
        fojas: usize,
    },
    /// Comprueba que nada se haya alterado directamente en la base (sale con 3 si algo se alteró)
    Verificar,
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenProcesos {
    /// Abre el proceso de un título ya sorteado
    Abrir { titulo: String },
    /// Lista los procesos
    Listar {
        #[arg(long)]
        etapa: Option<String>,
    },
    /// Busca por número de proceso o de título, obligado, identificación o abogado
    Buscar { texto: String },
    /// Muestra un proceso: partes, etapas, citaciones, términos
    Ver { numero: String },
    /// Folia un PDF en el expediente
    Agregar {
        numero: String,
        /// providencia, razon, escrito, oficio, acta, evidencia, orden, titulo u otro
        #[arg(long)]
        tipo: String,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        archivo: PathBuf,
        #[arg(long)]
        descripcion: Option<String>,
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        /// Número de la actuación que esta corrige o anula
        #[arg(long, value_name = "ORDEN")]
        corrige: Option<i64>,
    },
    /// El índice del expediente: fojas, fecha, tipo y descripción
    Indice { numero: String },
    /// Guarda el PDF de una actuación
    Documento {
        numero: String,
        orden: i64,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Cambia la etapa del proceso (solo a las permitidas)
    Etapa {
        numero: String,
        etapa: String,
        /// Fecha desde la que rige (p. ej. la de notificación); hoy por defecto
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        #[arg(long)]
        motivo: Option<String>,
    },
    /// Registra una citación: personal, boleta1, boleta2, prensa o electronica
    Citar {
        numero: String,
        /// Identificación de la parte citada
        #[arg(long)]
        parte: String,
        #[arg(long)]
        tipo: String,
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        #[arg(long)]
        detalle: Option<String>,
    },
    /// Agrega un garante o codeudor
    Garante {
        numero: String,
        #[arg(long)]
        identificacion: String,
        #[arg(long)]
        nombres: String,
        #[arg(long)]
        codeudor: bool,
        #[arg(long)]
        direccion: Option<String>,
    },
    /// Términos vencidos o que vencen dentro de N días hábiles
    Vencimientos {
        #[arg(long, default_value_t = 5)]
        dias: i64,
    },
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenCentral {
    /// Recibe paquetes por HTTP
    Servir {
        #[arg(long, default_value_t = 8750)]
        puerto: u16,
        /// Dirección en la que escucha (solo esta máquina por defecto)
        #[arg(long, default_value = "127.0.0.1")]
        direccion: String,
    },
    /// Ingresa los paquetes de una carpeta (memoria USB o carpeta compartida) y deja los acuses
    Recibir { carpeta: PathBuf },
    /// Unidades autorizadas a enviar paquetes
    #[command(subcommand)]
    Unidades(OrdenUnidadesCentral),
    /// Resumen nacional por unidad y provincia
    Resumen,
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenUnidadesCentral {
    /// Registra la clave pública de una unidad
    Agregar {
        #[arg(long)]
        unidad: String,
        #[arg(long)]
        clave: String,
    },
}

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

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenConfiguracion {
    /// Muestra los ajustes
    Listar,
    /// Cambia un ajuste
    Cambiar { clave: String, valor: String },
}

#[derive(Subcommand, Debug)]
enum OrdenSorteo {
    /// Sortea todos los títulos por sortear entre los abogados activos hoy
    Ejecutar {
        /// Semilla de 64 dígitos hexadecimales (solo para repetir un sorteo de prueba)
        #[arg(long, value_name = "HEX")]
        semilla: Option<String>,
    },
    /// Reasigna títulos ya sorteados, con motivo; el abogado anterior queda excluido
    Resortear {
        #[arg(required = true, value_name = "TITULO")]
        titulos: Vec<String>,
        #[arg(long)]
        motivo: String,
        #[arg(long, value_name = "HEX")]
        semilla: Option<String>,
    },
    /// Vuelve a ejecutar uno o todos los sorteos desde su registro y comprueba la cadena (sale con 3 si algo se alteró)
    Verificar { numero: Option<i64> },
    /// Imprime el acta de un sorteo en PDF
    Acta {
        numero: i64,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Lista los sorteos hechos
    Listar,
    /// Muestra quién puede recibir títulos hoy y su carga
    Elegibles,
}

#[derive(Subcommand, Debug)]
enum OrdenUsuarios {
    /// Agrega un usuario (su clave en COACTIVA_CLAVE_NUEVA o se pregunta)
    Agregar {
        usuario_nuevo: String,
        #[arg(long)]
        nombres: String,
        /// jefe, abogado, secretario, citador o consulta
        #[arg(long)]
        rol: String,
    },
    /// Lista los usuarios
    Listar,
    /// Cambia una clave (la propia, o la de otro si es jefe); la nueva en COACTIVA_CLAVE_NUEVA o se pregunta
    Clave { usuario_objetivo: Option<String> },
}

#[derive(Subcommand, Debug)]
enum OrdenAbogados {
    /// Registra un Secretario-Abogado
    Agregar {
        #[arg(long)]
        identificacion: String,
        #[arg(long)]
        nombres: String,
        /// Abogado externo (cobra honorarios)
        #[arg(long)]
        externo: bool,
        /// Peso de carga: 1 = carga completa, 0,5 = media carga
        #[arg(long)]
        peso: Option<String>,
        /// Número de matrícula profesional
        #[arg(long)]
        registro: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        telefono: Option<String>,
    },
    /// Cambia el estado: activo, inactivo o licencia (con --desde y --hasta)
    Estado {
        identificacion: String,
        estado: String,
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
    },
    /// Registra que el abogado nunca debe recibir títulos de ese obligado
    Impedimento {
        identificacion: String,
        identificacion_del_obligado: String,
        #[arg(long)]
        motivo: Option<String>,
    },
    /// Lista los abogados
    Listar,
}

#[derive(Subcommand, Debug)]
enum OrdenTitulos {
    /// Importa títulos desde un CSV o XLSX; si alguna fila tiene errores no importa nada
    Importar {
        archivo: PathBuf,
        /// Solo valida, sin escribir
        #[arg(long)]
        simular: bool,
    },
    /// Lista los títulos
    Listar {
        /// por_sortear, asignado, en_proceso o anulado
        #[arg(long)]
        estado: Option<String>,
    },
}

/// A failure with the exit code it maps to.
pub(crate) struct Fallo {
    pub(crate) codigo: u8,
    pub(crate) mensaje: String,
}

impl From<Error> for Fallo {
    fn from(e: Error) -> Self {
        let codigo = match e {
            Error::Entrada(_)
            | Error::Importacion(_)
            | Error::Conflicto(_)
            | Error::NoEncontrado(_) => 2,
            _ => 1,
        };
        Fallo {
            codigo,
            mensaje: e.to_string(),
        }
    }
}

impl From<anyhow::Error> for Fallo {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<Error>() {
            Ok(e) => e.into(),
            Err(e) => Fallo {
                codigo: 1,
                mensaje: format!("{e:#}"),
            },
        }
    }
}

pub(crate) type Res<T = ()> = std::result::Result<T, Fallo>;

fn main() -> ExitCode {
    let _log = logging::iniciar("coactiva");
    let matches = match espanol::espanolizar(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind::*;
            if matches!(e.kind(), DisplayHelp | DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "coactiva: {}.\nUse «coactiva --help» para ver las órdenes y sus opciones.",
                espanol::mensaje(&e)
            );
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("coactiva: {}", espanol::mensaje(&e));
            return ExitCode::from(2);
        }
    };
    match ejecutar(cli) {
        Ok(codigo) => ExitCode::from(codigo),
        Err(f) => {
            log::error!("orden fallida (código {})", f.codigo);
            eprintln!("coactiva: {}", f.mensaje);
            ExitCode::from(f.codigo)
        }
    }
}

fn abrir(cli: &Cli) -> Res<Store> {
    let ruta = cli.db.clone().unwrap_or_else(logging::base_por_defecto);
    Ok(Store::open(&ruta, fechas::reloj())?)
}

/// A password from the environment variable, or asked at the terminal.
fn clave(variable: &str, pregunta: &str) -> Res<String> {
    if let Ok(c) = std::env::var(variable) {
        return Ok(c);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Fallo {
            codigo: 2,
            mensaje: format!("falta la clave: defínala en la variable {variable}"),
        });
    }
    rpassword::prompt_password(pregunta)
        .context("no se pudo leer la clave")
        .map_err(Fallo::from)
}

fn sesion(cli: &Cli, store: &mut Store) -> Res<Actor> {
    unidad::exigir(store)?;
    let usuario = cli.usuario.clone().ok_or_else(|| Fallo {
        codigo: 2,
        mensaje: "indique el usuario con --usuario o la variable COACTIVA_USUARIO".into(),
    })?;
    let c = clave("COACTIVA_CLAVE", &format!("Clave de {usuario}: "))?;
    Ok(usuarios::autenticar(store, &usuario, &c)?)
}

pub(crate) fn fecha_opcional(t: &Option<String>) -> Res<Option<chrono::NaiveDate>> {
    Ok(t.as_deref().map(fechas::parse_fecha).transpose()?)
}

fn semilla(hex: &Option<String>) -> Res<Option<coactiva::azar::Semilla>> {
    Ok(hex
        .as_deref()
        .map(coactiva::azar::parse_semilla)
        .transpose()?)
}

fn mostrar_sorteo(r: &sorteo::Registro, como_json: bool) {
    if como_json {
        let asignaciones: Vec<_> = r
            .resultado
            .asignaciones
            .iter()
            .map(|a| serde_json::json!({"titulo": a.titulo, "abogado": a.abogado}))
            .collect();
        salida::json(&serde_json::json!({
            "sorteo": r.numero, "tipo": r.tipo, "semilla": r.semilla, "digest": r.digest,
            "asignaciones": asignaciones, "sin_asignar": r.resultado.sin_asignar,
        }));
        return;
    }
    let que = if r.tipo == sorteo::Tipo::Resorteo {
        "Resorteo"
    } else {
        "Sorteo"
    };
    out!(
        "{que} N.º {} hecho: {} título(s) asignado(s).",
        r.numero,
        r.resultado.asignaciones.len()
    );
    for s in &r.resultado.sin_asignar {
        out!("  queda por sortear {}: {}", s.titulo, s.motivo);
    }
    out!("Semilla: {}\nHuella:  {}", r.semilla, r.digest);
    out!(
        "Imprima el acta con «coactiva sorteo acta {} --salida acta.pdf».",
        r.numero
    );
}

fn orden_sorteo(store: &mut Store, actor: &Actor, o: OrdenSorteo, como_json: bool) -> Res<u8> {
    match o {
        OrdenSorteo::Ejecutar { semilla: s } => {
            let r = sorteo::ejecutar(store, actor, semilla(&s)?)?;
            mostrar_sorteo(&r, como_json);
        }
        OrdenSorteo::Resortear {
            titulos,
            motivo,
            semilla: s,
        } => {
            let r = sorteo::resortear(store, actor, &titulos, &motivo, semilla(&s)?)?;
            mostrar_sorteo(&r, como_json);
        }
        OrdenSorteo::Verificar { numero } => {
            let hallazgos = sorteo::verificar(store, numero)?;
            if como_json {
                salida::json(
                    &serde_json::json!({"correcto": hallazgos.is_empty(), "hallazgos": hallazgos}),
                );
            } else if hallazgos.is_empty() {
                match numero {
                    Some(n) => out!("El sorteo {n} es íntegro: su repetición da el mismo resultado y su huella coincide."),
                    None => out!("Los {} sorteos son íntegros: cada repetición da el mismo resultado y la cadena de huellas está completa.", sorteo::listar(store)?.len()),
                }
            } else {
                for h in &hallazgos {
                    eprintln!("ALTERADO — sorteo {}: {}", h.sorteo, h.mensaje);
                }
            }
            return Ok(if hallazgos.is_empty() { 0 } else { 3 });
        }
        OrdenSorteo::Acta {
            numero,
            salida: ruta,
        } => {
            actor.exigir(usuarios::Accion::Consultar)?;
            let pdf = sorteo::acta::generar(store, numero)?;
            salida::escribir(&ruta, &pdf)?;
            out!("Acta del sorteo {numero} guardada en {}.", ruta.display());
        }
        OrdenSorteo::Listar => {
            let v = sorteo::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["N.º", "Tipo", "Fecha", "Usuario", "Asignados", "Huella"],
                    v.iter().map(|s| {
                        vec![
                            s.numero.to_string(),
                            format!("{:?}", s.tipo).to_lowercase(),
                            s.fecha.get(..16).unwrap_or(&s.fecha).replace('T', " "),
                            s.usuario.clone(),
                            s.asignados.to_string(),
                            s.digest.get(..16).unwrap_or("").to_string() + "…",
                        ]
                    }),
                );
            }
        }
        OrdenSorteo::Elegibles => {
            let v = sorteo::elegibilidad(store, fechas::hoy(store.clock()))?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Identificación", "Nombres", "Peso", "Carga", "Elegible"],
                    v.iter().map(|e| {
                        vec![
                            e.identificacion.clone(),
                            e.nombres.clone(),
                            e.peso.texto(),
                            e.carga.to_string(),
                            e.motivo
                                .clone()
                                .map(|m| format!("no: {m}"))
                                .unwrap_or_else(|| "sí".into()),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}

fn ejecutar(cli: Cli) -> Res<u8> {
    if let Orden::Central(o) = cli.orden {
        let ruta = cli.db.clone().ok_or_else(|| Fallo {
            codigo: 2,
            mensaje: "indique la base central con --db".into(),
        })?;
        return ordenes::central(&ruta, o, cli.json);
    }
    let mut store = abrir(&cli)?;
    if let Orden::Init {
        provincia,
        oficina,
        unidad: nombre,
        nivel,
        ciudad,
        jefe,
        nombres_jefe,
    } = &cli.orden
    {
        let nivel = Nivel::parse(nivel)?;
        if unidad::cargar(&store)?.is_some() {
            return Err(Error::Conflicto(format!(
                "la base {} ya tiene una unidad registrada; no se vuelve a inicializar",
                store.ruta().display()
            ))
            .into());
        }
        let c = clave(
            "COACTIVA_CLAVE",
            &format!("Clave nueva para el jefe {jefe}: "),
        )?;
        let n = NuevaUnidad {
            provincia: provincia.clone(),
            oficina: oficina.clone(),
            nombre: nombre.clone(),
            nivel,
            ciudad: ciudad.clone(),
            jefe_usuario: jefe.clone(),
            jefe_nombres: nombres_jefe.clone().unwrap_or_default(),
            jefe_clave: c,
        };
        unidad::inicializar(&mut store, &n)?;
        let u = unidad::exigir(&store)?;
        if cli.json {
            salida::json(&u);
        } else {
            out!(
                "Unidad {} ({}) creada en {}. Jefe: {jefe}.",
                u.codigo,
                u.nombre,
                store.ruta().display()
            );
        }
        return Ok(0);
    }
    let actor = sesion(&cli, &mut store)?;
    match cli.orden {
        Orden::Init { .. } => unreachable!("atendido arriba"),
        Orden::Unidad => {
            let u = unidad::exigir(&store)?;
            if cli.json {
                salida::json(&u);
            } else {
                out!(
                    "{} — {} ({})\nCódigo {} · Provincia {} · Ciudad {}\nJefe: {}",
                    u.nombre,
                    if u.nivel == Nivel::Unidad {
                        "Unidad"
                    } else {
                        "Grupo de Trabajo"
                    },
                    u.codigo,
                    u.codigo,
                    u.provincia_nombre,
                    u.ciudad,
                    u.jefe_nombres
                );
            }
        }
        Orden::Usuarios(o) => match o {
            OrdenUsuarios::Agregar {
                usuario_nuevo,
                nombres,
                rol,
            } => {
                let rol: Rol = rol.parse()?;
                let c = clave(
                    "COACTIVA_CLAVE_NUEVA",
                    &format!("Clave para {usuario_nuevo}: "),
                )?;
                usuarios::agregar(&mut store, &actor, &usuario_nuevo, &nombres, rol, &c)?;
                out!("Usuario {usuario_nuevo} creado con el rol {rol}.");
            }
            OrdenUsuarios::Listar => {
                let v = usuarios::listar(&store)?;
                if cli.json {
                    salida::json(&v);
                } else {
                    salida::tabla(
                        &["Usuario", "Nombres", "Rol", "Estado"],
                        v.iter().map(|u| {
                            vec![
                                u.usuario.clone(),
                                u.nombres.clone(),
                                u.rol.to_string(),
                                if !u.activo {
                                    "desactivado".into()
                                } else if u.bloqueado_hasta.is_some() {
                                    "bloqueado".into()
                                } else {
                                    "activo".into()
                                },
                            ]
                        }),
                    );
                }
            }
            OrdenUsuarios::Clave { usuario_objetivo } => {
                let objetivo = usuario_objetivo.unwrap_or_else(|| actor.usuario.clone());
                let nueva = clave(
                    "COACTIVA_CLAVE_NUEVA",
                    &format!("Clave nueva para {objetivo}: "),
                )?;
                let actual = std::env::var("COACTIVA_CLAVE").ok();
                usuarios::cambiar_clave(&mut store, &actor, &objetivo, actual.as_deref(), &nueva)?;
                out!("Clave de {objetivo} cambiada.");
            }
        },
        Orden::Abogados(o) => match o {
            OrdenAbogados::Agregar {
                identificacion,
                nombres,
                externo,
                peso,
                registro,
                email,
                telefono,
            } => {
                let peso = peso.as_deref().map(Peso::parse).transpose()?;
                let a = abogados::agregar(
                    &mut store,
                    &actor,
                    &NuevoAbogado {
                        identificacion,
                        nombres,
                        externo,
                        registro_profesional: registro,
                        email,
                        telefono,
                        peso,
                    },
                )?;
                if cli.json {
                    salida::json(&a);
                } else {
                    out!(
                        "Abogado {} ({}) registrado, activo, peso {}.",
                        a.nombres,
                        a.identificacion,
                        a.peso.texto()
                    );
                }
            }
            OrdenAbogados::Estado {
                identificacion,
                estado,
                desde,
                hasta,
            } => {
                let estado = abogados::Estado::parse(&estado)?;
                let a = abogados::cambiar_estado(
                    &mut store,
                    &actor,
                    &identificacion,
                    estado,
                    fecha_opcional(&desde)?,
                    fecha_opcional(&hasta)?,
                )?;
                out!(
                    "{} queda en estado {}.",
                    a.nombres,
                    salida::estado_abogado(&a)
                );
            }
            OrdenAbogados::Impedimento {
                identificacion,
                identificacion_del_obligado,
                motivo,
            } => {
                abogados::agregar_impedimento(
                    &mut store,
                    &actor,
                    &identificacion,
                    &identificacion_del_obligado,
                    motivo.as_deref(),
                )?;
                out!("Impedimento registrado: {identificacion} no recibirá títulos de {identificacion_del_obligado}.");
            }
            OrdenAbogados::Listar => {
                let v = abogados::listar(&store)?;
                if cli.json {
                    salida::json(&v);
                } else {
                    salida::tabla(
                        &[
                            "Identificación",
                            "Nombres",
                            "Tipo",
                            "Peso",
                            "Estado",
                            "Impedimentos",
                        ],
                        v.iter().map(|a| {
                            vec![
                                a.identificacion.clone(),
                                a.nombres.clone(),
                                if a.externo { "externo" } else { "interno" }.into(),
                                a.peso.texto(),
                                salida::estado_abogado(a),
                                a.impedimentos.len().to_string(),
                            ]
                        }),
                    );
                }
            }
        },
        Orden::Titulos(o) => match o {
            OrdenTitulos::Importar { archivo, simular } => {
                return match importar::importar(&mut store, &actor, &archivo, simular) {
                    Ok(inf) => {
                        salida::informe(&inf, cli.json);
                        Ok(0)
                    }
                    Err(Error::Importacion(inf)) => {
                        salida::informe(&inf, cli.json);
                        Ok(2)
                    }
                    Err(e) => Err(e.into()),
                };
            }
            OrdenTitulos::Listar { estado } => {
                let estado = estado.as_deref().map(EstadoTitulo::parse).transpose()?;
                let v = titulos::listar(&store, estado)?;
                if cli.json {
                    salida::json(&v);
                } else {
                    let formato = unidad::exigir(&store)?.formato_importe;
                    salida::tabla(
                        &[
                            "Número",
                            "Emisión",
                            "Identificación",
                            "Obligado",
                            "Total",
                            "Estado",
                        ],
                        v.iter().map(|t| {
                            vec![
                                t.numero.clone(),
                                fechas::corta(t.fecha_emision),
                                t.identificacion.clone(),
                                t.obligado.clone(),
                                t.total.agrupado(formato),
                                t.estado.como_texto().into(),
                            ]
                        }),
                    );
                    out!("{} título(s).", v.len());
                }
            }
        },
        Orden::Sorteo(o) => return orden_sorteo(&mut store, &actor, o, cli.json),
        Orden::Procesos(o) => return ordenes::procesos(&mut store, &actor, o, cli.json),
        Orden::Central(_) => unreachable!("atendido arriba"),
        Orden::ClavePublica => out!("{}", coactiva::sync::clave_publica(&mut store)?),
        Orden::Sincronizar { destino } => {
            let destino = match destino {
                Some(d) => d,
                None => coactiva::configuracion::leer(&store, "destino_sync")?,
            };
            if destino.trim().is_empty() {
                return Err(Fallo {
                    codigo: 2,
                    mensaje:
                        "indique --destino (URL de la central o carpeta) o configure destino_sync"
                            .into(),
                });
            }
            let inf = coactiva::sync::sincronizar(
                &mut store,
                &coactiva::sync::Destino::parse(destino.trim()),
                &coactiva_red::Http,
            )?;
            if cli.json {
                salida::json(&inf);
            } else {
                out!(
                    "Sincronización con {}: {} paquete(s) nuevo(s), {} enviado(s), {} confirmado(s) por la central; quedan {} paquete(s) y {} cambio(s) sin confirmar.",
                    inf.destino, inf.paquetes_nuevos, inf.enviados, inf.confirmados, inf.pendientes, inf.cambios_pendientes
                );
            }
        }
        Orden::Imprimir {
            documento,
            numero,
            salida: ruta,
            foliar,
            texto,
            destinatario,
            parte,
        } => {
            let o = coactiva::documentos::Opciones {
                texto,
                destinatario,
                parte,
            };
            let (pdf, a) = coactiva::documentos::imprimir(
                &mut store, &actor, &documento, &numero, &o, foliar,
            )?;
            salida::escribir(&ruta, &pdf)?;
            match a {
                Some(a) => out!(
                    "{} guardado en {} y foliado en el proceso {numero}: fojas {} a {}.",
                    documento,
                    ruta.display(),
                    a.desde,
                    a.hasta
                ),
                None => out!("{} guardado en {}.", documento, ruta.display()),
            }
        }
        Orden::Calendario(o) => return ordenes::calendario(&mut store, &actor, o, cli.json),
        Orden::Configuracion(o) => return ordenes::configuracion(&mut store, &actor, o, cli.json),
        Orden::Demo {
            titulos,
            abogados,
            semilla,
            procesos,
            fojas,
        } => {
            let mut r = demo::poblar(&mut store, &actor, titulos, abogados, semilla)?;
            if procesos > 0 || fojas > 0 {
                let (p, f) = demo::expedientes(&mut store, &actor, procesos, fojas, semilla)?;
                r.procesos = p;
                r.fojas = f;
            }
            if cli.json {
                salida::json(&r);
            } else {
                out!(
                    "Datos de demostración: {} abogado(s), {} título(s), {} proceso(s) y {} foja(s) agregados.",
                    r.abogados,
                    r.titulos,
                    r.procesos,
                    r.fojas
                );
            }
        }
        Orden::Verificar => {
            let inf = coactiva::verificacion::verificar(&store)?;
            if cli.json {
                salida::json(
                    &serde_json::json!({"correcto": inf.correcto, "hallazgos": inf.hallazgos}),
                );
            } else if inf.correcto {
                out!(
                    "Verificación correcta: el registro de cambios ({} cambios), los sorteos ({}) y los expedientes ({} fojas) están íntegros.",
                    inf.cambios, inf.sorteos, inf.fojas
                );
            } else {
                for h in &inf.hallazgos {
                    eprintln!("ALTERADO — {}: {}", h.donde, h.mensaje);
                }
            }
            return Ok(if inf.correcto { 0 } else { 3 });
        }
    }
    Ok(0)
}
