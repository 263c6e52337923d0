import { fact } from "../../types/fact.js";
import type { RepoInspector } from "../../types/inspector.js";
import type { TrainingFiles } from "./facts.js";

const ARGS = /(^|\/)(training_args\.(bin|json)|train_args\.(json|ya?ml)|args\.json|hparams\.ya?ml|hyperparameters\.json)$/i;
const SCRIPTS = /(^|\/)((train|training|finetune|fine_tune|fine-tune|pretrain|run_(clm|mlm|glue|seq2seq|translation|summarization|qa|sft|dpo)|sft|dpo)[\w.-]*\.(py|sh|ipynb|ya?ml|json|toml)|(axolotl|accelerate|deepspeed|ds)_?config[\w.-]*\.(ya?ml|json))$/i;
const LOGS = /(^|\/)(trainer_state\.json|all_results\.json|train_results\.json|training_log[\w.-]*|runs\/.+\.tfevents\..+|events\.out\.tfevents\..+)$/i;

/** Training artefacts visible in the repo listing (checklist item 5: what can be seen of the pipeline). */
export const trainingFilesInspector: RepoInspector = {
  name: "training-files",
  async *inspectRepo(_facts, ctx) {
    const out: TrainingFiles = { trainingArgs: [], scripts: [], logs: [] };
    for (const f of ctx.files) {
      if (ARGS.test(f.path)) out.trainingArgs.push(f.path);
      else if (SCRIPTS.test(f.path)) out.scripts.push(f.path);
      else if (LOGS.test(f.path)) out.logs.push(f.path);
    }
    for (const k of ["trainingArgs", "scripts", "logs"] as const) out[k] = out[k].sort().slice(0, 100);
    yield fact("card.training-files", out);
  },
};
