/** Special tokens a tokenizer config defines; the template renderer and marker stripping use them. */
export interface TemplateSpecialTokens {
  bos?: string;
  eos?: string;
  unk?: string;
  pad?: string;
  /** Every special / added token string (role markers such as `<|im_start|>`). */
  all: string[];
}

/** A Python-internals access found by walking a template's parsed AST. */
export interface TemplateInternalAccess {
  /** What was accessed: `__class__`, `cycler`, `attr filter`, ... */
  name: string;
  /** Where in the AST: `attribute`, `identifier`, `filter`, `string`. */
  kind: "attribute" | "identifier" | "filter" | "string";
}

export type RenderStatus = "ok" | "error" | "timeout" | "skipped";

/** Text a template put into a rendered canary conversation that came from neither the messages nor a marker. */
export interface TemplateInjectedText {
  /** Canary conversation: `plain`, `system`, `tools`, `system+tools`. */
  scenario: string;
  /** `after user message 1`, `before the first user message`, ... */
  where: string;
  /** The text, shortened. */
  text: string;
  /** `turn`: inside the conversation after the user's first message; `system`: added on top of the caller's system prompt. */
  kind: "turn" | "system";
}

/** Everything the template checks need about one chat template. */
export interface TemplateAnalysis {
  /** Repo path of the container (tokenizer_config.json, model.gguf, chat_template.jinja). */
  source: string;
  origin: string;
  name?: string;
  parseStatus: "ok" | "syntax-error" | "too-large";
  parseError?: string;
  internals: TemplateInternalAccess[];
  /** Rendering a plain user/assistant/user conversation. */
  plainRender: RenderStatus;
  plainRenderError?: string;
  injected: TemplateInjectedText[];
  /** Prose the template adds before the first user message when the caller gives no system prompt. */
  defaultPrompt?: string;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "chat-template.special-tokens": TemplateSpecialTokens;
    "chat-template.analysis": TemplateAnalysis;
  }
}
