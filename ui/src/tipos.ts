// Generado desde los tipos del núcleo (core/src/tipos_ts.rs): no se edita a mano.
// COACTIVA_ACTUALIZAR_TIPOS=1 cargo test -p coactiva-core --features ts tipos

export type Centavos = string;

export type Formato = "Ecuador" | "Anglo";

export type Peso = number;

export type Estado = "activo" | "inactivo" | "licencia";

export type Abogado = { identificacion: string, nombres: string, externo: boolean, registro_profesional: string | null, email: string | null, telefono: string | null, peso: Peso, estado: Estado, licencia_desde: string | null, licencia_hasta: string | null, 
/**
 * Why the licencia (vacaciones, enfermedad…), if recorded.
 */
licencia_motivo: string | null, impedimentos: Array<string>, 
/**
 * The gender the abogado's printed title takes, if recorded.
 */
genero: Genero | null, };

export type Unidad = { provincia: string, provincia_nombre: string, oficina: string, 
/**
 * Province + office, e.g. `17001`.
 */
codigo: string, nombre: string, nivel: Nivel, ciudad: string, jefe_nombres: string, 
/**
 * The gender the Jefe's printed titles take, if recorded.
 */
jefe_genero: Genero | null, };

export type Nivel = "unidad" | "grupo";

export type Genero = "femenino" | "masculino";

export type Actor = { usuario: string, nombres: string, rol: Rol, 
/**
 * The abogado (identification) this user is, for a Secretario-Abogado.
 */
abogado: string | null, };

export type Usuario = { usuario: string, nombres: string, rol: Rol, activo: boolean, bloqueado_hasta: string | null, 
/**
 * The gender the user's printed title takes (a citador's razón), if recorded.
 */
genero: Genero | null, 
/**
 * The abogado (identification) a user with the abogado role is.
 */
abogado: string | null, };

export type Rol = "jefe" | "abogado" | "secretario" | "citador" | "consulta";

export type Elegibilidad = { identificacion: string, nombres: string, peso: Peso, carga: number, elegible: boolean, motivo: string | null, 
/**
 * The title the abogado signs with («Secretaria-Abogada»), and whether its gender is recorded.
 */
cargo: string, genero: Genero | null, };

export type Resumen = { numero: number, tipo: Tipo, fecha: string, usuario: string, motivo: string | null, asignados: number, digest: string, };

export type Tipo = "sorteo" | "resorteo";

export type Hallazgo = { sorteo: number, mensaje: string, };

export type SinAsignar = { titulo: string, motivo: string, };

export type FilaSorteo = { titulo: string, obligado: string, total: string, abogado: string, };

export type SorteoHecho = { numero: number, semilla: string, digest: string, asignaciones: Array<FilaSorteo>, sin_asignar: Array<SinAsignar>, };

export type Inicio = { titulos_por_sortear: number, procesos_por_etapa: Array<EtapaCuenta>, vencimientos: Array<Vencimiento>, destino_sync: string, cambios_pendientes: number, ultima_entrega: string | null, 
/**
 * How much of the change log the centre has acknowledged (signed receipts).
 */
anclaje: Anclaje, 
/**
 * The same, as the sentence to show.
 */
anclaje_frase: string, 
/**
 * Oficios of medidas cautelares unanswered past the unit's days.
 */
medidas_sin_respuesta: Array<Medida>, 
/**
 * Medidas still in force on procesos paid or annulled: their lifting is due.
 */
medidas_por_levantar: Array<Medida>, 
/**
 * Guarantees about to expire, or expired, not executed.
 */
garantias_por_vencer: Array<Garantia>, 
/**
 * Depositarios whose periodic report on the goods they keep is overdue.
 */
informes_atrasados: Array<Custodia>, };

export type EtapaCuenta = { etapa: Etapa, nombre: string, procesos: number, };

export type Vencimiento = { numero: string, etapa: Etapa, 
/**
 * What is due, in words.
 */
que: string, vence: string, 
/**
 * Business days left (negative: days since it expired).
 */
dias_habiles: number, vencido: boolean, 
/**
 * A término of the procedure the Secretario-Abogado must act on (not his own plazo, not
 * a convenio's cuota): what the evaluation of abogados counts when it expires.
 */
de_tramite: boolean, };

export type Etapa = "orden_cobro" | "requerimiento_pago" | "orden_pago" | "citacion" | "medidas_cautelares" | "embargo" | "avaluo" | "remate" | "convenio_pago" | "pagado" | "insolvencia" | "suspendido" | "anulado";

export type Informe = { importados: number, errores: Array<Observacion>, advertencias: Array<Observacion>, 
/**
 * Data rows read (blank lines aside).
 */
filas: number, simulado: boolean, };

export type Observacion = { linea: number, columna: string, mensaje: string, };

export type Titulo = { numero: string, fecha_emision: string, identificacion: string, tipo_identificacion: string, obligado: string, concepto: string, capital: Centavos, intereses: Centavos, total: Centavos, direccion: string | null, fecha_exigibilidad: string | null, numero_patronal: string | null, periodo: string | null, estado: EstadoTitulo, };

export type EstadoTitulo = "por_sortear" | "asignado" | "en_proceso" | "anulado";

export type Pagina = { total: number, procesos: Array<Proceso>, };

export type Proceso = { numero: string, titulo: string, 
/**
 * The abogado's identification.
 */
abogado: string, etapa: Etapa, etapa_desde: string, obligado: string, identificacion: string, total: string, 
/**
 * The abogado's name (empty if his record is missing).
 */
abogado_nombres: string, };

export type Expediente = { detalle: Detalle, indice: Array<Actuacion>, documentos: Array<[string, string]>, puede_citar: boolean, };

export type Detalle = { partes: Array<Parte>, etapas: Array<EtapaRegistrada>, citaciones: Array<Citacion>, 
/**
 * The citador-notificador who has the proceso.
 */
citador: string | null, siguientes: Array<Etapa>, fojas: number, terminos: Array<Vencimiento>, numero: string, titulo: string, 
/**
 * The abogado's identification.
 */
abogado: string, etapa: Etapa, etapa_desde: string, obligado: string, identificacion: string, total: string, 
/**
 * The abogado's name (empty if his record is missing).
 */
abogado_nombres: string, };

export type Parte = { identificacion: string, nombres: string, rol: string, direccion: string | null, 
/**
 * The day the party was cited with the orden de pago (or, before it, the requerimiento).
 */
citada_desde: string | null, };

export type Citacion = { parte: string, tipo: string, fecha: string, detalle: string | null, 
/**
 * Who recorded it.
 */
usuario: string, 
/**
 * What was served: orden_pago, requerimiento or providencia.
 */
acto: string, hora: string | null, direccion: string | null, receptor: string | null, receptor_identificacion: string | null, relacion: string | null, latitud: string | null, longitud: string | null, 
/**
 * The citador who practised it (who recorded it, in older entries).
 */
citador: string, citador_nombres: string, 
/**
 * citado, no_encontrado or negativa.
 */
resultado: string, 
/**
 * The actuaciones of its photographs.
 */
fotos: Array<number>, };

export type EtapaRegistrada = { etapa: Etapa, desde: string, motivo: string | null, usuario: string, };

export type Actuacion = { orden: number, desde: number, hasta: number, fecha: string, tipo: string, descripcion: string, autor: string, documento: string, corrige: number | null, };

export type Ajuste = { clave: string, valor: string, descripcion: string, };

export type Feriado = { 
/**
 * `aaaa-mm-dd`
 */
fecha: string, nombre: string, 
/**
 * Province code for a provincial holiday; `None` for national ones.
 */
provincia: string | null, };

export type Plantilla = { nombre: string, texto: string, 
/**
 * The unit saved its own version, which wins over the shipped one.
 */
propia: boolean, };

export type Impreso = { ruta: string, desde: number | null, hasta: number | null, };

export type Anclaje = { 
/**
 * The last change covered by a valid receipt (0: none).
 */
anclado_hasta: number, 
/**
 * When the centre signed that receipt.
 */
anclado_en: string | null, 
/**
 * Changes after it.
 */
sin_anclar: number, 
/**
 * When the first of those was made.
 */
sin_anclar_desde: string | null, };

export type Registro = { id: number, desde: string, 
/**
 * «9.53» (a dot, for scripts).
 */
anual: string, registrada_por: string, registrada_en: string, 
/**
 * A newer entry from the same date replaced it.
 */
reemplazada: boolean, };

export type Liquidacion = { fecha: string, 
/**
 * The título's capital and the capital still owed.
 */
capital_titulo: Centavos, capital: Centavos, 
/**
 * Interest liquidated in the título itself.
 */
intereses_titulo: Centavos, 
/**
 * Mora interest accrued from `mora_desde` to `fecha`.
 */
mora: Centavos, mora_desde: string | null, 
/**
 * The date of the convenio de pago that froze the debt (mora stops there), if one is in force.
 */
convenio: string | null, 
/**
 * The convenio's financing interest of the cuotas due by `fecha`.
 */
intereses_convenio: Centavos, 
/**
 * All interest still owed (título's plus mora, less what payments covered).
 */
intereses: Centavos, costas: Centavos, honorarios: Centavos, 
/**
 * Everything paid up to `fecha`.
 */
pagado: Centavos, saldo: Centavos, 
/**
 * Held by banks under a retención (answers to its oficios, medidas not lifted), pending
 * transfer to the IESS: not a payment until it arrives, so the saldo still counts it.
 */
retenido: Centavos, tramos: Array<Tramo>, };

export type Tramo = { desde: string, hasta: string, dias: number, 
/**
 * The annual rate, «9.53».
 */
tasa: string, capital: Centavos, 
/**
 * This stretch's share of the mora interest: the totals are rounded once, and each
 * stretch shows the difference of the rounded running sums, so the shares add up exactly.
 */
interes: Centavos, };

export type Pago = { id: number, titulo: string, fecha: string, valor: Centavos, forma: string, referencia: string, costas: Centavos, honorarios: Centavos, intereses: Centavos, capital: Centavos, 
/**
 * The foja range of its receipt in the expediente, if foliated.
 */
actuacion: number | null, 
/**
 * For an annulment, the payment it annuls, and why.
 */
anula: number | null, motivo: string | null, 
/**
 * A later annulment voids this payment.
 */
anulado: boolean, registrado_por: string, };

export type Costa = { id: number, fecha: string, concepto: string, descripcion: string, valor: Centavos, 
/**
 * The actuación of its receipt in the expediente.
 */
actuacion: number, 
/**
 * `pendiente`, `aprobada` or `rechazada`.
 */
estado: string, motivo: string | null, registrada_por: string, };

export type Convenio = { id: number, proceso: string, titulo: string, desde: string, saldo: Centavos, entrada: Centavos, cuotas: number, 
/**
 * Annual rate, «9.53».
 */
tasa: string, etapa_anterior: Etapa, tabla: Array<Cuota>, 
/**
 * Total of the table (saldo plus financing interest).
 */
total: Centavos, al: string, estado: EstadoConvenio, 
/**
 * The default as recorded (the proceso's move back), if it was.
 */
incumplido_registrado: string | null, registrado_por: string, };

export type Cuota = { numero: number, vence: string, 
/**
 * The part of the frozen saldo this cuota pays.
 */
amortizacion: Centavos, 
/**
 * The financing interest it carries.
 */
interes: Centavos, };

export type EstadoConvenio = { 
/**
 * `vigente`, `incumplido` or `cumplido`.
 */
estado: string, 
/**
 * Paid towards the cuotas.
 */
pagado: Centavos, 
/**
 * Cuotas fully covered.
 */
pagadas: number, 
/**
 * Numbers of the cuotas overdue on the day.
 */
vencidas: Array<number>, 
/**
 * What is due and unpaid on the day (overdue cuotas, less what partly covers them).
 */
vencido: Centavos, 
/**
 * The next cuota not yet covered.
 */
proxima: Cuota | null, 
/**
 * The day the convenio fell into default.
 */
incumplido_desde: string | null, };

export type Aviso = { proceso: string, convenio: number, estado: string, vencidas: number, vencido: Centavos, proxima: Cuota | null, incumplido_desde: string | null, };

export type Honorario = { id: number, proceso: string, abogado: string, abogado_nombres: string, fecha: string, 
/**
 * Capital and interest recovered that this request covers.
 */
recuperado: Centavos, 
/**
 * «10.00».
 */
porcentaje: string, valor: Centavos, 
/**
 * `pendiente`, `aprobada` or `rechazada`.
 */
estado: string, motivo: string | null, solicitado_por: string, decidido_por: string | null, 
/**
 * The expediente's chain and documents verify (checked when listed).
 */
verificado: boolean, 
/**
 * Every payment's receipt is foliated and the expediente has fojas.
 */
completo: boolean, 
/**
 * What the Jefe should look at, in words.
 */
observaciones: Array<string>, };

export type InformeInsolvencia = { 
/**
 * «noviembre y diciembre de 2026».
 */
bimestre: string, desde: string, hasta: string, procesos: Array<Remitido>, nuevos: number, saldo: Centavos, };

export type Remitido = { proceso: string, titulo: string, obligado: string, identificacion: string, abogado: string, 
/**
 * The day it was referred.
 */
remitido: string, 
/**
 * Referred within the report's two months.
 */
en_el_bimestre: boolean, 
/**
 * The fojas of its oficio de remisión, once foliated.
 */
oficio: string | null, 
/**
 * What is still owed at the report's end (absent when a day of mora has no rate).
 */
saldo: Centavos | null, 
/**
 * In words: «remitido; oficio en fojas 12–13» or what is missing.
 */
estado: string, };

export type Carga = { usuario: string, nombres: string, 
/**
 * Procesos he has now.
 */
asignados: number, 
/**
 * Of those, the ones with a party still to cite.
 */
pendientes: number, 
/**
 * Diligencias in the last 30 days.
 */
diligencias_mes: number, };

export type Asignacion = { proceso: string, citador: string, nombres: string, por_turno: boolean, };

export type Evaluacion = { citador: string, nombres: string, diligencias: number, 
/**
 * Parties he cited (the diligencia that completed the citación was his).
 */
citadas: number, 
/**
 * Parties whose first diligencia was his.
 */
primeros_intentos: number, 
/**
 * Of those, cited at that first diligencia.
 */
citadas_al_primer_intento: number, 
/**
 * «62,5»: `citadas_al_primer_intento` over `primeros_intentos`, in percent.
 */
porcentaje_primer_intento: string, 
/**
 * Average calendar days from the orden de pago to the citación, over `citadas`.
 */
dias_promedio: string | null, };

export type Medida = { id: number, proceso: string, tipo: string, 
/**
 * The kind, as people read it: «retención de fondos».
 */
nombre: string, entidad: string, detalle: string | null, monto: Centavos, providencia: string, providencia_fecha: string, fecha: string, oficio: string, actuacion: number, respuestas: Array<Respuesta>, 
/**
 * Held under it and not released.
 */
retenido: Centavos, levantamiento: Levantamiento | null, 
/**
 * «sin respuesta», «respondida» or «levantada».
 */
estado: string, 
/**
 * Unanswered for longer than the unit's `dias_respuesta_oficio`.
 */
atrasada: boolean, };

export type TipoMedida = { codigo: string, nombre: string, entidad: string, };

export type Respuesta = { id: number, fecha: string, texto: string, banco: string | null, cuenta: string | null, retenido: Centavos, actuacion: number | null, };

export type Levantamiento = { motivo: string, detalle: string | null, fecha: string, oficio: string, actuacion: number, };

export type Excepcion = { id: number, proceso: string, clase: string, fecha: string, fundamento: string, organo: string, causa: string | null, suspende: boolean, resolucion: Resolucion | null, 
/**
 * «pendiente», or the resolution's outcome.
 */
estado: string, };

export type Resolucion = { fecha: string, resultado: string, detalle: string | null, };

export type InformeExcepciones = { desde: string, hasta: string, 
/**
 * (state, class, how many)
 */
por_estado: Array<[string, string, number]>, excepciones: Array<Excepcion>, };

export type Deprecatorio = { id: number, sentido: string, proceso: string | null, unidad: string, referencia: string | null, pedido: string, detalle: string, fecha: string, novedades: Array<Novedad>, 
/**
 * «enviado» or «recibido» until its first news, then the latest news' state.
 */
estado: string, };

export type Novedad = { id: number, estado: string, fecha: string, detalle: string | null, 
/**
 * SHA-256 of the document exchanged.
 */
documento: string | null, 
/**
 * Its actuación in this unit's expediente (a commission sent).
 */
actuacion: number | null, };

export type Garantia = { id: number, proceso: string, convenio: number | null, tipo: string, garante: string, identificacion: string, monto: Centavos, emisor: string | null, documento: string | null, fecha: string, vence: string | null, detalle: string | null, ejecucion: Ejecucion | null, 
/**
 * «vigente», «vencida», or the execution's result.
 */
estado: string, 
/**
 * Days to expiry today (negative: expired), when it expires.
 */
dias_para_vencer: number | null, };

export type Ejecucion = { fecha: string, resultado: string, valor: Centavos, detalle: string | null, };

export type Bien = { id: number, proceso: string, clase: string, origen: string, descripcion: string, ubicacion: string | null, 
/**
 * The kind's fields: (name as printed, value).
 */
datos: Array<[string, string]>, fecha: string, 
/**
 * The latest state, if any (none: offered, not yet seized).
 */
estado: string | null, depositario: string | null, lugar: string | null, };

export type Depositario = { identificacion: string, nombres: string, telefono: string | null, direccion: string | null, 
/**
 * Goods in his custody now.
 */
bienes: number, };

export type Inventario = { filas: Array<FilaInventario>, por_estado: Array<TotalEstado>, bienes: number, avaluo: Centavos, };

export type FilaInventario = { bien: Bien, 
/**
 * The depositario's names.
 */
depositario_nombres: string | null, 
/**
 * The latest avalúo, if any.
 */
avaluo: Centavos | null, 
/**
 * Since when the bien is in its state.
 */
desde: string | null, };

export type TotalEstado = { estado: string, bienes: number, avaluo: Centavos, };

export type Avaluo = { id: number, bien: number, perito: string, perito_nombres: string, fecha: string, valor: Centavos, 
/**
 * The actuación of the perito's report in the expediente.
 */
actuacion: number, };

export type Remate = { id: number, proceso: string, convocatoria: number, bienes: Array<number>, avaluo: Centavos, 
/**
 * «66,67 %».
 */
porcentaje: string, base: Centavos, fecha: string, hora: string, lugar: string, 
/**
 * convocado, rematado, desierto or adjudicado.
 */
estado: string, publicaciones: Array<Publicacion>, posturas: Array<Postura>, cierre: Cierre | null, adjudicacion: Adjudicacion | null, };

export type Publicacion = { id: number, fecha: string, medio: string, detalle: string | null, };

export type Postura = { id: number, postor: string, identificacion: string, valor: Centavos, deposito: Centavos, fecha: string, };

export type Cierre = { fecha: string, 
/**
 * rematado or desierto.
 */
resultado: string, postura: number | null, actuacion: number, };

export type Adjudicacion = { fecha: string, referencia: string, pago: number | null, 
/**
 * What the price paid of the debt, and what is left over for the coactivado.
 */
aplicado: Centavos, sobrante: Centavos, };

export type InformeDepositario = { id: number, proceso: string, depositario: string, fecha: string, detalle: string, incidente: string | null, actuacion: number, };

export type Custodia = { depositario: string, nombres: string, proceso: string, bienes: number, 
/**
 * Since when he keeps them (the earliest deposit of those goods).
 */
desde: string, ultimo_informe: string | null, 
/**
 * When the next report is due.
 */
vence: string, 
/**
 * Days past due (0 if on time).
 */
dias_atraso: number, };

export type EvaluacionDepositario = { depositario: string, nombres: string, 
/**
 * Goods in his custody now.
 */
bienes: number, procesos: number, 
/**
 * Reports handed in during the period, and how many within the period after the previous one.
 */
informes: number, a_tiempo: number, 
/**
 * Reports overdue today.
 */
atrasados: number, 
/**
 * Reports of the period that recorded an incident.
 */
incidentes: number, };

export type Bodegaje = { id: number, proceso: string, proveedor: string, identificacion: string, bienes: Array<number>, desde: string, hasta: string, costo: Centavos, 
/**
 * The costa it became, and its state (pendiente until the Jefe approves it).
 */
costa: number, estado_costa: string, };

export type Lote = { documento: string, 
/**
 * The document's title, for messages.
 */
nombre: string, foliado: boolean, 
/**
 * How many procesos were asked for.
 */
pedidos: number, hechos: Array<HechoLote>, fallidos: Array<FalloLote>, 
/**
 * The person cancelled: `hechos` and `fallidos` cover the procesos before that.
 */
cancelado: boolean, };

export type HechoLote = { proceso: string, 
/**
 * The fojas it took, when foliated.
 */
desde: number | null, hasta: number | null, paginas: number, };

export type FalloLote = { proceso: string, 
/**
 * `conflicto` when the document was already in its expediente (see [`crate::Error::codigo`]).
 */
codigo: string, mensaje: string, };

export type Apertura = { sorteo: number, abiertos: Array<Proceso>, fallidos: Array<FalloLote>, 
/**
 * Títulos of the sorteo that already had their proceso (left as they were).
 */
ya_abiertos: number, };

export type Filtro = { 
/**
 * What the person typed: a proceso or título number, an identification, or words of the
 * obligado's or the abogado's name.
 */
texto: string | null, 
/**
 * A stage's code (`orden_pago`).
 */
etapa: string | null, 
/**
 * The abogado's identification.
 */
abogado: string | null, 
/**
 * Procesos in force whose título became exigible so many days ago: `0-90`, `91-180`,
 * `181-360` or `360+` (the inventory's bands).
 */
antiguedad: string | null, 
/**
 * The total owed, at least / at most, as people write it (`1.234,56`).
 */
minimo: string | null, maximo: string | null, 
/**
 * Opened on or after / on or before (`dd/mm/aaaa`).
 */
desde: string | null, hasta: string | null, 
/**
 * `numero` (by default), `titulo`, `obligado`, `identificacion`, `total`, `etapa` or `abogado`.
 */
orden: string | null, descendente: boolean, };

export type InventarioProcesos = { al: string, procesos: number, capital: Centavos, total: Centavos, por_etapa: Array<GrupoReporte>, por_abogado: Array<GrupoReporte>, por_monto: Array<GrupoReporte>, por_antiguedad: Array<GrupoReporte>, };

export type GrupoReporte = { 
/**
 * What the line is, for programs (`orden_pago`, an abogado's cédula, `0-90`).
 */
clave: string, 
/**
 * What the line is, for people.
 */
nombre: string, procesos: number, capital: Centavos, 
/**
 * The títulos' total (capital and the interest the título liquidated).
 */
total: Centavos, };

export type Recaudacion = { desde: string, hasta: string, total: GrupoRecaudado, por_mes: Array<GrupoRecaudado>, por_abogado: Array<GrupoRecaudado>, };

export type GrupoRecaudado = { clave: string, nombre: string, pagos: number, procesos: number, valor: Centavos, capital: Centavos, intereses: Centavos, costas: Centavos, honorarios: Centavos, };

export type Reporte = { nombre: string, titulo: string, 
/**
 * For a report of a period, its first day.
 */
desde: string | null, 
/**
 * The cut, or the period's last day.
 */
hasta: string, 
/**
 * The sentence that sums it up.
 */
resumen: string, notas: Array<string>, secciones: Array<SeccionReporte>, };

export type SeccionReporte = { titulo: string, columnas: Array<ColumnaReporte>, filas: Array<FilaReporte>, total: FilaReporte | null, 
/**
 * The column drawn as bars (one a line), if any.
 */
grafico: number | null, 
/**
 * What the lines' `clave` filters the procesos list by (`etapa`, `abogado`,
 * `antiguedad`), when a line opens the procesos behind it.
 */
lista: string | null, };

export type FilaReporte = { 
/**
 * What the line is, for programs and for opening the list behind it: a stage's code, an
 * abogado's cédula, a band.
 */
clave: string | null, celdas: Array<CeldaReporte>, };

export type CeldaReporte = { texto: string, 
/**
 * Integers and cents as integers, shares and averages as decimals; none for text.
 */
numero: number | null, fecha: string | null, };

export type ColumnaReporte = { nombre: string, tipo: TipoColumna, };

export type TipoColumna = "texto" | "entero" | "dinero" | "fecha" | "parte" | "decimal";

export type Tablero = { 
/**
 * The figures are the actor's own procesos, not the unit's.
 */
propios: boolean, inventario: InventarioProcesos, 
/**
 * The twelve months to today, every month present (a month with nothing is a zero).
 */
recaudacion: Recaudacion, por_abogado: Array<CargaAbogado>, };

export type CargaAbogado = { identificacion: string, nombres: string, 
/**
 * Procesos in force and their títulos' total.
 */
procesos: number, total: Centavos, 
/**
 * Collected on his procesos in the dashboard's twelve months.
 */
recuperado: Centavos, };

export type Respaldo = { ruta: string, 
/**
 * When it was taken (America/Guayaquil).
 */
fecha: string, bytes: number, 
/**
 * The change log's last entry it holds.
 */
cambios: number, };

export type Restauracion = { anterior: string, al_dia: PuestaAlDia | null, };

export type PuestaAlDia = { 
/**
 * `al_dia` (the centre holds nothing newer), `recuperado` (the changes the centre held
 * beyond the backup were brought back), `sin_central` (no centre configured, or a folder:
 * ask the centre), `sin_conexion` (the centre did not answer; nothing changed).
 */
estado: string, 
/**
 * Changes brought back from the centre.
 */
cambios_recuperados: number, 
/**
 * A sentence for the Jefe.
 */
mensaje: string, 
/**
 * Changes only the restored copy had, not kept (it had parted from the centre).
 */
cambios_perdidos: Array<string>, 
/**
 * Documents neither the centre's log nor the backup hold.
 */
documentos_faltantes: Array<string>, };
