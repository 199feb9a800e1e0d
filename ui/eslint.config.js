import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/ipc/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tauri-apps/*"],
              message: "Only src/ipc/index.ts talks to Tauri; import from there.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/ipc/index.ts", "src/**/*.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
