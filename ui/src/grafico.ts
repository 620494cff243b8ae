// Bar charts drawn here as SVG (no network, no library): one bar a line, as long as its share
// of the largest, with its figure after it. A bar with `abrir` is a button: a click or Enter
// opens the list behind it.
const SVG = "http://www.w3.org/2000/svg";

export interface Barra {
  nombre: string;
  valor: number;
  cifra: string;
  abrir?: () => void;
}

/** Horizontal bars, `etiqueta` naming the chart for a screen reader. */
export function barras(grupos: Barra[], etiqueta: string): SVGSVGElement {
  const alto = 22;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 600 ${grupos.length * alto + 4}`);
  svg.setAttribute("class", "grafico");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", etiqueta);
  const mayor = Math.max(0, ...grupos.map((g) => g.valor));
  grupos.forEach((g, i) => {
    const y = i * alto + 2;
    const fila = document.createElementNS(SVG, "g");
    const nombre = document.createElementNS(SVG, "text");
    nombre.setAttribute("x", "0");
    nombre.setAttribute("y", String(y + 15));
    nombre.textContent = g.nombre.length > 34 ? `${g.nombre.slice(0, 33)}…` : g.nombre;
    const barra = document.createElementNS(SVG, "rect");
    // Room after the longest bar for its figure («USD 1.234.567,89»).
    const ancho = mayor > 0 ? Math.max((g.valor / mayor) * 240, g.valor > 0 ? 2 : 0) : 0;
    barra.setAttribute("x", "230");
    barra.setAttribute("y", String(y + 3));
    barra.setAttribute("width", String(ancho));
    barra.setAttribute("height", String(alto - 8));
    barra.setAttribute("class", "barra-grafico");
    const cifra = document.createElementNS(SVG, "text");
    cifra.setAttribute("x", String(236 + ancho));
    cifra.setAttribute("y", String(y + 15));
    cifra.textContent = g.cifra;
    fila.append(nombre, barra, cifra);
    if (g.abrir) {
      const abrir = g.abrir;
      fila.setAttribute("class", "barra-enlace");
      fila.setAttribute("role", "button");
      fila.setAttribute("tabindex", "0");
      fila.setAttribute("aria-label", `${g.nombre}: ${g.cifra}. Ver la lista`);
      fila.addEventListener("click", abrir);
      fila.addEventListener("keydown", (ev) => {
        if ((ev as KeyboardEvent).key === "Enter" || (ev as KeyboardEvent).key === " ") { ev.preventDefault(); abrir(); }
      });
    }
    svg.append(fila);
  });
  return svg;
}
