//! `coactiva`: the juzgado's command-line tool, for automation, the central office and tests.
//! It parses, authenticates, calls the core library and prints; nothing else lives here.
//!
//! Exit codes: 0 success, 1 failure, 2 invalid input or usage, 3 a verification found tampering.

#[macro_use]
mod salida;
mod espanol;
mod ordenes;

use ordenes::{
    OrdenAbogados, OrdenBienes, OrdenCalendario, OrdenCentral, OrdenCitaciones, OrdenConfiguracion,
    OrdenConvenios, OrdenCostas, OrdenDepositarios, OrdenDeprecatorios, OrdenExcepciones,
    OrdenGarantias, OrdenHonorarios, OrdenInsolvencia, OrdenMedidas, OrdenPagos, OrdenProcesos,
    OrdenRemates, OrdenSorteo, OrdenTasas, OrdenTitulos, OrdenUsuarios,
};

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use coactiva::unidad::{self, Nivel, NuevaUnidad};
use coactiva::{cifrado, fechas, logging, Actor, Error, Store};

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
    /// Permite sobrescribir un archivo de salida que ya existe (nunca la base de datos)
    #[arg(long, global = true)]
    reemplazar: bool,
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
        /// Género de los cargos del jefe en los documentos: femenino o masculino
        #[arg(long, value_name = "GENERO")]
        genero_jefe: Option<String>,
    },
    /// Muestra los datos de la unidad; «unidad editar» los corrige (jefe)
    Unidad {
        #[command(subcommand)]
        orden: Option<ordenes::configuracion::OrdenUnidad>,
    },
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
    /// Imprime un documento del proceso en PDF; con --foliar lo agrega al expediente. Con varios
    /// procesos, --todos o --sorteo: un PDF con todos en --salida y uno por proceso en la carpeta
    /// del mismo nombre
    Imprimir {
        /// orden-cobro, titulo, requerimiento, orden-pago, boleta, razon-citacion, oficio-retencion,
        /// oficio-prohibicion, acta-embargo, acta-remate, liquidacion, providencia, razon, indice o expediente
        documento: String,
        /// Números de los procesos (uno o varios)
        #[arg(value_name = "NUMERO", required_unless_present_any = ["todos", "sorteo"])]
        numeros: Vec<String>,
        /// Todos los procesos a su cargo cuya etapa admite el documento
        #[arg(long, conflicts_with_all = ["numeros", "sorteo"])]
        todos: bool,
        /// Los procesos de los títulos de ese sorteo cuya etapa admite el documento
        #[arg(long, value_name = "N", conflicts_with = "numeros")]
        sorteo: Option<i64>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
        /// Agrega el documento al expediente como la siguiente actuación, con sus fojas impresas
        #[arg(long)]
        foliar: bool,
        /// Folia aunque el expediente ya tenga el mismo documento
        #[arg(long, requires = "foliar")]
        repetir: bool,
        /// Texto de una providencia, razón o acta de embargo
        #[arg(long)]
        texto: Option<String>,
        /// Destinatario de un oficio
        #[arg(long)]
        destinatario: Option<String>,
        /// Identificación de la parte citada (boleta, razón de citación); el obligado por defecto
        #[arg(long)]
        parte: Option<String>,
        /// Número de la medida cautelar cuyo oficio se reimprime (copia sin foliar)
        #[arg(long)]
        medida: Option<i64>,
        /// Número del embargo cuya acta se reimprime (copia sin foliar)
        #[arg(long)]
        embargo: Option<i64>,
        /// Número del remate cuya acta se reimprime (copia sin foliar)
        #[arg(long)]
        remate: Option<i64>,
    },
    /// Entrega a la central los cambios aún no confirmados (carpeta o URL)
    Sincronizar {
        /// URL de la central (http://…) o carpeta; por defecto el ajuste destino_sync
        #[arg(long, value_name = "URL|CARPETA")]
        destino: Option<String>,
    },
    /// Muestra la clave pública de la unidad, para registrarla en la central
    ClavePublica,
    /// Muestra la clave de datos de la base cifrada (hexadecimal), con el código de recuperación
    /// del jefe: con ella la base se abre en el programa sqlcipher (auditorías, peritajes)
    ClaveDatos {
        /// El código de recuperación entregado al jefe (si no se indica, se toma de
        /// COACTIVA_CODIGO o se pregunta)
        #[arg(long, value_name = "CODIGO")]
        recuperacion: Option<String>,
    },
    /// Órdenes de la oficina central (no piden usuario de unidad; --db es la base central)
    #[command(subcommand)]
    Central(OrdenCentral),
    /// Feriados y días hábiles
    #[command(subcommand)]
    Calendario(OrdenCalendario),
    /// Ajustes de la unidad: numeración y plazos
    #[command(subcommand)]
    Configuracion(OrdenConfiguracion),
    /// Tasas anuales de interés de mora, con la fecha desde la que rigen
    #[command(subcommand)]
    Tasas(OrdenTasas),
    /// Pagos y abonos, con su imputación
    #[command(subcommand)]
    Pagos(OrdenPagos),
    /// Costas y gastos del proceso, con su comprobante y la aprobación del jefe
    #[command(subcommand)]
    Costas(OrdenCostas),
    /// Diligencias de citación, citadores y su evaluación
    #[command(subcommand)]
    Citaciones(OrdenCitaciones),
    /// Medidas cautelares: oficios numerados, respuestas de las entidades y levantamiento
    #[command(subcommand)]
    Medidas(OrdenMedidas),
    /// Excepciones e impugnaciones del coactivado: suspenden y reanudan el proceso
    #[command(subcommand)]
    Excepciones(OrdenExcepciones),
    /// Deprecatorios enviados a otras unidades y recibidos de ellas
    #[command(subcommand)]
    Deprecatorios(OrdenDeprecatorios),
    /// Garantías a favor del IESS: su vencimiento y su ejecución
    #[command(subcommand)]
    Garantias(OrdenGarantias),
    /// Bienes ofrecidos o embargados y la diligencia de embargo con su acta
    #[command(subcommand)]
    Bienes(OrdenBienes),
    /// Registro de depositarios judiciales, sus informes periódicos y su evaluación
    #[command(subcommand)]
    Depositarios(OrdenDepositarios),
    /// Remate de bienes avaluados: convocatoria, publicaciones, posturas, acta y adjudicación
    #[command(subcommand)]
    Remates(OrdenRemates),
    /// Convenios de pago en cuotas
    #[command(subcommand)]
    Convenios(OrdenConvenios),
    /// Honorarios de los abogados externos y su aprobación
    #[command(subcommand)]
    Honorarios(OrdenHonorarios),
    /// Procesos remitidos a insolvencia: el informe bimestral
    #[command(subcommand)]
    Insolvencia(OrdenInsolvencia),
    /// Respaldos de la base, cifrados con su llave y comprobados: crear, listar, restaurar (jefe)
    #[command(subcommand)]
    Respaldo(ordenes::respaldo::OrdenRespaldo),
    /// Reportes de la unidad en pantalla, en JSON o guardados en PDF o XLSX: inventario (procesos
    /// en trámite por etapa, abogado, monto y antigüedad), antiguedad (la cartera por días desde
    /// la exigibilidad), recaudacion (los pagos por mes y por abogado), bimestral (el informe a
    /// la Dirección Nacional), mora (los títulos de crédito liquidados, por estado), evaluacion
    /// (de los Secretarios-Abogados), insolvencia, bienes (embargados) o citadores
    Reportes {
        /// inventario, antiguedad, recaudacion, bimestral, mora, evaluacion, insolvencia, bienes o citadores
        nombre: String,
        /// Primer día del período (los reportes de período)
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        /// Último día del período, o el día del corte (dd/mm/aaaa; hoy si no se indica)
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
        /// Guarda el reporte en ARCHIVO.pdf o ARCHIVO.xlsx
        #[arg(long, value_name = "ARCHIVO")]
        salida: Option<PathBuf>,
    },
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
    /// Reconstruye en una base nueva el registro que conserva la central (una unidad restaurada de una copia anterior)
    Recuperar {
        /// Carpeta con los paquetes que dejó «coactiva central devolver»
        #[arg(long, required_unless_present = "desde", conflicts_with = "desde")]
        carpeta: Option<PathBuf>,
        /// O la dirección de la central (https://…), que devuelve los paquetes por la red
        #[arg(long, value_name = "URL")]
        desde: Option<String>,
        /// La base nueva (no debe existir)
        #[arg(long, value_name = "NUEVA.db")]
        salida: PathBuf,
    },
    /// Rehace la unidad desde la central cuando no queda ninguna copia (disco dañado, sin
    /// respaldos): solo con el código de recuperación (se pide, o COACTIVA_CODIGO); el jefe
    /// recibe una clave nueva (se pide, o COACTIVA_CLAVE_NUEVA)
    Reconstruir {
        /// La dirección de la central (https://…)
        #[arg(long, value_name = "URL")]
        desde: String,
        /// El código de la unidad (provincia y oficina, p. ej. 17001)
        #[arg(long)]
        unidad: String,
        /// La base nueva (no debe existir)
        #[arg(long, value_name = "NUEVA.db")]
        salida: PathBuf,
    },
    /// Comprueba que nada se haya alterado directamente en la base (sale con 3 si algo se alteró)
    Verificar {
        /// Comprueba solo si la base coincide con el código de integridad impreso en un acta,
        /// índice o expediente
        #[arg(long, value_name = "CODIGO")]
        sello: Option<String>,
    },
}

/// A failure with the exit code it maps to.
pub(crate) struct Fallo {
    pub(crate) codigo: u8,
    pub(crate) mensaje: String,
}

impl From<Error> for Fallo {
    fn from(e: Error) -> Self {
        if matches!(e, Error::NoInicializada) {
            return Fallo {
                codigo: 1,
                mensaje: "la base de datos aún no está inicializada: ejecute «coactiva init»"
                    .into(),
            };
        }
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

/// The unit file the command works on (`--db`, or the one in the user's data folder).
fn ruta_db(cli: &Cli) -> PathBuf {
    let ruta = cli.db.clone().unwrap_or_else(logging::base_por_defecto);
    salida::fijar_destinos(cli.reemplazar, ruta.clone());
    ruta
}

/// A password from the environment variable, or asked at the terminal.
pub(crate) fn clave(variable: &str, pregunta: &str) -> Res<String> {
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

/// Opens the unit as the user of `--usuario`/`COACTIVA_USUARIO`: his password unwraps the data
/// key and logs him in. When this login encrypted a plain database (the Jefe's first with this
/// version), the recovery code goes to standard error and to its sheet.
fn sesion(cli: &Cli, ruta: &std::path::Path) -> Res<(Store, Actor)> {
    if cifrado::estado(ruta)? == cifrado::Estado::NoExiste {
        return Err(Fallo {
            codigo: 1,
            mensaje: format!(
                "no hay una base en {}: créela primero con «coactiva init»",
                ruta.display()
            ),
        });
    }
    let usuario = cli.usuario.clone().ok_or_else(|| Fallo {
        codigo: 2,
        mensaje: "indique el usuario con --usuario o la variable COACTIVA_USUARIO".into(),
    })?;
    let c = clave("COACTIVA_CLAVE", &format!("Clave de {usuario}: "))?;
    let i = cifrado::ingresar(ruta, &usuario, &c, fechas::reloj())?;
    unidad::exigir(&i.store)?;
    if let Some(codigo) = &i.codigo_nuevo {
        let hoja = cifrado::hoja_recuperacion(&i.store, codigo)?;
        eprintln!("La base de la unidad quedó cifrada.");
        eprintln!("Código de recuperación: {}", codigo.texto());
        eprintln!(
            "Hoja con el código guardada en {}: imprímala, guárdela bajo llave y borre el archivo.",
            hoja.display()
        );
    }
    Ok((i.store, i.actor))
}

fn ejecutar(cli: Cli) -> Res<u8> {
    if let Orden::Central(o) = cli.orden {
        let ruta = cli.db.clone().ok_or_else(|| Fallo {
            codigo: 2,
            mensaje: "indique la base central con --db".into(),
        })?;
        return ordenes::central::ejecutar(&ruta, o, cli.json);
    }
    let ruta = ruta_db(&cli);
    if let Orden::Reconstruir {
        desde,
        unidad,
        salida: nueva,
    } = &cli.orden
    {
        let url = desde.trim().trim_end_matches('/').to_string();
        if !url.starts_with("https://") && !url.starts_with("http://") {
            return Err(Fallo {
                codigo: 2,
                mensaje: format!("«{url}» no es la dirección de una central (https://…)"),
            });
        }
        let codigo = cifrado::CodigoRecuperacion::parse(&clave(
            "COACTIVA_CODIGO",
            "Código de recuperación: ",
        )?)?;
        let nueva_clave = clave("COACTIVA_CLAVE_NUEVA", "Clave nueva del jefe: ")?;
        let inf = coactiva::sync::recuperar::sin_copia(
            &url,
            unidad.trim(),
            &codigo,
            &coactiva_red::Http,
            nueva,
            &nueva_clave,
            coactiva::fechas::reloj(),
        )?;
        if cli.json {
            salida::json(&inf);
        } else {
            out!(
                "Unidad {} rehecha en {} con {} de la central; el jefe entra con su clave nueva.",
                unidad.trim(),
                nueva.display(),
                coactiva::texto::cuantos(inf.cambios, "cambio", "cambios")
            );
            for d in &inf.documentos_faltantes {
                out!("Documento que falta (tráigalo de nuevo): {d}");
            }
            for u in &inf.claves_por_cambiar {
                out!("El jefe debe dar una clave nueva a {u}.");
            }
        }
        return Ok(0);
    }
    if let Orden::ClaveDatos { recuperacion } = &cli.orden {
        let codigo = match recuperacion {
            Some(c) => c.clone(),
            None => clave("COACTIVA_CODIGO", "Código de recuperación: ")?,
        };
        let k =
            cifrado::clave_de_recuperacion(&ruta, &cifrado::CodigoRecuperacion::parse(&codigo)?)?;
        if cli.json {
            salida::json(&serde_json::json!({ "clave": k.hex() }));
        } else {
            out!("{}", k.hex());
        }
        return Ok(0);
    }
    if let Orden::Init {
        provincia,
        oficina,
        unidad: nombre,
        nivel,
        ciudad,
        jefe,
        nombres_jefe,
        genero_jefe,
    } = &cli.orden
    {
        let nivel = Nivel::parse(nivel)?;
        let jefe_genero = genero_jefe
            .as_deref()
            .map(coactiva::cargos::Genero::parse)
            .transpose()?;
        match cifrado::estado(&ruta)? {
            cifrado::Estado::NoExiste => {}
            cifrado::Estado::SinCifrar => {
                let s = Store::open(&ruta, fechas::reloj())?;
                if unidad::cargar(&s)?.is_some() {
                    return Err(Error::Conflicto(format!(
                        "la base {} ya tiene una unidad registrada; no se vuelve a inicializar",
                        ruta.display()
                    ))
                    .into());
                }
                // An empty file from an earlier version's attempt: the unit is created anew.
                drop(s);
                cifrado::borrar_base(&ruta);
            }
            cifrado::Estado::Cifrada => {
                return Err(Error::Conflicto(format!(
                    "la base {} ya existe (cifrada); no se vuelve a inicializar",
                    ruta.display()
                ))
                .into())
            }
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
            jefe_genero,
        };
        let (mut store, codigo) = cifrado::crear(&ruta, fechas::reloj())?;
        let hecho = unidad::inicializar(&mut store, &n)
            .and_then(|_| cifrado::sincronizar_llavero(&store))
            .and_then(|_| cifrado::hoja_recuperacion(&store, &codigo));
        let hoja = match hecho {
            Ok(h) => h,
            Err(e) => {
                drop(store);
                cifrado::borrar_base(&ruta);
                return Err(e.into());
            }
        };
        let u = unidad::exigir(&store)?;
        if cli.json {
            let mut v = serde_json::to_value(&u).unwrap_or_default();
            v["codigo_recuperacion"] = codigo.texto().into();
            v["hoja_recuperacion"] = hoja.display().to_string().into();
            salida::json(&v);
        } else {
            out!(
                "Unidad {} ({}) creada en {}. Jefe: {jefe}.",
                u.codigo,
                u.nombre,
                store.ruta().display()
            );
            out!("Código de recuperación: {}", codigo.texto());
            out!(
                "Hoja con el código guardada en {}: imprímala, guárdela bajo llave y borre el archivo.",
                hoja.display()
            );
        }
        return Ok(0);
    }
    let (mut store, actor) = sesion(&cli, &ruta)?;
    if let Orden::Respaldo(o) = cli.orden {
        // Restoring replaces the file: the command hands its connection over.
        return ordenes::respaldo::ejecutar(store, &actor, o, cli.json);
    }
    match cli.orden {
        Orden::Init { .. }
        | Orden::ClaveDatos { .. }
        | Orden::Respaldo(_)
        | Orden::Reconstruir { .. } => {
            unreachable!("atendido arriba")
        }
        Orden::Unidad { orden: Some(o) } => {
            ordenes::configuracion::unidad(&mut store, &actor, o, cli.json)
        }
        Orden::Unidad { orden: None } => {
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
            Ok(0)
        }
        Orden::Usuarios(o) => ordenes::usuarios::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Abogados(o) => ordenes::abogados::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Titulos(o) => ordenes::titulos::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Sorteo(o) => ordenes::sorteo::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Procesos(o) => ordenes::procesos::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Central(_) => unreachable!("atendido arriba"),
        Orden::ClavePublica => {
            out!("{}", coactiva::sync::clave_publica(&mut store)?);
            Ok(0)
        }
        Orden::Sincronizar { destino } => {
            ordenes::sync::sincronizar(&mut store, &actor, destino, cli.json)
        }
        Orden::Imprimir {
            documento,
            numeros,
            todos,
            sorteo,
            salida: ruta,
            foliar,
            repetir,
            texto,
            destinatario,
            parte,
            medida,
            embargo,
            remate,
        } => {
            let o = coactiva::documentos::Opciones {
                texto,
                destinatario,
                parte,
                medida,
                embargo,
                remate,
                repetir,
            };
            let seleccion = match (todos, sorteo) {
                (true, _) => Some(coactiva::documentos::lote::Seleccion::Todos),
                (_, Some(n)) => Some(coactiva::documentos::lote::Seleccion::Sorteo(n)),
                _ if numeros.len() > 1 => Some(coactiva::documentos::lote::Seleccion::Procesos(
                    numeros.clone(),
                )),
                _ => None,
            };
            match seleccion {
                Some(sel) => ordenes::documentos::imprimir_lote(
                    &mut store, &actor, &documento, &sel, &ruta, foliar, o, cli.json,
                ),
                None => ordenes::documentos::imprimir(
                    &mut store,
                    &actor,
                    &documento,
                    &numeros[0],
                    &ruta,
                    foliar,
                    o,
                    cli.json,
                ),
            }
        }
        Orden::Calendario(o) => ordenes::calendario::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Configuracion(o) => {
            ordenes::configuracion::ejecutar(&mut store, &actor, o, cli.json)
        }
        Orden::Tasas(o) => ordenes::tasas::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Pagos(o) => ordenes::pagos::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Costas(o) => ordenes::costas::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Convenios(o) => ordenes::convenios::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Citaciones(o) => ordenes::citaciones::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Medidas(o) => ordenes::medidas::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Excepciones(o) => ordenes::excepciones::excepciones(&mut store, &actor, o, cli.json),
        Orden::Deprecatorios(o) => {
            ordenes::excepciones::deprecatorios(&mut store, &actor, o, cli.json)
        }
        Orden::Garantias(o) => ordenes::garantias::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Bienes(o) => ordenes::bienes::bienes(&mut store, &actor, o, cli.json),
        Orden::Depositarios(o) => ordenes::bienes::depositarios(&mut store, &actor, o, cli.json),
        Orden::Remates(o) => ordenes::remates::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Honorarios(o) => ordenes::honorarios::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Insolvencia(o) => ordenes::insolvencia::ejecutar(&mut store, &actor, o, cli.json),
        Orden::Reportes {
            nombre,
            desde,
            hasta,
            salida,
        } => {
            ordenes::reportes::ejecutar(&mut store, &actor, &nombre, desde, hasta, salida, cli.json)
        }
        Orden::Demo {
            titulos,
            abogados,
            semilla,
            procesos,
            fojas,
        } => ordenes::demo::ejecutar(
            &mut store,
            &actor,
            ordenes::demo::Tamano {
                titulos,
                abogados,
                semilla,
                procesos,
                fojas,
            },
            cli.json,
        ),
        Orden::Recuperar {
            carpeta,
            desde,
            salida: nueva,
        } => {
            let inf = match (carpeta, desde) {
                (Some(carpeta), _) => {
                    coactiva::sync::recuperar::recuperar(&store, &actor, &carpeta, &nueva)?
                }
                (None, Some(url)) => {
                    let url = url.trim().trim_end_matches('/').to_string();
                    if !url.starts_with("https://") && !url.starts_with("http://") {
                        return Err(Fallo {
                            codigo: 2,
                            mensaje: format!(
                                "«{url}» no es la dirección de una central (https://…)"
                            ),
                        });
                    }
                    coactiva::sync::recuperar::recuperar_de_la_central(
                        &store,
                        &actor,
                        &url,
                        &coactiva_red::Http,
                        &nueva,
                    )?
                }
                (None, None) => unreachable!("clap exige --carpeta o --desde"),
            };
            if cli.json {
                salida::json(&inf);
            } else {
                out!(
                    "Base recuperada en {}: {} cambios de la central (esta copia coincidía hasta el cambio {}).",
                    nueva.display(),
                    inf.cambios,
                    inf.en_comun_hasta
                );
                if !inf.cambios_perdidos.is_empty() {
                    out!("Cambios hechos en esta copia después de separarse de la central, que NO están en la base recuperada (vuelva a registrarlos):");
                    for c in &inf.cambios_perdidos {
                        out!("  {c}");
                    }
                }
                for d in &inf.documentos_faltantes {
                    out!("Documento que falta (tráigalo de nuevo): {d}");
                }
                for u in &inf.claves_por_cambiar {
                    out!("La clave de {u} cambió después de la copia: entre con la anterior y cámbiela.");
                }
                out!("Reemplace la base de la unidad por la recuperada y sincronice.");
            }
            Ok(0)
        }
        Orden::Verificar { sello } => {
            ordenes::verificar::ejecutar(&store, sello.as_deref(), cli.json)
        }
    }
}
