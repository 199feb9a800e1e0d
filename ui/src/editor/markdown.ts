/**
 * Markdown for the editor: GFM highlighting, code blocks highlighted in their own
 * language (loaded when first seen), and the Markdown keys (Enter continues a
 * list, Backspace removes its marker) and paste-URL-as-link.
 *
 * Built from `@codemirror/lang-markdown`'s parts rather than its `markdown()`,
 * which always brings HTML support (with CSS and JavaScript parsers) and tag
 * completion: a quarter of the editor's start-up JavaScript for raw HTML, which
 * the preview never shows. HTML in a document is still marked as such; an
 * `html` code block still gets HTML highlighting, loaded when one appears.
 * Parsed in chunks (./markdown-chunks.ts), so a keystroke in a long document
 * parses again only the part around it.
 */
import { Language, LanguageDescription, LanguageSupport, ParseContext } from "@codemirror/language";
import { markdownKeymap, markdownLanguage, pasteURLAsLink } from "@codemirror/lang-markdown";
import { Prec } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import type { Parser } from "@lezer/common";
import { type MarkdownParser, parseCode } from "@lezer/markdown";
import { chunkedMarkdown } from "./markdown-chunks";

/** Markdown with fenced code highlighted by the language its info string names, from `languages`. */
export function markdownSupport(languages: readonly LanguageDescription[]): LanguageSupport {
  const base = markdownLanguage.parser as MarkdownParser;
  const parser = base.configure(parseCode({ codeParser: (info) => codeParser(languages, info) }));
  const language = new Language(markdownLanguage.data, chunkedMarkdown(parser), [], "markdown");
  return new LanguageSupport(language, [Prec.high(keymap.of(markdownKeymap)), pasteURLAsLink]);
}

/** The parser for a code block whose info string is `info` (its first word names the language). */
function codeParser(languages: readonly LanguageDescription[], info: string): Parser | null {
  const name = /\S*/.exec(info)?.[0];
  if (!name) return null;
  const found = LanguageDescription.matchLanguageName(languages, name, true);
  if (!found) return null;
  return found.support ? found.support.language.parser : ParseContext.getSkippingParser(found.load());
}
