// The only module that talks to the Rust side. Every call returns data or throws an
// `ErrorApp` with a stable `code` and a Spanish `message` ready to show.
import { invoke } from "@tauri-apps/api/core";

export interface ErrorApp {
  code: string;
  message: string;
}

// The data types are generated from the core's Rust types (tipos.ts; CI fails when stale).
// Only the shell's own envelopes are declared here.
import type {
  Abogado, Actor, Actuacion, Ajuste, Asignacion, Bien, Depositario, Carga, Citacion, Deprecatorio, Elegibilidad, Evaluacion, Excepcion, Garantia, Medida, TipoMedida, EtapaCuenta, Expediente, Feriado, Hallazgo, Impreso, Informe, Observacion,
  Avaluo, Bodegaje, Custodia, EvaluacionDepositario, InformeDepositario, Inventario, Remate,
  Apertura, FalloLote, Filtro, HechoLote, Lote, GrupoReporte, InventarioProcesos, GrupoRecaudado, Recaudacion,
  Reporte, SeccionReporte, CeldaReporte, TipoColumna, Tablero, CargaAbogado, Respaldo, Restauracion,
  Convenio, Costa, Honorario, InformeInsolvencia, Liquidacion, Pago, Pagina, Plantilla, Proceso, Registro as RegistroTasa, Resumen as SorteoResumen, SorteoHecho, Titulo, Unidad, Usuario, Vencimiento,
} from "./tipos";
export type {
  Abogado, Actuacion, Ajuste, Elegibilidad, Expediente, Feriado, Hallazgo, Informe, Observacion, Plantilla, Proceso,
  SorteoHecho, Titulo, Unidad, Usuario, Vencimiento,
} from "./tipos";
export type { Asignacion, Bien, Carga, Depositario, Citacion, Deprecatorio, Evaluacion, Excepcion, Garantia, Medida, TipoMedida };
export type { Apertura, FalloLote, Filtro, HechoLote, Lote };
export type { GrupoReporte, InventarioProcesos, GrupoRecaudado, Recaudacion, Reporte, SeccionReporte, CeldaReporte, TipoColumna, Tablero, CargaAbogado };
export type { Avaluo, Bodegaje, Custodia, EvaluacionDepositario, InformeDepositario, Inventario, Remate };
export type { SorteoResumen, Convenio, Costa, Honorario, InformeInsolvencia, Liquidacion, Pago, RegistroTasa };

/** The logged-in user. */
export type Sesion = Actor;

/** A login or a new unit: the user, and the recovery code when the unit was just created or
 *  encrypted (shown once to the Jefe). */
export type Ingreso = Actor & { codigo_recuperacion: string | null; hoja_recuperacion: string | null };

export interface EstadoInicial {
  inicializada: boolean;
  /** The unit, when readable before logging in (an encrypted unit shows it after). */
  unidad: Unidad | null;
  cifrada: boolean;
  ruta_db: string;
  sesion: Sesion | null;
}

export interface Resumen {
  unidad: Unidad;
  titulos_por_sortear: number;
}

/** A batch printed from the window: the core's outcome, the merged PDF and its pages. */
export type LoteImpreso = Lote & { ruta: string | null; paginas: number };

export interface NuevaUnidad {
  provincia: string;
  oficina: string;
  nombre: string;
  nivel: string;
  ciudad: string;
  jefe_usuario: string;
  jefe_nombres: string;
  jefe_clave: string;
  jefe_genero: string;
}

export interface Inicio {
  titulos_por_sortear: number;
  procesos_por_etapa: EtapaCuenta[];
  vencimientos: Vencimiento[];
  medidas_sin_respuesta: Medida[];
  medidas_por_levantar: Medida[];
  garantias_por_vencer: Garantia[];
  informes_atrasados: Custodia[];
  sync: { destino: string; cambios_pendientes: number; ultima_entrega: string | null; en_linea: boolean | null; ultimo_error: string | null; anclaje: string; sin_anclar: number };
  /** The newest good backup («03/12/2026 18:30»), and whether it is older than two days. */
  ultimo_respaldo: string | null;
  respaldo_atrasado: boolean;
}

function comoError(e: unknown): ErrorApp {
  if (e && typeof e === "object" && "message" in e) return e as ErrorApp;
  return { code: "interno", message: String(e) };
}

/** Calls that check a password themselves: a refusal there is not the session ending. */
const CON_CLAVE = new Set(["iniciar_sesion", "cambiar_clave", "crear_unidad"]);

async function llamar<T>(orden: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(orden, args);
  } catch (e) {
    const err = comoError(e);
    // The Jefe deactivated this user (or the session is gone): back to the login screen, saying why.
    if (err.code === "sin_sesion" || (err.code === "autenticacion" && !CON_CLAVE.has(orden))) {
      window.dispatchEvent(new CustomEvent("sesion-terminada", { detail: err.message }));
    }
    throw err;
  }
}

export const api = {
  estadoInicial: () => llamar<EstadoInicial>("estado_inicial"),
  crearUnidad: (datos: NuevaUnidad) => llamar<Ingreso>("crear_unidad", { datos }),
  iniciarSesion: (usuario: string, clave: string) => llamar<Ingreso>("iniciar_sesion", { usuario, clave }),
  cerrarSesion: () => llamar<void>("cerrar_sesion"),
  resumen: () => llamar<Resumen>("resumen"),
  sorteoElegibles: () => llamar<Elegibilidad[]>("sorteo_elegibles"),
  sorteoListar: () => llamar<SorteoResumen[]>("sorteo_listar"),
  sorteoEjecutar: () => llamar<SorteoHecho>("sorteo_ejecutar"),
  sorteoResortear: (titulos: string[], motivo: string) => llamar<SorteoHecho>("sorteo_resortear", { titulos, motivo }),
  verificarBase: () => llamar<{ correcto: boolean; hallazgos: { donde: string; mensaje: string }[]; cambios: number; fojas: number; anclaje: string }>("verificar_base"),
  comprobarSello: (codigo: string) => llamar<{ coincide: boolean; cambio: number; mensaje: string }>("comprobar_sello", { codigo }),
  sorteoVerificar: (numero: number | null) => llamar<Hallazgo[]>("sorteo_verificar", { numero }),
  sorteoActa: (numero: number, certifica: string | null) => llamar<string>("sorteo_acta", { numero, certifica }),
  inicio: () => llamar<Inicio>("inicio"),
  // The file goes as the request's raw body: never as a JSON array of numbers (that froze the window).
  titulosImportar: async (nombre: string, bytes: Uint8Array, simular: boolean) => {
    try {
      return await invoke<Informe>("titulos_importar", bytes, { headers: { "x-nombre": encodeURIComponent(nombre), "x-simular": simular ? "1" : "0" } });
    } catch (e) { throw comoError(e); }
  },
  titulosListar: (estadoTitulo: string | null) => llamar<{ total: number; titulos: Titulo[] }>("titulos_listar", { estadoTitulo }),
  procesosPagina: (desde: number, limite: number, filtro: Filtro) => llamar<Pagina>("procesos_pagina", { desde, limite, filtro }),
  etapas: () => llamar<[string, string][]>("etapas"),
  procesosBuscar: (texto: string) => llamar<Proceso[]>("procesos_buscar", { texto }),
  procesoVer: (numero: string) => llamar<Expediente>("proceso_ver", { numero }),
  procesoAbrir: (titulo: string) => llamar<Proceso>("proceso_abrir", { titulo }),
  procesoEtapa: (numero: string, etapa: string, motivo: string | null) => llamar<Proceso>("proceso_etapa", { numero, etapa, motivo }),
  procesoCitar: (numero: string, diligencia: Record<string, string | null>, fotos: Uint8Array[]) =>
    llamar<Citacion>("proceso_citar", { numero, diligencia, fotos: fotos.map((f) => Array.from(f)) }),
  citadoresCarga: () => llamar<Carga[]>("citadores_carga", {}),
  citadoresEvaluacion: (desde: string | null, hasta: string | null) => llamar<Evaluacion[]>("citadores_evaluacion", { desde, hasta }),
  citadorAsignar: (numero: string, citador: string | null) => llamar<Asignacion>("citador_asignar", { numero, citador }),
  medidasListar: (numero: string) => llamar<Medida[]>("medidas_listar", { numero }),
  medidasTipos: () => llamar<TipoMedida[]>("medidas_tipos", {}),
  medidaOrdenar: (numero: string, tipo: string, entidad: string | null, detalle: string | null, monto: string | null) =>
    llamar<[Medida, string]>("medida_ordenar", { numero, tipo, entidad, detalle, monto }),
  medidaResponder: (medida: number, fecha: string, texto: string, banco: string | null, cuenta: string | null, retenido: string | null, documento: Uint8Array | null) =>
    llamar<Medida>("medida_responder", { medida, fecha, texto, banco, cuenta, retenido, documento: documento ? Array.from(documento) : null }),
  medidaLevantar: (numero: string, medida: number, motivo: string, detalle: string | null) =>
    llamar<[Medida, string]>("medida_levantar", { numero, medida, motivo, detalle }),
  garantiasListar: (numero: string) => llamar<Garantia[]>("garantias_listar", { numero }),
  garantiaRegistrar: (numero: string, garantia: Record<string, string | null>) => llamar<Garantia>("garantia_registrar", { numero, garantia }),
  garantiaEjecutar: (id: number, fecha: string, resultado: string, valor: string, detalle: string | null) =>
    llamar<Garantia>("garantia_ejecutar", { id, fecha, resultado, valor, detalle }),
  bienesListar: (numero: string) => llamar<Bien[]>("bienes_listar", { numero }),
  depositariosListar: () => llamar<Depositario[]>("depositarios_listar", {}),
  depositarioAgregar: (identificacion: string, nombres: string, telefono: string | null) => llamar<Depositario>("depositario_agregar", { identificacion, nombres, telefono }),
  bienRegistrar: (numero: string, bien: { clase: string; descripcion: string; ubicacion: string | null; datos: [string, string][]; dimision: boolean; fecha: string }) =>
    llamar<Bien>("bien_registrar", { numero, bien }),
  embargoRegistrar: (numero: string, embargo: { bienes: number[]; fecha: string; hora: string; direccion: string; depositario: string; lugar: string; comparecientes: string | null }) =>
    llamar<[number, string]>("embargo_registrar", { numero, embargo }),
  avaluosListar: (numero: string) => llamar<Avaluo[]>("avaluos_listar", { numero }),
  avaluoRegistrar: (avaluo: { bien: number; perito: string; perito_nombres: string; fecha: string; valor: string; informe: Uint8Array }) =>
    llamar<Avaluo>("avaluo_registrar", { avaluo: { ...avaluo, informe: Array.from(avaluo.informe) } }),
  rematesListar: (numero: string) => llamar<Remate[]>("remates_listar", { numero }),
  remateConvocar: (numero: string, convocatoria: { bienes: number[]; fecha: string; hora: string; lugar: string }) =>
    llamar<Remate>("remate_convocar", { numero, convocatoria }),
  rematePublicar: (remate: number, fecha: string, medio: string, detalle: string | null) => llamar<Remate>("remate_publicar", { remate, fecha, medio, detalle }),
  rematePostura: (remate: number, postura: { postor: string; identificacion: string; valor: string; deposito: string; fecha: string }) =>
    llamar<Remate>("remate_postura", { remate, postura }),
  remateRealizar: (remate: number, fecha: string) => llamar<[Remate, string]>("remate_realizar", { remate, fecha }),
  remateAdjudicar: (remate: number, fecha: string, referencia: string) => llamar<Remate>("remate_adjudicar", { remate, fecha, referencia }),
  bodegajesListar: (numero: string) => llamar<Bodegaje[]>("bodegajes_listar", { numero }),
  bodegajeRegistrar: (numero: string, bodegaje: { proveedor: string; identificacion: string; bienes: number[]; desde: string; hasta: string; costo: string; contrato: Uint8Array }) =>
    llamar<Bodegaje>("bodegaje_registrar", { numero, bodegaje: { ...bodegaje, contrato: Array.from(bodegaje.contrato) } }),
  depositarioInforme: (numero: string, informe: { depositario: string; fecha: string; detalle: string; incidente: string | null; documento: Uint8Array }) =>
    llamar<InformeDepositario>("depositario_informe", { numero, informe: { ...informe, documento: Array.from(informe.documento) } }),
  custodiasListar: () => llamar<Custodia[]>("custodias_listar", {}),
  depositariosEvaluacion: (desde: string | null, hasta: string | null) => llamar<EvaluacionDepositario[]>("depositarios_evaluacion", { desde, hasta }),
  inventarioBienes: (filtro: { estado: string | null; depositario: string | null; lugar: string | null }) => llamar<Inventario>("inventario_bienes", { filtro }),
  inventarioXlsx: (filtro: { estado: string | null; depositario: string | null; lugar: string | null }) => llamar<string>("inventario_xlsx", { filtro }),
  reportesLista: () => llamar<[string, string, boolean][]>("reportes_lista"),
  reporte: (nombre: string, desde: string | null, hasta: string | null) => llamar<Reporte>("reporte", { nombre, desde, hasta }),
  tablero: () => llamar<Tablero>("tablero"),
  reporteGuardar: (nombre: string, desde: string | null, hasta: string | null, formato: "pdf" | "xlsx") => llamar<string>("reporte_guardar", { nombre, desde, hasta, formato }),
  excepcionesListar: (numero: string) => llamar<Excepcion[]>("excepciones_listar", { numero }),
  excepcionRegistrar: (numero: string, clase: string, fecha: string, fundamento: string, organo: string, causa: string | null, suspende: boolean) =>
    llamar<Excepcion>("excepcion_registrar", { numero, clase, fecha, fundamento, organo, causa, suspende }),
  excepcionResolver: (id: number, fecha: string, resultado: string, detalle: string | null) => llamar<Excepcion>("excepcion_resolver", { id, fecha, resultado, detalle }),
  deprecatoriosListar: (numero: string) => llamar<Deprecatorio[]>("deprecatorios_listar", { numero }),
  deprecatorioEnviar: (numero: string, unidad: string, pedido: string, detalle: string, fecha: string, documento: Uint8Array | null) =>
    llamar<Deprecatorio>("deprecatorio_enviar", { numero, unidad, pedido, detalle, fecha, documento: documento ? Array.from(documento) : null }),
  deprecatorioNovedad: (id: number, estadoNuevo: string, fecha: string, detalle: string | null, documento: Uint8Array | null) =>
    llamar<Deprecatorio>("deprecatorio_novedad", { id, estadoNuevo, fecha, detalle, documento: documento ? Array.from(documento) : null }),
  procesoAgregar: (numero: string, tipo: string, descripcion: string, bytes: Uint8Array) => llamar<Actuacion>("proceso_agregar", { numero, tipo, descripcion, bytes: Array.from(bytes) }),
  documentoImprimir: (documento: string, numero: string, foliar: boolean, texto: string | null, repetir = false) => llamar<Impreso>("documento_imprimir", { documento, numero, foliar, texto, repetir }),
  documentoYaFoliado: (documento: string, numero: string, texto: string | null) => llamar<Actuacion | null>("documento_ya_foliado", { documento, numero, texto }),
  loteProcesos: (documento: string, sorteo: number | null, procesos: string[] | null, filtro: Filtro | null = null) => llamar<string[]>("lote_procesos", { documento, sorteo, procesos, filtro }),
  loteImprimir: (documento: string, procesos: string[], foliar: boolean, texto: string | null) => llamar<LoteImpreso>("lote_imprimir", { documento, procesos, foliar, texto }),
  loteDocumentos: () => llamar<[string, string][]>("lote_documentos"),
  loteCancelar: () => llamar<void>("lote_cancelar"),
  procesosAbrirSorteo: (sorteo: number) => llamar<Apertura>("procesos_abrir_sorteo", { sorteo }),
  documentoGuardar: (numero: string, orden: number) => llamar<string>("documento_guardar", { numero, orden }),
  abogadosListar: () => llamar<Elegibilidad[]>("abogados_listar"),
  abogadoAgregar: (datos: { identificacion: string; nombres: string; externo: boolean; peso: string; genero: string }) => llamar<void>("abogado_agregar", { datos }),
  /** The form a signer's title takes: persona is "jefe", "abogado" or "usuario". */
  registrarGenero: (persona: string, clave: string, genero: string) => llamar<void>("registrar_genero", { persona, clave, genero }),
  abogadoEstado: (identificacion: string, nuevo: string, desde: string | null = null, hasta: string | null = null, motivo: string | null = null) =>
    llamar<void>("abogado_estado", { identificacion, nuevo, desde, hasta, motivo }),
  abogadoEditar: (identificacion: string, datos: { nombres: string; peso: string; registro_profesional: string | null; email: string | null; telefono: string | null }) =>
    llamar<Abogado>("abogado_editar", { identificacion, datos }),
  abogadosFichas: () => llamar<Abogado[]>("abogados_fichas"),
  configuracionListar: () => llamar<Ajuste[]>("configuracion_listar"),
  respaldosListar: () => llamar<Respaldo[]>("respaldos_listar"),
  respaldoCrear: (destino: string | null) => llamar<Respaldo[]>("respaldo_crear", { destino }),
  respaldoRestaurar: (archivo: string) => llamar<Restauracion>("respaldo_restaurar", { archivo }),
  tasasListar: () => llamar<RegistroTasa[]>("tasas_listar"),
  tasaAgregar: (desde: string, anual: string) => llamar<void>("tasa_agregar", { desde, anual }),
  procesoLiquidar: (numero: string, al: string | null) => llamar<Liquidacion>("proceso_liquidar", { numero, al }),
  pagosListar: (numero: string) => llamar<Pago[]>("pagos_listar", { numero }),
  costasListar: (numero: string) => llamar<Costa[]>("costas_listar", { numero }),
  costaRegistrar: (numero: string, concepto: string, descripcion: string, valor: string, fecha: string, comprobante: Uint8Array) =>
    llamar<number>("costa_registrar", { numero, concepto, descripcion, valor, fecha, comprobante: Array.from(comprobante) }),
  costaDecidir: (id: number, aprobada: boolean, motivo: string | null) => llamar<void>("costa_decidir", { id, aprobada, motivo }),
  conveniosVer: (numero: string) => llamar<Convenio[]>("convenios_ver", { numero }),
  convenioCrear: (numero: string, cuotas: string, entrada: string, desde: string) =>
    llamar<Convenio>("convenio_crear", { numero, cuotas, entrada, desde }),
  honorariosListar: (numero: string | null, pendientes: boolean) => llamar<Honorario[]>("honorarios_listar", { numero, pendientes }),
  honorarioSolicitar: (numero: string) => llamar<Honorario>("honorario_solicitar", { numero }),
  honorarioDecidir: (id: number, aprobada: boolean, motivo: string | null) => llamar<Honorario>("honorario_decidir", { id, aprobada, motivo }),
  insolvenciaInforme: () => llamar<InformeInsolvencia>("insolvencia_informe", {}),
  pagoRegistrar: (numero: string, valor: string, fecha: string, forma: string, referencia: string, comprobante: Uint8Array | null) =>
    llamar<Pago>("pago_registrar", { numero, valor, fecha, forma, referencia, comprobante: comprobante ? Array.from(comprobante) : null }),
  configuracionCambiar: (clave: string, valor: string) => llamar<void>("configuracion_cambiar", { clave, valor }),
  usuariosListar: () => llamar<Usuario[]>("usuarios_listar"),
  usuarioEditar: (usuario: string, datos: { nombres: string; rol: string; activo: boolean; abogado: string | null }) => llamar<Usuario>("usuario_editar", { usuario, datos }),
  unidadEditar: (datos: { nombre: string; nivel: string; ciudad: string; jefe_nombres: string }) => llamar<Unidad>("unidad_editar", { datos }),
  usuarioAgregar: (datos: { usuario: string; nombres: string; rol: string; clave: string; abogado: string | null }) => llamar<void>("usuario_agregar", { datos }),
  cambiarClave: (actual: string | null, nueva: string, usuario: string | null = null) => llamar<void>("cambiar_clave", { usuario, actual, nueva }),
  feriadoAgregar: (fecha: string, nombre: string, provincia: string | null, quitar: boolean) => llamar<void>("feriado_agregar", { fecha, nombre, provincia, quitar }),
  abogadoImpedimento: (identificacion: string, obligado: string, motivo: string | null) => llamar<void>("abogado_impedimento", { identificacion, obligado, motivo }),
  informeGuardar: (nombre: string, errores: Observacion[]) => llamar<string>("informe_guardar", { nombre, errores }),
  plantillasListar: () => llamar<Plantilla[]>("plantillas_listar"),
  plantillaGuardar: (nombre: string, texto: string) => llamar<void>("plantilla_guardar", { nombre, texto }),
  plantillaRestaurar: (nombre: string) => llamar<void>("plantilla_restaurar", { nombre }),
  /** A sample PDF of the template's text with a real proceso's data: [path, proceso]. */
  plantillaProbar: (nombre: string, texto: string, proceso: string | null) => llamar<[string, string]>("plantilla_probar", { nombre, texto, proceso }),
  /** Today by the core's clock, aaaa-mm-dd. */
  hoy: () => llamar<string>("hoy"),
  feriados: (anio: number) => llamar<Feriado[]>("feriados", { anio }),
};
