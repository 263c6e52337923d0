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

/** Text a template put into a rendered canary conversation that came from neither the messages nor a marker, judged by what it says. */
export interface TemplateInjectedText {
  /** Canary conversation: `plain`, `system`, `tools`, `system+tools`. */
  scenario: string;
  /** `after user message 1`, `before the first user message, besides the caller's system prompt`, ... */
  where: string;
  /** The text, shortened (around the matched instruction when there is one). */
  text: string;
  /**
   * `turn`: inside the conversation after the user's first message; `system`: on top of the
   * caller's system prompt; `default`: the template's own system prompt when the caller gave none;
   * `tools`: before the first user message when tools are given.
   */
  kind: "turn" | "system" | "default" | "tools";
  /**
   * `instruction`: matches rules/_lists/template-instruction-classes.yaml; `unrecognized`: three or
   * more words that are neither context phrases (template-benign-text.yaml) nor role words;
   * `context`: only dates, tool boilerplate and role words.
   */
  verdict: "instruction" | "unrecognized" | "context";
  /** For instructions: each class matched, what it means and the words that matched. */
  classes?: { name: string; description: string; match: string }[];
  /** For context: the known phrases found. */
  context?: string[];
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
