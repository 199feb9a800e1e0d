/**
 * Defence in depth for the preview. The engine already omits raw HTML and drops
 * dangerous URLs, and the CSP forbids inline scripts; this pass still strips
 * anything executable or remote before a node reaches the live document.
 */

const FORBIDDEN = "script,iframe,frame,frameset,object,embed,style,link,meta,base,form,template,audio,video,source,track";
const SAFE_LINK = /^(https?:|mailto:|#)/i;

/** Removes scripts, handlers, unsafe links and remote images from `root` in place. */
export function sanitize(root: DocumentFragment | Element): void {
  root.querySelectorAll(FORBIDDEN).forEach((el) => el.remove());
  const all = root.querySelectorAll("*");
  all.forEach((el) => {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name === "style" || name === "srcdoc" || name === "formaction") {
        el.removeAttribute(attr.name);
      }
    }
    const href = el.getAttribute("href") ?? el.getAttribute("xlink:href");
    if (href !== null && !SAFE_LINK.test(href.trim()) && !isRelative(href)) {
      el.removeAttribute("href");
      el.removeAttribute("xlink:href");
    }
    if (el.tagName === "IMG") {
      const src = el.getAttribute("src") ?? "";
      if (!/^data:image\/(png|gif|jpeg|webp);/i.test(src)) {
        el.removeAttribute("src");
        el.setAttribute("data-blocked-src", src);
        el.classList.add("blocked-image");
        el.setAttribute("title", `Image not loaded: ${src}`);
      }
    }
  });
}

function isRelative(href: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(href.trim()) && !href.trim().startsWith("//");
}
