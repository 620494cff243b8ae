// The only module that talks to the Rust side. Every call returns data or throws an
// `ErrorApp` with a stable `code` and a Spanish `message` ready to show.
import { invoke } from "@tauri-apps/api/core";

export interface ErrorApp {
  code: string;
  message: string;
}

export interface Unidad {
  codigo: string;
  nombre: string;
  nivel: "unidad" | "grupo";
  ciudad: string;
  provincia: string;
  provincia_nombre: string;
  jefe_nombres: string;
}

export interface EstadoInicial {
  inicializada: boolean;
  unidad: Unidad | null;
  ruta_db: string;
  sesion: Sesion | null;
}

export interface Sesion {
  usuario: string;
  nombres: string;
  rol: string;
}

export interface Resumen {
  unidad: Unidad;
  titulos_por_sortear: number;
}

export interface NuevaUnidad {
  provincia: string;
  oficina: string;
  nombre: string;
  nivel: string;
  ciudad: string;
  jefe_usuario: string;
  jefe_nombres: string;
  jefe_clave: string;
}

export interface Elegibilidad {
  identificacion: string;
  nombres: string;
  peso: number;
  carga: number;
  elegible: boolean;
  motivo: string | null;
}

export interface SorteoResumen {
  numero: number;
  tipo: "sorteo" | "resorteo";
  fecha: string;
  usuario: string;
  motivo: string | null;
  asignados: number;
  digest: string;
}

export interface SorteoHecho {
  numero: number;
  semilla: string;
  digest: string;
  asignaciones: { titulo: string; obligado: string; total: string; abogado: string }[];
  sin_asignar: { titulo: string; motivo: string }[];
}

export interface Hallazgo {
  sorteo: number;
  mensaje: string;
}

function comoError(e: unknown): ErrorApp {
  if (e && typeof e === "object" && "message" in e) return e as ErrorApp;
  return { code: "interno", message: String(e) };
}

async function llamar<T>(orden: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(orden, args);
  } catch (e) {
    throw comoError(e);
  }
}

export const api = {
  estadoInicial: () => llamar<EstadoInicial>("estado_inicial"),
  crearUnidad: (datos: NuevaUnidad) => llamar<Sesion>("crear_unidad", { datos }),
  iniciarSesion: (usuario: string, clave: string) => llamar<Sesion>("iniciar_sesion", { usuario, clave }),
  cerrarSesion: () => llamar<void>("cerrar_sesion"),
  resumen: () => llamar<Resumen>("resumen"),
  sorteoElegibles: () => llamar<Elegibilidad[]>("sorteo_elegibles"),
  sorteoListar: () => llamar<SorteoResumen[]>("sorteo_listar"),
  sorteoEjecutar: () => llamar<SorteoHecho>("sorteo_ejecutar"),
  sorteoResortear: (titulos: string[], motivo: string) => llamar<SorteoHecho>("sorteo_resortear", { titulos, motivo }),
  sorteoVerificar: (numero: number | null) => llamar<Hallazgo[]>("sorteo_verificar", { numero }),
  sorteoActa: (numero: number) => llamar<string>("sorteo_acta", { numero }),
};
