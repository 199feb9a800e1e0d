/**
 * "New from template": every template (built-in, the user's folder, the team
 * folder) with description, section count and a rendered preview; asks for the
 * title and owner of the new spec.
 */
import * as ipc from "../ipc";
import type { TemplateEntry, TemplateList } from "../ipc";
import { morphBlocks } from "../preview/morph";
import { button, h } from "./dom";
import { openModal } from "./modal";

export interface PickedTemplate {
  templateId: string;
  title: string;
  owner: string | null;
}

const ORIGINS: Record<string, string> = { builtin: "Built-in", user: "Your templates", team: "Team templates" };

/** Shows the picker; resolves with the choice or `null` when cancelled. */
export async function pickTemplate(): Promise<PickedTemplate | null> {
  let list = await ipc.listTemplates();
  return new Promise((resolve) => {
    let selected: TemplateEntry | null = null;
    const listBox = h("div", { class: "template-list", role: "listbox", "aria-label": "Templates" });
    const preview = h("article", { class: "preview markdown-body template-preview", "data-testid": "template-preview" });
    const heading = h("div", { class: "template-heading" });
    const title = h("input", { type: "text", placeholder: "e.g. Checkout redesign", required: true, "data-testid": "template-title", "aria-label": "Title" });
    const owner = h("input", { type: "text", placeholder: "Your name (optional)", "data-testid": "template-owner", "aria-label": "Owner" });
    const create = h("button", { type: "submit", class: "primary", "data-testid": "create-document", disabled: true }, "Create");
    const footer = h("div", { class: "template-footer" });

    const select = async (entry: TemplateEntry) => {
      selected = entry;
      listBox.querySelectorAll("[aria-selected]").forEach((el) => el.setAttribute("aria-selected", String(el.getAttribute("data-id") === entry.id)));
      heading.replaceChildren(h("h2", {}, entry.name), h("p", { class: "muted" }, `${entry.description} · ${entry.section_count} sections`));
      create.disabled = false;
      try {
        const rendered = await ipc.templatePreview(entry.id);
        if (selected?.id === entry.id) morphBlocks(preview, rendered.html);
      } catch (error) {
        preview.replaceChildren(h("p", { class: "error" }, error instanceof Error ? error.message : String(error)));
      }
    };

    const renderList = () => {
      const groups = new Map<string, TemplateEntry[]>();
      for (const t of list.templates) groups.set(t.origin, [...(groups.get(t.origin) ?? []), t]);
      listBox.replaceChildren(
        ...[...groups.entries()].flatMap(([origin, entries]) => [
          h("h3", {}, ORIGINS[origin] ?? origin),
          ...entries.map((t) => {
            const item = h(
              "button",
              { type: "button", class: "template-item", role: "option", "aria-selected": "false", "data-id": t.id, "data-testid": `template-${t.id}` },
              h("strong", {}, t.name),
              h("span", { class: "muted" }, t.description),
              h("span", { class: "count" }, `${t.section_count} sections`),
            );
            item.addEventListener("click", () => void select(t));
            return item;
          }),
        ]),
      );
      renderFooter(list);
    };

    const renderFooter = (current: TemplateList) => {
      const problems = current.problems.map((p) => h("li", { class: "error" }, p.message));
      footer.replaceChildren(
        h("span", { class: "muted" }, `Team folder: ${current.team_folder ?? "none"}`),
        button("Choose team folder…", () => void chooseTeam(), { "data-testid": "choose-team-folder" }),
      );
      if (problems.length) footer.append(h("ul", { class: "problems" }, ...problems));
    };

    const chooseTeam = async () => {
      list = await ipc.chooseTeamFolder();
      renderList();
    };

    const form = h(
      "form",
      { class: "template-picker", "data-testid": "template-picker", role: "dialog", "aria-label": "New from template" },
      h("header", {}, h("h1", {}, "New from template")),
      h("div", { class: "template-body" }, listBox, h("div", { class: "template-detail" }, heading, preview)),
      h(
        "div",
        { class: "template-form" },
        h("label", {}, "Title", title),
        h("label", {}, "Owner", owner),
        button("Cancel", () => finish(null), { "data-testid": "cancel-template" }),
        create,
      ),
      footer,
    );
    let close = () => {};
    const finish = (value: PickedTemplate | null) => {
      close();
      resolve(value);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!selected) return;
      if (!title.value.trim()) {
        title.focus();
        return;
      }
      finish({ templateId: selected.id, title: title.value.trim(), owner: owner.value.trim() || null });
    });
    close = openModal(form, () => finish(null), "overlay");
    renderList();
    if (list.templates[0]) void select(list.templates[0]);
    title.focus();
  });
}
