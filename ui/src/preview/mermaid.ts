/**
 * Mermaid diagrams, rendered offline by the bundled `mermaid` package with strict
 * security and no HTML labels (plain SVG text, so nothing from the document is
 * parsed as HTML). Loaded on first use to keep start-up fast.
 */

type MermaidApi = typeof import("mermaid").default;

let api: Promise<MermaidApi> | null = null;
let counter = 0;

function load(): Promise<MermaidApi> {
  api ??= import("mermaid").then(({ default: mermaid }) => {
    const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      theme: dark ? "dark" : "default",
      fontFamily: "inherit",
    });
    return mermaid;
  });
  return api;
}

/**
 * True if `block` is a fenced code block whose info string starts with
 * `mermaid`, in any case — the same test the exporters use to key diagrams.
 */
export function isMermaidBlock(block: Element): boolean {
  if (block.tagName !== "PRE") return false;
  const lang = block.getAttribute("lang") ?? block.querySelector("code")?.className.match(/(?:^|\s)language-(\S+)/)?.[1] ?? "";
  return lang.toLowerCase() === "mermaid";
}

/** Wraps a Mermaid code block so the diagram can replace it once rendered. */
export function wrapMermaid(block: Element): Element {
  const wrapper = block.ownerDocument.createElement("figure");
  wrapper.className = "mermaid-diagram";
  const pos = block.getAttribute("data-sourcepos");
  if (pos) wrapper.setAttribute("data-sourcepos", pos);
  // One position per block, on the wrapper: the code block is replaced by the
  // diagram once drawn, and a kept diagram gets new positions like any block.
  block.removeAttribute("data-sourcepos");
  wrapper.append(block);
  return wrapper;
}

/** Renders the diagram inside a wrapper made by {@link wrapMermaid}. */
export async function renderMermaid(wrapper: Element): Promise<void> {
  const source = wrapper.querySelector("code")?.textContent ?? "";
  const id = `mermaid-${++counter}`;
  try {
    const mermaid = await load();
    const { svg } = await mermaid.render(id, source);
    const template = wrapper.ownerDocument.createElement("template");
    template.innerHTML = svg;
    template.content.querySelectorAll("script,foreignObject").forEach((el) => el.remove());
    wrapper.replaceChildren(template.content);
  } catch (error) {
    const message = wrapper.ownerDocument.createElement("p");
    message.className = "mermaid-error";
    message.textContent = `Diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    wrapper.querySelector(".mermaid-error")?.remove();
    wrapper.append(message);
    // Mermaid leaves its scratch element behind when a diagram fails to parse.
    wrapper.ownerDocument.getElementById(`d${id}`)?.remove();
  }
}

/** Theme and font for exported diagrams: printed on white whatever the app's theme. */
const EXPORT_DIRECTIVE = '%%{init: {"theme": "default", "fontFamily": "Inter, Helvetica, Arial, sans-serif"}}%%\n';

/**
 * Renders Mermaid `source` to a standalone SVG document for export (PDF, HTML),
 * with SVG text labels and no `foreignObject` or script; `null` when the
 * diagram cannot be drawn, so the exporter shows its source instead.
 */
export async function mermaidSvg(source: string): Promise<string | null> {
  const id = `mermaid-export-${++counter}`;
  try {
    const mermaid = await load();
    // A leading front-matter block must stay first; it carries its own config.
    const themed = source.trimStart().startsWith("---") ? source : EXPORT_DIRECTIVE + source;
    const { svg } = await mermaid.render(id, themed);
    const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
    if (parsed.querySelector("parsererror") || parsed.documentElement.localName !== "svg") return null;
    parsed.querySelectorAll("script, foreignObject").forEach((el) => el.remove());
    return new XMLSerializer().serializeToString(parsed.documentElement);
  } catch {
    document.getElementById(`d${id}`)?.remove();
    return null;
  }
}
